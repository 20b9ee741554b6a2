/*
 * item.h - reading a Questionnaire's items: types, options, extensions.
 * Shared by the forms engine's files (definition.c, answers.c, score.c);
 * not a public API of the engine.
 */
#ifndef SPIRE_SERVICE_FORMS_ITEM_H
#define SPIRE_SERVICE_FORMS_ITEM_H

#include <jansson.h>

/* 1 when type is one of the item types Spire renders and checks. */
int item_type_known(const char *type);

/* 1 for choice and open-choice. */
int item_is_choice(const char *type);

/* 1 for the types that take maxLength: string, text, open-choice. */
int item_has_length(const char *type);

/* 1 when id is a FHIR id Spire accepts: 1..FORMS_ID_MAX of [A-Za-z0-9-.]. */
int item_valid_id(const char *id);

/* The definition's version as a whole number >= 1 into *version: 0, or
 * -1 when it is missing or not one. */
int item_version(const json_t *doc, long *version);

/* An answerOption's code (valueCoding.code or valueString), or NULL. */
const char *item_option_code(const json_t *option);

/* The option of item whose code is code, or NULL. Borrowed. */
const json_t *item_option(const json_t *item, const char *code);

/* The first extension of x with url, or NULL. Borrowed. */
json_t *item_extension(const json_t *x, const char *url);

/* A nested extension (url = name) of a complex extension, or NULL. */
json_t *item_sub(const json_t *x, const char *name);

/* A nested extension's valueString, or NULL. */
const char *item_sub_string(const json_t *x, const char *name);

/* The item with link_id anywhere under items, or NULL. Borrowed. */
const json_t *item_find(const json_t *items, const char *link_id);

/* The item's type, or "" when it has none. */
const char *item_type(const json_t *item);

/*
 * Whether the answers given to a question (an array of JSON values, each
 * as forms_validate accepts it) meet a condition: op ("exists", "=",
 * "!=", ">", "<", ">=", "<=") against the condition's answer[x] (prefix
 * "answer", for enableWhen) or value[x] (prefix "value", for flags).
 * No answers meet nothing but "exists" false.
 */
int item_condition(const json_t *given, const char *op, const json_t *cond,
                   const char *prefix);

/*
 * The value of the bound extension url (FORMS_EXT_MIN_VALUE or
 * FORMS_EXT_MAX_VALUE) on item, of the item's type (valueInteger,
 * valueDecimal or valueDate); NULL when the item has no such extension.
 * *wrong is 1 when it has one whose value is missing or of another type,
 * or the item's type takes no bounds. Borrowed from item.
 */
const json_t *item_bound(const json_t *item, const char *url, int *wrong);

/* Compare two answers or bounds of one type (numbers, or dates as
 * YYYY-MM-DD text): <0, 0 or >0 as a is before, equal to or after b. */
int item_value_cmp(const json_t *a, const json_t *b);

#endif

/*
 * fields.h - declarative descriptions of a record's editable fields.
 *
 * Each resource declares its fields once (name, type, limits, allowed
 * values). fields_apply() validates a JSON body against them and merges
 * it into a record; the store binds the record's values in field order;
 * fields_present() turns stored 0/1 and JSON text back into booleans and
 * arrays for replies.
 */
#ifndef SPIRE_FIELDS_H
#define SPIRE_FIELDS_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "core/vocab.h"

enum field_type {
	FT_TEXT,     /* free text up to max characters */
	FT_ENUM,     /* a current term of vocab (core/vocab.h) */
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* ISO 8601 date-time */
	FT_BOOL,
	FT_BOOL_NULL, /* true, false or null (not known); stored 1/0/NULL */
	FT_INT,       /* integer in [min, max] */
	FT_ID,        /* reference to another record: positive integer */
	FT_LIST,      /* array of strings, each up to max characters, or
	                 each a current term of vocab when it is set */
	FT_EMAIL,
	FT_PHONE,
	FT_POSTCODE,
	FT_NHS,
	FT_UPN,
	FT_PNC,
	FT_IDENT, /* other identifier (local id): up to max characters,
	             stored as norm_identifier() gives it */
};

#define FF_REQUIRED 1u  /* must be present (and non-null) on create */
#define FF_IMMUTABLE 2u /* may be set on create only */
#define FF_SERVER 4u    /* set by Spire, never from a request body */
#define FF_LINE                                                                \
	8u /* FT_TEXT on one line: a name or title, no control                 \
	      characters at all (no tabs or line breaks) */
/* An answer the practitioner must give on create: the key must be in the
 * body, null meaning "not known" (a fact not checked). Nothing is chosen
 * for them: a form that leaves the question unanswered is refused, naming
 * the field (brief s22 FIX3: a blank KPI form cleared the overdue item). */
#define FF_ANSWER 16u

struct field {
	const char *name;
	enum field_type type;
	unsigned flags;
	long long min, max; /* FT_INT range; max characters for text */
	/* FT_ENUM / FT_LIST: the registry vocabulary (core/vocab.h) whose
	 * codes the field holds; NULL for a free-text list. */
	const struct vocab *vocab;
	/* The field as practitioners read it in a message, mid-sentence:
	 * lower case but for acronyms and names ("type of accommodation",
	 * "education, training or employment provision"). For a yes/no
	 * field (FT_BOOL, FT_BOOL_NULL), the statement a yes affirms, read
	 * after "whether" ("the child is in education, training or
	 * employment"). NULL: fields_label() derives one from the name.
	 * Every generated message is built from it (fields_label_of()). */
	const char *label;
};

/*
 * Validate the object `in` and merge it into `rec`. Every key of `in` must
 * be a field or listed in `ignore` (NULL-ended, may be NULL). On create,
 * required fields must end up non-null. Values are normalised (postcodes
 * upper-cased and spaced, identifiers by norm_identifier/norm_pnc_id).
 * A vocabulary field takes a current (not retired) term, or the retired
 * term rec already holds, so old records stay editable.
 * Every field in error is reported, not only the first: returns 0, or
 * SPIRE_EINVAL with e naming the first field and err_add() the others,
 * each with a message for practitioners. rec may then be partly changed,
 * so callers pass a copy.
 */
int fields_apply(const struct field *f, size_t n, const json_t *in, json_t *rec,
                 int creating, const char *const *ignore, struct err *e);

/* Convert stored values in rec for reply: 0/1 -> bool, JSON text -> list. */
void fields_present(const struct field *f, size_t n, json_t *rec);

/*
 * The field's name as practitioners read it, in lower case except for
 * acronyms ("date_of_birth" -> "date of birth", "nhs_number" -> "NHS
 * number"), a reference as what it names ("team_id" -> "team") into out
 * (outlen bytes).
 */
void fields_label(const char *name, char *out, size_t outlen);

/*
 * The label messages use for f (its `label`, else fields_label() of its
 * name) into out (outlen bytes), with the first letter upper-cased when
 * upper is set (to start a sentence).
 */
void fields_label_of(const struct field *f, int upper, char *out,
                     size_t outlen);

/*
 * The same for the field called name in f[0..n) (fields_label() of name
 * when no field has it).
 */
void fields_label_in(const struct field *f, size_t n, const char *name,
                     int upper, char *out, size_t outlen);

/* 1 when f is a yes/no field with a statement label (see `label`). */
int fields_is_statement(const struct field *f);

/*
 * A field that belongs only with some values of another field (a
 * behaviour contract's terms, review date and outcome belong to a session
 * whose type is "behaviour_contract"): shown, accepted and, with
 * `required`, required only while the field `on` holds one of `values`.
 * Declared once with the resource's fields (struct record_table's `when`,
 * store/record.h), from which both the validation (fields_when_check) and
 * the screens (GET /api/v1/resources gives each such field its `when`:
 * {field, values, required}) are derived. A list of them ends with
 * {NULL}. Every pointer is static text.
 */
struct field_when {
	const char *field; /* the conditional field: "contract_terms" */
	const char *on;    /* the field that decides: "session_type" */
	const char *const
	    *values;  /* NULL-ended: {"behaviour_contract", NULL} */
	int required; /* 1: required while the condition holds */
	/* Why it must be left empty otherwise, as practitioners read it,
	 * after "Leave the <label> empty: " ("only a behaviour contract has
	 * terms, a review date and an outcome"). */
	const char *why;
};

/*
 * Check the merged record rec against the conditions w (may be NULL):
 * a conditional field holding a value while its condition does not hold
 * is named ("Leave the contract terms empty: ..."), and a required one
 * missing while it holds ("Enter the ..."). A field that e already names,
 * or whose deciding field e names, is skipped. Errors are gathered into e
 * (err_rule), so that one answer names every wrong field. Returns e->code.
 */
int fields_when_check(const struct field *f, size_t n,
                      const struct field_when *w, const json_t *rec,
                      struct err *e);

/* 1 when the condition w holds for rec (its deciding field holds one of
 * its values). */
int fields_when_holds(const struct field_when *w, const json_t *rec);

/* 1 when s is one of the NULL-ended values. */
int fields_in(const char *const *values, const char *s);

#define FIELDS_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif

/*
 * steps.h - SQL for Steps to Change (docs/parenting.md, "Steps to Change
 * and the parent self-assessment"): the decisions taken on its flags
 * (steps_decisions, migration 12). The scorings themselves are form
 * responses (store/forms/responses.h).
 *
 * Not for rules: see service/parenting/steps.c.
 */
#ifndef SPIRE_STORE_PARENTING_STEPS_H
#define SPIRE_STORE_PARENTING_STEPS_H

#include "store/record.h"
#include "store/scope.h"

/* Migration 12, steps_to_change (schema_steps.c). */
extern const char SCHEMA_M012_STEPS_TO_CHANGE[];

/* Field order here is the order of the SQL parameters. */
extern const struct field STEPS_DECISIONS_FIELDS[];
extern struct record_table STEPS_DECISIONS_TABLE;

/* A decision relates to the user as its family does. */
extern const struct record_kind RK_STEPS_DECISION[1];

#endif

/*
 * steps_tables.c - the Steps to Change decisions' table and record kind
 * (see steps.h).
 */
#include "store/parenting/steps.h"

#include "core/forms/vocab_forms.h"

const struct field STEPS_DECISIONS_FIELDS[] = {
    {"family_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"form_response_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"blocks", FT_LIST, FF_REQUIRED, 0, 60, NULL, NULL},
    {"decision", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_STEPS_DECISIONS, NULL},
    {"reason", FT_TEXT, FF_REQUIRED, 0, 2000, NULL, NULL},
    {"decision_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the decision"},
};

static const char *const STEPS_DECISIONS_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

static const char *const STEPS_DECISIONS_LIST_BY[] = {"family_id", NULL};

/* A family's decisions are listed newest first. */
struct record_table STEPS_DECISIONS_TABLE = {
    .type = "steps_decision",
    .table = "steps_decisions",
    .fields = STEPS_DECISIONS_FIELDS,
    .n_fields = FIELDS_COUNT(STEPS_DECISIONS_FIELDS),
    .columns = STEPS_DECISIONS_COLUMNS,
    .list_by = STEPS_DECISIONS_LIST_BY,
    .list_order = "k.decision_date DESC, k.id DESC",
};

const struct record_kind RK_STEPS_DECISION[1] = {{
    .name = "steps_decision",
    .table = "steps_decisions",
    .via = "family_id",
    .of = RK_FAMILY,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("family_id", "NULL", "steps_decisions"),
}};

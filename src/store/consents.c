/*
 * consents.c - consent and information-sharing records.
 */
#include "store/consents.h"

#include "core/vocab_casework.h"

const struct field CONSENTS_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"agency", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL, NULL},
    {"purpose", FT_TEXT, FF_REQUIRED, 0, 2000, NULL, NULL},
    {"lawful_basis", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_LAWFUL_BASES, NULL},
    {"given_by", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"given_on", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"shares", FT_ENUM, 0, 0, 0, &VOCAB_CONSENT_SHARES, NULL},
    {"shared_with", FT_ENUM, 0, 0, 0, &VOCAB_SERVICES, NULL},
};
const size_t CONSENTS_N_FIELDS = FIELDS_COUNT(CONSENTS_FIELDS);

static const char *const CONSENT_COLUMNS[] = {
    "k.status",
    "(SELECT full_name FROM users WHERE id = k.created_by)"
    " AS recorded_by_name",
    "(SELECT full_name FROM users WHERE id = k.closed_by)"
    " AS withdrawn_by_name",
    NULL,
};

static const char *const CONSENT_LIST_BY[] = {"person_id", NULL};

/* Closing a consent is withdrawing it; a person's consents are listed
 * active first, the latest given first. */
struct record_table CONSENTS_TABLE = {
    .type = "consent",
    .table = "consents",
    .fields = CONSENTS_FIELDS,
    .n_fields = FIELDS_COUNT(CONSENTS_FIELDS),
    .columns = CONSENT_COLUMNS,
    .close_set = "status = 'withdrawn'",
    .list_by = CONSENT_LIST_BY,
    .list_order = "k.status = 'withdrawn', k.given_on DESC, k.id DESC",
};

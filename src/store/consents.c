/*
 * consents.c - consent and information-sharing records.
 */
#include "store/consents.h"

#include "core/vocab_casework.h"

const struct field CONSENTS_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"agency", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL},
    {"purpose", FT_TEXT, FF_REQUIRED, 0, 2000, NULL},
    {"lawful_basis", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_LAWFUL_BASES},
    {"given_by", FT_TEXT, FF_LINE, 0, 200, NULL},
    {"given_on", FT_DATE, FF_REQUIRED, 0, 0, NULL},
};
const size_t CONSENTS_N_FIELDS = FIELDS_COUNT(CONSENTS_FIELDS);

#define CONSENT_SELECT                                                         \
	"SELECT k.id, k.version, k.person_id, k.agency, k.purpose,"            \
	" k.lawful_basis, k.given_by, k.given_on, k.status, k.created_at,"     \
	" k.created_by, (SELECT full_name FROM users WHERE id ="               \
	" k.created_by) AS recorded_by_name, k.updated_at, k.updated_by,"      \
	" k.closed_at, k.closed_reason, k.closed_by, (SELECT full_name FROM"   \
	" users WHERE id = k.closed_by) AS withdrawn_by_name FROM consents k"

static const char get_sql[] = CONSENT_SELECT " WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO consents(person_id, agency, purpose, lawful_basis,"
    " given_by, given_on, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

static const char update_sql[] =
    "UPDATE consents SET person_id = $3, agency = $4, purpose = $5,"
    " lawful_basis = $6, given_by = $7, given_on = $8, updated_at = $9,"
    " updated_by = $10, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

/* Closing a consent is withdrawing it. */
static const char close_sql[] =
    "UPDATE consents SET status = 'withdrawn', closed_at = $3,"
    " closed_reason = $4, closed_by = $5, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

const struct record_sql CONSENTS_SQL = {
    "consent", CONSENTS_FIELDS, FIELDS_COUNT(CONSENTS_FIELDS),
    get_sql,   insert_sql,      update_sql,
    close_sql,
};

int
store_consents_list(struct db *db, int64_t person_id, int64_t limit,
                    int64_t offset, json_t **out, struct err *e)
{
	static const char sql[] =
	    CONSENT_SELECT " WHERE k.person_id = $1"
	                   " ORDER BY k.status = 'withdrawn', k.given_on DESC,"
	                   " k.id DESC LIMIT $2 OFFSET $3";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	return record_rows(s, out, e);
}

/*
 * yj_victims.c - victim records.
 */
#include "store/yj_victims.h"

const struct field YJ_VICTIMS_FIELDS[] = {
    {"case_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"offence_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"victim_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"outcome_id", FT_ID, 0, 0, 0, NULL},
    {"consent_to_contact", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"contacted_on", FT_DATE, 0, 0, 0, NULL},
    {"rj_offered", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"rj_taken_part", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"information_requested", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"information_given", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"support_offered", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"notes", FT_TEXT, 0, 0, 10000, NULL},
};

#define VICTIM_COLUMNS                                                         \
	"k.id, k.version, k.case_id, k.person_id, k.offence_id,"               \
	" k.victim_id, k.outcome_id, k.consent_to_contact, k.contacted_on,"    \
	" k.rj_offered, k.rj_taken_part, k.information_requested,"             \
	" k.information_given, k.support_offered, k.notes, k.created_at,"      \
	" k.created_by, k.updated_at, k.updated_by, k.closed_at,"              \
	" k.closed_reason, k.closed_by, v.given_name, v.family_name"

static const char get_sql[] =
    "SELECT " VICTIM_COLUMNS " FROM yj_victims k JOIN people v"
    " ON v.id = k.victim_id WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO yj_victims(case_id, person_id, offence_id, victim_id,"
    " outcome_id, consent_to_contact, contacted_on, rj_offered,"
    " rj_taken_part, information_requested, information_given,"
    " support_offered, notes, created_at, created_by) VALUES ($1, $2, $3,"
    " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";

static const char update_sql[] =
    "UPDATE yj_victims SET case_id = $3, person_id = $4, offence_id = $5,"
    " victim_id = $6, outcome_id = $7, consent_to_contact = $8,"
    " contacted_on = $9, rj_offered = $10, rj_taken_part = $11,"
    " information_requested = $12, information_given = $13,"
    " support_offered = $14, notes = $15, updated_at = $16,"
    " updated_by = $17, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE yj_victims SET closed_at = $3, closed_reason = $4,"
    " closed_by = $5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

static const char reopen_sql[] =
    "UPDATE yj_victims SET closed_at = NULL, closed_reason = NULL,"
    " closed_by = NULL, updated_at = $3, updated_by = $4,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NOT NULL";

const struct record_sql YJ_VICTIMS_SQL = {
    "victim",  YJ_VICTIMS_FIELDS, FIELDS_COUNT(YJ_VICTIMS_FIELDS),
    get_sql,   insert_sql,        update_sql,
    close_sql,
};

const struct record_reopen YJ_VICTIMS_REOPEN = {&YJ_VICTIMS_SQL, reopen_sql,
                                                NULL};

#define VICTIM_SELECT                                                          \
	"SELECT " VICTIM_COLUMNS " FROM yj_victims k JOIN people v"            \
	" ON v.id = k.victim_id JOIN cases c ON c.id = k.case_id"

static const char list_case_sql[] =
    YJ_LIST_SQL(VICTIM_SELECT, "case_id", "k.id DESC");
static const char list_person_sql[] =
    YJ_LIST_SQL(VICTIM_SELECT, "person_id", "k.id DESC");

int
store_yj_victims_list(struct db *db, const struct yj_list_query *q,
                      json_t **out, struct err *e)
{
	return store_yj_list(db, list_case_sql, list_person_sql, q, out, e);
}

int
store_yj_victims_find(struct db *db, int64_t offence_id, int64_t victim_id,
                      int64_t except_id, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM yj_victims WHERE offence_id = $1 AND"
	    " victim_id = $2 AND closed_at IS NULL AND id <> $3";
	*id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, offence_id);
	db_bind_int(s, 2, victim_id);
	db_bind_int(s, 3, except_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

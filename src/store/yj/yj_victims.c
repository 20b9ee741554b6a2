/*
 * yj_victims.c - victim records.
 */
#include "store/yj/yj_victims.h"

const struct field YJ_VICTIMS_FIELDS[] = {
    {"case_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"offence_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"victim_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"outcome_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"consent_to_contact", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the victim agreed to be contacted"},
    {"contacted_on", FT_DATE, 0, 0, 0, NULL, "date the victim was contacted"},
    {"rj_offered", FT_BOOL_NULL, 0, 0, 0, NULL,
     "restorative justice was offered"},
    {"rj_taken_part", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the victim took part in restorative justice"},
    {"information_requested", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the victim asked for information"},
    {"information_given", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the victim was given information"},
    {"support_offered", FT_BOOL_NULL, 0, 0, 0, NULL,
     "support was offered to the victim"},
    {"notes", FT_TEXT, 0, 0, 10000, NULL, NULL},
};

#define VICTIM_COLUMNS                                                         \
	"k.id, k.version, k.case_id, k.person_id, k.offence_id,"               \
	" k.victim_id, k.outcome_id, k.consent_to_contact, k.contacted_on,"    \
	" k.rj_offered, k.rj_taken_part, k.information_requested,"             \
	" k.information_given, k.support_offered, k.notes, k.created_at,"      \
	" k.created_by, k.updated_at, k.updated_by, k.closed_at,"              \
	" k.closed_reason, k.closed_by, v.given_name, v.family_name"

static const char *const YJ_VICTIMS_COLUMNS[] = {
    "v.given_name",
    "v.family_name",
    NULL,
};

struct record_table YJ_VICTIMS_TABLE = {
    .type = "victim",
    .table = "yj_victims",
    .fields = YJ_VICTIMS_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_VICTIMS_FIELDS),
    .columns = YJ_VICTIMS_COLUMNS,
    .joins = " JOIN people v ON v.id = k.victim_id",
    .flags = RT_REOPEN,
};

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

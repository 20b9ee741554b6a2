/*
 * yj_offences.c - offence records.
 */
#include "store/yj/yj_offences.h"

#include "core/yj/vocab_yj.h"

#include <string.h>

const struct field YJ_OFFENCES_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"offence_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the offence"},
    {"arrest_date", FT_DATE, 0, 0, 0, NULL, "date of arrest"},
    {"description", FT_TEXT, FF_REQUIRED, 0, 2000, NULL, NULL},
    {"category", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_OFFENCE_CATEGORIES, NULL},
    {"gravity", FT_INT, FF_REQUIRED, 1, 8, NULL, "gravity score"},
    {"co_accused", FT_BOOL, 0, 0, 0, NULL, "the child has co-accused"},
    {"weapon", FT_BOOL, 0, 0, 0, NULL, "a weapon was involved"},
    {"notes", FT_TEXT, 0, 0, 10000, NULL, NULL},
};

#define OFFENCE_SELECT                                                         \
	"SELECT k.id, k.version, k.case_id, k.person_id, k.offence_date,"      \
	" k.arrest_date, k.description, k.category, k.gravity,"                \
	" k.co_accused, k.weapon, k.notes, k.created_at, k.created_by,"        \
	" k.updated_at, k.updated_by, k.closed_at, k.closed_reason,"           \
	" k.closed_by FROM yj_offences k JOIN cases c ON c.id = k.case_id"

/* The victims and outcomes of an offence are not columns: they are read
 * by store_yj_offence_victims and store_yj_offence_outcome_ids. */
static const char *const YJ_OFFENCES_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

struct record_table YJ_OFFENCES_TABLE = {
    .type = "offence",
    .table = "yj_offences",
    .fields = YJ_OFFENCES_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_OFFENCES_FIELDS),
    .columns = YJ_OFFENCES_COLUMNS,
    .flags = RT_REOPEN,
};

static const char list_case_sql[] =
    YJ_LIST_SQL(OFFENCE_SELECT, "case_id", "k.offence_date DESC, k.id DESC");
static const char list_person_sql[] =
    YJ_LIST_SQL(OFFENCE_SELECT, "person_id", "k.offence_date DESC, k.id DESC");

int
store_yj_offences_list(struct db *db, const struct yj_list_query *q,
                       json_t **out, struct err *e)
{
	return store_yj_list(db, list_case_sql, list_person_sql, q, out, e);
}

int
store_yj_offence_ref(struct db *db, int64_t id, struct yj_ref *out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT person_id, case_id, closed_at IS NOT NULL, NULL, 0 FROM"
	    " yj_offences WHERE id = $1";
	return store_yj_ref(db, sql, id, "offence_id", "offence", out, e);
}

int
store_yj_offence_sole_outcomes(struct db *db, int64_t offence_id, json_t **out,
                               struct err *e)
{
	static const char sql[] =
	    "SELECT k.id, k.outcome_type FROM yj_outcome_offences l"
	    " JOIN yj_outcomes k ON k.id = l.outcome_id"
	    " WHERE l.offence_id = $1 AND l.removed_at IS NULL"
	    " AND k.closed_at IS NULL AND NOT EXISTS (SELECT 1"
	    " FROM yj_outcome_offences m JOIN yj_offences o"
	    " ON o.id = m.offence_id WHERE m.outcome_id = k.id"
	    " AND m.removed_at IS NULL AND o.closed_at IS NULL"
	    " AND o.id <> $1) ORDER BY k.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, offence_id);
	return record_rows(s, out, e);
}

int
store_yj_offence_victims(struct db *db, int64_t offence_id, json_t **out,
                         struct err *e)
{
	static const char sql[] =
	    "SELECT v.id, v.victim_id, p.given_name, p.family_name FROM"
	    " yj_victims v JOIN people p ON p.id = v.victim_id WHERE"
	    " v.offence_id = $1 AND v.closed_at IS NULL ORDER BY v.id";
	return store_yj_nested(db, sql, offence_id, 0, out, e);
}

int
store_yj_offence_outcome_ids(struct db *db, int64_t offence_id, json_t **out,
                             struct err *e)
{
	static const char sql[] =
	    "SELECT l.outcome_id FROM yj_outcome_offences l JOIN yj_outcomes o"
	    " ON o.id = l.outcome_id WHERE l.offence_id = $1 AND l.removed_at"
	    " IS NULL AND o.closed_at IS NULL ORDER BY l.outcome_id";
	return store_yj_nested(db, sql, offence_id, 1, out, e);
}

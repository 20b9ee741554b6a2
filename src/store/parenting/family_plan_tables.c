/*
 * family_plan_tables.c - the tables of One Family, One Plan (the family's
 * plan, its actions, its reviews), from which their SQL is derived
 * (store/record.h), and the reads no descriptor says: the family's open
 * plan, the members who may be named on it, and a record's earlier
 * versions. Not for the rules (service/parenting/family_plan_records.c)
 * nor for who relates to a plan (scope_family_plan.c).
 */
#include "store/parenting/family_plan.h"

#include "core/parenting/vocab_family_plan.h"

static const struct field FAMILY_PLANS_FIELDS[] = {
    {"family_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"team_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"wants_to_change", FT_TEXT, FF_REQUIRED, 0, 4000, NULL, NULL},
    {"strengths", FT_TEXT, 0, 0, 4000, NULL, NULL},
    {"agreed_on", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"next_review_date", FT_DATE, 0, 0, 0, NULL, NULL},
};

static const struct field FAMILY_PLAN_ACTIONS_FIELDS[] = {
    {"plan_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"action", FT_TEXT, FF_REQUIRED, 0, 2000, NULL, NULL},
    {"owner_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_FAMILY_PLAN_OWNER_TYPES,
     "who will do it"},
    {"owner_person_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"owner_agency", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"owner_user_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"due_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"status", FT_ENUM, 0, 0, 0, &VOCAB_FAMILY_PLAN_ACTION_STATUSES, NULL},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const struct field FAMILY_PLAN_REVIEWS_FIELDS[] = {
    {"plan_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"review_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"family_words", FT_TEXT, FF_REQUIRED, 0, 4000, NULL, "family’s own words"},
    {"practitioner_words", FT_TEXT, FF_REQUIRED, 0, 4000, NULL,
     "practitioner’s words"},
    {"next_review_date", FT_DATE, 0, 0, 0, NULL, NULL},
};

/* Who changed a record last, for "Version 3, changed on ... by ...". */
#define CHANGED_BY_NAME                                                        \
	"(SELECT full_name FROM users WHERE id = COALESCE(k.updated_by,"       \
	" k.created_by)) AS changed_by_name"

static const char *const PLAN_COLUMNS[] = {
    "(SELECT name FROM teams WHERE id = k.team_id) AS team_name",
    "(SELECT s.code FROM teams t JOIN services s ON s.id = t.service_id"
    " WHERE t.id = k.team_id) AS service",
    "(SELECT name FROM families WHERE id = k.family_id) AS family_name",
    CHANGED_BY_NAME,
    NULL,
};

static const char *const ACTION_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.owner_user_id)"
    " AS owner_user_name",
    "(SELECT COALESCE(preferred_name, given_name) || ' ' || family_name"
    " FROM people WHERE id = k.owner_person_id) AS owner_person_name",
    CHANGED_BY_NAME,
    NULL,
};

static const char *const REVIEW_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by)"
    " AS recorded_by_name",
    NULL,
};

static const char *const BY_FAMILY[] = {"family_id", NULL};
static const char *const BY_PLAN[] = {"plan_id", NULL};

/* A family's plans: the open one first, then the latest. */
struct record_table FAMILY_PLANS_TABLE = {
    .type = "family_plan",
    .table = "family_plans",
    .unique_field = "family_id",
    .fields = FAMILY_PLANS_FIELDS,
    .n_fields = FIELDS_COUNT(FAMILY_PLANS_FIELDS),
    .columns = PLAN_COLUMNS,
    .list_by = BY_FAMILY,
    .list_order = "k.closed_at IS NOT NULL, k.agreed_on DESC, k.id DESC",
};

/* A plan's actions: the soonest due first, those with no date last. */
struct record_table FAMILY_PLAN_ACTIONS_TABLE = {
    .type = "family_plan_action",
    .table = "family_plan_actions",
    .fields = FAMILY_PLAN_ACTIONS_FIELDS,
    .n_fields = FIELDS_COUNT(FAMILY_PLAN_ACTIONS_FIELDS),
    .columns = ACTION_COLUMNS,
    .list_by = BY_PLAN,
    .list_order = "k.due_date IS NULL, k.due_date, k.id",
};

/* A plan's reviews: the latest first. */
struct record_table FAMILY_PLAN_REVIEWS_TABLE = {
    .type = "family_plan_review",
    .table = "family_plan_reviews",
    .fields = FAMILY_PLAN_REVIEWS_FIELDS,
    .n_fields = FIELDS_COUNT(FAMILY_PLAN_REVIEWS_FIELDS),
    .columns = REVIEW_COLUMNS,
    .list_by = BY_PLAN,
    .list_order = "k.review_date DESC, k.id DESC",
};

int
store_family_plans_open_of(struct db *db, int64_t family_id, int64_t *plan_id,
                           struct err *e)
{
	static const char sql[] = "SELECT id FROM family_plans"
	                          " WHERE family_id = $1 AND closed_at IS NULL";
	*plan_id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*plan_id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_family_plan_members(struct db *db, int64_t family_id, json_t **out,
                          struct err *e)
{
	/* One row a person (a parent of two children is a member twice). */
	static const char sql[] =
	    "SELECT p.id AS person_id, min(m.member_type) AS member_type,"
	    " min(m.relationship) AS relationship, p.given_name,"
	    " p.family_name, p.preferred_name"
	    " FROM family_members m JOIN people p ON p.id = m.person_id"
	    " WHERE m.family_id = $1 AND m.closed_at IS NULL"
	    " AND p.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM yj_victims"
	    " v WHERE v.victim_id = p.id AND v.closed_at IS NULL)"
	    " GROUP BY p.id, p.given_name, p.family_name, p.preferred_name"
	    " ORDER BY min(m.member_type) <> 'adult', p.family_name,"
	    " p.given_name, p.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	return record_rows(s, out, e);
}

int
store_family_plan_shared_with(struct db *db, int64_t family_id, json_t **out,
                              struct err *e)
{
	static const char sql[] =
	    "SELECT s.code AS service, s.name AS service_name, c.id AS"
	    " consent_id, c.given_on, c.person_id, p.given_name,"
	    " p.family_name FROM family_members m JOIN consents c ON"
	    " c.person_id = m.person_id JOIN services s ON s.code ="
	    " c.shared_with JOIN people p ON p.id = c.person_id"
	    " WHERE m.family_id = $1 AND m.closed_at IS NULL AND"
	    " m.member_type = 'adult' AND c.shares = 'family_plan' AND"
	    " c.status = 'active' AND c.closed_at IS NULL"
	    " GROUP BY s.code, s.name, c.id, c.given_on, c.person_id,"
	    " p.given_name, p.family_name ORDER BY s.name, c.given_on, c.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	return record_rows(s, out, e);
}

int
store_family_plan_history(struct db *db, const char *type, int64_t id,
                          json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT version, data, replaced_at, replaced_by FROM history"
	    " WHERE record_type = $1 AND record_id = $2 ORDER BY version, id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, type);
	db_bind_int(s, 2, id);
	return record_rows(s, out, e);
}

/*
 * parent_tables.c - parent support, sessions and the support plan as
 * records (their field tables and record tables, from which their SQL is
 * derived), and the pathway's reads that are not one record: parents to
 * meet, the home page's lists, the contacts behind "seen at start, review
 * and end", and the joint home visit raised once per intervention. Not
 * for rules or access: service/parenting/ decides those.
 */
#include "store/parenting/parent_tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parenting/vocab_parenting.h"
#include "store/cases.h"
#include "store/parenting/parent_seen_sql.h"

const struct field PARENT_SUPPORTS_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"case_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"child_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"child_case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"outcome_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"relationship", FT_TEXT, FF_SERVER, 0, 200, NULL, NULL},
    {"agreement", FT_ENUM, 0, 0, 0, &VOCAB_PARENT_AGREEMENTS, NULL},
    {"agreement_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"start_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"next_review_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"end_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"end_reason", FT_ENUM, 0, 0, 0, &VOCAB_PARENT_SUPPORT_END_REASONS, NULL},
    {"notes", FT_TEXT, 0, 0, 5000, NULL, NULL},
};

const struct field PARENT_SESSIONS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"child_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"session_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the session"},
    {"status", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_PARENT_SESSION_STATUSES,
     NULL},
    {"session_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_PARENT_SESSION_TYPES,
     "type of session"},
    {"topic", FT_ENUM, 0, 0, 0, &VOCAB_PARENT_SESSION_TOPICS, NULL},
    {"duration_minutes", FT_INT, 0, 1, 600, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 5000, NULL, NULL},
    {"contract_terms", FT_TEXT, 0, 0, 5000, NULL, NULL},
    {"contract_review_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"contract_outcome", FT_ENUM, 0, 0, 0, &VOCAB_PARENT_CONTRACT_OUTCOMES,
     NULL},
};

const struct field PARENT_PLAN_ITEMS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"goal", FT_TEXT, FF_REQUIRED, 0, 1000, NULL, NULL},
    {"action", FT_TEXT, 0, 0, 2000, NULL, NULL},
    {"who", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"due_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"status", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_PARENT_PLAN_STATUSES, NULL},
    {"review_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"review_note", FT_TEXT, 0, 0, 2000, NULL, NULL},
    {"form_response_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"need_domain", FT_TEXT, FF_LINE, 0, 60, NULL, NULL},
};

/* A person's name as one text (portable concatenation). */
#define NAME_OF(col)                                                           \
	"(SELECT n.given_name || ' ' || n.family_name FROM people n WHERE"     \
	" n.id = " col ")"

/* Where a support stands: to ask, declined, not reached, active, ended. */
#define SUPPORT_STATUS(s)                                                      \
	"CASE WHEN " s ".end_date IS NOT NULL THEN 'ended' WHEN " s            \
	".agreement IS NULL THEN 'to_ask' WHEN " s ".agreement = 'agreed'"     \
	" THEN 'active' ELSE " s ".agreement END"

static const char *const SUPPORT_COLUMNS[] = {
    NAME_OF("k.person_id") " AS parent_name",
    NAME_OF("k.child_id") " AS child_name",
    SUPPORT_STATUS("k") " AS support_status",
    "(SELECT u.full_name FROM cases pc JOIN users u ON u.id = pc.worker_id"
    " WHERE pc.id = k.case_id) AS parent_worker_name",
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

static const char *const SUPPORT_LIST_BY[] = {"case_id", "child_case_id",
                                              "person_id", NULL};

struct record_table PARENT_SUPPORTS_TABLE = {
    .type = "parent_support",
    .table = "parent_supports",
    .unique_field = "person_id",
    .fields = PARENT_SUPPORTS_FIELDS,
    .n_fields = FIELDS_COUNT(PARENT_SUPPORTS_FIELDS),
    .columns = SUPPORT_COLUMNS,
    .list_by = SUPPORT_LIST_BY,
    .list_order = "k.end_date IS NOT NULL, k.id DESC",
    .flags = RT_REOPEN,
};

/* The parent's name, so that a session's or a goal's own page says whose
 * it is (the UI's heading reads given_name and family_name). */
#define PARENT_NAME_COLUMNS                                                    \
	"(SELECT n.given_name FROM people n WHERE n.id = k.person_id)"         \
	" AS given_name",                                                      \
	    "(SELECT n.family_name FROM people n WHERE n.id = k.person_id)"    \
	    " AS family_name"

static const char *const SESSION_COLUMNS[] = {
    PARENT_NAME_COLUMNS,
    NAME_OF("k.child_id") " AS child_name",
    "k.contact_id",
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

static const char *const CASE_LIST_BY[] = {"case_id", NULL};

/* A behaviour contract's own fields: only on a behaviour contract. */
static const char *const CONTRACT_ONLY[] = {"behaviour_contract", NULL};
#define CONTRACT_WHY                                                           \
	"only a behaviour contract has terms, a review date and an outcome"
static const struct field_when PARENT_SESSIONS_WHEN[] = {
    {"contract_terms", "session_type", CONTRACT_ONLY, 0, CONTRACT_WHY},
    {"contract_review_date", "session_type", CONTRACT_ONLY, 0, CONTRACT_WHY},
    {"contract_outcome", "session_type", CONTRACT_ONLY, 0, CONTRACT_WHY},
    {NULL, NULL, NULL, 0, NULL},
};

struct record_table PARENT_SESSIONS_TABLE = {
    .type = "parent_session",
    .table = "parent_sessions",
    .fields = PARENT_SESSIONS_FIELDS,
    .n_fields = FIELDS_COUNT(PARENT_SESSIONS_FIELDS),
    .columns = SESSION_COLUMNS,
    .list_by = CASE_LIST_BY,
    .list_order = "k.session_date DESC, k.id DESC",
    .when = PARENT_SESSIONS_WHEN,
    .flags = RT_REOPEN,
};

static const char *const PLAN_COLUMNS[] = {
    PARENT_NAME_COLUMNS,
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

struct record_table PARENT_PLAN_ITEMS_TABLE = {
    .type = "parent_plan_item",
    .table = "parent_plan_items",
    .fields = PARENT_PLAN_ITEMS_FIELDS,
    .n_fields = FIELDS_COUNT(PARENT_PLAN_ITEMS_FIELDS),
    .columns = PLAN_COLUMNS,
    .list_by = CASE_LIST_BY,
    .list_order = "k.status = 'done' OR k.status = 'stopped', k.due_date IS"
                  " NULL, k.due_date, k.id",
    .flags = RT_REOPEN,
};

/* Step s for one row of integers: 0 and *found. */
static int
one_row(struct db_stmt *s, int *found, struct err *e)
{
	int rc = db_step(s, e);
	*found = rc == DB_ROW;
	return rc < 0 ? rc : 0;
}

int
store_parent_case_ref(struct db *db, int64_t id, const char *field,
                      struct parent_case_ref *out, struct err *e)
{
	static const char sql[] =
	    "SELECT c.person_id, c.team_id, COALESCE(c.worker_id, 0),"
	    " COALESCE(c.family_id, 0), CASE WHEN c.status <> 'open' OR"
	    " c.closed_at IS NOT NULL THEN 1 ELSE 0 END, s.code FROM cases c"
	    " JOIN services s ON s.id = c.service_id WHERE c.id = $1";
	memset(out, 0, sizeof(*out));
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int found = 0;
	int rc = one_row(s, &found, e);
	if (rc == 0 && found) {
		out->id = id;
		out->person_id = db_col_int(s, 0);
		out->team_id = db_col_int(s, 1);
		out->worker_id = db_col_int(s, 2);
		out->family_id = db_col_int(s, 3);
		out->closed = (int)db_col_int(s, 4);
		snprintf(out->service, sizeof(out->service), "%s",
		         db_col_text(s, 5) ? db_col_text(s, 5) : "");
	}
	db_done(s);
	if (rc == 0 && !found)
		rc = err_set(e, SPIRE_ENOTFOUND, field,
		             "Select a case from the list: this case does not "
		             "exist");
	return rc;
}

int
store_parent_membership(struct db *db, int64_t person_id, int64_t child_id,
                        char **rel, int *counts, struct err *e)
{
	static const char sql[] =
	    "SELECT fm.relationship, MAX(CASE WHEN fm.parental_responsibility"
	    " = 1 OR fm.in_household = 1 THEN 1 ELSE 0 END) FROM"
	    " family_members fm JOIN families f ON f.id = fm.family_id AND"
	    " f.closed_at IS NULL JOIN family_members fc ON fc.family_id ="
	    " fm.family_id AND fc.person_id = $2 AND fc.closed_at IS NULL"
	    " WHERE fm.person_id = $1 AND fm.closed_at IS NULL AND"
	    " fm.member_type = 'adult' AND (fm.child_id IS NULL OR fm.child_id"
	    " = $2) GROUP BY fm.relationship ORDER BY 2 DESC, 1 LIMIT 1";
	*rel = NULL;
	*counts = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, child_id);
	int found = 0;
	int rc = one_row(s, &found, e);
	if (rc == 0 && found) {
		const char *r = db_col_text(s, 0);
		*rel = strdup(r ? r : "");
		*counts = (int)db_col_int(s, 1);
		if (!*rel)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	db_done(s);
	return rc;
}

/* Run sql with $1..$n the n ids and read one integer into *v (0 when no
 * row). */
static int
int_query(struct db *db, const char *sql, const int64_t *ids, int n, int64_t *v,
          struct err *e)
{
	*v = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	for (int i = 0; i < n; i++)
		db_bind_int(s, i + 1, ids[i]);
	int found = 0;
	int rc = one_row(s, &found, e);
	if (rc == 0 && found)
		*v = db_col_int(s, 0);
	db_done(s);
	return rc;
}

int
store_parent_is_victim(struct db *db, int64_t person_id, int *victim,
                       struct err *e)
{
	static const char sql[] = "SELECT 1 FROM yj_victims WHERE victim_id ="
	                          " $1 AND closed_at IS NULL LIMIT 1";
	int64_t v = 0;
	int rc = int_query(db, sql, &person_id, 1, &v, e);
	*victim = v != 0;
	return rc;
}

int
store_parent_support_count(struct db *db, int64_t person_id, int64_t child_id,
                           int64_t except_id, int64_t *n, struct err *e)
{
	static const char sql[] =
	    "SELECT COUNT(*) FROM parent_supports WHERE person_id = $1 AND"
	    " child_id = $2 AND id <> $3 AND closed_at IS NULL AND end_date IS"
	    " NULL";
	const int64_t ids[] = {person_id, child_id, except_id};
	return int_query(db, sql, ids, 3, n, e);
}

int
store_parent_supports_child(struct db *db, int64_t person_id, int64_t child_id,
                            int *ok, struct err *e)
{
	static const char sql[] =
	    "SELECT 1 FROM parent_supports WHERE person_id = $1 AND child_id ="
	    " $2 AND closed_at IS NULL LIMIT 1";
	const int64_t ids[] = {person_id, child_id};
	int64_t v = 0;
	int rc = int_query(db, sql, ids, 2, &v, e);
	*ok = v != 0;
	return rc;
}

int
store_parent_default_team(struct db *db, int64_t *team_id, struct err *e)
{
	static const char sql[] =
	    "SELECT t.id FROM teams t JOIN services s ON s.id = t.service_id"
	    " WHERE s.code = 'parenting' AND t.closed_at IS NULL ORDER BY"
	    " t.name, t.id LIMIT 1";
	return int_query(db, sql, NULL, 0, team_id, e);
}

int
store_parent_team_is_parenting(struct db *db, int64_t team_id, int *is,
                               struct err *e)
{
	static const char sql[] =
	    "SELECT 1 FROM teams t JOIN services s ON s.id = t.service_id"
	    " WHERE t.id = $1 AND s.code = 'parenting' AND t.closed_at IS NULL";
	int64_t v = 0;
	int rc = int_query(db, sql, &team_id, 1, &v, e);
	*is = v != 0;
	return rc;
}

int
store_parent_open_case(struct db *db, int64_t person_id, int64_t *case_id,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT c.id FROM cases c JOIN services s ON s.id = c.service_id"
	    " WHERE c.person_id = $1 AND s.code = 'parenting' AND c.status ="
	    " 'open' AND c.closed_at IS NULL ORDER BY c.id LIMIT 1";
	return int_query(db, sql, &person_id, 1, case_id, e);
}

int
store_parent_case_insert(struct db *db, int64_t person_id, int64_t team_id,
                         int64_t worker_id, const char *start_date,
                         const char *reason, const char *at, int64_t user_id,
                         int64_t *case_id, struct err *e)
{
	static const char svc_sql[] =
	    "SELECT id FROM services WHERE code = 'parenting'";
	int64_t service_id = 0;
	int rc = int_query(db, svc_sql, NULL, 0, &service_id, e);
	if (rc)
		return rc;
	json_t *rec = json_pack(
	    "{s:I, s:I, s:I, s:s, s:s}", "person_id", (json_int_t)person_id,
	    "service_id", (json_int_t)service_id, "team_id",
	    (json_int_t)team_id, "start_date", start_date, "reason", reason);
	if (!rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (worker_id &&
	    json_object_set_new(rec, "worker_id", json_integer(worker_id)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = record_insert(db, &CASES_TABLE, rec, at, user_id, case_id,
		                   e);
	json_decref(rec);
	return rc;
}

int
store_parent_support_set_case(struct db *db, int64_t id, int64_t case_id,
                              struct err *e)
{
	static const char sql[] =
	    "UPDATE parent_supports SET case_id = $2 WHERE id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, case_id);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_session_set_contact(struct db *db, int64_t id, int64_t contact_id,
                                 struct err *e)
{
	static const char sql[] =
	    "UPDATE parent_sessions SET contact_id = $2 WHERE id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_id(s, 2, contact_id);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_case_worker(struct db *db, int64_t case_id, int64_t *worker_id,
                         struct err *e)
{
	static const char sql[] =
	    "SELECT COALESCE(worker_id, 0) FROM cases WHERE id = $1";
	*worker_id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*worker_id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_visit_facts(struct db *db, int64_t outcome_id, int *found,
                         struct parent_visit_facts *out, struct err *e)
{
	static const char sql[] =
	    "SELECT c.id, c.team_id, COALESCE(c.worker_id, 0), o.start_date,"
	    " c.person_id, p.given_name || ' ' || p.family_name,"
	    " COALESCE((SELECT u.id FROM users u WHERE u.team_id = c.team_id"
	    " AND u.role = 'parent_worker' AND u.disabled_at IS NULL ORDER BY"
	    " (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = u.id AND"
	    " t.status = 'open' AND t.closed_at IS NULL), u.id LIMIT 1), 0)"
	    " FROM yj_outcomes o JOIN cases c ON c.id = o.case_id JOIN services"
	    " s ON s.id = c.service_id JOIN people p ON p.id = c.person_id"
	    " WHERE o.id = $1 AND o.start_date IS NOT NULL AND o.closed_at IS"
	    " NULL AND o.end_date IS NULL AND s.code = 'youth_justice' AND"
	    " c.status = 'open' AND c.closed_at IS NULL AND NOT EXISTS (SELECT"
	    " 1 FROM parent_visit_tasks v WHERE v.outcome_id = o.id)";
	memset(out, 0, sizeof(*out));
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	int rc = one_row(s, found, e);
	if (rc == 0 && *found) {
		out->case_id = db_col_int(s, 0);
		out->team_id = db_col_int(s, 1);
		out->worker_id = db_col_int(s, 2);
		snprintf(out->start_date, sizeof(out->start_date), "%s",
		         db_col_text(s, 3) ? db_col_text(s, 3) : "");
		out->child_id = db_col_int(s, 4);
		snprintf(out->child_name, sizeof(out->child_name), "%s",
		         db_col_text(s, 5) ? db_col_text(s, 5) : "");
		out->parent_worker_id = db_col_int(s, 6);
	}
	db_done(s);
	return rc;
}

int
store_parent_visit_insert(struct db *db, int64_t outcome_id, int64_t case_id,
                          int64_t officer_task_id, int64_t parent_task_id,
                          const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO parent_visit_tasks(outcome_id, case_id,"
	    " officer_task_id, parent_task_id, created_at) VALUES ($1, $2, $3,"
	    " $4, $5)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, case_id);
	db_bind_int(s, 3, officer_task_id);
	db_bind_int(s, 4, parent_task_id);
	db_bind_text(s, 5, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/*
 * The scope of the children's lists, over the child's case c, in $1 and
 * $2: a practitioner's team's cases and their own ($1 team, $2 user), a
 * manager's service's ($1 service, $2 user), or one case ($1 = $2 = the
 * case).
 */
#define CHILD_SCOPE_TEAM "(c.team_id = $1 OR c.worker_id = $2)"
#define CHILD_SCOPE_SERVICE                                                    \
	"(c.team_id IN (SELECT t.id FROM teams t WHERE t.service_id = $1) OR"  \
	" c.worker_id = $2)"
#define CHILD_SCOPE_CASE "(c.id = $1 AND c.id = $2)"
/* Every youth justice case of the local authority (the deployment): the
 * parenting service's parent workers meet every parent (issue 9); $1 and
 * $2 are compared so that both are typed and used. */
#define CHILD_SCOPE_LA                                                         \
	"(c.service_id = sv.id OR c.team_id = $1 OR c.worker_id = $2)"

/* Open youth justice cases (alias c) with a started, running, open
 * intervention (alias o). */
#define RUNNING_INTERVENTIONS                                                  \
	" FROM cases c JOIN services sv ON sv.id = c.service_id AND sv.code =" \
	" 'youth_justice' JOIN yj_outcomes o ON o.case_id = c.id AND"          \
	" o.start_date IS NOT NULL AND o.end_date IS NULL AND o.closed_at IS"  \
	" NULL"

/* A parent who declined or could not be reached stays to meet, with the
 * open support that says so (support_id, support_status: its agreement),
 * to be asked again on it; one who agreed, or whose row awaits an answer,
 * has left the list (docs/parenting.md, "Parents to meet"). */
#define TO_MEET_SQL(scope)                                                     \
	"SELECT p.id AS person_id, p.given_name, p.family_name,"               \
	" p.date_of_birth, fm.relationship, c.person_id AS child_id,"          \
	" ch.given_name AS"                                                    \
	" child_given_name, ch.family_name AS child_family_name, c.id AS"      \
	" child_case_id, MIN(o.id) AS outcome_id, MIN(o.start_date) AS"        \
	" start_date, (SELECT MAX(s.id) FROM parent_supports s WHERE"          \
	" s.person_id = p.id AND s.child_id = c.person_id AND s.closed_at IS"  \
	" NULL) AS support_id, (SELECT MAX(s.agreement) FROM parent_supports"  \
	" s WHERE s.person_id = p.id AND s.child_id = c.person_id AND"         \
	" s.closed_at IS NULL) AS support_status" RUNNING_INTERVENTIONS        \
	    PARENTS_OF_CHILD                                                   \
	" JOIN people ch ON ch.id = c.person_id WHERE c.status = 'open' AND"   \
	" c.closed_at IS NULL AND " scope " AND NOT EXISTS (SELECT 1 FROM"     \
	" parent_supports s WHERE s.person_id = p.id AND s.child_id ="         \
	" c.person_id AND s.closed_at IS NULL AND (s.agreement IS NULL OR"     \
	" s.agreement NOT IN ('declined', 'not_reached'))) GROUP BY p.id, "    \
	"p.given_name,"                                                        \
	" p.family_name, p.date_of_birth, fm.relationship, c.person_id,"       \
	" ch.given_name,"                                                      \
	" ch.family_name, c.id ORDER BY MIN(o.start_date), p.family_name,"     \
	" p.id LIMIT $3"

static const char to_meet_team_sql[] = TO_MEET_SQL(CHILD_SCOPE_TEAM);
static const char to_meet_service_sql[] = TO_MEET_SQL(CHILD_SCOPE_SERVICE);
static const char to_meet_la_sql[] = TO_MEET_SQL(CHILD_SCOPE_LA);

/* Is person $2 a parent to meet of the child of open case $1, whose
 * intervention is running? (the same rules as TO_MEET_SQL, one pair) */
static const char to_meet_one_sql[] =
    "SELECT 1" RUNNING_INTERVENTIONS PARENTS_OF_CHILD
    " WHERE c.id = $1 AND p.id = $2 AND c.status = 'open' AND"
    " c.closed_at IS NULL";

int
store_parent_to_meet_one(struct db *db, int64_t child_case_id,
                         int64_t person_id, int *yes, struct err *e)
{
	*yes = 0;
	struct db_stmt *s = db_prepare(db, to_meet_one_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, child_case_id);
	db_bind_int(s, 2, person_id);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	*yes = rc == DB_ROW;
	return 0;
}

/* The child-scope parameters of q: -1 matches nothing (no team). */
static void
child_params(const struct parent_scope *q, int64_t *a, int64_t *b)
{
	if (q->case_id) {
		*a = *b = q->case_id;
	} else if (q->manager) {
		*a = q->service_id ? q->service_id : -1;
		*b = q->user_id;
	} else {
		*a = q->team_id ? q->team_id : -1;
		*b = q->user_id;
	}
}

/*
 * Step s to its end: the first max rows (every row when max is 0) into a
 * new array in *out, and the count of all of them in *total. The rows
 * past max are counted, never built.
 */
static int
capped_rows(struct db_stmt *s, size_t max, json_t **out, int64_t *total,
            struct err *e)
{
	*out = NULL;
	*total = 0;
	json_t *arr = json_array();
	if (!arr) {
		db_done(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (max && (size_t)*total >= max) {
			(*total)++;
			continue;
		}
		json_t *row = db_row_json(s);
		if (!row || json_array_append_new(arr, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		(*total)++;
	}
	db_done(s);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int
store_parent_to_meet(struct db *db, const struct parent_scope *q, size_t max,
                     json_t **out, int64_t *total, struct err *e)
{
	int64_t a, b;
	child_params(q, &a, &b);
	struct db_stmt *s = db_prepare(db,
	                               q->local_authority ? to_meet_la_sql
	                               : q->manager       ? to_meet_service_sql
	                                                  : to_meet_team_sql,
	                               e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	db_bind_int(s, 3, q->limit > 0 ? q->limit : PARENT_LIST_MAX);
	return capped_rows(s, max, out, total, e);
}

/*
 * The parenting cases (alias pc, left-joined to a support s) in scope, in
 * $1 and $2: a practitioner's own ($1 = $2 = the user; a support not yet
 * on a case counts when they recorded it), a manager's service's ($1
 * service, $2 user). A manager also sees the supports of the children
 * whose own case a team of their service holds (their team's view, as
 * the child's officer sees it on the child's case: docs/parenting.md),
 * without the sessions of a parenting case their service does not hold
 * (PARENT_SESSIONS_SERVICE).
 */
#define PARENT_SCOPE_OWN                                                       \
	"(pc.worker_id = $1 OR (s.case_id IS NULL AND s.created_by = $2))"
#define PARENT_CASE_IN_SERVICE                                                 \
	"pc.team_id IN (SELECT t.id FROM teams t WHERE t.service_id = $1)"
#define PARENT_SCOPE_SERVICE                                                   \
	"(" PARENT_CASE_IN_SERVICE " OR (s.case_id IS NULL AND"                \
	" s.created_by = $2) OR s.child_case_id IN (SELECT cc.id FROM cases"   \
	" cc JOIN teams tt ON tt.id = cc.team_id WHERE tt.service_id = $1))"
/* When a row's session dates are shown (otherwise the row says they are
 * withheld: sessions_withheld 1, when there is a parenting case). */
#define PARENT_SESSIONS_OWN "1 = 1"
#define PARENT_SESSIONS_SERVICE PARENT_CASE_IN_SERVICE

/* clang-format off */
#define MY_SUPPORTS_SQL(scope, sessions)                                       \
	"SELECT s.id, s.person_id, p.given_name, p.family_name,"               \
	" p.date_of_birth, s.relationship, s.child_id,"                        \
	" ch.given_name AS child_given_name,"                                  \
	" ch.family_name AS child_family_name, s.child_case_id, s.case_id,"    \
	" s.agreement, s.agreement_date, s.start_date, s.next_review_date,"    \
	" s.created_by,"                                                       \
	" " SUPPORT_STATUS("s") " AS support_status,"                          \
	" CASE WHEN " sessions " THEN (SELECT MIN(x.session_date)"             \
	" FROM parent_sessions x WHERE x.case_id = s.case_id"                  \
	" AND x.status = 'planned' AND x.closed_at IS NULL) END AS"            \
	" next_session_date, CASE WHEN " sessions " THEN"                      \
	" (SELECT MAX(x.session_date) FROM parent_sessions x"                  \
	" WHERE x.case_id = s.case_id AND x.status = 'held'"                   \
	" AND x.closed_at IS NULL) END AS last_session_date,"                  \
	" CASE WHEN s.case_id IS NULL OR " sessions " THEN 0 ELSE 1 END"       \
	" AS sessions_withheld"                                                \
	" FROM parent_supports s JOIN people p ON p.id = s.person_id"          \
	" JOIN people ch ON ch.id = s.child_id"                                \
	" LEFT JOIN cases pc ON pc.id = s.case_id WHERE s.closed_at IS NULL"   \
	" AND s.end_date IS NULL AND COALESCE(s.agreement, '') <> 'declined'"  \
	" AND " scope " ORDER BY p.family_name, p.given_name, s.id LIMIT $3"
/* clang-format on */

/* How many rows MY_SUPPORTS_SQL has (at most PARENT_SUPPORTS_MAX),
 * without their names and session dates. */
#define MY_SUPPORTS_COUNT_SQL(scope)                                           \
	"SELECT COUNT(*) FROM (SELECT s.id FROM parent_supports s LEFT JOIN"   \
	" cases pc ON pc.id = s.case_id WHERE s.closed_at IS NULL AND"         \
	" s.end_date IS NULL AND COALESCE(s.agreement, '') <> 'declined' AND"  \
	" " scope " LIMIT $3) n"

/* The most rows a list of supports answers. */
#define PARENT_SUPPORTS_MAX 1000

static const char my_own_sql[] =
    MY_SUPPORTS_SQL(PARENT_SCOPE_OWN, PARENT_SESSIONS_OWN);
static const char my_service_sql[] =
    MY_SUPPORTS_SQL(PARENT_SCOPE_SERVICE, PARENT_SESSIONS_SERVICE);
static const char my_own_count_sql[] = MY_SUPPORTS_COUNT_SQL(PARENT_SCOPE_OWN);
static const char my_service_count_sql[] =
    MY_SUPPORTS_COUNT_SQL(PARENT_SCOPE_SERVICE);

/* The parent-scope parameters of q. */
static void
parent_params(const struct parent_scope *q, int64_t *a, int64_t *b)
{
	*a = q->manager ? (q->service_id ? q->service_id : -1) : q->user_id;
	*b = q->user_id;
}

int
store_parent_my_supports(struct db *db, const struct parent_scope *q,
                         size_t max, json_t **out, int64_t *total,
                         struct err *e)
{
	int64_t a, b;
	parent_params(q, &a, &b);
	*out = NULL;
	*total = 0;
	/* The rows' session dates are worked out before they are sorted:
	 * ask only for the rows sent, and count the rest without them. */
	int64_t shown = max && max < PARENT_SUPPORTS_MAX ? (int64_t)max
	                                                 : PARENT_SUPPORTS_MAX;
	struct db_stmt *s =
	    db_prepare(db, q->manager ? my_service_sql : my_own_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	db_bind_int(s, 3, shown);
	int rc = capped_rows(s, 0, out, total, e);
	if (rc || *total < shown)
		return rc;
	const int64_t ids[] = {a, b, PARENT_SUPPORTS_MAX};
	rc = int_query(db, q->manager ? my_service_count_sql : my_own_count_sql,
	               ids, 3, total, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* The parenting cases in scope for the due list (no support row: a
 * session is on the case). */
#define CASE_SCOPE_OWN "(pc.worker_id = $1 AND pc.worker_id = $2)"
#define CASE_SCOPE_SERVICE                                                     \
	"(pc.team_id IN (SELECT t.id FROM teams t WHERE t.service_id = $1) OR" \
	" pc.worker_id = $2)"
/* A team's ($1 = $2 = the team). */
#define CASE_SCOPE_TEAM "(pc.team_id = $1 AND pc.team_id = $2)"

/* One union arm of the due list: what, the date, the record. */
#define DUE_ARM(what, date, table, alias, cond, scope)                         \
	"SELECT '" what "' AS what, " alias "." date " AS due_date,"           \
	" pc.id AS case_id, p.id AS person_id, p.given_name, p.family_name,"   \
	" p.date_of_birth,"                                                    \
	" '" table "' AS record, " alias ".id AS record_id, pc.worker_id"      \
	" FROM " table " " alias " JOIN cases pc ON pc.id = " alias            \
	".case_id JOIN people p ON"                                            \
	" p.id = pc.person_id WHERE " alias ".closed_at IS NULL AND " alias    \
	"." date " IS NOT NULL AND " alias "." date " <= $3 AND pc.status ="   \
	" 'open' AND pc.closed_at IS NULL AND " cond " AND " scope

/* The due list's arms. */
#define DUE_SESSIONS(scope)                                                    \
	DUE_ARM("session", "session_date", "parent_sessions", "x",             \
	        "x.status = 'planned'", scope)
#define DUE_CONTRACTS(scope)                                                   \
	DUE_ARM("contract_review", "contract_review_date", "parent_sessions",  \
	        "x",                                                           \
	        "x.session_type = 'behaviour_contract' AND x.contract_outcome" \
	        " IS NULL AND x.status <> 'cancelled'",                        \
	        scope)
#define DUE_REVIEWS(scope)                                                     \
	DUE_ARM("support_review", "next_review_date", "parent_supports", "x",  \
	        "x.end_date IS NULL", scope)
#define DUE_PLAN(scope)                                                        \
	DUE_ARM("plan_item", "due_date", "parent_plan_items", "x",             \
	        "x.status IN ('not_started', 'in_progress')", scope)

/* clang-format off */
#define DUE_SQL(scope)                                                         \
	DUE_SESSIONS(scope) " UNION ALL " DUE_CONTRACTS(scope) " UNION ALL "   \
	DUE_REVIEWS(scope) " UNION ALL " DUE_PLAN(scope)                       \
	" ORDER BY 2, 4"
/* clang-format on */

static const char due_own_sql[] = DUE_SQL(CASE_SCOPE_OWN);
static const char due_service_sql[] = DUE_SQL(CASE_SCOPE_SERVICE);
static const char due_team_sql[] = DUE_SQL(CASE_SCOPE_TEAM);

int
store_parent_due(struct db *db, const struct parent_scope *q, const char *until,
                 size_t max, json_t **out, int64_t *total, struct err *e)
{
	int64_t a = q->team      ? q->team_id
	            : q->manager ? (q->service_id ? q->service_id : -1)
	                         : q->user_id;
	*out = NULL;
	*total = 0;
	struct db_stmt *s = db_prepare(db,
	                               q->team      ? due_team_sql
	                               : q->manager ? due_service_sql
	                                            : due_own_sql,
	                               e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, q->team ? q->team_id : q->user_id);
	db_bind_text(s, 3, until);
	return capped_rows(s, max, out, total, e);
}

/* One case's parenting items, whoever holds it ($2 is always 0). */
#define CASE_SCOPE_ONE "(pc.id = $1 AND pc.id > $2)"
static const char due_case_sql[] = DUE_SQL(CASE_SCOPE_ONE);

int
store_parent_case_next_due(struct db *db, int64_t case_id, json_t **out,
                           struct err *e)
{
	*out = NULL;
	int64_t total = 0;
	json_t *rows = NULL;
	struct db_stmt *s = db_prepare(db, due_case_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, 0);
	db_bind_text(s, 3, "9999-12-31");
	int rc = capped_rows(s, 1, &rows, &total, e);
	if (rc == 0 && json_array_size(rows))
		*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

/*
 * One row per (point, parent, contact the parent attended on the child's
 * case or a parenting case of theirs), contact_date NULL when none; only
 * points dated from $3 to $4, and contacts dated from $5 up to (not
 * including) $6.
 */
#define SEEN_SQL(scope)                                                        \
	"SELECT o.id AS outcome_id, o.outcome_type, c.id AS child_case_id,"    \
	" c.person_id AS child_id, ch.given_name AS child_given_name,"         \
	" ch.family_name AS child_family_name, pk.point, " POINT_DATE " AS"    \
	" point_date, COALESCE(a.id, 0) AS assessment_id, p.id AS person_id,"  \
	" p.given_name, p.family_name, fm.relationship, ct.contact_date,"      \
	" o.end_date AS outcome_end_date, p.date_of_birth, p.sex,"             \
	" p.ethnicity, COALESCE(c.team_id, 0) AS team_id FROM" SEEN_FROM       \
	    POINTS PARENTS_OF_CHILD                                            \
	" JOIN people ch ON ch.id = c.person_id LEFT JOIN"                     \
	" contact_attendees ca ON ca.person_id = p.id AND ca.removed_at IS"    \
	" NULL LEFT JOIN contacts ct ON ct.id = ca.contact_id AND"             \
	" ct.closed_at IS NULL AND ct.contact_date >= $5 AND ct.contact_date"  \
	" < $6 AND " SEEN_CONTACT_CASE " WHERE "                               \
	"o.start_date <= $4 AND COALESCE(o.end_date, $4)"                      \
	" >= $3 AND c.closed_at IS NULL AND " scope " AND"                     \
	" " POINT_DATE " >= $3 AND " POINT_DATE " <= $4 ORDER BY o.id,"        \
	" 8, 7, 9, p.id"

static const char seen_team_sql[] = SEEN_SQL(CHILD_SCOPE_TEAM);
static const char seen_service_sql[] = SEEN_SQL(CHILD_SCOPE_SERVICE);
static const char seen_case_sql[] = SEEN_SQL(CHILD_SCOPE_CASE);

int
store_parent_seen_each(struct db *db, const struct parent_scope *q,
                       parent_seen_fn fn, void *arg, struct err *e)
{
	int64_t a, b;
	child_params(q, &a, &b);
	const char *sql = q->case_id   ? seen_case_sql
	                  : q->manager ? seen_service_sql
	                               : seen_team_sql;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	db_bind_text(s, 3, q->from[0] ? q->from : "0000-01-01");
	db_bind_text(s, 4, q->to[0] ? q->to : "9999-12-31");
	db_bind_text(s, 5, q->seen_from[0] ? q->seen_from : "0000-01-01");
	db_bind_text(s, 6, q->seen_to[0] ? q->seen_to : "9999-12-31");
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		/* The columns in SEEN_SQL's order. */
		struct parent_seen_row r = {
		    .outcome_id = db_col_int(s, 0),
		    .outcome_type = db_col_text(s, 1),
		    .child_case_id = db_col_int(s, 2),
		    .child_id = db_col_int(s, 3),
		    .child_given_name = db_col_text(s, 4),
		    .child_family_name = db_col_text(s, 5),
		    .point = db_col_text(s, 6),
		    .point_date = db_col_text(s, 7),
		    .assessment_id = db_col_int(s, 8),
		    .person_id = db_col_int(s, 9),
		    .given_name = db_col_text(s, 10),
		    .family_name = db_col_text(s, 11),
		    .relationship = db_col_text(s, 12),
		    .contact_date = db_col_text(s, 13),
		    .outcome_end_date = db_col_text(s, 14),
		    .date_of_birth = db_col_text(s, 15),
		    .sex = db_col_text(s, 16),
		    .ethnicity = db_col_text(s, 17),
		    .team_id = db_col_int(s, 18),
		};
		if ((rc = fn(arg, &r, e)) != 0)
			break;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_form_response(struct db *db, int64_t id, int64_t *case_id,
                           int64_t *person_id, struct err *e)
{
	static const char sql[] =
	    "SELECT COALESCE(case_id, 0), COALESCE(person_id, 0) FROM"
	    " form_responses WHERE id = $1";
	*case_id = *person_id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int found = 0;
	int rc = one_row(s, &found, e);
	if (rc == 0 && found) {
		*case_id = db_col_int(s, 0);
		*person_id = db_col_int(s, 1);
	}
	db_done(s);
	return rc == 0 && !found ? SPIRE_ENOTFOUND : rc;
}

int
store_parent_open_yj_children(struct db *db, int64_t *n, struct err *e)
{
	static const char sql[] =
	    "SELECT COUNT(DISTINCT c.person_id) FROM cases c JOIN services s"
	    " ON s.id = c.service_id WHERE s.code = 'youth_justice' AND"
	    " c.status = 'open' AND c.closed_at IS NULL";
	return int_query(db, sql, NULL, 0, n, e);
}

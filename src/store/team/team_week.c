/*
 * team_week.c - the alerts table, and the reads behind the
 * team's home, the child's page at a glance, the chronology and the due
 * list of every service (docs/team-week.md).
 */
#include "store/team/team_week.h"

#include <string.h>

#include "core/vocab_casework.h"
#include "store/users.h"

const struct field ALERTS_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"alert_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_ALERT_TYPES,
     "type of alert"},
    {"details", FT_TEXT, 0, 0, 1000, NULL, NULL},
    {"start_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"review_date", FT_DATE, 0, 0, 0, NULL, NULL},
};

static const char *const ALERT_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by)"
    " AS recorded_by_name",
    "(SELECT full_name FROM users WHERE id = k.closed_by)"
    " AS ended_by_name",
    NULL,
};

static const char *const ALERT_LIST_BY[] = {"person_id", NULL};

/* Ending an alert closes it (with the reason it ended); a person's alerts
 * are listed current first, the latest first. */
struct record_table ALERTS_TABLE = {
    .type = "alert",
    .table = "alerts",
    .fields = ALERTS_FIELDS,
    .n_fields = FIELDS_COUNT(ALERTS_FIELDS),
    .columns = ALERT_COLUMNS,
    .list_by = ALERT_LIST_BY,
    .list_order = "k.closed_at IS NOT NULL, k.start_date DESC, k.id DESC",
    .flags = RT_REOPEN,
};

const struct record_kind RK_ALERT[1] = {{
    .name = "alert",
    .table = "alerts",
    .via = "person_id",
    .of = RK_PERSON,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("person_id", "NULL", "alerts"),
    .flags = KIND_VICTIM_RULE,
    .open_sql = SCOPE_OPEN_SQL("alerts", ""),
    .kept_sql = SCOPE_OPEN_SQL("alerts", ""),
}};

/* The current intervention of case c: the latest started, not ended. */
#define CURRENT_ORDER(c)                                                       \
	"(SELECT o.id FROM yj_outcomes o WHERE o.case_id = " c ".id"           \
	" AND o.closed_at IS NULL AND o.start_date IS NOT NULL"                \
	" AND o.end_date IS NULL ORDER BY o.start_date DESC, o.id DESC"        \
	" LIMIT 1)"

/* The child's latest open assessment's value of column. */
#define LATEST_LEVEL(c, column, name)                                          \
	"(SELECT a." column " FROM yj_assessments a WHERE a.person_id = " c    \
	".person_id AND a.closed_at IS NULL AND a.risk_of_serious_harm IS"     \
	" NOT NULL ORDER BY a.assessment_date DESC, a.id DESC LIMIT 1) "       \
	"AS " name

/* The last contact on case c at which the child was seen: recorded as
 * seen (child_seen, migration 16), or, where that was not recorded, a
 * face-to-face contact the child attended; never one that did not take
 * place. */
#define LAST_SEEN(c)                                                           \
	"(SELECT max(ct.contact_date) FROM contacts ct WHERE ct.case_id = " c  \
	".id AND ct.closed_at IS NULL AND COALESCE(ct.outcome, 'attended') ="  \
	" 'attended' AND (ct.child_seen = 1 OR (ct.child_seen IS NULL AND"     \
	" ct.contact_type IN " TEAM_SEEN_TYPES                                 \
	" AND EXISTS (SELECT 1 FROM contact_attendees ca WHERE"                \
	" ca.contact_id = ct.id AND ca.person_id = " c ".person_id"            \
	" AND ca.removed_at IS NULL)))) AS last_seen"

#define GLANCE_COLUMNS(c)                                                         \
	" ord.id AS order_id, ord.outcome_type AS order_type,"                    \
	" ord.kind AS order_kind, ord.start_date AS order_start_date,"            \
	" ord.planned_end_date AS order_planned_end_date,"                        \
	" " LATEST_LEVEL(                                                         \
	    c, "risk_of_serious_harm",                                            \
	    "rosh") ","                                                           \
	            " " LATEST_LEVEL(                                             \
	                c, "safety_wellbeing",                                    \
	                "safety_wellbeing") ","                                   \
	                                    " " LATEST_LEVEL(                     \
	                                        c, "assessment_date",             \
	                                        "assessment_date") ","            \
	                                                           " " LAST_SEEN( \
	                                                               c)

/* $1 team, $2 worker filter (>0 one, -1 unallocated, 0 all), $3 limit,
 * $4 offset. The page is chosen first (by the child's name), then each
 * of its rows is filled in. */
#define CASELOAD_FILTER                                                        \
	" c.team_id = $1 AND c.status = 'open' AND c.closed_at IS NULL"        \
	" AND ($2 = 0 OR ($2 = -1 AND c.worker_id IS NULL)"                    \
	" OR c.worker_id = $2)"

static const char caseload_sql[] =
    "SELECT c.id, c.person_id, p.given_name, p.family_name,"
    " p.preferred_name, p.date_of_birth, s.code AS service_code,"
    " s.name AS service_name, c.worker_id, u.full_name AS "
    "worker_name," WORKER_STATUS_COLUMNS ","
    " c.start_date, COALESCE(c.family_id, (SELECT min(fm.family_id) FROM"
    " family_members fm WHERE fm.person_id = c.person_id AND"
    " fm.closed_at IS NULL)) AS family_id," GLANCE_COLUMNS(
        "c") " FROM (SELECT c.* FROM cases c"
             " JOIN people p ON p.id = c.person_id WHERE" CASELOAD_FILTER
             " ORDER BY p.family_name, p.given_name, c.id LIMIT $3 OFFSET $4) c"
             " JOIN people p ON p.id = c.person_id"
             " JOIN services s ON s.id = c.service_id"
             " LEFT JOIN users u ON u.id = c.worker_id" WORKER_STATUS_JOIN
             " LEFT JOIN yj_outcomes ord ON ord.id = " CURRENT_ORDER(
                 "c") " ORDER BY p.family_name, p.given_name, c.id";

static const char caseload_count_sql[] =
    "SELECT count(*) FROM cases c WHERE" CASELOAD_FILTER
    " AND $3 = $3 AND $4 = $4";

static int
count_of(struct db_stmt *s, int64_t *n, struct err *e)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*n = db_col_int(s, 0);
		rc = 0;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

static void
bind_caseload(struct db_stmt *s, const struct team_caseload_query *q)
{
	db_bind_int(s, 1, q->team_id);
	db_bind_int(s, 2, q->worker_id);
	db_bind_int(s, 3, q->limit);
	db_bind_int(s, 4, q->offset);
}

int
store_team_caseload(struct db *db, const struct team_caseload_query *q,
                    json_t **out, int64_t *total, struct err *e)
{
	*out = NULL;
	*total = 0;
	struct db_stmt *s = db_prepare(db, caseload_count_sql, e);
	if (!s)
		return e->code;
	bind_caseload(s, q);
	int rc = count_of(s, total, e);
	if (rc)
		return rc;
	s = db_prepare(db, caseload_sql, e);
	if (!s)
		return e->code;
	bind_caseload(s, q);
	return record_rows(s, out, e);
}

/* A task is due while its case (if it has one) is open. */
#define TASK_CASE_OPEN                                                         \
	"NOT EXISTS (SELECT 1 FROM cases tc WHERE tc.id = t.case_id"           \
	" AND tc.status <> 'open')"

/* $1 team, $2 today. Workers: whoever holds an open case of the team,
 * and the team's enabled caseworkers; then the unallocated work. Each
 * count is one pass over the team's cases or tasks, grouped; the parents
 * supported are each worker's, on the parenting cases they hold in any
 * team (a parent worker who sits in a youth justice team holds them in
 * the parenting team: docs/parenting.md). */
static const char workload_sql[] =
    "WITH cs AS (SELECT c.worker_id AS w, count(*) AS n FROM cases c"
    " WHERE c.team_id = $1 AND c.status = 'open' GROUP BY c.worker_id),"
    " os AS (SELECT c.worker_id AS w, count(*) AS n FROM cases c"
    " JOIN yj_outcomes o ON o.case_id = c.id WHERE c.team_id = $1"
    " AND c.status = 'open' AND o.closed_at IS NULL"
    " AND o.start_date IS NOT NULL AND o.end_date IS NULL"
    " GROUP BY c.worker_id),"
    " ts AS (SELECT t.owner_id AS w, count(*) AS n,"
    " sum(CASE WHEN t.due_date < $2 THEN 1 ELSE 0 END) AS late"
    " FROM tasks t WHERE t.team_id = $1 AND t.status = 'open'"
    " AND t.closed_at IS NULL AND " TASK_CASE_OPEN " GROUP BY t.owner_id),"
    " ps AS (SELECT pc.worker_id AS w, count(DISTINCT s.person_id) AS n"
    " FROM parent_supports"
    " s JOIN cases pc ON pc.id = s.case_id WHERE s.closed_at IS NULL"
    " AND s.end_date IS NULL AND COALESCE(s.agreement, '') <> 'declined'"
    " AND pc.status = 'open' AND pc.closed_at IS NULL"
    " GROUP BY pc.worker_id),"
    " ws AS (SELECT w FROM cs WHERE w IS NOT NULL UNION SELECT u.id"
    " FROM users u WHERE u.team_id = $1 AND u.disabled_at IS NULL"
    " AND u.role IN ('manager','yjs_officer','parent_worker',"
    "'fgc_coordinator','social_worker','hub_worker'))"
    " SELECT * FROM (SELECT u.id AS worker_id, u.full_name AS worker_name,"
    " u.role," WORKER_STATUS_COLUMNS ", COALESCE(cs.n, 0) AS open_cases,"
    " COALESCE(os.n, 0) AS open_orders, COALESCE(ts.n, 0) AS tasks_open,"
    " COALESCE(ts.late, 0) AS tasks_overdue,"
    " COALESCE(ps.n, 0) AS parents_supported FROM ws"
    " JOIN users u ON u.id = ws.w" WORKER_STATUS_JOIN
    " LEFT JOIN cs ON cs.w = u.id"
    " LEFT JOIN os ON os.w = u.id LEFT JOIN ts ON ts.w = u.id"
    " LEFT JOIN ps ON ps.w = u.id"
    " UNION ALL SELECT NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,"
    " COALESCE((SELECT n FROM cs WHERE w IS NULL), 0),"
    " COALESCE((SELECT n FROM os WHERE w IS NULL), 0),"
    " COALESCE((SELECT n FROM ts WHERE w IS NULL), 0),"
    " COALESCE((SELECT late FROM ts WHERE w IS NULL), 0), 0) x"
    " ORDER BY x.worker_id IS NULL, x.worker_name, x.worker_id";

int
store_team_workload(struct db *db, int64_t team_id, const char *today,
                    json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, workload_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, team_id);
	db_bind_text(s, 2, today);
	return record_rows(s, out, e);
}

static const char glance_sql[] =
    "SELECT c.id AS case_id, s.code AS service_code, c.team_id,"
    " t.name AS team_name, c.worker_id, u.full_name AS worker_name,"
    " c.start_date," GLANCE_COLUMNS(
        "c") " FROM cases c"
             " JOIN services s ON s.id = c.service_id"
             " JOIN teams t ON t.id = c.team_id"
             " LEFT JOIN users u ON u.id = c.worker_id"
             " LEFT JOIN yj_outcomes ord ON ord.id = " CURRENT_ORDER(
                 "c") " WHERE c.person_id = $1 AND c.status = 'open' ORDER BY "
                      "c.start_date, c.id";

static const char alerts_sql[] =
    "SELECT id, alert_type, details, start_date, review_date FROM alerts"
    " WHERE person_id = $1 AND closed_at IS NULL"
    " ORDER BY start_date DESC, id DESC";

int
store_person_glance(struct db *db, int64_t person_id, json_t **cases,
                    json_t **alerts, struct err *e)
{
	*cases = *alerts = NULL;
	struct db_stmt *s = db_prepare(db, glance_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	int rc = record_rows(s, cases, e);
	if (rc)
		return rc;
	s = db_prepare(db, alerts_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	return record_rows(s, alerts, e);
}

/*
 * The chronology's sources. Each lists a child's events of one kind: $1
 * the child, $2 the least relation to the event's case the user needs
 * (0 after a break-glass read), $3 user, $4 team, $5 service, $6 the
 * relation needed without a reason, $7 the sealed service's code (its
 * cases need $6 whatever the reason). Columns:
 * kind, event_date (a date, or a date-time for contacts), code (a
 * vocabulary code), detail (free text or a second code), record_type,
 * record_id, case_id. A new source is one entry.
 */
#define CHRON_REL SCOPE_CASE_LEVEL("c", "$3", "$4", "$5")
#define CHRON_SQL(kind, date, code, detail, table, type, extra)                \
	"SELECT '" kind "' AS kind, k." date " AS event_date, " code           \
	" AS code, " detail " AS detail, '" type "' AS record_type,"           \
	" k.id AS record_id, k.case_id FROM " table " k"                       \
	" JOIN cases c ON c.id = k.case_id WHERE c.person_id = $1"             \
	" AND k.closed_at IS NULL AND k." date " IS NOT NULL" extra            \
	" AND (" CHRON_REL ") >= $2 AND ((" CHRON_REL ") >= $6 OR"             \
	" c.service_id NOT IN (SELECT id FROM services WHERE code = $7))"

const struct chronology_source CHRONOLOGY_SOURCES[] = {
    {"offence", "Offences",
     CHRON_SQL("offence", "offence_date", "k.category", "k.description",
               "yj_offences", "offence", "")},
    {"outcome", "Outcomes",
     CHRON_SQL("outcome", "outcome_date", "k.outcome_type", "NULL",
               "yj_outcomes", "outcome", "")},
    {"outcome_end", "Orders ended",
     CHRON_SQL("outcome_end", "end_date", "k.outcome_type", "k.end_reason",
               "yj_outcomes", "outcome", "")},
    {"assessment", "Assessments",
     CHRON_SQL("assessment", "assessment_date", "k.stage",
               "k.risk_of_serious_harm", "yj_assessments", "assessment", "")},
    {"move", "Moves (accommodation)",
     CHRON_SQL("move", "measured_on", "k.accommodation", "NULL",
               "yj_kpi_snapshots", "kpi_snapshot",
               " AND k.accommodation IS NOT NULL")},
    {"hearing", "Court hearings",
     CHRON_SQL("hearing", "hearing_date", "k.hearing_type", "k.hearing_outcome",
               "yj_hearings", "hearing", "")},
    {"contact", "Significant contacts",
     CHRON_SQL("contact", "contact_date", "k.contact_type", "k.summary",
               "contacts", "contact", " AND k.significant = 1")},
    {NULL, NULL, NULL},
};

int
store_chronology_source(struct db *db, const struct chronology_source *src,
                        int64_t person_id, const struct scope_subject *who,
                        int min_relation, int own_relation,
                        const char *sealed_service, json_t *out, struct err *e)
{
	struct db_stmt *s = db_prepare(db, src->sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, min_relation);
	db_bind_int(s, 6, own_relation);
	db_bind_text(s, 7, sealed_service);
	db_bind_int(s, 3, who->user_id);
	db_bind_int(s, 4, who->team_id ? who->team_id : -1);
	db_bind_int(s, 5, who->service_id ? who->service_id : -1);
	json_t *rows = NULL;
	int rc = record_rows(s, &rows, e);
	if (rc == 0 && json_array_extend(out, rows))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(rows);
	return rc;
}

/* $1 user or team, $2 until, $3 limit. Tasks: open, owned by the user
 * (or held by the team); family plans held by the team (or started by the
 * user), not ended, whose review is due: the latest review's next date,
 * else the plan's own. */
#define PLAN_DUE                                                               \
	"COALESCE((SELECT r.next_review_date FROM family_plan_reviews r"       \
	" WHERE r.plan_id = fp.id AND r.closed_at IS NULL"                     \
	" ORDER BY r.review_date DESC, r.id DESC LIMIT 1), "                   \
	"fp.next_review_date)"
/* One column of the family's first child (the earliest child member
 * still in it): what tells two families of one name apart on a list. */
#define FAMILY_CHILD(col)                                                      \
	"(SELECT " col " FROM family_members fm JOIN people cp ON"             \
	" cp.id = fm.person_id WHERE fm.family_id = fp.family_id AND"          \
	" fm.member_type = 'child' AND fm.closed_at IS NULL"                   \
	" ORDER BY fm.id LIMIT 1)"
/* Each arm picks its first $3 rows before the joins (the tasks by the
 * index on their owner or team, status and due date). */
/* clang-format off */
#define OTHER_DUE_SQL(task_drive, plan_drive)                                  \
	"SELECT * FROM (SELECT COALESCE(s.code, 'other') AS service,"          \
	" 'task' AS what, t.title AS title, t.due_date,"                       \
	" c.person_id, p.given_name, p.family_name, p.date_of_birth,"          \
	" t.case_id, 'task' AS record, t.id AS record_id,"                     \
	" t.owner_id AS worker_id, NULL AS family_id, NULL AS family_label,"   \
	" NULL AS child_id, NULL AS child_given_name,"                         \
	" NULL AS child_family_name, NULL AS child_date_of_birth"              \
	" FROM (SELECT * FROM tasks t"                                         \
	" WHERE " task_drive                                                   \
	" AND t.status = 'open' AND t.closed_at IS NULL AND t.due_date <= $2"  \
	" AND " TASK_CASE_OPEN " ORDER BY t.due_date, t.id LIMIT $3) t"        \
	" LEFT JOIN cases c ON c.id = t.case_id"                               \
	" LEFT JOIN services s ON s.id = c.service_id"                         \
	" LEFT JOIN people p ON p.id = c.person_id"                            \
	" UNION ALL SELECT 'family_plan', 'family_plan_review', NULL,"         \
	" " PLAN_DUE " AS due_date, NULL, NULL, NULL, NULL, NULL,"             \
	" 'family_plan', fp.id, fp.created_by, fp.family_id,"                  \
	" (SELECT f.name FROM families f WHERE f.id = fp.family_id), "         \
	FAMILY_CHILD("cp.id") ", " FAMILY_CHILD("cp.given_name") ", "          \
	FAMILY_CHILD("cp.family_name") ", "                                    \
	FAMILY_CHILD("cp.date_of_birth")                                       \
	" FROM family_plans fp WHERE " plan_drive " AND fp.closed_at IS NULL"  \
	" AND " PLAN_DUE " <= $2) x"                                           \
	" ORDER BY x.due_date, x.record, x.record_id LIMIT $3"
/* clang-format on */
static const char other_mine_sql[] =
    OTHER_DUE_SQL("t.owner_id = $1", "fp.created_by = $1");
static const char other_team_sql[] =
    OTHER_DUE_SQL("t.team_id = $1", "fp.team_id = $1");

/* $1 user or team, $2 until, $3 today: how many of OTHER_DUE_SQL's
 * rows there are in all, and how many of them are overdue. */
/* clang-format off */
#define OTHER_COUNT_SQL(task_drive, plan_drive)                                \
	"SELECT COALESCE(SUM(CASE WHEN x.due_date < $3 THEN 1 ELSE 0 END),"    \
	" 0) AS overdue, count(*) AS total FROM (SELECT t.due_date FROM"       \
	" tasks t WHERE " task_drive " AND t.status = 'open'"                  \
	" AND t.closed_at IS NULL AND t.due_date <= $2 AND " TASK_CASE_OPEN    \
	" UNION ALL SELECT " PLAN_DUE " AS due_date FROM family_plans fp"      \
	" WHERE " plan_drive " AND fp.closed_at IS NULL"                       \
	" AND " PLAN_DUE " <= $2) x"
/* clang-format on */
static const char count_mine_sql[] =
    OTHER_COUNT_SQL("t.owner_id = $1", "fp.created_by = $1");
static const char count_team_sql[] =
    OTHER_COUNT_SQL("t.team_id = $1", "fp.team_id = $1");

static void
bind_other(struct db_stmt *s, const struct team_due_query *q)
{
	db_bind_int(s, 1, !q->team ? q->user_id : q->team_id ? q->team_id : -1);
	db_bind_text(s, 2, q->until);
	db_bind_int(s, 3, q->limit);
}

int
store_team_due_other(struct db *db, const struct team_due_query *q,
                     json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s =
	    db_prepare(db, q->team ? other_team_sql : other_mine_sql, e);
	if (!s)
		return e->code;
	bind_other(s, q);
	return record_rows(s, out, e);
}

int
store_team_due_other_count(struct db *db, const struct team_due_query *q,
                           const char *today, int64_t *total, int64_t *overdue,
                           struct err *e)
{
	*total = *overdue = 0;
	struct db_stmt *s =
	    db_prepare(db, q->team ? count_team_sql : count_mine_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, !q->team ? q->user_id : q->team_id ? q->team_id : -1);
	db_bind_text(s, 2, q->until);
	db_bind_text(s, 3, today);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*overdue = db_col_int(s, 0);
		*total = db_col_int(s, 1);
		rc = 0;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* $1 team, $2 today: the team's family plans overdue for review, by
 * whoever started them. */
static const char plans_overdue_sql[] =
    "SELECT fp.created_by AS worker_id, count(*) AS overdue"
    " FROM family_plans fp WHERE fp.team_id = $1 AND fp.closed_at IS NULL"
    " AND " PLAN_DUE " < $2 GROUP BY fp.created_by ORDER BY fp.created_by";

int
store_team_plans_overdue(struct db *db, int64_t team_id, const char *today,
                         json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, plans_overdue_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, team_id);
	db_bind_text(s, 2, today);
	return record_rows(s, out, e);
}

int
store_case_next_task(struct db *db, int64_t case_id, json_t **out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT id, title, due_date, owner_id FROM tasks WHERE case_id = $1"
	    " AND status = 'open' AND closed_at IS NULL"
	    " ORDER BY due_date, id LIMIT 1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_team_has_worker(struct db *db, int64_t team_id, int64_t user_id,
                      int *found, struct err *e)
{
	static const char sql[] =
	    "SELECT 1 FROM users WHERE id = $2 AND (team_id = $1 OR id IN"
	    " (SELECT worker_id FROM cases WHERE team_id = $1"
	    " AND status = 'open' AND worker_id = $2))";
	*found = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, team_id);
	db_bind_int(s, 2, user_id);
	int rc = db_step(s, e);
	*found = rc == DB_ROW;
	db_done(s);
	return rc < 0 ? rc : 0;
}

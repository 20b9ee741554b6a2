/*
 * cases.c - case records and caseload queries.
 */
#include "store/cases.h"

const struct field CASES_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"service_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"team_id", FT_ID, FF_REQUIRED, 0, 0, NULL},
    {"worker_id", FT_ID, 0, 0, 0, NULL},
    {"family_id", FT_ID, 0, 0, 0, NULL},
    {"start_date", FT_DATE, FF_REQUIRED, 0, 0, NULL},
    {"end_date", FT_DATE, 0, 0, 0, NULL},
    {"reason", FT_TEXT, 0, 0, 2000, NULL},
};

#define COLUMNS                                                                \
	"person_id, service_id, team_id, worker_id, family_id, start_date,"    \
	" end_date, reason"

static const char get_sql[] =
    "SELECT id, version, " COLUMNS ", status, closure_reason, created_at,"
    " created_by, updated_at, updated_by, closed_at, closed_reason"
    " FROM cases WHERE id = $1";

static const char insert_sql[] =
    "INSERT INTO cases(" COLUMNS ", created_at, created_by) VALUES ($1, $2,"
    " $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

static const char update_sql[] =
    "UPDATE cases SET person_id=$3, service_id=$4, team_id=$5, worker_id=$6,"
    " family_id=$7, start_date=$8, end_date=$9, reason=$10, updated_at=$11,"
    " updated_by=$12, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

/* Closing ends the case: today (UTC, as closed_at) unless an end date was
 * already recorded. */
static const char close_sql[] =
    "UPDATE cases SET status='closed', end_date=ifnull(end_date,"
    " substr($3, 1, 10)), closure_reason=$4, closed_at=$3, closed_reason=$4,"
    " closed_by=$5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

static const char reopen_sql[] =
    "UPDATE cases SET closed_at = NULL, closed_reason = NULL,"
    " closed_by = NULL, status = COALESCE($5, 'open'),"
    " end_date = $6, closure_reason = $7, updated_at = $3, updated_by = $4,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NOT NULL";

static const char *const CASES_RESTORE[] = {"status", "end_date",
                                            "closure_reason", NULL};

const struct record_sql CASES_SQL = {
    "case",     CASES_FIELDS, FIELDS_COUNT(CASES_FIELDS), get_sql, insert_sql,
    update_sql, close_sql,
};

const struct record_reopen CASES_REOPEN = {&CASES_SQL, reopen_sql,
                                           CASES_RESTORE};

#define LABEL_COLUMNS                                                          \
	"s.code AS service_code, s.name AS service_name, t.name AS"            \
	" team_name, u.full_name AS worker_name, p.given_name,"                \
	" p.family_name, p.preferred_name, p.date_of_birth"

#define LABEL_JOINS                                                            \
	" FROM cases c JOIN people p ON p.id = c.person_id"                    \
	" JOIN teams t ON t.id = c.team_id"                                    \
	" JOIN services s ON s.id = c.service_id"                              \
	" LEFT JOIN users u ON u.id = c.worker_id"

/*
 * One text per way in: the first condition picks the index (person, worker,
 * team, or the teams of a service); the rest are the same for all. $1 user,
 * $2 team, $3 service, $4 least relation, $5 mine, $6 team, $7 person,
 * $8 status, $9 limit, $10 offset.
 */
#define LIST_SQL(drive)                                                        \
	"SELECT c.id, c.version, c.person_id, c.service_id, c.team_id,"        \
	" c.worker_id, c.family_id, c.start_date, c.end_date, c.status,"       \
	" c.reason, c.closure_reason, c.created_at, c.updated_at,"             \
	" c.closed_at, " LABEL_COLUMNS LABEL_JOINS " WHERE " drive             \
	" AND (CASE WHEN c.worker_id = $1 THEN 3 WHEN c.team_id = $2 THEN 2"   \
	" WHEN c.service_id = $3 THEN 1 ELSE 0 END) >= $4"                     \
	" AND (NOT $5 OR c.worker_id = $1) AND (NOT $6 OR c.team_id = $2)"     \
	" AND ($7 = 0 OR c.person_id = $7) AND ($8 IS NULL OR c.status = $8)"  \
	" ORDER BY p.family_name, p.given_name, c.start_date DESC, c.id"       \
	" LIMIT $9 OFFSET $10"

static const char list_person_sql[] = LIST_SQL("c.person_id = $7");
static const char list_mine_sql[] = LIST_SQL("c.worker_id = $1");
static const char list_team_sql[] = LIST_SQL("c.team_id = $2");
static const char list_own_sql[] =
    LIST_SQL("(c.worker_id = $1 OR c.team_id = $2)");
static const char list_service_sql[] =
    LIST_SQL("c.team_id IN (SELECT st.id FROM teams st"
             " WHERE st.service_id = $3)");

/* The statement whose first condition narrows q the most. */
static const char *
list_sql(const struct cases_query *q)
{
	if (q->person_id)
		return list_person_sql;
	if (q->mine)
		return list_mine_sql;
	if (q->team)
		return list_team_sql;
	return q->min_relation >= 2 ? list_own_sql : list_service_sql;
}

int
store_cases_list(struct db *db, const struct cases_query *q, json_t **out,
                 struct err *e)
{
	struct db_stmt *s = db_prepare(db, list_sql(q), e);
	if (!s)
		return e->code;
	/* -1 matches nothing: a user without a team holds no team cases. */
	db_bind_int(s, 1, q->user_id);
	db_bind_int(s, 2, q->team_id ? q->team_id : -1);
	db_bind_int(s, 3, q->service_id ? q->service_id : -1);
	db_bind_int(s, 4, q->min_relation);
	db_bind_bool(s, 5, q->mine);
	db_bind_bool(s, 6, q->team);
	db_bind_int(s, 7, q->person_id);
	db_bind_text(s, 8, q->status);
	db_bind_int(s, 9, q->limit);
	db_bind_int(s, 10, q->offset);
	return record_rows(s, out, e);
}

static const char labels_sql[] =
    "SELECT " LABEL_COLUMNS LABEL_JOINS " WHERE c.id = $1";

/* Read through record_get: one row by id, "no case" when missing. */
static const struct record_sql CASE_LABELS = {
    "case", NULL, 0, labels_sql, NULL, NULL, NULL,
};

int
store_cases_labels(struct db *db, int64_t id, json_t **out, struct err *e)
{
	return record_get(db, &CASE_LABELS, id, out, e);
}

int
store_cases_count_open(struct db *db, int64_t person_id, int64_t *n,
                       struct err *e)
{
	static const char sql[] = "SELECT count(*) FROM cases WHERE"
	                          " person_id = $1 AND status = 'open'";
	*n = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*n = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_cases_of_person(struct db *db, int64_t person_id, json_t **out,
                      struct err *e)
{
	static const char sql[] =
	    "SELECT c.id, s.code AS service_code, t.name AS team_name,"
	    " u.full_name AS worker_name, c.status, c.start_date, c.end_date"
	    " FROM cases c JOIN teams t ON t.id = c.team_id"
	    " JOIN services s ON s.id = c.service_id"
	    " LEFT JOIN users u ON u.id = c.worker_id"
	    " WHERE c.person_id = $1"
	    " ORDER BY c.status = 'closed', c.start_date DESC, c.id DESC";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	return record_rows(s, out, e);
}

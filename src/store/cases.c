/*
 * cases.c - case records and caseload queries.
 */
#include "store/cases.h"

#include <stdio.h>

#include "core/buf.h"
#include "store/scope.h"
#include "store/users.h"

const struct field CASES_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"service_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"team_id", FT_ID, FF_REQUIRED, 0, 0, NULL, NULL},
    {"worker_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"family_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"start_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"end_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"reason", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const CASE_COLUMNS[] = {"k.status", "k.closure_reason",
                                           NULL};

/* What closing set besides closed_*, put back by a reopen. */
static const struct record_restore CASE_RESTORE[] = {
    {"status", "'open'"},
    {"end_date", NULL},
    {"closure_reason", NULL},
    {NULL, NULL},
};

/* Closing ends the case: today (UTC, as closed_at) unless an end date was
 * already recorded. */
struct record_table CASES_TABLE = {
    .type = "case",
    .table = "cases",
    .fields = CASES_FIELDS,
    .n_fields = FIELDS_COUNT(CASES_FIELDS),
    .columns = CASE_COLUMNS,
    .close_set = "status = 'closed', end_date = COALESCE(end_date,"
                 " substr($3, 1, 10)), closure_reason = $4",
    .restore = CASE_RESTORE,
    .flags = RT_REOPEN | RT_NO_CLOSED_BY,
};

#define LABEL_COLUMNS                                                          \
	"s.code AS service_code, s.name AS service_name, t.name AS"            \
	" team_name, u.full_name AS worker_name, p.given_name,"                \
	" p.family_name, p.preferred_name, "                                   \
	"p.date_of_birth," WORKER_STATUS_COLUMNS

#define LABEL_JOINS                                                            \
	" FROM cases c JOIN people p ON p.id = c.person_id"                    \
	" JOIN teams t ON t.id = c.team_id"                                    \
	" JOIN services s ON s.id = c.service_id"                              \
	" LEFT JOIN users u ON u.id = c.worker_id" WORKER_STATUS_JOIN

/*
 * One text per way in: the first condition picks the index (person, worker,
 * team, or the teams of a service); the rest are the same for all. $1 user,
 * $2 team, $3 service, $4 least relation, $5 mine, $6 team, $7 person,
 * $8 status, $9 limit, $10 offset.
 */
#define LIST_RELATION SCOPE_CASE_LEVEL("c", "$1", "$2", "$3")
#define LIST_SQL(drive)                                                        \
	"SELECT c.id, c.version, c.person_id, c.service_id, c.team_id,"        \
	" c.worker_id, c.family_id, c.start_date, c.end_date, c.status,"       \
	" c.reason, c.closure_reason, c.created_at, c.updated_at,"             \
	" c.closed_at, " LABEL_COLUMNS LABEL_JOINS " WHERE " drive             \
	" AND (" LIST_RELATION ") >= $4"                                       \
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

int
store_cases_labels(struct db *db, int64_t id, json_t **out, struct err *e)
{
	return record_row(db, labels_sql, id, out, e);
}

int
store_cases_span(struct db *db, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT c.start_date, c.end_date, s.code AS service_code"
	    " FROM cases c JOIN services s ON s.id = c.service_id"
	    " WHERE c.id = $1";
	return record_row(db, sql, id, out, e);
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
store_cases_open_in_service(struct db *db, int64_t person_id,
                            int64_t service_id, int64_t except_id,
                            int64_t *case_id, char *team_name, size_t len,
                            struct err *e)
{
	static const char sql[] =
	    "SELECT c.id, t.name FROM cases c JOIN teams t ON t.id = c.team_id"
	    " WHERE c.person_id = $1 AND c.service_id = $2 AND c.id <> $3"
	    " AND c.status = 'open' AND c.closed_at IS NULL"
	    " ORDER BY c.id LIMIT 1";
	*case_id = 0;
	if (len)
		team_name[0] = '\0';
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, service_id);
	db_bind_int(s, 3, except_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*case_id = db_col_int(s, 0);
		const char *t = db_col_text(s, 1);
		if (len)
			snprintf(team_name, len, "%s", t ? t : "");
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* The statement of a person's cases, bound; NULL with e set. */
static struct db_stmt *
cases_of_person(struct db *db, int64_t person_id, struct err *e)
{
	static const char sql[] =
	    "SELECT c.id, s.code AS service_code, s.name AS service_name,"
	    " t.name AS team_name,"
	    " u.full_name AS worker_name, c.status, c.start_date, c.end_date"
	    " FROM cases c JOIN teams t ON t.id = c.team_id"
	    " JOIN services s ON s.id = c.service_id"
	    " LEFT JOIN users u ON u.id = c.worker_id"
	    " WHERE c.person_id = $1"
	    " ORDER BY c.status = 'closed', c.start_date DESC, c.id DESC";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (s)
		db_bind_int(s, 1, person_id);
	return s;
}

int
store_cases_of_person(struct db *db, int64_t person_id, json_t **out,
                      struct err *e)
{
	struct db_stmt *s = cases_of_person(db, person_id, e);
	return s ? record_rows(s, out, e) : e->code;
}

int
store_cases_of_person_text(struct db *db, int64_t person_id, struct buf *rows,
                           struct buf *text, struct err *e)
{
	struct db_stmt *s = cases_of_person(db, person_id, e);
	if (!s)
		return e->code;
	const struct record_cols *c = NULL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (!c && !(c = record_cols_of(s, 0, db_column_count(s), NULL,
		                               0, NULL))) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		struct case_text_row r = {.id = db_col_int(s, 0),
		                          .at = text->len};
		buf_add(text, "{", 1);
		record_cols_write(c, s, 0, text);
		buf_add(text, "}", 1);
		r.len = text->len - r.at;
		if (buf_add(rows, &r, sizeof(r)) || text->err) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

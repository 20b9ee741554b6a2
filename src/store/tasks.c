/*
 * tasks.c - task records and task lists.
 */
#include "store/tasks.h"

const struct field TASKS_FIELDS[] = {
    {"case_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"contact_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"title", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL, NULL},
    {"details", FT_TEXT, 0, 0, 5000, NULL, NULL},
    {"due_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"owner_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"team_id", FT_ID, 0, 0, 0, NULL, NULL},
};
const size_t TASKS_N_FIELDS = FIELDS_COUNT(TASKS_FIELDS);

/* The names a reader needs: the owner's, the team's, the case's child. */
#define TASK_JOINS                                                             \
	" JOIN teams t ON t.id = k.team_id"                                    \
	" LEFT JOIN users u ON u.id = k.owner_id"                              \
	" LEFT JOIN cases c ON c.id = k.case_id"                               \
	" LEFT JOIN people p ON p.id = c.person_id"

/* Overdue (NULL here) is worked out by the service for a single record. */
static const char *const TASK_COLUMNS[] = {
    "u.full_name AS owner_name",
    "t.name AS team_name",
    "k.status",
    "k.done_at",
    "c.person_id",
    "p.given_name || ' ' || p.family_name AS child_name",
    "NULL AS overdue",
    NULL,
};

/* Only open tasks change; done and cancelled ones are kept as they were.
 * Closing a task cancels it. */
struct record_table TASKS_TABLE = {
    .type = "task",
    .table = "tasks",
    .fields = TASKS_FIELDS,
    .n_fields = FIELDS_COUNT(TASKS_FIELDS),
    .columns = TASK_COLUMNS,
    .joins = TASK_JOINS,
    .close_set = "status = 'cancelled'",
    .update_guard = "status = 'open'",
    .close_guard = "status = 'open'",
    .flags = RT_NO_CLOSED_BY,
};

/* A task with the names a reader needs; $today is the parameter holding
 * today's date. */
#define TASK_SELECT(today)                                                     \
	"SELECT k.id, k.version, k.case_id, k.contact_id, k.title,"            \
	" k.details, k.due_date, k.owner_id, u.full_name AS owner_name,"       \
	" k.team_id, t.name AS team_name, k.status, k.done_at,"                \
	" k.created_at, k.created_by, k.updated_at, k.updated_by,"             \
	" k.closed_at, k.closed_reason, c.person_id,"                          \
	" p.given_name || ' ' || p.family_name AS child_name,"                 \
	" CASE WHEN k.status = 'open' AND k.due_date < " today                 \
	" THEN 1 ELSE 0 END AS overdue"                                        \
	" FROM tasks k" TASK_JOINS

int
store_tasks_case_ref(struct db *db, int64_t id, struct case_ref *out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT person_id, team_id, COALESCE(worker_id, 0),"
	    " status <> 'open' OR closed_at IS NOT NULL,"
	    " CASE WHEN service_id = (SELECT s.id FROM services s"
	    " WHERE s.code = 'youth_justice') THEN 1 ELSE 0 END FROM cases"
	    " WHERE id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		out->id = id;
		out->person_id = db_col_int(s, 0);
		out->team_id = db_col_int(s, 1);
		out->worker_id = db_col_int(s, 2);
		out->closed = (int)db_col_int(s, 3);
		out->youth_justice = (int)db_col_int(s, 4);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "case_id",
		             "Select a case from the list: this case does not "
		             "exist");
	}
	db_done(s);
	return rc;
}

int
store_tasks_team_member(struct db *db, int64_t user_id, int64_t team_id,
                        int *ok, struct err *e)
{
	static const char sql[] =
	    "SELECT count(*) FROM users WHERE id = $1 AND team_id = $2"
	    " AND disabled_at IS NULL AND role NOT IN ('parent', 'analyst',"
	    " 'admin')";
	*ok = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, team_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*ok = db_col_int(s, 0) > 0;
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_tasks_practitioner(struct db *db, int64_t user_id, int64_t *team_id,
                         struct err *e)
{
	static const char sql[] =
	    "SELECT team_id FROM users WHERE id = $1 AND disabled_at IS NULL"
	    " AND team_id IS NOT NULL AND role NOT IN ('parent', 'analyst',"
	    " 'admin')";
	*team_id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, user_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*team_id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_tasks_practitioners(struct db *db, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT u.id, u.full_name, u.role, u.team_id, t.name AS team_name,"
	    " s.code AS service_code, s.name AS service_name FROM users u"
	    " JOIN teams t ON t.id = u.team_id JOIN services s ON s.id ="
	    " t.service_id WHERE u.disabled_at IS NULL AND u.role NOT IN"
	    " ('parent', 'analyst', 'admin') ORDER BY s.name, t.name,"
	    " u.full_name, u.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	return record_rows(s, out, e);
}

/* The rows of sql, a statement about the tasks of case $1 and an owner
 * or team $2, into *out (new; NULL on error). */
static int
case_tasks(struct db *db, const char *sql, int64_t case_id, int64_t other,
           json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, other);
	return record_rows(s, out, e);
}

int
store_tasks_open_of(struct db *db, int64_t case_id, int64_t owner_id,
                    json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version FROM tasks WHERE case_id = $1 AND owner_id ="
	    " $2 AND status = 'open' AND closed_at IS NULL ORDER BY id";
	return case_tasks(db, sql, case_id, owner_id, out, e);
}

int
store_tasks_open_in_team(struct db *db, int64_t case_id, int64_t team_id,
                         json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version, owner_id FROM tasks WHERE case_id = $1 AND"
	    " team_id = $2 AND status = 'open' AND closed_at IS NULL ORDER BY "
	    "id";
	return case_tasks(db, sql, case_id, team_id, out, e);
}

int
store_tasks_open_of_contact(struct db *db, int64_t contact_id, json_t **out,
                            struct err *e)
{
	static const char sql[] =
	    "SELECT k.id, k.version, c.person_id FROM tasks k JOIN cases c ON"
	    " c.id = k.case_id WHERE k.contact_id = $1 AND k.status = 'open'"
	    " AND k.closed_at IS NULL ORDER BY k.id";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, contact_id);
	return record_rows(s, out, e);
}

int
store_tasks_finished_in_team(struct db *db, int64_t case_id, int64_t team_id,
                             json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version FROM tasks WHERE case_id = $1 AND team_id ="
	    " $2 AND (status <> 'open' OR closed_at IS NOT NULL) ORDER BY id";
	return case_tasks(db, sql, case_id, team_id, out, e);
}

int
store_tasks_hand_finished(struct db *db, int64_t id, int64_t version,
                          int64_t team_id, const char *at, int64_t user_id,
                          struct err *e)
{
	static const char sql[] =
	    "UPDATE tasks SET team_id = $3, owner_id = NULL, version ="
	    " version + 1, updated_at = $4, updated_by = $5 WHERE id = $1 AND"
	    " version = $2 AND (status <> 'open' OR closed_at IS NOT NULL)";
	int rc = record_history_keep(db, &TASKS_TABLE, id, at, user_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_int(s, 3, team_id);
	db_bind_text(s, 4, at);
	db_bind_id(s, 5, user_id);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ECONFLICT, "version",
		               "This task has been changed by someone else");
	return 0;
}

int
store_tasks_mark_done(struct db *db, int64_t id, const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE tasks SET status = 'done', done_at = $2"
	    " WHERE id = $1 AND status = 'open' AND closed_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, at);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(
		    e, SPIRE_ECONFLICT, "status",
		    "This task is no longer open, so it cannot be changed");
	return 0;
}

int
store_tasks_mark_open(struct db *db, int64_t id, int64_t version,
                      const char *at, int64_t user_id, struct err *e)
{
	static const char sql[] =
	    "UPDATE tasks SET status = 'open', done_at = NULL,"
	    " updated_at = $3, updated_by = $4, version = version + 1"
	    " WHERE id = $1 AND version = $2 AND status = 'done'"
	    " AND closed_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, at);
	db_bind_int(s, 4, user_id);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ECONFLICT, "version",
		               "This task has changed since it was read, or is "
		               "no longer done");
	return 0;
}

/* The filters after the leading, indexed one; $1 owner, $2 team, $3 case,
 * $4 status, $5 overdue only, $6 today, $7 case checked, $8 user, $9 team,
 * $10 service wide, $11 service, $12 limit, $13 offset. */
#define TASK_FILTERS                                                           \
	" AND ($1 = 0 OR k.owner_id = $1) AND ($2 = 0 OR k.team_id = $2)"      \
	" AND ($3 = 0 OR k.case_id = $3) AND ($4 IS NULL OR k.status = $4)"    \
	" AND (NOT $5 OR (k.status = 'open' AND k.due_date < $6))"             \
	" AND ($7 OR k.owner_id = $8 OR k.team_id = $9 OR c.worker_id = $8"    \
	" OR c.team_id = $9 OR ($10 AND (t.service_id = $11"                   \
	" OR c.service_id = $11)))"                                            \
	" ORDER BY k.due_date, k.id LIMIT $12 OFFSET $13"

int
store_tasks_list(struct db *db, const struct tasks_query *q, json_t **out,
                 struct err *e)
{
	/* One text per leading filter so that SQLite uses that index. */
	static const char by_owner_sql[] =
	    TASK_SELECT("$6") " WHERE k.owner_id = $1" TASK_FILTERS;
	static const char by_team_sql[] =
	    TASK_SELECT("$6") " WHERE k.team_id = $2" TASK_FILTERS;
	static const char by_case_sql[] =
	    TASK_SELECT("$6") " WHERE k.case_id = $3" TASK_FILTERS;
	const char *sql = q->case_id    ? by_case_sql
	                  : q->owner_id ? by_owner_sql
	                                : by_team_sql;
	if (!q->case_id && !q->owner_id && !q->team_id)
		return err_set(e, SPIRE_EINVAL, NULL, "no task filter given");
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, q->owner_id);
	db_bind_int(s, 2, q->team_id);
	db_bind_int(s, 3, q->case_id);
	db_bind_text(s, 4, q->status);
	db_bind_bool(s, 5, q->overdue);
	db_bind_text(s, 6, q->today);
	db_bind_bool(s, 7, q->case_checked);
	db_bind_int(s, 8, q->subject.user_id);
	db_bind_int(s, 9, q->subject.team_id ? q->subject.team_id : -1);
	db_bind_bool(s, 10, q->service_wide);
	db_bind_int(s, 11, q->subject.service_id ? q->subject.service_id : -1);
	db_bind_int(s, 12, q->limit);
	db_bind_int(s, 13, q->offset);
	return record_rows(s, out, e);
}

int
store_tasks_for_contact(struct db *db, int64_t contact_id, const char *today,
                        json_t **out, struct err *e)
{
	static const char sql[] = TASK_SELECT(
	    "$2") " WHERE k.contact_id = $1 ORDER BY k.due_date, k.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, contact_id);
	db_bind_text(s, 2, today);
	return record_rows(s, out, e);
}

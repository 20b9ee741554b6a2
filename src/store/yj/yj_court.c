/*
 * yj_court.c - hearings and reports for court.
 */
#include "store/yj/yj_court.h"

#include "core/yj/vocab_yj.h"

const struct field YJ_HEARINGS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"court", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 120, NULL, NULL},
    {"hearing_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the hearing"},
    {"hearing_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_HEARING_TYPES,
     "type of hearing"},
    {"hearing_outcome", FT_ENUM, 0, 0, 0, &VOCAB_HEARING_OUTCOMES,
     "outcome of the hearing"},
    {"next_hearing_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 5000, NULL, NULL},
};

const struct field YJ_COURT_REPORTS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"report_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_COURT_REPORT_TYPES,
     "type of report"},
    {"hearing_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"author_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"requested_on", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"due_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"submitted_on", FT_DATE, 0, 0, 0, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 5000, NULL, NULL},
};

#define CREATED_BY_NAME                                                        \
	"(SELECT full_name FROM users WHERE id = k.created_by) AS"             \
	" created_by_name"

static const char *const HEARING_COLUMNS[] = {
    CREATED_BY_NAME,
    "p.given_name",
    "p.family_name",
    NULL,
};

static const char *const REPORT_COLUMNS[] = {
    CREATED_BY_NAME,
    "p.given_name",
    "p.family_name",
    "(SELECT full_name FROM users WHERE id = k.author_id) AS author_name",
    "(SELECT court FROM yj_hearings WHERE id = k.hearing_id) AS"
    " hearing_court",
    "(SELECT hearing_date FROM yj_hearings WHERE id = k.hearing_id) AS"
    " hearing_date",
    NULL,
};

static const char *const BY_CASE[] = {"case_id", NULL};

struct record_table YJ_HEARINGS_TABLE = {
    .type = "hearing",
    .table = "yj_hearings",
    .fields = YJ_HEARINGS_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_HEARINGS_FIELDS),
    .columns = HEARING_COLUMNS,
    .joins = " JOIN people p ON p.id = k.person_id",
    .list_by = BY_CASE,
    .list_order = "k.hearing_date DESC, k.id DESC",
    .flags = RT_REOPEN,
};

struct record_table YJ_COURT_REPORTS_TABLE = {
    .type = "court_report",
    .table = "yj_court_reports",
    .fields = YJ_COURT_REPORTS_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_COURT_REPORTS_FIELDS),
    .columns = REPORT_COLUMNS,
    .joins = " JOIN people p ON p.id = k.person_id",
    .list_by = BY_CASE,
    .list_order = "k.due_date DESC, k.id DESC",
    .flags = RT_REOPEN,
};

int
store_yj_hearing_ref(struct db *db, int64_t id, struct yj_ref *out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT person_id, case_id, closed_at IS NOT NULL, NULL, 0 FROM"
	    " yj_hearings WHERE id = $1";
	return store_yj_ref(db, sql, id, "hearing_id", "hearing", out, e);
}

/* $1 the user (mine) or the team, $2 the user, $3 horizon, $4 limit, $5
 * offset. */
#define DUE_SQL(drive)                                                         \
	"SELECT k.id, k.person_id, k.case_id, k.report_type, k.due_date,"      \
	" k.requested_on, k.author_id, a.full_name AS author_name,"            \
	" k.hearing_id, p.given_name, p.family_name, w.full_name AS"           \
	" worker_name FROM yj_court_reports k JOIN cases c ON c.id ="          \
	" k.case_id JOIN people p ON p.id = k.person_id LEFT JOIN users a"     \
	" ON a.id = k.author_id LEFT JOIN users w ON w.id = c.worker_id"       \
	" WHERE " drive " AND k.closed_at IS NULL AND k.submitted_on IS NULL"  \
	" AND c.status = 'open' AND c.closed_at IS NULL AND k.due_date <= $3"  \
	" ORDER BY k.due_date, k.id LIMIT $4 OFFSET $5"

int
store_yj_court_reports_due(struct db *db, const struct yj_court_due_query *q,
                           json_t **out, struct err *e)
{
	static const char mine_sql[] =
	    DUE_SQL("(c.worker_id = $1 OR k.author_id = $2)");
	static const char team_sql[] =
	    DUE_SQL("(c.team_id = $1 OR k.author_id = $2)");
	struct db_stmt *s = db_prepare(db, q->team ? team_sql : mine_sql, e);
	if (!s)
		return e->code;
	/* -1 matches nothing: a user without a team holds no team cases. */
	db_bind_int(s, 1, !q->team ? q->user_id : q->team_id ? q->team_id : -1);
	db_bind_int(s, 2, q->user_id);
	db_bind_text(s, 3, q->horizon);
	db_bind_int(s, 4, q->limit);
	db_bind_int(s, 5, q->offset);
	return record_rows(s, out, e);
}

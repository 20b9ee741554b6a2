/*
 * yj_outcomes.c - outcome and intervention records and their offence
 * links.
 */
#include "store/yj/yj_outcomes.h"

#include "core/yj/vocab_yj.h"

#include <stdio.h>
#include <string.h>

const struct field YJ_OUTCOMES_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"outcome_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_OUTCOME_TYPES,
     "type of outcome"},
    {"outcome_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the outcome"},
    {"start_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"planned_end_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"next_review_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"end_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"end_reason", FT_ENUM, 0, 0, 0, &VOCAB_END_REASONS, NULL},
    {"release_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"transition_plan_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"transferred_in", FT_BOOL, 0, 0, 0, NULL,
     "the child transferred in from another youth justice service"},
    {"transferred_from", FT_TEXT, FF_LINE, 0, 200, NULL,
     "service the child transferred from"},
    {"transferred_to", FT_TEXT, FF_LINE, 0, 200, NULL,
     "service the child transferred to"},
    {"yro_requirements", FT_LIST, 0, 0, 60, &VOCAB_YRO_REQUIREMENTS, NULL},
    {"notes", FT_TEXT, 0, 0, 10000, NULL, NULL},
};
const size_t YJ_OUTCOMES_N_FIELDS = FIELDS_COUNT(YJ_OUTCOMES_FIELDS);

#define OUTCOME_COLUMNS                                                        \
	"k.id, k.version, k.case_id, k.person_id, k.outcome_type, k.kind,"     \
	" k.substantive, k.outcome_date, k.start_date, k.planned_end_date,"    \
	" k.next_review_date, k.end_date, k.end_reason, k.release_date,"       \
	" k.transition_plan_date, k.transferred_in, k.transferred_from,"       \
	" k.transferred_to, k.yro_requirements, k.notes,"                      \
	" k.reoffending_index_date, k.created_at, k.created_by,"               \
	" k.updated_at, k.updated_by, k.closed_at, k.closed_reason,"           \
	" k.closed_by"

static const char *const YJ_OUTCOMES_COLUMNS[] = {
    "k.kind",
    "k.substantive",
    "k.reoffending_index_date",
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

struct record_table YJ_OUTCOMES_TABLE = {
    .type = "outcome",
    .table = "yj_outcomes",
    .fields = YJ_OUTCOMES_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_OUTCOMES_FIELDS),
    .columns = YJ_OUTCOMES_COLUMNS,
    .flags = RT_REOPEN,
};

#define OUTCOME_SELECT                                                         \
	"SELECT " OUTCOME_COLUMNS " FROM yj_outcomes k JOIN cases c ON"        \
	" c.id = k.case_id"

static const char list_case_sql[] =
    YJ_LIST_SQL(OUTCOME_SELECT, "case_id", "k.outcome_date DESC, k.id DESC");
static const char list_person_sql[] =
    YJ_LIST_SQL(OUTCOME_SELECT, "person_id", "k.outcome_date DESC, k.id DESC");

int
store_yj_outcomes_list(struct db *db, const struct yj_list_query *q,
                       json_t **out, struct err *e)
{
	return store_yj_list(db, list_case_sql, list_person_sql, q, out, e);
}

int
store_yj_outcomes_same_day(struct db *db, int64_t person_id, const char *type,
                           const char *date, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT k.id, l.offence_id FROM yj_outcomes k"
	    " LEFT JOIN yj_outcome_offences l ON l.outcome_id = k.id"
	    " AND l.removed_at IS NULL WHERE k.person_id = $1"
	    " AND k.outcome_type = $2 AND k.outcome_date = $3"
	    " AND k.closed_at IS NULL ORDER BY k.id, l.offence_id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, type);
	db_bind_text(s, 3, date);
	return record_rows(s, out, e);
}

int
store_yj_outcome_ref(struct db *db, int64_t id, struct yj_ref *out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT person_id, case_id, closed_at IS NOT NULL, kind,"
	    " start_date IS NOT NULL FROM yj_outcomes WHERE id = $1";
	return store_yj_ref(db, sql, id, "outcome_id", "outcome", out, e);
}

int
store_yj_outcome_unlink_all(struct db *db, int64_t outcome_id, const char *at,
                            struct err *e)
{
	static const char sql[] =
	    "UPDATE yj_outcome_offences SET removed_at = $2"
	    " WHERE outcome_id = $1 AND removed_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	db_bind_text(s, 2, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_yj_outcome_link(struct db *db, int64_t outcome_id, int64_t offence_id,
                      const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_outcome_offences(outcome_id, offence_id, added_at)"
	    " VALUES ($1, $2, $3)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, offence_id);
	db_bind_text(s, 3, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* The latest open assessment / snapshot date of outcome k at stages. */
#define LATEST_ASSESSMENT(stages, name)                                        \
	" (SELECT max(a.assessment_date) FROM yj_assessments a WHERE"          \
	" a.outcome_id = k.id AND a.closed_at IS NULL AND a.stage IN (" stages \
	")) AS " name
#define LATEST_KPI(point, name)                                                \
	" (SELECT max(s.measured_on) FROM yj_kpi_snapshots s WHERE"            \
	" s.outcome_id = k.id AND s.closed_at IS NULL AND s.point = '" point   \
	"') AS " name

#define FACTS_SELECT                                                                                                                                                                                                                                                                 \
	"SELECT k.id, k.person_id, k.case_id, k.outcome_type, k.kind,"                                                                                                                                                                                                               \
	" k.outcome_date, k.start_date, k.planned_end_date,"                                                                                                                                                                                                                         \
	" k.next_review_date, k.end_date, k.end_reason, k.release_date,"                                                                                                                                                                                                             \
	" k.transition_plan_date, p.given_name, p.family_name,"                                                                                                                                                                                                                      \
	" p.date_of_birth, c.worker_id, c.status AS "                                                                                                                                                                                                                                \
	"case_status," LATEST_ASSESSMENT(                                                                                                                                                                                                                                            \
	    "'start'",                                                                                                                                                                                                                                                               \
	    "start_"                                                                                                                                                                                                                                                                 \
	    "assess"                                                                                                                                                                                                                                                                 \
	    "ment_"                                                                                                                                                                                                                                                                  \
	    "on") "," LATEST_ASSESSMENT("'start','review'",                                                                                                                                                                                                                          \
	                                "last_review_on") "," LATEST_ASSESSMENT("'end'",                                                                                                                                                                                             \
	                                                                        "end_assessment_on") "," LATEST_ASSESSMENT("'release'",                                                                                                                                              \
	                                                                                                                   "release_assessment_"                                                                                                                                     \
	                                                                                                                   "on") "," LATEST_KPI("start",                                                                                                                             \
	                                                                                                                                        "start_kpi_on") "," LATEST_KPI("end",                                                                                                \
	                                                                                                                                                                       "end_kpi_on") "," LATEST_KPI("release",                                                               \
	                                                                                                                                                                                                    "release_kpi_on") " FROM yj_outcomes k JOIN cases c ON c.id = k.case_id" \
	                                                                                                                                                                                                                      " JOIN people p ON p.id = k.person_id"

static const char facts_sql[] = FACTS_SELECT " WHERE k.id = $1";

int
store_yj_outcome_facts(struct db *db, int64_t id, json_t **out, struct err *e)
{
	return record_row(db, facts_sql, id, out, e);
}

/* $1 the user (mine) or the team. Running interventions only
 * (started, not ended: an ended one has nothing due), by the partial
 * index yj_outcomes_open. */
#define DUE_SQL(drive)                                                         \
	FACTS_SELECT " WHERE " drive " AND c.status = 'open'"                  \
	             " AND k.closed_at IS NULL"                                \
	             " AND k.start_date IS NOT NULL AND k.end_date IS NULL"    \
	             " ORDER BY k.start_date, k.id"

static const char due_mine_sql[] = DUE_SQL("c.worker_id = $1");
static const char due_team_sql[] = DUE_SQL("c.team_id = $1");

/* $1 the case; every running intervention of it (team_week's next due). */
static const char due_case_sql[] =
    FACTS_SELECT " WHERE k.case_id = $1 AND k.closed_at IS NULL"
                 " AND k.start_date IS NOT NULL AND k.end_date IS NULL"
                 " ORDER BY k.start_date, k.id";

int
store_yj_outcomes_due_case(struct db *db, int64_t case_id, json_t **out,
                           struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, due_case_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	return record_rows(s, out, e);
}

int
store_yj_outcomes_due(struct db *db, const struct yj_due_query *q, json_t **out,
                      struct err *e)
{
	struct db_stmt *s =
	    db_prepare(db, q->team ? due_team_sql : due_mine_sql, e);
	if (!s)
		return e->code;
	/* -1 matches nothing: a user without a team holds no team cases. */
	db_bind_int(s, 1, !q->team ? q->user_id : q->team_id ? q->team_id : -1);
	return record_rows(s, out, e);
}

int
store_yj_before_date(struct db *db, int64_t person_id, const char *date,
                     int64_t *count, struct err *e)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM yj_offences WHERE person_id = $1"
	    " AND closed_at IS NULL AND offence_date < $2)"
	    " + (SELECT count(*) FROM yj_outcomes WHERE person_id = $1"
	    " AND closed_at IS NULL AND outcome_type <> 'prevention'"
	    " AND outcome_date < $2)";
	*count = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*count = db_col_int(s, 0);
		rc = 0;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_yj_outcome_offence_ids(struct db *db, int64_t outcome_id, json_t **out,
                             struct err *e)
{
	static const char sql[] =
	    "SELECT offence_id FROM yj_outcome_offences WHERE outcome_id = $1"
	    " AND removed_at IS NULL ORDER BY offence_id";
	return store_yj_nested(db, sql, outcome_id, 1, out, e);
}

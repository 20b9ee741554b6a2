/*
 * peer_tables.c - the tables of peer support and referrals out (migration
 * 10, schema_peer.c) as record tables, and the reads their rules and the
 * matching view need. The meaning of each column is in docs/parenting.md.
 */
#include "store/parenting/peer_tables.h"

#include <stdio.h>

#include "core/parenting/vocab_peer.h"

/* Who recorded a record, as every list of these shows it. */
#define RECORDED_BY                                                            \
	"(SELECT full_name FROM users WHERE id = k.created_by) AS "            \
	"created_by_name"

static const struct field PEER_GROUPS_FIELDS[] = {
    {"team_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 120, NULL, NULL},
    {"meets", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"venue", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"description", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const PEER_GROUPS_COLUMNS[] = {
    "(SELECT name FROM teams WHERE id = k.team_id) AS team_name",
    "(SELECT max(s.session_date) FROM peer_group_sessions s WHERE"
    " s.group_id = k.id AND s.closed_at IS NULL) AS last_session_date",
    RECORDED_BY,
    NULL,
};

static const char *const BY_TEAM[] = {"team_id", NULL};

struct record_table PEER_GROUPS_TABLE = {
    .type = "peer_group",
    .table = "peer_groups",
    .fields = PEER_GROUPS_FIELDS,
    .n_fields = FIELDS_COUNT(PEER_GROUPS_FIELDS),
    .columns = PEER_GROUPS_COLUMNS,
    .list_by = BY_TEAM,
    .list_order = "k.name, k.id",
    .flags = RT_REOPEN,
};

static const struct field PEER_GROUP_SESSIONS_FIELDS[] = {
    {"group_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"session_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the session"},
    {"topic", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"venue", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const PEER_GROUP_SESSIONS_COLUMNS[] = {
    "(SELECT count(*) FROM peer_group_attendance a WHERE a.session_id ="
    " k.id AND a.closed_at IS NULL AND a.attended = 1) AS attended_count",
    "(SELECT count(*) FROM peer_group_attendance a WHERE a.session_id ="
    " k.id AND a.closed_at IS NULL) AS register_count",
    RECORDED_BY,
    NULL,
};

static const char *const BY_GROUP[] = {"group_id", NULL};

struct record_table PEER_GROUP_SESSIONS_TABLE = {
    .type = "peer_group_session",
    .table = "peer_group_sessions",
    .fields = PEER_GROUP_SESSIONS_FIELDS,
    .n_fields = FIELDS_COUNT(PEER_GROUP_SESSIONS_FIELDS),
    .columns = PEER_GROUP_SESSIONS_COLUMNS,
    .list_by = BY_GROUP,
    .list_order = "k.session_date DESC, k.id DESC",
    .flags = RT_REOPEN,
};

static const struct field PEER_GROUP_ATTENDANCE_FIELDS[] = {
    {"session_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"attended", FT_BOOL, FF_REQUIRED, 0, 0, NULL, "the parent attended"},
    {"notes", FT_TEXT, 0, 0, 500, NULL, NULL},
};

static const char *const PEER_GROUP_ATTENDANCE_COLUMNS[] = {
    "p.given_name",
    "p.family_name",
    RECORDED_BY,
    NULL,
};

static const char *const BY_SESSION[] = {"session_id", "person_id", NULL};

struct record_table PEER_GROUP_ATTENDANCE_TABLE = {
    .type = "peer_group_attendance",
    .table = "peer_group_attendance",
    .unique_field = "person_id",
    .fields = PEER_GROUP_ATTENDANCE_FIELDS,
    .n_fields = FIELDS_COUNT(PEER_GROUP_ATTENDANCE_FIELDS),
    .columns = PEER_GROUP_ATTENDANCE_COLUMNS,
    .joins = " JOIN people p ON p.id = k.person_id",
    .list_by = BY_SESSION,
    .list_order = "p.family_name, p.given_name, k.id",
    .flags = RT_REOPEN,
};

static const struct field PEER_MENTORS_FIELDS[] = {
    {"team_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 120, NULL, NULL},
    {"organisation", FT_TEXT, FF_LINE, 0, 120, NULL, NULL},
    {"languages", FT_LIST, 0, 0, 60, NULL, NULL},
    {"cultural_background", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"gender", FT_ENUM, 0, 0, 0, &VOCAB_MENTOR_GENDERS, NULL},
    {"faith", FT_TEXT, FF_LINE, 0, 100, NULL, NULL},
    {"available", FT_BOOL, FF_REQUIRED, 0, 0, NULL, "the mentor is available"},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const PEER_MENTORS_COLUMNS[] = {
    "(SELECT name FROM teams WHERE id = k.team_id) AS team_name",
    RECORDED_BY,
    NULL,
};

struct record_table PEER_MENTORS_TABLE = {
    .type = "peer_mentor",
    .table = "peer_mentors",
    .fields = PEER_MENTORS_FIELDS,
    .n_fields = FIELDS_COUNT(PEER_MENTORS_FIELDS),
    .columns = PEER_MENTORS_COLUMNS,
    .list_by = BY_TEAM,
    .list_order = "k.name, k.id",
    .flags = RT_REOPEN,
};

static const struct field PARENT_PREFERENCES_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"languages", FT_LIST, 0, 0, 60, NULL, NULL},
    {"language_matters", FT_BOOL_NULL, 0, 0, 0, NULL,
     "sharing a language matters to the parent"},
    {"interpreter_needed", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the parent needs an interpreter"},
    {"mentor_gender", FT_ENUM, 0, 0, 0, &VOCAB_MENTOR_GENDERS,
     "mentor’s gender"},
    {"gender_matters", FT_BOOL_NULL, 0, 0, 0, NULL,
     "the mentor’s gender matters to the parent"},
    {"faith", FT_TEXT, FF_LINE, 0, 100, NULL, NULL},
    {"faith_matters", FT_BOOL_NULL, 0, 0, 0, NULL,
     "sharing a faith matters to the parent"},
    {"cultural_background", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"culture_matters", FT_BOOL_NULL, 0, 0, 0, NULL,
     "sharing a cultural background matters to the parent"},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const BY_PERSON[] = {"person_id", NULL};

static const char *const PARENT_PREFERENCES_COLUMNS[] = {RECORDED_BY, NULL};

struct record_table PARENT_PREFERENCES_TABLE = {
    .type = "parent_preferences",
    .table = "parent_preferences",
    .unique_field = "person_id",
    .fields = PARENT_PREFERENCES_FIELDS,
    .n_fields = FIELDS_COUNT(PARENT_PREFERENCES_FIELDS),
    .columns = PARENT_PREFERENCES_COLUMNS,
    .list_by = BY_PERSON,
    .flags = RT_REOPEN,
};

static const struct field PARENT_REFERRALS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"child_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"destination", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_REFERRAL_DESTINATIONS,
     NULL},
    {"mentor_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"group_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"agency", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"consent_given", FT_BOOL, FF_REQUIRED, 0, 0, NULL,
     "the parent agreed to the referral"},
    {"consent_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"referred_on", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the referral"},
    {"status", FT_ENUM, 0, 0, 0, &VOCAB_REFERRAL_STATUSES, NULL},
    {"status_date", FT_DATE, 0, 0, 0, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

static const char *const PARENT_REFERRALS_COLUMNS[] = {
    "(SELECT name FROM peer_mentors WHERE id = k.mentor_id) AS mentor_name",
    "(SELECT name FROM peer_groups WHERE id = k.group_id) AS group_name",
    RECORDED_BY,
    NULL,
};

static const char *const BY_CASE_OR_PERSON[] = {"case_id", "person_id", NULL};

struct record_table PARENT_REFERRALS_TABLE = {
    .type = "parent_referral",
    .table = "parent_referrals",
    .fields = PARENT_REFERRALS_FIELDS,
    .n_fields = FIELDS_COUNT(PARENT_REFERRALS_FIELDS),
    .columns = PARENT_REFERRALS_COLUMNS,
    .list_by = BY_CASE_OR_PERSON,
    .list_order = "k.referred_on DESC, k.id DESC",
    .flags = RT_REOPEN,
};

int
store_peer_case_parenting(struct db *db, int64_t id, int *parenting,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT CASE WHEN s.code = 'parenting' THEN 1 ELSE 0 END"
	    " FROM cases c JOIN services s ON s.id = c.service_id"
	    " WHERE c.id = $1";
	*parenting = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*parenting = (int)db_col_int(s, 0);
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
store_peer_session_ref(struct db *db, int64_t id, struct peer_session_ref *out,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT s.session_date, CASE WHEN s.closed_at IS NULL AND"
	    " g.closed_at IS NULL THEN 0 ELSE 1 END FROM peer_group_sessions s"
	    " JOIN peer_groups g ON g.id = s.group_id WHERE s.id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *d = db_col_text(s, 0);
		snprintf(out->date, sizeof(out->date), "%s", d ? d : "");
		out->closed = (int)db_col_int(s, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "session_id",
		             "Select a session from the list: this session "
		             "does not exist");
	}
	db_done(s);
	return rc;
}

/* The first column of the first row of sql ($1, $2, $3 bound to a, b,
 * c; b and c only when sql has them) in *id, 0 when none. */
static int
first_id(struct db *db, const char *sql, int nargs, int64_t a, int64_t b,
         int64_t c, int64_t *id, struct err *e)
{
	*id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	if (nargs > 1)
		db_bind_int(s, 2, b);
	if (nargs > 2)
		db_bind_int(s, 3, c);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_peer_attendance_find(struct db *db, int64_t session_id, int64_t person_id,
                           int64_t except_id, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM peer_group_attendance WHERE session_id = $1 AND"
	    " person_id = $2 AND closed_at IS NULL AND id <> $3";
	return first_id(db, sql, 3, session_id, person_id, except_id, id, e);
}

int
store_peer_preferences_find(struct db *db, int64_t person_id, int64_t except_id,
                            int64_t *id, struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM parent_preferences WHERE person_id = $1 AND"
	    " closed_at IS NULL AND id <> $2";
	return first_id(db, sql, 2, person_id, except_id, 0, id, e);
}

/* One peer_ref from sql ($1 id): team, closed, available. */
static int
peer_ref(struct db *db, const char *sql, int64_t id, const char *field,
         const char *what, struct peer_ref *out, struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		out->team_id = db_col_int(s, 0);
		out->closed = (int)db_col_int(s, 1);
		out->available = (int)db_col_int(s, 2);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, field,
		             "Select a %s from the list: this one does not "
		             "exist",
		             what);
	}
	db_done(s);
	return rc;
}

int
store_peer_mentor_ref(struct db *db, int64_t id, struct peer_ref *out,
                      struct err *e)
{
	static const char sql[] =
	    "SELECT team_id, CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END,"
	    " available FROM peer_mentors WHERE id = $1";
	return peer_ref(db, sql, id, "mentor_id", "mentor", out, e);
}

int
store_peer_group_ref(struct db *db, int64_t id, struct peer_ref *out,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT team_id, CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END,"
	    " 1 FROM peer_groups WHERE id = $1";
	return peer_ref(db, sql, id, "group_id", "group", out, e);
}

int
store_peer_mentors_available(struct db *db, int64_t team_id, int64_t service_id,
                             json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT k.id, k.team_id, k.name, k.organisation, k.languages,"
	    " k.cultural_background, k.gender, k.faith, k.available,"
	    " t.name AS team_name FROM peer_mentors k JOIN teams t ON t.id ="
	    " k.team_id WHERE k.closed_at IS NULL AND k.available = 1 AND"
	    " (k.team_id = $1 OR ($1 = 0 AND t.service_id = $2))"
	    " ORDER BY k.name, k.id LIMIT 500";
	_Static_assert(PEER_MATCH_MAX == 500, "the LIMIT above");
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, team_id);
	db_bind_int(s, 2, service_id);
	return record_rows(s, out, e);
}

int
store_peer_preferences_of(struct db *db, int64_t person_id, json_t **out,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT id, person_id, languages, language_matters,"
	    " interpreter_needed, mentor_gender, gender_matters, faith,"
	    " faith_matters, cultural_background, culture_matters, version"
	    " FROM parent_preferences WHERE person_id = $1 AND closed_at IS"
	    " NULL ORDER BY id DESC LIMIT 1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	json_t *rows = NULL;
	int rc = record_rows(s, &rows, e);
	if (rc == 0 && json_array_size(rows) > 0)
		*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

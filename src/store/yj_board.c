/*
 * yj_board.c - management board meetings and attendance.
 */
#include "store/yj_board.h"

const char *const YJ_BOARD_AGENCIES[] = {
    "youth_justice", "childrens_social_care",
    "police",        "probation",
    "health",        "education",
    "public_health", "early_help",
    "housing",       "courts",
    "pcc",           "voluntary_sector",
    "other",         NULL,
};

const struct field YJ_BOARD_FIELDS[] = {
    {"meeting_date", FT_DATE, FF_REQUIRED, 0, 0, NULL},
    {"title", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL},
    {"notes", FT_TEXT, 0, 0, 10000, NULL},
};
const size_t YJ_BOARD_N_FIELDS = FIELDS_COUNT(YJ_BOARD_FIELDS);

#define BOARD_SELECT                                                           \
	"SELECT k.id, k.version, k.meeting_date, k.title, k.notes,"            \
	" k.created_at, k.created_by, k.updated_at, k.updated_by,"             \
	" k.closed_at, k.closed_reason, k.closed_by, (SELECT"                  \
	" json_group_array(json_object('agency', x.agency, 'attended',"        \
	" json(CASE x.attended WHEN 1 THEN 'true' ELSE 'false' END),"          \
	" 'senior', json(CASE x.senior WHEN 1 THEN 'true' ELSE 'false' END),"  \
	" 'disproportionality_data', json(CASE x.disproportionality_data"      \
	" WHEN 1 THEN 'true' ELSE 'false' END))) FROM (SELECT a.agency,"       \
	" a.attended, a.senior, a.disproportionality_data FROM"                \
	" yj_board_attendance a WHERE a.meeting_id = k.id AND a.removed_at"    \
	" IS NULL ORDER BY a.id) x) AS attendance FROM yj_board_meetings k"

static const char get_sql[] = BOARD_SELECT " WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO yj_board_meetings(meeting_date, title, notes, created_at,"
    " created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id";

static const char update_sql[] =
    "UPDATE yj_board_meetings SET meeting_date = $3, title = $4,"
    " notes = $5, updated_at = $6, updated_by = $7, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE yj_board_meetings SET closed_at = $3, closed_reason = $4,"
    " closed_by = $5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

const struct record_sql YJ_BOARD_SQL = {
    "board_meeting", YJ_BOARD_FIELDS, FIELDS_COUNT(YJ_BOARD_FIELDS),
    get_sql,         insert_sql,      update_sql,
    close_sql,
};

int
store_yj_board_list(struct db *db, const char *from, const char *to,
                    int include_closed, int64_t limit, int64_t offset,
                    json_t **out, struct err *e)
{
	static const char sql[] =
	    BOARD_SELECT " WHERE ($1 IS NULL OR k.meeting_date >= $1) AND"
	                 " ($2 IS NULL OR k.meeting_date <= $2) AND ($3 OR"
	                 " k.closed_at IS NULL) ORDER BY k.meeting_date DESC,"
	                 " k.id DESC LIMIT $4 OFFSET $5";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	db_bind_bool(s, 3, include_closed);
	db_bind_int(s, 4, limit);
	db_bind_int(s, 5, offset);
	return record_rows(s, out, e);
}

int
store_yj_board_attendance_clear(struct db *db, int64_t meeting_id,
                                const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE yj_board_attendance SET removed_at = $2"
	    " WHERE meeting_id = $1 AND removed_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, meeting_id);
	db_bind_text(s, 2, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_yj_board_attendance_add(struct db *db, int64_t meeting_id,
                              const char *agency, int attended, int senior,
                              int disproportionality_data, const char *at,
                              struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_board_attendance(meeting_id, agency, attended,"
	    " senior, disproportionality_data, added_at) VALUES ($1, $2, $3,"
	    " $4, $5, $6)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, meeting_id);
	db_bind_text(s, 2, agency);
	db_bind_bool(s, 3, attended);
	db_bind_bool(s, 4, senior);
	db_bind_bool(s, 5, disproportionality_data);
	db_bind_text(s, 6, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/*
 * yj_board.c - management board meetings and attendance.
 */
#include "store/yj/yj_board.h"

const struct field YJ_BOARD_FIELDS[] = {
    {"meeting_date", FT_DATE, FF_REQUIRED, 0, 0, NULL},
    {"title", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL},
    {"notes", FT_TEXT, 0, 0, 10000, NULL},
};
const size_t YJ_BOARD_N_FIELDS = FIELDS_COUNT(YJ_BOARD_FIELDS);

/* The attendance of meeting k, as JSON text. */
#define BOARD_ATTENDANCE                                                       \
	"(SELECT json_group_array(json_object('agency', x.agency, 'attended'," \
	" json(CASE x.attended WHEN 1 THEN 'true' ELSE 'false' END),"          \
	" 'senior', json(CASE x.senior WHEN 1 THEN 'true' ELSE 'false' END),"  \
	" 'disproportionality_data', json(CASE x.disproportionality_data"      \
	" WHEN 1 THEN 'true' ELSE 'false' END))) FROM (SELECT a.agency,"       \
	" a.attended, a.senior, a.disproportionality_data FROM"                \
	" yj_board_attendance a WHERE a.meeting_id = k.id AND a.removed_at"    \
	" IS NULL ORDER BY a.id) x) AS attendance"

#define BOARD_SELECT                                                           \
	"SELECT k.id, k.version, k.meeting_date, k.title, k.notes,"            \
	" k.created_at, k.created_by, k.updated_at, k.updated_by,"             \
	" k.closed_at, k.closed_reason, k.closed_by, " BOARD_ATTENDANCE        \
	" FROM yj_board_meetings k"

static const char *const YJ_BOARD_COLUMNS[] = {BOARD_ATTENDANCE, NULL};

struct record_table YJ_BOARD_TABLE = {
    .type = "board_meeting",
    .table = "yj_board_meetings",
    .fields = YJ_BOARD_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_BOARD_FIELDS),
    .columns = YJ_BOARD_COLUMNS,
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

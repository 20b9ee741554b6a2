/*
 * yj_board.c - management board meetings and attendance.
 */
#include "store/yj/yj_board.h"

const struct field YJ_BOARD_FIELDS[] = {
    {"meeting_date", FT_DATE, FF_REQUIRED, 0, 0, NULL, "date of the meeting"},
    {"title", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 10000, NULL, NULL},
};
const size_t YJ_BOARD_N_FIELDS = FIELDS_COUNT(YJ_BOARD_FIELDS);

#define BOARD_SELECT                                                           \
	"SELECT k.id, k.version, k.meeting_date, k.title, k.notes,"            \
	" k.created_at, k.created_by, k.updated_at, k.updated_by,"             \
	" k.closed_at, k.closed_reason, k.closed_by FROM yj_board_meetings k"

/* The attendance is not a column: store_yj_board_attendance reads it. */
struct record_table YJ_BOARD_TABLE = {
    .type = "board_meeting",
    .table = "yj_board_meetings",
    .fields = YJ_BOARD_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_BOARD_FIELDS),
};

int
store_yj_board_attendance(struct db *db, int64_t meeting_id, json_t **out,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT agency, attended, senior, disproportionality_data FROM"
	    " yj_board_attendance WHERE meeting_id = $1 AND removed_at IS NULL"
	    " ORDER BY id";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, meeting_id);
	static const char *const flags[] = {"attended", "senior",
	                                    "disproportionality_data"};
	json_t *list = json_array();
	int rc = list ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	while (rc == 0 && (rc = db_step(s, e)) == DB_ROW) {
		const char *agency = db_col_text(s, 0);
		json_t *row =
		    json_pack("{s:s}", "agency", agency ? agency : "");
		int bad = !row;
		for (int i = 0; !bad && i < 3; i++)
			bad = json_object_set_new(
			    row, flags[i],
			    json_boolean(db_col_int(s, i + 1) == 1));
		if (bad) {
			json_decref(row);
			row = NULL;
		}
		rc = row && json_array_append_new(list, row) == 0
		         ? 0
		         : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	db_done(s);
	if (rc < 0 || rc > DB_ROW) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

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

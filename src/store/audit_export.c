/*
 * audit_export.c - the audit trail's rows after a seq, every column but
 * the MACs, oldest first (store/audit_export.h).
 */
#include "store/audit_export.h"

/* Both chains, the records' and the access log's, as one trail. */
static const char EXPORT_SQL[] =
    "SELECT seq, at, user_id, username, ip, action, record_type,"
    " record_id, person_id, break_glass, reason, detail FROM audit"
    " WHERE seq > $1 UNION ALL SELECT seq, at, user_id, username, ip,"
    " action, record_type, record_id, person_id, break_glass, reason,"
    " detail FROM access.audit WHERE seq > $1 ORDER BY seq";

int
audit_export(struct db *db, int64_t after, audit_export_fn fn, void *arg,
             struct err *e)
{
	struct db_stmt *s = db_prepare(db, EXPORT_SQL, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, after);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		if (!row) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		/* Column 9: a boolean on every backend (store/db.h). */
		json_object_set_new(row, "break_glass",
		                    json_boolean(db_col_bool(s, 9)));
		rc = fn(row, arg);
		json_decref(row);
		if (rc)
			break;
	}
	db_done(s);
	return rc == DB_DONE ? 0 : rc;
}

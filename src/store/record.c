/*
 * record.c - shared get/insert/update/close for editable records.
 */
#include "store/record.h"

#include <stdlib.h>

int
record_bind_fields(struct db_stmt *s, int first, const struct field *f,
                   size_t n, const json_t *rec)
{
	for (size_t i = 0; i < n; i++) {
		int rc = db_bind_json(s, first + (int)i,
		                      json_object_get(rec, f[i].name));
		if (rc)
			return rc;
	}
	return 0;
}

int
record_get(struct db *db, const struct record_sql *rs, int64_t id, json_t **out,
           struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, rs->get, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "id",
		             "This record does not exist");
	}
	db_done(s);
	return rc;
}

int
record_insert(struct db *db, const struct record_sql *rs, const json_t *rec,
              const char *at, int64_t user_id, int64_t *id, struct err *e)
{
	*id = 0;
	struct db_stmt *s = db_prepare(db, rs->insert, e);
	if (!s)
		return e->code;
	int n = (int)rs->n_fields;
	record_bind_fields(s, 1, rs->fields, rs->n_fields, rec);
	db_bind_text(s, n + 1, at);
	if (user_id)
		db_bind_int(s, n + 2, user_id);
	else
		db_bind_null(s, n + 2);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	return *id ? 0 : err_set(e, SPIRE_EDB, NULL, "insert returned no id");
}

int
record_rows(struct db_stmt *s, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *arr = json_array();
	if (!arr) {
		db_done(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		if (!row || json_array_append_new(arr, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	db_done(s);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int
record_history_add(struct db *db, const char *type, int64_t id,
                   const json_t *old, const char *at, int64_t user_id,
                   struct err *e)
{
	static const char sql[] =
	    "INSERT INTO history(record_type, record_id, version, data,"
	    " replaced_at, replaced_by) VALUES ($1, $2, $3, $4, $5, $6)";
	char *text = json_dumps(old, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s) {
		free(text);
		return e->code;
	}
	db_bind_text(s, 1, type);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, json_integer_value(json_object_get(old, "version")));
	db_bind_text(s, 4, text);
	db_bind_text(s, 5, at);
	if (user_id)
		db_bind_int(s, 6, user_id);
	int rc = db_step(s, e);
	db_done(s);
	free(text);
	return rc < 0 ? rc : 0;
}

/* Load the current row and check it is at `version` and open. */
static int
load_current(struct db *db, const struct record_sql *rs, int64_t id,
             int64_t version, json_t **old, struct err *e)
{
	int rc = record_get(db, rs, id, old, e);
	if (rc)
		return rc;
	json_t *v = json_object_get(*old, "version");
	json_t *closed = json_object_get(*old, "closed_at");
	if (!json_is_integer(v) || json_integer_value(v) != version) {
		long long now_at = (long long)json_integer_value(v);
		json_decref(*old);
		*old = NULL;
		(void)now_at;
		return err_set(e, SPIRE_ECONFLICT, "version",
		               "Someone else changed this record while you "
		               "were working on it. Reload the page to see "
		               "their changes, then try again");
	}
	if (closed && !json_is_null(closed)) {
		json_decref(*old);
		*old = NULL;
		return err_set(e, SPIRE_ECONFLICT, "closed_at",
		               "This record has been closed, so it can no "
		               "longer be changed");
	}
	return 0;
}

/* The history snapshot of record id at version (before a close), as a new
 * object in *out, or NULL when there is none. */
static int
snapshot_at(struct db *db, const struct record_sql *rs, int64_t id,
            int64_t version, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT data FROM history WHERE record_type = $1 AND record_id = $2"
	    " AND version = $3 ORDER BY id DESC LIMIT 1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, rs->type);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, version);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *text = db_col_text(s, 0);
		*out = text ? json_loads(text, 0, NULL) : NULL;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
record_reopen(struct db *db, const struct record_reopen *ro, int64_t id,
              int64_t version, const char *at, int64_t user_id, struct err *e)
{
	const struct record_sql *rs = ro->rs;
	json_t *old = NULL;
	int rc = record_get(db, rs, id, &old, e);
	if (rc)
		return rc;
	json_t *v = json_object_get(old, "version");
	json_t *closed = json_object_get(old, "closed_at");
	if (!json_is_integer(v) || json_integer_value(v) != version)
		rc = err_set(e, SPIRE_ECONFLICT, "version",
		             "Someone else changed this record while you were "
		             "working on it. Reload the page to see their "
		             "changes, then try again");
	else if (!closed || json_is_null(closed))
		rc = err_set(e, SPIRE_ECONFLICT, "closed_at",
		             "This record is not closed, so it cannot be "
		             "reopened");
	if (rc == 0)
		rc = record_history_add(db, rs->type, id, old, at, user_id, e);
	json_decref(old);
	if (rc)
		return rc;
	json_t *before = NULL;
	if (ro->restore &&
	    (rc = snapshot_at(db, rs, id, version - 1, &before, e)) != 0)
		return rc;
	struct db_stmt *s = db_prepare(db, ro->sql, e);
	if (!s) {
		json_decref(before);
		return e->code;
	}
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, at);
	db_bind_int(s, 4, user_id);
	for (int i = 0; ro->restore && ro->restore[i]; i++) {
		json_t *r = json_object_get(before, ro->restore[i]);
		if (r)
			db_bind_json(s, 5 + i, r);
		else
			db_bind_null(s, 5 + i);
	}
	json_decref(before);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(
		    e, SPIRE_ECONFLICT, "version",
		    "Someone else changed this record while you were "
		    "working on it. Reload the page to see their "
		    "changes, then try again");
	return 0;
}

int
record_update(struct db *db, const struct record_sql *rs, int64_t id,
              int64_t version, const json_t *rec, const char *at,
              int64_t user_id, struct err *e)
{
	json_t *old = NULL;
	int rc = load_current(db, rs, id, version, &old, e);
	if (rc)
		return rc;
	rc = record_history_add(db, rs->type, id, old, at, user_id, e);
	json_decref(old);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, rs->update, e);
	if (!s)
		return e->code;
	int n = (int)rs->n_fields;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	record_bind_fields(s, 3, rs->fields, rs->n_fields, rec);
	db_bind_text(s, n + 3, at);
	db_bind_int(s, n + 4, user_id);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ECONFLICT, "version",
		               "Someone else changed this record while you "
		               "were working on it. Reload the page to see "
		               "their changes, then try again");
	return 0;
}

int
record_close(struct db *db, const struct record_sql *rs, int64_t id,
             int64_t version, const char *reason, const char *at,
             int64_t user_id, struct err *e)
{
	json_t *old = NULL;
	int rc = load_current(db, rs, id, version, &old, e);
	if (rc)
		return rc;
	rc = record_history_add(db, rs->type, id, old, at, user_id, e);
	json_decref(old);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, rs->close, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, at);
	db_bind_text(s, 4, reason);
	db_bind_int(s, 5, user_id);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ECONFLICT, "version",
		               "Someone else changed this record while you "
		               "were working on it. Reload the page to see "
		               "their changes, then try again");
	return 0;
}

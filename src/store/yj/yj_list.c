/*
 * yj_list.c - running the shared youth justice list statements.
 */
#include "store/yj/yj_list.h"

#include <stdio.h>
#include <string.h>

#include "store/record.h"

int
store_yj_list(struct db *db, const char *by_case, const char *by_person,
              const struct yj_list_query *q, json_t **out, struct err *e)
{
	struct db_stmt *s = db_prepare(db, q->case_id ? by_case : by_person, e);
	if (!s)
		return e->code;
	/* -1 matches nothing: a user without a team holds no team cases. */
	db_bind_int(s, 1, q->case_id ? q->case_id : q->person_id);
	db_bind_bool(s, 2, q->include_closed);
	db_bind_int(s, 3, q->user_id);
	db_bind_int(s, 4, q->team_id ? q->team_id : -1);
	db_bind_int(s, 5, q->service_id ? q->service_id : -1);
	db_bind_int(s, 6, q->min_relation);
	db_bind_int(s, 7, q->limit);
	db_bind_int(s, 8, q->offset);
	return record_rows(s, out, e);
}

int
store_yj_ref(struct db *db, const char *sql, int64_t id, const char *field,
             const char *what, struct yj_ref *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	out->id = id;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		out->person_id = db_col_int(s, 0);
		out->case_id = db_col_int(s, 1);
		out->closed = (int)db_col_int(s, 2);
		const char *kind = db_col_text(s, 3);
		snprintf(out->kind, sizeof(out->kind), "%s", kind ? kind : "");
		out->intervention = (int)db_col_int(s, 4);
		rc = 0;
	} else if (rc == DB_DONE) {
		(void)what;
		rc = err_set(e, SPIRE_ENOTFOUND, field,
		             "Select a record from the list: this one does "
		             "not exist");
	}
	db_done(s);
	return rc;
}

int
store_yj_nested(struct db *db, const char *sql, int64_t id, int scalars,
                json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	json_t *list = json_array();
	int rc = list ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	while (rc == 0 && (rc = db_step(s, e)) == DB_ROW) {
		json_t *v =
		    scalars ? json_integer(db_col_int(s, 0)) : db_row_json(s);
		rc = v && json_array_append_new(list, v) == 0
		         ? 0
		         : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	db_done(s);
	if (rc < 0 || (rc > DB_ROW)) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

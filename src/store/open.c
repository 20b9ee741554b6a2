/*
 * open.c - whether a record is still open, by its kind's statements
 * (store/scope.h).
 */
#include "store/open.h"

const char *
store_open_kind_name(const struct record_kind *kind)
{
	return kind->label ? kind->label : kind->name;
}

static int
one_flag(struct db *db, const struct record_kind *kind, const char *sql,
         int64_t id, int *open, struct err *e)
{
	*open = 0;
	if (!sql)
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire cannot tell whether a %s is open",
		               kind->name);
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*open = db_col_int(s, 0) != 0;
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_is_open(struct db *db, const struct record_kind *kind, int64_t id,
              int *open, struct err *e)
{
	return one_flag(db, kind, kind->open_sql, id, open, e);
}

int
store_is_kept(struct db *db, const struct record_kind *kind, int64_t id,
              int *kept, struct err *e)
{
	return one_flag(db, kind, kind->kept_sql, id, kept, e);
}

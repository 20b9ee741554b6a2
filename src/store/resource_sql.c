/*
 * resource_sql.c - the SQL of a resource described by data alone, derived
 * from its field table (see resource_sql.h).
 */
#include "store/resource_sql.h"

#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 65536

/* Append the NULL-ended strings to b. */
static void
add(struct buf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		buf_adds(b, s);
	va_end(ap);
}

/* Append "$n" to b. */
static void
add_param(struct buf *b, size_t n)
{
	char num[24];
	snprintf(num, sizeof(num), "$%zu", n);
	buf_adds(b, num);
}

static const char *
column_type(enum field_type t)
{
	switch (t) {
	case FT_INT:
	case FT_ID:
	case FT_BOOL:
	case FT_BOOL_NULL:
		return "INTEGER";
	default:
		return "TEXT";
	}
}

static char *
take(struct buf *b, int *failed)
{
	char *p = buf_take(b);
	if (!p)
		*failed = 1;
	return p;
}

/* SELECT ... FROM table t: the record's columns, its fields and the name
 * of whoever recorded it. */
static void
add_select(struct buf *b, const struct resource_sql *r, const struct field *f,
           size_t n)
{
	buf_adds(b, "SELECT t.id, t.version");
	for (size_t i = 0; i < n; i++)
		add(b, ", t.", f[i].name, NULL);
	add(b,
	    ", t.created_at, t.created_by, (SELECT full_name FROM users"
	    " WHERE id = t.created_by) AS recorded_by_name, t.updated_at,"
	    " t.updated_by, t.closed_at, t.closed_reason, t.closed_by,"
	    " (SELECT full_name FROM users WHERE id = t.closed_by) AS"
	    " closed_by_name FROM ",
	    r->table, " t", NULL);
}

int
resource_sql_derive(struct resource_sql *r, const char *type,
                    const struct field *f, size_t n, const char *filter,
                    struct err *e)
{
	memset(r, 0, sizeof(*r));
	int failed = 0;
	struct buf b;
	buf_init(&b, SQL_MAX);
	add(&b, "res_", type, NULL);
	r->table = take(&b, &failed);
	if (failed)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");

	add(&b, "CREATE TABLE IF NOT EXISTS ", r->table,
	    " (id INTEGER PRIMARY KEY", NULL);
	for (size_t i = 0; i < n; i++)
		add(&b, ", ", f[i].name, " ", column_type(f[i].type),
		    (f[i].flags & FF_REQUIRED) ? " NOT NULL" : "", NULL);
	add(&b,
	    ", version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL,"
	    " created_by INTEGER, updated_at TEXT, updated_by INTEGER,"
	    " closed_at TEXT, closed_reason TEXT, closed_by INTEGER);"
	    "CREATE INDEX IF NOT EXISTS ",
	    r->table, "_", filter, " ON ", r->table, "(", filter, ");", NULL);
	r->create = take(&b, &failed);

	add_select(&b, r, f, n);
	buf_adds(&b, " WHERE t.id = $1");
	r->get = take(&b, &failed);

	add_select(&b, r, f, n);
	add(&b, " WHERE t.", filter,
	    " = $1 ORDER BY CASE WHEN t.closed_at IS NULL THEN 0 ELSE 1 END,"
	    " t.id DESC LIMIT $2 OFFSET $3",
	    NULL);
	r->list = take(&b, &failed);

	add(&b, "INSERT INTO ", r->table, "(", NULL);
	for (size_t i = 0; i < n; i++)
		add(&b, f[i].name, ", ", NULL);
	buf_adds(&b, "created_at, created_by) VALUES (");
	for (size_t i = 1; i <= n + 2; i++) {
		add_param(&b, i);
		buf_adds(&b, i <= n + 1 ? ", " : ") RETURNING id");
	}
	r->insert = take(&b, &failed);

	add(&b, "UPDATE ", r->table, " SET ", NULL);
	for (size_t i = 0; i < n; i++) {
		add(&b, f[i].name, " = ", NULL);
		add_param(&b, i + 3);
		buf_adds(&b, ", ");
	}
	buf_adds(&b, "updated_at = ");
	add_param(&b, n + 3);
	buf_adds(&b, ", updated_by = ");
	add_param(&b, n + 4);
	buf_adds(&b, ", version = version + 1 WHERE id = $1 AND version = $2"
	             " AND closed_at IS NULL");
	r->update = take(&b, &failed);

	add(&b, "UPDATE ", r->table,
	    " SET closed_at = $3, closed_reason = $4, closed_by = $5,"
	    " version = version + 1 WHERE id = $1 AND version = $2 AND"
	    " closed_at IS NULL",
	    NULL);
	r->close = take(&b, &failed);

	add(&b, "UPDATE ", r->table,
	    " SET updated_at = $3, updated_by = $4, closed_at = NULL,"
	    " closed_reason = NULL, closed_by = NULL, version = version + 1"
	    " WHERE id = $1 AND version = $2 AND closed_at IS NOT NULL",
	    NULL);
	r->reopen_sql = take(&b, &failed);
	buf_release(&b);
	if (failed)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");

	r->rs = (struct record_sql){type,     f,         n,        r->get,
	                            r->insert, r->update, r->close};
	r->reopen = (struct record_reopen){&r->rs, r->reopen_sql, NULL};
	return 0;
}

void
resource_sql_release(struct resource_sql *r)
{
	free(r->table);
	free(r->create);
	free(r->get);
	free(r->insert);
	free(r->update);
	free(r->close);
	free(r->reopen_sql);
	free(r->list);
	memset(r, 0, sizeof(*r));
}

int
resource_sql_create(struct db *db, const struct resource_sql *r,
                    struct err *e)
{
	return db_exec(db, r->create, e);
}

int
resource_sql_list(struct db *db, const struct resource_sql *r,
                  int64_t filter_id, int64_t limit, int64_t offset,
                  json_t **out, struct err *e)
{
	struct db_stmt *s = db_prepare(db, r->list, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, filter_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	return record_rows(s, out, e);
}

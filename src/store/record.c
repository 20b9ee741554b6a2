/*
 * record.c - the SQL of a record_table, derived once, and the shared get,
 * insert, update, close, reopen and list of editable records. Not for any
 * one table's SQL: that is its descriptor's fragments, in its own file.
 */
#include "store/record.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json_text.h"
#include "core/validate.h"
#include "store/db_backend.h"

/* The longest derived text; the longest today is under 4 KiB. */
#define SQL_MAX ((size_t)64 * 1024)

static const char *
alias_of(const struct record_table *t)
{
	return t->alias ? t->alias : "k";
}

/* Append "$n". */
static void
add_param(struct buf *b, int n)
{
	char num[16];
	int len = snprintf(num, sizeof(num), "$%d", n);
	if (len > 0 && (size_t)len < sizeof(num))
		buf_add(b, num, (size_t)len);
	else if (!b->err)
		b->err = SPIRE_EINVAL;
}

/* Append "alias.column". */
static void
add_col(struct buf *b, const char *alias, const char *column)
{
	buf_adds(b, alias);
	buf_adds(b, ".");
	buf_adds(b, column);
}

static char *
build_select(const struct record_table *t)
{
	const char *a = alias_of(t);
	static const char *const tail[] = {
	    "created_at", "created_by",    "updated_at", "updated_by",
	    "closed_at",  "closed_reason", "closed_by",  NULL,
	};
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "SELECT ");
	add_col(&b, a, "id");
	buf_adds(&b, ", ");
	add_col(&b, a, "version");
	for (size_t i = 0; i < t->n_fields; i++) {
		buf_adds(&b, ", ");
		add_col(&b, a, t->fields[i].name);
	}
	for (size_t i = 0; t->columns && t->columns[i]; i++) {
		buf_adds(&b, ", ");
		buf_adds(&b, t->columns[i]);
	}
	for (size_t i = 0; tail[i]; i++) {
		if ((t->flags & RT_NO_CLOSED_BY) &&
		    strcmp(tail[i], "closed_by") == 0)
			continue;
		buf_adds(&b, ", ");
		add_col(&b, a, tail[i]);
	}
	buf_adds(&b, " FROM ");
	buf_adds(&b, t->table);
	buf_adds(&b, " ");
	buf_adds(&b, a);
	if (t->joins)
		buf_adds(&b, t->joins);
	return buf_take(&b);
}

static char *
build_get(const struct record_table *t, const char *select)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, select);
	buf_adds(&b, " WHERE ");
	add_col(&b, alias_of(t), "id");
	buf_adds(&b, " = $1");
	return buf_take(&b);
}

static char *
build_insert(const struct record_table *t)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "INSERT INTO ");
	buf_adds(&b, t->table);
	buf_adds(&b, "(");
	for (size_t i = 0; i < t->n_fields; i++) {
		buf_adds(&b, t->fields[i].name);
		buf_adds(&b, ", ");
	}
	buf_adds(&b, "created_at, created_by) VALUES (");
	for (size_t i = 0; i < t->n_fields + 2; i++) {
		if (i)
			buf_adds(&b, ", ");
		add_param(&b, (int)i + 1);
	}
	buf_adds(&b, ") RETURNING id");
	return buf_take(&b);
}

/* " WHERE id = $1 AND version = $2 AND closed_at IS [NOT ]NULL[ AND
 * (guard)]" */
static void
add_where(struct buf *b, const char *closed, const char *guard)
{
	buf_adds(b, " WHERE id = $1 AND version = $2 AND closed_at IS ");
	buf_adds(b, closed);
	if (guard) {
		buf_adds(b, " AND (");
		buf_adds(b, guard);
		buf_adds(b, ")");
	}
}

static char *
build_update(const struct record_table *t)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "UPDATE ");
	buf_adds(&b, t->table);
	buf_adds(&b, " SET ");
	int n = (int)t->n_fields;
	for (int i = 0; i < n; i++) {
		buf_adds(&b, t->fields[i].name);
		buf_adds(&b, " = ");
		add_param(&b, i + 3);
		buf_adds(&b, ", ");
	}
	buf_adds(&b, "updated_at = ");
	add_param(&b, n + 3);
	buf_adds(&b, ", updated_by = ");
	add_param(&b, n + 4);
	buf_adds(&b, ", version = version + 1");
	add_where(&b, "NULL", t->update_guard);
	return buf_take(&b);
}

static char *
build_close(const struct record_table *t)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "UPDATE ");
	buf_adds(&b, t->table);
	buf_adds(&b, " SET ");
	if (t->close_set) {
		buf_adds(&b, t->close_set);
		buf_adds(&b, ", ");
	}
	buf_adds(&b, "closed_at = $3, closed_reason = $4, closed_by = $5,"
	             " version = version + 1");
	add_where(&b, "NULL", t->close_guard);
	return buf_take(&b);
}

static char *
build_reopen(const struct record_table *t)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "UPDATE ");
	buf_adds(&b, t->table);
	buf_adds(&b, " SET closed_at = NULL, closed_reason = NULL,"
	             " closed_by = NULL, ");
	for (int i = 0; t->restore && t->restore[i].column; i++) {
		const struct record_restore *r = &t->restore[i];
		buf_adds(&b, r->column);
		buf_adds(&b, " = ");
		if (r->fallback) {
			buf_adds(&b, "COALESCE(");
			add_param(&b, 5 + i);
			buf_adds(&b, ", ");
			buf_adds(&b, r->fallback);
			buf_adds(&b, ")");
		} else {
			add_param(&b, 5 + i);
		}
		buf_adds(&b, ", ");
	}
	buf_adds(&b, "updated_at = $3, updated_by = $4, version = version + 1");
	add_where(&b, "NOT NULL", NULL);
	return buf_take(&b);
}

static char *
build_list(const struct record_table *t, const char *select, const char *by)
{
	const char *a = alias_of(t);
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, select);
	buf_adds(&b, " WHERE ");
	add_col(&b, a, by);
	buf_adds(&b, " = $1 AND ($2 OR ");
	add_col(&b, a, "closed_at");
	buf_adds(&b, " IS NULL) ORDER BY ");
	if (t->list_order) {
		buf_adds(&b, t->list_order);
	} else {
		add_col(&b, a, "id");
		buf_adds(&b, " DESC");
	}
	buf_adds(&b, " LIMIT $3 OFFSET $4");
	return buf_take(&b);
}

void
record_sql_free(struct record_sql *rs)
{
	if (!rs)
		return;
	free(rs->select);
	free(rs->get);
	free(rs->insert);
	free(rs->update);
	free(rs->close);
	free(rs->reopen);
	for (size_t i = 0; rs->list_by && i < rs->n_list; i++)
		free(rs->list_by[i]);
	free(rs->list_by);
	free(rs);
}

struct record_sql *
record_sql_build(const struct record_table *t)
{
	struct record_sql *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NULL;
	rs->table = t;
	size_t n_list = 0;
	while (t->list_by && t->list_by[n_list])
		n_list++;
	if (n_list) {
		rs->list_by = calloc(n_list, sizeof(*rs->list_by));
		if (!rs->list_by)
			goto fail;
		rs->n_list = n_list;
	}
	rs->select = build_select(t);
	if (!rs->select)
		goto fail;
	rs->get = build_get(t, rs->select);
	rs->insert = build_insert(t);
	rs->update = build_update(t);
	rs->close = build_close(t);
	if (!rs->get || !rs->insert || !rs->update || !rs->close)
		goto fail;
	if (t->flags & RT_REOPEN) {
		rs->reopen = build_reopen(t);
		if (!rs->reopen)
			goto fail;
	}
	for (size_t i = 0; i < n_list; i++) {
		rs->list_by[i] = build_list(t, rs->select, t->list_by[i]);
		if (!rs->list_by[i])
			goto fail;
	}
	return rs;
fail:
	record_sql_free(rs);
	return NULL;
}

/* Serialises the first build of each table's texts; never held while a
 * statement runs. */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

const struct record_sql *
record_sql_of(struct record_table *t, struct err *e)
{
	struct record_sql *rs =
	    atomic_load_explicit(&t->sql, memory_order_acquire);
	if (rs)
		return rs;
	pthread_mutex_lock(&build_lock);
	rs = atomic_load_explicit(&t->sql, memory_order_relaxed);
	if (!rs) {
		rs = record_sql_build(t);
		if (rs)
			atomic_store_explicit(&t->sql, rs,
			                      memory_order_release);
	}
	pthread_mutex_unlock(&build_lock);
	if (!rs)
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rs;
}

void
record_table_release(struct record_table *t)
{
	record_sql_free(atomic_exchange(&t->sql, NULL));
}

const char *
record_list_sql(const struct record_sql *rs, const char *by)
{
	for (size_t i = 0; i < rs->n_list; i++)
		if (strcmp(rs->table->list_by[i], by) == 0)
			return rs->list_by[i];
	return NULL;
}

/* The SQL type of a field's column. */
static const char *
column_type(const struct field *f, const struct db_dialect *dialect)
{
	switch (f->type) {
	case FT_BOOL:
	case FT_BOOL_NULL:
		return dialect->ddl_bool;
	case FT_INT:
	case FT_ID:
		return "INTEGER";
	default:
		return "TEXT";
	}
}

/* Append s as an SQL string literal. */
static void
add_literal(struct buf *b, const char *s)
{
	buf_adds(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			buf_adds(b, "'");
		buf_add(b, p, 1);
	}
	buf_adds(b, "'");
}

int
record_table_ddl(const struct record_table *t, const struct db_dialect *dialect,
                 char **out, struct err *e)
{
	struct buf b;
	buf_init(&b, SQL_MAX);
	buf_adds(&b, "CREATE TABLE IF NOT EXISTS ");
	buf_adds(&b, t->table);
	buf_adds(&b, " (id ");
	buf_adds(&b, dialect->ddl_id);
	buf_adds(&b,
	         ", version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0)");
	for (size_t i = 0; i < t->n_fields; i++) {
		const struct field *f = &t->fields[i];
		buf_adds(&b, ", ");
		buf_adds(&b, f->name);
		buf_adds(&b, " ");
		buf_adds(&b, column_type(f, dialect));
		if (f->flags & FF_REQUIRED)
			buf_adds(&b, " NOT NULL");
		/* Every term, retired ones too, so old rows stay valid. */
		if (f->type == FT_ENUM && f->vocab) {
			buf_adds(&b, " CHECK (");
			buf_adds(&b, f->name);
			buf_adds(&b, " IN (");
			for (size_t v = 0; v < f->vocab->n; v++) {
				if (v)
					buf_adds(&b, ", ");
				add_literal(&b, f->vocab->terms[v].code);
			}
			buf_adds(&b, "))");
		}
		if ((f->type == FT_BOOL || f->type == FT_BOOL_NULL) &&
		    dialect->ddl_bool_check) {
			buf_adds(&b, " CHECK (");
			buf_adds(&b, f->name);
			buf_adds(&b, " IN (0, 1))");
		}
	}
	buf_adds(&b,
	         ", created_at TEXT NOT NULL,"
	         " created_by INTEGER REFERENCES users(id),"
	         " updated_at TEXT, updated_by INTEGER REFERENCES users(id),"
	         " closed_at TEXT, closed_reason TEXT,"
	         " closed_by INTEGER REFERENCES users(id));");
	/* Lists read by their key column. */
	for (size_t i = 0; t->list_by && t->list_by[i]; i++) {
		buf_adds(&b, "CREATE INDEX IF NOT EXISTS ");
		buf_adds(&b, t->table);
		buf_adds(&b, "_");
		buf_adds(&b, t->list_by[i]);
		buf_adds(&b, " ON ");
		buf_adds(&b, t->table);
		buf_adds(&b, "(");
		buf_adds(&b, t->list_by[i]);
		buf_adds(&b, ");");
	}
	*out = buf_take(&b);
	if (!*out)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

int
record_table_create(struct db *db, const struct record_table *t, struct err *e)
{
	char *ddl = NULL;
	int rc = record_table_ddl(t, db_dialect(db), &ddl, e);
	if (rc)
		return rc;
	rc = db_exec(db, ddl, e);
	free(ddl);
	return rc;
}

int
record_bind_fields(struct db_stmt *s, int first, const struct field *f,
                   size_t n, const json_t *rec)
{
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_object_get(rec, f[i].name);
		/* An absent yes/no is no, as fields_apply makes it on
		 * create: such columns are NOT NULL DEFAULT 0, and a record
		 * written by Spire itself (not through fields_apply) may not
		 * name a field added later. */
		int rc = !v && f[i].type == FT_BOOL
		             ? db_bind_int(s, first + (int)i, 0)
		             : db_bind_json(s, first + (int)i, v);
		if (rc)
			return rc;
	}
	return 0;
}

int
record_row(struct db *db, const char *sql, int64_t id, json_t **out,
           struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
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

/* The rows of one nested entry for record id, as a new array in *out. */
static int
nested_rows(struct db *db, const struct record_nested *n, int64_t id,
            json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, n->sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	if (!(n->flags & RN_VALUES))
		return record_rows(s, out, e);
	json_t *arr = json_array();
	int rc = arr ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	while (rc == 0 && (rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		const char *key = json_object_iter_key(json_object_iter(row));
		json_t *v = key ? json_object_get(row, key) : NULL;
		rc = v && json_array_append(arr, v) == 0
		         ? 0
		         : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		json_decref(row);
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
record_nested_fill(struct db *db, const struct record_nested *nested,
                   json_t *rec, struct err *e)
{
	json_t *idv = json_object_get(rec, "id");
	if (!nested || !json_is_integer(idv))
		return 0;
	for (const struct record_nested *n = nested; n->name; n++) {
		json_t *arr = NULL;
		int rc = nested_rows(db, n, json_integer_value(idv), &arr, e);
		if (rc)
			return rc;
		if (json_object_set_new(rec, n->name, arr))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

int
record_get(struct db *db, struct record_table *t, int64_t id, json_t **out,
           struct err *e)
{
	*out = NULL;
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	int rc = record_row(db, rs->get, id, out, e);
	if (rc == 0 && (rc = record_nested_fill(db, t->nested, *out, e))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* Bind who made a change: a user's id, or NULL for Spire itself (user 0:
 * the command line, start-up), which has no row in users to refer to. */
static void
bind_actor(struct db_stmt *s, int i, int64_t user_id)
{
	if (user_id > 0)
		db_bind_int(s, i, user_id);
	else
		db_bind_null(s, i);
}

int
record_insert(struct db *db, struct record_table *t, const json_t *rec,
              const char *at, int64_t user_id, int64_t *id, struct err *e)
{
	*id = 0;
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	struct db_stmt *s = db_prepare(db, rs->insert, e);
	if (!s)
		return e->code;
	int n = (int)t->n_fields;
	record_bind_fields(s, 1, t->fields, t->n_fields, rec);
	db_bind_text(s, n + 1, at);
	bind_actor(s, n + 2, user_id);
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
	return record_rows_kept(s, NULL, NULL, 0, INT64_MAX, out, e);
}

int
record_rows_kept(struct db_stmt *s, int (*keep)(struct db_stmt *, void *),
                 void *arg, int64_t offset, int64_t limit, json_t **out,
                 struct err *e)
{
	*out = NULL;
	json_t *arr = json_array();
	if (!arr) {
		db_done(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc = 0;
	int64_t skipped = 0;
	while ((int64_t)json_array_size(arr) < limit &&
	       (rc = db_step(s, e)) == DB_ROW) {
		if (keep && !keep(s, arg))
			continue;
		if (skipped < offset) {
			skipped++;
			continue;
		}
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

/* The field named name in f[0..n), or NULL. */
static const struct field *
field_named(const struct field *f, size_t n, const char *name)
{
	for (size_t i = 0; f && i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

/* A JSON value, written and released; NULL is out of memory. */
static int
write_json(struct buf *b, json_t *v)
{
	int rc = v ? json_text_value(b, v) : SPIRE_ENOMEM;
	json_decref(v);
	return rc;
}

/* Stored text that is not plain ASCII, as db_json_text() and the SQLite
 * backend's rows take it: checked as UTF-8, and text that is not UTF-8 is
 * read as a readable copy (each bad byte U+FFFD). */
static int
write_text(struct buf *b, const char *text, size_t len)
{
	json_t *v = json_stringn(text, len);
	if (!v) {
		char *copy = text_readable(text, SIZE_MAX, 1);
		v = copy ? json_string(copy) : NULL;
		free(copy);
	}
	return write_json(b, v);
}

/* One column's value, as db_row_json() and fields_present() make it. */
static int
write_column(struct db_stmt *s, int i, enum record_col_kind kind, struct buf *b)
{
	size_t len = 0;
	const char *text;
	switch (db_column_type(s, i)) {
	case DB_T_INT:
		if (kind == RC_BOOL)
			return db_col_int(s, i) ? buf_add(b, "true", 4)
			                        : buf_add(b, "false", 5);
		return json_text_int(b, db_col_int(s, i));
	case DB_T_REAL:
		return write_json(b, json_real(db_col_double(s, i)));
	case DB_T_BOOL:
		return db_col_bool(s, i) ? buf_add(b, "true", 4)
		                         : buf_add(b, "false", 5);
	case DB_T_TEXT:
		text = db_col_textn(s, i, &len);
		if (!text)
			text = "", len = 0;
		if (kind == RC_LIST) {
			json_t *arr = json_loads(text, 0, NULL);
			return write_json(b, arr ? arr : json_array());
		}
		for (size_t k = 0; k < len; k++) {
			unsigned char c = (unsigned char)text[k];
			if (c < 0x20 || c >= 0x80)
				return write_text(b, text, len);
		}
		return json_text_string(b, text, len);
	default:
		return buf_add(b, "null", 4);
	}
}

/* Whether name is one of the comma-separated names in list. */
static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int
record_cols_init(struct record_cols *c, struct db_stmt *s, int from, int to,
                 const struct field *f, size_t n, const char *skip)
{
	if (from < 0 || to < from || to - from > RECORD_COLS_MAX)
		return SPIRE_EINVAL;
	c->from = from;
	c->to = to;
	for (int i = from; i < to; i++) {
		const char *name = db_column_name(s, i);
		int k = i - from;
		/* A record's own columns are its fields in order after id
		 * and version: try that one first. */
		const struct field *fd =
		    name && f && k >= 2 && (size_t)(k - 2) < n &&
		            strcmp(f[k - 2].name, name) == 0
		        ? &f[k - 2]
		    : name ? field_named(f, n, name)
		           : NULL;
		c->name[k] = name ? name : "";
		c->name_len[k] = strlen(c->name[k]);
		c->kind[k] = RC_PLAIN;
		if (skip && name && listed(skip, name))
			c->kind[k] = RC_SKIP;
		else if (fd &&
		         (fd->type == FT_BOOL || fd->type == FT_BOOL_NULL))
			c->kind[k] = RC_BOOL;
		else if (fd && fd->type == FT_LIST)
			c->kind[k] = RC_LIST;
	}
	return 0;
}

/* One column table kept with its statement (db_stmt_memo): the chain of
 * those asked for, each with its names copied, since the statement's own
 * may move when the engine prepares it again. */
struct cols_memo {
	struct cols_memo *next;
	const struct field *f;
	size_t n;
	char *skip; /* a copy; NULL: none */
	struct record_cols c;
};

static void
cols_memo_free(void *p)
{
	for (struct cols_memo *m = p, *next; m; m = next) {
		next = m->next;
		free(m->skip);
		free(m);
	}
}

static int
same_skip(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

const struct record_cols *
record_cols_of(struct db_stmt *s, int from, int to, const struct field *f,
               size_t n, const char *skip)
{
	for (struct cols_memo *m = db_stmt_memo(s); m; m = m->next)
		if (m->c.from == from && m->c.to == to && m->f == f &&
		    m->n == n && same_skip(m->skip, skip))
			return &m->c;
	struct record_cols c;
	if (record_cols_init(&c, s, from, to, f, n, skip) != 0)
		return NULL;
	size_t names = 0;
	for (int k = 0; k < to - from; k++)
		names += c.name_len[k] + 1;
	struct cols_memo *m = malloc(sizeof(*m) + names);
	if (!m)
		return NULL;
	m->skip = skip ? strdup(skip) : NULL;
	if (skip && !m->skip) {
		free(m);
		return NULL;
	}
	m->f = f;
	m->n = n;
	m->c = c;
	char *at = (char *)(m + 1);
	for (int k = 0; k < to - from; k++) {
		memcpy(at, c.name[k], c.name_len[k] + 1);
		m->c.name[k] = at;
		at += c.name_len[k] + 1;
	}
	m->next = db_stmt_memo(s);
	db_stmt_set_memo(s, m, cols_memo_free);
	return &m->c;
}

int
record_cols_write(const struct record_cols *c, struct db_stmt *s, int comma,
                  struct buf *b)
{
	for (int i = c->from; i < c->to && b->err == 0; i++) {
		int k = i - c->from;
		if (c->kind[k] == RC_SKIP)
			continue;
		size_t n = c->name_len[k];
		if (buf_reserve(b, n + 4))
			break;
		char *p = b->p + b->len;
		size_t o = 0;
		if (comma)
			p[o++] = ',';
		comma = 1;
		p[o++] = '"';
		memcpy(p + o, c->name[k], n);
		o += n;
		p[o++] = '"';
		p[o++] = ':';
		buf_setlen(b, b->len + o);
		write_column(s, i, (enum record_col_kind)c->kind[k], b);
	}
	return b->err;
}

int
record_write_columns(struct db_stmt *s, int from, int to, const struct field *f,
                     size_t n, int comma, struct buf *b)
{
	struct record_cols c;
	int rc = record_cols_init(&c, s, from, to, f, n, NULL);
	return rc ? rc : record_cols_write(&c, s, comma, b);
}

int
record_rows_text(struct db_stmt *s, const struct field *f, size_t n,
                 struct buf *b, struct err *e)
{
	const struct record_cols *c = NULL;
	int rc, first = 1;
	buf_add(b, "[", 1);
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (first && !(c = record_cols_of(s, 0, db_column_count(s), f,
		                                  n, NULL))) {
			rc = db_column_count(s) > RECORD_COLS_MAX
			         ? err_set(e, SPIRE_EINVAL, NULL,
			                   "too many columns")
			         : err_set(e, SPIRE_ENOMEM, NULL,
			                   "out of memory");
			break;
		}
		if (!first)
			buf_add(b, ",", 1);
		first = 0;
		buf_add(b, "{", 1);
		record_cols_write(c, s, 0, b);
		if (buf_add(b, "}", 1)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	db_done(s);
	if (rc < 0)
		return rc;
	return buf_add(b, "]", 1)
	           ? err_set(e, SPIRE_ENOMEM, NULL, "out of memory")
	           : 0;
}

int
record_get_text(struct db *db, struct record_table *t, int64_t id,
                const char *skip, const char *want, char *val, size_t val_size,
                struct buf *b, struct err *e)
{
	if (val_size)
		val[0] = '\0';
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	struct db_stmt *s = db_prepare(db, rs->get, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const struct record_cols *c = record_cols_of(
		    s, 0, db_column_count(s), t->fields, t->n_fields, skip);
		rc = c ? 0 : SPIRE_ENOMEM;
		if (rc == 0) {
			buf_add(b, "{", 1);
			rc = record_cols_write(c, s, 0, b);
		}
		for (int i = 0; rc == 0 && want && i < c->to; i++) {
			const char *v = strcmp(c->name[i], want) == 0
			                    ? db_col_text(s, i)
			                    : NULL;
			if (v && val_size)
				snprintf(val, val_size, "%s", v);
		}
		if (rc)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "id",
		             "This record does not exist");
	}
	db_done(s);
	return rc;
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
	bind_actor(s, 6, user_id);
	int rc = db_step(s, e);
	db_done(s);
	free(text);
	return rc < 0 ? rc : 0;
}

int
record_history_keep(struct db *db, struct record_table *t, int64_t id,
                    const char *at, int64_t user_id, struct err *e)
{
	json_t *old = NULL;
	int rc = record_get(db, t, id, &old, e);
	if (rc == 0)
		rc = record_history_add(db, t->type, id, old, at, user_id, e);
	json_decref(old);
	return rc;
}

int
record_stale_version(struct err *e)
{
	return err_set(e, SPIRE_ECONFLICT, "version",
	               "Someone else changed this record while you were "
	               "working on it. Reload the page to see their changes, "
	               "then try again");
}

/* Run the bound write s (then reset) and check it changed exactly one row:
 * none means the version moved on or the row was closed meanwhile. */
static int
step_one_row(struct db *db, struct db_stmt *s, struct err *e)
{
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	return db_changes(db) == 1 ? 0 : record_stale_version(e);
}

/* Load the current row and check it is at `version` and open. */
static int
load_current(struct db *db, struct record_table *t, int64_t id, int64_t version,
             json_t **old, struct err *e)
{
	int rc = record_get(db, t, id, old, e);
	if (rc)
		return rc;
	json_t *v = json_object_get(*old, "version");
	json_t *closed = json_object_get(*old, "closed_at");
	if (!json_is_integer(v) || json_integer_value(v) != version) {
		json_decref(*old);
		*old = NULL;
		return record_stale_version(e);
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

/* Before an update or a close: load_current, then keep that row in the
 * history as changed at `at` by user_id. 0 or the first error. */
static int
keep_current(struct db *db, struct record_table *t, int64_t id, int64_t version,
             const char *at, int64_t user_id, struct err *e)
{
	json_t *old = NULL;
	int rc = load_current(db, t, id, version, &old, e);
	if (rc)
		return rc;
	rc = record_history_add(db, t->type, id, old, at, user_id, e);
	json_decref(old);
	return rc;
}

/* The history snapshot of record id at version (before a close), as a new
 * object in *out, or NULL when there is none. */
static int
snapshot_at(struct db *db, const struct record_table *t, int64_t id,
            int64_t version, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT data FROM history WHERE record_type = $1 AND record_id = $2"
	    " AND version = $3 ORDER BY id DESC LIMIT 1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, t->type);
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
record_reopen(struct db *db, struct record_table *t, int64_t id,
              int64_t version, const char *at, int64_t user_id, struct err *e)
{
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	if (!rs->reopen)
		return err_set(e, SPIRE_ECONFLICT, "closed_at",
		               "This record cannot be reopened");
	json_t *old = NULL;
	int rc = record_get(db, t, id, &old, e);
	if (rc)
		return rc;
	json_t *v = json_object_get(old, "version");
	json_t *closed = json_object_get(old, "closed_at");
	if (!json_is_integer(v) || json_integer_value(v) != version)
		rc = record_stale_version(e);
	else if (!closed || json_is_null(closed))
		rc = err_set(e, SPIRE_ECONFLICT, "closed_at",
		             "This record is not closed, so it cannot be "
		             "reopened");
	if (rc == 0)
		rc = record_history_add(db, t->type, id, old, at, user_id, e);
	json_decref(old);
	if (rc)
		return rc;
	json_t *before = NULL;
	if (t->restore &&
	    (rc = snapshot_at(db, t, id, version - 1, &before, e)) != 0)
		return rc;
	struct db_stmt *s = db_prepare(db, rs->reopen, e);
	if (!s) {
		json_decref(before);
		return e->code;
	}
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, at);
	bind_actor(s, 4, user_id);
	for (int i = 0; t->restore && t->restore[i].column; i++) {
		json_t *r = json_object_get(before, t->restore[i].column);
		if (r)
			db_bind_json(s, 5 + i, r);
		else
			db_bind_null(s, 5 + i);
	}
	json_decref(before);
	return step_one_row(db, s, e);
}

int
record_update(struct db *db, struct record_table *t, int64_t id,
              int64_t version, const json_t *rec, const char *at,
              int64_t user_id, struct err *e)
{
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	int rc = keep_current(db, t, id, version, at, user_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, rs->update, e);
	if (!s)
		return e->code;
	int n = (int)t->n_fields;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	record_bind_fields(s, 3, t->fields, t->n_fields, rec);
	db_bind_text(s, n + 3, at);
	bind_actor(s, n + 4, user_id);
	return step_one_row(db, s, e);
}

int
record_close(struct db *db, struct record_table *t, int64_t id, int64_t version,
             const char *reason, const char *at, int64_t user_id, struct err *e)
{
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	int rc = keep_current(db, t, id, version, at, user_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, rs->close, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, at);
	db_bind_text(s, 4, reason);
	bind_actor(s, 5, user_id);
	return step_one_row(db, s, e);
}

int
record_list(struct db *db, struct record_table *t, const char *by,
            int64_t value, int include_closed, int64_t limit, int64_t offset,
            json_t **out, struct err *e)
{
	*out = NULL;
	const struct record_sql *rs = record_sql_of(t, e);
	if (!rs)
		return e->code;
	const char *sql = record_list_sql(rs, by);
	if (!sql)
		return err_set(e, SPIRE_EINVAL, by,
		               "These records cannot be listed this way");
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, value);
	db_bind_bool(s, 2, include_closed);
	db_bind_int(s, 3, limit);
	db_bind_int(s, 4, offset);
	int rc = record_rows(s, out, e);
	size_t i;
	json_t *row;
	json_array_foreach(*out, i, row)
	{
		if (rc == 0)
			rc = record_nested_fill(db, t->nested, row, e);
	}
	if (rc && *out) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

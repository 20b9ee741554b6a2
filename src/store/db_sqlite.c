/*
 * db_sqlite.c - the SQLite backend of db.h.
 *
 * Holds a per-connection cache of prepared statements keyed by the address
 * of their SQL text, and the mapping from $n to SQLite's parameter index.
 * Not for SQL of any particular table: that lives in the store's subject
 * files.
 */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 48
#define CACHE_SLOTS 512 /* power of two */

struct db_stmt {
	sqlite3_stmt *stmt;
	const char *sql; /* cache key */
	struct db *db;
	unsigned char index[MAX_PARAMS + 1]; /* $n -> sqlite index */
};

struct db {
	sqlite3 *handle;
	struct db_stmt *cache[CACHE_SLOTS];
};

static int
map_rc(struct db *db, int rc, struct err *e)
{
	const char *msg = db ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, SPIRE_EUNAVAIL, NULL,
		               "Spire is busy. Try again in a moment (%s)",
		               msg);
	case SQLITE_NOMEM:
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return err_set(
			    e, SPIRE_ECONFLICT, NULL,
			    "A record with these details already exists");
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return err_set(e, SPIRE_EINVAL, NULL,
			               "Select a record from the list: one of "
			               "them does not exist");
		/* The constraint's words are for the log, not for people. */
		fprintf(stderr, "spire: constraint failed: %s\n", msg);
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not store this. Check what you "
		               "entered and try again");
	case SQLITE_FULL:
		return err_set(e, SPIRE_EFULL, NULL,
		               "Spire's storage is full. Try again later.");
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return err_set(e, SPIRE_EIO, NULL, "store i/o error: %s", msg);
	default:
		return err_set(e, SPIRE_EDB, NULL, "store error: %s", msg);
	}
}

int
db_open(const char *path, unsigned flags, struct db **out, struct err *e)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof(*db));
	if (!db)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &db->handle, oflags, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, SPIRE_EIO, "db", "cannot open %s: %s", path,
		        db->handle ? sqlite3_errmsg(db->handle)
		                   : sqlite3_errstr(rc));
		db_close(db);
		return SPIRE_EIO;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	sqlite3_busy_timeout(db->handle, 5000);
	const char *pragmas = "PRAGMA journal_mode=WAL;"
	                      "PRAGMA synchronous=FULL;"
	                      "PRAGMA foreign_keys=ON;"
	                      "PRAGMA temp_store=MEMORY;"
	                      "PRAGMA cache_size=-32768;";
	if ((flags & DB_OPEN_READONLY) && !(flags & DB_OPEN_CREATE))
		pragmas = "PRAGMA foreign_keys=ON;"
		          "PRAGMA query_only=ON;"
		          "PRAGMA temp_store=MEMORY;"
		          "PRAGMA cache_size=-16384;";
	rc = db_exec(db, pragmas, e);
	if (rc) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void
db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (db->cache[i]) {
			sqlite3_finalize(db->cache[i]->stmt);
			free(db->cache[i]);
		}
	}
	sqlite3_close_v2(db->handle);
	free(db);
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int code = map_rc(db, rc, e);
		if (msg && e)
			snprintf(e->message, sizeof(e->message), "%s", msg);
		sqlite3_free(msg);
		return code;
	}
	return 0;
}

static size_t
slot_of(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;
	p ^= p >> 17;
	p *= 0x9E3779B97F4A7C15ull;
	return (size_t)(p >> 40) & (CACHE_SLOTS - 1);
}

static struct db_stmt *
compile(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s = calloc(1, sizeof(*s));
	if (!s) {
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	int rc = sqlite3_prepare_v3(db->handle, sql, -1,
	                            SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
	if (rc != SQLITE_OK) {
		map_rc(db, rc, e);
		free(s);
		return NULL;
	}
	s->sql = sql;
	s->db = db;
	int count = sqlite3_bind_parameter_count(s->stmt);
	for (int i = 1; i <= count; i++) {
		const char *name = sqlite3_bind_parameter_name(s->stmt, i);
		char *end = NULL;
		long n =
		    name && name[0] == '$' ? strtol(name + 1, &end, 10) : -1;
		if (n < 1 || n > MAX_PARAMS || !end || *end) {
			err_set(e, SPIRE_EDB, NULL, "bad parameter %s in SQL",
			        name ? name : "?");
			sqlite3_finalize(s->stmt);
			free(s);
			return NULL;
		}
		s->index[n] = (unsigned char)i;
	}
	return s;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	size_t slot = slot_of(sql);
	for (size_t probe = 0; probe < CACHE_SLOTS; probe++) {
		size_t i = (slot + probe) & (CACHE_SLOTS - 1);
		struct db_stmt *s = db->cache[i];
		if (s && s->sql == sql) {
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			return s;
		}
		if (!s) {
			s = compile(db, sql, e);
			if (s)
				db->cache[i] = s;
			return s;
		}
	}
	err_set(e, SPIRE_EDB, NULL, "statement cache full");
	return NULL;
}

static int
param(struct db_stmt *s, int n)
{
	if (n < 1 || n > MAX_PARAMS || !s->index[n])
		return -1;
	return s->index[n];
}

static int
bind_rc(int rc)
{
	return rc == SQLITE_OK ? 0 : SPIRE_EDB;
}

int
db_bind_int(struct db_stmt *s, int n, int64_t v)
{
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_int64(s->stmt, i, v));
}

int
db_bind_double(struct db_stmt *s, int n, double v)
{
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_double(s->stmt, i, v));
}

int
db_bind_text(struct db_stmt *s, int n, const char *v)
{
	int i = param(s, n);
	if (i < 0)
		return SPIRE_EDB;
	if (!v)
		return bind_rc(sqlite3_bind_null(s->stmt, i));
	return bind_rc(sqlite3_bind_text(s->stmt, i, v, -1, SQLITE_TRANSIENT));
}

int
db_bind_blob(struct db_stmt *s, int n, const void *v, size_t len)
{
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB
	             : bind_rc(sqlite3_bind_blob64(s->stmt, i, v, len,
	                                           SQLITE_TRANSIENT));
}

int
db_bind_null(struct db_stmt *s, int n)
{
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_null(s->stmt, i));
}

int
db_bind_id(struct db_stmt *s, int n, int64_t id)
{
	return id ? db_bind_int(s, n, id) : db_bind_null(s, n);
}

int
db_step_id(struct db_stmt *s, int64_t *id, struct err *e)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
db_bind_json(struct db_stmt *s, int n, const json_t *v)
{
	if (!v || json_is_null(v))
		return db_bind_null(s, n);
	if (json_is_true(v))
		return db_bind_int(s, n, 1);
	if (json_is_false(v))
		return db_bind_int(s, n, 0);
	if (json_is_integer(v))
		return db_bind_int(s, n, json_integer_value(v));
	if (json_is_real(v))
		return db_bind_double(s, n, json_real_value(v));
	if (json_is_string(v))
		return db_bind_text(s, n, json_string_value(v));
	char *text = json_dumps(v, JSON_COMPACT);
	if (!text)
		return SPIRE_ENOMEM;
	int rc = db_bind_text(s, n, text);
	free(text);
	return rc;
}

int
db_step(struct db_stmt *s, struct err *e)
{
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	int code = map_rc(s->db, sqlite3_extended_errcode(s->db->handle), e);
	sqlite3_reset(s->stmt);
	return code;
}

void
db_done(struct db_stmt *s)
{
	if (!s)
		return;
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
}

int
db_column_count(struct db_stmt *s)
{
	return sqlite3_column_count(s->stmt);
}

const char *
db_column_name(struct db_stmt *s, int i)
{
	return sqlite3_column_name(s->stmt, i);
}

enum db_type
db_column_type(struct db_stmt *s, int i)
{
	switch (sqlite3_column_type(s->stmt, i)) {
	case SQLITE_INTEGER:
		return DB_T_INT;
	case SQLITE_FLOAT:
		return DB_T_REAL;
	case SQLITE_TEXT:
		return DB_T_TEXT;
	case SQLITE_BLOB:
		return DB_T_BLOB;
	default:
		return DB_T_NULL;
	}
}

int64_t
db_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->stmt, i);
}

double
db_col_double(struct db_stmt *s, int i)
{
	return sqlite3_column_double(s->stmt, i);
}

const char *
db_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->stmt, i);
}

const void *
db_col_blob(struct db_stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(s->stmt, i);
	*len = (size_t)sqlite3_column_bytes(s->stmt, i);
	return p;
}

json_t *
db_row_json(struct db_stmt *s)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	int n = sqlite3_column_count(s->stmt);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (sqlite3_column_type(s->stmt, i)) {
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(s->stmt, i));
			break;
		case SQLITE_FLOAT:
			v = json_real(sqlite3_column_double(s->stmt, i));
			break;
		case SQLITE_TEXT:
			v = json_stringn(
			    (const char *)sqlite3_column_text(s->stmt, i),
			    (size_t)sqlite3_column_bytes(s->stmt, i));
			break;
		default:
			v = json_null();
		}
		if (!v || json_object_set_new(
		              obj, sqlite3_column_name(s->stmt, i), v)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

int64_t
db_changes(struct db *db)
{
	return sqlite3_changes64(db->handle);
}

int
db_begin(struct db *db, struct err *e)
{
	return db_exec(db, "BEGIN IMMEDIATE", e);
}

int
db_commit(struct db *db, struct err *e)
{
	return db_exec(db, "COMMIT", e);
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* Step a cached statement that returns no rows. */
static int
run_cached(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
db_begin_read(struct db *db, struct err *e)
{
	static const char sql[] = "BEGIN DEFERRED";
	return run_cached(db, sql, e);
}

void
db_end_read(struct db *db)
{
	static const char sql[] = "COMMIT";
	if (sqlite3_get_autocommit(db->handle))
		return;
	struct err e;
	err_clear(&e);
	if (run_cached(db, sql, &e) != 0)
		db_rollback(db);
}

int
db_backup_into(struct db *db, const char *path, struct err *e)
{
	static const char sql[] = "VACUUM INTO $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, path);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
db_integrity_check(struct db *db, struct err *e)
{
	static const char sql[] = "PRAGMA integrity_check";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	int ok = rc == DB_ROW && db_col_text(s, 0) &&
	         strcmp(db_col_text(s, 0), "ok") == 0;
	if (rc == DB_ROW && !ok)
		err_set(e, SPIRE_EDB, NULL, "integrity check: %s",
		        db_col_text(s, 0) ? db_col_text(s, 0) : "?");
	db_done(s);
	if (rc < 0)
		return rc;
	return ok ? 0 : SPIRE_EDB;
}

/* A page cache large enough that a 100,000-child demo load does not spill
 * and re-read pages (ten times slower on a busy disk without it). */
int
db_bulk_mode(struct db *db, struct err *e)
{
	return db_exec(db, "PRAGMA cache_size=-524288", e);
}

/*
 * db_sqlite.c - the SQLite backend: fills struct db_backend (db_backend.h).
 *
 * The only file that calls the SQLite API. Maps $n to SQLite's parameter
 * index, SQLite's result codes to SPIRE_E* codes, and holds the SQLite
 * side of the dialect (FTS5 search, the audit guard's trigger, PRAGMAs,
 * sqlite_schema). Not for SQL of any particular table beyond those
 * dialect pieces: that lives in the store's subject files, written
 * portably. Booleans are stored as the integers 1 and 0.
 */
#include "store/db_backend.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/validate.h"

#define MAX_PARAMS DB_MAX_PARAMS /* db.h; the audit insert uses up to 60 */

struct conn {
	sqlite3 *handle;
	sqlite3_stmt *begin_read; /* BEGIN DEFERRED, prepared once */
	sqlite3_stmt *end_read;   /* COMMIT, prepared once */
	sqlite3_stmt *pin_read;   /* opens the read snapshot, prepared once */
	sqlite3_stmt *begin;      /* BEGIN IMMEDIATE, prepared once */
	sqlite3_stmt *commit;     /* COMMIT, prepared once (the writer's) */
	sqlite3_stmt *lock_log;   /* takes the access log's write lock */
	int wal; /* main in WAL mode: 1 yes, -1 no, 0 not asked yet */
};

struct stmt {
	sqlite3_stmt *stmt;
	struct conn *c;
	unsigned char index[MAX_PARAMS + 1]; /* $n -> sqlite index */
};

static int
map_rc(struct conn *c, int rc, struct err *e)
{
	const char *msg = c ? sqlite3_errmsg(c->handle) : sqlite3_errstr(rc);
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

static void sqlite_close(void *conn);
static int sqlite_exec(void *conn, const char *sql, struct err *e);

static pthread_once_t configure_once = PTHREAD_ONCE_INIT;

/*
 * Process-wide settings, once, before the first connection. Memory
 * statistics off: with them on, every allocation SQLite makes takes one
 * global mutex shared by every connection of every thread (measured as
 * the largest source of futex calls per W7 submission; bench/README.md).
 * Spire never reads sqlite3_memory_used().
 */
static void
configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * The access log (docs/audit.md): the audit rows of reads, refusals and
 * sign-ins, kept in a file of its own beside the database, FILE.access
 * (":memory:" for an in-memory database), attached to every connection
 * as the schema `access`, so that the audit rows every read writes never
 * change the main file and reset its readers' page caches. PostgreSQL
 * keeps the same tables in a schema called access, so the same
 * `access.audit` SQL runs on both. The file is created only by a
 * connection that may create the database; it is durable as the main
 * file is (WAL, synchronous FULL). A connection that may not create it
 * and finds it missing (a database from before migration 18 opened by a
 * report, say) attaches an empty in-memory schema instead, so that only
 * what reads the access log fails ("no such table: access.audit").
 */
static int
attach_access(struct conn *c, const char *path, unsigned flags, struct err *e)
{
	char file[4096];
	int memory = strcmp(path, ":memory:") == 0 || path[0] == '\0';
	int n = memory
	            ? snprintf(file, sizeof(file), ":memory:")
	            : snprintf(file, sizeof(file), "%s" DB_ACCESS_SUFFIX, path);
	if (n < 0 || (size_t)n >= sizeof(file))
		return err_set(e, SPIRE_EINVAL, "db", "database path too long");
	if (!memory && !(flags & DB_OPEN_CREATE) && access(file, F_OK) != 0)
		snprintf(file, sizeof(file), ":memory:");
	sqlite3_stmt *st = NULL;
	int rc =
	    sqlite3_prepare_v2(c->handle, "ATTACH ?1 AS access", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, file, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(c->handle);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return err_set(e, SPIRE_EIO, "db",
		               "cannot open the access log %s: %s", file,
		               sqlite3_errmsg(c->handle));
	const char *pragmas = "PRAGMA access.journal_mode=WAL;"
	                      "PRAGMA access.synchronous=FULL;"
	                      "PRAGMA access.cache_size=-8192;";
	if ((flags & DB_OPEN_READONLY) && !(flags & DB_OPEN_CREATE))
		pragmas = "PRAGMA access.cache_size=-4096;";
	return sqlite_exec(c, pragmas, e);
}

static int
sqlite_open(const char *path, unsigned flags, void **out, struct err *e)
{
	*out = NULL;
	pthread_once(&configure_once, configure);
	struct conn *c = calloc(1, sizeof(*c));
	if (!c)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &c->handle, oflags, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, SPIRE_EIO, "db", "cannot open %s: %s", path,
		        c->handle ? sqlite3_errmsg(c->handle)
		                  : sqlite3_errstr(rc));
		sqlite_close(c);
		return SPIRE_EIO;
	}
	sqlite3_extended_result_codes(c->handle, 1);
	sqlite3_busy_timeout(c->handle, 5000);
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
	rc = sqlite_exec(c, pragmas, e);
	if (rc == 0)
		rc = attach_access(c, path, flags, e);
	if (rc) {
		sqlite_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

static void
sqlite_close(void *conn)
{
	struct conn *c = conn;
	if (!c)
		return;
	sqlite3_finalize(c->begin_read);
	sqlite3_finalize(c->end_read);
	sqlite3_finalize(c->pin_read);
	sqlite3_finalize(c->begin);
	sqlite3_finalize(c->commit);
	sqlite3_finalize(c->lock_log);
	sqlite3_close_v2(c->handle);
	free(c);
}

static int
sqlite_exec(void *conn, const char *sql, struct err *e)
{
	struct conn *c = conn;
	char *msg = NULL;
	int rc = sqlite3_exec(c->handle, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int code = map_rc(c, rc, e);
		if (msg && e)
			snprintf(e->message, sizeof(e->message), "%s", msg);
		sqlite3_free(msg);
		return code;
	}
	return 0;
}

static int64_t
sqlite_changes(void *conn)
{
	return sqlite3_changes64(((struct conn *)conn)->handle);
}

static int
sqlite_prepare(void *conn, const char *sql, void **out, struct err *e)
{
	struct conn *c = conn;
	*out = NULL;
	struct stmt *s = calloc(1, sizeof(*s));
	if (!s)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = sqlite3_prepare_v3(c->handle, sql, -1,
	                            SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
	if (rc != SQLITE_OK) {
		rc = map_rc(c, rc, e);
		free(s);
		return rc;
	}
	s->c = c;
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
			return SPIRE_EDB;
		}
		s->index[n] = (unsigned char)i;
	}
	/* $1..$n without gaps (db.h): a gap is a parameter no caller can
	 * bind usefully and PostgreSQL cannot type. */
	for (int n = 1; n <= count; n++) {
		if (!s->index[n]) {
			err_set(e, SPIRE_EDB, NULL,
			        "SQL uses %d parameters but not $%d", count, n);
			sqlite3_finalize(s->stmt);
			free(s);
			return SPIRE_EDB;
		}
	}
	*out = s;
	return 0;
}

static void
sqlite_finalize(void *st)
{
	struct stmt *s = st;
	if (!s)
		return;
	sqlite3_finalize(s->stmt);
	free(s);
}

static void
sqlite_reset(void *st)
{
	struct stmt *s = st;
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
}

static int
param(const struct stmt *s, int n)
{
	if (n < 1 || n > MAX_PARAMS || !s->index[n])
		return -1;
	return s->index[n];
}

static int
bind_rc(int rc)
{
	switch (rc) {
	case SQLITE_OK:
		return 0;
	case SQLITE_NOMEM:
		return SPIRE_ENOMEM;
	case SQLITE_TOOBIG:
		return SPIRE_ETOOBIG;
	default:
		return SPIRE_EDB;
	}
}

static int
sqlite_bind_int(void *st, int n, int64_t v)
{
	struct stmt *s = st;
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_int64(s->stmt, i, v));
}

static int
sqlite_bind_double(void *st, int n, double v)
{
	struct stmt *s = st;
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_double(s->stmt, i, v));
}

static int
sqlite_bind_bool(void *st, int n, bool v)
{
	return sqlite_bind_int(st, n, v ? 1 : 0);
}

static int
sqlite_bind_text(void *st, int n, const char *v, size_t len)
{
	struct stmt *s = st;
	int i = param(s, n);
	if (i < 0)
		return SPIRE_EDB;
	return bind_rc(sqlite3_bind_text64(s->stmt, i, v, len, SQLITE_TRANSIENT,
	                                   SQLITE_UTF8));
}

/* The same without SQLite's copy: the caller keeps v until the reset. */
static int
sqlite_bind_text_kept(void *st, int n, const char *v, size_t len)
{
	struct stmt *s = st;
	int i = param(s, n);
	if (i < 0)
		return SPIRE_EDB;
	return bind_rc(sqlite3_bind_text64(s->stmt, i, v, len, SQLITE_STATIC,
	                                   SQLITE_UTF8));
}

static int
sqlite_bind_blob(void *st, int n, const void *v, size_t len)
{
	struct stmt *s = st;
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB
	             : bind_rc(sqlite3_bind_blob64(s->stmt, i, v, len,
	                                           SQLITE_TRANSIENT));
}

static int
sqlite_bind_null(void *st, int n)
{
	struct stmt *s = st;
	int i = param(s, n);
	return i < 0 ? SPIRE_EDB : bind_rc(sqlite3_bind_null(s->stmt, i));
}

static int
sqlite_step(void *st, struct err *e)
{
	struct stmt *s = st;
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	int code = map_rc(s->c, sqlite3_extended_errcode(s->c->handle), e);
	sqlite3_reset(s->stmt);
	return code;
}

static int
sqlite_column_count(void *st)
{
	return sqlite3_column_count(((struct stmt *)st)->stmt);
}

static const char *
sqlite_column_name(void *st, int i)
{
	return sqlite3_column_name(((struct stmt *)st)->stmt, i);
}

static enum db_type
sqlite_column_type(void *st, int i)
{
	switch (sqlite3_column_type(((struct stmt *)st)->stmt, i)) {
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

static int64_t
sqlite_col_int(void *st, int i)
{
	return sqlite3_column_int64(((struct stmt *)st)->stmt, i);
}

static double
sqlite_col_double(void *st, int i)
{
	return sqlite3_column_double(((struct stmt *)st)->stmt, i);
}

static bool
sqlite_col_bool(void *st, int i)
{
	return sqlite3_column_int64(((struct stmt *)st)->stmt, i) != 0;
}

static const char *
sqlite_col_text(void *st, int i, size_t *len)
{
	sqlite3_stmt *stmt = ((struct stmt *)st)->stmt;
	const char *p = (const char *)sqlite3_column_text(stmt, i);
	if (len)
		*len = (size_t)sqlite3_column_bytes(stmt, i);
	return p;
}

static const void *
sqlite_col_blob(void *st, int i, size_t *len)
{
	sqlite3_stmt *stmt = ((struct stmt *)st)->stmt;
	const void *p = sqlite3_column_blob(stmt, i);
	*len = (size_t)sqlite3_column_bytes(stmt, i);
	return p;
}

/* Text that is not valid UTF-8 (written before Spire checked it, or by
 * another program) read as a readable copy rather than lost: each bad byte
 * shown as U+FFFD (core/validate.h). NULL when out of memory. */
static json_t *
readable(const char *text)
{
	char *copy = text ? text_readable(text, SIZE_MAX, 1) : NULL;
	json_t *v = copy ? json_string(copy) : NULL;
	free(copy);
	return v;
}

/* db_row_json straight from SQLite's columns (the hot read path). */
static json_t *
sqlite_row_json(void *st)
{
	sqlite3_stmt *stmt = ((struct stmt *)st)->stmt;
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	int n = sqlite3_column_count(stmt);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (sqlite3_column_type(stmt, i)) {
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(stmt, i));
			break;
		case SQLITE_FLOAT:
			v = json_real(sqlite3_column_double(stmt, i));
			break;
		case SQLITE_TEXT:
			v = db_json_text(
			    (const char *)sqlite3_column_text(stmt, i),
			    (size_t)sqlite3_column_bytes(stmt, i));
			if (!v)
				v = readable(
				    (const char *)sqlite3_column_text(stmt, i));
			break;
		default:
			v = json_null();
		}
		if (!v || json_object_set_new_nocheck(
		              obj, sqlite3_column_name(stmt, i), v)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

static int run_kept(struct conn *c, sqlite3_stmt **slot, const char *sql,
                    struct err *e);
static void sqlite_rollback(void *conn);

/* BEGIN and COMMIT prepared once per connection, not parsed for every
 * batch the writer commits. */
static int
sqlite_begin(void *conn, struct err *e)
{
	struct conn *c = conn;
	return run_kept(c, &c->begin, "BEGIN IMMEDIATE", e);
}

/*
 * A batch of access-log rows only (reads, refusals): BEGIN DEFERRED, then
 * a write to access.audit that changes nothing, which takes the write
 * lock of the access log's file alone (RESERVED, and its WAL's write
 * lock), waiting the busy timeout as BEGIN IMMEDIATE does. The main file
 * is then only read, its snapshot taken after the lock: any writer that
 * wrote the records' chain held the access log's lock too (BEGIN
 * IMMEDIATE locks every attached file) and committed before releasing it,
 * so the records' chain's last seq read here is current. COMMIT writes
 * and syncs only the access log's WAL. (WHERE 0: no row, so the
 * append-only trigger does not fire.)
 */
static int
sqlite_begin_log(void *conn, struct err *e)
{
	struct conn *c = conn;
	int rc = run_kept(c, &c->begin_read, "BEGIN DEFERRED", e);
	if (rc == 0)
		rc = run_kept(c, &c->lock_log,
		              "DELETE FROM access.audit WHERE 0", e);
	if (rc)
		sqlite_rollback(c);
	return rc;
}

static int
sqlite_commit(void *conn, struct err *e)
{
	struct conn *c = conn;
	return run_kept(c, &c->commit, "COMMIT", e);
}

static void
sqlite_rollback(void *conn)
{
	struct conn *c = conn;
	if (!sqlite3_get_autocommit(c->handle))
		sqlite3_exec(c->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* Step a statement of this connection that returns no rows, prepared on
 * first use into *slot (kept until the connection closes). */
static int
run_kept(struct conn *c, sqlite3_stmt **slot, const char *sql, struct err *e)
{
	int rc;
	if (!*slot) {
		rc = sqlite3_prepare_v3(c->handle, sql, -1,
		                        SQLITE_PREPARE_PERSISTENT, slot, NULL);
		if (rc != SQLITE_OK)
			return map_rc(c, rc, e);
	}
	rc = sqlite3_step(*slot);
	int code = rc == SQLITE_DONE || rc == SQLITE_ROW
	               ? 0
	               : map_rc(c, sqlite3_extended_errcode(c->handle), e);
	sqlite3_reset(*slot);
	return code;
}

static int
sqlite_begin_read(void *conn, struct err *e)
{
	struct conn *c = conn;
	return run_kept(c, &c->begin_read, "BEGIN DEFERRED", e);
}

/* Open the read transaction's snapshot now: SQLite takes it at the first
 * statement that reads the file (reading the schema cookie does).
 * Nothing to hand over: Debian's library is built without
 * SQLITE_ENABLE_SNAPSHOT (no sqlite3_snapshot_get/open), so id is "". */
static int
sqlite_read_share(void *conn, char *id, size_t len, struct err *e)
{
	struct conn *c = conn;
	if (len)
		id[0] = 0;
	if (sqlite3_get_autocommit(c->handle))
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: no read is open");
	return run_kept(c, &c->pin_read, "PRAGMA schema_version", e);
}

static int
sqlite_begin_read_at(void *conn, const char *id, struct err *e)
{
	struct conn *c = conn;
	if (id[0])
		return err_set(e, SPIRE_EINVAL, NULL, "no such snapshot");
	int rc = sqlite_begin_read(c, e);
	if (rc == 0 &&
	    (rc = run_kept(c, &c->pin_read, "PRAGMA schema_version", e)) != 0)
		sqlite_rollback(c);
	return rc;
}

static void
sqlite_end_read(void *conn)
{
	struct conn *c = conn;
	if (sqlite3_get_autocommit(c->handle))
		return;
	struct err e;
	err_clear(&e);
	if (run_kept(c, &c->end_read, "COMMIT", &e) != 0)
		sqlite_rollback(c);
}

/* Is c's main database in WAL mode? Asked once per connection: a file in
 * WAL mode stays so while any connection holds it open. */
static int
wal_mode(struct conn *c)
{
	if (c->wal)
		return c->wal > 0;
	/* Not answered (busy, say): asked again next time. */
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->handle, "PRAGMA main.journal_mode", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		c->wal = mode && strcmp(mode, "wal") == 0 ? 1 : -1;
	}
	sqlite3_finalize(st);
	return c->wal > 0;
}

/*
 * The change generation (db.h): the wal-index header, the first 48 bytes
 * of the -shm file, which every commit to the main database rewrites
 * (iChange counts the transactions, mxFrame the frames; the salts change
 * when the log starts again from its beginning) and which never returns
 * to an earlier value. SQLite keeps two copies: a writer writes the
 * second, then the first; a reader reads the first, then the second, and
 * trusts them only when they are the same (walIndexTryHdr in SQLite's
 * wal.c). Read through the connection's own mapping of the -shm file
 * (the VFS's xShmMap, region 0, not extended), so it is the very memory
 * SQLite reads, with no system call. 0 when the header is being written
 * at this instant (the caller then asks the store) or the file is not in
 * WAL mode.
 */
static int
sqlite_generation(void *conn, unsigned char out[DB_GENERATION_LEN])
{
	struct conn *c = conn;
	sqlite3_file *f = NULL;
	if (!wal_mode(c) ||
	    sqlite3_file_control(c->handle, "main", SQLITE_FCNTL_FILE_POINTER,
	                         &f) != SQLITE_OK ||
	    !f || !f->pMethods || f->pMethods->iVersion < 2 ||
	    !f->pMethods->xShmMap)
		return 0;
	volatile void *region = NULL;
	if (f->pMethods->xShmMap(f, 0, 32768, 0, &region) != SQLITE_OK ||
	    !region)
		return 0;
	const volatile unsigned char *h = region;
	unsigned char second[DB_GENERATION_LEN];
	for (size_t i = 0; i < DB_GENERATION_LEN; i++)
		out[i] = h[i];
	atomic_thread_fence(memory_order_seq_cst);
	for (size_t i = 0; i < DB_GENERATION_LEN; i++)
		second[i] = h[DB_GENERATION_LEN + i];
	/* Byte 12 is isInit: 0 until the header has been built. */
	return memcmp(out, second, DB_GENERATION_LEN) == 0 && out[12] != 0;
}

/* Prepare sql on c for a one-off use; NULL with e filled on error. */
static sqlite3_stmt *
once(struct conn *c, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->handle, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		map_rc(c, rc, e);
		return NULL;
	}
	return st;
}

/* Step a one-off statement to its first row or its end: SQLITE_ROW,
 * SQLITE_DONE or a negative SPIRE_E* code. */
static int
step_once(struct conn *c, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	return map_rc(c, sqlite3_extended_errcode(c->handle), e);
}

static int
sqlite_has_table(void *conn, const char *name, bool *exists, struct err *e)
{
	struct conn *c = conn;
	*exists = false;
	sqlite3_stmt *st = once(c,
	                        "SELECT 1 FROM sqlite_schema WHERE type ="
	                        " 'table' AND name = ?1",
	                        e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int rc = step_once(c, st, e);
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	*exists = rc == SQLITE_ROW;
	return 0;
}

/* Copy schema `name` of c, as c's open read transaction sees it, into
 * the new file `file` (SQLite's online backup, in one step). */
static int
copy_schema(struct conn *c, const char *name, const char *file, struct err *e)
{
	sqlite3 *dest = NULL;
	int rc = sqlite3_open_v2(
	    file, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_backup *b =
	    rc == SQLITE_OK ? sqlite3_backup_init(dest, "main", c->handle, name)
	                    : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		rc = rc == SQLITE_DONE ? sqlite3_backup_finish(b)
		                       : (sqlite3_backup_finish(b), rc);
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(dest);
	}
	if (rc != SQLITE_OK)
		err_set(e, rc == SQLITE_FULL ? SPIRE_EFULL : SPIRE_EIO, NULL,
		        "cannot copy into %s: %s", file,
		        dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
	sqlite3_close_v2(dest);
	return rc == SQLITE_OK ? 0 : e->code;
}

/*
 * The database into path and its access log into path.access, both as one
 * read transaction sees them, so the two copies are of the same moment.
 */
static int
sqlite_backup_into(void *conn, const char *path, struct err *e)
{
	struct conn *c = conn;
	char file[4096];
	int n = snprintf(file, sizeof(file), "%s" DB_ACCESS_SUFFIX, path);
	if (n < 0 || (size_t)n >= sizeof(file))
		return err_set(e, SPIRE_EINVAL, "db", "backup path too long");
	/* Reading each schema once starts the snapshot of both. */
	int rc = sqlite_exec(c,
	                     "BEGIN DEFERRED;"
	                     " SELECT count(*) FROM main.sqlite_schema;"
	                     " SELECT count(*) FROM access.sqlite_schema",
	                     e);
	if (rc)
		return rc;
	rc = copy_schema(c, "main", path, e);
	if (rc == 0)
		rc = copy_schema(c, "access", file, e);
	sqlite_exec(c, "COMMIT", NULL);
	return rc;
}

static int
sqlite_integrity_check(void *conn, struct err *e)
{
	struct conn *c = conn;
	sqlite3_stmt *st = once(c, "PRAGMA integrity_check", e);
	if (!st)
		return e->code;
	int rc = step_once(c, st, e);
	const char *r =
	    rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int ok = r && strcmp(r, "ok") == 0;
	if (rc == SQLITE_ROW && !ok)
		err_set(e, SPIRE_EDB, NULL, "integrity check: %s", r ? r : "?");
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	if (rc == SQLITE_DONE)
		return err_set(e, SPIRE_EDB, NULL,
		               "integrity check: no answer");
	return ok ? 0 : SPIRE_EDB;
}

/* A page cache large enough that a 100,000-child demo load does not spill
 * and re-read pages (ten times slower on a busy disk without it). */
static int
sqlite_bulk_mode(void *conn, struct err *e)
{
	return sqlite_exec(conn, "PRAGMA cache_size=-524288", e);
}

/* people_fts is the FTS5 index over people's folded name words
 * (people.name_words, core/names.c) that migration 21 made, kept by its
 * triggers. */
static const char people_name_search_sql[] =
    "SELECT p.id, p.given_name, p.family_name, p.preferred_name,"
    " p.date_of_birth, p.sex, p.postcode, p.closed_at"
    " FROM people_fts f JOIN people p"
    " ON p.id = f.rowid WHERE people_fts MATCH $1"
    " AND ($2 IS NULL OR p.date_of_birth = $2)"
    " AND ($3 IS NULL OR $3 IN (p.local_id, p.upn, p.nhs_number,"
    " p.pnc_id)) AND ($4 OR p.closed_at IS NULL)"
    " ORDER BY p.family_name, p.given_name, p.id LIMIT $5 OFFSET $6";

/* Migration 21's fill step's table of folded names (a rowid table). */
static const char people_refold_table_sql[] =
    "CREATE TEMP TABLE people_refold (id INTEGER PRIMARY KEY,"
    " name_key TEXT, name_words TEXT NOT NULL)";

/* The append-only guard exactly as migration 1 made it. */
static const char audit_unguard_sql[] = "DROP TRIGGER audit_no_update";
static const char audit_reguard_sql[] =
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
    " SELECT RAISE(ABORT, 'audit is append-only'); END;";

static const struct db_dialect sqlite_dialect = {
    .people_name_search = people_name_search_sql,
    .audit_unguard = audit_unguard_sql,
    .audit_reguard = audit_reguard_sql,
    .ddl_id = "INTEGER PRIMARY KEY",
    .ddl_bool = "INTEGER",
    .ddl_bool_check = 1,
    .people_refold_table = people_refold_table_sql,
};

const struct db_backend db_sqlite_backend = {
    .version = DB_BACKEND_VERSION,
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .changes = sqlite_changes,
    .prepare = sqlite_prepare,
    .finalize = sqlite_finalize,
    .reset = sqlite_reset,
    .bind_int = sqlite_bind_int,
    .bind_double = sqlite_bind_double,
    .bind_bool = sqlite_bind_bool,
    .bind_text = sqlite_bind_text,
    .bind_blob = sqlite_bind_blob,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .column_count = sqlite_column_count,
    .column_name = sqlite_column_name,
    .column_type = sqlite_column_type,
    .col_int = sqlite_col_int,
    .col_double = sqlite_col_double,
    .col_bool = sqlite_col_bool,
    .col_text = sqlite_col_text,
    .col_blob = sqlite_col_blob,
    .row_json = sqlite_row_json,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .begin_read = sqlite_begin_read,
    .begin_log = sqlite_begin_log,
    .bind_text_kept = sqlite_bind_text_kept,
    .end_read = sqlite_end_read,
    .read_share = sqlite_read_share,
    .begin_read_at = sqlite_begin_read_at,
    .has_table = sqlite_has_table,
    .backup_into = sqlite_backup_into,
    .integrity_check = sqlite_integrity_check,
    .bulk_mode = sqlite_bulk_mode,
    .generation = sqlite_generation,
    .dialect = &sqlite_dialect,
};

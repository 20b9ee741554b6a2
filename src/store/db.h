/*
 * db.h - Spire's thin store abstraction.
 *
 * One SQL text per query with $1..$n parameters. Statements are prepared
 * once per connection and cached by their SQL text: its bytes, not its
 * address, so a text built at run time (in a buffer that later holds
 * another text) finds its own statement and never another's. Callers
 * still never build text from input (values are bound), and a text built
 * at run time should come from a small set (the cache holds 512 texts).
 * The engine sits behind a table of functions (struct db_backend in
 * db_backend.h; db_sqlite.c fills SQLite's): only the backend files call
 * an engine's API or use its dialect; everything else in the store goes
 * through this header and writes portable SQL (COALESCE, no json_*
 * functions, no date arithmetic, booleans bound and read as booleans).
 */
#ifndef SPIRE_DB_H
#define SPIRE_DB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;
struct db_backend;
struct db_dialect;

enum { DB_DONE = 0, DB_ROW = 1 };

/* DB_T_BOOL only from a backend with a boolean type (not SQLite, which
 * stores booleans as the integers 0 and 1). */
enum db_type {
	DB_T_NULL,
	DB_T_INT,
	DB_T_REAL,
	DB_T_TEXT,
	DB_T_BLOB,
	DB_T_BOOL
};

#define DB_OPEN_CREATE 1u   /* create the file if missing */
#define DB_OPEN_READONLY 2u /* a reader connection */

/*
 * The access log's file beside a SQLite database FILE: FILE.access,
 * attached to every connection as the schema `access` (docs/audit.md; on
 * PostgreSQL the schema `access` of the same database). Opening a SQLite
 * database without DB_OPEN_CREATE fails when it is missing.
 */
#define DB_ACCESS_SUFFIX ".access"

/*
 * Open a connection to the database at path. A libpq connection URI
 * (postgresql://... or postgres://..., see db_is_url) opens PostgreSQL
 * (db_pg.c; DB_OPEN_CREATE creates a missing database, DB_OPEN_READONLY
 * makes the session read-only); anything else is a SQLite file, opened
 * with Spire's pragmas (WAL, synchronous=FULL, foreign keys, busy
 * timeout). *out is owned by the caller and freed with db_close().
 */
int db_open(const char *path, unsigned flags, struct db **out, struct err *e);

/* Whether path names a PostgreSQL database (a postgresql:// or
 * postgres:// URL) rather than a SQLite file. */
bool db_is_url(const char *path);

/* As db_open() on the given backend (the conformance tests run each). */
int db_open_backend(const struct db_backend *backend, const char *path,
                    unsigned flags, struct db **out, struct err *e);

/* The backend's name ("sqlite") and its dialect's SQL texts. */
const char *db_backend_name(const struct db *db);
const struct db_dialect *db_dialect(const struct db *db);

/* Close the connection and every cached statement. NULL is fine. */
void db_close(struct db *db);

/* Run one or more statements without parameters (migrations, pragmas). */
int db_exec(struct db *db, const char *sql, struct err *e);

/*
 * A ready statement for the SQL text sql (static or built: the cache keeps
 * its own copy of the text, so sql need only live for this call), reset
 * and with its bindings cleared. The connection owns it: call db_done() after
 * use and never keep it beyond the connection. Returns NULL and fills e on
 * error.
 */
struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *e);

/*
 * As db_prepare, for a read of many rows of integers, text and booleans
 * (the measures' facts): the backend may fetch them in a form cheaper to
 * read, and a row at a time (PostgreSQL: a binary COPY streamed a row per
 * step, where every result column is an integer, text or boolean and
 * every parameter an integer, text or boolean; the column functions give
 * the same values). Step it to DB_DONE (or db_done() it) before running
 * another statement on the connection: on PostgreSQL that statement
 * first reads the rest away, and this one's next step then fails
 * (SPIRE_EDB) rather than end early. Until db_done().
 */
struct db_stmt *db_prepare_rows(struct db *db, const char *sql, struct err *e);

/*
 * Bind parameter $n (1-based). Text is copied. NULL text binds SQL NULL.
 * A failed bind (a $n the SQL text does not hold, out of memory, text
 * holding NUL) returns a negative SPIRE_E*
 * code and is also remembered: the next db_step() reports it as an error
 * and runs nothing, so a caller that ignores the return cannot run the
 * statement with a parameter missing. db_prepare() and db_done() forget it.
 * So a text uses every parameter its caller binds, $1..$n without gaps
 * (PostgreSQL cannot type a parameter the text never uses). A text holds
 * at most DB_MAX_PARAMS parameters on every backend.
 */
#define DB_MAX_PARAMS 64
int db_bind_int(struct db_stmt *s, int n, int64_t v);
int db_bind_double(struct db_stmt *s, int n, double v);
int db_bind_text(struct db_stmt *s, int n, const char *v);
int db_bind_blob(struct db_stmt *s, int n, const void *v, size_t len);
int db_bind_null(struct db_stmt *s, int n);
/* Text of len bytes; text holding a NUL is refused (SPIRE_EINVAL). */
int db_bind_textn(struct db_stmt *s, int n, const char *v, size_t len);
/* A boolean (SQLite stores the integers 1 and 0). */
int db_bind_bool(struct db_stmt *s, int n, bool v);
/* A reference to another row: id, or NULL when id is 0 (none). */
int db_bind_id(struct db_stmt *s, int n, int64_t id);
/*
 * Text (NULL: SQL NULL) bound without copying it where the backend can
 * (SQLite): v must stay valid and unchanged until the statement is reset
 * (db_done(), or its next db_prepare()). For hot inserts whose values
 * outlive the step (the audit rows, audit.c); db_bind_text() otherwise.
 */
int db_bind_text_kept(struct db_stmt *s, int n, const char *v);

/*
 * Bind a JSON value to $n: null -> NULL, true/false -> boolean, integer, real,
 * string; arrays and objects as their compact JSON text.
 */
int db_bind_json(struct db_stmt *s, int n, const json_t *v);

/*
 * Step: DB_ROW, DB_DONE, or a negative SPIRE_E* code with e filled (among
 * them a bind that failed since the statement was prepared).
 */
int db_step(struct db_stmt *s, struct err *e);

/* Reset the statement and clear its bindings. NULL is fine. */
void db_done(struct db_stmt *s);

/*
 * What a caller works out once per statement rather than per run (the
 * column tables of store/record.c): a pointer kept with the prepared
 * statement, NULL until set, and passed to memo_free when the statement is
 * finalized (db_close). Setting it again does not free the one before.
 */
void *db_stmt_memo(const struct db_stmt *s);
void db_stmt_set_memo(struct db_stmt *s, void *memo, void (*memo_free)(void *));

int db_column_count(struct db_stmt *s);
const char *db_column_name(struct db_stmt *s, int i);
enum db_type db_column_type(struct db_stmt *s, int i);
int64_t db_col_int(struct db_stmt *s, int i);
double db_col_double(struct db_stmt *s, int i);
/* A boolean column: false for NULL, 0 or false. */
bool db_col_bool(struct db_stmt *s, int i);
/* Valid until the next step or db_done(). NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *s, int i);
/* As db_col_text(), with its length in bytes (the text may hold NUL). */
const char *db_col_textn(struct db_stmt *s, int i, size_t *len);
const void *db_col_blob(struct db_stmt *s, int i, size_t *len);

/*
 * The current row as a new JSON object keyed by column name (integers,
 * reals, strings, booleans where the backend has them, null). Caller owns the
 * reference. NULL when out of memory.
 */
json_t *db_row_json(struct db_stmt *s);

/*
 * A new JSON string of len bytes of stored text (a reference the caller
 * owns; NULL when out of memory or when the text is not UTF-8). Text of
 * ASCII bytes alone, which is almost all Spire stores, is taken without
 * decoding; any other text is checked as UTF-8, as json_stringn() does.
 * Backends build rows with it (db_row_json).
 */
json_t *db_json_text(const char *text, size_t len);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/*
 * Step an INSERT ... RETURNING id once and reset it: *id (when not NULL)
 * gets the new row's id. 0, or a SPIRE_E* code.
 */
int db_step_id(struct db_stmt *s, int64_t *id, struct err *e);

/* Transactions. db_begin() takes the write lock at once (IMMEDIATE). */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/*
 * A writer's transaction whose writes all go to the access log
 * (access.*, docs/audit.md): it takes the access log's write lock at once
 * and, on SQLite, only that one: the main file is read (as a snapshot
 * taken after the lock) but neither locked for writing nor synced at
 * commit. PostgreSQL, with one lock for every writer: db_begin(). Ended
 * with db_commit() or db_rollback() as any other.
 */
int db_begin_log(struct db *db, struct err *e);

/*
 * A read snapshot: every statement until db_end_read() sees the same
 * committed state, and the connection's page cache is checked against the
 * writer's commits once rather than before each statement. Both are cheap
 * (prepared once per connection). db_end_read() is a no-op outside one.
 */
int db_begin_read(struct db *db, struct err *e);
void db_end_read(struct db *db);

/*
 * One read snapshot for several connections (the board pack's threads,
 * docs/measures.md). db_read_share: db is inside db_begin_read; its
 * snapshot is opened now if no statement has opened it yet, and id (len
 * at least DB_SNAPSHOT_ID_LEN) gets the name another connection opens the
 * same snapshot by (PostgreSQL: pg_export_snapshot(), valid while db's
 * read lasts), or "" when the engine cannot hand a snapshot over (SQLite
 * as Debian builds it, without SQLITE_ENABLE_SNAPSHOT).
 * db_begin_read_at: db_begin_read on db (no transaction open) seeing
 * snapshot id (PostgreSQL: SET TRANSACTION SNAPSHOT); with id "" a
 * snapshot of its own, opened at once rather than at the first statement.
 * With "", whether two connections see the same state is the caller's to
 * check: their snapshots are the same when db_generation() read before
 * the first was opened still gives the same bytes after the last was.
 * 0 or a SPIRE_E* code (SPIRE_EINVAL: an id that is not one).
 */
#define DB_SNAPSHOT_ID_LEN 64
int db_read_share(struct db *db, char *id, size_t len, struct err *e);
int db_begin_read_at(struct db *db, const char *id, struct err *e);

/*
 * The database's change generation: a value that changes with every
 * transaction that commits a change to the main database, from any
 * connection of any process, and never comes back to an earlier value.
 * On SQLite in WAL mode it is the wal-index header (the first 48 bytes of
 * the -shm file: iChange, mxFrame, page count, frame checksum and salts;
 * https://www.sqlite.org/walformat.html), read with its two copies
 * compared, as SQLite's own readers read it. The access log is a file of
 * its own, so the audit rows of reads leave it unchanged.
 *
 * Read it BEFORE the statements whose answer is tagged with it (before
 * the read snapshot opens): then that answer is at least as new as the
 * generation, and while db_generation() still gives the same bytes no
 * change has been committed since, so the answer is still current
 * (docs/access.md, "Caches and their invalidation").
 *
 * Returns 1 with *out filled, or 0 when the backend keeps no such value
 * (PostgreSQL, whose servers may share one database; a SQLite file not in
 * WAL mode) or a writer is changing the header at this instant: callers
 * then cache nothing and ask the store. Costs no system call.
 */
#define DB_GENERATION_LEN 48
struct db_generation {
	unsigned char bytes[DB_GENERATION_LEN];
};
int db_generation(struct db *db, struct db_generation *out);

/* Consistent online copy of the database into path (SQLite: and of its
 * access log into path.access, of the same moment). */
int db_backup_into(struct db *db, const char *path, struct err *e);

/* The engine's integrity check on this connection: 0 when sound. */
int db_integrity_check(struct db *db, struct err *e);

/* *exists set to whether a table called name exists. 0 or SPIRE_E*. */
int db_has_table(struct db *db, const char *name, bool *exists, struct err *e);

/* Tune this connection for a long bulk load (the demo generator). */
int db_bulk_mode(struct db *db, struct err *e);

#endif

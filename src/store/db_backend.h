/*
 * db_backend.h - the table of functions a store backend fills.
 *
 * db.c (the seam every store file calls through db.h) holds the parts all
 * backends share: the per-connection statement cache, remembered bind
 * errors, JSON binding and row conversion. Everything that speaks one
 * engine's API or dialect sits behind a struct db_backend, as SQLite's VFS
 * sits behind its io_methods table: db_sqlite.c fills one for SQLite, and a
 * PostgreSQL backend is a new file filling another. Only db.c and the
 * backends include this header.
 *
 * Conventions for every member: conn is the backend's connection and st
 * its prepared statement (opaque to db.c); parameters are numbered $1..$n
 * as the SQL text writes them; functions returning int give 0 or a
 * negative SPIRE_E* code and fill e when they take one.
 */
#ifndef SPIRE_DB_BACKEND_H
#define SPIRE_DB_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define DB_BACKEND_VERSION 1

struct db_backend {
	int version;      /* DB_BACKEND_VERSION the backend was written for */
	const char *name; /* "sqlite" */

	/* Connections. open fills *conn (freed by close; close takes NULL). */
	int (*open)(const char *path, unsigned flags, void **conn,
	            struct err *e);
	void (*close)(void *conn);
	/* One or more statements without parameters. */
	int (*exec)(void *conn, const char *sql, struct err *e);
	/* Rows changed by the last INSERT/UPDATE/DELETE. */
	int64_t (*changes)(void *conn);

	/* Statements. prepare compiles sql into *st (freed by finalize),
	 * refusing parameters with gaps ($1 and $3 without $2);
	 * reset makes it ready to bind and step again, bindings cleared. */
	int (*prepare)(void *conn, const char *sql, void **st, struct err *e);
	void (*finalize)(void *st);
	void (*reset)(void *st);
	/* Optional: the statement's next run (until reset) reads many rows
	 * (db_prepare_rows): the backend may fetch them in a cheaper form. */
	void (*rows_binary)(void *st);

	/* Binding $n; out of range or out of memory is a negative code,
	 * which db.c remembers and db_step reports. Text and blobs are
	 * copied; text is len bytes of UTF-8 without NUL. */
	int (*bind_int)(void *st, int n, int64_t v);
	int (*bind_double)(void *st, int n, double v);
	int (*bind_bool)(void *st, int n, bool v);
	int (*bind_text)(void *st, int n, const char *v, size_t len);
	int (*bind_blob)(void *st, int n, const void *v, size_t len);
	int (*bind_null)(void *st, int n);
	/* Optional: text bound without a copy, v unchanged until the
	 * statement is next reset (db_bind_text_kept). NULL: bind_text. */
	int (*bind_text_kept)(void *st, int n, const char *v, size_t len);

	/* DB_ROW, DB_DONE or a negative code with e filled; on an error the
	 * statement is left reset. */
	int (*step)(void *st, struct err *e);

	/* The current row. Pointers stay valid until the next step or
	 * reset. text/blob set *len to the value's length in bytes (text
	 * takes a NULL len when the caller needs only the text). */
	int (*column_count)(void *st);
	const char *(*column_name)(void *st, int i);
	enum db_type (*column_type)(void *st, int i);
	int64_t (*col_int)(void *st, int i);
	double (*col_double)(void *st, int i);
	bool (*col_bool)(void *st, int i);
	const char *(*col_text)(void *st, int i, size_t *len);
	const void *(*col_blob)(void *st, int i, size_t *len);
	/* Optional: the current row as db_row_json() gives it, in one call
	 * (every read answer passes through it). NULL: db.c builds it from
	 * the column functions above. */
	json_t *(*row_json)(void *st);

	/* Transactions: begin takes the write lock at once; rollback is a
	 * no-op outside a transaction; begin_read/end_read bracket one
	 * consistent read snapshot (end_read a no-op outside one). */
	int (*begin)(void *conn, struct err *e);
	int (*commit)(void *conn, struct err *e);
	void (*rollback)(void *conn);
	int (*begin_read)(void *conn, struct err *e);
	void (*end_read)(void *conn);
	/* Optional: one read snapshot shared by several connections
	 * (db_read_share and db_begin_read_at, db.h). NULL: none to share. */
	int (*read_share)(void *conn, char *id, size_t len, struct err *e);
	int (*begin_read_at)(void *conn, const char *id, struct err *e);
	/* Optional: a writer's transaction that will write only the access
	 * log (db_begin_log, db.h). NULL: begin. */
	int (*begin_log)(void *conn, struct err *e);

	/* Schema and maintenance: whether a table exists (for the migration
	 * bookkeeping), a consistent online copy into path, the engine's own
	 * integrity check (0 when sound). */
	int (*has_table)(void *conn, const char *name, bool *exists,
	                 struct err *e);
	int (*backup_into)(void *conn, const char *path, struct err *e);
	int (*integrity_check)(void *conn, struct err *e);
	/* Settings for a long bulk load on this connection (a bigger cache);
	 * NULL when the backend needs none. */
	int (*bulk_mode)(void *conn, struct err *e);

	/* Optional: the change generation (db_generation() in db.h) into
	 * out, returning 1, or 0 when there is none to read. NULL: none. */
	int (*generation)(void *conn, unsigned char out[DB_GENERATION_LEN]);

	/* Dialect pieces the subject SQL cannot say portably, as whole
	 * static statements (so the statement cache keys them). */
	const struct db_dialect *dialect;
};

/*
 * The SQL texts a backend supplies because each engine says them its own
 * way. Each is a static string; its parameters and columns are the
 * contract written beside it.
 */
struct measures_texts;

struct db_dialect {
	/*
	 * People whose names match a text query. $1 the query (words folded
	 * by core/names.c name_search_words, each in double quotes and
	 * ending in * for a prefix; as people_query.fts), matched against
	 * people.name_words (folded by name_words) and nothing else; $2
	 * date of birth or NULL, $3 an identifier or NULL, $4 include
	 * closed records (boolean), $5 limit, $6 offset.
	 * Columns: id, given_name, family_name, preferred_name,
	 * date_of_birth, sex, postcode, closed_at; ordered by family name,
	 * given name, id.
	 */
	const char *people_name_search;
	/*
	 * Drop and recreate the audit table's append-only guard against
	 * updates (audit_rekey rewrites the chain inside one transaction).
	 */
	const char *audit_unguard;
	const char *audit_reguard;
	/*
	 * Column definitions in the tables derived from descriptors
	 * (record_table_ddl, store/record.h): the id column numbered by the
	 * engine ("INTEGER PRIMARY KEY" in SQLite; PostgreSQL says "bigint
	 * GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"), and the type of a
	 * boolean column, with bool_check set when the engine has no boolean
	 * type and the column is held to 0 and 1 by a CHECK instead.
	 */
	const char *ddl_id;
	const char *ddl_bool;
	int ddl_bool_check;
	/*
	 * Create the temporary table people_refold (id, name_key,
	 * name_words NOT NULL; id the key), gone with the connection:
	 * migration 21's fill step gathers the folded names in it
	 * (store_people_refold, store/people.h).
	 */
	const char *people_refold_table;
	/*
	 * The measures' texts in this dialect (store/measures/
	 * measures_texts.h: the facts from the records, the summary's
	 * rebuild and check); NULL: SQLite's.
	 */
	const struct measures_texts *measures;
};

/* The SQLite backend (db_sqlite.c). */
extern const struct db_backend db_sqlite_backend;

/* The PostgreSQL backend over libpq (db_pg.c). */
extern const struct db_backend db_pg_backend;

#endif

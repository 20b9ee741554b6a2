/*
 * record.h - the store half of a resource descriptor, and the operations
 * every editable record shares: get by id, insert, update with optimistic
 * concurrency and a history snapshot, close, reopen, and a list by one
 * reference column.
 *
 * Each resource describes its table once, as a struct record_table (the
 * table, its alias, the field table whose names are its columns, the
 * read-only columns and joins it reads with them, what closing sets, the
 * guards on writes, what reopening restores, how a list is filtered and
 * ordered). The SQL texts are derived from it (record_sql_of) and never
 * written by hand:
 *   get:    $1 id; selects id, version, the fields, the extra columns and
 *           created_at, created_by, updated_at, updated_by, closed_at,
 *           closed_reason (and closed_by unless RT_NO_CLOSED_BY)
 *   insert: fields as $1..$n, created_at $n+1, created_by $n+2; RETURNING id
 *   update: $1 id, $2 version, fields $3..$n+2, updated_at $n+3,
 *           updated_by $n+4; bumps version; requires closed_at IS NULL and
 *           the update guard
 *   close:  $1 id, $2 version, $3 closed_at, $4 reason, $5 closed_by, plus
 *           the close assignments; requires closed_at IS NULL and the close
 *           guard
 *   reopen: $1 id, $2 version, $3 updated_at, $4 updated_by, then $5.. the
 *           restored columns; clears closed_*; requires closed_at NOT NULL
 *   list:   the get's columns; $1 the list column's value, $2 include
 *           closed (0/1), $3 limit, $4 offset; ORDER BY the list order
 * The texts are portable SQL (no SQLite-only functions) as long as the
 * descriptor's own fragments are. Nothing is ever deleted: updates, closes
 * and reopens first copy the old row into the append-only history table.
 *
 * What stays hand-written is what no descriptor says, and why:
 *   - lists filtered by the user's relation to a case (cases, tasks, the
 *     youth justice lists, form responses) and searches (people): their
 *     WHERE is the access relation (store/scope.h), their index-driving
 *     first condition is chosen per query, and some read fewer columns
 *     than the get (no created_by_name or links), which the API serves;
 *   - lists by something other than one reference column: board meetings
 *     by a date range, a person's families through their memberships;
 *   - the rows a record owns (attendees, attendance, outcome links), kept
 *     by their own statements in the same transaction (after_write hooks);
 *   - one-off reads that are not the record (case labels, outcome facts
 *     for the measures), read through record_row.
 */
#ifndef SPIRE_RECORD_H
#define SPIRE_RECORD_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"

/* A column reopening puts back from the snapshot the close wrote. */
struct record_restore {
	const char *column; /* e.g. "status"; NULL ends the list */
	/* SQL literal used when the snapshot has no value ("'open'"), or
	 * NULL for none (the column becomes NULL). Static text. */
	const char *fallback;
};

/*
 * Rows a record owns, read with it by a query of their own, once per record
 * (its attendees, its victims): the same SQL on both stores, where nesting
 * them as a JSON aggregate in the record's own select is not (SQLite's
 * json_group_array is PostgreSQL's json_agg). record_get and record_list
 * put each as a JSON array under its name; hand-written reads call
 * record_nested_fill. A list page of n records runs n such queries per
 * nested entry, each by an index on the owning id.
 */
#define RN_VALUES 1u /* one column: the array holds its values, not rows */
struct record_nested {
	/* The key the array goes under ("victims"); NULL ends the list. */
	const char *name;
	/* $1 the record's id; selects the rows in the order served, each
	 * as an object of its columns (or, with RN_VALUES, the value of its
	 * one column). Static text, portable SQL. */
	const char *sql;
	unsigned flags; /* RN_* */
};

#define RT_REOPEN 1u       /* closed records can be reopened */
#define RT_NO_CLOSED_BY 2u /* get/list do not read closed_by (as served) */

struct record_sql;

/*
 * The store half of a resource descriptor. Every pointer is static text
 * (or, for a descriptor read from a data file, owned by whoever built the
 * descriptor and kept for as long as it is used). SQL fragments are
 * trusted: they come from the program or from a checked data file, never
 * from a request.
 */
struct record_table {
	/* The record type in audit rows and history ("consent"). */
	const char *type;
	/* The table ("consents") and the alias the fragments below use for
	 * it ("k"; NULL means "k"). */
	const char *table;
	const char *alias;
	/* The editable fields, in the order they are bound; each field's
	 * name is its column. n_fields entries. */
	const struct field *fields;
	size_t n_fields;
	/*
	 * Read-only select expressions after the fields, NULL-ended, may be
	 * NULL: a column the server sets ("k.status"), or a derived value
	 * with its name ("(SELECT full_name FROM users WHERE id =
	 * k.created_by) AS recorded_by_name"). Also read by the list.
	 */
	const char *const *columns;
	/* Joins after "FROM table alias" (" JOIN cases c ON c.id =
	 * k.case_id"), for the columns above; NULL for none. */
	const char *joins;
	/* Extra assignments on close ("status = 'withdrawn'"), which may use
	 * $3 (closed_at) and $4 (the reason); NULL for none. */
	const char *close_set;
	/* Extra conditions on update and on close ("status = 'open'");
	 * NULL for none. Unqualified column names. */
	const char *update_guard;
	const char *close_guard;
	/* What reopening restores besides closed_*, ended by {NULL}; NULL
	 * for nothing. Only with RT_REOPEN. */
	const struct record_restore *restore;
	/* The reference columns a list may be filtered by ("person_id"),
	 * NULL-ended; NULL when there is no generic list. */
	const char *const *list_by;
	/* The ORDER BY list of a list ("k.given_on DESC, k.id DESC"); NULL
	 * means "k.id DESC" (with the alias). */
	const char *list_order;
	/*
	 * The field a conflict with the table's own unique index names (a
	 * write that lost a race to "one open X per Y"), e.g. "person_id".
	 * NULL: the conflict names no field.
	 */
	const char *unique_field;
	/* The fields that belong only with some values of another field
	 * (core/fields.h), ended by {NULL}; NULL for none. records.c checks
	 * them on every create and update; the screens show them only while
	 * they apply. */
	const struct field_when *when;
	unsigned flags; /* RT_* */
	/* The rows the record owns, read apart and served as arrays in the
	 * record (struct record_nested), ended by {NULL}; NULL for none. */
	const struct record_nested *nested;
	/*
	 * The derived texts, built by the first record_sql_of() (for the
	 * built-in descriptors at start-up: resources_prepare) and kept for
	 * the life of the descriptor (record_table_release frees them).
	 * Initialise to NULL; nothing else writes it.
	 */
	_Atomic(struct record_sql *) sql;
};

/*
 * The texts derived from a record_table (see the top of this file), each a
 * NUL-ended string owned by the record_sql. list_by[i] is the list text for
 * table->list_by[i] (n_list of them). reopen is NULL without RT_REOPEN.
 */
struct record_sql {
	const struct record_table *table;
	char *get, *insert, *update, *close, *reopen;
	char **list_by;
	size_t n_list;
	/* The select list and FROM clause the get and the lists share
	 * ("SELECT k.id, ... FROM consents k JOIN ..."), without WHERE. */
	char *select;
};

/*
 * The derived texts of t, built on the first call (thread-safe) and kept
 * until record_table_release(t). NULL only when out of memory (e then
 * says so). Built once so that a request does not build them again (the
 * statement cache is keyed by the text itself, db.h, so a rebuilt text
 * finds the same statement).
 */
const struct record_sql *record_sql_of(struct record_table *t, struct err *e);

/*
 * Build t's texts into a new record_sql (caller frees with
 * record_sql_free), without caching them: for tests and tools.
 */
struct record_sql *record_sql_build(const struct record_table *t);

/* Free texts from record_sql_build. NULL is fine. */
void record_sql_free(struct record_sql *rs);

/* Free t's cached texts (for descriptors that do not live forever). */
void record_table_release(struct record_table *t);

/*
 * The list text of t for column `by` (one of t->list_by), or NULL when
 * t cannot be listed by it.
 */
const char *record_list_sql(const struct record_sql *rs, const char *by);

/*
 * Write into *out (caller frees) portable DDL creating t's table when
 * absent: id, version, the fields (types from the field table), created_*,
 * updated_*, closed_at, closed_reason, closed_by, CHECKs for the
 * vocabularies, NOT NULL for required fields; and an index
 * on each list_by column; statements each ended by ';'. For a descriptor
 * described by data alone; history is the shared history table. The
 * identifiers are the descriptor's, never a request's. The id column and
 * boolean columns are said in dialect's words (store/db_backend.h).
 */
int record_table_ddl(const struct record_table *t,
                     const struct db_dialect *dialect, char **out,
                     struct err *e);

/* Create t's table if it is absent (record_table_ddl), on db. */
int record_table_create(struct db *db, const struct record_table *t,
                        struct err *e);

/*
 * Read nested's rows for the record rec (its "id") and set each as an
 * array in rec under its name (struct record_nested). nested NULL: nothing
 * to do. SPIRE_ENOMEM, or the store's error; rec may then hold some.
 */
int record_nested_fill(struct db *db, const struct record_nested *nested,
                       json_t *rec, struct err *e);

/* The record as a new JSON object, with its nested rows (t->nested), or
 * SPIRE_ENOTFOUND. Caller owns *out. */
/* The answer to a write made against a version that is no longer the
 * record's: someone else saved it first (409 naming "version", the same
 * words for every record, users and teams too). Returns SPIRE_ECONFLICT. */
int record_stale_version(struct err *e);

int record_get(struct db *db, struct record_table *t, int64_t id, json_t **out,
               struct err *e);

/* Run sql (its $1 the id) for one row as a new object in *out, or
 * SPIRE_ENOTFOUND naming "id". For hand-written reads of one record. */
int record_row(struct db *db, const char *sql, int64_t id, json_t **out,
               struct err *e);

/* Insert rec's field values; *id receives the new id. */
int record_insert(struct db *db, struct record_table *t, const json_t *rec,
                  const char *at, int64_t user_id, int64_t *id, struct err *e);

/*
 * Replace the fields of record id, which must still be at `version` and
 * open: SPIRE_ECONFLICT otherwise (nothing changed). The old row goes to
 * history first.
 */
int record_update(struct db *db, struct record_table *t, int64_t id,
                  int64_t version, const json_t *rec, const char *at,
                  int64_t user_id, struct err *e);

/* Close record id with a reason (same version rule). */
int record_close(struct db *db, struct record_table *t, int64_t id,
                 int64_t version, const char *reason, const char *at,
                 int64_t user_id, struct err *e);

/*
 * Reopen record id, closed, at `version`: SPIRE_ECONFLICT when it is at
 * another version or not closed (nothing changed). The closed row goes to
 * history first; the restored columns get back the values of the last
 * snapshot before the close. t must have RT_REOPEN.
 */
int record_reopen(struct db *db, struct record_table *t, int64_t id,
                  int64_t version, const char *at, int64_t user_id,
                  struct err *e);

/*
 * The records whose column `by` (one of t->list_by) is value, open ones
 * only unless include_closed, in the list order, limit and offset as
 * given, as a new array in *out (caller owns).
 */
int record_list(struct db *db, struct record_table *t, const char *by,
                int64_t value, int include_closed, int64_t limit,
                int64_t offset, json_t **out, struct err *e);

/* Append a snapshot of `old` (a record as JSON) to history. */
int record_history_add(struct db *db, const char *type, int64_t id,
                       const json_t *old, const char *at, int64_t user_id,
                       struct err *e);

/*
 * Before a write with SQL of a table's own: append record id's current
 * row of t, whatever its version and open or closed, to history as
 * replaced at `at` by user_id (record_get, then record_history_add).
 * Returns 0, SPIRE_ENOTFOUND when there is no such record, or the
 * store's error.
 */
int record_history_keep(struct db *db, struct record_table *t, int64_t id,
                        const char *at, int64_t user_id, struct err *e);

/*
 * Step s to the end, appending each row as an object to a new array in
 * *out (caller owns). Calls db_done(s).
 */
int record_rows(struct db_stmt *s, json_t **out, struct err *e);

/*
 * As record_rows, keeping only the rows keep(s, arg) says 1 of (filters
 * SQL cannot apply, such as a comparison in C), and of those the limit
 * after the first offset: a page counted out of the rows kept. Stops
 * stepping once the page is full; calls db_done(s).
 */
int record_rows_kept(struct db_stmt *s, int (*keep)(struct db_stmt *, void *),
                     void *arg, int64_t offset, int64_t limit, json_t **out,
                     struct err *e);

/*
 * Writing rows as JSON text, for pages written without a jansson tree
 * (service/people.c): byte for byte as db_row_json() then fields_present()
 * then core/json_text.h would write them. An integer column of an FT_BOOL
 * or FT_BOOL_NULL field is written true or false, an FT_LIST field's text
 * as its array; keys are the column names.
 */
#define RECORD_COLS_MAX 64
enum record_col_kind { RC_PLAIN, RC_BOOL, RC_LIST, RC_SKIP };
/* Columns [from, to) of a statement, looked up once for all its rows. */
struct record_cols {
	int from, to;
	const char *name[RECORD_COLS_MAX]; /* the statement's: live with it */
	size_t name_len[RECORD_COLS_MAX];
	unsigned char kind[RECORD_COLS_MAX]; /* enum record_col_kind */
};
/* Columns [from, to) of s (at most RECORD_COLS_MAX) with the fields
 * f[0..n) that present them, the columns named in skip (a comma-separated list,
 * "name_key,name_words"; NULL: none) left out.
 * 0, or SPIRE_EINVAL for a bad range. */
struct buf;
int record_cols_init(struct record_cols *c, struct db_stmt *s, int from, int to,
                     const struct field *f, size_t n, const char *skip);
/* record_cols_init's table for s, worked out at the statement's first
 * asking and kept with it (db_stmt_memo, the names copied) for its later
 * runs. NULL for a bad range or out of memory. */
const struct record_cols *record_cols_of(struct db_stmt *s, int from, int to,
                                         const struct field *f, size_t n,
                                         const char *skip);
/* Append the current row's columns of c to b as JSON object members
 * ("name":value, comma-separated; a comma before the first too when comma
 * is 1). 0, or b's failure (sticky). */
int record_cols_write(const struct record_cols *c, struct db_stmt *s, int comma,
                      struct buf *b);
/* record_cols_init and record_cols_write for one row. */
int record_write_columns(struct db_stmt *s, int from, int to,
                         const struct field *f, size_t n, int comma,
                         struct buf *b);
/*
 * record_rows written to b as JSON text: an array of each row's columns
 * as record_cols_write writes them, f[0..n) presenting them. Steps s to
 * the end and calls db_done(s). 0, SPIRE_EDB, SPIRE_ENOMEM.
 */
int record_rows_text(struct db_stmt *s, const struct field *f, size_t n,
                     struct buf *b, struct err *e);
/*
 * record_get written to b as JSON text: "{" and the record's columns as
 * record_cols_write writes them, without the closing brace (the caller
 * adds members and closes it), leaving out the columns named in skip
 * (as record_cols_init; NULL: none); t must have no nested rows. When want is
 * given, the text of the column so named is copied to val (val_size bytes; ""
 * when NULL). 0, SPIRE_ENOTFOUND (field "id"), SPIRE_EDB, SPIRE_ENOMEM.
 */
int record_get_text(struct db *db, struct record_table *t, int64_t id,
                    const char *skip, const char *want, char *val,
                    size_t val_size, struct buf *b, struct err *e);

/* Bind rec's values for fields f[0..n) to $first..$first+n-1; an absent
 * FT_BOOL field binds 0 (no). */
int record_bind_fields(struct db_stmt *s, int first, const struct field *f,
                       size_t n, const json_t *rec);

#endif

/*
 * record.h - the operations every editable record shares: get by id,
 * insert, update with optimistic concurrency and a history snapshot, close.
 *
 * Each subject file (people.c, cases.c...) declares a struct record_sql
 * with its static SQL texts, written against its field table:
 *   get:    $1 id; selects id, version, the fields and the record columns
 *   insert: fields as $1..$n, created_at $n+1, created_by $n+2; RETURNING id
 *   update: $1 id, $2 version, fields $3..$n+2, updated_at $n+3,
 *           updated_by $n+4; must bump version and require closed_at NULL
 *   close:  $1 id, $2 version, $3 closed_at, $4 reason, $5 closed_by
 * Nothing is ever deleted: updates and closes first copy the old row into
 * the append-only history table.
 */
#ifndef SPIRE_RECORD_H
#define SPIRE_RECORD_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"

struct record_sql {
	const char *type; /* "person", "case"... as in audit and history */
	const struct field *fields;
	size_t n_fields;
	const char *get;
	const char *insert;
	const char *update;
	const char *close;
};

/*
 * How a kind of record that can be closed as entered in error is reopened:
 *   sql:     $1 id, $2 version, $3 updated_at, $4 updated_by, then $5..
 *            the values of the `restore` columns as they were before the
 *            close; must bump version, clear closed_at, closed_reason and
 *            closed_by, and require closed_at NOT NULL
 *   restore: the columns the close changed besides closed_*, put back from
 *            the history snapshot the close wrote; NULL-ended, may be NULL
 */
struct record_reopen {
	const struct record_sql *rs;
	const char *sql;
	const char *const *restore;
};

/* The record as a new JSON object, or SPIRE_ENOTFOUND. Caller owns *out. */
int record_get(struct db *db, const struct record_sql *rs, int64_t id,
               json_t **out, struct err *e);

/* Insert rec's field values; *id receives the new id. */
int record_insert(struct db *db, const struct record_sql *rs, const json_t *rec,
                  const char *at, int64_t user_id, int64_t *id, struct err *e);

/*
 * Replace the fields of record id, which must still be at `version` and
 * open: SPIRE_ECONFLICT otherwise (nothing changed). The old row goes to
 * history first.
 */
int record_update(struct db *db, const struct record_sql *rs, int64_t id,
                  int64_t version, const json_t *rec, const char *at,
                  int64_t user_id, struct err *e);

/* Close record id with a reason (same version rule). */
int record_close(struct db *db, const struct record_sql *rs, int64_t id,
                 int64_t version, const char *reason, const char *at,
                 int64_t user_id, struct err *e);

/*
 * Reopen record id, closed, at `version`: SPIRE_ECONFLICT when it is at
 * another version or not closed (nothing changed). The closed row goes to
 * history first; the `restore` columns get back the values of the last
 * snapshot before the close.
 */
int record_reopen(struct db *db, const struct record_reopen *ro, int64_t id,
                  int64_t version, const char *at, int64_t user_id,
                  struct err *e);

/* Append a snapshot of `old` (a record as JSON) to history. */
int record_history_add(struct db *db, const char *type, int64_t id,
                       const json_t *old, const char *at, int64_t user_id,
                       struct err *e);

/*
 * Step s to the end, appending each row as an object to a new array in
 * *out (caller owns). Calls db_done(s).
 */
int record_rows(struct db_stmt *s, json_t **out, struct err *e);

/* Bind rec's values for fields f[0..n) to $first..$first+n-1. */
int record_bind_fields(struct db_stmt *s, int first, const struct field *f,
                       size_t n, const json_t *rec);

#endif

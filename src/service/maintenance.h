/*
 * maintenance.h - the operator's commands on a database file, for the CLI:
 * create or migrate it, back it up, verify the audit chain and print its
 * head. Each opens the file, does one thing and closes it; none needs a
 * running server. Not for requests: those go through struct ctx.
 */
#ifndef SPIRE_MAINTENANCE_H
#define SPIRE_MAINTENANCE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

/* Room for an audit head as printed: "SEQ:MAC,SEQ:MAC", the records'
 * chain's last row and the access log's (MAC 64 hex digits; seq 0 for an
 * empty chain). docs/audit.md. */
#define MAINTENANCE_HEAD_LEN 192

/* Room for a file path the commands write back. */
#define MAINTENANCE_PATH_LEN 1024

/*
 * Whether path names a PostgreSQL database (a postgresql:// or
 * postgres:// URL, store/db.h's db_is_url) rather than a SQLite file: the
 * CLI checks a file exists before it opens one, never a URL.
 */
bool maintenance_db_is_url(const char *path);

/*
 * The audit key file of the database at path into buf (n bytes): key_file
 * when not NULL or empty, else path with ".audit-key" beside a SQLite
 * file. A PostgreSQL database has no file to put it beside: its key file
 * must be named (SPIRE_EINVAL naming "audit_key_file" when it is not).
 */
int maintenance_key_path(const char *path, const char *key_file, char *buf,
                         size_t n, struct err *e);

/*
 * Create the database at path, or migrate it to the latest schema, and
 * make (or check) its audit key: key_file when not NULL or empty, else
 * path with ".audit-key". *before and *after are the schema versions;
 * key_path (MAINTENANCE_PATH_LEN bytes) gets the key file's path.
 * Returns 0 or a SPIRE_E* code with e filled.
 */
int maintenance_init(const char *path, const char *key_file, int *before,
                     int *after, char *key_path, struct err *e);

/*
 * Recompute every audit row's MAC of the database at path under its key
 * and check both chains (the records' and the access log's); with
 * expect_head ("SEQ:MAC,SEQ:MAC" as maintenance_audit_head() prints it,
 * or an older "SEQ:MAC" of the records' chain alone), also that each head
 * is still in its chain.
 * *rows is the number of rows checked. SPIRE_EINVAL naming "expect-head"
 * when expect_head is malformed; otherwise 0 or the first break as a
 * SPIRE_E* code with e filled.
 */
int maintenance_audit_verify(const char *path, const char *key_file,
                             const char *expect_head, int64_t *rows,
                             struct err *e);

/*
 * The last row of each audit chain of the database at path, checked under
 * its key, as "SEQ:MAC,SEQ:MAC" (the records' chain, then the access log)
 * into head (MAINTENANCE_HEAD_LEN bytes).
 */
int maintenance_audit_head(const char *path, const char *key_file, char *head,
                           struct err *e);

/* Called once per audit row by maintenance_audit_list(); non-zero stops. */
typedef int (*maintenance_row_fn)(json_t *row, void *arg);

/*
 * Every audit row of the database at path with seq > after, oldest
 * first, each passed to fn as {seq, at, user_id, username, ip, action,
 * record_type, record_id, person_id, break_glass, reason, detail} (the
 * row is fn's only for the call). Opens the file read-only beside a
 * running server; needs no key. Returns 0, fn's non-zero return, or a
 * SPIRE_E* code with e filled.
 */
int maintenance_audit_list(const char *path, int64_t after,
                           maintenance_row_fn fn, void *arg, struct err *e);

/* What maintenance_backup() did besides the copy. */
struct maintenance_backup {
	char head[MAINTENANCE_HEAD_LEN];      /* the copy's audit head */
	char head_path[MAINTENANCE_PATH_LEN]; /* where it was written */
	/* Empty, or why the head could not be checked under the key (the
	 * copy is made all the same: the key only vouches for its head). */
	char warning[256];
};

/*
 * Copy the database at path to `to` (which must not exist) consistently
 * while it is in use, check the copy's integrity and its audit head
 * under the key, and write the head to COPY.audit-head. Returns 0 with b
 * filled, or a SPIRE_E* code with e filled.
 */
int maintenance_backup(const char *path, const char *to, const char *key_file,
                       struct maintenance_backup *b, struct err *e);

/*
 * Write every migration's SQL for the store named backend ("sqlite" or
 * "postgresql") to out, in the order they are applied, each after a line
 * "-- migration N: NAME" (N 0 for the bookkeeping table), as psql or
 * sqlite3 can run them on an empty database (the fill steps' rows aside).
 * Returns 0, or SPIRE_EINVAL naming "dialect" for another backend.
 */
int maintenance_schema_sql(const char *backend, FILE *out, struct err *e);

#endif

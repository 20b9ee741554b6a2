/*
 * audit.h - the append-only, MAC-chained audit trail.
 *
 * Rows are only ever appended by the writer (writer.c), inside the same
 * transaction as the change they describe (or, for reads, in the access
 * log before the answer is sent). Each row's hash is an
 * HMAC-SHA-256, under a key held outside the database (audit_key.h), of
 * its content and the previous row's hash, so editing or removing a row,
 * or rewriting the chain without the key, breaks the chain that
 * audit_verify() walks; cutting rows off the end is caught by comparing
 * with a head recorded earlier (audit_check_head()). docs/audit.md.
 */
#ifndef SPIRE_AUDIT_H
#define SPIRE_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct audit_key;

#define AUDIT_HASH_LEN 65 /* 64 hex digits + NUL */

struct audit_entry {
	int64_t user_id; /* 0 when no one is signed in */
	const char *username;
	const char *action;      /* "read", "create", "update", "login"... */
	const char *record_type; /* "person", "case"...; may be NULL */
	int64_t record_id;       /* 0 when none */
	int64_t person_id;       /* the person the record is about; 0 none */
	const char *ip;
	int break_glass;
	const char *reason; /* why, for break-glass reads */
	const char *detail; /* short free text, never personal data */
	struct audit_entry *next;
};

/*
 * The trail is two chains (docs/audit.md): the records' chain in the
 * table audit, written in the same transaction as the change it
 * describes, and the access log in access.audit (its own file beside a
 * SQLite database), the rows of jobs that change nothing: reads,
 * refusals, sign-ins. Each row's prev_hash is the hash of the row before
 * it in its own chain; seq numbers are shared (each row takes the next
 * number over both), so seq orders the whole trail and numbers only grow
 * within a chain, with gaps where the other chain's rows fall.
 */
enum audit_chain { AUDIT_RECORDS = 0, AUDIT_ACCESS = 1, AUDIT_CHAINS = 2 };

/* "the records' chain" or "the access log", for messages. */
const char *audit_chain_name(enum audit_chain c);

/* The position the next row of a chain chains onto. */
struct audit_tip {
	int64_t seq;
	char hash[AUDIT_HASH_LEN];
};

/* Read each chain's last seq and hash (seq 0 and the genesis hash for an
 * empty chain) into tips[AUDIT_RECORDS] and tips[AUDIT_ACCESS]. */
int audit_load_tips(struct db *db, struct audit_tip tips[AUDIT_CHAINS],
                    struct err *e);

/* The same for one chain: its last seq and hash into *tip. 0, or an error
 * code with e filled. */
int audit_load_tip(struct db *db, enum audit_chain chain, struct audit_tip *tip,
                   struct err *e);

/*
 * A row's MAC prepared under a key: HMAC-SHA-256 (libcrypto) with the
 * key's inner and outer blocks hashed once, reused for every row. key
 * NULL: plain SHA-256, the chain of databases from before the key. One
 * thread at a time. *out is freed with audit_mac_free() (NULL is fine);
 * SPIRE_ENOMEM or SPIRE_EIO (libcrypto failed) otherwise.
 */
struct audit_mac;
int audit_mac_new(const struct audit_key *key, struct audit_mac **out,
                  struct err *e);
void audit_mac_free(struct audit_mac *m);

/*
 * Append first and every entry after it (->next) to chain after its tip,
 * in order, numbered one past the larger of the two tips' seq and on, at
 * time `at` (ISO text), each MACed with mac and chained to the one
 * before, and advance that tip. Must run inside the caller's transaction;
 * on failure the tip may have advanced past rows the caller must roll
 * back. Rows sharing user, username and ip go in one statement.
 */
int audit_append(struct db *db, struct audit_mac *mac,
                 const struct audit_entry *first, const char *at,
                 enum audit_chain chain, struct audit_tip tips[AUDIT_CHAINS],
                 struct err *e);

/*
 * Walk both chains under key (NULL: the unkeyed SHA-256 chain of
 * databases from before the key; the access log never had one). Returns
 * 0 when both are intact; SPIRE_EDB with *bad_seq set to the first row
 * whose hash does not match (the message names the chain). *checked
 * counts rows read.
 */
int audit_verify(struct db *db, const struct audit_key *key, int64_t *checked,
                 int64_t *bad_seq, struct err *e);

/*
 * The two chains share one numbering (seq): every number from 1 to the
 * newest is held by exactly one row of one chain. The writer numbers a
 * batch's records rows before its access-log rows, so a crash between the
 * two files' commits loses only the newest numbers, which are used again:
 * a number missing below the newest means rows were deleted (or a file
 * replaced). Checks the window newest numbers (0: all). Returns 0; or
 * SPIRE_EDB with *missing and *first_missing set (or a number held twice)
 * and a message saying what to do.
 */
int audit_continuity(struct db *db, int64_t window, int64_t *missing,
                     int64_t *first_missing, struct err *e);

/* The newest numbers audit_check_tip() checks at every start. */
#define AUDIT_TAIL_WINDOW 512

/*
 * Check that each chain's last row's hash is its MAC under key (cheap:
 * one row each), and that the newest AUDIT_TAIL_WINDOW numbers have no
 * holes (audit_continuity). 0 when they are or the chains are empty;
 * SPIRE_EDB when not (wrong key, a tail rewritten without it, rows
 * deleted or the access log replaced).
 */
int audit_check_tip(struct db *db, const struct audit_key *key, struct err *e);

/*
 * Check a head of chain recorded earlier (row seq had this hash):
 * SPIRE_EDB when the row is gone (truncated) or its hash differs
 * (rewritten). seq 0 (the chain was empty) always passes.
 */
int audit_check_head(struct db *db, enum audit_chain chain, int64_t seq,
                     const char *hash, struct err *e);

/*
 * Re-key an unkeyed chain: in one transaction, verify it as the old
 * SHA-256 chain (refusing a broken one), then recompute every row's
 * prev_hash and hash under key. A no-op on an empty trail.
 */
int audit_rekey(struct db *db, const struct audit_key *key, struct err *e);

/* Which audit rows to list: about a person and/or by a user. */
struct audit_filter {
	int64_t person_id; /* rows about this person, or 0 for any */
	int64_t user_id;   /* rows by this user, or 0 for any */
	int64_t before;    /* only rows with seq < before; 0 for no bound */
	int64_t limit, offset;
};

/*
 * Audit rows matching f (at least one of person_id, user_id set), newest
 * first, as a new JSON array of {seq, at, user_id, username, full_name,
 * role, action, record_type, record_id, person_id, ip, break_glass
 * (boolean), reason}. Paging by `before` (a seq) is stable while rows are
 * appended, unlike offset. Caller owns the reference.
 */
int audit_list(struct db *db, const struct audit_filter *f, json_t **out,
               struct err *e);

struct audit_range_filter {
	int64_t person_id;   /* rows about this person (and the records
	                      * merged into theirs), or 0 for any */
	int64_t user_id;     /* rows by this user, or 0 for any */
	const char *from_at; /* ISO UTC time: rows at or after, or NULL */
	const char *to_at;   /* ISO UTC time: rows before, or NULL */
	int64_t limit;       /* at most this many, newest first */
};

/*
 * Audit rows matching f, newest first, as a new JSON array of the objects
 * audit_list gives plus "detail" (caller owns *out). For the summary of
 * who viewed a record and the export of its raw trail.
 */
int audit_range(struct db *db, const struct audit_range_filter *f, json_t **out,
                struct err *e);

#endif

/*
 * audit.c - SQL and hashing for the audit trail. The writer calls
 * audit_append(); the audit service reads with the list functions.
 */
#include "store/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char GENESIS[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

int
audit_load_tip(struct db *db, struct audit_tip *tip, struct err *e)
{
	static const char sql[] =
	    "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		tip->seq = db_col_int(s, 0);
		snprintf(tip->hash, sizeof(tip->hash), "%s", db_col_text(s, 1));
	} else {
		tip->seq = 0;
		memcpy(tip->hash, GENESIS, sizeof(GENESIS));
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Decimal digits of v into buf (at least 21 bytes), as "%lld" would write
 * them; returns the length. snprintf was a fifth of an audit row's cost. */
static size_t
put_dec(char *buf, int64_t v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	return k;
}

/* Each value is fed as "<length>:<bytes>|", NULL as "-|". */
static void
feed_bytes(crypto_hash_sha256_state *st, const char *v, size_t n)
{
	char len[24];
	size_t k = put_dec(len, (int64_t)n);
	len[k++] = ':';
	crypto_hash_sha256_update(st, (const unsigned char *)len, k);
	crypto_hash_sha256_update(st, (const unsigned char *)v, n);
	crypto_hash_sha256_update(st, (const unsigned char *)"|", 1);
}

static void
feed_text(crypto_hash_sha256_state *st, const char *v)
{
	if (!v) {
		crypto_hash_sha256_update(st, (const unsigned char *)"-|", 2);
		return;
	}
	feed_bytes(st, v, strlen(v));
}

static void
feed_int(crypto_hash_sha256_state *st, int64_t v)
{
	char buf[24];
	feed_bytes(st, buf, put_dec(buf, v));
}

/* The row's hash: SHA-256 over prev_hash and every column, length-framed. */
static void
row_hash(const char *prev, int64_t seq, const char *at,
         const struct audit_entry *a, char out[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	feed_text(&st, prev);
	feed_int(&st, seq);
	feed_text(&st, at);
	feed_int(&st, a->user_id);
	feed_text(&st, a->username);
	feed_text(&st, a->action);
	feed_text(&st, a->record_type);
	feed_int(&st, a->record_id);
	feed_int(&st, a->person_id);
	feed_text(&st, a->ip);
	feed_int(&st, a->break_glass);
	feed_text(&st, a->reason);
	feed_text(&st, a->detail);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, AUDIT_HASH_LEN, digest, sizeof(digest));
}

int
audit_append(struct db *db, const struct audit_entry *a, const char *at,
             struct audit_tip *tip, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO audit(seq, at, user_id, username, action, record_type,"
	    " record_id, person_id, ip, break_glass, reason, detail, prev_hash,"
	    " hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)";
	char hash[AUDIT_HASH_LEN];
	int64_t seq = tip->seq + 1;
	row_hash(tip->hash, seq, at, a, hash);
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, seq);
	db_bind_text(s, 2, at);
	db_bind_id(s, 3, a->user_id);
	db_bind_text(s, 4, a->username);
	db_bind_text(s, 5, a->action);
	db_bind_text(s, 6, a->record_type);
	db_bind_id(s, 7, a->record_id);
	db_bind_id(s, 8, a->person_id);
	db_bind_text(s, 9, a->ip);
	db_bind_int(s, 10, a->break_glass ? 1 : 0);
	db_bind_text(s, 11, a->reason);
	db_bind_text(s, 12, a->detail);
	db_bind_text(s, 13, tip->hash);
	db_bind_text(s, 14, hash);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	tip->seq = seq;
	memcpy(tip->hash, hash, sizeof(hash));
	return 0;
}

static int64_t
col_int0(struct db_stmt *s, int i)
{
	return db_column_type(s, i) == DB_T_NULL ? 0 : db_col_int(s, i);
}

int
audit_verify(struct db *db, int64_t *checked, int64_t *bad_seq, struct err *e)
{
	static const char sql[] =
	    "SELECT seq, at, user_id, username, action, record_type,"
	    " record_id, person_id, ip, break_glass, reason, detail,"
	    " prev_hash, hash FROM audit ORDER BY seq";
	*checked = 0;
	*bad_seq = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	char prev[AUDIT_HASH_LEN];
	memcpy(prev, GENESIS, sizeof(GENESIS));
	int64_t expect_seq = 1;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct audit_entry a = {
		    .user_id = col_int0(s, 2),
		    .username = db_col_text(s, 3),
		    .action = db_col_text(s, 4),
		    .record_type = db_col_text(s, 5),
		    .record_id = col_int0(s, 6),
		    .person_id = col_int0(s, 7),
		    .ip = db_col_text(s, 8),
		    .break_glass = (int)db_col_int(s, 9),
		    .reason = db_col_text(s, 10),
		    .detail = db_col_text(s, 11),
		};
		int64_t seq = db_col_int(s, 0);
		char hash[AUDIT_HASH_LEN];
		row_hash(prev, seq, db_col_text(s, 1), &a, hash);
		const char *stored_prev = db_col_text(s, 12);
		const char *stored = db_col_text(s, 13);
		(*checked)++;
		if (seq != expect_seq || !stored_prev || !stored ||
		    strcmp(stored_prev, prev) != 0 ||
		    strcmp(stored, hash) != 0) {
			*bad_seq = seq;
			db_done(s);
			return err_set(e, SPIRE_EDB, NULL,
			               "audit chain broken at row %lld",
			               (long long)seq);
		}
		memcpy(prev, stored, AUDIT_HASH_LEN);
		expect_seq = seq + 1;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

static int
list_rows(struct db *db, const char *sql, int64_t key, int64_t limit,
          int64_t offset, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, key);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	json_t *arr = json_array();
	int rc;
	while (arr && (rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		if (!row || json_array_append_new(arr, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		json_object_set_new(row, "break_glass",
		                    json_boolean(json_integer_value(
		                        json_object_get(row, "break_glass"))));
	}
	db_done(s);
	if (!arr)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* What the list functions show of a row, with the user's current name. */
#define LIST_COLUMNS                                                           \
	"a.seq, a.at, a.user_id, a.username, u.full_name, u.role, a.action,"   \
	" a.record_type, a.record_id, a.person_id, a.ip, a.break_glass,"       \
	" a.reason FROM audit a LEFT JOIN users u ON u.id = a.user_id"

int
audit_list_for_person(struct db *db, int64_t person_id, int64_t limit,
                      int64_t offset, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT " LIST_COLUMNS " WHERE a.person_id = $1"
	    " ORDER BY a.seq DESC LIMIT $2 OFFSET $3";
	return list_rows(db, sql, person_id, limit, offset, out, e);
}

int
audit_list_for_user(struct db *db, int64_t user_id, int64_t limit,
                    int64_t offset, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT " LIST_COLUMNS " WHERE a.user_id = $1"
	                          " ORDER BY a.seq DESC LIMIT $2 OFFSET $3";
	return list_rows(db, sql, user_id, limit, offset, out, e);
}

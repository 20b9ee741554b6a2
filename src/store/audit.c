/*
 * audit.c - SQL and MACs for the audit trail. The writer calls
 * audit_append(); the audit service reads with the list functions; the
 * CLI verifies and prints the head. The key's file is audit_key.c's.
 */
#include "store/audit.h"
#include "store/audit_key.h"
#include "store/db_backend.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char GENESIS[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

const char *
audit_chain_name(enum audit_chain c)
{
	return c == AUDIT_ACCESS ? "the access log" : "the records' chain";
}

int
audit_load_tip(struct db *db, enum audit_chain chain, struct audit_tip *tip,
               struct err *e)
{
	static const char *const sql[AUDIT_CHAINS] = {
	    "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
	    "SELECT seq, hash FROM access.audit ORDER BY seq DESC LIMIT 1",
	};
	struct db_stmt *s = db_prepare(db, sql[chain], e);
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

int
audit_load_tips(struct db *db, struct audit_tip tips[AUDIT_CHAINS],
                struct err *e)
{
	for (int c = 0; c < AUDIT_CHAINS; c++) {
		int rc = audit_load_tip(db, (enum audit_chain)c, &tips[c], e);
		if (rc != 0)
			return rc;
	}
	return 0;
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

/*
 * A row's MAC: HMAC-SHA-256 (RFC 2104) under the audit key; or, with no
 * key, the plain SHA-256 of chains written before the key existed (only
 * read, to check such a chain before re-keying it).
 *
 * Computed with OpenSSL's libcrypto, whose SHA-256 uses the CPU's SHA
 * instructions (SHA-NI) where there are any, AVX2 or SSSE3 code where
 * not: libsodium's portable SHA-256 was a third of the writer's work per
 * read (bench/README.md, issue 11). The key is hashed once, into the
 * states after the inner and outer padded key blocks (`inner`, `outer`);
 * each row copies them into `work` and hashes only its own bytes, so the
 * MAC is exactly HMAC-SHA-256(key, bytes) as before: the same hashes,
 * checked by verify and recomputed by tests/store/audit_chain.test.mjs.
 */
struct audit_mac {
	int keyed;
	EVP_MD *md;
	EVP_MD_CTX *inner, *outer; /* keyed: after the padded key block */
	EVP_MD_CTX *work;
	int failed; /* a libcrypto call failed: the row's hash is not set */
	/* The many short values are gathered here and hashed in few calls:
	 * a call per value was most of a row's cost. */
	unsigned char buf[512];
	size_t len;
};

#define SHA256_BLOCK 64
#define SHA256_BYTES 32

void
audit_mac_free(struct audit_mac *m)
{
	if (!m)
		return;
	EVP_MD_CTX_free(m->inner);
	EVP_MD_CTX_free(m->outer);
	EVP_MD_CTX_free(m->work);
	EVP_MD_free(m->md);
	OPENSSL_cleanse(m, sizeof(*m));
	free(m);
}

/* ctx := SHA-256 after one block of the key XORed with pad. */
static int
pad_block(EVP_MD_CTX *ctx, const EVP_MD *md, const struct audit_key *key,
          unsigned char pad)
{
	unsigned char block[SHA256_BLOCK];
	memset(block, pad, sizeof(block));
	for (size_t i = 0; i < sizeof(key->bytes); i++)
		block[i] = (unsigned char)(key->bytes[i] ^ pad);
	int ok = EVP_DigestInit_ex(ctx, md, NULL) &&
	         EVP_DigestUpdate(ctx, block, sizeof(block));
	OPENSSL_cleanse(block, sizeof(block));
	return ok;
}

int
audit_mac_new(const struct audit_key *key, struct audit_mac **out,
              struct err *e)
{
	_Static_assert(AUDIT_KEY_BYTES <= SHA256_BLOCK,
	               "an HMAC key longer than a block is hashed first");
	_Static_assert(AUDIT_HASH_LEN == 2 * SHA256_BYTES + 1,
	               "a hash is 64 hex digits");
	*out = NULL;
	struct audit_mac *m = calloc(1, sizeof(*m));
	if (!m)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	m->keyed = key != NULL;
	m->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	m->inner = EVP_MD_CTX_new();
	m->outer = EVP_MD_CTX_new();
	m->work = EVP_MD_CTX_new();
	int ok = m->md && m->inner && m->outer && m->work;
	if (ok && key)
		ok = pad_block(m->inner, m->md, key, 0x36) &&
		     pad_block(m->outer, m->md, key, 0x5c);
	else if (ok)
		ok = EVP_DigestInit_ex(m->inner, m->md, NULL);
	if (!ok) {
		audit_mac_free(m);
		return err_set(e, SPIRE_EIO, NULL,
		               "libcrypto cannot compute SHA-256");
	}
	*out = m;
	return 0;
}

static void
mac_flush(struct audit_mac *m)
{
	if (m->len && !EVP_DigestUpdate(m->work, m->buf, m->len))
		m->failed = 1;
	m->len = 0;
}

static void
mac_update(struct audit_mac *m, const void *p, size_t n)
{
	if (n > sizeof(m->buf) - m->len) {
		mac_flush(m);
		if (n > sizeof(m->buf)) {
			if (!EVP_DigestUpdate(m->work, p, n))
				m->failed = 1;
			return;
		}
	}
	memcpy(m->buf + m->len, p, n);
	m->len += n;
}

/* Each value is fed as "<length>:<bytes>|", NULL as "-|". */
static void
feed_bytes(struct audit_mac *st, const char *v, size_t n)
{
	char len[24];
	size_t k = put_dec(len, (int64_t)n);
	len[k++] = ':';
	mac_update(st, len, k);
	mac_update(st, v, n);
	mac_update(st, "|", 1);
}

static void
feed_text(struct audit_mac *st, const char *v)
{
	if (!v) {
		mac_update(st, "-|", 2);
		return;
	}
	feed_bytes(st, v, strlen(v));
}

static void
feed_int(struct audit_mac *st, int64_t v)
{
	char buf[24];
	feed_bytes(st, buf, put_dec(buf, v));
}

/* 32 bytes as 64 lower-case hex digits and a NUL. */
static void
to_hex(char out[AUDIT_HASH_LEN], const unsigned char *d)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < SHA256_BYTES; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[AUDIT_HASH_LEN - 1] = '\0';
}

/* The row's MAC over prev_hash and every column, length-framed, as hex
 * in out. Returns 0, or SPIRE_EIO (out set to "") if libcrypto failed. */
static int
row_hash(struct audit_mac *m, const char *prev, int64_t seq, const char *at,
         const struct audit_entry *a, char out[AUDIT_HASH_LEN])
{
	unsigned char digest[SHA256_BYTES];
	unsigned int n = 0;
	m->len = 0;
	m->failed = !EVP_MD_CTX_copy_ex(m->work, m->inner);
	feed_text(m, prev);
	feed_int(m, seq);
	feed_text(m, at);
	feed_int(m, a->user_id);
	feed_text(m, a->username);
	feed_text(m, a->action);
	feed_text(m, a->record_type);
	feed_int(m, a->record_id);
	feed_int(m, a->person_id);
	feed_text(m, a->ip);
	feed_int(m, a->break_glass);
	feed_text(m, a->reason);
	feed_text(m, a->detail);
	mac_flush(m);
	if (!m->failed)
		m->failed = !EVP_DigestFinal_ex(m->work, digest, &n);
	if (!m->failed && m->keyed)
		m->failed = !EVP_MD_CTX_copy_ex(m->work, m->outer) ||
		            !EVP_DigestUpdate(m->work, digest, n) ||
		            !EVP_DigestFinal_ex(m->work, digest, &n);
	if (m->failed || n != SHA256_BYTES) {
		out[0] = '\0';
		return SPIRE_EIO;
	}
	to_hex(out, digest);
	return 0;
}

/*
 * The audit rows of a job go in few statements: one INSERT of up to
 * ROWS_MAX rows that share who and from where (a page's rows do: one per
 * person shown), rather than one each; a statement per row opened the
 * table and both indexes and reset again for every row. The shared values
 * are bound once ($1 at, $2 user_id, $3 username, $4 ip) and each row's
 * prev_hash is the hash bound for the row before it ($5 for the first):
 * 5 + 9 parameters a row, 59 for six (both backends allow 64).
 */
#define ROWS_MAX 6
#define ROW_PARAMS 9
#define SHARED_PARAMS 5

/* The INSERT of n rows into chain, built once. */
static char insert_text[AUDIT_CHAINS][ROWS_MAX][ROWS_MAX * 80 + 200];
static pthread_once_t insert_once = PTHREAD_ONCE_INIT;

static void
build_inserts(void)
{
	static const char *const table[AUDIT_CHAINS] = {"audit",
	                                                "access.audit"};
	for (int c = 0; c < AUDIT_CHAINS; c++) {
		for (int n = 1; n <= ROWS_MAX; n++) {
			char *p = insert_text[c][n - 1];
			size_t cap = sizeof(insert_text[c][n - 1]), len = 0;
			len += (size_t)snprintf(
			    p + len, cap - len,
			    "INSERT INTO %s(seq, at, user_id, username, action,"
			    " record_type, record_id, person_id, ip,"
			    " break_glass, reason, detail, prev_hash, hash)"
			    " VALUES ",
			    table[c]);
			for (int k = 0; k < n; k++) {
				int b = SHARED_PARAMS + 1 + ROW_PARAMS * k;
				int prev = k ? b - 1 : SHARED_PARAMS;
				len += (size_t)snprintf(
				    p + len, cap - len,
				    "%s($%d,$1,$2,$3,$%d,$%d,$%d,$%d,$4,$%d,"
				    "$%d,$%d,$%d,$%d)",
				    k ? "," : "", b, b + 1, b + 2, b + 3, b + 4,
				    b + 5, b + 6, b + 7, prev, b + 8);
			}
		}
	}
}

static int
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether b can share a statement with a: the same who and where. */
static int
same_source(const struct audit_entry *a, const struct audit_entry *b)
{
	return a->user_id == b->user_id &&
	       same_text(a->username, b->username) && same_text(a->ip, b->ip);
}

int
audit_append(struct db *db, struct audit_mac *mac,
             const struct audit_entry *first, const char *at,
             enum audit_chain chain, struct audit_tip tips[AUDIT_CHAINS],
             struct err *e)
{
	pthread_once(&insert_once, build_inserts);
	struct audit_tip *tip = &tips[chain];
	const struct audit_entry *a = first;
	while (a) {
		/* The rows of this statement: a run sharing a's source. */
		const struct audit_entry *row[ROWS_MAX];
		int n = 0;
		for (const struct audit_entry *r = a;
		     r && n < ROWS_MAX && same_source(a, r); r = r->next)
			row[n++] = r;
		int64_t last = tips[AUDIT_RECORDS].seq > tips[AUDIT_ACCESS].seq
		                   ? tips[AUDIT_RECORDS].seq
		                   : tips[AUDIT_ACCESS].seq;
		/* Bound without copies: every value lives until db_done(). */
		char hash[ROWS_MAX][AUDIT_HASH_LEN];
		const char *prev = tip->hash;
		for (int k = 0; k < n; k++) {
			if (row_hash(mac, prev, last + 1 + k, at, row[k],
			             hash[k]) != 0)
				return err_set(e, SPIRE_EIO, NULL,
				               "libcrypto could not compute "
				               "an audit MAC");
			prev = hash[k];
		}
		struct db_stmt *s =
		    db_prepare(db, insert_text[chain][n - 1], e);
		if (!s)
			return e->code;
		db_bind_text_kept(s, 1, at);
		db_bind_id(s, 2, a->user_id);
		db_bind_text_kept(s, 3, a->username);
		db_bind_text_kept(s, 4, a->ip);
		db_bind_text_kept(s, 5, tip->hash);
		for (int k = 0; k < n; k++) {
			int b = SHARED_PARAMS + 1 + ROW_PARAMS * k;
			const struct audit_entry *r = row[k];
			db_bind_int(s, b, last + 1 + k);
			db_bind_text_kept(s, b + 1, r->action);
			db_bind_text_kept(s, b + 2, r->record_type);
			db_bind_id(s, b + 3, r->record_id);
			db_bind_id(s, b + 4, r->person_id);
			db_bind_bool(s, b + 5, r->break_glass);
			db_bind_text_kept(s, b + 6, r->reason);
			db_bind_text_kept(s, b + 7, r->detail);
			db_bind_text_kept(s, b + 8, hash[k]);
		}
		int rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
		tip->seq = last + n;
		memcpy(tip->hash, hash[n - 1], AUDIT_HASH_LEN);
		a = row[n - 1]->next;
	}
	return 0;
}

static int64_t
col_int0(struct db_stmt *s, int i)
{
	return db_column_type(s, i) == DB_T_NULL ? 0 : db_col_int(s, i);
}

/* The columns a row's MAC covers, in feed order, then prev_hash and hash. */
#define ROW_COLUMNS                                                            \
	"seq, at, user_id, username, action, record_type, record_id,"          \
	" person_id, ip, break_glass, reason, detail, prev_hash, hash"

/* The entry held by the current row of a ROW_COLUMNS statement. */
static struct audit_entry
row_entry(struct db_stmt *s)
{
	struct audit_entry a = {
	    .user_id = col_int0(s, 2),
	    .username = db_col_text(s, 3),
	    .action = db_col_text(s, 4),
	    .record_type = db_col_text(s, 5),
	    .record_id = col_int0(s, 6),
	    .person_id = col_int0(s, 7),
	    .ip = db_col_text(s, 8),
	    .break_glass = db_col_bool(s, 9),
	    .reason = db_col_text(s, 10),
	    .detail = db_col_text(s, 11),
	};
	return a;
}

/* Walk one chain: seq growing, each prev_hash the previous row's hash
 * (the genesis hash for the first), each hash the row's MAC. */
static int
verify_chain(struct db *db, struct audit_mac *mac, enum audit_chain c,
             int64_t *checked, int64_t *bad_seq, struct err *e)
{
	static const char *const sql[AUDIT_CHAINS] = {
	    "SELECT " ROW_COLUMNS " FROM audit ORDER BY seq",
	    "SELECT " ROW_COLUMNS " FROM access.audit ORDER BY seq",
	};
	struct db_stmt *s = db_prepare(db, sql[c], e);
	if (!s)
		return e->code;
	char prev[AUDIT_HASH_LEN];
	memcpy(prev, GENESIS, sizeof(GENESIS));
	int64_t last_seq = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct audit_entry a = row_entry(s);
		int64_t seq = db_col_int(s, 0);
		char hash[AUDIT_HASH_LEN];
		row_hash(mac, prev, seq, db_col_text(s, 1), &a, hash);
		const char *stored_prev = db_col_text(s, 12);
		const char *stored = db_col_text(s, 13);
		(*checked)++;
		if (seq <= last_seq || !stored_prev || !stored ||
		    strcmp(stored_prev, prev) != 0 ||
		    strcmp(stored, hash) != 0) {
			*bad_seq = seq;
			db_done(s);
			return err_set(e, SPIRE_EDB, NULL,
			               "audit chain broken at row %lld (%s)",
			               (long long)seq, audit_chain_name(c));
		}
		memcpy(prev, stored, AUDIT_HASH_LEN);
		last_seq = seq;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Both chains' seq numbers. */
#define ALL_SEQS                                                               \
	"(SELECT seq FROM audit UNION ALL SELECT seq FROM access.audit)"

int
audit_continuity(struct db *db, int64_t window, int64_t *missing,
                 int64_t *first_missing, struct err *e)
{
	/* The newest seq over both chains; the rows within window of it (all
	 * when window is 0), and how many distinct numbers they hold. */
	static const char count_sql[] =
	    "SELECT m.top, COUNT(t.seq), COUNT(DISTINCT t.seq) FROM"
	    " (SELECT COALESCE(MAX(seq), 0) AS top FROM " ALL_SEQS " a) m"
	    " LEFT JOIN " ALL_SEQS " t ON t.seq > m.top - $1"
	    " GROUP BY m.top";
	/* The lowest number within the window held by neither chain. */
	static const char first_sql[] =
	    "SELECT MIN(n) FROM (SELECT t.seq + 1 AS n FROM " ALL_SEQS
	    " t WHERE t.seq >= $1 UNION ALL SELECT $1 + 1) c"
	    " WHERE n <= $2 AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.seq"
	    " = c.n) AND NOT EXISTS (SELECT 1 FROM access.audit b WHERE b.seq"
	    " = c.n)";
	*missing = 0;
	*first_missing = 0;
	struct db_stmt *s = db_prepare(db, count_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, window > 0 ? window : INT64_MAX / 2);
	int rc = db_step(s, e);
	int64_t top = 0, rows = 0, distinct = 0;
	if (rc == DB_ROW) {
		top = db_col_int(s, 0);
		rows = db_col_int(s, 1);
		distinct = db_col_int(s, 2);
	}
	db_done(s);
	if (rc < 0)
		return rc;
	int64_t span = window > 0 && window < top ? window : top;
	if (rows != distinct)
		return err_set(e, SPIRE_EDB, NULL,
		               "the audit trail holds %lld seq number(s) twice "
		               "(in both chains): rows were copied into it",
		               (long long)(rows - distinct));
	if (distinct == span)
		return 0;
	*missing = span - distinct;
	s = db_prepare(db, first_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, top - span);
	db_bind_int(s, 2, top);
	rc = db_step(s, e);
	if (rc == DB_ROW)
		*first_missing = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	return err_set(e, SPIRE_EDB, NULL,
	               "the audit trail is missing %lld row(s) numbered "
	               "below its newest (the first is %lld): rows were "
	               "deleted from the records' chain or the access log, or "
	               "one file was replaced; restore both from the same "
	               "backup and compare with a recorded head",
	               (long long)*missing, (long long)*first_missing);
}

int
audit_verify(struct db *db, const struct audit_key *key, int64_t *checked,
             int64_t *bad_seq, struct err *e)
{
	*checked = 0;
	*bad_seq = 0;
	struct audit_mac *mac = NULL;
	int rc = audit_mac_new(key, &mac, e);
	if (rc == 0)
		rc = verify_chain(db, mac, AUDIT_RECORDS, checked, bad_seq, e);
	if (rc == 0 && key)
		rc = verify_chain(db, mac, AUDIT_ACCESS, checked, bad_seq, e);
	int64_t missing = 0;
	if (rc == 0 && key)
		rc = audit_continuity(db, 0, &missing, bad_seq, e);
	audit_mac_free(mac);
	return rc;
}

int
audit_check_tip(struct db *db, const struct audit_key *key, struct err *e)
{
	static const char *const sql[AUDIT_CHAINS] = {
	    "SELECT " ROW_COLUMNS " FROM audit ORDER BY seq DESC LIMIT 1",
	    "SELECT " ROW_COLUMNS " FROM access.audit ORDER BY seq DESC"
	    " LIMIT 1",
	};
	struct audit_mac *mac = NULL;
	int rc = audit_mac_new(key, &mac, e);
	for (int c = 0; c < AUDIT_CHAINS && rc == 0; c++) {
		struct db_stmt *s = db_prepare(db, sql[c], e);
		if (!s) {
			rc = e->code;
			break;
		}
		rc = db_step(s, e);
		if (rc == DB_ROW) {
			struct audit_entry a = row_entry(s);
			int64_t seq = db_col_int(s, 0);
			const char *prev = db_col_text(s, 12);
			const char *stored = db_col_text(s, 13);
			char hash[AUDIT_HASH_LEN];
			row_hash(mac, prev ? prev : "", seq, db_col_text(s, 1),
			         &a, hash);
			rc = stored && strcmp(stored, hash) == 0
			         ? 0
			         : err_set(
			               e, SPIRE_EDB, NULL,
			               "the audit trail's last row (%lld, "
			               "%s) does not match the audit key",
			               (long long)seq,
			               audit_chain_name((enum audit_chain)c));
		}
		db_done(s);
	}
	audit_mac_free(mac);
	/* And the newest rows' numbering (cheap: an index range): an access
	 * log swapped for an empty one, or its latest reads deleted, leaves
	 * holes below the records' newest row. */
	int64_t missing = 0, first = 0;
	if (rc >= 0 && key)
		rc = audit_continuity(db, AUDIT_TAIL_WINDOW, &missing, &first,
		                      e);
	return rc < 0 ? rc : 0;
}

int
audit_check_head(struct db *db, enum audit_chain chain, int64_t seq,
                 const char *hash, struct err *e)
{
	static const char *const sql[AUDIT_CHAINS] = {
	    "SELECT hash FROM audit WHERE seq = $1",
	    "SELECT hash FROM access.audit WHERE seq = $1",
	};
	if (seq == 0)
		return 0;
	struct db_stmt *s = db_prepare(db, sql[chain], e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, seq);
	int rc = db_step(s, e);
	const char *which = chain == AUDIT_ACCESS ? " of the access log" : "";
	if (rc == DB_ROW) {
		const char *stored = db_col_text(s, 0);
		rc = stored && strcmp(stored, hash) == 0
		         ? 0
		         : err_set(e, SPIRE_EDB, NULL,
		                   "audit row %lld%s is not the recorded head: "
		                   "the trail was rewritten",
		                   (long long)seq, which);
	} else if (rc == 0) {
		rc = err_set(e, SPIRE_EDB, NULL,
		             "audit row %lld%s, the recorded head, is missing: "
		             "the trail was truncated",
		             (long long)seq, which);
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Recompute every row's prev_hash and hash under key, in seq order. */
static int
rekey_rows(struct db *db, struct audit_mac *mac, struct err *e)
{
	static const char select_sql[] =
	    "SELECT " ROW_COLUMNS " FROM audit ORDER BY seq";
	static const char update_sql[] =
	    "UPDATE audit SET prev_hash = $1, hash = $2 WHERE seq = $3";
	struct db_stmt *s = db_prepare(db, select_sql, e);
	if (!s)
		return e->code;
	char prev[AUDIT_HASH_LEN];
	memcpy(prev, GENESIS, sizeof(GENESIS));
	int rc;
	/* Only prev_hash and hash change, neither in the rowid order the
	 * select walks, so updating behind it is safe. */
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct audit_entry a = row_entry(s);
		int64_t seq = db_col_int(s, 0);
		char hash[AUDIT_HASH_LEN];
		if (row_hash(mac, prev, seq, db_col_text(s, 1), &a, hash)) {
			rc =
			    err_set(e, SPIRE_EIO, NULL,
			            "libcrypto could not compute an audit MAC");
			break;
		}
		struct db_stmt *u = db_prepare(db, update_sql, e);
		if (!u) {
			rc = e->code;
			break;
		}
		db_bind_text(u, 1, prev);
		db_bind_text(u, 2, hash);
		db_bind_int(u, 3, seq);
		rc = db_step(u, e);
		db_done(u);
		if (rc < 0)
			break;
		memcpy(prev, hash, sizeof(hash));
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
audit_rekey(struct db *db, const struct audit_key *key, struct err *e)
{
	int64_t checked = 0, bad = 0;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	rc = audit_verify(db, NULL, &checked, &bad, e);
	if (rc == 0 && checked > 0) {
		/* Lift the append-only guard for this transaction only. */
		rc = db_exec(db, db_dialect(db)->audit_unguard, e);
		struct audit_mac *mac = NULL;
		if (rc == 0)
			rc = audit_mac_new(key, &mac, e);
		if (rc == 0)
			rc = rekey_rows(db, mac, e);
		audit_mac_free(mac);
		if (rc == 0)
			rc = db_exec(db, db_dialect(db)->audit_reguard, e);
		if (rc == 0)
			rc = audit_verify(db, key, &checked, &bad, e);
	}
	if (rc == 0)
		rc = db_commit(db, e);
	if (rc)
		db_rollback(db);
	return rc;
}

/* The people whose rows are a person's ($1): themselves and every record
 * merged into theirs and not taken apart again (the trail is append-only,
 * so a merge is read through rather than re-pointed; people_merge.h). */
#define AUDIT_ABOUT                                                            \
	"SELECT $1 UNION ALL SELECT merged_id FROM people_merges"              \
	" WHERE kept_id = $1 AND undone_at IS NULL"

/* Both chains as one table: the columns the lists show of each row,
 * from the records' chain and the access log, each filtered by `where`
 * (the same text for both, so that each uses its own indexes). */
#define BOTH_CHAINS(where)                                                     \
	"(SELECT seq, at, user_id, username, action, record_type, record_id,"  \
	" person_id, ip, break_glass, reason, detail FROM audit a "            \
	"WHERE " where " UNION ALL SELECT seq, at, user_id, username, action," \
	" record_type, record_id, person_id, ip, break_glass, reason, detail"  \
	" FROM access.audit a WHERE " where ") a"

/* What the list shows of a row, with the user's current name. Each
 * filter is off when its parameter is NULL (binds as NULL when 0). */
#define LIST_COLUMNS                                                           \
	"SELECT a.seq, a.at, a.user_id, a.username, u.full_name, u.role,"      \
	" a.action, a.record_type, a.record_id, a.person_id, a.ip,"            \
	" a.break_glass, a.reason"
/* The user's current name and role, for each row. */
#define LIST_USERS " LEFT JOIN users u ON u.id = a.user_id"
#define LIST_WHERE                                                             \
	"($1 IS NULL OR a.person_id IN (" AUDIT_ABOUT "))"                     \
	" AND a.user_id = COALESCE($2, a.user_id) AND a.seq < $3"
static const char LIST_SQL[] = LIST_COLUMNS " FROM " BOTH_CHAINS(LIST_WHERE)
    LIST_USERS " ORDER BY a.seq DESC LIMIT $4 OFFSET $5";

/* The same for one person only, which the audit_person indexes answer. */
#define LIST_PERSON_WHERE                                                      \
	"a.person_id IN (" AUDIT_ABOUT ") AND $2 IS NULL AND a.seq < $3"
static const char LIST_PERSON_SQL[] =
    LIST_COLUMNS " FROM " BOTH_CHAINS(LIST_PERSON_WHERE) LIST_USERS
    " ORDER BY a.seq DESC LIMIT $4 OFFSET $5";

/* The rows of s (LIST_SQL's columns) as a new array in *out, break_glass
 * a boolean whatever the backend stores it as (column 11). Calls
 * db_done(s). */
static int
audit_rows(struct db_stmt *s, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = 0;
	while (arr && (rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		if (!row || json_array_append_new(arr, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		json_object_set_new(row, "break_glass",
		                    json_boolean(db_col_bool(s, 11)));
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

/* The same for one user only (the audit_user indexes). */
#define LIST_USER_WHERE "$1 IS NULL AND a.user_id = $2 AND a.seq < $3"
static const char LIST_USER_SQL[] =
    LIST_COLUMNS " FROM " BOTH_CHAINS(LIST_USER_WHERE) LIST_USERS
    " ORDER BY a.seq DESC LIMIT $4 OFFSET $5";

int
audit_list(struct db *db, const struct audit_filter *f, json_t **out,
           struct err *e)
{
	*out = NULL;
	const char *sql = !f->user_id     ? LIST_PERSON_SQL
	                  : !f->person_id ? LIST_USER_SQL
	                                  : LIST_SQL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_id(s, 1, f->person_id);
	db_bind_id(s, 2, f->user_id);
	db_bind_int(s, 3, f->before > 0 ? f->before : INT64_MAX);
	db_bind_int(s, 4, f->limit);
	db_bind_int(s, 5, f->offset);
	return audit_rows(s, out, e);
}

/* Rows about a person (with merges, as above) and/or by a user, in
 * [$3, $4) by time (NULL: open), newest first, at most $5. */
#define RANGE_WHERE                                                            \
	"($1 IS NULL OR a.person_id IN (" AUDIT_ABOUT "))"                     \
	" AND ($2 IS NULL OR a.user_id = $2)"                                  \
	" AND ($3 IS NULL OR a.at >= $3) AND ($4 IS NULL OR a.at < $4)"
static const char RANGE_SQL[] =
    LIST_COLUMNS ", a.detail FROM " BOTH_CHAINS(RANGE_WHERE) LIST_USERS
    " ORDER BY a.seq DESC LIMIT $5";

int
audit_range(struct db *db, const struct audit_range_filter *f, json_t **out,
            struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, RANGE_SQL, e);
	if (!s)
		return e->code;
	db_bind_id(s, 1, f->person_id);
	db_bind_id(s, 2, f->user_id);
	/* An open end is NULL, never a sentinel string: how "~" or ""
	 * sorts against a timestamp depends on the database's collation
	 * (under en-GB, "~" comes before every digit). */
	if (f->from_at)
		db_bind_text(s, 3, f->from_at);
	else
		db_bind_null(s, 3);
	if (f->to_at)
		db_bind_text(s, 4, f->to_at);
	else
		db_bind_null(s, 4);
	db_bind_int(s, 5, f->limit);
	return audit_rows(s, out, e);
}

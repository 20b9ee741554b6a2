/*
 * maintenance.c - the operator's commands on a database file (init,
 * backup, audit verify and head) over the store, for src/cli. Not for
 * requests: those go through struct ctx and the writer.
 */
#include "service/maintenance.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "store/audit_export.h"
#include "store/audit_key.h"
#include "store/db.h"
#include "store/schema.h"

bool
maintenance_db_is_url(const char *path)
{
	return db_is_url(path);
}

int
maintenance_key_path(const char *path, const char *key_file, char *buf,
                     size_t n, struct err *e)
{
	if (db_is_url(path) && !(key_file && *key_file))
		return err_set(
		    e, SPIRE_EINVAL, "audit_key_file",
		    "a PostgreSQL database has no file beside it for "
		    "its audit key: name one with --audit-key FILE, "
		    "audit_key_file in the config or "
		    "SPIRE_AUDIT_KEY_FILE");
	return audit_key_path(path, key_file, buf, n, e);
}

int
maintenance_init(const char *path, const char *key_file, int *before,
                 int *after, char *key_path, struct err *e)
{
	struct db *db = NULL;
	struct audit_key key;
	*before = *after = 0;
	/* The key's place first: a URL without one fails before anything
	 * is made. */
	int rc = maintenance_key_path(path, key_file, key_path,
	                              MAINTENANCE_PATH_LEN, e);
	if (rc == 0)
		rc = db_open(path, DB_OPEN_CREATE, &db, e);
	if (rc == 0) {
		*before = schema_current(db, e);
		rc = *before < 0 ? *before : schema_migrate(db, e);
	}
	if (rc == 0)
		rc = audit_key_open(db, key_path, &key, e);
	db_close(db);
	sodium_memzero(&key, sizeof(key));
	if (*before < 0)
		*before = 0;
	*after = schema_latest();
	return rc;
}

/* Parse one "SEQ:MAC" (MAC 64 lower-case hex digits) of n bytes; seq 0
 * (an empty chain) only when zero_ok. */
static int
parse_one(const char *text, size_t n, int zero_ok, int64_t *seq,
          char hash[AUDIT_HASH_LEN])
{
	char buf[MAINTENANCE_HEAD_LEN];
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	char *end = NULL;
	errno = 0;
	long long v = strtoll(buf, &end, 10);
	if (errno || end == buf || *end != ':' || v < (zero_ok ? 0 : 1) ||
	    buf[0] == '-' || buf[0] == '+' || buf[0] == ' ')
		return -1;
	const char *mac = end + 1;
	if (strlen(mac) != AUDIT_HASH_LEN - 1 ||
	    strspn(mac, "0123456789abcdef") != AUDIT_HASH_LEN - 1)
		return -1;
	*seq = (int64_t)v;
	memcpy(hash, mac, AUDIT_HASH_LEN);
	return 0;
}

/* A recorded head: "SEQ:MAC" of the records' chain alone (as printed
 * before the access log had a chain of its own), or "SEQ:MAC,SEQ:MAC",
 * the records' chain's and the access log's (*two set). */
static int
parse_head(const char *text, int64_t seq[AUDIT_CHAINS],
           char hash[AUDIT_CHAINS][AUDIT_HASH_LEN], int *two)
{
	const char *comma = strchr(text, ',');
	*two = comma != NULL;
	if (!comma)
		return parse_one(text, strlen(text), 0, &seq[AUDIT_RECORDS],
		                 hash[AUDIT_RECORDS]);
	if (parse_one(text, (size_t)(comma - text), 1, &seq[AUDIT_RECORDS],
	              hash[AUDIT_RECORDS]) != 0)
		return -1;
	return parse_one(comma + 1, strlen(comma + 1), 1, &seq[AUDIT_ACCESS],
	                 hash[AUDIT_ACCESS]);
}

/* Write the two chains' tips as "SEQ:MAC,SEQ:MAC" into head. */
static void
format_head(const struct audit_tip tips[AUDIT_CHAINS], char *head)
{
	snprintf(head, MAINTENANCE_HEAD_LEN, "%lld:%s,%lld:%s",
	         (long long)tips[AUDIT_RECORDS].seq, tips[AUDIT_RECORDS].hash,
	         (long long)tips[AUDIT_ACCESS].seq, tips[AUDIT_ACCESS].hash);
}

/* Open the database at path read-only with its audit key. On success the
 * caller closes *db and wipes *key. */
static int
open_keyed(const char *path, const char *key_file, struct db **db,
           struct audit_key *key, struct err *e)
{
	char key_path[MAINTENANCE_PATH_LEN];
	*db = NULL;
	int rc =
	    maintenance_key_path(path, key_file, key_path, sizeof(key_path), e);
	if (rc == 0)
		rc = audit_key_load(key_path, key, e);
	if (rc == 0)
		rc = db_open(path, DB_OPEN_READONLY, db, e);
	if (rc == 0)
		rc = schema_access_log_check(*db, e);
	return rc;
}

int
maintenance_audit_verify(const char *path, const char *key_file,
                         const char *expect_head, int64_t *rows, struct err *e)
{
	int64_t bad = 0, head_seq[AUDIT_CHAINS] = {0, 0};
	char head_hash[AUDIT_CHAINS][AUDIT_HASH_LEN];
	int two = 0;
	*rows = 0;
	if (expect_head &&
	    parse_head(expect_head, head_seq, head_hash, &two) != 0)
		return err_set(e, SPIRE_EINVAL, "expect-head",
		               "--expect-head must be SEQ:MAC,SEQ:MAC (or an "
		               "older SEQ:MAC) as printed by `spire audit "
		               "head`");
	struct db *db = NULL;
	struct audit_key key;
	int rc = open_keyed(path, key_file, &db, &key, e);
	if (rc == 0)
		rc = db_begin_read(db, e);
	if (rc == 0) {
		rc = audit_verify(db, &key, rows, &bad, e);
		if (rc == 0 && expect_head)
			rc = audit_check_head(db, AUDIT_RECORDS,
			                      head_seq[AUDIT_RECORDS],
			                      head_hash[AUDIT_RECORDS], e);
		if (rc == 0 && expect_head && two)
			rc = audit_check_head(db, AUDIT_ACCESS,
			                      head_seq[AUDIT_ACCESS],
			                      head_hash[AUDIT_ACCESS], e);
		db_end_read(db);
	}
	db_close(db);
	sodium_memzero(&key, sizeof(key));
	return rc;
}

int
maintenance_audit_head(const char *path, const char *key_file, char *head,
                       struct err *e)
{
	struct db *db = NULL;
	struct audit_key key;
	struct audit_tip tips[AUDIT_CHAINS];
	head[0] = '\0';
	int rc = open_keyed(path, key_file, &db, &key, e);
	if (rc == 0)
		rc = db_begin_read(db, e);
	if (rc == 0) {
		rc = audit_check_tip(db, &key, e);
		if (rc == 0)
			rc = audit_load_tips(db, tips, e);
		db_end_read(db);
	}
	db_close(db);
	sodium_memzero(&key, sizeof(key));
	if (rc == 0)
		format_head(tips, head);
	return rc;
}

int
maintenance_audit_list(const char *path, int64_t after, maintenance_row_fn fn,
                       void *arg, struct err *e)
{
	struct db *db = NULL;
	int rc = db_open(path, DB_OPEN_READONLY, &db, e);
	if (rc == 0)
		rc = db_begin_read(db, e);
	if (rc == 0) {
		rc = audit_export(db, after, fn, arg, e);
		db_end_read(db);
	}
	db_close(db);
	return rc;
}

/*
 * PostgreSQL: the audit head is read (and, with the key, checked) on the
 * live database first, then pg_dump copies it (db_backup_into). The chain
 * only grows, so the copy holds that head: `spire audit verify
 * --expect-head` on a restore checks it. A dump is not a database Spire
 * can open, so the copy itself is checked only when restored.
 */
static int
backup_url(const char *path, const char *to, const struct audit_key *key,
           struct audit_tip tips[AUDIT_CHAINS], struct err *e)
{
	struct db *db = NULL;
	int rc = db_open(path, 0, &db, e);
	if (rc == 0)
		rc = db_integrity_check(db, e);
	if (rc == 0)
		rc = db_begin_read(db, e);
	if (rc == 0) {
		if (key)
			rc = audit_check_tip(db, key, e);
		if (rc == 0)
			rc = audit_load_tips(db, tips, e);
		db_end_read(db);
	}
	if (rc == 0)
		rc = db_backup_into(db, to, e);
	db_close(db);
	return rc;
}

int
maintenance_backup(const char *path, const char *to, const char *key_file,
                   struct maintenance_backup *b, struct err *e)
{
	char key_path[MAINTENANCE_PATH_LEN];
	struct db *db = NULL, *copy = NULL;
	struct audit_key key;
	struct audit_tip tips[AUDIT_CHAINS];
	int have_key = 0;
	memset(b, 0, sizeof(*b));
	int rc =
	    maintenance_key_path(path, key_file, key_path, sizeof(key_path), e);
	if (rc == 0)
		rc = audit_key_path(to, NULL, b->head_path,
		                    sizeof(b->head_path), e);
	if (rc)
		return rc;
	/* The access log's copy goes beside it: refused before anything is
	 * copied, as an existing COPY is. */
	char to_access[MAINTENANCE_PATH_LEN];
	int n =
	    snprintf(to_access, sizeof(to_access), "%s" DB_ACCESS_SUFFIX, to);
	if (n < 0 || (size_t)n >= sizeof(to_access))
		return err_set(e, SPIRE_EINVAL, "to", "path too long");
	FILE *exists = fopen(to_access, "r");
	if (exists) {
		fclose(exists);
		return err_set(e, SPIRE_EINVAL, "to",
		               "%s exists; choose a new file", to_access);
	}
	/* "COPY.audit-key" -> "COPY.audit-head" */
	snprintf(b->head_path + strlen(b->head_path) - 3, 5, "head");
	/* A backup is not refused for want of the key: it is only needed to
	 * vouch for the copy's head. */
	struct err ke;
	err_clear(&ke);
	if (audit_key_load(key_path, &key, &ke) == 0)
		have_key = 1;
	else
		snprintf(b->warning, sizeof(b->warning), "%s", ke.message);
	if (db_is_url(path)) {
		rc = backup_url(path, to, have_key ? &key : NULL, tips, e);
	} else {
		rc = db_open(path, 0, &db, e);
		if (rc == 0)
			rc = db_backup_into(db, to, e);
		db_close(db);
		if (rc == 0)
			rc = db_open(to, DB_OPEN_READONLY, &copy, e);
		if (rc == 0)
			rc = db_integrity_check(copy, e);
		if (rc == 0 && have_key)
			rc = audit_check_tip(copy, &key, e);
		if (rc == 0)
			rc = audit_load_tips(copy, tips, e);
		db_close(copy);
	}
	sodium_memzero(&key, sizeof(key));
	if (rc)
		return rc;
	format_head(tips, b->head);
	FILE *f = fopen(b->head_path, "wx");
	int ok = f && fprintf(f, "%s\n", b->head) > 0;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		return err_set(e, SPIRE_EIO, NULL, "cannot write %s",
		               b->head_path);
	return 0;
}

static void
print_migration(void *arg, int number, const char *name, const char *sql)
{
	fprintf(arg, "-- migration %d: %s\n%s;\n", number, name, sql);
}

int
maintenance_schema_sql(const char *backend, FILE *out, struct err *e)
{
	if (schema_texts(backend, print_migration, out) != 0)
		return err_set(e, SPIRE_EINVAL, "dialect",
		               "Enter sqlite or postgresql");
	return 0;
}

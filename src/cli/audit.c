/*
 * audit.c - `spire audit verify|head --db FILE`: walk the audit chain
 * under its key, and print the head an operator records so that a later
 * verify can tell a truncated or rewritten trail (docs/audit.md).
 */
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/audit.h"
#include "store/audit_key.h"
#include "store/db.h"

static const char USAGE[] =
    "usage: spire audit verify --db FILE [--audit-key FILE]"
    " [--expect-head HEAD]\n"
    "       spire audit head --db FILE [--audit-key FILE]\n"
    "verify: recompute every audit row's MAC under the audit key and check\n"
    "  the chain is unbroken; with --expect-head, also check that the head\n"
    "  recorded earlier (SEQ:MAC from `spire audit head`) is still in the\n"
    "  chain, so a truncated or rewritten trail fails. Exits 1 and names\n"
    "  the first bad row when it is not.\n"
    "head: print the last row as SEQ:MAC, for the operator to record\n"
    "  somewhere the database's users cannot write.\n"
    "The key is read from --audit-key, else $SPIRE_AUDIT_KEY_FILE, else\n"
    "FILE.audit-key beside the database.\n";

/* Parse "SEQ:MAC" (MAC 64 lower-case hex digits). */
static int
parse_head(const char *text, int64_t *seq, char hash[AUDIT_HASH_LEN])
{
	char *end = NULL;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (errno || end == text || *end != ':' || v < 1)
		return -1;
	const char *mac = end + 1;
	if (strlen(mac) != AUDIT_HASH_LEN - 1 ||
	    strspn(mac, "0123456789abcdef") != AUDIT_HASH_LEN - 1)
		return -1;
	*seq = (int64_t)v;
	memcpy(hash, mac, AUDIT_HASH_LEN);
	return 0;
}

static int
verify(struct db *db, const struct audit_key *key, const char *expect,
       struct err *e)
{
	int64_t checked = 0, bad = 0, head_seq = 0;
	char head_hash[AUDIT_HASH_LEN];
	if (expect && parse_head(expect, &head_seq, head_hash) != 0)
		return err_set(e, SPIRE_EINVAL, "expect-head",
		               "--expect-head must be SEQ:MAC as printed by "
		               "`spire audit head`");
	int rc = db_begin_read(db, e);
	if (rc == 0)
		rc = audit_verify(db, key, &checked, &bad, e);
	if (rc == 0 && expect)
		rc = audit_check_head(db, head_seq, head_hash, e);
	db_end_read(db);
	if (rc == 0)
		printf("audit trail intact: %lld rows%s\n", (long long)checked,
		       expect ? ", recorded head present" : "");
	return rc;
}

static int
head(struct db *db, const struct audit_key *key, struct err *e)
{
	struct audit_tip tip;
	int rc = db_begin_read(db, e);
	if (rc == 0)
		rc = audit_check_tip(db, key, e);
	if (rc == 0)
		rc = audit_load_tip(db, &tip, e);
	db_end_read(db);
	if (rc == 0)
		printf("%lld:%s\n", (long long)tip.seq, tip.hash);
	return rc;
}

int
cli_audit(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"audit-key", required_argument, NULL, 'k'},
	    {"expect-head", required_argument, NULL, 'x'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL, *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const char *expect = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:k:x:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'k':
			key_file = optarg;
			break;
		case 'x':
			expect = optarg;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return 0;
		default:
			return cli_usage(USAGE, "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage(USAGE, "expected 'verify' or 'head'");
	int is_head = strcmp(argv[optind], "head") == 0;
	if (!is_head && strcmp(argv[optind], "verify") != 0)
		return cli_usage(USAGE, "expected 'verify' or 'head'");
	if (optind + 1 < argc)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind + 1]);
	if (!path)
		return cli_usage(USAGE, "--db FILE is required");
	if (is_head && expect)
		return cli_usage(USAGE, "--expect-head is for verify");
	if (access(path, F_OK) != 0)
		return cli_usage(USAGE, "no database at %s", path);
	struct err e;
	err_clear(&e);
	char key_path[1024];
	struct audit_key key;
	struct db *db = NULL;
	int rc = audit_key_path(path, key_file, key_path, sizeof(key_path), &e);
	if (rc == 0)
		rc = audit_key_load(key_path, &key, &e);
	if (rc == 0)
		rc = db_open(path, DB_OPEN_READONLY, &db, &e);
	if (rc == 0)
		rc =
		    is_head ? head(db, &key, &e) : verify(db, &key, expect, &e);
	db_close(db);
	sodium_memzero(&key, sizeof(key));
	return rc ? cli_fail(&e) : 0;
}

/*
 * audit.c - `spire audit verify|head|list --db FILE|URL`: walk the audit
 * chain under its key, print the head an operator records so that a later
 * verify can tell a truncated or rewritten trail, and export the rows
 * (docs/audit.md).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/maintenance.h"

static const char USAGE[] =
    "usage: spire audit verify --db FILE|URL [--audit-key FILE]"
    " [--expect-head HEAD]\n"
    "       spire audit head --db FILE|URL [--audit-key FILE]\n"
    "       spire audit list --db FILE|URL [--after SEQ]\n"
    "verify: recompute every audit row's MAC under the audit key and check\n"
    "  both chains (the records' and the access log) are unbroken; with\n"
    "  --expect-head, also check that the heads recorded earlier\n"
    "  (SEQ:MAC,SEQ:MAC from `spire audit head`) are still in them, so a\n"
    "  truncated or rewritten trail fails. Exits 1 and names the first bad\n"
    "  row when it is not.\n"
    "head: print the last row of each chain as SEQ:MAC,SEQ:MAC (the\n"
    "  records', then the access log's), for the operator to record\n"
    "  somewhere the database's users cannot write.\n"
    "list: print every row after SEQ (all rows without --after), oldest\n"
    "  first, one JSON object a line: seq, at, user_id, username, ip,\n"
    "  action, record_type, record_id, person_id, break_glass, reason,\n"
    "  detail. Reads beside a running server; needs no key.\n"
    "The key is read from --audit-key, else $SPIRE_AUDIT_KEY_FILE, else\n"
    "FILE.audit-key beside the database.\n";

/* Print one exported row as a line of JSON; 1 when stdout fails. */
static int
print_row(json_t *row, void *arg)
{
	(void)arg;
	if (json_dumpf(row, stdout, JSON_COMPACT) != 0 ||
	    fputc('\n', stdout) == EOF)
		return 1;
	return 0;
}

/* --after SEQ: a whole number, 0 or more. */
static int
parse_after(const char *text, int64_t *after)
{
	char *end = NULL;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (errno || end == text || *end || v < 0)
		return -1;
	*after = (int64_t)v;
	return 0;
}

int
cli_audit(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"audit-key", required_argument, NULL, 'k'},
	    {"expect-head", required_argument, NULL, 'x'},
	    {"after", required_argument, NULL, 'a'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL, *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const char *expect = NULL, *after_text = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:k:x:a:h", opts, NULL)) != -1) {
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
		case 'a':
			after_text = optarg;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return 0;
		default:
			return cli_usage(USAGE, "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage(USAGE, "expected 'verify', 'head' or 'list'");
	int is_head = strcmp(argv[optind], "head") == 0;
	int is_list = strcmp(argv[optind], "list") == 0;
	if (!is_head && !is_list && strcmp(argv[optind], "verify") != 0)
		return cli_usage(USAGE, "expected 'verify', 'head' or 'list'");
	if (optind + 1 < argc)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind + 1]);
	if (!path)
		return cli_usage(USAGE, "--db is required: a database file, or "
		                        "a postgresql:// URL");
	if ((is_head || is_list) && expect)
		return cli_usage(USAGE, "--expect-head is for verify");
	int64_t after = 0;
	if (after_text && !is_list)
		return cli_usage(USAGE, "--after is for list");
	if (after_text && parse_after(after_text, &after) != 0)
		return cli_usage(USAGE, "--after must be a row number (SEQ)");
	if (cli_no_database(path))
		return cli_missing_database(path);
	struct err e;
	err_clear(&e);
	int rc;
	if (is_list) {
		rc = maintenance_audit_list(path, after, print_row, NULL, &e);
		if (rc == 1)
			rc = err_set(&e, SPIRE_EIO, NULL,
			             "could not write to standard output");
	} else if (is_head) {
		char head[MAINTENANCE_HEAD_LEN];
		rc = maintenance_audit_head(path, key_file, head, &e);
		if (rc == 0)
			printf("%s\n", head);
	} else {
		int64_t rows = 0;
		rc =
		    maintenance_audit_verify(path, key_file, expect, &rows, &e);
		if (rc == 0)
			printf("audit trail intact: %lld rows%s\n",
			       (long long)rows,
			       expect ? ", recorded head present" : "");
	}
	return rc ? cli_fail(&e) : 0;
}

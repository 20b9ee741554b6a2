/*
 * audit.c - `spire audit verify|head --db FILE`: walk the audit chain
 * under its key, and print the head an operator records so that a later
 * verify can tell a truncated or rewritten trail (docs/audit.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/maintenance.h"

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
	int rc;
	if (is_head) {
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

/*
 * audit.c - `spire audit verify --db FILE`: walk the audit hash chain.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/audit.h"
#include "store/db.h"

static const char USAGE[] =
    "usage: spire audit verify --db FILE\n"
    "Recompute every audit row's hash and check the chain is unbroken.\n"
    "Exits 1 and names the first bad row when it is not.\n";

int
cli_audit(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return 0;
		default:
			return cli_usage(USAGE, "bad option");
		}
	}
	if (optind >= argc || strcmp(argv[optind], "verify") != 0)
		return cli_usage(USAGE, "expected 'verify'");
	if (optind + 1 < argc)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind + 1]);
	if (!path)
		return cli_usage(USAGE, "--db FILE is required");
	if (access(path, F_OK) != 0)
		return cli_usage(USAGE, "no database at %s", path);
	struct err e;
	err_clear(&e);
	struct db *db = NULL;
	int64_t checked = 0, bad = 0;
	int rc = db_open(path, DB_OPEN_READONLY, &db, &e);
	if (rc == 0)
		rc = audit_verify(db, &checked, &bad, &e);
	db_close(db);
	if (rc) {
		cli_fail(&e);
		return 1;
	}
	printf("audit trail intact: %lld rows\n", (long long)checked);
	return 0;
}

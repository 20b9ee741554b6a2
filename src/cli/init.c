/*
 * init.c - `spire init --db FILE`: create or migrate a database.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/schema.h"

static const char USAGE[] =
    "usage: spire init --db FILE\n"
    "Create the database FILE, or bring it to the latest schema.\n"
    "Each migration runs in its own transaction; re-running is safe.\n";

int
cli_init(int argc, char **argv)
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
	if (optind < argc)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind]);
	if (!path)
		return cli_usage(USAGE, "--db FILE is required");
	struct err e;
	err_clear(&e);
	struct db *db = NULL;
	int rc = db_open(path, DB_OPEN_CREATE, &db, &e);
	int before = rc ? 0 : schema_current(db, &e);
	if (rc == 0 && before >= 0)
		rc = schema_migrate(db, &e);
	else if (rc == 0)
		rc = before;
	db_close(db);
	if (rc)
		return cli_fail(&e);
	printf("%s: schema at version %d (was %d)\n", path, schema_latest(),
	       before);
	return 0;
}

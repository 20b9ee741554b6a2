/*
 * backup.c - `spire backup --db FILE --to FILE`: a consistent online copy
 * (VACUUM INTO, safe while the server runs), then integrity_check on the
 * copy.
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/db.h"

static const char USAGE[] =
    "usage: spire backup --db FILE --to FILE\n"
    "Copy the database consistently while it is in use, then verify the\n"
    "copy with PRAGMA integrity_check. The target must not exist.\n";

int
cli_backup(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"to", required_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL, *to = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 't':
			to = optarg;
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
	if (!path || !to)
		return cli_usage(USAGE, "--db and --to are required");
	if (access(path, F_OK) != 0)
		return cli_usage(USAGE, "no database at %s", path);
	if (access(to, F_OK) == 0)
		return cli_usage(USAGE, "%s exists; choose a new file", to);
	struct err e;
	err_clear(&e);
	struct db *db = NULL, *copy = NULL;
	int rc = db_open(path, 0, &db, &e);
	if (rc == 0)
		rc = db_backup_into(db, to, &e);
	db_close(db);
	if (rc == 0)
		rc = db_open(to, DB_OPEN_READONLY, &copy, &e);
	if (rc == 0)
		rc = db_integrity_check(copy, &e);
	db_close(copy);
	if (rc)
		return cli_fail(&e);
	printf("backed up %s to %s (integrity ok)\n", path, to);
	return 0;
}

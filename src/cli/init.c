/*
 * init.c - `spire init --db FILE|URL`: create or migrate a database.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "service/maintenance.h"

static const char USAGE[] =
    "usage: spire init --db FILE|URL [--audit-key KEYFILE]\n"
    "Create the database FILE, or bring it to the latest schema.\n"
    "Each migration runs in its own transaction; re-running is safe.\n"
    "The audit trail's key is KEYFILE (else $SPIRE_AUDIT_KEY_FILE, else\n"
    "FILE.audit-key): made (mode 0600) when missing, and an existing\n"
    "unkeyed trail is checked and re-keyed under it; back it up apart\n"
    "from the database (docs/audit.md).\n";

int
cli_init(int argc, char **argv)
{
	const char *path = NULL, *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const struct cli_opt opts[] = {
	    {"db", 'd', &path},
	    {"audit-key", 'k', &key_file},
	    {NULL, 0, NULL},
	};
	int status = cli_options(argc, argv, USAGE, opts);
	if (status >= 0)
		return status;
	if (!path)
		return cli_usage(USAGE, "--db is required: a database file, or "
		                        "a postgresql:// URL");
	struct err e;
	err_clear(&e);
	char key_path[MAINTENANCE_PATH_LEN];
	int before, after;
	if (maintenance_init(path, key_file, &before, &after, key_path, &e))
		return cli_fail(&e);
	char shown[4096];
	printf("%s: schema at version %d (was %d); audit key %s\n",
	       cli_db_shown(path, shown, sizeof(shown)), after, before,
	       key_path);
	return 0;
}

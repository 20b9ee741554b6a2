/*
 * backup.c - `spire backup --db FILE|URL --to FILE`: a consistent online copy
 * (VACUUM INTO, safe while the server runs), then integrity_check on the
 * copy, and the copy's audit head (checked under the live key) written
 * beside it for `spire audit verify --expect-head` after a restore.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/maintenance.h"

static const char USAGE[] =
    "usage: spire backup --db FILE|URL --to COPY [--audit-key KEYFILE]\n"
    "Copy the database consistently while it is in use, and its access\n"
    "log (FILE.access) to COPY.access, then verify the copy with PRAGMA\n"
    "integrity_check. Neither target may exist.\n"
    "The copy's audit head (SEQ:MAC,SEQ:MAC) is checked under the audit key\n"
    "(KEYFILE, else $SPIRE_AUDIT_KEY_FILE, else FILE.audit-key), printed\n"
    "and written to COPY.audit-head. The key is not copied: back it up\n"
    "separately (docs/audit.md).\n";

int
cli_backup(int argc, char **argv)
{
	const char *path = NULL, *to = NULL;
	const char *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const struct cli_opt opts[] = {
	    {"db", 'd', &path},
	    {"to", 't', &to},
	    {"audit-key", 'k', &key_file},
	    {NULL, 0, NULL},
	};
	int status = cli_options(argc, argv, USAGE, opts);
	if (status >= 0)
		return status;
	if (!path || !to)
		return cli_usage(USAGE, "--db and --to are required");
	if (cli_no_database(path))
		return cli_missing_database(path);
	if (access(to, F_OK) == 0)
		return cli_usage(USAGE, "%s exists; choose a new file", to);

	struct err e;
	err_clear(&e);
	struct maintenance_backup b;
	int rc = maintenance_backup(path, to, key_file, &b, &e);
	if (b.warning[0])
		fprintf(stderr,
		        "spire: warning: %s; the copy's audit head is not "
		        "checked\n",
		        b.warning);
	if (rc)
		return cli_fail(&e);
	char shown[4096];
	printf("backed up %s to %s (integrity ok); audit head %s in %s\n",
	       cli_db_shown(path, shown, sizeof(shown)), to, b.head,
	       b.head_path);
	return 0;
}

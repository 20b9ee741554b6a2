/*
 * backup.c - `spire backup --db FILE --to FILE`: a consistent online copy
 * (VACUUM INTO, safe while the server runs), then integrity_check on the
 * copy, and the copy's audit head (checked under the live key) written
 * beside it for `spire audit verify --expect-head` after a restore.
 */
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
    "usage: spire backup --db FILE --to COPY [--audit-key KEYFILE]\n"
    "Copy the database consistently while it is in use, then verify the\n"
    "copy with PRAGMA integrity_check. The target must not exist.\n"
    "The copy's audit head (SEQ:MAC) is checked under the audit key\n"
    "(KEYFILE, else $SPIRE_AUDIT_KEY_FILE, else FILE.audit-key), printed\n"
    "and written to COPY.audit-head. The key is not copied: back it up\n"
    "separately (docs/audit.md).\n";

int
cli_backup(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"to", required_argument, NULL, 't'},
	    {"audit-key", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL, *to = NULL;
	const char *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:t:k:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'k':
			key_file = optarg;
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
	char key_path[1024], head_path[1024];
	struct audit_key key;
	struct audit_tip tip;
	int have_key = 0;
	int rc = audit_key_path(path, key_file, key_path, sizeof(key_path), &e);
	if (rc == 0)
		rc = audit_key_path(to, NULL, head_path, sizeof(head_path), &e);
	if (rc)
		return cli_fail(&e);
	/* A backup is not refused for want of the key: it is only needed to
	 * vouch for the copy's head. */
	if (audit_key_load(key_path, &key, &e) == 0)
		have_key = 1;
	else
		fprintf(stderr,
		        "spire: warning: %s; the copy's audit head is not "
		        "checked\n",
		        e.message);
	err_clear(&e);
	/* "COPY.audit-key" -> "COPY.audit-head" */
	snprintf(head_path + strlen(head_path) - 3, 5, "head");
	rc = db_open(path, 0, &db, &e);
	if (rc == 0)
		rc = db_backup_into(db, to, &e);
	db_close(db);
	if (rc == 0)
		rc = db_open(to, DB_OPEN_READONLY, &copy, &e);
	if (rc == 0)
		rc = db_integrity_check(copy, &e);
	if (rc == 0 && have_key)
		rc = audit_check_tip(copy, &key, &e);
	if (rc == 0)
		rc = audit_load_tip(copy, &tip, &e);
	db_close(copy);
	sodium_memzero(&key, sizeof(key));
	if (rc)
		return cli_fail(&e);
	FILE *f = fopen(head_path, "wx");
	int ok = f && fprintf(f, "%lld:%s\n", (long long)tip.seq, tip.hash) > 0;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok) {
		err_set(&e, SPIRE_EIO, NULL, "cannot write %s", head_path);
		return cli_fail(&e);
	}
	printf("backed up %s to %s (integrity ok); audit head %lld:%s in %s\n",
	       path, to, (long long)tip.seq, tip.hash, head_path);
	return 0;
}

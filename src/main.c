/*
 * main.c - the spire binary: dispatches to a subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} COMMANDS[] = {
    {"init", cli_init, "create or migrate a database"},
    {"user", cli_user, "add, disable or list users"},
    {"team", cli_team, "add or list teams"},
    {"serve", cli_serve, "run the HTTP server"},
    {"demo", cli_demo, "fill a database with synthetic demo data"},
    {"backup", cli_backup, "take a consistent online backup"},
    {"audit", cli_audit, "verify the audit trail's hash chain"},
    {"routes", cli_routes, "print the API route table as JSON"},
    {"report", cli_report, "compute youth justice measures"},
    {"form", cli_form, "check form definitions or list those loaded"},
    {"resource", cli_resource,
     "check resource descriptions or list those served"},
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: spire COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
		fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].help);
	fprintf(f, "\nRun 'spire COMMAND --help' for a command's options.\n");
}

int
main(int argc, char **argv)
{
	/* The UK civil date's zone, before any thread can read TZ. */
	clock_init();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	/* Hidden: every migration's SQL, for the schema parity test. */
	if (strcmp(argv[1], "schema-sql") == 0)
		return cli_schema_sql(argc - 1, argv + 1);
	for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
		if (strcmp(argv[1], COMMANDS[i].name) == 0)
			return COMMANDS[i].run(argc - 1, argv + 1);
	fprintf(stderr, "spire: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}

/*
 * schema_sql.c - `spire schema-sql --dialect postgresql|sqlite`, not in
 * the command list: every migration's SQL for one store, in order, for
 * the schema parity test (tests/store/pg_schema_parity.test.mjs) and for
 * reading what a migration does on PostgreSQL.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "service/maintenance.h"

static const char USAGE[] =
    "usage: spire schema-sql --dialect sqlite|postgresql\n"
    "Print every migration's SQL for that store, in the order they run,\n"
    "each after a line \"-- migration N: NAME\" (0: the bookkeeping\n"
    "table). The fill steps, which rewrite rows in C, are not in it.\n";

int
cli_schema_sql(int argc, char **argv)
{
	const char *dialect = NULL;
	const struct cli_opt opts[] = {
	    {"dialect", 'd', &dialect},
	    {NULL, 0, NULL},
	};
	int status = cli_options(argc, argv, USAGE, opts);
	if (status >= 0)
		return status;
	if (!dialect)
		return cli_usage(USAGE, "--dialect is required");
	struct err e;
	err_clear(&e);
	if (maintenance_schema_sql(dialect, stdout, &e) != 0)
		return cli_usage(USAGE, "unknown dialect '%s'", dialect);
	return fflush(stdout) == 0 ? 0 : 1;
}

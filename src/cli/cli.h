/*
 * cli.h - the spire subcommands. Each parses its own options with
 * getopt_long, prints --help, reports bad arguments on stderr and returns
 * the process exit status (0 ok, 1 failure, 2 usage).
 */
#ifndef SPIRE_CLI_H
#define SPIRE_CLI_H

#include <jansson.h>

#include "core/err.h"
#include "service/ctx.h"

int cli_init(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_team(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_routes(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_form(int argc, char **argv);
int cli_resource(int argc, char **argv);
/* Hidden: not in the command list (cli/schema_sql.c). */
int cli_schema_sql(int argc, char **argv);

/* Print "spire: message" for e on stderr; returns 1. */
int cli_fail(const struct err *e);

/*
 * Whether --db path names no database: a SQLite file that does not exist.
 * A PostgreSQL URL is never "missing" here (opening it says whether it
 * answers).
 */
int cli_no_database(const char *path);

/*
 * Say in one line that there is no database at path, and how to make one
 * (not the usage: the command was right, the file is missing); returns
 * the exit status, 1.
 */
int cli_missing_database(const char *path);

/*
 * The database path or URL as it may be printed: a PostgreSQL URL's
 * password (in "user:PASSWORD@" or a "password=" parameter) becomes
 * "****", so output that lands in logs and cron mail never carries it.
 * Writes at most n bytes (NUL included) into out and returns out.
 */
const char *cli_db_shown(const char *path, char *out, size_t n);

/* Print a usage error and return 2. */
int cli_usage(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Print each problem e holds about the file or directory path on stderr,
 * one line each: "path: field: message" (every field e names, e->more
 * too), or "path: message" when there is no field.
 */
void cli_print_problems(const char *path, const struct err *e);

/*
 * The directory a "list" command reads: cfg's configuration with the
 * environment over it (*cfg filled), then `flag DIR` in argv if given
 * (which must be a folder: one named on purpose and missing is an error,
 * while the configured one may be absent and hold nothing); *dir points
 * into cfg or argv. Returns 0, or the command's exit status
 * (1 for a bad configuration, 2 for any other argument).
 */
int cli_dir_arg(int argc, char **argv, const char *flag, const char *usage,
                struct config *cfg, size_t dir_offset, const char **dir);

/*
 * The "check FILE..." action: load and check each file with load (a
 * service's loader: 0 and *doc new, or e set); print "FILE: WHAT is
 * valid" for a good one, what describe(doc) writes into WHAT (at most
 * len bytes), and each problem of a bad one (cli_print_problems). Returns
 * the exit status: 0 all good, 1 any bad, 2 no FILE.
 */
typedef int (*cli_load_fn)(const char *path, json_t **doc, struct err *e);
int cli_check_files(int argc, char **argv, const char *usage, cli_load_fn load,
                    void (*describe)(const json_t *doc, char *out, size_t len));

/* 1 (after printing usage on stdout) when argv asks for --help or -h. */
int cli_wants_help(int argc, char **argv, const char *usage);

/*
 * The action of a command with actions ("spire team add ..."): the index
 * in actions (NULL-ended) of argv[1]. -1 when the command stops there,
 * with *status its exit status: 0 after printing usage on stdout for
 * --help or -h as argv[1]; 2 after a usage error (cli_usage): `expected`
 * as it is when no action is given, "unknown action 'X'" for another.
 */
int cli_action(int argc, char **argv, const char *usage,
               const char *const *actions, const char *expected, int *status);

/* One option that takes a value: --name VALUE or -letter VALUE. */
struct cli_opt {
	const char *name;   /* the long option, without "--" */
	int letter;         /* its short option (not 'h') */
	const char **value; /* set to the value given (the last one wins) */
};
#define CLI_OPTS_MAX 16

/*
 * Read the options of argv (argv[0] the command's word, as getopt's own
 * messages name it) against opts (at most CLI_OPTS_MAX, ended by a NULL
 * name) and --help/-h, with getopt_long, leaving nothing else. Returns
 * -1 when all was read and the command goes on (each value given is set;
 * the others are left as they were); else the exit status the command
 * returns: 0 after printing usage on stdout (--help), 2 after a usage
 * error (cli_usage: "bad option", or "unexpected argument 'X'" for the
 * first word that is not an option).
 */
int cli_options(int argc, char **argv, const char *usage,
                const struct cli_opt *opts);

/*
 * Open srv on db_path for a command-line action and set up ctx for a
 * "system" actor (audited as user 0 "cli"). Release with cli_close().
 */
int cli_open(struct server *srv, const char *db_path, struct ctx *ctx,
             struct arena *arena, struct err *e);
/* The same with the audit trail's key file key_file (--audit-key) over
 * the configuration's, when not NULL. */
int cli_open_key(struct server *srv, const char *db_path, const char *key_file,
                 struct ctx *ctx, struct arena *arena, struct err *e);
void cli_close(struct server *srv, struct ctx *ctx, struct arena *arena);

#endif

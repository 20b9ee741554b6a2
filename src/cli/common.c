/*
 * common.c - what every subcommand shares: errors, usage, opening the
 * store as the command-line actor.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/maintenance.h"

int
cli_no_database(const char *path)
{
	return !maintenance_db_is_url(path) && access(path, F_OK) != 0;
}

int
cli_missing_database(const char *path)
{
	fprintf(stderr,
	        "spire: no database at %s: check the path, or make one with "
	        "spire init --db %s\n",
	        path, path);
	return 1;
}

const char *
cli_db_shown(const char *path, char *out, size_t n)
{
	snprintf(out, n, "%s", path);
	if (!maintenance_db_is_url(path))
		return out;
	/* "scheme://user:PASSWORD@host...": the password runs from the
	 * first ':' after "//" to the '@' that ends the user info. */
	char *auth = strstr(out, "//");
	if (auth) {
		auth += 2;
		char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
		char *colon = strchr(auth, ':');
		if (at && (!slash || at < slash) && colon && colon < at) {
			char tail[4096];
			snprintf(tail, sizeof(tail), "%s", at);
			snprintf(colon, n - (size_t)(colon - out), ":****%s",
			         tail);
		}
	}
	/* "...?password=SECRET&...": up to the next '&'. */
	char *p = strstr(out, "password=");
	if (p && (p == out || p[-1] == '?' || p[-1] == '&')) {
		p += strlen("password=");
		char *end = strchr(p, '&');
		char tail[4096];
		snprintf(tail, sizeof(tail), "%s", end ? end : "");
		snprintf(p, n - (size_t)(p - out), "****%s", tail);
	}
	return out;
}

int
cli_fail(const struct err *e)
{
	if (e->field[0])
		fprintf(stderr, "spire: %s: %s\n", e->field, e->message);
	else
		fprintf(stderr, "spire: %s\n", e->message);
	return 1;
}

int
cli_usage(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "spire: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n%s", usage);
	va_end(ap);
	return 2;
}

void
cli_print_problems(const char *path, const struct err *e)
{
	/* A problem with no field is about the file as a whole, and its
	 * message names it. */
	if (e->field[0])
		fprintf(stderr, "%s: %s: %s\n", path, e->field, e->message);
	else
		fprintf(stderr, "spire: %s\n", e->message);
	for (unsigned i = 0; i < e->n_more; i++)
		fprintf(stderr, "%s: %s: %s\n", path, e->more[i].field,
		        e->more[i].message);
}

int
cli_dir_arg(int argc, char **argv, const char *flag, const char *usage,
            struct config *cfg, size_t dir_offset, const char **dir)
{
	struct err e;
	err_clear(&e);
	config_defaults(cfg);
	if (config_load_env(cfg, &e) != 0)
		return cli_fail(&e);
	*dir = (const char *)cfg + dir_offset;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], flag) == 0 && i + 1 < argc) {
			*dir = argv[++i];
			/* A folder named on purpose must be there. */
			struct stat st;
			if (stat(*dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
				fprintf(stderr,
				        "spire: there is no folder %s\n", *dir);
				return 1;
			}
		} else {
			return cli_usage(usage, "unexpected argument '%s'",
			                 argv[i]);
		}
	}
	return 0;
}

int
cli_check_files(int argc, char **argv, const char *usage, cli_load_fn load,
                void (*describe)(const json_t *doc, char *out, size_t len))
{
	if (argc < 1)
		return cli_usage(usage, "expected a FILE to check");
	int failed = 0;
	for (int i = 0; i < argc; i++) {
		struct err e;
		err_clear(&e);
		json_t *doc = NULL;
		if (load(argv[i], &doc, &e) != 0) {
			cli_print_problems(argv[i], &e);
			failed = 1;
			continue;
		}
		char what[160];
		describe(doc, what, sizeof(what));
		printf("%s: %s is valid\n", argv[i], what);
		json_decref(doc);
	}
	return failed;
}

int
cli_wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 1;
		}
	return 0;
}

int
cli_open(struct server *srv, const char *db_path, struct ctx *ctx,
         struct arena *arena, struct err *e)
{
	return cli_open_key(srv, db_path, NULL, ctx, arena, e);
}

int
cli_open_key(struct server *srv, const char *db_path, const char *key_file,
             struct ctx *ctx, struct arena *arena, struct err *e)
{
	config_defaults(&srv->cfg);
	int rc = config_load_env(&srv->cfg, e);
	if (rc)
		return rc;
	snprintf(srv->cfg.db_path, sizeof(srv->cfg.db_path), "%s", db_path);
	if (key_file) {
		if (strlen(key_file) >= sizeof(srv->cfg.audit_key_file))
			return err_set(e, SPIRE_EINVAL, "audit_key_file",
			               "the audit key's path is too long");
		snprintf(srv->cfg.audit_key_file,
		         sizeof(srv->cfg.audit_key_file), "%s", key_file);
	}
	srv->cfg.readers = 2;
	srv->cfg.disk_reserve = 0;       /* only the server keeps one */
	srv->cfg.read_replica[0] = '\0'; /* commands read the primary */
	rc = server_open(srv, e);
	if (rc)
		return rc;
	arena_init(arena, 0);
	ctx_init(ctx, srv, arena, "cli");
	static const struct user cli_user = {.id = 0,
	                                     .username = "cli",
	                                     .full_name = "Command line",
	                                     .role_name = "admin",
	                                     .role = 1u};
	ctx->user = &cli_user;
	return 0;
}

void
cli_close(struct server *srv, struct ctx *ctx, struct arena *arena)
{
	ctx_release(ctx);
	arena_release(arena);
	server_release(srv);
}

/*
 * user.c - `spire user add|disable|list`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <termios.h>

#include "cli/cli.h"
#include "service/users.h"

/* Each action's own usage, so that a mistake in one shows that one
 * (`spire user list` is not answered with the usage of `add`); USAGE, all
 * three, for `spire user` alone or an unknown action. */
#define USAGE_ADD                                                              \
	"usage: spire user add --db FILE|URL --username NAME --role ROLE\n"    \
	"                      [--team TEAM] [--service CODE] [--name \"Full " \
	"Name\"]\n"
#define USAGE_DISABLE                                                          \
	"usage: spire user disable --db FILE|URL --username NAME\n"
#define USAGE_LIST "usage: spire user list --db FILE|URL\n"
#define ADD_NOTES                                                              \
	"The password for 'add' is read from standard input (not echoed on "   \
	"a\n"                                                                  \
	"terminal); it must be at least 12 characters and not a common one.\n" \
	"ROLE: admin manager yjs_officer parent_worker fgc_coordinator\n"      \
	"      social_worker hub_worker analyst (staff only: a parent's\n"     \
	"      account comes from an invitation their worker issues)\n"        \
	"TEAM is a team name in service CODE (default youth_justice).\n"
#define KEY_NOTE                                                               \
	"Every action takes --audit-key KEYFILE, the audit trail's key "       \
	"(else\n"                                                              \
	"$SPIRE_AUDIT_KEY_FILE, else FILE.audit-key; a postgresql:// URL\n"    \
	"needs one named).\n"

static const char USAGE[] =
    "usage: spire user add --db FILE|URL --username NAME --role ROLE\n"
    "                      [--team TEAM] [--service CODE] [--name \"Full "
    "Name\"]\n"
    "       spire user disable --db FILE|URL --username NAME\n"
    "       spire user list --db FILE|URL\n" ADD_NOTES KEY_NOTE;
static const char USAGE_OF_ADD[] = USAGE_ADD ADD_NOTES KEY_NOTE;
static const char USAGE_OF_DISABLE[] = USAGE_DISABLE KEY_NOTE;
static const char USAGE_OF_LIST[] = USAGE_LIST KEY_NOTE;

/* Read one line from stdin into buf without echo on a terminal. */
static int
read_password(char *buf, size_t len)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "Password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *ok = fgets(buf, (int)len, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

static const char *
team_of(const json_t *u)
{
	const char *team = json_string_value(json_object_get(u, "team_name"));
	return team ? team : "-";
}

/* Each column as wide as its longest entry, so that the status lines up
 * after a long team name ("Children's Social Care Central"). Widths count
 * characters, not bytes: a team name may have accents. */
static int
text_width(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
print_cell(const char *s, int width)
{
	printf("%s%*s ", s, width - text_width(s), "");
}

static void
print_users(const json_t *items)
{
	int wu = text_width("username"), wt = text_width("team");
	size_t i;
	json_t *u;
	json_array_foreach(items, i, u)
	{
		int n = text_width(
		    json_string_value(json_object_get(u, "username")));
		wu = n > wu ? n : wu;
		n = text_width(team_of(u));
		wt = n > wt ? n : wt;
	}
	printf("%-6s ", "id");
	print_cell("username", wu);
	printf("%-16s ", "role");
	print_cell("team", wt);
	printf("status\n");
	json_array_foreach(items, i, u)
	{
		printf("%-6lld ",
		       (long long)json_integer_value(json_object_get(u, "id")));
		print_cell(json_string_value(json_object_get(u, "username")),
		           wu);
		printf("%-16s ", json_string_value(json_object_get(u, "role")));
		print_cell(team_of(u), wt);
		printf("%s\n", json_is_null(json_object_get(u, "disabled_at"))
		                   ? "active"
		                   : "disabled");
	}
}

int
cli_user(int argc, char **argv)
{
	static const char *const ACTIONS[] = {"add", "disable", "list", NULL};
	int status;
	if (cli_action(argc, argv, USAGE, ACTIONS,
	               "expected add, disable or list", &status) < 0)
		return status;
	const char *verb = argv[1];
	const char *usage = !strcmp(verb, "add")       ? USAGE_OF_ADD
	                    : !strcmp(verb, "disable") ? USAGE_OF_DISABLE
	                                               : USAGE_OF_LIST;
	struct user_spec spec = {0};
	const char *path = NULL;
	const char *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const struct cli_opt opts[] = {
	    {"db", 'd', &path},
	    {"username", 'u', &spec.username},
	    {"role", 'r', &spec.role},
	    {"team", 't', &spec.team},
	    {"service", 's', &spec.service_code},
	    {"name", 'n', &spec.full_name},
	    {"audit-key", 'k', &key_file},
	    {NULL, 0, NULL},
	};
	status = cli_options(argc - 1, argv + 1, usage, opts);
	if (status >= 0)
		return status;
	if (!path)
		return cli_usage(usage, "--db is required: a database file, or "
		                        "a postgresql:// URL");
	if (strcmp(verb, "list") != 0 && !spec.username)
		return cli_usage(usage, "--username is required");
	if (!strcmp(verb, "add") && !spec.role)
		return cli_usage(usage, "--role is required");
	if (cli_no_database(path))
		return cli_missing_database(path);
	char password[300];
	if (!strcmp(verb, "add")) {
		if (read_password(password, sizeof(password)) != 0)
			return cli_usage(usage,
			                 "no password on standard input");
		spec.password = password;
		if (!spec.full_name)
			spec.full_name = spec.username;
	}
	struct server srv;
	struct ctx ctx;
	struct arena arena;
	struct err e;
	err_clear(&e);
	int rc = cli_open_key(&srv, path, key_file, &ctx, &arena, &e);
	if (rc)
		return cli_fail(&e);
	json_t *out = NULL;
	if (!strcmp(verb, "add")) {
		rc = users_create(&ctx, &spec, &out, &e);
		if (rc == 0)
			printf("added user %s (id %lld, %s)\n", spec.username,
			       (long long)json_integer_value(
			           json_object_get(out, "id")),
			       spec.role);
	} else if (!strcmp(verb, "disable")) {
		rc = users_disable_by_name(&ctx, spec.username, &e);
		if (rc == 0)
			printf("disabled %s; their sessions have ended\n",
			       spec.username);
	} else {
		struct user_filter all = {0};
		rc = users_list(&ctx, &all, 200, 0, &out, &e);
		if (rc == 0)
			print_users(json_object_get(out, "items"));
	}
	json_decref(out);
	memset(password, 0, sizeof(password));
	cli_close(&srv, &ctx, &arena);
	return rc ? cli_fail(&e) : 0;
}

/*
 * team.c - `spire team add|list`: teams inside the services.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "service/users.h"

static const char USAGE[] =
    "usage: spire team add --db FILE|URL --service CODE --name NAME\n"
    "       spire team list --db FILE|URL\n"
    "CODE: youth_justice early_help family_hub childrens_social_care fgc\n"
    "      parenting\n"
    "Every action takes --audit-key KEYFILE, the audit trail's key (else\n"
    "$SPIRE_AUDIT_KEY_FILE, else FILE.audit-key; a postgresql:// URL\n"
    "needs one named).\n";

int
cli_team(int argc, char **argv)
{
	static const char *const ACTIONS[] = {"add", "list", NULL};
	int status;
	if (cli_action(argc, argv, USAGE, ACTIONS, "expected add or list",
	               &status) < 0)
		return status;
	const char *verb = argv[1];
	const char *path = NULL, *service = NULL, *name = NULL;
	const char *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	const struct cli_opt opts[] = {
	    {"db", 'd', &path},   {"service", 's', &service},
	    {"name", 'n', &name}, {"audit-key", 'k', &key_file},
	    {NULL, 0, NULL},
	};
	status = cli_options(argc - 1, argv + 1, USAGE, opts);
	if (status >= 0)
		return status;
	if (!path)
		return cli_usage(USAGE, "--db is required: a database file, or "
		                        "a postgresql:// URL");
	if (!strcmp(verb, "add") && (!service || !name))
		return cli_usage(USAGE, "--service and --name are required");
	if (cli_no_database(path))
		return cli_missing_database(path);
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
		json_t *body = json_pack("{s:s, s:s}", "service_code", service,
		                         "name", name);
		rc = body ? teams_create(&ctx, body, &out, &e)
		          : err_set(&e, SPIRE_ENOMEM, NULL, "out of memory");
		json_decref(body);
		if (rc == 0)
			printf("added team %s (id %lld) in %s\n", name,
			       (long long)json_integer_value(
			           json_object_get(out, "id")),
			       service);
	} else {
		rc = teams_list(&ctx, 0, &out, &e);
		size_t i;
		json_t *t;
		json_array_foreach(rc == 0 ? out : NULL, i, t)
		{
			printf("%-6lld %-24s %s\n",
			       (long long)json_integer_value(
			           json_object_get(t, "id")),
			       json_string_value(
			           json_object_get(t, "service_code")),
			       json_string_value(json_object_get(t, "name")));
		}
	}
	json_decref(out);
	cli_close(&srv, &ctx, &arena);
	return rc ? cli_fail(&e) : 0;
}

/*
 * team.c - `spire team add|list`: teams inside the services.
 */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"service", required_argument, NULL, 's'},
	    {"name", required_argument, NULL, 'n'},
	    {"audit-key", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	if (argc < 2)
		return cli_usage(USAGE, "expected add or list");
	const char *verb = argv[1];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
		fputs(USAGE, stdout);
		return 0;
	}
	if (strcmp(verb, "add") != 0 && strcmp(verb, "list") != 0)
		return cli_usage(USAGE, "unknown action '%s'", verb);
	const char *path = NULL, *service = NULL, *name = NULL;
	const char *key_file = getenv("SPIRE_AUDIT_KEY_FILE");
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "d:s:n:k:h", opts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 's':
			service = optarg;
			break;
		case 'n':
			name = optarg;
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
	if (optind < argc - 1)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind + 1]);
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

/*
 * resource.c - `spire resource check|list`: check resource description
 * files before they are deployed, and show the resources a directory
 * describes (docs/resources.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/config.h"
#include "service/resource_files.h"

static const char USAGE[] =
    "usage: spire resource check FILE...\n"
    "       spire resource list [--resources DIR]\n"
    "check: validate each resource description and print its problem;\n"
    "exit 1 if any file has one.\n"
    "list: every resource Spire would serve, those written in C and those\n"
    "DIR describes (default: server.resources_dir, SPIRE_RESOURCES_DIR, or\n"
    "./resources), one a line: name, path, about, label, where from.\n";

static void
print_problem(const char *path, const struct err *e)
{
	if (e->field[0])
		fprintf(stderr, "%s: %s: %s\n", path, e->field, e->message);
	else
		fprintf(stderr, "%s: %s\n", path, e->message);
}

static int
check(int argc, char **argv)
{
	if (argc < 1)
		return cli_usage(USAGE, "expected a FILE to check");
	int failed = 0;
	for (int i = 0; i < argc; i++) {
		struct err e;
		err_clear(&e);
		json_t *doc = NULL;
		if (resource_files_load_file(argv[i], &doc, &e) != 0) {
			print_problem(argv[i], &e);
			failed = 1;
			continue;
		}
		printf("%s: resource '%s' is valid\n", argv[i],
		       json_string_value(json_object_get(doc, "name")));
		json_decref(doc);
	}
	return failed;
}

static int
list(int argc, char **argv)
{
	struct config cfg;
	struct err e;
	err_clear(&e);
	config_defaults(&cfg);
	if (config_load_env(&cfg, &e) != 0)
		return cli_fail(&e);
	const char *dir = cfg.resources_dir;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--resources") == 0 && i + 1 < argc)
			dir = argv[++i];
		else
			return cli_usage(USAGE, "unexpected argument '%s'",
			                 argv[i]);
	}
	struct resource_files r;
	if (resource_files_load_dir(&r, dir, &e) != 0) {
		print_problem(dir, &e);
		return 1;
	}
	const struct resource *all[RESOURCE_FILES_MAX + 16];
	size_t n = resource_files_all(&r, all, RESOURCE_FILES_MAX + 16);
	for (size_t i = 0; i < n; i++) {
		const struct list_key *k = all[i]->list_keys;
		const char *about = !k || !k->field      ? "-"
		                    : k->kind == RK_CASE ? "case"
		                                         : "person";
		printf("%s\t/api/v1/%s\t%s\t%s\t%s\n", all[i]->name,
		       all[i]->plural, about, all[i]->label,
		       i >= n - r.n ? dir : "built in");
	}
	resource_files_release(&r);
	return 0;
}

int
cli_resource(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(USAGE, "expected check or list");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(USAGE, stdout);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return check(argc - 2, argv + 2);
	if (strcmp(argv[1], "list") == 0)
		return list(argc - 2, argv + 2);
	return cli_usage(USAGE, "unknown action '%s'", argv[1]);
}

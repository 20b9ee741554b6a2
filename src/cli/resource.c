/*
 * resource.c - `spire resource check|list`: check resource description
 * files before they are deployed, and show the resources a directory
 * describes (docs/resources.md).
 */
#include <stddef.h>
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

/* "resource 'NAME'" for a checked description. */
static void
describe(const json_t *doc, char *out, size_t len)
{
	snprintf(out, len, "resource '%s'",
	         json_string_value(json_object_get(doc, "name")));
}

static int
check(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return 0;
	return cli_check_files(argc, argv, USAGE, resource_files_load_file,
	                       describe);
}

static int
list(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return 0;
	struct config cfg;
	const char *dir = NULL;
	int status = cli_dir_arg(argc, argv, "--resources", USAGE, &cfg,
	                         offsetof(struct config, resources_dir), &dir);
	if (status)
		return status;
	struct err e;
	err_clear(&e);
	struct resource_files r;
	if (resource_files_load_dir(&r, dir, &e) != 0) {
		cli_print_problems(dir, &e);
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
	static const char *const ACTIONS[] = {"check", "list", NULL};
	int status;
	switch (cli_action(argc, argv, USAGE, ACTIONS, "expected check or list",
	                   &status)) {
	case 0:
		return check(argc - 2, argv + 2);
	case 1:
		return list(argc - 2, argv + 2);
	default:
		return status;
	}
}

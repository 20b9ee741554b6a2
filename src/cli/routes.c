/*
 * routes.c - `spire routes`: the route table as JSON, for the generated
 * access-matrix tests and for documentation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/config.h"
#include "http/api.h"
#include "service/resource_files.h"

int
cli_routes(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		puts("usage: spire routes\nPrint every API route with its "
		     "roles and flags as JSON.");
		return 0;
	}
	if (argc > 1)
		return cli_usage("usage: spire routes\n",
		                 "unexpected argument '%s'", argv[1]);
	/* With the rows of the resources the configured directory
	 * describes, as the server would derive them. */
	struct config cfg;
	struct err e;
	err_clear(&e);
	config_defaults(&cfg);
	if (config_load_env(&cfg, &e) != 0)
		return cli_fail(&e);
	struct resource_files r;
	if (resource_files_load_dir(&r, cfg.resources_dir, &e) != 0)
		return cli_fail(&e);
	struct route_table *t = NULL;
	if (api_resources_routes(&r, &t, &e) != 0) {
		resource_files_release(&r);
		return cli_fail(&e);
	}
	json_t *routes = router_describe(t);
	router_free(t);
	resource_files_release(&r);
	char *text = json_dumps(routes, JSON_INDENT(1));
	json_decref(routes);
	if (!text)
		return 1;
	puts(text);
	free(text);
	return 0;
}

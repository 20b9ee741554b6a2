/*
 * routes.c - `spire routes`: the route table as JSON, for the generated
 * access-matrix tests and for documentation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/router.h"

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
	json_t *routes = router_describe();
	char *text = json_dumps(routes, JSON_INDENT(1));
	json_decref(routes);
	if (!text)
		return 1;
	puts(text);
	free(text);
	return 0;
}

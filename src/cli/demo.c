/*
 * demo.c - `spire demo`: placeholder until the generator lands.
 */
#include <stdio.h>

#include "cli/cli.h"

int
cli_demo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "spire: demo is not built yet\n");
	return 1;
}

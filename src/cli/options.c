/*
 * options.c - the words of a command line shared by the subcommands: the
 * action a command with actions is asked for (cli_action) and options
 * that each take a value (cli_options).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
cli_action(int argc, char **argv, const char *usage, const char *const *actions,
           const char *expected, int *status)
{
	*status = 0;
	if (argc < 2) {
		*status = cli_usage(usage, "%s", expected);
		return -1;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return -1;
	}
	for (int i = 0; actions[i]; i++)
		if (strcmp(argv[1], actions[i]) == 0)
			return i;
	*status = cli_usage(usage, "unknown action '%s'", argv[1]);
	return -1;
}

int
cli_options(int argc, char **argv, const char *usage,
            const struct cli_opt *opts)
{
	struct option longs[CLI_OPTS_MAX + 2];
	char shorts[2 * CLI_OPTS_MAX + 2];
	size_t n = 0, k = 0;
	for (; n < CLI_OPTS_MAX && opts[n].name; n++) {
		longs[n] = (struct option){opts[n].name, required_argument,
		                           NULL, opts[n].letter};
		shorts[k++] = (char)opts[n].letter;
		shorts[k++] = ':';
	}
	longs[n] = (struct option){"help", no_argument, NULL, 'h'};
	longs[n + 1] = (struct option){NULL, 0, NULL, 0};
	shorts[k++] = 'h';
	shorts[k] = '\0';
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		size_t i = 0;
		while (i < n && opts[i].letter != c)
			i++;
		if (i == n)
			return cli_usage(usage, "bad option");
		*opts[i].value = optarg;
	}
	if (optind < argc)
		return cli_usage(usage, "unexpected argument '%s'",
		                 argv[optind]);
	return -1;
}

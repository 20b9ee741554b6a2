/*
 * form.c - `spire form check|list`: check form definition files before
 * they are deployed, and show the definitions a forms directory holds
 * (docs/forms.md).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/config.h"
#include "service/forms/forms.h"

static const char USAGE[] =
    "usage: spire form check FILE...\n"
    "       spire form list [--forms DIR]\n"
    "check: validate each form definition (a FHIR R4 Questionnaire) and\n"
    "print every problem; exit 1 if any file has one.\n"
    "list: the forms Spire would load from DIR (default: server.forms_dir,\n"
    "SPIRE_FORMS_DIR, or ./forms), one a line: id, version, status, title.\n";

/* "form 'ID' version N" for a checked definition. */
static void
describe(const json_t *doc, char *out, size_t len)
{
	const char *v = json_string_value(json_object_get(doc, "version"));
	snprintf(out, len, "form '%s' version %ld",
	         json_string_value(json_object_get(doc, "id")),
	         v ? strtol(v, NULL, 10) : 0L);
}

static int
check(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return 0;
	return cli_check_files(argc, argv, USAGE, forms_load_file, describe);
}

static int
list(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return 0;
	struct config cfg;
	const char *dir = NULL;
	int status = cli_dir_arg(argc, argv, "--forms", USAGE, &cfg,
	                         offsetof(struct config, forms_dir), &dir);
	if (status)
		return status;
	struct err e;
	err_clear(&e);
	struct forms forms;
	if (forms_load_dir(&forms, dir, &e) != 0) {
		cli_print_problems(dir, &e);
		return 1;
	}
	for (size_t i = 0; i < forms.n; i++) {
		const struct form *f = &forms.items[i];
		printf("%s\t%ld\t%s\t%s\n", f->id, f->version,
		       json_string_value(json_object_get(f->doc, "status")),
		       f->title ? f->title : "");
	}
	if (forms.n == 0)
		fprintf(stderr, "spire: no forms in %s\n", dir);
	forms_release(&forms);
	return 0;
}

int
cli_form(int argc, char **argv)
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

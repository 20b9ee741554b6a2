/*
 * test_roles.c - src/service/roles.c: every role has a label people can
 * read (no code names, no underscores), labels are distinct, role_label
 * finds each, and the web UI (web/js/ui.js ROLE_LABELS) shows the same
 * label for each role, so that neither says "Yjs officer".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "service/roles.h"

static void
test_every_role_has_a_label(void **state)
{
	(void)state;
	size_t n = 0;
	for (; ROLE_NAMES[n]; n++) {
		const char *label = ROLE_LABELS[n];
		assert_non_null(label);
		assert_ptr_equal(role_label(ROLE_NAMES[n]), label);
		/* A sentence-case label, not a code name. */
		assert_true(label[0] >= 'A' && label[0] <= 'Z');
		assert_null(strchr(label, '_'));
		assert_string_not_equal(label, ROLE_NAMES[n]);
		for (size_t k = 0; k < n; k++)
			assert_string_not_equal(label, ROLE_LABELS[k]);
	}
	assert_null(ROLE_LABELS[n]);
	assert_string_equal(role_label("yjs_officer"), "Youth justice officer");
	assert_null(role_label("nobody"));
	assert_null(role_label(NULL));
}

/* The UI's ROLE_LABELS, read from web/js/ui.js (the tests run from the
 * repository's root), holds "name: 'Label'" for every role. */
static void
test_ui_agrees(void **state)
{
	(void)state;
	FILE *f = fopen("web/js/ui.js", "r");
	assert_non_null(f);
	static char text[1 << 17];
	size_t len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[len] = '\0';
	const char *table = strstr(text, "export const ROLE_LABELS = {");
	assert_non_null(table);
	const char *end = strstr(table, "};");
	assert_non_null(end);
	for (size_t i = 0; ROLE_NAMES[i]; i++) {
		char want[160];
		snprintf(want, sizeof(want), "  %s: '%s',", ROLE_NAMES[i],
		         ROLE_LABELS[i]);
		const char *at = strstr(table, want);
		if (!at || at > end)
			fail_msg("web/js/ui.js ROLE_LABELS lacks %s", want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_role_has_a_label),
	    cmocka_unit_test(test_ui_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

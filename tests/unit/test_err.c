/*
 * test_err.c - src/core/err.c: err_add keeps every field error of a
 * request after the first, once per field and up to ERR_MAX_MORE;
 * err_set starts again; err_in_list names the list item of every error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"

static void
test_add_collects(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	assert_int_equal(err_count(&e), 0);
	/* On an empty err, err_add is err_set. */
	assert_int_equal(err_add(&e, SPIRE_EINVAL, "a", "A %d", 1),
	                 SPIRE_EINVAL);
	assert_string_equal(e.field, "a");
	assert_string_equal(e.message, "A 1");
	assert_int_equal(err_count(&e), 1);
	err_add(&e, SPIRE_EINVAL, "b", "B");
	err_add(&e, SPIRE_EINVAL, "a", "A again"); /* one per field */
	err_add(&e, SPIRE_EINVAL, "c", "C");
	assert_int_equal(err_count(&e), 3);
	assert_string_equal(e.more[0].field, "b");
	assert_string_equal(e.more[1].field, "c");
	assert_string_equal(e.message, "A 1");
	/* Bounded. */
	for (int i = 0; i < 40; i++) {
		char f[16];
		snprintf(f, sizeof(f), "f%d", i);
		err_add(&e, SPIRE_EINVAL, f, "x");
	}
	assert_int_equal(err_count(&e), 1 + ERR_MAX_MORE);
	/* err_set starts again with one error. */
	err_set(&e, SPIRE_ENOMEM, NULL, "out of memory");
	assert_int_equal(err_count(&e), 1);
	assert_int_equal(e.code, SPIRE_ENOMEM);
}

static void
test_in_list_names_every_error(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	err_add(&e, SPIRE_EINVAL, "due_date", "x");
	err_add(&e, SPIRE_EINVAL, "title", "y");
	err_in_list(&e, "tasks", 2);
	assert_string_equal(e.field, "tasks[2].due_date");
	assert_string_equal(e.more[0].field, "tasks[2].title");
}

static void
test_merge(void **state)
{
	(void)state;
	struct err all, one;
	err_clear(&all);
	err_clear(&one);
	err_add(&one, SPIRE_EINVAL, "a", "A");
	err_add(&one, SPIRE_EINVAL, "b", "B");
	err_merge(&all, &one);
	err_set(&one, SPIRE_EINVAL, "c", "C");
	err_merge(&all, &one);
	assert_int_equal(err_count(&all), 3);
	assert_int_equal(all.code, SPIRE_EINVAL);
	assert_string_equal(all.field, "a");
	assert_string_equal(all.more[0].field, "b");
	assert_string_equal(all.more[1].message, "C");
}

/* err_gather: validation errors together; a 403/404/409 only alone and
 * only without validation errors; a failure stays. */
static void
test_gather_precedence(void **state)
{
	(void)state;
	struct err e, one;
	err_clear(&e);
	err_clear(&one);
	err_set(&one, SPIRE_EFORBIDDEN, "person_id", "no");
	assert_int_equal(err_gather(&e, &one), SPIRE_EFORBIDDEN);
	/* A validation error replaces the refusal. */
	assert_int_equal(err_rule(&e, "start_date", "Enter %s", "x"),
	                 SPIRE_EINVAL);
	assert_string_equal(e.field, "start_date");
	assert_int_equal(err_count(&e), 1);
	/* A refusal after it is not mixed in. */
	err_set(&one, SPIRE_ECONFLICT, "family_id", "closed");
	assert_int_equal(err_gather(&e, &one), SPIRE_EINVAL);
	assert_int_equal(err_count(&e), 1);
	err_rule(&e, "end_date", "y");
	assert_int_equal(err_count(&e), 2);
	assert_true(err_names(&e, "end_date"));
	assert_false(err_names(&e, "family_id"));
	assert_false(err_names(&e, ""));
	/* A failure replaces everything and stays. */
	err_set(&one, SPIRE_EDB, NULL, "db");
	assert_int_equal(err_gather(&e, &one), SPIRE_EDB);
	assert_int_equal(err_rule(&e, "x", "z"), SPIRE_EDB);
	assert_int_equal(err_count(&e), 1);
	/* The first refusal is kept over a later one. */
	err_clear(&e);
	err_set(&one, SPIRE_ENOTFOUND, "a", "first");
	err_gather(&e, &one);
	err_set(&one, SPIRE_EFORBIDDEN, "b", "second");
	assert_int_equal(err_gather(&e, &one), SPIRE_ENOTFOUND);
	assert_string_equal(e.field, "a");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_collects),
	    cmocka_unit_test(test_in_list_names_every_error),
	    cmocka_unit_test(test_merge),
	    cmocka_unit_test(test_gather_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

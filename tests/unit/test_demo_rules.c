/*
 * test_demo_rules.c - the demo generator's rules about people's ages and
 * what fits a case (src/demo/dates.c, src/demo/casework.c): whole years
 * on a day (a 29 February birthday falls on 1 March), a task title fits
 * its case's service and the child's age over many draws, and a youth
 * justice child is 11 to 17, mostly 15 to 17.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "demo/casework.h"
#include "demo/dates.h"
#include "demo/org.h"
#include "demo/rng.h"

static void
test_age_on(void **state)
{
	(void)state;
	int64_t born = date_days(2012, 2, 29);
	assert_int_equal(demo_age_on(born, date_days(2022, 2, 28)), 9);
	assert_int_equal(demo_age_on(born, date_days(2022, 3, 1)), 10);
	assert_int_equal(demo_birthday(born, 10), date_days(2022, 3, 1));
	born = date_days(2010, 6, 15);
	assert_int_equal(demo_age_on(born, date_days(2020, 6, 14)), 9);
	assert_int_equal(demo_age_on(born, date_days(2020, 6, 15)), 10);
	assert_int_equal(demo_age_on(born, date_days(2010, 6, 1)), -1);
}

static void
test_task_fits_service_and_age(void **state)
{
	(void)state;
	struct demo_rng r = {7};
	int yj_only = 0;
	for (int i = 0; i < 2000; i++) {
		const char *t = demo_task_title(&r, "early_help", 12);
		assert_null(strstr(t, "reparation"));
		assert_null(strstr(t, "referral order"));
		assert_null(strstr(t, "self-assessment"));
		t = demo_task_title(&r, "family_hub", 2);
		assert_null(strstr(t, "school"));
		t = demo_task_title(&r, "youth_justice", 9);
		assert_null(strstr(t, "reparation"));
		assert_null(strstr(t, "referral order"));
		t = demo_task_title(&r, "youth_justice", 15);
		yj_only += strstr(t, "reparation") != NULL ||
		           strstr(t, "referral order") != NULL;
		/* No task is work a due item tracks (session 24: an
		 * AssetPlus task stayed overdue after the assessment). */
		assert_null(strstr(t, "AssetPlus"));
		/* Due before the baby is born: still a title. */
		assert_non_null(demo_task_title(&r, "family_hub", -1));
	}
	assert_true(yj_only > 100);
}

static void
test_youth_justice_ages(void **state)
{
	(void)state;
	struct demo_rng r = {11};
	int n[18] = {0};
	for (int i = 0; i < 10000; i++) {
		int age = demo_case_age(&r, DEMO_TEAM_YJS_NORTH);
		assert_in_range(age, 11, 17);
		n[age]++;
	}
	assert_true(n[15] + n[16] + n[17] > 6500);
	assert_true(n[11] < 400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_age_on),
	    cmocka_unit_test(test_task_fits_service_and_age),
	    cmocka_unit_test(test_youth_justice_ages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

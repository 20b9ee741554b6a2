/*
 * test_demo_rules.c - the demo generator's rules about people's ages and
 * what fits a case (src/demo/dates.c, src/demo/casework.c): whole years
 * on a day (a 29 February birthday falls on 1 March), working days in
 * England and Wales, a task title fits its case's service, the child's
 * age and the orders running over many draws, and a youth
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

/* gov.uk's bank holidays in England and Wales, 2021 to 2028. */
static const char *const BANK_HOLIDAYS[] = {
    "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
    "2021-08-30", "2021-12-27", "2021-12-28", "2022-01-03", "2022-04-15",
    "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
    "2022-09-19", "2022-12-26", "2022-12-27", "2023-01-02", "2023-04-07",
    "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
    "2023-12-25", "2023-12-26", "2024-01-01", "2024-03-29", "2024-04-01",
    "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
    "2025-08-25", "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03",
    "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
    "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
    "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28", "2028-01-03",
    "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
    "2028-12-25", "2028-12-26",
};

static void
test_working_days(void **state)
{
	(void)state;
	size_t next = 0, n = sizeof(BANK_HOLIDAYS) / sizeof(BANK_HOLIDAYS[0]);
	for (int64_t day = date_days(2021, 1, 1);
	     day <= date_days(2028, 12, 31); day++) {
		char d[DATE_TEXT_LEN];
		date_text(day, d);
		int holiday = next < n && strcmp(BANK_HOLIDAYS[next], d) == 0;
		next += holiday;
		int weekend = (day + 4) % 7 == 0 || (day + 4) % 7 == 6;
		if (demo_is_working_day(day) != (!holiday && !weekend))
			fail_msg("%s: working day %d", d,
			         demo_is_working_day(day));
	}
	assert_int_equal(next, n);
	/* Sunday 6 September 2026: Monday; Christmas Day 2026 (a Friday):
	 * Tuesday 29 December, after Boxing Day's Monday. */
	assert_int_equal(demo_working_day(date_days(2026, 9, 6)),
	                 date_days(2026, 9, 7));
	assert_int_equal(demo_working_day(date_days(2026, 12, 25)),
	                 date_days(2026, 12, 29));
	assert_int_equal(demo_working_day_before(date_days(2026, 3, 7)),
	                 date_days(2026, 3, 6));
}

static void
test_task_fits_service_and_age(void **state)
{
	(void)state;
	struct demo_rng r = {7};
	int yj_only = 0;
	for (int i = 0; i < 2000; i++) {
		const char *t = demo_task_title(&r, "early_help", 12, 0);
		assert_null(strstr(t, "reparation"));
		assert_null(strstr(t, "referral order"));
		assert_null(strstr(t, "self-assessment"));
		t = demo_task_title(&r, "family_hub", 2, 0);
		assert_null(strstr(t, "school"));
		t = demo_task_title(&r, "youth_justice", 9,
		                    DEMO_RUNS_INTERVENTION |
		                        DEMO_RUNS_REFERRAL_ORDER);
		assert_null(strstr(t, "reparation"));
		assert_null(strstr(t, "referral order"));
		t = demo_task_title(&r, "youth_justice", 15, 0);
		assert_null(strstr(t, "reparation"));
		assert_null(strstr(t, "referral order"));
		t = demo_task_title(&r, "youth_justice", 15,
		                    DEMO_RUNS_INTERVENTION);
		assert_null(strstr(t, "referral order"));
		t = demo_task_title(&r, "youth_justice", 15,
		                    DEMO_RUNS_INTERVENTION |
		                        DEMO_RUNS_REFERRAL_ORDER);
		yj_only += strstr(t, "reparation") != NULL ||
		           strstr(t, "referral order") != NULL;
		/* No task is work a due item tracks (session 24: an
		 * AssetPlus task stayed overdue after the assessment). */
		assert_null(strstr(t, "AssetPlus"));
		/* Due before the baby is born: still a title. */
		assert_non_null(demo_task_title(&r, "family_hub", -1, 0));
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
	    cmocka_unit_test(test_working_days),
	    cmocka_unit_test(test_task_fits_service_and_age),
	    cmocka_unit_test(test_youth_justice_ages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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
#include <stdlib.h>
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
	/* A group's meeting day: that weekday on or after the day. */
	assert_int_equal(demo_weekday_from(date_days(2026, 12, 2), 3),
	                 date_days(2026, 12, 2)); /* a Wednesday */
	assert_int_equal(demo_weekday_from(date_days(2026, 12, 2), 2),
	                 date_days(2026, 12, 8));
	assert_int_equal(demo_weekday_from(date_days(2026, 12, 5), 4),
	                 date_days(2026, 12, 10));
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

/* Brothers and sisters of one mother are twins or ten months or more
 * apart (session 27: four months apart), and twins are rare. */
static void
test_sibling_births(void **state)
{
	(void)state;
	struct demo_rng r = {27};
	int pairs = 0, twins = 0;
	for (int fam = 0; fam < 5000; fam++) {
		int64_t ref = date_days(2026, 11, 1);
		int64_t born[4] = {ref - 365 * demo_rng_range(&r, 0, 17) -
		                   demo_rng_below(&r, 365)};
		int64_t lo = ref - 20 * 365, hi = ref;
		int n = demo_rng_range(&r, 2, 4);
		for (int i = 1; i < n; i++) {
			int64_t want = born[0] +
			               365 * demo_rng_range(&r, -8, 8) +
			               demo_rng_range(&r, -200, 200);
			born[i] = demo_sibling_birth(&r, want, born, (size_t)i,
			                             lo, hi);
			assert_in_range(born[i], lo, hi);
		}
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				int64_t gap = llabs(born[i] - born[j]);
				pairs++;
				twins += gap == 0;
				if (gap != 0 && gap < DEMO_SIBLING_GAP_DAYS)
					fail_msg("born %lld days apart",
					         (long long)gap);
			}
	}
	assert_true(twins > 0);
	/* Rare: about 4 in 100 here, where many are drawn as babies. */
	assert_true(twins * 100 < pairs * 5);
	/* A date that keeps the gap is kept, with no draw. */
	struct demo_rng before = r;
	int64_t one[1] = {date_days(2015, 5, 1)};
	assert_int_equal(demo_sibling_birth(&r, one[0] + 400, one, 1, 0,
	                                    date_days(2026, 11, 1)),
	                 one[0] + 400);
	assert_true(before.s == r.s);
}

static int
has(const char *s, const char *word)
{
	return s && strstr(s, word) != NULL;
}

/* A contact's words fit the child's age: no school for a child under 4
 * (session 27: a newborn's home visit reviewed school attendance), a
 * victim awareness session only in youth justice. */
static void
test_contact_words_fit_age(void **state)
{
	(void)state;
	struct demo_rng r = {4};
	int nursery = 0;
	for (int i = 0; i < 20000; i++) {
		const struct demo_contact_kind *k = demo_contact_kind_pick(&r);
		int age = demo_rng_range(&r, 0, 17);
		int yj = demo_rng_pct(&r, 50);
		char s[240];
		demo_contact_summary(&r, k, "Amy", age, yj, s, sizeof(s));
		const char *where = demo_contact_location(k, age);
		if (age < 4 && (has(s, "chool") || has(where, "chool")))
			fail_msg("age %d: %s (%s)", age, s, where);
		if (age < 4 && has(s, "Talked with Amy "))
			fail_msg("age %d: %s", age, s);
		if (!yj && has(s, "victim"))
			fail_msg("not youth justice: %s", s);
		nursery += age < 4 && (has(s, "health visitor") ||
		                       has(s, "play") || has(s, "Family Hub"));
		assert_non_null(strstr(s, "Amy"));
	}
	assert_true(nursery > 100);
}

/* A consent shares what fits with whom fits (session 27: a 9-year-old's
 * emotional health referral was shared with the police). */
static void
test_consent_uses(void **state)
{
	(void)state;
	static const char *const SERVICES[] = {
	    "youth_justice",         "early_help", "family_hub",
	    "childrens_social_care", "fgc",        "parenting"};
	struct demo_rng r = {9};
	int police = 0, probation = 0;
	for (int i = 0; i < 30000; i++) {
		const char *service = SERVICES[demo_rng_below(&r, 6)];
		int age = demo_rng_range(&r, 0, 18);
		struct demo_consent_use u = demo_consent_pick(&r, service, age);
		int yj = strcmp(service, "youth_justice") == 0;
		if (has(u.agency, "Police")) {
			police++;
			if (age < 10 || has(u.purpose, "health") ||
			    has(u.purpose, "attendance") ||
			    !(yj || demo_consent_safeguarding(u.purpose)))
				fail_msg("%s, %d: %s with %s", service, age,
				         u.purpose, u.agency);
		}
		if (has(u.purpose, "health") &&
		    !(has(u.agency, "NHS") || strcmp(u.agency, "School") == 0 ||
		      strcmp(u.agency, "Family Hub") == 0))
			fail_msg("%s with %s", u.purpose, u.agency);
		if (age < 4 && (strcmp(u.agency, "School") == 0 ||
		                has(u.purpose, "attendance")))
			fail_msg("age %d: %s with %s", age, u.purpose,
			         u.agency);
		if (has(u.agency, "Probation")) {
			probation++;
			if (age < 17 || !yj)
				fail_msg("%s, %d: probation", service, age);
		}
	}
	assert_true(police > 100);
	assert_true(probation > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_age_on),
	    cmocka_unit_test(test_working_days),
	    cmocka_unit_test(test_task_fits_service_and_age),
	    cmocka_unit_test(test_youth_justice_ages),
	    cmocka_unit_test(test_sibling_births),
	    cmocka_unit_test(test_contact_words_fit_age),
	    cmocka_unit_test(test_consent_uses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_date.c - src/core/date.c: day numbers worked out by hand, leap years
 * (2000 is one, 1900 and 2100 are not), a round trip over four centuries,
 * and what date_parse refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_known_days(void **state)
{
	(void)state;
	static const struct {
		int y, m, d;
		int64_t days;
	} cases[] = {
	    {1970, 1, 1, 0},
	    {1970, 1, 31, 30},
	    {1970, 3, 1, 59},  /* 31 + 28 */
	    {1972, 3, 1, 790}, /* 365*2 + 31 + 29 */
	    {1969, 12, 31, -1},
	    {2000, 3, 1, 11017}, /* 10957 (2000-01-01) + 31 + 29 */
	    {2000, 1, 1, 10957}, /* 30 years, 7 of them leap */
	    /* 2026-01-01 is 56 years on with 14 leap days (1972..2024):
	     * 20454; 23 November is 326 days into a common year. */
	    {2026, 11, 23, 20454 + 326},
	};
	for (size_t i = 0; i < N(cases); i++)
		assert_int_equal(date_days(cases[i].y, cases[i].m, cases[i].d),
		                 cases[i].days);
}

static void
test_leap_years(void **state)
{
	(void)state;
	char t[DATE_TEXT_LEN];
	date_text(date_days(2000, 2, 28) + 1, t);
	assert_string_equal(t, "2000-02-29");
	date_text(date_days(1900, 2, 28) + 1, t);
	assert_string_equal(t, "1900-03-01");
	date_text(date_days(2100, 2, 28) + 1, t);
	assert_string_equal(t, "2100-03-01");
	date_text(date_days(2024, 2, 28) + 1, t);
	assert_string_equal(t, "2024-02-29");
	date_text(date_days(2023, 12, 31) + 1, t);
	assert_string_equal(t, "2024-01-01");
}

/* Calendar months, not 91 days; the month's last day when it is shorter. */
static void
test_add_months(void **state)
{
	(void)state;
	static const struct {
		int y, m, d, months;
		const char *want;
	} cases[] = {
	    {2024, 4, 20, 3, "2024-07-20"},  {2024, 11, 30, 3, "2025-02-28"},
	    {2023, 11, 30, 3, "2024-02-29"}, {2024, 1, 31, 1, "2024-02-29"},
	    {2024, 12, 15, 3, "2025-03-15"}, {2025, 5, 31, -3, "2025-02-28"},
	    {2025, 2, 10, -3, "2024-11-10"}, {2024, 3, 1, 0, "2024-03-01"},
	    {2024, 10, 1, 3, "2025-01-01"},  {2026, 1, 31, -1, "2025-12-31"},
	};
	char t[DATE_TEXT_LEN];
	for (size_t i = 0; i < N(cases); i++) {
		date_text(date_add_months(
		              date_days(cases[i].y, cases[i].m, cases[i].d),
		              cases[i].months),
		          t);
		assert_string_equal(t, cases[i].want);
	}
}

/* A due list's window: days, or calendar months ("12m": the year ahead,
 * not 366 days), and what is not one (session 26). */
static void
test_window(void **state)
{
	(void)state;
	static const struct {
		const char *given, *want; /* want NULL: refused */
	} cases[] = {
	    {"0", "2026-12-02"},
	    {"28", "2026-12-30"},
	    {"366", "2027-12-03"},
	    {"12m", "2027-12-02"},
	    {"1m", "2027-01-02"},
	    {"367", NULL},
	    {"0m", NULL},
	    {"13m", NULL},
	    {"", NULL},
	    {"m", NULL},
	    {"12mm", NULL},
	    {"-1", NULL},
	    {"1000", NULL},
	    {"12 m", NULL},
	    {"007", "2026-12-09"},
	    {"0007", "2026-12-09"},
	    {"000028", "2026-12-30"},
	    {"0000028", NULL},
	    {"012m", "2027-12-02"},
	    {"000000", "2026-12-02"},
	};
	char t[DATE_TEXT_LEN];
	for (size_t i = 0; i < N(cases); i++) {
		struct date_window w = {.days = -1};
		int rc = date_window_parse(cases[i].given, 366, &w);
		if (!cases[i].want) {
			assert_int_equal(rc, -1);
			assert_int_equal(w.days, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		date_text(date_window_end(date_days(2026, 12, 2), w), t);
		assert_string_equal(t, cases[i].want);
	}
	/* The year ahead from a leap day ends on the month's last day. */
	struct date_window year = {.months = 12};
	date_text(date_window_end(date_days(2028, 2, 29), year), t);
	assert_string_equal(t, "2029-02-28");
	assert_int_equal(date_window_parse(NULL, 366, &year), -1);
}

static void
test_round_trip(void **state)
{
	(void)state;
	char t[DATE_TEXT_LEN];
	int64_t from = date_days(1900, 1, 1), to = date_days(2300, 1, 1);
	for (int64_t d = from; d < to; d++) {
		date_text(d, t);
		int64_t back = 0;
		assert_int_equal(date_parse(t, &back), 0);
		if (back != d)
			fail_msg("%s read back as %lld, not %lld", t,
			         (long long)back, (long long)d);
	}
}

static void
test_parse(void **state)
{
	(void)state;
	int64_t d = 0;
	int y, m, dd;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d, date_days(2024, 2, 29));
	assert_int_equal(date_parse("2024-02-29T10:30:00Z", &d), 0);
	assert_int_equal(date_parse_ymd("2010-04-02", &y, &m, &dd), 0);
	assert_true(y == 2010 && m == 4 && dd == 2);
	static const char *const bad[] = {
	    NULL,
	    "",
	    "2024-02",
	    "2024-2-29",
	    "2024/02/29",
	    "20x4-02-29",
	    "2024-13-01",
	    "2024-00-10",
	    "2024-01-32",
	    "2024-01-00",
	    " 024-01-01",
	    "2024-01-0",
	    /* Past the month's end (found by tests/fuzz/fuzz_date.c). */
	    "2023-02-29",
	    "1900-02-29",
	    "2024-02-30",
	    "2024-04-31",
	    "2024-06-31",
	    "2024-09-31",
	    "2024-11-31",
	};
	for (size_t i = 0; i < N(bad); i++)
		if (date_parse(bad[i], &d) == 0)
			fail_msg("date_parse accepted \"%s\"",
			         bad[i] ? bad[i] : "(null)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_known_days),
	    cmocka_unit_test(test_leap_years),
	    cmocka_unit_test(test_add_months),
	    cmocka_unit_test(test_window),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_clock.c - src/core/clock.c: the UK civil date (Europe/London from
 * the tz database) of instants either side of UTC midnight, in summer
 * (BST) and winter (GMT), and on the nights the clocks change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Seconds since the epoch of a UTC date and time. */
static int64_t
utc(int y, int m, int d, int hh, int mm)
{
	return date_days(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static void
test_uk_dates(void **state)
{
	(void)state;
	static const struct {
		int y, m, d, hh, mm;
		const char *uk;
	} c[] = {
	    {2026, 7, 1, 22, 59, "2026-07-01"},  /* 23:59 BST */
	    {2026, 7, 1, 23, 0, "2026-07-02"},   /* midnight BST */
	    {2026, 7, 1, 23, 30, "2026-07-02"},  /* already tomorrow */
	    {2026, 1, 10, 23, 59, "2026-01-10"}, /* GMT = UTC */
	    {2026, 1, 11, 0, 0, "2026-01-11"},
	    {2026, 12, 31, 23, 30, "2026-12-31"},
	    /* BST starts 01:00 UTC on 29 March 2026. */
	    {2026, 3, 28, 23, 30, "2026-03-28"},
	    {2026, 3, 29, 0, 59, "2026-03-29"},
	    /* BST ends 01:00 UTC on 25 October 2026. */
	    {2026, 10, 24, 22, 59, "2026-10-24"},
	    {2026, 10, 24, 23, 0, "2026-10-25"},
	    {2026, 10, 25, 23, 30, "2026-10-25"}, /* GMT again */
	    {2024, 2, 28, 23, 30, "2024-02-28"},  /* leap year, winter */
	};
	for (size_t i = 0; i < N(c); i++) {
		char buf[CLOCK_ISO_LEN];
		clock_uk_date(utc(c[i].y, c[i].m, c[i].d, c[i].hh, c[i].mm),
		              buf);
		if (strcmp(buf, c[i].uk) != 0)
			fail_msg("%04d-%02d-%02dT%02d:%02dZ -> %s, want %s",
			         c[i].y, c[i].m, c[i].d, c[i].hh, c[i].mm, buf,
			         c[i].uk);
	}
}

static void
test_today_is_now_in_london(void **state)
{
	(void)state;
	char today[CLOCK_ISO_LEN], want[CLOCK_ISO_LEN];
	int64_t before = clock_now();
	clock_today(today);
	clock_uk_date(before, want);
	/* Unless midnight passed in between, they agree. */
	if (strcmp(today, want) != 0) {
		clock_uk_date(clock_now(), want);
		assert_string_equal(today, want);
	}
	assert_int_equal(strlen(today), 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_uk_dates),
	    cmocka_unit_test(test_today_is_now_in_london),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

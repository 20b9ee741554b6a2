/*
 * dates.c - dates of birth for the demo generator, relative to its
 * fixed reference date (arithmetic in core/date.c).
 */
#include "demo/dates.h"

#include <stddef.h>
#include <stdlib.h>

static int64_t ref_day = -1;

int64_t
demo_ref_day(void)
{
	if (ref_day < 0)
		ref_day =
		    date_days(DEMO_REF_DEFAULT_YEAR, DEMO_REF_DEFAULT_MONTH,
		              DEMO_REF_DEFAULT_DAY);
	return ref_day;
}

void
demo_set_ref_day(int64_t day)
{
	ref_day = day;
}

int64_t
demo_birth_for_age(struct demo_rng *r, int age)
{
	/* The same day and month, age years before the reference date. */
	int y, m, d;
	date_ymd(demo_ref_day(), &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return date_days(y - age, m, d) - demo_rng_below(r, 365);
}

/* Whether a child born on day d keeps the gap to each of born[0..n). */
static int
sibling_fits(int64_t d, const int64_t *born, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int64_t gap = d > born[i] ? d - born[i] : born[i] - d;
		if (gap != 0 && gap < DEMO_SIBLING_GAP_DAYS)
			return 0;
	}
	return 1;
}

int64_t
demo_sibling_birth(struct demo_rng *r, int64_t want, const int64_t *born,
                   size_t n, int64_t lo, int64_t hi)
{
	want = want < lo ? lo : want > hi ? hi : want;
	if (n == 0 || sibling_fits(want, born, n))
		return want;
	/* The nearest of the others: a twin of theirs fits as they do. */
	int64_t twin = born[0];
	for (size_t i = 1; i < n; i++)
		if (llabs(born[i] - want) < llabs(twin - want))
			twin = born[i];
	if (demo_rng_pct(r, DEMO_TWIN_PCT))
		return twin;
	/* The nearest day that fits is an end of [lo, hi] or a day just
	 * far enough from one of the others. */
	int64_t best = twin;
	int found = 0;
	for (size_t i = 0; i <= 2 * n + 1; i++) {
		int64_t d = i == 2 * n       ? lo
		            : i == 2 * n + 1 ? hi
		            : i % 2 ? born[i / 2] + DEMO_SIBLING_GAP_DAYS
		                    : born[i / 2] - DEMO_SIBLING_GAP_DAYS;
		if (d < lo || d > hi || !sibling_fits(d, born, n))
			continue;
		if (!found || llabs(d - want) < llabs(best - want)) {
			best = d;
			found = 1;
		}
	}
	return best;
}

int64_t
demo_birthday(int64_t born, int years)
{
	int y, m, d;
	date_ymd(born, &y, &m, &d);
	if (m == 2 && d == 29)
		return date_days(y + years, 3, 1);
	return date_days(y + years, m, d);
}

int
demo_age_on(int64_t born, int64_t on)
{
	int y, m, d, oy, om, od;
	date_ymd(born, &y, &m, &d);
	date_ymd(on, &oy, &om, &od);
	int age = oy - y;
	if (on < demo_birthday(born, age))
		age--;
	return age;
}

/* 0 Sunday .. 6 Saturday; 1970-01-01 was a Thursday. */
static int
weekday(int64_t day)
{
	return (int)(((day % 7) + 7 + 4) % 7);
}

/* Easter Sunday of year y (the anonymous Gregorian algorithm). */
static int64_t
easter(int64_t y)
{
	int64_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int64_t f = (b + 8) / 25, g = (b - f + 1) / 3;
	int64_t h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int64_t l = (32 + 2 * e + 2 * i - h - k) % 7;
	int64_t m = (a + 11 * h + 22 * l) / 451;
	int month = (int)((h + l - 7 * m + 114) / 31);
	int dom = (int)((h + l - 7 * m + 114) % 31 + 1);
	return date_days(y, month, dom);
}

/* The first Monday on or after day. */
static int64_t
monday_from(int64_t day)
{
	return day + (8 - weekday(day)) % 7;
}

/* The one-off bank holidays, and the usual ones they replaced (0: none
 * replaced): gov.uk's lists. */
static const struct {
	int y, m, d, moved_m, moved_d;
} ONE_OFF[] = {
    {2011, 4, 29, 0, 0}, /* a royal wedding */
    {2012, 6, 4, 5, 28}, /* the spring bank holiday, moved */
    {2012, 6, 5, 0, 0},  /* the Diamond Jubilee */
    {2020, 5, 8, 5, 4},  /* the early May bank holiday, moved (VE Day) */
    {2022, 6, 2, 5, 30}, /* the spring bank holiday, moved */
    {2022, 6, 3, 0, 0},  /* the Platinum Jubilee */
    {2022, 9, 19, 0, 0}, /* a state funeral */
    {2023, 5, 8, 0, 0},  /* a coronation */
};

static int
bank_holiday(int64_t day)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	for (size_t i = 0; i < sizeof(ONE_OFF) / sizeof(ONE_OFF[0]); i++) {
		if (ONE_OFF[i].y != y)
			continue;
		if (ONE_OFF[i].m == m && ONE_OFF[i].d == d)
			return 1;
		if (ONE_OFF[i].moved_m == m && ONE_OFF[i].moved_d == d)
			return 0;
	}
	int64_t e = easter(y);
	int64_t jan1 = date_days(y, 1, 1), dec25 = date_days(y, 12, 25);
	/* New Year's Day on a weekend: the Monday after. */
	int64_t ny =
	    weekday(jan1) == 0 || weekday(jan1) == 6 ? monday_from(jan1) : jan1;
	/* Christmas and Boxing Day: a weekend one moves to the next
	 * weekday that is not the other. */
	int64_t xmas = dec25, boxing = dec25 + 1;
	if (weekday(dec25) == 6) /* Saturday: Monday and Tuesday */
		xmas = dec25 + 2, boxing = dec25 + 3;
	else if (weekday(dec25) == 0) /* Sunday: Tuesday, Monday */
		xmas = dec25 + 2;
	else if (weekday(dec25) == 5) /* Friday: Boxing Day on Monday */
		boxing = dec25 + 3;
	return day == ny || day == e - 2 || day == e + 1 ||
	       day == monday_from(date_days(y, 5, 1)) ||
	       day == monday_from(date_days(y, 5, 25)) ||
	       day == monday_from(date_days(y, 8, 25)) || day == xmas ||
	       day == boxing;
}

int
demo_is_working_day(int64_t day)
{
	int w = weekday(day);
	return w != 0 && w != 6 && !bank_holiday(day);
}

int64_t
demo_working_day(int64_t day)
{
	while (!demo_is_working_day(day))
		day++;
	return day;
}

int64_t
demo_working_day_before(int64_t day)
{
	while (!demo_is_working_day(day))
		day--;
	return day;
}

int64_t
demo_weekday_from(int64_t day, int wd)
{
	return day + (wd - weekday(day) + 7) % 7;
}

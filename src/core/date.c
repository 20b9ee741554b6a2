/*
 * date.c - civil dates to and from day numbers (Howard Hinnant's
 * algorithms, exact for every Gregorian date).
 */
#include "core/date.h"

#include <stdio.h>

int64_t
date_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_ymd(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int64_t
date_add_months(int64_t days, int months)
{
	int y, m, d;
	date_ymd(days, &y, &m, &d);
	int64_t n = (int64_t)y * 12 + (m - 1) + months;
	int64_t ny = n >= 0 ? n / 12 : -((-n + 11) / 12);
	int nm = (int)(n - ny * 12) + 1;
	/* The last day of the month when it is shorter. */
	int last =
	    (int)(date_days(nm == 12 ? ny + 1 : ny, nm == 12 ? 1 : nm + 1, 1) -
	          date_days(ny, nm, 1));
	return date_days(ny, nm, d > last ? last : d);
}

void
date_text(int64_t days, char out[DATE_TEXT_LEN])
{
	int y, m, d;
	date_ymd(days, &y, &m, &d);
	snprintf(out, DATE_TEXT_LEN, "%04d-%02d-%02d", y, m, d);
}

/* The value of n decimal digits at s, or -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse_ymd(const char *s, int *y, int *m, int *d)
{
	if (!s)
		return -1;
	for (int i = 0; i < 10; i++)
		if (!s[i])
			return -1;
	if (s[4] != '-' || s[7] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 0 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	/* The month's own length: 2023-02-29 is no date (found by
	 * tests/fuzz/fuzz_date.c; it used to read as 1 March). */
	static const int len[] = {31, 28, 31, 30, 31, 30,
	                          31, 31, 30, 31, 30, 31};
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*d > len[*m - 1] + (*m == 2 && leap))
		return -1;
	return 0;
}

int
date_parse(const char *s, int64_t *days)
{
	int y, m, d;
	if (date_parse_ymd(s, &y, &m, &d) != 0)
		return -1;
	*days = date_days(y, m, d);
	return 0;
}

int64_t
date_window_end(int64_t today, struct date_window w)
{
	return w.months > 0 ? date_add_months(today, w.months) : today + w.days;
}

int
date_window_parse(const char *s, int max_days, struct date_window *w)
{
	long n = 0;
	size_t i = 0;
	if (!s)
		return -1;
	/* At most DATE_WINDOW_MAX_DIGITS digits, leading zeros counted
	 * ("007" and "0007" alike): nothing to overflow. */
	for (; s[i] >= '0' && s[i] <= '9' && i < DATE_WINDOW_MAX_DIGITS; i++)
		n = n * 10 + (s[i] - '0');
	if (i == 0)
		return -1;
	if (s[i] == '\0' && n <= max_days) {
		*w = (struct date_window){.days = (int)n};
		return 0;
	}
	if (s[i] == 'm' && s[i + 1] == '\0' && n >= 1 &&
	    n <= DATE_WINDOW_MAX_MONTHS) {
		*w = (struct date_window){.months = (int)n};
		return 0;
	}
	return -1;
}

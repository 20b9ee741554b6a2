/*
 * date.h - calendar dates as day numbers: days since 1970-01-01 in the
 * proleptic Gregorian calendar, so that date arithmetic (due dates, ages,
 * reporting windows) is integer arithmetic. Validating what users type is
 * core/validate.c's job; these functions read dates already stored.
 */
#ifndef SPIRE_DATE_H
#define SPIRE_DATE_H

#include <stdint.h>

#define DATE_TEXT_LEN 11 /* "YYYY-MM-DD" and a NUL */

/* Day number of year y, month m (1-12), day d (1-31). */
int64_t date_days(int64_t y, int m, int d);

/* The year, month (1-12) and day (1-31) of day number days. */
void date_ymd(int64_t days, int *y, int *m, int *d);

/*
 * The day number months calendar months (negative: before) from day
 * number days, on the same day of the month, or the month's last day when
 * it is shorter: three months from 30 November 2024 is 28 February 2025,
 * three months before 31 May is 28 or 29 February. "Three months" in the
 * guidance is calendar months (UK civil dates), not 91 days.
 */
int64_t date_add_months(int64_t days, int months);

/* Write day number days as "YYYY-MM-DD" into out. */
void date_text(int64_t days, char out[DATE_TEXT_LEN]);

/*
 * Read the "YYYY-MM-DD" at the start of s (a date-time's date part too)
 * into *y, *m, *d: 0, or -1 when s does not start with one (NULL, too
 * short, not digits, month or day out of range).
 */
int date_parse_ymd(const char *s, int *y, int *m, int *d);

/* As date_parse_ymd, giving the day number. */
int date_parse(const char *s, int64_t *days);

/*
 * How far ahead a due list looks from today: a number of days, or whole
 * calendar months when months > 0 (12: the calendar year ahead, to the
 * same day next year, or the month's last day when it is shorter), as
 * every other rule people read counts months (date_add_months).
 */
struct date_window {
	int days, months;
};

#define DATE_WINDOW_MAX_MONTHS 12

/* The last day of window w from day number today. */
int64_t date_window_end(int64_t today, struct date_window w);

/*
 * Read a window as a due list's ?within= gives it: "N" days (0 to
 * max_days) or "Nm" calendar months (1 to DATE_WINDOW_MAX_MONTHS; "12m"
 * is the year ahead), of at most DATE_WINDOW_MAX_DIGITS digits (leading
 * zeros allowed: "0007" is "7"). 0, or -1 when s is neither (w unchanged).
 */
#define DATE_WINDOW_MAX_DIGITS 6
int date_window_parse(const char *s, int max_days, struct date_window *w);

#endif

/*
 * dates.c - dates of birth for the demo generator, relative to its
 * fixed reference date (arithmetic in core/date.c).
 */
#include "demo/dates.h"

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

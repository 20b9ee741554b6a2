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

/*
 * demo_dates.c - civil dates to and from day numbers (Howard Hinnant's
 * algorithms) for the demo generator. Not for dates a user enters: those
 * are checked by core/validate.c.
 */
#include "service/demo_dates.h"

#include <stdio.h>

int64_t
demo_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
demo_date_text(int64_t days, char out[11])
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int64_t
demo_birth_for_age(struct demo_rng *r, int age)
{
	return demo_days_from_civil(DEMO_REF_YEAR - age, DEMO_REF_MONTH,
	                            DEMO_REF_DAY) -
	       demo_rng_below(r, 365);
}

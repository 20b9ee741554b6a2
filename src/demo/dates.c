/*
 * dates.c - dates of birth for the demo generator, relative to its
 * fixed reference date (arithmetic in core/date.c).
 */
#include "demo/dates.h"

int64_t
demo_birth_for_age(struct demo_rng *r, int age)
{
	return date_days(DEMO_REF_YEAR - age, DEMO_REF_MONTH, DEMO_REF_DAY) -
	       demo_rng_below(r, 365);
}

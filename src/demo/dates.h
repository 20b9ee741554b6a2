/*
 * dates.h - calendar arithmetic for the demo data: dates as days
 * since 1970-01-01 (proleptic Gregorian), all relative to one fixed
 * reference date so that a seed gives the same data whenever it is run.
 */
#ifndef SPIRE_DEMO_DATES_H
#define SPIRE_DEMO_DATES_H

#include <stdint.h>

#include "core/date.h"
#include "demo/rng.h"

/* The reference date, 2026-11-01: "today" in the demo data. */
#define DEMO_REF_YEAR 2026
#define DEMO_REF_MONTH 11
#define DEMO_REF_DAY 1

/* A date of birth making someone age whole years old on the reference
 * date. One draw from r. */
int64_t demo_birth_for_age(struct demo_rng *r, int age);

#endif

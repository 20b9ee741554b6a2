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

/*
 * The reference date, "today" in the demo data: every demo date is
 * relative to it, so that what is overdue or due soon is plausible on the
 * day the demo is loaded. demo_load() sets it from its options (--today,
 * default the UK civil date of the load, core/clock.h) before anything
 * is generated; until then it is DEMO_REF_DEFAULT (2026-11-01), the date
 * the unit tests of the generator use.
 */
#define DEMO_REF_DEFAULT_YEAR 2026
#define DEMO_REF_DEFAULT_MONTH 11
#define DEMO_REF_DEFAULT_DAY 1

/* The reference date as days since 1970-01-01. */
int64_t demo_ref_day(void);

/* Set the reference date (days since 1970-01-01). Not thread-safe: the
 * demo loader is one thread. */
void demo_set_ref_day(int64_t day);

/* A date of birth making someone age whole years old on the reference
 * date. One draw from r. */
int64_t demo_birth_for_age(struct demo_rng *r, int age);

/* The fewest days between the births of two children of one mother who
 * are not twins: about ten months (a pregnancy and a little more). */
#define DEMO_SIBLING_GAP_DAYS 300
/* Per cent of the brothers and sisters drawn too close to another child
 * of the family who are made that child's twin instead of moved away. */
#define DEMO_TWIN_PCT 5

/*
 * A date of birth for a child of the same mother as the children born on
 * born[0..n) (each pair of which is twins or DEMO_SIBLING_GAP_DAYS or more
 * apart), drawn as `want` (moved into [lo, hi], lo <= hi): want itself
 * when it keeps that gap to each of
 * them, else (rarely, DEMO_TWIN_PCT) the nearest one's, twins, else the
 * day nearest want in [lo, hi] that keeps the gap (a twin when none
 * does). At most one draw, only when want is too close.
 */
int64_t demo_sibling_birth(struct demo_rng *r, int64_t want,
                           const int64_t *born, size_t n, int64_t lo,
                           int64_t hi);

/* The whole years of someone born on day `born` on day `on` (days since
 * 1970-01-01; a 29 February birthday falls on 1 March in other years).
 * Negative before they are born. No draw. */
int demo_age_on(int64_t born, int64_t on);

/* The day someone born on day `born` turns `years` (the same day and
 * month; 29 February gives 1 March). No draw. */
int64_t demo_birthday(int64_t born, int years);

/* Whether day (days since 1970-01-01) is a working day in England and
 * Wales: not a Saturday or Sunday, nor a bank holiday (New Year's Day,
 * Good Friday, Easter Monday, the early May, spring and summer bank
 * holidays, Christmas Day and Boxing Day, each moved to the next weekday
 * as gov.uk moves them, and the one-off ones of 2011 to 2023). No draw. */
int demo_is_working_day(int64_t day);

/* day when it is a working day, else the next one. Meetings, court
 * hearings, reviews and the due dates of work fall on one (docs/demo.md).
 * No draw. */
int64_t demo_working_day(int64_t day);

/* day when it is a working day, else the one before it. No draw. */
int64_t demo_working_day_before(int64_t day);

/* The first day on or after day that is weekday wd (0 Sunday to 6
 * Saturday): a group's meeting day. No draw. */
int64_t demo_weekday_from(int64_t day, int wd);

#endif

/*
 * measure_fte.c - first-time entrants (rule version 3).
 *
 * Rule: a child is a first-time entrant in the period when their earliest
 * substantive outcome (a caution or conviction: substantive = 1; open
 * records of any case; ties on the same day broken by the lowest id) has
 * its outcome_date in the period and they were aged 10-17 on that date.
 * An outcome that disposed only of breach offences does not mark an
 * entry (a breach is never a first offence). When that earliest outcome
 * was transferred in (transferred_in = 1) the child entered the system
 * elsewhere: they are not a local first-time entrant, and no later local
 * outcome makes them one. Rate = entrants per 100,000 of the 10-17
 * population of the year the national statistics use for the period
 * (the mid-year estimate of the 30 June inside it), annualised when the
 * period is not 12 months (measures_engine.c, rate_basis(); version 3 -
 * before it, the financial year the period starts in, never annualised).
 * This is Spire's local count, not the national figure from the Police
 * National Computer.
 */
#include "service/measures/measure_defs.h"

static int
fte_map(struct measure_fact *f, const struct store_measure_row *row,
        int32_t as_of)
{
	(void)as_of;
	if (row->nv < 1 ||
	    row->v[0] == 1) /* entered elsewhere: transferred in */
		return 0;
	f->num = 1;
	return 1;
}

const struct measure_def MEASURE_FTE = {
    .name = "first-time-entrants",
    .title = "First-time entrants",
    .version = "3",
    .rule = "Children aged 10-17 whose earliest caution or conviction "
            "(open records, any case; outcomes disposing only of breaches "
            "excluded) is dated in the period; a child whose earliest "
            "outcome was transferred in from another service is not a "
            "local entrant. Rate per 100,000 of the 10-17 population of "
            "the mid-year estimate (30 June) inside the period, or of the "
            "financial year a shorter period falls in; annualised when "
            "the period is not 12 months.",
    .label = "Spire local count - not the national Police National "
             "Computer (PNC) figure",
    .unit = "child",
    .value = MV_RATE,
    .per = 100000,
    .ages_10_17 = 1,
    .personal = 1,
    .query = SMQ_FIRST_ENTRIES,
    .map = fte_map,
};

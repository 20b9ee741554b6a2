/*
 * measure_reoffending.c - the local live reoffending tracker, using the
 * national method (rule version 1).
 *
 * Cohort: children who in the cohort period (the report's from..to, and
 * each quarter - three-month cohorts - or financial year - twelve-month
 * cohorts - of the periods breakdown) had an index event: an open
 * outcome with reoffending_index_date in the period, i.e. a caution or a
 * non-custodial conviction (its outcome_date) or a release from a
 * custodial sentence (its release_date). The child's first such date in
 * the period is the index; they must be 10-17 on it.
 *
 * Proven re-offence: an open offence that is not a breach, committed
 * (offence_date) after the index date and no later than 12 months after
 * it, and linked (open link) to an open caution or conviction given no
 * later than 18 months after the index (the 12 months plus the 6-month
 * proving period). Months are calendar months, clamped to the month's
 * end (29 February + 12 months = 28 February). Each offence counts once.
 *
 * Figures: binary rate = reoffenders / cohort x 100; re-offences per
 * reoffender; re-offences per cohort member; and in_follow_up, the cohort
 * members whose 18-month follow-up has not ended on as_of (today): while
 * any are, the figure is "provisional", never final.
 */
#include <math.h>

#include "service/measures/measure_defs.h"

static int
reoff_map(struct measure_fact *f, const struct store_measure_row *row,
          int32_t as_of)
{
	if (row->nv < 1)
		return 0;
	int64_t n = row->v[0] == STORE_MEASURE_NULL ? 0 : row->v[0];
	f->den = 1;
	f->num = n > 0;
	f->x[0] = (int16_t)(n > INT16_MAX ? INT16_MAX : n);
	/* Still inside the follow-up: the figure may yet change. */
	f->x[1] = (int16_t)(row->date2 && measure_day(row->date2) >= as_of);
	return 1;
}

static json_t *
ratio(int64_t a, int64_t b, int hidden)
{
	if (hidden || b <= 0)
		return json_null();
	return json_real(round(100.0 * (double)a / (double)b) / 100.0);
}

static void
reoff_derive(json_t *obj, const int64_t *num, const int64_t *den,
             const int64_t *x, int suppress)
{
	int hide =
	    suppress && ((*num > 0 && *num < 5) || (x[0] > 0 && x[0] < 5) ||
	                 (*den > 0 && *den < 5));
	json_object_set_new(obj, "reoffences_per_reoffender",
	                    ratio(x[0], *num, hide));
	json_object_set_new(obj, "reoffences_per_child",
	                    ratio(x[0], *den, hide));
	json_object_set_new(obj, "status",
	                    json_string(x[1] > 0 ? "provisional" : "final"));
}

const struct measure_def MEASURE_REOFFENDING = {
    .name = "reoffending",
    .title = "Reoffending (live tracker)",
    .version = "2",
    .rule = "Cohort: children aged 10-17 with a caution, a non-custodial "
            "conviction or a release from custody in the period; the "
            "first is the index. A proven re-offence is a non-breach "
            "offence committed after the index and within 12 months of "
            "it, proven by a caution or conviction within 12 months + 6 "
            "months of the index. Binary rate = reoffenders / cohort; "
            "frequency = re-offences per reoffender and per child. While "
            "any cohort member is inside their 18-month follow-up the "
            "figure is provisional.",
    .label = "Local live tracker using the national method - provisional "
             "until every cohort member's 18-month follow-up has ended",
    .unit = "child",
    .value = MV_PERCENT,
    .per_period = 1,
    .merge = MERGE_FIRST,
    .ages_10_17 = 1,
    .personal = 1,
    .extras = {"reoffences", "in_follow_up", NULL},
    .extra_labels = {"Proven re-offences",
                     "Children still in their follow-up period", NULL},
    .query = SMQ_REOFFENDING,
    .map = reoff_map,
    .derive = reoff_derive,
};

/*
 * The Ministry of Justice's proven reoffending measure (rule version 1),
 * set beside the national and family-group figures (the seed quotes
 * 36.8 % and 2.64 re-offences per reoffender). The cohorts are
 * three-month ones, the financial quarters: each child's first index
 * event in the quarter (aged 10-17 on it), followed up as the live
 * tracker does (12 months to offend, 6 more for the caution or
 * conviction). A period's figure is that of its quarterly cohorts put
 * together - a year's is its four - and a child with index events in
 * several quarters is in each of those cohorts: binary rate = reoffenders
 * / cohort members over the four, re-offences per reoffender = their
 * re-offences / their reoffenders. Source: Ministry of Justice, Proven
 * reoffending statistics: guide (three-month cohorts since the October
 * 2015 - December 2015 cohort; annual figures from four quarterly
 * cohorts).
 */
const struct measure_def MEASURE_REOFFENDING_MOJ = {
    .name = "proven-reoffending",
    .title = "Proven reoffending (Ministry of Justice method)",
    .version = "1",
    .rule = "Three-month cohorts (financial quarters): children aged 10-17 "
            "with a caution, a non-custodial conviction or a release from "
            "custody in the quarter, the first the index. A period's "
            "figure puts its quarterly cohorts together (a year's is its "
            "four; a child may be in more than one). A proven re-offence "
            "is a non-breach offence committed within 12 months of the "
            "index and proven by a caution or conviction within 18 "
            "months. Binary rate = reoffenders / cohort members; "
            "frequency = re-offences per reoffender.",
    .label = "Ministry of Justice method (quarterly cohorts), from Spire's "
             "records - not the published Police National Computer figure",
    .unit = "cohort member",
    .value = MV_PERCENT,
    .quarter_cohorts = 1,
    .merge = MERGE_FIRST,
    .ages_10_17 = 1,
    .personal = 1,
    .extras = {"reoffences", "in_follow_up", NULL},
    .extra_labels = {"Proven re-offences",
                     "Cohort members still in their follow-up period", NULL},
    .query = SMQ_REOFFENDING,
    .map = reoff_map,
    .derive = reoff_derive,
};

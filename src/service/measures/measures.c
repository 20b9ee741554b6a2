/*
 * measures.c - the measures, their names and codes: the list of measure
 * definitions in board-pack order, the codes of ethnic group, sex and age
 * band that facts carry, dates and financial periods, and the parsing of
 * a query's options. The engine is measures_engine.c (over the facts of
 * measures_facts.c), the output measures_output.c, what requests call
 * measures_api.c; the rules themselves are in the measure_*.c modules.
 * No SQL here.
 */
#include "service/measures/measures_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/validate.h"
#include "service/measures/measure_defs.h"
#include "service/people.h"

const struct measure_def *const MEASURES[] = {
    &MEASURE_FTE,
    &MEASURE_REOFFENDING,
    &MEASURE_REOFFENDING_MOJ,
    &MEASURE_CUSTODY,
    &MEASURE_REMANDS,
    &MEASURE_ARRESTS,
    &MEASURE_ARRESTED_CHILDREN,
    &MEASURE_COURT,
    &MEASURE_KPI_ACCOMMODATION,
    &MEASURE_KPI_ETE,
    &MEASURE_KPI_SEND,
    &MEASURE_KPI_MENTAL_HEALTH,
    &MEASURE_KPI_SUBSTANCE_MISUSE,
    &MEASURE_KPI_OOCD,
    &MEASURE_KPI_BOARD,
    &MEASURE_KPI_WIDER_SERVICES,
    &MEASURE_KPI_SERIOUS_VIOLENCE,
    &MEASURE_KPI_VICTIMS,
    &MEASURE_RISK,
    &MEASURE_DISPOSALS,
    &MEASURE_INTERVENTIONS_STARTED,
    &MEASURE_OFFENCE_OUTCOMES,
    &MEASURE_DIVERSION,
    &MEASURE_PARENTS_WORKED_WITH,
    &MEASURE_PARENT_ENGAGEMENT,
    &MEASURE_PARENTS_SEEN,
    &MEASURE_PEER_MENTORING_REFERRALS,
    &MEASURE_SELF_ASSESSMENT_NEEDS,
    &MEASURE_STEPS_TO_CHANGE,
    &MEASURE_PRE_POST_CHANGE,
    NULL,
};

const struct measure_def *
measure_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; MEASURES[i]; i++)
		if (strcmp(MEASURES[i]->name, name) == 0)
			return MEASURES[i];
	return NULL;
}

/* ---- codes ---- */

const char *const MEASURES_ETH_NAMES[] = {"white", "black", "asian",
                                          "mixed", "other", "not_recorded"};
const char *const MEASURES_SEX_NAMES[] = {"female", "male", "indeterminate",
                                          "not_known"};
const char *const MEASURES_AGE_NAMES[] = {"10-14", "15-17", "under_10",
                                          "18_plus", "unknown"};

uint8_t
measures_eth_code(const char *ethnicity)
{
	const char *g = people_ethnic_group(ethnicity);
	for (uint8_t i = 0; g && i < N_ETH - 1; i++)
		if (strcmp(g, MEASURES_ETH_NAMES[i]) == 0)
			return i;
	return N_ETH - 1;
}

uint8_t
measures_sex_code(const char *sex)
{
	for (uint8_t i = 0; sex && i < N_SEX; i++)
		if (strcmp(sex, MEASURES_SEX_NAMES[i]) == 0)
			return i;
	return N_SEX - 1;
}

int
measures_age_band(int age)
{
	if (age < 0)
		return 4;
	if (age < 10)
		return 2;
	if (age <= 14)
		return 0;
	if (age <= 17)
		return 1;
	return 3;
}

int
measure_by_allowed(const struct measure_def *def, enum measure_by by)
{
	return by == BY_NONE || !(def->no_by & (1u << by));
}

void
measure_query_forms(struct measure_query *q, const struct forms *forms)
{
	q->forms = forms;
	q->n_own = 0;
	if (q->def->own_groups && (forms || q->def->own_static))
		q->n_own = q->def->own_groups(forms, q->own, MEASURE_OWN_MAX);
}

int
measure_takes_by(const struct measure_def *def, const char *by)
{
	static const char *const NAMES[] = {"", "ethnicity", "sex", "age",
	                                    "team"};
	for (int i = 1; by && i < 5; i++)
		if (strcmp(by, NAMES[i]) == 0)
			return measure_by_allowed(def, (enum measure_by)i);
	return 1;
}

/* ---- dates ---- */

int
measure_map_flag(struct measure_fact *f, const struct store_measure_row *row,
                 int32_t as_of)
{
	(void)as_of;
	if (row->nv < 1)
		return 0;
	f->den = 1;
	f->num = row->v[0] == 1;
	return 1;
}

int32_t
measure_day(const char *iso)
{
	int64_t days;
	if (!iso || !valid_date(iso) || date_parse(iso, &days) != 0)
		return INT32_MIN;
	return (int32_t)days;
}

/* The financial year (April to March) a day falls in. */
int
measures_fin_year(int32_t day)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

/* Split from..to into financial quarters or years, clipped. */
int
measures_periods(int32_t from, int32_t to, enum measure_interval iv,
                 struct period *out, int max)
{
	int n = 0;
	int fy = measures_fin_year(from);
	int y, m, d;
	date_ymd(from, &y, &m, &d);
	int q = iv == MI_YEAR ? 0 : ((m + 8) % 12) / 3; /* 0 = Apr-Jun */
	for (;;) {
		int sm = 4 + 3 * q, sy = fy;
		if (sm > 12) {
			sm -= 12;
			sy++;
		}
		int32_t start = (int32_t)date_days(sy, sm, 1);
		if (start > to)
			break;
		int32_t end;
		if (iv == MI_YEAR) {
			end = (int32_t)date_days(fy + 1, 4, 1) - 1;
		} else {
			int em = sm + 3, ey = sy;
			if (em > 12) {
				em -= 12;
				ey++;
			}
			end = (int32_t)date_days(ey, em, 1) - 1;
		}
		if (n == max)
			return -1;
		struct period *p = &out[n++];
		p->from = start < from ? from : start;
		p->to = end > to ? to : end;
		p->whole_to = end;
		date_text(p->from, p->from_iso);
		date_text(p->to, p->to_iso);
		if (iv == MI_YEAR)
			snprintf(p->label, sizeof(p->label), "%d/%02d", fy,
			         (fy + 1) % 100);
		else
			snprintf(p->label, sizeof(p->label), "%d/%02d Q%d", fy,
			         (fy + 1) % 100, q + 1);
		if (iv == MI_YEAR || ++q == 4) {
			q = 0;
			fy++;
		}
	}
	return n;
}

/* ---- the query ---- */

int
measure_query_parse(struct measure_query *q, const struct measure_def *def,
                    const char *from, const char *to, const char *by,
                    const char *interval, const char *as_of, struct err *e)
{
	/* Every parameter is checked and every wrong one named in the one
	 * error (err_add), not only the first. */
	memset(q, 0, sizeof(*q));
	err_clear(e);
	q->def = def;
	/* Neither given: the reporting year to date, 1 April of the
	 * financial year that today's UK civil date falls in to today (the
	 * Performance page's default period too). */
	if (!from && !to) {
		char today[CLOCK_ISO_LEN];
		clock_today(today);
		long y = strtol(today, NULL, 10),
		     m = strtol(today + 5, NULL, 10);
		snprintf(q->default_from, sizeof(q->default_from),
		         "%04ld-04-01", m >= 4 ? y : y - 1);
		snprintf(q->default_to, sizeof(q->default_to), "%.10s", today);
		from = q->default_from;
		to = q->default_to;
	}
	int from_ok = from && valid_date(from), to_ok = to && valid_date(to);
	/* A real day in a year Spire does not keep says the range. */
	if (!from_ok && from && valid_date_year_outside(from))
		err_add(e, SPIRE_EINVAL, "from",
		        "The start of the period must be between 1900 and "
		        "2100");
	else if (!from_ok)
		err_add(e, SPIRE_EINVAL, "from",
		        "Enter a real date for the start of the period");
	if (!to_ok && to && valid_date_year_outside(to))
		err_add(e, SPIRE_EINVAL, "to",
		        "The end of the period must be between 1900 and 2100");
	else if (!to_ok)
		err_add(e, SPIRE_EINVAL, "to",
		        "Enter a real date for the end of the period");
	if (from_ok && to_ok && strcmp(from, to) > 0)
		err_add(e, SPIRE_EINVAL, "to",
		        "The end of the period must be the same as or after "
		        "its start");
	else if (from_ok && to_ok &&
	         measure_day(to) >= date_add_months(measure_day(from), 240))
		err_add(e, SPIRE_EINVAL, "to",
		        "Choose a period of 20 years or less");
	q->from = from;
	q->to = to;
	/* An empty by=, interval= or as_of= is a mistake like any other
	 * unknown value: leave the parameter out for the default. */
	static const char *const BYS[] = {"", "ethnicity", "sex", "age",
	                                  "team"};
	q->by = BY_NONE;
	if (by) {
		int found = 0;
		for (int i = 1; i < 5; i++)
			if (strcmp(by, BYS[i]) == 0) {
				q->by = (enum measure_by)i;
				found = 1;
			}
		if (!found && def->own_by && strcmp(by, def->own_by) == 0) {
			q->by = BY_OWN;
			found = 1;
		}
		if (!found)
			err_add(e, SPIRE_EINVAL, "by",
			        "Choose a breakdown by ethnicity, sex, age or "
			        "team");
		else if (!measure_by_allowed(def, q->by))
			err_add(e, SPIRE_EINVAL, "by",
			        "This measure cannot be broken down by %s. "
			        "Choose another breakdown",
			        BYS[q->by]);
	}
	q->interval = MI_AUTO;
	if (interval) {
		if (strcmp(interval, "quarter") == 0)
			q->interval = MI_QUARTER;
		else if (strcmp(interval, "year") == 0)
			q->interval = MI_YEAR;
		else
			err_add(e, SPIRE_EINVAL, "interval",
			        "Choose quarters or years");
	}
	if (as_of) {
		if (!valid_date(as_of))
			err_add(
			    e, SPIRE_EINVAL, "as_of",
			    "Enter a real date for the figures to be as at");
		q->as_of = as_of;
	}
	return e->code;
}

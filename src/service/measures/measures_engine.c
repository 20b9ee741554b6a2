/*
 * measures_engine.c - the figures: facts bucketed into periods and
 * groups, rates and percentages, suppression of small counts and the
 * relative rate index, computed for one measure or for many sharing their
 * scans; and the facts behind a figure. No SQL here.
 */
#include "service/measures/measures_int.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/clock.h"

/* ---- aggregation ---- */

const char *
measure_value_type(const struct measure_def *def)
{
	return def->value == MV_RATE    ? "rate"
	       : def->value == MV_COUNT ? "count"
	                                : "percentage";
}

json_t *
measure_extra_labels(const struct measure_def *def)
{
	if (!def->extras[0])
		return NULL;
	json_t *o = json_object();
	for (int i = 0; o && i < MEASURE_NX && def->extras[i]; i++) {
		const char *l = def->extra_labels[i];
		json_object_set_new(o, def->extras[i],
		                    json_string(l ? l : def->extras[i]));
	}
	return o;
}

/* The counts of a cell are its fields: 0 the numerator, 1 the
 * denominator, 2 + i extra i. */
#define NF (2 + MEASURE_NX)

struct cell {
	int64_t num, den, x[MEASURE_NX];
	/* Up to SUPPRESS_BELOW distinct people behind each field: enough to
	 * tell whether a count is of fewer than that many people. */
	int64_t ids[NF][SUPPRESS_BELOW];
	uint8_t nid[NF];
	uint8_t hid[NF]; /* 1 withheld (small), 2 withheld (complement) */
};

static int64_t
cell_field(const struct cell *c, int k)
{
	return k == 0 ? c->num : k == 1 ? c->den : c->x[k - 2];
}

static void
cell_person(struct cell *c, int k, int64_t person)
{
	/* Full: suppression needs no more (most cells, most facts). */
	if (c->nid[k] >= SUPPRESS_BELOW)
		return;
	for (int i = 0; i < c->nid[k]; i++)
		if (c->ids[k][i] == person)
			return;
	if (c->nid[k] < SUPPRESS_BELOW)
		c->ids[k][c->nid[k]++] = person;
}

static void
cell_add(struct cell *c, const struct measure_fact *f)
{
	c->num += f->num;
	c->den += f->den;
	for (int i = 0; i < MEASURE_NX; i++)
		c->x[i] += f->x[i];
	if (f->num)
		cell_person(c, 0, f->person_id);
	if (f->den)
		cell_person(c, 1, f->person_id);
	for (int i = 0; i < MEASURE_NX; i++)
		if (f->x[i])
			cell_person(c, 2 + i, f->person_id);
}

int
measures_team_index(const struct teams *t, int64_t id)
{
	for (int i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return i + 1;
	return 0;
}

static int
n_groups(const struct measure_query *q, enum measure_by by,
         const struct teams *t)
{
	switch (by) {
	case BY_OWN:
		return q->n_own;
	case BY_ETHNICITY:
		return N_ETH;
	case BY_SEX:
		return N_SEX;
	case BY_AGE:
		return N_AGE;
	case BY_TEAM:
		return t->n + 1;
	default:
		return 0;
	}
}

static int
group_index(const struct measure_fact *f, enum measure_by by,
            const struct teams *t)
{
	switch (by) {
	case BY_ETHNICITY:
		return f->eth;
	case BY_SEX:
		return f->sex;
	case BY_AGE:
		return measures_age_band(f->age);
	case BY_TEAM:
		return measures_team_index(t, f->team_id);
	case BY_OWN:
		return f->grp;
	default:
		return 0;
	}
}

static const char *
group_name(const struct measure_query *q, enum measure_by by, int g,
           const struct teams *t)
{
	switch (by) {
	case BY_OWN:
		return q->own[g];
	case BY_ETHNICITY:
		return MEASURES_ETH_NAMES[g];
	case BY_SEX:
		return MEASURES_SEX_NAMES[g];
	case BY_AGE:
		return MEASURES_AGE_NAMES[g];
	case BY_TEAM:
		return g == 0 ? "no_team" : t->v[g - 1].name;
	default:
		return "all";
	}
}

const char *
measure_group_of(const struct measure_fact *f, enum measure_by by, char *buf,
                 size_t len)
{
	switch (by) {
	case BY_ETHNICITY:
		return MEASURES_ETH_NAMES[f->eth];
	case BY_SEX:
		return MEASURES_SEX_NAMES[f->sex];
	case BY_AGE:
		return MEASURES_AGE_NAMES[measures_age_band(f->age)];
	case BY_TEAM:
		snprintf(buf, len, "%lld", (long long)f->team_id);
		return buf;
	default:
		return "all";
	}
}

/* The population of one group in one year; -1 when none applies. */
static long
group_population_year(const struct population *pop, int year,
                      enum measure_by by, int g)
{
	switch (by) {
	case BY_NONE:
		return population_count(pop, year, NULL, NULL);
	case BY_ETHNICITY:
		return g == N_ETH - 1
		           ? -1
		           : population_count(pop, year, "ethnic_group",
		                              MEASURES_ETH_NAMES[g]);
	case BY_SEX:
		return g > 1 ? -1
		             : population_count(pop, year, "sex",
		                                MEASURES_SEX_NAMES[g]);
	case BY_AGE:
		return g > 1 ? -1
		             : population_count(pop, year, "age",
		                                MEASURES_AGE_NAMES[g]);
	default:
		return -1;
	}
}

/*
 * What a rate over from..to is per (rule version 3, docs/measures.md):
 * the population estimate of the year the national statistics use for the
 * period, and whether and how the rate is annualised.
 *
 * Population year: the ONS mid-year estimates are of 30 June, and the
 * national statistics divide a period's count by the estimate of the
 * 30 June inside it (April 2021 - March 2022 and January - December 2021
 * both by mid-2021). A period holding several 30 Junes divides by their
 * mean; one holding none (a quarter other than April - June) by that of
 * the financial year it falls in, as the year's other quarters do.
 *
 * Length: months when to + 1 day falls on from's day of the month
 * (1 April - 31 March = 12, 1 January - 31 March = 3), else days. A rate
 * over exactly 12 months is a year's. With annualise, any other length
 * is scaled to a year (x 12 / months, or x 365.25 / days) and labelled
 * "annualised from N months" (or "from N months and D days", "from D
 * days"); without it (a quarter of the periods breakdown) it is the
 * period's own rate, labelled with its length, and never called a year's.
 */
struct rate_basis {
	int years[64], ny; /* the population years */
	double factor;     /* multiply count / population by this */
	int annualised;
	int months; /* 0: not whole months (see days) */
	int days;
	char label[160];
};

/* Day `day` plus n calendar months, clamped to the month's end. */
static int32_t
plus_months(int32_t day, int n)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	int mm = m - 1 + n;
	y += mm / 12;
	m = mm % 12 + 1;
	int last =
	    (int)(date_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	          date_days(y, m, 1));
	return (int32_t)date_days(y, m, d > last ? last : d);
}

/* How long from..to is in words: "33 months", "32 months and 1 day",
 * "45 days". */
static void
length_words(int32_t from, int32_t to, char *out, size_t len)
{
	int fy, fm, fd, ty, tm, td;
	date_ymd(from, &fy, &fm, &fd);
	date_ymd(to + 1, &ty, &tm, &td);
	int m = (ty - fy) * 12 + (tm - fm);
	while (m > 0 && plus_months(from, m) > to + 1)
		m--;
	int days = m > 0 ? to + 1 - plus_months(from, m) : to - from + 1;
	if (m > 0 && days == 0)
		snprintf(out, len, "%d month%s", m, m == 1 ? "" : "s");
	else if (m > 0)
		snprintf(out, len, "%d month%s and %d day%s", m,
		         m == 1 ? "" : "s", days, days == 1 ? "" : "s");
	else
		snprintf(out, len, "%d day%s", days, days == 1 ? "" : "s");
}

static void
rate_basis(const struct measure_def *def, int32_t from, int32_t to,
           int annualise, struct rate_basis *b)
{
	memset(b, 0, sizeof(*b));
	int fy, fm, fd, ty, tm, td;
	date_ymd(from, &fy, &fm, &fd);
	date_ymd(to + 1, &ty, &tm, &td);
	for (int y = fy; y <= ty && b->ny < 64; y++) {
		int32_t june = (int32_t)date_days(y, 6, 30);
		if (june >= from && june <= to)
			b->years[b->ny++] = y;
	}
	if (b->ny == 0)
		b->years[b->ny++] = measures_fin_year(from);
	b->days = to - from + 1;
	if (fd == td)
		b->months = (ty - fy) * 12 + (tm - fm);
	char per[8];
	snprintf(per, sizeof(per), "%s",
	         def->per >= 100000 ? "100,000"
	         : def->per >= 1000 ? "1,000"
	                            : "100");
	char len[48];
	length_words(from, to, len, sizeof(len));
	b->factor = 1.0;
	if (b->months == 12) {
		snprintf(b->label, sizeof(b->label),
		         "per %s children aged 10-17 a year", per);
	} else if (annualise) {
		b->annualised = 1;
		b->factor =
		    b->months > 0 ? 12.0 / b->months : 365.25 / (double)b->days;
		snprintf(
		    b->label, sizeof(b->label),
		    "per %s children aged 10-17 a year, annualised from %s",
		    per, len);
	} else if (b->months == 3) {
		snprintf(b->label, sizeof(b->label),
		         "per %s children aged 10-17 in the quarter (not "
		         "annualised)",
		         per);
	} else {
		snprintf(b->label, sizeof(b->label),
		         "per %s children aged 10-17 in %s (not annualised)",
		         per, len);
	}
}

/* The population a group's rate is per: the mean of its estimates for
 * the basis's years (those the file holds); -1 when none applies, 0 when
 * the file holds none of them. */
static long
group_population(const struct population *pop, const struct rate_basis *b,
                 enum measure_by by, int g)
{
	long long sum = 0;
	int n = 0;
	for (int i = 0; i < b->ny; i++) {
		long c = group_population_year(pop, b->years[i], by, g);
		if (c < 0)
			return -1;
		if (c > 0) {
			sum += c;
			n++;
		}
	}
	return n ? (long)((sum + n / 2) / n) : 0;
}

/* The rate's basis into obj (rate measures only). */
static void
basis_json(json_t *obj, const struct rate_basis *b)
{
	json_t *ys = json_array();
	for (int i = 0; i < b->ny; i++)
		json_array_append_new(ys, json_integer(b->years[i]));
	json_object_set_new(obj, "population_years", ys);
	json_object_set_new(obj, "rate_label", json_string(b->label));
	json_object_set_new(obj, "annualised", json_boolean(b->annualised));
	json_object_set_new(obj, "months",
	                    b->months > 0 ? json_integer(b->months)
	                                  : json_null());
	json_object_set_new(obj, "days", json_integer(b->days));
}

static int
is_small(int64_t v)
{
	return v > 0 && v < SUPPRESS_BELOW;
}

/* How many fields of def's cells are counts that may be withheld. */
static int
n_extras(const struct measure_def *def)
{
	int n = 0;
	while (n < MEASURE_NX && def->extras[n])
		n++;
	return n;
}

static int
is_count_field(const struct measure_def *def, int k)
{
	return k == 0 || (k == 1 && def->value == MV_PERCENT) ||
	       (k >= 2 && k - 2 < n_extras(def));
}

/*
 * Primary suppression of cell c: a count from 1 to 4 is withheld; for a
 * measure about people, a count (of children, or of their events) is
 * withheld when fewer than SUPPRESS_BELOW distinct people are behind it,
 * so 6 disposals of 2 children are withheld too; counts not about people
 * (board meetings) never are.
 */
static void
primary(const struct measure_def *def, struct cell *c)
{
	for (int k = 0; k < NF; k++) {
		int64_t v = cell_field(c, k);
		if (!is_count_field(def, k) || def->not_people || v <= 0)
			continue;
		if (def->personal ? c->nid[k] < SUPPRESS_BELOW : is_small(v))
			c->hid[k] = 1;
	}
}

/*
 * One sum that suppression must respect: total = the sum of parts (field
 * k of n cells, or fields of one cell). A withheld count must be neither
 * recoverable from the sum nor narrowed by it. An intruder who knows the
 * rule takes a count withheld as small (hid 1) to be 1 to 4 and one
 * withheld as a complement (hid 2) to be at least SUPPRESS_BELOW (a
 * complement is a shown count, so never 1 to 4 people). Each small count
 * of the sum can still be anything from 1 to 4 when
 *   - a complement is among the withheld (else the small ones' sum pins
 *     them: 3 and 4 withheld beside a shown total are 3 and 4), and
 *   - the withheld add up to at least SUPPRESS_BELOW - 2 more than their
 *     least (1 a small count, SUPPRESS_BELOW a complement): room for
 *     any one small count to be 4 with the others at their least.
 * A withheld total is an unknown of its own when a part is withheld
 * beside it (and the sum of the parts when none is). Until the sum is
 * safe, withhold the smallest non-zero part shown (the
 * complementary cell), or the total when none is left. A small count
 * withheld alone beside parts shown as 0 has a zero withheld beside it
 * as a complement, whether the total is shown or not (the zeros would
 * say the whole sum is in it: session 23). This is the
 * feasibility interval of statistical disclosure control (the ESS
 * Handbook on Statistical Disclosure Control: a suppressed cell's
 * feasible range must stay wide enough); docs/measures.md, "Secondary
 * suppression".
 * Returns 1 if it withheld anything.
 */
struct slot {
	int64_t v;
	uint8_t *hid;
};

/* Whether withheld counts adding up to sum, small of them withheld as
 * small and complements as complements, are safe (above). */
static int
sum_safe(int64_t sum, int small, int complements)
{
	int64_t least = small + (int64_t)complements * SUPPRESS_BELOW;
	return small == 0 ||
	       (complements > 0 && sum >= least + SUPPRESS_BELOW - 2);
}

static int
protect(struct slot total, struct slot *parts, int n)
{
	int64_t sum = 0;
	int small = 0, complements = 0, pick = -1, zero = -1;
	for (int i = 0; i < n; i++) {
		if (*parts[i].hid) {
			sum += parts[i].v;
			if (*parts[i].hid == 1)
				small++;
			else
				complements++;
		} else if (parts[i].v > 0 &&
		           (pick < 0 || parts[i].v < parts[pick].v)) {
			pick = i;
		} else if (parts[i].v == 0 && zero < 0) {
			zero = i;
		}
	}
	/* One withheld part beside parts shown as 0 holds the whole sum:
	 * the zeros tell where the small count is (every child counted is
	 * of that group), whether the total is shown or not. A zero beside
	 * it is withheld too (as a complement), so that the count could be
	 * in either. */
	if (small == 1 && complements == 0 && pick < 0 && zero >= 0) {
		*parts[zero].hid = 2;
		return 1;
	}
	/* A withheld total is the sum of the parts when none is withheld;
	 * beside a withheld part it is an unknown of its own, and the sum
	 * says nothing of the part. */
	if (*total.hid ? small + complements > 0
	               : sum_safe(sum, small, complements))
		return 0;
	if (pick >= 0)
		*parts[pick].hid = 2;
	else if (!*total.hid)
		*total.hid = 2;
	else
		return 0;
	return 1;
}

/* The sums inside cell c (def->lines). */
static int
protect_cell(const struct measure_def *def, struct cell *c)
{
	int changed = 0;
	for (int l = 0; l < 2; l++) {
		if (!def->lines[l].parts)
			continue;
		struct slot parts[NF];
		int n = 0;
		for (int k = 0; k < NF; k++)
			if (def->lines[l].parts & (1u << k))
				parts[n++] =
				    (struct slot){cell_field(c, k), &c->hid[k]};
		int t = def->lines[l].total;
		changed |= protect((struct slot){cell_field(c, t), &c->hid[t]},
		                   parts, n);
	}
	return changed;
}

/* The sum of field k over the n cells in `parts` is the total's. */
static int
protect_across(struct cell *total, struct cell *parts, int n, int k,
               struct slot *scratch)
{
	for (int i = 0; i < n; i++)
		scratch[i] =
		    (struct slot){cell_field(&parts[i], k), &parts[i].hid[k]};
	return protect((struct slot){cell_field(total, k), &total->hid[k]},
	               scratch, n);
}

/*
 * Suppress the cells of one output: the total, the periods (summing to it,
 * or, when the measure chooses each period's facts afresh, to at least
 * it) and the groups.
 * Primary suppression first, then complementary suppression until no
 * withheld count can be worked out, or narrowed down, by subtraction from
 * the total, the other periods, the other groups or the other counts of
 * its cell (protect()).
 */
static int
suppress_cells(const struct measure_def *def, struct cell *total,
               struct cell *pc, int np, struct cell *groups, int ng)
{
	primary(def, total);
	for (int i = 0; i < np; i++)
		primary(def, &pc[i]);
	for (int i = 0; i < ng; i++)
		primary(def, &groups[i]);
	int m = np > ng ? np : ng;
	struct slot *scratch =
	    calloc((size_t)(m > 0 ? m : 1), sizeof(*scratch));
	if (!scratch)
		return SPIRE_ENOMEM;
	for (int pass = 0, changed = 1; changed && pass < 64; pass++) {
		changed = protect_cell(def, total);
		for (int i = 0; i < np; i++)
			changed |= protect_cell(def, &pc[i]);
		for (int i = 0; i < ng; i++)
			changed |= protect_cell(def, &groups[i]);
		for (int k = 0; k < NF; k++) {
			if (!is_count_field(def, k))
				continue;
			/* A measure choosing each period's facts afresh
			 * (per_period) has periods that need not add up
			 * to the total, but the total is never more than
			 * their sum: each of the total's people (and
			 * events) is counted in a period holding its
			 * first fact. So 9 + 7 + [c] + 0 beside a year of
			 * 19 pins the [c] to 3 or 4. A sum the intruder
			 * only knows as "at least" tells less than one
			 * that adds up, so the same rule keeps it safe. */
			if (np > 1)
				changed |=
				    protect_across(total, pc, np, k, scratch);
			if (ng > 1)
				changed |= protect_across(total, groups, ng, k,
				                          scratch);
		}
	}
	free(scratch);
	return 0;
}

static json_t *
field_json(const struct cell *c, int k)
{
	return c->hid[k] ? json_null() : json_integer(cell_field(c, k));
}

/* Round to 2 decimals, for stable output. */
static json_t *
real2(double v)
{
	if (!isfinite(v))
		return json_null();
	return json_real(round(v * 100.0) / 100.0);
}

/*
 * The figures of one cell into obj, its withheld counts (c->hid, set by
 * suppress_cells) null; *value_out the value (NAN when none or withheld).
 * pop < 0: no population applies (rate measures by team, unknown group).
 */
static int
cell_json(json_t *obj, const struct measure_def *def, const struct cell *c,
          long pop, double factor, int suppress, double *value_out)
{
	json_t *sup = json_array();
	if (!sup)
		return SPIRE_ENOMEM;
	int num_hidden = c->hid[0] != 0;
	if (num_hidden)
		json_array_append_new(sup, json_string("numerator"));
	json_object_set_new(obj, "numerator", field_json(c, 0));
	double value = NAN;
	if (def->value == MV_RATE) {
		json_object_set_new(obj, "denominator",
		                    pop > 0 ? json_integer(pop) : json_null());
		if (pop > 0 && !num_hidden)
			value =
			    (double)c->num * def->per / (double)pop * factor;
	} else if (def->value == MV_COUNT) {
		json_object_set_new(obj, "denominator", json_null());
		if (!num_hidden)
			value = (double)c->num;
	} else {
		int den_hidden = c->hid[1] != 0;
		if (den_hidden)
			json_array_append_new(sup, json_string("denominator"));
		json_object_set_new(obj, "denominator", field_json(c, 1));
		if (c->den > 0 && !num_hidden && !den_hidden)
			value = 100.0 * (double)c->num / (double)c->den;
	}
	json_object_set_new(obj, "value", real2(value));
	if (def->extras[0]) {
		json_t *x = json_object();
		for (int i = 0; i < MEASURE_NX && def->extras[i]; i++) {
			if (c->hid[2 + i])
				json_array_append_new(
				    sup, json_string(def->extras[i]));
			json_object_set_new(x, def->extras[i],
			                    field_json(c, 2 + i));
		}
		json_object_set_new(obj, "extras", x);
	}
	if (def->derive) {
		/* The derived figures see a withheld count as a small one
		 * (1), which their own rule withholds; a shown count is
		 * never small where anything is withheld. */
		int64_t num = c->hid[0] ? 1 : c->num;
		int64_t den = c->hid[1] ? 1 : c->den;
		int64_t x[MEASURE_NX];
		int any = 0;
		for (int k = 0; k < NF; k++)
			any |= c->hid[k];
		for (int i = 0; i < MEASURE_NX; i++)
			x[i] = c->hid[2 + i] ? 1 : c->x[i];
		def->derive(obj, &num, &den, x,
		            (any || suppress) && !def->not_people);
	}
	json_object_set_new(obj, "suppressed", sup);
	/* Which of them are withheld not for being small but to protect a
	 * small one (complements, hid 2): the page says why in words. Only
	 * when there are any. */
	json_t *prot = NULL;
	for (int k = 0; k < NF; k++) {
		if (c->hid[k] != 2 || !is_count_field(def, k))
			continue;
		if (!prot && !(prot = json_array()))
			return SPIRE_ENOMEM;
		json_array_append_new(
		    prot, json_string(k == 0   ? "numerator"
		                      : k == 1 ? "denominator"
		                               : def->extras[k - 2]));
	}
	if (prot)
		json_object_set_new(obj, "withheld_to_protect", prot);
	*value_out = value;
	return 0;
}

static int
by_fact_order(const void *a, const void *b)
{
	const struct measure_fact *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	return x->record_id < y->record_id ? -1 : x->record_id > y->record_id;
}

static const char *
by_name(const struct measure_def *def, enum measure_by by)
{
	static const char *const N[] = {NULL, "ethnicity", "sex", "age",
	                                "team"};
	return by == BY_OWN ? def->own_by : N[by];
}

/* The figures of q from its raw facts, as a new JSON object in *out. */
static int
compute_one(const struct measure_query *q, struct facts *raw,
            const struct population *pop, const struct teams *teams,
            json_t **out, struct err *e)
{
	*out = NULL;
	const struct measure_def *def = q->def;
	int32_t from = measure_day(q->from), to = measure_day(q->to);
	enum measure_interval iv = q->interval;
	/* Quarters for a period of up to three calendar years (the day
	 * before from's third anniversary is its last day), years beyond. */
	if (iv == MI_AUTO)
		iv = to < date_add_months(from, 36) ? MI_QUARTER : MI_YEAR;
	struct period *periods = calloc(MAX_PERIODS, sizeof(*periods));
	struct cell *groups = NULL, *pc = NULL;
	struct facts whole = {0}, part = {0};
	struct seen seen = {0};
	json_t *r = NULL;
	int rc = 0;
	int ng = n_groups(q, q->by, teams);
	int np =
	    periods ? measures_periods(from, to, iv, periods, MAX_PERIODS) : 0;
	if (!periods ||
	    (ng && !(groups = calloc((size_t)ng, sizeof(*groups)))) ||
	    !(pc = calloc((size_t)(np > 0 ? np : 1), sizeof(*pc)))) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	if (np < 0) {
		rc = err_set(
		    e, SPIRE_EINVAL, "interval",
		    "Choose a shorter period, or years instead of quarters");
		goto out;
	}
	measures_prepare(q, raw);
	const struct facts *chosen = raw;
	if (def->merge != MERGE_NONE || def->ages_10_17) {
		if ((rc =
		         measures_choose(def, raw, from, to, &whole, &seen, e)))
			goto out;
		chosen = &whole;
	}
	struct cell total = {0};
	for (size_t i = 0; i < chosen->n; i++) {
		const struct measure_fact *f = &chosen->v[i];
		cell_add(&total, f);
		int gi = ng ? group_index(f, q->by, teams) : 0;
		if (ng && gi < ng)
			cell_add(&groups[gi], f);
		if (def->per_period)
			continue;
		/* The periods are in order and few: find f's. */
		for (int k = 0; k < np; k++)
			if (f->day >= periods[k].from &&
			    f->day <= periods[k].to) {
				cell_add(&pc[k], f);
				break;
			}
	}
	/* Cohorts are chosen afresh within each period. */
	for (int k = 0; def->per_period && k < np; k++) {
		if ((rc = measures_choose(def, raw, periods[k].from,
		                          periods[k].to, &part, &seen, e)))
			goto out;
		for (size_t i = 0; i < part.n; i++)
			cell_add(&pc[k], &part.v[i]);
	}

	if (q->suppress && suppress_cells(def, &total, pc, np, groups, ng)) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	char today_iso[CLOCK_ISO_LEN];
	clock_today(today_iso);
	int32_t today = measure_day(today_iso);
	r = json_object();
	if (!r) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	json_object_set_new(r, "measure", json_string(def->name));
	json_object_set_new(r, "title", json_string(def->title));
	json_object_set_new(r, "rule_version", json_string(def->version));
	json_object_set_new(r, "rule", json_string(def->rule));
	json_object_set_new(r, "label",
	                    def->label ? json_string(def->label) : json_null());
	json_object_set_new(r, "unit", json_string(def->unit));
	json_t *xl = measure_extra_labels(def);
	if (xl)
		json_object_set_new(r, "extra_labels", xl);
	json_object_set_new(r, "value_type",
	                    json_string(measure_value_type(def)));
	json_object_set_new(r, "rate_per",
	                    def->value == MV_RATE
	                        ? json_integer((int64_t)def->per)
	                        : json_null());
	json_object_set_new(r, "from", json_string(q->from));
	json_object_set_new(r, "to", json_string(q->to));
	json_object_set_new(r, "as_of",
	                    q->as_of ? json_string(q->as_of) : json_null());
	json_object_set_new(r, "interval",
	                    json_string(iv == MI_YEAR ? "year" : "quarter"));
	json_object_set_new(
	    r, "by", q->by ? json_string(by_name(def, q->by)) : json_null());
	json_object_set_new(
	    r, "suppression",
	    q->suppress
	        ? json_string(
	              def->not_people
	                  ? "not about people: nothing withheld"
	                  : "counts of fewer than 5 people are withheld "
	                    "(null), and so is a count from which they "
	                    "could be worked out or narrowed down by "
	                    "subtraction")
	        : json_null());
	struct rate_basis whole_basis, pb;
	rate_basis(def, from, to, 1, &whole_basis);
	double v;
	if (def->value == MV_RATE)
		basis_json(r, &whole_basis);
	cell_json(r, def, &total,
	          group_population(pop, &whole_basis, BY_NONE, 0),
	          whole_basis.factor, q->suppress, &v);
	json_object_set_new(
	    r, "incomplete",
	    json_boolean((np > 0 ? periods[np - 1].whole_to : to) >= today));
	json_t *jp = json_array();
	if (!jp || json_object_set_new(r, "periods", jp)) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	for (int k = 0; k < np; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "period", json_string(periods[k].label));
		json_object_set_new(o, "from",
		                    json_string(periods[k].from_iso));
		json_object_set_new(o, "to", json_string(periods[k].to_iso));
		rate_basis(def, periods[k].from, periods[k].to, 0, &pb);
		if (def->value == MV_RATE)
			basis_json(o, &pb);
		/* The quarter or year is not over (UK civil date): its
		 * figures will still change. */
		json_object_set_new(o, "incomplete",
		                    json_boolean(periods[k].whole_to >= today));
		cell_json(o, def, &pc[k],
		          group_population(pop, &pb, BY_NONE, 0), pb.factor,
		          q->suppress, &v);
		json_array_append_new(jp, o);
	}
	if (ng) {
		json_t *jg = json_array();
		double *vals = calloc((size_t)ng, sizeof(double));
		json_t **objs = calloc((size_t)ng, sizeof(json_t *));
		if (!jg || !vals || !objs) {
			json_decref(jg);
			free(vals);
			free(objs);
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			goto out;
		}
		for (int g = 0; g < ng; g++) {
			objs[g] = json_object();
			json_object_set_new(
			    objs[g], "group",
			    json_string(group_name(q, q->by, g, teams)));
			if (q->by == BY_TEAM && g > 0)
				json_object_set_new(
				    objs[g], "team_id",
				    json_integer(teams->v[g - 1].id));
			cell_json(
			    objs[g], def, &groups[g],
			    def->value == MV_RATE
			        ? group_population(pop, &whole_basis, q->by, g)
			        : 0,
			    whole_basis.factor, q->suppress, &vals[g]);
			json_array_append_new(jg, objs[g]);
		}
		/* The relative rate index: each group's rate over White
		 * children's (1.0 = parity). */
		for (int g = 0; q->by == BY_ETHNICITY && g < ng; g++) {
			double rri = NAN;
			if (isfinite(vals[g]) && isfinite(vals[ETH_WHITE]) &&
			    vals[ETH_WHITE] > 0)
				rri = vals[g] / vals[ETH_WHITE];
			json_object_set_new(objs[g], "rri", real2(rri));
		}
		free(vals);
		free(objs);
		json_object_set_new(r, "groups", jg);
	}
	*out = r;
	r = NULL;
out:
	json_decref(r);
	measures_facts_free(&whole);
	measures_facts_free(&part);
	measures_seen_free(&seen);
	free(pc);
	free(groups);
	free(periods);
	return rc;
}

struct many {
	const struct measure_query *q;
	struct facts *raw;
	const struct population *pop;
	const struct teams *teams;
	json_t **out;
	const struct scan_group *groups;
	size_t ng;
	atomic_size_t next; /* the next group to take */
	atomic_int stop;    /* a group failed: take no more */
	int *rc;            /* each group's outcome */
	struct err *errs;   /* and its error */
};

/* One shared scan on db, then its measures computed and their facts
 * freed before the next scan (the board pack never holds every fact at
 * once). */
static int
run_group(struct db *db, struct many *m, const struct scan_group *g,
          struct err *e)
{
	int rc = measures_scan_group(db, m->q, g, m->raw, e);
	for (size_t i = 0; i < g->n; i++) {
		size_t j = g->idx[i];
		if (rc == 0)
			rc = compute_one(&m->q[j], &m->raw[j], m->pop, m->teams,
			                 &m->out[j], e);
		measures_facts_free(&m->raw[j]);
	}
	return rc;
}

/* Take groups in order until none is left or one has failed. */
static void
run_groups(struct db *db, struct many *m)
{
	for (;;) {
		size_t i = atomic_fetch_add(&m->next, 1);
		if (i >= m->ng || atomic_load(&m->stop))
			return;
		err_clear(&m->errs[i]);
		m->rc[i] = run_group(db, m, &m->groups[i], &m->errs[i]);
		if (m->rc[i])
			atomic_store(&m->stop, 1);
	}
}

struct worker {
	pthread_t t;
	struct db *db;
	struct many *m;
	int started;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	run_groups(w->db, w->m);
	return NULL;
}

/* Threads the pack may use: the CPUs this process may run on, at most
 * MEASURES_THREADS_MAX. */
static int
cpu_threads(void)
{
	cpu_set_t set;
	int n = sched_getaffinity(0, sizeof(set), &set) == 0
	            ? CPU_COUNT(&set)
	            : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > MEASURES_THREADS_MAX ? MEASURES_THREADS_MAX : n;
}

/*
 * Up to want more read connections from rd into dbs[], each in a read
 * that sees db's snapshot (db is inside db_begin_read): PostgreSQL's
 * exported snapshot; on SQLite, which cannot hand one over, snapshots of
 * their own opened now, kept only when db's change generation is still
 * rd->gen (read before db's snapshot opened): no commit came between, so
 * every snapshot is the same. Returns how many (0: one connection).
 */
static int
borrow_readers(struct db *db, const struct measures_readers *rd, int want,
               struct db **dbs)
{
	char id[DB_SNAPSHOT_ID_LEN];
	struct err e;
	err_clear(&e);
	if (want <= 0 || db_read_share(db, id, sizeof(id), &e) != 0)
		return 0;
	if (!id[0] && !rd->gen)
		return 0;
	int k = 0;
	while (k < want) {
		struct db *d = rd->get(rd->arg);
		if (!d)
			break;
		if (db_begin_read_at(d, id, &e) != 0) {
			err_clear(&e);
			rd->put(rd->arg, d);
			break;
		}
		dbs[k++] = d;
	}
	struct db_generation now;
	if (k > 0 && !id[0] &&
	    (!db_generation(db, &now) ||
	     memcmp(now.bytes, rd->gen->bytes, sizeof(now.bytes)) != 0)) {
		while (k > 0) {
			db_end_read(dbs[--k]);
			rd->put(rd->arg, dbs[k]);
		}
	}
	return k;
}

int
measures_compute_many_at(struct db *db, const struct measures_readers *rd,
                         const struct measure_query *q, size_t n,
                         const struct population *pop, json_t **out,
                         struct err *e)
{
	struct teams teams = {NULL, 0};
	struct facts *raw = calloc(n ? n : 1, sizeof(*raw));
	struct scan_group *groups = NULL;
	size_t ng = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!raw)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++)
		if (q[i].by == BY_TEAM && !teams.v)
			rc = store_measures_teams(db, &teams.v, &teams.n, e);
	if (rc == 0)
		rc = measures_plan(q, n, &groups, &ng, e);
	struct many m = {.q = q,
	                 .raw = raw,
	                 .pop = pop,
	                 .teams = &teams,
	                 .out = out,
	                 .groups = groups,
	                 .ng = ng};
	atomic_init(&m.next, 0);
	atomic_init(&m.stop, 0);
	m.rc = calloc(ng ? ng : 1, sizeof(*m.rc));
	m.errs = calloc(ng ? ng : 1, sizeof(*m.errs));
	if (rc == 0 && (!m.rc || !m.errs))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct worker w[MEASURES_THREADS_MAX];
	struct db *dbs[MEASURES_THREADS_MAX];
	int nw = 0;
	if (rc == 0 && rd && ng > 1) {
		int want = cpu_threads() - 1;
		if ((size_t)want > ng - 1)
			want = (int)(ng - 1);
		nw = borrow_readers(db, rd, want, dbs);
	}
	for (int i = 0; i < nw; i++) {
		w[i] = (struct worker){.db = dbs[i], .m = &m};
		w[i].started =
		    pthread_create(&w[i].t, NULL, worker_main, &w[i]) == 0;
	}
	if (rc == 0)
		run_groups(db, &m);
	for (int i = 0; i < nw; i++) {
		if (w[i].started)
			pthread_join(w[i].t, NULL);
		db_end_read(dbs[i]);
		rd->put(rd->arg, dbs[i]);
	}
	/* The first group that failed, as one connection would have. */
	for (size_t i = 0; rc == 0 && i < ng; i++)
		if (m.rc[i]) {
			*e = m.errs[i];
			rc = m.rc[i];
		}
	for (size_t i = 0; i < n; i++) {
		measures_facts_free(&raw[i]);
		if (rc) {
			json_decref(out[i]);
			out[i] = NULL;
		}
	}
	free(m.rc);
	free(m.errs);
	free(groups);
	free(raw);
	free(teams.v);
	return rc;
}

int
measures_compute_many(struct db *db, const struct measure_query *q, size_t n,
                      const struct population *pop, json_t **out, struct err *e)
{
	return measures_compute_many_at(db, NULL, q, n, pop, out, e);
}

int
measures_compute(struct db *db, const struct measure_query *q,
                 const struct population *pop, json_t **out, struct err *e)
{
	return measures_compute_many(db, q, 1, pop, out, e);
}

int
measures_facts(struct db *db, const struct measure_query *q, const char *group,
               int (*fn)(void *arg, const struct measure_fact *f,
                         struct err *e),
               void *arg, struct err *e)
{
	struct facts raw = {0}, chosen = {0};
	int rc = measures_scan(db, q, 1, &raw, e);
	measures_prepare(q, &raw);
	struct seen seen = {0};
	if (rc == 0)
		rc = measures_choose(q->def, &raw, measure_day(q->from),
		                     measure_day(q->to), &chosen, &seen, e);
	measures_seen_free(&seen);
	measures_facts_free(&raw);
	if (rc == 0 && chosen.n > 1)
		qsort(chosen.v, chosen.n, sizeof(*chosen.v), by_fact_order);
	char buf[32];
	for (size_t i = 0; i < chosen.n && rc == 0; i++) {
		const struct measure_fact *f = &chosen.v[i];
		const char *name =
		    q->by == BY_OWN
		        ? (f->grp < q->n_own ? q->own[f->grp] : "")
		        : measure_group_of(f, q->by, buf, sizeof(buf));
		if (group && q->by && strcmp(name, group) != 0)
			continue;
		rc = fn(arg, f, e);
	}
	measures_facts_free(&chosen);
	return rc;
}

/*
 * measures.c - the measures engine: periods, groups, suppression, the
 * relative rate index, CSV and text output, and the children behind a
 * figure. The rules themselves are in the measure_*.c modules; this file
 * knows nothing about offences or outcomes. No SQL here.
 */
#include "service/measures.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/validate.h"
#include "service/measure_defs.h"
#include "service/people.h"
#include "service/roles.h"

#define MAX_PERIODS 200
#define MAX_FACTS 50000000u
#define SUPPRESS_BELOW 5

const struct measure_def *const MEASURES[] = {
    &MEASURE_FTE,
    &MEASURE_REOFFENDING,
    &MEASURE_CUSTODY,
    &MEASURE_REMANDS,
    &MEASURE_ARRESTS,
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

static const char *const ETH_NAMES[] = {"white", "black", "asian",
                                        "mixed", "other", "not_recorded"};
#define N_ETH 6
#define ETH_WHITE 0
static const char *const SEX_NAMES[] = {"female", "male", "indeterminate",
                                        "not_known"};
#define N_SEX 4
static const char *const AGE_NAMES[] = {"10-14", "15-17", "under_10", "18_plus",
                                        "unknown"};
#define N_AGE 5

static uint8_t
eth_code(const char *ethnicity)
{
	const char *g = people_ethnic_group(ethnicity);
	for (uint8_t i = 0; g && i < N_ETH - 1; i++)
		if (strcmp(g, ETH_NAMES[i]) == 0)
			return i;
	return N_ETH - 1;
}

static uint8_t
sex_code(const char *sex)
{
	for (uint8_t i = 0; sex && i < N_SEX; i++)
		if (strcmp(sex, SEX_NAMES[i]) == 0)
			return i;
	return N_SEX - 1;
}

static int
age_band(int age)
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
static int
fin_year(int32_t day)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

struct period {
	int32_t from, to;
	char label[16];
	char from_iso[11], to_iso[11];
};

/* Split from..to into financial quarters or years, clipped. */
static int
make_periods(int32_t from, int32_t to, enum measure_interval iv,
             struct period *out, int max)
{
	int n = 0;
	int fy = fin_year(from);
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

/* ---- facts ---- */

struct facts {
	struct measure_fact *v;
	size_t n, cap;
};

static int
facts_add(struct facts *fs, const struct measure_fact *f, struct err *e)
{
	if (fs->n == fs->cap) {
		size_t ncap = fs->cap ? fs->cap * 2 : 1024;
		if (ncap > MAX_FACTS)
			return err_set(e, SPIRE_ENOMEM, NULL,
			               "too many facts for one measure");
		void *p = realloc(fs->v, ncap * sizeof(*fs->v));
		if (!p)
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		fs->v = p;
		fs->cap = ncap;
	}
	fs->v[fs->n++] = *f;
	return 0;
}

static int
facts_reserve(struct facts *fs, size_t n, struct err *e)
{
	if (n <= fs->cap)
		return 0;
	if (n > MAX_FACTS)
		return err_set(e, SPIRE_ENOMEM, NULL,
		               "too many facts for one measure");
	void *p = realloc(fs->v, n * sizeof(*fs->v));
	if (!p)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	fs->v = p;
	fs->cap = n;
	return 0;
}

static void
facts_free(struct facts *fs)
{
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

/* The person, date, age, sex and group of a store row; -1 when its date
 * is not a date. */
static int
fact_from_row(struct measure_fact *f, const struct store_measure_row *row)
{
	int y, m, d, by, bm, bd;
	memset(f, 0, sizeof(*f));
	if (date_parse_ymd(row->date, &y, &m, &d) != 0)
		return -1;
	f->person_id = row->person_id;
	f->record_id = row->record_id;
	f->team_id = row->team_id;
	f->day = (int32_t)date_days(y, m, d);
	f->age = -1;
	if (date_parse_ymd(row->dob, &by, &bm, &bd) == 0) {
		/* Whole years: a 29 February birthday comes on 1 March. */
		int age = y - by - (m < bm || (m == bm && d < bd));
		f->age = (int16_t)(age < 0 ? -1 : age);
	}
	f->sex = sex_code(row->sex);
	f->eth = eth_code(row->ethnicity);
	return 0;
}

/* One scan of the store feeding every measure that counts its facts. */
#define MAX_SHARED 32
struct scan {
	const struct measure_def *defs[MAX_SHARED];
	struct facts *out[MAX_SHARED];
	size_t idx[MAX_SHARED]; /* each one's index in the caller's q[] */
	size_t n;
	int32_t as_of;
};

static int
scan_row(void *arg, const struct store_measure_row *row, struct err *e)
{
	struct scan *s = arg;
	struct measure_fact base;
	if (fact_from_row(&base, row) != 0)
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		struct measure_fact f = base;
		if (s->defs[i]->map(&f, row, s->as_of)) {
			int rc = facts_add(s->out[i], &f, e);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* The raw facts of each q[i] (before merging and the age rule) into
 * out[i]: queries over the same store query, dates and source share one
 * scan. */
typedef int (*scanned_fn)(void *arg, const size_t *idx, size_t n,
                          struct err *e);

/* ... and after each shared scan, done(arg, the indexes it filled) when
 * not NULL, so that the caller can use and free them before the next. */
static int
scan_many(struct db *db, const struct measure_query *q, size_t n,
          struct facts *out, scanned_fn done_fn, void *arg, struct err *e)
{
	char *done = calloc(n ? n : 1, 1);
	if (!done)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (done[i])
			continue;
		struct scan s = {.n = 0};
		s.as_of = q[i].as_of ? measure_day(q[i].as_of) : INT32_MAX;
		for (size_t j = i; j < n && s.n < MAX_SHARED; j++) {
			if (done[j] || q[j].def->query != q[i].def->query ||
			    q[j].from_records != q[i].from_records ||
			    strcmp(q[j].from, q[i].from) != 0 ||
			    strcmp(q[j].to, q[i].to) != 0 ||
			    (q[j].as_of == NULL) != (q[i].as_of == NULL) ||
			    (q[j].as_of && strcmp(q[j].as_of, q[i].as_of) != 0))
				continue;
			done[j] = 1;
			s.defs[s.n] = q[j].def;
			s.idx[s.n] = j;
			s.out[s.n++] = &out[j];
		}
		rc =
		    store_measures_scan(db, q[i].def->query, q[i].from, q[i].to,
		                        q[i].from_records, scan_row, &s, e);
		if (rc == 0 && done_fn)
			rc = done_fn(arg, s.idx, s.n, e);
	}
	free(done);
	return rc;
}

static int
counts_age(const struct measure_def *def, const struct measure_fact *f)
{
	return !def->ages_10_17 || (f->age >= 10 && f->age <= 17);
}

/* Scratch for choose(): an open-addressed table from a child to their
 * fact in the output (key 0 = empty; children's ids are positive). */
struct seen {
	int64_t *keys;
	uint32_t *at;
	size_t slots;
};

static void
seen_free(struct seen *t)
{
	free(t->keys);
	free(t->at);
	memset(t, 0, sizeof(*t));
}

/*
 * The facts that count among raw's dated lo..hi, into dst (emptied
 * first): the measure's merge, then its age rule. raw must be in date
 * then record order (prepare()), so a child's first fact in the range is
 * the first met. t is reused between calls (seen_free() after).
 */
static int
choose(const struct measure_def *def, const struct facts *raw, int32_t lo,
       int32_t hi, struct facts *dst, struct seen *t, struct err *e)
{
	dst->n = 0;
	int rc = facts_reserve(dst, raw->n ? raw->n : 1, e);
	if (rc)
		return rc;
	if (raw->n > UINT32_MAX / 2)
		return err_set(e, SPIRE_ENOMEM, NULL, "too many facts");
	if (def->merge != MERGE_NONE) {
		size_t slots = 16;
		while (slots < raw->n * 2)
			slots *= 2;
		if (slots > t->slots) {
			seen_free(t);
			t->keys = malloc(slots * sizeof(*t->keys));
			t->at = malloc(slots * sizeof(*t->at));
			if (!t->keys || !t->at) {
				seen_free(t);
				return err_set(e, SPIRE_ENOMEM, NULL,
				               "out of memory");
			}
			t->slots = slots;
		}
		memset(t->keys, 0, t->slots * sizeof(*t->keys));
	}
	struct measure_fact *out = dst->v;
	size_t k = 0, mask = t->slots - 1;
	for (size_t i = 0; i < raw->n; i++) {
		const struct measure_fact *f = &raw->v[i];
		if (f->day < lo || f->day > hi)
			continue;
		if (def->merge == MERGE_NONE) {
			out[k++] = *f;
			continue;
		}
		uint64_t h = (uint64_t)f->person_id * 0x9E3779B97F4A7C15ull;
		size_t j = (size_t)(h >> 20) & mask;
		while (t->keys[j] != 0 && t->keys[j] != f->person_id)
			j = (j + 1) & mask;
		if (t->keys[j] == f->person_id) {
			if (def->merge == MERGE_ANY) {
				out[t->at[j]].num |= f->num;
				out[t->at[j]].den |= f->den;
			}
			continue;
		}
		t->keys[j] = f->person_id;
		t->at[j] = (uint32_t)k;
		out[k++] = *f;
	}
	/* The age rule applies to the fact chosen (a cohort's index). */
	size_t n = 0;
	for (size_t i = 0; i < k; i++)
		if (counts_age(def, &out[i]))
			out[n++] = out[i];
	dst->n = n;
	return 0;
}

static int
by_day_record(const void *a, const void *b)
{
	const struct measure_fact *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->record_id < y->record_id ? -1 : x->record_id > y->record_id;
}

/* Ready raw for choose(): the summary gives facts in date and record
 * order already; facts computed from the records come in any order. */
static void
prepare(const struct measure_query *q, struct facts *raw)
{
	if (q->def->merge != MERGE_NONE && q->from_records && raw->n > 1)
		qsort(raw->v, raw->n, sizeof(*raw->v), by_day_record);
}

/* ---- the query ---- */

int
measure_query_parse(struct measure_query *q, const struct measure_def *def,
                    const char *from, const char *to, const char *by,
                    const char *interval, const char *as_of, struct err *e)
{
	memset(q, 0, sizeof(*q));
	q->def = def;
	if (!from || !valid_date(from))
		return err_set(e, SPIRE_EINVAL, "from",
		               "Enter a real date for the start of the period");
	if (!to || !valid_date(to))
		return err_set(e, SPIRE_EINVAL, "to",
		               "Enter a real date for the end of the period");
	if (strcmp(from, to) > 0)
		return err_set(e, SPIRE_EINVAL, "to",
		               "The end of the period must be the same as or "
		               "after its start");
	if (measure_day(to) - measure_day(from) > 366 * 20)
		return err_set(e, SPIRE_EINVAL, "to",
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
		if (!found)
			return err_set(e, SPIRE_EINVAL, "by",
			               "Choose a breakdown by ethnicity, sex, "
			               "age or team");
	}
	q->interval = MI_AUTO;
	if (interval) {
		if (strcmp(interval, "quarter") == 0)
			q->interval = MI_QUARTER;
		else if (strcmp(interval, "year") == 0)
			q->interval = MI_YEAR;
		else
			return err_set(e, SPIRE_EINVAL, "interval",
			               "Choose quarters or years");
	}
	if (as_of) {
		if (!valid_date(as_of))
			return err_set(
			    e, SPIRE_EINVAL, "as_of",
			    "Enter a real date for the figures to be as "
			    "at");
		q->as_of = as_of;
	}
	return 0;
}

/* ---- aggregation ---- */

struct cell {
	int64_t num, den, x[MEASURE_NX];
};

static void
cell_add(struct cell *c, const struct measure_fact *f)
{
	c->num += f->num;
	c->den += f->den;
	for (int i = 0; i < MEASURE_NX; i++)
		c->x[i] += f->x[i];
}

struct teams {
	struct store_measure_team *v;
	int n;
};

static int
team_index(const struct teams *t, int64_t id)
{
	for (int i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return i + 1;
	return 0;
}

static int
n_groups(enum measure_by by, const struct teams *t)
{
	switch (by) {
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
		return age_band(f->age);
	case BY_TEAM:
		return team_index(t, f->team_id);
	default:
		return 0;
	}
}

static const char *
group_name(enum measure_by by, int g, const struct teams *t)
{
	switch (by) {
	case BY_ETHNICITY:
		return ETH_NAMES[g];
	case BY_SEX:
		return SEX_NAMES[g];
	case BY_AGE:
		return AGE_NAMES[g];
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
		return ETH_NAMES[f->eth];
	case BY_SEX:
		return SEX_NAMES[f->sex];
	case BY_AGE:
		return AGE_NAMES[age_band(f->age)];
	case BY_TEAM:
		snprintf(buf, len, "%lld", (long long)f->team_id);
		return buf;
	default:
		return "all";
	}
}

/* The population a group's rate is per; -1 when none applies. */
static long
group_population(const struct population *pop, int year, enum measure_by by,
                 int g)
{
	switch (by) {
	case BY_NONE:
		return population_count(pop, year, NULL, NULL);
	case BY_ETHNICITY:
		return g == N_ETH - 1
		           ? -1
		           : population_count(pop, year, "ethnic_group",
		                              ETH_NAMES[g]);
	case BY_SEX:
		return g > 1 ? -1
		             : population_count(pop, year, "sex", SEX_NAMES[g]);
	case BY_AGE:
		return g > 1 ? -1
		             : population_count(pop, year, "age", AGE_NAMES[g]);
	default:
		return -1;
	}
}

static int
is_small(int64_t v)
{
	return v > 0 && v < SUPPRESS_BELOW;
}

static json_t *
count_or_null(int64_t v, int suppress)
{
	return suppress && is_small(v) ? json_null() : json_integer(v);
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
 * The figures of one cell into obj; *value_out the value (NAN when none).
 * pop < 0: no population applies (rate measures by team, unknown group).
 */
static int
cell_json(json_t *obj, const struct measure_def *def, const struct cell *c,
          long pop, int suppress, double *value_out)
{
	json_t *sup = json_array();
	if (!sup)
		return SPIRE_ENOMEM;
	int num_hidden = suppress && is_small(c->num);
	if (num_hidden)
		json_array_append_new(sup, json_string("numerator"));
	json_object_set_new(obj, "numerator", count_or_null(c->num, suppress));
	double value = NAN;
	if (def->value == MV_RATE) {
		json_object_set_new(obj, "denominator",
		                    pop > 0 ? json_integer(pop) : json_null());
		if (pop > 0 && !num_hidden)
			value = (double)c->num * def->per / (double)pop;
	} else {
		int den_hidden = suppress && is_small(c->den);
		if (den_hidden)
			json_array_append_new(sup, json_string("denominator"));
		json_object_set_new(obj, "denominator",
		                    count_or_null(c->den, suppress));
		if (c->den > 0 && !num_hidden && !den_hidden)
			value = 100.0 * (double)c->num / (double)c->den;
	}
	json_object_set_new(obj, "value", real2(value));
	if (def->extras[0]) {
		json_t *x = json_object();
		for (int i = 0; i < MEASURE_NX && def->extras[i]; i++) {
			if (suppress && is_small(c->x[i]))
				json_array_append_new(
				    sup, json_string(def->extras[i]));
			json_object_set_new(x, def->extras[i],
			                    count_or_null(c->x[i], suppress));
		}
		json_object_set_new(obj, "extras", x);
	}
	if (def->derive)
		def->derive(obj, &c->num, &c->den, c->x, suppress);
	json_object_set_new(obj, "suppressed", sup);
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
by_name(enum measure_by by)
{
	static const char *const N[] = {NULL, "ethnicity", "sex", "age",
	                                "team"};
	return N[by];
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
	if (iv == MI_AUTO)
		iv = to - from <= 366 * 3 ? MI_QUARTER : MI_YEAR;
	struct period *periods = calloc(MAX_PERIODS, sizeof(*periods));
	struct cell *groups = NULL, *pc = NULL;
	struct facts whole = {0}, part = {0};
	struct seen seen = {0};
	json_t *r = NULL;
	int rc = 0;
	int ng = n_groups(q->by, teams);
	int np = periods ? make_periods(from, to, iv, periods, MAX_PERIODS) : 0;
	if (!periods ||
	    (ng && !(groups = calloc((size_t)ng, sizeof(*groups)))) ||
	    !(pc = calloc((size_t)(np > 0 ? np : 1), sizeof(*pc)))) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	if (np < 0) {
		rc = err_set(e, SPIRE_EINVAL, "interval",
		             "Choose a shorter period, or years instead of "
		             "quarters");
		goto out;
	}
	prepare(q, raw);
	const struct facts *chosen = raw;
	if (def->merge != MERGE_NONE || def->ages_10_17) {
		if ((rc = choose(def, raw, from, to, &whole, &seen, e)))
			goto out;
		chosen = &whole;
	}
	struct cell total = {0};
	for (size_t i = 0; i < chosen->n; i++) {
		const struct measure_fact *f = &chosen->v[i];
		cell_add(&total, f);
		if (ng)
			cell_add(&groups[group_index(f, q->by, teams)], f);
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
		if ((rc = choose(def, raw, periods[k].from, periods[k].to,
		                 &part, &seen, e)))
			goto out;
		for (size_t i = 0; i < part.n; i++)
			cell_add(&pc[k], &part.v[i]);
	}

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
	json_object_set_new(
	    r, "value_type",
	    json_string(def->value == MV_RATE ? "rate" : "percentage"));
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
	json_object_set_new(r, "by",
	                    q->by ? json_string(by_name(q->by)) : json_null());
	json_object_set_new(
	    r, "suppression",
	    q->suppress ? json_string("counts from 1 to 4 are withheld (null)")
	                : json_null());
	int year = fin_year(from);
	double v;
	cell_json(r, def, &total, group_population(pop, year, BY_NONE, 0),
	          q->suppress, &v);
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
		cell_json(o, def, &pc[k],
		          group_population(pop, fin_year(periods[k].from),
		                           BY_NONE, 0),
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
			    json_string(group_name(q->by, g, teams)));
			if (q->by == BY_TEAM && g > 0)
				json_object_set_new(
				    objs[g], "team_id",
				    json_integer(teams->v[g - 1].id));
			cell_json(objs[g], def, &groups[g],
			          def->value == MV_RATE
			              ? group_population(pop, year, q->by, g)
			              : 0,
			          q->suppress, &vals[g]);
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
	facts_free(&whole);
	facts_free(&part);
	seen_free(&seen);
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
};

/* A shared scan is done: compute its measures and free their facts
 * before the next scan (the board pack never holds every fact at once). */
static int
computed(void *arg, const size_t *idx, size_t n, struct err *e)
{
	struct many *m = arg;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = idx[i];
		if (rc == 0)
			rc = compute_one(&m->q[j], &m->raw[j], m->pop, m->teams,
			                 &m->out[j], e);
		facts_free(&m->raw[j]);
	}
	return rc;
}

int
measures_compute_many(struct db *db, const struct measure_query *q, size_t n,
                      const struct population *pop, json_t **out, struct err *e)
{
	struct teams teams = {NULL, 0};
	struct facts *raw = calloc(n ? n : 1, sizeof(*raw));
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!raw)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++)
		if (q[i].by == BY_TEAM && !teams.v)
			rc = store_measures_teams(db, &teams.v, &teams.n, e);
	struct many m = {q, raw, pop, &teams, out};
	if (rc == 0)
		rc = scan_many(db, q, n, raw, computed, &m, e);
	for (size_t i = 0; i < n; i++) {
		facts_free(&raw[i]);
		if (rc) {
			json_decref(out[i]);
			out[i] = NULL;
		}
	}
	free(raw);
	free(teams.v);
	return rc;
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
	int rc = scan_many(db, q, 1, &raw, NULL, NULL, e);
	prepare(q, &raw);
	struct seen seen = {0};
	if (rc == 0)
		rc = choose(q->def, &raw, measure_day(q->from),
		            measure_day(q->to), &chosen, &seen, e);
	seen_free(&seen);
	facts_free(&raw);
	if (rc == 0 && chosen.n > 1)
		qsort(chosen.v, chosen.n, sizeof(*chosen.v), by_fact_order);
	char buf[32];
	for (size_t i = 0; i < chosen.n && rc == 0; i++) {
		const struct measure_fact *f = &chosen.v[i];
		if (group && q->by &&
		    strcmp(measure_group_of(f, q->by, buf, sizeof(buf)),
		           group) != 0)
			continue;
		rc = fn(arg, f, e);
	}
	facts_free(&chosen);
	return rc;
}

/* ---- CSV and text ---- */

struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void
buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 1024;
		while (b->len + n + 1 > ncap)
			ncap *= 2;
		if (ncap > (64u << 20)) {
			b->oom = 1;
			return;
		}
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/* One CSV cell: quoted when needed, and a leading = + - @ tab, CR, LF or
 * ; neutralised with a ' so a spreadsheet never runs it as a formula (a
 * leading ; or line break can start one where ; separates fields). */
static void
csv_cell(struct buf *b, const char *s, int last)
{
	if (!s)
		s = "";
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int neutral = s[0] && strchr("=+-@\t\r\n;", s[0]) != NULL;
	if (quote)
		buf_puts(b, "\"");
	if (neutral)
		buf_puts(b, "'");
	for (const char *c = s; *c; c++)
		buf_put(b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
	if (quote)
		buf_puts(b, "\"");
	buf_puts(b, last ? "\r\n" : ",");
}

static void
csv_json_cell(struct buf *b, const json_t *v, int last)
{
	char tmp[64];
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof(tmp), "%lld",
		         (long long)json_integer_value(v));
		csv_cell(b, tmp, last);
	} else if (json_is_real(v)) {
		snprintf(tmp, sizeof(tmp), "%.2f", json_real_value(v));
		csv_cell(b, tmp, last);
	} else if (json_is_string(v)) {
		csv_cell(b, json_string_value(v), last);
	} else {
		csv_cell(b, "", last);
	}
}

static void
csv_row(struct buf *b, const json_t *r, const char *period, const char *from,
        const char *to, const json_t *row)
{
	const char *group = json_string_value(json_object_get(row, "group"));
	csv_cell(b, json_string_value(json_object_get(r, "measure")), 0);
	csv_cell(b, json_string_value(json_object_get(r, "rule_version")), 0);
	csv_cell(b, period, 0);
	csv_cell(b, from, 0);
	csv_cell(b, to, 0);
	csv_cell(b, json_string_value(json_object_get(r, "by")), 0);
	csv_cell(b, group ? group : "all", 0);
	csv_json_cell(b, json_object_get(row, "numerator"), 0);
	csv_json_cell(b, json_object_get(row, "denominator"), 0);
	csv_json_cell(b, json_object_get(row, "value"), 0);
	csv_json_cell(b, json_object_get(row, "rri"), 0);
	struct buf s = {0};
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(row, "suppressed"), i, x)
	{
		if (i)
			buf_puts(&s, " ");
		buf_puts(&s, json_string_value(x));
	}
	csv_cell(b, s.p ? s.p : "", 1);
	free(s.p);
}

char *
measures_csv(const json_t *r)
{
	struct buf b = {0};
	/* The UTF-8 byte-order mark: without it Excel reads the file in the
	 * local code page and garbles accented team names. */
	buf_puts(&b, MEASURES_CSV_BOM);
	buf_puts(&b, "measure,rule_version,period,from,to,by,group,numerator,"
	             "denominator,value,rri,suppressed\r\n");
	const char *from = json_string_value(json_object_get(r, "from"));
	const char *to = json_string_value(json_object_get(r, "to"));
	csv_row(&b, r, "whole", from, to, r);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(r, "periods"), i, p)
	{
		csv_row(&b, r, json_string_value(json_object_get(p, "period")),
		        json_string_value(json_object_get(p, "from")),
		        json_string_value(json_object_get(p, "to")), p);
	}
	json_array_foreach(json_object_get(r, "groups"), i, p)
	{
		csv_row(&b, r, "whole", from, to, p);
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static void
text_line(struct buf *b, const char *name, const json_t *row)
{
	char line[256];
	char num[32] = "-", den[32] = "-", val[32] = "-";
	const json_t *v;
	if (json_is_integer(v = json_object_get(row, "numerator")))
		snprintf(num, sizeof(num), "%lld",
		         (long long)json_integer_value(v));
	if (json_is_integer(v = json_object_get(row, "denominator")))
		snprintf(den, sizeof(den), "%lld",
		         (long long)json_integer_value(v));
	if (json_is_number(v = json_object_get(row, "value")))
		snprintf(val, sizeof(val), "%.2f", json_number_value(v));
	snprintf(line, sizeof(line), "  %-22s %10s %10s %10s", name, num, den,
	         val);
	buf_puts(b, line);
	if (json_is_number(v = json_object_get(row, "rri"))) {
		snprintf(line, sizeof(line), "  RRI %.2f",
		         json_number_value(v));
		buf_puts(b, line);
	}
	buf_puts(b, "\n");
}

char *
measures_text(const json_t *r)
{
	struct buf b = {0};
	char line[512];
	snprintf(line, sizeof(line), "%s (rule %s), %s to %s\n",
	         json_string_value(json_object_get(r, "title")),
	         json_string_value(json_object_get(r, "rule_version")),
	         json_string_value(json_object_get(r, "from")),
	         json_string_value(json_object_get(r, "to")));
	buf_puts(&b, line);
	const char *label = json_string_value(json_object_get(r, "label"));
	if (label) {
		buf_puts(&b, label);
		buf_puts(&b, "\n");
	}
	snprintf(line, sizeof(line), "  %-22s %10s %10s %10s\n", "",
	         "numerator", "denominator", "value");
	buf_puts(&b, line);
	text_line(&b, "whole period", r);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(r, "periods"), i, p)
	{
		text_line(&b, json_string_value(json_object_get(p, "period")),
		          p);
	}
	json_array_foreach(json_object_get(r, "groups"), i, p)
	{
		text_line(&b, json_string_value(json_object_get(p, "group")),
		          p);
	}
	json_t *extras = json_object_get(r, "extras");
	const char *k;
	json_object_foreach(extras, k, p)
	{
		if (json_is_integer(p))
			snprintf(line, sizeof(line), "  %s: %lld\n", k,
			         (long long)json_integer_value(p));
		else
			snprintf(line, sizeof(line), "  %s: withheld\n", k);
		buf_puts(&b, line);
	}
	static const char *const DERIVED[] = {"reoffences_per_reoffender",
	                                      "reoffences_per_child"};
	for (i = 0; i < sizeof(DERIVED) / sizeof(DERIVED[0]); i++) {
		p = json_object_get(r, DERIVED[i]);
		if (!p)
			continue;
		if (json_is_number(p))
			snprintf(line, sizeof(line), "  %s: %.2f\n", DERIVED[i],
			         json_number_value(p));
		else
			snprintf(line, sizeof(line), "  %s: -\n", DERIVED[i]);
		buf_puts(&b, line);
	}
	const char *status = json_string_value(json_object_get(r, "status"));
	if (status) {
		snprintf(line, sizeof(line), "  status: %s\n", status);
		buf_puts(&b, line);
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- API-facing ---- */

json_t *
measures_describe(void)
{
	json_t *items = json_array();
	if (!items)
		return NULL;
	for (size_t i = 0; MEASURES[i]; i++) {
		const struct measure_def *d = MEASURES[i];
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:b}", "name",
		    d->name, "title", d->title, "rule_version", d->version,
		    "rule", d->rule, "label",
		    d->label ? json_string(d->label) : json_null(), "unit",
		    d->unit, "value_type",
		    d->value == MV_RATE ? "rate" : "percentage", "rate_per",
		    d->value == MV_RATE ? json_integer((int64_t)d->per)
		                        : json_null(),
		    "children", d->personal);
		if (!o || json_array_append_new(items, o)) {
			json_decref(items);
			return NULL;
		}
	}
	return json_pack("{s:o}", "items", items);
}

static void
load_population(struct ctx *ctx, struct population *pop)
{
	struct err pe;
	err_clear(&pe);
	pop->rows = NULL;
	pop->n = 0;
	const char *path = ctx->srv ? ctx->srv->cfg.population_csv : "";
	/* Without the file, rates are null rather than the report failing. */
	if (path[0] && population_load(pop, path, &pe) != 0)
		fprintf(stderr, "spire: measures: %s\n", pe.message);
}

int
measures_get(struct ctx *ctx, const struct measure_query *q, json_t **out,
             struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	struct measure_query qq = *q;
	/* Figures leave Spire with analysts: small counts are withheld. */
	if (!(ctx->user->role & ROLE_MANAGER))
		qq.suppress = 1;
	char today[CLOCK_ISO_LEN];
	if (!qq.as_of) {
		clock_today(today);
		qq.as_of = today;
	}
	struct population pop;
	load_population(ctx, &pop);
	int rc = measures_compute(ctx_db(ctx), &qq, &pop, out, e);
	population_release(&pop);
	return rc;
}

struct children_ctx {
	struct ctx *ctx;
	const struct teams *teams;
	int counted_only;
	int64_t limit, offset, seen, not_shown;
	json_t *items;
};

static int
child_row(void *arg, const struct measure_fact *f, struct err *e)
{
	struct children_ctx *c = arg;
	if (c->counted_only && !f->num)
		return 0;
	int ti = team_index(c->teams, f->team_id);
	if (ti == 0 ||
	    c->teams->v[ti - 1].service_id != c->ctx->user->service_id) {
		c->not_shown++;
		return 0;
	}
	int64_t n = c->seen++;
	if (n < c->offset || n >= c->offset + c->limit)
		return 0;
	json_t *p = NULL;
	int rc = store_measures_person(ctx_db(c->ctx), f->person_id, &p, e);
	if (rc)
		return rc;
	json_object_del(p, "id");
	json_object_set_new(p, "person_id", json_integer(f->person_id));
	json_object_set_new(p, "record_id", json_integer(f->record_id));
	char date[11];
	date_text(f->day, date);
	json_object_set_new(p, "date", json_string(date));
	json_object_set_new(p, "counted", json_boolean(f->num));
	json_object_set_new(p, "in_denominator", json_boolean(f->den));
	json_object_set_new(p, "age",
	                    f->age >= 0 ? json_integer(f->age) : json_null());
	json_object_set_new(p, "sex", json_string(SEX_NAMES[f->sex]));
	json_object_set_new(p, "ethnic_group", json_string(ETH_NAMES[f->eth]));
	json_object_set_new(p, "team", json_string(c->teams->v[ti - 1].name));
	json_object_set_new(p, "team_id", json_integer(f->team_id));
	if (json_array_append_new(c->items, p))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Every child shown is a read of their record. */
	if (!ctx_audit(c->ctx, "list", "person", f->person_id, f->person_id))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* group must name one of by's groups (a team's id for by=team): an
 * unknown group is a mistake to report, not a group with no children. */
static int
group_check(enum measure_by by, const char *group, const struct teams *teams,
            struct err *e)
{
	const char *const *names = NULL;
	int n = 0;
	switch (by) {
	case BY_ETHNICITY:
		names = ETH_NAMES;
		n = N_ETH;
		break;
	case BY_SEX:
		names = SEX_NAMES;
		n = N_SEX;
		break;
	case BY_AGE:
		names = AGE_NAMES;
		n = N_AGE;
		break;
	case BY_TEAM: {
		char *end = NULL;
		errno = 0;
		long long id = strtoll(group, &end, 10);
		if (!errno && end != group && !*end && id > 0 &&
		    team_index(teams, id) > 0)
			return 0;
		break;
	}
	default:
		break;
	}
	for (int i = 0; i < n; i++)
		if (strcmp(group, names[i]) == 0)
			return 0;
	return err_set(e, SPIRE_EINVAL, "group",
	               "Choose a group from the list");
}

int
measures_children(struct ctx *ctx, const struct measure_query *q,
                  const char *group, int counted_only, int64_t limit,
                  int64_t offset, json_t **out, struct err *e)
{
	*out = NULL;
	if (!ctx->user || !(ctx->user->role & ROLE_MANAGER))
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Only managers see the children behind a "
		               "figure");
	if (!q->def->personal)
		return err_set(e, SPIRE_ENOTFOUND, NULL,
		               "This measure does not count children");
	if (group && !q->by)
		return err_set(e, SPIRE_EINVAL, "group",
		               "Choose a breakdown by ethnicity, sex, age or "
		               "team before choosing a group");
	char today[CLOCK_ISO_LEN];
	struct measure_query qq = *q;
	if (!qq.as_of) {
		clock_today(today);
		qq.as_of = today;
	}
	struct teams teams = {NULL, 0};
	int rc = store_measures_teams(ctx_db(ctx), &teams.v, &teams.n, e);
	if (rc)
		return rc;
	if (group && (rc = group_check(q->by, group, &teams, e)) != 0) {
		free(teams.v);
		return rc;
	}
	struct children_ctx c = {ctx, &teams, counted_only, limit, offset,
	                         0,   0,      json_array()};
	if (!c.items) {
		free(teams.v);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	rc = measures_facts(ctx_db(ctx), &qq, group, child_row, &c, e);
	free(teams.v);
	if (rc) {
		json_decref(c.items);
		return rc;
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:I, s:I}",
	                 "measure", q->def->name, "rule_version",
	                 q->def->version, "from", q->from, "to", q->to, "items",
	                 c.items, "total", (json_int_t)c.seen, "limit",
	                 (json_int_t)limit, "offset", (json_int_t)offset,
	                 "outside_your_service", (json_int_t)c.not_shown);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

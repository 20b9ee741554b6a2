/*
 * measures_facts.c - the facts a measure counts: read from the store's
 * rows (one scan shared by the measures that read the same query), kept
 * in a bounded array, and chosen for a period by the measure's merge rule
 * (each child's first fact, or any). No SQL here.
 */
#include "service/measures/measures_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

/* Room for n more facts in fs (its buffer made on first use, bounded by
 * MAX_FACTS), with fs->v pointing at them. */
static int
facts_room(struct facts *fs, size_t n, struct err *e)
{
	if (!fs->b.max)
		buf_init(&fs->b, (size_t)MAX_FACTS * sizeof(*fs->v));
	int rc = n > MAX_FACTS ? SPIRE_ETOOBIG
	                       : buf_reserve(&fs->b, n * sizeof(*fs->v));
	if (rc == SPIRE_ETOOBIG)
		return err_set(e, SPIRE_ENOMEM, NULL,
		               "too many facts for one measure");
	if (rc)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	fs->v = (struct measure_fact *)(void *)fs->b.p;
	return 0;
}

static int
facts_add(struct facts *fs, const struct measure_fact *f, struct err *e)
{
	int rc = facts_room(fs, 1, e);
	if (rc)
		return rc;
	fs->v[fs->n++] = *f;
	buf_setlen(&fs->b, fs->n * sizeof(*fs->v));
	return 0;
}

void
measures_facts_free(struct facts *fs)
{
	buf_release(&fs->b);
	fs->v = NULL;
	fs->n = 0;
}

/* The last event date parsed: facts come in date order (the summary's
 * key), so most rows repeat the one before. */
struct last_date {
	char text[11];
	int y, m, d;
	int32_t day;
};

/* The person, date, age, sex and group of a store row; -1 when its date
 * is not a date. */
static int
fact_from_row(struct measure_fact *f, const struct store_measure_row *row,
              struct last_date *last)
{
	int y, m, d, by, bm, bd;
	memset(f, 0, sizeof(*f));
	if (row->date && last->text[0] &&
	    strncmp(row->date, last->text, sizeof(last->text)) == 0) {
		y = last->y;
		m = last->m;
		d = last->d;
		f->day = last->day;
	} else {
		if (date_parse_ymd(row->date, &y, &m, &d) != 0)
			return -1;
		f->day = (int32_t)date_days(y, m, d);
		last->text[0] = 0;
		if (strlen(row->date) < sizeof(last->text)) {
			memcpy(last->text, row->date, strlen(row->date) + 1);
			last->y = y;
			last->m = m;
			last->d = d;
			last->day = f->day;
		}
	}
	f->person_id = row->person_id;
	f->record_id = row->record_id;
	f->team_id = row->team_id;
	f->age = -1;
	if (date_parse_ymd(row->dob, &by, &bm, &bd) == 0) {
		/* Whole years: a 29 February birthday comes on 1 March. */
		int age = y - by - (m < bm || (m == bm && d < bd));
		f->age = (int16_t)(age < 0 ? -1 : age);
	}
	f->day_end = INT32_MAX;
	f->sex = measures_sex_code(row->sex);
	f->eth = measures_eth_code(row->ethnicity);
	return 0;
}

/* One scan of the store feeding every measure that counts its facts. */
struct scan {
	const struct measure_def *defs[MAX_SHARED];
	struct facts *out[MAX_SHARED];
	size_t n;
	int32_t as_of;
	int spans; /* some measure's facts last from date to date2 */
	struct last_date last;
};

static int
scan_row(void *arg, const struct store_measure_row *row, struct err *e)
{
	struct scan *s = arg;
	struct measure_fact base;
	if (fact_from_row(&base, row, &s->last) != 0)
		return 0;
	/* A span's last day; open (INT32_MAX) when date2 is NULL. */
	int y, m, d;
	if (s->spans && row->date2 &&
	    date_parse_ymd(row->date2, &y, &m, &d) == 0)
		base.day_end = (int32_t)date_days(y, m, d);
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

/* Queries over the same store query, dates and source share one scan. */
int
measures_plan(const struct measure_query *q, size_t n, struct scan_group **out,
              size_t *ng, struct err *e)
{
	*out = NULL;
	*ng = 0;
	char *done = calloc(n ? n : 1, 1);
	struct scan_group *g = calloc(n ? n : 1, sizeof(*g));
	if (!done || !g) {
		free(done);
		free(g);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		struct scan_group *s = &g[k++];
		/* The group's second query: a measure of two queries shares
		 * the first with those of one, and the second with those of
		 * the same second (measures_scan_group). */
		enum store_measure_query q2 = q[i].def->query2;
		for (size_t j = i; j < n && s->n < MAX_SHARED; j++) {
			/* A collected measure reads alone. */
			if (j != i && (q[i].def->collect || q[j].def->collect))
				continue;
			if (q[j].def->query2 && q2 && q[j].def->query2 != q2)
				continue;
			if (done[j] || q[j].def->query != q[i].def->query ||
			    q[j].from_records != q[i].from_records ||
			    strcmp(q[j].from, q[i].from) != 0 ||
			    strcmp(q[j].to, q[i].to) != 0 ||
			    (q[j].as_of == NULL) != (q[i].as_of == NULL) ||
			    (q[j].as_of && strcmp(q[j].as_of, q[i].as_of) != 0))
				continue;
			done[j] = 1;
			s->idx[s->n++] = j;
			if (!q2)
				q2 = q[j].def->query2;
		}
	}
	free(done);
	*out = g;
	*ng = k;
	return 0;
}

int
measures_scan_group(struct db *db, const struct measure_query *q,
                    const struct scan_group *g, struct facts *out,
                    struct err *e)
{
	const struct measure_query *first = &q[g->idx[0]];
	/* s: every measure of the group, for the first query; s2: those of
	 * two queries, for the second (all of one second: measures_plan),
	 * each given its rows after the first's, as when it read alone. */
	struct scan s = {.n = 0}, s2 = {.n = 0};
	s.as_of = first->as_of ? measure_day(first->as_of) : INT32_MAX;
	s2.as_of = s.as_of;
	enum store_measure_query q2 = 0;
	for (size_t k = 0; k < g->n; k++) {
		const struct measure_def *def = q[g->idx[k]].def;
		s.spans |= def->spans;
		s.defs[s.n] = def;
		s.out[s.n++] = &out[g->idx[k]];
		if (def->query2) {
			q2 = def->query2;
			s2.spans |= def->spans;
			s2.defs[s2.n] = def;
			s2.out[s2.n++] = &out[g->idx[k]];
		}
	}
	int rc = first->def->collect
	             ? first->def->collect(db, first, scan_row, &s, e)
	             : store_measures_scan(db, first->def->query, first->from,
	                                   first->to, first->from_records,
	                                   scan_row, &s, e);
	if (rc == 0 && q2)
		rc = store_measures_scan(db, q2, first->from, first->to,
		                         first->from_records, scan_row, &s2, e);
	return rc;
}

int
measures_scan(struct db *db, const struct measure_query *q, size_t n,
              struct facts *out, struct err *e)
{
	struct scan_group *g = NULL;
	size_t ng = 0;
	int rc = measures_plan(q, n, &g, &ng, e);
	for (size_t i = 0; rc == 0 && i < ng; i++)
		rc = measures_scan_group(db, q, &g[i], out, e);
	free(g);
	return rc;
}

static int
counts_age(const struct measure_def *def, const struct measure_fact *f)
{
	return !def->ages_10_17 || (f->age >= 10 && f->age <= 17);
}

void
measures_seen_free(struct seen *t)
{
	free(t->keys);
	free(t->at);
	memset(t, 0, sizeof(*t));
}

/*
 * The facts that count among raw's dated lo..hi, into dst (emptied
 * first): the measure's merge, then its age rule. raw must be in date
 * then record order (measures_prepare()), so a child's first fact in the range
 * is the first met. t is reused between calls (measures_seen_free() after).
 */
static int
choose_range(const struct measure_def *def, const struct facts *raw, int32_t lo,
             int32_t hi, struct facts *dst, struct seen *t, struct err *e)
{
	dst->n = 0;
	buf_reset(&dst->b);
	int rc = facts_room(dst, raw->n ? raw->n : 1, e);
	if (rc)
		return rc;
	if (raw->n > UINT32_MAX / 2)
		return err_set(e, SPIRE_ENOMEM, NULL, "too many facts");
	if (def->merge != MERGE_NONE) {
		size_t slots = 16;
		while (slots < raw->n * 2)
			slots *= 2;
		if (slots > t->slots) {
			measures_seen_free(t);
			t->keys = malloc(slots * sizeof(*t->keys));
			t->at = malloc(slots * sizeof(*t->at));
			if (!t->keys || !t->at) {
				measures_seen_free(t);
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
		/* A span counts in every range it overlaps. */
		if (def->spans ? f->day > hi || f->day_end < lo
		               : f->day < lo || f->day > hi)
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
			/* Facts come in date order: a later one replaces. */
			if (def->merge == MERGE_LAST)
				out[t->at[j]] = *f;
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
	buf_setlen(&dst->b, n * sizeof(*out));
	return 0;
}

/* Quarterly cohorts: each financial quarter of lo..hi chosen alone, the
 * cohorts put together in quarter order. */
static int
choose_quarters(const struct measure_def *def, const struct facts *raw,
                int32_t lo, int32_t hi, struct facts *dst, struct seen *t,
                struct err *e)
{
	struct period *qs = calloc(MAX_PERIODS, sizeof(*qs));
	struct facts part = {0};
	if (!qs)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	dst->n = 0;
	buf_reset(&dst->b);
	int nq = measures_periods(lo, hi, MI_QUARTER, qs, MAX_PERIODS);
	int rc = nq < 0 ? err_set(e, SPIRE_EINVAL, "from",
	                          "Choose a period of at most 50 years")
	                : facts_room(dst, 1, e);
	for (int k = 0; rc == 0 && k < nq; k++) {
		rc = choose_range(def, raw, qs[k].from, qs[k].to, &part, t, e);
		if (rc == 0)
			rc = facts_room(dst, part.n ? part.n : 1, e);
		if (rc == 0) {
			memcpy(dst->v + dst->n, part.v,
			       part.n * sizeof(*part.v));
			dst->n += part.n;
			buf_setlen(&dst->b, dst->n * sizeof(*dst->v));
		}
	}
	measures_facts_free(&part);
	free(qs);
	return rc;
}

int
measures_choose(const struct measure_def *def, const struct facts *raw,
                int32_t lo, int32_t hi, struct facts *dst, struct seen *t,
                struct err *e)
{
	return def->quarter_cohorts
	           ? choose_quarters(def, raw, lo, hi, dst, t, e)
	           : choose_range(def, raw, lo, hi, dst, t, e);
}

static int
by_day_record(const void *a, const void *b)
{
	const struct measure_fact *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->record_id != y->record_id)
		return x->record_id < y->record_id ? -1 : 1;
	/* Ties (one record id in two kinds of fact) in one order, so that
	 * the summary's and the records' facts choose alike. */
	if (x->den != y->den)
		return x->den > y->den ? -1 : 1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	return x->team_id < y->team_id ? -1 : x->team_id > y->team_id;
}

/* Ready raw for measures_choose(): the summary gives facts in date and record
 * order already (but an unordered measure's); facts computed from the
 * records come in any order. */
void
measures_prepare(const struct measure_query *q, struct facts *raw)
{
	if (q->def->merge != MERGE_NONE &&
	    (q->from_records || q->def->unordered) && raw->n > 1)
		qsort(raw->v, raw->n, sizeof(*raw->v), by_day_record);
}

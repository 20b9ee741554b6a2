/*
 * measures.h - the youth justice measures: first-time entrants,
 * reoffending, custody and remand, the decision points, the ten KPIs and
 * risk, each broken down by period and (optionally) by ethnic group, sex,
 * age band or team, with suppression of small counts and the relative
 * rate index against White children.
 *
 * One module per measure (measure_*.c) states its rule, names the store
 * query its facts come from and maps each row to what it counts; this
 * engine scans (sharing scans between measures), chooses each period's
 * facts, buckets them into periods and groups and writes the figures. The rules
 * are documented in docs/measures.md.
 */
#ifndef SPIRE_MEASURES_H
#define SPIRE_MEASURES_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "service/ctx.h"
#include "service/population.h"
#include "store/db.h"
#include "store/measures/measures.h"

#define MEASURE_NX 6       /* extra sums a measure may report */
#define MEASURE_OWN_MAX 64 /* groups of a measure's own breakdown */

enum measure_value {
	MV_RATE,    /* numerator per `per` of the 10-17 population */
	MV_PERCENT, /* numerator / denominator x 100 */
	MV_COUNT,   /* the numerator itself (no denominator) */
};

/* BY_OWN: the measure's own breakdown (measure_def.own_by). */
enum measure_by { BY_NONE, BY_ETHNICITY, BY_SEX, BY_AGE, BY_TEAM, BY_OWN };

/* How a measure that counts children once treats a child's several
 * facts in one collected range. */
enum measure_merge {
	MERGE_NONE,  /* every fact counts */
	MERGE_FIRST, /* the child's first fact (by date, then record) only */
	MERGE_ANY,   /* the first fact, counted if any of them is */
	MERGE_LAST,  /* the subject's last fact (by date, then record) only:
	              * with per_period, each period's latest as of its end */
};
enum measure_interval { MI_AUTO, MI_QUARTER, MI_YEAR };

struct measure_query;
struct forms;

/* One thing a measure counts: a child, an outcome, an intervention... */
struct measure_fact {
	int64_t person_id, record_id, team_id;
	int32_t day;      /* event date, days since 1970-01-01 */
	int32_t day_end;  /* spans: the last day it lasts (INT32_MAX: open) */
	int16_t age;      /* whole years on the event date; -1 unknown */
	uint8_t sex, eth; /* MEASURE_SEX_*, MEASURE_ETH_* codes */
	uint8_t num;      /* counted in the numerator */
	uint8_t den;      /* counted in the denominator (MV_PERCENT) */
	uint8_t grp;      /* its group of the measure's own breakdown */
	int16_t x[MEASURE_NX];
};

struct measure_def {
	const char *name;    /* URL and CLI name */
	const char *title;   /* for people */
	const char *version; /* the rule's version */
	const char *rule;    /* the rule in one paragraph */
	const char *label;   /* how the figure must be labelled, or NULL */
	const char *unit;    /* what one fact is ("child", "outcome"...) */
	enum measure_value value;
	double per; /* MV_RATE: per this many of the population */
	/* Cohort measures: each period's facts are chosen (merged) within
	 * that period alone, not bucketed from the whole range's. */
	int per_period;
	enum measure_merge merge; /* applied to each period's facts */
	/* The Ministry of Justice's proven reoffending method: the facts of
	 * any range are those of the financial quarters (three-month
	 * cohorts) it covers, each chosen (merged) within its quarter alone
	 * and put together, so a year is its four quarterly cohorts and a
	 * child may be in more than one. Not per_period. */
	int quarter_cohorts;
	int ages_10_17; /* only facts about children aged 10-17 count */
	int personal;   /* facts are about people: a list of them */
	/* Each fact lasts from day to day_end (the store row's date2, open
	 * when NULL) and counts in every period it overlaps; such measures
	 * are per_period. */
	int spans;
	/* The store gives the facts in no order even from the summary
	 * (parent-engagement's spans, two ranges of its key): they are put
	 * in date then record order before they are chosen. */
	int unordered;
	/* Breakdowns that make no sense for the measure, as bits
	 * (1u << BY_*): asking for one is a 400 naming `by`. */
	unsigned no_by;
	/* A whole-family measure (docs/measures.md): listed under "Whole-family
	 * work"; its people are `people` ("children" or "parents"). */
	int family;
	const char *people;
	/* The services (codes, NULL-ended) whose managers see the figures
	 * unsuppressed, since they may open the people behind them; NULL:
	 * youth justice. */
	const char *const *services;
	/* The measure's own breakdown: by=own_by groups facts by f->grp into
	 * the groups own_groups() names from the form definitions (at most
	 * max codes into out, borrowed from forms; returns how many). */
	const char *own_by;
	int (*own_groups)(const struct forms *forms, const char **out, int max);
	int own_static; /* own_groups needs no form definitions */
	/* Counts that are not about people (meetings, partner places): never
	 * suppressed (docs/measures.md, "Suppression"). */
	int not_people;
	/* Sums inside one cell that suppression must respect, so no withheld
	 * count is the difference of two shown: field `total` equals the sum
	 * of the fields in `parts` (bits; fields are 0 numerator, 1
	 * denominator, 2 + i extra i). Unused lines have parts 0. */
	struct {
		int total;
		unsigned parts;
	} lines[2];
	/* Facts not from a store query (form responses, read with the forms
	 * engine): calls fn for each row of events dated q->from..q->to, as
	 * store_measures_scan() would. NULL: the store query `query`. */
	int (*collect)(struct db *db, const struct measure_query *q,
	               store_measure_fn fn, void *arg, struct err *e);
	const char *extras[MEASURE_NX + 1]; /* names of x[] sums, NULL-ended */
	/* What each extra counts, in words a board member reads (the
	 * measure's rule; docs/measures.md): "extra_labels" in the API, the
	 * page's and the board pack's column headings. One per extra. */
	const char *extra_labels[MEASURE_NX + 1];
	enum store_measure_query query; /* where the facts come from */
	/* A second store query whose rows are facts too (0: none), in the
	 * same columns: KPIs 1 and 2 read releases from custody beside the
	 * interventions ended. Such a measure reads alone. */
	enum store_measure_query query2;
	/*
	 * Set f's num, den and x[] (f's person, date, age, sex and group
	 * are already filled, the rest zero) from row; as_of is "today" in
	 * days. Return 1 to count the fact, 0 to leave it out.
	 */
	int (*map)(struct measure_fact *f, const struct store_measure_row *row,
	           int32_t as_of);
	/* Optional: add derived figures for a cell to obj. */
	void (*derive)(json_t *obj, const int64_t *num, const int64_t *den,
	               const int64_t *x, int suppress);
};

/* What is asked. */
struct measure_query {
	const struct measure_def *def;
	const char *from, *to; /* ISO dates, inclusive */
	/* The default period, when a request gives neither from nor to:
	 * the financial year to date (measure_query_parse). */
	char default_from[11], default_to[11];
	enum measure_by by;
	enum measure_interval interval;
	const char *as_of; /* "today" for maturity; ISO date */
	int suppress;      /* counts 1-4 become null (output leaves Spire) */
	int from_records;  /* bypass the summary (tests, checks) */
	const struct forms *forms; /* the form definitions (collect) */
	/* The groups of the measure's own breakdown (measure_query_forms). */
	const char *own[MEASURE_OWN_MAX];
	int n_own;
};

/* Give q the form definitions (may be NULL: none loaded) and, for a
 * measure with its own breakdown, its groups from them. */
void measure_query_forms(struct measure_query *q, const struct forms *forms);

/* Every measure, NULL-ended, in board-pack order. */
extern const struct measure_def *const MEASURES[];

/* The measure called name, or NULL. */
const struct measure_def *measure_find(const char *name);

/*
 * The map of the measures whose store row holds one flag: every row is in
 * the denominator, and in the numerator when v[0] is 1.
 */
int measure_map_flag(struct measure_fact *f,
                     const struct store_measure_row *row, int32_t as_of);

/* "rate", "percentage" or "count": how def's value reads. */
const char *measure_value_type(const struct measure_def *def);

/* {extra: label} for def's extras, or NULL (none, or out of memory). */
json_t *measure_extra_labels(const struct measure_def *def);

/* 1 when def takes breakdown by (BY_NONE always). */
int measure_by_allowed(const struct measure_def *def, enum measure_by by);

/* 0 when by names a breakdown def refuses; 1 otherwise (NULL, or a
 * name measure_query_parse() judges). */
int measure_takes_by(const struct measure_def *def, const char *by);

/* Days since 1970-01-01 of an ISO date, or INT32_MIN when invalid. */
int32_t measure_day(const char *iso);

/* ---- the engine ---- */

/*
 * Parse the query-string style options (from, to, by, interval, as_of)
 * into q for measure def; errors name the field (SPIRE_EINVAL). The
 * strings must outlive q.
 */
int measure_query_parse(struct measure_query *q, const struct measure_def *def,
                        const char *from, const char *to, const char *by,
                        const char *interval, const char *as_of, struct err *e);

/*
 * Compute q over db with population pop (may be empty: rates are then
 * null). *out is a new JSON object (caller owns): measure, rule, numerator,
 * denominator, value, suppressed, extras, periods[], groups[].
 */
int measures_compute(struct db *db, const struct measure_query *q,
                     const struct population *pop, json_t **out, struct err *e);

/*
 * Compute n queries at once (the board pack): queries over the same
 * facts and dates share one scan. out[i] as measures_compute() gives for
 * q[i]; on failure every out[i] is NULL.
 */
int measures_compute_many(struct db *db, const struct measure_query *q,
                          size_t n, const struct population *pop, json_t **out,
                          struct err *e);

/*
 * More read connections for measures_compute_many_at(): get() borrows one
 * with no transaction open (NULL: none to spare now), put() gives it
 * back (it is returned with no transaction open). gen: db's change
 * generation read before db's read snapshot opened (db_generation; NULL
 * when unknown), which on SQLite tells whether the other connections'
 * snapshots are db's (docs/measures.md, "Computed at once").
 */
#define MEASURES_THREADS_MAX 4
struct measures_readers {
	struct db *(*get)(void *arg);
	void (*put)(void *arg, struct db *db);
	void *arg;
	const struct db_generation *gen;
};

/*
 * As measures_compute_many(), with the shared scans run at once on up to
 * min(CPUs, MEASURES_THREADS_MAX) threads: db (inside db_begin_read) and
 * up to that many less one connections from rd, each reading db's
 * snapshot. When the snapshot cannot be shared, or rd has none to spare,
 * fewer (down to db alone, rd NULL the same). out[] and any error are
 * what one connection gives: the error of the first failing scan in q's
 * order.
 */
int measures_compute_many_at(struct db *db, const struct measures_readers *rd,
                             const struct measure_query *q, size_t n,
                             const struct population *pop, json_t **out,
                             struct err *e);

/*
 * The facts behind q's whole range, as the children list shows them:
 * calls fn for each fact (sorted by date, then person) in group `group`
 * of q->by (NULL: all). Returns 0 or a SPIRE_E* code.
 */
int measures_facts(struct db *db, const struct measure_query *q,
                   const char *group,
                   int (*fn)(void *arg, const struct measure_fact *f,
                             struct err *e),
                   void *arg, struct err *e);

/* The group name of fact f under by ("white", "female", "15-17", team
 * id as text...), written into buf. */
const char *measure_group_of(const struct measure_fact *f, enum measure_by by,
                             char *buf, size_t len);

/* The UTF-8 byte-order mark every CSV file starts with. */
#define MEASURES_CSV_BOM "\xEF\xBB\xBF"

/* Write r (from measures_compute) as CSV into a new string (free()),
 * starting with MEASURES_CSV_BOM. Cells starting with = + - @ ; tab, CR or
 * LF are neutralised with a quote. NULL when out of memory. */
char *measures_csv(const json_t *r);

/* Write r as a short human-readable text (free()). */
char *measures_text(const json_t *r);

/* ---- for the API: the request's user and audit ---- */

/* The list of measures with their rules, as JSON (caller owns). */
json_t *measures_describe(void);

/* q for the signed-in user: analysts always get suppressed figures. */
int measures_get(struct ctx *ctx, const struct measure_query *q, json_t **out,
                 struct err *e);

/*
 * The children behind q (managers only; only children whose counted
 * record's case is held in the manager's service are listed; every one
 * listed is audited as a read). Paged with limit/offset.
 */
int measures_children(struct ctx *ctx, const struct measure_query *q,
                      const char *group, int counted_only, int64_t limit,
                      int64_t offset, json_t **out, struct err *e);

/* ---- for the CLI: a database file ---- */

/*
 * The figures of the n queries q over the database file at db_path,
 * opened read-only, as measures_compute_many() gives them in out[].
 */
int measures_report(const char *db_path, const struct measure_query *q,
                    size_t n, const struct population *pop, json_t **out,
                    struct err *e);

/* Recompute the measures summary of the database file at db_path from its
 * records (after a bulk load). Returns 0 or a SPIRE_E* code. */
int measures_summary_rebuild(const char *db_path, struct err *e);

/* Compare the summary of the database file at db_path with its records:
 * *missing facts it lacks, *extra facts the records do not give. */
int measures_summary_check(const char *db_path, int64_t *missing,
                           int64_t *extra, struct err *e);

#endif

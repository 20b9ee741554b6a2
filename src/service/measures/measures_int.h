/*
 * measures_int.h - what the measures files share with each other and
 * nothing else: limits, the codes facts carry, financial periods, fact
 * arrays and their scan. measures.c holds the list, codes, dates and query
 * parsing; measures_facts.c the facts; measures_engine.c the figures;
 * measures_output.c CSV and text; measures_api.c what requests and the
 * CLI call. The public API is measures.h.
 */
#ifndef SPIRE_MEASURES_INT_H
#define SPIRE_MEASURES_INT_H

#include <stdint.h>

#include "core/buf.h"
#include "service/measures/measures.h"

#define MAX_PERIODS 200
#define MAX_FACTS 50000000u
#define SUPPRESS_BELOW 5

/* ---- codes (measures.c) ---- */

/* The groups of ethnicity, sex and age band, by the code a fact carries
 * (the last of each is "not recorded" / "unknown"). */
extern const char *const MEASURES_ETH_NAMES[];
#define N_ETH 6
#define ETH_WHITE 0
extern const char *const MEASURES_SEX_NAMES[];
#define N_SEX 4
extern const char *const MEASURES_AGE_NAMES[];
#define N_AGE 5

/* The code of a person's recorded ethnicity (its 5+1 group). */
uint8_t measures_eth_code(const char *ethnicity);

/* The code of a recorded sex. */
uint8_t measures_sex_code(const char *sex);

/* The age band (index into MEASURES_AGE_NAMES) of an age; -1 unknown. */
int measures_age_band(int age);

/* ---- periods (measures.c) ---- */

/* The financial year (April to March) a day falls in. */
int measures_fin_year(int32_t day);

struct period {
	int32_t from, to;
	int32_t whole_to; /* the last day of the whole quarter or year */
	char label[16];
	char from_iso[11], to_iso[11];
};

/* Split from..to into financial quarters or years, clipped, into out (at
 * most max). Returns how many, or -1 when max is too few. */
int measures_periods(int32_t from, int32_t to, enum measure_interval iv,
                     struct period *out, int max);

/* ---- facts (measures_facts.c) ---- */

/* A measure's facts, in a buffer bounded by MAX_FACTS. Zeroed is empty;
 * free with measures_facts_free(). */
struct facts {
	struct measure_fact *v; /* b's bytes as facts */
	size_t n;
	struct buf b;
};

void measures_facts_free(struct facts *fs);

/* The queries (indexes into the caller's q[]) that share one scan of the
 * store: the same store query, dates, as_of and source. */
#define MAX_SHARED 32
struct scan_group {
	size_t idx[MAX_SHARED];
	size_t n;
};

/*
 * The scans q[0..n-1] need, in q's order of their first query: *out
 * (free()) gets *ng groups. Returns 0 or SPIRE_ENOMEM.
 */
int measures_plan(const struct measure_query *q, size_t n,
                  struct scan_group **out, size_t *ng, struct err *e);

/* The raw facts (before merging and the age rule) of each query of group
 * g into out[] at its index, in one scan of db. 0 or a SPIRE_E* code. */
int measures_scan_group(struct db *db, const struct measure_query *q,
                        const struct scan_group *g, struct facts *out,
                        struct err *e);

/* The raw facts of each q[i] into out[i], one scan per group. */
int measures_scan(struct db *db, const struct measure_query *q, size_t n,
                  struct facts *out, struct err *e);

/* Scratch for measures_choose(): an open-addressed table from a child to
 * their fact in the output (key 0 = empty; children's ids are positive).
 * Zeroed is empty; free with measures_seen_free(). */
struct seen {
	int64_t *keys;
	uint32_t *at;
	size_t slots;
};

void measures_seen_free(struct seen *t);

/*
 * The facts that count among raw's dated lo..hi, into dst (emptied
 * first): the measure's merge, then its age rule. raw must be in date then
 * record order (measures_prepare()), so a child's first fact in the range
 * is the first met. t is reused between calls.
 */
int measures_choose(const struct measure_def *def, const struct facts *raw,
                    int32_t lo, int32_t hi, struct facts *dst, struct seen *t,
                    struct err *e);

/* Put raw facts read from the records (not the summary), or from a
 * measure whose store gives them in no order (unordered), in date then
 * record order, as measures_choose() needs for merged measures; facts of
 * the same day and record (two kinds of fact: a case and a support) in
 * one order whichever way they came (denominator first, then team). */
void measures_prepare(const struct measure_query *q, struct facts *raw);

/* ---- teams (measures_engine.c) ---- */

struct teams {
	struct store_measure_team *v;
	int n;
};

/* 1 + the index of team id in t, or 0 when it is not there. */
int measures_team_index(const struct teams *t, int64_t id);

#endif

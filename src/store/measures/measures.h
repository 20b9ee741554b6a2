/*
 * measures.h - the SQL behind the youth justice measures: each query picks
 * the facts one measure counts (an outcome, a child's first entry, an
 * intervention's end snapshot...) between two dates and hands them to a
 * callback row by row. The rules that turn facts into figures live in
 * src/service/measure_*.c; the column meanings in
 * docs/youth-justice-model.md. Every query ignores closed records and
 * removed links.
 */
#ifndef SPIRE_STORE_MEASURES_H
#define SPIRE_STORE_MEASURES_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* The value of a NULL in store_measure_row.v[]. */
#define STORE_MEASURE_NULL INT64_MIN
#define STORE_MEASURE_NV 20

enum store_measure_query {
	SMQ_FIRST_ENTRIES,   /* substantive outcomes that are a first entry */
	SMQ_REOFFENDING,     /* cohort members and their proven re-offences */
	SMQ_CUSTODY,         /* custody and remand episodes */
	SMQ_ARRESTS,         /* children arrested (first arrest in range) */
	SMQ_COURT,           /* substantive outcomes: pre-court or court */
	SMQ_INTERVENTIONS,   /* interventions ended, with their end snapshot */
	SMQ_PROVEN_OFFENCES, /* offences first proven in range */
	SMQ_VICTIMS,         /* victims of interventions ended in range */
	SMQ_BOARD,           /* statutory partners invited to board meetings */
	SMQ_RISK,            /* children assessed in range, high or not */
	/* The whole-family measures: from the records, no summary, but
	 * parent-engagement's (kept in the summary since migration 23 as
	 * kinds 20 and 21, its rows then in no order). */
	SMQ_PARENTS_WORKED,    /* parent supports active in range */
	SMQ_PARENT_ENGAGEMENT, /* children's YJ cases, parents' supports */
	SMQ_PEER_REFERRALS,    /* referrals to a peer mentor made in range */
	/* Releases from custody in range with their release KPI snapshot,
	 * in SMQ_INTERVENTIONS' columns (migration 14; kept in the summary). */
	SMQ_RELEASES,
	/* The disposal measures (kept in the summary since migration 20). */
	SMQ_DISPOSALS,        /* disposals given in range */
	SMQ_STARTED,          /* interventions on a disposal started in range */
	SMQ_OFFENCE_OUTCOMES, /* offences by their first disposal in range */
	/* Each parent at each start, review and end of an intervention
	 * dated in range (kept in the summary since migration 22, as kinds
	 * 17, 18 and 19; kinds 20 and 21 are parent-engagement's: a query
	 * added after it takes kind 22). v0 the point
	 * (0 start, 1 review, 2 end), v1 seen, v2 the child, v3 and v4 the
	 * intervention's start and end in days since 1970-01-01 (v4
	 * STORE_MEASURE_NULL while it runs). */
	SMQ_PARENTS_SEEN,
	SMQ_N
};

/*
 * One fact. person_id is the child (0 for board attendance), record_id the
 * row counted, date the event date that places the fact in a period,
 * date2 a second date (the reoffending index's follow-up end, or a span's
 * end; from the summary NULL for every other kind), team_id the
 * team holding the record's case. v[] holds the query's own values
 * (STORE_MEASURE_NULL for SQL NULL); nv says how many. Strings are valid
 * during the callback only.
 */
struct store_measure_row {
	int64_t person_id, record_id, team_id;
	const char *date, *date2, *dob, *sex, *ethnicity;
	int64_t v[STORE_MEASURE_NV];
	int nv;
};

typedef int (*store_measure_fn)(void *arg, const struct store_measure_row *row,
                                struct err *e);

/*
 * Run query q for events dated from..to (inclusive ISO dates), calling fn
 * for each row; a non-zero return from fn stops and is returned. The facts
 * come from the measures_facts summary, or, with from_records, are
 * computed from the records themselves (same rules, same rows; order not
 * guaranteed). From the summary in (date, record) order, but
 * SMQ_PARENT_ENGAGEMENT's, in no order. Returns 0 or a SPIRE_E* code.
 */
int store_measures_scan(struct db *db, enum store_measure_query q,
                        const char *from, const char *to, int from_records,
                        store_measure_fn fn, void *arg, struct err *e);

/*
 * Recompute the whole measures_facts summary from the records in one
 * transaction, and end a bulk load (see store_measures_bulk_begin).
 * Returns 0 or a SPIRE_E* code.
 */
int store_measures_rebuild(struct db *db, struct err *e);

/*
 * Inside the caller's transaction: let bulk inserts (a demo or benchmark
 * load) skip the summary's triggers; then store_measures_bulk_end() in
 * the same transaction recomputes the summary and clears the mark, so
 * no reader ever sees them disagree. Never commit between the two.
 */
int store_measures_bulk_begin(struct db *db, struct err *e);
int store_measures_bulk_end(struct db *db, struct err *e);

/*
 * Compare the summary with the facts freshly computed from the records:
 * *missing facts absent from the summary, *extra facts in it that the
 * records do not give. Both 0 when they agree exactly.
 */
int store_measures_compare(struct db *db, int64_t *missing, int64_t *extra,
                           struct err *e);

/*
 * A completed, current form response as the whole-family measures read
 * it (service/measures/measure_forms.c): the response, who it is about
 * (person_id 0 for a family's), the team holding its case (0 without
 * one), its subject's date of birth, sex and ethnicity, and its document.
 * Strings are valid during the callback only.
 */
struct store_measure_response {
	int64_t id, person_id, family_id, case_id, team_id;
	int64_t form_version;
	const char *authored, *dob, *sex, *ethnicity, *document;
};

typedef int (*store_measure_response_fn)(void *arg,
                                         const struct store_measure_response *r,
                                         struct err *e);

/*
 * Every completed, current (not closed, not superseded) response of form
 * form_id authored on or before `to`, whose person and case were not
 * entered in error, ordered by subject (person, then family) and then
 * authored and id; fn for each (a non-zero return stops and is returned).
 */
int store_measures_responses(struct db *db, const char *form_id, const char *to,
                             store_measure_response_fn fn, void *arg,
                             struct err *e);

/*
 * The subject of response id as store_measure_response gives it (no
 * document): *found 0 when there is none, or its person or case was
 * entered in error. fn is called once when found.
 */
int store_measures_response_subject(struct db *db, int64_t id,
                                    store_measure_response_fn fn, void *arg,
                                    struct err *e);

/*
 * The Steps to Change step-up decisions (decision step_up_*) dated
 * from..to, open, with their family: fn gets a response-like row (id =
 * the decision, family_id, authored = its date; no document).
 */
int store_measures_step_ups(struct db *db, const char *from, const char *to,
                            store_measure_response_fn fn, void *arg,
                            struct err *e);

/* A team as the measures name it. */
struct store_measure_team {
	int64_t id, service_id;
	char name[96];
};

/*
 * Every team (open or closed) into *out (caller frees with free()), *n of
 * them. Returns 0 or a SPIRE_E* code.
 */
int store_measures_teams(struct db *db, struct store_measure_team **out, int *n,
                         struct err *e);

/*
 * The names and date of birth of person id as a new JSON object {id,
 * given_name, family_name, date_of_birth} in *out (caller owns).
 * SPIRE_ENOTFOUND when there is no such person.
 */
int store_measures_person(struct db *db, int64_t id, json_t **out,
                          struct err *e);

#endif

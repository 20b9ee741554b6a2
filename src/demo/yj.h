/*
 * yj.h - the youth justice part of the demo data: for every youth
 * justice case the core demo made, a plausible history of offences,
 * outcomes and interventions, assessments, KPI snapshots and victims, and
 * the management board's meetings. Deterministic per seed; all dates
 * relative to the demo's reference date (dates.h).
 */
#ifndef SPIRE_DEMO_YJ_H
#define SPIRE_DEMO_YJ_H

#include <stddef.h>
#include <stdint.h>

#include "demo/write.h"

/* A youth justice case of the core demo, as the histories start from.
 * Dates are days since 1970-01-01 (core/date.h); 0 when not known. */
struct demo_yj_case {
	int64_t id, person_id, team_id, worker_id; /* worker 0: none */
	int64_t child_index; /* the child's index in the demo (rng.h) */
	int prevention;      /* held by the prevention team */
	int64_t date_of_birth, start_date;
	/* The child's main carer (0: none), their first language and sex
	 * as recorded, and whether the carer or the child is from an ethnic
	 * minority background: for the parent pathway (parenting_peer.c). */
	int64_t carer_id;
	const char *carer_language, *carer_sex;
	int minority;
	/* What the case was opened for (its reason's outcome_type, NULL:
	 * the history draws its first outcome) and, for an order, the
	 * length in days it was given for (0: drawn); the day the case
	 * ended (0: open). The history's first outcome is given on the
	 * case's first day and nothing is given after the case ended. */
	const char *first_outcome;
	int64_t first_days;
	int first_supported; /* the first outcome comes with an intervention */
	int64_t end_date;
	const char *child_sex; /* "female", "male" */
	/* Filled in by demo_yj_case_load: the child's interventions, each
	 * its type, first day, last day (its end, or planned end) and for a
	 * custodial one the day the child left custody (0: still there on
	 * the reference date, or for ever as the demo goes). */
	struct demo_yj_spell {
		const char *type;
		int64_t start, until, out;
	} spells[24];
	int n_spells;
	/* And the intervention levels its assessments set ("standard",
	 * "enhanced", "intensive"), each from the assessment's day on or
	 * before the reference date: the latest sixteen. */
	struct demo_yj_level {
		int64_t day;
		const char *level;
	} levels[16];
	int n_levels;
};

struct demo_yj_counts {
	int64_t offences, outcomes, assessments, kpi, victims, meetings;
};

/*
 * Add the histories of cases[0..n) (in id order) through w, inside the
 * demo's one transaction, after the people and cases exist. seed is the
 * demo's; each case's history draws from its child's own sequence of
 * this part (demo_rng_child), so neither the core demo data nor another
 * child's history changes with it. *counts (optional) receives what was
 * made. Returns 0 or a SPIRE_E* code, detail in w->e.
 */
/* The history of case c, from the child's own sequence: its rows, and
 * c's spells; counts added to *counts. Made before the case's contacts
 * and tasks (demo.c), which keep to it. */
int demo_yj_case_load(const struct demo_write *w, uint64_t seed,
                      struct demo_yj_case *c, struct demo_yj_counts *counts);

/*
 * The day case c closes as its history goes (docs/demo.md): a few weeks
 * after its last intervention ends, or its last outcome is given when
 * that has none, unless an intervention still runs (or is about to
 * start) on the reference date, or a court date is pending. 0 when it
 * stays as it is: open, or closed on c->end_date, which comes first.
 * c's history is drawn as demo_yj_case_load draws it, from the child's
 * own sequence, and nothing is written: c as it will be loaded, bar its
 * id. A case made to close on that day (its end_date) and loaded has the
 * same history up to then (yj.c: nothing is given after a case ends).
 */
int64_t demo_yj_case_closes(uint64_t seed, const struct demo_yj_case *c);

/* The management board's meetings, from a sequence of their own; the
 * count added to counts->meetings. */
int demo_yj_board_load(const struct demo_write *w, uint64_t seed,
                       struct demo_yj_counts *counts);

/* The case of cases[0..n) (in id order) with id, or NULL. */
const struct demo_yj_case *demo_yj_case_find(const struct demo_yj_case *cases,
                                             size_t n, int64_t id);

/* When c's child is in custody (a detention and training order's
 * custodial half, long-term detention, a remand to youth detention
 * accommodation) on day: the day they leave it (INT64_MAX: not by the
 * reference date); else 0. */
int64_t demo_yj_in_custody(const struct demo_yj_case *c, int64_t day);

/* The secure establishment c's child is held in: a secure children's
 * home for a girl or a boy under 15, else a young offender institution. */
const char *demo_yj_secure_place(const struct demo_yj_case *c, int64_t day);

/* The intervention level (docs/youth-justice-model.md, section 4) of c's
 * latest assessment on or before day; NULL before the first. */
const char *demo_yj_level_on(const struct demo_yj_case *c, int64_t day);

/* Whether an intervention of type (NULL: any) runs on c's day. */
int demo_yj_running(const struct demo_yj_case *c, const char *type,
                    int64_t day);

#endif

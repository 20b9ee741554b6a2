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
	int64_t end_date;
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
int demo_yj_load(const struct demo_write *w, uint64_t seed,
                 const struct demo_yj_case *cases, size_t n,
                 struct demo_yj_counts *counts);

#endif

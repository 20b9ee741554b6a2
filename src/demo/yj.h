/*
 * yj.h - the youth justice part of the demo data: for every youth
 * justice case the core demo made, a plausible history of offences,
 * outcomes and interventions, assessments, KPI snapshots and victims, and
 * the management board's meetings. Deterministic per seed; all dates
 * relative to the demo's reference date (dates.h).
 */
#ifndef SPIRE_DEMO_YJ_H
#define SPIRE_DEMO_YJ_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct demo_yj_counts {
	int64_t offences, outcomes, assessments, kpi, victims, meetings;
};

/*
 * Add the histories to db (inside the demo's one transaction, after the
 * people and cases exist). seed is the demo's; the generator draws from
 * its own sequence, so the core demo data does not change with it. at is
 * every row's creation time. *n (optional) receives what was made.
 */
int demo_yj_load(struct db *db, uint64_t seed, const char *at,
                 struct demo_yj_counts *n, struct err *e);

#endif

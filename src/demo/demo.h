/*
 * demo.h - the deterministic synthetic demo data set behind `spire demo`
 * and the benchmarks: teams in the six services, demo staff, children
 * with their families and networks, cases, contacts, tasks and consents.
 * No real people: names are drawn from fixed lists by a seeded generator.
 */
#ifndef SPIRE_DEMO_DEMO_H
#define SPIRE_DEMO_DEMO_H

#include <stdint.h>

#include "service/ctx.h"

#define DEMO_PASSWORD "spire-demo-password"
#define DEMO_MAX_CHILDREN 10000000

struct demo_options {
	uint64_t seed;
	int64_t children;     /* 1..DEMO_MAX_CHILDREN */
	const char *password; /* for every demo account */
	/* "Today" in the demo data (days since 1970-01-01): every demo date
	 * is relative to it (demo/dates.h). 0: the UK civil date of the
	 * load (core/clock.h clock_today). */
	int64_t today;
};

struct demo_counts {
	int64_t teams, users, people, families, members, cases, contacts;
	int64_t attendees, tasks, consents;
	/* youth justice histories (yj.c) */
	int64_t offences, outcomes, assessments, kpi_snapshots, victims;
	int64_t board_meetings;
	/* the parents' support (parenting.c) */
	int64_t parent_supports, parent_sessions, parent_plan_items;
	/* One Family, One Plan (parenting_family_plan.c) */
	int64_t family_plans, plan_actions, plan_reviews, key_workers;
	int64_t plan_consents;
	/* Steps to Change (parenting_steps.c) */
	int64_t steps_scorings, steps_decisions;
};

/* One demo sign-in per role, for the table `spire demo` prints. */
struct demo_signin {
	const char *username, *role, *team;
};

/* NULL-ended list of the demo sign-ins, one per role. */
extern const struct demo_signin DEMO_SIGNINS[];

/*
 * Fill ctx's (empty) store with the demo data for o: the same seed, size
 * and day always give the same data, apart from creation timestamps and
 * password salts. All generated dates are relative to o->today (default
 * the UK civil date of the load; demo/dates.h). Runs as
 * one transaction with one "demo_load" audit row. SPIRE_ECONFLICT when
 * the store already holds people; SPIRE_EINVAL naming "password" when the
 * password fails the policy. *counts (optional) receives what was made.
 */
int demo_load(struct ctx *ctx, const struct demo_options *o,
              struct demo_counts *counts, struct err *e);

#endif

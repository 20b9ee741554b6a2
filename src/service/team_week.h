/*
 * team_week.h - the views a youth justice team runs its week on (issue
 * 10 section 2, docs/team-week.md), computed on read from several tables,
 * never stored: the team's caseload and workload (the manager's home),
 * the child's page at a glance, the child's chronology, and what is due
 * across every service. Each person shown is audited.
 */
#ifndef SPIRE_SERVICE_TEAM_WEEK_H
#define SPIRE_SERVICE_TEAM_WEEK_H

#include <jansson.h>

#include "core/date.h"
#include "service/ctx.h"

/* The most caseload rows a page holds. */
#define TEAM_CASELOAD_MAX 200

struct team_caseload_filter {
	int64_t team_id;   /* access already checked (the route's RK_TEAM) */
	int64_t worker_id; /* >0: that worker's cases; 0: all */
	int unallocated;   /* only cases without a worker */
	int64_t limit, offset;
};

/*
 * A page of the team's open cases by the child's name: {items, limit,
 * offset, has_more, total}. Each item: the case (id, person_id, names,
 * date_of_birth, service_code, service_name, worker_id, worker_name,
 * start_date), the current order (order_id, order_type, order_kind,
 * order_start_date, order_planned_end_date; NULL when none), the latest
 * rated assessment's rosh and safety_wellbeing (low, medium, high,
 * very_high; NULL when none) and its assessment_date, last_seen (the
 * date-time of the last contact on the case at which the child was
 * seen), alerts ([{id, alert_type, details, start_date, review_date}],
 * open ones) and next_due ({what, due_date, status, record, record_id}
 * or NULL: the case's earliest due item of any kind). SPIRE_EINVAL
 * naming worker_id when the worker holds no case of the team and is not
 * in it.
 */
int team_caseload(struct ctx *ctx, const struct team_caseload_filter *f,
                  json_t **out, struct err *e);

/*
 * The team's workload: {team_id, today, workers: [{worker_id,
 * worker_name, role, open_cases, open_orders, tasks_open, tasks_overdue,
 * overdue (items of every kind overdue on their cases and tasks)}],
 * unallocated: {open_cases, open_orders, tasks_open, tasks_overdue,
 * overdue}, overdue: [the team's overdue items, as due_list's, oldest
 * first, the first `limit` of them (1 to 200; any other: 200)],
 * overdue_total (all of them, however many), overdue_limit,
 * overdue_has_more (true when the list holds fewer than overdue_total)}.
 */
int team_workload(struct ctx *ctx, int64_t team_id, int64_t limit, json_t **out,
                  struct err *e);

/*
 * Person id at a glance (access already checked): {person_id, alerts:
 * [open alerts], cases: [each open case: case_id, service_code, team,
 * worker, order_*, rosh, safety_wellbeing, assessment_date, last_seen,
 * next_due], next_due (the earliest over the cases), last_seen (the
 * latest), order_type, rosh, safety_wellbeing (the youth justice case's,
 * else NULL)}.
 */
int team_person_glance(struct ctx *ctx, int64_t person_id, json_t **out,
                       struct err *e);

/*
 * The child's significant events, in date order (oldest first): {items:
 * [{kind, event_date (YYYY-MM-DD), code, detail, record_type, record_id,
 * case_id}], kinds: [{kind, label}] (every source, for the filter)}.
 * kinds_csv: NULL for every kind, else a comma-separated list of source
 * kinds (SPIRE_EINVAL naming "kind" for one that is not). Events on cases
 * the user may not open are left out unless the user broke glass for the
 * child. Accommodation is listed when it changes (a move).
 */
int team_chronology(struct ctx *ctx, int64_t person_id, const char *kinds_csv,
                    json_t **out, struct err *e);

/* Check a ?kind= list before any read (SPIRE_EINVAL naming "kind"). */
int team_chronology_kinds(const char *kinds_csv, unsigned *mask, struct err *e);

struct due_filter {
	int team; /* the user's team's work, else the user's own */
	struct date_window within; /* days or calendar months ahead */
	int overdue;               /* only what is overdue */
	int64_t limit, offset;
};

/*
 * What is due in every service's work, earliest first: youth justice
 * interventions' items (YJ_DUE_RULES), tasks, family plan reviews and the
 * parenting pathway's sessions and reviews (for parent workers and
 * managers): a page {items, limit, offset, has_more, today, until, total,
 * due_total, overdue_total} (the counts over the whole list, not the page:
 * due_total those not yet overdue; each source read up to DUE_SOURCE_MAX
 * rows), each item {service, what, title, due_date, status ("overdue",
 * "today", "due"), overdue, subject ("child", "parent" or "family": whom
 * the item is about), person_id, given_name, family_name, date_of_birth,
 * case_id, record, record_id, worker_id, outcome_type}; a family plan's
 * review has family_id, family_label and the family's first child
 * (child_id, child_given_name, child_family_name, child_date_of_birth)
 * instead of a person (docs/team-week.md).
 */
int due_list(struct ctx *ctx, const struct due_filter *f, json_t **out,
             struct err *e);

#endif

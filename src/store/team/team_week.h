/*
 * team_week.h - the store half of the screens a youth justice team runs
 * its week on (issue 10 section 2, docs/team-week.md): migration 15's
 * tables (alerts on a person, contacts marked significant), the alerts
 * descriptor's table, and the reads the team's home, the child's page at
 * a glance, the chronology and the due list of every service are computed
 * from. Nothing here checks access: the service does, before it calls.
 */
#ifndef SPIRE_STORE_TEAM_WEEK_H
#define SPIRE_STORE_TEAM_WEEK_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"
#include "store/record.h"
#include "store/scope.h"

/* Migration 15 (team_week): the alerts table, contacts.significant. */
extern const char SCHEMA_M015_TEAM_WEEK[];

/* An alert on a person (risk to workers...): person_id, alert_type,
 * details, start_date, review_date. Ending an alert closes it. */
extern const struct field ALERTS_FIELDS[];
extern struct record_table ALERTS_TABLE;
/* An alert relates to the user as its person does (the victim rule too). */
extern const struct record_kind RK_ALERT[1];

/*
 * The contact types in which a child who attended was SEEN (face to face:
 * home and office visits, sessions, meetings; not calls, video or
 * letters), as an SQL list "('home_visit', ...)". "Last seen" is the
 * latest open contact of one of these types with the child among its
 * people who attended (docs/team-week.md).
 */
#define TEAM_SEEN_TYPES "('home_visit','office_visit','session','meeting')"

/*
 * One page of team_id's open cases (worker_id > 0: that worker's; -1:
 * the unallocated ones; 0: all), by the child's name: each {id, person_id,
 * given_name, family_name, preferred_name, date_of_birth, service_code,
 * service_name, worker_id, worker_name, start_date, order_id, order_type,
 * order_kind, order_start_date, order_planned_end_date, rosh, safety_wellbeing,
 * assessment_date, last_seen, alerts (JSON text: [{id, alert_type}])}.
 * limit + 1 rows at most (so the caller can tell has_more). *total: how
 * many open cases the filter matches.
 */
struct team_caseload_query {
	int64_t team_id;
	int64_t worker_id; /* >0 one worker, -1 unallocated, 0 all */
	int64_t limit, offset;
};
int store_team_caseload(struct db *db, const struct team_caseload_query *q,
                        json_t **out, int64_t *total, struct err *e);

/*
 * Workload of team_id: one row per worker holding open cases in the team
 * or an enabled caseworker of the team, {worker_id, worker_name, role,
 * open_cases, open_orders (running interventions), tasks_open and
 * tasks_overdue (the team's tasks they own), parents_supported (the open
 * parent supports on the parenting cases they hold, in any team)}
 * by name, then one row with worker_id NULL for the unallocated cases.
 * today: the UK date ("YYYY-MM-DD") tasks are overdue before.
 */
int store_team_workload(struct db *db, int64_t team_id, const char *today,
                        json_t **out, struct err *e);

/*
 * The open cases of person_id at a glance: [{case_id, service_code,
 * team_id, worker_id, worker_name, order_*, rosh, safety_wellbeing,
 * assessment_date, last_seen}], and the person's open alerts
 * [{id, alert_type, details, start_date, review_date}] in *alerts.
 */
int store_person_glance(struct db *db, int64_t person_id, json_t **cases,
                        json_t **alerts, struct err *e);

/* One source of the chronology: its kind and the SQL that lists a
 * child's events of that kind ($1 the person id), each row {kind, date,
 * title_code, detail, record_type, record_id, case_id}. */
struct chronology_source {
	const char *kind;  /* "offence", "outcome", ... */
	const char *label; /* what people read: "Offences" */
	const char *sql;
};
/* The sources, NULL-ended (store/team/team_week.c's CHRONOLOGY_SOURCES). */
extern const struct chronology_source CHRONOLOGY_SOURCES[];

/* The rows of one source for person_id on the cases that relate to who
 * at least as min_relation (0: any, after a reason), except that a case of
 * sealed_service needs own_relation whatever the reason; appended to the
 * array out. */
int store_chronology_source(struct db *db, const struct chronology_source *src,
                            int64_t person_id, const struct scope_subject *who,
                            int min_relation, int own_relation,
                            const char *sealed_service, json_t *out,
                            struct err *e);

/*
 * What is due up to `until` in the user's or team's work that is not a
 * youth justice intervention's: open tasks (owner or team), and the
 * family plans the team holds whose review is due. Each {service, what,
 * due_date, person_id, given_name, family_name, date_of_birth, case_id,
 * record, record_id, worker_id, family_id, family_label, child_id,
 * child_given_name, child_family_name, child_date_of_birth} (the child_*
 * a family plan's: the family's first child, null when it has none); at
 * most limit rows, earliest first.
 */
struct team_due_query {
	int64_t user_id, team_id;
	int team; /* the team's, else the user's own */
	const char *until;
	int64_t limit;
};
int store_team_due_other(struct db *db, const struct team_due_query *q,
                         json_t **out, struct err *e);

/*
 * How many rows store_team_due_other would list with no limit (q->limit
 * unused): *total of them, *overdue those due before today
 * (YYYY-MM-DD, the UK civil date). Counted by the database, so exact
 * however many there are.
 */
int store_team_due_other_count(struct db *db, const struct team_due_query *q,
                               const char *today, int64_t *total,
                               int64_t *overdue, struct err *e);

/* The team's family plans overdue for review (before today), counted by
 * who started them: [{worker_id, overdue}] in *out. */
int store_team_plans_overdue(struct db *db, int64_t team_id, const char *today,
                             json_t **out, struct err *e);

/* The case's earliest open task {id, title, due_date, owner_id}, or
 * *out NULL when none. */
int store_case_next_task(struct db *db, int64_t case_id, json_t **out,
                         struct err *e);

/* *found = 1 when user_id is in team_id or holds an open case of it. */
int store_team_has_worker(struct db *db, int64_t team_id, int64_t user_id,
                          int *found, struct err *e);

#endif

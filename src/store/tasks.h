/*
 * tasks.h - SQL for tasks: the shared record operations, marking a task
 * done, the filtered lists ("my tasks", "my team's overdue tasks", a
 * case's tasks) and the look-ups the task rules need (a case's team and
 * worker, whether a user may own a team's task).
 *
 * Not for rules: who may create or see a task is service/tasks.c.
 */
#ifndef SPIRE_STORE_TASKS_H
#define SPIRE_STORE_TASKS_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/scope.h"

/* Field order here is the order of the SQL parameters in tasks.c. */
extern const struct field TASKS_FIELDS[];
extern const size_t TASKS_N_FIELDS;
extern struct record_table TASKS_TABLE;

/* What work on a case needs to know about the case. */
struct case_ref {
	int64_t id, person_id, team_id, worker_id;
	int closed;        /* closed or entered in error: no new work */
	int youth_justice; /* held by the youth justice service */
};

/* Look up case id; SPIRE_ENOTFOUND when there is none. */
int store_tasks_case_ref(struct db *db, int64_t id, struct case_ref *out,
                         struct err *e);

/*
 * *team_id = the team of user_id when they are an enabled practitioner or
 * manager of any service (not a parent, analyst or admin, and in a team):
 * someone who may attend a contact, own a task or write a report for
 * court on any case; 0 otherwise.
 */
int store_tasks_practitioner(struct db *db, int64_t user_id, int64_t *team_id,
                             struct err *e);

/*
 * Every enabled practitioner and manager of every service, as [{id,
 * full_name, role, team_id, team_name, service_code, service_name}] by
 * service, team and name, at most 2,000 (a new array, caller owns).
 */
int store_tasks_practitioners(struct db *db, json_t **out, struct err *e);

/* *ok = 1 when user_id is an enabled staff account in team_id. */
int store_tasks_team_member(struct db *db, int64_t user_id, int64_t team_id,
                            int *ok, struct err *e);

/*
 * The open tasks of case_id that owner_id holds, the oldest first: a new
 * array in *out of {id, version} (empty when none). For moving a case's
 * work with its worker (brief s22 FIX3).
 */
int store_tasks_open_of(struct db *db, int64_t case_id, int64_t owner_id,
                        json_t **out, struct err *e);

/*
 * The done and cancelled tasks of case_id held in team_id, the oldest
 * first: a new array in *out of {id, version} (empty when none). For
 * moving a case's finished work with the case to another team, so that
 * the team before keeps none of it (docs/team-week.md).
 */
int store_tasks_finished_in_team(struct db *db, int64_t case_id,
                                 int64_t team_id, json_t **out, struct err *e);

/*
 * Hand finished task id (at version: done or cancelled, which no update
 * changes otherwise) to team_id with no owner, as a new version whose
 * snapshot before (naming who owned and did it) goes to the history,
 * at and by user_id. 0, a stale version (409) or a store error.
 */
int store_tasks_hand_finished(struct db *db, int64_t id, int64_t version,
                              int64_t team_id, const char *at, int64_t user_id,
                              struct err *e);

/*
 * The open tasks of case_id held in team_id, the oldest first: a new array
 * in *out of {id, version, owner_id} (empty when none). For moving a
 * case's work with the case to another team.
 */
int store_tasks_open_in_team(struct db *db, int64_t case_id, int64_t team_id,
                             json_t **out, struct err *e);

/*
 * The open tasks raised at contact_id (its follow-ups), the oldest first:
 * a new array in *out of {id, version, person_id} (the case's child;
 * empty when none). For cancelling them when the contact is marked as
 * entered in error.
 */
int store_tasks_open_of_contact(struct db *db, int64_t contact_id, json_t **out,
                                struct err *e);

/* Set an open task's status to done with done_at = at (writer only). */
int store_tasks_mark_done(struct db *db, int64_t id, const char *at,
                          struct err *e);

/*
 * Set a done task at version back to open (done_at NULL, version + 1,
 * updated_at/by = at/user_id), writer only; the caller has kept the done
 * version in the history. SPIRE_ECONFLICT naming "version" when the task
 * is no longer done at that version.
 */
int store_tasks_mark_open(struct db *db, int64_t id, int64_t version,
                          const char *at, int64_t user_id, struct err *e);

struct tasks_query {
	int64_t owner_id, team_id, case_id; /* 0: no filter; one is needed */
	const char *status;                 /* open/done/cancelled or NULL */
	int overdue;                        /* open and due before today */
	const char *today;                  /* YYYY-MM-DD (UTC) */
	/* Scope: tasks the subject owns, their team's, tasks on cases of
	 * theirs or their team's, and with service_wide (managers) anything
	 * in their service. case_checked: the case filter's case was already
	 * allowed by the policy, so every task on it may be shown. */
	struct scope_subject subject;
	int service_wide, case_checked;
	int64_t limit, offset;
};

/*
 * Task summaries matching q, by due date: the task's fields with
 * owner_name, team_name, person_id and child_name (the case's child),
 * and overdue as 0/1. Caller owns *out.
 */
int store_tasks_list(struct db *db, const struct tasks_query *q, json_t **out,
                     struct err *e);

/* The tasks raised at contact_id, as store_tasks_list rows. */
int store_tasks_for_contact(struct db *db, int64_t contact_id,
                            const char *today, json_t **out, struct err *e);

#endif

/*
 * yj_outcomes.h - SQL for outcomes and interventions (cautions, orders,
 * custody, diversion...): the shared record operations, lists, the links
 * to the offences an outcome disposed of, and the facts the timeliness
 * rules (service/yj/yj_due.c) need.
 *
 * Not for rules: what a valid outcome is lives in service/yj/yj_outcomes.c.
 */
#ifndef SPIRE_STORE_YJ_OUTCOMES_H
#define SPIRE_STORE_YJ_OUTCOMES_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters in yj_outcomes.c. */
extern const struct field YJ_OUTCOMES_FIELDS[];
extern const size_t YJ_OUTCOMES_N_FIELDS;
extern struct record_table YJ_OUTCOMES_TABLE;

/*
 * A record read through YJ_OUTCOMES_TABLE or the lists also carries the
 * generated kind, substantive and reoffending_index_date, and
 * "offence_ids": JSON text of the linked offences' ids.
 */

/* Outcomes matching q, newest first, as a new array (caller owns). */
int store_yj_outcomes_list(struct db *db, const struct yj_list_query *q,
                           json_t **out, struct err *e);

/*
 * The open outcomes of person_id of type `type` dated `date`, as a new
 * array of {id, offence_id} rows (one per linked offence, offence_id null
 * when none), ordered by id then offence: for the probable-duplicate check.
 */
int store_yj_outcomes_same_day(struct db *db, int64_t person_id,
                               const char *type, const char *date, json_t **out,
                               struct err *e);

/*
 * *count = the open offences of child person_id dated before date, and their
 * open outcomes other than prevention work dated before it: for the age of
 * criminal responsibility when the date of birth changes.
 */
int store_yj_before_date(struct db *db, int64_t person_id, const char *date,
                         int64_t *count, struct err *e);

/* Look up outcome id; SPIRE_ENOTFOUND (naming outcome_id) when none. */
int store_yj_outcome_ref(struct db *db, int64_t id, struct yj_ref *out,
                         struct err *e);

/* Mark every current offence link of outcome_id removed at `at`. */
int store_yj_outcome_unlink_all(struct db *db, int64_t outcome_id,
                                const char *at, struct err *e);

/* Link outcome_id to offence_id from `at`. */
int store_yj_outcome_link(struct db *db, int64_t outcome_id, int64_t offence_id,
                          const char *at, struct err *e);

/* The offences outcome_id is for (links not removed), as [id, ...]
 * ascending: a new array in *out (caller owns). */
int store_yj_outcome_offence_ids(struct db *db, int64_t outcome_id,
                                 json_t **out, struct err *e);

/*
 * The timeliness facts of outcome id as a new object (caller owns): the
 * outcome's dates, kind, the child's date_of_birth and names, and the
 * dates of its start/review/end/release assessments and KPI snapshots
 * (start_assessment_on, last_review_on, end_assessment_on,
 * release_assessment_on, start_kpi_on, end_kpi_on, release_kpi_on; NULL
 * when none).
 */
int store_yj_outcome_facts(struct db *db, int64_t id, json_t **out,
                           struct err *e);

/* Which interventions store_yj_outcomes_due considers. */
struct yj_due_query {
	int64_t user_id, team_id;
	int team; /* the team's cases, else the user's own */
};

/*
 * The facts (as store_yj_outcome_facts) of each open-record intervention
 * on the user's (or team's) open cases that is still running (an ended
 * one has nothing due: yj_due_items), by start date; every one of them
 * (the due lists' counts must be exact: docs/team-week.md).
 */
int store_yj_outcomes_due(struct db *db, const struct yj_due_query *q,
                          json_t **out, struct err *e);

/* The facts of every running (started, not ended, open-record)
 * intervention of case_id, by start date, as a new array in *out. */
int store_yj_outcomes_due_case(struct db *db, int64_t case_id, json_t **out,
                               struct err *e);

#endif

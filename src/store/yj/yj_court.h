/*
 * yj_court.h - SQL for court work on a youth justice case: hearings (the
 * court, the date, the type, the outcome, the next hearing) and reports
 * written for court (pre-sentence, stand-down, bail) with the date each is
 * due; the shared record operations, the reports still due, and the
 * look-up a report uses to name its hearing.
 *
 * Not for rules: what a valid hearing or report is, and what is due, live
 * in service/yj/yj_court.c. Tables: migration 16 (schema_court.c).
 */
#ifndef SPIRE_STORE_YJ_COURT_H
#define SPIRE_STORE_YJ_COURT_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters. */
extern const struct field YJ_HEARINGS_FIELDS[];
extern struct record_table YJ_HEARINGS_TABLE;
extern const struct field YJ_COURT_REPORTS_FIELDS[];
extern struct record_table YJ_COURT_REPORTS_TABLE;

/*
 * A record read through either table also carries "given_name" and
 * "family_name" (the child) and "created_by_name"; a report carries
 * "author_name" and "hearing_court", "hearing_date" of the hearing it is
 * for (NULL when none).
 */

/* Look up hearing id; SPIRE_ENOTFOUND naming "hearing_id" when none. */
int store_yj_hearing_ref(struct db *db, int64_t id, struct yj_ref *out,
                         struct err *e);

struct yj_court_due_query {
	int64_t user_id, team_id;
	int team;            /* the team's cases, else the user's own */
	const char *horizon; /* due on or before this date (YYYY-MM-DD) */
	int64_t limit, offset;
};

/*
 * The open reports not yet submitted, on open cases the user holds (the
 * case's worker or the report's author) or, with q->team, on the team's
 * cases, due on or before q->horizon: [{id, person_id, case_id,
 * report_type, due_date, requested_on, author_id, author_name,
 * hearing_id, given_name, family_name, worker_name}] soonest first, then
 * by id; a new array (caller owns).
 */
int store_yj_court_reports_due(struct db *db,
                               const struct yj_court_due_query *q, json_t **out,
                               struct err *e);

#endif

/*
 * yj_court.h - court work on a youth justice case (issue 10): hearings
 * (court, date, type, outcome, next hearing) and reports for court
 * (pre-sentence, stand-down, bail) with the date each is due; the reports
 * due and overdue on the user's or their team's cases. Each is a
 * descriptor served by the generic record routes (docs/resources.md);
 * the rules are in docs/youth-justice-model.md section 11.
 */
#ifndef SPIRE_SERVICE_YJ_COURT_H
#define SPIRE_SERVICE_YJ_COURT_H

#include <jansson.h>

#include "core/date.h"
#include "service/ctx.h"
#include "service/records.h"

extern const struct resource YJ_HEARINGS;
extern const struct resource YJ_COURT_REPORTS;

#define YJ_COURT_MAX_WITHIN 366 /* the furthest the due list looks ahead */

struct yj_court_due_filter {
	int team; /* the user's team's cases, else the user's own */
	struct date_window within; /* days or calendar months ahead */
	int overdue;               /* only those due before today */
	int64_t limit, offset;
};

/*
 * The reports for court not yet submitted on the user's cases (those they
 * are the worker of, and those they are writing) or their team's, due
 * within f->within of today (UK civil date), soonest first: a page of
 * {id, person_id, case_id, report_type, requested_on, due_date, overdue,
 * author_id, author_name, hearing_id, given_name, family_name,
 * worker_name}; each shown is audited as a "list" of court_report. A team
 * scope for a user without a team is SPIRE_EINVAL naming "scope".
 */
int yj_court_due_list(struct ctx *ctx, const struct yj_court_due_filter *f,
                      json_t **out, struct err *e);

#endif

/*
 * yj_due.h - timeliness of youth justice interventions: what is due on an
 * intervention (start assessment, KPI snapshots, reviews, transition
 * plan, end-of-order and release assessments) and what is overdue. The
 * rules and their day counts are documented in docs/youth-justice-model.md
 * section 8; nothing here is stored.
 */
#ifndef SPIRE_SERVICE_YJ_DUE_H
#define SPIRE_SERVICE_YJ_DUE_H

#include <jansson.h>

#include "core/date.h"
#include "service/ctx.h"

#define YJ_DUE_START_DAYS 28 /* start assessment and start KPIs */
/* Between reviews: three calendar months (date_add_months), the YJB's
 * "at least every three months", not 91 days. */
#define YJ_DUE_REVIEW_MONTHS 3
#define YJ_DUE_AFTER_DAYS 14 /* end / release assessment and KPIs */
#define YJ_DUE_PLAN_DAYS 28  /* transition plan before the planned end */
/* The transition plan three calendar months before the 18th birthday. */
#define YJ_DUE_ADULT_MONTHS 3
#define YJ_DUE_MAX_WITHIN 366 /* the furthest a due list looks ahead */

/* What an order type has due (YJ_DUE_RULES in yj_due.c, with sources). */
#define YJ_DUE_START 1u       /* start assessment and start KPI data */
#define YJ_DUE_REVIEW 2u      /* reviews every YJ_DUE_REVIEW_MONTHS */
#define YJ_DUE_REVIEW_LONG 4u /* reviews only when planned to run longer */
#define YJ_DUE_TRANSITION 8u  /* a transition or exit plan */
#define YJ_DUE_RELEASE 16u    /* release assessment and KPI data */
#define YJ_DUE_END 32u /* end assessment and KPI data by the planned end */

/* The YJ_DUE_* items of outcome_type (start and end only for a type
 * without a rule). */
unsigned yj_due_rule_items(const char *outcome_type);

/* "overdue" (due_date before today), "today" or "due": dates as
 * YYYY-MM-DD, today the UK civil date (clock_today). */
const char *yj_due_status(const char *due_date, const char *today);

/*
 * The pending items of the intervention described by facts (as
 * store_yj_outcome_facts returns them) on `today` ("YYYY-MM-DD", the UK
 * date), as a new array of {what, due_date, overdue, status}, soonest
 * first, following the order type's rule (YJ_DUE_RULES); empty for an
 * outcome without a start date, one that has ended, or one on a closed
 * case. NULL when out of memory.
 */
json_t *yj_due_items(const json_t *facts, const char *today);

struct yj_due_filter {
	int team; /* the user's team's cases, else the user's own */
	struct date_window within; /* days or calendar months ahead */
	int overdue;               /* only overdue items */
	int64_t limit, offset;
};

/*
 * The interventions on the user's (or their team's) cases with items due
 * within f->within, soonest first: a page of {id, person_id,
 * case_id, outcome_type, kind, given_name, family_name, start_date,
 * planned_end_date, end_date, due: [...]}. Each shown is audited.
 */
int yj_due_list(struct ctx *ctx, const struct yj_due_filter *f, json_t **out,
                struct err *e);

#endif

/*
 * yj_due.c - what is due on an intervention, computed from its dates and
 * the assessments and KPI snapshots recorded against it.
 */
#include "service/yj/yj_due.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "service/records.h"
#include "store/yj/yj_outcomes.h"

#define NO_DATE INT64_MIN

/* The day number of an ISO date text, or NO_DATE. */
static int64_t
day_of(const char *s)
{
	int64_t days;
	return date_parse(s, &days) == 0 ? days : NO_DATE;
}

static int64_t
fact_day(const json_t *facts, const char *key)
{
	return day_of(json_string_value(json_object_get(facts, key)));
}

static int
fact_is(const json_t *facts, const char *key, const char *value)
{
	const char *v = json_string_value(json_object_get(facts, key));
	return v && strcmp(v, value) == 0;
}

/*
 * Each order type's own due items, as data (docs/team-week.md, "Due
 * rules"). Sources: YJB, "Case management guidance" (2022): "How to
 * assess" (the start assessment within 20 working days, about 28 days, of
 * the start), "How to review" (reviews at least every three months, and
 * when the order is short not at all), "How to manage transitions"
 * (a transition or exit plan before the order ends or the child turns 18),
 * "How to work with children in custody" (the release assessment);
 * "Standards for children in the youth justice system" (2019) section 4
 * for KPI data. A parenting order is made on a parent: the child has no
 * transition to plan for it; a remand ends in bail or sentence, which
 * brings its own plan; fines, discharges and cautions are not supervised.
 */
struct yj_due_rule {
	const char *outcome_type;
	unsigned items; /* YJ_DUE_* */
};

const struct yj_due_rule YJ_DUE_RULES[] = {
    {"prevention", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"diversion", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"community_resolution", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"outcome_22", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"youth_caution", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"youth_conditional_caution",
     YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"referral_order",
     YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_TRANSITION | YJ_DUE_END},
    {"youth_rehabilitation_order",
     YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_TRANSITION | YJ_DUE_END},
    {"reparation_order", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"fine", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"discharge", YJ_DUE_START | YJ_DUE_REVIEW_LONG | YJ_DUE_END},
    {"other_court",
     YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_TRANSITION | YJ_DUE_END},
    {"parenting_order", YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_END},
    {"remand_local_authority", YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_END},
    {"remand_youth_detention",
     YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_RELEASE | YJ_DUE_END},
    {"detention_training_order", YJ_DUE_START | YJ_DUE_REVIEW |
                                     YJ_DUE_TRANSITION | YJ_DUE_RELEASE |
                                     YJ_DUE_END},
    {"custodial_sentence", YJ_DUE_START | YJ_DUE_REVIEW | YJ_DUE_TRANSITION |
                               YJ_DUE_RELEASE | YJ_DUE_END},
    {NULL, 0},
};

unsigned
yj_due_rule_items(const char *outcome_type)
{
	for (const struct yj_due_rule *r = YJ_DUE_RULES; r->outcome_type; r++)
		if (outcome_type && strcmp(r->outcome_type, outcome_type) == 0)
			return r->items;
	/* An order type without a rule: the start and end work only. */
	return YJ_DUE_START | YJ_DUE_END;
}

const char *
yj_due_status(const char *due_date, const char *today)
{
	int c = strcmp(due_date, today);
	return c < 0 ? "overdue" : c == 0 ? "today" : "due";
}

static int
add_item(json_t *items, const char *what, int64_t due, int64_t today)
{
	char text[11], now[11];
	date_text(due, text);
	date_text(today, now);
	json_t *item = json_pack("{s:s, s:s, s:b, s:s}", "what", what,
	                         "due_date", text, "overdue", due < today,
	                         "status", yj_due_status(text, now));
	return item ? json_array_append_new(items, item) : -1;
}

/* Order items by due date (insertion sort: a handful at most). */
static void
sort_items(json_t *items)
{
	size_t n = json_array_size(items);
	for (size_t i = 1; i < n; i++) {
		for (size_t k = i; k > 0; k--) {
			const char *a = json_string_value(json_object_get(
			    json_array_get(items, k - 1), "due_date"));
			const char *b = json_string_value(json_object_get(
			    json_array_get(items, k), "due_date"));
			if (strcmp(a, b) <= 0)
				break;
			json_t *t = json_incref(json_array_get(items, k));
			json_array_set(items, k, json_array_get(items, k - 1));
			json_array_set_new(items, k - 1, t);
		}
	}
}

/* When the transition plan is due, or NO_DATE when none is. */
static int64_t
transition_due(const json_t *facts, int64_t start, int64_t planned_end)
{
	int64_t due = NO_DATE;
	if (planned_end != NO_DATE)
		due = planned_end - YJ_DUE_PLAN_DAYS;
	int y, m, d;
	const char *dob =
	    json_string_value(json_object_get(facts, "date_of_birth"));
	if (date_parse_ymd(dob, &y, &m, &d) == 0) {
		/* A 29 February birthday turns 18 on 1 March. */
		int64_t adult = m == 2 && d == 29 ? date_days(y + 18, 3, 1)
		                                  : date_days(y + 18, m, d);
		if (adult > start &&
		    (planned_end == NO_DATE || adult <= planned_end)) {
			int64_t at =
			    date_add_months(adult, -YJ_DUE_ADULT_MONTHS);
			if (due == NO_DATE || at < due)
				due = at;
		}
	}
	if (due != NO_DATE && due < start)
		due = start;
	return due;
}

/* The next review of a running intervention, or NO_DATE when none. */
static int64_t
review_due(const json_t *facts, unsigned rule, int64_t start,
           int64_t planned_end)
{
	if (!(rule & (YJ_DUE_REVIEW | YJ_DUE_REVIEW_LONG)))
		return NO_DATE;
	if (!(rule & YJ_DUE_REVIEW) &&
	    (planned_end == NO_DATE ||
	     planned_end <= date_add_months(start, YJ_DUE_REVIEW_MONTHS)))
		return NO_DATE;
	int64_t last = fact_day(facts, "last_review_on");
	int64_t set = fact_day(facts, "next_review_date");
	int64_t due;
	if (set != NO_DATE && (last == NO_DATE || set > last))
		due = set;
	else
		due = date_add_months(last != NO_DATE && last > start ? last
		                                                      : start,
		                      YJ_DUE_REVIEW_MONTHS);
	if (planned_end != NO_DATE && due >= planned_end)
		return NO_DATE;
	return due;
}

json_t *
yj_due_items(const json_t *facts, const char *today_text)
{
	json_t *items = json_array();
	int64_t start = fact_day(facts, "start_date");
	if (!items || start == NO_DATE)
		return items;
	/* Nothing for an order that has ended (completed, breached...) or
	 * whose case is closed (issue 10 section 2). */
	if (fact_day(facts, "end_date") != NO_DATE ||
	    fact_is(facts, "case_status", "closed"))
		return items;
	unsigned rule = yj_due_rule_items(
	    json_string_value(json_object_get(facts, "outcome_type")));
	int64_t today = day_of(today_text);
	int64_t planned_end = fact_day(facts, "planned_end_date");
	int64_t release = fact_day(facts, "release_date");
	int rc = 0;
	if ((rule & YJ_DUE_START) &&
	    fact_day(facts, "start_assessment_on") == NO_DATE)
		rc |= add_item(items, "start_assessment",
		               start + YJ_DUE_START_DAYS, today);
	if ((rule & YJ_DUE_START) && fact_day(facts, "start_kpi_on") == NO_DATE)
		rc |= add_item(items, "start_kpi", start + YJ_DUE_START_DAYS,
		               today);
	int64_t due = review_due(facts, rule, start, planned_end);
	if (due != NO_DATE)
		rc |= add_item(items, "review", due, today);
	due = transition_due(facts, start, planned_end);
	if ((rule & YJ_DUE_TRANSITION) && due != NO_DATE &&
	    fact_day(facts, "transition_plan_date") == NO_DATE)
		rc |= add_item(items, "transition_plan", due, today);
	if ((rule & YJ_DUE_RELEASE) && release != NO_DATE) {
		if (fact_day(facts, "release_assessment_on") == NO_DATE)
			rc |= add_item(items, "release_assessment",
			               release + YJ_DUE_AFTER_DAYS, today);
		if (fact_day(facts, "release_kpi_on") == NO_DATE)
			rc |= add_item(items, "release_kpi",
			               release + YJ_DUE_AFTER_DAYS, today);
	}
	/* The end-of-order work is due by the planned end, while the order
	 * runs. */
	if ((rule & YJ_DUE_END) && planned_end != NO_DATE) {
		if (fact_day(facts, "end_assessment_on") == NO_DATE)
			rc |= add_item(items, "end_assessment", planned_end,
			               today);
		if (fact_day(facts, "end_kpi_on") == NO_DATE)
			rc |= add_item(items, "end_kpi", planned_end, today);
	}
	if (rc) {
		json_decref(items);
		return NULL;
	}
	sort_items(items);
	return items;
}

/* Keep the items of a due list within the filter's horizon. */
static json_t *
filter_items(const json_t *items, const struct yj_due_filter *f,
             const char *horizon)
{
	json_t *kept = json_array();
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *due =
		    json_string_value(json_object_get(item, "due_date"));
		if (!kept || strcmp(due, horizon) > 0)
			continue;
		if (f->overdue &&
		    !json_is_true(json_object_get(item, "overdue")))
			continue;
		json_array_append(kept, item);
	}
	return kept;
}

static const char *const SHOWN[] = {
    "id",         "person_id",   "case_id",    "outcome_type",     "kind",
    "given_name", "family_name", "start_date", "planned_end_date", "end_date",
    NULL,
};

/* The row shown for one intervention with its kept items. */
static json_t *
due_row(const json_t *facts, json_t *kept)
{
	json_t *row = json_object();
	if (!row) {
		json_decref(kept);
		return NULL;
	}
	for (const char *const *k = SHOWN; *k; k++)
		json_object_set(row, *k, json_object_get(facts, *k));
	json_object_set_new(row, "due", kept);
	return row;
}

static const char *
first_due(const json_t *row)
{
	return json_string_value(json_object_get(
	    json_array_get(json_object_get(row, "due"), 0), "due_date"));
}

/* qsort: by the first item's due date, then by id (stable order). */
static int
by_first_due(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(first_due(x), first_due(y));
	if (c)
		return c;
	json_int_t i = json_integer_value(json_object_get(x, "id"));
	json_int_t k = json_integer_value(json_object_get(y, "id"));
	return (i > k) - (i < k);
}

int
yj_due_list(struct ctx *ctx, const struct yj_due_filter *f, json_t **out,
            struct err *e)
{
	*out = NULL;
	char today[CLOCK_ISO_LEN], horizon[11];
	clock_today(today);
	int64_t t = day_of(today);
	date_text(date_window_end(t, f->within), horizon);
	if (f->team && !ctx->user->team_id)
		return err_set(e, SPIRE_EINVAL, "scope",
		               "You do not belong to a team, so there are no "
		               "team interventions to show");
	struct yj_due_query q = {ctx->user->id, ctx->user->team_id, f->team};
	json_t *rows = NULL;
	int rc = store_yj_outcomes_due(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	json_t *shown = json_array();
	size_t i;
	json_t *facts;
	json_array_foreach(rows, i, facts)
	{
		json_t *items = yj_due_items(facts, today);
		json_t *kept = items ? filter_items(items, f, horizon) : NULL;
		json_decref(items);
		if (!kept || !shown) {
			json_decref(kept);
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		if (json_array_size(kept) == 0) {
			json_decref(kept);
			continue;
		}
		json_t *row = due_row(facts, kept);
		if (!row || json_array_append_new(shown, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	json_decref(rows);
	if (rc) {
		json_decref(shown);
		return rc;
	}
	/* Soonest first; ties by start date, as the store listed them. */
	size_t n = json_array_size(shown);
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	json_t **order = n ? malloc(n * sizeof(*order)) : NULL;
	if (n && !order) {
		json_decref(shown);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	for (size_t k = 0; k < n; k++)
		order[k] = json_array_get(shown, k);
	if (n)
		qsort(order, n,
		      sizeof(*order), /* NOLINT(bugprone-sizeof-expression) */
		      by_first_due);
	json_t *page_items = json_array();
	for (int64_t k = f->offset;
	     page_items && k < (int64_t)n && k <= f->offset + f->limit; k++)
		json_array_append(page_items, order[k]);
	free(order);
	json_decref(shown);
	if (!page_items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return records_list_page(ctx, page_items, f->limit, f->offset,
	                         "outcome", 0, out, e);
}

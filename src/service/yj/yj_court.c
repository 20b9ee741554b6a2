/*
 * yj_court.c - rules for hearings and reports for court, and the reports
 * still due. Only youth justice roles record them, on youth justice cases
 * (YJ_RECORD_OPS); every casework role in scope of the case reads them.
 */
#include "service/yj/yj_court.h"

#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/yj/vocab_yj.h"
#include "service/policy.h"
#include "service/tasks.h"
#include "service/yj/yj_records.h"
#include "store/yj/yj_court.h"

static const char *
text_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* A new record names an open youth justice case the user may change. */
static int
check_case(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (old || err_names(e, "case_id") ||
	    !json_is_integer(json_object_get(rec, "case_id")))
		return old != NULL;
	struct err one;
	err_clear(&one);
	int ok = yj_open_case(ctx, rec, &one) == 0;
	err_gather(e, &one);
	return ok;
}

/*
 * Every rule of a hearing, gathered with the field errors: the outcome is
 * known once the hearing has been; the next hearing is after this one, and
 * is dated when the court adjourned or remanded the child.
 */
static int
check_hearing(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	check_case(ctx, rec, old, e);
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	const char *date = text_of(rec, "hearing_date");
	const char *outcome = text_of(rec, "hearing_outcome");
	const char *next = text_of(rec, "next_hearing_date");
	int date_ok = date && !err_names(e, "hearing_date");
	if (outcome && date_ok && !err_names(e, "hearing_outcome") &&
	    strncmp(date, today, 10) > 0)
		err_rule(e, "hearing_outcome",
		         "Record the outcome once the hearing has taken place: "
		         "this hearing is in the future");
	if (next && date_ok && !err_names(e, "next_hearing_date") &&
	    strcmp(next, date) <= 0)
		err_rule(e, "next_hearing_date",
		         "The date of the next hearing must be after the date "
		         "of this hearing");
	const struct vocab_term *t =
	    outcome ? vocab_term(&VOCAB_HEARING_OUTCOMES, outcome) : NULL;
	if (t && vocab_term_has(t, "next") && !next &&
	    !err_names(e, "next_hearing_date"))
		err_rule(e, "next_hearing_date",
		         "Enter the date of the next hearing: the case is "
		         "back before the court after an outcome of \"%s\"",
		         t->label);
	return e->code;
}

/* The hearing a report is for: one of this child's, open. */
static void
check_report_hearing(struct ctx *ctx, const json_t *rec, struct err *e)
{
	json_int_t id = json_integer_value(json_object_get(rec, "hearing_id"));
	if (!id || err_names(e, "hearing_id"))
		return;
	struct yj_ref ref;
	struct err one;
	err_clear(&one);
	static const char missing[] = "Select a hearing from the list: this "
	                              "hearing does not exist";
	/* One the user may not read is answered as one that does not exist
	 * (policy_reference_hidden), before anything else is said of it. */
	int rc = policy_reference_hidden(ctx, RK_HEARING, id, 0, "hearing_id",
	                                 missing, &one);
	if (rc == 0)
		rc = store_yj_hearing_ref(ctx_db(ctx), id, &ref, &one);
	if (rc == SPIRE_ENOTFOUND)
		err_set(&one, SPIRE_EINVAL, "hearing_id", "%s", missing);
	else if (rc == 0 && ref.person_id != json_integer_value(json_object_get(
	                                         rec, "person_id")))
		err_set(&one, SPIRE_EINVAL, "hearing_id",
		        "Select a hearing of this child");
	else if (rc == 0 && ref.closed)
		err_set(&one, SPIRE_EINVAL, "hearing_id",
		        "This hearing has been closed. Select an open hearing");
	err_gather(e, &one);
}

/* The author of a report: a practitioner of any service with an account. */
static void
check_author(struct ctx *ctx, const json_t *rec, struct err *e)
{
	json_int_t id = json_integer_value(json_object_get(rec, "author_id"));
	if (!id || err_names(e, "author_id"))
		return;
	int64_t team = 0;
	struct err one;
	err_clear(&one);
	if (store_tasks_practitioner(ctx_db(ctx), id, &team, &one) == 0 &&
	    !team)
		err_set(&one, SPIRE_EINVAL, "author_id",
		        "Select who is writing the report from the list: they "
		        "are not a practitioner with an account");
	err_gather(e, &one);
}

/* b is not before a (both set, neither in error): else field's message. */
static void
not_before(const json_t *rec, const char *later, const char *earlier,
           const char *message, struct err *e)
{
	const char *l = text_of(rec, later), *r = text_of(rec, earlier);
	if (l && r && !err_names(e, later) && !err_names(e, earlier) &&
	    strcmp(l, r) < 0)
		err_rule(e, later, "%s", message);
}

/*
 * Every rule of a report for court: requested and submitted are not in
 * the future; it is due, and submitted, on or after the day it was
 * requested; its hearing is one of the child's; its author a practitioner.
 */
static int
check_report(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const past[] = {"requested_on", "submitted_on",
	                                   NULL};
	int case_ok = check_case(ctx, rec, old, e);
	yj_not_future(&YJ_COURT_REPORTS, rec, past, e);
	not_before(rec, "due_date", "requested_on",
	           "The date the report is due must be the same as or after "
	           "the date it was requested",
	           e);
	not_before(rec, "submitted_on", "requested_on",
	           "The date the report was submitted must be the same as or "
	           "after the date it was requested",
	           e);
	if (case_ok)
		check_report_hearing(ctx, rec, e);
	check_author(ctx, rec, e);
	return e->code;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule COURT_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

static const struct list_key COURT_LIST_KEYS[] = {
    {"case_id", RK_CASE},
    {NULL, RK_NONE},
};

const struct resource YJ_HEARINGS = {
    .name = "hearing",
    .plural = "hearings",
    .label = "Court hearing",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = COURT_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose which case's hearings to show",
    .ops = &YJ_RECORD_OPS,
    .open_rules = COURT_OPEN_RULES,
    .table = &YJ_HEARINGS_TABLE,
    .kind = RK_HEARING,
    .check = check_hearing,
    .gathers = 1,
    .person_of = yj_person_of,
};

const struct resource YJ_COURT_REPORTS = {
    .name = "court_report",
    .plural = "court-reports",
    .label = "Court report",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = COURT_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose which case's reports for court to show",
    .ops = &YJ_RECORD_OPS,
    .open_rules = COURT_OPEN_RULES,
    .table = &YJ_COURT_REPORTS_TABLE,
    .kind = RK_COURT_REPORT,
    .check = check_report,
    .gathers = 1,
    .person_of = yj_person_of,
};

int
yj_court_due_list(struct ctx *ctx, const struct yj_court_due_filter *f,
                  json_t **out, struct err *e)
{
	*out = NULL;
	if (f->team && !ctx->user->team_id)
		return err_set(e, SPIRE_EINVAL, "scope",
		               "You do not belong to a team, so there are no "
		               "team reports to show");
	char today[CLOCK_ISO_LEN], horizon[11];
	clock_today(today);
	int64_t t;
	if (date_parse(today, &t) != 0)
		return err_set(e, SPIRE_EIO, NULL, "no date today");
	/* Overdue only: due before today, whatever the horizon. */
	date_text(f->overdue ? t - 1 : date_window_end(t, f->within), horizon);
	struct yj_court_due_query q = {ctx->user->id, ctx->user->team_id,
	                               f->team,       horizon,
	                               f->limit + 1,  f->offset};
	json_t *rows = NULL;
	int rc = store_yj_court_reports_due(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		const char *due = text_of(row, "due_date");
		json_object_set_new(
		    row, "overdue",
		    json_boolean(due && strcmp(due, today) < 0));
	}
	return records_list_page(ctx, rows, f->limit, f->offset, "court_report",
	                         0, out, e);
}

/*
 * parent_views.c - the parent worker's pathway's views that are computed
 * from several tables, never copied into rows of their own: parents to
 * meet, the parent worker's home page, and whether each parent was seen
 * at the start, each review and the end of their child's intervention
 * (docs/parenting.md). Each person shown is audited.
 */
#include "service/parenting/parenting.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "service/policy.h"
#include "store/parenting/parent_tables.h"

#define NO_DAY INT64_MIN

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

static const char *
text_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* The day number of a date or the UK date part of a date-time text. */
static int64_t
day_of(const char *s)
{
	char date[DATE_TEXT_LEN];
	int64_t days;
	if (!s || strlen(s) < 10)
		return NO_DAY;
	memcpy(date, s, 10);
	date[10] = '\0';
	return date_parse(date, &days) == 0 ? days : NO_DAY;
}

/* Whose lists the user sees; SPIRE_EFORBIDDEN for roles that open no
 * records. */
static int
scope_of(struct ctx *ctx, struct parent_scope *q, struct err *e)
{
	memset(q, 0, sizeof(*q));
	if (!ctx->user || policy_needed_relation(ctx->user->role) < 0)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Your role does not open case records");
	q->user_id = ctx->user->id;
	q->team_id = ctx->user->team_id;
	q->service_id = ctx->user->service_id;
	q->manager = (ctx->user->role & ROLE_MANAGER) != 0;
	return parenting_service_worker(ctx, &q->local_authority, e);
}

/* Audit each row shown as a "list" of type (its id under id_key) about
 * the person under person_key, each (record, person) once however many
 * rows show it (a case with several things due). */
static int
audit_rows(struct ctx *ctx, const json_t *rows, const char *type,
           const char *id_key, const char *person_key, struct err *e)
{
	size_t n = json_array_size(rows), kept = 0;
	int64_t(*seen)[2] =
	    n ? arena_calloc(ctx->arena, n, sizeof(*seen)) : NULL;
	if (n && !seen)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const json_t *row = json_array_get(rows, i);
		int64_t id = id_of(row, id_key),
		        person = id_of(row, person_key);
		size_t k = 0;
		while (k < kept && (seen[k][0] != id || seen[k][1] != person))
			k++;
		if (k < kept)
			continue;
		seen[kept][0] = id;
		seen[kept][1] = person;
		kept++;
		if (!ctx_audit(ctx, "list", type, id, person))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* Parents to meet in q: the first max (all when 0) into *out, audited,
 * and how many there are in *total. */
static int
to_meet_rows(struct ctx *ctx, const struct parent_scope *q, size_t max,
             json_t **out, int64_t *total, struct err *e)
{
	int rc = store_parent_to_meet(ctx_db(ctx), q, max, out, total, e);
	if (rc == 0)
		rc = audit_rows(ctx, *out, "person", "person_id", "person_id",
		                e);
	return rc;
}

int
parenting_to_meet(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *rows = NULL;
	int64_t total = 0;
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = to_meet_rows(ctx, &q, 0, &rows, &total, e);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*out = json_pack("{s:o}", "items", rows);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* The (point, parent) being folded from consecutive rows, with copies
 * of what its item shows. */
struct fold {
	json_t *items;
	int64_t today;
	int misses_only, open;
	size_t max;    /* items built at most (0: all) */
	int64_t total; /* items counted, built or not */
	int64_t outcome_id, child_case_id, child_id, assessment_id, person_id;
	int64_t point_day;
	int seen;
	int current; /* the intervention runs or ended at most
	                PARENT_CURRENT_MONTHS calendar months ago */
	char outcome_type[48], point[16], point_date[11];
	char child_given_name[128], child_family_name[128];
	char given_name[128], family_name[128], relationship[48];
	char date_of_birth[11]; /* YYYY-MM-DD, "" when not known */
};

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* The item of the point folded so far, added unless only misses are
 * wanted and it is not one. */
static int
fold_emit(struct fold *f, struct err *e)
{
	if (!f->open)
		return 0;
	f->open = 0;
	int64_t p = f->point_day;
	const char *status = f->seen                                 ? "seen"
	                     : p == NO_DAY                           ? "open"
	                     : p > f->today                          ? "future"
	                     : p + PARENT_SEEN_DAYS_AFTER < f->today ? "missed"
	                                                             : "open";
	if (f->misses_only && (strcmp(status, "missed") != 0 || !f->current))
		return 0;
	if (f->max && (size_t)f->total >= f->max) {
		f->total++;
		return 0;
	}
	f->total++;
	json_t *item = json_pack(
	    "{s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, "
	    "s:s, s:b, s:s, s:b, s:s?}",
	    "outcome_id", (json_int_t)f->outcome_id, "outcome_type",
	    f->outcome_type, "child_case_id", (json_int_t)f->child_case_id,
	    "child_id", (json_int_t)f->child_id, "child_given_name",
	    f->child_given_name, "child_family_name", f->child_family_name,
	    "point", f->point, "point_date", f->point_date, "assessment_id",
	    (json_int_t)f->assessment_id, "person_id", (json_int_t)f->person_id,
	    "given_name", f->given_name, "family_name", f->family_name,
	    "relationship", f->relationship, "seen", f->seen, "status", status,
	    "current", f->current, "date_of_birth",
	    f->date_of_birth[0] ? f->date_of_birth : NULL);
	if (!item || json_array_append_new(f->items, item))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* One row: a new (point, parent) starts a new item; a contact in the
 * window marks it seen. */
static int
fold_row(void *arg, const struct parent_seen_row *r, struct err *e)
{
	struct fold *f = arg;
	int same = f->open && f->outcome_id == r->outcome_id &&
	           f->assessment_id == r->assessment_id &&
	           f->person_id == r->person_id && r->point &&
	           strcmp(f->point, r->point) == 0;
	if (!same) {
		int rc = fold_emit(f, e);
		if (rc)
			return rc;
		f->open = 1;
		f->seen = 0;
		f->outcome_id = r->outcome_id;
		f->child_case_id = r->child_case_id;
		f->child_id = r->child_id;
		f->assessment_id = r->assessment_id;
		f->person_id = r->person_id;
		f->point_day = day_of(r->point_date);
		int64_t ended = day_of(r->outcome_end_date);
		f->current =
		    ended == NO_DAY ||
		    f->today <= date_add_months(ended, PARENT_CURRENT_MONTHS);
		copy(f->outcome_type, sizeof(f->outcome_type), r->outcome_type);
		copy(f->point, sizeof(f->point), r->point);
		copy(f->point_date, sizeof(f->point_date), r->point_date);
		copy(f->child_given_name, sizeof(f->child_given_name),
		     r->child_given_name);
		copy(f->child_family_name, sizeof(f->child_family_name),
		     r->child_family_name);
		copy(f->given_name, sizeof(f->given_name), r->given_name);
		copy(f->family_name, sizeof(f->family_name), r->family_name);
		copy(f->relationship, sizeof(f->relationship), r->relationship);
		copy(f->date_of_birth, sizeof(f->date_of_birth),
		     r->date_of_birth);
	}
	int64_t d = day_of(r->contact_date);
	if (d != NO_DAY && f->point_day != NO_DAY &&
	    d >= f->point_day - PARENT_SEEN_DAYS_BEFORE &&
	    d <= f->point_day + PARENT_SEEN_DAYS_AFTER)
		f->seen = 1;
	return 0;
}

/*
 * The points of q's interventions with each parent, each marked `current`
 * (PARENT_CURRENT_MONTHS); with misses_months > 0 only the current missed
 * ones among the points whose window closed in the last misses_months
 * calendar months.
 * The first max (all when 0) into *out, audited; how many there are in
 * *total.
 */
static int
seen_items(struct ctx *ctx, struct parent_scope *q, int misses_months,
           size_t max, json_t **out, int64_t *total, struct err *e)
{
	*out = NULL;
	*total = 0;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	struct fold f;
	memset(&f, 0, sizeof(f));
	f.today = day_of(today);
	f.misses_only = misses_months > 0;
	f.max = max;
	if (f.misses_only) {
		/* A point is missed once its window has closed. */
		int64_t to = f.today - PARENT_SEEN_DAYS_AFTER - 1;
		int64_t from = date_add_months(to + 1, -misses_months);
		date_text(from, q->from);
		date_text(to, q->to);
		/* Contacts outside every window do not count (date-times
		 * compare as text after their date). */
		date_text(from - PARENT_SEEN_DAYS_BEFORE - 1, q->seen_from);
		date_text(to + PARENT_SEEN_DAYS_AFTER + 2, q->seen_to);
	}
	f.items = json_array();
	if (!f.items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = store_parent_seen_each(ctx_db(ctx), q, fold_row, &f, e);
	if (rc == 0)
		rc = fold_emit(&f, e);
	if (rc == 0)
		rc = audit_rows(ctx, f.items, "outcome", "outcome_id",
		                "person_id", e);
	if (rc) {
		json_decref(f.items);
		return rc;
	}
	*out = f.items;
	*total = f.total;
	return 0;
}

int
parenting_seen(struct ctx *ctx, int64_t case_id, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	int rc = scope_of(ctx, &q, e);
	if (rc == 0 && case_id) {
		int64_t pid = 0;
		rc = policy_reference(ctx, RK_CASE, case_id, 0, "case_id", &pid,
		                      e);
		q.case_id = case_id;
	}
	json_t *items = NULL;
	int64_t total = 0;
	if (rc == 0)
		rc = seen_items(ctx, &q, case_id ? 0 : PARENT_MISSES_MONTHS, 0,
		                &items, &total, e);
	if (rc)
		return rc;
	*out = json_pack("{s:o, s:i, s:i, s:i}", "items", items,
	                 "window_before", PARENT_SEEN_DAYS_BEFORE,
	                 "window_after", PARENT_SEEN_DAYS_AFTER,
	                 "current_months", PARENT_CURRENT_MONTHS);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
parenting_misses(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *items = NULL;
	int64_t total = 0;
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = seen_items(ctx, &q, PARENT_HOME_MISSES_MONTHS, 0, &items,
		                &total, e);
	if (rc)
		return rc;
	*out = json_pack("{s:o, s:i, s:i, s:i, s:i}", "items", items, "months",
	                 PARENT_HOME_MISSES_MONTHS, "window_before",
	                 PARENT_SEEN_DAYS_BEFORE, "window_after",
	                 PARENT_SEEN_DAYS_AFTER, "current_months",
	                 PARENT_CURRENT_MONTHS);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* Mark each due item overdue when its date is before today. */
static void
mark_overdue(json_t *items, const char *today)
{
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *due = text_of(item, "due_date");
		json_object_set_new(
		    item, "overdue",
		    json_boolean(due && strcmp(due, today) < 0));
	}
}

/* What is due up to 14 days from today on the parenting cases in scope:
 * the first max (all when 0) into *due, marked overdue and audited, and
 * how many in *total; today and the last day counted in today, until. */
static int
due_rows(struct ctx *ctx, const struct parent_scope *q, size_t max,
         json_t **due, int64_t *total, char *today, char *until, struct err *e)
{
	clock_today(today);
	date_text(day_of(today) + PARENT_DUE_WITHIN_DAYS, until);
	int rc = store_parent_due(ctx_db(ctx), q, until, max, due, total, e);
	if (rc == 0)
		rc = audit_rows(ctx, *due, "case", "case_id", "person_id", e);
	if (rc == 0)
		mark_overdue(*due, today);
	return rc;
}

/* How many of the due rows are overdue (due before today): the count of
 * the same list up to yesterday, so that the page can say "12 due, 3
 * overdue" when it shows only the first rows. */
static int
due_overdue_count(struct ctx *ctx, const struct parent_scope *q,
                  const char *today, int64_t *n, struct err *e)
{
	char yesterday[DATE_TEXT_LEN];
	json_t *rows = NULL;
	date_text(day_of(today) - 1, yesterday);
	int rc = store_parent_due(ctx_db(ctx), q, yesterday, 1, &rows, n, e);
	json_decref(rows);
	return rc;
}

/* One child of a parent's row: what the support row says of them. */
static json_t *
parent_child(const json_t *support)
{
	json_t *child = json_pack(
	    "{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "support_id",
	    json_object_get(support, "id"), "child_id",
	    json_object_get(support, "child_id"), "child_given_name",
	    json_object_get(support, "child_given_name"), "child_family_name",
	    json_object_get(support, "child_family_name"), "child_case_id",
	    json_object_get(support, "child_case_id"), "relationship",
	    json_object_get(support, "relationship"), "support_status",
	    json_object_get(support, "support_status"));
	/* A trimmed support has no review date to give (withheld). */
	json_t *review = json_object_get(support, "next_review_date");
	if (child && review &&
	    json_object_set(child, "next_review_date", review)) {
		json_decref(child);
		return NULL;
	}
	return child;
}

/* Fold support into the parent's row: its child added, the earliest next
 * review kept, "active" when any support is, "withheld" (on the child and
 * the row) when the support was trimmed for the reader. */
static int
fold_support(json_t *row, const json_t *support)
{
	json_t *child = parent_child(support);
	if (!child ||
	    json_array_append_new(json_object_get(row, "children"), child))
		return -1;
	if (json_is_true(json_object_get(support, "withheld")) &&
	    (json_object_set_new(child, "withheld", json_true()) ||
	     json_object_set_new(row, "withheld", json_true())))
		return -1;
	const char *mine = text_of(row, "next_review_date"),
	           *theirs = text_of(support, "next_review_date");
	if (theirs && (!mine || strcmp(theirs, mine) < 0) &&
	    json_object_set(row, "next_review_date",
	                    json_object_get(support, "next_review_date")))
		return -1;
	const char *status = text_of(support, "support_status");
	if (status && strcmp(status, "active") == 0 &&
	    json_object_set(row, "support_status",
	                    json_object_get(support, "support_status")))
		return -1;
	return 0;
}

/*
 * The support rows (one per parent and child, by the parent's name) as
 * one row per parent, in the same order: the first support's row with
 * `children`, every child the parent is supported for. The first max
 * parents (all when 0) into a new array in *out; how many in *total.
 */
static int
by_parent(const json_t *supports, size_t max, json_t **out, int64_t *total)
{
	json_t *rows = json_array(), *where = json_object();
	*out = NULL;
	*total = 0;
	size_t i;
	json_t *s;
	int rc = rows && where ? 0 : -1;
	json_array_foreach(supports, i, s)
	{
		if (rc)
			break;
		char key[24];
		snprintf(key, sizeof(key), "%lld",
		         (long long)id_of(s, "person_id"));
		json_t *row = json_object_get(where, key);
		if (!row) {
			row = json_deep_copy(s);
			if (!row ||
			    json_object_set_new(row, "children",
			                        json_array()) ||
			    json_object_set(where, key, row) ||
			    json_array_append_new(rows, row)) {
				rc = -1;
				break;
			}
		}
		rc = fold_support(row, s);
	}
	json_decref(where);
	if (rc) {
		json_decref(rows);
		return -1;
	}
	*total = (int64_t)json_array_size(rows);
	while (max && json_array_size(rows) > max)
		json_array_remove(rows, json_array_size(rows) - 1);
	*out = rows;
	return 0;
}

/* What a support's row in a list shows beside what any reader of the
 * support sees (parent_support_trim): the names it is built with and
 * whether its session dates are withheld. */
static const char *const SUPPORT_ROW_NAMES[] = {"given_name",
                                                "family_name",
                                                "date_of_birth",
                                                "child_given_name",
                                                "child_family_name",
                                                "sessions_withheld",
                                                NULL};

/* Trim each of supports for ctx's user as a read of it would be: one who
 * may not open the parenting case sees that the support exists, about
 * whom and its status, never its agreement, reviews, sessions or case
 * (session 28: these lists gave a youth justice manager what their read
 * of the support withholds). */
static int
trim_supports(struct ctx *ctx, json_t *supports, struct err *e)
{
	size_t i;
	json_t *s;
	json_array_foreach(supports, i, s)
	{
		int rc = parent_support_trim(ctx, s, SUPPORT_ROW_NAMES, e);
		if (rc)
			return rc;
		json_object_del(s, "created_by");
	}
	return 0;
}

/* The parents in scope with an open support, by name, each once with
 * every child they are supported for (by_parent), each trimmed as a read
 * of it would be (trim_supports): the first max (all when 0) into *out,
 * each support shown audited, and how many parents in *total. */
static int
parents_rows(struct ctx *ctx, const struct parent_scope *q, size_t max,
             json_t **out, int64_t *total, struct err *e)
{
	json_t *supports = NULL;
	int64_t n = 0;
	*out = NULL;
	int rc = store_parent_my_supports(ctx_db(ctx), q, 0, &supports, &n, e);
	if (rc == 0)
		rc = trim_supports(ctx, supports, e);
	if (rc == 0 && by_parent(supports, max, out, total))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(supports);
	size_t i, k;
	json_t *row, *child;
	json_array_foreach(rc ? NULL : *out, i, row)
	{
		/* Withheld session dates are said to be, never shown as none
		 * (docs/parenting.md "Who sees what"). */
		json_t *held = json_boolean(json_integer_value(
		    json_object_get(row, "sessions_withheld")));
		if (rc == 0 &&
		    json_object_set_new(row, "sessions_withheld", held))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		json_array_foreach(json_object_get(row, "children"), k, child)
		{
			if (rc == 0 && !ctx_audit(ctx, "list", "parent_support",
			                          id_of(child, "support_id"),
			                          id_of(row, "person_id")))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
		}
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
parenting_parents(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *items = NULL;
	int64_t total = 0;
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = parents_rows(ctx, &q, 0, &items, &total, e);
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
parenting_due(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *due = NULL;
	int64_t total = 0;
	char today[CLOCK_ISO_LEN], until[DATE_TEXT_LEN];
	int rc = scope_of(ctx, &q, e);
	int64_t overdue = 0;
	if (rc == 0)
		rc = due_rows(ctx, &q, 0, &due, &total, today, until, e);
	if (rc == 0)
		rc = due_overdue_count(ctx, &q, today, &overdue, e);
	if (rc) {
		json_decref(due);
		return rc;
	}
	*out =
	    json_pack("{s:o, s:s, s:s, s:I}", "items", due, "today", today,
	              "due_until", until, "due_overdue", (json_int_t)overdue);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
parenting_home(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *to_meet = NULL, *parents = NULL, *due = NULL, *misses = NULL;
	int64_t to_meet_total = 0, parents_total = 0, due_total = 0,
	        misses_total = 0;
	char today[CLOCK_ISO_LEN], until[DATE_TEXT_LEN];
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = to_meet_rows(ctx, &q, PARENT_HOME_SHOWN, &to_meet,
		                  &to_meet_total, e);
	if (rc == 0)
		rc = parents_rows(ctx, &q, PARENT_HOME_SHOWN, &parents,
		                  &parents_total, e);
	int64_t due_overdue = 0;
	if (rc == 0)
		rc = due_rows(ctx, &q, PARENT_HOME_SHOWN, &due, &due_total,
		              today, until, e);
	if (rc == 0)
		rc = due_overdue_count(ctx, &q, today, &due_overdue, e);
	if (rc == 0)
		rc = seen_items(ctx, &q, PARENT_HOME_MISSES_MONTHS,
		                PARENT_HOME_SHOWN, &misses, &misses_total, e);
	if (rc == 0) {
		*out = json_pack(
		    "{s:o, s:I, s:o, s:I, s:o, s:I, s:o, s:I, s:s, s:s, s:i, "
		    "s:i, s:i, s:I}",
		    "to_meet", to_meet, "to_meet_total",
		    (json_int_t)to_meet_total, "parents", parents,
		    "parents_total", (json_int_t)parents_total, "due", due,
		    "due_total", (json_int_t)due_total, "misses", misses,
		    "misses_total", (json_int_t)misses_total, "today", today,
		    "due_until", until, "window_before",
		    PARENT_SEEN_DAYS_BEFORE, "window_after",
		    PARENT_SEEN_DAYS_AFTER, "current_months",
		    PARENT_CURRENT_MONTHS, "due_overdue",
		    (json_int_t)due_overdue);
		to_meet = parents = due = misses = NULL;
		if (!*out)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(to_meet);
	json_decref(parents);
	json_decref(due);
	json_decref(misses);
	return rc;
}

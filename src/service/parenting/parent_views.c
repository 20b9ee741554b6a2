/*
 * parent_views.c - the parent worker's pathway's views that are computed
 * from several tables, never copied into rows of their own: parents to
 * meet, the parent worker's home page, and whether each parent was seen
 * at the start, each review and the end of their child's intervention
 * (docs/parenting.md). Each person shown is audited.
 */
#include "service/parenting/parenting.h"

#include <string.h>

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
	return 0;
}

/* Audit each row shown as a "list" of type (its id under id_key) about
 * the person under person_key. */
static int
audit_rows(struct ctx *ctx, const json_t *rows, const char *type,
           const char *id_key, const char *person_key, struct err *e)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (!ctx_audit(ctx, "list", type, id_of(row, id_key),
		               id_of(row, person_key)))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

static int
to_meet_rows(struct ctx *ctx, const struct parent_scope *q, json_t **out,
             struct err *e)
{
	int rc = store_parent_to_meet(ctx_db(ctx), q, out, e);
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
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = to_meet_rows(ctx, &q, &rows, e);
	if (rc)
		return rc;
	*out = json_pack("{s:o}", "items", rows);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* One point of an intervention with one parent, from the first of its
 * rows (store_parent_seen_rows), and whether the parent was seen. */
static json_t *
point_item(const json_t *first, int seen, const char *status)
{
	return json_pack(
	    "{s:I, s:s?, s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:I, s:I, s:s?, "
	    "s:s?, s:s?, s:b, s:s}",
	    "outcome_id", (json_int_t)id_of(first, "outcome_id"),
	    "outcome_type", text_of(first, "outcome_type"), "child_case_id",
	    (json_int_t)id_of(first, "child_case_id"), "child_id",
	    (json_int_t)id_of(first, "child_id"), "child_given_name",
	    text_of(first, "child_given_name"), "child_family_name",
	    text_of(first, "child_family_name"), "point",
	    text_of(first, "point"), "point_date", text_of(first, "point_date"),
	    "assessment_id", (json_int_t)id_of(first, "assessment_id"),
	    "person_id", (json_int_t)id_of(first, "person_id"), "given_name",
	    text_of(first, "given_name"), "family_name",
	    text_of(first, "family_name"), "relationship",
	    text_of(first, "relationship"), "seen", seen, "status", status);
}

/* 1 when rows a and b are the same point of the same intervention with
 * the same parent. */
static int
same_point(const json_t *a, const json_t *b)
{
	static const char *const ints[] = {"outcome_id", "assessment_id",
	                                   "person_id", NULL};
	for (size_t i = 0; ints[i]; i++)
		if (id_of(a, ints[i]) != id_of(b, ints[i]))
			return 0;
	const char *pa = text_of(a, "point"), *pb = text_of(b, "point");
	return pa && pb && strcmp(pa, pb) == 0;
}

/*
 * Fold the rows into points: each (point, parent) once, seen when a
 * contact falls in the window; status "seen", "missed" (the window has
 * closed unseen), "open" (still inside it) or "future". With misses_only,
 * only the missed ones.
 */
static json_t *
fold_points(const json_t *rows, int64_t today, int misses_only)
{
	json_t *items = json_array();
	size_t n = json_array_size(rows);
	for (size_t i = 0; items && i < n;) {
		const json_t *first = json_array_get(rows, i);
		int64_t point = day_of(text_of(first, "point_date"));
		int seen = 0;
		for (; i < n && same_point(first, json_array_get(rows, i));
		     i++) {
			int64_t d = day_of(
			    text_of(json_array_get(rows, i), "contact_date"));
			if (d != NO_DAY && point != NO_DAY &&
			    d >= point - PARENT_SEEN_DAYS_BEFORE &&
			    d <= point + PARENT_SEEN_DAYS_AFTER)
				seen = 1;
		}
		const char *status = seen              ? "seen"
		                     : point == NO_DAY ? "open"
		                     : point > today   ? "future"
		                     : point + PARENT_SEEN_DAYS_AFTER < today
		                         ? "missed"
		                         : "open";
		if (misses_only && strcmp(status, "missed") != 0)
			continue;
		json_t *item = point_item(first, seen, status);
		if (!item || json_array_append_new(items, item)) {
			json_decref(items);
			return NULL;
		}
	}
	return items;
}

static int
seen_items(struct ctx *ctx, const struct parent_scope *q, int misses_only,
           json_t **out, struct err *e)
{
	*out = NULL;
	json_t *rows = NULL;
	int rc = store_parent_seen_rows(ctx_db(ctx), q, &rows, e);
	if (rc)
		return rc;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	*out = fold_points(rows, day_of(today), misses_only);
	json_decref(rows);
	if (!*out)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = audit_rows(ctx, *out, "outcome", "outcome_id", "person_id", e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
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
	if (rc == 0)
		rc = seen_items(ctx, &q, case_id == 0, &items, e);
	if (rc)
		return rc;
	*out = json_pack("{s:o, s:i, s:i}", "items", items, "window_before",
	                 PARENT_SEEN_DAYS_BEFORE, "window_after",
	                 PARENT_SEEN_DAYS_AFTER);
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

int
parenting_home(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	struct parent_scope q;
	json_t *to_meet = NULL, *parents = NULL, *due = NULL, *misses = NULL;
	char today[CLOCK_ISO_LEN], until[DATE_TEXT_LEN];
	clock_today(today);
	int64_t t = day_of(today);
	date_text(t + PARENT_DUE_WITHIN_DAYS, until);
	int rc = scope_of(ctx, &q, e);
	if (rc == 0)
		rc = to_meet_rows(ctx, &q, &to_meet, e);
	if (rc == 0)
		rc = store_parent_my_supports(ctx_db(ctx), &q, &parents, e);
	if (rc == 0)
		rc = audit_rows(ctx, parents, "parent_support", "id",
		                "person_id", e);
	if (rc == 0)
		rc = store_parent_due(ctx_db(ctx), &q, until, &due, e);
	if (rc == 0)
		rc = audit_rows(ctx, due, "case", "case_id", "person_id", e);
	if (rc == 0)
		rc = seen_items(ctx, &q, 1, &misses, e);
	if (rc == 0) {
		mark_overdue(due, today);
		*out = json_pack("{s:o, s:o, s:o, s:o, s:s, s:s, s:i, s:i}",
		                 "to_meet", to_meet, "parents", parents, "due",
		                 due, "misses", misses, "today", today,
		                 "due_until", until, "window_before",
		                 PARENT_SEEN_DAYS_BEFORE, "window_after",
		                 PARENT_SEEN_DAYS_AFTER);
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

/*
 * team_week.c - the team's caseload and workload, the child's page at a
 * glance, the chronology and the due list of every service
 * (docs/team-week.md). Read-only views; each person shown is audited.
 */
#include "service/team_week.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "service/policy.h"
#include "service/records.h"
#include "service/roles.h"
#include "service/users.h"
#include "service/yj/yj_due.h"
#include "store/parenting/parent_tables.h"
#include "store/team/team_week.h"
#include "store/users.h"
#include "store/yj/yj_outcomes.h"

/* The team's overdue items the workload shows (its `limit`: at most). */
#define WORKLOAD_OVERDUE_SHOWN 200

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

static int
oom(struct err *e)
{
	return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* A due item in the shape every list shares. */
static json_t *
due_item(const char *service, const char *what, const char *title,
         const char *due_date, const char *today)
{
	const char *status = yj_due_status(due_date, today);
	return json_pack("{s:s, s:s, s:s?, s:s, s:s, s:b}", "service", service,
	                 "what", what, "title", title, "due_date", due_date,
	                 "status", status, "overdue",
	                 strcmp(status, "overdue") == 0);
}

/* Keep the earliest of *best and item (stolen). */
static void
keep_earliest(json_t **best, json_t *item)
{
	if (!item)
		return;
	if (!*best ||
	    strcmp(text_of(item, "due_date"), text_of(*best, "due_date")) < 0) {
		json_decref(*best);
		*best = item;
	} else {
		json_decref(item);
	}
}

/* The earliest due item of case_id: its interventions', its tasks' and its
 * parenting items' (sessions, reviews, support plan actions). */
static int
case_next_due(struct db *db, int64_t case_id, const char *today, json_t **out,
              struct err *e)
{
	*out = NULL;
	json_t *facts = NULL, *task = NULL, *best = NULL;
	int rc = store_yj_outcomes_due_case(db, case_id, &facts, e);
	size_t i;
	json_t *f;
	json_array_foreach(facts, i, f)
	{
		json_t *items = rc == 0 ? yj_due_items(f, today) : NULL;
		json_t *first = json_array_get(items, 0);
		if (first) {
			json_t *item =
			    due_item("youth_justice", text_of(first, "what"),
			             NULL, text_of(first, "due_date"), today);
			if (item)
				json_object_set_new(item, "record",
				                    json_string("outcome"));
			if (item)
				json_object_set(item, "record_id",
				                json_object_get(f, "id"));
			if (item)
				json_object_set(
				    item, "outcome_type",
				    json_object_get(f, "outcome_type"));
			keep_earliest(&best, item);
		}
		json_decref(items);
	}
	json_decref(facts);
	if (rc == 0)
		rc = store_case_next_task(db, case_id, &task, e);
	if (rc == 0 && task) {
		json_t *item = due_item("task", "task", text_of(task, "title"),
		                        text_of(task, "due_date"), today);
		if (item) {
			json_object_set_new(item, "record",
			                    json_string("task"));
			json_object_set(item, "record_id",
			                json_object_get(task, "id"));
		}
		keep_earliest(&best, item);
	}
	json_decref(task);
	json_t *parenting = NULL;
	if (rc == 0)
		rc = store_parent_case_next_due(db, case_id, &parenting, e);
	if (rc == 0 && parenting) {
		json_t *item =
		    due_item("parenting", text_of(parenting, "what"), NULL,
		             text_of(parenting, "due_date"), today);
		if (item) {
			json_object_set(item, "record",
			                json_object_get(parenting, "record"));
			json_object_set(
			    item, "record_id",
			    json_object_get(parenting, "record_id"));
		}
		keep_earliest(&best, item);
	}
	json_decref(parenting);
	if (rc) {
		json_decref(best);
		return rc;
	}
	*out = best;
	return 0;
}

/* The open alerts of person_id, as the glance reads them. */
static int
alerts_of(struct db *db, int64_t person_id, json_t **out, struct err *e)
{
	json_t *cases = NULL;
	int rc = store_person_glance(db, person_id, &cases, out, e);
	json_decref(cases);
	return rc;
}

int
team_caseload(struct ctx *ctx, const struct team_caseload_filter *f,
              json_t **out, struct err *e)
{
	*out = NULL;
	struct db *db = ctx_db(ctx);
	if (f->worker_id > 0) {
		int found = 0;
		int rc = store_team_has_worker(db, f->team_id, f->worker_id,
		                               &found, e);
		if (rc)
			return rc;
		if (!found)
			return err_set(e, SPIRE_EINVAL, "worker_id",
			               "Choose a worker in this team");
	}
	struct team_caseload_query q = {f->team_id,
	                                f->unallocated ? -1 : f->worker_id,
	                                f->limit + 1, f->offset};
	json_t *rows = NULL;
	int64_t total = 0;
	int rc = store_team_caseload(db, &q, &rows, &total, e);
	if (rc)
		return rc;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if ((int64_t)i >= f->limit)
			break;
		users_worker_status(row, f->team_id);
		json_t *alerts = NULL, *next = NULL;
		if (rc == 0)
			rc = alerts_of(db, id_of(row, "person_id"), &alerts, e);
		if (rc == 0)
			rc = case_next_due(db, id_of(row, "id"), today, &next,
			                   e);
		if (rc == 0 && (json_object_set_new(row, "alerts", alerts) ||
		                json_object_set_new(row, "next_due",
		                                    next ? next : json_null())))
			rc = oom(e);
		else if (rc) {
			json_decref(alerts);
			json_decref(next);
		}
		/* Whether the page may offer Allocate or Reallocate. */
		if (rc == 0)
			rc = policy_can(ctx, row, id_of(row, "worker_id"), 0, 0,
			                e);
		if (rc == 0 && !ctx_audit(ctx, "list", "case", id_of(row, "id"),
		                          id_of(row, "person_id")))
			rc = oom(e);
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	json_t *page = records_page(rows, f->limit, f->offset);
	if (!page || json_object_set_new(page, "total", json_integer(total)) ||
	    json_object_set_new(page, "today", json_string(today))) {
		json_decref(page);
		return oom(e);
	}
	*out = page;
	return 0;
}

/* Append the youth justice items of facts rows to list, filtered. */
static int
add_yj_items(json_t *list, const json_t *rows, const char *today,
             const char *until, int only_overdue)
{
	size_t i, k;
	json_t *f, *d;
	json_array_foreach(rows, i, f)
	{
		json_t *items = yj_due_items(f, today);
		if (!items)
			return -1;
		json_array_foreach(items, k, d)
		{
			const char *date = text_of(d, "due_date");
			if (strcmp(date, until) > 0 ||
			    (only_overdue && strcmp(date, today) >= 0))
				continue;
			json_t *item =
			    due_item("youth_justice", text_of(d, "what"), NULL,
			             date, today);
			if (!item ||
			    json_object_set(item, "person_id",
			                    json_object_get(f, "person_id")) ||
			    json_object_set(item, "given_name",
			                    json_object_get(f, "given_name")) ||
			    json_object_set(
			        item, "family_name",
			        json_object_get(f, "family_name")) ||
			    json_object_set(
			        item, "date_of_birth",
			        json_object_get(f, "date_of_birth")) ||
			    json_object_set_new(item, "subject",
			                        json_string("child")) ||
			    json_object_set(item, "case_id",
			                    json_object_get(f, "case_id")) ||
			    json_object_set_new(item, "record",
			                        json_string("outcome")) ||
			    json_object_set(item, "record_id",
			                    json_object_get(f, "id")) ||
			    json_object_set(item, "worker_id",
			                    json_object_get(f, "worker_id")) ||
			    json_object_set(
			        item, "outcome_type",
			        json_object_get(f, "outcome_type")) ||
			    json_array_append_new(list, item)) {
				json_decref(items);
				return -1;
			}
		}
		json_decref(items);
	}
	return 0;
}

/* Whom a due item is about: a family plan's family, the parent on a
 * parenting case (docs/parenting.md: the parent is the case's person),
 * else the child. */
static const char *
due_subject(const json_t *item)
{
	const char *service = text_of(item, "service");
	if (!id_of(item, "person_id") && id_of(item, "family_id"))
		return "family";
	if (service && strcmp(service, "parenting") == 0)
		return "parent";
	return "child";
}

/* Append rows already in the due shape (tasks, plans, parenting). */
static int
add_rows(json_t *list, const json_t *rows, const char *service,
         const char *today, int only_overdue)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *date = text_of(r, "due_date");
		if (!date || (only_overdue && strcmp(date, today) >= 0))
			continue;
		json_t *item = json_deep_copy(r);
		const char *status = yj_due_status(date, today);
		if (!item ||
		    (service && json_object_set_new(item, "service",
		                                    json_string(service))) ||
		    json_object_set_new(item, "subject",
		                        json_string(due_subject(item))) ||
		    json_object_set_new(item, "status", json_string(status)) ||
		    json_object_set_new(
		        item, "overdue",
		        json_boolean(strcmp(status, "overdue") == 0)) ||
		    json_array_append_new(list, item))
			return -1;
	}
	return 0;
}

/* qsort: by due date, then record and id. */
static int
by_due(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(text_of(x, "due_date"), text_of(y, "due_date"));
	if (c)
		return c;
	const char *rx = text_of(x, "record"), *ry = text_of(y, "record");
	c = strcmp(rx ? rx : "", ry ? ry : "");
	if (c)
		return c;
	c = strcmp(text_of(x, "what"), text_of(y, "what"));
	if (c)
		return c;
	int64_t i = id_of(x, "record_id"), k = id_of(y, "record_id");
	return (i > k) - (i < k);
}

static int
sort_list(json_t *list)
{
	size_t n = json_array_size(list);
	if (n < 2)
		return 0;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	json_t **order = malloc(n * sizeof(*order));
	if (!order)
		return -1;
	for (size_t k = 0; k < n; k++)
		order[k] = json_incref(json_array_get(list, k));
	size_t width = sizeof(json_t *);
	qsort(order, n, width, by_due);
	json_array_clear(list);
	int rc = 0;
	for (size_t k = 0; k < n; k++)
		if (json_array_append_new(list, order[k]))
			rc = -1;
	free(order);
	return rc;
}

/*
 * A family plan's review names the family's first child: not a child the
 * user may not see as a victim (policy_person_hidden, the family page's
 * own rule): the row then names the family only.
 */
static int
hide_victim_children(struct ctx *ctx, json_t *rows, struct err *e)
{
	static const char *const CHILD[] = {"child_id", "child_given_name",
	                                    "child_family_name",
	                                    "child_date_of_birth"};
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int64_t child = id_of(row, "child_id");
		int hidden = 0;
		int rc =
		    child ? policy_person_hidden(ctx, child, &hidden, e) : 0;
		if (rc)
			return rc;
		for (size_t k = 0; hidden && k < sizeof(CHILD) / sizeof(*CHILD);
		     k++)
			if (json_object_set_new(row, CHILD[k], json_null()))
				return oom(e);
	}
	return 0;
}

/* How many due items there are in all, and how many are overdue. */
struct due_counts {
	int64_t total, overdue;
};

/* *yes = 1 when team_id is a team of the parenting service, whose cases
 * are parents' own support (docs/parenting.md). */
static int
team_in_parenting(struct db *db, int64_t team_id, int *yes, struct err *e)
{
	*yes = 0;
	json_t *t = NULL;
	int rc = store_teams_get(db, team_id, &t, e);
	const char *code =
	    json_string_value(json_object_get(t, "service_code"));
	if (rc == 0 && code && strcmp(code, "parenting") == 0)
		*yes = 1;
	json_decref(t);
	return rc;
}

/*
 * The due items in the user's or team's work up to `until` (only those
 * before today when only_overdue), sorted: every youth justice item, and
 * the first max_other of each other source's (tasks and plans, parenting),
 * which is enough for a page that ends there; *counts of every item of
 * every source, however many (the youth justice items computed from every
 * running intervention, the others counted by the store).
 */
static int
gather_due(struct ctx *ctx, int team, int64_t team_id, const char *today,
           const char *until, int only_overdue, int64_t max_other, json_t **out,
           struct due_counts *counts, struct err *e)
{
	counts->total = counts->overdue = 0;
	*out = json_array();
	if (!*out)
		return oom(e);
	struct db *db = ctx_db(ctx);
	char yesterday[DATE_TEXT_LEN];
	int64_t t = 0;
	date_parse(today, &t);
	date_text(t - 1, yesterday);
	const char *other_until =
	    only_overdue && strcmp(until, yesterday) > 0 ? yesterday : until;
	struct yj_due_query yq = {ctx->user->id, team_id, team};
	json_t *rows = NULL;
	int rc = store_yj_outcomes_due(db, &yq, &rows, e);
	if (rc == 0 && add_yj_items(*out, rows, today, until, only_overdue))
		rc = oom(e);
	json_decref(rows);
	rows = NULL;
	size_t i;
	json_t *it;
	json_array_foreach(*out, i, it)
	{
		counts->total++;
		counts->overdue +=
		    json_is_true(json_object_get(it, "overdue")) ? 1 : 0;
	}
	struct team_due_query oq = {ctx->user->id, team_id, team, other_until,
	                            max_other};
	int64_t n = 0, late = 0;
	if (rc == 0)
		rc = store_team_due_other_count(db, &oq, today, &n, &late, e);
	counts->total += n;
	counts->overdue += late;
	if (rc == 0)
		rc = store_team_due_other(db, &oq, &rows, e);
	if (rc == 0)
		rc = hide_victim_children(ctx, rows, e);
	if (rc == 0 && add_rows(*out, rows, NULL, today, only_overdue))
		rc = oom(e);
	json_decref(rows);
	rows = NULL;
	/* The parenting pathway's sessions and reviews: a parenting team's
	 * (its workload and due list: whoever of the team holds them), else,
	 * for a parent worker, the parents whose support they hold
	 * (store_parent_due's own scope; a parent worker may sit in a youth
	 * justice team, whose cases hold none). A manager reads the
	 * service's at /parenting/due. */
	int parenting_team = 0;
	if (rc == 0 && team)
		rc = team_in_parenting(db, team_id, &parenting_team, e);
	if (rc == 0 &&
	    (parenting_team || (ctx->user->role & ROLE_PARENT_WORKER))) {
		struct parent_scope pq;
		memset(&pq, 0, sizeof(pq));
		pq.user_id = ctx->user->id;
		pq.team_id = parenting_team ? team_id : ctx->user->team_id;
		pq.service_id = ctx->user->service_id;
		pq.team = parenting_team;
		n = late = 0;
		rc = store_parent_due(db, &pq, other_until, (size_t)max_other,
		                      &rows, &n, e);
		if (rc == 0 &&
		    add_rows(*out, rows, "parenting", today, only_overdue))
			rc = oom(e);
		json_decref(rows);
		rows = NULL;
		/* Those before today: all of them when only they are read. */
		late = n;
		if (rc == 0 && other_until != yesterday)
			rc = store_parent_due(db, &pq, yesterday, 1, &rows,
			                      &late, e);
		json_decref(rows);
		counts->total += n;
		counts->overdue += late;
	}
	if (rc == 0 && sort_list(*out))
		rc = oom(e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* The audit row keeps the type it is given (ctx_audit): a static text
 * for each record a due item may name. */
static const char *
static_type(const char *record)
{
	/* The parenting due list names its tables. */
	static const char *const TYPES[][2] = {
	    {"outcome", "outcome"},
	    {"task", "task"},
	    {"family_plan", "family_plan"},
	    {"parent_sessions", "parent_session"},
	    {"parent_supports", "parent_support"},
	    {"parent_plan_items", "parent_plan_item"},
	    {NULL, NULL},
	};
	for (size_t i = 0; record && TYPES[i][0]; i++)
		if (strcmp(TYPES[i][0], record) == 0)
			return TYPES[i][1];
	return "record";
}

/* Audit each shown item that names a person. */
static int
audit_items(struct ctx *ctx, const json_t *items, struct err *e)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *record = static_type(text_of(it, "record"));
		if (record && id_of(it, "person_id") &&
		    !ctx_audit(ctx, "list", record, id_of(it, "record_id"),
		               id_of(it, "person_id")))
			return oom(e);
		/* A family plan's review names the family's first child. */
		if (record && id_of(it, "child_id") &&
		    !ctx_audit(ctx, "list", record, id_of(it, "record_id"),
		               id_of(it, "child_id")))
			return oom(e);
	}
	return 0;
}

int
due_list(struct ctx *ctx, const struct due_filter *f, json_t **out,
         struct err *e)
{
	*out = NULL;
	if (f->team && !ctx->user->team_id)
		return err_set(e, SPIRE_EINVAL, "scope",
		               "You do not belong to a team, so there is no "
		               "team work to show");
	char today[CLOCK_ISO_LEN], until[DATE_TEXT_LEN];
	clock_today(today);
	int64_t t = 0;
	date_parse(today, &t);
	date_text(date_window_end(t, f->within), until);
	/* Each source's first offset + limit + 1 rows make the page; the
	 * counts are of every row. */
	json_t *all = NULL;
	struct due_counts counts;
	int rc =
	    gather_due(ctx, f->team, ctx->user->team_id, today, until,
	               f->overdue, f->offset + f->limit + 1, &all, &counts, e);
	if (rc)
		return rc;
	json_t *items = json_array();
	size_t n = json_array_size(all);
	for (int64_t k = f->offset;
	     items && k < (int64_t)n && k <= f->offset + f->limit; k++)
		json_array_append(items, json_array_get(all, (size_t)k));
	json_decref(all);
	if (!items)
		return oom(e);
	json_t *page = records_page(items, f->limit, f->offset);
	if (!page)
		return oom(e);
	rc = audit_items(ctx, json_object_get(page, "items"), e);
	if (rc == 0 &&
	    (json_object_set_new(page, "today", json_string(today)) ||
	     json_object_set_new(page, "until", json_string(until)) ||
	     json_object_set_new(page, "total", json_integer(counts.total)) ||
	     json_object_set_new(page, "overdue_total",
	                         json_integer(counts.overdue)) ||
	     json_object_set_new(page, "due_total",
	                         json_integer(counts.total - counts.overdue))))
		rc = oom(e);
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

/* Add n to the integer at key of o (none when o is NULL). */
static void
bump(json_t *o, const char *key, int64_t n)
{
	if (o)
		json_object_set_new(o, key, json_integer(id_of(o, key) + n));
}

/* The row of worker w among workers, else the unallocated row. */
static json_t *
worker_row(json_t *workers, json_t *unallocated, int64_t w)
{
	size_t k;
	json_t *x;
	json_array_foreach(workers, k, x)
	{
		if (w && id_of(x, "worker_id") == w)
			return x;
	}
	return unallocated;
}

/*
 * Leave out of the workload's workers those who hold nothing and whose
 * role holds no cases of the team's service. A parent worker who sits in
 * a youth justice team holds their parents' cases in the parenting team
 * (docs/parenting.md): the youth justice team's workload lists them with
 * the parents they support (session 27: it left them out).
 */
static int
drop_idle_outsiders(struct db *db, int64_t team_id, json_t *workers,
                    struct err *e)
{
	json_t *t = NULL;
	int rc = store_teams_get(db, team_id, &t, e);
	const char *code =
	    json_string_value(json_object_get(t, "service_code"));
	for (size_t k = json_array_size(workers); rc == 0 && k-- > 0;) {
		json_t *x = json_array_get(workers, k);
		if (id_of(x, "open_cases") || id_of(x, "open_orders") ||
		    id_of(x, "tasks_open") || id_of(x, "overdue") ||
		    id_of(x, "parents_supported") ||
		    role_works_in(text_of(x, "role"), code))
			continue;
		if (json_array_remove(workers, k))
			rc = oom(e);
	}
	json_decref(t);
	return rc;
}

/* What the unallocated row has no use for: a worker and their status. */
static const char *const UNALLOCATED_DROPS[] = {
    "worker_id",       "worker_name",     "role",
    "worker_disabled", "worker_moved_to", NULL};

int
team_workload(struct ctx *ctx, int64_t team_id, int64_t limit, json_t **out,
              struct err *e)
{
	*out = NULL;
	if (limit < 1 || limit > WORKLOAD_OVERDUE_SHOWN)
		limit = WORKLOAD_OVERDUE_SHOWN;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	json_t *rows = NULL, *overdue = NULL;
	struct due_counts counts;
	int rc = store_team_workload(ctx_db(ctx), team_id, today, &rows, e);
	if (rc == 0)
		rc = gather_due(ctx, 1, team_id, today, today, 1, limit,
		                &overdue, &counts, e);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	json_t *workers = json_array(), *unallocated = NULL;
	/* Every overdue item of every source, counted (the list holds only
	 * the first `limit` of the tasks and plans). */
	int64_t total = counts.overdue;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		/* The overdue tasks are counted by the store; the youth
		 * justice items below. */
		json_object_set_new(r, "overdue",
		                    json_integer(id_of(r, "tasks_overdue")));
		users_worker_status(r, team_id);
		if (json_is_null(json_object_get(r, "worker_id")))
			unallocated = r;
		else if (workers)
			json_array_append(workers, r);
	}
	/* The youth justice items (every one is in the list) by the
	 * case's worker; the family plans as the store counted them (the
	 * list holds only the first of them). */
	json_array_foreach(overdue, i, r)
	{
		const char *record = text_of(r, "record");
		if (!record || strcmp(record, "task") == 0 ||
		    strcmp(record, "family_plan") == 0)
			continue;
		bump(worker_row(workers, unallocated, id_of(r, "worker_id")),
		     "overdue", 1);
	}
	json_t *plans = NULL;
	rc = store_team_plans_overdue(ctx_db(ctx), team_id, today, &plans, e);
	json_array_foreach(plans, i, r)
	{
		bump(worker_row(workers, unallocated, id_of(r, "worker_id")),
		     "overdue", id_of(r, "overdue"));
	}
	json_decref(plans);
	if (rc) {
		json_decref(rows);
		json_decref(workers);
		json_decref(overdue);
		return rc;
	}
	if (rc == 0)
		rc = drop_idle_outsiders(ctx_db(ctx), team_id, workers, e);
	if (rc) {
		json_decref(workers);
		json_decref(rows);
		json_decref(overdue);
		return rc;
	}
	size_t n = json_array_size(overdue);
	json_t *shown = json_array();
	for (size_t k = 0; shown && k < n && k < (size_t)limit; k++)
		json_array_append(shown, json_array_get(overdue, k));
	json_decref(overdue);
	for (const char *const *k = UNALLOCATED_DROPS; unallocated && *k; k++)
		json_object_del(unallocated, *k);
	/* The list is cut when it holds fewer than all: say so. */
	int more = (int64_t)json_array_size(shown) < total;
	*out = json_pack("{s:I, s:s, s:o, s:O, s:o, s:I, s:I, s:b}", "team_id",
	                 (json_int_t)team_id, "today", today, "workers",
	                 workers ? workers : json_array(), "unallocated",
	                 unallocated ? unallocated : json_null(), "overdue",
	                 shown ? shown : json_array(), "overdue_total",
	                 (json_int_t)total, "overdue_limit", (json_int_t)limit,
	                 "overdue_has_more", more);
	json_decref(rows);
	if (!*out)
		return oom(e);
	return audit_items(ctx, json_object_get(*out, "overdue"), e);
}

int
team_person_glance(struct ctx *ctx, int64_t person_id, json_t **out,
                   struct err *e)
{
	*out = NULL;
	struct db *db = ctx_db(ctx);
	json_t *cases = NULL, *alerts = NULL, *best = NULL;
	int rc = store_person_glance(db, person_id, &cases, &alerts, e);
	/* Only the cases the user may read: a sealed case (a parent's
	 * parenting support) is shown to those who hold it, never through
	 * a reason. */
	for (size_t k = json_array_size(cases); rc == 0 && k-- > 0;) {
		int ok = 0;
		rc = policy_case_readable(
		    ctx, id_of(json_array_get(cases, k), "case_id"), &ok, e);
		if (rc == 0 && !ok)
			json_array_remove(cases, k);
	}
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	const char *last_seen = NULL;
	const json_t *yj = NULL;
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		json_t *next = NULL;
		if (rc == 0)
			rc = case_next_due(db, id_of(c, "case_id"), today,
			                   &next, e);
		if (rc)
			break;
		if (next) {
			json_t *copy = json_deep_copy(next);
			if (copy)
				json_object_set(copy, "case_id",
				                json_object_get(c, "case_id"));
			keep_earliest(&best, copy);
		}
		json_object_set_new(c, "next_due", next ? next : json_null());
		const char *seen = text_of(c, "last_seen");
		if (seen && (!last_seen || strcmp(seen, last_seen) > 0))
			last_seen = seen;
		if (!yj && text_of(c, "service_code") &&
		    strcmp(text_of(c, "service_code"), "youth_justice") == 0)
			yj = c;
	}
	if (rc == 0) {
		*out = json_pack(
		    "{s:I, s:O, s:O, s:O, s:s?, s:O, s:O, s:O, s:O, s:s}",
		    "person_id", (json_int_t)person_id, "alerts", alerts,
		    "cases", cases, "next_due", best ? best : json_null(),
		    "last_seen", last_seen, "order_type",
		    yj ? json_object_get(yj, "order_type") : json_null(),
		    "rosh", yj ? json_object_get(yj, "rosh") : json_null(),
		    "safety_wellbeing",
		    yj ? json_object_get(yj, "safety_wellbeing") : json_null(),
		    "assessment_date",
		    yj ? json_object_get(yj, "assessment_date") : json_null(),
		    "today", today);
		if (!*out)
			rc = oom(e);
	}
	json_decref(cases);
	json_decref(alerts);
	json_decref(best);
	if (rc == 0 &&
	    !ctx_audit(ctx, "read", "person_glance", person_id, person_id))
		rc = oom(e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
team_chronology_kinds(const char *kinds_csv, unsigned *mask, struct err *e)
{
	*mask = 0;
	if (!kinds_csv) {
		for (size_t i = 0; CHRONOLOGY_SOURCES[i].kind; i++)
			*mask |= 1u << i;
		return 0;
	}
	const char *p = kinds_csv;
	while (1) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		size_t i = 0;
		for (; CHRONOLOGY_SOURCES[i].kind; i++)
			if (strlen(CHRONOLOGY_SOURCES[i].kind) == n &&
			    strncmp(CHRONOLOGY_SOURCES[i].kind, p, n) == 0)
				break;
		if (!CHRONOLOGY_SOURCES[i].kind)
			return err_set(e, SPIRE_EINVAL, "kind",
			               "Choose the kinds of event to show from "
			               "the list");
		*mask |= 1u << i;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* qsort: by event date, then kind and record id. */
static int
by_event(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(text_of(x, "event_date"), text_of(y, "event_date"));
	if (c)
		return c;
	c = strcmp(text_of(x, "kind"), text_of(y, "kind"));
	if (c)
		return c;
	int64_t i = id_of(x, "record_id"), k = id_of(y, "record_id");
	return (i > k) - (i < k);
}

/* Only the moves: drop each accommodation that is the same as the one
 * before it (rows sorted by date). */
static json_t *
keep_changes(json_t **sorted, size_t n)
{
	json_t *items = json_array();
	const char *last = NULL;
	for (size_t k = 0; items && k < n; k++) {
		json_t *x = sorted[k];
		if (strcmp(text_of(x, "kind"), "move") == 0) {
			const char *code = text_of(x, "code");
			if (last && code && strcmp(last, code) == 0)
				continue;
			last = code;
		}
		json_array_append(items, x);
	}
	return items;
}

int
team_chronology(struct ctx *ctx, int64_t person_id, const char *kinds_csv,
                json_t **out, struct err *e)
{
	*out = NULL;
	unsigned mask = 0;
	int rc = team_chronology_kinds(kinds_csv, &mask, e);
	if (rc)
		return rc;
	struct scope_subject who = policy_subject(ctx);
	int min =
	    ctx->break_glass ? 0 : policy_needed_relation(ctx->user->role);
	json_t *rows = json_array(), *kinds = json_array();
	if (!rows || !kinds)
		rc = oom(e);
	for (size_t i = 0; rc == 0 && CHRONOLOGY_SOURCES[i].kind; i++) {
		const struct chronology_source *src = &CHRONOLOGY_SOURCES[i];
		if (json_array_append_new(kinds, json_pack("{s:s, s:s}", "kind",
		                                           src->kind, "label",
		                                           src->label)))
			rc = oom(e);
		if (rc == 0 && (mask & (1u << i)))
			rc = store_chronology_source(
			    ctx_db(ctx), src, person_id, &who, min,
			    policy_needed_relation(ctx->user->role),
			    policy_sealed_service(), rows, e);
	}
	size_t n = json_array_size(rows);
	json_t **order = NULL;
	if (rc == 0 && n) {
		/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
		order = malloc(n * sizeof(*order));
		if (!order)
			rc = oom(e);
	}
	json_t *items = NULL;
	if (rc == 0) {
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r)
		{
			/* A contact's date-time: its UK date. */
			const char *d = text_of(r, "event_date");
			if (d && strlen(d) > 10) {
				char day[DATE_TEXT_LEN];
				memcpy(day, d, 10);
				day[10] = '\0';
				json_object_set_new(r, "event_date",
				                    json_string(day));
			}
			order[i] = r;
		}
		size_t width = sizeof(json_t *);
		if (n)
			qsort(order, n, width, by_event);
		items = keep_changes(order, n);
		if (!items)
			rc = oom(e);
	}
	free(order);
	json_decref(rows);
	if (rc == 0 &&
	    !ctx_audit(ctx, "read", "chronology", person_id, person_id))
		rc = oom(e);
	if (rc == 0) {
		*out = json_pack("{s:I, s:o, s:o}", "person_id",
		                 (json_int_t)person_id, "items", items, "kinds",
		                 kinds);
		items = kinds = NULL;
		if (!*out)
			rc = oom(e);
	}
	json_decref(items);
	json_decref(kinds);
	return rc;
}

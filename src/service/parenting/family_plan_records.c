/*
 * family_plan_records.c - One Family, One Plan: the descriptors of the
 * family's plan, its actions and its reviews, with their rules (one open
 * plan a family; an action's owner is someone in the family, an agency or
 * a named practitioner, never a victim; dates in order), the list of a
 * family's plans as far as the user may read them, and a record's
 * versions. Who relates to a plan is the store's (scope_family_plan.c).
 */
#include "service/parenting/family_plan.h"

#include <string.h>

#include "service/policy.h"
#include "store/open.h"
#include "store/parenting/family_plan.h"
#include "store/users.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* A date field not before another ("next review on or after agreed"),
 * gathered; fields already in error are not looked at. */
static int
not_before(const json_t *rec, const char *later, const char *earlier,
           const char *message, struct err *e)
{
	const char *a = json_string_value(json_object_get(rec, later));
	const char *b = json_string_value(json_object_get(rec, earlier));
	if (a && b && !err_names(e, later) && !err_names(e, earlier) &&
	    strcmp(a, b) < 0)
		err_rule(e, later, "%s", message);
	return e->code;
}

/* Record that the family (or plan) `field` names is open, into one. */
static int
must_be_open(struct ctx *ctx, const struct record_kind *kind, int64_t id,
             const char *field, const char *message, struct err *one)
{
	int open = 0;
	int rc = store_is_open(ctx_db(ctx), kind, id, &open, one);
	if (rc == 0 && !open)
		rc = err_set(one, SPIRE_EINVAL, field, "%s", message);
	return rc;
}

/* ---- The plan ---- */

/* Gathered with the field errors (struct resource's gathers). */
static int
check_plan(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	int64_t family_id = id_of(rec, "family_id");
	if (!old && family_id && !err_names(e, "family_id")) {
		struct err one;
		err_clear(&one);
		int64_t ignore = 0, open_plan = 0;
		int rc = policy_reference(ctx, RK_FAMILY, family_id, 1,
		                          "family_id", &ignore, &one);
		if (rc == 0)
			rc =
			    must_be_open(ctx, RK_FAMILY, family_id, "family_id",
			                 "This family's record has been "
			                 "closed. Reopen it before starting a "
			                 "plan",
			                 &one);
		if (rc == 0)
			rc = store_family_plans_open_of(ctx_db(ctx), family_id,
			                                &open_plan, &one);
		if (rc == 0 && open_plan)
			err_set(&one, SPIRE_ECONFLICT, "family_id",
			        "This family already has a plan. Change that "
			        "plan, or end it before starting a new one");
		err_gather(e, &one);
	}
	/* The plan is held by the team of whoever starts it. */
	if (!old && ctx->user &&
	    json_object_set_new(rec, "team_id",
	                        ctx->user->team_id
	                            ? json_integer(ctx->user->team_id)
	                            : json_null()))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (!old && ctx->user && !ctx->user->team_id &&
	    !err_names(e, "family_id"))
		err_rule(e, "family_id",
		         "You are not in a team. Ask an administrator to add "
		         "you to one before starting a family's plan");
	records_not_future(&FAMILY_PLANS, rec, "agreed_on", e);
	return not_before(rec, "next_review_date", "agreed_on",
	                  "The next review must be on or after the date the "
	                  "plan was agreed",
	                  e);
}

/* The members who may be named on the plan (never a victim), and the
 * services the family's consents share it with ("Shared with"). */
static int
decorate_plan(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *members = NULL, *shared = NULL;
	struct db *d = db ? db : ctx_db(ctx);
	int rc =
	    store_family_plan_members(d, id_of(rec, "family_id"), &members, e);
	if (rc == 0 && json_object_set_new(rec, "members", members))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = store_family_plan_shared_with(d, id_of(rec, "family_id"),
		                                   &shared, e);
	if (rc == 0 && json_object_set_new(rec, "shared_with", shared))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/* A second open plan that slipped past the check meets the unique index
 * (one open plan a family): answered as the check answers it. */
static int
create_plan(struct ctx *ctx, const struct resource *res, const json_t *body,
            json_t **out, json_t **duplicates, struct err *e)
{
	*duplicates = NULL;
	int rc = records_create(ctx, res, body, out, e);
	if (rc == SPIRE_ECONFLICT && !e->field[0])
		rc = err_set(e, SPIRE_ECONFLICT, "family_id",
		             "This family already has a plan. Change that "
		             "plan, or end it before starting a new one");
	return rc;
}

static const struct resource_ops PLAN_OPS = {.create = create_plan};

/*
 * A family's plans, as far as the user may read each: a plan held by
 * another service and not shared with the user's is left out (audited as
 * "denied") and counted in "withheld", so the page can say there is one.
 */
static int
list_plans(struct ctx *ctx, const struct resource *res,
           const struct records_query *q, json_t **out, struct err *e)
{
	int64_t ignore = 0;
	int rc = policy_reference(ctx, RK_FAMILY, q->value, 0, "family_id",
	                          &ignore, e);
	if (rc)
		return rc;
	json_t *rows = NULL, *shown = json_array();
	if (!shown)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = record_list(ctx_db(ctx), res->table, "family_id", q->value,
	                 q->include_closed, q->limit + 1, q->offset, &rows, e);
	size_t i, withheld = 0;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (rc)
			break;
		struct err one;
		err_clear(&one);
		int64_t id = id_of(row, "id");
		int refused =
		    policy_record(ctx, RK_FAMILY_PLAN, id, 0, &ignore, &one);
		if (refused == SPIRE_EFORBIDDEN) {
			withheld++;
			if (policy_deny_audit(ctx, RK_FAMILY_PLAN, id, 0))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
			continue;
		}
		if (refused) {
			*e = one;
			rc = refused;
			break;
		}
		records_present(res, row);
		if (json_array_append(shown, row))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(rows);
	if (rc == 0)
		rc = records_list_page(ctx, shown, q->limit, q->offset,
		                       res->table->type, 0, out, e);
	else
		json_decref(shown);
	if (rc == 0 && json_object_set_new(*out, "withheld",
	                                   json_integer((json_int_t)withheld)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

static const struct list_key PLAN_LIST_KEYS[] = {
    {"family_id", RK_FAMILY},
    {NULL, RK_NONE},
};

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule PLAN_OPEN_RULES[] = {
    {"family_id", RK_FAMILY},
    {NULL, RK_NONE},
};

const struct resource FAMILY_PLANS = {
    .name = "family_plan",
    .plural = "family-plans",
    .label = "Family plan",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .list_keys = PLAN_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the family whose plan to show",
    .list = list_plans,
    .ops = &PLAN_OPS,
    .kind = RK_FAMILY_PLAN,
    .table = &FAMILY_PLANS_TABLE,
    .check = check_plan,
    .decorate = decorate_plan,
    .open_rules = PLAN_OPEN_RULES,
    .gathers = 1,
};

/* ---- What a plan's action or review hangs from ---- */

/*
 * The plan rec's plan_id names, into *plan (caller frees): on create the
 * user must be able to change it and it must be open. Gathered into e.
 */
static int
plan_of(struct ctx *ctx, const json_t *rec, const json_t *old, json_t **plan,
        struct err *e)
{
	*plan = NULL;
	int64_t plan_id = id_of(rec, "plan_id");
	if (!plan_id || err_names(e, "plan_id"))
		return 0;
	struct err one;
	err_clear(&one);
	int64_t ignore = 0;
	int rc = 0;
	if (!old) {
		rc = policy_reference(ctx, RK_FAMILY_PLAN, plan_id, 1,
		                      "plan_id", &ignore, &one);
		if (rc == 0)
			rc = must_be_open(ctx, RK_FAMILY_PLAN, plan_id,
			                  "plan_id",
			                  "This plan has ended. Add to the "
			                  "family's current plan instead",
			                  &one);
	}
	if (rc == 0)
		rc = record_get(ctx_db(ctx), &FAMILY_PLANS_TABLE, plan_id, plan,
		                &one);
	if (rc == SPIRE_ENOTFOUND)
		err_set(&one, SPIRE_EINVAL, "plan_id",
		        "Select a plan from the list: this one does not exist");
	return err_gather(e, &one);
}

/* ---- Actions ---- */

/* Is person_id someone the plan of family_id may name? */
static int
family_member_ok(struct ctx *ctx, int64_t family_id, int64_t person_id, int *ok,
                 struct err *e)
{
	json_t *members = NULL;
	*ok = 0;
	int rc = store_family_plan_members(ctx_db(ctx), family_id, &members, e);
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m)
	{
		if (id_of(m, "person_id") == person_id)
			*ok = 1;
	}
	json_decref(members);
	return rc;
}

/* A practitioner named on a plan: a casework user whose account is on. */
static int
practitioner_ok(struct ctx *ctx, int64_t user_id, int *ok, struct err *e)
{
	json_t *u = NULL;
	*ok = 0;
	int rc = store_users_get(ctx_db(ctx), user_id, &u, e);
	if (rc == SPIRE_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	unsigned role =
	    role_from_name(json_string_value(json_object_get(u, "role")));
	*ok = (role & ROLES_CASEWORK) &&
	      json_is_null(json_object_get(u, "disabled_at"));
	json_decref(u);
	return 0;
}

/* Set key to null in rec; 0, or SPIRE_ENOMEM. */
static int
clear(json_t *rec, const char *key, struct err *e)
{
	if (json_object_set_new(rec, key, json_null()))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/*
 * Who owns the action: the one owner field that goes with owner_type is
 * given and right, and the other two are emptied. Gathered into e.
 */
static int
check_owner(struct ctx *ctx, json_t *rec, int64_t family_id, struct err *e)
{
	const char *type =
	    json_string_value(json_object_get(rec, "owner_type"));
	if (!type || err_names(e, "owner_type"))
		return e->code;
	int fm = strcmp(type, "family_member") == 0;
	int ag = strcmp(type, "agency") == 0;
	int pr = strcmp(type, "practitioner") == 0;
	int rc = 0;
	if (!fm)
		rc = clear(rec, "owner_person_id", e);
	if (rc == 0 && !ag)
		rc = clear(rec, "owner_agency", e);
	if (rc == 0 && !pr)
		rc = clear(rec, "owner_user_id", e);
	if (rc)
		return rc;
	struct err one;
	err_clear(&one);
	int ok = 1;
	if (fm && !err_names(e, "owner_person_id")) {
		int64_t pid = id_of(rec, "owner_person_id");
		if (!pid)
			err_rule(e, "owner_person_id",
			         "Select who in the family will do it");
		else if (family_id &&
		         (rc = family_member_ok(ctx, family_id, pid, &ok,
		                                &one)) == 0 &&
		         !ok)
			err_rule(e, "owner_person_id",
			         "Select someone in this family");
	}
	if (ag && !err_names(e, "owner_agency")) {
		const char *a =
		    json_string_value(json_object_get(rec, "owner_agency"));
		if (!a || !a[0])
			err_rule(e, "owner_agency",
			         "Enter the agency or service that will do it");
	}
	if (pr && !err_names(e, "owner_user_id")) {
		int64_t uid = id_of(rec, "owner_user_id");
		if (!uid)
			err_rule(e, "owner_user_id",
			         "Select the practitioner who will do it");
		else if ((rc = practitioner_ok(ctx, uid, &ok, &one)) == 0 &&
		         !ok)
			err_rule(e, "owner_user_id",
			         "Select a practitioner from the list");
	}
	if (rc)
		err_gather(e, &one);
	return e->code;
}

/* Gathered with the field errors (struct resource's gathers). */
static int
check_action(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	json_t *plan = NULL;
	plan_of(ctx, rec, old, &plan, e);
	int64_t family_id = id_of(plan, "family_id");
	json_decref(plan);
	if (json_is_null(json_object_get(rec, "status")) &&
	    !err_names(e, "status") &&
	    json_object_set_new(rec, "status", json_string("not_started")))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return check_owner(ctx, rec, family_id, e);
}

static const struct list_key BY_PLAN_KEYS[] = {
    {"plan_id", RK_FAMILY_PLAN},
    {NULL, RK_NONE},
};

/* Nothing is added to a plan that has ended (checked again in the
 * write's transaction). */
static const struct open_rule BY_PLAN_OPEN_RULES[] = {
    {"plan_id", RK_FAMILY_PLAN},
    {NULL, RK_NONE},
};

const struct resource FAMILY_PLAN_ACTIONS = {
    .name = "family_plan_action",
    .plural = "family-plan-actions",
    .label = "Action on the family's plan",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .list_keys = BY_PLAN_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the plan whose actions to show",
    .kind = RK_FAMILY_PLAN_ACTION,
    .table = &FAMILY_PLAN_ACTIONS_TABLE,
    .check = check_action,
    .open_rules = BY_PLAN_OPEN_RULES,
    .gathers = 1,
};

/* ---- Reviews ---- */

/* Gathered with the field errors (struct resource's gathers). */
static int
check_review(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	json_t *plan = NULL;
	plan_of(ctx, rec, old, &plan, e);
	json_decref(plan);
	records_not_future(&FAMILY_PLAN_REVIEWS, rec, "review_date", e);
	return not_before(rec, "next_review_date", "review_date",
	                  "The next review must be on or after this review", e);
}

const struct resource FAMILY_PLAN_REVIEWS = {
    .name = "family_plan_review",
    .plural = "family-plan-reviews",
    .label = "Review of the family's plan",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .list_keys = BY_PLAN_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the plan whose reviews to show",
    .kind = RK_FAMILY_PLAN_REVIEW,
    .table = &FAMILY_PLAN_REVIEWS_TABLE,
    .check = check_review,
    .open_rules = BY_PLAN_OPEN_RULES,
    .gathers = 1,
};

/* ---- Versions ---- */

/* One version for the answer: the record as it was, who made it when. */
static int
version_item(const struct resource *res, json_t *rec, json_t *items,
             struct err *e)
{
	json_t *at = json_object_get(rec, "updated_at");
	if (!json_is_string(at))
		at = json_object_get(rec, "created_at");
	records_present(res, rec);
	json_t *item = json_pack("{s:O, s:O, s:O, s:O}", "version",
	                         json_object_get(rec, "version"), "changed_at",
	                         at ? at : json_null(), "changed_by_name",
	                         json_object_get(rec, "changed_by_name")
	                             ? json_object_get(rec, "changed_by_name")
	                             : json_null(),
	                         "record", rec);
	if (!item || json_array_insert_new(items, 0, item))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

int
family_plan_versions(struct ctx *ctx, const struct resource *res, int64_t id,
                     json_t **out, struct err *e)
{
	*out = NULL;
	struct db *db = ctx_db(ctx);
	json_t *now = NULL, *rows = NULL, *items = json_array();
	if (!items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = record_get(db, res->table, id, &now, e);
	if (rc == 0)
		rc = store_family_plan_history(db, res->table->type, id, &rows,
		                               e);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (rc)
			break;
		const char *text =
		    json_string_value(json_object_get(row, "data"));
		json_t *was = text ? json_loads(text, 0, NULL) : NULL;
		if (!json_is_object(was)) {
			json_decref(was);
			continue;
		}
		rc = version_item(res, was, items, e);
		json_decref(was);
	}
	if (rc == 0)
		rc = version_item(res, now, items, e);
	json_decref(now);
	json_decref(rows);
	if (rc == 0 && !ctx_audit(ctx, "read", res->table->type, id, 0))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0 && !(*out = json_pack("{s:o}", "items", items)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc)
		json_decref(items);
	return rc;
}

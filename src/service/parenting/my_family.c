/*
 * my_family.c - a parent's own page (GET /api/v1/my-family): the family
 * of the signed-in parent account's person, read for that parent alone.
 * A view computed from several tables (the family and its members, its
 * open One Family, One Plan with actions and reviews, Steps to Change,
 * the next session of the parent's own support), so hand-written, like
 * the other views of the pathway (docs/parenting.md, "The parent's own
 * page"). Every record read is audited.
 */
#include "service/parenting/my_family.h"

#include <string.h>

#include "core/clock.h"
#include "service/parenting/family_plan.h"
#include "service/parenting/parenting.h"
#include "service/parenting/steps.h"
#include "service/roles.h"
#include "store/cases.h"
#include "store/families.h"
#include "store/parenting/family_plan.h"
#include "store/record.h"

static const char *
text_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int64_t
id_of(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* Whether family member m is a parent or carer of the family's child:
 * an adult with parental responsibility or living in the household, the
 * parent worker's own test ("parents to meet", docs/parenting.md). A
 * relative or friend on the family's wider network is not, and its
 * family is not theirs to read. */
static int
cares_for_child(const json_t *m)
{
	static const char *const flags[] = {"parental_responsibility",
	                                    "in_household"};
	for (size_t i = 0; i < 2; i++) {
		const json_t *v = json_object_get(m, flags[i]);
		if (json_is_true(v) ||
		    (json_is_integer(v) && json_integer_value(v) != 0))
			return 1;
	}
	return 0;
}

/* 1 when family member m has parental responsibility. */
static int
has_pr(const json_t *m)
{
	const json_t *v = json_object_get(m, "parental_responsibility");
	return json_is_true(v) ||
	       (json_is_integer(v) && json_integer_value(v) != 0);
}

/*
 * The family the account's person is a parent or carer in (an adult
 * member with parental responsibility or in the household; the oldest
 * when several) in *family and its open members in *members (both new).
 * A person who is a child member of a family (a child's account never
 * sees this page) reaches it only for a family where they are an adult
 * with parental responsibility themselves: a young mother, a child in her
 * own mother's family, sees her own family and never her mother's.
 * SPIRE_EFORBIDDEN for a child member with no such family,
 * SPIRE_ENOTFOUND when they are in no family.
 */
static int
family_of(struct ctx *ctx, int64_t person, json_t **family, json_t **members,
          struct err *e)
{
	*family = *members = NULL;
	json_t *fams = NULL, *pr_family = NULL, *pr_members = NULL;
	int is_child = 0;
	int rc = store_families_of_person(ctx_db(ctx), person, &fams, e);
	size_t i;
	json_t *f;
	json_array_foreach(fams, i, f)
	{
		if (rc)
			break;
		json_t *ms = NULL;
		rc =
		    store_families_members(ctx_db(ctx), id_of(f, "id"), &ms, e);
		size_t k;
		json_t *m;
		json_array_foreach(ms, k, m)
		{
			if (rc || id_of(m, "person_id") != person)
				continue;
			const char *type = text_of(m, "member_type");
			if (type && strcmp(type, "child") == 0) {
				is_child = 1;
				continue;
			}
			if (!pr_family && has_pr(m)) {
				pr_family = json_incref(f);
				pr_members = json_incref(ms);
			}
			if (!*family && cares_for_child(m)) {
				*family = json_incref(f);
				*members = json_incref(ms);
			}
		}
		json_decref(ms);
	}
	json_decref(fams);
	if (rc == 0 && is_child) {
		json_decref(*family);
		json_decref(*members);
		*family = pr_family;
		*members = pr_members;
		pr_family = pr_members = NULL;
		if (!*family)
			rc = err_set(e, SPIRE_EFORBIDDEN, NULL,
			             "This page is for a parent or carer in "
			             "the family");
	}
	json_decref(pr_family);
	json_decref(pr_members);
	if (rc == 0 && !*family)
		rc = err_set(e, SPIRE_ENOTFOUND, NULL,
		             "Your account is not linked to a family yet. Ask "
		             "your worker to link it");
	if (rc) {
		json_decref(*family);
		json_decref(*members);
		*family = *members = NULL;
	}
	return rc;
}

/* The family's open plan with its open actions and reviews, presented
 * as their descriptors present them, or null. Audited. */
static int
plan_of(struct ctx *ctx, int64_t family_id, int64_t person, json_t **out,
        struct err *e)
{
	*out = json_null();
	int64_t plan_id = 0;
	int rc =
	    store_family_plans_open_of(ctx_db(ctx), family_id, &plan_id, e);
	if (rc || !plan_id)
		return rc;
	json_t *plan = NULL, *actions = NULL, *reviews = NULL;
	rc = record_get(ctx_db(ctx), FAMILY_PLANS.table, plan_id, &plan, e);
	if (rc == 0)
		rc = record_list(ctx_db(ctx), FAMILY_PLAN_ACTIONS.table,
		                 "plan_id", plan_id, 0, 200, 0, &actions, e);
	if (rc == 0)
		rc = record_list(ctx_db(ctx), FAMILY_PLAN_REVIEWS.table,
		                 "plan_id", plan_id, 0, 200, 0, &reviews, e);
	if (rc == 0) {
		records_present(&FAMILY_PLANS, plan);
		size_t i;
		json_t *x;
		json_array_foreach(actions, i, x)
		{
			records_present(&FAMILY_PLAN_ACTIONS, x);
		}
		json_array_foreach(reviews, i, x)
		{
			records_present(&FAMILY_PLAN_REVIEWS, x);
		}
		if (json_object_set(plan, "actions", actions) ||
		    json_object_set(plan, "reviews", reviews) ||
		    !ctx_audit(ctx, "read", FAMILY_PLANS.table->type, plan_id,
		               person))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(actions);
	json_decref(reviews);
	if (rc) {
		json_decref(plan);
		return rc;
	}
	json_decref(*out);
	*out = plan;
	return 0;
}

/* The next planned session of the parent's own open parenting case, with
 * the worker's name, or null. Audited. */
static int
next_session_of(struct ctx *ctx, int64_t person, json_t **out, struct err *e)
{
	*out = json_null();
	json_t *cases = NULL;
	int rc = store_cases_of_person(ctx_db(ctx), person, &cases, e);
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	json_t *best = NULL;
	const char *worker = NULL;
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		const char *service = text_of(c, "service_code");
		const char *status = text_of(c, "status");
		if (rc || !service || strcmp(service, "parenting") != 0 ||
		    !status || strcmp(status, "open") != 0)
			continue;
		json_t *sessions = NULL;
		rc = record_list(ctx_db(ctx), PARENT_SESSIONS.table, "case_id",
		                 id_of(c, "id"), 0, 200, 0, &sessions, e);
		size_t k;
		json_t *s;
		json_array_foreach(sessions, k, s)
		{
			const char *d = text_of(s, "session_date");
			const char *st = text_of(s, "status");
			if (!d || !st || strcmp(st, "planned") != 0 ||
			    strcmp(d, today) < 0)
				continue;
			if (!best ||
			    strcmp(d, text_of(best, "session_date")) < 0) {
				json_decref(best);
				best = json_incref(s);
				worker = text_of(c, "worker_name");
			}
		}
		json_decref(sessions);
	}
	if (rc == 0 && best) {
		json_t *o =
		    json_pack("{s:s?, s:s?, s:s?, s:s?}", "session_date",
		              text_of(best, "session_date"), "session_type",
		              text_of(best, "session_type"), "topic",
		              text_of(best, "topic"), "worker_name", worker);
		if (!o || !ctx_audit(ctx, "read", PARENT_SESSIONS.table->type,
		                     id_of(best, "id"), person)) {
			json_decref(o);
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		} else {
			json_decref(*out);
			*out = o;
		}
	}
	json_decref(best);
	json_decref(cases);
	return rc;
}

/* The members as the family reads them: names, how they are related and
 * their sex (so that a half-sibling reads as a half-sister or
 * half-brother when it is known), nothing else. */
static json_t *
members_json(const json_t *ms)
{
	json_t *out = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(ms, i, m)
	{
		json_array_append_new(
		    out,
		    json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
		              "person_id", (json_int_t)id_of(m, "person_id"),
		              "given_name", text_of(m, "given_name"),
		              "family_name", text_of(m, "family_name"),
		              "preferred_name", text_of(m, "preferred_name"),
		              "member_type", text_of(m, "member_type"),
		              "relationship", text_of(m, "relationship"), "sex",
		              text_of(m, "sex")));
	}
	return out;
}

/*
 * The family's worker as the parent reaches them: {name, contact}. The
 * name is the parent's own worker: the worker allocated to the parent's
 * own open parenting case (the parent worker), else the family's key
 * worker (One Family, One Plan), else null; never the child's youth
 * justice officer as such (reviewers, session 23: the officer, the
 * family's key worker, was named "Your worker" though the parent had a
 * parent worker; docs/parenting.md). team: the team that holds the
 * parent's case with that worker, else null. contact is the service's
 * line from the configuration ([portal] contact), else null.
 */
static int
worker_of(struct ctx *ctx, int64_t fid, int64_t person, json_t **out,
          struct err *e)
{
	json_t *fam = NULL, *cases = NULL;
	*out = NULL;
	const char *name = NULL, *team = NULL;
	int rc = store_cases_of_person(ctx_db(ctx), person, &cases, e);
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		const char *service = text_of(c, "service_code");
		const char *status = text_of(c, "status");
		if (!name && service && strcmp(service, "parenting") == 0 &&
		    status && strcmp(status, "open") == 0) {
			name = text_of(c, "worker_name");
			team = text_of(c, "team_name");
		}
	}
	if (rc == 0 && !name) {
		rc = record_get(ctx_db(ctx), &FAMILIES_TABLE, fid, &fam, e);
		name = rc == 0 ? text_of(fam, "key_worker_name") : NULL;
	}
	const char *contact = ctx->srv->cfg.portal_contact;
	if (rc == 0) {
		*out = json_pack("{s:s?, s:s?, s:s?}", "name", name, "team",
		                 name ? team : NULL, "contact",
		                 contact[0] ? contact : NULL);
		if (!*out)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(fam);
	json_decref(cases);
	return rc;
}

int
parenting_my_family(struct ctx *ctx, json_t **out, struct err *e)
{
	*out = NULL;
	if (!ctx->user || !(ctx->user->role & ROLE_PARENT))
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "This page is for a parent or carer's own "
		               "account");
	if (!ctx->user->person_id)
		return err_set(
		    e, SPIRE_ENOTFOUND, NULL,
		    "Your account is not linked to a family yet. Ask "
		    "your worker to link it");
	int64_t person = ctx->user->person_id;
	json_t *family = NULL, *members = NULL, *plan = NULL, *steps = NULL,
	       *next = NULL, *worker = NULL;
	int rc = family_of(ctx, person, &family, &members, e);
	int64_t fid = rc == 0 ? id_of(family, "id") : 0;
	if (rc == 0 && !ctx_audit(ctx, "read", "family", fid, person))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = plan_of(ctx, fid, person, &plan, e);
	if (rc == 0) {
		rc = steps_distance(ctx, fid, STEPS_FORM_ID, &steps, e);
		if (rc == SPIRE_ENOTFOUND) { /* no such form installed */
			err_clear(e);
			rc = 0;
			steps = json_null();
		}
	}
	if (rc == 0)
		rc = next_session_of(ctx, person, &next, e);
	if (rc == 0)
		rc = worker_of(ctx, fid, person, &worker, e);
	if (rc == 0) {
		*out = json_pack(
		    "{s:{s:I, s:s?}, s:I, s:o, s:o, s:o, s:o, s:o, s:b}",
		    "family", "id", (json_int_t)fid, "name",
		    text_of(family, "name"), "person_id", (json_int_t)person,
		    "members", members_json(members), "plan", plan,
		    "steps_to_change", steps, "next_session", next, "worker",
		    worker, "read_only", 1);
		plan = steps = next = worker = NULL;
		if (!*out)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(family);
	json_decref(members);
	json_decref(plan);
	json_decref(steps);
	json_decref(next);
	json_decref(worker);
	return rc;
}

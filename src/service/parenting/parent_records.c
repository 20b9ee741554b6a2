/*
 * parent_records.c - the descriptors of the parent worker's records and
 * their rules: parent support around a child's intervention (whose
 * agreement opens the parent's own parenting case), sessions and
 * behaviour contracts, and the support plan. Who may see them is the
 * record kinds' business (store/parenting/scope_parenting.c); who may
 * record them is here: parent workers, and managers of the parenting
 * service.
 */
#include "service/parenting/parenting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/parenting/vocab_parenting.h"
#include "service/forms/forms.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/server.h"
#include "store/contacts.h"
#include "store/parenting/parent_tables.h"
#include "store/yj/yj_outcomes.h"

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
is_set(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return v && !json_is_null(v);
}

static int
usable(const struct err *e, const char *a, const char *b)
{
	return !err_names(e, a) && (!b || !err_names(e, b));
}

/* Gather one rule's error into e. */
static void
gather(struct err *e, const struct err *one)
{
	if (one->code)
		err_gather(e, one);
}

/* b must not be before a (both dates, when set and not in error). */
static void
not_before(const json_t *rec, const char *later, const char *earlier,
           const char *message, struct err *e)
{
	if (!usable(e, later, earlier))
		return;
	const char *l = text_of(rec, later), *r = text_of(rec, earlier);
	if (l && r && strcmp(l, r) < 0)
		err_rule(e, later, "%s", message);
}

/* Parent workers, and managers of the parenting service. */
static int
may_record(struct ctx *ctx, struct err *e)
{
	if (ctx->user && (ctx->user->role & ROLE_PARENT_WORKER))
		return 0;
	if (ctx->user && (ctx->user->role & ROLE_MANAGER)) {
		struct err one;
		err_clear(&one);
		if (policy_service(ctx, "parenting", NULL, &one) == 0)
			return 0;
	}
	return err_set(e, SPIRE_EFORBIDDEN, NULL,
	               "Only parent workers and managers of the parenting "
	               "service can record parent support");
}

/* ---- Parent support ---- */

int
parenting_service_worker(struct ctx *ctx, int *yes, struct err *e)
{
	*yes = 0;
	if (!ctx->user || !(ctx->user->role & ROLE_PARENT_WORKER) ||
	    !ctx->user->team_id)
		return 0;
	return store_parent_team_is_parenting(ctx_db(ctx), ctx->user->team_id,
	                                      yes, e);
}

/*
 * *ok = 1 when the parenting service's parent worker ctx's user records
 * the support of a parent to meet (rec's person_id, child_case_id): the
 * write needs no scope over the child's case or the parent then.
 */
static int
takes_on_parent(struct ctx *ctx, const json_t *rec, int *ok, struct err *e)
{
	*ok = 0;
	int worker = 0;
	int rc = parenting_service_worker(ctx, &worker, e);
	if (rc || !worker || !is_set(rec, "person_id") ||
	    !is_set(rec, "child_case_id"))
		return rc;
	return store_parent_to_meet_one(ctx_db(ctx),
	                                id_of(rec, "child_case_id"),
	                                id_of(rec, "person_id"), ok, e);
}

/* Who holds a parenting case a support opens (job->extra). */
struct support_extra {
	int64_t team_id;   /* 0: no parenting team to hold it */
	int64_t worker_id; /* 0: the team's, unallocated */
};

/*
 * The case rec[field] names: one the user may change (unless scoped is 0),
 * of service (the code), not closed; sets rec[set] to the case's person.
 * wrong and closed are the messages when it is another service's case or
 * closed.
 */
static int
check_case_scoped(struct ctx *ctx, json_t *rec, const char *field,
                  const char *service, const char *set, const char *wrong,
                  const char *closed, int scoped, struct err *e)
{
	struct parent_case_ref c;
	int64_t pid = 0;
	int rc = scoped ? policy_reference(ctx, RK_CASE, id_of(rec, field), 1,
	                                   field, &pid, e)
	                : 0;
	if (rc == 0)
		rc = store_parent_case_ref(ctx_db(ctx), id_of(rec, field),
		                           field, &c, e);
	if (rc)
		return rc;
	if (strcmp(c.service, service) != 0)
		return err_set(e, SPIRE_EINVAL, field, "%s", wrong);
	if (c.closed)
		return err_set(e, SPIRE_EINVAL, field, "%s", closed);
	if (json_object_set_new(rec, set, json_integer(c.person_id)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

static int
check_case_of(struct ctx *ctx, json_t *rec, const char *field,
              const char *service, const char *set, const char *wrong,
              const char *closed, struct err *e)
{
	return check_case_scoped(ctx, rec, field, service, set, wrong, closed,
	                         1, e);
}

/* The child's youth justice case named in child_case_id: the user may
 * change it, it is open; sets child_id. Gathered. */
static int
check_child_case(struct ctx *ctx, json_t *rec, int scoped, struct err *e)
{
	return check_case_scoped(ctx, rec, "child_case_id", "youth_justice",
	                         "child_id",
	                         "Select the child's youth justice case",
	                         "The child's case has been closed. Nothing "
	                         "more can be recorded on it",
	                         scoped, e);
}

/* The parent: a person the user may record about, an adult of the
 * child's open family with parental responsibility or in the household,
 * not a victim; sets relationship. */
static int
check_parent(struct ctx *ctx, json_t *rec, int scoped, struct err *e)
{
	int64_t parent = id_of(rec, "person_id"),
	        child = id_of(rec, "child_id");
	/* A person the user may not use answers as one who does not
	 * exist, audited as denied (docs/access.md, "Records named in a
	 * request"). */
	int rc = scoped ? policy_reference_hidden(ctx, RK_PERSON, parent, 1,
	                                          "person_id",
	                                          FAMILIES_PERSON_MISSING, e)
	                : 0;
	if (rc)
		return rc;
	char *rel = NULL;
	int counts = 0, victim = 0;
	rc = store_parent_membership(ctx_db(ctx), parent, child, &rel, &counts,
	                             e);
	if (rc == 0)
		rc = store_parent_is_victim(ctx_db(ctx), parent, &victim, e);
	/* A victim is answered as anyone outside the family is. */
	if (rc == 0 && (!rel || !counts || victim))
		rc = err_set(e, SPIRE_EINVAL, "person_id",
		             "Select a parent or carer of the child: someone "
		             "in the child's family with parental "
		             "responsibility or living in the household");
	if (rc == 0 &&
	    json_object_set_new(rec, "relationship", json_string(rel)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	free(rel);
	if (rc)
		return rc;
	int64_t open = 0;
	rc = store_parent_support_count(ctx_db(ctx), parent, child,
	                                id_of(rec, "id"), &open, e);
	if (rc == 0 && open > 0)
		rc = err_set(e, SPIRE_EINVAL, "person_id",
		             "This parent already has support around this "
		             "child. Open it instead");
	return rc;
}

/* The intervention, when named: an open outcome of this child. */
static int
check_outcome(struct ctx *ctx, const json_t *rec, struct err *e)
{
	if (!is_set(rec, "outcome_id"))
		return 0;
	/* One answer for an intervention that does not exist, is closed,
	 * or is another child's: the worker may name this child's without
	 * reading it, and must learn nothing of any other (session 24's
	 * attack: the two answers told which ids exist). */
	static const char no_such[] =
	    "Select an open intervention of this child from the list";
	struct yj_ref ref;
	int rc = store_yj_outcome_ref(ctx_db(ctx), id_of(rec, "outcome_id"),
	                              &ref, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "outcome_id", no_such);
	if (rc)
		return rc;
	if (ref.person_id != id_of(rec, "child_id")) {
		/* Another child's: a refusal audited about that child when the
		 * user may not open it (policy_reference_hidden), the same
		 * answer either way. */
		rc = policy_reference_hidden(ctx, RK_OUTCOME,
		                             id_of(rec, "outcome_id"), 0,
		                             "outcome_id", no_such, e);
		return rc ? rc
		          : err_set(e, SPIRE_EINVAL, "outcome_id", no_such);
	}
	if (ref.closed)
		return err_set(e, SPIRE_EINVAL, "outcome_id", no_such);
	return 0;
}

static int
check_support(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const past[] = {"agreement_date", "start_date",
	                                   "end_date", NULL};
	struct err one;
	int child_ok = old != NULL;
	/* The parenting service's parent worker takes on a parent to meet
	 * without scope over the child's case or the parent (issue 9). */
	int to_meet = 0;
	if (!old && usable(e, "child_case_id", "person_id")) {
		int rc = takes_on_parent(ctx, rec, &to_meet, e);
		if (rc)
			return rc;
	}
	if (!old && usable(e, "child_case_id", NULL) &&
	    is_set(rec, "child_case_id")) {
		err_clear(&one);
		child_ok = check_child_case(ctx, rec, !to_meet, &one) == 0;
		gather(e, &one);
	}
	if (!old && child_ok && usable(e, "person_id", NULL) &&
	    is_set(rec, "person_id")) {
		err_clear(&one);
		check_parent(ctx, rec, !to_meet, &one);
		gather(e, &one);
	}
	if (child_ok && usable(e, "outcome_id", NULL)) {
		err_clear(&one);
		check_outcome(ctx, rec, &one);
		gather(e, &one);
	}
	records_none_future(&PARENT_SUPPORTS, rec, past, e);
	if (usable(e, "agreement", "agreement_date")) {
		if (is_set(rec, "agreement") && !is_set(rec, "agreement_date"))
			err_rule(e, "agreement_date",
			         "Enter the date the parent was asked");
		if (!is_set(rec, "agreement") && is_set(rec, "agreement_date"))
			err_rule(e, "agreement",
			         "Select whether the parent agreed to support");
	}
	const char *agreement =
	    usable(e, "agreement", NULL) ? text_of(rec, "agreement") : NULL;
	if (usable(e, "start_date", "agreement") && is_set(rec, "start_date") &&
	    (!agreement || strcmp(agreement, "agreed") != 0))
		err_rule(e, "start_date",
		         "Leave the start date empty until the parent agrees "
		         "to support");
	/* Support the parent agreed to has started: "Parents worked with"
	 * counts it from its start date, and a support shown as active
	 * that no measure counts would be neither (session 26). */
	if (usable(e, "start_date", "agreement") && agreement &&
	    strcmp(agreement, "agreed") == 0 && !is_set(rec, "start_date"))
		err_rule(e, "start_date", "Enter the date the support started");
	if (usable(e, "end_date", "end_reason")) {
		if (is_set(rec, "end_date") && !is_set(rec, "end_reason"))
			err_rule(e, "end_reason",
			         "Select why the support ended");
		if (!is_set(rec, "end_date") && is_set(rec, "end_reason"))
			err_rule(e, "end_date",
			         "Enter the date the support ended");
	}
	/* Support cannot start before the parent was asked for it (walker,
	 * session 23): both dates named. */
	if (usable(e, "start_date", "agreement_date")) {
		const char *st = text_of(rec, "start_date"),
		           *asked = text_of(rec, "agreement_date");
		if (st && asked && strcmp(st, asked) < 0) {
			err_rule(e, "start_date",
			         "The start date must be the same as or after "
			         "the date the parent was asked");
			err_rule(e, "agreement_date",
			         "The date the parent was asked must be the "
			         "same as or before the start date");
		}
	}
	not_before(rec, "end_date", "start_date",
	           "The end date must be the same as or after the start date",
	           e);
	not_before(rec, "next_review_date", "start_date",
	           "The next review must be on or after the start date", e);
	return e->code;
}

/* The extra names who would hold a parenting case the support opens,
 * which only an agreement opens: a support whose fields are as stored
 * opens none (an agreed one holds its case already). */
static int
support_extra_same(struct db *db, const struct record_job *j)
{
	(void)db;
	(void)j;
	return 1;
}

/*
 * In the write's transaction: a support the parent has agreed to is on
 * the parent's open parenting case, opened now when there is none (held
 * by the team and worker the request chose).
 */
static int
after_support_write(struct db *db, struct record_job *j, struct err *e)
{
	const char *agreement = text_of(j->rec, "agreement");
	if (!agreement || strcmp(agreement, "agreed") != 0 ||
	    is_set(j->rec, "case_id"))
		return 0;
	const struct support_extra *x = j->extra;
	int64_t parent = id_of(j->rec, "person_id"), case_id = 0;
	int rc = store_parent_open_case(db, parent, &case_id, e);
	if (rc == 0 && !case_id) {
		if (!x || !x->team_id)
			return err_set(e, SPIRE_EINVAL, "agreement",
			               "There is no parenting team to hold the "
			               "parent's support. Ask an administrator "
			               "to add one");
		const char *start = text_of(j->rec, "start_date");
		if (!start)
			start = text_of(j->rec, "agreement_date");
		char today[CLOCK_ISO_LEN];
		clock_today(today);
		rc = store_parent_case_insert(
		    db, parent, x->team_id, x->worker_id, start ? start : today,
		    "Parent support around a child's youth justice "
		    "intervention",
		    j->at, j->user_id, &case_id, e);
		if (rc == 0 &&
		    !records_job_audit(j, "create", "case", case_id, parent))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc == 0)
		rc = store_parent_support_set_case(db, j->id, case_id, e);
	return rc;
}

/* The team and worker of a parenting case this user's record opens: their
 * own team when it is a parenting team, else the parenting service's
 * (docs/parenting.md). */
static int
support_extra(struct ctx *ctx, struct support_extra *x, struct err *e)
{
	x->team_id = 0;
	x->worker_id =
	    (ctx->user->role & ROLE_PARENT_WORKER) ? ctx->user->id : 0;
	int is = 0;
	int rc = ctx->user->team_id
	             ? store_parent_team_is_parenting(
	                   ctx_db(ctx), ctx->user->team_id, &is, e)
	             : 0;
	if (rc)
		return rc;
	if (is) {
		x->team_id = ctx->user->team_id;
		return 0;
	}
	return store_parent_default_team(ctx_db(ctx), &x->team_id, e);
}

/*
 * *ok = 1 when ctx's user sees support row rec whole: they may read its
 * parenting case (their own relation; a reason never opens it), or,
 * before there is one (a parent who declined or was not reached), recorded
 * it or work in a parenting team. Anyone else sees it trimmed
 * (support_shown).
 */
static int
support_whole(struct ctx *ctx, const json_t *rec, int *ok, struct err *e)
{
	*ok = 0;
	int64_t pcase = id_of(rec, "case_id");
	if (pcase)
		return policy_case_readable(ctx, pcase, ok, e);
	if (ctx->user && ctx->user->id == id_of(rec, "created_by")) {
		*ok = 1;
		return 0;
	}
	return ctx->user && ctx->user->team_id
	           ? store_parent_team_is_parenting(ctx_db(ctx),
	                                            ctx->user->team_id, ok, e)
	           : 0;
}

/*
 * A support is changed, closed or reopened only by someone who sees it
 * whole: one who sees it trimmed (the child's officer, a parent worker
 * outside the parenting service in scope through the child's case) would
 * overwrite notes and an agreement they may not read, and close the
 * parenting team's work (session 27). Refused 403, audited "denied",
 * nothing stored, as a session of the parenting case is.
 */
static int
may_change_support(struct ctx *ctx, int64_t id, struct err *e)
{
	json_t *rec = NULL;
	int rc = record_get(ctx_db(ctx), PARENT_SUPPORTS.table, id, &rec, e);
	if (rc)
		return rc;
	int ok = 0;
	rc = support_whole(ctx, rec, &ok, e);
	int64_t person = id_of(rec, "person_id");
	json_decref(rec);
	if (rc || ok)
		return rc;
	if (policy_deny_audit(ctx, RK_PARENT_SUPPORT, id, person))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return err_set(e, SPIRE_EFORBIDDEN, NULL,
	               "Only the parenting service can change a parent’s "
	               "support. Ask the parent worker who holds it, or a "
	               "manager of the parenting service");
}

static int
support_create(struct ctx *ctx, const struct resource *res, const json_t *body,
               json_t **out, json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	struct support_extra x;
	int rc = may_record(ctx, e);
	if (rc == 0)
		rc = support_extra(ctx, &x, e);
	if (rc == 0)
		rc = records_create_ex(ctx, res, body, &x, out, e);
	return rc;
}

static int
support_update(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, json_t **duplicates,
               struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	struct support_extra x;
	int rc = may_record(ctx, e);
	if (rc == 0)
		rc = may_change_support(ctx, id, e);
	if (rc == 0)
		rc = support_extra(ctx, &x, e);
	if (rc == 0)
		rc = records_update_ex(ctx, res, id, body, &x, out, e);
	return rc;
}

static int
guarded_close(struct ctx *ctx, const struct resource *res, int64_t id,
              const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = may_record(ctx, e);
	if (rc == 0 && res == &PARENT_SUPPORTS)
		rc = may_change_support(ctx, id, e);
	return rc ? rc : records_close(ctx, res, id, body, out, e);
}

/*
 * Victims never come back onto the pathway: a support whose parent has
 * since become the victim of an offence is not reopened, and is refused
 * as a record outside the caseload is, so that the answer does not tell
 * who is a victim (docs/access.md, "Victims").
 */
static int
reopen_not_victim(struct ctx *ctx, int64_t id, struct err *e)
{
	json_t *rec = NULL;
	int rc = record_get(ctx_db(ctx), PARENT_SUPPORTS.table, id, &rec, e);
	if (rc)
		return rc == SPIRE_ENOTFOUND ? 0 : rc;
	int victim = 0;
	rc = store_parent_is_victim(ctx_db(ctx), id_of(rec, "person_id"),
	                            &victim, e);
	int64_t person = id_of(rec, "person_id");
	json_decref(rec);
	if (rc == 0 && victim) {
		ctx_audit(ctx, "denied", RK_PARENT_SUPPORT->name, id, person);
		rc = err_set(e, SPIRE_EFORBIDDEN, NULL,
		             "This record is outside your caseload");
	}
	return rc;
}

static int
guarded_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = may_record(ctx, e);
	if (rc == 0 && res == &PARENT_SUPPORTS)
		rc = may_change_support(ctx, id, e);
	if (rc == 0 && res == &PARENT_SUPPORTS)
		rc = reopen_not_victim(ctx, id, e);
	return rc ? rc : records_reopen(ctx, res, id, body, out, e);
}

static const struct resource_ops SUPPORT_OPS = {
    .create = support_create,
    .update = support_update,
    .close = guarded_close,
    .reopen = guarded_reopen,
};

/*
 * What of a support a reader sees who may not open the parent's own
 * parenting case (sealed, docs/access.md), such as the child's youth
 * justice officer: that support exists and its status, about whom, and
 * no more (docs/parenting.md "Who sees what"). The parent worker's name,
 * the notes, the agreement, the reviews and the id of the sealed case
 * would tell of support the parenting team keeps to itself, as the
 * invitation's issuer would (parent_accounts.c).
 */
static const char *const SUPPORT_SHOWN_OUTSIDE[] = {
    "id",         "person_id",     "parent_name",  "child_id",
    "child_name", "child_case_id", "relationship", "support_status",
    "start_date", "end_date",      "closed_at",    NULL};

static int
listed(const char *const *keys, const char *key)
{
	for (const char *const *k = keys; k && *k; k++)
		if (strcmp(*k, key) == 0)
			return 1;
	return 0;
}

int
parent_support_trim(struct ctx *ctx, json_t *rec, const char *const *also,
                    struct err *e)
{
	int ok = 0;
	int rc = support_whole(ctx, rec, &ok, e);
	if (rc || ok)
		return rc;
	const char *key;
	json_t *v;
	void *tmp;
	json_object_foreach_safe(rec, tmp, key, v)
	{
		if (!listed(SUPPORT_SHOWN_OUTSIDE, key) && !listed(also, key))
			json_object_del(rec, key);
	}
	/* The page says the rest is withheld, never "none" (whether there
	 * is a parenting case is itself part of what is withheld). */
	if (json_object_set_new(rec, "withheld", json_true()))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* The withhold hook of PARENT_SUPPORTS: every answer that gives a support
 * record (GET /{id}, each list, and the answer to a create, change, close
 * or reopen) passes here. */
static int
support_shown(struct ctx *ctx, json_t *rec, struct err *e)
{
	return parent_support_trim(ctx, rec, NULL, e);
}

static const struct open_rule SUPPORT_OPEN_RULES[] = {
    {"person_id", RK_PERSON},
    {"child_case_id", RK_CASE},
    {NULL, RK_NONE},
};

static const struct list_key SUPPORT_LIST_KEYS[] = {
    {"child_case_id", RK_CASE},
    {"case_id", RK_CASE},
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};

const struct resource PARENT_SUPPORTS = {
    .name = "parent_support",
    .plural = "parent-supports",
    .label = "Parent support",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLE_PARENT_WORKER | ROLE_MANAGER,
    .close_verb = "close",
    .list_keys = SUPPORT_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose a child's case, a parenting case or a parent "
                   "(one of them)",
    .ops = &SUPPORT_OPS,
    .open_rules = SUPPORT_OPEN_RULES,
    .table = &PARENT_SUPPORTS_TABLE,
    .kind = RK_PARENT_SUPPORT,
    .check = check_support,
    .withhold = support_shown,
    .after_write = after_support_write,
    .extra_same = support_extra_same,
    .gathers = 1,
};

/* ---- Records on the parenting case: sessions and plan items ---- */

/* The parent's parenting case named in case_id: one the user may change,
 * open; sets person_id to the parent. */
static int
check_parenting_case(struct ctx *ctx, json_t *rec, struct err *e)
{
	return check_case_of(ctx, rec, "case_id", "parenting", "person_id",
	                     "Select the parent's parenting support case",
	                     "This case has been closed. Nothing more can be "
	                     "recorded on it",
	                     e);
}

/* On create, the case rule, gathered; 1 when the case is usable. */
static int
case_rule(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (old)
		return 1;
	if (!usable(e, "case_id", NULL) || !is_set(rec, "case_id"))
		return 0;
	struct err one;
	err_clear(&one);
	int ok = check_parenting_case(ctx, rec, &one) == 0;
	gather(e, &one);
	return ok;
}

/* Sessions' topics belong to a kind of session (the vocabulary's group);
 * "other" to any. */
static void
check_topic(const json_t *rec, struct err *e)
{
	if (!usable(e, "topic", "session_type") || !is_set(rec, "topic"))
		return;
	const struct vocab_term *t =
	    vocab_term(&VOCAB_PARENT_SESSION_TOPICS, text_of(rec, "topic"));
	const char *type = text_of(rec, "session_type");
	if (t && t->group && type && strcmp(t->group, type) != 0)
		err_rule(e, "topic",
		         strcmp(t->group, "joint") == 0
		             ? "Select a topic of one-to-one work: a family "
		               "meeting or mediation is joint work"
		             : "Select a topic of joint work (a family meeting "
		               "or mediation), or other");
}

/* What only a behaviour contract has, and what one needs. */
static void
check_contract(const json_t *rec, struct err *e)
{
	/* That only a contract has them is the descriptor's (the sessions'
	 * `when`, store/parenting/parent_tables.c), checked by records.c. */
	const char *type = usable(e, "session_type", NULL)
	                       ? text_of(rec, "session_type")
	                       : NULL;
	if (!type || strcmp(type, "behaviour_contract") != 0)
		return;
	const char *outcome = usable(e, "contract_outcome", NULL)
	                          ? text_of(rec, "contract_outcome")
	                          : NULL;
	if (outcome && strcmp(outcome, "not_agreed") != 0 &&
	    usable(e, "contract_terms", NULL) && !is_set(rec, "contract_terms"))
		err_rule(e, "contract_terms",
		         "Enter the terms the parent and child agreed");
	const char *status =
	    usable(e, "status", NULL) ? text_of(rec, "status") : NULL;
	if (outcome && status && strcmp(status, "held") != 0)
		err_rule(e, "contract_outcome",
		         "Leave the outcome empty until the contract session "
		         "has been held");
	not_before(rec, "contract_review_date", "session_date",
	           "The contract's review must be on or after the session", e);
}

/* The child of joint work or a contract: one the parent is supported
 * around. */
static int
check_session_child(struct ctx *ctx, const json_t *rec, struct err *e)
{
	const char *type = text_of(rec, "session_type");
	int needs = type && strcmp(type, "one_to_one") != 0;
	if (!is_set(rec, "child_id"))
		return needs ? err_set(e, SPIRE_EINVAL, "child_id",
		                       "Select the child who took part")
		             : 0;
	int ok = 0;
	int rc =
	    store_parent_supports_child(ctx_db(ctx), id_of(rec, "person_id"),
	                                id_of(rec, "child_id"), &ok, e);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EINVAL, "child_id",
		             "Select a child this parent is supported around");
	return rc;
}

static int
check_session(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	int case_ok = case_rule(ctx, rec, old, e);
	check_topic(rec, e);
	check_contract(rec, e);
	const char *status =
	    usable(e, "status", NULL) ? text_of(rec, "status") : NULL;
	if (status && strcmp(status, "held") == 0 &&
	    usable(e, "session_date", NULL))
		records_not_future(&PARENT_SESSIONS, rec, "session_date", e);
	if (status && strcmp(status, "did_not_attend") == 0 &&
	    usable(e, "session_date", NULL))
		records_not_future(&PARENT_SESSIONS, rec, "session_date", e);
	if (case_ok && usable(e, "child_id", "session_type")) {
		struct err one;
		err_clear(&one);
		check_session_child(ctx, rec, &one);
		gather(e, &one);
	}
	if (case_ok)
		records_in_case_life(ctx, &PARENT_SESSIONS, rec, old, "case_id",
		                     "session_date", e);
	return e->code;
}

static int
guarded_create(struct ctx *ctx, const struct resource *res, const json_t *body,
               json_t **out, json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	int rc = may_record(ctx, e);
	return rc ? rc : records_create(ctx, res, body, out, e);
}

static int
guarded_update(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, json_t **duplicates,
               struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	int rc = may_record(ctx, e);
	return rc ? rc : records_update(ctx, res, id, body, out, e);
}

static const struct resource_ops PARENT_RECORD_OPS = {
    .create = guarded_create,
    .update = guarded_update,
    .close = guarded_close,
    .reopen = guarded_reopen,
};

static const struct open_rule ON_CASE_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_NONE},
};

static const struct list_key CASE_LIST_KEYS[] = {
    {"case_id", RK_CASE},
    {NULL, RK_NONE},
};

/* ---- The contact a held session stands as ---- */

/* What the contact says of a session of type (the session's own words
 * stay on the session, which the contact's readers may not read). */
static const char *
session_summary(const char *type)
{
	if (type && strcmp(type, "joint") == 0)
		return "Parent support: joint session with the parent and "
		       "child "
		       "held (recorded by Spire from the session)";
	if (type && strcmp(type, "behaviour_contract") == 0)
		return "Parent support: behaviour contract session held "
		       "(recorded by Spire from the session)";
	return "Parent support: one-to-one session held (recorded by Spire "
	       "from the session)";
}

/* A boolean as stored (true, or 1 where the backend has no boolean). */
static int
truthy(const json_t *v)
{
	return json_is_true(v) || (json_is_integer(v) && json_integer_value(v));
}

/* Does the stored contact old already say what rec says? */
static int
contact_same(const json_t *old, const json_t *rec)
{
	const char *d = text_of(old, "contact_date");
	const char *sum = text_of(old, "summary");
	return d && strcmp(d, text_of(rec, "contact_date")) == 0 && sum &&
	       strcmp(sum, text_of(rec, "summary")) == 0 &&
	       truthy(json_object_get(old, "joint")) ==
	           truthy(json_object_get(rec, "joint"));
}

/* Write the new contact of held session row: the parent and the
 * practitioners (who recorded it, the case's worker) present. */
static int
contact_insert(struct db *db, struct record_job *j, const json_t *row,
               const json_t *rec, struct err *e)
{
	int64_t contact = 0, worker = 0, parent = id_of(row, "person_id");
	int rc = record_insert(db, &CONTACTS_TABLE, rec, j->at, j->user_id,
	                       &contact, e);
	if (rc == 0)
		rc = store_contacts_attendee_add(db, contact, parent, 0, j->at,
		                                 e);
	if (rc == 0 && j->user_id > 0)
		rc = store_contacts_attendee_add(db, contact, 0, j->user_id,
		                                 j->at, e);
	if (rc == 0)
		rc = store_parent_case_worker(db, id_of(row, "case_id"),
		                              &worker, e);
	if (rc == 0 && worker > 0 && worker != j->user_id)
		rc = store_contacts_attendee_add(db, contact, 0, worker, j->at,
		                                 e);
	if (rc == 0)
		rc = store_parent_session_set_contact(db, j->id, contact, e);
	if (rc == 0 &&
	    !records_job_audit(j, "create", "contact", contact, parent))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/*
 * In the session's write: a held session (open) stands as one contact on
 * the parent's parenting case, dated the session's day, with the parent
 * and the practitioners present, so that "seen at start, review and end"
 * counts it (issue 9). Written once and kept in step: a change of date or
 * kind updates it, nothing changed writes nothing, and a session no
 * longer held (cancelled, not attended, planned again, closed) closes it.
 * closing: the session is being closed.
 */
static int
session_contact(struct db *db, struct record_job *j, int closing, struct err *e)
{
	json_t *row = NULL, *old = NULL, *rec = NULL;
	int rc = record_get(db, &PARENT_SESSIONS_TABLE, j->id, &row, e);
	if (rc)
		return rc;
	const char *status = text_of(row, "status");
	int held = !closing && status && strcmp(status, "held") == 0 &&
	           !is_set(row, "closed_at");
	int64_t contact = id_of(row, "contact_id");
	if (contact) {
		rc = record_get(db, &CONTACTS_TABLE, contact, &old, e);
		if (rc == SPIRE_ENOTFOUND ||
		    (rc == 0 && is_set(old, "closed_at")))
			contact = 0;
		if (rc == SPIRE_ENOTFOUND) {
			err_clear(e);
			rc = 0;
		}
	}
	if (rc == 0 && !held && contact) {
		rc = record_close(db, &CONTACTS_TABLE, contact,
		                  id_of(old, "version"),
		                  "The parent session it stood for is no "
		                  "longer held",
		                  j->at, j->user_id, e);
		if (rc == 0)
			rc = store_parent_session_set_contact(db, j->id, 0, e);
		if (rc == 0 &&
		    !records_job_audit(j, "close", "contact", contact,
		                       id_of(row, "person_id")))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc == 0 && held) {
		const char *type = text_of(row, "session_type");
		rec = json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, s:b}",
		                "case_id", (json_int_t)id_of(row, "case_id"),
		                "contact_date", text_of(row, "session_date"),
		                "contact_type", "session", "joint",
		                type && strcmp(type, "one_to_one") != 0,
		                "summary", session_summary(type), "outcome",
		                "attended", "significant", 0);
		if (!rec)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		else if (!contact)
			rc = contact_insert(db, j, row, rec, e);
		else if (!contact_same(old, rec)) {
			rc = record_update(db, &CONTACTS_TABLE, contact,
			                   id_of(old, "version"), rec, j->at,
			                   j->user_id, e);
			if (rc == 0 &&
			    !records_job_audit(j, "update", "contact", contact,
			                       id_of(row, "person_id")))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
		}
	}
	json_decref(rec);
	json_decref(old);
	json_decref(row);
	return rc;
}

static int
after_session_write(struct db *db, struct record_job *j, struct err *e)
{
	return session_contact(db, j, 0, e);
}

static int
after_session_close(struct db *db, struct record_job *j, struct err *e)
{
	return session_contact(db, j, 1, e);
}

const struct resource PARENT_SESSIONS = {
    .name = "parent_session",
    .plural = "parent-sessions",
    .label = "Parent session",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLE_PARENT_WORKER | ROLE_MANAGER,
    .close_verb = "close",
    .list_keys = CASE_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the parent's parenting case",
    .ops = &PARENT_RECORD_OPS,
    .open_rules = ON_CASE_OPEN_RULES,
    .table = &PARENT_SESSIONS_TABLE,
    .kind = RK_PARENT_SESSION,
    .check = check_session,
    .after_write = after_session_write,
    .after_close = after_session_close,
    .after_reopen = after_session_write,
    .gathers = 1,
};

/* The self-assessment a plan item came from: a response about this case
 * or this parent. */
static int
check_form_response(struct ctx *ctx, const json_t *rec, struct err *e)
{
	int64_t case_id = 0, person_id = 0;
	int rc = store_parent_form_response(ctx_db(ctx),
	                                    id_of(rec, "form_response_id"),
	                                    &case_id, &person_id, e);
	if (rc == SPIRE_ENOTFOUND ||
	    (rc == 0 && case_id != id_of(rec, "case_id") &&
	     person_id != id_of(rec, "person_id")))
		return err_set(e, SPIRE_EINVAL, "form_response_id",
		               "Select a self-assessment of this parent");
	return rc;
}

static int
check_plan_item(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	int case_ok = case_rule(ctx, rec, old, e);
	if (usable(e, "review_date", NULL))
		records_not_future(&PARENT_PLAN_ITEMS, rec, "review_date", e);
	if (case_ok)
		records_in_case_life(ctx, &PARENT_PLAN_ITEMS, rec, old,
		                     "case_id", "review_date", e);
	if (usable(e, "review_note", "review_date") &&
	    is_set(rec, "review_note") && !is_set(rec, "review_date"))
		err_rule(e, "review_date", "Enter the date of the review");
	if (usable(e, "need_domain", "form_response_id") &&
	    is_set(rec, "need_domain") && !is_set(rec, "form_response_id"))
		err_rule(e, "form_response_id",
		         "Select the self-assessment the need was found in");
	/* A domain is one of the self-assessment's groups (its linkId). */
	if (usable(e, "need_domain", NULL) && is_set(rec, "need_domain")) {
		const struct form *def =
		    ctx->srv ? forms_find(&ctx->srv->forms,
		                          PARENT_SELF_ASSESSMENT_FORM, 0)
		             : NULL;
		const json_t *item =
		    def ? forms_item(def, text_of(rec, "need_domain")) : NULL;
		const char *type =
		    json_string_value(json_object_get(item, "type"));
		if (!type || strcmp(type, "group") != 0)
			err_rule(e, "need_domain",
			         "Select one of the self-assessment's areas");
	}
	if (!old && case_ok && usable(e, "form_response_id", NULL) &&
	    is_set(rec, "form_response_id")) {
		struct err one;
		err_clear(&one);
		check_form_response(ctx, rec, &one);
		gather(e, &one);
	}
	return e->code;
}

const struct resource PARENT_PLAN_ITEMS = {
    .name = "parent_plan_item",
    .plural = "parent-plan-items",
    .label = "Support plan item",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLE_PARENT_WORKER | ROLE_MANAGER,
    .close_verb = "close",
    .list_keys = CASE_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the parent's parenting case",
    .ops = &PARENT_RECORD_OPS,
    .open_rules = ON_CASE_OPEN_RULES,
    .table = &PARENT_PLAN_ITEMS_TABLE,
    .kind = RK_PARENT_PLAN_ITEM,
    .check = check_plan_item,
    .gathers = 1,
};

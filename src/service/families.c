/*
 * families.c - rules for families and their members: who owns a new
 * family, who may be added and in what relationship to which child, and
 * the family as it is shown around a person. Access to the family named
 * in a path is checked by the router (policy.c); this file checks the
 * people named in request bodies.
 */
#include "service/families.h"

#include <stdio.h>
#include <string.h>

#include "service/policy.h"
#include "store/cases.h"
#include "store/families.h"
#include "store/people.h"
#include "store/users.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/validate.h"
#include "core/vocab_casework.h"
#include "core/buf.h"
#include "core/json_text.h"
#include "store/audit.h"

static const char *const SUMMARY_KEYS[] = {
    "given_name", "family_name", "preferred_name", "date_of_birth", NULL};

int
families_nest_person(json_t *row, const char *key, const char *id_key,
                     struct err *e)
{
	json_t *p = json_object();
	if (!p || json_object_set(p, "id", json_object_get(row, id_key)))
		goto oom;
	for (size_t i = 0; SUMMARY_KEYS[i]; i++) {
		json_t *v = json_object_get(row, SUMMARY_KEYS[i]);
		if (json_object_set(p, SUMMARY_KEYS[i], v ? v : json_null()))
			goto oom;
		json_object_del(row, SUMMARY_KEYS[i]);
	}
	if (json_object_set_new(row, key, p))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
oom:
	json_decref(p);
	return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* The open members of family_id, presented, each with its person, without
 * the victims ctx's user may not see (policy_hide_victims). */
static int
members_of(struct ctx *ctx, struct db *db, int64_t family_id, json_t **out,
           struct err *e)
{
	int rc = store_families_members(db, family_id, out, e);
	if (rc == 0 && (rc = policy_hide_victims(ctx, *out, "person_id", e))) {
		json_decref(*out);
		*out = NULL;
	}
	if (rc)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(*out, i, m)
	{
		records_present(&FAMILY_MEMBERS, m);
		if ((rc = families_nest_person(m, "person", "person_id", e))) {
			json_decref(*out);
			*out = NULL;
			return rc;
		}
	}
	return 0;
}

static int
decorate_family(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *members = NULL;
	int rc = members_of(ctx, db ? db : ctx_db(ctx),
	                    json_integer_value(json_object_get(rec, "id")),
	                    &members, e);
	if (rc == 0 && json_object_set_new(rec, "members", members))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Whether the page may offer to name or change the key worker
	 * (policy_reassign, as check_family decides it). */
	if (rc == 0)
		rc = policy_can(
		    ctx, rec,
		    json_integer_value(json_object_get(rec, "key_worker_id")),
		    1, 0, e);
	return rc;
}

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

/*
 * May user_id be family's key worker: a practitioner or manager whose
 * account is on and who works with the family as closely as their role
 * needs to open its record without breaking glass (a new family: through
 * the team creating it). *ok 1 when so.
 */
static int
key_worker_ok(struct ctx *ctx, const json_t *old, int64_t user_id, int *ok,
              struct err *e)
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
	struct scope_subject who = {
	    user_id, json_integer_value(json_object_get(u, "team_id")),
	    json_integer_value(json_object_get(u, "service_id"))};
	int needed = policy_needed_relation(role);
	int on = json_is_null(json_object_get(u, "disabled_at"));
	json_decref(u);
	if (needed < 0 || !(role & ROLES_CASEWORK) || !on || !who.team_id)
		return 0;
	enum relation rel = REL_NONE;
	if (old) {
		int64_t ignore = 0;
		rc = scope_relation(ctx_db(ctx), &who, RK_FAMILY,
		                    id_of(old, "id"), (enum relation)needed,
		                    &rel, &ignore, e);
	} else if (ctx->user && who.team_id == ctx->user->team_id) {
		rel = REL_TEAM;
	} else if (ctx->user && who.service_id == ctx->user->service_id) {
		rel = REL_SERVICE;
	}
	*ok = rc == 0 && (int)rel >= needed;
	return rc;
}

static int
check_family(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	/* A family belongs to the creator's team until a case claims it. */
	if (!old && ctx->user && ctx->user->team_id &&
	    json_object_set_new(rec, "owner_team_id",
	                        json_integer(ctx->user->team_id)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int64_t kw = id_of(rec, "key_worker_id");
	/* Only the key worker, or a manager, hands the role on; while the
	 * family has none, its workers may name one (policy_reassign). */
	if (old && !err_names(e, "key_worker_id") &&
	    kw != id_of(old, "key_worker_id")) {
		struct err one;
		err_clear(&one);
		policy_reassign(ctx, id_of(old, "key_worker_id"), 1,
		                "key_worker_id",
		                "Only the family's key worker or a manager can "
		                "change who the key worker is",
		                &one);
		err_gather(e, &one);
	}
	if (kw && !err_names(e, "key_worker_id") &&
	    kw != id_of(old, "key_worker_id")) {
		struct err one;
		err_clear(&one);
		int ok = 0;
		int rc = key_worker_ok(ctx, old, kw, &ok, &one);
		if (rc)
			return err_gather(e, &one);
		if (!ok)
			err_rule(e, "key_worker_id",
			         "Select a practitioner who works with this "
			         "family as its key worker");
	}
	return e->code;
}

/* A change of key worker is in the trail on its own, naming who the key
 * worker now is (a user id: no personal data). */
static int
audit_key_worker(struct db *db, struct record_job *j, struct err *e)
{
	(void)db;
	json_t *given = json_object_get(j->body, "key_worker_id");
	if (!given)
		return 0;
	struct audit_entry *a =
	    records_job_audit(j, "key_worker", "family", j->id, 0);
	if (a && json_is_integer(given))
		a->detail = arena_printf(j->arena, "key_worker_id=%lld",
		                         (long long)json_integer_value(given));
	else if (a)
		a->detail = "key_worker_id=none";
	if (!a || (json_is_integer(given) && !a->detail))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* One audit row per membership a family's closing or reopening changed,
 * about the member, in the same transaction. changed is stolen. */
static int
audit_memberships(struct record_job *j, const char *action, json_t *changed,
                  struct err *e)
{
	size_t i;
	json_t *m;
	int rc = 0;
	json_array_foreach(changed, i, m)
	{
		if (!records_job_audit(
		        j, action, "family_member",
		        json_integer_value(json_object_get(m, "id")),
		        json_integer_value(json_object_get(m, "person_id")))) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	json_decref(changed);
	return rc;
}

/* Closing a family ends every membership in it, in the same transaction,
 * so that nobody is reached through a family that no longer exists. */
static int
close_memberships(struct db *db, struct record_job *j, struct err *e)
{
	json_t *changed = NULL;
	int rc = store_families_close_members(db, j->id, j->reason, j->at,
	                                      j->user_id, &changed, e);
	return rc ? rc : audit_memberships(j, "close", changed, e);
}

/* Reopening a family brings back the memberships its closing ended. */
static int
reopen_memberships(struct db *db, struct record_job *j, struct err *e)
{
	json_t *changed = NULL;
	int rc = store_families_reopen_members(db, j->id, j->closed_at, j->at,
	                                       j->user_id, &changed, e);
	return rc ? rc : audit_memberships(j, "reopen", changed, e);
}

const struct resource FAMILIES = {
    .name = "family",
    .plural = "families",
    .label = "Family",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .table = &FAMILIES_TABLE,
    .kind = RK_FAMILY,
    .check = check_family,
    .decorate = decorate_family,
    .after_write = audit_key_worker,
    .after_close = close_memberships,
    .after_reopen = reopen_memberships,
    .gathers = 1,
};

/* 1 when rec's key differs from old's (always on create). */
static int
changed(const json_t *rec, const json_t *old, const char *key)
{
	return !old || !json_equal(json_object_get(rec, key),
	                           json_object_get(old, key));
}

int
families_person_ref(struct ctx *ctx, int64_t id, const char *field,
                    int must_write, json_t **person, struct err *e)
{
	static const char missing[] = FAMILIES_PERSON_MISSING;
	json_t *p = NULL;
	if (person)
		*person = NULL;
	/* A person the user may not use (read, or change when must_write)
	 * is answered as one that does not exist, before their record is
	 * said to be closed, and the attempt audited as denied
	 * (policy_reference_hidden): no id tells whether someone is on Spire
	 * or whether their record is closed. */
	int rc = policy_reference_hidden(ctx, RK_PERSON, id, must_write, field,
	                                 missing, e);
	if (rc == 0)
		rc = record_get(ctx_db(ctx), &PEOPLE_TABLE, id, &p, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field, "%s", missing);
	if (rc)
		return rc;
	if (!json_is_null(json_object_get(p, "closed_at")))
		rc = err_set(e, SPIRE_EINVAL, field,
		             "This person's record has been closed. Select "
		             "someone else, or reopen their record first");
	if (rc == 0 && person)
		*person = p;
	else
		json_decref(p);
	return rc;
}

static int
check_child(struct ctx *ctx, const json_t *rec, int64_t family_id,
            struct err *e)
{
	json_t *cid = json_object_get(rec, "child_id");
	if (!cid || json_is_null(cid))
		return 0;
	int64_t child_id = json_integer_value(cid);
	if (child_id == id_of(rec, "person_id"))
		return err_set(e, SPIRE_EINVAL, "child_id",
		               "Select another member of the family: a person "
		               "cannot be related to themselves");
	/* A person the user may not read is answered as one that does not
	 * exist, before their record is said to be closed or not this
	 * family's child (families_person_ref). */
	int rc = families_person_ref(ctx, child_id, "child_id", 0, NULL, e);
	if (rc)
		return rc;
	int is_child;
	rc = store_family_members_has(ctx_db(ctx), family_id, child_id, "child",
	                              &is_child, e);
	if (rc == 0 && !is_child)
		rc = err_set(e, SPIRE_EINVAL, "child_id",
		             "Select a child of this family: add the child to "
		             "the family first");
	return rc;
}

/*
 * The refusal of a second membership of the same person tied to the same
 * child (or to none): 409 naming person_id and the relationship recorded
 * in membership found, which is changed rather than added again (adding:
 * is_new; a change of child_id otherwise).
 */
static int
already_member(struct db *db, int64_t found, int is_new, struct err *e)
{
	json_t *m = NULL;
	struct err ignore;
	err_clear(&ignore);
	const char *label = NULL;
	if (record_get(db, &FAMILY_MEMBERS_TABLE, found, &m, &ignore) == 0)
		label = vocab_label(
		    &VOCAB_FAMILY_RELATIONSHIPS,
		    json_string_value(json_object_get(m, "relationship")));
	char rel[128];
	snprintf(rel, sizeof(rel), "%s", label ? label : "a member");
	vocab_lower_first(rel);
	const int tied = id_of(m, "child_id") != 0;
	json_decref(m);
	/* "as this child's mother"; the child's own: "as a child of it". */
	if (!tied && strcmp(rel, "child") == 0)
		snprintf(rel, sizeof(rel), "a child of the family");
	return err_set(e, SPIRE_ECONFLICT, "person_id",
	               "This person is already in this family as %s%s. %s",
	               tied ? "this child’s " : "", rel,
	               is_new ? "Change their membership instead of adding "
	                        "them again"
	                      : "Change that membership instead");
}

/*
 * A child's own membership changed to another type while others in the
 * family are recorded against them as their child (their child_id): each
 * of those would then name someone who is not a child of the family, which
 * adding them is refused for (check_child). 409 naming member_type and the
 * members to change first (session 25's attack: the change was stored).
 * others_related reads in db the members other than member_id recorded
 * against person_id; check_still_child asks it when the type changes.
 */
static int
others_related(struct db *db, int64_t family_id, int64_t person_id,
               int64_t member_id, struct err *e)
{
	json_t *ms = NULL;
	int rc = store_families_members(db, family_id, &ms, e);
	if (rc)
		return rc;
	char names[256] = "";
	size_t n = 0, used = 0;
	size_t i;
	json_t *m;
	json_array_foreach(ms, i, m)
	{
		if (id_of(m, "child_id") != person_id ||
		    id_of(m, "id") == member_id)
			continue;
		const char *g =
		    json_string_value(json_object_get(m, "given_name"));
		const char *f =
		    json_string_value(json_object_get(m, "family_name"));
		int w = snprintf(names + used, sizeof(names) - used, "%s%s %s",
		                 n ? ", " : "", g ? g : "", f ? f : "");
		if (w > 0 && (size_t)w < sizeof(names) - used)
			used += (size_t)w;
		n++;
	}
	json_decref(ms);
	if (n)
		rc = err_set(e, SPIRE_ECONFLICT, "member_type",
		             "%s %s recorded as related to this child. Change "
		             "or end %s first",
		             names, n == 1 ? "is" : "are",
		             n == 1 ? "that membership" : "those memberships");
	return rc;
}

static int
check_still_child(struct ctx *ctx, const json_t *rec, const json_t *old,
                  struct err *e)
{
	const char *was =
	    json_string_value(json_object_get(old, "member_type"));
	const char *now =
	    json_string_value(json_object_get(rec, "member_type"));
	if (!was || strcmp(was, "child") != 0 || !now ||
	    strcmp(now, "child") == 0)
		return 0;
	return others_related(ctx_db(ctx), id_of(old, "family_id"),
	                      id_of(old, "person_id"), id_of(old, "id"), e);
}

/* 1 when rec's key holds the code "child". */
static int
says_child(const json_t *rec, const char *key)
{
	const char *v = json_string_value(json_object_get(rec, key));
	return v && strcmp(v, "child") == 0;
}

/*
 * *child = 1 when person_id is the child of a case of a service that
 * works with children (any but the sealed parenting service, whose cases
 * are the parents'): the child that service works with, at any age.
 */
static int
has_child_case(struct ctx *ctx, int64_t person_id, int *child, struct err *e)
{
	json_t *cases = NULL;
	*child = 0;
	int rc = store_cases_of_person(ctx_db(ctx), person_id, &cases, e);
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		const char *service =
		    json_string_value(json_object_get(c, "service_code"));
		if (service && strcmp(service, policy_sealed_service()) != 0)
			*child = 1;
	}
	json_decref(cases);
	return rc;
}

/*
 * A membership that makes person_id the family's child (relationship
 * "child", the child's own membership; or member type "child") is
 * refused when they are 18 or over today (UK civil date), naming each
 * field that says so (session 26), unless they are the child of a case
 * (a youth justice order runs past the 18th birthday; the child of an
 * old case is recorded in the family they were a child of). The other
 * relationships are what someone is to the child, at any age (an adult
 * sibling or cousin). Read when either field is set or changed, so that
 * a child who has grown up keeps the membership they had.
 */
static void
check_age(struct ctx *ctx, const json_t *rec, const json_t *old,
          int64_t person_id, struct err *e)
{
	int rel = !err_names(e, "relationship") &&
	          says_child(rec, "relationship") &&
	          changed(rec, old, "relationship");
	int type = !err_names(e, "member_type") &&
	           says_child(rec, "member_type") &&
	           changed(rec, old, "member_type");
	if (!person_id || (!rel && !type))
		return;
	json_t *p = NULL;
	struct err one;
	err_clear(&one);
	if (record_get(ctx_db(ctx), &PEOPLE_TABLE, person_id, &p, &one)) {
		/* A person who cannot be read is named by the person rules. */
		if (one.code != SPIRE_ENOTFOUND)
			err_gather(e, &one);
		return;
	}
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	const char *born =
	    json_string_value(json_object_get(p, "date_of_birth"));
	int adult = born && age_on(born, today) >= 18;
	json_decref(p);
	int child_case = 0;
	err_clear(&one);
	if (adult && has_child_case(ctx, person_id, &child_case, &one)) {
		err_gather(e, &one);
		return;
	}
	adult = adult && !child_case;
	if (adult && rel)
		err_rule(e, "relationship",
		         "Select their relationship to the child: a person "
		         "aged 18 or over cannot be recorded as the child");
	if (adult && type)
		err_rule(e, "member_type",
		         "Select adult: a person aged 18 or over cannot be "
		         "recorded as a child in the family");
}

/*
 * Every rule of a membership, gathered with the field errors (struct
 * resource's gathers): a rule whose field is in error is skipped. A
 * closed family refuses the change (409) unless fields are in error.
 */
static int
check_member(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct db *db = ctx_db(ctx);
	struct err one;
	int64_t family_id =
	    err_names(e, "family_id") ? 0 : id_of(rec, "family_id");
	int64_t person_id =
	    err_names(e, "person_id") ? 0 : id_of(rec, "person_id");
	int family_ok = 0;
	if (family_id) {
		json_t *family = NULL;
		err_clear(&one);
		int rc =
		    record_get(db, &FAMILIES_TABLE, family_id, &family, &one);
		if (rc == SPIRE_ENOTFOUND)
			err_set(&one, SPIRE_EINVAL, "family_id",
			        "Select a family from the list: this family "
			        "does not exist");
		else if (rc == 0 &&
		         !json_is_null(json_object_get(family, "closed_at")))
			err_set(
			    &one, SPIRE_ECONFLICT, "family_id",
			    "This family has been closed, so it can no longer "
			    "be changed");
		json_decref(family);
		family_ok = one.code == 0;
		err_gather(e, &one);
	}
	/* Adding someone to a family opens their record to everyone working
	 * with the family, so the user must be able to change it (write
	 * scope: breaking glass to read it is not enough). */
	int person_ok = person_id != 0;
	if (!old && person_id) {
		err_clear(&one);
		person_ok = families_person_ref(ctx, person_id, "person_id", 1,
		                                NULL, &one) == 0;
		err_gather(e, &one);
	}
	int victim = 0;
	if (!old && family_ok && person_ok) {
		err_clear(&one);
		store_family_members_victim(db, family_id, person_id, &victim,
		                            &one);
		err_gather(e, &one);
	}
	/* Other roles are not told who is a victim. */
	if (victim) {
		struct err ignore;
		err_clear(&ignore);
		err_rule(e, "person_id", "%s",
		         policy_youth_justice(ctx, "", &ignore) == 0
		             ? "This person is a victim of an offence by a "
		               "child in this family, so they cannot be a "
		               "member of it"
		             : "You cannot add this person to this family");
		person_ok = 0;
	}
	/* Someone lives in the child's household or supports it from
	 * outside (the wider network), not both: the form offers both boxes,
	 * and taking one silently would record the wrong one. */
	if (json_is_true(json_object_get(rec, "in_household")) &&
	    json_is_true(json_object_get(rec, "wider_network")) &&
	    !err_names(e, "in_household") && !err_names(e, "wider_network")) {
		static const char both[] = "Choose lives in the household or "
		                           "wider network, not both";
		err_rule(e, "in_household", "%s", both);
		err_rule(e, "wider_network", "%s", both);
	}
	if (person_ok)
		check_age(ctx, rec, old, person_id, e);
	if (old && family_ok && !err_names(e, "member_type")) {
		err_clear(&one);
		check_still_child(ctx, rec, old, &one);
		err_gather(e, &one);
	}
	if (family_ok && !err_names(e, "child_id") &&
	    changed(rec, old, "child_id")) {
		err_clear(&one);
		check_child(ctx, rec, family_id, &one);
		err_gather(e, &one);
	}
	if (!family_ok || !person_ok || err_names(e, "child_id"))
		return e->code;
	int64_t found = 0;
	err_clear(&one);
	if (store_family_members_find(
	        db, family_id, person_id, id_of(rec, "child_id"),
	        old ? id_of(old, "id") : 0, &found, &one) == 0 &&
	    found)
		already_member(db, found, !old, &one);
	err_gather(e, &one);
	return e->code;
}

static int64_t
member_person(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/* Add the "person" summary to a member record. */
static int
decorate_member(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *person = NULL;
	int rc = record_get(db ? db : ctx_db(ctx), &PEOPLE_TABLE,
	                    member_person(rec), &person, e);
	if (rc)
		return rc;
	for (size_t i = 0; SUMMARY_KEYS[i]; i++)
		json_object_set(rec, SUMMARY_KEYS[i],
		                json_object_get(person, SUMMARY_KEYS[i]));
	json_decref(person);
	return families_nest_person(rec, "person", "person_id", e);
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule FAMILY_MEMBERS_OPEN_RULES[] = {
    {"family_id", RK_FAMILY},
    {"person_id", RK_PERSON},
    {"child_id", RK_PERSON},
    {NULL, RK_PERSON},
};

/* The victim rule of check_member again, in the write's transaction, so
 * that a victim record written meanwhile cannot slip in between; and the
 * rules of a child's own membership (check_child, check_still_child), so
 * that a membership recorded against a child and the child's own made an
 * adult's at once cannot both be stored (session 26). */
static int
member_rules_again(struct db *db, struct record_job *j, struct err *e)
{
	int victim = 0;
	int64_t family_id = id_of(j->rec, "family_id");
	int rc = j->version
	             ? 0
	             : store_family_members_victim(db, family_id,
	                                           id_of(j->rec, "person_id"),
	                                           &victim, e);
	if (rc == 0 && victim)
		rc = err_set(e, SPIRE_ECONFLICT, "person_id",
		             "This person was recorded as a victim of an "
		             "offence by a child in this family while you were "
		             "working, so they cannot be a member of it");
	const char *type =
	    json_string_value(json_object_get(j->rec, "member_type"));
	if (rc == 0 && j->version && json_object_get(j->body, "member_type") &&
	    (!type || strcmp(type, "child") != 0))
		rc = others_related(db, family_id, id_of(j->rec, "person_id"),
		                    j->id, e);
	int64_t child_id = id_of(j->rec, "child_id");
	int is_child = 1;
	if (rc == 0 && child_id && json_object_get(j->body, "child_id"))
		rc = store_family_members_has(db, family_id, child_id, "child",
		                              &is_child, e);
	if (rc == 0 && !is_child)
		rc = err_set(e, SPIRE_ECONFLICT, "child_id",
		             "The child they relate to is no longer recorded "
		             "as a child of this family: it changed while you "
		             "were working. Select a child of this family");
	return rc;
}

const struct resource FAMILY_MEMBERS = {
    .name = "family_member",
    .plural = "family-members",
    .label = "Family member",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .after_write = member_rules_again,
    .open_rules = FAMILY_MEMBERS_OPEN_RULES,
    .table = &FAMILY_MEMBERS_TABLE,
    .kind = RK_FAMILY_MEMBER,
    .check = check_member,
    .person_of = member_person,
    .decorate = decorate_member,
    .gathers = 1,
};

/* Finish a written record (*out) for reply; a failure here leaves out the
 * related data rather than failing a write that is already durable. */
static int
written(struct ctx *ctx, const struct resource *res, int rc, json_t **out)
{
	if (rc == 0) {
		struct err ignore;
		err_clear(&ignore);
		res->decorate(ctx, NULL, *out, &ignore);
	}
	return rc;
}

int
families_audit_members(struct ctx *ctx, const char *action,
                       const json_t *family, int64_t skip_person, struct err *e)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(family, "members"), i, m)
	{
		if (member_person(m) == skip_person)
			continue;
		if (!ctx_audit(ctx, action, "family_member", id_of(m, "id"),
		               member_person(m)))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* Append team_id to the int64_t list teams unless it is there already. */
static int
note_team(struct buf *teams, int64_t team_id)
{
	const int64_t *t = (const int64_t *)(void *)teams->p;
	for (size_t i = 0; i < teams->len / sizeof(*t); i++)
		if (t[i] == team_id)
			return 0;
	return buf_add(teams, &team_id, sizeof(team_id));
}

/* The teams (an int64_t list) as [{"team_name": ...}] text in out. */
static int
teams_text(struct db *db, const struct buf *teams, struct buf *out,
           struct err *e)
{
	const int64_t *t = (const int64_t *)(void *)teams->p;
	buf_add(out, "[", 1);
	for (size_t i = 0; i < teams->len / sizeof(*t); i++) {
		json_t *team = NULL;
		int rc = t[i] ? store_teams_get(db, t[i], &team, e) : 0;
		if (rc && rc != SPIRE_ENOTFOUND)
			return rc;
		const char *name =
		    json_string_value(json_object_get(team, "name"));
		buf_adds(out, i ? ",{\"team_name\":" : "{\"team_name\":");
		if (name)
			json_text_string(out, name, strlen(name));
		else
			buf_adds(out, "null");
		buf_add(out, "}", 1);
		json_decref(team);
	}
	buf_add(out, "]", 1);
	return out->err ? err_set(e, SPIRE_ENOMEM, NULL, "out of memory") : 0;
}

int
families_around_text(struct ctx *ctx, struct db *db, int64_t person_id,
                     const char *action, int64_t skip_person, struct buf *out,
                     struct buf *elsewhere, struct err *e)
{
	struct buf rows, text, teams;
	buf_init_arena(&rows, ARENA_DEFAULT_CAP, ctx->arena);
	buf_init_arena(&text, ARENA_DEFAULT_CAP, ctx->arena);
	buf_init_arena(&teams, ARENA_DEFAULT_CAP, ctx->arena);
	int rc = store_families_around(db, person_id, &rows, &text, e);
	if (rc)
		return rc;
	const struct family_around_row *r =
	    (const struct family_around_row *)(void *)rows.p;
	size_t n = rows.len / sizeof(*r), shown = 0;
	int first = 1, open = 0;
	buf_add(out, "[", 1);
	for (size_t i = 0; i < n; i++, r++) {
		if (r->family_len) {
			/* In full only a family the user may open; of any
			 * other, only the team holding it (docs/access.md,
			 * "A person's page"). */
			if ((rc = policy_readable(ctx, RK_FAMILY, r->family_id,
			                          &open, e)))
				return rc;
			if (!open) {
				if (note_team(&teams, r->owner_team_id))
					return err_set(e, SPIRE_ENOMEM, NULL,
					               "out of memory");
				continue;
			}
			if (shown++)
				buf_adds(out, "]},");
			buf_add(out, text.p + r->family_at, r->family_len);
			buf_adds(out, ",\"members\":[");
			first = 1;
		}
		if (!open)
			continue;
		/* Victims the user may not see are left out, as
		 * policy_hide_victims leaves them out of members_of's. */
		int hidden = 0;
		if ((rc = policy_person_hidden(ctx, r->person_id, &hidden, e)))
			return rc;
		if (hidden)
			continue;
		if (!first)
			buf_add(out, ",", 1);
		first = 0;
		buf_add(out, text.p + r->member_at, r->member_len);
		if (action && r->person_id != skip_person &&
		    !ctx_audit(ctx, action, "family_member", r->member_id,
		               r->person_id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	buf_adds(out, shown ? "]}]" : "]");
	if (out->err)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return elsewhere ? teams_text(db, &teams, elsewhere, e) : 0;
}

int
families_around(struct ctx *ctx, struct db *db, int64_t person_id, json_t **out,
                json_t **elsewhere, struct err *e)
{
	*out = NULL;
	if (elsewhere)
		*elsewhere = NULL;
	struct buf b, o;
	buf_init_arena(&b, ARENA_DEFAULT_CAP, ctx->arena);
	buf_init_arena(&o, ARENA_DEFAULT_CAP, ctx->arena);
	int rc = families_around_text(ctx, db, person_id, NULL, 0, &b,
	                              elsewhere ? &o : NULL, e);
	if (rc)
		return rc;
	*out = json_loadb(b.p, b.len, JSON_ALLOW_NUL, NULL);
	if (*out && elsewhere &&
	    !(*elsewhere = json_loadb(o.p, o.len, JSON_ALLOW_NUL, NULL))) {
		json_decref(*out);
		*out = NULL;
	}
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
families_for_person(struct ctx *ctx, int64_t person_id, json_t **out,
                    json_t **elsewhere, struct err *e)
{
	*out = NULL;
	*elsewhere = NULL;
	int64_t pid;
	int rc = policy_record(ctx, RK_PERSON, person_id, 0, &pid, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "Select a person from the list: this person "
		               "does not exist");
	if (rc || (rc = families_around(ctx, ctx_db(ctx), person_id, out,
	                                elsewhere, e)))
		return rc;
	size_t i;
	json_t *f;
	json_array_foreach(*out, i, f)
	{
		if (!ctx_audit(ctx, "list", "family", id_of(f, "id"),
		               person_id))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		if (rc || (rc = families_audit_members(ctx, "list", f, 0, e)))
			break;
	}
	if (rc) {
		json_decref(*out);
		json_decref(*elsewhere);
		*out = NULL;
		*elsewhere = NULL;
	}
	return rc;
}

int
families_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	int rc = records_get(ctx, &FAMILIES, id, out, e);
	if (rc == 0 && (rc = families_audit_members(ctx, "read", *out, 0, e))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
families_create(struct ctx *ctx, const json_t *body, json_t **out,
                struct err *e)
{
	int rc = records_create(ctx, &FAMILIES, body, out, e);
	return written(ctx, &FAMILIES, rc, out);
}

int
families_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                struct err *e)
{
	int rc = records_update(ctx, &FAMILIES, id, body, out, e);
	return written(ctx, &FAMILIES, rc, out);
}

int
families_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
               struct err *e)
{
	int rc = records_close(ctx, &FAMILIES, id, body, out, e);
	return written(ctx, &FAMILIES, rc, out);
}

int
families_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                struct err *e)
{
	int rc = records_reopen(ctx, &FAMILIES, id, body, out, e);
	return written(ctx, &FAMILIES, rc, out);
}

int
families_add_member(struct ctx *ctx, int64_t family_id, const json_t *body,
                    json_t **out, struct err *e)
{
	*out = NULL;
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	/* The family is the one in the path; a body may only repeat it. */
	json_t *given = json_object_get(body, "family_id");
	if (given &&
	    !(json_is_integer(given) && json_integer_value(given) == family_id))
		return err_set(e, SPIRE_EINVAL, "family_id",
		               "Add the person to the family on this page");
	json_t *copy = json_deep_copy(body);
	if (!copy ||
	    json_object_set_new(copy, "family_id", json_integer(family_id))) {
		json_decref(copy);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc = records_create(ctx, &FAMILY_MEMBERS, copy, out, e);
	json_decref(copy);
	return written(ctx, &FAMILY_MEMBERS, rc, out);
}

int
family_members_update(struct ctx *ctx, int64_t id, const json_t *body,
                      json_t **out, struct err *e)
{
	int rc = records_update(ctx, &FAMILY_MEMBERS, id, body, out, e);
	return written(ctx, &FAMILY_MEMBERS, rc, out);
}

int
family_members_close(struct ctx *ctx, int64_t id, const json_t *body,
                     json_t **out, struct err *e)
{
	int rc = records_close(ctx, &FAMILY_MEMBERS, id, body, out, e);
	return written(ctx, &FAMILY_MEMBERS, rc, out);
}

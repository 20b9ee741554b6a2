/*
 * policy.c - record-level access decisions.
 */
#include "service/policy.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "service/gencache.h"
#include "service/roles.h"
#include "store/families.h"
#include "store/users.h"

int
policy_needed_relation(unsigned role)
{
	if (role & ROLES_PRACTITIONER)
		return REL_TEAM;
	if (role & ROLE_MANAGER)
		return REL_SERVICE;
	return -1;
}

struct scope_subject
policy_subject(const struct ctx *ctx)
{
	struct scope_subject s = {0, 0, 0};
	if (ctx->user) {
		s.user_id = ctx->user->id;
		s.team_id = ctx->user->team_id;
		s.service_id = ctx->user->service_id;
	}
	return s;
}

const char *
policy_kind_name(const struct record_kind *kind)
{
	return scope_kind_name(kind);
}

/*
 * The access check's questions, each answered from the cache while the
 * store is unchanged (gencache.h) and from the store otherwise. Only
 * answers are kept, never errors. A key is a tag and the question's
 * inputs, packed.
 */
struct answer_key {
	unsigned char b[GENCACHE_KEY_MAX];
	size_t n;
};

static void
key_add(struct answer_key *k, const void *p, size_t n)
{
	if (k->n + n <= sizeof(k->b))
		memcpy(k->b + k->n, p, n);
	k->n += n; /* past the end: gencache refuses the key */
}

static void
key_subject(struct answer_key *k, const struct scope_subject *s)
{
	key_add(k, &s->user_id, sizeof(s->user_id));
	key_add(k, &s->team_id, sizeof(s->team_id));
	key_add(k, &s->service_id, sizeof(s->service_id));
}

/* The id of the service with code (store_services_id). */
static int
service_id(struct ctx *ctx, const char *code, int64_t *id, struct err *e)
{
	struct answer_key k = {.n = 0};
	key_add(&k, "S", 1);
	key_add(&k, code, strlen(code));
	const struct db_generation *gen = ctx_generation(ctx);
	int64_t v[2];
	if (gencache_get(ctx->srv->cache, gen, k.b, k.n, v)) {
		*id = v[0];
		return 0;
	}
	int rc = store_services_id(ctx_db(ctx), code, id, e);
	if (rc == 0)
		gencache_put(ctx->srv->cache, gen, k.b, k.n,
		             (int64_t[2]){*id, 0});
	return rc;
}

/* scope_relation over ctx's reader. */
static int
relation_of(struct ctx *ctx, const struct scope_subject *subject,
            const struct record_kind *kind, int64_t id, enum relation enough,
            enum relation *rel, int64_t *person_id, struct err *e)
{
	struct answer_key k = {.n = 0};
	unsigned char tag[2] = {'R', (unsigned char)enough};
	key_add(&k, tag, sizeof(tag));
	uintptr_t kind_at =
	    (uintptr_t)kind; /* kinds live as long as the server */
	key_add(&k, &kind_at, sizeof(kind_at));
	key_add(&k, &id, sizeof(id));
	key_subject(&k, subject);
	const struct db_generation *gen = ctx_generation(ctx);
	int64_t v[2];
	if (kind && gencache_get(ctx->srv->cache, gen, k.b, k.n, v)) {
		*rel = (enum relation)v[0];
		*person_id = v[1];
		return 0;
	}
	int rc = scope_relation(ctx_db(ctx), subject, kind, id, enough, rel,
	                        person_id, e);
	if (rc == 0 && kind)
		gencache_put(ctx->srv->cache, gen, k.b, k.n,
		             (int64_t[2]){(int64_t)*rel, *person_id});
	return rc;
}

/* scope_victim over ctx's reader. */
static int
victim_of(struct ctx *ctx, const struct scope_subject *subject,
          int64_t person_id, int *victim, enum relation *case_rel,
          struct err *e)
{
	struct answer_key k = {.n = 0};
	key_add(&k, "V", 1);
	key_add(&k, &person_id, sizeof(person_id));
	key_subject(&k, subject);
	const struct db_generation *gen = ctx_generation(ctx);
	int64_t v[2];
	if (gencache_get(ctx->srv->cache, gen, k.b, k.n, v)) {
		*victim = (int)v[0];
		*case_rel = (enum relation)v[1];
		return 0;
	}
	int rc =
	    scope_victim(ctx_db(ctx), subject, person_id, victim, case_rel, e);
	if (rc == 0)
		gencache_put(ctx->srv->cache, gen, k.b, k.n,
		             (int64_t[2]){*victim, (int64_t)*case_rel});
	return rc;
}

int64_t
policy_person_behind(struct ctx *ctx, const struct record_kind *kind,
                     int64_t id)
{
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel;
	int64_t person_id = 0;
	struct err ignore;
	err_clear(&ignore);
	if (relation_of(ctx, &subject, kind, id, REL_NONE, &rel, &person_id,
	                &ignore) != 0)
		return 0;
	return person_id;
}

/* Why a break-glass reason was not taken, in the words that fit. */
static int
reason_refused(const char *reason, struct err *e)
{
	int problem = text_problem(reason, POLICY_REASON_MAX, 0);
	if (problem == TEXT_BAD_CHARS)
		return err_set(e, SPIRE_EFORBIDDEN, "reason",
		               "Enter the reason in words: it holds characters "
		               "that cannot be read");
	if (problem == TEXT_TOO_LONG)
		return err_set(e, SPIRE_EFORBIDDEN, "reason",
		               "Enter a reason of %d characters or fewer",
		               POLICY_REASON_MAX);
	return err_set(e, SPIRE_EFORBIDDEN, "reason",
	               "Enter a reason of at least %d characters for viewing "
	               "this record",
	               POLICY_REASON_MIN);
}

static int
reason_ok(const char *reason)
{
	if (!reason)
		return 0;
	size_t n = 0;
	for (const char *p = reason; *p; p++)
		if (*p != ' ')
			n++;
	return n >= POLICY_REASON_MIN && valid_text(reason, POLICY_REASON_MAX);
}

/* 1 when ctx's user is a youth justice officer or manages a youth justice
 * team, 0 when not, negative on a store error. */
static int
is_youth_justice(struct ctx *ctx, struct err *e)
{
	if (!ctx->user)
		return 0;
	if (ctx->user->role & ROLE_YJS_OFFICER)
		return 1;
	if (!(ctx->user->role & ROLE_MANAGER) || !ctx->user->service_id)
		return 0;
	int64_t yj = 0;
	int rc = service_id(ctx, "youth_justice", &yj, e);
	if (rc)
		return rc;
	return yj == ctx->user->service_id;
}

int
policy_youth_justice(struct ctx *ctx, const char *what, struct err *e)
{
	int yj = is_youth_justice(ctx, e);
	if (yj < 0)
		return yj;
	if (yj)
		return 0;
	return err_set(e, SPIRE_EFORBIDDEN, NULL,
	               "Only youth justice officers and youth justice "
	               "managers can %s",
	               what);
}

const char POLICY_VICTIMS_REFUSED[] =
    "Only youth justice officers and youth justice managers can see "
    "victims, so a reason does not open their records. If you need to know "
    "about a victim, ask the child’s youth justice officer";

int
policy_victims(struct ctx *ctx, struct err *e)
{
	int yj = is_youth_justice(ctx, e);
	if (yj)
		return yj < 0 ? yj : 0;
	return err_set(e, SPIRE_EFORBIDDEN, NULL, "%s", POLICY_VICTIMS_REFUSED);
}

/*
 * For a person record: a victim is opened by roles outside youth justice
 * only through a case of the victim's own, so *rel becomes that relation
 * and *victim is set. Youth justice roles are left as they are.
 */
static int
victim_rule(struct ctx *ctx, const struct scope_subject *subject,
            int64_t person_id, enum relation *rel, int *victim, struct err *e)
{
	*victim = 0;
	int yj = is_youth_justice(ctx, e);
	if (yj)
		return yj < 0 ? yj : 0;
	enum relation own = REL_NONE;
	int rc = victim_of(ctx, subject, person_id, victim, &own, e);
	if (rc == 0 && *victim)
		*rel = own;
	return rc;
}

int
policy_person_scope(struct ctx *ctx, int64_t person_id, int *in_scope,
                    int *own_case, int *victim, struct err *e)
{
	*in_scope = 0;
	*own_case = 0;
	*victim = 0;
	int needed = policy_needed_relation(ctx->user ? ctx->user->role : 0);
	if (needed < 0)
		return 0;
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel = REL_NONE, own = REL_NONE;
	int64_t pid;
	int yj = is_youth_justice(ctx, e);
	if (yj < 0)
		return yj;
	/* REL_OWN is asked for, not only what is needed: the list says
	 * which people are the user's own caseload. */
	int rc = relation_of(ctx, &subject, RK_PERSON, person_id, REL_OWN, &rel,
	                     &pid, e);
	if (rc == 0)
		rc = victim_of(ctx, &subject, person_id, victim, &own, e);
	if (rc)
		return rc;
	if (*victim && !yj)
		rel = own;
	*in_scope = (int)rel >= needed;
	*own_case = rel == REL_OWN;
	return 0;
}

int
policy_person_hidden(struct ctx *ctx, int64_t person_id, int *hidden,
                     struct err *e)
{
	*hidden = 0;
	int yj = is_youth_justice(ctx, e);
	if (yj)
		return yj < 0 ? yj : 0;
	int needed = policy_needed_relation(ctx->user ? ctx->user->role : 0);
	struct scope_subject subject = policy_subject(ctx);
	int victim = 0;
	enum relation own = REL_NONE;
	int rc = victim_of(ctx, &subject, person_id, &victim, &own, e);
	if (rc == 0 && victim)
		*hidden = needed < 0 || (int)own < needed;
	return rc;
}

int
policy_hide_victims(struct ctx *ctx, json_t *people, const char *key,
                    struct err *e)
{
	if (!json_is_array(people))
		return 0;
	for (size_t i = json_array_size(people); i-- > 0;) {
		json_t *p = json_array_get(people, i);
		int64_t id = json_integer_value(json_object_get(p, key));
		int hidden = 0;
		int rc = id ? policy_person_hidden(ctx, id, &hidden, e) : 0;
		if (rc)
			return rc;
		if (hidden && json_array_remove(people, i))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

int
policy_service(struct ctx *ctx, const char *code, const char *field,
               struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	int64_t id = 0;
	int rc = service_id(ctx, code, &id, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field,
		               "Select the service the case is for");
	if (rc)
		return rc;
	if (ctx->user->role & ROLE_MANAGER) {
		if (id == ctx->user->service_id)
			return 0;
		return err_set(e, SPIRE_EFORBIDDEN, field,
		               "You can only open cases in the service you "
		               "manage");
	}
	const char *const *mine = role_services(ctx->user->role);
	for (size_t i = 0; mine && mine[i]; i++)
		if (strcmp(mine[i], code) == 0)
			return 0;
	return err_set(e, SPIRE_EFORBIDDEN, field,
	               "Your role (%s) does not open cases in this service",
	               role_label(ctx->user->role_name)
	                   ? role_label(ctx->user->role_name)
	                   : "none");
}

/*
 * Services whose cases are confidential to the person they are about: a
 * parent's own support (sessions, plan, referrals, contacts) is not the
 * child's workers' to read, and a break-glass reason does not open it
 * (docs/access.md, "Break glass"). The people who hold the case read it as
 * they read any case.
 */
static const char *const SEALED_SERVICES[] = {"parenting", NULL};

/* 1 when code names one of SEALED_SERVICES. */
static int
sealed_code(const char *code)
{
	for (size_t i = 0; code && SEALED_SERVICES[i]; i++)
		if (strcmp(code, SEALED_SERVICES[i]) == 0)
			return 1;
	return 0;
}

/* *sealed = SEALED_CASE when record id of kind is, or hangs from, a case of
 * one of SEALED_SERVICES, or is of a kind sealed wherever it hangs
 * (KIND_SEALED: a parent's preferences); SEALED_TEAM when it hangs from no case
 * but from a team of one (the team itself, its peer groups, their sessions and
 * registers, its peer mentors: a parent's place in a group is their own
 * support as much as their case is, session 25); 0 otherwise. */
enum { SEALED_CASE = 1, SEALED_TEAM = 2 };

/* The refusal of a reason given for a parent's own support. */
static const char SEALED_OWN[] =
    "This is a parent’s own support, which only the parenting service "
    "reads: a reason does not open it. Ask the parent worker who holds "
    "it, or a manager of the parenting service";

static int
glass_sealed(struct ctx *ctx, const struct record_kind *kind, int64_t id,
             int *sealed, struct err *e)
{
	char code[64];
	*sealed = 0;
	if (kind && (kind->flags & KIND_SEALED)) {
		*sealed = SEALED_CASE;
		return 0;
	}
	int rc =
	    scope_case_service(ctx_db(ctx), kind, id, code, sizeof(code), e);
	if (rc)
		return rc;
	if (code[0]) {
		*sealed = sealed_code(code) ? SEALED_CASE : 0;
		return 0;
	}
	rc = scope_team_service(ctx_db(ctx), kind, id, code, sizeof(code), e);
	if (rc == 0 && sealed_code(code))
		*sealed = SEALED_TEAM;
	return rc;
}

int
policy_sealed(struct ctx *ctx, const struct record_kind *kind, int64_t id,
              int *sealed, struct err *e)
{
	return glass_sealed(ctx, kind, id, sealed, e);
}

const char *
policy_sealed_service(void)
{
	return SEALED_SERVICES[0];
}

int
policy_readable(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                int *ok, struct err *e)
{
	*ok = 0;
	int needed = policy_needed_relation(ctx->user ? ctx->user->role : 0);
	if (needed < 0)
		return 0;
	struct scope_subject who = policy_subject(ctx);
	enum relation rel = REL_NONE;
	int64_t person = 0;
	int rc = relation_of(ctx, &who, kind, id, (enum relation)needed, &rel,
	                     &person, e);
	if (rc || (int)rel >= needed) {
		*ok = rc == 0;
		return rc;
	}
	int sealed = 0;
	if (ctx->break_glass)
		rc = glass_sealed(ctx, kind, id, &sealed, e);
	*ok = rc == 0 && ctx->break_glass && !sealed;
	return rc;
}

int
policy_case_readable(struct ctx *ctx, int64_t case_id, int *ok, struct err *e)
{
	return policy_readable(ctx, RK_CASE, case_id, ok, e);
}

int
policy_record(struct ctx *ctx, const struct record_kind *kind, int64_t id,
              int write, int64_t *person_id, struct err *e)
{
	*person_id = 0;
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	int needed = policy_needed_relation(ctx->user->role);
	if (needed < 0)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Your role does not open case records");
	if (kind && (kind->flags & KIND_YOUTH_JUSTICE)) {
		/* Victims are youth justice business, whatever the scope. */
		int rc = policy_victims(ctx, e);
		if (rc)
			return rc;
	}
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel;
	int rc = relation_of(ctx, &subject, kind, id, (enum relation)needed,
	                     &rel, person_id, e);
	if (rc)
		return rc;
	int victim = 0;
	if ((kind->flags & KIND_VICTIM_RULE) &&
	    (rc = victim_rule(ctx, &subject, *person_id, &rel, &victim, e)))
		return rc;
	if ((int)rel >= needed)
		return 0;
	/* A victim answers as any record outside the caseload does without
	 * a reason, whatever reason is given, so that the answer does not
	 * tell who is a victim. Nor does a reason open a case of a service
	 * whose work is confidential to its person, or what hangs from it.
	 * Without a reason such a record answers as any other outside the
	 * caseload, so that no id tells whether it is a parent's own
	 * support (session 25: the refusal below, given to every request,
	 * listed the parenting case ids). */
	int sealed = 0;
	if (!victim && !write && reason_ok(ctx->break_glass_reason) &&
	    (rc = glass_sealed(ctx, kind, id, &sealed, e)) != 0)
		return rc;
	/* No reason opens it: the one given is refused, saying who to ask
	 * (session 23: "give a reason" again was a dead end). */
	if (sealed == SEALED_CASE)
		return err_set(e, SPIRE_EFORBIDDEN, NULL, "%s", SEALED_OWN);
	if (sealed == SEALED_TEAM)
		return err_set(
		    e, SPIRE_EFORBIDDEN, NULL,
		    "This is held by a parenting team: its groups, "
		    "sessions, registers and mentors are parents’ own "
		    "support, which only the parenting service reads. A "
		    "reason does not open them. Ask the parenting team "
		    "that holds it, or a manager of the parenting "
		    "service");
	if (!victim && !sealed && !write &&
	    reason_ok(ctx->break_glass_reason)) {
		if (!ctx->break_glass) {
			ctx->glass_type = kind->name;
			ctx->glass_id = id;
			ctx->glass_person = *person_id;
		}
		ctx->break_glass = 1;
		return 0;
	}
	if (!write && ctx->break_glass_reason &&
	    !reason_ok(ctx->break_glass_reason))
		return reason_refused(ctx->break_glass_reason, e);
	return err_set(e, SPIRE_EFORBIDDEN, NULL, "%s",
	               write ? "This record is outside your caseload"
	                     : "This record is outside your caseload. To view "
	                       "it, give a reason");
}

int
policy_reference(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                 int write, const char *field, int64_t *person_id,
                 struct err *e)
{
	int rc = policy_record(ctx, kind, id, write, person_id, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field,
		               "Select a record from the list: this one does "
		               "not exist");
	if (rc == SPIRE_EFORBIDDEN) {
		char msg[sizeof(e->message)];
		snprintf(msg, sizeof(msg), "%s", e->message);
		if (policy_deny_audit(ctx, kind, id, *person_id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return err_set(e, SPIRE_EFORBIDDEN, field, "%s", msg);
	}
	return rc;
}

int
policy_glass_sealed(struct ctx *ctx, const struct record_kind *kind,
                    int64_t person_id, const char *field, struct err *e)
{
	if (!ctx->break_glass || !kind || !(kind->flags & KIND_SEALED))
		return 0;
	/* The reason opened the person, not these: nothing is read with
	 * it, so no break-glass read is recorded either. */
	ctx->break_glass = 0;
	if (!ctx_audit(ctx, "denied", "person", person_id, person_id))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return err_set(e, SPIRE_EFORBIDDEN, field, "%s", SEALED_OWN);
}

int
policy_reference_hidden(struct ctx *ctx, const struct record_kind *kind,
                        int64_t id, int write, const char *field,
                        const char *missing, struct err *e)
{
	int64_t person_id = 0;
	/* Every reference is made by a write, and a break-glass reason
	 * never stands in for write access (docs/access.md, "Write
	 * scope"): it opens no record the write names (session 24). */
	const char *reason = ctx->break_glass_reason;
	ctx->break_glass_reason = NULL;
	int rc = policy_record(ctx, kind, id, write, &person_id, e);
	ctx->break_glass_reason = reason;
	if (rc == SPIRE_EFORBIDDEN) {
		if (policy_deny_audit(ctx, kind, id, person_id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		rc = SPIRE_ENOTFOUND;
	}
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field, "%s", missing);
	return rc;
}

int
policy_team(struct ctx *ctx, int64_t team_id, const char *field, struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	if (ctx->user->role & ROLES_PRACTITIONER) {
		if (team_id == ctx->user->team_id)
			return 0;
		return err_set(e, SPIRE_EFORBIDDEN, field,
		               "You can only hold work in your own team");
	}
	if (ctx->user->role & ROLE_MANAGER) {
		json_t *team = NULL;
		int rc = store_teams_get(ctx_db(ctx), team_id, &team, e);
		if (rc == SPIRE_ENOTFOUND)
			return err_set(e, SPIRE_EINVAL, field,
			               "Select a team from the list: this team "
			               "does not exist");
		if (rc)
			return rc;
		int64_t svc =
		    json_integer_value(json_object_get(team, "service_id"));
		json_decref(team);
		if (svc == ctx->user->service_id)
			return 0;
		return err_set(
		    e, SPIRE_EFORBIDDEN, field,
		    "You can only allocate work within your service");
	}
	return err_set(e, SPIRE_EFORBIDDEN, field,
	               "Your role does not hold case work");
}

int
policy_reassign(struct ctx *ctx, int64_t holder_id, int unheld_ok,
                const char *field, const char *message, struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	if (ctx->user->role & ROLE_MANAGER)
		return 0;
	if ((ctx->user->role & ROLES_PRACTITIONER) &&
	    (holder_id ? holder_id == ctx->user->id : unheld_ok))
		return 0;
	return err_set(e, SPIRE_EFORBIDDEN, field, "%s", message);
}

int
policy_can(struct ctx *ctx, json_t *rec, int64_t holder_id, int unheld_ok,
           int under_closed, struct err *e)
{
	struct err ignore;
	err_clear(&ignore);
	/* Not a closed record (its change is refused: 409), nor one read
	 * through a break-glass reason, which never stands in for write
	 * access (session 24's attack: yes was said to both). */
	const char *status = json_string_value(json_object_get(rec, "status"));
	const json_t *closed = json_object_get(rec, "closed_at");
	int open = (!closed || json_is_null(closed)) &&
	           !(status && strcmp(status, "closed") == 0);
	int reassign =
	    open && !under_closed && !ctx->break_glass &&
	    policy_reassign(ctx, holder_id, unheld_ok, NULL, "", &ignore) == 0;
	json_t *can = json_pack("{s:b}", "reassign", reassign);
	if (!can || json_object_set_new(rec, "can", can))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

int
policy_deny_audit(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                  int64_t person_id)
{
	const char *type = kind ? policy_kind_name(kind) : NULL;
	json_t *members = NULL;
	int64_t family_id = 0;
	if (!person_id && kind && id) {
		struct err ignore;
		err_clear(&ignore);
		if (kind == RK_FAMILY)
			family_id = id;
		else if (scope_family_of(ctx_db(ctx), kind, id, &family_id,
		                         &ignore))
			family_id = 0;
		if (family_id && store_families_members(ctx_db(ctx), family_id,
		                                        &members, &ignore))
			members = NULL;
	}
	size_t i;
	json_t *m;
	int named = 0;
	json_array_foreach(members, i, m)
	{
		int64_t who =
		    json_integer_value(json_object_get(m, "person_id"));
		if (!who)
			continue;
		if (!ctx_audit(ctx, "denied", type, id, who)) {
			json_decref(members);
			return SPIRE_ENOMEM;
		}
		named = 1;
	}
	json_decref(members);
	if (!named && !ctx_audit(ctx, "denied", type, id, person_id))
		return SPIRE_ENOMEM;
	return 0;
}

/*
 * policy.c - record-level access decisions.
 */
#include "service/policy.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "service/roles.h"
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

static int
reason_ok(const char *reason)
{
	if (!reason)
		return 0;
	size_t n = 0;
	for (const char *p = reason; *p; p++)
		if (*p != ' ')
			n++;
	return n >= POLICY_REASON_MIN && valid_text(reason, 500);
}

int
policy_record(struct ctx *ctx, enum record_kind kind, int64_t id, int write,
              int64_t *person_id, struct err *e)
{
	*person_id = 0;
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "sign in first");
	int needed = policy_needed_relation(ctx->user->role);
	if (needed < 0)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "your role does not open case records");
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel;
	int rc = scope_relation(ctx_db(ctx), &subject, kind, id,
	                        (enum relation)needed, &rel, person_id, e);
	if (rc)
		return rc;
	if ((int)rel >= needed)
		return 0;
	if (!write && reason_ok(ctx->break_glass_reason)) {
		ctx->break_glass = 1;
		return 0;
	}
	if (!write && ctx->break_glass_reason)
		return err_set(e, SPIRE_EFORBIDDEN, "reason",
		               "a break-glass reason must be at least %d "
		               "characters",
		               POLICY_REASON_MIN);
	return err_set(e, SPIRE_EFORBIDDEN, NULL,
	               write ? "this %s is outside your caseload"
	                     : "this %s is outside your caseload; to view it "
	                       "you must give a reason (break glass)",
	               scope_kind_name(kind));
}

int
policy_reference(struct ctx *ctx, enum record_kind kind, int64_t id, int write,
                 const char *field, int64_t *person_id, struct err *e)
{
	int rc = policy_record(ctx, kind, id, write, person_id, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field, "no %s with id %lld",
		               scope_kind_name(kind), (long long)id);
	if (rc == SPIRE_EFORBIDDEN) {
		char msg[sizeof(e->message)];
		snprintf(msg, sizeof(msg), "%s", e->message);
		if (!ctx_audit(ctx, "denied", scope_kind_name(kind), id,
		               *person_id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return err_set(e, SPIRE_EFORBIDDEN, field, "%s", msg);
	}
	return rc;
}

int
policy_team(struct ctx *ctx, int64_t team_id, const char *field, struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "sign in first");
	if (ctx->user->role & ROLES_PRACTITIONER) {
		if (team_id == ctx->user->team_id)
			return 0;
		return err_set(e, SPIRE_EFORBIDDEN, field,
		               "you can only hold work in your own team");
	}
	if (ctx->user->role & ROLE_MANAGER) {
		json_t *team = NULL;
		int rc = store_teams_get(ctx_db(ctx), team_id, &team, e);
		if (rc == SPIRE_ENOTFOUND)
			return err_set(e, SPIRE_EINVAL, field, "no such team");
		if (rc)
			return rc;
		int64_t svc =
		    json_integer_value(json_object_get(team, "service_id"));
		json_decref(team);
		if (svc == ctx->user->service_id)
			return 0;
		return err_set(
		    e, SPIRE_EFORBIDDEN, field,
		    "you can only allocate work within your service");
	}
	return err_set(e, SPIRE_EFORBIDDEN, field,
	               "your role does not hold case work");
}

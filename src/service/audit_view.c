/*
 * audit_view.c - who may read which part of the audit trail. Not for
 * writing audit rows (ctx_audit) or checking the chain (audit_verify).
 */
#include "service/audit_view.h"

#include "service/policy.h"
#include "service/records.h"
#include "service/roles.h"
#include "store/audit.h"
#include "store/users.h"

/* May ctx's user see the entries about person_id? */
static int
check_person(struct ctx *ctx, int64_t person_id, struct err *e)
{
	int64_t about = 0;
	if (ctx_has_role(ctx, ROLE_ADMIN)) {
		/* Admins see metadata only, but the person must exist. */
		struct scope_subject subject = policy_subject(ctx);
		enum relation rel;
		return scope_relation(ctx_db(ctx), &subject, RK_PERSON,
		                      person_id, REL_NONE, &rel, &about, e);
	}
	if (!ctx_has_role(ctx, ROLE_MANAGER))
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "only managers and admins read the audit trail");
	int rc = policy_record(ctx, RK_PERSON, person_id, 0, &about, e);
	if (rc == SPIRE_EFORBIDDEN) {
		struct audit_entry *a =
		    ctx_audit(ctx, "denied", "person", person_id, person_id);
		if (a)
			a->detail = "audit_view";
	}
	return rc;
}

/* May ctx's user see the entries written by user_id? */
static int
check_user(struct ctx *ctx, int64_t user_id, struct err *e)
{
	int manager = ctx_has_role(ctx, ROLE_MANAGER);
	if (!manager && !ctx_has_role(ctx, ROLE_ADMIN))
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "only managers and admins read the audit trail");
	json_t *u = NULL;
	int rc = store_users_get(ctx_db(ctx), user_id, &u, e);
	if (rc == SPIRE_ENOTFOUND)
		rc = err_set(e, rc, "user_id", "no such user");
	if (rc == 0 && manager &&
	    json_integer_value(json_object_get(u, "service_id")) !=
	        ctx->user->service_id)
		rc = err_set(e, SPIRE_EFORBIDDEN, "user_id",
		             "you can only see the audit of users in your "
		             "service");
	json_decref(u);
	return rc;
}

int
audit_view(struct ctx *ctx, const struct audit_query *q, json_t **out,
           struct err *e)
{
	*out = NULL;
	if ((q->person_id != 0) == (q->user_id != 0))
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "give either person_id or user_id");
	int by_person = q->person_id != 0;
	int64_t id = by_person ? q->person_id : q->user_id;
	int rc = by_person ? check_person(ctx, id, e) : check_user(ctx, id, e);
	if (rc)
		return rc;
	json_t *rows = NULL;
	struct db *db = ctx_db(ctx);
	rc = by_person ? audit_list_for_person(db, id, q->limit + 1, q->offset,
	                                       &rows, e)
	               : audit_list_for_user(db, id, q->limit + 1, q->offset,
	                                     &rows, e);
	if (rc)
		return rc;
	*out = records_page(rows, q->limit, q->offset);
	if (!*out ||
	    !ctx_audit(ctx, "audit_view", by_person ? "person" : "user", id,
	               by_person ? id : 0)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

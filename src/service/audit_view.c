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
may_see_person(struct ctx *ctx, int64_t person_id, struct err *e)
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
		return err_set(
		    e, SPIRE_EFORBIDDEN, NULL,
		    "Only managers and administrators can see the audit trail");
	int rc = policy_record(ctx, RK_PERSON, person_id, 0, &about, e);
	if (rc == SPIRE_EFORBIDDEN) {
		struct audit_entry *a =
		    ctx_audit(ctx, "denied", "person", person_id, person_id);
		if (a)
			a->detail = "audit_view";
	}
	return rc;
}

/* may_see_person, where a filter naming nobody is a 400 naming it, as on
 * every list. */
static int
check_person(struct ctx *ctx, int64_t person_id, struct err *e)
{
	int rc = may_see_person(ctx, person_id, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "There is no such person");
	return rc;
}

/* May ctx's user see the entries written by user_id? */
static int
check_user(struct ctx *ctx, int64_t user_id, struct err *e)
{
	int manager = ctx_has_role(ctx, ROLE_MANAGER);
	if (!manager && !ctx_has_role(ctx, ROLE_ADMIN))
		return err_set(
		    e, SPIRE_EFORBIDDEN, NULL,
		    "Only managers and administrators can see the audit trail");
	json_t *u = NULL;
	int rc = store_users_get(ctx_db(ctx), user_id, &u, e);
	if (rc == SPIRE_ENOTFOUND)
		rc = err_set(e, SPIRE_EINVAL, "user_id",
		             "There is no such user");
	if (rc == 0 && manager &&
	    json_integer_value(json_object_get(u, "service_id")) !=
	        ctx->user->service_id)
		rc = err_set(e, SPIRE_EFORBIDDEN, "user_id",
		             "You can only see the audit of users in your "
		             "service");
	json_decref(u);
	return rc;
}

int
audit_view(struct ctx *ctx, const struct audit_query *q, json_t **out,
           struct err *e)
{
	*out = NULL;
	if (!q->person_id && !q->user_id)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "Choose whose record, or which user, to see the "
		               "audit of");
	int rc = q->person_id ? check_person(ctx, q->person_id, e) : 0;
	if (rc == 0 && q->user_id)
		rc = check_user(ctx, q->user_id, e);
	if (rc)
		return rc;
	struct audit_filter f = {
	    .person_id = q->person_id,
	    .user_id = q->user_id,
	    .before = q->before,
	    .limit = q->limit + 1,
	    .offset = q->offset,
	};
	json_t *rows = NULL;
	rc = audit_list(ctx_db(ctx), &f, &rows, e);
	if (rc)
		return rc;
	*out = records_page(rows, q->limit, q->offset);
	if (*out) {
		json_t *items = json_object_get(*out, "items");
		size_t n = json_array_size(items);
		json_t *last =
		    json_object_get(json_array_get(items, n - 1), "seq");
		int more = json_is_true(json_object_get(*out, "has_more"));
		if (q->before)
			json_object_set_new(*out, "before",
			                    json_integer(q->before));
		json_object_set_new(*out, "next_cursor",
		                    more && n
		                        ? json_integer(json_integer_value(last))
		                        : json_null());
	}
	if (!*out ||
	    !ctx_audit(ctx, "audit_view", q->person_id ? "person" : "user",
	               q->person_id ? q->person_id : q->user_id,
	               q->person_id)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

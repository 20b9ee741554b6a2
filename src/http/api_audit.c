/*
 * api_audit.c - GET /api/v1/audit?person_id=N &| user_id=N [&before=SEQ]:
 * who looked at a child, what a user looked at, or both. `before` is the
 * page cursor (next_cursor of the previous page). The ids come from the
 * query, so the service (service/audit_view.c) makes the access decision.
 */
#include "http/api.h"
#include "service/audit_view.h"
#include "service/roles.h"

static int
api_audit_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	struct audit_query q = {0};
	int rc = api_paging(req, &q.limit, &q.offset, e);
	if (rc == 0)
		rc = api_query_id(req, "person_id", &q.person_id, e);
	if (rc == 0)
		rc = api_query_id(req, "user_id", &q.user_id, e);
	if (rc == 0)
		rc = api_query_id(req, "before", &q.before, e);
	if (rc)
		return rc;
	json_t *page = NULL;
	rc = audit_view(ctx, &q, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

const struct route API_AUDIT_ROUTES[] = {
    {"GET", "/api/v1/audit?person_id&user_id&before&" API_Q_PAGING,
     api_audit_list, ROLE_MANAGER | ROLE_ADMIN, RK_NONE, 0, NULL, NULL},
    {0},
};

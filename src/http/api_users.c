/*
 * api_users.c - /api/v1/users: list, create, read, change, disable and
 * enable accounts. Who may see which accounts is decided in
 * service/users.c; this file only parses requests and replies.
 */
#include "core/validate.h"
#include "http/api.h"
#include "service/roles.h"
#include "service/users.h"

#include <string.h>

static int
api_users_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	struct user_filter f = {0};
	int64_t limit, offset;
	int rc = api_paging(req, &limit, &offset, e);
	if (rc == 0)
		rc = api_query_id(req, "team_id", &f.team_id, e);
	if (rc == 0)
		rc = api_query_bool(req, "enabled", &f.enabled_only, e);
	if (rc == 0)
		rc = api_query_bool(req, "disabled", &f.disabled_only, e);
	if (rc)
		return rc;
	/* The Users page's search: a role, and words of a name or username. */
	f.role = http_query(req, "role");
	f.words = http_query(req, "q");
	if (f.enabled_only && f.disabled_only)
		err_add(e, SPIRE_EINVAL, "disabled",
		        "Choose active or disabled accounts, not both");
	if (f.role && !role_from_name(f.role))
		err_add(e, SPIRE_EINVAL, "role", "Select a role from the list");
	/* Characters, not bytes: a name in Greek or Cyrillic is two bytes
	 * a letter (the address was checked for unreadable text already). */
	if (f.words && text_problem(f.words, 100, 1) == TEXT_TOO_LONG)
		err_add(e, SPIRE_EINVAL, "q",
		        "Enter 100 characters or fewer to search for");
	if (e->code)
		return e->code;
	json_t *page = NULL;
	rc = users_list(ctx, &f, limit, offset, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_users_create(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = users_create_json(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_users_get(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = users_show(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_users_update(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = users_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

/* Disable or enable the account: the route's data says which. */
static int
api_users_set_disabled(struct ctx *ctx, struct http_request *req,
                       struct http_response *res, struct err *e)
{
	const int *disabled = req->data;
	json_t *rec = NULL;
	int rc =
	    users_set_disabled(ctx, req->id, *disabled, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static const int DISABLE = 1, ENABLE = 0;

/* Casework roles list colleagues (to allocate work, record attendees);
 * everyone may read their own account; only admins change accounts. */
const struct route API_USERS_ROUTES[] = {
    {"GET", "/api/v1/users?team_id&enabled&disabled&role&q&" API_Q_PAGING,
     api_users_list, ROLE_ADMIN | ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/users", api_users_create, ROLE_ADMIN, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/users/{id}", api_users_get, ROLES_ANY, RK_NONE, 0, NULL,
     NULL},
    {"PATCH", "/api/v1/users/{id}", api_users_update, ROLE_ADMIN, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/users/{id}/disable", api_users_set_disabled, ROLE_ADMIN,
     RK_NONE, RF_WRITE | RF_JSON, &DISABLE, NULL},
    {"POST", "/api/v1/users/{id}/enable", api_users_set_disabled, ROLE_ADMIN,
     RK_NONE, RF_WRITE | RF_JSON, &ENABLE, NULL},
    {0},
};

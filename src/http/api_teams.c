/*
 * api_teams.c - /api/v1/teams and /api/v1/services: the organisation
 * every user, case and task hangs off. Any staff member may read it;
 * only admins change it.
 */
#include "http/api.h"
#include "service/roles.h"
#include "service/users.h"

/* Reply {"items": list} (list stolen). */
static int
reply_items(struct http_request *req, struct http_response *res, json_t *list,
            struct err *e)
{
	json_t *body = json_pack("{s:o}", "items", list);
	if (!body)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return http_reply_json(req, res, 200, body);
}

static int
api_teams_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	int64_t service_id;
	int rc = api_query_id(req, "service_id", &service_id, e);
	if (rc)
		return rc;
	json_t *list = NULL;
	rc = teams_list(ctx, service_id, &list, e);
	return rc ? rc : reply_items(req, res, list, e);
}

static int
api_services_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *list = NULL;
	int rc = services_list(ctx, &list, e);
	return rc ? rc : reply_items(req, res, list, e);
}

static int
api_teams_create(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = teams_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_teams_update(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = teams_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_TEAMS_ROUTES[] = {
    {"GET", "/api/v1/teams?service_id", api_teams_list, ROLES_STAFF, RK_NONE, 0,
     NULL, NULL},
    {"POST", "/api/v1/teams", api_teams_create, ROLE_ADMIN, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"PATCH", "/api/v1/teams/{id}", api_teams_update, ROLE_ADMIN, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/services", api_services_list, ROLES_STAFF, RK_NONE, 0,
     NULL, NULL},
    {0},
};

/*
 * api_yj_victims.c - /api/v1/victims: victims of a child's offences and the
 * work with them; list, get, record, correct, close.
 */
#include "http/api_yj.h"
#include "service/roles.h"
#include "service/yj_victims.h"

static int
api_yj_victims_list(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	return api_yj_list(ctx, req, res, yj_victims_list, e);
}

static int
api_yj_victims_get(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	return api_yj_get(ctx, req, res, &YJ_VICTIMS, e);
}

static int
api_yj_victims_create(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	return api_yj_create(ctx, req, res, &YJ_VICTIMS, e);
}

static int
api_yj_victims_update(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	return api_yj_update(ctx, req, res, &YJ_VICTIMS, e);
}

static int
api_yj_victims_close(struct ctx *ctx, struct http_request *req,
                     struct http_response *res, struct err *e)
{
	return api_yj_close(ctx, req, res, &YJ_VICTIMS, e);
}

static int
api_yj_victims_reopen(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	return api_yj_reopen(ctx, req, res, &YJ_VICTIMS, e);
}

const struct route API_YJ_VICTIMS_ROUTES[] = {
    {"GET", "/api/v1/victims" API_Q_YJ_LIST, api_yj_victims_list, ROLES_YJ,
     RK_NONE, 0},
    {"POST", "/api/v1/victims", api_yj_victims_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON},
    {"GET", "/api/v1/victims/{id}", api_yj_victims_get, ROLES_YJ, RK_VICTIM, 0},
    {"PATCH", "/api/v1/victims/{id}", api_yj_victims_update, ROLES_YJ,
     RK_VICTIM, RF_WRITE | RF_JSON},
    {"POST", "/api/v1/victims/{id}/close", api_yj_victims_close, ROLES_YJ,
     RK_VICTIM, RF_WRITE | RF_JSON},
    {"POST", "/api/v1/victims/{id}/reopen", api_yj_victims_reopen, ROLES_YJ,
     RK_VICTIM, RF_WRITE | RF_JSON},
    {NULL, NULL, NULL, 0, RK_NONE, 0},
};

/*
 * api_yj_offences.c - /api/v1/offences: a case's or child's offences; get,
 * record, correct, close (entered in error).
 */
#include "http/api_yj.h"
#include "service/roles.h"
#include "service/yj_offences.h"

static int
api_yj_offences_list(struct ctx *ctx, struct http_request *req,
                     struct http_response *res, struct err *e)
{
	return api_yj_list(ctx, req, res, yj_offences_list, e);
}

static int
api_yj_offences_get(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	return api_yj_get(ctx, req, res, &YJ_OFFENCES, e);
}

static int
api_yj_offences_create(struct ctx *ctx, struct http_request *req,
                       struct http_response *res, struct err *e)
{
	return api_yj_create(ctx, req, res, &YJ_OFFENCES, e);
}

static int
api_yj_offences_update(struct ctx *ctx, struct http_request *req,
                       struct http_response *res, struct err *e)
{
	return api_yj_update(ctx, req, res, &YJ_OFFENCES, e);
}

static int
api_yj_offences_close(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	return api_yj_close(ctx, req, res, &YJ_OFFENCES, e);
}

static int
api_yj_offences_reopen(struct ctx *ctx, struct http_request *req,
                       struct http_response *res, struct err *e)
{
	return api_yj_reopen(ctx, req, res, &YJ_OFFENCES, e);
}

const struct route API_YJ_OFFENCES_ROUTES[] = {
    {"GET", "/api/v1/offences" API_Q_YJ_LIST, api_yj_offences_list,
     ROLES_CASEWORK, RK_NONE, 0},
    {"POST", "/api/v1/offences", api_yj_offences_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON},
    {"GET", "/api/v1/offences/{id}", api_yj_offences_get, ROLES_CASEWORK,
     RK_OFFENCE, 0},
    {"PATCH", "/api/v1/offences/{id}", api_yj_offences_update, ROLES_YJ,
     RK_OFFENCE, RF_WRITE | RF_JSON},
    {"POST", "/api/v1/offences/{id}/close", api_yj_offences_close, ROLES_YJ,
     RK_OFFENCE, RF_WRITE | RF_JSON},
    {"POST", "/api/v1/offences/{id}/reopen", api_yj_offences_reopen, ROLES_YJ,
     RK_OFFENCE, RF_WRITE | RF_JSON},
    {NULL, NULL, NULL, 0, RK_NONE, 0},
};

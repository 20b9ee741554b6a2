/*
 * api_yj_kpi.c - /api/v1/kpi-snapshots: KPI snapshots at the start and end of
 * an intervention and on release; list, get, record, correct, close.
 */
#include "http/api_yj.h"
#include "service/roles.h"
#include "service/yj_kpi.h"

static int
api_yj_kpi_list(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	return api_yj_list(ctx, req, res, yj_kpi_list, e);
}

static int
api_yj_kpi_get(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	return api_yj_get(ctx, req, res, &YJ_KPI, e);
}

static int
api_yj_kpi_create(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	return api_yj_create(ctx, req, res, &YJ_KPI, e);
}

static int
api_yj_kpi_update(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	return api_yj_update(ctx, req, res, &YJ_KPI, e);
}

static int
api_yj_kpi_close(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	return api_yj_close(ctx, req, res, &YJ_KPI, e);
}

const struct route API_YJ_KPI_ROUTES[] = {
    {"GET", "/api/v1/kpi-snapshots" API_Q_YJ_LIST, api_yj_kpi_list,
     ROLES_CASEWORK, RK_NONE, 0},
    {"POST", "/api/v1/kpi-snapshots", api_yj_kpi_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON},
    {"GET", "/api/v1/kpi-snapshots/{id}", api_yj_kpi_get, ROLES_CASEWORK,
     RK_KPI_SNAPSHOT, 0},
    {"PATCH", "/api/v1/kpi-snapshots/{id}", api_yj_kpi_update, ROLES_YJ,
     RK_KPI_SNAPSHOT, RF_WRITE | RF_JSON},
    {"POST", "/api/v1/kpi-snapshots/{id}/close", api_yj_kpi_close, ROLES_YJ,
     RK_KPI_SNAPSHOT, RF_WRITE | RF_JSON},
    {NULL, NULL, NULL, 0, RK_NONE, 0},
};

/*
 * api_yj_assessments.c - /api/v1/assessments: assessment results and the
 * prevention and diversion form; list, get, record, correct, close.
 */
#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_assessments.h"

/* What the generic youth justice handlers (api_yj.c) serve here. */
static const struct api_yj_records RECORDS = {&YJ_ASSESSMENTS,
                                              yj_assessments_list};

static int
api_yj_assessments_create(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_assessments_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_yj_assessments_update(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_assessments_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_YJ_ASSESSMENTS_ROUTES[] = {
    {"GET", "/api/v1/assessments" API_Q_YJ_LIST, api_yj_list, ROLES_CASEWORK,
     RK_NONE, 0, &RECORDS, NULL},
    {"POST", "/api/v1/assessments", api_yj_assessments_create, ROLES_YJ,
     RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/assessments/{id}", api_yj_get, ROLES_CASEWORK,
     RK_ASSESSMENT, 0, &RECORDS, NULL},
    {"PATCH", "/api/v1/assessments/{id}", api_yj_assessments_update, ROLES_YJ,
     RK_ASSESSMENT, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/assessments/{id}/close", api_yj_close, ROLES_YJ,
     RK_ASSESSMENT, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {0},
};

/*
 * api_cases.c - /api/v1/cases: caseload lists, get, open, reallocate,
 * close; the practitioners who may be added to a case's work.
 */
#include "http/api.h"
#include "service/cases.h"
#include "service/roles.h"
#include "service/tasks.h"

static int
api_cases_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	struct cases_filter f = {.status = http_query(req, "status")};
	int rc = api_paging(req, &f.limit, &f.offset, e);
	if (rc == 0)
		rc = api_query_bool(req, "mine", &f.mine, e);
	if (rc == 0)
		rc = api_query_bool(req, "team", &f.team, e);
	if (rc == 0)
		rc = api_query_id(req, "person_id", &f.person_id, e);
	if (rc)
		return rc;
	json_t *page = NULL;
	rc = cases_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_cases_get(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = cases_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_cases_create(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = cases_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_cases_update(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = cases_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_cases_close(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = cases_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_cases_reopen(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = cases_reopen(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

/* Who may be added to the case's contacts, tasks and reports. */
static int
api_cases_practitioners(struct ctx *ctx, struct http_request *req,
                        struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = tasks_practitioners(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_CASES_ROUTES[] = {
    {"GET", "/api/v1/cases?status&mine&team&person_id&" API_Q_PAGING,
     api_cases_list, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/cases", api_cases_create, ROLES_CASEWORK, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/cases/{id}", api_cases_get, ROLES_CASEWORK, RK_CASE, 0,
     NULL, NULL},
    {"PATCH", "/api/v1/cases/{id}", api_cases_update, ROLES_CASEWORK, RK_CASE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/cases/{id}/close", api_cases_close, ROLES_CASEWORK,
     RK_CASE, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/cases/{id}/reopen", api_cases_reopen, ROLES_CASEWORK,
     RK_CASE, RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/cases/{id}/practitioners", api_cases_practitioners,
     ROLES_CASEWORK, RK_CASE, 0, NULL, NULL},
    {0},
};

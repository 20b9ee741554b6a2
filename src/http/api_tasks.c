/*
 * api_tasks.c - /api/v1/tasks: my tasks, my team's (overdue) tasks, a
 * case's tasks; get, create, change, mark done (and undo it), cancel.
 */
#include "http/api.h"
#include "service/roles.h"
#include "service/tasks.h"

static int
api_tasks_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	struct tasks_filter f = {.status = http_query(req, "status")};
	int rc = api_query_bool(req, "mine", &f.mine, e);
	if (rc == 0)
		rc = api_query_bool(req, "team", &f.team, e);
	if (rc == 0)
		rc = api_query_bool(req, "overdue", &f.overdue, e);
	if (rc == 0)
		rc = api_query_id(req, "case_id", &f.case_id, e);
	if (rc == 0)
		rc = api_paging(req, &f.limit, &f.offset, e);
	json_t *page = NULL;
	if (rc == 0)
		rc = tasks_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_tasks_get(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_tasks_create(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_tasks_update(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_tasks_done(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_done(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_tasks_reopen(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_reopen(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_tasks_close(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = tasks_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_TASKS_ROUTES[] = {
    {"GET", "/api/v1/tasks?status&mine&team&overdue&case_id&" API_Q_PAGING,
     api_tasks_list, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/tasks", api_tasks_create, ROLES_CASEWORK, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/tasks/{id}", api_tasks_get, ROLES_CASEWORK, RK_TASK, 0,
     NULL, NULL},
    {"PATCH", "/api/v1/tasks/{id}", api_tasks_update, ROLES_CASEWORK, RK_TASK,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/tasks/{id}/done", api_tasks_done, ROLES_CASEWORK, RK_TASK,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/tasks/{id}/reopen", api_tasks_reopen, ROLES_CASEWORK,
     RK_TASK, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/tasks/{id}/close", api_tasks_close, ROLES_CASEWORK,
     RK_TASK, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

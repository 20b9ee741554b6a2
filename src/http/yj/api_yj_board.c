/*
 * api_yj_board.c - /api/v1/board-meetings: youth justice management board
 * meetings with each partner agency's attendance; list and read (managers
 * and analysts), record, change, close (youth justice managers).
 */
#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_board.h"

#define BOARD_READERS (ROLE_MANAGER | ROLE_ANALYST)

static int
api_yj_board_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	int64_t limit, offset;
	int include_closed = 0;
	int rc = api_paging(req, &limit, &offset, e);
	if (rc == 0)
		rc = api_query_bool(req, "include_closed", &include_closed, e);
	json_t *page = NULL;
	if (rc == 0)
		rc = yj_board_list(ctx, http_query(req, "from"),
		                   http_query(req, "to"), include_closed, limit,
		                   offset, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_yj_board_get(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_board_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_yj_board_create(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_board_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_yj_board_update(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_board_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_yj_board_close(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = yj_board_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_YJ_BOARD_ROUTES[] = {
    {"GET", "/api/v1/board-meetings?from&to&include_closed&" API_Q_PAGING,
     api_yj_board_list, BOARD_READERS, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/board-meetings", api_yj_board_create, ROLE_MANAGER,
     RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/board-meetings/{id}", api_yj_board_get, BOARD_READERS,
     RK_NONE, 0, NULL, NULL},
    {"PATCH", "/api/v1/board-meetings/{id}", api_yj_board_update, ROLE_MANAGER,
     RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/board-meetings/{id}/close", api_yj_board_close,
     ROLE_MANAGER, RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

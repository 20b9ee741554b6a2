/*
 * api_yj.c - handler bodies shared by the youth justice record APIs.
 */
#include "http/yj/api_yj.h"

int
api_yj_list_args(struct http_request *req, struct yj_list_args *a,
                 struct err *e)
{
	int rc = api_query_id(req, "case_id", &a->case_id, e);
	if (rc == 0)
		rc = api_query_id(req, "person_id", &a->person_id, e);
	if (rc == 0 && !a->case_id == !a->person_id)
		rc = err_set(e, SPIRE_EINVAL, "case_id",
		             "Choose a case or a child (one of them)");
	if (rc == 0)
		rc = api_query_bool(req, "include_closed", &a->include_closed,
		                    e);
	if (rc == 0)
		rc = api_paging(req, &a->limit, &a->offset, e);
	return rc;
}

int
api_yj_list(struct ctx *ctx, struct http_request *req,
            struct http_response *res, struct err *e)
{
	const struct api_yj_records *d = req->data;
	struct yj_list_args a = {0};
	json_t *page = NULL;
	int rc = api_yj_list_args(req, &a, e);
	if (rc == 0)
		rc = d->list(ctx, &a, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

int
api_yj_get(struct ctx *ctx, struct http_request *req, struct http_response *res,
           struct err *e)
{
	const struct api_yj_records *d = req->data;
	json_t *rec = NULL;
	int rc = yj_get(ctx, d->resource, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

int
api_yj_create(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	const struct api_yj_records *d = req->data;
	json_t *rec = NULL;
	int rc = yj_create(ctx, d->resource, req->json, NULL, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

int
api_yj_update(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	const struct api_yj_records *d = req->data;
	json_t *rec = NULL;
	int rc = yj_update(ctx, d->resource, req->id, req->json, NULL, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

int
api_yj_reopen(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	const struct api_yj_records *d = req->data;
	json_t *rec = NULL;
	int rc = yj_reopen(ctx, d->resource, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

int
api_yj_close(struct ctx *ctx, struct http_request *req,
             struct http_response *res, struct err *e)
{
	const struct api_yj_records *d = req->data;
	json_t *rec = NULL;
	int rc = yj_close(ctx, d->resource, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

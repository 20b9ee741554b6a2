/*
 * api_consents.c - /api/v1/consents: a person's consents and information
 * sharing agreements; get, record, correct, withdraw.
 */
#include "http/api.h"
#include "service/consents.h"
#include "service/roles.h"

static int
api_consents_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	int64_t person_id = 0, limit, offset;
	int rc = api_query_id(req, "person_id", &person_id, e);
	if (rc == 0 && !person_id)
		rc = err_set(e, SPIRE_EINVAL, "person_id",
		             "Choose whose consents to show");
	if (rc == 0)
		rc = api_paging(req, &limit, &offset, e);
	json_t *page = NULL;
	if (rc == 0)
		rc = consents_list(ctx, person_id, limit, offset, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_consents_get(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = consents_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_consents_create(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = consents_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_consents_update(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = consents_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_consents_withdraw(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = consents_withdraw(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_CONSENTS_ROUTES[] = {
    {"GET", "/api/v1/consents?person_id&" API_Q_PAGING, api_consents_list,
     ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/consents", api_consents_create, ROLES_CASEWORK, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/consents/{id}", api_consents_get, ROLES_CASEWORK,
     RK_CONSENT, 0, NULL, NULL},
    {"PATCH", "/api/v1/consents/{id}", api_consents_update, ROLES_CASEWORK,
     RK_CONSENT, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/consents/{id}/withdraw", api_consents_withdraw,
     ROLES_CASEWORK, RK_CONSENT, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

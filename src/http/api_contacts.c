/*
 * api_contacts.c - /api/v1/contacts: a case's contacts, get, record (with
 * attendees and follow-up tasks), correct, mark entered in error.
 */
#include "http/api.h"
#include "service/contacts.h"
#include "service/roles.h"

static int
api_contacts_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	int64_t case_id = 0, limit, offset;
	int include_closed = 0;
	int rc = api_query_id(req, "case_id", &case_id, e);
	if (rc == 0 && !case_id)
		rc = err_set(e, SPIRE_EINVAL, "case_id",
		             "Choose which case's contacts to show");
	if (rc == 0)
		rc = api_paging(req, &limit, &offset, e);
	if (rc == 0)
		rc = api_query_bool(req, "include_closed", &include_closed, e);
	json_t *page = NULL;
	if (rc == 0)
		rc = contacts_list(ctx, case_id, include_closed, limit, offset,
		                   &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_contacts_get(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = contacts_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_contacts_create(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = contacts_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_contacts_update(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = contacts_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_contacts_close(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = contacts_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_CONTACTS_ROUTES[] = {
    {"GET", "/api/v1/contacts?case_id&include_closed&" API_Q_PAGING,
     api_contacts_list, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/contacts", api_contacts_create, ROLES_CASEWORK, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/contacts/{id}", api_contacts_get, ROLES_CASEWORK,
     RK_CONTACT, 0, NULL, NULL},
    {"PATCH", "/api/v1/contacts/{id}", api_contacts_update, ROLES_CASEWORK,
     RK_CONTACT, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/contacts/{id}/close", api_contacts_close, ROLES_CASEWORK,
     RK_CONTACT, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

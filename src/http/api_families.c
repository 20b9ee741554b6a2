/*
 * api_families.c - /api/v1/families and /api/v1/family-members: a
 * person's families, get, create, update, close a family; add, change and
 * end a membership.
 */
#include "http/api.h"
#include "service/families.h"
#include "service/roles.h"

static int
api_families_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	int64_t person_id;
	int rc = api_query_id(req, "person_id", &person_id, e);
	if (rc)
		return rc;
	if (!person_id)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "Choose whose families to show");
	json_t *items = NULL, *elsewhere = NULL;
	rc = families_for_person(ctx, person_id, &items, &elsewhere, e);
	return rc ? rc
	          : http_reply_json(req, res, 200,
	                            json_pack("{s:o, s:o}", "items", items,
	                                      "families_elsewhere", elsewhere));
}

static int
api_families_get(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_families_create(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_create(ctx, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_families_update(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_families_close(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_families_reopen(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_reopen(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_families_add_member(struct ctx *ctx, struct http_request *req,
                        struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = families_add_member(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_family_members_update(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = family_members_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_family_members_close(struct ctx *ctx, struct http_request *req,
                         struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = family_members_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

#define WRITE (RF_WRITE | RF_JSON)

const struct route API_FAMILIES_ROUTES[] = {
    {"GET", "/api/v1/families?person_id", api_families_list, ROLES_CASEWORK,
     RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/families", api_families_create, ROLES_CASEWORK, RK_NONE,
     WRITE, NULL, NULL},
    {"GET", "/api/v1/families/{id}", api_families_get, ROLES_CASEWORK,
     RK_FAMILY, 0, NULL, NULL},
    {"PATCH", "/api/v1/families/{id}", api_families_update, ROLES_CASEWORK,
     RK_FAMILY, WRITE, NULL, NULL},
    {"POST", "/api/v1/families/{id}/close", api_families_close, ROLES_CASEWORK,
     RK_FAMILY, WRITE, NULL, NULL},
    {"POST", "/api/v1/families/{id}/reopen", api_families_reopen,
     ROLES_CASEWORK, RK_FAMILY, WRITE, NULL, NULL},
    {"POST", "/api/v1/families/{id}/members", api_families_add_member,
     ROLES_CASEWORK, RK_FAMILY, WRITE, NULL, NULL},
    {"PATCH", "/api/v1/family-members/{id}", api_family_members_update,
     ROLES_CASEWORK, RK_FAMILY_MEMBER, WRITE, NULL, NULL},
    {"POST", "/api/v1/family-members/{id}/close", api_family_members_close,
     ROLES_CASEWORK, RK_FAMILY_MEMBER, WRITE, NULL, NULL},
    {0},
};

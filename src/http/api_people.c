/*
 * api_people.c - /api/v1/people: search, duplicates, get, create, update,
 * close.
 */
#include "http/api.h"
#include "core/buf.h"
#include "core/validate.h"
#include "service/people.h"
#include "service/people_merge.h"
#include "service/roles.h"

static int
api_people_list(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	struct people_search q = {
	    .q = http_query(req, "q"),
	    .date_of_birth = http_query(req, "date_of_birth"),
	    .identifier = http_query(req, "identifier"),
	};
	int rc = api_paging(req, &q.limit, &q.offset, e);
	if (rc == 0)
		rc =
		    api_query_bool(req, "include_closed", &q.include_closed, e);
	/* A filter that cannot match is a mistake to report, not an empty
	 * page of results. */
	if (rc == 0 && q.date_of_birth && !valid_date(q.date_of_birth))
		rc = err_set(e, SPIRE_EINVAL, "date_of_birth",
		             "Enter a real date of birth");
	if (rc == 0 && q.identifier && !*q.identifier)
		rc = err_set(e, SPIRE_EINVAL, "identifier",
		             "Enter an identifier");
	if (rc)
		return rc;
	json_t *page = NULL;
	rc = people_search(ctx, &q, &page, e);
	if (rc)
		return rc;
	return http_reply_json(req, res, 200, page);
}

static int
api_people_get(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	/* Written straight as text, every person shown audited by the
	 * service: no tree to build, walk and free. */
	struct buf b;
	buf_init_arena(&b, ARENA_DEFAULT_CAP, req->arena);
	buf_reserve(&b, 4095);
	int rc = people_get(ctx, req->id, &b, e);
	return rc ? rc : http_reply_json_text(req, res, 200, b.p, b.len);
}

static int
api_people_create(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *rec = NULL, *dups = NULL;
	int rc = people_create(ctx, req->json, &rec, &dups, e);
	if (rc == SPIRE_ECONFLICT && dups) {
		return http_reply_duplicates(req, res, e->message, dups);
	}
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_people_duplicates(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	json_t *dups = NULL;
	int rc = people_duplicates(ctx, req->json, &dups, e);
	return rc ? rc
	          : http_reply_json(req, res, 200,
	                            json_pack("{s:o}", "items", dups));
}

static int
api_people_update(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = people_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_people_close(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = people_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_people_reopen(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = people_reopen(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

/* ?kept_id&merged_id: ids that are not numbers named here, both at once
 * and with any parameter the route does not take (RF_QUERY_GATHERS);
 * missing ones and ids naming no one by the service, in that order. */
static int
api_merge_preview(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	static const char *const keys[2] = {"kept_id", "merged_id"};
	static const char *const missing[2] = {
	    "Choose the record to keep", "Choose the record to merge into it"};
	int64_t id[2] = {0, 0};
	struct err one;
	for (int i = 0; i < 2; i++) {
		err_clear(&one);
		if (api_query_id(req, keys[i], &id[i], &one))
			err_rule(e, keys[i], "%s", missing[i]);
	}
	for (int i = 0; e->code && i < 2; i++)
		if (!id[i] && !err_names(e, keys[i]))
			err_rule(e, keys[i], "%s", missing[i]);
	if (e->code)
		return e->code;
	json_t *out = NULL;
	int rc = people_merge_preview(ctx, id[0], id[1], &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_merge_apply(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = people_merge_apply(ctx, req->json, &out, e);
	return rc ? rc : http_reply_json(req, res, 201, out);
}

static int
api_merge_undo(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = people_merge_undo(ctx, req->id, req->json, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_merge_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = people_merge_list(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_PEOPLE_ROUTES[] = {
    /* Merging duplicate records (docs/people-merge.md): managers, with
     * their own relation to both people. */
    {"GET", "/api/v1/people/merges/preview?kept_id&merged_id",
     api_merge_preview, ROLE_MANAGER, RK_NONE, RF_QUERY_GATHERS, NULL, NULL},
    {"POST", "/api/v1/people/merges", api_merge_apply, ROLE_MANAGER, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/people/merges/{id}/undo", api_merge_undo, ROLE_MANAGER,
     RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/people/{id}/merges", api_merge_list, ROLES_CASEWORK,
     RK_PERSON, 0, NULL, NULL},
    {"GET",
     "/api/v1/people?q&date_of_birth&identifier&include_closed&" API_Q_PAGING,
     api_people_list, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/people", api_people_create, ROLES_CASEWORK, RK_NONE,
     RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/people/duplicates", api_people_duplicates, ROLES_CASEWORK,
     RK_NONE, RF_JSON, NULL, NULL},
    {"GET", "/api/v1/people/{id}", api_people_get, ROLES_CASEWORK, RK_PERSON, 0,
     NULL, NULL},
    {"PATCH", "/api/v1/people/{id}", api_people_update, ROLES_CASEWORK,
     RK_PERSON, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/people/{id}/close", api_people_close, ROLES_CASEWORK,
     RK_PERSON, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/people/{id}/reopen", api_people_reopen, ROLES_CASEWORK,
     RK_PERSON, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

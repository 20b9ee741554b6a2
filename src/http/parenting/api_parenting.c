/*
 * api_parenting.c - /api/v1/parenting/...: the parent worker's home page
 * in one answer, and each of its lists in full (parents to meet, my
 * parents, all that is due, the home page's misses), and "seen at start,
 * review and end"
 * (the misses in the user's scope, or every point of one child's
 * interventions). Service: service/parenting/parent_views.c.
 */
#include "http/parenting/api_parenting.h"

#include "service/parenting/my_family.h"
#include "service/parenting/parenting.h"
#include "service/records.h"
#include "service/roles.h"

static int
api_parenting_home(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_home(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_parenting_to_meet(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_to_meet(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_parenting_due(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_due(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_parenting_misses(struct ctx *ctx, struct http_request *req,
                     struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_misses(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_parenting_parents(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_parents(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

/* ?case_id=N: one child's interventions; none: the misses in scope. */
static int
api_parenting_seen(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	const char *text = http_query(req, "case_id");
	int64_t case_id = 0;
	int rc = text ? records_parse_id(text, "case_id", &case_id, e) : 0;
	json_t *out = NULL;
	if (rc == 0)
		rc = parenting_seen(ctx, case_id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

/* The signed-in parent's own family (service/parenting/my_family.h). */
static int
api_my_family(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parenting_my_family(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_PARENTING_ROUTES[] = {
    {"GET", "/api/v1/my-family", api_my_family, ROLE_PARENT, RK_NONE, 0, NULL,
     NULL},
    {"GET", "/api/v1/parenting/home", api_parenting_home,
     ROLE_PARENT_WORKER | ROLE_MANAGER, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/parenting/to-meet", api_parenting_to_meet,
     ROLE_PARENT_WORKER | ROLE_MANAGER, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/parenting/due", api_parenting_due,
     ROLE_PARENT_WORKER | ROLE_MANAGER, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/parenting/parents", api_parenting_parents,
     ROLE_PARENT_WORKER | ROLE_MANAGER, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/parenting/misses", api_parenting_misses,
     ROLE_PARENT_WORKER | ROLE_MANAGER, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/parenting/seen?case_id", api_parenting_seen,
     ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {0},
};

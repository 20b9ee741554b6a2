/*
 * api_family_plan.c - the versions of a family's plan and of its actions
 * ("Version 3, changed on ... by ..."): a view of the history every
 * record keeps, not a record. The plan's, actions' and reviews' own rows
 * are derived from their descriptors (service/parenting/family_plan.h).
 */
#include "http/parenting/api_parenting.h"
#include "service/parenting/family_plan.h"
#include "service/roles.h"

/* GET .../{id}/versions: req->data is the record's descriptor. */
static int
api_family_plan_versions(struct ctx *ctx, struct http_request *req,
                         struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = family_plan_versions(ctx, req->data, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_FAMILY_PLAN_ROUTES[] = {
    {"GET", "/api/v1/family-plans/{id}/versions", api_family_plan_versions,
     ROLES_CASEWORK, RK_FAMILY_PLAN, 0, &FAMILY_PLANS, NULL},
    {"GET", "/api/v1/family-plan-actions/{id}/versions",
     api_family_plan_versions, ROLES_CASEWORK, RK_FAMILY_PLAN_ACTION, 0,
     &FAMILY_PLAN_ACTIONS, NULL},
    {0},
};

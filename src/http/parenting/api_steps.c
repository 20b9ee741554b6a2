/*
 * api_steps.c - GET /api/v1/families/{id}/steps-to-change: the distance
 * the family travelled on Steps to Change, per block and overall, with
 * its flags (docs/parenting.md). Read with the family's relation.
 */
#include "http/parenting/api_steps.h"

#include "service/parenting/steps.h"
#include "service/roles.h"

static int
api_steps_distance(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = steps_distance(ctx, req->id, STEPS_FORM_ID, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_STEPS_ROUTES[] = {
    {"GET", "/api/v1/families/{id}/steps-to-change", api_steps_distance,
     ROLES_CASEWORK, RK_FAMILY, 0, NULL, NULL},
    {0},
};

/*
 * api_parent_accounts.c - invitations to the parent portal: a practitioner
 * issues one from a parent's record; the parent redeems it (public) and
 * is signed in. The rules are in service/parent_accounts.c.
 */
#include "http/parenting/api_parenting.h"
#include "service/parent_accounts.h"
#include "service/roles.h"

static int
api_parent_account_invite(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parent_accounts_invite(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 201, out);
}

static int
api_parent_account_status(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = parent_accounts_status(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_parent_account_redeem(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	struct sign_in s;
	int rc = parent_accounts_redeem(ctx, req->json, &s, e);
	return rc ? rc : api_session_reply(req, res, &s, e);
}

/* Issuing needs the person's record in the practitioner's scope, for a
 * change (the router's policy_record): admins and analysts never. */
const struct route API_PARENT_ACCOUNT_ROUTES[] = {
    {"POST", "/api/v1/people/{id}/parent-account", api_parent_account_invite,
     ROLES_CASEWORK, RK_PERSON, RF_WRITE, NULL, NULL},
    /* Whether the person has an account or a pending code: a read of
     * their record. */
    {"GET", "/api/v1/people/{id}/parent-account", api_parent_account_status,
     ROLES_CASEWORK, RK_PERSON, 0, NULL, NULL},
    {"POST", "/api/v1/parent-invitations/redeem", api_parent_account_redeem, 0,
     RK_NONE, RF_PUBLIC | RF_JSON, NULL, NULL},
    {0},
};

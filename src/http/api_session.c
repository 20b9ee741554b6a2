/*
 * api_session.c - sign in, sign out, who am I.
 */
#include <string.h>

#include "http/api.h"
#include "service/auth.h"
#include "service/roles.h"

static int
api_session_create(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	const char *username, *password;
	json_t *body = req->json;
	username = json_string_value(json_object_get(body, "username"));
	password = json_string_value(json_object_get(body, "password"));
	if (!username || !*username || strlen(username) > 100)
		return err_set(e, SPIRE_EINVAL, "username",
		               "Enter your username");
	if (!password || !*password || strlen(password) > 256)
		return err_set(e, SPIRE_EINVAL, "password",
		               "Enter your password");
	struct sign_in s;
	int rc = auth_sign_in(ctx, username, password, &s, e);
	return rc ? rc : api_session_reply(req, res, &s, e);
}

int
api_session_reply(struct http_request *req, struct http_response *res,
                  struct sign_in *s, struct err *e)
{
	char *cookie =
	    arena_printf(req->arena,
	                 "__Host-spire=%s; Path=/; HttpOnly; Secure; "
	                 "SameSite=Strict",
	                 s->token);
	if (!cookie || http_add_header(res, req->arena, "Set-Cookie", cookie)) {
		json_decref(s->user);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return http_reply_json(req, res, 200,
	                       json_pack("{s:s, s:s, s:o}", "token", s->token,
	                                 "csrf_token", s->csrf, "user",
	                                 s->user));
}

static int
api_session_get(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e)
{
	(void)e;
	json_t *u = auth_user_json(ctx->user);
	return http_reply_json(req, res, 200,
	                       json_pack("{s:o, s:s}", "user", u, "csrf_token",
	                                 ctx->user->csrf_token));
}

static int
api_session_delete(struct ctx *ctx, struct http_request *req,
                   struct http_response *res, struct err *e)
{
	int rc = auth_sign_out(ctx, e);
	if (rc)
		return rc;
	http_add_header(res, req->arena, "Set-Cookie",
	                "__Host-spire=; Path=/; HttpOnly; Secure; "
	                "SameSite=Strict; Max-Age=0");
	return http_reply_json(req, res, 200, json_pack("{s:b}", "ok", 1));
}

const struct route API_SESSION_ROUTES[] = {
    {"POST", "/api/v1/session", api_session_create, 0, RK_NONE,
     RF_PUBLIC | RF_JSON, NULL, NULL},
    {"GET", "/api/v1/session", api_session_get, ROLES_ANY, RK_NONE, 0, NULL,
     NULL},
    {"DELETE", "/api/v1/session", api_session_delete, ROLES_ANY, RK_NONE,
     RF_WRITE, NULL, NULL},
    {0},
};

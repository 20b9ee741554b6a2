/*
 * reply.c - JSON and error replies, headers and cookies.
 */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json_text.h"

const struct http_header_const http_security_headers[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; "
     "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    {NULL, NULL},
};

int
http_add_header(struct http_response *res, struct arena *arena,
                const char *name, const char *value)
{
	struct http_header *h = arena_alloc(arena, sizeof(*h));
	if (!h)
		return SPIRE_ENOMEM;
	h->name = arena_strdup(arena, name);
	h->value = arena_strdup(arena, value);
	if (!h->name || !h->value)
		return SPIRE_ENOMEM;
	h->next = res->headers;
	res->headers = h;
	return 0;
}

/* The most an answer's body may hold: no more than its arena could. */
#define REPLY_MAX ARENA_DEFAULT_CAP

/* The writer is core/json_text.c's (the pages written without a jansson
 * tree use it too). */
int
http_json_dump(const json_t *value, struct buf *b)
{
	if (!json_is_object(value) && !json_is_array(value))
		return SPIRE_EINVAL;
	return json_text_value(b, value);
}

int
http_reply_json(struct http_request *req, struct http_response *res, int status,
                json_t *value)
{
	if (!value)
		return SPIRE_ENOMEM;
	if (req->on_json && req->on_json(req, value) != 0) {
		json_decref(value);
		return SPIRE_ENOMEM;
	}
	/* One pass: most answers fit the first 4 KiB. */
	struct buf b;
	buf_init_arena(&b, REPLY_MAX, req->arena);
	int rc = buf_reserve(&b, 4095);
	if (rc == 0)
		rc = http_json_dump(value, &b);
	json_decref(value);
	/* Too big for the arena is out of memory, as before. */
	if (rc != 0)
		return SPIRE_ENOMEM;
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	res->body = b.p;
	res->body_len = b.len;
	return 0;
}

int
http_reply_json_text(struct http_request *req, struct http_response *res,
                     int status, const char *text, size_t len)
{
	(void)req;
	if (!text)
		return SPIRE_ENOMEM;
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	res->body = text;
	res->body_len = len;
	return 0;
}

int
http_reply_json_raw(struct http_request *req, struct http_response *res,
                    int status, json_t *value, const char *key, const char *raw)
{
	if (!value || !json_is_object(value) || !raw) {
		json_decref(value);
		return SPIRE_ENOMEM;
	}
	int empty = json_object_size(value) == 0;
	int rc = http_reply_json(req, res, status, value);
	if (rc)
		return rc;
	/* The object's closing brace gives way to the member. */
	json_t *k = json_string(key);
	char *kt = k ? json_dumps(k, JSON_ENCODE_ANY) : NULL;
	json_decref(k);
	struct buf b;
	buf_init_arena(&b, REPLY_MAX, req->arena);
	rc = kt ? 0 : SPIRE_ENOMEM;
	if (rc == 0)
		rc = buf_add(&b, res->body, res->body_len - 1);
	if (rc == 0 && !empty)
		rc = buf_add(&b, ",", 1);
	if (rc == 0)
		rc = buf_add(&b, kt, strlen(kt));
	if (rc == 0)
		rc = buf_add(&b, ":", 1);
	if (rc == 0)
		rc = buf_add(&b, raw, strlen(raw));
	if (rc == 0)
		rc = buf_add(&b, "}", 1);
	free(kt);
	if (rc != 0)
		return SPIRE_ENOMEM;
	res->body = b.p;
	res->body_len = b.len;
	return 0;
}

/* One error as the API shows it: {"code", "field", "message"}. */
static json_t *
error_item(int code, const char *field, const char *message)
{
	json_t *item = json_pack("{s:s, s:s}", "code", err_slug(code),
	                         "message", message ? message : "");
	if (item && json_object_set_new(item, "field",
	                                field && *field ? json_string(field)
	                                                : json_null())) {
		json_decref(item);
		item = NULL;
	}
	return item;
}

/*
 * Reply {"error": first, "errors": [first, ...more]}: "error" keeps the
 * first for older clients, "errors" names every field that was wrong.
 * Takes errors (NULL on allocation failure).
 */
static int
reply_errors(struct http_request *req, struct http_response *res, int code,
             json_t *errors)
{
	json_t *first = errors ? json_array_get(errors, 0) : NULL;
	json_t *body =
	    first ? json_pack("{s:O, s:o}", "error", first, "errors", errors)
	          : NULL;
	if (!body)
		json_decref(errors);
	if (!body || http_reply_json(req, res, err_http_status(code), body)) {
		static const char fallback[] =
		    "{\"error\":{\"code\":\"unavailable\",\"field\":null,"
		    "\"message\":\"out of memory\"},"
		    "\"errors\":[{\"code\":\"unavailable\",\"field\":null,"
		    "\"message\":\"out of memory\"}]}";
		res->status = 503;
		res->content_type = "application/json; charset=utf-8";
		res->body = fallback;
		res->body_len = sizeof(fallback) - 1;
	}
	/* A 503 is temporary: say when to try again (a full disk takes an
	 * operator; a busy store or memory a moment). */
	if (res->status == 503)
		http_add_header(res, req->arena, "Retry-After",
		                code == SPIRE_EFULL ? "60" : "5");
	return 0;
}

int
http_reply_fail(struct http_request *req, struct http_response *res, int code,
                const char *field, const char *message)
{
	json_t *errors = json_array();
	if (errors &&
	    json_array_append_new(errors, error_item(code, field, message))) {
		json_decref(errors);
		errors = NULL;
	}
	return reply_errors(req, res, code, errors);
}

int
http_reply_error(struct http_request *req, struct http_response *res,
                 const struct err *e)
{
	int code = e->code ? e->code : SPIRE_EDB;
	const char *msg = e->message[0] ? e->message : err_text(code);
	/* Never show store internals to a client. */
	if (code == SPIRE_EDB || code == SPIRE_EIO)
		return http_reply_fail(
		    req, res, code, e->field,
		    "Something went wrong. Try again later: the problem has "
		    "been recorded");
	json_t *errors = json_array();
	int bad = !errors || json_array_append_new(
	                         errors, error_item(code, e->field, msg));
	for (size_t i = 0; !bad && i + 1 < err_count(e); i++)
		bad = json_array_append_new(
		    errors,
		    error_item(code, e->more[i].field, e->more[i].message));
	if (bad && errors) {
		json_decref(errors);
		errors = NULL;
	}
	return reply_errors(req, res, code, errors);
}

int
http_reply_duplicates(struct http_request *req, struct http_response *res,
                      const char *message, json_t *dups)
{
	json_t *item =
	    json_pack("{s:s, s:s, s:s, s:o}", "code", "possible_duplicate",
	              "field", "duplicates", "message", message ? message : "",
	              "duplicates", dups);
	json_t *errors = item ? json_array() : NULL;
	if (errors && json_array_append_new(errors, item)) {
		json_decref(errors);
		errors = NULL;
	} else if (!errors) {
		json_decref(item);
	}
	return reply_errors(req, res, SPIRE_ECONFLICT, errors);
}

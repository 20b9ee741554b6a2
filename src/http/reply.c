/*
 * reply.c - JSON and error replies, headers and cookies.
 */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

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

/* A body being written by json_dump_callback: grows inside the arena. */
struct body_buf {
	struct arena *arena;
	char *data;
	size_t len, cap;
};

static int
body_append(const char *chunk, size_t n, void *data)
{
	struct body_buf *b = data;
	if (n > b->cap - b->len) {
		size_t cap = b->cap * 2;
		while (cap - b->len < n)
			cap *= 2;
		char *grown = arena_alloc(b->arena, cap);
		if (!grown)
			return -1;
		memcpy(grown, b->data, b->len);
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, chunk, n);
	b->len += n;
	return 0;
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
	struct body_buf b = {req->arena, arena_alloc(req->arena, 4096), 0,
	                     4096};
	int rc =
	    b.data ? json_dump_callback(value, body_append, &b,
	                                JSON_COMPACT | JSON_REAL_PRECISION(15))
	           : -1;
	json_decref(value);
	if (rc != 0)
		return SPIRE_ENOMEM;
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	res->body = b.data;
	res->body_len = b.len;
	return 0;
}

int
http_reply_fail(struct http_request *req, struct http_response *res, int code,
                const char *field, const char *message)
{
	json_t *err = json_pack("{s:s, s:s}", "code", err_slug(code), "message",
	                        message ? message : "");
	if (err)
		json_object_set_new(err, "field",
		                    field && *field ? json_string(field)
		                                    : json_null());
	if (!err || http_reply_json(req, res, err_http_status(code),
	                            json_pack("{s:o}", "error", err)) != 0) {
		static const char fallback[] =
		    "{\"error\":{\"code\":\"unavailable\",\"field\":null,"
		    "\"message\":\"out of memory\"}}";
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
http_reply_error(struct http_request *req, struct http_response *res,
                 const struct err *e)
{
	int code = e->code ? e->code : SPIRE_EDB;
	const char *msg = e->message[0] ? e->message : err_slug(code);
	/* Never show store internals to a client. */
	if (code == SPIRE_EDB || code == SPIRE_EIO)
		msg = "something went wrong; the error has been logged";
	return http_reply_fail(req, res, code, e->field, msg);
}

/*
 * reply.c - JSON and error replies, headers and cookies.
 */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

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

/* json_dump_callback's writer: append to the body being written. */
static int
body_append(const char *chunk, size_t n, void *data)
{
	return buf_add(data, chunk, n) ? -1 : 0;
}

/*
 * The answer's JSON, written as json_dump_callback(JSON_COMPACT |
 * JSON_REAL_PRECISION(15)) writes it, byte for byte, in a fraction of its
 * instructions (it was a quarter of a child's page: jansson's loop check
 * builds a key per container and it decodes every string's UTF-8). Keys
 * and values in insertion order, as jansson iterates them. A string of
 * printable ASCII without quotes or backslashes (nearly all of them) is
 * copied as it is; any other string, and every real, is handed to jansson
 * itself, so escapes, UTF-8 checks and number formats stay its own
 * (test_reply compares the two on awkward values).
 */
#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))
#define DUMP_DEPTH 2048

/* One value by jansson, for what the fast path leaves to it. */
static int
dump_by_jansson(const json_t *v, struct buf *b)
{
	return json_dump_callback(v, body_append, b,
	                          DUMP_FLAGS | JSON_ENCODE_ANY)
	           ? SPIRE_ENOMEM
	           : 0;
}

static int
dump_string(const char *s, size_t n, struct buf *b)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
			json_t *t = json_stringn_nocheck(s, n);
			int rc = t ? dump_by_jansson(t, b) : SPIRE_ENOMEM;
			json_decref(t);
			return rc;
		}
	}
	int rc = buf_reserve(b, n + 2);
	if (rc)
		return rc;
	char *p = b->p + b->len;
	p[0] = '"';
	memcpy(p + 1, s, n);
	p[n + 1] = '"';
	return buf_setlen(b, b->len + n + 2);
}

static int
dump_int(json_int_t v, struct buf *b)
{
	char tmp[24];
	size_t n = 0;
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[sizeof(tmp) - 1 - n++] = '-';
	return buf_add(b, tmp + sizeof(tmp) - n, n);
}

static int
dump_value(const json_t *v, struct buf *b, int depth)
{
	if (depth > DUMP_DEPTH)
		return SPIRE_ENOMEM;
	int rc = 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		rc = buf_add(b, "{", 1);
		int first = 1;
		/* json_object_iter takes a non-const object; it reads only. */
		json_t *o = (json_t *)v;
		for (void *it = json_object_iter(o); it && rc == 0;
		     it = json_object_iter_next(o, it)) {
			if (!first)
				rc = buf_add(b, ",", 1);
			first = 0;
			if (rc == 0)
				rc = dump_string(json_object_iter_key(it),
				                 json_object_iter_key_len(it),
				                 b);
			if (rc == 0)
				rc = buf_add(b, ":", 1);
			if (rc == 0)
				rc = dump_value(json_object_iter_value(it), b,
				                depth + 1);
		}
		return rc ? rc : buf_add(b, "}", 1);
	}
	case JSON_ARRAY: {
		rc = buf_add(b, "[", 1);
		size_t n = json_array_size(v);
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (i)
				rc = buf_add(b, ",", 1);
			if (rc == 0)
				rc = dump_value(json_array_get(v, i), b,
				                depth + 1);
		}
		return rc ? rc : buf_add(b, "]", 1);
	}
	case JSON_STRING:
		return dump_string(json_string_value(v), json_string_length(v),
		                   b);
	case JSON_INTEGER:
		return dump_int(json_integer_value(v), b);
	case JSON_TRUE:
		return buf_add(b, "true", 4);
	case JSON_FALSE:
		return buf_add(b, "false", 5);
	case JSON_NULL:
		return buf_add(b, "null", 4);
	default:
		return dump_by_jansson(v, b);
	}
}

int
http_json_dump(const json_t *value, struct buf *b)
{
	if (!json_is_object(value) && !json_is_array(value))
		return SPIRE_EINVAL;
	return dump_value(value, b, 0);
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

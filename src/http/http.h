/*
 * http.h - Spire's view of an HTTP exchange, independent of the server
 * library. Only http_mhd.c knows libmicrohttpd; handlers see these
 * structures and the reply helpers.
 */
#ifndef SPIRE_HTTP_H
#define SPIRE_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "service/server.h"

struct audit_entry;

struct http_header {
	const char *name, *value;
	struct http_header *next;
};

struct http_request {
	struct arena *arena;
	const char *method;
	const char *path; /* without the query string */
	const char *ip;
	const char *body; /* NUL-terminated copy; NULL when empty */
	size_t body_len;
	void *conn; /* the adapter's connection; opaque */
	/* Filled by the router: */
	int64_t id;        /* the {id} path parameter, 0 when none */
	const char *name;  /* the {name} path parameter, NULL when none */
	const void *named; /* what the route's lookup found for {name} */
	const char *uuid;  /* the {uuid} path parameter, NULL when none */
	const void *data;  /* the route's descriptor for its handler */
	json_t *json;      /* parsed body for JSON routes; router owns */
	int via_cookie;    /* authenticated by cookie (CSRF applies) */
	/* Set by the adapter: the router may hand back the audit rows of
	 * what the answer shows instead of waiting for them to commit. */
	int defer_audit;
	/* Filled by the router when it did: the adapter must not send the
	 * answer until these are durable (see router_audit_failed). */
	struct audit_entry *audit;
	/* Set by the router: run on each JSON answer before it is written,
	 * to audit the people it shows; non-zero fails the answer (503). */
	int (*on_json)(struct http_request *req, const json_t *value);
	void *on_json_arg;
};

struct http_response {
	int status;
	const char *content_type;
	const char *body; /* arena-owned or static */
	size_t body_len;
	int personal; /* Cache-Control: no-store */
	struct http_header *headers;
};

/* A constant header: name and value. */
struct http_header_const {
	const char *name, *value;
};

/*
 * The security headers on every answer (Content-Security-Policy, nosniff,
 * ...), ended by {NULL, NULL}; "Cache-Control: no-store" is added besides
 * on API and personal answers. One list for libmicrohttpd's answers and
 * the framing front's own.
 */
extern const struct http_header_const http_security_headers[];

/* A request header (case-insensitive name), or NULL. */
const char *http_header(struct http_request *req, const char *name);

/* A query-string argument, or NULL. */
const char *http_query(struct http_request *req, const char *name);

/*
 * Call fn(arg, name, value, hidden_nul) for each query-string argument, in
 * order (value NULL for "?name" without "="); hidden_nul is 1 when the
 * name or value held an escaped NUL (%00), so that the C string shows only
 * the part before it. Stops at the first non-zero return of fn and returns
 * it; 0 when fn accepted every argument.
 */
int http_query_each(struct http_request *req,
                    int (*fn)(void *arg, const char *name, const char *value,
                              int hidden_nul),
                    void *arg);

/* A cookie value, or NULL. */
const char *http_cookie(struct http_request *req, const char *name);

/* Add a response header (values copied into the arena). */
int http_add_header(struct http_response *res, struct arena *arena,
                    const char *name, const char *value);

/*
 * Append value (an object or an array) to b as compact JSON, byte for byte
 * as json_dump_callback(JSON_COMPACT | JSON_REAL_PRECISION(15)) writes it,
 * faster (reply.c). 0, SPIRE_EINVAL for another type, or b's failure
 * (SPIRE_ETOOBIG, SPIRE_ENOMEM).
 */
struct buf;
int http_json_dump(const json_t *value, struct buf *b);

/*
 * Reply with the JSON value (the reference is stolen) and status.
 * Returns 0, or SPIRE_ENOMEM if it could not be serialised.
 */
int http_reply_json(struct http_request *req, struct http_response *res,
                    int status, json_t *value);

/*
 * Reply with JSON text already written (len bytes of text, which must
 * live as long as the request: its arena), sent as it is. It is not
 * walked by req->on_json: whoever wrote it has audited every person it
 * shows (docs/audit.md, "shown"). Returns 0, or SPIRE_ENOMEM when text is
 * NULL.
 */
int http_reply_json_text(struct http_request *req, struct http_response *res,
                         int status, const char *text, size_t len);

/*
 * Reply with the JSON object value (the reference is stolen) with one
 * more member, key, whose value is raw: JSON text already written (a
 * stored document), copied in as it is rather than parsed and written
 * again. raw must be one well-formed JSON value (the caller's promise:
 * Spire wrote it); it is not walked by req->on_json, so it must name no
 * person that the audit of what is shown would need. Returns 0, or
 * SPIRE_ENOMEM.
 */
int http_reply_json_raw(struct http_request *req, struct http_response *res,
                        int status, json_t *value, const char *key,
                        const char *raw);

/*
 * Reply {"error": {"code", "field", "message"}, "errors": [...]} for e:
 * "errors" holds every error e holds (err_add), "error" the first. Returns
 * 0.
 */
int http_reply_error(struct http_request *req, struct http_response *res,
                     const struct err *e);

/* Reply with one error built from code/field/message, as "error" and as
 * the only item of "errors". Returns 0. */
int http_reply_fail(struct http_request *req, struct http_response *res,
                    int code, const char *field, const char *message);

/*
 * Reply 409 with one error {"code": "possible_duplicate", "field":
 * "duplicates", "message", "duplicates": dups}, as "error" and as the only
 * item of "errors", like every other error reply. Takes dups. Returns 0.
 */
int http_reply_duplicates(struct http_request *req, struct http_response *res,
                          const char *message, json_t *dups);

/* The listening server. */
struct http_daemon;

/*
 * Start serving on srv->cfg.listen_host:port with srv->cfg.threads
 * workers. *out is stopped and freed with http_stop().
 */
int http_start(struct server *srv, struct http_daemon **out, struct err *e);

/* The port actually bound (useful with port 0). */
int http_port(struct http_daemon *d);

void http_stop(struct http_daemon *d);

#endif

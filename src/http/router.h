/*
 * router.h - the static route table and the checks it enforces before any
 * handler runs: sign-in, role, CSRF for cookie sessions, JSON bodies, and
 * the record-level policy for the record named in the path.
 */
#ifndef SPIRE_ROUTER_H
#define SPIRE_ROUTER_H

#include "http/http.h"
#include "service/ctx.h"
#include "store/scope.h"

/*
 * A handler parses and validates input, calls one service function and
 * writes the reply. It returns 0 after replying, or a SPIRE_E* code with e
 * filled, and the router replies with the error.
 */
typedef int (*handler_fn)(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e);

#define RF_PUBLIC 1u /* no session needed */
#define RF_WRITE 2u  /* changes state: CSRF applies, policy checks write */
#define RF_JSON 4u   /* the body must be a JSON object */

struct route {
	const char *method;
	/* Segments; "{id}" matches a positive integer. After a '?', the
	 * query parameters the handler reads, '&'-separated
	 * ("/api/v1/cases?status&limit&offset"): the router answers 400
	 * naming any other parameter, or one given twice, before the handler
	 * runs, so a misspelt or unsupported filter is never ignored. */
	const char *pattern;
	handler_fn handler;
	unsigned roles;        /* ROLE_* bits allowed; ignored when public */
	enum record_kind kind; /* the record {id} names, RK_NONE if none */
	unsigned flags;
};

/* Every table, NULL-ended; each table ends with a route whose method is
 * NULL. Declared in routes.c. */
extern const struct route *const ROUTE_TABLES[];

/* Route one request: fills res. Never fails: errors become replies. */
void router_handle(struct server *srv, struct http_request *req,
                   struct http_response *res);

/*
 * The deferred audit rows of req (req->audit) could not be committed,
 * with fe saying why: replace the answer in res, which must not be sent.
 */
void router_audit_failed(struct http_request *req, struct http_response *res,
                         const struct err *fe);

/* The route table as JSON (for `spire routes` and the access tests). */
json_t *router_describe(void);

/* Serve a file below the web root (static.c). */
void static_serve(struct server *srv, struct http_request *req,
                  struct http_response *res);

#endif

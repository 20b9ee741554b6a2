/*
 * router.h - the static route table and the checks it enforces before any
 * handler runs: sign-in, role, CSRF for cookie sessions, JSON bodies, and
 * the record-level policy for the record named in the path.
 */
#ifndef SPIRE_ROUTER_H
#define SPIRE_ROUTER_H

#include "http/http.h"
#include "service/ctx.h"
#include "service/policy.h"

/*
 * A handler parses and validates input, calls one service function and
 * writes the reply. It returns 0 after replying, or a SPIRE_E* code with e
 * filled, and the router replies with the error.
 */
typedef int (*handler_fn)(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e);

#define RF_PUBLIC 1u  /* no session needed */
#define RF_WRITE 2u   /* changes state: CSRF applies, policy checks write */
#define RF_JSON 4u    /* the body must be a JSON object */
#define RF_DERIVED 8u /* derived from a descriptor: api_resources_routes */
/* The handler reads every query parameter, gathering what is wrong into e
 * (err_gather), and returns e->code before it does anything else: the
 * router runs it even after refusing a parameter the route does not take,
 * so that one 400 names every wrong one. */
#define RF_QUERY_GATHERS 16u

/*
 * For a route whose pattern has {name}: the thing called name, or NULL
 * when there is none, and the path is then not this route's (404, or 405
 * when another route knows it). What it finds reaches the handler as
 * req->named.
 */
typedef const void *(*route_lookup_fn)(const char *name);

/* The longest {name} the router accepts. */
#define ROUTE_NAME_MAX 64

struct route {
	const char *method;
	/* Segments, with typed parameters checked before the handler runs
	 * (a value that does not fit its type is no match):
	 *   {id}    a positive decimal int64 without sign or leading zero,
	 *           handed over as req->id;
	 *   {name}  a lower-case letter, then lower-case letters, digits and
	 *           '-', at most ROUTE_NAME_MAX, as req->name (and what the
	 *           route's lookup finds, as req->named);
	 *   {uuid}  a canonical lower-case UUID (8-4-4-4-12 hex), as
	 *           req->uuid.
	 * Each at most once. After a '?', the query parameters the handler
	 * reads, '&'-separated ("/api/v1/cases?status&limit&offset"): the
	 * router answers 400 naming any other parameter, or one given twice,
	 * before the handler runs, so a misspelt or unsupported filter is
	 * never ignored. */
	const char *pattern;
	handler_fn handler;
	unsigned roles; /* ROLE_* bits allowed; ignored when public */
	const struct record_kind *kind; /* what {id} names, RK_NONE if none */
	unsigned flags;
	/* The handler's descriptor, handed over as req->data, so that one
	 * generic handler serves many routes (h2o's `self`). */
	const void *data;
	route_lookup_fn lookup; /* required with {name}, else NULL */
};

/* What a path's typed parameters hold, for one route. */
struct route_match {
	int64_t id;                    /* {id}, 0 when none */
	char name[ROUTE_NAME_MAX + 1]; /* {name}, "" when none */
	const void *named;             /* what the route's lookup found */
	char uuid[37];                 /* {uuid}, "" when none */
};

/*
 * Whether path is route r's: its pattern's literal segments, and each
 * typed parameter a value of its type (and a {name} one that r's lookup
 * finds). Returns 1 with m filled, or 0 (m then undefined).
 */
int router_match(const struct route *r, const char *path,
                 struct route_match *m);

/* Every table, NULL-ended; each table ends with a route whose method is
 * NULL. Declared in routes.c. */
extern const struct route *const ROUTE_TABLES[];

/*
 * Route rows made at run time (derived from the resources' descriptors at
 * start-up): rows ends with a route whose method is NULL; the patterns
 * are owned here. Built by api_resources_routes(), freed by router_free().
 */
struct route_table {
	struct route *rows;
	size_t n;
	char **patterns; /* n of them, owned */
};

/* Free t and everything it owns; NULL is fine. */
void router_free(struct route_table *t);

/* Route one request: fills res. Never fails: errors become replies. */
void router_handle(struct server *srv, struct http_request *req,
                   struct http_response *res);

/*
 * The deferred audit rows of req (req->audit) could not be committed,
 * with fe saying why: replace the answer in res, which must not be sent.
 */
void router_audit_failed(struct http_request *req, struct http_response *res,
                         const struct err *fe);

/* The route table as JSON (for `spire routes` and the access tests): the
 * static tables, then the rows of extra (may be NULL); each row says
 * whether it was derived from a resource's descriptor ("derived"). */
json_t *router_describe(const struct route_table *extra);

/* Serve a file below the web root (static.c). */
void static_serve(struct server *srv, struct http_request *req,
                  struct http_response *res);

#endif

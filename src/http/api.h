/*
 * api.h - helpers shared by the JSON API handlers and the declarations of
 * each resource's route table (one table per api_*.c file, gathered in
 * routes.c).
 */
#ifndef SPIRE_API_H
#define SPIRE_API_H

#include "core/date.h"
#include "http/http.h"
#include "http/router.h"
#include "service/ctx.h"

extern const struct route API_SESSION_ROUTES[];
extern const struct route API_PEOPLE_ROUTES[];
extern const struct route API_FAMILIES_ROUTES[];
extern const struct route API_CASES_ROUTES[];
extern const struct route API_USERS_ROUTES[];
extern const struct route API_TEAMS_ROUTES[];
extern const struct route API_AUDIT_ROUTES[];
extern const struct route API_TASKS_ROUTES[];
extern const struct route API_RESOURCES_ROUTES[];

struct resource_files;

/*
 * The route rows of every described resource whose routes are not written
 * by hand (the built-in ones, RESOURCES[], then r's), each row's data its
 * descriptor: list (exactly one of its list keys, the parameters of its
 * list flags, and paging; through its list hook or records_list), create,
 * get, update (PATCH), close (POST .../{id}/VERB) and reopen when it can
 * be, each through the descriptor's ops where it has them (records.h).
 * The rows come after every static table. SPIRE_EINVAL when a file's
 * resource takes a path a static route answers. Free with router_free.
 */
int api_resources_routes(const struct resource_files *r,
                         struct route_table **out, struct err *e);
extern const struct route API_VOCAB_ROUTES[];

struct sign_in;

/*
 * Reply 200 to a request that opened a session s (a sign-in, or a parent
 * redeeming an invitation): the session cookie, and {token, csrf_token,
 * user} (s->user stolen).
 */
int api_session_reply(struct http_request *req, struct http_response *res,
                      struct sign_in *s, struct err *e);

/* Reply 200 with a record (stolen), or 201 when created. */
int api_reply_record(struct http_request *req, struct http_response *res,
                     int status, json_t *rec);

/* The query parameters of paged lists, for a route's pattern. */
#define API_Q_PAGING "limit&offset"

/* Read ?limit=&offset= into the paging values (SPIRE_EINVAL naming them). */
int api_paging(struct http_request *req, int64_t *limit, int64_t *offset,
               struct err *e);

/* An optional positive id from the query string: 0 when absent. */
int api_query_id(struct http_request *req, const char *name, int64_t *id,
                 struct err *e);

/* An optional boolean from the query string ("1"/"true"/"0"/"false"). */
int api_query_bool(struct http_request *req, const char *name, int *v,
                   struct err *e);

/*
 * A due list's window ?name= (core/date.h): "N" days, 0 to max_days, or
 * "Nm" calendar months ("12m": the calendar year ahead); 28 days when
 * absent. SPIRE_EINVAL naming it otherwise.
 */
int api_query_within(struct http_request *req, const char *name, int max_days,
                     struct date_window *w, struct err *e);

/*
 * The same checks gathered into e (err_gather) rather than returned, so a
 * handler reads every parameter before refusing any and one 400 names
 * every wrong one; e->code is set when any was wrong.
 */
void api_gather(struct err *e,
                int (*check)(struct http_request *, const char *, int *,
                             struct err *),
                struct http_request *req, const char *name, int *v);
void api_gather_paging(struct err *e, struct http_request *req, int64_t *limit,
                       int64_t *offset);
void api_gather_within(struct err *e, struct http_request *req,
                       const char *name, int max_days, struct date_window *w);

#endif

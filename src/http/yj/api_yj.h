/*
 * api_yj.h - the youth justice API's route tables (one per api_yj_*.c
 * file, gathered in routes.c) and the query parsing they share.
 */
#ifndef SPIRE_API_YJ_H
#define SPIRE_API_YJ_H

#include "http/api.h"
#include "service/yj/yj_records.h"

extern const struct route API_YJ_OFFENCES_ROUTES[];
extern const struct route API_YJ_OUTCOMES_ROUTES[];
extern const struct route API_YJ_ASSESSMENTS_ROUTES[];
extern const struct route API_YJ_KPI_ROUTES[];
extern const struct route API_YJ_VICTIMS_ROUTES[];
extern const struct route API_YJ_BOARD_ROUTES[];

/*
 * ?case_id= or ?person_id= (exactly one), ?include_closed=, ?limit=,
 * ?offset= into a; SPIRE_EINVAL naming the query value otherwise.
 */
int api_yj_list_args(struct http_request *req, struct yj_list_args *a,
                     struct err *e);

typedef int (*api_yj_list_fn)(struct ctx *ctx, const struct yj_list_args *a,
                              json_t **out, struct err *e);

/* A youth justice record's routes' descriptor (struct route's data): the
 * record's resource and the service function that lists it. */
struct api_yj_records {
	const struct resource *resource;
	api_yj_list_fn list;
};

/*
 * The handlers every youth justice record shares, route handlers whose
 * route's data is a struct api_yj_records: list, get, create, update,
 * close. Each replies or returns an error.
 */
int api_yj_list(struct ctx *ctx, struct http_request *req,
                struct http_response *res, struct err *e);
int api_yj_get(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e);
int api_yj_create(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e);
int api_yj_update(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e);
int api_yj_close(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e);
int api_yj_reopen(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e);

#endif

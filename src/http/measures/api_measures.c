/*
 * api_measures.c - /api/v1/measures: the list of measures with their
 * rules, one measure's figures (JSON, or CSV with ?format=csv or Accept:
 * text/csv), and the children behind a figure (managers only).
 *
 * The measure is the path's {name}: the router looks it up (an unknown
 * measure is an unknown path, 404) and hands the handler its definition.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/api.h"
#include "http/measures/api_measures.h"
#include "service/measures/measures.h"
#include "service/measures/measures_pack.h"
#include "service/roles.h"

/* {name} of /measures/{name}: the measure called name. */
static const void *
lookup_measure(const char *name)
{
	return measure_find(name);
}

/* {name} of /measures/{name}/children: a measure about children. */
static const void *
lookup_personal_measure(const char *name)
{
	const struct measure_def *def = measure_find(name);
	return def && def->personal ? def : NULL;
}

/* {name} of /measures/{name}/parents: a measure about parents (its
 * people are "parents"), so that the path says whom it lists. */
static const void *
lookup_parent_measure(const char *name)
{
	const struct measure_def *def = measure_find(name);
	return def && def->personal && def->people &&
	               strcmp(def->people, "parents") == 0
	           ? def
	           : NULL;
}

static int
parse_query(struct http_request *req, struct measure_query *q, struct err *e)
{
	return measure_query_parse(q, req->named, http_query(req, "from"),
	                           http_query(req, "to"), http_query(req, "by"),
	                           http_query(req, "interval"),
	                           http_query(req, "as_of"), e);
}

static int
wants_csv(struct http_request *req, struct err *e, int *csv)
{
	const char *f = http_query(req, "format");
	const char *accept = http_header(req, "Accept");
	*csv = 0;
	if (f) {
		if (strcmp(f, "csv") == 0)
			*csv = 1;
		else if (strcmp(f, "json") != 0)
			return err_set(e, SPIRE_EINVAL, "format",
			               "Choose JSON or CSV");
		return 0;
	}
	*csv = accept && strncasecmp(accept, "text/csv", 8) == 0;
	return 0;
}

static int
api_measures_list(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	(void)ctx;
	json_t *list = measures_describe();
	if (!list)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return http_reply_json(req, res, 200, list);
}

static int
api_measures_get(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	struct measure_query q;
	int csv;
	struct err more;
	err_clear(&more);
	/* Every wrong parameter named at once. */
	parse_query(req, &q, e);
	if (wants_csv(req, &more, &csv))
		err_merge(e, &more);
	int rc = e->code;
	if (rc)
		return rc;
	/* A CSV file leaves Spire: small counts are always withheld. */
	q.suppress = csv;
	json_t *r = NULL;
	if ((rc = measures_get(ctx, &q, &r, e)))
		return rc;
	if (!csv)
		return http_reply_json(req, res, 200, r);
	char *text = measures_csv(r);
	json_decref(r);
	if (!text)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t n = strlen(text);
	char *body = arena_alloc(req->arena, n + 1);
	if (!body) {
		free(text);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	memcpy(body, text, n + 1);
	free(text);
	char *disp =
	    arena_printf(req->arena, "attachment; filename=\"%s_%s_%s.csv\"",
	                 q.def->name, q.from, q.to);
	if (!disp ||
	    http_add_header(res, req->arena, "Content-Disposition", disp) != 0)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	res->status = 200;
	res->content_type = "text/csv; charset=utf-8";
	res->body = body;
	res->body_len = n;
	return 0;
}

static int
api_measures_children(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	struct measure_query q;
	int64_t limit, offset;
	int counted = 0;
	struct err more;
	/* Every wrong parameter named at once. */
	parse_query(req, &q, e);
	err_clear(&more);
	if (api_paging(req, &limit, &offset, &more))
		err_merge(e, &more);
	err_clear(&more);
	if (api_query_bool(req, "counted", &counted, &more))
		err_merge(e, &more);
	int rc = e->code;
	if (rc)
		return rc;
	json_t *page = NULL;
	rc = measures_children(ctx, &q, http_query(req, "group"), counted,
	                       limit, offset, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

/* GET /api/v1/board-pack?quarter=2025/26 Q2[&format=json|xlsx]: the board
 * pack for a quarter (default: the last one over), suppressed. Every wrong
 * parameter is named at once. */
static int
api_board_pack(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	const char *quarter = http_query(req, "quarter");
	const char *format = http_query(req, "format");
	struct pack_quarter pq;
	struct err one;
	err_clear(&one);
	if (measures_pack_quarter(quarter, &pq, &one) != 0)
		err_merge(e, &one);
	int xlsx = 0;
	if (format && strcmp(format, "xlsx") == 0)
		xlsx = 1;
	else if (format && strcmp(format, "json") != 0)
		err_add(e, SPIRE_EINVAL, "format",
		        "Choose a workbook (xlsx) or JSON");
	if (e->code)
		return e->code;
	json_t *pack = NULL;
	int rc = measures_pack_get(ctx, quarter, &pack, e);
	if (rc)
		return rc;
	if (!xlsx)
		return http_reply_json(req, res, 200, pack);
	char *bytes = NULL;
	size_t n = 0;
	rc = measures_pack_xlsx(pack, &bytes, &n, e);
	json_decref(pack);
	if (rc)
		return rc;
	char *body = arena_alloc(req->arena, n ? n : 1);
	if (!body) {
		free(bytes);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	memcpy(body, bytes, n);
	free(bytes);
	/* "2025/26 Q2" as a file name: board-pack-2025-26-Q2.xlsx */
	char *disp = arena_printf(
	    req->arena, "attachment; filename=\"board-pack-%d-%02d-Q%d.xlsx\"",
	    pq.fy, (pq.fy + 1) % 100, pq.q);
	if (!disp ||
	    http_add_header(res, req->arena, "Content-Disposition", disp) != 0)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	res->status = 200;
	res->content_type = "application/"
	                    "vnd.openxmlformats-officedocument.spreadsheetml."
	                    "sheet";
	res->body = body;
	res->body_len = n;
	return 0;
}

#define FIGURES (ROLE_MANAGER | ROLE_ANALYST)
/* The query parameters of a figure and of the children behind it. */
#define Q_FIGURE "?from&to&by&interval&as_of"

const struct route API_MEASURES_ROUTES[] = {
    {"GET", "/api/v1/measures", api_measures_list, FIGURES, RK_NONE, 0, NULL,
     NULL},
    {"GET", "/api/v1/measures/{name}" Q_FIGURE "&format", api_measures_get,
     FIGURES, RK_NONE, 0, NULL, lookup_measure},
    {"GET",
     "/api/v1/measures/{name}/children" Q_FIGURE "&group&counted&" API_Q_PAGING,
     api_measures_children, ROLE_MANAGER, RK_NONE, 0, NULL,
     lookup_personal_measure},
    {"GET", "/api/v1/board-pack?quarter&format", api_board_pack, FIGURES,
     RK_NONE, 0, NULL, NULL},
    /* The same list for a measure about parents, under a path that says
     * so (the screens' "See the parents behind this figure"). */
    {"GET",
     "/api/v1/measures/{name}/parents" Q_FIGURE "&group&counted&" API_Q_PAGING,
     api_measures_children, ROLE_MANAGER, RK_NONE, 0, NULL,
     lookup_parent_measure},
    {0},
};

/*
 * api_yj_team.c - the views a youth justice team runs its week on
 * (docs/team-week.md): the team's caseload and workload, a child at a
 * glance and their chronology, and what is due across every service.
 * Every query parameter is read before any is refused, so one 400 names
 * every wrong one.
 */
#include <string.h>

#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/team_week.h"
#include "service/yj/yj_due.h"

/* GET /api/v1/teams/{id}/caseload?worker_id&unallocated&limit&offset */
static int
api_team_caseload(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	struct team_caseload_filter f = {.team_id = req->id};
	struct err one;
	err_clear(&one);
	if (api_query_id(req, "worker_id", &f.worker_id, &one))
		err_gather(e, &one);
	api_gather(e, api_query_bool, req, "unallocated", &f.unallocated);
	api_gather_paging(e, req, &f.limit, &f.offset);
	if (e->code == 0 && f.limit > TEAM_CASELOAD_MAX)
		f.limit = TEAM_CASELOAD_MAX;
	if (e->code == 0 && f.unallocated && f.worker_id)
		err_set(e, SPIRE_EINVAL, "unallocated",
		        "Choose a worker or the unallocated cases, not both");
	if (e->code)
		return e->code;
	json_t *page = NULL;
	int rc = team_caseload(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

/* GET /api/v1/teams/{id}/workload?limit (the overdue items listed: 1 to
 * 200, default 200) */
static int
api_team_workload(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	int64_t limit = 0, offset = 0;
	api_gather_paging(e, req, &limit, &offset);
	if (e->code)
		return e->code;
	if (!http_query(req, "limit"))
		limit = 0; /* the service's default */
	json_t *out = NULL;
	int rc = team_workload(ctx, req->id, limit, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

/* GET /api/v1/people/{id}/glance */
static int
api_person_glance(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = team_person_glance(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

/* GET /api/v1/people/{id}/chronology?kind=offence,outcome */
static int
api_person_chronology(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc =
	    team_chronology(ctx, req->id, http_query(req, "kind"), &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

/* ?scope=mine|team */
static int
query_scope(struct http_request *req, const char *name, int *team,
            struct err *e)
{
	const char *scope = http_query(req, name);
	*team = 0;
	if (!scope || strcmp(scope, "mine") == 0)
		return 0;
	if (strcmp(scope, "team") == 0) {
		*team = 1;
		return 0;
	}
	return err_set(e, SPIRE_EINVAL, name,
	               "Choose your work or your team's");
}

/* GET /api/v1/due?scope&within&overdue&limit&offset */
static int
api_due(struct ctx *ctx, struct http_request *req, struct http_response *res,
        struct err *e)
{
	struct due_filter f = {0};
	api_gather(e, query_scope, req, "scope", &f.team);
	/* ?within=DAYS (0..YJ_DUE_MAX_WITHIN) or MONTHSm, 28 days when
	 * absent. */
	api_gather_within(e, req, "within", YJ_DUE_MAX_WITHIN, &f.within);
	api_gather(e, api_query_bool, req, "overdue", &f.overdue);
	api_gather_paging(e, req, &f.limit, &f.offset);
	if (e->code)
		return e->code;
	json_t *page = NULL;
	int rc = due_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

const struct route API_YJ_TEAM_ROUTES[] = {
    {"GET", "/api/v1/teams/{id}/caseload?worker_id&unallocated&" API_Q_PAGING,
     api_team_caseload, ROLES_CASEWORK, RK_TEAM, RF_QUERY_GATHERS, NULL, NULL},
    {"GET", "/api/v1/teams/{id}/workload?limit", api_team_workload,
     ROLES_CASEWORK, RK_TEAM, 0, NULL, NULL},
    {"GET", "/api/v1/people/{id}/glance", api_person_glance, ROLES_CASEWORK,
     RK_PERSON, 0, NULL, NULL},
    {"GET", "/api/v1/people/{id}/chronology?kind", api_person_chronology,
     ROLES_CASEWORK, RK_PERSON, 0, NULL, NULL},
    {"GET", "/api/v1/due?scope&within&overdue&" API_Q_PAGING, api_due,
     ROLES_CASEWORK, RK_NONE, RF_QUERY_GATHERS, NULL, NULL},
    {0},
};

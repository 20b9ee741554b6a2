/*
 * api_yj_outcomes.c - /api/v1/outcomes/due: the interventions with
 * something due on the user's or their team's cases. The outcomes' own
 * rows (list, record, get, change, close, reopen) are derived from
 * YJ_OUTCOMES (http/api_resources.c).
 */
#include <string.h>

#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_due.h"

static int
query_scope(struct http_request *req, const char *name, int *team,
            struct err *e)
{
	const char *scope = http_query(req, name);
	*team = scope && strcmp(scope, "team") == 0;
	if (!scope || *team || strcmp(scope, "mine") == 0)
		return 0;
	return err_set(e, SPIRE_EINVAL, name,
	               "Choose your interventions or your team's");
}

/* ?scope=mine|team&within=DAYS&overdue=true&limit=&offset=: every
 * parameter is read before any is refused, so one 400 names every wrong
 * one (as GET /api/v1/due does). */
static int
api_yj_outcomes_due(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	struct yj_due_filter f = {0};
	api_gather(e, query_scope, req, "scope", &f.team);
	api_gather_within(e, req, "within", YJ_DUE_MAX_WITHIN, &f.within);
	api_gather(e, api_query_bool, req, "overdue", &f.overdue);
	api_gather_paging(e, req, &f.limit, &f.offset);
	if (e->code)
		return e->code;
	json_t *page = NULL;
	int rc = yj_due_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

const struct route API_YJ_OUTCOMES_ROUTES[] = {
    {"GET", "/api/v1/outcomes/due?scope&within&overdue&" API_Q_PAGING,
     api_yj_outcomes_due, ROLES_CASEWORK, RK_NONE, RF_QUERY_GATHERS, NULL,
     NULL},
    {0},
};

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

/* ?scope=mine|team&within=DAYS&overdue=true&limit=&offset= */
static int
api_yj_outcomes_due(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	struct yj_due_filter f = {0};
	const char *scope = http_query(req, "scope");
	int rc = 0;
	if (scope && strcmp(scope, "team") == 0)
		f.team = 1;
	else if (scope && strcmp(scope, "mine") != 0)
		rc = err_set(e, SPIRE_EINVAL, "scope",
		             "Choose your interventions or your team's");
	if (rc == 0)
		rc = api_query_within(req, "within", YJ_DUE_MAX_WITHIN,
		                      &f.within, e);
	if (rc == 0)
		rc = api_query_bool(req, "overdue", &f.overdue, e);
	if (rc == 0)
		rc = api_paging(req, &f.limit, &f.offset, e);
	json_t *page = NULL;
	if (rc == 0)
		rc = yj_due_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

const struct route API_YJ_OUTCOMES_ROUTES[] = {
    {"GET", "/api/v1/outcomes/due?scope&within&overdue&" API_Q_PAGING,
     api_yj_outcomes_due, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {0},
};

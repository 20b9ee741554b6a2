/*
 * api_yj_court.c - /api/v1/court-reports/due: the reports for court not
 * yet submitted on the user's or their team's cases, due or overdue. The
 * hearings' and reports' own rows (list, record, get, change, close,
 * reopen) are derived from their descriptors (http/api_resources.c).
 */
#include <string.h>

#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_court.h"

/* ?scope=mine|team&within=DAYS&overdue=true&limit=&offset=; every wrong
 * parameter is named in one reply. */
static int
api_yj_court_reports_due(struct ctx *ctx, struct http_request *req,
                         struct http_response *res, struct err *e)
{
	struct yj_court_due_filter f = {0};
	const char *scope = http_query(req, "scope");
	struct err one;
	if (scope && strcmp(scope, "team") == 0)
		f.team = 1;
	else if (scope && strcmp(scope, "mine") != 0)
		err_rule(e, "scope", "Choose your cases or your team's");
	err_clear(&one);
	api_query_within(req, "within", YJ_COURT_MAX_WITHIN, &f.within, &one);
	err_gather(e, &one);
	err_clear(&one);
	api_query_bool(req, "overdue", &f.overdue, &one);
	err_gather(e, &one);
	err_clear(&one);
	api_paging(req, &f.limit, &f.offset, &one);
	err_gather(e, &one);
	int rc = e->code;
	json_t *page = NULL;
	if (rc == 0)
		rc = yj_court_due_list(ctx, &f, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

const struct route API_YJ_COURT_ROUTES[] = {
    {"GET", "/api/v1/court-reports/due?scope&within&overdue&" API_Q_PAGING,
     api_yj_court_reports_due, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {0},
};

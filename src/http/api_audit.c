/*
 * api_audit.c - GET /api/v1/audit?person_id=N &| user_id=N [&before=SEQ]:
 * who looked at a child, what a user looked at, or both. `before` is the
 * page cursor (next_cursor of the previous page). /audit/summary: the same
 * rows one per person per UK day; /audit/export: the raw rows as CSV;
 * both filtered by ?user_id, ?from and ?to (UK days). The ids come from the
 * query, so the service (service/audit_view.c) makes the access decision.
 */
#include "http/api.h"

#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "service/audit_view.h"
#include "service/roles.h"

static int
api_audit_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	struct audit_query q = {0};
	int rc = api_paging(req, &q.limit, &q.offset, e);
	if (rc == 0)
		rc = api_query_id(req, "person_id", &q.person_id, e);
	if (rc == 0)
		rc = api_query_id(req, "user_id", &q.user_id, e);
	if (rc == 0)
		rc = api_query_id(req, "before", &q.before, e);
	if (rc)
		return rc;
	json_t *page = NULL;
	rc = audit_view(ctx, &q, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

/* A UK day from the query, or NULL; a wrong one is added to bad. */
static const char *
query_day(struct http_request *req, const char *name, const char *words,
          struct err *bad)
{
	const char *v = http_query(req, name);
	if (v && !valid_date(v)) {
		err_add(bad, SPIRE_EINVAL, name, "Enter a real %s date", words);
		return NULL;
	}
	return v;
}

/* ?person_id&user_id&from&to, every wrong one named at once. */
static int
range_query(struct http_request *req, struct audit_range_query *q,
            struct err *e)
{
	struct err bad, one;
	err_clear(&bad);
	err_clear(&one);
	int person_bad = api_query_id(req, "person_id", &q->person_id, &one);
	if (person_bad)
		err_merge(&bad, &one);
	err_clear(&one);
	if (api_query_id(req, "user_id", &q->user_id, &one))
		err_merge(&bad, &one);
	q->from = query_day(req, "from", "start", &bad);
	q->to = query_day(req, "to", "end", &bad);
	if (q->from && q->to && strcmp(q->from, q->to) > 0)
		err_add(&bad, SPIRE_EINVAL, "to",
		        "The end date must be the same as or after the start "
		        "date");
	/* A missing person is named here with the other wrong parameters;
	 * alone, after the ids given are checked (audit_summary). */
	if (bad.code && !person_bad && !q->person_id)
		err_add(&bad, SPIRE_EINVAL, "person_id",
		        "Choose whose record to see the audit of");
	if (bad.code)
		*e = bad;
	return bad.code;
}

static int
api_audit_summary(struct ctx *ctx, struct http_request *req,
                  struct http_response *res, struct err *e)
{
	struct audit_range_query q = {0};
	int rc = range_query(req, &q, e);
	json_t *out = NULL;
	if (rc == 0)
		rc = audit_summary(ctx, &q, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_audit_export(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	struct audit_range_query q = {0};
	int rc = range_query(req, &q, e);
	char *csv = NULL;
	size_t n = 0;
	if (rc == 0)
		rc = audit_export_csv(ctx, &q, &csv, &n, e);
	if (rc)
		return rc;
	char *body = arena_alloc(req->arena, n + 1);
	if (body)
		memcpy(body, csv, n + 1);
	free(csv);
	char *disp = body ? arena_printf(req->arena,
	                                 "attachment; filename=\"who-viewed-"
	                                 "person-%lld.csv\"",
	                                 (long long)q.person_id)
	                  : NULL;
	if (!disp ||
	    http_add_header(res, req->arena, "Content-Disposition", disp) != 0)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	res->status = 200;
	res->content_type = "text/csv; charset=utf-8";
	res->body = body;
	res->body_len = n;
	res->personal = 1;
	return 0;
}

const struct route API_AUDIT_ROUTES[] = {
    {"GET", "/api/v1/audit/summary?person_id&user_id&from&to",
     api_audit_summary, ROLE_MANAGER | ROLE_ADMIN, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/audit/export?person_id&user_id&from&to", api_audit_export,
     ROLE_MANAGER | ROLE_ADMIN, RK_NONE, 0, NULL, NULL},
    {"GET", "/api/v1/audit?person_id&user_id&before&" API_Q_PAGING,
     api_audit_list, ROLE_MANAGER | ROLE_ADMIN, RK_NONE, 0, NULL, NULL},
    {0},
};

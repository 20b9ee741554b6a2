/*
 * api.c - small helpers for handlers.
 */
#include "http/api.h"

#include <string.h>

#include "service/records.h"

int
api_reply_record(struct http_request *req, struct http_response *res,
                 int status, json_t *rec)
{
	return http_reply_json(req, res, status, rec);
}

int
api_paging(struct http_request *req, int64_t *limit, int64_t *offset,
           struct err *e)
{
	return records_paging(http_query(req, "limit"),
	                      http_query(req, "offset"), limit, offset, e);
}

int
api_query_id(struct http_request *req, const char *name, int64_t *id,
             struct err *e)
{
	const char *v = http_query(req, name);
	*id = 0;
	if (!v)
		return 0;
	return records_parse_id(v, name, id, e);
}

int
api_query_bool(struct http_request *req, const char *name, int *v,
               struct err *e)
{
	const char *s = http_query(req, name);
	*v = 0;
	if (!s)
		return 0;
	if (!strcmp(s, "1") || !strcmp(s, "true")) {
		*v = 1;
		return 0;
	}
	if (!strcmp(s, "0") || !strcmp(s, "false"))
		return 0;
	char label[80];
	fields_label(name, label, sizeof(label));
	return err_set(e, SPIRE_EINVAL, name, "Choose yes or no for %s", label);
}

int
api_query_within(struct http_request *req, const char *name, int max_days,
                 struct date_window *w, struct err *e)
{
	const char *s = http_query(req, name);
	*w = (struct date_window){.days = 28};
	if (!s || date_window_parse(s, max_days, w) == 0)
		return 0;
	return err_set(e, SPIRE_EINVAL, name,
	               "Enter a number of days from 0 to %d, or of calendar "
	               "months from 1m to %dm",
	               max_days, DATE_WINDOW_MAX_MONTHS);
}

void
api_gather(struct err *e,
           int (*check)(struct http_request *, const char *, int *,
                        struct err *),
           struct http_request *req, const char *name, int *v)
{
	struct err one;
	err_clear(&one);
	if (check(req, name, v, &one))
		err_gather(e, &one);
}

void
api_gather_paging(struct err *e, struct http_request *req, int64_t *limit,
                  int64_t *offset)
{
	struct err one;
	err_clear(&one);
	if (api_paging(req, limit, offset, &one))
		err_gather(e, &one);
}

void
api_gather_within(struct err *e, struct http_request *req, const char *name,
                  int max_days, struct date_window *w)
{
	struct err one;
	err_clear(&one);
	if (api_query_within(req, name, max_days, w, &one))
		err_gather(e, &one);
}

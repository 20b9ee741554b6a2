/*
 * api_resources.c - the generic handlers of every described resource
 * (list, get, create, update, close, reopen; the route's data is the
 * resource's descriptor), the route rows derived from the descriptors at
 * start-up, and GET /api/v1/resources, the field lists the web UI reads.
 */
#include "http/api.h"

#include <stdlib.h>
#include <string.h>

#include "service/resource_files.h"
#include "service/roles.h"
#include "service/server.h"

static int
api_res_list(struct ctx *ctx, struct http_request *req,
             struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	const char *key = d->list_keys->field;
	int64_t filter_id = 0, limit, offset;
	int rc = api_query_id(req, key, &filter_id, e);
	if (rc == 0 && !filter_id) {
		/* "Choose whose consents to show": the path's words. */
		char what[96];
		snprintf(what, sizeof(what), "%s", d->plural);
		for (char *p = what; *p; p++)
			if (*p == '-')
				*p = ' ';
		rc = err_set(e, SPIRE_EINVAL, key, "Choose whose %s to show",
		             what);
	}
	if (rc == 0)
		rc = api_paging(req, &limit, &offset, e);
	json_t *page = NULL;
	/* Closed records are listed too, after the open ones. */
	if (rc == 0)
		rc = records_list(ctx, d, key, filter_id, 1, limit, offset,
		                  &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_res_get(struct ctx *ctx, struct http_request *req,
            struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = records_get(ctx, req->data, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_res_create(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = records_create(ctx, req->data, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_res_update(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = records_update(ctx, req->data, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_res_close(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = records_close(ctx, req->data, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_res_reopen(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = records_reopen(ctx, req->data, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_resources_index(struct ctx *ctx, struct http_request *req,
                    struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = resource_files_describe(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_RESOURCES_ROUTES[] = {
    {"GET", "/api/v1/resources", api_resources_index, ROLES_ANY, RK_NONE, 0,
     NULL, NULL},
    {0},
};

/* Up to six rows a resource: list, create, get, update, close, reopen. */
#define ROWS_PER 6

/* Add one row to t, its pattern "/api/v1/PATH" and suffix (owned). */
static int
add_row(struct route_table *t, const struct resource *d, const char *method,
        const char *suffix, handler_fn fn, int write,
        const struct record_kind *kind, struct err *e)
{
	char *p = NULL;
	size_t len = strlen(d->plural) + strlen(suffix) + 16;
	if (!(p = malloc(len)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	snprintf(p, len, "/api/v1/%s%s", d->plural, suffix);
	t->patterns[t->n] = p;
	t->rows[t->n] = (struct route){
	    .method = method,
	    .pattern = p,
	    .handler = fn,
	    .roles = write ? d->write_roles : d->read_roles,
	    .kind = kind,
	    .flags = write ? RF_WRITE | RF_JSON : 0,
	    .data = d,
	};
	t->n++;
	return 0;
}

/* Whether a static route answers the resource's path (its routes are
 * then written by hand). */
static int
hand_written(const struct resource *d)
{
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/%s", d->plural);
	struct route_match m;
	for (size_t i = 0; ROUTE_TABLES[i]; i++)
		for (const struct route *r = ROUTE_TABLES[i]; r->method; r++)
			if (router_match(r, path, &m))
				return 1;
	return 0;
}

int
api_resources_routes(const struct resource_files *r, struct route_table **out,
                     struct err *e)
{
	*out = NULL;
	const struct resource *all[RESOURCE_FILES_MAX + 64];
	size_t n = resource_files_all(r, all, RESOURCE_FILES_MAX + 64);
	struct route_table *t = calloc(1, sizeof(*t));
	if (t) {
		t->rows = calloc(n * ROWS_PER + 1, sizeof(*t->rows));
		t->patterns = calloc(n * ROWS_PER + 1, sizeof(*t->patterns));
	}
	if (!t || !t->rows || !t->patterns) {
		router_free(t);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct resource *d = all[i];
		/* A built-in resource with routes of its own keeps them; one
		 * described by a file may not take a path Spire answers. */
		int from_file = i >= n - (r ? r->n : 0);
		if (hand_written(d) && !from_file)
			continue;
		if (hand_written(d)) {
			rc = err_set(e, SPIRE_EINVAL, "path",
			             "The resource %s cannot have the path "
			             "/api/v1/%s: Spire answers it already",
			             d->name, d->plural);
			break;
		}
		if (!d->list_keys || !d->list_keys->field || !d->close_verb)
			continue;
		const struct record_kind *k = d->kind;
		char list[128], verb[64];
		snprintf(list, sizeof(list), "?%s&" API_Q_PAGING,
		         d->list_keys->field);
		snprintf(verb, sizeof(verb), "/{id}/%s", d->close_verb);
		rc = add_row(t, d, "GET", list, api_res_list, 0, RK_NONE, e);
		if (rc == 0)
			rc = add_row(t, d, "POST", "", api_res_create, 1,
			             RK_NONE, e);
		if (rc == 0)
			rc =
			    add_row(t, d, "GET", "/{id}", api_res_get, 0, k, e);
		if (rc == 0)
			rc = add_row(t, d, "PATCH", "/{id}", api_res_update, 1,
			             k, e);
		if (rc == 0)
			rc =
			    add_row(t, d, "POST", verb, api_res_close, 1, k, e);
		if (rc == 0 && (d->table->flags & RT_REOPEN))
			rc = add_row(t, d, "POST", "/{id}/reopen",
			             api_res_reopen, 1, k, e);
	}
	if (rc) {
		router_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

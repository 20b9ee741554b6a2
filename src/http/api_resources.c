/*
 * api_resources.c - the generic handlers of every described resource
 * (list, get, create, update, close, reopen; the route's data is the
 * resource's descriptor, whose list hook and ops they call when it has
 * them, else records_*), the route rows derived from the descriptors at
 * start-up, and GET /api/v1/resources, the field lists the web UI reads.
 */
#include "http/api.h"

#include <stdlib.h>
#include <string.h>

#include "service/resource_files.h"
#include "service/roles.h"
#include "service/server.h"

/* The list's prompt when the request gives none or several of its keys:
 * the descriptor's, or "Choose whose consents to show" from the path. */
static int
choose_key(const struct resource *d, struct err *e)
{
	if (d->list_prompt)
		return err_set(e, SPIRE_EINVAL, d->list_keys->field, "%s",
		               d->list_prompt);
	char what[96];
	snprintf(what, sizeof(what), "%s", d->plural);
	for (char *p = what; *p; p++)
		if (*p == '-')
			*p = ' ';
	return err_set(e, SPIRE_EINVAL, d->list_keys->field,
	               "Choose whose %s to show", what);
}

/* The query a list request asks, as its descriptor declares it. */
static int
list_query(struct http_request *req, const struct resource *d,
           struct records_query *q, struct err *e)
{
	int rc = 0;
	size_t given = 0;
	const struct list_key *k = d->list_keys;
	for (; rc == 0 && k && k->field; k++) {
		int64_t v = 0;
		rc = api_query_id(req, k->field, &v, e);
		if (rc == 0 && v && given++ == 0) {
			q->field = k->field;
			q->value = v;
		}
	}
	if (rc == 0 && d->list_keys && d->list_keys->field && given != 1)
		rc = choose_key(d, e);
	if (d->list_flags & RES_LIST_DATES) {
		q->from = http_query(req, "from");
		q->to = http_query(req, "to");
	}
	/* Without ?include_closed= closed records are listed too, after
	 * the open ones. */
	q->include_closed = 1;
	if (rc == 0 && (d->list_flags & RES_LIST_CLOSED))
		rc = api_query_bool(req, "include_closed", &q->include_closed,
		                    e);
	if (rc == 0)
		rc = api_paging(req, &q->limit, &q->offset, e);
	return rc;
}

static int
api_res_list(struct ctx *ctx, struct http_request *req,
             struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	struct records_query q = {0};
	json_t *page = NULL;
	int rc = list_query(req, d, &q, e);
	if (rc == 0)
		rc = d->list ? d->list(ctx, d, &q, &page, e)
		             : records_list(ctx, d, q.field, q.value,
		                            q.include_closed, q.limit, q.offset,
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

/* Reply to a create or update: the record with status, or the probable
 * duplicates the service found, or the error. */
static int
reply_write(struct http_request *req, struct http_response *res, int status,
            int rc, json_t *rec, json_t *dups, struct err *e)
{
	if (rc == SPIRE_ECONFLICT && dups)
		return http_reply_duplicates(req, res, e->message, dups);
	json_decref(dups);
	return rc ? rc : api_reply_record(req, res, status, rec);
}

static int
api_res_create(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	json_t *rec = NULL, *dups = NULL;
	int rc = d->ops && d->ops->create
	             ? d->ops->create(ctx, d, req->json, &rec, &dups, e)
	             : records_create(ctx, d, req->json, &rec, e);
	return reply_write(req, res, 201, rc, rec, dups, e);
}

static int
api_res_update(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	json_t *rec = NULL, *dups = NULL;
	int rc =
	    d->ops && d->ops->update
	        ? d->ops->update(ctx, d, req->id, req->json, &rec, &dups, e)
	        : records_update(ctx, d, req->id, req->json, &rec, e);
	return reply_write(req, res, 200, rc, rec, dups, e);
}

static int
api_res_close(struct ctx *ctx, struct http_request *req,
              struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	json_t *rec = NULL;
	int rc = d->ops && d->ops->close
	             ? d->ops->close(ctx, d, req->id, req->json, &rec, e)
	             : records_close(ctx, d, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_res_reopen(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	const struct resource *d = req->data;
	json_t *rec = NULL;
	int rc = d->ops && d->ops->reopen
	             ? d->ops->reopen(ctx, d, req->id, req->json, &rec, e)
	             : records_reopen(ctx, d, req->id, req->json, &rec, e);
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
	    .flags = RF_DERIVED | (write ? RF_WRITE | RF_JSON : 0u),
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

/* Append "?word" or "&word" to out (n bytes); 0, or -1 when it does not
 * fit. */
static int
append_query(char *out, size_t n, const char *word)
{
	size_t len = strlen(out);
	int w = snprintf(out + len, n - len, "%s%s", len ? "&" : "?", word);
	return w < 0 || (size_t)w >= n - len ? -1 : 0;
}

/* The list row's suffix: "?" then the list keys, the parameters of the
 * list flags and paging ("?case_id&person_id&include_closed&limit&offset"),
 * in the order the handler reads them. */
static int
list_pattern(const struct resource *d, char *out, size_t n, struct err *e)
{
	int bad = 0;
	out[0] = '\0';
	for (const struct list_key *k = d->list_keys; k && k->field; k++)
		bad |= append_query(out, n, k->field);
	if (d->list_flags & RES_LIST_DATES)
		bad |= append_query(out, n, "from&to");
	if (d->list_flags & RES_LIST_CLOSED)
		bad |= append_query(out, n, "include_closed");
	bad |= append_query(out, n, API_Q_PAGING);
	if (bad)
		return err_set(e, SPIRE_EINVAL, "list_keys",
		               "The list of %s has too many keys", d->plural);
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
		int has_keys = d->list_keys && d->list_keys->field;
		if ((!has_keys && !d->list) || !d->close_verb)
			continue;
		const struct record_kind *k = d->kind;
		char list[256], verb[64];
		rc = list_pattern(d, list, sizeof(list), e);
		snprintf(verb, sizeof(verb), "/{id}/%s", d->close_verb);
		if (rc == 0)
			rc = add_row(t, d, "GET", list, api_res_list, 0,
			             RK_NONE, e);
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

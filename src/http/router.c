/*
 * router.c - matching, central access checks, dispatch.
 */
#include "http/router.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/proxy.h"
#include "core/validate.h"
#include "service/auth.h"
#include "service/policy.h"
#include "service/records.h"
#include "service/roles.h"
#include "service/shown.h"

#define SESSION_COOKIE "__Host-spire"

/* {id}: the length of the positive decimal int64 at s (no sign, blank or
 * leading zero) stored in *id, or 0 when there is none or it overflows. */
static size_t
scan_id(const char *s, int64_t *id)
{
	if (*s < '1' || *s > '9')
		return 0;
	int64_t v = 0;
	size_t n = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		int d = s[n] - '0';
		if (v > (INT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*id = v;
	return n;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* {name}: the length of the name at s (a lower-case letter, then
 * lower-case letters, digits and '-'), or 0 when none or too long. */
static size_t
scan_name(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	size_t n = 0;
	while (name_char(s[n]))
		n++;
	return n <= ROUTE_NAME_MAX ? n : 0;
}

static int
hex_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* {uuid}: 36 when s starts with a canonical lower-case UUID, else 0. */
static size_t
scan_uuid(const char *s)
{
	for (size_t i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !hex_char(s[i]))
			return 0;
	}
	return 36;
}

int
router_match(const struct route *r, const char *path, struct route_match *m)
{
	m->id = 0;
	m->name[0] = m->uuid[0] = '\0';
	m->named = NULL;
	const char *p = r->pattern, *s = path;
	while (*p && *p != '?' && *s) {
		size_t n;
		if (*p != '{') {
			if (*p != *s)
				return 0;
			p++;
			n = 1;
		} else if (strncmp(p, "{id}", 4) == 0) {
			if (!(n = scan_id(s, &m->id)))
				return 0;
			p += 4;
		} else if (strncmp(p, "{name}", 6) == 0) {
			if (!(n = scan_name(s)) || !r->lookup)
				return 0;
			memcpy(m->name, s, n);
			m->name[n] = '\0';
			p += 6;
		} else if (strncmp(p, "{uuid}", 6) == 0) {
			if (!(n = scan_uuid(s)))
				return 0;
			memcpy(m->uuid, s, n);
			m->uuid[n] = '\0';
			p += 6;
		} else {
			return 0; /* no such type: a mistake in the table */
		}
		s += n;
	}
	/* A pattern's query part ("?a&b") names parameters, not path. */
	if (!((*p == '\0' || *p == '?') && *s == '\0'))
		return 0;
	/* Looked up last: only a path that otherwise fits costs a lookup. */
	if (m->name[0] && !(m->named = r->lookup(m->name)))
		return 0;
	return 1;
}

static const char *
bearer(struct http_request *req)
{
	const char *h = http_header(req, "Authorization");
	if (h && strncasecmp(h, "Bearer ", 7) == 0)
		return h + 7;
	return NULL;
}

static int
content_is_json(struct http_request *req)
{
	const char *ct = http_header(req, "Content-Type");
	if (!ct)
		return 0;
	size_t n = strlen("application/json");
	return strncasecmp(ct, "application/json", n) == 0 &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* Why a body is not JSON, in words for the person who sent it (the JSON
 * library's own text is for developers). */
static const char *
json_problem(const json_error_t *jerr)
{
	switch (json_error_code(jerr)) {
	case json_error_duplicate_key:
		return "a field was sent twice";
	case json_error_invalid_utf8:
		return "some of the text was not in a form Spire reads (UTF-8)";
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return "some of the text held a character that cannot be kept";
	case json_error_numeric_overflow:
		return "a number was too large";
	case json_error_premature_end_of_input:
		return "it was cut short";
	default:
		return "it was not in the form Spire expects";
	}
}

/*
 * A string value holding U+0000 (which the C strings every check reads
 * would cut short) gets U+0001 in its place: the field's own check then
 * refuses it as a hidden character, named with every other wrong field,
 * instead of the whole body being unreadable. 0, or -1 out of memory.
 */
static int
nul_to_control(json_t *v)
{
	if (json_is_string(v)) {
		size_t n = json_string_length(v);
		const char *t = json_string_value(v);
		if (strlen(t) == n)
			return 0;
		char *copy = malloc(n);
		if (!copy)
			return -1;
		memcpy(copy, t, n);
		for (char *c = memchr(copy, 0, n); c;
		     c = memchr(c, 0, n - (size_t)(c - copy)))
			*c = '\x01';
		int rc = json_string_setn_nocheck(v, copy, n);
		free(copy);
		return rc;
	}
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) if (nul_to_control(x)) return -1;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) if (nul_to_control(x)) return -1;
	}
	return 0;
}

static int
parse_body(struct http_request *req, struct err *e)
{
	if (!req->body || req->body_len == 0)
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	if (!content_is_json(req))
		return err_set(e, SPIRE_EMEDIA, NULL,
		               "Spire could not read what was sent (it was not "
		               "JSON). Reload the page and try again");
	json_error_t jerr;
	req->json = json_loadb(req->body, req->body_len,
	                       JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (req->json && nul_to_control(req->json) != 0) {
		json_decref(req->json);
		req->json = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (!req->json)
		return err_set(
		    e, SPIRE_EINVAL, NULL,
		    "Spire could not read what was sent (%s). Reload "
		    "the page and try again",
		    json_problem(&jerr));
	if (!json_is_object(req->json))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	return 0;
}

void
router_free(struct route_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->patterns[i]);
	free(t->patterns);
	free(t->rows);
	free(t);
}

/* The i-th table: the static ones, then the run-time rows of extra; NULL
 * after the last. */
static const struct route *
table_at(const struct route_table *extra, size_t i)
{
	size_t n = 0;
	while (ROUTE_TABLES[n])
		n++;
	if (i < n)
		return ROUTE_TABLES[i];
	return i == n && extra ? extra->rows : NULL;
}

/* Find the route and fill m with its path parameters; on a miss, fills
 * allow[] with the methods the path has, if any. */
static const struct route *
find(const struct route_table *extra, struct http_request *req,
     struct route_match *m, char *allow, size_t allow_len, int *path_known)
{
	*path_known = 0;
	allow[0] = '\0';
	const char *method = req->method;
	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	const struct route *tab;
	for (size_t t = 0; (tab = table_at(extra, t)) != NULL; t++) {
		for (const struct route *r = tab; r->method; r++) {
			if (!router_match(r, req->path, m))
				continue;
			*path_known = 1;
			if (strcmp(r->method, method) == 0)
				return r;
			if (!strstr(allow, r->method)) {
				size_t n = strlen(allow);
				snprintf(allow + n, allow_len - n, "%s%s",
				         n ? ", " : "", r->method);
			}
		}
	}
	return NULL;
}

/* Hand the route's descriptor and the path's typed values to the request
 * (strings copied into its arena). Returns 0 or SPIRE_ENOMEM. */
static int
take_params(struct http_request *req, const struct route *r,
            const struct route_match *m, struct err *e)
{
	req->id = m->id;
	req->named = m->named;
	req->data = r->data;
	req->name = NULL;
	req->uuid = NULL;
	if (m->name[0] && !(req->name = arena_strdup(req->arena, m->name)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (m->uuid[0] && !(req->uuid = arena_strdup(req->arena, m->uuid)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* Whether name is one of the query parameters a route's pattern
 * declares after its '?' ("/api/v1/cases?status&limit&offset"). */
static int
route_takes(const struct route *r, const char *name)
{
	const char *q = strchr(r->pattern, '?');
	size_t n = strlen(name);
	while (q && n) {
		q++;
		const char *end = strchr(q, '&');
		size_t len = end ? (size_t)(end - q) : strlen(q);
		if (len == n && strncmp(q, name, n) == 0)
			return 1;
		q = end;
	}
	return 0;
}

#define QUERY_MAX 16

struct query_seen {
	const struct route *route;
	const char *names[QUERY_MAX];
	int n;
	struct err *e;
};

/* Each wrong parameter is named (err_add) and the walk goes on, so that
 * one 400 names them all; it stops only at too many. */
static int
query_arg_ok(void *arg, const char *name, const char *value, int hidden_nul)
{
	struct query_seen *q = arg;
	const char *wrong = NULL;
	int seen = 0;
	for (int i = 0; i < q->n; i++)
		seen |= strcmp(q->names[i], name) == 0;
	/* Checked first: a name cut short at %00 may look like one the
	 * route takes. */
	if (hidden_nul)
		wrong = "The address must not include hidden characters";
	else if (!route_takes(q->route, name))
		wrong = "This page does not take this choice in its address";
	else if (seen)
		wrong = "Give each choice in the address once";
	else if (q->n == QUERY_MAX)
		return err_add(q->e, SPIRE_EINVAL, name,
		               "The address has too many choices in it");
	/* "?status" or "?status=" would otherwise be ignored, as if the
	 * filter had not been asked for. */
	else if (!value || !*value)
		wrong = "Give a value for each choice in the address";
	/* Bytes that are not UTF-8 (or control characters): the same 400 on
	 * every store, before any store is asked (PostgreSQL refuses such
	 * text, SQLite compares it as bytes). */
	else if (text_problem(value, (size_t)-1, 1) & TEXT_BAD_CHARS)
		wrong = "Remove the unreadable or hidden characters from this "
		        "choice";
	if (!hidden_nul && route_takes(q->route, name) && !seen &&
	    q->n < QUERY_MAX)
		q->names[q->n++] = name;
	if (wrong)
		err_add(q->e, SPIRE_EINVAL, name, "%s", wrong);
	return 0;
}

/* Every query parameter of req must be one the route declares, given
 * once, with a value and no escaped NUL (%00): a misspelt or unsupported
 * filter is a 400 naming it (every such one at once), never an answer
 * that silently ignores it. */
static int
query_check(const struct route *r, struct http_request *req, struct err *e)
{
	struct query_seen q = {.route = r, .e = e};
	int rc = http_query_each(req, query_arg_ok, &q);
	return rc ? rc : e->code;
}

/* The checks every route gets, in order. Fills e and returns non-zero
 * when the request must not reach the handler. */
static const char *denial_detail(struct http_request *req,
                                 const struct route *r);

static void denials_detail(struct ctx *ctx, const struct route *r,
                           struct http_request *req);

static int
admit(struct ctx *ctx, const struct route *r, struct http_request *req,
      struct err *e)
{
	if (!(r->flags & RF_PUBLIC)) {
		const char *token = bearer(req);
		if (!token) {
			token = http_cookie(req, SESSION_COOKIE);
			req->via_cookie = token != NULL;
		}
		int rc = auth_authenticate(ctx, token, e);
		if (rc)
			return rc;
		const struct resource *d =
		    r->flags & RF_DERIVED ? r->data : NULL;
		if (!(ctx->user->role & r->roles) && d && d->role_refused)
			return err_set(e, SPIRE_EFORBIDDEN, NULL, "%s",
			               d->role_refused);
		if (!(ctx->user->role & r->roles))
			return err_set(e, SPIRE_EFORBIDDEN, NULL,
			               "Your role (%s) cannot do this",
			               role_label(ctx->user->role_name)
			                   ? role_label(ctx->user->role_name)
			                   : "none");
		if ((r->flags & RF_WRITE) && req->via_cookie) {
			const char *csrf = http_header(req, "X-CSRF-Token");
			const char *want = ctx->user->csrf_token;
			if (!csrf || !want || strlen(csrf) != strlen(want) ||
			    sodium_memcmp(csrf, want, strlen(want)) != 0)
				return err_set(
				    e, SPIRE_EFORBIDDEN, "X-CSRF-Token",
				    "Spire could not check this came from "
				    "your session. Reload the page and try "
				    "again");
		}
	}
	if (r->flags & RF_JSON) {
		int rc = parse_body(req, e);
		if (rc)
			return rc;
	}
	if (r->kind != RK_NONE) {
		int64_t person_id = 0;
		int rc =
		    policy_record(ctx, r->kind, req->id,
		                  (r->flags & RF_WRITE) != 0, &person_id, e);
		if (rc == SPIRE_EFORBIDDEN) {
			/* Refusals of personal records are audited too: a
			 * family's about each of its members. */
			policy_deny_audit(ctx, r->kind, req->id, person_id);
			denials_detail(ctx, r, req);
			struct err ignore;
			ctx_flush(ctx, &ignore);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * Audit a refusal no one else audited: the route's role check, CSRF, a
 * service's own rule (team, board, user). Every 403 leaves a "denied" row,
 * about the person behind the record the path names when there is one;
 * detail is the route pattern, never the request's data.
 */
/* The route's path pattern without the query parameters it declares
 * after '?', with {name} filled in (a name is vocabulary, not personal
 * data): what audit rows name as their detail. Arena-owned; the pattern
 * itself when it declares neither or the arena is exhausted. */
static const char *
route_path(struct http_request *req, const struct route *r)
{
	const char *q = strchr(r->pattern, '?');
	size_t len = q ? (size_t)(q - r->pattern) : strlen(r->pattern);
	const char *slot = strstr(r->pattern, "{name}");
	if (slot && (size_t)(slot - r->pattern) >= len)
		slot = NULL;
	if (!q && !(slot && req->name))
		return r->pattern;
	const char *p;
	if (slot && req->name)
		p = arena_printf(
		    req->arena, "%.*s%s%.*s", (int)(slot - r->pattern),
		    r->pattern, req->name,
		    (int)(len - (size_t)(slot - r->pattern) - 6), slot + 6);
	else
		p = arena_strndup(req->arena, r->pattern, len);
	return p ? p : r->pattern;
}

/* A refusal's detail: the method and route_path, e.g. "POST
 * /api/v1/offences/{id}/reopen", so a refused read is told from a refused
 * change. Arena-owned (the path alone if the arena is exhausted). */
static const char *
denial_detail(struct http_request *req, const struct route *r)
{
	const char *path = route_path(req, r);
	const char *d = arena_printf(req->arena, "%s %s", req->method, path);
	return d ? d : path;
}

/* Every denied row of this request that names no route yet (a service's
 * own refusal of a record named in the body) gets the route's. */
static void
denials_detail(struct ctx *ctx, const struct route *r, struct http_request *req)
{
	for (struct audit_entry *a = ctx->audit_head; a; a = a->next)
		if (!a->detail && strcmp(a->action, "denied") == 0)
			a->detail = denial_detail(req, r);
}

/* The person id in query parameter key (a positive whole number), or 0. */
static int64_t
query_person(struct http_request *req, const char *key)
{
	const char *v = http_query(req, key);
	if (!v || !*v || strlen(v) > 18 ||
	    strspn(v, "0123456789") != strlen(v) || v[0] == '0')
		return 0;
	return strtoll(v, NULL, 10);
}

/* The record a refused list was asked about: ?person_id=N, else
 * ?case_id=N, else ?family_id=N (a positive whole number); 0 for none. */
static int64_t
list_subject(struct http_request *req, const struct record_kind **kind)
{
	static const struct {
		const char *key;
		const struct record_kind *kind;
	} keys[] = {
	    {"person_id", RK_PERSON},
	    {"case_id", RK_CASE},
	    {"family_id", RK_FAMILY},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = http_query(req, keys[i].key);
		if (!v || !*v || strlen(v) > 18 ||
		    strspn(v, "0123456789") != strlen(v) || v[0] == '0')
			continue;
		*kind = keys[i].kind;
		return strtoll(v, NULL, 10);
	}
	return 0;
}

/*
 * What the {id} of a route declared with no record kind names, for a
 * refusal's record_type, by the path's segment before it: a record kind
 * (a form response, whose route leaves access to its service), whose
 * refusal is about the person behind it as any other, or a record type
 * alone (an account, a team, a merge, a board meeting: about no person),
 * as their own rows name them. Neither for a route with no {id}.
 */
static void
id_names(const struct route *r, const struct record_kind **kind,
         const char **type)
{
	static const struct {
		const char *segment, *type;
		const struct record_kind *kind;
	} names[] = {
	    {"/users/{id}", "user", NULL},
	    {"/teams/{id}", "team", NULL},
	    {"/merges/{id}", "person_merge", NULL},
	    {"/board-meetings/{id}", "board_meeting", NULL},
	    {"/form-responses/{id}", NULL, RK_FORM_RESPONSE},
	};
	*type = NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strstr(r->pattern, names[i].segment)) {
			*type = names[i].type;
			if (names[i].kind)
				*kind = names[i].kind;
			return;
		}
}

static void
audit_denial(struct ctx *ctx, const struct route *r, struct http_request *req)
{
	const struct record_kind *kind = r->kind;
	int64_t id = req->id;
	/* Named by its type and id as every other refusal is (session 28:
	 * a refused read of an account had no record_type). */
	const char *type = NULL;
	if (kind == RK_NONE && id)
		id_names(r, &kind, &type);
	if (type) {
		ctx_audit(ctx, "denied", type, id, 0);
		denials_detail(ctx, r, req);
		return;
	}
	/* A refused list is about the person, case or family it named, so
	 * that "who looked at this child" shows the attempt. */
	if (kind == RK_NONE && !id)
		id = list_subject(req, &kind);
	int64_t person_id =
	    kind != RK_NONE && id ? policy_person_behind(ctx, kind, id) : 0;
	/* A refused merge (or its preview) is about both people it names. */
	int64_t pair[2] = {0, 0};
	if (kind == RK_NONE && !id) {
		static const char *const keys[2] = {"kept_id", "merged_id"};
		for (int i = 0; i < 2; i++)
			pair[i] = query_person(req, keys[i]);
	}
	if (pair[0] || pair[1]) {
		for (int i = 0; i < 2; i++)
			if (pair[i] && (i == 0 || pair[1] != pair[0]))
				ctx_audit(ctx, "denied", "person", pair[i],
				          pair[i]);
	} else {
		policy_deny_audit(ctx, kind != RK_NONE ? kind : NULL, id,
		                  person_id);
	}
	denials_detail(ctx, r, req);
}

/* What the router hands http_reply_json() to audit the people shown. */
struct shown_arg {
	struct ctx *ctx;
	const struct route *route;
};

static int
audit_shown(struct http_request *req, const json_t *value)
{
	struct shown_arg *a = req->on_json_arg;
	const struct route *r = a->route;
	struct err e;
	err_clear(&e);
	return shown_audit(a->ctx, value,
	                   r->kind != RK_NONE ? policy_kind_name(r->kind)
	                                      : NULL,
	                   req->id, route_path(req, r), &e);
}

void
router_handle(struct server *srv, struct http_request *req,
              struct http_response *res)
{
	res->status = 500;
	if (strncmp(req->path, "/api/", 5) != 0) {
		static_serve(srv, req, res);
		return;
	}
	res->personal = 1;
	char allow[128];
	int known;
	struct route_match m;
	const struct route *r = find(srv ? srv->routes : NULL, req, &m, allow,
	                             sizeof(allow), &known);
	if (!r) {
		if (known) {
			http_add_header(res, req->arena, "Allow", allow);
			http_reply_fail(req, res, SPIRE_EMETHOD, NULL,
			                "You cannot do this here");
		} else {
			http_reply_fail(req, res, SPIRE_ENOTFOUND, NULL,
			                "Page not found");
		}
		return;
	}
	struct ctx ctx;
	struct err e;
	err_clear(&e);
	/* Behind a trusted proxy the client is named in X-Forwarded-For;
	 * throttling and the audit trail use that address. */
	const struct proxy_list *proxies = &srv->cfg.trusted_proxies;
	const char *xff = proxy_trusted(proxies, req->ip)
	                      ? http_header(req, "X-Forwarded-For")
	                      : NULL;
	char client[PROXY_ADDR_LEN];
	const char *ip = arena_strdup(
	    req->arena, proxy_client_address(proxies, req->ip, xff, client));
	ctx_init(&ctx, srv, req->arena, ip ? ip : req->ip);
	ctx.break_glass_reason = http_header(req, "X-Break-Glass-Reason");
	int rc = take_params(req, r, &m, &e);
	if (rc == 0)
		rc = admit(&ctx, r, req, &e);
	struct shown_arg shown = {&ctx, r};
	req->on_json = audit_shown;
	req->on_json_arg = &shown;
	if (rc == 0) {
		rc = query_check(r, req, &e);
		/* Its own parameters' errors join the same 400. */
		if (rc == 0 ||
		    (rc == SPIRE_EINVAL && (r->flags & RF_QUERY_GATHERS)))
			rc = r->handler(&ctx, req, res, &e);
	}
	req->on_json = NULL;
	req->on_json_arg = NULL;
	if (rc == SPIRE_EFORBIDDEN && !ctx.denial_audited)
		audit_denial(&ctx, r, req);
	denials_detail(&ctx, r, req);
	if (ctx_audit_glass(&ctx) && rc == 0)
		rc = err_set(&e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Whatever was shown must be audited before it is sent, even
	 * alongside an error (e.g. possible duplicates). The adapter may
	 * take the rows and hold the answer back until they are durable, so
	 * that its thread serves others meanwhile. */
	if (ctx.audit_head && req->defer_audit) {
		req->audit = ctx.audit_head;
		ctx.audit_head = ctx.audit_tail = NULL;
	} else if (ctx.audit_head) {
		struct err fe;
		err_clear(&fe);
		int frc = ctx_flush(&ctx, &fe);
		if (frc && rc == 0) {
			rc = frc;
			e = fe;
		} else if (frc) {
			rc = SPIRE_EUNAVAIL;
			err_set(
			    &e, rc, NULL,
			    "Spire cannot keep its audit trail at the moment. "
			    "Try again later");
		}
	}
	ctx_release(&ctx);
	if (rc) {
		if (rc == SPIRE_EDB || rc == SPIRE_EIO)
			fprintf(stderr, "spire: %s %s: %s\n", req->method,
			        req->path, e.message);
		if (e.code == 0)
			err_set(&e, rc, NULL, "%s", err_text(rc));
		res->headers = NULL;
		http_reply_error(req, res, &e);
	}
}

void
router_audit_failed(struct http_request *req, struct http_response *res,
                    const struct err *fe)
{
	fprintf(stderr, "spire: %s %s: audit: %s\n", req->method, req->path,
	        fe->message);
	res->headers = NULL;
	if (res->status < 400 && fe->code)
		http_reply_error(req, res, fe);
	else
		http_reply_fail(req, res, SPIRE_EUNAVAIL, NULL,
		                "Spire cannot keep its audit trail at the "
		                "moment. Try again later");
}

static json_t *
roles_json(unsigned roles)
{
	json_t *arr = json_array();
	for (unsigned i = 0; ROLE_NAMES[i]; i++)
		if (roles & (1u << i))
			json_array_append_new(arr, json_string(ROLE_NAMES[i]));
	return arr;
}

json_t *
router_describe(const struct route_table *extra)
{
	json_t *arr = json_array();
	const struct route *tab;
	for (size_t t = 0; (tab = table_at(extra, t)) != NULL; t++) {
		for (const struct route *r = tab; r->method; r++) {
			/* The path, and the query parameters after its '?'. */
			const char *q = strchr(r->pattern, '?');
			size_t plen =
			    q ? (size_t)(q - r->pattern) : strlen(r->pattern);
			json_t *query = json_array();
			while (q) {
				q++;
				const char *end = strchr(q, '&');
				json_array_append_new(
				    query,
				    json_stringn(q, end ? (size_t)(end - q)
				                        : strlen(q)));
				q = end;
			}
			json_t *o = json_pack(
			    "{s:s, s:s%, s:o, s:s, s:b, s:b, s:b, s:o, s:b}",
			    "method", r->method, "pattern", r->pattern, plen,
			    "roles",
			    (r->flags & RF_PUBLIC) ? json_array()
			                           : roles_json(r->roles),
			    "record", policy_kind_name(r->kind), "public",
			    (r->flags & RF_PUBLIC) != 0, "write",
			    (r->flags & RF_WRITE) != 0, "json",
			    (r->flags & RF_JSON) != 0, "query", query,
			    "derived", (r->flags & RF_DERIVED) != 0);
			if (r->kind == RK_NONE)
				json_object_set_new(o, "record", json_null());
			json_array_append_new(arr, o);
		}
	}
	return arr;
}

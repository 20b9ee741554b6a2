/*
 * test_router.c - the route table and path matching (src/http/router.c)
 * through the public functions: router_describe() for the table's shape,
 * router_handle() for paths that match no route (404) or no method (405
 * with Allow), router_match() for the typed path parameters. Requests that
 * match a route need a live connection and are covered by the API tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/api.h"
#include "http/router.h"
#include "service/server.h"

static void
test_table_shape(void **state)
{
	(void)state;
	json_t *routes = router_describe(NULL);
	assert_non_null(routes);
	assert_true(json_array_size(routes) > 5);
	size_t i, j;
	json_t *r, *o;
	json_array_foreach(routes, i, r)
	{
		const char *method =
		    json_string_value(json_object_get(r, "method"));
		const char *pattern =
		    json_string_value(json_object_get(r, "pattern"));
		assert_non_null(method);
		assert_non_null(pattern);
		assert_int_equal(strncmp(pattern, "/api/v1/", 8), 0);
		int pub = json_is_true(json_object_get(r, "public"));
		size_t nroles = json_array_size(json_object_get(r, "roles"));
		/* A route is public or names who may use it. */
		if (pub == (nroles != 0))
			fail_msg("%s %s: public %d with %zu roles", method,
			         pattern, pub, nroles);
		/* A record route names the record in its path. */
		if (!json_is_null(json_object_get(r, "record")) &&
		    !strstr(pattern, "{id}"))
			fail_msg("%s %s names a record without {id}", method,
			         pattern);
		/* At most one of each typed parameter, and no other. */
		static const char *const types[] = {"{id}", "{name}", "{uuid}",
		                                    NULL};
		size_t braces = 0;
		for (const char *b = pattern; (b = strchr(b, '{')); b++)
			braces++;
		for (size_t t = 0; types[t]; t++) {
			const char *at = strstr(pattern, types[t]);
			if (at && strstr(at + 1, types[t]))
				fail_msg("%s has two %s", pattern, types[t]);
			braces -= at != NULL;
		}
		if (braces)
			fail_msg("%s has a parameter of no known type",
			         pattern);
		/* No route is listed twice. */
		json_array_foreach(routes, j, o)
		{
			if (j <= i)
				continue;
			if (!strcmp(method, json_string_value(json_object_get(
			                        o, "method"))) &&
			    !strcmp(pattern, json_string_value(json_object_get(
			                         o, "pattern"))))
				fail_msg("%s %s listed twice", method, pattern);
		}
	}
	json_decref(routes);
}

struct miss {
	const char *method, *path;
	int status;
	const char *allow;
};

static void
test_misses(void **state)
{
	(void)state;
	static const struct miss cases[] = {
	    {"GET", "/api/v1/nothing", 404, NULL},
	    {"GET", "/api/v1/people/0", 404, NULL},
	    {"GET", "/api/v1/people/007", 404, NULL},
	    {"GET", "/api/v1/people/12abc", 404, NULL},
	    {"GET", "/api/v1/people/-3", 404, NULL},
	    {"GET", "/api/v1/people/99999999999999999999999", 404, NULL},
	    {"GET", "/api/v1/people/9223372036854775808", 404, NULL},
	    {"GET", "/api/v1/people/+5", 404, NULL},
	    {"GET", "/api/v1/people/ 5", 404, NULL},
	    {"GET", "/api/v1/measures/no-such-measure", 404, NULL},
	    {"GET", "/api/v1/measures/Custody", 404, NULL},
	    {"GET", "/api/v1/measures/custody/", 404, NULL},
	    {"GET", "/api/v1/measures/kpi-board-attendance/children", 404,
	     NULL},
	    {"POST", "/api/v1/measures/no-such-measure", 404, NULL},
	    {"POST", "/api/v1/measures/custody", 405, "GET"},
	    {"DELETE", "/api/v1/measures/risk/children", 405, "GET"},
	    {"GET", "/api/v1/people/", 404, NULL},
	    {"GET", "/api/v1/people/5/", 404, NULL},
	    {"GET", "/api/v1/PEOPLE", 404, NULL},
	    {"GET", "/api/v1/session/x", 404, NULL},
	    {"GET", "/api/", 404, NULL},
	    {"DELETE", "/api/v1/people", 405, "GET, POST"},
	    {"PUT", "/api/v1/people/5", 405, "GET, PATCH"},
	    {"GET", "/api/v1/people/5/close", 405, "POST"},
	    {"PUT", "/api/v1/session", 405, "POST, GET, DELETE"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct miss *c = &cases[i];
		struct arena a;
		arena_init(&a, 0);
		struct http_request req;
		struct http_response res;
		memset(&req, 0, sizeof(req));
		memset(&res, 0, sizeof(res));
		req.arena = &a;
		req.method = c->method;
		req.path = c->path;
		req.ip = "127.0.0.1";
		router_handle(NULL, &req, &res);
		if (res.status != c->status)
			fail_msg("%s %s: %d, want %d", c->method, c->path,
			         res.status, c->status);
		assert_true(res.personal);
		const char *allow = NULL;
		for (struct http_header *h = res.headers; h; h = h->next)
			if (!strcmp(h->name, "Allow"))
				allow = h->value;
		if (c->allow && (!allow || strcmp(allow, c->allow)))
			fail_msg("%s %s: Allow '%s', want '%s'", c->method,
			         c->path, allow ? allow : "(none)", c->allow);
		if (!c->allow && allow)
			fail_msg("%s %s: unexpected Allow", c->method, c->path);
		json_t *body = json_loadb(res.body, res.body_len, 0, NULL);
		assert_non_null(body);
		json_t *err = json_object_get(body, "error");
		assert_non_null(json_object_get(err, "code"));
		assert_non_null(json_object_get(err, "message"));
		assert_true(json_is_null(json_object_get(err, "field")));
		json_decref(body);
		arena_release(&a);
	}
}

/* A lookup for the {name} routes below: knows "alpha", "beta-2" and every
 * name made of 'z' (to test the length limit). */
static const char *const KNOWN[] = {"alpha", "beta-2", NULL};

static const void *
lookup_known(const char *name)
{
	for (size_t i = 0; KNOWN[i]; i++)
		if (!strcmp(KNOWN[i], name))
			return KNOWN[i];
	return strspn(name, "z") == strlen(name) ? name : NULL;
}

struct typed {
	const char *pattern, *path;
	int match;
	int64_t id;
	const char *name, *uuid;
};

static void
test_typed_params(void **state)
{
	(void)state;
	static const struct typed cases[] = {
	    /* {id}: a positive decimal int64, no sign, blank or 0 first. */
	    {"/x/{id}", "/x/1", 1, 1, "", ""},
	    {"/x/{id}", "/x/9223372036854775807", 1, INT64_MAX, "", ""},
	    {"/x/{id}", "/x/9223372036854775808", 0, 0, "", ""},
	    {"/x/{id}", "/x/18446744073709551616", 0, 0, "", ""},
	    {"/x/{id}", "/x/0", 0, 0, "", ""},
	    {"/x/{id}", "/x/01", 0, 0, "", ""},
	    {"/x/{id}", "/x/-1", 0, 0, "", ""},
	    {"/x/{id}", "/x/+1", 0, 0, "", ""},
	    {"/x/{id}", "/x/ 1", 0, 0, "", ""},
	    {"/x/{id}", "/x/1a", 0, 0, "", ""},
	    {"/x/{id}", "/x/", 0, 0, "", ""},
	    {"/x/{id}/y", "/x/42/y", 1, 42, "", ""},
	    {"/x/{id}/y", "/x/42/z", 0, 0, "", ""},
	    {"/x/{id}?a&b", "/x/42", 1, 42, "", ""},
	    /* {name}: a lower-case letter, then [a-z0-9-], that the
	     * route's lookup knows. */
	    {"/n/{name}", "/n/alpha", 1, 0, "alpha", ""},
	    {"/n/{name}", "/n/beta-2", 1, 0, "beta-2", ""},
	    {"/n/{name}/c", "/n/beta-2/c", 1, 0, "beta-2", ""},
	    {"/n/{name}", "/n/gamma", 0, 0, "", ""},
	    {"/n/{name}", "/n/Alpha", 0, 0, "", ""},
	    {"/n/{name}", "/n/alpha_", 0, 0, "", ""},
	    {"/n/{name}", "/n/2alpha", 0, 0, "", ""},
	    {"/n/{name}", "/n/-alpha", 0, 0, "", ""},
	    {"/n/{name}", "/n/alpha/", 0, 0, "", ""},
	    {"/n/{name}", "/n/alpha%00", 0, 0, "", ""},
	    {"/n/{name}", "/n/", 0, 0, "", ""},
	    {"/n/{name}",
	     "/n/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
	     "zzzz",
	     1, 0,
	     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
	     "zzzz",
	     ""},
	    {"/n/{name}",
	     "/n/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
	     "zzzzz",
	     0, 0, "", ""},
	    /* {uuid}: canonical lower-case 8-4-4-4-12 hex. */
	    {"/u/{uuid}", "/u/123e4567-e89b-12d3-a456-426614174000", 1, 0, "",
	     "123e4567-e89b-12d3-a456-426614174000"},
	    {"/u/{uuid}/c", "/u/00000000-0000-0000-0000-000000000000/c", 1, 0,
	     "", "00000000-0000-0000-0000-000000000000"},
	    {"/u/{uuid}", "/u/123E4567-E89B-12D3-A456-426614174000", 0, 0, "",
	     ""},
	    {"/u/{uuid}", "/u/123e4567e89b12d3a456426614174000", 0, 0, "", ""},
	    {"/u/{uuid}", "/u/123e4567-e89b-12d3-a456-42661417400", 0, 0, "",
	     ""},
	    {"/u/{uuid}", "/u/123e4567-e89b-12d3-a456-4266141740000", 0, 0, "",
	     ""},
	    {"/u/{uuid}", "/u/123e4567-e89b-12d3-a456_426614174000", 0, 0, "",
	     ""},
	    {"/u/{uuid}", "/u/{123e4567-e89b-12d3-a456-426614174000}", 0, 0, "",
	     ""},
	    {"/u/{uuid}", "/u/g23e4567-e89b-12d3-a456-426614174000", 0, 0, "",
	     ""},
	    /* A parameter of no known type matches nothing, not even
	     * itself. */
	    {"/x/{bogus}", "/x/{bogus}", 0, 0, "", ""},
	    {"/x/{bogus}", "/x/1", 0, 0, "", ""},
	    /* Literal segments. */
	    {"/a/b", "/a/b", 1, 0, "", ""},
	    {"/a/b", "/a/bc", 0, 0, "", ""},
	    {"/a/b", "/a", 0, 0, "", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct typed *c = &cases[i];
		struct route r = {"GET",   c->pattern, NULL, 0,
		                  RK_NONE, 0,          NULL, lookup_known};
		struct route_match m;
		int got = router_match(&r, c->path, &m);
		if (got != c->match)
			fail_msg("%s on %s: %d, want %d", c->path, c->pattern,
			         got, c->match);
		if (!got)
			continue;
		if (m.id != c->id || strcmp(m.name, c->name) ||
		    strcmp(m.uuid, c->uuid))
			fail_msg("%s on %s: id %lld name '%s' uuid '%s'",
			         c->path, c->pattern, (long long)m.id, m.name,
			         m.uuid);
		/* The handler gets what the lookup found, not the text. */
		if (c->name[0] && (m.named == NULL || strcmp(m.named, c->name)))
			fail_msg("%s: lookup result not handed over", c->path);
	}
}

/* A {name} route without a lookup matches nothing: a route cannot take
 * a name without saying which names exist. */
static void
test_name_needs_lookup(void **state)
{
	(void)state;
	struct route r = {"GET", "/n/{name}", NULL, 0, RK_NONE, 0, NULL, NULL};
	struct route_match m;
	assert_int_equal(router_match(&r, "/n/alpha", &m), 0);
}

/* Every route with {name} in the real table has a lookup. */
static void
test_table_lookups(void **state)
{
	(void)state;
	for (size_t t = 0; ROUTE_TABLES[t]; t++)
		for (const struct route *r = ROUTE_TABLES[t]; r->method; r++)
			if (!strstr(r->pattern, "{name}") != !r->lookup)
				fail_msg("%s %s: {name} and lookup go together",
				         r->method, r->pattern);
}

/* The status and Allow header router_handle gives method path on srv. */
static int
handled(struct server *srv, const char *method, const char *path, char *allow,
        size_t allow_len)
{
	struct arena a;
	arena_init(&a, 0);
	struct http_request req;
	struct http_response res;
	memset(&req, 0, sizeof(req));
	memset(&res, 0, sizeof(res));
	req.arena = &a;
	req.method = method;
	req.path = path;
	req.ip = "127.0.0.1";
	router_handle(srv, &req, &res);
	allow[0] = '\0';
	for (struct http_header *h = res.headers; h; h = h->next)
		if (!strcmp(h->name, "Allow"))
			snprintf(allow, allow_len, "%s", h->value);
	arena_release(&a);
	return res.status;
}

/* Route rows made at start-up from the descriptors (consents have no
 * hand-written routes): listed by router_describe() with the table, and
 * routed with the static tables' 404 and 405-with-Allow; without the table
 * the paths are unknown. */
static void
test_runtime_rows(void **state)
{
	(void)state;
	struct route_table *t = NULL;
	struct err e;
	err_clear(&e);
	assert_int_equal(api_resources_routes(NULL, &t, &e), 0);
	assert_non_null(t);
	/* Every record row of the described resources is derived: none is in
	 * the static tables (no rows written by hand), each is in the derived
	 * ones once, and nothing else is (reopen only where records reopen). */
	static const char *const want[] = {
	    "GET /api/v1/contacts",
	    "POST /api/v1/contacts",
	    "GET /api/v1/contacts/{id}",
	    "PATCH /api/v1/contacts/{id}",
	    "POST /api/v1/contacts/{id}/close",
	    "GET /api/v1/consents",
	    "POST /api/v1/consents",
	    "GET /api/v1/consents/{id}",
	    "PATCH /api/v1/consents/{id}",
	    "POST /api/v1/consents/{id}/withdraw",
	    "GET /api/v1/alerts",
	    "POST /api/v1/alerts",
	    "GET /api/v1/alerts/{id}",
	    "PATCH /api/v1/alerts/{id}",
	    "POST /api/v1/alerts/{id}/end",
	    "POST /api/v1/alerts/{id}/reopen",
	    "GET /api/v1/offences",
	    "POST /api/v1/offences",
	    "GET /api/v1/offences/{id}",
	    "PATCH /api/v1/offences/{id}",
	    "POST /api/v1/offences/{id}/close",
	    "POST /api/v1/offences/{id}/reopen",
	    "GET /api/v1/outcomes",
	    "POST /api/v1/outcomes",
	    "GET /api/v1/outcomes/{id}",
	    "PATCH /api/v1/outcomes/{id}",
	    "POST /api/v1/outcomes/{id}/close",
	    "POST /api/v1/outcomes/{id}/reopen",
	    "GET /api/v1/victims",
	    "POST /api/v1/victims",
	    "GET /api/v1/victims/{id}",
	    "PATCH /api/v1/victims/{id}",
	    "POST /api/v1/victims/{id}/close",
	    "POST /api/v1/victims/{id}/reopen",
	    "GET /api/v1/assessments",
	    "POST /api/v1/assessments",
	    "GET /api/v1/assessments/{id}",
	    "PATCH /api/v1/assessments/{id}",
	    "POST /api/v1/assessments/{id}/close",
	    "GET /api/v1/kpi-snapshots",
	    "POST /api/v1/kpi-snapshots",
	    "GET /api/v1/kpi-snapshots/{id}",
	    "PATCH /api/v1/kpi-snapshots/{id}",
	    "POST /api/v1/kpi-snapshots/{id}/close",
	    "GET /api/v1/board-meetings",
	    "POST /api/v1/board-meetings",
	    "GET /api/v1/board-meetings/{id}",
	    "PATCH /api/v1/board-meetings/{id}",
	    "POST /api/v1/board-meetings/{id}/close",
	    "GET /api/v1/parent-supports",
	    "POST /api/v1/parent-supports",
	    "GET /api/v1/parent-supports/{id}",
	    "PATCH /api/v1/parent-supports/{id}",
	    "POST /api/v1/parent-supports/{id}/close",
	    "POST /api/v1/parent-supports/{id}/reopen",
	    "GET /api/v1/parent-sessions",
	    "POST /api/v1/parent-sessions",
	    "GET /api/v1/parent-sessions/{id}",
	    "PATCH /api/v1/parent-sessions/{id}",
	    "POST /api/v1/parent-sessions/{id}/close",
	    "POST /api/v1/parent-sessions/{id}/reopen",
	    "GET /api/v1/parent-plan-items",
	    "POST /api/v1/parent-plan-items",
	    "GET /api/v1/parent-plan-items/{id}",
	    "PATCH /api/v1/parent-plan-items/{id}",
	    "POST /api/v1/parent-plan-items/{id}/close",
	    "POST /api/v1/parent-plan-items/{id}/reopen",
	    "GET /api/v1/peer-groups",
	    "POST /api/v1/peer-groups",
	    "GET /api/v1/peer-groups/{id}",
	    "PATCH /api/v1/peer-groups/{id}",
	    "POST /api/v1/peer-groups/{id}/close",
	    "POST /api/v1/peer-groups/{id}/reopen",
	    "GET /api/v1/peer-group-sessions",
	    "POST /api/v1/peer-group-sessions",
	    "GET /api/v1/peer-group-sessions/{id}",
	    "PATCH /api/v1/peer-group-sessions/{id}",
	    "POST /api/v1/peer-group-sessions/{id}/close",
	    "POST /api/v1/peer-group-sessions/{id}/reopen",
	    "GET /api/v1/peer-group-attendance",
	    "POST /api/v1/peer-group-attendance",
	    "GET /api/v1/peer-group-attendance/{id}",
	    "PATCH /api/v1/peer-group-attendance/{id}",
	    "POST /api/v1/peer-group-attendance/{id}/close",
	    "POST /api/v1/peer-group-attendance/{id}/reopen",
	    "GET /api/v1/peer-mentors",
	    "POST /api/v1/peer-mentors",
	    "GET /api/v1/peer-mentors/{id}",
	    "PATCH /api/v1/peer-mentors/{id}",
	    "POST /api/v1/peer-mentors/{id}/close",
	    "POST /api/v1/peer-mentors/{id}/reopen",
	    "GET /api/v1/parent-preferences",
	    "POST /api/v1/parent-preferences",
	    "GET /api/v1/parent-preferences/{id}",
	    "PATCH /api/v1/parent-preferences/{id}",
	    "POST /api/v1/parent-preferences/{id}/close",
	    "POST /api/v1/parent-preferences/{id}/reopen",
	    "GET /api/v1/parent-referrals",
	    "POST /api/v1/parent-referrals",
	    "GET /api/v1/parent-referrals/{id}",
	    "PATCH /api/v1/parent-referrals/{id}",
	    "POST /api/v1/parent-referrals/{id}/close",
	    "POST /api/v1/parent-referrals/{id}/reopen",
	    "GET /api/v1/family-plans",
	    "POST /api/v1/family-plans",
	    "GET /api/v1/family-plans/{id}",
	    "PATCH /api/v1/family-plans/{id}",
	    "POST /api/v1/family-plans/{id}/close",
	    "GET /api/v1/family-plan-actions",
	    "POST /api/v1/family-plan-actions",
	    "GET /api/v1/family-plan-actions/{id}",
	    "PATCH /api/v1/family-plan-actions/{id}",
	    "POST /api/v1/family-plan-actions/{id}/close",
	    "GET /api/v1/family-plan-reviews",
	    "POST /api/v1/family-plan-reviews",
	    "GET /api/v1/family-plan-reviews/{id}",
	    "PATCH /api/v1/family-plan-reviews/{id}",
	    "POST /api/v1/family-plan-reviews/{id}/close",
	    "GET /api/v1/hearings",
	    "POST /api/v1/hearings",
	    "GET /api/v1/hearings/{id}",
	    "PATCH /api/v1/hearings/{id}",
	    "POST /api/v1/hearings/{id}/close",
	    "POST /api/v1/hearings/{id}/reopen",
	    "GET /api/v1/court-reports",
	    "POST /api/v1/court-reports",
	    "GET /api/v1/court-reports/{id}",
	    "PATCH /api/v1/court-reports/{id}",
	    "POST /api/v1/court-reports/{id}/close",
	    "POST /api/v1/court-reports/{id}/reopen",
	    "GET /api/v1/steps-decisions",
	    "POST /api/v1/steps-decisions",
	    "GET /api/v1/steps-decisions/{id}",
	    "PATCH /api/v1/steps-decisions/{id}",
	    "POST /api/v1/steps-decisions/{id}/close",
	    NULL,
	};
	size_t n_want = 0;
	while (want[n_want])
		n_want++;
	json_t *with = router_describe(t), *without = router_describe(NULL);
	for (size_t i = 0; want[i]; i++) {
		int in_with = 0, in_without = 0;
		size_t k;
		json_t *r;
		char line[128];
		json_array_foreach(with, k, r)
		{
			snprintf(
			    line, sizeof(line), "%s %s",
			    json_string_value(json_object_get(r, "method")),
			    json_string_value(json_object_get(r, "pattern")));
			in_with += !strcmp(line, want[i]);
		}
		json_array_foreach(without, k, r)
		{
			snprintf(
			    line, sizeof(line), "%s %s",
			    json_string_value(json_object_get(r, "method")),
			    json_string_value(json_object_get(r, "pattern")));
			in_without += !strcmp(line, want[i]);
		}
		if (in_with != 1 || in_without != 0)
			fail_msg("%s: %d with the table, %d without", want[i],
			         in_with, in_without);
	}
	assert_int_equal(json_array_size(with) - json_array_size(without),
	                 n_want);
	json_decref(with);
	json_decref(without);

	struct server srv;
	memset(&srv, 0, sizeof(srv));
	srv.routes = t;
	char allow[128];
	assert_int_equal(
	    handled(&srv, "DELETE", "/api/v1/consents/5", allow, sizeof(allow)),
	    405);
	assert_string_equal(allow, "GET, PATCH");
	assert_int_equal(handled(&srv, "GET", "/api/v1/consents/5/withdraw",
	                         allow, sizeof(allow)),
	                 405);
	assert_string_equal(allow, "POST");
	assert_int_equal(
	    handled(&srv, "PUT", "/api/v1/consents", allow, sizeof(allow)),
	    405);
	assert_string_equal(allow, "GET, POST");
	assert_int_equal(
	    handled(&srv, "GET", "/api/v1/consents/05", allow, sizeof(allow)),
	    404);
	assert_int_equal(handled(&srv, "POST", "/api/v1/consents/5/reopen",
	                         allow, sizeof(allow)),
	                 404);
	srv.routes = NULL;
	assert_int_equal(
	    handled(&srv, "DELETE", "/api/v1/consents/5", allow, sizeof(allow)),
	    404);
	router_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_shape),
	    cmocka_unit_test(test_misses),
	    cmocka_unit_test(test_typed_params),
	    cmocka_unit_test(test_name_needs_lookup),
	    cmocka_unit_test(test_table_lookups),
	    cmocka_unit_test(test_runtime_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

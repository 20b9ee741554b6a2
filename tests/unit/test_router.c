/*
 * test_router.c - the route table and path matching (src/http/router.c)
 * through the public functions: router_describe() for the table's shape,
 * router_handle() for paths that match no route (404) or no method (405
 * with Allow). Requests that match a route need a live connection and are
 * covered by the API tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/router.h"

static void
test_table_shape(void **state)
{
	(void)state;
	json_t *routes = router_describe();
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
		/* At most one {id}. */
		const char *id = strstr(pattern, "{id}");
		if (id && strstr(id + 1, "{id}"))
			fail_msg("%s has two {id}", pattern);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_shape),
	    cmocka_unit_test(test_misses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

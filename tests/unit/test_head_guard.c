/*
 * test_head_guard.c - table-driven cases for the request-head guard
 * (src/http/head_guard.c): field names and values, framing headers, Host,
 * the request target, and whole raw heads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/head_guard.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct fields_case {
	const char *name, *value; /* one field besides Host: x */
	int status;               /* 0: accepted */
};

static void
test_fields(void **state)
{
	(void)state;
	static const struct fields_case cases[] = {
	    {"Accept", "*/*", 0},
	    {"X-Empty", "", 0},
	    {"X-Latin", "caf\xe9", 0},
	    {"X-Tab", "a\tb", 0},
	    {"Content-Length", "0", 0},
	    {"Content-Length", "1048576", 0},
	    {"Transfer-Encoding", "chunked", 0},
	    {"Transfer-Encoding", "CHUNKED", 0},
	    {"Content-Length ", "5", 400},
	    {"Content-Length\t", "5", 400},
	    {"Content Length", "5", 400},
	    {"", "5", 400},
	    {"X(A)", "1", 400},
	    {"X-A", "a\rb", 400},
	    {"X-A", "a\x01", 400},
	    {"X-A", "a\x7f", 400},
	    {"Content-Length", "+2", 400},
	    {"Content-Length", "-1", 400},
	    {"Content-Length", " 2", 400},
	    {"Content-Length", "2, 2", 400},
	    {"Content-Length", "", 400},
	    {"Content-Length", "1234567890123456789", 400},
	    {"Host", "y", 400},
	    {"Transfer-Encoding", "chunked ", 501},
	    {"Transfer-Encoding", "identity, chunked", 501},
	    {"Transfer-Encoding", "xchunked", 501},
	    {"Transfer-Encoding", "gzip", 501},
	    {"Transfer-Encoding", "", 501},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct head_field f[] = {{"Host", "x"},
		                         {cases[i].name, cases[i].value}};
		struct head_verdict v;
		memset(&v, 0, sizeof(v));
		int rc = head_guard_fields(f, 2, 1, &v);
		int got = rc == 0 ? 0 : v.status;
		if (got != cases[i].status)
			fail_msg("%s: %s -> %d, want %d", cases[i].name,
			         cases[i].value, got, cases[i].status);
		if (rc != 0 && (!v.code || !v.message))
			fail_msg("%s: refusal without code or message",
			         cases[i].name);
	}
}

static void
test_framing_and_host(void **state)
{
	(void)state;
	struct head_verdict v;
	struct head_field two_cl[] = {
	    {"Host", "x"}, {"Content-Length", "2"}, {"content-length", "2"}};
	assert_int_equal(head_guard_fields(two_cl, 3, 1, &v), -1);
	assert_int_equal(v.status, 400);
	struct head_field cl_te[] = {{"Host", "x"},
	                             {"Content-Length", "2"},
	                             {"Transfer-Encoding", "chunked"}};
	assert_int_equal(head_guard_fields(cl_te, 3, 1, &v), -1);
	struct head_field two_te[] = {{"Host", "x"},
	                              {"Transfer-Encoding", "chunked"},
	                              {"Transfer-Encoding", "chunked"}};
	assert_int_equal(head_guard_fields(two_te, 3, 1, &v), -1);
	struct head_field cl[] = {{"Host", "x"}, {"Content-Length", "42"}};
	assert_int_equal(head_guard_fields(cl, 2, 1, &v), 0);
	assert_int_equal(v.content_length, 42);
	assert_int_equal(v.chunked, 0);
	struct head_field te[] = {{"Host", "x"},
	                          {"transfer-encoding", "Chunked"}};
	assert_int_equal(head_guard_fields(te, 2, 1, &v), 0);
	assert_int_equal(v.chunked, 1);
	assert_int_equal(head_guard_fields(cl, 1, 1, &v), 0);
	assert_int_equal(v.content_length, -1);
	/* Host: required for HTTP/1.1 only. */
	struct head_field none[] = {{"Accept", "*/*"}};
	assert_int_equal(head_guard_fields(none, 1, 1, &v), -1);
	assert_int_equal(v.status, 400);
	assert_int_equal(head_guard_fields(none, 1, 0, &v), 0);
	/* Too many fields: 431. */
	struct head_field many[HEAD_GUARD_MAX_FIELDS + 1];
	for (size_t i = 0; i < N(many); i++)
		many[i] = (struct head_field){"X-A", "1"};
	assert_int_equal(head_guard_fields(many, N(many) - 1, 0, &v), 0);
	assert_int_equal(head_guard_fields(many, N(many), 0, &v), -1);
	assert_int_equal(v.status, 431);
}

static void
test_target(void **state)
{
	(void)state;
	struct head_verdict v;
	static const char *const ok[] = {
	    "/",       "/api/v1/people?q=a%20b", "/x?a=1&b=2", "*", "/a%20b",
	    "/x?q=%00" /* the router's */};
	for (size_t i = 0; i < N(ok); i++)
		if (head_guard_target(ok[i], &v) != 0)
			fail_msg("refused %s", ok[i]);
	static const char *const bad[] = {"/a b",
	                                  "/a\tb",
	                                  "/a\x01",
	                                  "/a\x7f",
	                                  "/a\rb",
	                                  "/api/v1/people/1%00",
	                                  "/people/1%00x?q=1"};
	for (size_t i = 0; i < N(bad); i++) {
		if (head_guard_target(bad[i], &v) == 0 || v.status != 400)
			fail_msg("accepted target %zu", i);
	}
	char q[4096] = "/x?a";
	for (int i = 1; i < HEAD_GUARD_MAX_ARGS; i++)
		memcpy(q + 4 + (size_t)(i - 1) * 2, "&a", 3);
	assert_int_equal(head_guard_query_args(q), HEAD_GUARD_MAX_ARGS);
	assert_int_equal(head_guard_target(q, &v), 0);
	memcpy(q + strlen(q), "&a", 3);
	assert_int_equal(head_guard_target(q, &v), -1);
	assert_int_equal(v.status, 431);
	assert_int_equal(head_guard_query_args("/x"), 0);
}

/* Whole raw heads, as the framing front hands them over. */
static void
test_head(void **state)
{
	(void)state;
	static const struct {
		const char *raw;
		size_t len; /* 0: strlen */
		int status; /* 0: accepted */
	} cases[] = {
	    {"GET / HTTP/1.1\r\nHost: x\r\nAccept:  */*\r\n\r\n", 0, 0},
	    {"GET / HTTP/1.1\r\nHost:x\r\nX-Empty:\r\n\r\n", 0, 0},
	    {"GET / HTTP/1.0\r\n\r\n", 0, 0},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-Latin: caf\xe9\r\n\r\n", 0, 0},
	    {"GET / HTTP/1.1\nHost: x\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n", 0, 400},
	    /* NUL in a name, and just before the end of the head. */
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-\0A: b\r\n\r\n", 35, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nX-A: b\0\r\n\r\n", 34, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 2 \r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x2\r\n\r\n", 0,
	     400},
	    {"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 0, 505},
	    {"GET / HTTP/1.2\r\nHost: x\r\n\r\n", 0, 505},
	    {"GET / HTTP/11.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"GET / http/1.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"GET /\r\n\r\n", 0, 400},
	    {"GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400},
	    {"GET / HTTP/1.1\r\nHost: x\r\nCookie: a=b; c=d\r\n\r\n", 0, 0},
	    {"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 0,
	     501},
	    /* Only one head: nothing after its empty line. */
	    {"GET / HTTP/1.1\r\nHost: x\r\n\r\nX\r\n\r\n", 0, 400},
	};
	for (size_t i = 0; i < N(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].raw);
		struct head_verdict v;
		memset(&v, 0, sizeof(v));
		int rc = head_guard_head(cases[i].raw, len, &v);
		int got = rc == 0 ? 0 : v.status;
		if (got != cases[i].status)
			fail_msg("case %zu: %d, want %d", i, got,
			         cases[i].status);
		if (rc != 0 && (!v.code || !v.message))
			fail_msg("case %zu: refusal without code or message",
			         i);
	}
	/* Cookies: up to the limit, then 431. */
	char head[4096];
	size_t n = (size_t)snprintf(head, sizeof(head),
	                            "GET / HTTP/1.1\r\nHost: x\r\nCookie: c");
	for (int i = 1; i < HEAD_GUARD_MAX_COOKIES; i++)
		n += (size_t)snprintf(head + n, sizeof(head) - n, "; c");
	memcpy(head + n, "\r\n\r\n", 5);
	struct head_verdict v;
	assert_int_equal(head_guard_head(head, n + 4, &v), 0);
	memcpy(head + n, ";c\r\n\r\n", 7);
	assert_int_equal(head_guard_head(head, n + 6, &v), -1);
	assert_int_equal(v.status, 431);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fields),
	    cmocka_unit_test(test_framing_and_host),
	    cmocka_unit_test(test_target),
	    cmocka_unit_test(test_head),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

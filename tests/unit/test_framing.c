/*
 * test_framing.c - message boundaries on one connection
 * (src/http/framing.c): heads passed whole, bodies by length and by
 * strict chunks, pipelined requests, refusals with what may still go on,
 * the limit on unanswered requests, and the count of answers (HEAD, 1xx).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/framing.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define GET "GET / HTTP/1.1\r\nHost: x\r\n\r\n"

/* Feed s in pieces of step bytes as the front does (unpassed bytes given
 * again with what follows). Returns the last result; *passed_total counts
 * every byte passed on. */
static enum framing_result
feed(struct framing *f, const char *s, size_t len, size_t step,
     size_t *passed_total)
{
	char buf[1 << 16];
	size_t held = 0, at = 0;
	enum framing_result r = FRAMING_MORE;
	*passed_total = 0;
	while (at < len) {
		size_t n = len - at < step ? len - at : step;
		memcpy(buf + held, s + at, n);
		held += n;
		at += n;
		size_t passed = 0;
		r = framing_request(f, buf, held, &passed);
		*passed_total += passed;
		memmove(buf, buf + passed, held - passed);
		held -= passed;
		if (r != FRAMING_MORE)
			break;
	}
	return r;
}

struct req_case {
	const char *label;
	const char *raw;
	int status;    /* 0: all passed, no refusal */
	size_t passed; /* bytes passed on before a refusal */
};

static void
test_requests(void **state)
{
	(void)state;
	static const char chunked[] =
	    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
	static const struct req_case cases[] = {
	    {"get", GET, 0, 0},
	    {"pipelined", GET GET GET, 0, 0},
	    {"empty lines before", "\r\n\r\n" GET "\r\n" GET, 0, 0},
	    {"bare LF before", "\n" GET, 400, 0},
	    {"length body",
	     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: "
	     "2\r\n\r\n{}" GET,
	     0, 0},
	    {"chunked",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	     "chunked\r\n\r\n2;a=b\r\n{}\r\nA\r\n0123456789\r\n0\r\n"
	     "\r\n" GET,
	     0, 0},
	    {"bad second head", GET "GET / HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n",
	     400, sizeof(GET) - 1},
	    {"bad version", GET "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505,
	     sizeof(GET) - 1},
	    {"unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", 501, 0},
	    {"CONNECT", "CONNECT a:1 HTTP/1.1\r\nHost: x\r\n\r\n", 501, 0},
	    {"bare LF ending the head", "GET / HTTP/1.1\r\nHost: x\n\n", 400,
	     0},
	    {"chunk size zz",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	     "chunked\r\n\r\nzz\r\n",
	     400, sizeof(chunked) - 1},
	    {"chunk size blank",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-"
	     "Encoding: chunked\r\n\r\n2 \r\n{}\r\n",
	     400, sizeof(chunked) - 1 + 1},
	    {"chunk data end",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-"
	     "Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
	     400, sizeof(chunked) - 1 + 5},
	    {"chunk ext bare CR",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-"
	     "Encoding: chunked\r\n\r\n2;a\rb\r\n{}\r\n",
	     400, sizeof(chunked) - 1 + 4},
	    {"trailer",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	     "chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n",
	     400, sizeof(chunked) - 1 + 3},
	    {"17 hex digits",
	     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	     "chunked\r\n\r\n00000000000000001\r\n",
	     400, sizeof(chunked) - 1 + 16},
	    {"over body_max",
	     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: "
	     "1001\r\n\r\n",
	     413, 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		for (size_t step = 1; step <= 4096; step *= 8) {
			struct framing f;
			framing_init(&f, 1000);
			f.answers = 0;
			size_t passed;
			size_t len = strlen(cases[i].raw);
			enum framing_result r =
			    feed(&f, cases[i].raw, len, step, &passed);
			if (!cases[i].status) {
				if (r != FRAMING_MORE || passed != len)
					fail_msg(
					    "%s/%zu: result %d, passed %zu "
					    "of %zu",
					    cases[i].label, step, r, passed,
					    len);
				continue;
			}
			if (r != FRAMING_ERROR ||
			    f.verdict.status != cases[i].status)
				fail_msg("%s/%zu: result %d status %d, want %d",
				         cases[i].label, step, r,
				         f.verdict.status, cases[i].status);
			if (passed != cases[i].passed)
				fail_msg("%s/%zu: passed %zu, want %zu",
				         cases[i].label, step, passed,
				         cases[i].passed);
		}
	}
}

static void
test_limits_and_close(void **state)
{
	(void)state;
	struct framing f;
	size_t passed;
	/* A partial head waits; past the limit it is refused: 414 while the
	 * request line goes on, 431 after it. */
	static char big[HEAD_GUARD_MAX_HEAD + 64];
	memset(big, 'a', sizeof(big));
	memcpy(big, "GET /", 5);
	framing_init(&f, 1000);
	assert_int_equal(framing_request(&f, big, 100, &passed), FRAMING_MORE);
	assert_int_equal(passed, 0);
	assert_true(framing_in_head(&f, 100));
	assert_int_equal(framing_request(&f, big, sizeof(big), &passed),
	                 FRAMING_ERROR);
	assert_int_equal(f.verdict.status, 414);
	memcpy(big, "GET / HTTP/1.1\r\nX-A: ", 21);
	framing_init(&f, 1000);
	assert_int_equal(framing_request(&f, big, sizeof(big), &passed),
	                 FRAMING_ERROR);
	assert_int_equal(f.verdict.status, 431);
	/* Connection: close ends the reading. */
	static const char closing[] =
	    "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" GET;
	framing_init(&f, 1000);
	assert_int_equal(framing_request(&f, closing, strlen(closing), &passed),
	                 FRAMING_CLOSE);
	assert_int_equal(passed, strlen(closing) - strlen(GET));
	/* At most FRAMING_MAX_OWED unanswered requests. */
	char many[(sizeof(GET) - 1) * (FRAMING_MAX_OWED + 1) + 1];
	for (size_t i = 0; i <= FRAMING_MAX_OWED; i++)
		memcpy(many + i * (sizeof(GET) - 1), GET, sizeof(GET));
	framing_init(&f, 1000);
	assert_int_equal(framing_request(&f, many, strlen(many), &passed),
	                 FRAMING_FULL);
	assert_int_equal(passed, (sizeof(GET) - 1) * FRAMING_MAX_OWED);
	assert_int_equal(framing_owed(&f), FRAMING_MAX_OWED);
}

static void
test_answers(void **state)
{
	(void)state;
	struct framing f;
	size_t passed;
	static const char reqs[] = "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
	                           "POST / HTTP/1.1\r\nHost: x\r\nContent-"
	                           "Length: 2\r\n\r\n{}" GET;
	framing_init(&f, 1000);
	assert_int_equal(framing_request(&f, reqs, strlen(reqs), &passed),
	                 FRAMING_MORE);
	assert_int_equal(framing_owed(&f), 3);
	/* HEAD: a length but no body; a 100 Continue is not final. */
	static const char answers[] =
	    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
	    "HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n";
	for (size_t i = 0; i < strlen(answers); i++)
		assert_int_equal(framing_answer(&f, answers + i, 1), 0);
	assert_int_equal(framing_owed(&f), 1);
	assert_int_equal(framing_answer(&f, "0\r\n\r\n", 5), 0);
	assert_int_equal(framing_owed(&f), 0);
	assert_int_equal(framing_answer(&f, "junk\r\n", 6), -1);
}

static void
test_error_answer(void **state)
{
	(void)state;
	struct head_verdict v = {505, "http_version_not_supported",
	                         "The request's HTTP version is not supported",
	                         -1, 0};
	char buf[4096];
	/* 2026-11-30 17:02:32 UTC, a Monday. */
	size_t n =
	    framing_error_answer(&v, (time_t)1796058152, buf, sizeof(buf));
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "HTTP/1.1 505 "));
	assert_non_null(
	    strstr(buf, "\r\nDate: Mon, 30 Nov 2026 17:02:32 GMT\r\n"));
	assert_non_null(strstr(buf, "Connection: close\r\n"));
	assert_non_null(strstr(buf, "X-Content-Type-Options: nosniff\r\n"));
	assert_non_null(strstr(buf, "Content-Security-Policy: "));
	const char *body = strstr(buf, "\r\n\r\n") + 4;
	char want[64];
	snprintf(want, sizeof(want), "Content-Length: %zu\r\n", strlen(body));
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(body, "\"errors\":[{\"code\":"
	                             "\"http_version_not_supported\""));
	/* Too small a buffer: 0, not a cut answer. */
	assert_int_equal(framing_error_answer(&v, 0, buf, 100), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_requests),
	    cmocka_unit_test(test_limits_and_close),
	    cmocka_unit_test(test_answers),
	    cmocka_unit_test(test_error_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

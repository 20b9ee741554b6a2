/*
 * test_json_out.c - JSON text written by json_out (src/core/json_out.c) is
 * byte for byte what jansson's json_dumps(v, JSON_COMPACT |
 * JSON_REAL_PRECISION(15)) writes: escapes, reals, integer limits,
 * member order, nesting, and many random trees; a tree nested past the
 * limit is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/json_out.h"

/* json_out's text of v equals jansson's. */
static void
same_as_jansson(json_t *v)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15) |
	                               JSON_ENCODE_ANY);
	assert_non_null(want);
	struct buf b;
	buf_init(&b, 1 << 24);
	assert_int_equal(json_out(&b, v), 0);
	char *got = buf_take(&b);
	if (!got)
		got = strdup("");
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void
test_scalars(void **state)
{
	(void)state;
	static const double reals[] = {0.0,
	                               -0.0,
	                               0.1,
	                               1.0,
	                               -1.5,
	                               1e20,
	                               1e21,
	                               1e-5,
	                               1.5e300,
	                               5e-324,
	                               123456789012345678.0,
	                               3.14159265358979,
	                               2.5e-7,
	                               100.0,
	                               1e15,
	                               1e16,
	                               -2e-308,
	                               0.000123};
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		json_t *r = json_real(reals[i]);
		same_as_jansson(r);
		json_decref(r);
	}
	static const json_int_t ints[] = {
	    0, 1, -1, 9, 10, -10, 1234567890, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		json_t *n = json_integer(ints[i]);
		same_as_jansson(n);
		json_decref(n);
	}
	same_as_jansson(json_true());
	same_as_jansson(json_false());
	same_as_jansson(json_null());
}

static void
test_strings(void **state)
{
	(void)state;
	static const char *const texts[] = {
	    "",
	    "plain",
	    "quote \" and backslash \\ and slash /",
	    "line\nbreak\ttab\rreturn\bback\fform",
	    "\x01\x02\x1f\x7f control and DEL",
	    "caf\xc3\xa9 \xe2\x80\x98quoted\xe2\x80\x99 \xf0\x9f\x98\x80",
	    "\xe2\x80\xa8 line separator",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		json_t *s = json_string(texts[i]);
		assert_non_null(s);
		same_as_jansson(s);
		json_t *o = json_pack("{s:o}", texts[i], s);
		same_as_jansson(o);
		json_decref(o);
	}
	/* A NUL inside a string is written as \u0000. */
	json_t *nul = json_stringn("a\0b", 3);
	same_as_jansson(nul);
	json_decref(nul);
}

static void
test_containers(void **state)
{
	(void)state;
	json_t *v =
	    json_pack("{s:[], s:{}, s:[i,s,n,b,f], s:{s:{s:[{}]}}, s:i, s:s}",
	              "empty", "none", "mixed", 1, "two", 1, 0.5, "deep", "a",
	              "b", "z", 26, "after", "order kept");
	assert_non_null(v);
	same_as_jansson(v);
	json_decref(v);
}

/* A small generator, the same on every run. */
static uint64_t seed = 88172645463325252ull;
static uint64_t
next(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static json_t *
random_tree(int depth)
{
	static const char *const words[] = {
	    "id",          "given_name", "answers",   "\"",  "\\n",
	    "caf\xc3\xa9", "",           "tab\there", "x/y", "\x1b"};
	unsigned k = (unsigned)(next() % (depth > 4 ? 5 : 7));
	switch (k) {
	case 0:
		return json_integer((json_int_t)next());
	case 1:
		return json_real((double)(int64_t)next() / 1e6);
	case 2:
		return json_string(words[next() % 10]);
	case 3:
		return json_null();
	case 4:
		return json_boolean(next() & 1);
	case 5: {
		json_t *a = json_array();
		for (unsigned i = next() % 5; i > 0; i--)
			json_array_append_new(a, random_tree(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (unsigned i = next() % 5; i > 0; i--)
			json_object_set_new(o, words[next() % 10],
			                    random_tree(depth + 1));
		return o;
	}
	}
}

static void
test_random_trees(void **state)
{
	(void)state;
	for (int i = 0; i < 2000; i++) {
		json_t *v = random_tree(0);
		same_as_jansson(v);
		json_decref(v);
	}
}

static void
test_refused(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(json_out(&b, NULL), SPIRE_EINVAL);
	json_t *top = json_array(), *at = top;
	for (int i = 0; i < JSON_OUT_MAX_DEPTH + 2; i++) {
		json_t *in = json_array();
		json_array_append_new(at, in);
		at = in;
	}
	assert_int_equal(json_out(&b, top), SPIRE_EINVAL);
	json_decref(top);
	buf_release(&b);
	/* A buffer too small is its failure. */
	buf_init(&b, 4);
	json_t *s = json_string("longer than four");
	assert_int_equal(json_out(&b, s), SPIRE_ETOOBIG);
	json_decref(s);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalars),
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_containers),
	    cmocka_unit_test(test_random_trees),
	    cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

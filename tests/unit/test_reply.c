/*
 * test_reply.c - http_json_dump() writes what json_dump_callback() with
 * JSON_COMPACT | JSON_REAL_PRECISION(15) writes, byte for byte, for the
 * values its fast path copies and for those it hands to jansson (escapes,
 * non-ASCII, NUL, reals, nesting, empty containers), so that no answer
 * changes with the faster writer (src/http/reply.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "http/http.h"

/* Dump v both ways and compare. */
static void
same_as_jansson(json_t *v)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	assert_non_null(want);
	struct buf b;
	buf_init(&b, 1u << 20);
	assert_int_equal(http_json_dump(v, &b), 0);
	char *got = buf_take(&b);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	json_decref(v);
}

static void
test_plain_values(void **state)
{
	(void)state;
	same_as_jansson(json_pack(
	    "{s:i, s:I, s:I, s:s, s:b, s:b, s:n, s:[], s:{}, s:s}", "id", 101,
	    "big", (json_int_t)INT64_MAX, "small", (json_int_t)INT64_MIN,
	    "name", "Tendai Bekele", "yes", 1, "no", 0, "none", "empty_list",
	    "empty_object", "empty", ""));
	same_as_jansson(
	    json_pack("[i, i, s, [[], {}], {s:[i]}]", 0, -7, "x", "k", 3));
	same_as_jansson(json_array());
	same_as_jansson(json_object());
}

static void
test_strings_jansson_escapes(void **state)
{
	(void)state;
	json_t *o = json_object();
	json_object_set_new(o, "quote", json_string("say \"hi\""));
	json_object_set_new(o, "backslash", json_string("a\\b"));
	json_object_set_new(o, "controls", json_string("\b\f\n\r\t\x01\x1f"));
	json_object_set_new(o, "slash", json_string("</script>"));
	json_object_set_new(o, "utf8", json_string("Zoë Ó Séaghdha — 😀"));
	json_object_set_new(o, "del", json_string("a\x7f"));
	json_object_set_new(o, "nul", json_stringn("a\0b", 3));
	json_object_set_new(o, "ké\"y\n", json_string("key escaped"));
	same_as_jansson(o);
}

static void
test_reals_and_order(void **state)
{
	(void)state;
	json_t *o = json_object();
	/* Insertion order, not sorted. */
	json_object_set_new(o, "z", json_real(0.1));
	json_object_set_new(o, "a", json_real(1.0));
	json_object_set_new(o, "m", json_real(-2.5e-300));
	json_object_set_new(o, "n", json_real(123456789012345.678));
	same_as_jansson(o);
}

static void
test_non_container_refused(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1024);
	json_t *s = json_string("x");
	assert_int_equal(http_json_dump(s, &b), SPIRE_EINVAL);
	json_decref(s);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_values),
	    cmocka_unit_test(test_strings_jansson_escapes),
	    cmocka_unit_test(test_reals_and_order),
	    cmocka_unit_test(test_non_container_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

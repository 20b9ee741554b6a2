/*
 * test_buf.c - the bounded growable buffer (src/core/buf.c): growth, the
 * hard maximum, sticky failures, arena-backed buffers and hand-over.
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

/* Appends of these sizes into a buffer of max bytes: what each returns. */
struct grow_case {
	size_t max;
	size_t adds[4];
	int want[4];
	size_t len; /* what it then holds */
};

static void
test_maximum(void **state)
{
	(void)state;
	static const struct grow_case cases[] = {
	    {10, {10}, {0}, 10},
	    {10, {11}, {SPIRE_ETOOBIG}, 0},
	    {10, {4, 6, 1}, {0, 0, SPIRE_ETOOBIG}, 10},
	    /* Sticky: a failure is not forgotten by a smaller append. */
	    {10,
	     {4, 7, 1, 0},
	     {0, SPIRE_ETOOBIG, SPIRE_ETOOBIG, SPIRE_ETOOBIG},
	     4},
	    {0, {0, 1}, {0, SPIRE_ETOOBIG}, 0},
	    {1 << 20, {300000, 300000, 400000, 48576}, {0, 0, 0, 0}, 1 << 20},
	    {1 << 20, {1 << 20, 1}, {0, SPIRE_ETOOBIG}, 1 << 20},
	    /* n near SIZE_MAX must not wrap the length check. */
	    {100, {1, SIZE_MAX}, {0, SPIRE_ETOOBIG}, 1},
	};
	char *src = malloc(1 << 20);
	assert_non_null(src);
	for (size_t i = 0; i < (size_t)1 << 20; i++)
		src[i] = (char)('a' + i % 26);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct grow_case *k = &cases[c];
		struct buf b;
		buf_init(&b, k->max);
		size_t off = 0;
		for (size_t i = 0; i < 4 && (k->adds[i] || k->want[i] || !i);
		     i++) {
			size_t n = k->adds[i];
			/* Only bytes that exist are read; the rest are
			 * refused before any copy. */
			int rc = buf_add(
			    &b, n <= (1u << 20) - off ? src + off : src, n);
			if (rc != k->want[i])
				fail_msg("case %zu add %zu: %d, want %d", c, i,
				         rc, k->want[i]);
			if (rc == 0)
				off += n;
		}
		assert_int_equal(b.len, k->len);
		assert_true(b.len <= k->max);
		if (b.p) {
			assert_int_equal(b.p[b.len], '\0');
			assert_memory_equal(b.p, src, b.len);
			assert_true(b.cap <= k->max + 1);
		}
		buf_release(&b);
		assert_null(b.p);
		assert_int_equal(b.len, 0);
	}
	free(src);
}

static void
test_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_null(buf_take(&b)); /* nothing added: nothing to hand over */
	assert_int_equal(buf_adds(&b, "one,"), 0);
	assert_int_equal(buf_adds(&b, "two"), 0);
	assert_string_equal(b.p, "one,two");
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	assert_int_equal(buf_adds(&b, "three"), 0);
	char *s = buf_take(&b);
	assert_string_equal(s, "three");
	free(s);
	assert_null(b.p);
	assert_int_equal(b.max, 64);
	/* A failed buffer hands over nothing, and frees what it held. */
	assert_int_equal(buf_adds(&b, "x"), 0);
	assert_int_equal(buf_add(&b, "y", 64), SPIRE_ETOOBIG);
	assert_null(buf_take(&b));
	/* reset clears the failure. */
	assert_int_equal(buf_add(&b, "y", 65), SPIRE_ETOOBIG);
	buf_reset(&b);
	assert_int_equal(buf_adds(&b, "ok"), 0);
	buf_release(&b);
}

static void
test_reserve(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(buf_reserve(&b, 600), 0);
	assert_true(b.cap >= 601);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	char *before = b.p;
	assert_int_equal(buf_add(&b, "abc", 3), 0);
	assert_ptr_equal(b.p, before); /* reserved: no move */
	/* Bytes written in place into reserved room, then counted. */
	memcpy(b.p + 3, "defg", 4);
	assert_int_equal(buf_setlen(&b, 7), 0);
	assert_string_equal(b.p, "abcdefg");
	assert_int_equal(buf_setlen(&b, 2), 0);
	assert_string_equal(b.p, "ab");
	assert_int_equal(buf_setlen(&b, b.cap), SPIRE_EINVAL);
	assert_int_equal(b.len, 2);
	assert_int_equal(buf_reserve(&b, 999), SPIRE_ETOOBIG);
	assert_int_equal(buf_setlen(&b, 1), SPIRE_ETOOBIG); /* sticky */
	buf_release(&b);
	buf_init(&b, 10);
	assert_int_equal(buf_setlen(&b, 0), SPIRE_EINVAL); /* no room yet */
	buf_release(&b);
	/* Records appended as bytes stay whole and in order. */
	struct rec {
		int64_t id;
		int32_t day;
	} r[3] = {{1, 10}, {2, 20}, {3, 30}};
	buf_init(&b, sizeof(r));
	for (int i = 0; i < 3; i++)
		assert_int_equal(buf_add(&b, &r[i], sizeof(r[i])), 0);
	assert_int_equal(b.len / sizeof(r[0]), 3);
	assert_memory_equal(b.p, r, sizeof(r));
	assert_int_equal(buf_add(&b, &r[0], 1), SPIRE_ETOOBIG);
	buf_release(&b);
}

static void
test_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct buf b;
	buf_init_arena(&b, 100000, &a);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_adds(&b, "0123456789"), 0);
	assert_int_equal(b.len, 10000);
	assert_int_equal(strlen(b.p), 10000);
	assert_memory_equal(b.p + 9990, "0123456789", 10);
	buf_release(&b); /* nothing to free: the arena owns it */
	assert_null(b.p);
	assert_ptr_equal(b.arena, &a);
	arena_release(&a);
	/* The arena's own cap is out of memory, not too big. */
	arena_init(&a, 4096);
	buf_init_arena(&b, 1 << 20, &a);
	int rc = 0;
	for (int i = 0; i < 1000 && rc == 0; i++)
		rc = buf_adds(&b, "0123456789");
	assert_int_equal(rc, SPIRE_ENOMEM);
	assert_true(b.len < 4096);
	assert_int_equal(buf_adds(&b, "x"), SPIRE_ENOMEM);
	assert_null(buf_take(&b)); /* failed: nothing, and no free() */
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_maximum),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_reserve),
	    cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

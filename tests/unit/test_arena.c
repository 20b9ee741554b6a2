/*
 * test_arena.c - src/core/arena.c: the hard cap, alignment, zeroing,
 * overflow checks, string copies and printf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

static void
test_alignment(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	static const size_t sizes[] = {1,    2,    3,    7,    8,  9,
	                               15,   16,   17,   31,   33, 100,
	                               1000, 8191, 8192, 9000, 1};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = arena_alloc(&a, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xab, sizes[i]); /* ASan checks the size */
	}
	assert_non_null(arena_alloc(&a, 0));
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void
test_cap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 16384);
	assert_non_null(arena_alloc(&a, 8000)); /* first 8 KiB block */
	/* The next block would be 16 KiB: 24 KiB in all, over the cap. */
	assert_null(arena_alloc(&a, 8000));
	assert_true(a.total <= 16384);
	/* What still fits in the current block is served. */
	assert_non_null(arena_alloc(&a, 100));
	assert_null(arena_alloc(&a, 20000));
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 8));
	assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
	arena_release(&a);

	/* The default cap applies when 0 is given. */
	arena_init(&a, 0);
	assert_int_equal(a.cap, ARENA_DEFAULT_CAP);
	assert_null(arena_alloc(&a, ARENA_DEFAULT_CAP + 1));
	arena_release(&a);
}

static void
test_calloc_and_strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	unsigned char *z = arena_calloc(&a, 100, 3);
	assert_non_null(z);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	assert_null(arena_strdup(&a, NULL));
	assert_null(arena_strndup(&a, NULL, 3));
	char *s = arena_strdup(&a, "hello");
	assert_string_equal(s, "hello");
	assert_string_equal(arena_strndup(&a, "hello", 3), "hel");
	assert_string_equal(arena_strndup(&a, "", 0), "");
	arena_release(&a);
}

static void
test_printf(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(arena_printf(&a, "%s-%d-%05.1f", "x", 42, 3.14159),
	                    "x-42-003.1");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	/* Longer than a block: formatted in one piece. */
	char big[20001];
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	char *p = arena_printf(&a, "<%s>", big);
	assert_non_null(p);
	assert_int_equal(strlen(p), 20002);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[20001], '>');
	arena_release(&a);
	/* Over the cap: NULL, not a truncated string. */
	arena_init(&a, 8192);
	assert_null(arena_printf(&a, "%s", big));
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alignment),
	    cmocka_unit_test(test_cap),
	    cmocka_unit_test(test_calloc_and_strings),
	    cmocka_unit_test(test_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

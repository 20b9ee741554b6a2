/*
 * test_names.c - src/core/names.c: names fold to one key across Unicode
 * case, accents (composed and decomposed), compatibility forms,
 * apostrophe, hyphen and dash forms and spacing; different names stay
 * different; bad UTF-8 and small buffers are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_same_names(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
	} c[] = {
	    {"Zo\xc3\xab \xc3\x85str\xc3\xb6m",
	     "ZO\xc3\x8b \xc3\x85STR\xc3\x96M"},
	    {"Zo\xc3\xab \xc3\x85str\xc3\xb6m", "zoe astrom"},
	    /* NFD: e + combining diaeresis, A + combining ring. */
	    {"Zo\xc3\xab \xc3\x85str\xc3\xb6m",
	     "Zoe\xcc\x88 A\xcc\x8astro\xcc\x88m"},
	    {"Zo\xc3\xab O'Neill", "Zoe ONeill"},
	    {"Zo\xc3\xab O'Neill", "ZOE O\xe2\x80\x99NEILL"}, /* U+2019 */
	    {"O'Neill", "O\xca\xbcNeill"},                    /* U+02BC */
	    {"O'Neill", "O Neill"},
	    {"Mary-Ann", "Mary Ann"},
	    {"Mary-Ann", "Mary\xe2\x80\x90"
	                 "Ann"},                   /* U+2010 hyphen */
	    {"Mary-Ann", "Mary \xe2\x80\x93 Ann"}, /* en dash */
	    {"  Ann  ", "Ann"},
	    {"Ann", "Ann\xc2\xa0"}, /* no-break space */
	    {"Stra\xc3\x9f"
	     "e",
	     "STRASSE"},               /* sharp s folds to ss */
	    {"\xef\xbc\xa1nn", "Ann"}, /* fullwidth A (NFKC) */
	    {"Fran\xc3\xa7ois", "Francois"},
	    {"St. John", "St John"},
	};
	for (size_t i = 0; i < N(c); i++) {
		char a[NAME_KEY_LEN], b[NAME_KEY_LEN];
		assert_int_equal(name_fold(c[i].a, a, sizeof(a)), 0);
		assert_int_equal(name_fold(c[i].b, b, sizeof(b)), 0);
		if (strcmp(a, b) != 0)
			fail_msg("case %zu: '%s' -> '%s' but '%s' -> '%s'", i,
			         c[i].a, a, c[i].b, b);
	}
}

static void
test_different_names(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
	} c[] = {
	    {"Ann", "Anne"},
	    {"Zo\xc3\xab", "Zoey"},
	    {"Lee", "Li"},
	};
	for (size_t i = 0; i < N(c); i++) {
		char a[NAME_KEY_LEN], b[NAME_KEY_LEN];
		assert_int_equal(name_fold(c[i].a, a, sizeof(a)), 0);
		assert_int_equal(name_fold(c[i].b, b, sizeof(b)), 0);
		if (strcmp(a, b) == 0)
			fail_msg("case %zu: '%s' and '%s' both fold to '%s'", i,
			         c[i].a, c[i].b, a);
	}
}

static void
test_key(void **state)
{
	(void)state;
	char k[NAME_KEY_LEN], k2[NAME_KEY_LEN];
	assert_int_equal(name_key("Zo\xc3\xab", "O'Neill", k, sizeof(k)), 0);
	assert_string_equal(k, "zoe|oneill");
	/* The split between given and family name matters. */
	assert_int_equal(name_key("Ann Marie", "Smith", k, sizeof(k)), 0);
	assert_int_equal(name_key("Ann", "Marie Smith", k2, sizeof(k2)), 0);
	assert_string_not_equal(k, k2);
	assert_int_equal(name_key(NULL, NULL, k, sizeof(k)), 0);
	assert_string_equal(k, "|");
}

static void
test_refused(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(name_fold("\xff\xfe", out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(name_fold("abcdefghij", out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(name_key("abcd", "efgh", out, sizeof(out)), -1);
	assert_int_equal(name_fold("abc", out, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_names),
	    cmocka_unit_test(test_different_names),
	    cmocka_unit_test(test_key),
	    cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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
#include <stdlib.h>
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

/* The folding of the name search: Ł -> l, ß -> ss, every script's
 * capitals, accents dropped; words split where the name has anything but
 * letters and numbers, and each part also joined (O'Neill -> oneill). */
/* name_fold_new: the same fold, as long as it needs to be (one
 * three-byte ligature is 33 bytes folded), and NULL for bad UTF-8. */
static void
test_fold_new(void **state)
{
	(void)state;
	char *f = name_fold_new("SI\xc3\x82N LL\xc5\xb6R");
	assert_non_null(f);
	assert_string_equal(f, "sianllyr");
	free(f);
	char wide[64 * 3 + 1];
	for (int i = 0; i < 64; i++)
		memcpy(wide + 3 * i, "\xef\xb7\xba", 3); /* U+FDFA */
	wide[64 * 3] = '\0';
	f = name_fold_new(wide);
	assert_non_null(f);
	assert_true(strlen(f) > 64 * 3 * 8);
	free(f);
	f = name_fold_new("");
	assert_non_null(f);
	assert_string_equal(f, "");
	free(f);
	assert_null(name_fold_new("\xff\xfe"));
}

static void
test_words(void **state)
{
	(void)state;
	char w[NAME_WORDS_LEN];
	assert_int_equal(name_words("\xc5\x81ukasz",
	                            "\xc5\xbb\xc3\xb3\xc5\x82\xc4\x87", NULL, w,
	                            sizeof(w)),
	                 0);
	assert_string_equal(w, "lukasz zolc");
	assert_int_equal(name_words("Jonas",
	                            "Stra\xc3\x9f"
	                            "e",
	                            "", w, sizeof(w)),
	                 0);
	assert_string_equal(w, "jonas strasse");
	/* ΑΛΕΞ and αλεξ; a final sigma folds as sigma. */
	assert_int_equal(name_words("\xce\x91\xce\x9b\xce\x95\xce\x9e",
	                            "Pappas", "\xce\xbf\xcf\x82", w, sizeof(w)),
	                 0);
	assert_string_equal(w, "\xce\xb1\xce\xbb\xce\xb5\xce\xbe pappas "
	                       "\xce\xbf\xcf\x83");
	assert_int_equal(name_words("Zo\xc3\xab", "O\xe2\x80\x99Neill-Smith",
	                            "Zo\xc3\xab", w, sizeof(w)),
	                 0);
	assert_string_equal(w, "zoe o neill smith oneillsmith");
	assert_int_equal(name_words(NULL, NULL, NULL, w, sizeof(w)), 0);
	assert_string_equal(w, "");
	assert_int_equal(
	    name_search_words("  O'Neill, \xc5\x81UK ", w, sizeof(w)), 0);
	assert_string_equal(w, "o neill luk");
	/* The duplicate check's key folds the same letters. */
	assert_int_equal(name_key("\xc5\x81ukasz",
	                          "Stra\xc3\x9f"
	                          "e",
	                          w, sizeof(w)),
	                 0);
	assert_string_equal(w, "lukasz|strasse");
	assert_int_equal(name_words("\xff", NULL, NULL, w, sizeof(w)), -1);
	assert_string_equal(w, "");
}

/* A letter added, dropped, changed or two swapped, in either part: near;
 * two edits in one part, or an empty part against a letter: not. */
static void
test_near(void **state)
{
	(void)state;
	assert_true(name_near("ayaan|khan", "ayan|khan"));
	assert_true(name_near("jon|smith", "john|smith"));
	assert_true(name_near("john|smith", "jhon|smtih"));
	assert_true(name_near("jon|smith", "john|smyth"));
	assert_true(name_near("zoe|astrom", "zoe|astrom"));
	assert_true(name_near("łukasz|zolc", "łukasz|zolc"));
	assert_true(name_near("lukasz|żolc", "lukasz|zolc"));
	assert_false(name_near("jo|smith", "john|smith"));
	assert_false(name_near("ayaan|khan", "ayaan|kahn s"));
	assert_false(name_near("a|khan", "|khan"));
	assert_false(name_near("amy|lee", "amy"));
	assert_false(name_near(NULL, "amy|lee"));
	assert_false(name_near("sam|jones", "pam|jonas x"));
	/* Placeholders with numbers: twins, compared exactly. */
	assert_false(name_near("baby1|smith", "baby2|smith"));
	assert_false(name_near("child1|tester", "child10|tester"));
	assert_true(name_near("baby1|smith", "baby1|smyth"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_names),
	    cmocka_unit_test(test_different_names),
	    cmocka_unit_test(test_key),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_fold_new),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_near),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

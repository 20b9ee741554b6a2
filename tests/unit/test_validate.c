/*
 * test_validate.c - table-driven cases for src/core/validate.c: dates,
 * NHS numbers, UPNs, PNC ids, postcodes, e-mail, phones, UTF-8 text and
 * ages. Expected check digits are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"

struct str_case {
	const char *in;
	int valid;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
check_all(int (*fn)(const char *), const struct str_case *c, size_t n,
          const char *what)
{
	for (size_t i = 0; i < n; i++) {
		int got = fn(c[i].in) != 0;
		if (got != c[i].valid)
			fail_msg("%s(\"%s\") = %d, want %d", what,
			         c[i].in ? c[i].in : "(null)", got, c[i].valid);
	}
}

static void
test_dates(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"2024-02-29", 1}, /* divisible by 4: leap */
	    {"2023-02-29", 0}, /* not a leap year */
	    {"2000-02-29", 1}, /* divisible by 400: leap */
	    {"1900-02-29", 0}, /* by 100 but not 400: not leap */
	    {"2100-02-29", 0}, {"2023-02-28", 1},  {"2024-04-30", 1},
	    {"2024-04-31", 0}, {"2024-12-31", 1},  {"2024-13-01", 0},
	    {"2024-00-10", 0}, {"2024-01-00", 0},  {"1900-01-01", 1},
	    {"1899-12-31", 0}, {"2100-12-31", 1},  {"2101-01-01", 0},
	    {"2024-1-01", 0},  {"2024-01-01x", 0}, {"2024/01/01", 0},
	    {"", 0},           {NULL, 0},          {"20240101", 0},
	    {"abcd-ef-gh", 0},
	};
	check_all(valid_date, c, N(c), "valid_date");
}

static void
test_datetimes(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"2024-05-06T10:30", 1},
	    {"2024-05-06T10:30:15", 1},
	    {"2024-05-06T10:30:15Z", 1},
	    {"2024-05-06T10:30:15.123Z", 1},
	    {"2024-05-06T10:30:15.123+01:00", 1},
	    {"2024-05-06T23:59:59-05:30", 1},
	    {"2024-05-06T24:00", 0},
	    {"2024-05-06T10:60", 0},
	    {"2024-05-06T10:30:61", 0},
	    {"2024-05-06 10:30", 0},
	    {"2024-05-06T10:30:15.", 0},
	    {"2024-05-06T10:30Zjunk", 0},
	    {"2023-02-29T10:30", 0},
	    {"2024-05-06", 0},
	    {NULL, 0},
	};
	check_all(valid_datetime, c, N(c), "valid_datetime");
}

/*
 * NHS numbers: weights 10..2 on the first nine digits, check = 11 - sum % 11
 * (11 -> 0; 10 -> the number is invalid).
 *   943 476 591|9: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299;
 *                  299 % 11 = 2; 11 - 2 = 9.
 *   200000001|0:  2*10 + 1*2 = 22; 22 % 11 = 0; 11 -> 0.
 *   100000000|1:  1*10 = 10; 11 - 10 = 1.
 *   000000006|?:  6*2 = 12; 12 % 11 = 1; 11 - 1 = 10: no valid number.
 */
static void
test_nhs_numbers(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"9434765919", 1},  {"943 476 5919", 1}, {"943-476-5919", 1},
	    {"9434765918", 0},  {"2000000010", 1},   {"2000000011", 0},
	    {"1000000001", 1},  {"1000000002", 0},   {"0000000060", 0},
	    {"0000000069", 0},  {"0000000061", 0},   {"943476591", 0},
	    {"94347659190", 0}, {"943476591a", 0},   {"", 0},
	    {NULL, 0},
	};
	check_all(valid_nhs_number, c, N(c), "valid_nhs_number");
	char out[16];
	assert_int_equal(norm_nhs_number("943 476-5919", out, sizeof(out)), 0);
	assert_string_equal(out, "9434765919");
	assert_int_equal(norm_nhs_number("943 476 5919", out, 5), -1);
}

/*
 * UPNs: the check letter (first character) is ABCDEFGHJKLMNPQRTUVWXYZ[sum
 * % 23], where sum weights characters 2..13 by 2..13 (a letter in place 13,
 * for a temporary UPN, counts as its index in that alphabet).
 *   C 8011234567 8 9: 8*2+0*3+1*4+1*5+2*6+3*7+4*8+5*9+6*10+7*11+8*12 = 368;
 *                     + 9*13 = 485; 485 % 23 = 2 -> 'C'.
 *   A 80112345678 A: 368 + 0*13 = 368 = 16*23 -> 0 -> 'A'.
 *   A 000000000000: 0 -> 'A'.
 */
static void
test_upns(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"C801123456789", 1},
	    {"c801123456789", 1},
	    {"D801123456789", 0},
	    {"A80112345678A", 1},
	    {"B80112345678A", 0},
	    {"A80112345678I", 0},
	    {"A000000000000", 1},
	    {"I000000000000", 0},
	    {"C80112345678", 0},
	    {"C8011234567890", 0},
	    {"C80112345678X9", 0},
	    {"", 0},
	    {NULL, 0},
	};
	check_all(valid_upn, c, N(c), "valid_upn");
}

/*
 * PNC ids: the check letter is ZABCDEFGHJKLMNPQRTUVWXY[n % 23], n being the
 * two-digit year followed by the serial.
 *   01/1:        n = 11; 11 % 23 = 11 -> 'L'.
 *   98/123456:   n = 98123456 = 23 * 4266237 + 5 -> 'E'.
 */
static void
test_pnc_ids(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"01/1L", 1},      {"2001/1L", 1},       {"01/1M", 0},
	    {"98/123456E", 1}, {"98/123456e", 1},    {"98/123456F", 0},
	    {"98/1234567", 0}, {"98-123456E", 0},    {"9/123456E", 0},
	    {"98/E", 0},       {"98/123456789E", 0}, {NULL, 0},
	};
	check_all(valid_pnc_id, c, N(c), "valid_pnc_id");
}

static void
test_postcodes(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"SW1A 1AA", 1},   {"sw1a1aa", 1},  {"M1 1AE", 1},  {"B33 8TH", 1},
	    {"CR2 6XH", 1},    {"DN55 1PT", 1}, {"W1A 0AX", 1}, {"EC1A 1BB", 1},
	    {" cv1  2gn ", 1}, {"SW1A", 0},     {"12345", 0},   {"1W1A 1AA", 0},
	    {"SW1A 1A1", 0},   {"SW1A1AAA", 0}, {"AAA 1AA", 0}, {"", 0},
	    {"SW1A-1AA", 0},   {NULL, 0},
	};
	check_all(valid_postcode, c, N(c), "valid_postcode");
	char out[16];
	assert_int_equal(norm_postcode("sw1a1aa", out, sizeof(out)), 0);
	assert_string_equal(out, "SW1A 1AA");
	assert_int_equal(norm_postcode(" m1  1ae", out, sizeof(out)), 0);
	assert_string_equal(out, "M1 1AE");
	assert_int_equal(norm_postcode("sw1a1aa", out, 5), -1);
}

static void
test_emails(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"a@b.co", 1},    {"first.last+tag@example.org.uk", 1},
	    {"ab", 0},        {"@b.com", 0},
	    {"a@b", 0},       {"a@@b.com", 0},
	    {"a@b@c.com", 0}, {"a b@c.com", 0},
	    {"a@b.", 0},      {"a@.com", 0},
	    {"a@b.com\n", 0}, {"", 0},
	    {NULL, 0},
	};
	check_all(valid_email, c, N(c), "valid_email");
}

static void
test_phones(void **state)
{
	(void)state;
	static const struct str_case c[] = {
	    {"01234 567890", 1},
	    {"+44 (0)20 7946 0958", 1},
	    {"999 9999", 1},
	    {"123456", 0},
	    {"1234567", 1},
	    {"123456789012345", 1},
	    {"1234567890123456", 0},
	    {"0123x4567", 0},
	    {"0123.456.789", 0},
	    {"", 0},
	    {NULL, 0},
	};
	check_all(valid_phone, c, N(c), "valid_phone");
}

static void
test_text(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t max;
		int valid;
	} c[] = {
	    {"plain", 10, 1},
	    {"", 10, 1},
	    {"tab\tnew\nline\r", 20, 1},
	    {"bell\x07", 10, 0},
	    {"del\x7f", 10, 0},
	    {"\xc3\xa9t\xc3\xa9", 3, 1}, /* été: 3 characters */
	    {"\xc3\xa9t\xc3\xa9", 2, 0},
	    {"abc", 3, 1},
	    {"abcd", 3, 0},
	    {"\xf0\x9f\x98\x80", 1, 1},  /* U+1F600 */
	    {"\xc0\xaf", 10, 0},         /* overlong '/' */
	    {"\xe0\x80\xaf", 10, 0},     /* overlong, 3 bytes */
	    {"\xed\xa0\x80", 10, 0},     /* surrogate U+D800 */
	    {"\xf4\x90\x80\x80", 10, 0}, /* above U+10FFFF */
	    {"\xe2\x82", 10, 0},         /* truncated */
	    {"\x80", 10, 0},             /* lone continuation */
	    {"\xff", 10, 0},
	    {"\xe2\x82\xac", 1, 1}, /* euro sign */
	};
	for (size_t i = 0; i < N(c); i++) {
		int got = valid_text(c[i].in, c[i].max) != 0;
		if (got != c[i].valid)
			fail_msg("valid_text case %zu = %d, want %d", i, got,
			         c[i].valid);
	}
}

/* Identifiers have one stored form however they are typed. */
static void
test_identifiers(void **state)
{
	(void)state;
	static const struct {
		const char *in, *norm, *pnc;
	} c[] = {
	    {"943 476-5919", "9434765919", "9434765919"},
	    {"c801 1234 56789", "C801123456789", "C801123456789"},
	    {"\tcv-12 3 ", "CV123", "CV123"},
	    {"1998/123456e", "1998/123456E", "98/123456E"},
	    {"98 / 123456 E", "98/123456E", "98/123456E"},
	    {"", "", ""},
	};
	for (size_t i = 0; i < N(c); i++) {
		char out[32];
		assert_int_equal(norm_identifier(c[i].in, out, sizeof(out)), 0);
		assert_string_equal(out, c[i].norm);
		assert_int_equal(norm_pnc_id(c[i].in, out, sizeof(out)), 0);
		assert_string_equal(out, c[i].pnc);
	}
	char small[4];
	assert_int_equal(norm_identifier("12345", small, sizeof(small)), -1);
	assert_int_equal(norm_pnc_id("1998/123456E", small, sizeof(small)), -1);
	/* Typed with spaces and hyphens, still checked. */
	assert_true(valid_upn("c801-1234-56789"));
	assert_true(valid_pnc_id("98 / 123456 e"));
	assert_true(valid_nhs_number("943-476-5919"));
	assert_false(valid_upn("c801 1234 5678"));
}

/* Names: one line, no control characters of any kind, not blank. */
static void
test_names(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int valid;
	} c[] = {
	    {"Zo\xc3\xab O'Nei", 1}, /* 10 characters */
	    {"Ann\tMarie", 0},
	    {"Ann\nMarie", 0},
	    {"Ann\rMarie", 0},
	    {"Ann\xc2\x85", 0},     /* U+0085 next line (C1) */
	    {"Ann\xc2\x9b", 0},     /* U+009B CSI (C1) */
	    {"Ann\xe2\x80\xa8", 0}, /* U+2028 line separator */
	    {"Ann\xe2\x80\xae", 0}, /* U+202E right-to-left override */
	    {"Ann\xe2\x81\xa6", 0}, /* U+2066 left-to-right isolate */
	    {"Ann\x7f", 0},
	    {"A\xe2\x80\x8b"
	     "b",
	     0}, /* U+200B zero-width space (Cf) */
	    {"A\xe2\x80\x8c"
	     "b",
	     0}, /* U+200C zero-width non-joiner */
	    {"A\xe2\x81\xa0"
	     "b",
	     0}, /* U+2060 word joiner */
	    {"\xef\xbb\xbf"
	     "Ann",
	     0},                /* U+FEFF byte order mark */
	    {"Ann\xc2\xad", 0}, /* U+00AD soft hyphen (Cf) */
	    {"Mary\xc2\xa0"
	     "Ann",
	     0}, /* U+00A0 no-break space */
	    {"Mary\xe2\x80\xaf"
	     "Ann",
	     0},                     /* U+202F narrow no-break */
	    {"\xf3\xa0\x80\x81", 0}, /* U+E0001 language tag */
	    {"Mary Ann", 1},
	    {"   ", 0},
	    {"", 0},
	    {NULL, 0},
	    {"abcdefghij", 1},
	    {"abcdefghijk", 0}, /* 11 > 10 */
	};
	for (size_t i = 0; i < N(c); i++) {
		int got = valid_name(c[i].in, 10) != 0;
		if (got != c[i].valid)
			fail_msg("valid_name case %zu = %d, want %d", i, got,
			         c[i].valid);
	}
	assert_int_equal(text_problem("a\nb", 10, 0), 0);
	assert_int_equal(text_problem("a\nb", 10, 1), TEXT_BAD_CHARS);
	assert_int_equal(text_problem("a\xc2\x85", 10, 0), TEXT_BAD_CHARS);
	assert_int_equal(text_problem("abcd", 3, 0), TEXT_TOO_LONG);
	/* Notes keep their spacing; only one-line names refuse these. */
	assert_int_equal(text_problem("a\xc2\xa0"
	                              "b",
	                              10, 0),
	                 0);
	assert_int_equal(text_problem("a\xc2\xa0"
	                              "b",
	                              10, 1),
	                 TEXT_BAD_CHARS);
	/* Long text is read eight bytes at a time: a control character,
	 * DEL or a non-breaking space at every place in it is still found,
	 * other characters still pass, and the length counts exactly. */
	for (size_t at = 0; at < 27; at++) {
		char t[32];
		memset(t, 'x', 30);
		t[30] = '\0';
		t[at] = '\x01';
		assert_int_equal(text_problem(t, 100, 0), TEXT_BAD_CHARS);
		t[at] = '\x7f';
		assert_int_equal(text_problem(t, 100, 0), TEXT_BAD_CHARS);
		t[at] = '\t';
		assert_int_equal(text_problem(t, 100, 0), 0);
		assert_int_equal(text_problem(t, 100, 1), TEXT_BAD_CHARS);
		memcpy(t + at, "\xc2\xa0", 2);
		assert_int_equal(text_problem(t, 100, 1), TEXT_BAD_CHARS);
		memcpy(t + at, "\xc3\xa9", 2); /* e acute: 29 characters */
		assert_int_equal(text_problem(t, 29, 1), 0);
		assert_int_equal(text_problem(t, 28, 1), TEXT_TOO_LONG);
	}
	for (size_t n = 1; n < 40; n++) {
		char t[48];
		memset(t, '~', n);
		t[n] = '\0';
		assert_int_equal(text_problem(t, n, 1), 0);
		assert_int_equal(text_problem(t, n - 1, 1), TEXT_TOO_LONG);
	}
}

static void
test_age_on(void **state)
{
	(void)state;
	static const struct {
		const char *dob, *on;
		int age;
	} c[] = {
	    {"2010-06-15", "2020-06-14", 9},
	    {"2010-06-15", "2020-06-15", 10},
	    {"2010-06-15", "2020-06-16", 10},
	    {"2008-02-29", "2026-02-28", 17}, /* leapling before 1 March */
	    {"2008-02-29", "2026-03-01", 18},
	    {"2008-02-29", "2024-02-29", 16},
	    {"2010-12-31", "2011-01-01", 0},
	    {"2010-06-15", "2010-06-15", 0},
	    {"2010-06-15", "2010-06-14", -1}, /* before birth */
	    {"2010-02-30", "2020-01-01", -1},
	    {"2010-06-15", "not a date", -1},
	};
	for (size_t i = 0; i < N(c); i++) {
		int got = age_on(c[i].dob, c[i].on);
		if (got != c[i].age)
			fail_msg("age_on(%s, %s) = %d, want %d", c[i].dob,
			         c[i].on, got, c[i].age);
	}
}

/* A readable copy keeps valid text as it is, shows bad bytes and control
 * characters as U+FFFD, and cuts after the limit. */
static void
test_text_readable(void **state)
{
	(void)state;
	struct {
		const char *in;
		size_t max;
		int layout;
		const char *want;
	} cases[] = {
	    {"Police request", 100, 0, "Police request"},
	    {"caf\xc3\xa9", 100, 0, "caf\xc3\xa9"},
	    {"urgent \xe9\xe9 check", 100, 0,
	     "urgent \xef\xbf\xbd\xef\xbf\xbd check"},
	    {"a\tb\nc", 100, 0,
	     "a\xef\xbf\xbd"
	     "b\xef\xbf\xbd"
	     "c"},
	    {"a\tb\nc", 100, 1, "a\tb\nc"},
	    {"\xe2\x80\xae"
	     "evil",
	     100, 1,
	     "\xef\xbf\xbd"
	     "evil"},
	    {"\xf0\x9f\x98", 100, 1, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"abcdef", 3, 0, "abc..."},
	    {"", 3, 0, ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got =
		    text_readable(cases[i].in, cases[i].max, cases[i].layout);
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		assert_true(valid_text(got, cases[i].max + 3));
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_datetimes),
	    cmocka_unit_test(test_nhs_numbers),
	    cmocka_unit_test(test_upns),
	    cmocka_unit_test(test_pnc_ids),
	    cmocka_unit_test(test_postcodes),
	    cmocka_unit_test(test_emails),
	    cmocka_unit_test(test_phones),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_age_on),
	    cmocka_unit_test(test_identifiers),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_text_readable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

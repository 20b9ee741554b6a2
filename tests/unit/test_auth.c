/*
 * test_auth.c - the password policy in src/service/auth.c, against the
 * installed cracklib dictionary and word lists (cracklib-runtime,
 * wamerican): what breached-password lists are full of is refused, the
 * passphrases the project and its tests use are accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "service/auth.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *username, *password, *why;
	} c[] = {
	    /* The examples from issue 7. */
	    {"officer", "password12345678", "common"},
	    {"officer", "Passw0rd!2026", "common"},
	    {"officer", "aaaaaaaaaaab", "repeat"},
	    /* A word with digits or symbols added, letters swapped. */
	    {"officer", "Summer2024!!", "common"},
	    {"officer", "Liverpool2026", "common"},
	    {"officer", "Football!2024", "common"},
	    {"officer", "P@ssw0rd1234", "common"},
	    {"officer", "Pa55word-2025", "common"},
	    {"officer", "1Coventry123!", "common"},
	    {"officer", "Welcome!2026", "common"},
	    {"officer", "pass-word-2026", "common"},
	    /* Common passwords from cracklib's list, with digits. */
	    {"officer", "letmein12345", "common"},
	    {"officer", "iloveyou1234", "common"},
	    {"officer", "trustno1trustno1", "repeat"},
	    /* Repetition and sequences. */
	    {"officer", "abcabcabcabc", "repeat"},
	    {"officer", "passwordpassword", "repeat"},
	    {"officer", "xyxyxyxyxyxyxz", "repeat"},
	    {"officer", "abcdefghijkl", "sequence"},
	    {"officer", "123456789012", "sequence"},
	    {"officer", "qwertyuiop12", "sequence"},
	    {"officer", "zxcvbnm12345", "common"}, /* in cracklib's list */
	    {"officer", "1qaz2wsx3edc", "sequence"},
	    {"officer", "987654321zyx", "sequence"},
	    /* Length and the username. */
	    {"officer", "Sh0rt-pw!", "at least 12"},
	    {"officer", "my-Officer-phrase-42", "username"},
	};
	for (size_t i = 0; i < N(c); i++) {
		struct err e;
		err_clear(&e);
		int rc = auth_password_policy(c[i].username, c[i].password, &e);
		if (rc != SPIRE_EINVAL)
			fail_msg("\"%s\" accepted (%d)", c[i].password, rc);
		assert_string_equal(e.field, "password");
		if (!strcasestr(e.message, c[i].why))
			fail_msg("\"%s\": \"%s\", want it to say %s",
			         c[i].password, e.message, c[i].why);
		/* A sentence about the field, which the UI starts with
		 * the field's label ("Temporary password must ..."). */
		assert_true(strncmp(e.message, "password ", 9) == 0);
	}
	char longer[300];
	memset(longer, 'k', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	struct err e;
	assert_int_equal(auth_password_policy("officer", longer, &e),
	                 SPIRE_EINVAL);
}

static void
test_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {
	    "spire-demo-password",      /* the demo's */
	    "Tr0ub4dor&3-horse",        /* tests/api/lib.mjs */
	    "a-Long-unusual-phrase-42", /* tests/api/auth.test.mjs */
	    "a-Long-unusual-pass-9",    /* tests/api/users.test.mjs */
	    "bench-Manager-pass-7141",  /* bench/run.sh */
	    "kettle violin marble 58",  "Otter-Biscuit-Lantern", "7gT#q2Lm!xVz",
	};
	for (size_t i = 0; i < N(ok); i++) {
		struct err e;
		err_clear(&e);
		if (auth_password_policy("officer", ok[i], &e) != 0)
			fail_msg("\"%s\" refused: %s", ok[i], e.message);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_accepted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

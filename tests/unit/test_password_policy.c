/*
 * test_password_policy.c - the password policy in
 * src/service/password_policy.c, against the installed dictionaries
 * (cracklib-runtime, wamerican, john-data): what breached-password lists
 * are full of is refused, the passphrases the project and its tests use are
 * accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "service/auth.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* 1 when message contains one of the '|'-separated words of why. */
static int
says(const char *message, const char *why)
{
	char words[64];
	snprintf(words, sizeof(words), "%s", why);
	for (char *w = words, *bar; w; w = bar ? bar + 1 : NULL) {
		bar = strchr(w, '|');
		if (bar)
			*bar = '\0';
		if (strcasestr(message, w))
			return 1;
	}
	return 0;
}

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
	    /* Two words joined; a common password from John the Ripper's
	     * list; a word said twice (the old hand-picked list's). */
	    {"officer", "secretpassword", "common"},
	    {"officer", "manchesterunited", "common"},
	    {"officer", "changeme1234", "common"},
	    {"officer", "adminadmin12", "common"},
	    /* Repetition and sequences. */
	    {"officer", "abcabcabcabc", "repeat"},
	    {"officer", "passwordpassword", "repeat"},
	    {"officer", "xyxyxyxyxyxyxz", "repeat"},
	    {"officer", "abcdefghijkl", "sequence"},
	    {"officer", "123456789012", "sequence"},
	    {"officer", "qwertyuiop12", "sequence|common"},
	    {"officer", "zxcvbnm12345", "common"}, /* in cracklib's list */
	    {"officer", "1qaz2wsx3edc", "sequence"},
	    {"officer", "987654321zyx", "sequence"},
	    {"officer", "q1w2e3r4t5y6", "sequence"},
	    {"officer", "a1b2c3d4e5f6", "sequence"},
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
		if (!says(e.message, c[i].why))
			fail_msg("\"%s\": \"%s\", want it to say %s",
			         c[i].password, e.message, c[i].why);
		/* A sentence about the field, which the UI starts with
		 * the field's label ("Temporary password must ..."). */
		assert_true(strncmp(e.message, "Password ", 9) == 0);
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

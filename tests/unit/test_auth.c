/*
 * test_auth.c - src/service/auth.c: the dummy hash checked when a username
 * is unknown carries the configured cost and matches no password.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "service/auth.h"
#include "service/server.h"

static void
test_dummy_hash_has_the_configured_cost(void **state)
{
	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	static const struct {
		int cost;
		unsigned long long ops;
		size_t mem;
	} c[] = {
	    {0, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	     crypto_pwhash_MEMLIMIT_INTERACTIVE},
	    {1, crypto_pwhash_OPSLIMIT_MODERATE,
	     crypto_pwhash_MEMLIMIT_MODERATE},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		static struct server srv;
		memset(&srv, 0, sizeof(srv));
		srv.cfg.password_cost = c[i].cost;
		struct err e;
		err_clear(&e);
		assert_int_equal(auth_prepare(&srv, &e), 0);
		/* Same parameters as a real hash at this cost: checking it
		 * costs what checking a real one does. */
		assert_int_equal(crypto_pwhash_str_needs_rehash(
		                     srv.dummy_hash, c[i].ops, c[i].mem),
		                 0);
		if (c[i].cost == 0) {
			const char *pw = "correct horse battery staple";
			assert_int_not_equal(
			    crypto_pwhash_str_verify(srv.dummy_hash, pw,
			                             strlen(pw)),
			    0);
		}
		/* A fresh salt each time. */
		char first[sizeof(srv.dummy_hash)];
		memcpy(first, srv.dummy_hash, sizeof(first));
		assert_int_equal(auth_prepare(&srv, &e), 0);
		assert_string_not_equal(first, srv.dummy_hash);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dummy_hash_has_the_configured_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

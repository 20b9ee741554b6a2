/*
 * test_proxy.c - src/core/proxy.c: parsing the trusted_proxies setting and
 * finding the client address behind a trusted reverse proxy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/proxy.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_parse(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int ok;
		size_t n;
	} c[] = {
	    {"", 1, 0},
	    {"127.0.0.1", 1, 1},
	    {"127.0.0.1, ::1", 1, 2},
	    {"10.0.0.0/8 192.168.0.0/16,fd00::/8", 1, 3},
	    {" , 127.0.0.1 ,, ", 1, 1},
	    {"::ffff:10.0.0.0/104", 1, 1},
	    {"127.0.0.1/33", 0, 0},
	    {"::1/129", 0, 0},
	    {"10.0.0.0/", 0, 0},
	    {"10.0.0.0/-1", 0, 0},
	    {"localhost", 0, 0},
	    {"300.1.1.1", 0, 0},
	    {"127.0.0.1; ::1", 0, 0},
	};
	for (size_t i = 0; i < N(c); i++) {
		struct proxy_list l;
		struct err e;
		err_clear(&e);
		int rc = proxy_list_parse(&l, c[i].text, &e);
		if ((rc == 0) != c[i].ok)
			fail_msg("parse(\"%s\") = %d", c[i].text, rc);
		if (rc == 0 && l.n != c[i].n)
			fail_msg("parse(\"%s\"): %zu entries, want %zu",
			         c[i].text, l.n, c[i].n);
		if (rc)
			assert_string_equal(e.field, "trusted_proxies");
	}
	/* More than PROXY_MAX entries are refused. */
	char many[PROXY_MAX * 16 + 16] = "";
	size_t len = 0;
	for (int i = 0; i <= PROXY_MAX; i++)
		len += (size_t)snprintf(many + len, sizeof(many) - len,
		                        "10.0.0.%d,", i);
	struct proxy_list l;
	struct err e;
	assert_int_equal(proxy_list_parse(&l, many, &e), SPIRE_EINVAL);
}

static void
test_trusted(void **state)
{
	(void)state;
	struct proxy_list l;
	struct err e;
	assert_int_equal(
	    proxy_list_parse(&l, "127.0.0.1, ::1, 10.1.0.0/16, fd00::/8", &e),
	    0);
	static const struct {
		const char *addr;
		int trusted;
	} c[] = {
	    {"127.0.0.1", 1},
	    {"127.0.0.2", 0},
	    {"::1", 1},
	    {"::2", 0},
	    {"::ffff:127.0.0.1", 1}, /* a v4 peer on a v6 socket */
	    {"10.1.255.7", 1},
	    {"10.2.0.1", 0},
	    {"fd12:3456::1", 1},
	    {"fe80::1", 0},
	    {"", 0},
	    {"unknown", 0},
	    {NULL, 0},
	};
	for (size_t i = 0; i < N(c); i++)
		if (proxy_trusted(&l, c[i].addr) != c[i].trusted)
			fail_msg("trusted(%s) != %d",
			         c[i].addr ? c[i].addr : "(null)",
			         c[i].trusted);
}

static void
test_client_address(void **state)
{
	(void)state;
	struct proxy_list l, none;
	struct err e;
	assert_int_equal(proxy_list_parse(&l, "127.0.0.1, ::1, 10.0.0.0/8", &e),
	                 0);
	assert_int_equal(proxy_list_parse(&none, "", &e), 0);
	const struct {
		const struct proxy_list *l;
		const char *peer, *xff, *want;
	} c[] = {
	    /* No trusted proxy configured: the header is ignored. */
	    {&none, "127.0.0.1", "203.0.113.9", "127.0.0.1"},
	    /* An untrusted peer cannot claim another address. */
	    {&l, "198.51.100.1", "203.0.113.9", "198.51.100.1"},
	    /* nginx on loopback names the client. */
	    {&l, "127.0.0.1", "203.0.113.9", "203.0.113.9"},
	    {&l, "::1", "2001:db8::7", "2001:db8::7"},
	    {&l, "::ffff:127.0.0.1", "203.0.113.9", "203.0.113.9"},
	    /* A client's own X-Forwarded-For is kept left of what the proxy
	     * appends: the right-most untrusted entry wins. */
	    {&l, "127.0.0.1", "1.1.1.1, 203.0.113.9", "203.0.113.9"},
	    {&l, "127.0.0.1", "1.1.1.1,203.0.113.9 , 10.0.0.5", "203.0.113.9"},
	    /* Every hop a trusted proxy: the left-most. */
	    {&l, "127.0.0.1", "10.0.0.9, 10.0.0.5", "10.0.0.9"},
	    /* Ports and brackets, as some proxies write them. */
	    {&l, "127.0.0.1", "203.0.113.9:5123", "203.0.113.9"},
	    {&l, "127.0.0.1", "[2001:db8::7]:443", "2001:db8::7"},
	    /* Canonical form. */
	    {&l, "127.0.0.1", "2001:DB8:0:0::7", "2001:db8::7"},
	    /* Missing or malformed: the peer. */
	    {&l, "127.0.0.1", NULL, "127.0.0.1"},
	    {&l, "127.0.0.1", "", "127.0.0.1"},
	    {&l, "127.0.0.1", "unknown", "127.0.0.1"},
	    {&l, "127.0.0.1", "1.1.1.1, <script>", "127.0.0.1"},
	    {&l, "127.0.0.1", "1.1.1.1,", "127.0.0.1"},
	};
	for (size_t i = 0; i < N(c); i++) {
		char out[PROXY_ADDR_LEN];
		const char *got =
		    proxy_client_address(c[i].l, c[i].peer, c[i].xff, out);
		if (strcmp(got, c[i].want) != 0)
			fail_msg("peer %s xff \"%s\": %s, want %s", c[i].peer,
			         c[i].xff ? c[i].xff : "(null)", got,
			         c[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_trusted),
	    cmocka_unit_test(test_client_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

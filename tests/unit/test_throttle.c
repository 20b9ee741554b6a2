/*
 * test_throttle.c - src/service/throttle.c: attempts are counted when they
 * are taken (before the password is checked), limits hold under many
 * threads at once, and an account's lock cannot be evicted by failures for
 * other keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>

#include <cmocka.h>

#include "service/throttle.h"

static void
test_take_release_clear(void **state)
{
	(void)state;
	struct throttle *t = throttle_new(3, 60);
	assert_non_null(t);
	for (int i = 0; i < 3; i++)
		assert_int_equal(throttle_take(t, "ip:1.2.3.4", 100), 0);
	assert_int_equal(throttle_take(t, "ip:1.2.3.4", 100), 1);
	assert_int_equal(throttle_take(t, "ip:5.6.7.8", 100), 0);
	/* A refused attempt is not counted: one release frees one. */
	throttle_release(t, "ip:1.2.3.4");
	assert_int_equal(throttle_take(t, "ip:1.2.3.4", 100), 0);
	assert_int_equal(throttle_take(t, "ip:1.2.3.4", 100), 1);
	/* The window ends. */
	assert_int_equal(throttle_take(t, "ip:1.2.3.4", 160), 0);
	throttle_clear(t, "ip:1.2.3.4");
	for (int i = 0; i < 3; i++)
		assert_int_equal(throttle_take(t, "ip:1.2.3.4", 161), 0);
	throttle_free(t);
}

static void
test_lockout(void **state)
{
	(void)state;
	struct lockout *l = lockout_new(5, 900);
	assert_non_null(l);
	for (int i = 0; i < 5; i++)
		assert_int_equal(lockout_take(l, 42, 1000), 0);
	assert_int_equal(lockout_take(l, 42, 1000), 1);
	assert_int_equal(lockout_take(l, 43, 1000), 0);
	/* Failures for a hundred thousand other accounts (far more than
	 * the string throttle's slots) do not push account 42 out. */
	for (int64_t id = 1000; id < 101000; id++)
		for (int k = 0; k < 5; k++)
			lockout_take(l, id, 1001);
	assert_int_equal(lockout_take(l, 42, 1002), 1);
	assert_int_equal(lockout_take(l, 100999, 1002), 1);
	/* Still locked until the window ends; a success clears it. */
	assert_int_equal(lockout_take(l, 42, 1899), 1);
	assert_int_equal(lockout_take(l, 42, 1900), 0);
	lockout_clear(l, 42);
	for (int i = 0; i < 5; i++)
		assert_int_equal(lockout_take(l, 42, 1901), 0);
	assert_int_equal(lockout_take(l, 42, 1901), 1);
	lockout_free(l);
}

#define THREADS 8
#define TRIES 200

struct race {
	struct lockout *l;
	struct throttle *t;
	int allowed;
};

static void *
racer(void *arg)
{
	struct race *r = arg;
	for (int i = 0; i < TRIES; i++) {
		if (lockout_take(r->l, 7, 50) == 0)
			__atomic_add_fetch(&r->allowed, 1, __ATOMIC_SEQ_CST);
		if (throttle_take(r->t, "ip:9.9.9.9", 50) == 0)
			__atomic_add_fetch(&r->allowed, 1000, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void
test_concurrent_takes(void **state)
{
	(void)state;
	struct race r = {lockout_new(5, 900), throttle_new(20, 900), 0};
	assert_non_null(r.l);
	assert_non_null(r.t);
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, racer, &r), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	/* Exactly the limit of each went ahead: 5 per account, 20 per
	 * address, out of 1,600 attempts each. */
	assert_int_equal(r.allowed, 5 + 20 * 1000);
	lockout_free(r.l);
	throttle_free(r.t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_take_release_clear),
	    cmocka_unit_test(test_lockout),
	    cmocka_unit_test(test_concurrent_takes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_shown.c - table-driven cases for shown_audit()
 * (src/service/shown.c): which people an answer shows, and that people
 * the request already audited are not audited again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "service/ctx.h"
#include "service/shown.h"

struct shown_case {
	const char *json;
	int64_t already;   /* a person the request audited first, or 0 */
	int64_t expect[8]; /* people audited as "shown", in order, 0-ended */
};

static const struct shown_case CASES[] = {
    /* A person record: its own id. */
    {"{\"id\": 7, \"given_name\": \"A\", \"family_name\": \"B\"}", 0, {7}},
    /* Already read by the request: nothing more. */
    {"{\"id\": 7, \"given_name\": \"A\"}", 7, {0}},
    /* An offence (no name) with a named victim: the victim only. */
    {"{\"id\": 3, \"person_id\": 9, \"victims\": [{\"id\": 1, \"victim_id\": "
     "12, \"given_name\": \"V\", \"family_name\": \"W\"}]}",
     0,
     {12}},
    /* A victim record: the victim and the child it is about. */
    {"{\"id\": 2, \"person_id\": 9, \"victim_id\": 12, \"given_name\": "
     "\"V\"}",
     9,
     {12}},
    /* A contact: the child, and the people who attended (by id). */
    {"{\"id\": 4, \"person_id\": 9, \"attendees\": {\"people\": [{\"id\": 9, "
     "\"given_name\": \"C\"}, {\"id\": 10, \"given_name\": \"M\"}], "
     "\"practitioners\": [{\"id\": 5, \"full_name\": \"Officer\"}]}}",
     9,
     {10}},
    /* A list: a task's child by child_name; duplicates once. */
    {"{\"items\": [{\"id\": 1, \"person_id\": 9, \"child_name\": \"C D\"}, "
     "{\"id\": 2, \"person_id\": 9, \"child_name\": \"C D\"}, {\"id\": 3, "
     "\"person_id\": 11, \"child_name\": \"E F\"}]}",
     0,
     {9, 11}},
    /* Unnamed objects (audit entries, users) show no one. */
    {"{\"items\": [{\"seq\": 1, \"person_id\": 9, \"username\": \"x\"}, "
     "{\"id\": 5, \"full_name\": \"Officer\"}]}",
     0,
     {0}},
    /* A parent support: the parent by parent_name, the child beside. */
    {"{\"id\": 1, \"person_id\": 9, \"parent_name\": \"M D\", "
     "\"child_id\": 11, \"child_name\": \"K D\", \"parent_worker_name\": "
     "\"W\"}",
     0,
     {9, 11}},
    /* A family plan action: its owner, not the owner user. */
    {"{\"id\": 1, \"plan_id\": 2, \"owner_person_id\": 13, "
     "\"owner_person_name\": \"O E\", \"owner_user_id\": 5, "
     "\"owner_user_name\": \"W\"}",
     0,
     {13}},
    /* A referral about a child, by child_id alone. */
    {"{\"id\": 1, \"person_id\": 9, \"child_id\": 11}", 0, {11}},
    /* Null and missing ids. */
    {"[{\"given_name\": \"N\"}, {\"person_id\": null, \"given_name\": "
     "\"N\"}]",
     0,
     {0}},
};

static void
test_cases(void **state)
{
	(void)state;
	struct user u = {.id = 1, .username = "officer"};
	for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
		const struct shown_case *c = &CASES[i];
		struct arena arena;
		arena_init(&arena, 0);
		struct ctx ctx;
		ctx_init(&ctx, NULL, &arena, "127.0.0.1");
		ctx.user = &u;
		if (c->already)
			assert_non_null(ctx_audit(&ctx, "read", "person",
			                          c->already, c->already));
		json_error_t jerr;
		json_t *v = json_loads(c->json, 0, &jerr);
		assert_non_null(v);
		struct err e;
		err_clear(&e);
		assert_int_equal(
		    shown_audit(&ctx, v, "offence", 3, "/api/v1/x", &e), 0);
		const struct audit_entry *a = ctx.audit_head;
		if (c->already)
			a = a->next;
		size_t n = 0;
		for (; a; a = a->next, n++) {
			assert_string_equal(a->action, "shown");
			assert_string_equal(a->record_type, "offence");
			assert_int_equal(a->record_id, 3);
			assert_string_equal(a->detail, "/api/v1/x");
			assert_int_equal(a->person_id, c->expect[n]);
		}
		assert_int_equal(c->expect[n], 0);
		json_decref(v);
		arena_release(&arena);
	}
}

static void
test_no_user_no_rows(void **state)
{
	(void)state;
	struct arena arena;
	arena_init(&arena, 0);
	struct ctx ctx;
	ctx_init(&ctx, NULL, &arena, "127.0.0.1");
	json_t *v = json_pack("{s:i, s:s}", "id", 7, "given_name", "A");
	struct err e;
	err_clear(&e);
	assert_int_equal(shown_audit(&ctx, v, NULL, 0, "/", &e), 0);
	assert_null(ctx.audit_head);
	json_decref(v);
	arena_release(&arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_no_user_no_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

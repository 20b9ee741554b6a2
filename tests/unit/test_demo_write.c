/*
 * test_demo_write.c - the demo generator's writes (src/demo/write.c) on a
 * real, migrated SQLite file: a record goes through its resource's field
 * table as the API's do (values normalised; a value the table refuses is
 * refused naming the field and nothing is stored), gets the server-owned
 * values a service sets, and a close keeps the open version as a
 * practitioner's close does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "temp_db.h"

#include "demo/write.h"
#include "service/people.h"
#include "store/db.h"
#include "store/people.h"
#include "store/schema.h"
#include "store/users.h"

struct fixture {
	struct temp_db t;
	struct err e;
	struct demo_write w;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	temp_db_open(&f->t);
	err_clear(&f->e);
	f->w = (struct demo_write){f->t.db, &f->e, "2026-11-01T09:00:00Z"};
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	temp_db_remove(&f->t);
	free(f);
	return 0;
}

static const char *
text(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* A person as the demo makes one is stored as the API stores one. */
static void
test_person_as_the_service_stores_it(void **state)
{
	struct fixture *f = *state;
	struct demo_person p = {
	    .given_name = "Zoë",
	    .family_name = "O'Brien",
	    .date_of_birth = "2012-03-04",
	    .sex = "female",
	    .postcode = "cv1 2ab",
	    .nhs_number = "943 476 5919",
	    .local_id = "cv-0000001",
	    .alert = "Dog at the address",
	};
	int64_t id = 0;
	assert_int_equal(demo_insert_person(&f->w, &p, &id), 0);
	assert_true(id > 0);
	json_t *rec = NULL;
	assert_int_equal(record_get(f->t.db, PEOPLE.table, id, &rec, &f->e), 0);
	assert_string_equal(text(rec, "postcode"), "CV1 2AB");
	assert_string_equal(text(rec, "nhs_number"), "9434765919");
	assert_string_equal(text(rec, "local_id"), "CV0000001");
	assert_string_equal(text(rec, "alerts"), "[\"Dog at the address\"]");
	assert_non_null(text(rec, "name_key"));
	assert_true(strlen(text(rec, "name_key")) > 0);
	assert_string_equal(text(rec, "created_at"), "2026-11-01T09:00:00Z");
	assert_true(json_is_null(json_object_get(rec, "created_by")));
	assert_int_equal(json_integer_value(json_object_get(rec, "version")),
	                 1);
	json_decref(rec);
}

/* A body the field table refuses is the generator's fault: refused naming
 * the field and the kind of record, nothing stored. */
static void
test_refused_naming_the_field(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *body, *field;
	} cases[] = {
	    {"{\"given_name\": \"A\", \"family_name\": \"B\", \"sex\": \"x\"}",
	     "sex"},
	    {"{\"given_name\": \"A\", \"family_name\": \"B\","
	     " \"postcode\": \"nowhere\"}",
	     "postcode"},
	    {"{\"family_name\": \"B\"}", "given_name"},
	    {"{\"given_name\": \"A\", \"family_name\": \"B\","
	     " \"date_of_birth\": \"2012-02-30\"}",
	     "date_of_birth"},
	    /* Server-owned values come apart from the body. */
	    {"{\"given_name\": \"A\", \"family_name\": \"B\","
	     " \"name_key\": \"a b\"}",
	     "name_key"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *body = json_loads(cases[i].body, 0, NULL);
		assert_non_null(body);
		int64_t id = -1;
		int rc = demo_insert(&f->w, &PEOPLE, body, NULL, 0, &id);
		assert_int_equal(rc, SPIRE_EINVAL);
		assert_string_equal(f->e.field, cases[i].field);
		if (!strstr(f->e.message, "demo person"))
			fail_msg("case %zu: message '%s' does not say which "
			         "record",
			         i, f->e.message);
		assert_int_equal(id, -1);
	}
	int64_t n = -1;
	assert_int_equal(store_people_count(f->t.db, &n, &f->e), 0);
	assert_int_equal(n, 0);
}

/* A close keeps the open version: version 2, closed with the reason. */
static void
test_close_as_a_practitioner_closes(void **state)
{
	struct fixture *f = *state;
	struct user_new u = {
	    "demo.worker", "Demo Worker", "manager", "x", 0, 0};
	int64_t user = 0;
	assert_int_equal(store_users_insert(f->t.db, &u, f->w.at, &user, &f->e),
	                 0);
	struct demo_person p = {.given_name = "A", .family_name = "B"};
	int64_t id = 0;
	assert_int_equal(demo_insert_person(&f->w, &p, &id), 0);
	assert_int_equal(
	    demo_close(&f->w, &PEOPLE, id, "Entered in error", user), 0);
	json_t *rec = NULL;
	assert_int_equal(record_get(f->t.db, PEOPLE.table, id, &rec, &f->e), 0);
	assert_int_equal(json_integer_value(json_object_get(rec, "version")),
	                 2);
	assert_string_equal(text(rec, "closed_reason"), "Entered in error");
	assert_string_equal(text(rec, "closed_at"), "2026-11-01T09:00:00Z");
	json_decref(rec);
	/* Closed once: a second close finds it closed. */
	assert_int_equal(demo_close(&f->w, &PEOPLE, id, "Again", user),
	                 SPIRE_ECONFLICT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_person_as_the_service_stores_it, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refused_naming_the_field,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_close_as_a_practitioner_closes,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

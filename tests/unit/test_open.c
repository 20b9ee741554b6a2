/*
 * test_open.c - store_is_open (src/store/open.c) on a real, migrated SQLite
 * file: for every kind, an open record is open, a closed one (and a case
 * whose status is closed) is not, and a missing one is not; and the
 * services each role opens cases in (src/service/roles.c) all exist in the
 * schema's service list.
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

#include "service/roles.h"
#include "store/db.h"
#include "store/open.h"
#include "store/schema.h"
#include "store/users.h"

struct fixture {
	struct temp_db t;
};

/* One open and one closed record of every kind: ids 1 (open), 2 (closed);
 * case 3 has status closed without closed_at (as an old close did). */
static const char ROWS[] =
    "INSERT INTO teams(id, service_id, name, created_at) VALUES"
    " (1, 1, 'T', '2024-01-01'), (2, 1, 'Shut', '2024-01-01');"
    "UPDATE teams SET closed_at = '2024-02-01' WHERE id = 2;"
    "INSERT INTO people(id, given_name, family_name, created_at) VALUES"
    " (1, 'A', 'Open', '2024-01-01'), (2, 'B', 'Shut', '2024-01-01');"
    "UPDATE people SET closed_at = '2024-02-01' WHERE id = 2;"
    "INSERT INTO families(id, name, created_at) VALUES"
    " (1, 'Open', '2024-01-01'), (2, 'Shut', '2024-01-01');"
    "UPDATE families SET closed_at = '2024-02-01' WHERE id = 2;"
    "INSERT INTO cases(id, person_id, service_id, team_id, start_date,"
    " created_at) VALUES (1, 1, 1, 1, '2024-01-01', '2024-01-01'),"
    " (2, 1, 1, 1, '2024-01-01', '2024-01-01'),"
    " (3, 1, 1, 1, '2024-01-01', '2024-01-01');"
    "UPDATE cases SET status = 'closed', closed_at = '2024-02-01'"
    " WHERE id = 2;"
    "UPDATE cases SET status = 'closed' WHERE id = 3;"
    "INSERT INTO yj_offences(id, person_id, case_id, offence_date,"
    " description, category, gravity, created_at) VALUES"
    " (1, 1, 1, '2023-01-01', 'x', 'theft', 2, '2024-01-01'),"
    " (2, 1, 1, '2023-01-01', 'x', 'theft', 2, '2024-01-01');"
    "UPDATE yj_offences SET closed_at = '2024-02-01' WHERE id = 2;"
    "INSERT INTO yj_outcomes(id, person_id, case_id, outcome_type,"
    " outcome_date, created_at) VALUES"
    " (1, 1, 1, 'prevention', '2024-01-01', '2024-01-01'),"
    " (2, 1, 1, 'prevention', '2024-01-01', '2024-01-01');"
    "UPDATE yj_outcomes SET closed_at = '2024-02-01' WHERE id = 2;";

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	temp_db_open(&f->t);
	temp_db_rows(&f->t, ROWS);
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

static void
test_is_open(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const struct record_kind *kind;
		int64_t id;
		int open;
	} cases[] = {
	    {RK_PERSON, 1, 1},  {RK_PERSON, 2, 0},  {RK_PERSON, 99, 0},
	    {RK_FAMILY, 1, 1},  {RK_FAMILY, 2, 0},  {RK_FAMILY, 99, 0},
	    {RK_CASE, 1, 1},    {RK_CASE, 2, 0},    {RK_CASE, 3, 0},
	    {RK_CASE, 99, 0},   {RK_OFFENCE, 1, 1}, {RK_OFFENCE, 2, 0},
	    {RK_OUTCOME, 1, 1}, {RK_OUTCOME, 2, 0}, {RK_OUTCOME, 99, 0},
	    {RK_TEAM, 1, 1},    {RK_TEAM, 2, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		err_clear(&e);
		int open = -1;
		assert_int_equal(store_is_open(f->t.db, cases[i].kind,
		                               cases[i].id, &open, &e),
		                 0);
		if (open != cases[i].open)
			fail_msg("%s %lld: open %d, want %d",
			         store_open_kind_name(cases[i].kind),
			         (long long)cases[i].id, open, cases[i].open);
	}
}

/* Every service a role opens cases in is a real service. */
static void
test_role_services_exist(void **state)
{
	struct fixture *f = *state;
	int listed = 0;
	for (unsigned i = 0; ROLE_NAMES[i]; i++) {
		const char *const *codes = role_services(1u << i);
		for (size_t k = 0; codes && codes[k]; k++) {
			struct err e;
			err_clear(&e);
			int64_t id = 0;
			if (store_services_id(f->t.db, codes[k], &id, &e) != 0)
				fail_msg("role %s: no service %s",
				         ROLE_NAMES[i], codes[k]);
			listed++;
		}
	}
	assert_true(listed > 0);
	/* Youth justice cases are opened by youth justice officers only
	 * (and managers of the service, decided elsewhere). */
	for (unsigned i = 0; ROLE_NAMES[i]; i++) {
		const char *const *codes = role_services(1u << i);
		for (size_t k = 0; codes && codes[k]; k++)
			if (strcmp(codes[k], "youth_justice") == 0)
				assert_int_equal(1u << i, ROLE_YJS_OFFICER);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_is_open, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_role_services_exist, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

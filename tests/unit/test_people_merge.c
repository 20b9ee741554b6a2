/*
 * test_people_merge.c - store/people_merge.c's PERSON_REFS is the one list
 * of person references: every column of the migrated schema that
 * references people(id), or is named like a person reference (person_id,
 * child_id, victim_id, *_person_id), must be declared there, and every
 * declared column must exist. A new table with a person in it fails this
 * test until its author says what a merge does to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "temp_db.h"
#include "store/people_merge.h"

/* Every (table, column) of the schema that names a person. SQLite's own
 * catalogue: a test may read it; the program never does. */
static const char REFS_SQL[] =
    "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c"
    " WHERE m.type = 'table' AND (c.name IN ('person_id', 'child_id',"
    " 'victim_id', 'kept_id', 'merged_id') OR c.name LIKE '%\\_person\\_id'"
    " ESCAPE '\\')"
    " UNION SELECT m.name, f.\"from\" FROM sqlite_master m,"
    " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
    " AND f.\"table\" = 'people'";

static const char COLUMN_SQL[] =
    "SELECT 1 FROM pragma_table_info($1) WHERE name = $2";

static void
test_every_person_reference_is_declared(void **state)
{
	(void)state;
	struct temp_db t;
	temp_db_open(&t);
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(t.db, REFS_SQL, &e);
	assert_non_null(s);
	int n = 0, missing = 0;
	while (db_step(s, &e) == DB_ROW) {
		const char *table = db_col_text(s, 0);
		const char *column = db_col_text(s, 1);
		n++;
		if (!person_ref_find(table, column)) {
			print_error("%s.%s names a person but is not in "
			            "PERSON_REFS (store/people_merge.c)\n",
			            table, column);
			missing++;
		}
	}
	db_done(s);
	assert_true(n >= 20);
	assert_int_equal(missing, 0);
	/* And every declared column is in the schema. */
	for (const struct person_ref *r = PERSON_REFS; r->table; r++) {
		s = db_prepare(t.db, COLUMN_SQL, &e);
		assert_non_null(s);
		db_bind_text(s, 1, r->table);
		db_bind_text(s, 2, r->column);
		int rc = db_step(s, &e);
		db_done(s);
		if (rc != DB_ROW)
			fail_msg("PERSON_REFS names %s.%s, which is not in the "
			         "schema",
			         r->table, r->column);
		if (r->how == PR_MOVE) {
			assert_non_null(r->move);
			assert_non_null(r->back);
			assert_non_null(strstr(r->move, r->table));
		}
	}
	temp_db_remove(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_person_reference_is_declared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

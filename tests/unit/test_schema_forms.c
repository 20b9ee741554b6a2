/*
 * test_schema_forms.c - migration 7's rows (store_pd_migrate in
 * src/store/forms/pd.c) on a real, migrated SQLite file holding
 * assessments as they were before it (sections in the assessment's own
 * columns): each prevention and diversion assessment's sections become a
 * linked form response whose document is exactly what the forms engine
 * writes for the same answers with forms/prevention-diversion.json
 * version 1, the assessment's columns are cleared, an assessment without
 * sections and AssetPlus assessments get no response, and re-running the
 * migrations changes nothing.
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

#include "service/forms/forms.h"
#include "store/db.h"
#include "store/forms/pd.h"
#include "store/schema.h"

static const char ROWS[] =
    "INSERT INTO teams(id, service_id, name, created_at) VALUES"
    " (1, 1, 'T', '2024-01-01');"
    "INSERT INTO people(id, given_name, family_name, created_at) VALUES"
    " (1, 'A', 'Child', '2024-01-01');"
    "INSERT INTO cases(id, person_id, service_id, team_id, start_date,"
    " created_at) VALUES (1, 1, 1, 1, '2024-01-01', '2024-01-01');"
    "INSERT INTO yj_assessments(id, person_id, case_id, assessment_type,"
    " stage, assessment_date, circumstances, exploitation, exit_plan,"
    " created_at) VALUES (1, 1, 1, 'prevention_diversion', 'start',"
    " '2024-02-01', 'Lives with gran', 'None known', 'Youth club',"
    " '2024-02-01T10:00:00Z'),"
    " (2, 1, 1, 'prevention_diversion', 'end', '2024-03-01', NULL, NULL,"
    " NULL, '2024-03-01T10:00:00Z'),"
    " (3, 1, 1, 'assetplus', 'start', '2024-02-02', NULL, NULL, NULL,"
    " '2024-02-02T10:00:00Z');";

static char *
one_text(struct db *db, const char *sql)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(db, sql, &e);
	if (!s)
		fail_msg("%s: %s", sql, e.message);
	char *out = NULL;
	if (db_step(s, &e) == DB_ROW && db_col_text(s, 0))
		out = strdup(db_col_text(s, 0));
	db_done(s);
	return out;
}

static void
test_migration_7(void **state)
{
	(void)state;
	char dir[] = "/tmp/spire-unit-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/m.db", dir);
	struct err e;
	err_clear(&e);
	struct db *db = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &e), 0);
	if (schema_migrate(db, &e))
		fail_msg("migrate: %s", e.message);
	if (db_exec(db, ROWS, &e))
		fail_msg("rows: %s", e.message);
	if (store_pd_migrate(db, &e))
		fail_msg("store_pd_migrate: %s", e.message);

	char *n = one_text(db, "SELECT count(*) FROM form_responses");
	assert_string_equal(n, "1");
	free(n);
	char *link = one_text(db, "SELECT form_response_id FROM yj_assessments"
	                          " WHERE id = 1");
	assert_non_null(link);
	free(link);
	char *left = one_text(db, "SELECT COALESCE(circumstances, exploitation,"
	                          " exit_plan, 'cleared') FROM yj_assessments"
	                          " WHERE id = 1");
	assert_string_equal(left, "cleared");
	free(left);
	char *meta = one_text(
	    db, "SELECT subject_type || ' ' || case_id || ' ' || person_id"
	        " || ' ' || status || ' ' || form_id || ' ' || form_version"
	        " || ' ' || authored || ' ' || created_at FROM form_responses");
	assert_string_equal(meta, "case 1 1 completed prevention-diversion 1 "
	                          "2024-02-01 2024-02-01T10:00:00Z");
	free(meta);

	/* The same document as the engine writes with the form's file. */
	char *text = one_text(db, "SELECT document FROM form_responses");
	json_t *stored = json_loads(text, 0, NULL);
	free(text);
	json_t *fdoc = NULL;
	assert_int_equal(
	    forms_load_file("forms/prevention-diversion.json", &fdoc, &e), 0);
	struct form def = {
	    .id = "prevention-diversion", .version = 1, .doc = fdoc};
	json_t *answers =
	    json_pack("{s:s, s:s, s:s}", "circumstances", "Lives with gran",
	              "exploitation", "None known", "exit_plan", "Youth club");
	json_t *engine = NULL;
	assert_int_equal(forms_response(&def, answers, "completed",
	                                "2024-02-01", &engine, &e),
	                 0);
	if (!json_equal(stored, engine)) {
		char *a = json_dumps(stored, JSON_SORT_KEYS);
		char *b = json_dumps(engine, JSON_SORT_KEYS);
		fail_msg("migrated %s\nengine %s", a, b);
	}
	json_decref(stored);
	json_decref(engine);
	json_decref(answers);
	json_decref(fdoc);

	/* Again (a migration re-run after a crash): nothing more happens. */
	assert_int_equal(store_pd_migrate(db, &e), 0);
	n = one_text(db, "SELECT count(*) FROM form_responses");
	assert_string_equal(n, "1");
	free(n);
	db_close(db);
	static const char *const suffix[] = {
	    "", "-wal", "-shm", ".access", ".access-wal", ".access-shm"};
	for (size_t i = 0; i < 6; i++) {
		char p[96 + 16];
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_migration_7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

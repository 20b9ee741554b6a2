/*
 * test_record.c - the SQL derived from resource descriptors
 * (src/store/record.c): every registered resource's texts prepare against
 * the real, migrated schema; the texts have the shape record.h promises
 * (parameters, guards, what close sets and reopen restores) and use no
 * SQLite-only function of their own; and a resource described by data
 * alone gets its table and works through get, insert, update (with its
 * history), close, reopen and list.
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

#include "service/resources.h"
#include "store/db.h"
#include "store/db_backend.h"
#include "core/vocab.h"
#include "core/buf.h"
#include "core/json_text.h"
#include "store/people.h"
#include "store/record.h"
#include "store/schema.h"

struct fixture {
	struct temp_db t;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	temp_db_open(&f->t);
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
prepares(struct db *db, const char *type, const char *what, const char *sql)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(db, sql, &e);
	if (!s)
		fail_msg("%s %s does not prepare: %s\n%s", type, what,
		         e.message, sql);
	db_done(s);
}

/* Every registered resource's derived texts prepare on the real schema. */
static void
test_every_resource_prepares(void **state)
{
	struct fixture *f = *state;
	size_t n = 0;
	for (size_t i = 0; RESOURCES[i]; i++, n++) {
		const struct resource *r = RESOURCES[i];
		struct err e;
		err_clear(&e);
		const struct record_sql *rs = record_sql_of(r->table, &e);
		assert_non_null(rs);
		/* Built once: the same texts (the statement cache's keys). */
		assert_ptr_equal(rs, record_sql_of(r->table, &e));
		const char *type = r->table->type;
		prepares(f->t.db, type, "get", rs->get);
		prepares(f->t.db, type, "insert", rs->insert);
		prepares(f->t.db, type, "update", rs->update);
		prepares(f->t.db, type, "close", rs->close);
		if (r->table->flags & RT_REOPEN)
			prepares(f->t.db, type, "reopen", rs->reopen);
		else
			assert_null(rs->reopen);
		for (size_t k = 0; k < rs->n_list; k++)
			prepares(f->t.db, type, "list", rs->list_by[k]);
		/* The descriptor half the HTTP and web layers read. */
		assert_non_null(r->name);
		assert_non_null(r->plural);
		assert_non_null(r->label);
		assert_true(r->read_roles != 0);
		assert_true((r->write_roles & ~r->read_roles) == 0);
		/* A list key records_list reads has its derived SQL; a list
		 * hook (struct resource's list) reads its keys itself. */
		for (const struct list_key *k = r->list_keys;
		     !r->list && k && k->field; k++)
			assert_non_null(record_list_sql(rs, k->field));
		assert_ptr_equal(resources_find(r->name), r);
	}
	assert_true(n >= 14);
}

static const struct vocab_term THING_KINDS[] = {
    {"a", "A", NULL, NULL, NULL, 0},
    {"b'c", "B", NULL, NULL, NULL, 0},
};

static const struct vocab THING_KIND_VOCAB =
    VOCAB_TERMS("unit_thing_kinds", "Kind", THING_KINDS);

static const struct field THING_FIELDS[] = {
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"title", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 100, NULL, NULL},
    {"kind", FT_ENUM, 0, 0, 0, &THING_KIND_VOCAB, NULL},
    {"done", FT_BOOL, 0, 0, 0, NULL, NULL},
    {"due", FT_DATE, 0, 0, 0, NULL, NULL},
};

static const char *const THING_LIST_BY[] = {"person_id", NULL};

static const struct record_restore THING_RESTORE[] = {
    {"status", "'open'"},
    {NULL, NULL},
};

/* A table described by data alone, with a status its close sets. */
static struct record_table THINGS = {
    .type = "thing",
    .table = "unit_things",
    .fields = THING_FIELDS,
    .n_fields = sizeof(THING_FIELDS) / sizeof(THING_FIELDS[0]),
    .close_set = "title = title",
    .update_guard = "title <> 'frozen'",
    .restore = THING_RESTORE,
    .list_by = THING_LIST_BY,
    .list_order = "k.due, k.id",
    .flags = RT_REOPEN,
};

/* The derived texts say what record.h promises, and nothing SQLite-only. */
static void
test_text_shapes(void **state)
{
	(void)state;
	struct record_sql *rs = record_sql_build(&THINGS);
	assert_non_null(rs);
	assert_string_equal(rs->insert,
	                    "INSERT INTO unit_things(person_id, title, kind,"
	                    " done, due, created_at, created_by) VALUES ($1,"
	                    " $2, $3, $4, $5, $6, $7) RETURNING id");
	assert_string_equal(
	    rs->update,
	    "UPDATE unit_things SET person_id = $3, title = $4, kind = $5,"
	    " done = $6, due = $7, updated_at = $8, updated_by = $9,"
	    " version = version + 1 WHERE id = $1 AND version = $2 AND"
	    " closed_at IS NULL AND (title <> 'frozen')");
	assert_string_equal(
	    rs->close, "UPDATE unit_things SET title = title, closed_at = $3,"
	               " closed_reason = $4, closed_by = $5, version ="
	               " version + 1 WHERE id = $1 AND version = $2 AND"
	               " closed_at IS NULL");
	assert_string_equal(
	    rs->reopen,
	    "UPDATE unit_things SET closed_at = NULL, closed_reason = NULL,"
	    " closed_by = NULL, status = COALESCE($5, 'open'), updated_at ="
	    " $3, updated_by = $4, version = version + 1 WHERE id = $1 AND"
	    " version = $2 AND closed_at IS NOT NULL");
	assert_string_equal(
	    rs->get, "SELECT k.id, k.version, k.person_id, k.title, k.kind,"
	             " k.done, k.due, k.created_at, k.created_by,"
	             " k.updated_at, k.updated_by, k.closed_at,"
	             " k.closed_reason, k.closed_by FROM unit_things k WHERE"
	             " k.id = $1");
	assert_int_equal(rs->n_list, 1);
	assert_non_null(strstr(rs->list_by[0],
	                       " WHERE k.person_id = $1 AND ($2 OR"
	                       " k.closed_at IS NULL) ORDER BY k.due, k.id"
	                       " LIMIT $3 OFFSET $4"));
	assert_null(record_list_sql(rs, "title"));
	/* Not SQLite's dialect: every registered resource's own texts
	 * (their descriptors' fragments aside). */
	static const char *const sqlite_only[] = {
	    "ifnull(",    "IFNULL(",   "json_",  "strftime(", "julianday(",
	    "date('now'", "INSERT OR", " GLOB ", NULL,
	};
	for (size_t i = 0; RESOURCES[i]; i++) {
		struct record_table t = *RESOURCES[i]->table;
		t.columns = NULL; /* the fragments are the descriptor's own */
		t.joins = NULL;
		t.close_set = NULL;
		t.sql = NULL;
		struct record_sql *d = record_sql_build(&t);
		assert_non_null(d);
		const char *texts[] = {d->get, d->insert, d->update, d->close,
		                       d->reopen};
		for (size_t k = 0; k < 5; k++)
			for (size_t w = 0; texts[k] && sqlite_only[w]; w++)
				if (strstr(texts[k], sqlite_only[w]))
					fail_msg("%s: %s in %s", t.type,
					         sqlite_only[w], texts[k]);
		record_sql_free(d);
	}
	record_sql_free(rs);
	char *ddl = NULL;
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    record_table_ddl(&THINGS, db_sqlite_backend.dialect, &ddl, &e), 0);
	assert_non_null(strstr(ddl, "(id INTEGER PRIMARY KEY, version"));
	assert_non_null(strstr(ddl, "kind TEXT CHECK (kind IN ('a', 'b''c'))"));
	assert_non_null(strstr(ddl, "title TEXT NOT NULL"));
	assert_non_null(strstr(ddl, "done INTEGER CHECK (done IN (0, 1))"));
	assert_non_null(strstr(ddl, "CREATE INDEX IF NOT EXISTS"
	                            " unit_things_person_id ON"
	                            " unit_things(person_id);"));
	free(ddl);
	/* An engine with identity columns and a boolean type says so. */
	static const struct db_dialect other = {
	    .ddl_id = "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	    .ddl_bool = "boolean",
	};
	assert_int_equal(record_table_ddl(&THINGS, &other, &ddl, &e), 0);
	assert_non_null(strstr(ddl, "(id bigint GENERATED BY DEFAULT AS "
	                            "IDENTITY PRIMARY KEY, version"));
	assert_non_null(strstr(ddl, "done boolean,"));
	assert_null(strstr(ddl, "IN (0, 1)"));
	assert_null(strstr(ddl, "INTEGER PRIMARY KEY"));
	free(ddl);
}

static int64_t
int_of(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int64_t
history_rows(struct db *db, int64_t id)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(
	    db,
	    "SELECT count(*) FROM history WHERE record_type = 'thing'"
	    " AND record_id = $1",
	    &e);
	assert_non_null(s);
	db_bind_int(s, 1, id);
	assert_int_equal(db_step(s, &e), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_done(s);
	return n;
}

/* A data-only descriptor: its table is created, then every operation. */
static void
test_data_only_resource(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* The restore column is not a field: add it as a data file's
	 * extra column would be, after creating the table. */
	assert_int_equal(record_table_create(f->t.db, &THINGS, &e), 0);
	assert_int_equal(record_table_create(f->t.db, &THINGS, &e), 0);
	assert_int_equal(
	    db_exec(f->t.db,
	            "ALTER TABLE unit_things ADD COLUMN status TEXT"
	            " NOT NULL DEFAULT 'open';"
	            "INSERT INTO people(id, given_name, family_name,"
	            " created_at) VALUES (7, 'A', 'B', '2024-01-01');"
	            "INSERT INTO users(id, username, full_name, role,"
	            " password_hash, created_at) VALUES (3, 'u', 'U',"
	            " 'manager', 'x', '2024-01-01');",
	            &e),
	    0);
	json_t *rec = json_pack("{s:I, s:s, s:s, s:b, s:s}", "person_id",
	                        (json_int_t)7, "title", "First", "kind", "a",
	                        "done", 0, "due", "2024-05-01");
	int64_t id = 0;
	assert_int_equal(record_insert(f->t.db, &THINGS, rec,
	                               "2024-05-01T10:00Z", 3, &id, &e),
	                 0);
	assert_true(id > 0);
	json_t *got = NULL;
	assert_int_equal(record_get(f->t.db, &THINGS, id, &got, &e), 0);
	assert_string_equal(json_string_value(json_object_get(got, "title")),
	                    "First");
	assert_int_equal(int_of(got, "version"), 1);
	json_decref(got);

	json_object_set_new(rec, "title", json_string("Second"));
	assert_int_equal(record_update(f->t.db, &THINGS, id, 1, rec,
	                               "2024-05-02T10:00Z", 3, &e),
	                 0);
	assert_int_equal(history_rows(f->t.db, id), 1);
	/* A stale version is a conflict and changes nothing. */
	assert_int_equal(record_update(f->t.db, &THINGS, id, 1, rec,
	                               "2024-05-02T11:00Z", 3, &e),
	                 SPIRE_ECONFLICT);
	assert_int_equal(history_rows(f->t.db, id), 1);
	/* The update guard holds the row as it is. */
	json_object_set_new(rec, "title", json_string("frozen"));
	assert_int_equal(record_update(f->t.db, &THINGS, id, 2, rec,
	                               "2024-05-02T12:00Z", 3, &e),
	                 0);
	json_object_set_new(rec, "title", json_string("thawed"));
	err_clear(&e);
	/* As the writer does: a refused write rolls its transaction back,
	 * history snapshot and all. */
	assert_int_equal(db_begin(f->t.db, &e), 0);
	assert_int_equal(record_update(f->t.db, &THINGS, id, 3, rec,
	                               "2024-05-02T13:00Z", 3, &e),
	                 SPIRE_ECONFLICT);
	db_rollback(f->t.db);
	assert_int_equal(history_rows(f->t.db, id), 2);

	assert_int_equal(
	    record_close(f->t.db, &THINGS, id, 3, "done", "2024-05-03", 3, &e),
	    0);
	json_t *rows = NULL;
	assert_int_equal(
	    record_list(f->t.db, &THINGS, "person_id", 7, 0, 10, 0, &rows, &e),
	    0);
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);
	assert_int_equal(
	    record_list(f->t.db, &THINGS, "person_id", 7, 1, 10, 0, &rows, &e),
	    0);
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(rows, 0), "closed_reason")),
	                    "done");
	json_decref(rows);

	err_clear(&e);
	assert_int_equal(
	    record_reopen(f->t.db, &THINGS, id, 4, "2024-05-04", 3, &e), 0);
	assert_int_equal(record_get(f->t.db, &THINGS, id, &got, &e), 0);
	assert_true(json_is_null(json_object_get(got, "closed_at")));
	assert_int_equal(int_of(got, "version"), 5);
	json_decref(got);
	/* Not closed any more: a second reopen is a conflict. */
	assert_int_equal(
	    record_reopen(f->t.db, &THINGS, id, 5, "2024-05-04", 3, &e),
	    SPIRE_ECONFLICT);
	assert_int_equal(history_rows(f->t.db, id), 4);
	json_decref(rec);
	record_table_release(&THINGS);
}

/* Spire itself (user 0: the command line, the demo, start-up) changes a
 * record: every write names no user rather than a user who is not there. */
static void
test_changes_by_spire_itself(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	assert_int_equal(record_table_create(f->t.db, &THINGS, &e), 0);
	assert_int_equal(
	    db_exec(f->t.db,
	            "ALTER TABLE unit_things ADD COLUMN status TEXT"
	            " NOT NULL DEFAULT 'open';"
	            "INSERT INTO people(id, given_name, family_name,"
	            " created_at) VALUES (7, 'A', 'B', '2024-01-01');",
	            &e),
	    0);
	json_t *rec = json_pack("{s:I, s:s}", "person_id", (json_int_t)7,
	                        "title", "First");
	int64_t id = 0;
	assert_int_equal(record_insert(f->t.db, &THINGS, rec,
	                               "2024-05-01T10:00Z", 0, &id, &e),
	                 0);
	assert_int_equal(record_update(f->t.db, &THINGS, id, 1, rec,
	                               "2024-05-02T10:00Z", 0, &e),
	                 0);
	assert_int_equal(
	    record_close(f->t.db, &THINGS, id, 2, "done", "2024-05-03", 0, &e),
	    0);
	assert_int_equal(
	    record_reopen(f->t.db, &THINGS, id, 3, "2024-05-04", 0, &e), 0);
	struct db_stmt *s = db_prepare(
	    f->t.db,
	    "SELECT count(*) FROM unit_things WHERE id = $1 AND version = 4"
	    " AND created_by IS NULL AND updated_by IS NULL"
	    " AND closed_by IS NULL",
	    &e);
	assert_non_null(s);
	db_bind_int(s, 1, id);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	db_done(s);
	assert_int_equal(history_rows(f->t.db, id), 3);
	json_decref(rec);
	record_table_release(&THINGS);
}

/* What the tree path writes for a record: db_row_json, fields_present,
 * then jansson's compact writer; NULL when the row is missing. */
static char *
tree_text(struct db *db, int64_t id, const char *skip)
{
	struct err e;
	err_clear(&e);
	json_t *rec = NULL;
	if (record_get(db, &PEOPLE_TABLE, id, &rec, &e) != 0)
		return NULL;
	fields_present(PEOPLE_FIELDS, PEOPLE_N_FIELDS, rec);
	json_object_del(rec, skip);
	char *t = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(rec);
	return t;
}

/* record_get_text writes, byte for byte, what the tree path writes: quotes
 * and backslashes, UTF-8, a NUL, text that is not UTF-8 (read as a
 * readable copy), booleans of 0, 1 and NULL, a list and a list that does
 * not parse, the column skipped; and the column wanted is copied. */
static void
test_text_as_tree(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    db_exec(f->t.db,
	            "INSERT INTO people(id, given_name, family_name,"
	            " preferred_name, ethnicity, interpreter_needed,"
	            " disability, alerts, name_key, created_at) VALUES"
	            " (1, 'Ann \"Q\" \\ O''Neil', 'Zo\xc3\xab',"
	            " 'a' || char(0) || 'b', 'white_irish', 1, 0,"
	            " '[\"x\",\"y\"]', 'k', '2024-01-01'),"
	            " (2, 'Tab\there', CAST(X'41C328' AS TEXT), NULL, NULL,"
	            " 0, 1, '\"str\"', 'k2', '2024-01-02');",
	            &e),
	    0);
	for (int64_t id = 1; id <= 2; id++) {
		char *want = tree_text(f->t.db, id, "name_key");
		assert_non_null(want);
		struct buf b;
		buf_init(&b, 1u << 20);
		char eth[32];
		assert_int_equal(record_get_text(f->t.db, &PEOPLE_TABLE, id,
		                                 "name_key", "ethnicity", eth,
		                                 sizeof(eth), &b, &e),
		                 0);
		assert_int_equal(buf_add(&b, "}", 1), 0);
		char *got = buf_take(&b);
		assert_string_equal(got, want);
		assert_string_equal(eth, id == 1 ? "white_irish" : "");
		free(got);
		free(want);
	}
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(record_get_text(f->t.db, &PEOPLE_TABLE, 99, NULL, NULL,
	                                 NULL, 0, &b, &e),
	                 SPIRE_ENOTFOUND);
	assert_string_equal(e.field, "id");
	buf_release(&b);
	/* A real, as jansson writes it, and a range of columns. */
	struct db_stmt *s =
	    db_prepare(f->t.db, "SELECT 1, 0.1 AS r, 'x' AS t, NULL AS n", &e);
	assert_non_null(s);
	assert_int_equal(db_step(s, &e), DB_ROW);
	buf_init(&b, 1024);
	assert_int_equal(record_write_columns(s, 1, 4, NULL, 0, 1, &b), 0);
	db_done(s);
	char *got = buf_take(&b);
	assert_string_equal(got, ",\"r\":0.1,\"t\":\"x\",\"n\":null");
	free(got);
}

/* The text of one row of s by the column table c. */
static char *
row_by(struct db_stmt *s, const struct record_cols *c)
{
	struct err e;
	err_clear(&e);
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(record_cols_write(c, s, 0, &b), 0);
	db_done(s);
	return buf_take(&b);
}

/* A statement's column table is worked out once and kept with it, one per
 * range, fields and columns skipped; its names are its own, so they hold
 * after the engine prepares the statement again (a schema change: SQLite
 * then frees the names it gave, which ASan would catch being read). */
static void
test_cols_kept(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    db_exec(f->t.db,
	            "INSERT INTO people(id, given_name, family_name,"
	            " interpreter_needed, created_at) VALUES (1, 'Ann',"
	            " 'Lee', 1, '2024-01-01')",
	            &e),
	    0);
	static const char sql[] =
	    "SELECT id, given_name AS g, interpreter_needed FROM people"
	    " WHERE id = 1";
	struct db_stmt *s = db_prepare(f->t.db, sql, &e);
	assert_non_null(s);
	const struct record_cols *all = record_cols_of(
	    s, 0, 3, PEOPLE_TABLE.fields, PEOPLE_TABLE.n_fields, NULL);
	const struct record_cols *some = record_cols_of(
	    s, 0, 3, PEOPLE_TABLE.fields, PEOPLE_TABLE.n_fields, "g");
	assert_non_null(all);
	assert_non_null(some);
	assert_ptr_not_equal(all, some);
	char *got = row_by(s, all);
	assert_string_equal(
	    got, "\"id\":1,\"g\":\"Ann\",\"interpreter_needed\":true");
	free(got);
	char skip[] = "g";
	assert_ptr_equal(record_cols_of(db_prepare(f->t.db, sql, &e), 0, 3,
	                                PEOPLE_TABLE.fields,
	                                PEOPLE_TABLE.n_fields, skip),
	                 some);
	assert_int_equal(db_exec(f->t.db, "CREATE TABLE later(x)", &e), 0);
	s = db_prepare(f->t.db, sql, &e);
	assert_ptr_equal(record_cols_of(s, 0, 3, PEOPLE_TABLE.fields,
	                                PEOPLE_TABLE.n_fields, NULL),
	                 all);
	got = row_by(s, all);
	assert_string_equal(
	    got, "\"id\":1,\"g\":\"Ann\",\"interpreter_needed\":true");
	free(got);
	got = row_by(db_prepare(f->t.db, sql, &e), some);
	assert_string_equal(got, "\"id\":1,\"interpreter_needed\":true");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_every_resource_prepares, setup,
	                                    teardown),
	    cmocka_unit_test(test_text_shapes),
	    cmocka_unit_test_setup_teardown(test_data_only_resource, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_changes_by_spire_itself, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_text_as_tree, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cols_kept, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_db_conformance.c - what every store backend must do behind db.h.
 *
 * Each case runs once per backend in BACKENDS (today SQLite, on a real
 * file in a fresh directory, with and without its own row-to-JSON
 * shortcut); a second backend joins by adding a row with
 * its db_backend and a way to name a fresh, empty database. The cases use
 * only db.h and SQL that both SQLite and PostgreSQL accept: opening,
 * prepare errors, binding each type and reading it back, NULLs, booleans,
 * int64 limits, UTF-8 and NUL in text, blobs, step/reset and the statement
 * cache, transactions and rollback, constraint errors mapped to SPIRE_E*
 * codes, bind errors reported by db_step, and a second connection finding
 * the write lock held.
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

#include "store/db.h"
#include "store/db_backend.h"

/* A backend under test and how to name a fresh database for it inside
 * the directory dir (a backend with no files may ignore dir). A backend
 * whose databases are not files also says how to open a backup file as a
 * database (restore: the backup file, the database to restore it into)
 * and how to drop the databases a case made (cleanup). */
struct backend_case {
	const struct db_backend *be;
	void (*target)(const char *dir, const char *name, char *out, size_t n);
	void (*restore)(const char *file, const char *into);
	void (*cleanup)(const char *dir);
};

static void
sqlite_target(const char *dir, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s.db", dir, name);
}

/*
 * PostgreSQL: the cluster named by SPIRE_TEST_PG (a libpq URL such as
 * postgresql:///postgres?host=/tmp/x&user=postgres, which
 * scripts/run-tests.sh starts with scripts/pg-cluster.sh); each case's
 * databases are named after its directory (spire_dbconf_XXXXXX_main),
 * made by db_open's DB_OPEN_CREATE and dropped by cleanup.
 */
static const char *
pg_url(void)
{
	const char *url = getenv("SPIRE_TEST_PG");
	return url && *url ? url : NULL;
}

static void
pg_dbname(const char *dir, const char *name, char *out, size_t n)
{
	const char *base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	snprintf(out, n, "spire_%s_%s", base + strlen("spire-"), name);
	for (char *p = out; *p; p++)
		if (*p == '-')
			*p = '_';
}

static void
pg_target(const char *dir, const char *name, char *out, size_t n)
{
	char db[96];
	pg_dbname(dir, name, db, sizeof(db));
	const char *url = pg_url();
	snprintf(out, n, "%s%cdbname=%s", url, strchr(url, '?') ? '&' : '?',
	         db);
}

/* Run one statement on the cluster's maintenance database. */
static void
pg_admin(const char *sql)
{
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	if (db_open_backend(&db_pg_backend, pg_url(), 0, &db, &e) != 0)
		fail_msg("maintenance connection: %s", e.message);
	if (db_exec(db, sql, &e) != 0)
		fail_msg("%s: %s", sql, e.message);
	db_close(db);
}

static void
pg_restore(const char *file, const char *into)
{
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    db_open_backend(&db_pg_backend, into, DB_OPEN_CREATE, &db, &e), 0);
	db_close(db);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
	         "pg_restore --no-owner --exit-on-error -d '%s' '%s'", into,
	         file);
	assert_int_equal(system(cmd), 0);
}

static void
pg_cleanup(const char *dir)
{
	const char *names[] = {"main", "copy", "missing"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char db[96];
		char sql[160];
		pg_dbname(dir, names[i], db, sizeof(db));
		snprintf(sql, sizeof(sql),
		         "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
		pg_admin(sql);
	}
}

/* SQLite again without its row_json shortcut, so that db.c's own row
 * conversion (what a backend without one gets) meets the same cases.
 * Filled in main(). */
static struct db_backend sqlite_generic_rows;

static const struct backend_case BACKENDS[] = {
    {&db_sqlite_backend, sqlite_target, NULL, NULL},
    {&sqlite_generic_rows, sqlite_target, NULL, NULL},
    {&db_pg_backend, pg_target, pg_restore, pg_cleanup},
};

/* Portable DDL: both engines read these types the same way. */
static const char DDL[] =
    "CREATE TABLE parent (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE t (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION,"
    " s TEXT, f BOOLEAN, b BYTEA, u TEXT UNIQUE,"
    " parent_id BIGINT REFERENCES parent(id),"
    " n TEXT NOT NULL DEFAULT 'x', c BIGINT CHECK (c IS NULL OR c >= 0));"
    "INSERT INTO parent(id, name) VALUES (1, 'one');";

struct fixture {
	const struct backend_case *bc;
	char dir[64];
	char path[160];
	struct db *db;
};

static int
setup_on(void **state, const struct backend_case *bc)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->bc = bc;
	snprintf(f->dir, sizeof(f->dir), "/tmp/spire-dbconf-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	bc->target(f->dir, "main", f->path, sizeof(f->path));
	struct err e;
	err_clear(&e);
	int rc = db_open_backend(bc->be, f->path, DB_OPEN_CREATE, &f->db, &e);
	if (rc)
		fail_msg("open %s: %s", f->path, e.message);
	if (db_exec(f->db, DDL, &e) != 0)
		fail_msg("DDL: %s", e.message);
	*state = f;
	return 0;
}

/* The backend the running group tests (main() walks BACKENDS). */
static size_t current;

static int
setup(void **state)
{
	return setup_on(state, &BACKENDS[current]);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	if (f->bc->cleanup)
		f->bc->cleanup(f->dir);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* Count rows of t matching nothing or everything: the stored state. */
static int64_t
count_t(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM t";
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(db, sql, &e);
	assert_non_null(s);
	assert_int_equal(db_step(s, &e), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_done(s);
	return n;
}

static const char INSERT_SQL[] =
    "INSERT INTO t(id, i, r, s, f, b, u, parent_id, c)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SELECT_SQL[] =
    "SELECT id, i, r, s, f, b, u, parent_id, n, c FROM t WHERE id = $1";

/* Insert a row with only id set (the rest NULL or default). */
static int
insert_id(struct db *db, int64_t id, struct err *e)
{
	struct db_stmt *s = db_prepare(db, INSERT_SQL, e);
	assert_non_null(s);
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	db_done(s);
	return rc;
}

static void
test_open_missing_without_create_fails(void **state)
{
	struct fixture *f = *state;
	char path[160];
	f->bc->target(f->dir, "missing", path, sizeof(path));
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	int rc = db_open_backend(f->bc->be, path, 0, &db, &e);
	assert_true(rc < 0);
	assert_int_equal(e.code, rc);
	assert_null(db);
	assert_string_equal(db_backend_name(f->db), f->bc->be->name);
}

static void
test_prepare_errors(void **state)
{
	struct fixture *f = *state;
	static const char syntax[] = "SELEC id FROM t";
	static const char no_table[] = "SELECT id FROM no_such_table";
	static const char no_column[] = "SELECT no_such_column FROM t";
	const char *bad[] = {syntax, no_table, no_column};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct err e;
		err_clear(&e);
		assert_null(db_prepare(f->db, bad[i], &e));
		assert_true(e.code < 0);
		assert_true(e.message[0] != '\0');
	}
	/* A failed prepare leaves the connection working. */
	assert_int_equal(count_t(f->db), 0);
}

static void
test_bind_each_type_and_read_back(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	static const unsigned char blob[] = {0, 1, 2, 0xff, 0};
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	assert_non_null(s);
	assert_int_equal(db_bind_int(s, 1, 7), 0);
	assert_int_equal(db_bind_int(s, 2, -42), 0);
	assert_int_equal(db_bind_double(s, 3, 0.1), 0);
	assert_int_equal(db_bind_text(s, 4, "text"), 0);
	assert_int_equal(db_bind_bool(s, 5, true), 0);
	assert_int_equal(db_bind_blob(s, 6, blob, sizeof(blob)), 0);
	assert_int_equal(db_bind_text(s, 7, ""), 0);
	assert_int_equal(db_bind_id(s, 8, 1), 0);
	assert_int_equal(db_bind_null(s, 9), 0);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	assert_int_equal(db_changes(f->db), 1);

	s = db_prepare(f->db, SELECT_SQL, &e);
	assert_non_null(s);
	db_bind_int(s, 1, 7);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_column_count(s), 10);
	assert_string_equal(db_column_name(s, 1), "i");
	assert_int_equal(db_col_int(s, 0), 7);
	assert_int_equal(db_column_type(s, 1), DB_T_INT);
	assert_int_equal(db_col_int(s, 1), -42);
	assert_int_equal(db_column_type(s, 2), DB_T_REAL);
	assert_true(db_col_double(s, 2) == 0.1);
	assert_int_equal(db_column_type(s, 3), DB_T_TEXT);
	assert_string_equal(db_col_text(s, 3), "text");
	assert_true(db_col_bool(s, 4));
	size_t len = 0;
	const void *p = db_col_blob(s, 5, &len);
	assert_int_equal(db_column_type(s, 5), DB_T_BLOB);
	assert_int_equal(len, sizeof(blob));
	assert_memory_equal(p, blob, sizeof(blob));
	/* Empty text is text, not NULL. */
	assert_int_equal(db_column_type(s, 6), DB_T_TEXT);
	assert_string_equal(db_col_text(s, 6), "");
	assert_int_equal(db_col_int(s, 7), 1);
	assert_string_equal(db_col_text(s, 8), "x"); /* the default */
	/* NULL: its type, NULL text, zero and false. */
	assert_int_equal(db_column_type(s, 9), DB_T_NULL);
	assert_null(db_col_text(s, 9));
	assert_int_equal(db_col_int(s, 9), 0);
	assert_false(db_col_bool(s, 9));
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
}

static void
test_null_reference_and_null_text_bind_null(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_id(s, 8, 0);      /* no reference */
	db_bind_text(s, 4, NULL); /* NULL text */
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	static const char sql[] = "SELECT count(*) FROM t WHERE parent_id IS"
	                          " NULL AND s IS NULL AND id = 1";
	s = db_prepare(f->db, sql, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	db_done(s);
}

static void
test_booleans_as_conditions(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	for (int v = 0; v <= 1; v++) {
		struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
		db_bind_int(s, 1, 10 + v);
		db_bind_bool(s, 5, v);
		assert_int_equal(db_step(s, &e), DB_DONE);
		db_done(s);
	}
	/* A bound boolean works as a condition on its own and compares
	 * with a boolean column. */
	static const char sql[] =
	    "SELECT id FROM t WHERE ($1 OR f = $2) ORDER BY id";
	bool cases[][2] = {{false, true}, {false, false}, {true, false}};
	int64_t want_first[] = {11, 10, 10};
	int want_rows[] = {1, 1, 2};
	for (size_t i = 0; i < 3; i++) {
		struct db_stmt *s = db_prepare(f->db, sql, &e);
		db_bind_bool(s, 1, cases[i][0]);
		db_bind_bool(s, 2, cases[i][1]);
		int rows = 0;
		int64_t first = 0;
		while (db_step(s, &e) == DB_ROW)
			if (rows++ == 0)
				first = db_col_int(s, 0);
		db_done(s);
		assert_int_equal(rows, want_rows[i]);
		assert_int_equal(first, want_first[i]);
	}
	static const char read_sql[] = "SELECT f FROM t WHERE id = $1";
	struct db_stmt *s = db_prepare(f->db, read_sql, &e);
	db_bind_int(s, 1, 11);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_true(db_col_bool(s, 0));
	db_done(s);
}

static void
test_int64_limits_and_doubles(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	const int64_t ints[] = {INT64_MIN, INT64_MIN + 1, -1,       0,
	                        1,         INT64_MAX - 1, INT64_MAX};
	const double reals[] = {-1e300, -0.5, 0.0, 1e-300, 3.141592653589793};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
		db_bind_int(s, 1, (int64_t)i + 100);
		db_bind_int(s, 2, ints[i]);
		db_bind_double(s, 3, reals[i % 5]);
		assert_int_equal(db_step(s, &e), DB_DONE);
		db_done(s);
		s = db_prepare(f->db, SELECT_SQL, &e);
		db_bind_int(s, 1, (int64_t)i + 100);
		assert_int_equal(db_step(s, &e), DB_ROW);
		assert_true(db_col_int(s, 1) == ints[i]);
		assert_true(db_col_double(s, 2) == reals[i % 5]);
		db_done(s);
	}
	/* The limits survive arithmetic comparison in SQL too. */
	static const char sql[] =
	    "SELECT count(*) FROM t WHERE i = $1 OR i = $2";
	struct db_stmt *s = db_prepare(f->db, sql, &e);
	db_bind_int(s, 1, INT64_MIN);
	db_bind_int(s, 2, INT64_MAX);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 2);
	db_done(s);
}

static void
test_text_utf8_round_trip_and_nul_refused(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* UTF-8 of every width, kept byte for byte. */
	static const char utf8[] = "Zo\xc3\xab \xc3\x93'Br\xc3\xad"
	                           "ain "
	                           "\xe2\x82\xac \xf0\x9f\x98\x80";
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_text(s, 4, utf8);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	s = db_prepare(f->db, SELECT_SQL, &e);
	db_bind_int(s, 1, 1);
	assert_int_equal(db_step(s, &e), DB_ROW);
	size_t len = 0;
	const char *got = db_col_textn(s, 3, &len);
	assert_int_equal(len, strlen(utf8));
	assert_memory_equal(got, utf8, len);
	json_t *row = db_row_json(s);
	assert_non_null(row);
	assert_string_equal(json_string_value(json_object_get(row, "s")), utf8);
	json_decref(row);
	db_done(s);

	/* Text holding NUL is refused (PostgreSQL cannot store it), and
	 * never cut short at the NUL: the step fails, nothing is stored. */
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 2);
	assert_int_equal(db_bind_textn(s, 4, "a\0b", 3), SPIRE_EINVAL);
	err_clear(&e);
	assert_int_equal(db_step(s, &e), SPIRE_EINVAL);
	assert_int_equal(e.code, SPIRE_EINVAL);
	db_done(s);
	assert_int_equal(count_t(f->db), 1);
	json_t *nul = json_stringn("a\0b", 3);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 3);
	assert_true(db_bind_json(s, 4, nul) < 0);
	assert_true(db_step(s, &e) < 0);
	db_done(s);
	json_decref(nul);
	assert_int_equal(count_t(f->db), 1);
}

static void
test_bind_json_each_type(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	json_t *body = json_pack("{s:i, s:f, s:s, s:b, s:n, s:[i,i]}", "i", 5,
	                         "r", 2.5, "s", "x", "f", 1, "null", "u", 1, 2);
	assert_non_null(body);
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	assert_int_equal(db_bind_json(s, 2, json_object_get(body, "i")), 0);
	assert_int_equal(db_bind_json(s, 3, json_object_get(body, "r")), 0);
	assert_int_equal(db_bind_json(s, 4, json_object_get(body, "s")), 0);
	assert_int_equal(db_bind_json(s, 5, json_object_get(body, "f")), 0);
	assert_int_equal(db_bind_json(s, 9, json_object_get(body, "null")), 0);
	/* Arrays and objects bind as their compact JSON text. */
	assert_int_equal(db_bind_json(s, 7, json_object_get(body, "u")), 0);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	json_decref(body);

	s = db_prepare(f->db, SELECT_SQL, &e);
	db_bind_int(s, 1, 1);
	assert_int_equal(db_step(s, &e), DB_ROW);
	json_t *row = db_row_json(s);
	db_done(s);
	assert_non_null(row);
	assert_int_equal(json_integer_value(json_object_get(row, "i")), 5);
	assert_true(json_real_value(json_object_get(row, "r")) == 2.5);
	assert_string_equal(json_string_value(json_object_get(row, "s")), "x");
	/* A boolean reads back true: JSON true, or 1 where the backend
	 * stores booleans as integers. */
	json_t *fv = json_object_get(row, "f");
	assert_true(json_is_true(fv) || json_integer_value(fv) == 1);
	assert_true(json_is_null(json_object_get(row, "c")));
	assert_string_equal(json_string_value(json_object_get(row, "u")),
	                    "[1,2]");
	json_decref(row);
}

static void
test_bind_errors_reported_by_step(void **state)
{
	struct fixture *f = *state;
	struct err e;
	/* $0, a number the SQL does not have, and one past any limit. */
	const int bad[] = {0, 10, 1000, -1};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
		assert_int_equal(db_bind_int(s, 1, 50), 0);
		assert_true(db_bind_text(s, bad[i], "lost") < 0);
		/* Later good binds do not hide the first failure. */
		assert_int_equal(db_bind_int(s, 2, 1), 0);
		int rc = db_step(s, &e);
		assert_true(rc < 0);
		assert_int_equal(e.code, rc);
		db_done(s);
		assert_int_equal(count_t(f->db), 0);
	}
	/* Every bind function fails the same way. */
	int (*const binds[])(struct db_stmt *, int) = {db_bind_null};
	for (size_t i = 0; i < sizeof(binds) / sizeof(binds[0]); i++) {
		struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
		db_bind_int(s, 1, 51);
		assert_true(binds[i](s, 99) < 0);
		assert_true(db_step(s, &e) < 0);
		db_done(s);
	}
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 52);
	assert_true(db_bind_double(s, 99, 1.0) < 0);
	assert_true(db_step(s, &e) < 0);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 52);
	assert_true(db_bind_bool(s, 99, true) < 0);
	assert_true(db_step(s, &e) < 0);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 52);
	assert_true(db_bind_blob(s, 99, "x", 1) < 0);
	assert_true(db_step(s, &e) < 0);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 52);
	assert_true(db_bind_id(s, 99, 3) < 0);
	assert_true(db_step(s, &e) < 0);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 52);
	assert_true(db_bind_json(s, 99, json_true()) < 0);
	assert_true(db_step(s, &e) < 0);
	db_done(s);
	assert_int_equal(count_t(f->db), 0);

	/* A text whose parameters have a gap is refused when prepared
	 * (PostgreSQL cannot type a parameter the text never uses). */
	static const char gap[] = "SELECT count(*) FROM t WHERE id = $1"
	                          " OR id = $3";
	err_clear(&e);
	assert_null(db_prepare(f->db, gap, &e));
	assert_true(e.code < 0);

	/* The failure is forgotten once the statement is prepared again. */
	err_clear(&e);
	assert_int_equal(insert_id(f->db, 53, &e), DB_DONE);
	assert_int_equal(count_t(f->db), 1);
}

static void
test_step_reset_and_cache(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	for (int64_t id = 1; id <= 3; id++)
		assert_int_equal(insert_id(f->db, id, &e), DB_DONE);
	static const char sql[] = "SELECT id FROM t ORDER BY id";
	struct db_stmt *s = db_prepare(f->db, sql, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 2);
	/* Preparing the same text again gives the cached statement, reset
	 * to its first row. */
	struct db_stmt *again = db_prepare(f->db, sql, &e);
	assert_ptr_equal(again, s);
	assert_int_equal(db_step(again, &e), DB_ROW);
	assert_int_equal(db_col_int(again, 0), 1);
	db_done(again);
	/* Bindings are cleared: an unbound parameter is NULL. */
	static const char unbound[] = "SELECT count(*) FROM t WHERE $1 IS NULL";
	s = db_prepare(f->db, unbound, &e);
	db_bind_int(s, 1, 5);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 0);
	s = db_prepare(f->db, unbound, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 3);
	db_done(s);
	db_done(NULL);
	/* A statement stepped past its end stays done. */
	static const char one[] = "SELECT 1";
	s = db_prepare(f->db, one, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
}

static void
test_step_id_returning(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	static const char sql[] =
	    "INSERT INTO t(id, s) VALUES ($1, $2) RETURNING id";
	struct db_stmt *s = db_prepare(f->db, sql, &e);
	db_bind_int(s, 1, INT64_MAX);
	db_bind_text(s, 2, "r");
	int64_t id = 0;
	assert_int_equal(db_step_id(s, &id, &e), 0);
	assert_true(id == INT64_MAX);
	/* An error comes back as its code. */
	s = db_prepare(f->db, sql, &e);
	db_bind_int(s, 1, INT64_MAX);
	assert_int_equal(db_step_id(s, &id, &e), SPIRE_ECONFLICT);
}

static void
test_transactions_commit_and_rollback(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);
	assert_int_equal(count_t(f->db), 1);
	db_rollback(f->db);
	assert_int_equal(count_t(f->db), 0);
	/* Rollback outside a transaction is harmless. */
	db_rollback(f->db);

	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	assert_int_equal(insert_id(f->db, 3, &e), DB_DONE);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(count_t(f->db), 2);

	/* A failed statement inside a transaction leaves it open; rolling
	 * back undoes the statements before it too. */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 4, &e), DB_DONE);
	assert_int_equal(insert_id(f->db, 2, &e), SPIRE_ECONFLICT);
	db_rollback(f->db);
	assert_int_equal(count_t(f->db), 2);

	static const char upd[] = "UPDATE t SET i = 1";
	struct db_stmt *s = db_prepare(f->db, upd, &e);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	assert_int_equal(db_changes(f->db), 2);
	/* Commit with no transaction is an error, not a crash. */
	assert_true(db_commit(f->db, &e) < 0);
}

static void
test_constraint_errors_map_to_codes(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_text(s, 7, "unique");
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);

	struct {
		int64_t id;
		const char *u;
		int64_t parent;
		int64_t c;
		int want;
	} cases[] = {
	    {1, NULL, 0, -1, SPIRE_ECONFLICT},     /* primary key */
	    {2, "unique", 0, -1, SPIRE_ECONFLICT}, /* unique */
	    {3, NULL, 99, -1, SPIRE_EINVAL},       /* foreign key */
	    {4, NULL, 0, -5, SPIRE_EINVAL},        /* check */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err_clear(&e);
		s = db_prepare(f->db, INSERT_SQL, &e);
		db_bind_int(s, 1, cases[i].id);
		db_bind_text(s, 7, cases[i].u);
		db_bind_id(s, 8, cases[i].parent);
		if (cases[i].c != -1)
			db_bind_int(s, 9, cases[i].c);
		assert_int_equal(db_step(s, &e), cases[i].want);
		assert_int_equal(e.code, cases[i].want);
		/* The message is for people, not the engine's words. */
		assert_null(strstr(e.message, "constraint"));
		db_done(s);
	}
	static const char not_null[] = "INSERT INTO parent(id) VALUES ($1)";
	s = db_prepare(f->db, not_null, &e);
	db_bind_int(s, 1, 2);
	assert_int_equal(db_step(s, &e), SPIRE_EINVAL);
	db_done(s);
	assert_int_equal(count_t(f->db), 1);
}

static void
test_second_connection_busy_and_snapshot(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db *other = NULL;
	assert_int_equal(db_open_backend(f->bc->be, f->path, 0, &other, &e), 0);
	struct db *reader = NULL;
	assert_int_equal(
	    db_open_backend(f->bc->be, f->path, DB_OPEN_READONLY, &reader, &e),
	    0);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);

	/* The reader's snapshot holds while the writer commits. */
	assert_int_equal(db_begin_read(reader, &e), 0);
	assert_int_equal(count_t(reader), 1);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	/* A second writer finds the write lock held: busy, not an error
	 * about the data. */
	err_clear(&e);
	assert_int_equal(db_begin(other, &e), SPIRE_EUNAVAIL);
	assert_int_equal(e.code, SPIRE_EUNAVAIL);
	/* So does a write outside a transaction: it takes the lock too. */
	err_clear(&e);
	assert_int_equal(insert_id(other, 9, &e), SPIRE_EUNAVAIL);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(count_t(reader), 1);
	db_end_read(reader);
	assert_int_equal(count_t(reader), 2);
	db_end_read(reader); /* outside a snapshot: nothing */

	/* A read-only connection refuses writes. */
	err_clear(&e);
	assert_true(insert_id(reader, 3, &e) < 0);
	/* Once the lock is free the second writer goes ahead. */
	assert_int_equal(db_begin(other, &e), 0);
	assert_int_equal(insert_id(other, 3, &e), DB_DONE);
	assert_int_equal(db_commit(other, &e), 0);
	assert_int_equal(count_t(f->db), 3);
	db_close(reader);
	db_close(other);
	db_close(NULL);
}

/* One read snapshot shared by two connections (the board pack's threads):
 * on PostgreSQL the second sees exactly the first's, a commit in between
 * and all; on SQLite, which cannot hand one over, the change generation
 * tells whether a commit came between the two. */
static void
test_shared_read_snapshot(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db *a = NULL, *b = NULL, *c = NULL;
	assert_int_equal(
	    db_open_backend(f->bc->be, f->path, DB_OPEN_READONLY, &a, &e), 0);
	assert_int_equal(
	    db_open_backend(f->bc->be, f->path, DB_OPEN_READONLY, &b, &e), 0);
	assert_int_equal(
	    db_open_backend(f->bc->be, f->path, DB_OPEN_READONLY, &c, &e), 0);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);
	int pg = f->bc->be == &db_pg_backend;

	/* Nothing committed between: the same state, either way. */
	struct db_generation g1, g2;
	int has_gen = db_generation(a, &g1);
	assert_int_equal(has_gen, !pg);
	char id[DB_SNAPSHOT_ID_LEN];
	assert_int_equal(db_begin_read(a, &e), 0);
	assert_int_equal(db_read_share(a, id, sizeof(id), &e), 0);
	assert_int_equal(id[0] != 0, pg);
	assert_int_equal(db_begin_read_at(b, id, &e), 0);
	if (!pg) {
		assert_int_equal(db_generation(a, &g2), 1);
		assert_memory_equal(g1.bytes, g2.bytes, sizeof(g1.bytes));
	}
	assert_int_equal(count_t(a), 1);
	assert_int_equal(count_t(b), 1);
	db_end_read(b);

	/* A commit after a's snapshot opened. */
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	assert_int_equal(db_begin_read_at(b, id, &e), 0);
	if (pg) {
		/* b reads a's snapshot, without the new row. */
		assert_int_equal(count_t(b), 1);
	} else {
		/* b has one of its own, and the generation says so. */
		assert_int_equal(count_t(b), 2);
		assert_int_equal(db_generation(a, &g2), 1);
		assert_memory_not_equal(g1.bytes, g2.bytes, sizeof(g1.bytes));
	}
	assert_int_equal(count_t(a), 1);
	db_end_read(b);
	db_end_read(a);

	/* An id that is not one is refused, and nothing is left open. */
	err_clear(&e);
	assert_int_equal(db_begin_read_at(c, "1'; SELECT 1; --", &e),
	                 SPIRE_EINVAL);
	assert_int_equal(count_t(c), 2);
	/* Sharing needs a read. */
	err_clear(&e);
	assert_true(db_read_share(c, id, sizeof(id), &e) < 0);
	db_close(a);
	db_close(b);
	db_close(c);
}

/* Rows fetched for reading many (db_prepare_rows: binary on PostgreSQL)
 * read exactly as the same rows fetched the ordinary way. */
static void
test_rows_read_the_same_either_way(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	static const char ins[] =
	    "INSERT INTO t(id, i, s, f, r) VALUES ($1, $2, $3, $4, $5)";
	const int64_t ints[] = {INT64_MIN, -70000, -1,           0,
	                        1,         32768,  2147483648LL, INT64_MAX};
	for (int k = 0; k < 9; k++) {
		struct db_stmt *s = db_prepare(f->db, ins, &e);
		assert_non_null(s);
		db_bind_int(s, 1, k + 1);
		if (k < 8)
			db_bind_int(s, 2, ints[k]);
		else
			db_bind_null(s, 2);
		db_bind_text(s, 3, k == 8 ? NULL : k == 3 ? "" : "text é");
		db_bind_bool(s, 4, k % 2);
		db_bind_double(s, 5, 0.5 * k);
		assert_int_equal(db_step(s, &e), DB_DONE);
		db_done(s);
	}
	static const char *const sqls[] = {
	    /* integers, text and booleans: binary on PostgreSQL */
	    "SELECT id, i, s, f, CAST(id AS INTEGER) AS id4, NULL AS none"
	    " FROM t ORDER BY id",
	    /* a real among them: as text */
	    "SELECT id, i, s, f, r FROM t ORDER BY id",
	};
	for (size_t q = 0; q < 2; q++) {
		struct db_stmt *x = db_prepare(f->db, sqls[q], &e);
		assert_non_null(x);
		int n = 0;
		/* The text of each value the ordinary way first. */
		enum db_type types[9][6];
		int64_t iv[9][6];
		double dv[9][6];
		bool bv[9][6];
		char tv[9][6][32];
		int cols = db_column_count(x);
		assert_true(cols <= 6);
		while (db_step(x, &e) == DB_ROW) {
			for (int i = 0; i < cols; i++) {
				types[n][i] = db_column_type(x, i);
				iv[n][i] = db_col_int(x, i);
				dv[n][i] = db_col_double(x, i);
				bv[n][i] = db_col_bool(x, i);
				const char *t = db_col_text(x, i);
				snprintf(tv[n][i], sizeof(tv[n][i]), "%s",
				         t ? t : "(null)");
			}
			n++;
		}
		db_done(x);
		assert_int_equal(n, 9);
		struct db_stmt *y = db_prepare_rows(f->db, sqls[q], &e);
		assert_non_null(y);
		int m = 0;
		while (db_step(y, &e) == DB_ROW) {
			for (int i = 0; i < cols; i++) {
				assert_int_equal(db_column_type(y, i),
				                 types[m][i]);
				assert_true(db_col_int(y, i) == iv[m][i]);
				assert_true(db_col_double(y, i) == dv[m][i]);
				assert_int_equal(db_col_bool(y, i), bv[m][i]);
				size_t len = 0;
				const char *t = db_col_textn(y, i, &len);
				assert_string_equal(t ? t : "(null)", tv[m][i]);
				assert_int_equal(len, t ? strlen(t) : 0);
			}
			m++;
		}
		db_done(y);
		assert_int_equal(m, 9);
		/* And the ordinary way again after it. */
		x = db_prepare(f->db, sqls[q], &e);
		assert_int_equal(db_step(x, &e), DB_ROW);
		assert_true(db_col_int(x, 1) == INT64_MIN);
		db_done(x);
	}
}

/* A read of many rows with parameters of each kind (a quote in text, an
 * integer, a boolean, NULL) gives the rows the ordinary way gives; on
 * PostgreSQL it streams, its parameters written into the text. */
static void
test_rows_with_parameters(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	static const char ins[] =
	    "INSERT INTO t(id, i, s, f, r) VALUES ($1, $2, $3, $4, 0)";
	static const char *const texts[] = {"O'Brien", "a\\b", "plain",
	                                    "$1 'x'", NULL};
	for (int k = 0; k < 5; k++) {
		struct db_stmt *s = db_prepare(f->db, ins, &e);
		assert_non_null(s);
		db_bind_int(s, 1, k + 1);
		db_bind_int(s, 2, k * 10);
		db_bind_text(s, 3, texts[k]);
		db_bind_bool(s, 4, k % 2);
		assert_int_equal(db_step(s, &e), DB_DONE);
		db_done(s);
	}
	static const char sql[] =
	    "SELECT id, s FROM t WHERE (s = $1 OR s IS NULL OR i >= $2) AND"
	    " (f = $3 OR $4 IS NOT NULL) ORDER BY id";
	for (int way = 0; way < 2; way++) {
		struct db_stmt *x = way ? db_prepare_rows(f->db, sql, &e)
		                        : db_prepare(f->db, sql, &e);
		assert_non_null(x);
		db_bind_text(x, 1, "O'Brien");
		db_bind_int(x, 2, 20);
		db_bind_bool(x, 3, false);
		db_bind_null(x, 4);
		int64_t ids[8];
		int n = 0;
		while (db_step(x, &e) == DB_ROW && n < 8)
			ids[n++] = db_col_int(x, 0);
		db_done(x);
		/* O'Brien (1), plain (3), the NULL text (5): f = false. */
		assert_int_equal(n, 3);
		assert_true(ids[0] == 1 && ids[1] == 3 && ids[2] == 5);
	}
}

/* Another statement run on the connection while a read of many rows is
 * part-read never leaves that read looking complete: it gives every row
 * (SQLite) or fails (PostgreSQL reads the rest away), and the
 * connection works after it. */
static void
test_rows_interrupted_never_end_early(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	for (int k = 0; k < 50; k++)
		assert_int_equal(insert_id(f->db, k + 1, &e), DB_DONE);
	struct db_stmt *y =
	    db_prepare_rows(f->db, "SELECT id FROM t ORDER BY id", &e);
	assert_non_null(y);
	assert_int_equal(db_step(y, &e), DB_ROW);
	assert_true(db_col_int(y, 0) == 1);
	struct db_stmt *z = db_prepare(f->db, "SELECT count(*) FROM t", &e);
	assert_non_null(z);
	assert_int_equal(db_step(z, &e), DB_ROW);
	assert_true(db_col_int(z, 0) == 50);
	db_done(z);
	int rc, m = 1;
	while ((rc = db_step(y, &e)) == DB_ROW)
		m++;
	assert_true((rc == DB_DONE && m == 50) || rc < 0);
	db_done(y);
	/* The same read again, whole, on the same connection. */
	y = db_prepare_rows(f->db, "SELECT id FROM t ORDER BY id", &e);
	assert_non_null(y);
	m = 0;
	while ((rc = db_step(y, &e)) == DB_ROW)
		m++;
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(m, 50);
	/* Left part-read by db_done: the connection takes other calls. */
	db_done(y);
	y = db_prepare_rows(f->db, "SELECT id FROM t ORDER BY id", &e);
	assert_int_equal(db_step(y, &e), DB_ROW);
	db_done(y);
	z = db_prepare(f->db, "SELECT count(*) FROM t", &e);
	assert_int_equal(db_step(z, &e), DB_ROW);
	assert_true(db_col_int(z, 0) == 50);
	db_done(z);
}

static void
test_schema_and_maintenance(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	bool exists = false;
	assert_int_equal(db_has_table(f->db, "t", &exists, &e), 0);
	assert_true(exists);
	assert_int_equal(db_has_table(f->db, "no_such", &exists, &e), 0);
	assert_false(exists);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);
	assert_int_equal(db_integrity_check(f->db, &e), 0);
	assert_int_equal(db_bulk_mode(f->db, &e), 0);

	/* The backup is a file; a backend whose databases are not files
	 * restores it into a fresh database to read it back. */
	char file[160];
	char copy[160];
	f->bc->target(f->dir, "copy", copy, sizeof(copy));
	if (f->bc->restore)
		snprintf(file, sizeof(file), "%s/copy.backup", f->dir);
	else
		snprintf(file, sizeof(file), "%s", copy);
	assert_int_equal(db_backup_into(f->db, file, &e), 0);
	if (f->bc->restore)
		f->bc->restore(file, copy);
	struct db *c = NULL;
	assert_int_equal(
	    db_open_backend(f->bc->be, copy, DB_OPEN_READONLY, &c, &e), 0);
	assert_int_equal(count_t(c), 1);
	assert_int_equal(db_integrity_check(c, &e), 0);
	db_close(c);
	/* The dialect supplies every text it promises. */
	const struct db_dialect *d = db_dialect(f->db);
	assert_non_null(d);
	assert_non_null(d->people_name_search);
	assert_non_null(d->audit_unguard);
	assert_non_null(d->audit_reguard);
}

/* Where the engines differ in ways Spire relies on: the cases below. */

static void
test_text_every_utf8_plane(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* Each UTF-8 length's edges, both sides of the surrogates, and a
	 * character from planes 1, 2, 3, 14, 15 and 16. */
	static const char text[] = "\x7f"
	                           "\xc2\x80"
	                           "\xdf\xbf"
	                           "\xe0\xa0\x80"
	                           "\xed\x9f\xbf"
	                           "\xee\x80\x80"
	                           "\xef\xbf\xbd"
	                           "\xf0\x90\x80\x80"
	                           "\xf0\xa0\x80\x80"
	                           "\xf0\xb0\x80\x80"
	                           "\xf3\xa0\x80\x81"
	                           "\xf3\xb0\x80\x80"
	                           "\xf4\x8f\xbf\xbf";
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_text(s, 4, text);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	static const char sql[] = "SELECT s, length(s) FROM t WHERE s = $1";
	s = db_prepare(f->db, sql, &e);
	db_bind_text(s, 1, text);
	assert_int_equal(db_step(s, &e), DB_ROW);
	size_t len = 0;
	const char *got = db_col_textn(s, 0, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(got, text, len);
	/* Characters, not bytes. */
	assert_int_equal(db_col_int(s, 1), 13);
	json_t *row = db_row_json(s);
	assert_string_equal(json_string_value(json_object_get(row, "s")), text);
	json_decref(row);
	db_done(s);
}

static void
test_empty_text_is_not_null(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_text(s, 4, "");
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	static const char sql[] = "SELECT COALESCE(s, 'none') AS s FROM t"
	                          " ORDER BY id";
	s = db_prepare(f->db, sql, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_column_type(s, 0), DB_T_TEXT);
	assert_string_equal(db_col_text(s, 0), "");
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "none");
	db_done(s);
	/* A bound empty text matches the empty text, not NULL. */
	static const char match[] = "SELECT count(*) FROM t WHERE s = $1";
	s = db_prepare(f->db, match, &e);
	db_bind_text(s, 1, "");
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	db_done(s);
}

static void
test_booleans_into_integer_and_boolean_columns(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* A boolean bound into an integer column, and an integer into a
	 * boolean column: both read back as the other side expects. */
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_bool(s, 2, true);
	db_bind_bool(s, 5, true);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 2);
	db_bind_bool(s, 2, false);
	db_bind_int(s, 5, 0);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	static const char sql[] = "SELECT i, f FROM t ORDER BY id";
	s = db_prepare(f->db, sql, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_column_type(s, 0), DB_T_INT);
	assert_int_equal(db_col_int(s, 0), 1);
	assert_true(db_col_bool(s, 1));
	assert_int_equal(db_col_int(s, 1), 1);
	json_t *row = db_row_json(s);
	assert_int_equal(json_integer_value(json_object_get(row, "i")), 1);
	json_decref(row);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 0);
	assert_false(db_col_bool(s, 1));
	db_done(s);
	static const char yes[] = "SELECT count(*) FROM t WHERE f";
	static const char no[] = "SELECT count(*) FROM t WHERE NOT f";
	const char *texts[] = {yes, no};
	for (size_t i = 0; i < 2; i++) {
		s = db_prepare(f->db, texts[i], &e);
		assert_int_equal(db_step(s, &e), DB_ROW);
		assert_int_equal(db_col_int(s, 0), 1);
		db_done(s);
	}
}

static void
test_generated_ids_and_sums(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* The id column the dialect gives derived tables numbers rows. */
	char ddl[256];
	snprintf(ddl, sizeof(ddl), "CREATE TABLE g (id %s, v BIGINT)",
	         db_dialect(f->db)->ddl_id);
	assert_int_equal(db_exec(f->db, ddl, &e), 0);
	static const char ins[] = "INSERT INTO g(v) VALUES ($1) RETURNING id";
	int64_t first = 0;
	int64_t second = 0;
	struct db_stmt *s = db_prepare(f->db, ins, &e);
	db_bind_int(s, 1, 2);
	assert_int_equal(db_step_id(s, &first, &e), 0);
	assert_int_equal(db_changes(f->db), 1);
	s = db_prepare(f->db, ins, &e);
	db_bind_int(s, 1, 4);
	assert_int_equal(db_step_id(s, &second, &e), 0);
	assert_true(first >= 1);
	assert_true(second > first);
	/* The sum of integers is an integer (PostgreSQL says numeric);
	 * an average is a real. */
	static const char sums[] = "SELECT sum(v) AS total, avg(v) AS mean,"
	                           " count(*) AS n FROM g";
	s = db_prepare(f->db, sums, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_column_type(s, 0), DB_T_INT);
	assert_int_equal(db_col_int(s, 0), 6);
	assert_int_equal(db_column_type(s, 1), DB_T_REAL);
	assert_true(db_col_double(s, 1) == 3.0);
	json_t *row = db_row_json(s);
	assert_true(json_is_integer(json_object_get(row, "total")));
	assert_int_equal(json_integer_value(json_object_get(row, "total")), 6);
	assert_true(json_is_real(json_object_get(row, "mean")));
	assert_int_equal(json_integer_value(json_object_get(row, "n")), 2);
	json_decref(row);
	db_done(s);
	/* A read does not reset the count of changed rows. */
	assert_int_equal(db_changes(f->db), 1);
}

/*
 * A bulk load (db_bulk_mode, the demo loader) gives what a row-by-row one
 * gives: consecutive ids from RETURNING id (PostgreSQL sends the inserts
 * without waiting, with ids it reserved), every row seen by the next read
 * and stored by the commit, the id sequence where the last row left it,
 * and an insert's error reported by the time of the commit at the latest,
 * with nothing of the transaction stored.
 */
static void
test_bulk_load_ids_rows_and_errors(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	char ddl[256];
	snprintf(ddl, sizeof(ddl),
	         "CREATE TABLE g (id %s, v BIGINT NOT NULL,"
	         " parent_id BIGINT REFERENCES parent(id))",
	         db_dialect(f->db)->ddl_id);
	assert_int_equal(db_exec(f->db, ddl, &e), 0);
	assert_int_equal(db_bulk_mode(f->db, &e), 0);
	static const char ins[] =
	    "INSERT INTO g(v, parent_id) VALUES ($1, $2) RETURNING id";
	enum { N = 6000 }; /* more than one block of ids and one pipeline */
	assert_int_equal(db_begin(f->db, &e), 0);
	for (int64_t i = 0; i < N; i++) {
		struct db_stmt *s = db_prepare(f->db, ins, &e);
		db_bind_int(s, 1, i * 2);
		db_bind_id(s, 2, i % 2 ? 1 : 0);
		int64_t id = 0;
		assert_int_equal(db_step_id(s, &id, &e), 0);
		assert_int_equal(id, i + 1);
		assert_int_equal(db_changes(f->db), 1);
		/* Rows without an id of their own, in between. */
		if (i % 3 == 0)
			assert_int_equal(insert_id(f->db, i + 10, &e), DB_DONE);
	}
	/* Rows that refer to rows inserted just before them in another
	 * table, that table's first row coming after the first row of
	 * theirs: stored all the same. */
	static const char parent_ins[] =
	    "INSERT INTO parent(id, name) VALUES ($1, $2)";
	static const char child_ins[] =
	    "INSERT INTO t(id, parent_id) VALUES ($1, $2)";
	struct db_stmt *s = db_prepare(f->db, parent_ins, &e);
	db_bind_int(s, 1, 999);
	db_bind_text(s, 2, "first");
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	for (int64_t i = 0; i < 50; i++) {
		if (i > 0) {
			s = db_prepare(f->db, parent_ins, &e);
			db_bind_int(s, 1, 1000 + i);
			db_bind_text(s, 2, "p \"quoted\" \\ {x}, y");
			assert_int_equal(db_step(s, &e), DB_DONE);
			db_done(s);
		}
		s = db_prepare(f->db, child_ins, &e);
		db_bind_int(s, 1, 100000 + i);
		db_bind_int(s, 2, i > 0 ? 1000 + i : 1);
		assert_int_equal(db_step(s, &e), DB_DONE);
		db_done(s);
	}
	static const char sum[] = "SELECT count(*), sum(v) FROM g";
	s = db_prepare(f->db, sum, &e);
	if (!s)
		fail_msg("the rows sent before this read: %s", e.message);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), N);
	assert_int_equal(db_col_int(s, 1), (int64_t)N * (N - 1));
	db_done(s);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(count_t(f->db), N / 3 + 50);
	/* Text with quotes, backslashes, braces and commas kept as sent. */
	static const char names[] =
	    "SELECT count(*) FROM parent WHERE name = $1";
	s = db_prepare(f->db, names, &e);
	db_bind_text(s, 1, "p \"quoted\" \\ {x}, y");
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 49);
	db_done(s);

	/* The next id after the commit is the next one in line. */
	assert_int_equal(db_begin(f->db, &e), 0);
	s = db_prepare(f->db, ins, &e);
	db_bind_int(s, 1, 1);
	db_bind_id(s, 2, 0);
	int64_t id = 0;
	assert_int_equal(db_step_id(s, &id, &e), 0);
	assert_int_equal(id, N + 1);
	/* A row that breaks a constraint: reported by its step or, sent
	 * without waiting, by the commit; the transaction stores nothing. */
	s = db_prepare(f->db, ins, &e);
	db_bind_int(s, 1, 1);
	db_bind_int(s, 2, 99);
	int rc = db_step_id(s, &id, &e);
	if (rc == 0) {
		assert_int_equal(db_commit(f->db, &e), SPIRE_EINVAL);
	} else {
		assert_int_equal(rc, SPIRE_EINVAL);
		db_rollback(f->db);
	}
	assert_int_equal(e.code, SPIRE_EINVAL);
	s = db_prepare(f->db, sum, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), N);
	db_done(s);
}

static void
test_transaction_survives_a_new_or_refused_text(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);
	/* Preparing inside the transaction (a parameter only the bound
	 * value types, then a text the engine refuses) leaves it whole. */
	static const char untyped[] =
	    "SELECT count(*) AS n FROM t WHERE $1 IS NOT NULL";
	struct db_stmt *s = db_prepare(f->db, untyped, &e);
	assert_non_null(s);
	db_bind_text(s, 1, "x");
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	db_done(s);
	static const char bad[] = "SELECT nothing FROM t";
	assert_null(db_prepare(f->db, bad, &e));
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(count_t(f->db), 2);
	/* db_begin inside a transaction is refused, not nested. */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_true(db_begin(f->db, &e) < 0);
	db_rollback(f->db);
}

static void
test_savepoint_undoes_a_failed_statement(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	/* The writer's pattern (writer.c): each job under a savepoint,
	 * rolled back to on error, and the batch goes on. On PostgreSQL the
	 * failed statement aborts the transaction until the rollback to the
	 * savepoint; on both, the batch then commits what came before. */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(insert_id(f->db, 1, &e), DB_DONE);
	assert_int_equal(db_exec(f->db, "SAVEPOINT job", &e), 0);
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	assert_int_equal(insert_id(f->db, 1, &e), SPIRE_ECONFLICT);
	assert_int_equal(db_exec(f->db, "ROLLBACK TO job", &e), 0);
	assert_int_equal(db_exec(f->db, "RELEASE job", &e), 0);
	assert_int_equal(insert_id(f->db, 3, &e), DB_DONE);
	assert_int_equal(db_commit(f->db, &e), 0);
	static const char ids[] = "SELECT id FROM t ORDER BY id";
	struct db_stmt *s = db_prepare(f->db, ids, &e);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 3);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	/* A backup into a directory that does not exist fails, and says
	 * so. */
	char missing[200];
	snprintf(missing, sizeof(missing), "%s/no/such/dir/copy", f->dir);
	err_clear(&e);
	assert_true(db_backup_into(f->db, missing, &e) < 0);
	assert_true(e.message[0] != '\0');
}

static void
test_optional_parameters_of_each_type(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(f->db, INSERT_SQL, &e);
	db_bind_int(s, 1, 1);
	db_bind_int(s, 2, 7);
	db_bind_double(s, 3, 2.5);
	db_bind_text(s, 4, "a");
	db_bind_bool(s, 5, true);
	db_bind_id(s, 8, 1);
	assert_int_equal(db_step(s, &e), DB_DONE);
	db_done(s);
	assert_int_equal(insert_id(f->db, 2, &e), DB_DONE);
	/* "($n IS NULL OR column = $n)": a filter given or not, where the
	 * parameter's first use says nothing of its type (PostgreSQL then
	 * cannot type it from the text alone). */
	static const char by_int[] =
	    "SELECT count(*) FROM t WHERE ($1 IS NULL OR parent_id = $1)";
	static const char by_text[] =
	    "SELECT count(*) FROM t WHERE ($1 IS NULL OR s = $1)";
	static const char by_bool[] =
	    "SELECT count(*) FROM t WHERE ($1 IS NULL OR f = $1)";
	static const char by_real[] =
	    "SELECT count(*) FROM t WHERE ($1 IS NULL OR r >= $1)";
	static const char two[] = "SELECT count(*) FROM t WHERE ($1 IS NULL"
	                          " OR i = $1) AND ($2 IS NULL OR s = $2)";
	struct {
		const char *sql;
		int kind; /* 0 int, 1 text, 2 bool, 3 real */
	} cases[] = {{by_int, 0}, {by_text, 1}, {by_bool, 2}, {by_real, 3}};
	for (size_t i = 0; i < 4; i++) {
		s = db_prepare(f->db, cases[i].sql, &e);
		if (!s)
			fail_msg("%s: %s", cases[i].sql, e.message);
		assert_int_equal(db_step(s, &e), DB_ROW);
		assert_int_equal(db_col_int(s, 0), 2);
		s = db_prepare(f->db, cases[i].sql, &e);
		switch (cases[i].kind) {
		case 0:
			db_bind_int(s, 1, 1);
			break;
		case 1:
			db_bind_text(s, 1, "a");
			break;
		case 2:
			db_bind_bool(s, 1, true);
			break;
		default:
			db_bind_double(s, 1, 2.25);
		}
		assert_int_equal(db_step(s, &e), DB_ROW);
		assert_int_equal(db_col_int(s, 0), 1);
		db_done(s);
	}
	s = db_prepare(f->db, two, &e);
	assert_non_null(s);
	db_bind_int(s, 1, 7);
	db_bind_text(s, 2, "a");
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	s = db_prepare(f->db, two, &e);
	db_bind_int(s, 1, 8);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 0);
	db_done(s);
}

static void
test_url_chooses_the_backend(void **state)
{
	(void)state;
	assert_true(db_is_url("postgresql:///spire?host=/tmp/x"));
	assert_true(db_is_url("postgres://u@h/spire"));
	assert_false(db_is_url("/var/lib/spire/spire.db"));
	assert_false(db_is_url("postgresql.db"));
	assert_false(db_is_url(NULL));
}

#define CASE(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    CASE(test_open_missing_without_create_fails),
	    CASE(test_prepare_errors),
	    CASE(test_bind_each_type_and_read_back),
	    CASE(test_null_reference_and_null_text_bind_null),
	    CASE(test_booleans_as_conditions),
	    CASE(test_int64_limits_and_doubles),
	    CASE(test_text_utf8_round_trip_and_nul_refused),
	    CASE(test_bind_json_each_type),
	    CASE(test_bind_errors_reported_by_step),
	    CASE(test_step_reset_and_cache),
	    CASE(test_step_id_returning),
	    CASE(test_transactions_commit_and_rollback),
	    CASE(test_constraint_errors_map_to_codes),
	    CASE(test_second_connection_busy_and_snapshot),
	    CASE(test_shared_read_snapshot),
	    CASE(test_rows_read_the_same_either_way),
	    CASE(test_rows_with_parameters),
	    CASE(test_rows_interrupted_never_end_early),
	    CASE(test_schema_and_maintenance),
	    CASE(test_text_every_utf8_plane),
	    CASE(test_empty_text_is_not_null),
	    CASE(test_booleans_into_integer_and_boolean_columns),
	    CASE(test_generated_ids_and_sums),
	    CASE(test_bulk_load_ids_rows_and_errors),
	    CASE(test_transaction_survives_a_new_or_refused_text),
	    CASE(test_savepoint_undoes_a_failed_statement),
	    CASE(test_optional_parameters_of_each_type),
	    CASE(test_url_chooses_the_backend),
	};
	sqlite_generic_rows = db_sqlite_backend;
	sqlite_generic_rows.name = "sqlite (generic rows)";
	sqlite_generic_rows.row_json = NULL;
	int failed = 0;
	for (current = 0; current < sizeof(BACKENDS) / sizeof(BACKENDS[0]);
	     current++) {
		if (BACKENDS[current].be == &db_pg_backend && !pg_url()) {
			printf("[ SKIPPED  ] %s: SPIRE_TEST_PG is not set (a "
			       "cluster's URL: scripts/pg-cluster.sh start "
			       "DIR prints one)\n",
			       BACKENDS[current].be->name);
			continue;
		}
		printf("[ BACKEND  ] %s\n", BACKENDS[current].be->name);
		failed += cmocka_run_group_tests_name(
		    BACKENDS[current].be->name, tests, NULL, NULL);
	}
	return failed;
}

/*
 * temp_db.h - for unit tests: a database with every migration applied, in
 * a new folder under /tmp, and its removal. Include after <cmocka.h>: a
 * failure fails the test. Header-only (the unit tests are one file each).
 */
#ifndef SPIRE_TEST_TEMP_DB_H
#define SPIRE_TEST_TEMP_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/db.h"
#include "store/schema.h"

/* The folder, the file in it and the open connection (owned). */
struct temp_db {
	char dir[64];
	char path[96];
	struct db *db;
};

/* Make the folder, open t->path in it and migrate it. */
static inline void
temp_db_open(struct temp_db *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/spire-unit-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/unit.db", t->dir);
	struct err e;
	err_clear(&e);
	assert_int_equal(db_open(t->path, DB_OPEN_CREATE, &t->db, &e), 0);
	if (schema_migrate(t->db, &e) != 0)
		fail_msg("migrate: %s", e.message);
}

/* Run the SQL script rows on t (a fixture's rows). */
static inline void
temp_db_rows(struct temp_db *t, const char *rows)
{
	struct err e;
	err_clear(&e);
	if (db_exec(t->db, rows, &e) != 0)
		fail_msg("fixture rows: %s", e.message);
}

/* Close the connection and remove the file, its WAL files and folder. */
static inline void
temp_db_remove(struct temp_db *t)
{
	db_close(t->db);
	t->db = NULL;
	static const char *const suffix[] = {
	    "", "-wal", "-shm", ".access", ".access-wal", ".access-shm"};
	for (size_t i = 0; i < 6; i++) {
		char p[sizeof(t->path) + 8 + 16];
		snprintf(p, sizeof(p), "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

#endif

/*
 * schema_list.h - a backend's numbered list of migrations, private to the
 * migration runner (schema.c) and the lists: SQLite's in schema.c,
 * PostgreSQL's in pg/schema_pg.c. Both lists hold the same numbers and
 * names in the same order (tests/store/pg_schema_parity.test.mjs checks
 * it, and that they make the same schema); the
 * runner takes the list of the backend the database was opened with.
 */
#ifndef SPIRE_STORE_SCHEMA_LIST_H
#define SPIRE_STORE_SCHEMA_LIST_H

#include <stddef.h>

#include "core/err.h"
#include "store/db.h"

struct migration {
	int number;
	const char *name;
	/* One or more statements, run in the migration's transaction. */
	const char *sql;
	/* Rows to rewrite in C after the SQL, in the same transaction (values
	 * only C can compute, such as Unicode-folded names), through db.h so
	 * that every backend shares it. May be NULL. */
	int (*fill)(struct db *db, struct err *e);
};

struct schema_list {
	const char *backend;     /* db_backend_name() of its databases */
	const char *bookkeeping; /* creates schema_migrations if absent */
	const struct migration *items;
	size_t n;
};

/* SQLite's list (schema.c) and PostgreSQL's (pg/schema_pg.c). */
extern const struct schema_list schema_sqlite_list;
extern const struct schema_list schema_pg_list;

#endif

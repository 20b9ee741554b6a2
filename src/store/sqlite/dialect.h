/*
 * sqlite/dialect.h - SQL fragments in SQLite's dialect, for SQL texts
 * that are compiled in rather than taken from the backend at run time.
 *
 * Today only the measures summary uses them: its rules are the bodies of
 * SQLite triggers (schema_measures.c) and of the rebuild, so they are
 * SQLite's already. A second backend keeps the summary its own way and
 * brings its own fragments (store/pg/dialect.h, which the PostgreSQL
 * migrations include before measures_sql.h so that the same rules expand
 * in its dialect); subject SQL elsewhere takes its dialect from struct
 * db_dialect (db_backend.h). Not for whole statements.
 */
#ifndef SPIRE_STORE_SQLITE_DIALECT_H
#define SPIRE_STORE_SQLITE_DIALECT_H

/* Which dialect the fragments below speak (one per translation unit). */
#define SQL_DIALECT "sqlite"

/* The date d plus n months, clamped to the end of the month (31 Jan + 1
 * month = 28/29 Feb, 29 Feb + 12 months = 28 Feb). n1 = n + 1; all three
 * are SQL text (n and n1 literal numbers). */
#define SQL_DATE_PLUS_MONTHS(d, n, n1)                                         \
	"min(date(" d ", '+" n " months'), date(" d                            \
	", 'start of month', '+" n1 " months', '-1 day'))"

/* The date d plus n days (n a signed literal, "+14" or "-14") as ISO
 * text. */
#define SQL_DATE_PLUS_DAYS(d, n) "date(" d ", '" n " days')"

/* The date d (ISO text) as days since 1970-01-01, an integer (NULL
 * stays NULL). */
#define SQL_DAYS(d) "CAST(julianday(" d ") - 2440587.5 AS INTEGER)"

/* A condition that always holds. */
#define SQL_TRUE "1"
/* COALESCE's default for a condition that may be NULL: false. */
#define SQL_FALSE "0"
/* A condition as the integer 1 or 0 (NULL stays NULL), for a value
 * stored in an INTEGER column: SQLite's conditions are integers already. */
#define SQL_INT(x) x
/* The alias a subquery in FROM needs (SQLite needs none). */
#define SQL_SUBQUERY_AS ""

/* Before recomputing the measures' summary after a bulk load: nothing
 * (SQLite's planner needs no fresh statistics for these queries). */
#define SQL_BEFORE_REBUILD ""
/* After it: nothing (a WITHOUT ROWID table is in its key's order). */
#define SQL_AFTER_REBUILD ""

/* Around a read of the measures' summary: nothing (SQLite's
 * measures_facts is WITHOUT ROWID, stored in its key's order). */
#define SQL_BEFORE_SUMMARY_SCAN ""
#define SQL_AFTER_SUMMARY_SCAN ""

/* A NULL of an integer column, where the engine must be told its type. */
#define SQL_NULL_INT "NULL"

#endif

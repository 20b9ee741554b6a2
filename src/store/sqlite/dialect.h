/*
 * sqlite/dialect.h - SQL fragments in SQLite's dialect, for SQL texts
 * that are compiled in rather than taken from the backend at run time.
 *
 * Today only the measures summary uses them: its rules are the bodies of
 * SQLite triggers (schema_measures.c) and of the rebuild, so they are
 * SQLite's already. A second backend keeps the summary its own way and
 * brings its own fragments; subject SQL elsewhere takes its dialect from
 * struct db_dialect (db_backend.h). Not for whole statements.
 */
#ifndef SPIRE_STORE_SQLITE_DIALECT_H
#define SPIRE_STORE_SQLITE_DIALECT_H

/* The date d plus n months, clamped to the end of the month (31 Jan + 1
 * month = 28/29 Feb, 29 Feb + 12 months = 28 Feb). n1 = n + 1; all three
 * are SQL text (n and n1 literal numbers). */
#define SQL_DATE_PLUS_MONTHS(d, n, n1)                                         \
	"min(date(" d ", '+" n " months'), date(" d                            \
	", 'start of month', '+" n1 " months', '-1 day'))"

#endif

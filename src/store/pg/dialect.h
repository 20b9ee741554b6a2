/*
 * pg/dialect.h - SQL fragments in PostgreSQL's dialect, the counterpart
 * of store/sqlite/dialect.h (the same macros, the same meaning). The
 * PostgreSQL migrations include it before store/measures/measures_sql.h,
 * so that the measures' rules expand once more in PostgreSQL's SQL.
 * Not for whole statements.
 */
#ifndef SPIRE_STORE_PG_DIALECT_H
#define SPIRE_STORE_PG_DIALECT_H

/* Which dialect the fragments below speak (one per translation unit). */
#define SQL_DIALECT "postgresql"

/* The date d (ISO text) plus n months, clamped to the end of the month,
 * as ISO text: PostgreSQL's date + interval clamps already (31 Jan + 1
 * month = 28/29 Feb, 29 Feb + 12 months = 28 Feb). n1 is unused (SQLite
 * needs it). */
#define SQL_DATE_PLUS_MONTHS(d, n, n1)                                         \
	"to_char(CAST(" d " AS date) + interval '" n " months', 'YYYY-MM-DD')"

/* The date d plus n days (n a signed literal, "+14" or "-14") as ISO
 * text. */
#define SQL_DATE_PLUS_DAYS(d, n)                                               \
	"to_char(CAST(" d " AS date) + (" n "), 'YYYY-MM-DD')"

/* The date d (ISO text) as days since 1970-01-01, an integer (NULL
 * stays NULL). */
#define SQL_DAYS(d) "(CAST(" d " AS date) - DATE '1970-01-01')"

/* A condition that always holds. */
#define SQL_TRUE "true"
/* COALESCE's default for a condition that may be NULL: false. */
#define SQL_FALSE "false"
/* A condition as the integer 1 or 0 (NULL stays NULL), for a value
 * stored in an integer column. */
#define SQL_INT(x) "CAST((" x ") AS integer)"
/* The alias a subquery in FROM needs (before PostgreSQL 16). */
#define SQL_SUBQUERY_AS " AS q"

/* Before recomputing the measures' summary after a bulk load: fresh
 * statistics for the tables its rules read, which the load filled inside
 * its own transaction, before autovacuum could see them (without them the
 * planner takes the tables for empty, and the rules' correlated
 * subqueries run as nested loops over the whole load). ANALYZE may run
 * inside a transaction and counts the transaction's own rows. */
#define SQL_BEFORE_REBUILD                                                     \
	"ANALYZE people, cases, yj_outcomes, yj_offences,"                     \
	" yj_outcome_offences, yj_kpi_snapshots, yj_victims, yj_assessments;"

/* After recomputing the whole summary (store_measures_rebuild, and a bulk
 * load's end): the table rewritten in its key's order (kind, day, record,
 * person), as migrations 20 and 22 left it and as SQLite's WITHOUT ROWID
 * table always is, so that a read of one kind over a period reads only
 * that range's pages; the rebuild's INSERTs write each kind in the order
 * its rule's query yields, and a national year's read of one kind then
 * touched a page per fact (bench/README.md, "Issue 11: the summary's
 * order after a rebuild"). CLUSTER with a table and index may run inside
 * a transaction; it holds the table locked while it rewrites it. */
#define SQL_AFTER_REBUILD                                                      \
	"CLUSTER measures_facts USING measures_facts_pkey;"                    \
	"ANALYZE measures_facts;"

/* Around a read of the measures' summary (one kind's facts over a date
 * range, in key order): the planner costs the index scan with the default
 * random_page_cost (4) and takes a parallel scan of the whole table and a
 * sort instead; the table is kept in key order (CLUSTER, migration 20),
 * so the index scan reads only the range's pages. A read of half a
 * million facts costs the planner over jit_above_cost (100,000), and JIT
 * compiled its expressions each time: 32 ms of a 0.5-0.7 s read nationally,
 * for nothing (the scan evaluates no expression per row worth compiling):
 * jit off. The parents-seen read sorts its three kinds' facts (about
 * 15 MB nationally): work_mem 32 MB keeps that sort in memory, not on
 * disk (4 MB, the default). Set for that one read and reset (to the
 * server's or database's own values) after it (bench/README.md, "Issue 11
 * §2"; docs/operations.md). */
#define SQL_BEFORE_SUMMARY_SCAN                                                \
	"SET random_page_cost = 1.1; SET jit = off; SET work_mem = '32MB'"
#define SQL_AFTER_SUMMARY_SCAN                                                 \
	"RESET random_page_cost; RESET jit; RESET work_mem"

/* A NULL of an integer column, where the engine must be told its type. */
#define SQL_NULL_INT "CAST(NULL AS bigint)"

#endif

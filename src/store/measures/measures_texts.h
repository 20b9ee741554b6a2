/*
 * measures_texts.h - the measures' SQL texts that each store says in its
 * own dialect, private to the store. The rules are written once
 * (measures_sql.h and the headers beside it) with dialect fragments
 * (store/sqlite/dialect.h, store/pg/dialect.h); measures_texts.inc
 * expands them, once per dialect: measures_texts_sqlite.c and
 * store/pg/measures_texts_pg.c. A backend names its set in struct
 * db_dialect's member measures (db_backend.h); NULL means SQLite's.
 */
#ifndef SPIRE_STORE_MEASURES_TEXTS_H
#define SPIRE_STORE_MEASURES_TEXTS_H

#include "store/measures/measures.h"

struct measures_texts {
	/* Each kind's facts from the records, dated in $1..$2 (text). */
	const char *record[SMQ_N];
	/* Recompute measures_facts from the records and end a bulk load
	 * (several statements, no parameters). */
	const char *rebuild;
	/* One row: how many facts computed afresh are missing from
	 * measures_facts, and how many it holds that are not computed. */
	const char *compare;
	/* Run before and after a read of the summary ("" for none). */
	const char *before_scan, *after_scan;
};

extern const struct measures_texts MEASURES_TEXTS_SQLITE;
extern const struct measures_texts MEASURES_TEXTS_PG;

#endif

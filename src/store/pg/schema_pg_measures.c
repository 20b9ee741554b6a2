/*
 * schema_pg_measures.c - migrations 4, 5, 14, 20, 22, 23, 24 and 27 for
 * PostgreSQL: the measures' summary measures_facts and the triggers that keep
 * it exactly consistent with the youth justice records, as
 * measures/schema_measures.c makes them for SQLite (docs/measures.md).
 * The triggers and their statements are not copied: the lists in
 * measures/measures_triggers.h and the rules in measures/measures_sql.h
 * expand here in PostgreSQL's dialect (store/pg/dialect.h).
 *
 * A trigger measures_<name> runs the PL/pgSQL function of the same name
 * after each row; the function stands aside while measures_bulk holds a
 * row (a bulk load), as SQLite's WHEN NOT EXISTS does (PostgreSQL's WHEN
 * may not hold a subquery). A condition on OLD and NEW stays in WHEN.
 *
 * Like every migration this text never changes once shipped.
 */
#include "store/pg/dialect.h"
#include "store/pg/schema_pg.h"

/* clang-format off */
#define MEASURES_TRIGGER_FN(name, refresh) \
	"CREATE OR REPLACE FUNCTION measures_" name "() RETURNS trigger" \
	" LANGUAGE plpgsql AS $$ BEGIN" \
	" IF EXISTS (SELECT 1 FROM measures_bulk) THEN RETURN NULL; END IF; " \
	refresh " RETURN NULL; END $$;"

#define MEASURES_TRIGGER(name, ev, t, refresh) \
	MEASURES_TRIGGER_FN(name, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t \
	" FOR EACH ROW EXECUTE FUNCTION measures_" name "();"

#define MEASURES_TRIGGER_WHEN(name, ev, t, cond, refresh) \
	MEASURES_TRIGGER_FN(name, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t \
	" FOR EACH ROW WHEN (" cond ") EXECUTE FUNCTION measures_" name "();"

#define MEASURES_DROP_TRIGGER(name, t) \
	"DROP TRIGGER IF EXISTS measures_" name " ON " t ";" \
	"DROP FUNCTION IF EXISTS measures_" name "();"

#include "store/measures/measures_triggers.h"

const char SCHEMA_PG_M004_MEASURES[] =
    "CREATE TABLE measures_facts ("
    " kind BIGINT NOT NULL, day TEXT NOT NULL, record_id BIGINT NOT NULL,"
    " person_id BIGINT NOT NULL, team_id BIGINT, date2 TEXT, dob TEXT,"
    " sex TEXT, ethnicity TEXT,"
    " v0 BIGINT, v1 BIGINT, v2 BIGINT, v3 BIGINT, v4 BIGINT,"
    " v5 BIGINT, v6 BIGINT, v7 BIGINT, v8 BIGINT, v9 BIGINT,"
    " v10 BIGINT, v11 BIGINT, v12 BIGINT, v13 BIGINT, v14 BIGINT,"
    " v15 BIGINT, v16 BIGINT, v17 BIGINT,"
    " PRIMARY KEY (kind, day, record_id));"
    "CREATE INDEX measures_facts_person ON measures_facts(person_id);"
    "CREATE TABLE measures_bulk (active BIGINT NOT NULL);"
    "CREATE INDEX measures_offences_arrest ON yj_offences(arrest_date)"
    " WHERE arrest_date IS NOT NULL;"
    MEASURES_M004_TRIGGERS
    REBUILD_ALL(1);

/* Migration 5: entered in error reaches the measures (schema_measures.c). */
const char SCHEMA_PG_M005_MEASURES_ENTERED_IN_ERROR[] =
    MEASURES_M005_TRIGGERS
    REBUILD_ALL(2);

/* Migration 14: KPIs 1 and 2 count releases from custody too. */
const char SCHEMA_PG_M014_NATIONAL_RULES[] =
    MEASURES_M014_TRIGGERS
    REBUILD_ALL(3);

/* Migration 20: the disposal measures read the summary. Then the table
 * is rewritten in its key's order (kind, day, record), as SQLite's WITHOUT
 * ROWID table always is, so that reading one kind's facts over a period
 * (store_measures_scan, with SQL_BEFORE_SUMMARY_SCAN) reads only that
 * range's pages (bench/README.md, "Issue 11 §2"). */
const char SCHEMA_PG_M020_DISPOSAL_FACTS[] =
    MEASURES_M020_TRIGGERS
    SQL_BEFORE_REBUILD
    REBUILD_ALL(4)
    "CLUSTER measures_facts USING measures_facts_pkey;"
    "ANALYZE measures_facts;";

/* Migration 22: parents-seen reads the summary (schema_measures.c). The
 * key gains the person (emptied first: every fact is recomputed), the
 * parents-seen facts are indexed by child, and the table is rewritten in
 * its key's order again after the rebuild, as migration 20 did. */
const char SCHEMA_PG_M022_PARENTS_SEEN_FACTS[] =
    "TRUNCATE measures_facts;"
    "ALTER TABLE measures_facts DROP CONSTRAINT measures_facts_pkey;"
    "ALTER TABLE measures_facts ADD CONSTRAINT measures_facts_pkey"
    " PRIMARY KEY (kind, day, record_id, person_id);"
    "CREATE INDEX measures_facts_seen_child ON measures_facts(v2) WHERE"
    SEEN_KINDS ";"
    MEASURES_M022_TRIGGERS
    "ANALYZE families, family_members, contacts, contact_attendees, teams;"
    SQL_BEFORE_REBUILD
    REBUILD_ALL(5)
    "CLUSTER measures_facts USING measures_facts_pkey;"
    "ANALYZE measures_facts;";

/* Migration 23: parent-engagement reads the summary (schema_measures.c):
 * only the new kinds are computed, after fresh statistics of the tables
 * they read. Not clustered again: the new facts are written together, at
 * the table's end, in one statement per kind. */
const char SCHEMA_PG_M023_ENGAGEMENT_FACTS[] =
    MEASURES_M023_TRIGGERS
    "ANALYZE cases, people, parent_supports;"
    "DELETE FROM measures_facts WHERE" ENGAGED_KINDS ";"
    FACTS_ENGAGED("NULL", ON_ALL, 6)
    "ANALYZE measures_facts;";

/* Migration 24: a change of a service's code or id recomputes the
 * parents-seen and parent-engagement facts (schema_measures.c). */
const char SCHEMA_PG_M024_SERVICES_SEEN[] =
    MEASURES_M024_TRIGGERS;
/* Migration 27: KPIs 1 and 2 count a remand to youth detention once
 * (rules generation 7, measures/schema_measures_releases.c). PostgreSQL's
 * trigger functions hold the rules inline, so every function recomputing
 * the ended interventions' or the releases' facts is made again
 * (measures_triggers.h), and only those two kinds are recomputed. */
const char SCHEMA_PG_M027_KPI_RELEASES[] =
    MEASURES_M027_TRIGGERS
    "ANALYZE yj_outcomes, yj_kpi_snapshots;"
    REBUILD_ENDS_RELEASES(7)
    "ANALYZE measures_facts;";
/* clang-format on */

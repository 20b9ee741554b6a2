/*
 * schema_measures.c - migration 4: the measures' summary, measures_facts,
 * one row per fact a measure counts (docs/measures.md), kept exactly
 * consistent with the youth justice records by triggers that recompute,
 * in the same transaction as any write, the facts of the child it touches
 * - only the kinds of fact that read the table written. The rules' SQL is
 * shared with the from-scratch path (store/measures_sql.h), and
 * tests/unit/test_measures.c compares the two after random writes.
 *
 * measures_bulk holds a row only inside a bulk load (the benchmark
 * generator): the triggers stand aside and the loader rebuilds the
 * summary before it commits.
 *
 * Like every migration this text never changes once shipped.
 */
#include "store/measures_sql.h"
#include "store/schema.h"

/* clang-format off */
#define UNLESS_BULK " WHEN NOT EXISTS (SELECT 1 FROM measures_bulk)"

/* A trigger running refresh (of the person it names) after event ev on
 * table t. */
#define TRIGGER(name, ev, t, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t UNLESS_BULK \
	" BEGIN " refresh " END;"

/* Insert, update and delete triggers on table t (rows with person_id),
 * refreshing the kinds of fact R reads from it. */
#define ON_CHILD_TABLE(t, R) \
	TRIGGER(t "_ai", "INSERT", t, R("NEW.person_id")) \
	TRIGGER(t "_au", "UPDATE", t, R("NEW.person_id")) \
	TRIGGER(t "_ad", "DELETE", t, R("OLD.person_id"))

/* A link concerns the child of its outcome and of its offence. */
#define LINK_PEOPLE(r) \
	R_LINKS("(SELECT person_id FROM yj_outcomes WHERE id = " r \
	        ".outcome_id)") \
	R_LINKS("(SELECT person_id FROM yj_offences WHERE id = " r \
	        ".offence_id)")

const char SCHEMA_M004_MEASURES[] =
    "CREATE TABLE measures_facts ("
    " kind INTEGER NOT NULL, day TEXT NOT NULL, record_id INTEGER NOT NULL,"
    " person_id INTEGER NOT NULL, team_id INTEGER, date2 TEXT, dob TEXT,"
    " sex TEXT, ethnicity TEXT,"
    " v0 INTEGER, v1 INTEGER, v2 INTEGER, v3 INTEGER, v4 INTEGER,"
    " v5 INTEGER, v6 INTEGER, v7 INTEGER, v8 INTEGER, v9 INTEGER,"
    " v10 INTEGER, v11 INTEGER, v12 INTEGER, v13 INTEGER, v14 INTEGER,"
    " v15 INTEGER, v16 INTEGER, v17 INTEGER,"
    " PRIMARY KEY (kind, day, record_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX measures_facts_person ON measures_facts(person_id);"
    "CREATE TABLE measures_bulk (active INTEGER NOT NULL) STRICT;"
    "CREATE INDEX measures_offences_arrest ON yj_offences(arrest_date)"
    " WHERE arrest_date IS NOT NULL;"
    /* The records' triggers. */
    ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES)
    ON_CHILD_TABLE("yj_offences", R_OFFENCES)
    ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION)
    ON_CHILD_TABLE("yj_victims", R_VICTIM)
    ON_CHILD_TABLE("yj_assessments", R_ASSESSMENT)
    TRIGGER("yj_outcome_offences_ai", "INSERT", "yj_outcome_offences",
            LINK_PEOPLE("NEW"))
    TRIGGER("yj_outcome_offences_au", "UPDATE", "yj_outcome_offences",
            LINK_PEOPLE("NEW"))
    TRIGGER("yj_outcome_offences_ad", "DELETE", "yj_outcome_offences",
            LINK_PEOPLE("OLD"))
    /* A child's date of birth, sex or ethnicity; the team holding a case:
     * every kind. */
    TRIGGER("people_au", "UPDATE OF date_of_birth, sex, ethnicity", "people",
            REFRESH_PERSON("NEW.id"))
    TRIGGER("cases_au", "UPDATE OF team_id, person_id", "cases",
            REFRESH_PERSON("NEW.person_id"))
    /* The facts of what is already recorded. */
    REBUILD_ALL;
/* clang-format on */

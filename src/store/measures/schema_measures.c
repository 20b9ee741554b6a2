/*
 * schema_measures.c - migration 4: the measures' summary, measures_facts,
 * one row per fact a measure counts (docs/measures.md), kept exactly
 * consistent with the youth justice records by triggers that recompute,
 * in the same transaction as any write, the facts of the child it touches
 * - only the kinds of fact that read the table written. The rules' SQL is
 * shared with the from-scratch path (store/measures/measures_sql.h), and
 * tests/unit/test_measures.c compares the two after random writes.
 *
 * measures_bulk holds a row only inside a bulk load (the benchmark
 * generator): the triggers stand aside and the loader rebuilds the
 * summary before it commits.
 *
 * Like every migration this text never changes once shipped.
 */
#include "store/measures/measures_sql.h"
#include "store/schema.h"

/* clang-format off */
#define UNLESS_BULK " WHEN NOT EXISTS (SELECT 1 FROM measures_bulk)"

/* A trigger running refresh (of the person it names) after event ev on
 * table t. */
#define TRIGGER(name, ev, t, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t UNLESS_BULK \
	" BEGIN " refresh " END;"

/* Insert, update and delete triggers on table t (rows with person_id),
 * refreshing the kinds of fact R reads from it (rules generation G). */
#define ON_CHILD_TABLE(t, R, G) \
	TRIGGER(t "_ai", "INSERT", t, R("NEW.person_id", G)) \
	TRIGGER(t "_au", "UPDATE", t, R("NEW.person_id", G)) \
	TRIGGER(t "_ad", "DELETE", t, R("OLD.person_id", G))

/* A link concerns the child of its outcome and of its offence. */
#define LINK_PEOPLE(r, G) \
	R_LINKS("(SELECT person_id FROM yj_outcomes WHERE id = " r \
	        ".outcome_id)", G) \
	R_LINKS("(SELECT person_id FROM yj_offences WHERE id = " r \
	        ".offence_id)", G)

/* The triggers on the records' tables, rules generation G. */
#define RECORD_TRIGGERS(G) \
	ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES, G) \
	ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION, G) \
	ON_CHILD_TABLE("yj_victims", R_VICTIM, G) \
	ON_CHILD_TABLE("yj_assessments", R_ASSESSMENT, G) \
	TRIGGER("yj_outcome_offences_ai", "INSERT", "yj_outcome_offences", \
	        LINK_PEOPLE("NEW", G)) \
	TRIGGER("yj_outcome_offences_au", "UPDATE", "yj_outcome_offences", \
	        LINK_PEOPLE("NEW", G)) \
	TRIGGER("yj_outcome_offences_ad", "DELETE", "yj_outcome_offences", \
	        LINK_PEOPLE("OLD", G))

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
    ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES, 1)
    ON_CHILD_TABLE("yj_offences", R_OFFENCES, 1)
    ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION, 1)
    ON_CHILD_TABLE("yj_victims", R_VICTIM, 1)
    ON_CHILD_TABLE("yj_assessments", R_ASSESSMENT, 1)
    TRIGGER("yj_outcome_offences_ai", "INSERT", "yj_outcome_offences",
            LINK_PEOPLE("NEW", 1))
    TRIGGER("yj_outcome_offences_au", "UPDATE", "yj_outcome_offences",
            LINK_PEOPLE("NEW", 1))
    TRIGGER("yj_outcome_offences_ad", "DELETE", "yj_outcome_offences",
            LINK_PEOPLE("OLD", 1))
    /* A child's date of birth, sex or ethnicity; the team holding a case:
     * every kind. */
    TRIGGER("people_au", "UPDATE OF date_of_birth, sex, ethnicity", "people",
            REFRESH_PERSON("NEW.id", 1))
    TRIGGER("cases_au", "UPDATE OF team_id, person_id", "cases",
            REFRESH_PERSON("NEW.person_id", 1))
    /* The facts of what is already recorded. */
    REBUILD_ALL(1);

/* As TRIGGER, only when the SQL condition cond also holds. */
#define TRIGGER_WHEN(name, ev, t, cond, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t UNLESS_BULK \
	" AND (" cond ") BEGIN " refresh " END;"

/* Portable tests of what an update changed. */
#define CHANGED(col) \
	"COALESCE(OLD." col ", '') <> COALESCE(NEW." col ", '')"
#define FLAG(x) "CASE WHEN " x " THEN 1 ELSE 0 END"
#define EIE_CHANGED FLAG(EIE("OLD")) " <> " FLAG(EIE("NEW"))

/* Every trigger migration 4 made, to be replaced. */
#define DROP_TRIGGERS(t) \
	"DROP TRIGGER IF EXISTS measures_" t "_ai;" \
	"DROP TRIGGER IF EXISTS measures_" t "_au;" \
	"DROP TRIGGER IF EXISTS measures_" t "_ad;"

/*
 * Migration 5: entered in error reaches the measures (rules generation
 * 2, docs/measures.md). A person or case closed as entered in error takes
 * every record hanging from it out of every measure, and reopening it
 * brings them back; a victim record goes with its offence or with the
 * victim's own person record. So the triggers are recreated with the new
 * rules, people and cases also refresh on closing and reopening (and a
 * case moved to another child refreshes both children), an offence also
 * refreshes its victims' facts, and the summary is rebuilt.
 */
const char SCHEMA_M005_MEASURES_ENTERED_IN_ERROR[] =
    DROP_TRIGGERS("yj_outcomes")
    DROP_TRIGGERS("yj_offences")
    DROP_TRIGGERS("yj_kpi_snapshots")
    DROP_TRIGGERS("yj_victims")
    DROP_TRIGGERS("yj_assessments")
    DROP_TRIGGERS("yj_outcome_offences")
    "DROP TRIGGER IF EXISTS measures_people_au;"
    "DROP TRIGGER IF EXISTS measures_cases_au;"
    RECORD_TRIGGERS(2)
    ON_CHILD_TABLE("yj_offences", R_OFFENCES_VICTIMS, 2)
    /* A person: their own facts as a child, and the victim facts of the
     * children who offended against them. */
    /* Only when what the facts read changed: every edit of a person or
     * case writes all its columns. */
    TRIGGER_WHEN("people_au", "UPDATE OF date_of_birth, sex, ethnicity,"
                 " closed_at, closed_reason", "people",
                 CHANGED("date_of_birth") " OR " CHANGED("sex") " OR "
                 CHANGED("ethnicity") " OR " EIE_CHANGED,
                 REFRESH_PERSON("NEW.id", 2) REFRESH_VICTIMS_OF("NEW.id", 2))
    TRIGGER_WHEN("cases_au", "UPDATE OF team_id, person_id, closed_at,"
                 " closed_reason", "cases",
                 "OLD.team_id <> NEW.team_id OR OLD.person_id <>"
                 " NEW.person_id OR " EIE_CHANGED,
                 REFRESH_PERSON("NEW.person_id", 2))
    TRIGGER_WHEN("cases_au_moved", "UPDATE OF person_id", "cases",
                 "OLD.person_id <> NEW.person_id",
                 REFRESH_PERSON("OLD.person_id", 2))
    REBUILD_ALL(2);

/*
 * Migration 14: KPIs 1 and 2 also count children on release from custody
 * (rules generation 3, docs/measures.md). A new kind of fact, the release
 * with its release KPI snapshot (MK_RELEASE), follows its outcome and its
 * snapshot; a person's or case's own triggers are recreated with
 * generation 3, whose refresh of a person recomputes that kind too (it
 * deletes every fact of the person first). Then the summary is rebuilt.
 */
const char SCHEMA_M014_NATIONAL_RULES[] =
    TRIGGER("yj_outcomes_release_ai", "INSERT", "yj_outcomes",
            R_RELEASE("NEW.person_id", 3))
    TRIGGER("yj_outcomes_release_au", "UPDATE", "yj_outcomes",
            R_RELEASE("NEW.person_id", 3) R_RELEASE("OLD.person_id", 3))
    TRIGGER("yj_outcomes_release_ad", "DELETE", "yj_outcomes",
            R_RELEASE("OLD.person_id", 3))
    TRIGGER("yj_kpi_snapshots_release_ai", "INSERT", "yj_kpi_snapshots",
            R_RELEASE("NEW.person_id", 3))
    TRIGGER("yj_kpi_snapshots_release_au", "UPDATE", "yj_kpi_snapshots",
            R_RELEASE("NEW.person_id", 3) R_RELEASE("OLD.person_id", 3))
    TRIGGER("yj_kpi_snapshots_release_ad", "DELETE", "yj_kpi_snapshots",
            R_RELEASE("OLD.person_id", 3))
    "DROP TRIGGER IF EXISTS measures_people_au;"
    "DROP TRIGGER IF EXISTS measures_cases_au;"
    "DROP TRIGGER IF EXISTS measures_cases_au_moved;"
    TRIGGER_WHEN("people_au", "UPDATE OF date_of_birth, sex, ethnicity,"
                 " closed_at, closed_reason", "people",
                 CHANGED("date_of_birth") " OR " CHANGED("sex") " OR "
                 CHANGED("ethnicity") " OR " EIE_CHANGED,
                 REFRESH_PERSON("NEW.id", 3) REFRESH_VICTIMS_OF("NEW.id", 3))
    TRIGGER_WHEN("cases_au", "UPDATE OF team_id, person_id, closed_at,"
                 " closed_reason", "cases",
                 "OLD.team_id <> NEW.team_id OR OLD.person_id <>"
                 " NEW.person_id OR " EIE_CHANGED,
                 REFRESH_PERSON("NEW.person_id", 3))
    TRIGGER_WHEN("cases_au_moved", "UPDATE OF person_id", "cases",
                 "OLD.person_id <> NEW.person_id",
                 REFRESH_PERSON("OLD.person_id", 3))
    REBUILD_ALL(3);
/* clang-format on */

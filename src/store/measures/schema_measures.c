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
#include "store/schema.h"

#include "store/measures/schema_measures_sqlite.h"

/* clang-format off */
#include "store/measures/measures_triggers.h"

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
    MEASURES_M004_TRIGGERS
    /* The facts of what is already recorded. */
    REBUILD_ALL(1);

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
    MEASURES_M005_TRIGGERS
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
    MEASURES_M014_TRIGGERS
    REBUILD_ALL(3);

/*
 * Migration 20: the disposal measures (disposals, interventions started,
 * offence outcomes, diversion) read the summary (rules generation 4,
 * docs/measures.md): three kinds of fact - each disposal by its outcome
 * date (MK_DISPOSAL), each intervention started on one by its start date
 * (MK_STARTED), each offence by its first disposal (MK_OFFENCE_OUTCOME) -
 * follow outcomes, offences and links; a person's or case's own triggers
 * are recreated with generation 4. Then the summary is rebuilt.
 */
const char SCHEMA_M020_DISPOSAL_FACTS[] =
    MEASURES_M020_TRIGGERS
    REBUILD_ALL(4);

/*
 * Migration 22: parents-seen reads the summary (rules generation 5,
 * docs/measures.md): a fact per point of an intervention and parent of
 * the child (kinds 17-19, measures_seen_sql.h), so several facts share a
 * kind, day and record (one per parent) and the key gains the person.
 * measures_facts is made again with that key (its facts are all
 * recomputed below; no trigger is on the table itself), with an index of
 * the parents-seen facts by child (v2) for the triggers that recompute a
 * child's; then the triggers of what a point, a parent or a contact is
 * made of (measures_triggers.h), a person's and case's own triggers with
 * generation 5, and the summary is rebuilt.
 */
const char SCHEMA_M022_PARENTS_SEEN_FACTS[] =
    "DROP TABLE measures_facts;"
    "CREATE TABLE measures_facts ("
    " kind INTEGER NOT NULL, day TEXT NOT NULL, record_id INTEGER NOT NULL,"
    " person_id INTEGER NOT NULL, team_id INTEGER, date2 TEXT, dob TEXT,"
    " sex TEXT, ethnicity TEXT,"
    " v0 INTEGER, v1 INTEGER, v2 INTEGER, v3 INTEGER, v4 INTEGER,"
    " v5 INTEGER, v6 INTEGER, v7 INTEGER, v8 INTEGER, v9 INTEGER,"
    " v10 INTEGER, v11 INTEGER, v12 INTEGER, v13 INTEGER, v14 INTEGER,"
    " v15 INTEGER, v16 INTEGER, v17 INTEGER,"
    " PRIMARY KEY (kind, day, record_id, person_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX measures_facts_person ON measures_facts(person_id);"
    "CREATE INDEX measures_facts_seen_child ON measures_facts(v2) WHERE"
    SEEN_KINDS ";"
    MEASURES_M022_TRIGGERS
    REBUILD_ALL(5);

/*
 * Migration 23: parent-engagement reads the summary (rules generation 6,
 * docs/measures.md): each youth justice case of a child and each parent's
 * support on it (agreed, started, cut to the case) as a span, kinds 20
 * and 21 (measures_family_sql.h), cut to the range when read. Its
 * triggers (supports, cases, a parent entered in error) and a person's
 * and case's own with generation 6 (measures_triggers.h); then only the
 * new kinds are computed: generation 6 changes no other kind's rule.
 */
const char SCHEMA_M023_ENGAGEMENT_FACTS[] =
    MEASURES_M023_TRIGGERS
    "DELETE FROM measures_facts WHERE" ENGAGED_KINDS ";"
    FACTS_ENGAGED("NULL", ON_ALL, 6);

/*
 * Migration 24: a change of a service's code or id recomputes the
 * parents-seen and parent-engagement facts, which read services by code
 * (measures_triggers.h). The facts are exact already: nothing is rebuilt.
 */
const char SCHEMA_M024_SERVICES_SEEN[] =
    MEASURES_M024_TRIGGERS;
/* clang-format on */

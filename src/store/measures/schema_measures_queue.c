/*
 * schema_measures_queue.c - migration 26 on SQLite: the summary's
 * triggers write each rule once (docs/measures.md, "The summary").
 *
 * Every SQLite connection parses the whole schema when it opens, and the
 * summary's triggers (measures_triggers.h) had grown to 354 KB: each of
 * 78 triggers carried its own copy of the rules it recomputes, so
 * opening a connection cost about 72 M instructions, twice at start-up
 * (the writer and the first reader; bench/README.md, "Start-up").
 *
 * From this migration a trigger on the records only names what to
 * recompute: it queues the people (measures_queue: a code and a person
 * id per row) and then asks for the code to run (a row in the code's
 * measures_go_<code>). One trigger per code on that table holds that
 * code's rule once,
 * recomputes the facts of every queued person as one set, then empties
 * the code's queue. The codes are the kinds of fact (QC_* below), and
 * three for the facts that belong to a parent or a child rather than to
 * the person of the record: the parents-seen facts by parent and by
 * child, and the parent-engagement facts. The records' triggers keep
 * their names, events, conditions and order (they are made again here in
 * the order the migrations made them, 5 to 24), and each recomputes the
 * same kinds, in the same order, of the same people as before (a set
 * stays a set: a case moved from one child to another still recomputes
 * both children's parents-seen facts in one statement). The rules are
 * the current generation's (6); nothing is rebuilt, as no rule changes.
 *
 * PostgreSQL keeps its trigger functions (store/pg/schema_pg_measures.c):
 * a PostgreSQL session compiles a function when it first calls it, not
 * when it connects, so its migration 26 does nothing.
 *
 * Like every migration this text never changes once shipped.
 */
#include "store/db.h"
#include "store/schema.h"

/* clang-format off */

/* First the records' triggers as the migrations 5 to 24 left them are
 * dropped (migration 4's were all dropped by migration 5): the same list
 * of triggers, each written as its DROP. */
#define MEASURES_TRIGGER(name, ev, t, refresh) \
	"DROP TRIGGER IF EXISTS measures_" name ";"
#define MEASURES_TRIGGER_WHEN(name, ev, t, cond, refresh) \
	"DROP TRIGGER IF EXISTS measures_" name ";"
#define MEASURES_DROP_TRIGGER(name, t) ""

#include "store/measures/measures_triggers.h"

#define RECORD_TRIGGERS_NOW \
	MEASURES_M005_TRIGGERS MEASURES_M014_TRIGGERS \
	MEASURES_M020_TRIGGERS MEASURES_M022_TRIGGERS \
	MEASURES_M023_TRIGGERS MEASURES_M024_TRIGGERS

/* The codes of the queue: a kind of fact of the queued person, or the
 * parents-seen facts of the queued parent (QC_SEEN_PARENT) or child
 * (QC_SEEN_CHILD), or the parent-engagement facts of the queued child
 * (QC_ENGAGED). Each has a table of its own to ask for it to run
 * (measures_go_<code>): a trigger with a WHEN runs its program to test
 * the condition, so one table for all codes would start every code's
 * program (and zero its registers) on each request. */
#define QC_SEEN_PARENT "17"
#define QC_SEEN_CHILD "18"
#define QC_ENGAGED "20"
#define EACH_CODE(X) \
	X(MK_FIRST) X(MK_INDEX) X(MK_CUSTODY) X(MK_ARREST) X(MK_COURT) \
	X(MK_INTERVENTION) X(MK_PROVEN) X(MK_VICTIM) X(MK_ASSESSMENT) \
	X(MK_RELEASE) X(MK_DISPOSAL) X(MK_STARTED) X(MK_OFFENCE_OUTCOME) \
	X(QC_SEEN_PARENT) X(QC_SEEN_CHILD) X(QC_ENGAGED)
#define GO_TABLE(c) "CREATE TABLE measures_go_" c " (go INTEGER) STRICT;"
#define GO_TABLES EACH_CODE(GO_TABLE)

const char SCHEMA_M026_MEASURES_QUEUE[] =
    RECORD_TRIGGERS_NOW
    "CREATE TABLE measures_queue (code INTEGER NOT NULL,"
    " person_id INTEGER) STRICT;"
    "CREATE INDEX measures_queue_code ON measures_queue(code);"
    GO_TABLES;

/* Then they are made again, as they were and in the same order, with
 * bodies that queue. */
#undef MEASURES_TRIGGER
#undef MEASURES_TRIGGER_WHEN
#undef MEASURES_DROP_TRIGGER
/* clang-format on */
#include "store/measures/schema_measures_run.h"
#include "store/measures/schema_measures_sqlite.h"
/* clang-format off */

#define RUN_TRIGGERS \
	RUN_KIND(MK_FIRST, V1, Q_FIRST, "o.person_id", 6) \
	RUN_KIND(MK_INDEX, V1, Q_INDEX, "o.person_id", 6) \
	RUN_KIND(MK_CUSTODY, V1, Q_CUSTODY, "o.person_id", 6) \
	RUN_KIND(MK_ARREST, "", Q_ARREST, "f.person_id", 6) \
	RUN_KIND(MK_COURT, V1, Q_COURT, "o.person_id", 6) \
	RUN_INTERVENTION(6) \
	RUN_KIND(MK_PROVEN, V1, Q_PROVEN, "f.person_id", 6) \
	RUN_KIND(MK_VICTIM, V6, Q_VICTIM, "v.person_id", 6) \
	RUN_KIND(MK_ASSESSMENT, V1, Q_ASSESSMENT, "a.person_id", 6) \
	RUN_RELEASE(6) \
	RUN_KIND(MK_DISPOSAL, V4, Q_DISPOSAL, "o.person_id", 6) \
	RUN_KIND(MK_STARTED, V4, Q_STARTED, "o.person_id", 6) \
	RUN_KIND(MK_OFFENCE_OUTCOME, V2, Q_OFFENCE_OUTCOME, "f.person_id", 6) \
	RUN(QC_SEEN_PARENT, R_SEEN_BY("p.id", "person_id", ON_PEOPLE, \
	    QUEUED(QC_SEEN_PARENT), " IN (" QUEUED(QC_SEEN_PARENT) ")", 6)) \
	RUN(QC_SEEN_CHILD, R_SEEN_BY("c.person_id", "v2", ON_PEOPLE, \
	    QUEUED(QC_SEEN_CHILD), " IN (" QUEUED(QC_SEEN_CHILD) ")", 6)) \
	RUN(QC_ENGAGED, R_ENGAGED_BY(ON_PEOPLE, QUEUED(QC_ENGAGED), \
	    " IN (" QUEUED(QC_ENGAGED) ")", 6))

/* What the records' triggers now say: queue person X (an expression) or
 * the set S (a SELECT of ids) for code c, then run it. */
#define GO(c) "INSERT INTO measures_go_" c "(go) VALUES (1);"
#define ONE(c, X) \
	"INSERT INTO measures_queue(code, person_id) VALUES (" c ", " X ");" \
	GO(c)
#define SET(c, S) \
	"INSERT INTO measures_queue(code, person_id) SELECT " c ", * FROM (" \
	S ");" GO(c)

/* The refreshes measures_triggers.h names, in the order their rules
 * recompute the kinds; the generation is always the current one. */
#undef R_FIRST
#undef R_INDEX
#undef R_CUSTODY
#undef R_ARREST
#undef R_COURT
#undef R_INTERVENTION
#undef R_PROVEN
#undef R_VICTIM
#undef R_ASSESSMENT
#undef R_RELEASE
#undef R_DISPOSAL
#undef R_STARTED
#undef R_OFFENCE_OUTCOME
#undef R_SEEN_PARENT
#undef R_SEEN_CHILD
#undef R_SEEN_PARENTS
#undef R_SEEN_CHILDREN
#undef R_ENGAGED_CHILD
#undef R_ENGAGED_CHILDREN
#undef REFRESH_PERSON
#undef REFRESH_VICTIMS_OF
#define R_FIRST(X, G) ONE(MK_FIRST, X)
#define R_INDEX(X, G) ONE(MK_INDEX, X)
#define R_CUSTODY(X, G) ONE(MK_CUSTODY, X)
#define R_ARREST(X, G) ONE(MK_ARREST, X)
#define R_COURT(X, G) ONE(MK_COURT, X)
#define R_INTERVENTION(X, G) ONE(MK_INTERVENTION, X)
#define R_PROVEN(X, G) ONE(MK_PROVEN, X)
#define R_VICTIM(X, G) ONE(MK_VICTIM, X)
#define R_ASSESSMENT(X, G) ONE(MK_ASSESSMENT, X)
#define R_RELEASE(X, G) ONE(MK_RELEASE, X)
#define R_DISPOSAL(X, G) ONE(MK_DISPOSAL, X)
#define R_STARTED(X, G) ONE(MK_STARTED, X)
#define R_OFFENCE_OUTCOME(X, G) ONE(MK_OFFENCE_OUTCOME, X)
#define R_SEEN_PARENT(X, G) ONE(QC_SEEN_PARENT, X)
#define R_SEEN_CHILD(X, G) ONE(QC_SEEN_CHILD, X)
#define R_SEEN_PARENTS(S, G) SET(QC_SEEN_PARENT, S)
#define R_SEEN_CHILDREN(S, G) SET(QC_SEEN_CHILD, S)
#define R_ENGAGED_CHILD(X, G) ONE(QC_ENGAGED, X)
#define R_ENGAGED_CHILDREN(S, G) SET(QC_ENGAGED, S)
/* Every fact of person X: each kind FACTS_OF recomputes, in its order
 * (measures_sql.h; generation 6: FACTS_MORE6). */
#define REFRESH_PERSON(X, G) \
	ONE(MK_FIRST, X) ONE(MK_INDEX, X) ONE(MK_CUSTODY, X) \
	ONE(MK_ARREST, X) ONE(MK_COURT, X) ONE(MK_INTERVENTION, X) \
	ONE(MK_PROVEN, X) ONE(MK_VICTIM, X) ONE(MK_ASSESSMENT, X) \
	ONE(MK_RELEASE, X) ONE(MK_DISPOSAL, X) ONE(MK_STARTED, X) \
	ONE(MK_OFFENCE_OUTCOME, X) ONE(QC_SEEN_PARENT, X) ONE(QC_ENGAGED, X)
/* The victim facts of the children whose victim records name X. */
#define REFRESH_VICTIMS_OF(X, G) \
	SET(MK_VICTIM, "SELECT person_id FROM yj_victims WHERE victim_id = " X)

static const char queue_sql[] =
    RUN_TRIGGERS
    RECORD_TRIGGERS_NOW;
/* clang-format on */

/* Migration 26's fill: the triggers (after its text dropped the old ones
 * and made the queue). Not in `spire schema-sql`, as no fill is. */
int
schema_m026_measures_queue(struct db *db, struct err *e)
{
	return db_exec(db, queue_sql, e);
}

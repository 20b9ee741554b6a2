/*
 * schema_measures_run.h - SQLite's triggers that recompute one kind of
 * fact for the people queued for it (migration 26, schema_measures_queue.c;
 * migration 27 makes two of them again with generation 7,
 * schema_measures_releases.c). Each rule's text is in one trigger,
 * measures_run_<code>, on the code's table measures_go_<code>.
 */
#ifndef SPIRE_STORE_MEASURES_SCHEMA_MEASURES_RUN_H
#define SPIRE_STORE_MEASURES_SCHEMA_MEASURES_RUN_H

#include "store/measures/measures_disposals_sql.h"
#include "store/measures/measures_family_sql.h"
#include "store/measures/measures_seen_sql.h"
#include "store/measures/measures_sql.h"

/* clang-format off */

/* The people queued for code c, as a set. */
#define QUEUED(c) "SELECT person_id FROM measures_queue WHERE code = " c

/* Kind k of the set S (R_KIND for a set of people), rules generation G. */
#define R_KIND_SET(k, vs, q, col, S, G) \
	"DELETE FROM measures_facts WHERE person_id IN (" S ") AND kind = " \
	k ";" FACT_INSERT(k, vs, q(ON_PEOPLE(col, S), G))

/* The trigger running code c on the people queued for it, then emptying
 * its queue. */
#define RUN(c, refresh) \
	"CREATE TRIGGER measures_run_" c " AFTER INSERT ON measures_go_" c \
	" BEGIN " refresh " DELETE FROM measures_queue WHERE code = " c ";" \
	" DELETE FROM measures_go_" c "; END;"
#define RUN_KIND(k, vs, q, col, G) \
	RUN(k, R_KIND_SET(k, vs, q, col, QUEUED(k), G))

/* The two kinds generation 7 changes (measures_sql.h). */
#define RUN_INTERVENTION(G) \
	RUN_KIND(MK_INTERVENTION, V18, Q_INTERVENTION, "o.person_id", G)
#define RUN_RELEASE(G) RUN_KIND(MK_RELEASE, V18, Q_RELEASE, "o.person_id", G)

/* clang-format on */

#endif

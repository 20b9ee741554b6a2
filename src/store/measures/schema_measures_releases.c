/*
 * schema_measures_releases.c - migration 27 on SQLite: KPIs 1 and 2
 * count a remand to youth detention once (rules generation 7,
 * docs/measures.md, "And at release"). A release is only from a detention
 * and training order or a custodial sentence (a remand released on bail
 * counted at its end and again at its release, the same day), and the
 * end of a remand to youth detention the child was not released from (it
 * ended in a custodial sentence) is marked in v15 so that KPIs 1 and 2
 * leave it out: the child is counted when released from the sentence.
 *
 * Since migration 26 each rule's text is in one trigger,
 * measures_run_<code> (schema_measures_queue.c): the records' triggers
 * only queue people, so only the two codes whose rules change are made
 * again, and only those two kinds of fact are recomputed.
 *
 * Like every migration this text never changes once shipped.
 */
#include "store/measures/schema_measures_run.h"
#include "store/schema.h"

/* clang-format off */
const char SCHEMA_M027_KPI_RELEASES[] =
    "DROP TRIGGER measures_run_" MK_INTERVENTION ";"
    "DROP TRIGGER measures_run_" MK_RELEASE ";"
    RUN_INTERVENTION(7)
    RUN_RELEASE(7)
    REBUILD_ENDS_RELEASES(7);
/* clang-format on */

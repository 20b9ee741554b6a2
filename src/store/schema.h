/*
 * schema.h - numbered migrations that create and evolve Spire's tables.
 */
#ifndef SPIRE_SCHEMA_H
#define SPIRE_SCHEMA_H

#include "core/err.h"
#include "store/db.h"

/*
 * Apply every migration not yet recorded in schema_migrations, each in its
 * own transaction, so a crash part-way leaves either the old or the new
 * schema and a re-run carries on. Returns 0 or a SPIRE_E* code.
 */
int schema_migrate(struct db *db, struct err *e);

/*
 * The access log (migration 18) must be there once that migration is
 * recorded. On SQLite it is a file of its own beside the database
 * (docs/audit.md); if it was deleted, or a backup of the database was
 * restored without it, SQLite attaches a new empty file (or, read-only,
 * an empty in-memory schema) and no read could be audited. Returns 0
 * (present, or the database is older than migration 18), or SPIRE_EDB
 * with a message saying what to do; schema_migrate() ends with it.
 */
int schema_access_log_check(struct db *db, struct err *e);

/* Migration texts kept in their own files (schema_yj.c...). */
extern const char SCHEMA_M002_YOUTH_JUSTICE[];
extern const char SCHEMA_M004_MEASURES[];
extern const char SCHEMA_M005_MEASURES_ENTERED_IN_ERROR[];
extern const char SCHEMA_M014_NATIONAL_RULES[];
extern const char SCHEMA_M020_DISPOSAL_FACTS[];
extern const char SCHEMA_M022_PARENTS_SEEN_FACTS[];
extern const char SCHEMA_M023_ENGAGEMENT_FACTS[];
extern const char SCHEMA_M024_SERVICES_SEEN[];
/* Why an assessment is for none of the interventions due one: portable
 * SQL, the same on both backends. */
extern const char SCHEMA_M025_ASSESSMENT_NO_INTERVENTION[];
/* SQLite only: the summary's triggers queue the people whose facts to
 * recompute, and one trigger per kind recomputes them
 * (schema_measures_queue.c); the fill makes those triggers. */
extern const char SCHEMA_M026_MEASURES_QUEUE[];
int schema_m026_measures_queue(struct db *db, struct err *e);
/* KPIs 1 and 2 count a remand to youth detention once: SQLite's two
 * run triggers made again with rules generation 7, those two kinds of
 * fact recomputed (schema_measures_releases.c). */
extern const char SCHEMA_M027_KPI_RELEASES[];
extern const char SCHEMA_M007_FORMS[];
extern const char SCHEMA_M009_PARENTING[];
extern const char SCHEMA_M010_PEER_SUPPORT[];
extern const char SCHEMA_M011_FAMILY_PLAN[];
extern const char SCHEMA_M016_CONTACTS_COURT[];

/* The highest migration number this build knows. */
int schema_latest(void);

/* Called by schema_texts() for each migration in order: its number, its
 * name and its SQL (static strings). */
typedef void (*schema_text_fn)(void *arg, int number, const char *name,
                               const char *sql);

/*
 * Each migration's SQL for the backend named backend ("sqlite",
 * "postgresql"; db_backend_name()), in the order the runner applies them,
 * first the bookkeeping table's (number 0, "schema_migrations"): for
 * `spire schema-sql` and the schema parity test. The fill steps' rows are
 * not in it. Returns 0, or -1 for a backend without a list.
 */
int schema_texts(const char *backend, schema_text_fn fn, void *arg);

/* The highest migration number applied to db (0 for an empty file). */
int schema_current(struct db *db, struct err *e);

#endif

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

/* Migration texts kept in their own files (schema_yj.c...). */
extern const char SCHEMA_M002_YOUTH_JUSTICE[];
extern const char SCHEMA_M004_MEASURES[];
extern const char SCHEMA_M005_MEASURES_ENTERED_IN_ERROR[];
extern const char SCHEMA_M014_NATIONAL_RULES[];
extern const char SCHEMA_M007_FORMS[];
extern const char SCHEMA_M009_PARENTING[];
extern const char SCHEMA_M010_PEER_SUPPORT[];
extern const char SCHEMA_M011_FAMILY_PLAN[];
extern const char SCHEMA_M016_CONTACTS_COURT[];

/* The highest migration number this build knows. */
int schema_latest(void);

/* The highest migration number applied to db (0 for an empty file). */
int schema_current(struct db *db, struct err *e);

#endif

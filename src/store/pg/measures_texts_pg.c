/*
 * measures_texts_pg.c - the measures' texts in PostgreSQL's dialect
 * (store/measures/measures_texts.h), named by the PostgreSQL backend's
 * struct db_dialect.
 */
#include "store/pg/dialect.h"

#define MEASURES_TEXTS_NAME MEASURES_TEXTS_PG
#include "store/measures/measures_texts.inc"

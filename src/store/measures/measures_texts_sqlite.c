/*
 * measures_texts_sqlite.c - the measures' texts in SQLite's dialect
 * (measures_texts.h).
 */
#include "store/sqlite/dialect.h"

#define MEASURES_TEXTS_NAME MEASURES_TEXTS_SQLITE
#include "store/measures/measures_texts.inc"

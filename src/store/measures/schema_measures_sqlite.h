/*
 * schema_measures_sqlite.h - how SQLite writes the summary's triggers
 * (the three macros measures_triggers.h expects of its includer), for
 * schema_measures.c and schema_measures_queue.c. No include guard: a
 * file may define other versions first (as DROPs) and #undef them
 * before including this.
 */
/* clang-format off */
#define UNLESS_BULK " WHEN NOT EXISTS (SELECT 1 FROM measures_bulk)"

/* A trigger running refresh (of the person it names) after event ev on
 * table t (measures_triggers.h). */
#define MEASURES_TRIGGER(name, ev, t, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t UNLESS_BULK \
	" BEGIN " refresh " END;"

/* As MEASURES_TRIGGER, only when the SQL condition cond also holds. */
#define MEASURES_TRIGGER_WHEN(name, ev, t, cond, refresh) \
	"CREATE TRIGGER measures_" name " AFTER " ev " ON " t UNLESS_BULK \
	" AND (" cond ") BEGIN " refresh " END;"

#define MEASURES_DROP_TRIGGER(name, t) \
	"DROP TRIGGER IF EXISTS measures_" name ";"
/* clang-format on */

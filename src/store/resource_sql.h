/*
 * resource_sql.h - the SQL of a resource described by data alone
 * (resources/NAME.json): its table, and the get, insert, update, close,
 * reopen and list texts of struct record_sql, derived from its field
 * table. Portable SQL (no SQLite-only functions).
 */
#ifndef SPIRE_STORE_RESOURCE_SQL_H
#define SPIRE_STORE_RESOURCE_SQL_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"
#include "store/record.h"

/* What resource_sql_derive() allocates; resource_sql_release() frees. */
struct resource_sql {
	char *table;  /* "res_" and the resource's name */
	char *create; /* CREATE TABLE IF NOT EXISTS ...; CREATE INDEX ... */
	char *get, *insert, *update, *close, *reopen_sql, *list;
	struct record_sql rs;
	struct record_reopen reopen;
};

/*
 * Derive the SQL of resource `type` (a lower-case name, letters, digits
 * and '_') over fields f[0..n), listed by the id column `filter` (one of
 * the fields). Returns 0, or SPIRE_ENOMEM; release with
 * resource_sql_release() either way.
 */
int resource_sql_derive(struct resource_sql *out, const char *type,
                        const struct field *f, size_t n, const char *filter,
                        struct err *e);

/* Free what resource_sql_derive() allocated; out is then empty. */
void resource_sql_release(struct resource_sql *out);

/* Create the resource's table and index when they are not there yet. */
int resource_sql_create(struct db *db, const struct resource_sql *r,
                        struct err *e);

/*
 * The records whose filter column is filter_id, open ones first, newest
 * first, fetching limit rows from offset, as a new array in *out.
 */
int resource_sql_list(struct db *db, const struct resource_sql *r,
                      int64_t filter_id, int64_t limit, int64_t offset,
                      json_t **out, struct err *e);

#endif

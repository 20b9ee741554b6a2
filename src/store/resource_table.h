/*
 * resource_table.h - the store half (struct record_table, record.h) of a
 * resource described by a data file alone: its own table, the columns
 * every such record is served with, and its list order.
 */
#ifndef SPIRE_STORE_RESOURCE_TABLE_H
#define SPIRE_STORE_RESOURCE_TABLE_H

#include "store/record.h"

/*
 * Fill t for records of `type` kept in `table` with the fields f[0..n),
 * listed by the reference columns list_by (NULL-ended; static or kept as
 * long as t), open ones first and newest first, each served with who
 * recorded it (recorded_by_name) and who closed it (closed_by,
 * closed_by_name). reopen: 1 when a closed record can be reopened.
 */
void resource_table_init(struct record_table *t, const char *type,
                         const char *table, const struct field *f, size_t n,
                         const char *const *list_by, int reopen);

#endif

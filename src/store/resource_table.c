/*
 * resource_table.c - the store half of a resource described by a data
 * file (see resource_table.h).
 */
#include "store/resource_table.h"

#include <string.h>

static const char *const COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by) AS "
    "recorded_by_name",
    "(SELECT full_name FROM users WHERE id = k.closed_by) AS closed_by_name",
    NULL,
};

void
resource_table_init(struct record_table *t, const char *type, const char *table,
                    const struct field *f, size_t n, const char *const *list_by,
                    int reopen)
{
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->table = table;
	t->alias = "k";
	t->fields = f;
	t->n_fields = n;
	t->columns = COLUMNS;
	t->list_by = list_by;
	t->list_order =
	    "CASE WHEN k.closed_at IS NULL THEN 0 ELSE 1 END, k.id DESC";
	t->flags = reopen ? RT_REOPEN : 0u;
}

/*
 * audit_export.h - every column of the audit trail's rows after a given
 * seq, oldest first, one row at a time: the operator's export of the
 * trail (`spire audit list`). Reading only; the writer appends.
 */
#ifndef SPIRE_AUDIT_EXPORT_H
#define SPIRE_AUDIT_EXPORT_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Called once per row; a non-zero return stops the export with it. */
typedef int (*audit_export_fn)(json_t *row, void *arg);

/*
 * Call fn for every audit row with seq > after, in seq order, as a JSON
 * object {seq, at, user_id, username, ip, action, record_type, record_id,
 * person_id, break_glass (boolean), reason, detail} (absent values null;
 * the MACs are left out). The row is fn's only for the call. Returns 0,
 * fn's non-zero return, or a SPIRE_E* code with e filled.
 */
int audit_export(struct db *db, int64_t after, audit_export_fn fn, void *arg,
                 struct err *e);

#endif

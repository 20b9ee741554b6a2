/*
 * open.h - is a record still open? For the rules of the form "X only
 * while Y is open" (a case for an open person, a contact on an open case),
 * asked again on the writer's connection inside the write's transaction so
 * that nothing can close Y between the service's check and the write. Not
 * for access decisions (scope.h). Y is any kind of record (scope.h) that
 * gives its open and kept statements.
 */
#ifndef SPIRE_STORE_OPEN_H
#define SPIRE_STORE_OPEN_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"
#include "store/scope.h"

/*
 * *open = 1 when record (kind, id) exists and is open (a case: status
 * open too), 0 otherwise. 0, or a negative SPIRE_E* code (SPIRE_EINVAL
 * for a kind without an open statement).
 */
int store_is_open(struct db *db, const struct record_kind *kind, int64_t id,
                  int *open, struct err *e);

/*
 * *kept = 1 when record (kind, id) exists and is not closed as entered in
 * error (closed_at unset; a case may also have ended, i.e. be closed with
 * a reason other than "Entered in error"), 0 otherwise. What a
 * record must be for one that belongs to it to be reopened. 0, or a
 * negative SPIRE_E* code.
 */
int store_is_kept(struct db *db, const struct record_kind *kind, int64_t id,
                  int *kept, struct err *e);

/* "person's record", "case"... for messages. */
const char *store_open_kind_name(const struct record_kind *kind);

#endif

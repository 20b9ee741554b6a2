/*
 * replica.h - reader connections to a streaming replica of Spire's
 * PostgreSQL primary (`spire serve --read-replica URL`; issue 11 §2 and
 * docs/operations.md "A read replica"): a second pool beside the primary's
 * (pool.h), for the reads that may be a moment behind the primary.
 *
 * The replica is never required: while it does not answer, replica_acquire
 * gives NULL and the caller reads from the primary. A failure is logged
 * once (stderr) and the replica is tried again REPLICA_RETRY_S seconds
 * later; its coming back is logged once too.
 *
 * PostgreSQL only: the replica's URL is a libpq URI, and the positions
 * below are PostgreSQL's write-ahead log positions (pg_lsn as bytes).
 */
#ifndef SPIRE_REPLICA_H
#define SPIRE_REPLICA_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Seconds a replica that failed is left alone before Spire tries again. */
#define REPLICA_RETRY_S 5

struct replica;

/*
 * Up to n (at least 1) reader connections to url, opened when first
 * needed. One is tried now, so that the log says at start-up whether the
 * replica answers; a replica that does not answer is no error (it is
 * tried again later). Every connection must reach a copy of primary (the
 * PostgreSQL URL Spire serves): the same cluster system identifier and
 * database name. One that answers as something else at start-up is an
 * error (SPIRE_EINVAL: the wrong URL was named); later, that connection is
 * refused and its reads go to the primary. 0, SPIRE_EINVAL when url is
 * not a PostgreSQL URL or not a copy of primary, the store's error when
 * primary cannot be read, or SPIRE_ENOMEM. *out is freed with
 * replica_free().
 */
int replica_new(const char *url, const char *primary, int n,
                struct replica **out, struct err *e);

/* Close every connection; all must have been given back. NULL is fine. */
void replica_free(struct replica *r);

/*
 * Borrow a replica connection inside a read snapshot (db_begin_read), or
 * NULL: the replica is resting after a failure, cannot be reached, or has
 * not yet replayed the primary's write-ahead log up to position after
 * (from replica_primary_position; 0 asks nothing). The position is read
 * before the snapshot starts, so the snapshot holds every write up to
 * after. Waits only while all n connections are lent out. A non-NULL
 * connection goes back with replica_release().
 */
struct db *replica_acquire(struct replica *r, uint64_t after);

/*
 * Give db back, ending its snapshot (a failed one is rolled back). lost:
 * a read on it gave SPIRE_EIO (the connection was lost, or the replica is
 * shutting down): the connection is closed, with every idle one, the
 * failure is logged (once) and the replica rests for REPLICA_RETRY_S
 * seconds.
 */
void replica_release(struct replica *r, struct db *db, int lost);

/* 1 when rc, a read's result on the replica, may be the replica's doing
 * rather than the request's, so the read is made again on the primary:
 * SPIRE_EIO (connection lost, shutting down), SPIRE_EUNAVAIL (a query
 * cancelled by a recovery conflict, too many connections) and SPIRE_EDB
 * (an unexpected error: the primary's answer is the one that counts). */
int replica_failure(int rc);

/*
 * The primary's write-ahead log position now, as bytes from 0/0, asked
 * on db (any connection to the primary; outside a write). After a write
 * has committed, a replica that has replayed this far holds it. 0 when
 * it cannot be read.
 */
uint64_t replica_primary_position(struct db *db);

#endif

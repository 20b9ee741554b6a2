/*
 * pool.h - a fixed pool of reader connections shared by request threads.
 */
#ifndef SPIRE_POOL_H
#define SPIRE_POOL_H

#include "core/err.h"
#include "store/db.h"

struct pool;

/*
 * A pool of up to n (at least 1) reader connections to path, a database
 * the caller has already opened (the writer's): the first is opened by a
 * thread started here, so that start-up does not wait for it, the rest
 * when first needed. *out is freed with pool_free(). 0, or SPIRE_ENOMEM.
 */
int pool_new(const char *path, int n, struct pool **out, struct err *e);

/* Close every connection. All must have been returned. NULL is fine. */
void pool_free(struct pool *p);

/* Borrow a connection, waiting if all are in use. Never NULL. */
struct db *pool_acquire(struct pool *p);

/*
 * Borrow a spare connection without waiting: one free or opened now,
 * only while another would still be left for a request (free, or one
 * the pool may still open). NULL otherwise. For work that can use more
 * connections than it needs (the board pack's threads).
 */
struct db *pool_try_acquire(struct pool *p);

/* Give a borrowed connection back. */
void pool_release(struct pool *p, struct db *db);

#endif

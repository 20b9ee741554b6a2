/*
 * pool.c - reader connection pool (mutex + condition variable).
 *
 * Only the first connection is opened up front; the others open when a
 * request finds none free, up to the limit. Opening all of them at start
 * cost 2-3 ms each and made start-up slow; a server that is never busy
 * never needs them.
 */
#include "store/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n, nfree, cap, opening;
	char *path;
	struct db **all;
	struct db **free;
};

int
pool_new(const char *path, int n, struct pool **out, struct err *e)
{
	*out = NULL;
	struct pool *p = calloc(1, sizeof(*p));
	if (!p)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/*
	 * Arrays of n pointers, so the element size is sizeof(struct db *):
	 * bugprone-sizeof-expression reads any sizeof of a pointer to a
	 * struct as a mistaken sizeof(&object). A false positive here.
	 * NOLINTBEGIN(bugprone-sizeof-expression)
	 */
	p->all = calloc((size_t)n, sizeof(*p->all));
	p->free = calloc((size_t)n, sizeof(*p->free));
	/* NOLINTEND(bugprone-sizeof-expression) */
	p->path = strdup(path);
	if (!p->all || !p->free || !p->path) {
		free(p->all);
		free(p->free);
		free(p->path);
		free(p);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->cap = n;
	int rc = db_open(path, DB_OPEN_READONLY, &p->all[0], e);
	if (rc) {
		pool_free(p);
		return rc;
	}
	p->free[0] = p->all[0];
	p->n = p->nfree = 1;
	*out = p;
	return 0;
}

void
pool_free(struct pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		db_close(p->all[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->all);
	free(p->free);
	free(p->path);
	free(p);
}

struct db *
pool_acquire(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0) {
		if (p->n + p->opening < p->cap) {
			/* Open another outside the lock; on failure wait. */
			p->opening++;
			pthread_mutex_unlock(&p->mu);
			struct db *db = NULL;
			struct err e;
			err_clear(&e);
			int rc = db_open(p->path, DB_OPEN_READONLY, &db, &e);
			pthread_mutex_lock(&p->mu);
			p->opening--;
			if (rc == 0) {
				p->all[p->n++] = db;
				pthread_mutex_unlock(&p->mu);
				return db;
			}
			p->cap = p->n + p->opening; /* stop trying */
			continue;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
	struct db *db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void
pool_release(struct pool *p, struct db *db)
{
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

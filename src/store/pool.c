/*
 * pool.c - reader connection pool (mutex + condition variable).
 */
#include "store/pool.h"

#include <pthread.h>
#include <stdlib.h>

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n, nfree;
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
	p->all = calloc((size_t)n, sizeof(*p->all));
	p->free = calloc((size_t)n, sizeof(*p->free));
	if (!p->all || !p->free) {
		free(p->all);
		free(p->free);
		free(p);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	for (int i = 0; i < n; i++) {
		int rc = db_open(path, DB_OPEN_READONLY, &p->all[i], e);
		if (rc) {
			p->n = i;
			pool_free(p);
			return rc;
		}
		p->free[i] = p->all[i];
	}
	p->n = p->nfree = n;
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
	free(p);
}

struct db *
pool_acquire(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
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

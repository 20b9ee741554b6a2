/*
 * pool.c - reader connection pool (mutex + condition variable).
 *
 * Connections open when a request finds none free, up to the limit; the
 * first is opened at start-up by a thread of its own, so the server's
 * first answer does not wait for it (each connection parses the whole
 * schema, about 190 KB of trigger SQL: 15 ms or more on a busy machine;
 * bench/README.md). A server that is never busy never needs the rest.
 */
#include "store/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n, nfree, cap, opening;
	char *path;
	struct db **all;
	struct db **free;
	pthread_t warm; /* opens the first connection at start-up */
	int warming;    /* warm was started: join it in pool_free */
};

/* At the lowest priority (a thread's own nice value, Linux), so that on
 * one CPU it takes no time from the start-up it is meant not to delay. */
static void *
warm_main(void *arg)
{
	struct pool *p = arg;
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), 19);
	pool_release(p, pool_acquire(p));
	return NULL;
}

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
	p->warming = pthread_create(&p->warm, NULL, warm_main, p) == 0;
	*out = p;
	return 0;
}

void
pool_free(struct pool *p)
{
	if (!p)
		return;
	if (p->warming)
		pthread_join(p->warm, NULL);
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
			if (p->n + p->opening > 0) {
				p->cap = p->n + p->opening; /* stop trying */
				continue;
			}
			/* None open at all: a request cannot wait for one to be
			 * returned, so try again shortly. */
			pthread_mutex_unlock(&p->mu);
			nanosleep(&(struct timespec){0, 10000000L}, NULL);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
	struct db *db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

struct db *
pool_try_acquire(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	int can_open = p->cap - p->n - p->opening;
	struct db *db = NULL;
	if (p->nfree > 0 && p->nfree - 1 + can_open >= 1) {
		db = p->free[--p->nfree];
	} else if (can_open >= 2) {
		p->opening++;
		pthread_mutex_unlock(&p->mu);
		struct err e;
		err_clear(&e);
		int rc = db_open(p->path, DB_OPEN_READONLY, &db, &e);
		pthread_mutex_lock(&p->mu);
		p->opening--;
		if (rc == 0)
			p->all[p->n++] = db;
		else
			db = NULL;
	}
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

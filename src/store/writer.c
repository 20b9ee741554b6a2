/*
 * writer.c - the group-commit writer thread.
 */
#include "store/writer.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"

#define BATCH_MAX 512

struct writer {
	struct db *db;
	struct audit_key key;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work_cv; /* jobs queued or stopping */
	pthread_cond_t done_cv; /* a batch finished */
	struct write_job *head, *tail;
	int stopping;
	long long batches, jobs;
};

static void
run_job(struct writer *w, struct write_job *job, struct audit_tip *tip, int *ok)
{
	struct err *e = &job->err;
	err_clear(e);
	job->rc = 0;
	if (job->fn) {
		if ((job->rc = db_exec(w->db, "SAVEPOINT job", e)) != 0)
			return;
		job->rc = job->fn(w->db, job->arg, e);
	}
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	struct audit_tip saved = *tip;
	for (struct audit_entry *a = job->audit; a && job->rc == 0; a = a->next)
		job->rc = audit_append(w->db, &w->key, a, at, tip, e);
	if (job->rc != 0 && e->code == 0)
		err_set(e, job->rc, NULL, "write failed");
	if (job->fn) {
		if (job->rc != 0) {
			*tip = saved;
			db_exec(w->db, "ROLLBACK TO job", NULL);
		}
		if (db_exec(w->db, "RELEASE job", NULL) != 0)
			*ok = 0;
	} else if (job->rc != 0) {
		/* Audit-only job failed mid-way: the batch cannot commit. */
		*ok = 0;
	}
}

static void
run_batch(struct writer *w, struct write_job *batch)
{
	struct err e;
	err_clear(&e);
	struct audit_tip tip;
	int ok = 1;
	int rc = db_begin(w->db, &e);
	if (rc == 0)
		rc = audit_load_tip(w->db, &tip, &e);
	if (rc != 0) {
		ok = 0;
	} else {
		for (struct write_job *j = batch; j; j = j->next)
			run_job(w, j, &tip, &ok);
		if (ok)
			ok = db_commit(w->db, &e) == 0;
	}
	if (!ok) {
		db_rollback(w->db);
		if (e.code == 0)
			err_set(&e, SPIRE_EUNAVAIL, NULL,
			        "the store could not commit");
		fprintf(stderr, "spire: writer: batch failed: %s\n", e.message);
		for (struct write_job *j = batch; j; j = j->next) {
			if (j->rc == 0) {
				j->rc = e.code ? e.code : SPIRE_EUNAVAIL;
				j->err = e;
			}
		}
	}
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->work_cv, &w->mu);
		if (!w->head && w->stopping)
			break;
		/* Take up to BATCH_MAX jobs. */
		struct write_job *batch = w->head, *last = w->head;
		int n = 1;
		while (last->next && n < BATCH_MAX) {
			last = last->next;
			n++;
		}
		w->head = last->next;
		if (!w->head)
			w->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&w->mu);

		run_batch(w, batch);

		/* Detached jobs are finished outside the lock (their callback
		 * may wake another thread); waiting ones are marked done under
		 * it, after which their submitters own them again. */
		struct write_job *detached = NULL, *j = batch;
		pthread_mutex_lock(&w->mu);
		w->batches++;
		w->jobs += n;
		while (j) {
			struct write_job *next = j->next;
			if (j->free_fn) {
				j->next = detached;
				detached = j;
			} else {
				j->done = 1;
			}
			j = next;
		}
		pthread_cond_broadcast(&w->done_cv);
		pthread_mutex_unlock(&w->mu);
		while (detached) {
			struct write_job *next = detached->next;
			detached->free_fn(detached);
			detached = next;
		}
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int
writer_new(struct db *db, const struct audit_key *key, struct writer **out,
           struct err *e)
{
	*out = NULL;
	struct writer *w = calloc(1, sizeof(*w));
	if (!w) {
		db_close(db);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	w->db = db;
	w->key = *key;
	audit_key_prepare(&w->key);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work_cv, NULL);
	pthread_cond_init(&w->done_cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		db_close(w->db);
		free(w);
		return err_set(e, SPIRE_EIO, NULL, "cannot start writer");
	}
	*out = w;
	return 0;
}

void
writer_free(struct writer *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = 1;
	pthread_cond_signal(&w->work_cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->work_cv);
	pthread_cond_destroy(&w->done_cv);
	db_close(w->db);
	sodium_memzero(&w->key, sizeof(w->key));
	free(w);
}

static void
enqueue(struct writer *w, struct write_job *job)
{
	job->next = NULL;
	job->done = 0;
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->work_cv);
}

int
writer_submit(struct writer *w, struct write_job *job, struct err *e)
{
	job->free_fn = NULL;
	pthread_mutex_lock(&w->mu);
	enqueue(w, job);
	while (!job->done)
		pthread_cond_wait(&w->done_cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
	if (job->rc && e)
		*e = job->err;
	return job->rc;
}

void
writer_submit_detached(struct writer *w, struct write_job *job)
{
	pthread_mutex_lock(&w->mu);
	enqueue(w, job);
	pthread_mutex_unlock(&w->mu);
}

void
writer_stats(struct writer *w, long long *batches, long long *jobs)
{
	pthread_mutex_lock(&w->mu);
	*batches = w->batches;
	*jobs = w->jobs;
	pthread_mutex_unlock(&w->mu);
}

/*
 * writer.c - the group-commit writer thread, and what it does when the
 * disk is full.
 *
 * A full disk must not silence the audit trail: refusals (a denied record,
 * a failed or throttled sign-in) are still recorded. The writer keeps a
 * reserve file of cfg.disk_reserve bytes beside the database; when a batch
 * fails because the disk is full it deletes the reserve, runs that batch's
 * refusals again in the space freed, and from then on answers every other
 * job "storage full" at once (writes and audited reads become 503s) while
 * refusals go on being written. Once the file system again has room for
 * the reserve and as much again, the reserve is re-created and normal
 * service resumes.
 */
#include "store/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"

#define BATCH_MAX 512

struct writer {
	struct db *db;
	struct audit_mac *mac; /* the audit key's, prepared once */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work_cv; /* jobs queued or stopping */
	pthread_cond_t done_cv; /* a batch finished */
	struct write_job *head, *tail;
	int stopping;
	long long batches, jobs;
	/* Disk-full handling (writer thread only, after writer_reserve): */
	char *reserve_path; /* NULL: no reserve kept */
	size_t reserve_bytes;
	int full;          /* the reserve is released: refusals only */
	time_t next_check; /* when to try to re-create the reserve */
	/* The records chain's tip as last read (writer thread only), with
	 * the main database's change generation read just before it: a
	 * batch of reads reuses it while the generation is unchanged, so it
	 * does not open a read of the main file (db.h, db_generation). */
	struct audit_tip records_tip;
	struct db_generation records_gen;
	int records_known;
};

/* Audit actions that record a refusal: written even when the disk is full. */
static const char *const REFUSALS[] = {"denied",           "login_failed",
                                       "login_throttled",  "redeem_failed",
                                       "redeem_throttled", NULL};

/* An audit-only job every row of which records a refusal. */
static int
is_refusal(const struct write_job *j)
{
	if (j->fn || !j->audit)
		return 0;
	for (const struct audit_entry *a = j->audit; a; a = a->next) {
		int found = 0;
		for (size_t i = 0; REFUSALS[i] && !found; i++)
			found =
			    a->action && strcmp(a->action, REFUSALS[i]) == 0;
		if (!found)
			return 0;
	}
	return 1;
}

/* Allocate the reserve file in full: 0, or -1 (and no file) on failure. */
static int
reserve_create(const char *path, size_t bytes)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int rc = posix_fallocate(fd, 0, (off_t)bytes);
	if (rc == 0)
		rc = fsync(fd);
	if (close(fd) != 0)
		rc = -1;
	if (rc != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* Free bytes on the file system holding the file path (which may not
 * exist), or 0 if unknown. */
static unsigned long long
free_bytes(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path),
	                         path)
	              : snprintf(dir, sizeof(dir), ".");
	if (n < 0 || (size_t)n >= sizeof(dir))
		return 0;
	if (n == 0)
		snprintf(dir, sizeof(dir), "/");
	struct statvfs st;
	if (statvfs(dir, &st) != 0)
		return 0;
	return (unsigned long long)st.f_bavail * st.f_frsize;
}

/*
 * A job's audit rows go to the records' chain when it changes records, in
 * the change's transaction; the rows of a job that changes nothing (reads,
 * refusals: fn NULL) to the access log, so that they leave the main file,
 * and its readers' page caches, untouched (docs/audit.md).
 */
static void
run_job(struct writer *w, struct write_job *job, struct audit_tip *tips,
        int *ok)
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
	enum audit_chain chain = job->fn ? AUDIT_RECORDS : AUDIT_ACCESS;
	struct audit_tip saved = tips[chain];
	if (job->rc == 0 && job->audit)
		job->rc =
		    audit_append(w->db, w->mac, job->audit, at, chain, tips, e);
	if (job->rc != 0 && e->code == 0)
		err_set(e, job->rc, NULL, "write failed");
	if (job->fn) {
		if (job->rc != 0) {
			tips[chain] = saved;
			db_exec(w->db, "ROLLBACK TO job", NULL);
		}
		if (db_exec(w->db, "RELEASE job", NULL) != 0)
			*ok = 0;
	} else if (job->rc != 0) {
		/* Audit-only job failed mid-way: the batch cannot commit. */
		*ok = 0;
	}
}

/* A job that takes part in this pass: all of them, or on the second pass
 * after the reserve was released, the refusals the full disk stopped. */
static int
takes_part(const struct write_job *j, int refusals_only)
{
	return !refusals_only || (j->rc == SPIRE_EFULL && is_refusal(j));
}

/*
 * Both chains' tips, read inside the batch's write lock (another process,
 * the CLI, may have appended since the last batch). A batch of reads
 * writes only the access log, but its rows' numbers follow the records
 * chain's too (one seq over both chains): that tip is taken from the
 * last read while the main database's change generation is the same as
 * before that read, since then nothing has been committed to the main
 * file, by this process or another (docs/access.md, "Caches and their
 * invalidation"). The batch then locks and reads the access log alone.
 */
static int
load_tips(struct writer *w, int log_only, struct audit_tip *tips, struct err *e)
{
	struct db_generation g;
	int have = db_generation(w->db, &g);
	if (log_only && have && w->records_known &&
	    memcmp(g.bytes, w->records_gen.bytes, DB_GENERATION_LEN) == 0) {
		tips[AUDIT_RECORDS] = w->records_tip;
		return audit_load_tip(w->db, AUDIT_ACCESS, &tips[AUDIT_ACCESS],
		                      e);
	}
	int rc = audit_load_tips(w->db, tips, e);
	w->records_known = rc == 0 && have;
	if (w->records_known) {
		w->records_tip = tips[AUDIT_RECORDS];
		w->records_gen = g;
	}
	return rc;
}

/* Run the taking-part jobs of batch in one transaction. Returns 1 if it
 * committed; otherwise every taking-part job carries the failure. */
static int
commit_batch(struct writer *w, struct write_job *batch, int refusals_only)
{
	struct err e;
	err_clear(&e);
	struct audit_tip tips[AUDIT_CHAINS];
	int ok = 1;
	/* A batch of reads and refusals writes only the access log: lock
	 * and sync that file alone (db_begin_log); one that changes records
	 * takes every lock, as before. */
	int log_only = 1;
	for (struct write_job *j = batch; j && log_only; j = j->next)
		log_only = !takes_part(j, refusals_only) || !j->fn;
	int rc = log_only ? db_begin_log(w->db, &e) : db_begin(w->db, &e);
	if (rc == 0)
		rc = load_tips(w, log_only, tips, &e);
	if (rc != 0) {
		ok = 0;
	} else {
		/* Jobs that change records first, then reads and refusals:
		 * the access log's rows take the batch's highest numbers,
		 * so a crash between the two files' commits (main first)
		 * loses only the newest numbers and leaves no hole below
		 * them (audit_continuity). */
		for (int pass = 0; pass < 2; pass++)
			for (struct write_job *j = batch; j; j = j->next)
				if (takes_part(j, refusals_only) &&
				    (j->fn == NULL) == (pass == 1))
					run_job(w, j, tips, &ok);
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
			if (takes_part(j, refusals_only) && j->rc == 0) {
				j->rc = e.code ? e.code : SPIRE_EUNAVAIL;
				j->err = e;
			}
		}
	}
	return ok;
}

static void
refuse_full(struct write_job *j)
{
	j->rc = err_set(&j->err, SPIRE_EFULL, NULL,
	                "Spire's storage is full. Try again later.");
}

/* While full: once there is room for the reserve and as much again,
 * re-create it and leave the full state (checked at most once a second). */
static void
check_room(struct writer *w)
{
	time_t now = time(NULL);
	if (now < w->next_check)
		return;
	w->next_check = now + 1;
	if (free_bytes(w->reserve_path) < 2ull * w->reserve_bytes)
		return;
	if (reserve_create(w->reserve_path, w->reserve_bytes) == 0) {
		w->full = 0;
		fprintf(stderr,
		        "spire: writer: disk space is back; the reserve "
		        "is restored\n");
	}
}

static void
run_batch(struct writer *w, struct write_job *batch)
{
	int any_full = 0;
	for (struct write_job *j = batch; j; j = j->next) {
		j->rc = 0;
		err_clear(&j->err);
	}
	if (w->full)
		check_room(w);
	if (w->full) {
		/* Only refusals may use the reserve's space. */
		for (struct write_job *j = batch; j; j = j->next) {
			refuse_full(j);
			any_full |= is_refusal(j);
		}
		if (any_full)
			commit_batch(w, batch, 1);
		return;
	}
	commit_batch(w, batch, 0);
	for (struct write_job *j = batch; j; j = j->next)
		any_full |= j->rc == SPIRE_EFULL;
	if (!any_full || !w->reserve_path)
		return;
	/* The disk is full: release the reserve and record the refusals
	 * that were stopped in the space it frees. */
	w->full = 1;
	w->next_check = time(NULL) + 1;
	if (unlink(w->reserve_path) != 0 && errno != ENOENT)
		fprintf(stderr,
		        "spire: writer: cannot release the reserve %s\n",
		        w->reserve_path);
	fprintf(stderr, "spire: writer: the disk is full; writes refused, "
	                "refusals still audited\n");
	commit_batch(w, batch, 1);
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
	int rc = audit_mac_new(key, &w->mac, e);
	if (rc) {
		db_close(db);
		free(w);
		return rc;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work_cv, NULL);
	pthread_cond_init(&w->done_cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		db_close(w->db);
		audit_mac_free(w->mac);
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
	audit_mac_free(w->mac);
	free(w->reserve_path);
	free(w);
}

int
writer_reserve(struct writer *w, const char *path, size_t bytes, struct err *e)
{
	if (bytes == 0)
		return 0;
	char *copy = strdup(path);
	if (!copy)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	pthread_mutex_lock(&w->mu);
	free(w->reserve_path);
	w->reserve_path = copy;
	w->reserve_bytes = bytes;
	if (reserve_create(path, bytes) != 0) {
		/* Start anyway, as if the reserve had just been released. */
		w->full = 1;
		fprintf(stderr,
		        "spire: cannot reserve %zu bytes in %s (%s): "
		        "refusing writes until there is room\n",
		        bytes, path, strerror(errno));
	}
	pthread_mutex_unlock(&w->mu);
	return 0;
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

/*
 * writer.h - the single writer thread that group-commits transactions.
 *
 * Every change to the store and every audit row goes through here. Jobs
 * queue while the writer commits the previous batch; the next batch runs
 * each job inside its own savepoint, appends the audit rows of the jobs
 * that succeeded, and commits once (one fsync for the whole batch).
 * writer_submit() returns only when the batch holding its job is durable,
 * so a request never answers before its audit row is on disk.
 */
#ifndef SPIRE_WRITER_H
#define SPIRE_WRITER_H

#include "core/err.h"
#include "store/audit.h"
#include "store/audit_key.h"
#include "store/db.h"

/* The work of one job, run on the writer's connection inside a savepoint. */
typedef int (*write_fn)(struct db *db, void *arg, struct err *e);

struct write_job {
	write_fn fn;               /* NULL: only write the audit rows */
	void *arg;                 /* passed to fn; owned by the submitter */
	struct audit_entry *audit; /* appended when fn succeeds */
	void (*free_fn)(struct write_job *job); /* detached: when done */
	/* Set by the writer: */
	int rc;
	struct err err;
	int done;
	struct write_job *next;
};

struct writer;

/*
 * Start the writer's thread on db, a read-write connection it owns from
 * now on (closed by writer_free(), or here on failure), MACing audit rows
 * under key (prepared once; key need not outlive the call). Reusing the
 * connection that ran the migrations saves parsing the schema again at
 * start-up. *out is freed with writer_free().
 */
int writer_new(struct db *db, const struct audit_key *key, struct writer **out,
               struct err *e);

/*
 * Keep a reserve file of bytes at path (allocated now) to be released when
 * the disk fills, so that refusals can still be audited (see writer.c).
 * bytes 0: keep none. If the file cannot be allocated the writer starts as
 * if the disk were full. Call before submitting jobs. Returns 0, or
 * SPIRE_ENOMEM.
 */
int writer_reserve(struct writer *w, const char *path, size_t bytes,
                   struct err *e);

/* Drain the queue, stop the thread, close the connection. NULL is fine. */
void writer_free(struct writer *w);

/*
 * Queue job and wait until its batch has committed (or failed). Returns
 * job->rc; on failure the detail is copied into e. job and everything it
 * points to must stay valid until this returns.
 */
int writer_submit(struct writer *w, struct write_job *job, struct err *e);

/*
 * Queue a job and return at once; once its batch has committed (or
 * failed, with job->rc and job->err set) the writer calls job->free_fn on
 * its own thread, without holding any lock. job must stay valid until
 * then. For bookkeeping no answer waits on, and for answers that are held
 * back until their audit rows are durable (http_mhd.c).
 */
void writer_submit_detached(struct writer *w, struct write_job *job);

/* Batches and jobs committed so far (for benchmarks and tests). */
void writer_stats(struct writer *w, long long *batches, long long *jobs);

#endif

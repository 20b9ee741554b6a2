/*
 * replica.c - the read replica's connections (replica.h): a small pool
 * that never waits for a replica that does not answer.
 *
 * A second pool rather than pool.c's: pool_acquire waits for a
 * connection to open or come back, which is right for the primary (there
 * is nothing else to read from) and wrong here, where the primary is
 * always there instead.
 */
#include "store/replica.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct replica {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *url;
	int cap;      /* at most this many connections */
	int n;        /* open: lent out, idle or being opened */
	int nfree;    /* idle, in free[] */
	int down;     /* the last attempt failed: log once, rest */
	double retry; /* monotonic seconds before which it rests */
	struct db **free;
	char identity[96]; /* the primary's (IDENTITY_SQL) */
};

/* Which cluster and database a connection reaches: a streaming replica
 * has its primary's system identifier (pg_basebackup copies it) and the
 * same databases; another cluster, or another database of the same
 * cluster, differs in one or the other. */
static const char IDENTITY_SQL[] =
    "SELECT CAST(system_identifier AS TEXT) || '/' || current_database()"
    " FROM pg_control_system()";

/* db's identity into out (n bytes). 0, or a SPIRE_E* code with e set. */
static int
identity(struct db *db, char *out, size_t n, struct err *e)
{
	struct db_stmt *s = db_prepare(db, IDENTITY_SQL, e);
	if (!s)
		return e->code ? e->code : SPIRE_EDB;
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *v = db_col_text(s, 0);
		snprintf(out, n, "%s", v ? v : "");
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_EDB, "read_replica",
		             "the database did not say which cluster it is");
	}
	db_done(s);
	return rc;
}

/* 0 when db is a copy of the primary; else SPIRE_EINVAL with e saying
 * so (or the store's error). */
static int
same_as_primary(const struct replica *r, struct db *db, struct err *e)
{
	char id[sizeof(r->identity)];
	int rc = identity(db, id, sizeof(id), e);
	if (rc)
		return rc;
	if (strcmp(id, r->identity) != 0)
		return err_set(e, SPIRE_EINVAL, "read_replica",
		               "read_replica is not a replica of the database "
		               "Spire serves (another cluster, or another "
		               "database): its reads go to the primary");
	return 0;
}

/* PostgreSQL's positions as bytes: on a replica, how far it has replayed
 * (received and applied); on a primary, how far it has written. */
static const char POSITION_SQL[] =
    "SELECT CAST(CASE WHEN pg_is_in_recovery() "
    "THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END "
    "- CAST('0/0' AS pg_lsn) AS bigint)";

static double
now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Under mu: the replica failed (why: a message). Idle connections are
 * closed too: a replica that stopped broke them all. */
static void
mark_down(struct replica *r, const char *why)
{
	if (!r->down)
		fprintf(stderr,
		        "spire: the read replica is not answering (%s): its "
		        "reads go to the primary; trying it again every %d "
		        "s\n",
		        why, REPLICA_RETRY_S);
	r->down = 1;
	r->retry = now_s() + REPLICA_RETRY_S;
	while (r->nfree > 0) {
		db_close(r->free[--r->nfree]);
		r->n--;
	}
	pthread_cond_broadcast(&r->cv);
}

/* Under mu: a connection worked. */
static void
mark_up(struct replica *r)
{
	if (r->down)
		fprintf(stderr, "spire: the read replica answers again\n");
	r->down = 0;
}

int
replica_new(const char *url, const char *primary, int n, struct replica **out,
            struct err *e)
{
	*out = NULL;
	if (!db_is_url(url))
		return err_set(e, SPIRE_EINVAL, "read_replica",
		               "read_replica must be a postgresql:// URL");
	char id[96];
	struct db *pdb = NULL;
	int prc = db_open(primary, DB_OPEN_READONLY, &pdb, e);
	if (prc == 0)
		prc = identity(pdb, id, sizeof(id), e);
	db_close(pdb);
	if (prc)
		return prc;
	struct replica *r = calloc(1, sizeof(*r));
	if (!r)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (n < 1)
		n = 1;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	r->free = calloc((size_t)n, sizeof(*r->free));
	r->url = strdup(url);
	if (!r->free || !r->url) {
		free(r->free);
		free(r->url);
		free(r);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	r->cap = n;
	snprintf(r->identity, sizeof(r->identity), "%s", id);
	/* One connection now, so the log says at once whether it answers;
	 * one that answers as another database stops the start: the
	 * operator named the wrong URL. */
	struct db *db = NULL;
	struct err oe;
	err_clear(&oe);
	if (db_open(url, DB_OPEN_READONLY, &db, &oe) == 0) {
		int rc = same_as_primary(r, db, e);
		if (rc) {
			db_close(db);
			replica_free(r);
			return rc;
		}
		r->free[r->nfree++] = db;
		r->n = 1;
	} else {
		mark_down(r, oe.message);
	}
	*out = r;
	return 0;
}

void
replica_free(struct replica *r)
{
	if (!r)
		return;
	while (r->nfree > 0)
		db_close(r->free[--r->nfree]);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r->free);
	free(r->url);
	free(r);
}

/* The position db's server has reached (POSITION_SQL); 0 on failure,
 * with *rc set. */
static uint64_t
position(struct db *db, int *rc)
{
	struct err e;
	err_clear(&e);
	*rc = 0;
	struct db_stmt *s = db_prepare(db, POSITION_SQL, &e);
	if (!s) {
		*rc = e.code ? e.code : SPIRE_EDB;
		return 0;
	}
	int step = db_step(s, &e);
	uint64_t pos = 0;
	if (step == DB_ROW) {
		int64_t v = db_col_int(s, 0);
		pos = v > 0 ? (uint64_t)v : 0;
	} else if (step < 0) {
		*rc = step;
	}
	db_done(s);
	return pos;
}

uint64_t
replica_primary_position(struct db *db)
{
	int rc;
	return position(db, &rc);
}

int
replica_failure(int rc)
{
	return rc == SPIRE_EIO || rc == SPIRE_EUNAVAIL || rc == SPIRE_EDB;
}

/* Borrow an open connection or open one; NULL while resting or when
 * opening fails. */
static struct db *
take(struct replica *r)
{
	pthread_mutex_lock(&r->mu);
	for (;;) {
		if (r->down && now_s() < r->retry) {
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		if (r->nfree > 0) {
			struct db *db = r->free[--r->nfree];
			pthread_mutex_unlock(&r->mu);
			return db;
		}
		if (r->n < r->cap)
			break;
		pthread_cond_wait(&r->cv, &r->mu);
	}
	r->n++;
	pthread_mutex_unlock(&r->mu);
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	int rc = db_open(r->url, DB_OPEN_READONLY, &db, &e);
	/* The URL may reach another server since (a failover, a DNS
	 * change): every new connection is checked. */
	if (rc == 0 && (rc = same_as_primary(r, db, &e)) != 0) {
		db_close(db);
		db = NULL;
	}
	pthread_mutex_lock(&r->mu);
	if (rc) {
		r->n--;
		mark_down(r, e.message);
		db = NULL;
	}
	pthread_mutex_unlock(&r->mu);
	return db;
}

struct db *
replica_acquire(struct replica *r, uint64_t after)
{
	struct db *db = take(r);
	if (!db)
		return NULL;
	int rc = 0;
	uint64_t pos = position(db, &rc);
	if (rc) {
		replica_release(r, db, rc == SPIRE_EIO || rc == SPIRE_EUNAVAIL);
		return NULL;
	}
	struct err e;
	err_clear(&e);
	if (pos < after) {
		/* Behind the caller's own write: a healthy replica, not
		 * used this time. */
		replica_release(r, db, 0);
		return NULL;
	}
	rc = db_begin_read(db, &e);
	if (rc) {
		replica_release(r, db, rc == SPIRE_EIO || rc == SPIRE_EUNAVAIL);
		return NULL;
	}
	pthread_mutex_lock(&r->mu);
	mark_up(r);
	pthread_mutex_unlock(&r->mu);
	return db;
}

void
replica_release(struct replica *r, struct db *db, int lost)
{
	if (!db)
		return;
	if (!lost)
		db_end_read(db);
	pthread_mutex_lock(&r->mu);
	if (lost) {
		db_close(db);
		r->n--;
		mark_down(r, "the connection was lost");
	} else {
		r->free[r->nfree++] = db;
		pthread_cond_signal(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
}

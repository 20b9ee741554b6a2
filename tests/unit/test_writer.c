/*
 * test_writer.c - the group-commit writer (src/store/writer.c) on a real
 * SQLite file: concurrent submitters all commit, batches are fewer than
 * jobs, a failing job rolls back only itself (and its audit rows) while
 * the rest of its batch commits, and the audit chain stays verifiable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>

#include "store/audit.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/writer.h"

#define THREADS 8
#define PER_THREAD 40

struct fixture {
	char dir[64];
	char path[96];
	struct writer *w;
	struct db *reader;
	struct audit_key key;
};

static const char SCRATCH[] =
    "CREATE TABLE scratch (k INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"
    " STRICT";

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/spire-unit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/w.db", f->dir);
	struct err e;
	err_clear(&e);
	struct db *db = NULL;
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &db, &e), 0);
	assert_int_equal(schema_migrate(db, &e), 0);
	assert_int_equal(db_exec(db, SCRATCH, &e), 0);
	memset(f->key.bytes, 0x5a, sizeof(f->key.bytes));
	assert_int_equal(writer_new(db, &f->key, &f->w, &e), 0); /* owns db */
	assert_int_equal(db_open(f->path, DB_OPEN_READONLY, &f->reader, &e), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	writer_free(f->w);
	db_close(f->reader);
	static const char *const suffix[] = {
	    "", "-wal", "-shm", ".access", ".access-wal", ".access-shm"};
	for (size_t i = 0; i < 6; i++) {
		char p[128 + 16];
		snprintf(p, sizeof(p), "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* One job: insert v into scratch; fail afterwards when asked. */
struct insert {
	const char *v;
	int fail;
};

static int
do_insert(struct db *db, void *arg, struct err *e)
{
	static const char sql[] = "INSERT INTO scratch(v) VALUES ($1)";
	struct insert *in = arg;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, in->v);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (in->fail)
		return err_set(e, SPIRE_EINVAL, "v", "refused %s", in->v);
	return 0;
}

static int64_t
count(struct db *db, const char *sql_static, const char *arg)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(db, sql_static, &e);
	assert_non_null(s);
	if (arg)
		db_bind_text(s, 1, arg);
	assert_int_equal(db_step(s, &e), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_done(s);
	return n;
}

static const char COUNT_ROWS[] = "SELECT count(*) FROM scratch";
static const char COUNT_V[] = "SELECT count(*) FROM scratch WHERE v = $1";
static const char COUNT_AUDIT[] = "SELECT count(*) FROM audit";
static const char COUNT_ACTION[] =
    "SELECT count(*) FROM audit WHERE action = $1";
/* The access log: the rows of jobs that change nothing. */
static const char COUNT_ACCESS_ACTION[] =
    "SELECT count(*) FROM access.audit WHERE action = $1";

struct submitter {
	struct writer *w;
	int id;
	int failures;
};

static void *
submit_many(void *arg)
{
	struct submitter *s = arg;
	for (int i = 0; i < PER_THREAD; i++) {
		char v[32];
		snprintf(v, sizeof(v), "t%d-%d", s->id, i);
		struct insert in = {v, 0};
		struct audit_entry a = {.user_id = s->id + 1,
		                        .username = "unit",
		                        .action = "create",
		                        .record_type = "scratch",
		                        .record_id = i + 1,
		                        .ip = "127.0.0.1"};
		struct write_job job;
		memset(&job, 0, sizeof(job));
		job.fn = do_insert;
		job.arg = &in;
		job.audit = &a;
		struct err e;
		err_clear(&e);
		if (writer_submit(s->w, &job, &e) != 0)
			s->failures++;
	}
	return NULL;
}

static void
test_concurrent_submitters_all_commit(void **state)
{
	struct fixture *f = *state;
	long long b0, j0, b1, j1;
	writer_stats(f->w, &b0, &j0);
	pthread_t t[THREADS];
	struct submitter s[THREADS];
	for (int i = 0; i < THREADS; i++) {
		s[i] = (struct submitter){f->w, i, 0};
		assert_int_equal(
		    pthread_create(&t[i], NULL, submit_many, &s[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(s[i].failures, 0);
	}
	writer_stats(f->w, &b1, &j1);
	/* Every submit returned after its commit, so all rows are visible. */
	assert_int_equal(count(f->reader, COUNT_ROWS, NULL),
	                 THREADS * PER_THREAD);
	assert_int_equal(count(f->reader, COUNT_AUDIT, NULL),
	                 THREADS * PER_THREAD);
	assert_int_equal(j1 - j0, THREADS * PER_THREAD);
	/* Group commit: under concurrency batches hold several jobs. */
	assert_true(b1 - b0 < j1 - j0);
	print_message("writer: %lld jobs in %lld batches\n", j1 - j0, b1 - b0);

	struct err e;
	err_clear(&e);
	int64_t checked = 0, bad = -1;
	assert_int_equal(audit_verify(f->reader, &f->key, &checked, &bad, &e),
	                 0);
	assert_int_equal(checked, THREADS * PER_THREAD);
	assert_int_equal(bad, 0);
}

/* A detached job that holds the writer until released, so that the jobs
 * queued meanwhile form one batch. */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int started, open;
	struct write_job job;
};

static int
gate_wait(struct db *db, void *arg, struct err *e)
{
	(void)db;
	(void)e;
	struct gate *g = arg;
	pthread_mutex_lock(&g->mu);
	g->started = 1;
	pthread_cond_broadcast(&g->cv);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
	return 0;
}

static void
gate_free(struct write_job *job)
{
	(void)job; /* the gate lives on the test's stack */
}

struct one {
	struct writer *w;
	struct insert in;
	struct audit_entry a;
	struct write_job job;
	struct err e;
	int rc;
};

static void *
submit_one(void *arg)
{
	struct one *o = arg;
	err_clear(&o->e);
	o->rc = writer_submit(o->w, &o->job, &o->e);
	return NULL;
}

static void
test_failing_job_rolls_back_only_itself(void **state)
{
	struct fixture *f = *state;
	struct gate g;
	memset(&g, 0, sizeof(g));
	pthread_mutex_init(&g.mu, NULL);
	pthread_cond_init(&g.cv, NULL);
	g.job.fn = gate_wait;
	g.job.arg = &g;
	g.job.free_fn = gate_free;
	long long b0, j0, b1, j1;
	writer_stats(f->w, &b0, &j0);
	writer_submit_detached(f->w, &g.job);
	pthread_mutex_lock(&g.mu);
	while (!g.started)
		pthread_cond_wait(&g.cv, &g.mu);
	pthread_mutex_unlock(&g.mu);

	static const char *const names[] = {"good-1", "bad", "good-2",
	                                    "audit-only"};
	struct one o[4];
	pthread_t t[4];
	for (int i = 0; i < 4; i++) {
		memset(&o[i], 0, sizeof(o[i]));
		o[i].w = f->w;
		o[i].in = (struct insert){names[i], i == 1};
		o[i].a = (struct audit_entry){.username = "unit",
		                              .action = names[i],
		                              .record_type = "scratch",
		                              .ip = "127.0.0.1"};
		o[i].job.fn = i == 3 ? NULL : do_insert;
		o[i].job.arg = &o[i].in;
		o[i].job.audit = &o[i].a;
		assert_int_equal(pthread_create(&t[i], NULL, submit_one, &o[i]),
		                 0);
	}
	/* Let all four queue behind the gate, then open it. */
	usleep(300 * 1000);
	pthread_mutex_lock(&g.mu);
	g.open = 1;
	pthread_cond_broadcast(&g.cv);
	pthread_mutex_unlock(&g.mu);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	writer_stats(f->w, &b1, &j1);

	assert_int_equal(o[0].rc, 0);
	assert_int_equal(o[2].rc, 0);
	assert_int_equal(o[3].rc, 0);
	assert_int_equal(o[1].rc, SPIRE_EINVAL);
	assert_string_equal(o[1].e.field, "v");
	assert_string_equal(o[1].e.message, "refused bad");
	/* The gate's batch, then one batch for all four. */
	assert_int_equal(b1 - b0, 2);
	assert_int_equal(j1 - j0, 5);

	assert_int_equal(count(f->reader, COUNT_V, "good-1"), 1);
	assert_int_equal(count(f->reader, COUNT_V, "good-2"), 1);
	assert_int_equal(count(f->reader, COUNT_V, "bad"), 0);
	assert_int_equal(count(f->reader, COUNT_ROWS, NULL), 2);
	assert_int_equal(count(f->reader, COUNT_ACTION, "good-1"), 1);
	assert_int_equal(count(f->reader, COUNT_ACTION, "good-2"), 1);
	/* The audit-only job's row is in the access log, not beside the
	 * records' changes. */
	assert_int_equal(count(f->reader, COUNT_ACTION, "audit-only"), 0);
	assert_int_equal(count(f->reader, COUNT_ACCESS_ACTION, "audit-only"),
	                 1);
	assert_int_equal(count(f->reader, COUNT_ACTION, "bad"), 0);

	struct err e;
	err_clear(&e);
	int64_t checked = 0, bad = -1;
	assert_int_equal(audit_verify(f->reader, &f->key, &checked, &bad, &e),
	                 0);
	assert_int_equal(checked, 3);
	pthread_mutex_destroy(&g.mu);
	pthread_cond_destroy(&g.cv);
}

static void
test_duplicate_in_batch_fails_alone(void **state)
{
	/* A constraint error inside a job (not a refusal by the job
	 * itself) is rolled back to its savepoint too. */
	struct fixture *f = *state;
	struct insert a = {"same", 0}, b = {"same", 0};
	struct write_job ja, jb;
	memset(&ja, 0, sizeof(ja));
	memset(&jb, 0, sizeof(jb));
	ja.fn = jb.fn = do_insert;
	ja.arg = &a;
	jb.arg = &b;
	struct err e;
	err_clear(&e);
	assert_int_equal(writer_submit(f->w, &ja, &e), 0);
	assert_int_not_equal(writer_submit(f->w, &jb, &e), 0);
	assert_int_equal(count(f->reader, COUNT_V, "same"), 1);
	/* The writer carries on. */
	struct insert c = {"after", 0};
	struct write_job jc;
	memset(&jc, 0, sizeof(jc));
	jc.fn = do_insert;
	jc.arg = &c;
	assert_int_equal(writer_submit(f->w, &jc, &e), 0);
	assert_int_equal(count(f->reader, COUNT_V, "after"), 1);
}

/* Size of the file path + suffix, or -1 when there is none. */
static long long
file_size(const struct fixture *f, const char *suffix)
{
	char p[128 + 16];
	snprintf(p, sizeof(p), "%s%s", f->path, suffix);
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

static void
test_read_rows_touch_only_the_access_log(void **state)
{
	/* A job that changes nothing (a page read: one row per person
	 * shown) writes its rows to the access log alone, in as few
	 * statements as share who and where (six rows at most each), each
	 * row numbered on from the records' chain and MACed onto the one
	 * before (docs/audit.md). */
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	struct insert in = {"before", 0};
	struct audit_entry made = {.user_id = 1,
	                           .username = "unit",
	                           .action = "create",
	                           .record_type = "scratch",
	                           .record_id = 1,
	                           .ip = "127.0.0.1"};
	struct write_job job;
	memset(&job, 0, sizeof(job));
	job.fn = do_insert;
	job.arg = &in;
	job.audit = &made;
	assert_int_equal(writer_submit(f->w, &job, &e), 0);
	long long main_wal = file_size(f, "-wal");
	long long access_wal = file_size(f, ".access-wal");
	assert_true(main_wal > 0);

	enum { ROWS = 14 };
	struct audit_entry rows[ROWS];
	for (int i = 0; i < ROWS; i++) {
		int second = i >= 8; /* rows 8.. by another user, no ip */
		rows[i] = (struct audit_entry){
		    .user_id = second ? 2 : 1,
		    .username = second ? NULL : "unit",
		    .action = i == 0 ? "read" : "shown",
		    .record_type = "person",
		    .record_id = 100 + i,
		    .person_id = 100 + i,
		    .ip = second ? NULL : "127.0.0.1",
		    .break_glass = i == 9,
		    .reason = i == 9 ? "Safeguarding concern reported" : NULL,
		    .detail = "/api/v1/people/{id}",
		    .next = i + 1 < ROWS ? &rows[i + 1] : NULL};
	}
	/* Another connection holds the main file's write lock: the rows
	 * are written all the same, at once (the writer asked for the main
	 * file's lock until the busy timeout, then failed, before). */
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	memset(&job, 0, sizeof(job));
	job.audit = rows;
	assert_int_equal(writer_submit(f->w, &job, &e), 0);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(other);

	/* The main file was neither written nor its WAL grown. */
	assert_int_equal(file_size(f, "-wal"), main_wal);
	assert_true(file_size(f, ".access-wal") > access_wal);
	assert_int_equal(count(f->reader, COUNT_AUDIT, NULL), 1);
	assert_int_equal(count(f->reader, COUNT_ACCESS_ACTION, "shown"),
	                 ROWS - 1);
	/* Numbered on from the records' chain, in order, without gaps. */
	assert_int_equal(
	    count(f->reader,
	          "SELECT count(*) FROM access.audit WHERE seq - 1 = record_id"
	          " - 100 + (SELECT max(seq) FROM audit)",
	          NULL),
	    ROWS);
	assert_int_equal(
	    count(f->reader,
	          "SELECT count(*) FROM access.audit WHERE record_id = 109"
	          " AND user_id = 2 AND username IS NULL AND ip IS NULL"
	          " AND break_glass = 1 AND reason = $1",
	          "Safeguarding concern reported"),
	    1);
	int64_t checked = 0, bad = -1;
	assert_int_equal(audit_verify(f->reader, &f->key, &checked, &bad, &e),
	                 0);
	assert_int_equal(checked, ROWS + 1);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_concurrent_submitters_all_commit, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_failing_job_rolls_back_only_itself, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_duplicate_in_batch_fails_alone,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_read_rows_touch_only_the_access_log, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

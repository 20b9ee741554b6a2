/*
 * test_gencache.c - the change generation (db_generation, store/db.h) on a
 * real SQLite file in WAL mode, and the cache kept under it
 * (service/gencache.h): the generation changes with every commit to the
 * main database, by this connection, another or another process, and with
 * nothing else (a read, an empty transaction, a write to the access log);
 * it never comes back to an earlier value; an entry answers only at the
 * generation it was kept at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "temp_db.h"

#include "core/arena.h"
#include "service/gencache.h"
#include "store/db.h"

#define SEEN_MAX 16

struct fixture {
	struct temp_db t;
	struct db *reader;
	struct db_generation seen[SEEN_MAX];
	int nseen;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	temp_db_open(&f->t);
	struct err e;
	err_clear(&e);
	assert_int_equal(db_open(f->t.path, DB_OPEN_READONLY, &f->reader, &e),
	                 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->reader);
	temp_db_remove(&f->t);
	free(f);
	return 0;
}

static struct db_generation
gen_of(struct fixture *f)
{
	struct db_generation g;
	assert_int_equal(db_generation(f->reader, &g), 1);
	return g;
}

static int
same(const struct db_generation *a, const struct db_generation *b)
{
	return memcmp(a->bytes, b->bytes, DB_GENERATION_LEN) == 0;
}

/* g is new: unlike every generation seen so far; then remember it. */
static void
assert_new(struct fixture *f, struct db_generation g)
{
	for (int i = 0; i < f->nseen; i++)
		assert_false(same(&g, &f->seen[i]));
	assert_true(f->nseen < SEEN_MAX);
	f->seen[f->nseen++] = g;
}

static void
run(struct db *db, const char *sql)
{
	struct err e;
	err_clear(&e);
	if (db_exec(db, sql, &e) != 0)
		fail_msg("%s: %s", sql, e.message);
}

static void
test_generation_follows_commits(void **state)
{
	struct fixture *f = *state;
	struct db_generation g = gen_of(f);
	assert_new(f, g);
	/* Reading, in or out of a snapshot, changes nothing. */
	struct err e;
	err_clear(&e);
	assert_int_equal(db_begin_read(f->reader, &e), 0);
	run(f->reader, "SELECT count(*) FROM teams");
	db_end_read(f->reader);
	struct db_generation now = gen_of(f);
	assert_true(same(&g, &now));
	/* Nor does a transaction that changes nothing, nor the access log
	 * (a file of its own). */
	run(f->t.db, "BEGIN IMMEDIATE; COMMIT;");
	run(f->t.db, "CREATE TABLE IF NOT EXISTS access.unit_scratch(x);"
	             "INSERT INTO access.unit_scratch VALUES (1);");
	now = gen_of(f);
	assert_true(same(&g, &now));
	/* A commit to the main database by another connection does. */
	run(f->t.db, "INSERT INTO teams(service_id, name, created_at)"
	             " VALUES (1, 'Gen one', '2024-01-01')");
	assert_new(f, gen_of(f));
	/* So does one by another process (the CLI beside the server). */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *other = NULL;
		struct err ce;
		err_clear(&ce);
		int rc = db_open(f->t.path, 0, &other, &ce);
		if (rc == 0)
			rc = db_exec(other,
			             "UPDATE teams SET name = 'Gen two'"
			             " WHERE name = 'Gen one'",
			             &ce);
		db_close(other);
		_exit(rc == 0 ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_new(f, gen_of(f));
	/* The log started again from its beginning: still never an earlier
	 * generation, after the checkpoint and after the next commit. */
	run(f->t.db, "PRAGMA wal_checkpoint(TRUNCATE)");
	struct db_generation after = gen_of(f);
	for (int i = 0; i < f->nseen - 1; i++)
		assert_false(same(&after, &f->seen[i]));
	run(f->t.db, "DELETE FROM teams WHERE name = 'Gen two'");
	assert_new(f, gen_of(f));
}

static void
test_no_generation_without_wal(void **state)
{
	(void)state;
	struct db *mem = NULL;
	struct err e;
	err_clear(&e);
	assert_int_equal(db_open(":memory:", DB_OPEN_CREATE, &mem, &e), 0);
	struct db_generation g;
	assert_int_equal(db_generation(mem, &g), 0);
	db_close(mem);
	assert_int_equal(db_generation(NULL, &g), 0);
}

static void
test_cache_answers_only_at_its_generation(void **state)
{
	(void)state;
	struct gencache *c = gencache_new();
	assert_non_null(c);
	struct db_generation g1, g2;
	memset(&g1, 1, sizeof(g1));
	memset(&g2, 2, sizeof(g2));
	int64_t v[2] = {0, 0};
	assert_int_equal(gencache_get(c, &g1, "Syouth_justice", 14, v), 0);
	gencache_put(c, &g1, "Syouth_justice", 14, (int64_t[2]){7, 9});
	assert_int_equal(gencache_get(c, &g1, "Syouth_justice", 14, v), 1);
	assert_int_equal(v[0], 7);
	assert_int_equal(v[1], 9);
	assert_int_equal(gencache_get(c, &g2, "Syouth_justice", 14, v), 0);
	assert_int_equal(gencache_get(c, &g1, "Syouth_justic", 13, v), 0);
	assert_int_equal(gencache_get(c, NULL, "Syouth_justice", 14, v), 0);
	/* A key too long is neither kept nor found. */
	char big[GENCACHE_KEY_MAX + 1];
	memset(big, 'k', sizeof(big));
	gencache_put(c, &g1, big, sizeof(big), v);
	assert_int_equal(gencache_get(c, &g1, big, sizeof(big), v), 0);

	/* Two tokens' keys; the second made to share the first's slot. */
	unsigned char key[GENCACHE_HASH_LEN], other[GENCACHE_HASH_LEN];
	gencache_token_key(c, "token-one", 9, key);
	memcpy(other, key, sizeof(other));
	other[31] ^= 1;
	unsigned char again[GENCACHE_HASH_LEN];
	gencache_token_key(c, "token-one", 9, again);
	assert_memory_equal(key, again, sizeof(key));
	gencache_token_key(c, "token-two", 9, again);
	assert_memory_not_equal(key, again, sizeof(key));
	/* Another cache, another key: keys are of no use outside it. */
	struct gencache *c2 = gencache_new();
	assert_non_null(c2);
	gencache_token_key(c2, "token-one", 9, again);
	assert_memory_not_equal(key, again, sizeof(key));
	gencache_free(c2);
	struct gencache_session s = {.user_id = 4,
	                             .team_id = 2,
	                             .service_id = 1,
	                             .person_id = 0,
	                             .created_at = 100,
	                             .last_seen = 160,
	                             .username = "officer",
	                             .full_name = "Test officer",
	                             .role = "yjs_officer",
	                             .csrf_token = "c0ffee"};
	memset(s.token_hash, 0x5a, sizeof(s.token_hash));
	unsigned char not_it[GENCACHE_HASH_LEN];
	memset(not_it, 0x5b, sizeof(not_it));
	struct arena arena;
	arena_init(&arena, 0);
	struct arena *a = &arena;
	struct gencache_session out;
	assert_int_equal(gencache_session_get(c, &g1, key, a, &out), 0);
	gencache_session_put(c, &g1, key, &s);
	assert_int_equal(gencache_session_get(c, &g1, key, a, &out), 1);
	assert_memory_equal(out.token_hash, s.token_hash, GENCACHE_HASH_LEN);
	assert_int_equal(out.user_id, 4);
	assert_int_equal(out.team_id, 2);
	assert_int_equal(out.last_seen, 160);
	assert_string_equal(out.username, "officer");
	assert_string_equal(out.full_name, "Test officer");
	assert_string_equal(out.role, "yjs_officer");
	assert_string_equal(out.csrf_token, "c0ffee");
	assert_int_equal(gencache_session_get(c, &g2, key, a, &out), 0);
	assert_int_equal(gencache_session_get(c, &g1, other, a, &out), 0);
	gencache_session_drop(c, not_it); /* not the one kept: stays */
	assert_int_equal(gencache_session_get(c, &g1, key, a, &out), 1);
	gencache_session_drop(c, s.token_hash);
	assert_int_equal(gencache_session_get(c, &g1, key, a, &out), 0);
	/* A missing string is not kept as an empty one. */
	s.csrf_token = NULL;
	gencache_session_put(c, &g1, key, &s);
	assert_int_equal(gencache_session_get(c, &g1, key, a, &out), 0);
	arena_release(a);
	gencache_free(c);
	/* No cache: nothing kept, nothing found. */
	gencache_put(NULL, &g1, "S", 1, v);
	assert_int_equal(gencache_get(NULL, &g1, "S", 1, v), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_generation_follows_commits,
	                                    setup, teardown),
	    cmocka_unit_test(test_no_generation_without_wal),
	    cmocka_unit_test(test_cache_answers_only_at_its_generation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

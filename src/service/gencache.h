/*
 * gencache.h - answers from the store kept for as long as the database has
 * not changed: the session behind a token and the small answers of the
 * access check (a service's id, a user's relation to a person).
 *
 * Every entry is tagged with the change generation (db_generation,
 * store/db.h) read BEFORE the statements that produced it, and is used only
 * by a request that reads the very same generation: so no transaction has
 * committed a change to the database since, by this process or another (the
 * `spire user` command on the same file), and the entry says what the store
 * would say. Any commit to the main database (a sign-out, a disabled
 * account, a new role or team, a case allocated or closed, a consent) makes
 * every entry stale at once, at the next request. Where the store keeps no
 * generation (PostgreSQL; SQLite not in WAL mode) nothing is cached. The
 * design and its proof are in docs/access.md ("Caches and their
 * invalidation").
 *
 * Thread-safe (one mutex per table; an entry is copied out under it).
 * Fixed size: a new entry replaces whatever held its slot.
 */
#ifndef SPIRE_GENCACHE_H
#define SPIRE_GENCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

#define GENCACHE_HASH_LEN 32 /* a session token's SHA-256, or its key */
#define GENCACHE_KEY_MAX 48  /* bytes of a small answer's key */

struct gencache;

/* A live session joined with its user, as store_sessions_lookup gives it
 * (store/sessions.h). Strings are NUL-terminated; in an answer from
 * gencache_session_get they are arena-owned. */
struct gencache_session {
	unsigned char token_hash[GENCACHE_HASH_LEN]; /* the store's key */
	int64_t user_id, team_id, service_id, person_id;
	int64_t created_at, last_seen; /* Unix seconds */
	const char *username, *full_name, *role, *csrf_token;
};

/* A new, empty cache; NULL when out of memory. */
struct gencache *gencache_new(void);
void gencache_free(struct gencache *c);

/*
 * The cache's key for a session token of len bytes: a keyed BLAKE2b of it
 * (libsodium's crypto_generichash), under a key made at random with c and
 * never kept anywhere else. The cache finds a session by it, so that a
 * request it answers need not compute the token's SHA-256 (the store's key,
 * kept in the entry); knowing a SHA-256 or a key gives no way to the other
 * or to the token.
 */
void gencache_token_key(const struct gencache *c, const char *token, size_t len,
                        unsigned char out[GENCACHE_HASH_LEN]);

/*
 * The session whose token key (gencache_token_key) is key, cached at
 * generation gen: 1 with
 * *out filled (strings copied into arena), 0 when not cached at gen (or c
 * or gen is NULL, or out of memory).
 */
int gencache_session_get(struct gencache *c, const struct db_generation *gen,
                         const unsigned char key[GENCACHE_HASH_LEN],
                         struct arena *arena, struct gencache_session *out);

/* Keep s, looked up at gen, under its token's key (a live session of an
 * enabled account only). Strings too long to keep leave it uncached. */
void gencache_session_put(struct gencache *c, const struct db_generation *gen,
                          const unsigned char key[GENCACHE_HASH_LEN],
                          const struct gencache_session *s);

/* Forget the session whose token hash (SHA-256) is hash (signed out: belt
 * and braces, since the sign-out's commit changes the generation anyway). */
void gencache_session_drop(struct gencache *c,
                           const unsigned char hash[GENCACHE_HASH_LEN]);

/*
 * A small answer (two integers) for key (len bytes, at most
 * GENCACHE_KEY_MAX, made by the caller from a tag and the question's
 * inputs), cached at gen: 1 with v[0], v[1] filled, 0 when not.
 */
int gencache_get(struct gencache *c, const struct db_generation *gen,
                 const void *key, size_t len, int64_t v[2]);
void gencache_put(struct gencache *c, const struct db_generation *gen,
                  const void *key, size_t len, const int64_t v[2]);

#endif

/*
 * gencache.c - store answers kept while the change generation holds
 * (gencache.h). Two direct-mapped tables, each behind one mutex: sessions
 * by token hash (already uniformly random), small answers by an FNV-1a
 * hash of their key.
 */
#include "service/gencache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_SLOTS 1024
#define ANSWER_SLOTS 4096
#define SESSION_TEXT 1024 /* the four strings of a session, NULs included */

struct session_slot {
	int used;
	unsigned char key[GENCACHE_HASH_LEN];  /* gencache_token_key */
	unsigned char hash[GENCACHE_HASH_LEN]; /* SHA-256: the store's key */
	struct db_generation gen;
	int64_t user_id, team_id, service_id, person_id, created_at, last_seen;
	/* username, full_name, role, csrf_token one after another. */
	unsigned short off[4];
	char text[SESSION_TEXT];
};

struct answer_slot {
	int used;
	unsigned char len;
	unsigned char key[GENCACHE_KEY_MAX];
	struct db_generation gen;
	int64_t v[2];
};

struct gencache {
	unsigned char token_key[crypto_generichash_KEYBYTES];
	pthread_mutex_t smu, amu;
	struct session_slot sessions[SESSION_SLOTS];
	struct answer_slot answers[ANSWER_SLOTS];
};

struct gencache *
gencache_new(void)
{
	struct gencache *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	randombytes_buf(c->token_key, sizeof(c->token_key));
	pthread_mutex_init(&c->smu, NULL);
	pthread_mutex_init(&c->amu, NULL);
	return c;
}

void
gencache_free(struct gencache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->smu);
	pthread_mutex_destroy(&c->amu);
	sodium_memzero(c, sizeof(*c));
	free(c);
}

void
gencache_token_key(const struct gencache *c, const char *token, size_t len,
                   unsigned char out[GENCACHE_HASH_LEN])
{
	crypto_generichash(out, GENCACHE_HASH_LEN, (const unsigned char *)token,
	                   len, c->token_key, sizeof(c->token_key));
}

static size_t
session_slot(const unsigned char key[GENCACHE_HASH_LEN])
{
	/* A keyed hash: any of its bytes are as good as a hash of it. */
	return ((size_t)key[0] | (size_t)key[1] << 8) % SESSION_SLOTS;
}

static int
same_gen(const struct db_generation *a, const struct db_generation *b)
{
	return memcmp(a->bytes, b->bytes, DB_GENERATION_LEN) == 0;
}

int
gencache_session_get(struct gencache *c, const struct db_generation *gen,
                     const unsigned char key[GENCACHE_HASH_LEN],
                     struct arena *arena, struct gencache_session *out)
{
	if (!c || !gen)
		return 0;
	struct session_slot *s = &c->sessions[session_slot(key)];
	char text[SESSION_TEXT];
	unsigned short off[4];
	pthread_mutex_lock(&c->smu);
	int hit = s->used && memcmp(s->key, key, GENCACHE_HASH_LEN) == 0 &&
	          same_gen(&s->gen, gen);
	if (hit) {
		memcpy(out->token_hash, s->hash, GENCACHE_HASH_LEN);
		out->user_id = s->user_id;
		out->team_id = s->team_id;
		out->service_id = s->service_id;
		out->person_id = s->person_id;
		out->created_at = s->created_at;
		out->last_seen = s->last_seen;
		memcpy(off, s->off, sizeof(off));
		memcpy(text, s->text,
		       (size_t)off[3] + strlen(s->text + off[3]) + 1);
	}
	pthread_mutex_unlock(&c->smu);
	if (!hit)
		return 0;
	out->username = arena_strdup(arena, text + off[0]);
	out->full_name = arena_strdup(arena, text + off[1]);
	out->role = arena_strdup(arena, text + off[2]);
	out->csrf_token = arena_strdup(arena, text + off[3]);
	return out->username && out->full_name && out->role && out->csrf_token;
}

void
gencache_session_put(struct gencache *c, const struct db_generation *gen,
                     const unsigned char key[GENCACHE_HASH_LEN],
                     const struct gencache_session *s)
{
	if (!c || !gen)
		return;
	const char *parts[4] = {s->username, s->full_name, s->role,
	                        s->csrf_token};
	char text[SESSION_TEXT];
	unsigned short off[4];
	size_t at = 0;
	for (int i = 0; i < 4; i++) {
		if (!parts[i])
			return; /* kept as the store gave it: not at all */
		size_t n = strlen(parts[i]);
		if (at + n + 1 > sizeof(text))
			return;
		off[i] = (unsigned short)at;
		memcpy(text + at, parts[i], n + 1);
		at += n + 1;
	}
	struct session_slot *slot = &c->sessions[session_slot(key)];
	pthread_mutex_lock(&c->smu);
	slot->used = 1;
	memcpy(slot->key, key, GENCACHE_HASH_LEN);
	memcpy(slot->hash, s->token_hash, GENCACHE_HASH_LEN);
	slot->gen = *gen;
	slot->user_id = s->user_id;
	slot->team_id = s->team_id;
	slot->service_id = s->service_id;
	slot->person_id = s->person_id;
	slot->created_at = s->created_at;
	slot->last_seen = s->last_seen;
	memcpy(slot->off, off, sizeof(off));
	memcpy(slot->text, text, at);
	pthread_mutex_unlock(&c->smu);
}

void
gencache_session_drop(struct gencache *c,
                      const unsigned char hash[GENCACHE_HASH_LEN])
{
	if (!c)
		return;
	/* Found by the store's key, so every slot is looked at. */
	pthread_mutex_lock(&c->smu);
	for (size_t i = 0; i < SESSION_SLOTS; i++) {
		struct session_slot *s = &c->sessions[i];
		if (s->used && memcmp(s->hash, hash, GENCACHE_HASH_LEN) == 0)
			s->used = 0;
	}
	pthread_mutex_unlock(&c->smu);
}

static size_t
answer_slot(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h % ANSWER_SLOTS;
}

int
gencache_get(struct gencache *c, const struct db_generation *gen,
             const void *key, size_t len, int64_t v[2])
{
	if (!c || !gen || len > GENCACHE_KEY_MAX)
		return 0;
	struct answer_slot *s = &c->answers[answer_slot(key, len)];
	pthread_mutex_lock(&c->amu);
	int hit = s->used && s->len == len && memcmp(s->key, key, len) == 0 &&
	          same_gen(&s->gen, gen);
	if (hit) {
		v[0] = s->v[0];
		v[1] = s->v[1];
	}
	pthread_mutex_unlock(&c->amu);
	return hit;
}

void
gencache_put(struct gencache *c, const struct db_generation *gen,
             const void *key, size_t len, const int64_t v[2])
{
	if (!c || !gen || len > GENCACHE_KEY_MAX)
		return;
	struct answer_slot *s = &c->answers[answer_slot(key, len)];
	pthread_mutex_lock(&c->amu);
	s->used = 1;
	s->len = (unsigned char)len;
	memcpy(s->key, key, len);
	s->gen = *gen;
	s->v[0] = v[0];
	s->v[1] = v[1];
	pthread_mutex_unlock(&c->amu);
}

/*
 * throttle.c - sign-in attempt counters: a fixed-size open hash keyed by
 * string (addresses, unknown usernames) and a growing open hash keyed by
 * account id. See throttle.h for why they differ.
 */
#include "service/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096
#define KEY_MAX 160
#define PROBES 16

struct slot {
	char key[KEY_MAX];
	int64_t start;
	int count;
};

struct throttle {
	pthread_mutex_t mu;
	int max, window;
	struct slot slots[SLOTS];
};

struct throttle *
throttle_new(int max, int window_s)
{
	struct throttle *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	pthread_mutex_init(&t->mu, NULL);
	t->max = max;
	t->window = window_s;
	return t;
}

void
throttle_free(struct throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t);
}

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot for key, or (create) a free/oldest slot. Caller holds mu. */
static struct slot *
find(struct throttle *t, const char *key, int create, int64_t now)
{
	size_t base = (size_t)(hash(key) % SLOTS);
	struct slot *victim = NULL;
	for (size_t i = 0; i < PROBES; i++) {
		struct slot *s = &t->slots[(base + i) % SLOTS];
		if (s->count && strncmp(s->key, key, KEY_MAX - 1) == 0)
			return s;
		if (!create)
			continue;
		if (!s->count || now - s->start >= t->window) {
			if (!victim || victim->count)
				victim = s;
		} else if (!victim ||
		           (victim->count && s->start < victim->start)) {
			victim = s;
		}
	}
	if (victim) {
		memset(victim, 0, sizeof(*victim));
		snprintf(victim->key, KEY_MAX, "%s", key);
		victim->start = now;
	}
	return victim;
}

int
throttle_take(struct throttle *t, const char *key, int64_t now)
{
	int refused = 0;
	pthread_mutex_lock(&t->mu);
	struct slot *s = find(t, key, 1, now);
	if (s) {
		if (now - s->start >= t->window) {
			s->start = now;
			s->count = 0;
		}
		if (s->count >= t->max)
			refused = 1;
		else
			s->count++;
	}
	pthread_mutex_unlock(&t->mu);
	return refused;
}

void
throttle_release(struct throttle *t, const char *key)
{
	pthread_mutex_lock(&t->mu);
	struct slot *s = find(t, key, 0, 0);
	if (s && s->count > 1)
		s->count--;
	else if (s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&t->mu);
}

void
throttle_clear(struct throttle *t, const char *key)
{
	pthread_mutex_lock(&t->mu);
	struct slot *s = find(t, key, 0, 0);
	if (s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&t->mu);
}

/* ---- per account ---- */

/* Far more accounts than any council has; the table stops growing here. */
#define LOCKOUT_CAP ((size_t)1 << 22)

struct account {
	int64_t user_id; /* 0: empty */
	int64_t start;
	int count;
};

struct lockout {
	pthread_mutex_t mu;
	int max, window;
	size_t cap, used;
	struct account *table;
};

struct lockout *
lockout_new(int max, int window_s)
{
	struct lockout *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->cap = 1024;
	l->table = calloc(l->cap, sizeof(*l->table));
	if (!l->table) {
		free(l);
		return NULL;
	}
	pthread_mutex_init(&l->mu, NULL);
	l->max = max;
	l->window = window_s;
	return l;
}

void
lockout_free(struct lockout *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->mu);
	free(l->table);
	free(l);
}

static size_t
id_slot(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 20) & (cap - 1);
}

/* The entry for id; with create, a new one (growing the table as needed).
 * NULL when absent, or when out of memory. Caller holds mu. */
static struct account *
lookup(struct lockout *l, int64_t id, int create)
{
	size_t i = id_slot(id, l->cap);
	while (l->table[i].user_id && l->table[i].user_id != id)
		i = (i + 1) & (l->cap - 1);
	if (l->table[i].user_id == id)
		return &l->table[i];
	if (!create)
		return NULL;
	if ((l->used + 1) * 2 > l->cap) {
		size_t cap = l->cap * 2;
		if (cap > LOCKOUT_CAP)
			return NULL;
		struct account *t = calloc(cap, sizeof(*t));
		if (!t)
			return NULL;
		for (size_t k = 0; k < l->cap; k++) {
			if (!l->table[k].user_id)
				continue;
			size_t j = id_slot(l->table[k].user_id, cap);
			while (t[j].user_id)
				j = (j + 1) & (cap - 1);
			t[j] = l->table[k];
		}
		free(l->table);
		l->table = t;
		l->cap = cap;
		i = id_slot(id, cap);
		while (l->table[i].user_id)
			i = (i + 1) & (cap - 1);
	}
	l->used++;
	l->table[i].user_id = id;
	return &l->table[i];
}

int
lockout_take(struct lockout *l, int64_t user_id, int64_t now)
{
	int refused = 1;
	pthread_mutex_lock(&l->mu);
	struct account *a = lookup(l, user_id, 1);
	if (a) {
		if (!a->count || now - a->start >= l->window) {
			a->start = now;
			a->count = 0;
		}
		refused = a->count >= l->max;
		if (!refused)
			a->count++;
	}
	pthread_mutex_unlock(&l->mu);
	return refused;
}

void
lockout_clear(struct lockout *l, int64_t user_id)
{
	pthread_mutex_lock(&l->mu);
	struct account *a = lookup(l, user_id, 0);
	if (a)
		a->count = 0;
	pthread_mutex_unlock(&l->mu);
}

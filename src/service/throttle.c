/*
 * throttle.c - fixed-size open hash of failure counters. When full, the
 * oldest window is evicted, which only ever loosens a throttle.
 */
#include "service/throttle.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096
#define KEY_MAX 160

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
	for (size_t i = 0; i < 16; i++) {
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
		strncpy(victim->key, key, KEY_MAX - 1);
		victim->start = now;
	}
	return victim;
}

int
throttle_blocked(struct throttle *t, const char *key, int64_t now)
{
	pthread_mutex_lock(&t->mu);
	struct slot *s = find(t, key, 0, now);
	int blocked = s && now - s->start < t->window && s->count >= t->max;
	pthread_mutex_unlock(&t->mu);
	return blocked;
}

void
throttle_fail(struct throttle *t, const char *key, int64_t now)
{
	pthread_mutex_lock(&t->mu);
	struct slot *s = find(t, key, 1, now);
	if (s) {
		if (now - s->start >= t->window) {
			s->start = now;
			s->count = 0;
		}
		s->count++;
	}
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

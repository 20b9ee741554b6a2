/*
 * buf.c - the bounded growable buffer (buf.h).
 */
#include "core/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

#define BUF_FIRST 256 /* the first allocation, when max allows it */

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	/* len + 1 must stay countable. */
	b->max = max < SIZE_MAX ? max : SIZE_MAX - 1;
}

void
buf_init_arena(struct buf *b, size_t max, struct arena *a)
{
	buf_init(b, max);
	b->arena = a;
}

/* Grow so that need bytes (contents and NUL) fit. */
static int
grow(struct buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : BUF_FIRST;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
	/* Never allocate past what max can use. */
	if (cap > b->max + 1)
		cap = b->max + 1;
	char *p;
	if (b->arena) {
		p = arena_alloc(b->arena, cap);
		if (p && b->len)
			memcpy(p, b->p, b->len + 1);
	} else {
		p = realloc(b->p, cap);
	}
	if (!p)
		return SPIRE_ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

int
buf_reserve(struct buf *b, size_t n)
{
	if (b->err)
		return b->err;
	if (n > b->max - b->len)
		return b->err = SPIRE_ETOOBIG;
	size_t need = b->len + n + 1;
	if (need > b->cap) {
		int rc = grow(b, need);
		if (rc)
			return b->err = rc;
		if (b->len == 0)
			b->p[0] = '\0';
	}
	return 0;
}

int
buf_add(struct buf *b, const void *data, size_t n)
{
	int rc = buf_reserve(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_setlen(struct buf *b, size_t len)
{
	if (b->err)
		return b->err;
	if (!b->p || len >= b->cap)
		return SPIRE_EINVAL;
	b->len = len;
	b->p[len] = '\0';
	return 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->p)
		b->p[0] = '\0';
}

char *
buf_take(struct buf *b)
{
	char *p = b->err ? NULL : b->p;
	if (!p && !b->arena)
		free(b->p);
	size_t max = b->max;
	buf_init(b, max);
	return p;
}

void
buf_release(struct buf *b)
{
	if (!b->arena)
		free(b->p);
	struct arena *a = b->arena;
	size_t max = b->max;
	buf_init(b, max);
	b->arena = a;
}

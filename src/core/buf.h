/*
 * buf.h - the one growable buffer: bytes appended at the end, never past
 * a hard maximum (curl's dynbuf). Its memory comes from malloc (freed by
 * buf_release()) or from a request's arena (freed with the arena). The
 * first failure sticks: later appends do nothing and return it, so a
 * writer may append freely and check once at the end.
 *
 * Not for structures that are looked up or removed from (a hash table or
 * a queue): only for text and arrays that grow at the end.
 */
#ifndef SPIRE_BUF_H
#define SPIRE_BUF_H

#include <stddef.h>

#include "core/arena.h"

struct buf {
	char *p;    /* the bytes, followed by a NUL; NULL until the first */
	size_t len; /* bytes held, without the NUL */
	size_t cap; /* bytes allocated (room for len + the NUL) */
	size_t max; /* the most len may ever be */
	struct arena *arena; /* where the memory comes from; NULL: malloc */
	int err;             /* 0, or the first failure (sticky) */
};

/* An empty buffer of at most max bytes, its memory from malloc. */
void buf_init(struct buf *b, size_t max);

/* An empty buffer of at most max bytes, its memory from arena a (nothing
 * to release: the arena frees it). */
void buf_init_arena(struct buf *b, size_t max, struct arena *a);

/*
 * Append n bytes of data and keep the contents NUL-terminated. Returns 0;
 * SPIRE_ETOOBIG when len would pass max; SPIRE_ENOMEM when memory (or the
 * arena's cap) runs out. After a failure the buffer keeps what it held,
 * and every later append returns the same failure.
 */
int buf_add(struct buf *b, const void *data, size_t n);

/* Append the string s (without its NUL), as buf_add(). */
int buf_adds(struct buf *b, const char *s);

/* Make room for n more bytes without adding them, as buf_add() fails. */
int buf_reserve(struct buf *b, size_t n);

/*
 * Set the length to len, for bytes written in place into room made by
 * buf_reserve() (or to drop the tail): len must be below b->cap. Returns
 * 0, or SPIRE_EINVAL (nothing changed) when it is not, or the buffer's
 * failure.
 */
int buf_setlen(struct buf *b, size_t len);

/* Forget the contents, keep the memory and the maximum, clear the error. */
void buf_reset(struct buf *b);

/*
 * Hand over the contents of a malloc'd buffer: a NUL-terminated string the
 * caller frees, or NULL when nothing was ever added or an append failed
 * (the memory is then freed).
 * The buffer is left empty. Not for arena buffers.
 */
char *buf_take(struct buf *b);

/* Free a malloc'd buffer's memory (nothing for an arena's) and leave it
 * empty. */
void buf_release(struct buf *b);

#endif

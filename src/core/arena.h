/*
 * arena.h - a per-request bump allocator with a hard cap.
 *
 * Everything a request allocates lives in its arena and is freed at once by
 * arena_release() when the request completes (h2o's pool). Not for
 * long-lived objects: those use their own _new/_free pairs.
 */
#ifndef SPIRE_ARENA_H
#define SPIRE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes obtained from malloc so far */
	size_t cap;   /* hard cap on total; 0 means the default */
};

#define ARENA_DEFAULT_CAP ((size_t)64 * 1024 * 1024)

/* Prepare an empty arena that may grow to cap bytes (0: default). */
void arena_init(struct arena *a, size_t cap);

/* Free every block. The arena may be reused after arena_init(). */
void arena_release(struct arena *a);

/*
 * Allocate n bytes aligned for any type. Returns NULL when out of memory or
 * when the cap would be exceeded; the caller answers 503.
 */
void *arena_alloc(struct arena *a, size_t n);

/* Zeroed array of count elements of size bytes, overflow-checked. */
void *arena_calloc(struct arena *a, size_t count, size_t size);

/* Copies of strings owned by the arena; NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#endif

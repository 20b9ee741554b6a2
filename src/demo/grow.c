/*
 * grow.c - room for one more element in the demo's growing arrays (see
 * grow.h).
 */
#include "demo/grow.h"

#include <stdint.h>
#include <stdlib.h>

void *
demo_grow(void *items, size_t *cap, size_t n, size_t size, size_t first,
          struct err *e)
{
	if (n < *cap)
		return items;
	size_t more = *cap ? *cap * 2 : first;
	if (more > SIZE_MAX / size) {
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	void *p = realloc(items, more * size);
	if (!p) {
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	*cap = more;
	return p;
}

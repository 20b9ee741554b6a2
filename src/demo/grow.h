/*
 * grow.h - room for one more element in the growing arrays the demo
 * generator keeps in memory (the cases and families it hands on from one
 * part of the generation to the next, the points a parent was not seen).
 */
#ifndef SPIRE_DEMO_GROW_H
#define SPIRE_DEMO_GROW_H

#include <stddef.h>

#include "core/err.h"

/*
 * Room for element n of the array `items` of *cap elements of `size`
 * bytes (n of them in use, n <= *cap). While n < *cap: returns items
 * as it is. At n == *cap: reallocates it to twice *cap elements
 * (`first` when *cap is 0), sets *cap and returns the new array, which
 * replaces items (the caller owns it; free it with free()). NULL with
 * SPIRE_ENOMEM on e ("out of memory") when the size would overflow or
 * realloc fails: items is then still the caller's and *cap unchanged.
 */
void *demo_grow(void *items, size_t *cap, size_t n, size_t size, size_t first,
                struct err *e);

#endif

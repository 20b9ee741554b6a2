/*
 * rng.h - the seeded random generator behind the demo data
 * (splitmix64) and the picks made with it. The same seed gives the same
 * sequence on every platform, so `spire demo` is reproducible.
 * Not for anything secret: tokens and salts come from libsodium.
 */
#ifndef SPIRE_DEMO_RNG_H
#define SPIRE_DEMO_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Elements in an array (not a pointer). */
#define DEMO_N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The parts of the generator with sequences per child (demo_rng_child). */
#define DEMO_STREAM_CHILD 0x6368696c6472656eull /* demo.c: people, cases */
#define DEMO_STREAM_YJ 0x594a2d64656d6f21ull    /* yj.c: the histories */
/* parenting.c: the sessions of a parent support case (by its id) */
#define DEMO_STREAM_PARENT_SESSIONS 0x7365737369306e73ull

struct demo_rng {
	uint64_t s; /* the state: set it to the seed */
};

/*
 * Start r as sequence `index` of stream `stream` of the demo's seed: one
 * child's own sequence (the child's index in the demo) in one part of the
 * generator (a constant of the part's own). What one child draws then
 * never moves what a later child draws, so a change to one child's
 * generation leaves every other child as it was. No draw.
 */
void demo_rng_child(struct demo_rng *r, uint64_t seed, uint64_t stream,
                    int64_t index);

/* The next 64 random bits; advances r. */
uint64_t demo_rng_next(struct demo_rng *r);

/* Uniform in [0, n); n must be at least 1. One draw. */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);

/* 1 with a chance of pct in 100, else 0. One draw. */
int demo_rng_pct(struct demo_rng *r, unsigned pct);

/* Uniform in [lo, hi]; lo <= hi. One draw. */
int demo_rng_range(struct demo_rng *r, int lo, int hi);

struct demo_weighted {
	const char *value;
	unsigned weight;
};

/* One of w[0..n) with a chance in proportion to its weight. One draw. */
const char *demo_rng_weighted(struct demo_rng *r, const struct demo_weighted *w,
                              size_t n);

/* A uniformly chosen element of array a; a weighted value of array a. */
#define DEMO_PICK(r, a) ((a)[demo_rng_below((r), (uint32_t)DEMO_N_OF(a))])
#define DEMO_PICK_W(r, a) demo_rng_weighted((r), (a), DEMO_N_OF(a))

#endif

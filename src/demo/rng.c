/*
 * rng.c - splitmix64 and the uniform and weighted picks the demo
 * generator makes with it. Each function makes exactly the draws its
 * header comment says: the demo data depends on that order.
 */
#include "demo/rng.h"

uint64_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t
demo_rng_below(struct demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int
demo_rng_pct(struct demo_rng *r, unsigned pct)
{
	return demo_rng_below(r, 100) < pct;
}

int
demo_rng_range(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)demo_rng_below(r, (uint32_t)(hi - lo + 1));
}

const char *
demo_rng_weighted(struct demo_rng *r, const struct demo_weighted *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	unsigned x = demo_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i].weight)
			return w[i].value;
		x -= w[i].weight;
	}
	return w[n - 1].value;
}

void
demo_rng_child(struct demo_rng *r, uint64_t seed, uint64_t stream,
               int64_t index)
{
	/* Two rounds of splitmix64's mixer over (seed ^ stream, index), so
	 * that neighbouring indexes start far apart. */
	struct demo_rng mix = {seed ^ stream};
	mix.s = demo_rng_next(&mix) ^ (uint64_t)index;
	r->s = demo_rng_next(&mix);
}

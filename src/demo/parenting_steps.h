/*
 * parenting_steps.h - the Steps to Change part of the demo data
 * (docs/parenting.md): for early help families, whose cases are open,
 * scorings at the start and at a review every two or three months up to
 * the reference date, by the practitioner and by
 * the family, with a plausible distance travelled (most improve, some
 * blocks stay low or get worse), and the decisions taken on some of
 * those flags (a few step-ups). Written through the forms engine and the
 * product's store functions (demo/write.h).
 */
#ifndef SPIRE_DEMO_PARENTING_STEPS_H
#define SPIRE_DEMO_PARENTING_STEPS_H

#include <stddef.h>
#include <stdint.h>

#include "demo/write.h"
#include "service/forms/forms.h"

/* A family of the core demo whose child has an early help case: when it
 * started (days since 1970-01-01) and its worker. */
struct demo_steps_family {
	int64_t family_id, worker_id, start_date;
	int always; /* scored whatever the draw (the demo parent's family) */
};

/*
 * Score families[0..n) on forms' Steps to Change (nothing when the forms
 * hold none) inside the demo's transaction; ref is the demo's "today".
 * *scorings and *decisions (optional) receive what was made. Its own
 * random sequence from seed. Returns 0 or a SPIRE_E* code, detail in
 * w->e.
 */
int demo_steps_load(const struct demo_write *w, const struct forms *forms,
                    uint64_t seed, int64_t ref,
                    const struct demo_steps_family *families, size_t n,
                    int64_t *scorings, int64_t *decisions);

#endif

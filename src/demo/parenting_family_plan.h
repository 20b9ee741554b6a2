/*
 * parenting_family_plan.h - the demo's One Family, One Plan: for a family
 * working with more than one service, a key worker, the family's plan in
 * its own words, actions (someone in the family, an agency, a named
 * practitioner) and a review, written through the store functions the
 * product uses (demo/write.h).
 */
#ifndef SPIRE_DEMO_PARENTING_FAMILY_PLAN_H
#define SPIRE_DEMO_PARENTING_FAMILY_PLAN_H

#include <stdint.h>

#include "demo/write.h"

/* A family working with two services, as demo.c made it. */
struct demo_plan_family {
	int64_t family_id;
	int64_t
	    team_id;    /* the team of the child's first case: holds the plan */
	int64_t worker; /* its worker: the key worker, who writes the plan */
	int64_t other_worker; /* the second service's worker */
	int64_t carer_id;     /* the adult who owns the family's actions */
	/* The second service's code ("parenting"): the carer may share the
	 * plan with it (a consent), as half the families do. */
	const char *other_service;
	int64_t start; /* when the second service started (days) */
	int64_t ref;   /* the demo's "today" (days) */
	/* The family's child's sex ("female", "male"; NULL: not known) and
	 * the carer's: the plan's words say "my son" or "my daughter",
	 * "Mum" or "Dad" by them. carer_word is what the family call the
	 * carer ("mum", "dad", "nan", "step-dad"; NULL: "mum"). */
	const char *child_sex, *carer_sex, *carer_word;
	/* Whether a child of the family is of school age (4 to 17) when
	 * the plan starts, how many children under 18 it has, and whether
	 * the family's child is 10 or more: the words speak of school, of
	 * "the children", of evenings out only then. */
	int school, children, older;
};

struct demo_plan_counts {
	int64_t plans, actions, reviews, key_workers, consents;
};

/*
 * Name f's key worker and write its plan, actions and review, the choices
 * drawn from a generator of their own seeded by seed and the family (so
 * the rest of the demo data stays as it was). Counts added to *n.
 * Returns 0 or a SPIRE_E* code, detail in w->e.
 */
int demo_family_plan_add(const struct demo_write *w, uint64_t seed,
                         const struct demo_plan_family *f,
                         struct demo_plan_counts *n);

#endif

/*
 * names.h - the synthetic identities in the demo data: names by
 * heritage, census ethnicities and home languages, Coventry addresses and
 * NHS numbers that can never belong to a patient. Every pick takes its
 * draws from the caller's demo_rng, in the order each comment gives.
 */
#ifndef SPIRE_DEMO_NAMES_H
#define SPIRE_DEMO_NAMES_H

#include <stdint.h>

#include "demo/rng.h"

/* Names common in one heritage; pick with DEMO_PICK(r, names->male). */
struct demo_names {
	const char *male[12], *female[12], *family[14], *religion[2];
};

/* A census ethnicity, its names and the languages spoken at home (the
 * first is the most common; unused slots are NULL). */
struct demo_ethnicity {
	const char *code;
	const struct demo_names *names;
	const char *languages[4];
};

/* A child's ethnicity, in the mix of the youth justice cohort when
 * youth_justice is non-zero, else of the school population. One draw. */
const struct demo_ethnicity *demo_ethnicity_pick(struct demo_rng *r,
                                                 int youth_justice);

/* The ethnicity with this census code; the first (White British) when
 * there is none. */
const struct demo_ethnicity *demo_ethnicity_named(const char *code);

/* For a mixed-heritage child's code, the code of the parent who is not
 * White British; NULL for any other code. */
const char *demo_ethnicity_other_parent(const char *child_code);

/* Someone's first language: the ethnicity's most common one half of the
 * time, else any of its languages. One or two draws. */
const char *demo_language_pick(struct demo_rng *r,
                               const struct demo_ethnicity *eth);

struct demo_address {
	char line[120], postcode[10];
};

/* A Coventry street address and a CV postcode. Six draws. */
struct demo_address demo_address_make(struct demo_rng *r);

/*
 * The k-th synthetic NHS number (then k advances): "9" (a range not
 * issued to patients), eight digits from a bijection of k shifted by
 * offset, and the check digit that makes it pass valid_nhs_number()
 * (modulus 11); bodies without one are skipped. Writes 10 digits and a
 * NUL into out. No draws.
 */
void demo_nhs_number(uint64_t *k, uint64_t offset, char out[11]);

#endif

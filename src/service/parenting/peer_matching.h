/*
 * peer_matching.h - the matching view: for a parent, the available peer
 * mentors ranked on the parent's own stated preferences (language first),
 * with which of them each mentor meets. Nothing is inferred from the
 * parent's ethnicity or any other recorded attribute: only the parent's
 * preferences record (parent_preferences) and the mentors' register are
 * read.
 */
#ifndef SPIRE_PEER_MATCHING_H
#define SPIRE_PEER_MATCHING_H

#include <jansson.h>
#include <stdint.h>

#include "service/ctx.h"

/*
 * The mentors for parent person_id (the router has checked the user may
 * read the person): {person_id, preferences (the record, or null),
 * items: [{mentor: {...}, criteria: [{name, matters, met, shared?}],
 * met, unmet_that_matter}]}, best first, in *out (caller frees). The
 * mentors are the available ones of the user's team (a manager: of every
 * team of their service). A victim is refused as a record outside the
 * caseload (SPIRE_EFORBIDDEN, audited). The read of the preferences is
 * audited.
 */
int peer_matches(struct ctx *ctx, int64_t person_id, json_t **out,
                 struct err *e);

/*
 * 1 when every word of `wanted` (folded as names are: case and accents
 * ignored; words split at spaces and punctuation) is a word of `offered`,
 * 0 when not or when wanted has no words. For tests and the view.
 */
int peer_words_within(const char *wanted, const char *offered);

#endif

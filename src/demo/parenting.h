/*
 * parenting.h - the parent worker's pathway in the demo data: for about
 * one in ten children open to the youth justice service, their parents'
 * support (most agree, some decline or cannot be reached), with
 * sessions about fortnightly, now and then a behaviour contract (the first one
 * made could not be agreed, as in the case study), a support plan in the
 * parent's words, and a contact on the parenting case for every session held.
 * Deterministic per seed; dates relative to the demo's reference date.
 * Written through the product's descriptors and store functions.
 */
#ifndef SPIRE_DEMO_PARENTING_H
#define SPIRE_DEMO_PARENTING_H

#include <stddef.h>
#include <stdint.h>

#include "demo/write.h"
#include "demo/yj.h"

struct forms;

/* Who supports the parents of a youth justice team's children. */
struct demo_parent_team {
	int64_t team_id;       /* the youth justice team */
	int64_t parent_worker; /* its parent worker, 0 when none */
};

struct demo_parenting_counts {
	int64_t supports, cases, sessions, plan_items, contacts;
	int64_t self_assessments;
};

/*
 * Add the parents' support, inside the demo's one transaction, after the
 * youth justice histories: yj_service the youth justice service's id,
 * parenting_team the parenting team holding the parents' cases, workers
 * (n_workers of them) the parenting team's parent workers (for children
 * whose team has none), teams[0..n_teams) each youth justice team's
 * parent worker. About one in ten children with an open youth justice
 * case get a parent supported. forms: the loaded forms, for the parent
 * self-assessment each parent who agrees completes (NULL: none). Returns 0 or a
 * SPIRE_E* code, detail in w->e.
 */
int demo_parenting_load(const struct demo_write *w, uint64_t seed,
                        int64_t yj_service, int64_t parenting_team,
                        const int64_t *workers, size_t n_workers,
                        const struct demo_parent_team *teams, size_t n_teams,
                        const struct forms *forms,
                        struct demo_parenting_counts *counts);

/*
 * The sessions of a parent's support on parenting case case_id, held by
 * worker, that began on day `from` and still runs (the support a peer
 * referral is made from, parenting_peer.c): about fortnightly to the
 * reference date and one planned after it, as demo_parenting_load's,
 * each held one a contact on the case, a missed one followed by a call;
 * child is the child the support is around (joint work and contracts
 * name them). Drawn from the case's own sequence of the demo's seed.
 * Counts added to *sessions and *contacts (each optional). Returns 0 or
 * a SPIRE_E* code, detail in w->e.
 */
int demo_parenting_sessions(const struct demo_write *w, uint64_t seed,
                            int64_t case_id, int64_t parent, int64_t child,
                            int64_t worker, int64_t from, int64_t *sessions,
                            int64_t *contacts);

/*
 * Parents seen at the start, each review and the end of the youth justice
 * interventions (the seed reports 100 %): for each point of an
 * intervention of service yj_service dated up to the demo's today at
 * which a parent of the child was not seen (as store_parent_seen_each
 * tells it), a contact on the child's case on the point's day with the
 * parent and the child attending, for all but about one in twenty-five:
 * while the child is in custody (the case's spells in yj_cases[0..n),
 * yj.h), a visit to the secure establishment, not to the home.
 * *contacts (optional) receives how many were written. Returns 0 or a
 * SPIRE_E* code, detail in w->e.
 */
int demo_parenting_seen(const struct demo_write *w, uint64_t seed,
                        int64_t yj_service, const struct demo_yj_case *yj_cases,
                        size_t n, int64_t *contacts);

#endif

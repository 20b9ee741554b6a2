/*
 * parenting_peer.h - the peer support part of the demo data: the parenting
 * team's peer support groups with a year of dated sessions and their
 * registers, its register of peer mentors (the languages of Coventry), and
 * for parents of youth justice children their stated preferences and
 * referrals out from a parent support case, at the seeds' rates: 36
 * parents referred to a peer mentor in the year to the reference date, 23
 * of them from or with a child from an ethnic minority background (fewer,
 * in the same proportion, when the demo holds fewer families).
 * Deterministic per seed; dates relative to the reference date (dates.h).
 */
#ifndef SPIRE_DEMO_PARENTING_PEER_H
#define SPIRE_DEMO_PARENTING_PEER_H

#include <stddef.h>
#include <stdint.h>

#include "demo/write.h"
#include "demo/yj.h"

/* The team that keeps peer support and holds parent support cases. */
struct demo_peer_team {
	int64_t id, service_id;
	/* The team keeping the groups and the register of mentors (the
	 * youth justice team the demo's parent worker sits in); 0: id. */
	int64_t register_team;
	const int64_t *workers; /* its parent workers */
	size_t n_workers;
	/* A family hub team running a group of its own for its families
	 * (sessions, no register of the parenting team's parents); 0:
	 * none. */
	int64_t hub_team;
};

struct demo_peer_counts {
	int64_t groups, sessions, attendance, mentors, preferences, referrals;
	int64_t parent_cases; /* parent support cases made for referrals */
	/* and their sessions and contacts (demo_parenting_sessions) */
	int64_t parent_sessions, contacts;
};

/* Seed figures: parents referred to a peer mentor in a year, and how many
 * of them from or with a child from an ethnic minority background. */
#define DEMO_PEER_MENTOR_REFERRALS 36
#define DEMO_PEER_MENTOR_MINORITY 23

/*
 * Add peer support through w, inside the demo's one transaction, after
 * the people, cases and youth justice histories exist: cases[0..n) are
 * the youth justice cases, whose carers are the parents. seed is the
 * demo's; the generator draws from its own sequence. *counts (optional)
 * receives what was made. Returns 0 or a SPIRE_E* code, detail in w->e.
 */
int demo_peer_load(const struct demo_write *w, uint64_t seed,
                   const struct demo_peer_team *team,
                   const struct demo_yj_case *cases, size_t n,
                   struct demo_peer_counts *counts);

#endif

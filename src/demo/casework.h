/*
 * casework.h - the text of the demo casework (case reasons and
 * closures, contact types and summaries, task titles, consents to share)
 * and the picks from it. Each pick takes its draws from the caller's
 * demo_rng, in the number its comment gives; the records are made in
 * demo.c.
 */
#ifndef SPIRE_DEMO_CASEWORK_H
#define SPIRE_DEMO_CASEWORK_H

#include <stddef.h>

#include "demo/org.h"
#include "demo/rng.h"

/* The age on the reference date of a new child in team (a DEMO_TEAM_*),
 * within the ages the team works with; in a youth justice team weighted
 * to older teenagers, as the service's cohort is (YJB, Youth Justice
 * Statistics: about three children in four are 15 to 17), and 11 or
 * more, so that a case going back a year or more still starts after the
 * child's 10th birthday. One draw. */
int demo_case_age(struct demo_rng *r, int team);

/* Why a case in team was opened, for a child aged age (whole years) on
 * the day it opens: a reason that fits the age (perinatal support only
 * for a baby, school attendance only from 5). One draw. */
const char *demo_case_reason(struct demo_rng *r, int team, int age);

/* The court outcome that ends the proceedings of a case opened for
 * reason "Bail supervision" (never an out-of-court one); NULL, with no
 * draw, for any other reason. One draw. */
const char *demo_case_bail_outcome(struct demo_rng *r, const char *reason);

/*
 * The youth justice outcome (an outcome_type code) a case's reason names
 * ("Youth Rehabilitation Order": youth_rehabilitation_order; a
 * prevention team's reason its prevention, diversion or out-of-court
 * outcome), or NULL when it names none ("Bail supervision",
 * demo_case_bail_outcome; any other team's reason). For
 * an order, *months_lo..*months_hi is the length it is given for (both
 * 0 for an outcome that is not an order: a caution, a community
 * resolution). No draw.
 */
const char *demo_case_reason_outcome(const char *reason, int *months_lo,
                                     int *months_hi);

/* Why a case was closed. One draw. */
const char *demo_case_closure(struct demo_rng *r);

/* The ages a contact's words are written for: a child under 4 (early
 * years: no school), of 4 to 10 (primary school), of 11 or more. */
enum { DEMO_AGES_EARLY, DEMO_AGES_PRIMARY, DEMO_AGES_OLDER, DEMO_N_AGES };

/* A contact's summary: before + the child's given name + after. */
struct demo_contact_words {
	const char *before, *after;
};

/* A contact type, with its summaries for each age band (two each). */
struct demo_contact_kind {
	const char *type;
	unsigned weight; /* per cent of contacts */
	struct demo_contact_words words[DEMO_N_AGES][2];
	/* Where, as a worker types it (NULL: none, a call), for a child of
	 * school age and for a younger one. */
	const char *location, *early_location;
	/* For a child of 11 or more outside youth justice: words[OLDER][0]
	 * instead (NULL: as in youth justice). */
	struct demo_contact_words older_elsewhere;
	/* On a Parenting Team case, which is about the parent: words about
	 * the parent's own support (two), with the parent's given name, and
	 * where (NULL: a call). */
	struct demo_contact_words parent[2];
	const char *parent_location;
};

/* The age band of a child aged age (whole years; a day before their
 * birth counts as a baby). No draw. */
int demo_contact_ages(int age);

/* The summary of a contact of kind k with the child `name`, aged age on
 * its day, on a youth justice case (yj) or another, into out[size]:
 * words that fit the child's age (no school for a child under 4; a
 * victim awareness session only in youth justice). One draw. */
void demo_contact_summary(struct demo_rng *r, const struct demo_contact_kind *k,
                          const char *name, int age, int yj, char *out,
                          size_t size);

/* The summary of a contact of kind k on a Parenting Team case, about the
 * parent whose given name is `name`, into out[size]: the parent's own
 * support, never the child's day (session 28: "Talked with Amelia about
 * school" on her mother's case). One draw. */
void demo_parent_contact_summary(struct demo_rng *r,
                                 const struct demo_contact_kind *k,
                                 const char *name, char *out, size_t size);

/* Where a contact of kind k with a child aged age was (NULL: a call).
 * No draw. */
const char *demo_contact_location(const struct demo_contact_kind *k, int age);

/* What happened at a planned contact (a VOCAB_CONTACT_OUTCOMES code,
 * "What happened" on the contact form): mostly "attended", sometimes
 * not. One draw. */
const char *demo_contact_outcome(struct demo_rng *r);

/* A contact's time of day as the contact form takes it ("14:30", on a
 * 24-hour clock, in working hours on the quarter hour). Two draws. */
void demo_contact_time(struct demo_rng *r, char out[6]);

/* The home visit, the kind of every first youth justice contact. */
const struct demo_contact_kind *demo_contact_kind_home_visit(void);

/* A contact's kind, by the kinds' weights. One draw. */
const struct demo_contact_kind *demo_contact_kind_pick(struct demo_rng *r);

/* A task's title for a case of the service with code `service` (a
 * services.code, "youth_justice") about a family whose child is `age`
 * whole years old on the task's due date: reparation or a
 * referral order panel report only on a youth justice case of a child of
 * 10 or more (the age of criminal responsibility, Children and Young
 * Persons Act 1933, s. 50), a parent self-assessment only in youth
 * justice or parenting work, school only for a child of 4 or more. One
 * draw. Never work a due item tracks (an AssetPlus assessment); a task
 * tied to an order only while one runs (`running`, below). */
const char *demo_task_title(struct demo_rng *r, const char *service, int age,
                            unsigned running);

/* What runs on a youth justice case on a task's due date, for
 * demo_task_title's `running`: a task tied to an order falls within it
 * (reparation within an intervention, the referral order panel's report
 * within a referral order). */
#define DEMO_RUNS_INTERVENTION 1u
#define DEMO_RUNS_REFERRAL_ORDER 2u

/* What a consent to share is for and the agency it shares with. */
struct demo_consent_use {
	const char *purpose, *agency;
};

/*
 * A consent to share about a child aged age (whole years, on the day it
 * is given) whose case is with the service with code `service`: a
 * purpose and an agency that fit each other, the service and the age
 * (session 27: a 9-year-old's emotional health referral was shared with
 * the police). Health referrals go to health and school; school only
 * for a child of 4 or more; the police only on a youth justice case of a
 * child of 10 or more, or to share a safeguarding concern; the Probation
 * Service only at the move to adult services, from 17. One draw.
 */
struct demo_consent_use demo_consent_pick(struct demo_rng *r,
                                          const char *service, int age);

/* Whether a consent's purpose is to share a safeguarding concern (its
 * lawful basis is the service's public task, never consent). No draw. */
int demo_consent_safeguarding(const char *purpose);

/* The lawful basis of a consent to share. One draw. */
const char *demo_consent_lawful_basis(struct demo_rng *r);

#endif

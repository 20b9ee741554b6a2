/*
 * parenting.h - the parent worker's pathway (docs/parenting.md, "Parent
 * support"): the descriptors of parent support, sessions and behaviour
 * contracts, and the support plan (parent_records.c); the joint initial
 * home visit raised when a child's intervention starts (parent_visits.c);
 * and the pathway's views that are not one record: parents to meet, the
 * parent worker's home page, "seen at start, review and end"
 * (parent_views.c).
 */
#ifndef SPIRE_SERVICE_PARENTING_H
/* The parent self-assessment form's id (forms/parent-self-assessment.json). */
#define PARENT_SELF_ASSESSMENT_FORM "parent-self-assessment"

#define SPIRE_SERVICE_PARENTING_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource PARENT_SUPPORTS;

/*
 * Trim support row rec in place for ctx's user unless they see it whole
 * (they may read its parenting case, or, before there is one, recorded
 * it or work in a parenting team: docs/access.md, docs/parenting.md "Who
 * sees what"): only the keys that say the support exists, its status and
 * about whom are kept, with those in also (NULL-terminated, may be NULL:
 * a list row's names), and "withheld": true is added. Every answer that
 * gives a support, as a record or as a row of a list built elsewhere,
 * passes here. 0, or SPIRE_ENOMEM / a store error in e.
 */
int parent_support_trim(struct ctx *ctx, json_t *rec, const char *const *also,
                        struct err *e);

/*
 * *yes = 1 when ctx's user is a parent worker sitting in a team of the
 * parenting service: their parents to meet are every parent to meet of
 * the local authority, and they may record the agreement of any of them
 * and open the parent's parenting case, without write scope over the
 * child's youth justice case or the parent (a product decision, issue 9;
 * docs/parenting.md). Still audited; never a victim. 0 or a store error.
 */
int parenting_service_worker(struct ctx *ctx, int *yes, struct err *e);
extern const struct resource PARENT_SESSIONS;
extern const struct resource PARENT_PLAN_ITEMS;

/*
 * The window around a point of an intervention (its start, a review, its
 * end) within which a contact the parent attended counts as the parent
 * being seen at that point: from PARENT_SEEN_DAYS_BEFORE days before to
 * PARENT_SEEN_DAYS_AFTER days after, both included. A local rule, stated
 * in docs/parenting.md.
 */
#define PARENT_SEEN_DAYS_BEFORE 14
#define PARENT_SEEN_DAYS_AFTER 14

/* How far back the misses are listed, in calendar months (date_add_months):
 * the home page three, the misses route (GET /api/v1/parenting/seen
 * without a case) twelve. */
#define PARENT_HOME_MISSES_MONTHS 3

/* The home page shows the first this many rows of each list (parents to
 * meet, my parents, things due, misses), with how many there are and a
 * link to all of them. */
#define PARENT_HOME_SHOWN 50
#define PARENT_MISSES_MONTHS 12

/*
 * A miss is current while its intervention runs, or for this many
 * calendar months after it ended, up to and including the same day of the
 * month (date_add_months: an intervention ended on 30 November is current
 * until 28 February, not 92 days to 2 March): the lists of parents not seen
 * (the home page, the misses route, the scope's and one child's) show current
 * misses only, so that nobody chases a point of an intervention long
 * over. A local rule, stated in docs/parenting.md.
 */
#define PARENT_CURRENT_MONTHS 3

/* The joint initial home visit is due this many days after the
 * intervention starts (a local rule, docs/parenting.md). */
#define PARENT_VISIT_DUE_DAYS 10

/* How far ahead the home page lists what is due. */
#define PARENT_DUE_WITHIN_DAYS 14

/*
 * For the outcome's write transaction (YJ_OUTCOMES' after_write): when
 * outcome j->id is a started intervention on an open youth justice case
 * and has no joint home visit yet, raise the two tasks (the case's
 * allocated worker's, or an unowned one for the team; a parent worker's
 * of the case's team, or an unowned one for the team) and note them, once
 * per intervention, audited as the write's own rows are.
 */
int parenting_visit_tasks(struct db *db, struct record_job *j, struct err *e);

/*
 * Parents to meet in the user's scope (a practitioner's team's children,
 * a manager's service's): *out {items} (caller frees), each person shown
 * audited.
 */
int parenting_to_meet(struct ctx *ctx, json_t **out, struct err *e);

/*
 * The parent worker's home page in one answer: {to_meet, to_meet_total,
 * parents, parents_total, due, due_total, due_overdue (how many of all
 * the due rows are overdue), misses, misses_total, today, due_until}
 * (caller frees), each list cut to its first PARENT_HOME_SHOWN
 * (the totals count them all; parenting_to_meet, parenting_parents,
 * parenting_due and parenting_misses answer every one); everything shown
 * audited.
 */
int parenting_home(struct ctx *ctx, json_t **out, struct err *e);

/*
 * Everything due within PARENT_DUE_WITHIN_DAYS or overdue in the user's
 * scope, as the home page's due list has its first: *out {items, today,
 * due_until, due_overdue (how many items are overdue)} (caller frees),
 * each item {what, due_date, overdue, case_id, person_id (the parent),
 * given_name, family_name, date_of_birth, record, record_id}; each case
 * shown audited.
 */
int parenting_due(struct ctx *ctx, json_t **out, struct err *e);

/*
 * The parents with an open support in the user's scope (a parent worker:
 * on the parenting cases they hold; a manager: their service's), by name,
 * each parent once however many children they are supported for: *out
 * {items} (caller frees), each item the parent's first support row {id,
 * person_id, given_name, family_name, case_id, support_status ("active"
 * when any of theirs is), next_review_date (the earliest),
 * next_session_date, last_session_date, ...} with children [{support_id,
 * child_id, child_given_name, child_family_name, child_case_id,
 * relationship, support_status, next_review_date}]; each support
 * audited. The home page's parents and parents_total count parents too.
 */
int parenting_parents(struct ctx *ctx, json_t **out, struct err *e);

/*
 * The misses of the home page's window (points whose window closed in the
 * last PARENT_HOME_MISSES_MONTHS calendar months) in the user's scope,
 * every one: *out {items, months, window_before, window_after,
 * current_months} (caller frees), audited.
 */
int parenting_misses(struct ctx *ctx, json_t **out, struct err *e);

/*
 * "Seen at start, review and end": with case_id 0, the misses in the
 * user's scope; with a child's case (which the user must be allowed to
 * read), every point of its interventions with each parent and whether
 * they were seen. *out {items, window_before, window_after} (caller
 * frees).
 */
int parenting_seen(struct ctx *ctx, int64_t case_id, json_t **out,
                   struct err *e);

#endif

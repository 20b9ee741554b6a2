/*
 * family_plan.h - the store half of One Family, One Plan: the tables of
 * the family's plan, its actions and its reviews (struct record_table,
 * from which their SQL is derived), the record kinds and how a user
 * relates to a plan, and the few reads no descriptor says (the family's
 * open plan, the members who may own an action, a record's earlier
 * versions). docs/parenting.md, "One Family, One Plan", says what the
 * columns mean; docs/access.md who sees a plan.
 */
#ifndef SPIRE_STORE_FAMILY_PLAN_H
#define SPIRE_STORE_FAMILY_PLAN_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"
#include "store/record.h"
#include "store/scope.h"

extern struct record_table FAMILY_PLANS_TABLE;
extern struct record_table FAMILY_PLAN_ACTIONS_TABLE;
extern struct record_table FAMILY_PLAN_REVIEWS_TABLE;

/*
 * A family's plan relates to a user as the family does (store/scope.h)
 * and as the team holding it does, but only for users of the service
 * whose team holds the plan; a user of another service S relates to it
 * as to the family only while an adult member of the family has an active
 * consent with shares = 'family_plan' and shared_with = S. Its actions
 * and reviews relate as their plan does.
 */
extern const struct record_kind RK_FAMILY_PLAN[1];
extern const struct record_kind RK_FAMILY_PLAN_ACTION[1];
extern const struct record_kind RK_FAMILY_PLAN_REVIEW[1];

/* The kinds of this domain, NULL-ended (store/kinds.c collects them). */
extern const struct record_kind *const SCOPE_FAMILY_PLAN_KINDS[];

/* The id of family_id's open plan in *plan_id, 0 when it has none. */
int store_family_plans_open_of(struct db *db, int64_t family_id,
                               int64_t *plan_id, struct err *e);

/*
 * The open members of family_id who may be named on its plan (never a
 * victim in an open youth justice victim record), each {person_id,
 * member_type, relationship, given_name, family_name, preferred_name}, as
 * a new array in *out (caller frees); a person once however many children
 * they are related to.
 */
int store_family_plan_members(struct db *db, int64_t family_id, json_t **out,
                              struct err *e);

/*
 * The services the family's plan is shared with by the family's consents:
 * each active consent of an open adult member with shares = 'family_plan',
 * {service (code), service_name, consent_id, given_on, person_id,
 * given_name, family_name}, by service, as a new array in *out (caller
 * frees). The same consents the plan's access relation reads (above).
 */
int store_family_plan_shared_with(struct db *db, int64_t family_id,
                                  json_t **out, struct err *e);

/*
 * The earlier versions of record (type, id) kept in history, oldest
 * first, each {version, data (the record as it was, JSON text),
 * replaced_at, replaced_by}, as a new array in *out (caller frees).
 */
int store_family_plan_history(struct db *db, const char *type, int64_t id,
                              json_t **out, struct err *e);

#endif

/*
 * family_plan.h - One Family, One Plan: the descriptors of the family's
 * plan, its actions and its reviews (their routes, validation and screens
 * are derived from them), and the one view of them that is not a record:
 * a record's versions, for "Version 3, changed on ... by ...".
 * docs/parenting.md, "One Family, One Plan".
 */
#ifndef SPIRE_SERVICE_FAMILY_PLAN_H
#define SPIRE_SERVICE_FAMILY_PLAN_H

#include "service/records.h"
#include "store/parenting/family_plan.h" /* the record kinds */

extern const struct resource FAMILY_PLANS;
extern const struct resource FAMILY_PLAN_ACTIONS;
extern const struct resource FAMILY_PLAN_REVIEWS;

/*
 * Every version of record id of res (one of the three above; access
 * already checked by the router), the latest first, each {version,
 * changed_at, changed_by_name, record: the record as it was then}, in
 * *out as {items} (caller frees); audited as a "read" of the record.
 * SPIRE_ENOTFOUND when there is no such record.
 */
int family_plan_versions(struct ctx *ctx, const struct resource *res,
                         int64_t id, json_t **out, struct err *e);

#endif

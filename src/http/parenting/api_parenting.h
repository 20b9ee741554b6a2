/*
 * api_parenting.h - the whole-family pathway's hand-written route tables,
 * gathered in routes.c: the views computed from several tables (parents
 * to meet, the parent worker's home page, seen at start, review and end)
 * and the family plan's versions. The records' own rows (list, record,
 * get, change, close) are derived from their descriptors
 * (http/api_resources.c); what is here is what is genuinely not a record.
 */
#ifndef SPIRE_API_PARENTING_H
#define SPIRE_API_PARENTING_H

#include "http/api.h"

/* GET /api/v1/parenting/home, /to-meet, /seen. */
extern const struct route API_PARENTING_ROUTES[];
/* GET /api/v1/family-plans/{id}/versions and
 * /api/v1/family-plan-actions/{id}/versions. */
extern const struct route API_FAMILY_PLAN_ROUTES[];

/* POST /api/v1/people/{id}/parent-account (a practitioner invites a
 * parent to the parent portal) and POST /api/v1/parent-invitations/redeem
 * (public: the parent redeems the code and is signed in). */
extern const struct route API_PARENT_ACCOUNT_ROUTES[];

#endif

/*
 * api_parenting.h - the parent pathway's hand-written route tables,
 * gathered in routes.c. The records' own rows (list, record, get, change,
 * close) are derived from their descriptors (http/api_resources.c); what
 * is here is what is genuinely not a record.
 */
#ifndef SPIRE_API_PARENTING_H
#define SPIRE_API_PARENTING_H

#include "http/api.h"

/* GET /api/v1/family-plans/{id}/versions and
 * /api/v1/family-plan-actions/{id}/versions. */
extern const struct route API_FAMILY_PLAN_ROUTES[];

#endif

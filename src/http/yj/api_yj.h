/*
 * api_yj.h - the youth justice API's hand-written route tables, gathered
 * in routes.c. The youth justice records' own rows (list, record, get,
 * change, close, reopen) are derived from their descriptors
 * (http/api_resources.c); what is here is what is genuinely different.
 */
#ifndef SPIRE_API_YJ_H
#define SPIRE_API_YJ_H

#include "http/api.h"

/* GET /api/v1/outcomes/due. */
extern const struct route API_YJ_OUTCOMES_ROUTES[];

/* GET /api/v1/court-reports/due. */
extern const struct route API_YJ_COURT_ROUTES[];
/* The team's week (docs/team-week.md): GET teams/{id}/caseload and
 * /workload, people/{id}/glance and /chronology, GET /api/v1/due. */
extern const struct route API_YJ_TEAM_ROUTES[];

#endif

/*
 * alerts.h - alerts on a person's record (risk to workers, risk to
 * others, do not visit alone...): what a worker must read before seeing
 * the child, shown at the top of the child's page and in caseload rows
 * (docs/team-week.md). Described once by ALERTS; its routes
 * (/api/v1/alerts, ?person_id=, POST {id}/end, {id}/reopen) and screens
 * are derived from the descriptor.
 */
#ifndef SPIRE_SERVICE_ALERTS_H
#define SPIRE_SERVICE_ALERTS_H

#include "service/records.h"

extern const struct resource ALERTS;

#endif

/*
 * yj_kpi.h - KPI snapshots: the child's accommodation, education,
 * training or employment, SEND, mental health and substance misuse
 * (need, offered, attending) and wider services (early help, child in
 * need, child protection, looked after), measured at the start and end of
 * each intervention and on release from custody: the data behind the
 * YJB's key performance indicators.
 */
#ifndef SPIRE_SERVICE_YJ_KPI_H
#define SPIRE_SERVICE_YJ_KPI_H

#include "service/yj/yj_records.h"

/*
 * KPI snapshots through yj_get/yj_create/yj_update/yj_close and yj_list
 * (store_yj_kpi_list). Create {outcome_id, point, measured_on, facts...}:
 * the outcome must be an open intervention (start_date set) on a case the
 * user may change; the case and child are the outcome's. One open
 * snapshot per intervention and point; "release" only for custody; each
 * funnel step implies the one before; hours attended <= offered.
 */
extern const struct resource YJ_KPI;

/* A case's or a child's KPI snapshots as yj_list() gives them. */
int yj_kpi_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
                struct err *e);

#endif

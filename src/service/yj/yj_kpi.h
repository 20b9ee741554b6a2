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
 * KPI snapshots through records_get and YJ_RECORD_OPS, listed by case or
 * child (yj_list over store_yj_kpi_list). Create {outcome_id, point,
 * measured_on, facts...}: the outcome must be an open intervention (start_date
 * set) on a case the user may change; the case and child are the outcome's. One
 * open snapshot per intervention and point; "release" only for custody; each
 * funnel step implies the one before; hours attended <= offered.
 */
extern const struct resource YJ_KPI;

#endif

/*
 * yj_kpi.h - SQL for KPI snapshots: the facts behind the YJB's ten KPIs
 * (accommodation, ETE, SEND, mental health, substance misuse, wider
 * services) measured at the start and end of an intervention and on
 * release from custody.
 *
 * Not for rules: see service/yj/yj_kpi.c.
 */
#ifndef SPIRE_STORE_YJ_KPI_H
#define SPIRE_STORE_YJ_KPI_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters in yj_kpi.c. */
extern const struct field YJ_KPI_FIELDS[];
extern struct record_table YJ_KPI_TABLE;

/* Snapshots matching q, newest first, as a new array (caller owns). */
int store_yj_kpi_list(struct db *db, const struct yj_list_query *q,
                      json_t **out, struct err *e);

/*
 * The id of the open snapshot of outcome_id at point other than
 * except_id, in *id (0 when none).
 */
int store_yj_kpi_find(struct db *db, int64_t outcome_id, const char *point,
                      int64_t except_id, int64_t *id, struct err *e);

#endif

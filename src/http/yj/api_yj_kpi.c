/*
 * api_yj_kpi.c - /api/v1/kpi-snapshots: KPI snapshots at the start and end of
 * an intervention and on release; list, get, record, correct, close.
 */
#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_kpi.h"

/* What the generic youth justice handlers (api_yj.c) serve here. */
static const struct api_yj_records RECORDS = {&YJ_KPI, yj_kpi_list};

const struct route API_YJ_KPI_ROUTES[] = {
    {"GET", "/api/v1/kpi-snapshots" API_Q_YJ_LIST, api_yj_list, ROLES_CASEWORK,
     RK_NONE, 0, &RECORDS, NULL},
    {"POST", "/api/v1/kpi-snapshots", api_yj_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"GET", "/api/v1/kpi-snapshots/{id}", api_yj_get, ROLES_CASEWORK,
     RK_KPI_SNAPSHOT, 0, &RECORDS, NULL},
    {"PATCH", "/api/v1/kpi-snapshots/{id}", api_yj_update, ROLES_YJ,
     RK_KPI_SNAPSHOT, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/kpi-snapshots/{id}/close", api_yj_close, ROLES_YJ,
     RK_KPI_SNAPSHOT, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {0},
};

/*
 * api_yj_offences.c - /api/v1/offences: a case's or child's offences; get,
 * record, correct, close (entered in error).
 */
#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_offences.h"

/* What the generic youth justice handlers (api_yj.c) serve here. */
static const struct api_yj_records RECORDS = {&YJ_OFFENCES, yj_offences_list};

const struct route API_YJ_OFFENCES_ROUTES[] = {
    {"GET", "/api/v1/offences" API_Q_YJ_LIST, api_yj_list, ROLES_CASEWORK,
     RK_NONE, 0, &RECORDS, NULL},
    {"POST", "/api/v1/offences", api_yj_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"GET", "/api/v1/offences/{id}", api_yj_get, ROLES_CASEWORK, RK_OFFENCE, 0,
     &RECORDS, NULL},
    {"PATCH", "/api/v1/offences/{id}", api_yj_update, ROLES_YJ, RK_OFFENCE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/offences/{id}/close", api_yj_close, ROLES_YJ, RK_OFFENCE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/offences/{id}/reopen", api_yj_reopen, ROLES_YJ,
     RK_OFFENCE, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {0},
};

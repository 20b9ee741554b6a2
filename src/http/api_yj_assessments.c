/*
 * api_yj_assessments.c - /api/v1/assessments: assessment results and the
 * prevention and diversion form; list, get, record, correct, close.
 */
#include "http/api_yj.h"
#include "service/roles.h"
#include "service/yj_assessments.h"

/* What the generic youth justice handlers (api_yj.c) serve here. */
static const struct api_yj_records RECORDS = {&YJ_ASSESSMENTS,
                                              yj_assessments_list};

const struct route API_YJ_ASSESSMENTS_ROUTES[] = {
    {"GET", "/api/v1/assessments" API_Q_YJ_LIST, api_yj_list, ROLES_CASEWORK,
     RK_NONE, 0, &RECORDS, NULL},
    {"POST", "/api/v1/assessments", api_yj_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"GET", "/api/v1/assessments/{id}", api_yj_get, ROLES_CASEWORK,
     RK_ASSESSMENT, 0, &RECORDS, NULL},
    {"PATCH", "/api/v1/assessments/{id}", api_yj_update, ROLES_YJ,
     RK_ASSESSMENT, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/assessments/{id}/close", api_yj_close, ROLES_YJ,
     RK_ASSESSMENT, RF_WRITE | RF_JSON, &RECORDS, NULL},
    {0},
};

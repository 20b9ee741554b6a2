/*
 * api_yj_victims.c - /api/v1/victims: victims of a child's offences and the
 * work with them; list, get, record, correct, close.
 */
#include "http/yj/api_yj.h"
#include "service/roles.h"
#include "service/yj/yj_victims.h"

/* What the generic youth justice handlers (api_yj.c) serve here. */
static const struct api_yj_records RECORDS = {&YJ_VICTIMS, yj_victims_list};

const struct route API_YJ_VICTIMS_ROUTES[] = {
    {"GET", "/api/v1/victims" API_Q_YJ_LIST, api_yj_list, ROLES_YJ, RK_NONE, 0,
     &RECORDS, NULL},
    {"POST", "/api/v1/victims", api_yj_create, ROLES_YJ, RK_NONE,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"GET", "/api/v1/victims/{id}", api_yj_get, ROLES_YJ, RK_VICTIM, 0,
     &RECORDS, NULL},
    {"PATCH", "/api/v1/victims/{id}", api_yj_update, ROLES_YJ, RK_VICTIM,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/victims/{id}/close", api_yj_close, ROLES_YJ, RK_VICTIM,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {"POST", "/api/v1/victims/{id}/reopen", api_yj_reopen, ROLES_YJ, RK_VICTIM,
     RF_WRITE | RF_JSON, &RECORDS, NULL},
    {0},
};

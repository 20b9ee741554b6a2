/*
 * routes.c - the route table: one table per resource, gathered here.
 */
#include "http/api.h"
#include "http/yj/api_yj.h"
#include "http/measures/api_measures.h"
#include "http/forms/api_forms.h"

/* One table a line. */
/* clang-format off */
const struct route *const ROUTE_TABLES[] = {
    API_SESSION_ROUTES,
    API_PEOPLE_ROUTES,
    API_FAMILIES_ROUTES,
    API_CASES_ROUTES,
    API_USERS_ROUTES,
    API_TEAMS_ROUTES,
    API_AUDIT_ROUTES,
    API_CONTACTS_ROUTES,
    API_TASKS_ROUTES,
    API_RESOURCES_ROUTES,
    API_YJ_OFFENCES_ROUTES,
    API_YJ_OUTCOMES_ROUTES,
    API_YJ_ASSESSMENTS_ROUTES,
    API_YJ_KPI_ROUTES,
    API_YJ_VICTIMS_ROUTES,
    API_YJ_BOARD_ROUTES,
    API_MEASURES_ROUTES,
    API_FORMS_ROUTES,
    API_VOCAB_ROUTES,
    NULL,
};
/* clang-format on */

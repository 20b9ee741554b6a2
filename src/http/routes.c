/*
 * routes.c - the route table: one table per resource, gathered here.
 */
#include "http/api.h"

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
    API_CONSENTS_ROUTES,
    NULL,
};

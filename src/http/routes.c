/*
 * routes.c - the route table: one table per resource, gathered here.
 */
#include "http/api.h"

const struct route *const ROUTE_TABLES[] = {
    API_SESSION_ROUTES,
    API_PEOPLE_ROUTES,
    NULL,
};

/*
 * routes.c - the route table: the hand-written tables, gathered here. The
 * rows of the described resources are derived from their descriptors at
 * start-up (api_resources_routes) and come after these.
 */
#include "http/api.h"
#include "http/yj/api_yj.h"
#include "http/measures/api_measures.h"
#include "http/forms/api_forms.h"
#include "http/parenting/api_parenting.h"
#include "http/parenting/api_peer.h"
#include "http/parenting/api_steps.h"

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
    API_TASKS_ROUTES,
    API_RESOURCES_ROUTES,
    API_YJ_OUTCOMES_ROUTES,
    API_YJ_COURT_ROUTES,
    API_YJ_TEAM_ROUTES,
    API_MEASURES_ROUTES,
    API_FORMS_ROUTES,
    API_PARENTING_ROUTES,
    API_FAMILY_PLAN_ROUTES,
    API_STEPS_ROUTES,
    API_VOCAB_ROUTES,
    API_PEER_ROUTES,
    API_PARENT_ACCOUNT_ROUTES,
    NULL,
};
/* clang-format on */

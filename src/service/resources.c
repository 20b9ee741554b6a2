/*
 * resources.c - the registry of built-in resource descriptors. A new
 * domain adds its descriptors here; each is defined in its own service
 * file with its rules.
 */
#include "service/resources.h"

#include <string.h>

#include "service/alerts.h"
#include "service/cases.h"
#include "service/consents.h"
#include "service/contacts.h"
#include "service/families.h"
#include "service/forms/responses.h"
#include "service/parenting/parenting.h"
#include "service/parenting/peer_records.h"
#include "service/parenting/family_plan.h"
#include "service/parenting/steps.h"
#include "service/people.h"
#include "service/tasks.h"
#include "service/yj/yj_assessments.h"
#include "service/yj/yj_board.h"
#include "service/yj/yj_court.h"
#include "service/yj/yj_kpi.h"
#include "service/yj/yj_offences.h"
#include "service/yj/yj_outcomes.h"
#include "service/yj/yj_victims.h"

const struct resource *const RESOURCES[] = {
    &PEOPLE,
    &FAMILIES,
    &FAMILY_MEMBERS,
    &CASES,
    &CONTACTS,
    &TASKS,
    &CONSENTS,
    &ALERTS,
    &YJ_OFFENCES,
    &YJ_OUTCOMES,
    &YJ_VICTIMS,
    &YJ_ASSESSMENTS,
    &YJ_KPI,
    &YJ_BOARD,
    &YJ_HEARINGS,
    &YJ_COURT_REPORTS,
    &FORM_RESPONSES,
    /* The parent's support (parenting/parent_records.c). */
    &PARENT_SUPPORTS,
    &PARENT_SESSIONS,
    &PARENT_PLAN_ITEMS,
    /* Peer support and referrals out (parenting/peer_records.c). */
    &PEER_GROUPS,
    &PEER_GROUP_SESSIONS,
    &PEER_GROUP_ATTENDANCE,
    &PEER_MENTORS,
    &PARENT_PREFERENCES,
    &PARENT_REFERRALS,
    /* One Family, One Plan (parenting/family_plan_records.c). */
    &FAMILY_PLANS,
    &FAMILY_PLAN_ACTIONS,
    &FAMILY_PLAN_REVIEWS,
    /* Steps to Change decisions (parenting/steps.c). */
    &STEPS_DECISIONS,
    NULL,
};

const struct resource *
resources_find(const char *name)
{
	for (size_t i = 0; RESOURCES[i]; i++)
		if (strcmp(RESOURCES[i]->name, name) == 0)
			return RESOURCES[i];
	return NULL;
}

int
resources_prepare(struct err *e)
{
	for (size_t i = 0; RESOURCES[i]; i++)
		if (!record_sql_of(RESOURCES[i]->table, e))
			return e->code;
	return 0;
}

/*
 * roles.c - role names and bits.
 */
#include "service/roles.h"

#include <string.h>

const char *const ROLE_NAMES[] = {
    "admin",           "manager",
    "yjs_officer",     "parent_worker",
    "fgc_coordinator", "social_worker",
    "hub_worker",      "analyst",
    "parent",          NULL,
};

/* As the UI shows them, in the order of ROLE_NAMES. */
const char *const ROLE_LABELS[] = {
    "Administrator",         "Manager",
    "Youth justice officer", "Parent worker",
    "FGC coordinator",       "Social worker",
    "Family hub worker",     "Analyst",
    "Parent or carer",       NULL,
};

const char *
role_label(const char *name)
{
	for (unsigned i = 0; name && ROLE_NAMES[i]; i++)
		if (strcmp(ROLE_NAMES[i], name) == 0)
			return ROLE_LABELS[i];
	return NULL;
}

unsigned
role_from_name(const char *name)
{
	for (unsigned i = 0; name && ROLE_NAMES[i]; i++)
		if (strcmp(ROLE_NAMES[i], name) == 0)
			return 1u << i;
	return 0;
}

const char *
role_name(unsigned role)
{
	for (unsigned i = 0; ROLE_NAMES[i]; i++)
		if (role == 1u << i)
			return ROLE_NAMES[i];
	return NULL;
}

/* Practitioners work in these services. Parent workers sit in youth
 * justice teams but support parents: their cases are parenting or early
 * help cases, and a youth justice case is opened by a youth justice
 * officer or manager. */
static const char *const YJS_OFFICER_SERVICES[] = {"youth_justice", NULL};
static const char *const PARENT_WORKER_SERVICES[] = {"parenting", "early_help",
                                                     NULL};
static const char *const FGC_SERVICES[] = {"fgc", "early_help", NULL};
static const char *const SOCIAL_WORKER_SERVICES[] = {"childrens_social_care",
                                                     "early_help", NULL};
static const char *const HUB_WORKER_SERVICES[] = {"family_hub", "early_help",
                                                  NULL};

const char *const *
role_services(unsigned role)
{
	switch (role) {
	case ROLE_YJS_OFFICER:
		return YJS_OFFICER_SERVICES;
	case ROLE_PARENT_WORKER:
		return PARENT_WORKER_SERVICES;
	case ROLE_FGC_COORDINATOR:
		return FGC_SERVICES;
	case ROLE_SOCIAL_WORKER:
		return SOCIAL_WORKER_SERVICES;
	case ROLE_HUB_WORKER:
		return HUB_WORKER_SERVICES;
	default:
		return NULL;
	}
}

int
role_works_in(const char *role, const char *code)
{
	const char *const *services = role_services(role_from_name(role));
	if (!services)
		return 1;
	for (; code && *services; services++)
		if (strcmp(*services, code) == 0)
			return 1;
	return 0;
}

int
role_fits_service(unsigned role, const char *service_code)
{
	const char *const *services = role_services(role);
	if (!services || !service_code)
		return 1; /* managers, admins, analysts, parents: any team */
	/* Parent workers sit in youth justice teams too (above). */
	if (role == ROLE_PARENT_WORKER &&
	    strcmp(service_code, "youth_justice") == 0)
		return 1;
	for (; *services; services++)
		if (strcmp(*services, service_code) == 0)
			return 1;
	return 0;
}

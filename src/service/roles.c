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

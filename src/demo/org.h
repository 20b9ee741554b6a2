/*
 * org.h - the demo organisation: teams in the six services and the
 * staff in them, fixed and independent of the seed. What the generator
 * does with them is in demo.c.
 */
#ifndef SPIRE_DEMO_ORG_H
#define SPIRE_DEMO_ORG_H

#include "demo/rng.h"

/* The demo teams, indexes into DEMO_TEAMS; youth justice first. */
enum demo_team_index {
	DEMO_TEAM_YJS_NORTH,
	DEMO_TEAM_YJS_SOUTH,
	DEMO_TEAM_YJS_PREVENTION,
	DEMO_TEAM_EH_EAST,
	DEMO_TEAM_EH_WEST,
	DEMO_TEAM_HUB_FOLESHILL,
	DEMO_TEAM_HUB_WILLENHALL,
	DEMO_TEAM_CSC,
	DEMO_TEAM_FGC,
	DEMO_TEAM_PARENTING,
	DEMO_TEAM_REUNIFICATION, /* children's social care */
	DEMO_N_TEAMS
};

struct demo_team {
	const char *service, *name;
	unsigned weight; /* share of new children, per mille */
};

extern const struct demo_team DEMO_TEAMS[DEMO_N_TEAMS];

struct demo_staff {
	const char *username, *full_name, *role;
	int team; /* DEMO_TEAM_*, or -1 for none */
};

/* Every demo account but the parent's, ended by one with a NULL
 * username. */
extern const struct demo_staff DEMO_STAFF[];

/* The parent account, tied to the first child's main carer. */
#define DEMO_PARENT_USERNAME "demo.parent"

/* The team of a new child, by the teams' weights. One draw. */
int demo_team_pick(struct demo_rng *r);

#endif

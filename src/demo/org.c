/*
 * org.c - the organisation in the demo data: teams in the six
 * services with their share of new children, the staff in them, and the
 * sign-in shown for each role. Fixed: the same whatever the seed.
 */
#include "demo/org.h"

#include <stddef.h>

#include "demo/demo.h"

const struct demo_team DEMO_TEAMS[DEMO_N_TEAMS] = {
    {"youth_justice", "YJS North", 180},
    {"youth_justice", "YJS South", 180},
    {"youth_justice", "YJS Prevention", 90},
    {"early_help", "Early Help East", 130},
    {"early_help", "Early Help West", 120},
    {"family_hub", "Family Hub Foleshill", 70},
    {"family_hub", "Family Hub Willenhall", 50},
    {"childrens_social_care", "Children's Social Care Central", 55},
    {"fgc", "FGC Service", 50},
    {"parenting", "Parenting Team", 50},
    /* Social workers who plan and support children's return home from
     * care; managed by children's social care's manager. */
    {"childrens_social_care", "Reunification Team", 25},
};

const struct demo_staff DEMO_STAFF[] = {
    {"demo.admin", "Pat Kirby", "admin", -1},
    {"demo.analyst", "Morgan Lee", "analyst", -1},
    {"demo.manager", "Dana Whitfield", "manager", DEMO_TEAM_YJS_NORTH},
    {"demo.officer", "Sam Okoro", "yjs_officer", DEMO_TEAM_YJS_NORTH},
    {"demo.parentworker", "Ruth Gallagher", "parent_worker",
     DEMO_TEAM_YJS_NORTH},
    {"amir.rashid", "Amir Rashid", "yjs_officer", DEMO_TEAM_YJS_NORTH},
    {"claire.benson", "Claire Benson", "yjs_officer", DEMO_TEAM_YJS_NORTH},
    {"tom.keane", "Tom Keane", "yjs_officer", DEMO_TEAM_YJS_NORTH},
    {"helen.moss", "Helen Moss", "manager", DEMO_TEAM_YJS_SOUTH},
    {"jas.virdee", "Jas Virdee", "yjs_officer", DEMO_TEAM_YJS_SOUTH},
    {"kate.lowe", "Kate Lowe", "yjs_officer", DEMO_TEAM_YJS_SOUTH},
    {"marcus.bell", "Marcus Bell", "yjs_officer", DEMO_TEAM_YJS_SOUTH},
    {"nisha.patel", "Nisha Patel", "parent_worker", DEMO_TEAM_YJS_SOUTH},
    {"owen.price", "Owen Price", "yjs_officer", DEMO_TEAM_YJS_PREVENTION},
    {"leah.dunn", "Leah Dunn", "yjs_officer", DEMO_TEAM_YJS_PREVENTION},
    {"ellen.shaw", "Ellen Shaw", "manager", DEMO_TEAM_EH_EAST},
    {"ravi.kumar", "Ravi Kumar", "hub_worker", DEMO_TEAM_EH_EAST},
    {"joanne.fox", "Joanne Fox", "hub_worker", DEMO_TEAM_EH_EAST},
    {"ade.bankole", "Ade Bankole", "hub_worker", DEMO_TEAM_EH_EAST},
    {"gemma.hart", "Gemma Hart", "hub_worker", DEMO_TEAM_EH_WEST},
    {"lucy.ford", "Lucy Ford", "hub_worker", DEMO_TEAM_EH_WEST},
    {"irene.cole", "Irene Cole", "manager", DEMO_TEAM_HUB_FOLESHILL},
    {"demo.hub", "Fatima Begum", "hub_worker", DEMO_TEAM_HUB_FOLESHILL},
    {"sophie.wren", "Sophie Wren", "hub_worker", DEMO_TEAM_HUB_FOLESHILL},
    {"paul.marsh", "Paul Marsh", "hub_worker", DEMO_TEAM_HUB_WILLENHALL},
    {"zoe.adams", "Zoe Adams", "hub_worker", DEMO_TEAM_HUB_WILLENHALL},
    {"rachel.stone", "Rachel Stone", "manager", DEMO_TEAM_CSC},
    {"demo.social", "Tariq Hussain", "social_worker", DEMO_TEAM_CSC},
    {"anna.webb", "Anna Webb", "social_worker", DEMO_TEAM_CSC},
    {"chris.dale", "Chris Dale", "social_worker", DEMO_TEAM_CSC},
    {"maria.silva", "Maria Silva", "manager", DEMO_TEAM_FGC},
    {"demo.fgc", "Grace Mensah", "fgc_coordinator", DEMO_TEAM_FGC},
    {"yvonne.clarke", "Yvonne Clarke", "fgc_coordinator", DEMO_TEAM_FGC},
    {"ben.hale", "Ben Hale", "fgc_coordinator", DEMO_TEAM_FGC},
    {"lisa.grey", "Lisa Grey", "manager", DEMO_TEAM_PARENTING},
    {"deb.morgan", "Deb Morgan", "parent_worker", DEMO_TEAM_PARENTING},
    {"imran.shah", "Imran Shah", "parent_worker", DEMO_TEAM_PARENTING},
    {"demo.reunification", "Nkechi Adebayo", "social_worker",
     DEMO_TEAM_REUNIFICATION},
    {"owen.kerr", "Owen Kerr", "social_worker", DEMO_TEAM_REUNIFICATION},
    {NULL, NULL, NULL, -1},
};

const struct demo_signin DEMO_SIGNINS[] = {
    {"demo.admin", "admin", "-"},
    {"demo.manager", "manager", "YJS North"},
    {"demo.officer", "yjs_officer", "YJS North"},
    {"demo.parentworker", "parent_worker", "YJS North"},
    {"demo.fgc", "fgc_coordinator", "FGC Service"},
    {"demo.social", "social_worker", "Children's Social Care Central"},
    {"demo.hub", "hub_worker", "Family Hub Foleshill"},
    {"demo.analyst", "analyst", "-"},
    {DEMO_PARENT_USERNAME, "parent", "- (the first child's carer)"},
    {NULL, NULL, NULL},
};

int
demo_team_pick(struct demo_rng *r)
{
	unsigned x = demo_rng_below(r, 1000);
	for (int t = 0; t < DEMO_N_TEAMS; t++) {
		if (x < DEMO_TEAMS[t].weight)
			return t;
		x -= DEMO_TEAMS[t].weight;
	}
	return 0;
}

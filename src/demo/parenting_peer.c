/*
 * parenting_peer.c - the peer support demo data (parenting_peer.h): the
 * parenting team's groups, sessions and registers, its register of peer
 * mentors, and parents' preferences and referrals out. Written through
 * the product's own descriptors and store functions (demo/write.h,
 * store/record.h): a referral's status moves on by record_update, so each
 * earlier status is in history as when a practitioner changes it.
 */
#include "demo/parenting_peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/dates.h"
#include "demo/parenting.h"
#include "service/cases.h"
#include "service/parenting/parenting.h"
#include "service/parenting/peer_records.h"
#include "store/parenting/parent_tables.h"
#include "store/parenting/peer_tables.h"

struct peer_gen {
	const struct demo_write *w;
	struct demo_rng rng;
	uint64_t seed; /* the demo's */
	const struct demo_peer_team *team;
	int64_t ref; /* the reference date, days */
	struct demo_peer_counts n;
	int64_t *mentor_ids;
	size_t n_mentors;
};

/* The team keeping the groups and mentors. */
static int64_t
register_team(const struct peer_gen *g)
{
	return g->team->register_team ? g->team->register_team : g->team->id;
}

/* A peer mentor on the register: volunteers of Coventry's communities. */
struct mentor_seed {
	const char *name, *organisation, *languages[3], *background, *gender,
	    *faith;
	int available;
};

static const struct mentor_seed MENTORS[] = {
    {"Amrit Sandhu",
     "Kitchen Table Talks",
     {"Punjabi", "English", NULL},
     "Punjabi Sikh, born in Coventry",
     "woman",
     "Sikh",
     1},
    {"Harjit Gill",
     "Kitchen Table Talks",
     {"Punjabi", "Hindi", "English"},
     "Punjabi",
     "man",
     "Sikh",
     1},
    {"Nasreen Akhtar",
     "Kitchen Table Talks",
     {"Urdu", "Punjabi", "English"},
     "Pakistani",
     "woman",
     "Muslim",
     1},
    {"Bilal Hussain",
     "Kitchen Table Talks",
     {"Urdu", "English", NULL},
     "Pakistani",
     "man",
     "Muslim",
     1},
    {"Ewa Kowalska",
     "Coventry Polish Centre",
     {"Polish", "English", NULL},
     "Polish",
     "woman",
     "Catholic",
     1},
    {"Tomasz Nowak",
     "Coventry Polish Centre",
     {"Polish", NULL, NULL},
     "Polish",
     "man",
     "Catholic",
     0},
    {"Amira Haddad",
     "Coventry Refugee and Migrant Centre",
     {"Arabic", "English", NULL},
     "Syrian",
     "woman",
     "Muslim",
     1},
    {"Yusuf Ali",
     "Coventry Refugee and Migrant Centre",
     {"Arabic", "Somali", "English"},
     "Somali",
     "man",
     "Muslim",
     1},
    {"Ioana Popescu",
     "Kitchen Table Talks",
     {"Romanian", "English", NULL},
     "Romanian",
     "woman",
     "Orthodox Christian",
     1},
    {"Senait Tesfay",
     "Coventry Refugee and Migrant Centre",
     {"Tigrinya", "Amharic", "English"},
     "Eritrean",
     "woman",
     "Christian",
     1},
    {"Dilan Ahmed",
     "Coventry Refugee and Migrant Centre",
     {"Kurdish", "Farsi", "English"},
     "Kurdish",
     "man",
     "Muslim",
     1},
    {"Shirin Rahman",
     "Foleshill Women's Training",
     {"Bengali", "English", NULL},
     "Bangladeshi",
     "woman",
     "Muslim",
     1},
    {"Priya Mistry",
     "Foleshill Women's Training",
     {"Gujarati", "English", NULL},
     "Indian Gujarati",
     "woman",
     "Hindu",
     1},
    {"Tendai Moyo",
     "Kitchen Table Talks",
     {"Shona", "English", NULL},
     "Zimbabwean",
     "woman",
     "Christian",
     1},
    /* No mentor shares a name with a member of staff (session 28: the
     * FGC coordinator demo.fgc is Grace Mensah). */
    {"Abena Owusu",
     "Kitchen Table Talks",
     {"Twi", "English", NULL},
     "Ghanaian",
     "woman",
     "Christian",
     1},
    {"Leroy Campbell",
     "Kitchen Table Talks",
     {"English", NULL, NULL},
     "Black Caribbean",
     "man",
     "Christian",
     1},
    {"Sharon Doyle",
     "Kitchen Table Talks",
     {"English", NULL, NULL},
     "White British, Coventry born and bred",
     "woman",
     NULL,
     1},
    {"Mark Bennett",
     "Dads Matter Coventry",
     {"English", NULL, NULL},
     "White British",
     "man",
     NULL,
     1},
};

struct group_seed {
	const char *name, *meets, *venue, *description;
	/* When it meets, as `meets` says: every every_days days on weekday
	 * (0 Sunday to 6 Saturday), or (every_days 0) on the month's first
	 * one. */
	int every_days, weekday;
	int hub;     /* run by the family hub team (demo_peer_team) */
	int fathers; /* for fathers and male carers only */
};

static const struct group_seed GROUPS[] = {
    {"Friendship Group", "Monthly, first Tuesday, 10am to 12pm",
     "Foleshill Family Hub",
     "Parents of children open to the service meet, share and support "
     "each other, with a parent worker",
     0, 2, 0, 0},
    {"Dads' Group", "Fortnightly, Thursday evenings", "Willenhall Family Hub",
     "For fathers and male carers", 14, 4, 0, 1},
    {"Stay and Play", "Weekly, Wednesday, 9:30am to 11am",
     "Foleshill Family Hub",
     "Parents and carers of under-fives play, talk and get to know each "
     "other, with the Family Hub's workers",
     7, 3, 1, 0},
};

/* A parent on the parenting team's group registers: from the day they
 * were referred or their support began, a father or male carer or not. */
struct group_parent {
	int64_t id, from;
	int male;
};

/* The day after `day` that group gs next meets on: its weekday, every
 * every_days days, or the first of its weekday in the next month. No
 * draw. */
static int64_t
next_meeting(const struct group_seed *gs, int64_t day)
{
	if (gs->every_days)
		return day + gs->every_days;
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	return demo_weekday_from(date_add_months(date_days(y, m, 1), 1),
	                         gs->weekday);
}

/* The first day group gs meets on or after day `from`. No draw. */
static int64_t
first_meeting(const struct group_seed *gs, int64_t from)
{
	if (gs->every_days)
		return demo_weekday_from(from, gs->weekday);
	int y, m, d;
	date_ymd(from, &y, &m, &d);
	int64_t first = demo_weekday_from(date_days(y, m, 1), gs->weekday);
	return first >= from ? first : next_meeting(gs, first);
}

static const char *const TOPICS[] = {
    "Getting to know each other",  "Routines at home",
    "When your child is in court", "Looking after yourself",
    "Talking with teenagers",      "Keeping calm when things get hard",
    "Money and benefits",          "Schools and exclusions",
};
/* A family hub's under-fives group's. */
static const char *const HUB_TOPICS[] = {
    "Messy play",     "Songs and rhymes", "Sleep and routines",
    "Healthy eating", "Starting nursery", "Talking with your baby",
};

/* Other destinations a parent is referred to, with how often. */
static const char *const OTHER_DESTINATIONS[] = {
    "peer_group",       "emotional_health",        "early_help",
    "family_hub",       "parenting_programme",     "third_sector",
    "emotional_health", "family_group_conference",
};

static void
date_of(int64_t days, char out[DATE_TEXT_LEN])
{
	date_text(days, out);
}

static int
add_mentors(struct peer_gen *g)
{
	g->mentor_ids = calloc(DEMO_N_OF(MENTORS), sizeof(int64_t));
	if (!g->mentor_ids)
		return err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < DEMO_N_OF(MENTORS); i++) {
		const struct mentor_seed *m = &MENTORS[i];
		json_t *langs = json_array();
		for (size_t k = 0; k < 3 && m->languages[k]; k++)
			json_array_append_new(langs,
			                      json_string(m->languages[k]));
		json_t *body = json_pack(
		    "{s:I, s:s, s:s, s:o, s:s, s:s, s:s*, s:b}", "team_id",
		    (json_int_t)register_team(g), "name", m->name,
		    "organisation", m->organisation, "languages", langs,
		    "cultural_background", m->background, "gender", m->gender,
		    "faith", m->faith, "available", m->available);
		int rc = demo_insert(g->w, &PEER_MENTORS, body, NULL, 0,
		                     &g->mentor_ids[i]);
		if (rc)
			return rc;
		g->n_mentors++;
		g->n.mentors++;
	}
	return 0;
}

/* The mentor for a parent who speaks language: the first available one
 * speaking it, else one drawn from those available. */
static int64_t
mentor_for(struct peer_gen *g, const char *language)
{
	for (size_t i = 0; language && i < g->n_mentors; i++)
		for (size_t k = 0; k < 3 && MENTORS[i].languages[k]; k++)
			if (MENTORS[i].available &&
			    strcmp(MENTORS[i].languages[k], language) == 0)
				return g->mentor_ids[i];
	for (;;) {
		size_t i = demo_rng_below(&g->rng, (uint32_t)g->n_mentors);
		if (MENTORS[i].available)
			return g->mentor_ids[i];
	}
}

static int64_t
worker(struct peer_gen *g)
{
	if (!g->team->n_workers)
		return 0;
	return g->team
	    ->workers[demo_rng_below(&g->rng, (uint32_t)g->team->n_workers)];
}

/*
 * The parent's open parent support case. A parent referred without one
 * has agreed to support around the child's youth justice case first: the
 * support row and its case, as recording the agreement makes them
 * (docs/parenting.md, "Parent support").
 */
static int
parent_case(struct peer_gen *g, const struct demo_yj_case *c, int64_t start,
            int64_t *case_id, int64_t *opened)
{
	int rc =
	    store_parent_open_case(g->w->db, c->carer_id, case_id, g->w->e);
	if (rc == 0 && *case_id)
		rc = demo_case_start(g->w, *case_id, opened);
	if (rc || *case_id)
		return rc;
	*opened = start;
	/* Already asked about this child, and did not agree: not referred. */
	int64_t asked = 0;
	rc = store_parent_support_count(g->w->db, c->carer_id, c->person_id, 0,
	                                &asked, g->w->e);
	if (rc || asked)
		return rc;
	char *rel = NULL;
	int counts = 0;
	rc = store_parent_membership(g->w->db, c->carer_id, c->person_id, &rel,
	                             &counts, g->w->e);
	if (rc)
		return rc;
	char sdate[DATE_TEXT_LEN];
	date_of(start, sdate);
	int64_t w = worker(g);
	rc = store_parent_case_insert(
	    g->w->db, c->carer_id, g->team->id, w, sdate,
	    "Parent support around a child's youth justice intervention",
	    g->w->at, w, case_id, g->w->e);
	if (rc) {
		free(rel);
		return rc;
	}
	g->n.parent_cases++;
	json_t *body = json_pack("{s:I, s:I, s:s, s:s, s:s}", "person_id",
	                         (json_int_t)c->carer_id, "child_case_id",
	                         (json_int_t)c->id, "agreement", "agreed",
	                         "agreement_date", sdate, "start_date", sdate);
	json_t *server = json_pack(
	    "{s:I, s:I, s:s*}", "case_id", (json_int_t)*case_id, "child_id",
	    (json_int_t)c->person_id, "relationship", rel);
	free(rel);
	rc = demo_insert(g->w, &PARENT_SUPPORTS, body, server, w, NULL);
	/* Its sessions since, as the parenting pathway's (session 28: a
	 * support case with no session or contact). */
	if (rc == 0)
		rc = demo_parenting_sessions(
		    g->w, g->seed, *case_id, c->carer_id, c->person_id, w,
		    start, &g->n.parent_sessions, &g->n.contacts);
	return rc;
}

/* The parent's stated preferences: the language they gave as their
 * first, and whether it and the mentor's gender matter to them. */
static int
add_preferences(struct peer_gen *g, const struct demo_yj_case *c)
{
	const char *lang = c->carer_language ? c->carer_language : "English";
	int other_language = strcmp(lang, "English") != 0;
	json_t *body = json_pack(
	    "{s:I, s:[s], s:b, s:b, s:s*, s:b}", "person_id",
	    (json_int_t)c->carer_id, "languages", lang, "language_matters",
	    other_language, "interpreter_needed",
	    other_language && demo_rng_pct(&g->rng, 30), "mentor_gender",
	    c->carer_sex && strcmp(c->carer_sex, "female") == 0 ? "woman"
	    : demo_rng_pct(&g->rng, 50)                         ? "man"
	                                                        : NULL,
	    "gender_matters", demo_rng_pct(&g->rng, 40));
	int rc = demo_insert(g->w, &PARENT_PREFERENCES, body, NULL, 0, NULL);
	g->n.preferences += rc == 0;
	return rc;
}

/* The statuses a referral has been through, in order, by how far it got. */
static const char *const PATHS[][4] = {
    {"sent", NULL},
    {"sent", "accepted", NULL},
    {"sent", "accepted", "started", NULL},
    {"sent", "accepted", "started", "completed"},
    {"sent", "declined", NULL},
};

/*
 * One referral out on case_id for the parent of c, referred on day
 * `referred`, to destination (naming mentor or group when given); its
 * status moves on through one of PATHS, a change every week or three,
 * none after the reference date.
 */
static int
add_referral(struct peer_gen *g, const struct demo_yj_case *c, int64_t case_id,
             const char *destination, int64_t mentor, int64_t group,
             int64_t referred)
{
	static const int weights[] = {10, 15, 35, 30, 10};
	unsigned x = demo_rng_below(&g->rng, 100), acc = 0;
	size_t path = 0;
	for (; path < DEMO_N_OF(weights) - 1; path++) {
		acc += (unsigned)weights[path];
		if (x < acc)
			break;
	}
	char consent[DATE_TEXT_LEN], on[DATE_TEXT_LEN],
	    status_on[DATE_TEXT_LEN];
	date_of(referred - demo_rng_range(&g->rng, 0, 7), consent);
	date_of(referred, on);
	int64_t by = worker(g);
	json_t *rec = json_pack(
	    "{s:I, s:I, s:o, s:s, s:o, s:o, s:s*, s:b, s:s, s:s, s:s, s:s}",
	    "case_id", (json_int_t)case_id, "person_id",
	    (json_int_t)c->carer_id, "child_id", demo_id(c->person_id),
	    "destination", destination, "mentor_id", demo_id(mentor),
	    "group_id", demo_id(group), "agency",
	    strcmp(destination, "third_sector") == 0
	        ? "Coventry Refugee and Migrant Centre"
	        : NULL,
	    "consent_given", 1, "consent_date", consent, "referred_on", on,
	    "status", "sent", "status_date", on);
	if (!rec)
		return err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	json_t *person =
	    json_pack("{s:I}", "person_id", (json_int_t)c->carer_id);
	json_object_del(rec, "person_id");
	int64_t id = 0;
	int rc = demo_insert(g->w, &PARENT_REFERRALS, json_deep_copy(rec),
	                     person, by, &id);
	json_object_set_new(rec, "person_id", json_integer(c->carer_id));
	int64_t day = referred, version = 1;
	for (size_t k = 1; rc == 0 && k < 4 && PATHS[path][k]; k++) {
		day += demo_rng_range(&g->rng, 7, 21);
		if (day >= g->ref)
			break;
		date_of(day, status_on);
		json_object_set_new(rec, "status", json_string(PATHS[path][k]));
		json_object_set_new(rec, "status_date", json_string(status_on));
		rc = record_update(g->w->db, &PARENT_REFERRALS_TABLE, id,
		                   version++, rec, g->w->at, by, g->w->e);
	}
	json_decref(rec);
	g->n.referrals += rc == 0;
	return rc;
}

/* A year of sessions of each group, on the days it meets (a working day:
 * none on a bank holiday), with a register of the parents referred by
 * then (a father's group's of the fathers and male carers; session 29:
 * mothers at the Dads' Group, parents at sessions months before they were
 * referred, groups meeting on another weekday than their own). */
static int
add_groups(struct peer_gen *g, const struct group_parent *parents,
           size_t n_parents)
{
	for (size_t i = 0; i < DEMO_N_OF(GROUPS); i++) {
		const struct group_seed *gs = &GROUPS[i];
		if (gs->hub && !g->team->hub_team)
			continue;
		/* A hub's group: its families, not the parenting team's
		 * parents, come; its registers are not made here. */
		size_t n_register = gs->hub ? 0 : n_parents;
		json_t *body =
		    json_pack("{s:I, s:s, s:s, s:s, s:s}", "team_id",
		              (json_int_t)(gs->hub ? g->team->hub_team
		                                   : register_team(g)),
		              "name", gs->name, "meets", gs->meets, "venue",
		              gs->venue, "description", gs->description);
		int64_t group = 0;
		int rc = demo_insert(g->w, &PEER_GROUPS, body, NULL, 0, &group);
		if (rc)
			return rc;
		g->n.groups++;
		for (int64_t day = first_meeting(gs, g->ref - 364);
		     day < g->ref; day = next_meeting(gs, day)) {
			if (!demo_is_working_day(day))
				continue;
			char sdate[DATE_TEXT_LEN];
			date_of(day, sdate);
			int64_t session = 0;
			rc = demo_insert(
			    g->w, &PEER_GROUP_SESSIONS,
			    json_pack("{s:I, s:s, s:s}", "group_id",
			              (json_int_t)group, "session_date", sdate,
			              "topic",
			              gs->hub ? DEMO_PICK(&g->rng, HUB_TOPICS)
			                      : DEMO_PICK(&g->rng, TOPICS)),
			    NULL, gs->hub ? 0 : worker(g), &session);
			if (rc)
				return rc;
			g->n.sessions++;
			/* Between 4 and 9 parents expected, of those on the
			 * register by then; most come. */
			size_t want = (size_t)demo_rng_range(&g->rng, 4, 9);
			size_t start =
			    n_register
			        ? demo_rng_below(&g->rng, (uint32_t)n_register)
			        : 0;
			for (size_t k = 0, got = 0;
			     k < n_register && got < want; k++) {
				const struct group_parent *p =
				    &parents[(start + k) % n_parents];
				if (p->from > day || (gs->fathers && !p->male))
					continue;
				got++;
				rc = demo_insert(
				    g->w, &PEER_GROUP_ATTENDANCE,
				    json_pack("{s:I, s:I, s:b}", "session_id",
				              (json_int_t)session, "person_id",
				              (json_int_t)p->id, "attended",
				              demo_rng_pct(&g->rng, 75)),
				    NULL, 0, NULL);
				if (rc)
					return rc;
				g->n.attendance++;
			}
		}
	}
	return 0;
}

/* How long after a child's youth justice case closed their parent may
 * still be referred on (days): around the child's intervention, not years
 * after it (session 29: parents referred a year and a half after their
 * child's case closed). */
#define DEMO_PEER_AFTER_DAYS 28
/* The longest ago a child's case closed for their parent to be among
 * those referred in the year to the reference date (days). */
#define DEMO_PEER_CLOSED_DAYS 91

/* The carers to refer: distinct, in case order, of children whose case
 * is open or closed in the last few months; minority ones first in
 * *minor, the others in *rest (each caller-freed). */
static int
carers(struct peer_gen *g, const struct demo_yj_case *cases, size_t n,
       size_t **minor, size_t *n_minor, size_t **rest, size_t *n_rest)
{
	*minor = calloc(n ? n : 1, sizeof(size_t));
	*rest = calloc(n ? n : 1, sizeof(size_t));
	*n_minor = *n_rest = 0;
	if (!*minor || !*rest)
		return err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (!cases[i].carer_id ||
		    (cases[i].end_date &&
		     cases[i].end_date < g->ref - DEMO_PEER_CLOSED_DAYS))
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = cases[j].carer_id == cases[i].carer_id;
		if (seen)
			continue;
		if (cases[i].minority)
			(*minor)[(*n_minor)++] = i;
		else
			(*rest)[(*n_rest)++] = i;
	}
	return 0;
}

/*
 * Refer the parent of c on: to a peer mentor (`mentor`, with their
 * preferences, and now and then elsewhere too) or elsewhere only, from
 * their parent support case; *p receives them for the group registers and
 * *made whether they were referred (not when they declined support for
 * the child, or their support began this week).
 */
static int
refer_parent(struct peer_gen *g, const struct demo_yj_case *c, int mentor,
             struct group_parent *p, int *made)
{
	*made = 0;
	/* Referred in the year to the reference date, while the
	 * child's case is open or in the weeks after it closed, from
	 * a support begun while it was open. */
	int64_t referred = g->ref - demo_rng_range(&g->rng, 7, 350);
	int64_t until =
	    c->end_date ? c->end_date + DEMO_PEER_AFTER_DAYS : g->ref;
	if (referred > until)
		referred = until;
	if (referred < c->start_date + 7)
		referred = c->start_date + 7;
	int64_t begun = referred - demo_rng_range(&g->rng, 7, 30);
	if (begun < c->start_date)
		begun = c->start_date;
	if (c->end_date && begun > c->end_date)
		begun = c->end_date;
	int64_t case_id = 0, opened = 0;
	int rc = parent_case(g, c, begun, &case_id, &opened);
	if (rc || !case_id)
		return rc;
	/* Made on the parent's case: after it opened. */
	if (referred < opened + 7)
		referred = opened + 7;
	if (referred >= g->ref)
		return 0; /* begun this week: not yet */
	if (mentor)
		rc = add_preferences(g, c);
	if (rc == 0 && mentor)
		rc =
		    add_referral(g, c, case_id, "peer_mentor",
		                 mentor_for(g, c->carer_language), 0, referred);
	if (rc == 0 && (!mentor || demo_rng_pct(&g->rng, 30)))
		rc = add_referral(g, c, case_id,
		                  DEMO_PICK(&g->rng, OTHER_DESTINATIONS), 0, 0,
		                  referred + (mentor && referred + 1 < g->ref));
	if (rc == 0) {
		*p = (struct group_parent){
		    c->carer_id, referred,
		    c->carer_sex && strcmp(c->carer_sex, "male") == 0};
		*made = 1;
	}
	return rc;
}

int
demo_peer_load(const struct demo_write *w, uint64_t seed,
               const struct demo_peer_team *team,
               const struct demo_yj_case *cases, size_t n,
               struct demo_peer_counts *counts)
{
	struct peer_gen g;
	memset(&g, 0, sizeof(g));
	g.w = w;
	g.rng.s = seed ^ 0x504545522d646d6full; /* its own sequence */
	g.seed = seed;
	g.team = team;
	g.ref = demo_ref_day();
	size_t *minor = NULL, *rest = NULL, n_minor = 0, n_rest = 0;
	struct group_parent *parents = NULL;
	size_t n_parents = 0;
	int rc = add_mentors(&g);
	if (rc == 0)
		rc = carers(&g, cases, n, &minor, &n_minor, &rest, &n_rest);
	/* The seed's figures, or fewer in the same proportion when the demo
	 * holds too few families for them. */
	size_t want_minor = DEMO_PEER_MENTOR_MINORITY;
	size_t want_rest =
	    DEMO_PEER_MENTOR_REFERRALS - DEMO_PEER_MENTOR_MINORITY;
	while (rc == 0 && want_minor &&
	       (want_minor > n_minor || want_rest > n_rest)) {
		want_minor--;
		want_rest = (want_minor * (DEMO_PEER_MENTOR_REFERRALS -
		                           DEMO_PEER_MENTOR_MINORITY) +
		             DEMO_PEER_MENTOR_MINORITY / 2) /
		            DEMO_PEER_MENTOR_MINORITY;
	}
	if (rc == 0 && want_rest > n_rest)
		want_rest = n_rest;
	size_t total = want_minor + want_rest;
	/* Some more parents are referred elsewhere only. */
	size_t others = 0;
	if (rc == 0) {
		size_t spare = (n_minor - want_minor) + (n_rest - want_rest);
		others = spare < total / 2 ? spare : total / 2;
		parents = calloc(total + others + 1, sizeof(*parents));
		if (!parents)
			rc = err_set(w->e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	/* The minority ones first, then the others, then the parents
	 * referred elsewhere only: each list in case order, a parent who is
	 * not referred (refer_parent) passed over for the next. */
	size_t mi = 0, ri = 0, made = 0;
	struct group_parent *at = parents;
	for (int step = 0; rc == 0 && step < 3; step++) {
		size_t want = step == 0   ? want_minor
		              : step == 1 ? want_rest
		                          : others;
		for (made = 0; rc == 0 && made < want;) {
			const size_t *list =
			    step == 1 || mi >= n_minor ? rest : minor;
			size_t *i = list == rest ? &ri : &mi;
			if ((step == 0 && mi >= n_minor) ||
			    (step == 1 && ri >= n_rest) ||
			    *i >= (list == rest ? n_rest : n_minor))
				break;
			int one = 0;
			rc = refer_parent(&g, &cases[list[(*i)++]], step < 2,
			                  at, &one);
			made += (size_t)one;
			at += one;
		}
	}
	n_parents = (size_t)(at - parents);
	if (rc == 0)
		rc = add_groups(&g, parents, n_parents);
	free(minor);
	free(rest);
	free(parents);
	free(g.mentor_ids);
	if (rc == 0 && counts)
		*counts = g.n;
	return rc;
}

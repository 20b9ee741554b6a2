/*
 * demo.c - the demo data generator: what a realistic, wholly synthetic
 * Coventry-like caseload looks like. Every choice is drawn from a demo_rng
 * seeded by the caller and from the fixed tables in names.c, org.c and
 * casework.c, so one seed and size always give the same rows; all dates
 * are relative to the reference date (dates.h).
 * The rows are written inside one writer transaction through the store
 * functions the product uses for each kind of record (write.h): records
 * through record_insert with their resource's SQL, attendees, task
 * completion, teams and accounts through the stores' own functions.
 * Not for test fixtures (tests/api/lib.mjs builds its own).
 */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/vocab_casework.h"
#include "demo/casework.h"
#include "demo/dates.h"
#include "demo/grow.h"
#include "demo/names.h"
#include "demo/org.h"
#include "demo/parenting_family_plan.h"
#include "demo/rng.h"
#include "demo/write.h"
#include "demo/parenting.h"
#include "demo/parenting_peer.h"
#include "demo/parenting_steps.h"
#include "demo/yj.h"
#include "service/auth.h"
#include "service/cases.h"
#include "service/consents.h"
#include "service/contacts.h"
#include "service/families.h"
#include "service/people.h"
#include "service/tasks.h"
#include "store/contacts.h"
#include "store/measures/measures.h"
#include "store/people.h"
#include "store/tasks.h"
#include "store/users.h"

#define MAX_WORKERS 8
/* How far back the open cases go (days), and a youth justice team's
 * cases (years). */
#define OPEN_CASE_DAYS 540
#define YJ_CASE_YEARS 3
/* The most days before its case opens that an offence it opens for was
 * committed (yj.c: up to 120), and one more. */
#define YJ_OFFENCE_DAYS 121
/* Per cent of the open youth justice cases whose child stopped coming some
 * weeks before the reference date: the few "Last seen" shows. */
#define DEMO_UNSEEN_PCT 5
/* The oldest a grandmother bringing up a child is drawn (years), where
 * the parents' ages allow. */
#define DEMO_CARER_MAX_AGE 72
/* The longest a family group conference case runs (days). */
#define FGC_CASE_DAYS 120

struct team_state {
	int64_t id, service_id;
	int64_t workers[MAX_WORKERS]; /* who holds cases */
	int n_workers;
	int64_t joint; /* who joins initial home visits (parent worker) */
};

/* ---- the generation job ---- */

struct gen {
	struct db *db;
	struct err *e;
	struct demo_write w; /* db, e and at, for write.h */
	struct demo_rng rng; /* the child being made's own (demo_rng_child) */
	uint64_t seed;
	int64_t child_index; /* the child being made: 0 for the first */
	const char *at;      /* creation timestamp of every row */
	const char *hash;
	int64_t children;
	uint64_t nhs_k, nhs_offset;
	int64_t local_seq;
	int64_t ref;
	struct team_state teams[DEMO_N_TEAMS];
	int64_t parent_person; /* the demo parent account's person */
	char parent_name[120];
	struct demo_counts n;
	/* The early help families, for Steps to Change (parenting_steps.c),
	 * and the forms it scores them on. */
	struct demo_steps_family *steps;
	size_t n_steps, steps_cap;
	const struct forms *forms;
	/* The youth justice cases made, in id order, for yj.c. */
	struct demo_yj_case *yj_cases;
	size_t n_yj_cases, yj_cap;
	struct demo_yj_counts yj; /* their rows */
	int64_t case_end;   /* the day the last case made closed (0: open) */
	int64_t case_start; /* and the day it opened */
};

/* A person about to be inserted, with buffers for generated text. */
struct gen_person {
	struct demo_person p;
	char dob[11], nhs[11], local[24], phone[16], email[80];
	int64_t born; /* the date of birth in days (core/date.h) */
	int64_t id;
};

static int
setup_org(struct gen *g)
{
	for (int t = 0; t < DEMO_N_TEAMS; t++) {
		struct team_state *ts = &g->teams[t];
		int rc = store_services_id(g->db, DEMO_TEAMS[t].service,
		                           &ts->service_id, g->e);
		if (rc == 0) {
			rc =
			    store_teams_find(g->db, DEMO_TEAMS[t].service,
			                     DEMO_TEAMS[t].name, &ts->id, g->e);
			if (rc == SPIRE_ENOTFOUND) {
				rc = store_teams_insert(
				    g->db, ts->service_id, DEMO_TEAMS[t].name,
				    g->at, 0, &ts->id, g->e);
				g->n.teams++;
			}
		}
		if (rc)
			return rc;
	}
	for (const struct demo_staff *s = DEMO_STAFF; s->username; s++) {
		struct team_state *ts =
		    s->team >= 0 ? &g->teams[s->team] : NULL;
		struct user_new u = {s->username, s->full_name,    s->role,
		                     g->hash,     ts ? ts->id : 0, 0};
		int64_t id;
		int rc = store_users_insert(g->db, &u, g->at, &id, g->e);
		if (rc)
			return rc;
		g->n.users++;
		if (!ts || strcmp(s->role, "manager") == 0)
			continue;
		/* Parent workers in a youth justice team join home visits;
		 * everyone else there holds cases. */
		if (strcmp(s->role, "parent_worker") == 0 &&
		    strcmp(DEMO_TEAMS[s->team].service, "youth_justice") == 0)
			ts->joint = id;
		else if (ts->n_workers < MAX_WORKERS)
			ts->workers[ts->n_workers++] = id;
	}
	return 0;
}

static void
person_names(struct gen *g, struct gen_person *gp, const struct demo_names *ns,
             const char *family, int female)
{
	gp->p.given_name = female ? DEMO_PICK(&g->rng, ns->female)
	                          : DEMO_PICK(&g->rng, ns->male);
	gp->p.family_name = family;
	gp->p.sex = female ? "female" : "male";
}

static int
is_ascii_word(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
			return 0;
	return 1;
}

/* Fill and insert an adult: contact details and language. */
static int
add_adult(struct gen *g, struct gen_person *gp,
          const struct demo_ethnicity *eth, int age,
          const struct demo_address *home)
{
	struct demo_rng *r = &g->rng;
	const struct demo_names *ns = eth->names;
	gp->born = demo_birth_for_age(r, age);
	date_text(gp->born, gp->dob);
	gp->p.date_of_birth = gp->dob;
	gp->p.ethnicity = eth->code;
	gp->p.first_language = demo_language_pick(r, eth);
	gp->p.interpreter_needed =
	    strcmp(gp->p.first_language, "English") != 0 && demo_rng_pct(r, 35);
	gp->p.religion =
	    demo_rng_pct(r, 50) ? DEMO_PICK(r, ns->religion) : NULL;
	gp->p.address = home->line;
	gp->p.postcode = home->postcode;
	snprintf(gp->phone, sizeof(gp->phone), "07700 900%03u",
	         demo_rng_below(r, 1000));
	gp->p.phone = gp->phone;
	if (demo_rng_pct(r, 40) && is_ascii_word(gp->p.given_name)) {
		char lower[40];
		size_t i = 0;
		for (; gp->p.given_name[i] && i + 1 < sizeof(lower); i++)
			lower[i] = (char)(gp->p.given_name[i] | 0x20);
		lower[i] = '\0';
		snprintf(gp->email, sizeof(gp->email), "%s%u@example.com",
		         lower, demo_rng_below(r, 1000));
		gp->p.email = gp->email;
	}
	if (demo_rng_pct(r, 50)) {
		demo_nhs_number(&g->nhs_k, g->nhs_offset, gp->nhs);
		gp->p.nhs_number = gp->nhs;
	}
	if (demo_rng_pct(r, 3))
		gp->p.alert = demo_rng_pct(r, 50)
		                  ? "Risk to workers: visit in pairs"
		                  : "Dog at the address";
	int rc = demo_insert_person(&g->w, &gp->p, &gp->id);
	g->n.people += rc == 0;
	return rc;
}

/* Fill and insert a child born on day born. */
static int
add_child(struct gen *g, struct gen_person *gp,
          const struct demo_ethnicity *eth, int64_t born,
          const struct demo_address *home, int yj)
{
	struct demo_rng *r = &g->rng;
	int age = demo_age_on(born, g->ref);
	gp->born = born;
	date_text(gp->born, gp->dob);
	gp->p.date_of_birth = gp->dob;
	gp->p.ethnicity = eth->code;
	gp->p.first_language =
	    demo_rng_pct(r, 75) ? "English" : demo_language_pick(r, eth);
	gp->p.religion =
	    demo_rng_pct(r, 40) ? DEMO_PICK(r, eth->names->religion) : NULL;
	gp->p.address = home->line;
	gp->p.postcode = home->postcode;
	/* The youth justice cohort: 51 % with SEN, 16 % with an EHCP. */
	unsigned sen = demo_rng_below(r, 100);
	if (age >= 4)
		gp->p.send = sen < (yj ? 16u : 4u)    ? "ehcp"
		             : sen < (yj ? 51u : 15u) ? "sen_support"
		                                      : "none";
	gp->p.disability = demo_rng_pct(r, yj ? 8 : 5);
	snprintf(gp->local, sizeof(gp->local), "CV%07lld",
	         (long long)++g->local_seq);
	gp->p.local_id = gp->local;
	demo_nhs_number(&g->nhs_k, g->nhs_offset, gp->nhs);
	gp->p.nhs_number = gp->nhs;
	int rc = demo_insert_person(&g->w, &gp->p, &gp->id);
	g->n.people += rc == 0;
	return rc;
}

static int
add_member(struct gen *g, int64_t family, int64_t person, int64_t child,
           const char *relationship, int pr, int household, int wider)
{
	const char *type =
	    child ? (strstr(relationship, "sibling") ? "child" : "adult")
	          : "child";
	json_t *body =
	    json_pack("{s:I, s:I, s:s, s:s, s:o, s:b, s:b, s:b}", "family_id",
	              (json_int_t)family, "person_id", (json_int_t)person,
	              "member_type", type, "relationship", relationship,
	              "child_id", child ? json_integer(child) : json_null(),
	              "parental_responsibility", pr, "in_household", household,
	              "wider_network", wider);
	int rc = demo_insert(&g->w, &FAMILY_MEMBERS, body, NULL, 0, NULL);
	g->n.members += rc == 0;
	return rc;
}

struct family {
	int64_t id, team_id, worker;
	struct gen_person child, carer, adults[6], siblings[3];
	const char *carer_rel; /* "mum", "dad", "nan": for summaries */
	int n_adults, n_siblings;
	/* Who gives consent for a young child: the adult (an index in
	 * adults) with parental responsibility, one in the household first;
	 * -1: none has it. */
	int pr_adult;
};

static int
same_name(const struct gen_person *a, const struct gen_person *b)
{
	return a != b && a->p.given_name && b->p.given_name &&
	       strcmp(a->p.given_name, b->p.given_name) == 0 &&
	       strcmp(a->p.family_name, b->p.family_name) == 0;
}

/* Whether another member of f made so far has gp's full name. */
static int
name_taken(const struct family *f, const struct gen_person *gp)
{
	if (same_name(&f->child, gp))
		return 1;
	for (int i = 0; i < f->n_adults; i++)
		if (same_name(&f->adults[i], gp))
			return 1;
	for (int i = 0; i < f->n_siblings; i++)
		if (same_name(&f->siblings[i], gp))
			return 1;
	return 0;
}

/* Name gp (already counted in f) so that no two members of the family
 * share a full name: a form listing the family would offer the same
 * name twice. Each name list holds twelve names a sex and a family has
 * at most ten members, so a free name is always found. */
static void
member_names(struct gen *g, const struct family *f, struct gen_person *gp,
             const struct demo_names *ns, const char *family, int female)
{
	do
		person_names(g, gp, ns, family, female);
	while (name_taken(f, gp));
}

/* Build the family around a new child in team t and insert it. */
static int
make_family(struct gen *g, struct family *f, int t)
{
	struct demo_rng *r = &g->rng;
	int yj = t <= DEMO_TEAM_YJS_PREVENTION;
	const struct demo_ethnicity *eth = demo_ethnicity_pick(r, yj);
	const char *other = demo_ethnicity_other_parent(eth->code);
	const struct demo_ethnicity *mum_eth =
	    other ? demo_ethnicity_named("white_british") : eth;
	const struct demo_ethnicity *dad_eth =
	    other ? demo_ethnicity_named(other) : eth;
	if (other && demo_rng_pct(r, 30)) {
		const struct demo_ethnicity *swap = mum_eth;
		mum_eth = dad_eth;
		dad_eth = swap;
	}
	const char *surname = DEMO_PICK(r, dad_eth->names->family);
	int age = demo_case_age(r, t);
	/* Seven in ten children in youth justice are boys. */
	int female = demo_rng_pct(r, yj ? 30 : 50);
	struct demo_address home = demo_address_make(r);
	struct demo_address away = demo_address_make(r);

	memset(f, 0, sizeof(*f));
	f->team_id = g->teams[t].id;
	struct team_state *ts = &g->teams[t];
	f->worker =
	    ts->n_workers
	        ? ts->workers[demo_rng_below(r, (uint32_t)ts->n_workers)]
	        : 0;
	struct gen_person *c = &f->child;
	c->p.owner_team_id = f->team_id;
	c->p.created_by = f->worker;
	person_names(g, c,
	             (other && demo_rng_pct(r, 50)) ? mum_eth->names
	                                            : dad_eth->names,
	             surname, female);
	int rc = add_child(g, c, eth, demo_birth_for_age(r, age), &home, yj);
	if (rc)
		return rc;
	char fname[160];
	snprintf(fname, sizeof(fname), "The %s family", surname);
	rc = demo_insert(
	    &g->w, &FAMILIES, json_pack("{s:s}", "name", fname),
	    json_pack("{s:I}", "owner_team_id", (json_int_t)f->team_id),
	    f->worker, &f->id);
	if (rc)
		return rc;
	g->n.families++;
	if ((rc = add_member(g, f->id, c->id, 0, "child", 0, 1, 0)))
		return rc;

	/* The adults: who they are, whether they live with the child and
	 * hold parental responsibility. */
	struct adult_plan {
		const char *rel;
		int female, household, pr, wider, age_gap;
		const struct demo_ethnicity *eth;
	} plan[6];
	int n = 0;
	int mum = demo_rng_pct(r, 92);
	int dad = demo_rng_pct(r, 65);
	int mum_home = mum && demo_rng_pct(r, 88);
	int dad_home = dad && demo_rng_pct(r, mum_home ? 45 : 60);
	int nan_carer = !mum_home && !dad_home;
	int gap;
	if (mum) {
		gap = demo_rng_range(r, 19, 38);
		plan[n++] = (struct adult_plan){"mother", 1,   mum_home, 1,
		                                0,        gap, mum_eth};
	}
	if (dad) {
		/* Without a mother in the child's life, the father holds
		 * parental responsibility: someone does (session 27). */
		int pr = demo_rng_pct(r, 85) || !mum;
		gap = demo_rng_range(r, 20, 42);
		plan[n++] = (struct adult_plan){"father", 0,   dad_home, pr,
		                                0,        gap, dad_eth};
	}
	if (mum_home && !dad_home && demo_rng_pct(r, 20)) {
		gap = demo_rng_range(r, 22, 45);
		plan[n++] = (struct adult_plan){"step_father", 0,      1, 0, 0,
		                                gap,           mum_eth};
	}
	/* A grandmother is a parent's mother: 18 to 30 years older than the
	 * older parent (the child's age gap to the parents drawn above). */
	int oldest = 0, youngest = 99;
	for (int i = 0; i < n; i++) {
		oldest = plan[i].age_gap > oldest ? plan[i].age_gap : oldest;
		youngest =
		    plan[i].age_gap < youngest ? plan[i].age_gap : youngest;
	}
	if (nan_carer || demo_rng_pct(r, 35)) {
		/* One bringing the child up is young enough to: 72 or
		 * younger where the parents' ages allow (session 29:
		 * grandmothers of 80 and more were the main carers of
		 * teenagers). */
		int lo = (oldest ? oldest : 25) + 18, hi = lo + 12;
		if (nan_carer && hi > DEMO_CARER_MAX_AGE - age)
			hi = lo > DEMO_CARER_MAX_AGE - age
			         ? lo
			         : DEMO_CARER_MAX_AGE - age;
		gap = demo_rng_range(r, lo, hi);
		plan[n++] = (struct adult_plan){
		    "grandmother", 1, nan_carer, nan_carer, 0, gap, mum_eth};
	}
	if (demo_rng_pct(r, 40)) {
		int aunt = demo_rng_pct(r, 50);
		gap = demo_rng_range(r, 20, 40);
		plan[n++] = (struct adult_plan){
		    aunt ? "aunt" : "uncle", aunt, 0, 0, 1, gap, mum_eth};
	}
	if (demo_rng_pct(r, 20)) {
		int fem = demo_rng_pct(r, 60);
		const char *rel =
		    demo_rng_pct(r, 50) ? "friend" : "network_member";
		gap = demo_rng_range(r, 22, 50);
		plan[n++] = (struct adult_plan){rel, fem, 0, 0, 1, gap, eth};
	}
	for (int i = 0; i < n; i++) {
		struct adult_plan *a = &plan[i];
		struct gen_person *gp = &f->adults[f->n_adults++];
		const char *fam = surname;
		if (strcmp(a->rel, "father") != 0 &&
		    strcmp(a->rel, "grandmother") != 0 &&
		    (a->wider || strcmp(a->rel, "step_father") == 0 ||
		     demo_rng_pct(r, 30)))
			fam = DEMO_PICK(r, a->eth->names->family);
		gp->p.owner_team_id = f->team_id;
		gp->p.created_by = f->worker;
		member_names(g, f, gp, a->eth->names, fam, a->female);
		int aage = age + a->age_gap > 95 ? 95 : age + a->age_gap;
		if ((rc = add_adult(g, gp, a->eth, aage,
		                    a->household ? &home : &away)))
			return rc;
		if ((rc = add_member(g, f->id, gp->id, c->id, a->rel, a->pr,
		                     a->household, a->wider)))
			return rc;
		if (!f->carer.id && a->household) {
			f->carer = *gp;
			f->carer_rel = strcmp(a->rel, "mother") == 0   ? "mum"
			               : strcmp(a->rel, "father") == 0 ? "dad"
			               : strcmp(a->rel, "grandmother") == 0
			                   ? "nan"
			                   : "step-dad";
		}
	}
	f->pr_adult = -1;
	for (int i = 0; i < n; i++)
		if (plan[i].pr &&
		    (f->pr_adult < 0 ||
		     (plan[i].household && !plan[f->pr_adult].household)))
			f->pr_adult = i;
	if (!f->carer.id) {
		f->carer = f->adults[0];
		f->carer_rel =
		    strcmp(f->carer.p.sex, "female") == 0 ? "mum" : "dad";
	}

	/* Brothers and sisters, some half-siblings. */
	static const unsigned sib_weights[] = {25, 35, 25, 15};
	unsigned x = demo_rng_below(r, 100), k = 0;
	while (k < 3 && x >= sib_weights[k])
		x -= sib_weights[k++];
	for (unsigned i = 0; i < k; i++) {
		struct gen_person *s = &f->siblings[f->n_siblings++];
		int sage = age + demo_rng_range(r, -8, 8);
		/* Born when each parent was 16 or more. */
		if (sage > age + youngest - 16)
			sage = age + youngest - 16;
		sage = sage < 0 ? 0 : sage > 19 ? 19 : sage;
		s->p.owner_team_id = f->team_id;
		s->p.created_by = f->worker;
		member_names(g, f, s, eth->names, surname, demo_rng_pct(r, 50));
		/* Twins, or born ten months or more apart from each brother
		 * and sister (session 27: four months apart), and after each
		 * parent was 16. */
		int64_t born[4] = {c->born};
		size_t nb = 1;
		for (int j = 0; j + 1 < f->n_siblings; j++)
			born[nb++] = f->siblings[j].born;
		int64_t lo = g->ref - (int64_t)20 * 365;
		for (int j = 0; j < f->n_adults; j++)
			if ((strcmp(plan[j].rel, "mother") == 0 ||
			     strcmp(plan[j].rel, "father") == 0 ||
			     strcmp(plan[j].rel, "step_father") == 0) &&
			    demo_birthday(f->adults[j].born, 16) > lo)
				lo = demo_birthday(f->adults[j].born, 16);
		int64_t sborn = demo_sibling_birth(
		    r, demo_birth_for_age(r, sage), born, nb, lo, g->ref);
		if ((rc = add_child(g, s, eth, sborn, &home, 0)))
			return rc;
		const char *rel =
		    demo_rng_pct(r, 20) ? "half_sibling" : "sibling";
		int household =
		    demo_age_on(sborn, g->ref) < 18 || demo_rng_pct(r, 50);
		if ((rc = add_member(g, f->id, s->id, c->id, rel, 0, household,
		                     0)))
			return rc;
	}
	return 0;
}

/* ---- casework: cases, contacts, tasks, consents ---- */

static int
add_attendee(struct gen *g, int64_t contact, int64_t person, int64_t user)
{
	int rc = store_contacts_attendee_add(g->db, contact, person, user,
	                                     g->at, g->e);
	g->n.attendees += rc == 0;
	return rc;
}

/* Why a contact of kind k with outcome (not "attended") did not
 * happen, as its summary. */
static const char *
not_held(const char *outcome, const struct demo_contact_kind *k)
{
	if (strcmp(outcome, "cancelled_by_family") == 0)
		return "The family cancelled on the day; a new appointment was "
		       "agreed.";
	if (strcmp(outcome, "did_not_attend") != 0)
		return "Cancelled by the service (the worker was ill); the "
		       "family were told and a new appointment agreed.";
	if (!k->location)
		return "No answer at the agreed time; a message was left and a "
		       "new call offered.";
	if (strcmp(k->type, "home_visit") == 0)
		return "No one was at home at the agreed time; a card was left "
		       "and a new visit offered.";
	return "The family did not come at the agreed time; a new "
	       "appointment was offered.";
}

/* Why a youth justice child left custody on day `out`: what they were
 * told about it on release (NULL: they did not leave it then). */
static const char *
release_terms(const struct demo_yj_case *yc, int64_t out)
{
	for (int i = 0; i < yc->n_spells; i++) {
		const struct demo_yj_spell *s = &yc->spells[i];
		if (s->out != out)
			continue;
		if (strcmp(s->type, "detention_training_order") == 0)
			return "the notice of supervision";
		if (strcmp(s->type, "custodial_sentence") == 0)
			return "the licence conditions";
		if (strcmp(s->type, "remand_youth_detention") == 0)
			return "the bail conditions";
	}
	return NULL;
}

/* The home visit on the day a youth justice child left custody (or a
 * day or two on), when that was on or before `last`, as the release
 * plan sets it: supervision resumes in the community. */
static int
add_release_visits(struct gen *g, const struct family *f, int64_t case_id,
                   int64_t worker, const struct demo_yj_case *yc, int64_t first,
                   int64_t last)
{
	for (int i = 0; yc && i < yc->n_spells; i++) {
		int64_t out = yc->spells[i].out;
		const char *terms = out ? release_terms(yc, out) : NULL;
		if (!terms || out < first || out > last ||
		    demo_yj_in_custody(yc, out))
			continue;
		char summary[240], when[6], date[11];
		int64_t day = out + demo_rng_range(&g->rng, 0, 2);
		date_text(day > last ? last : day, date);
		demo_contact_time(&g->rng, when);
		snprintf(summary, sizeof(summary),
		         "Home visit on release from custody. Went through %s "
		         "with %s and %s and agreed the appointments for the "
		         "weeks ahead.",
		         terms, f->child.p.given_name, f->carer_rel);
		json_t *body = json_pack(
		    "{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:b, s:i, s:s}",
		    "case_id", (json_int_t)case_id, "contact_date", date,
		    "contact_time", when, "contact_type", "home_visit", "joint",
		    0, "summary", summary, "outcome", "attended", "child_seen",
		    1, "seen_alone", 0, "duration_minutes", 60, "location",
		    demo_contact_kind_home_visit()->location);
		int64_t id;
		int rc = demo_insert(&g->w, &CONTACTS, body, NULL, worker, &id);
		if (rc == 0)
			rc = add_attendee(g, id, f->child.id, 0);
		if (rc == 0)
			rc = add_attendee(g, id, f->carer.id, 0);
		if (rc == 0)
			rc = add_attendee(g, id, 0, worker);
		if (rc)
			return rc;
		g->n.contacts++;
	}
	return 0;
}

/* The visit closing a youth justice case on its last day (docs/demo.md):
 * what has helped, what comes next, whom to call; at the secure
 * establishment if the child is held then. */
static int
add_closing_visit(struct gen *g, const struct family *f, int64_t case_id,
                  int64_t worker, const struct demo_yj_case *yc, int64_t day)
{
	char summary[240], when[6], date[11];
	const char *held =
	    demo_yj_in_custody(yc, day) ? demo_yj_secure_place(yc, day) : NULL;
	date_text(day, date);
	demo_contact_time(&g->rng, when);
	if (held)
		snprintf(summary, sizeof(summary),
		         "Closing visit to %s at %s: went through what has "
		         "helped and the plan for release. Case closed.",
		         f->child.p.given_name, held);
	else
		snprintf(summary, sizeof(summary),
		         "Closing visit with %s and %s: the work with the "
		         "service is over; went through what has helped, what "
		         "comes next and whom to call. Case closed.",
		         f->child.p.given_name, f->carer_rel);
	json_t *body =
	    json_pack("{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:b, s:i, s:s}",
	              "case_id", (json_int_t)case_id, "contact_date", date,
	              "contact_time", when, "contact_type",
	              held ? "session" : "home_visit", "joint", 0, "summary",
	              summary, "outcome", "attended", "child_seen", 1,
	              "seen_alone", 0, "duration_minutes", 60, "location",
	              held ? held : demo_contact_kind_home_visit()->location);
	int64_t id;
	int rc = demo_insert(&g->w, &CONTACTS, body, NULL, worker, &id);
	if (rc == 0)
		rc = add_attendee(g, id, f->child.id, 0);
	if (rc == 0 && !held)
		rc = add_attendee(g, id, f->carer.id, 0);
	if (rc == 0)
		rc = add_attendee(g, id, 0, worker);
	g->n.contacts += rc == 0;
	return rc;
}

/* The days from a contact on day to the next on an open youth justice
 * case: as often as the child's intervention level asks, at least every
 * fortnight (the YJB's case management guidance: twice a month at the
 * standard level, weekly at the enhanced, more at the intensive); weekly
 * before the first assessment sets it; a visit a month while the child
 * is held; the voluntary prevention work about fortnightly.
 * One draw. */
static int64_t
regular_gap(struct demo_rng *r, const struct demo_yj_case *yc, int64_t day)
{
	const char *level = demo_yj_level_on(yc, day);
	int standard = level && strcmp(level, "standard") == 0;
	if (demo_yj_in_custody(yc, day))
		return demo_rng_range(r, 21, 30);
	/* No intervention runs, nor starts within a fortnight (an
	 * outcome without one, or between orders): a check-in about every
	 * month, not weekly supervision (session 28: a community resolution
	 * with no intervention had weekly visits). */
	if (!demo_yj_running(yc, NULL, day) &&
	    !demo_yj_running(yc, NULL, day + 14))
		return demo_rng_range(r, 21, 30);
	if (yc->prevention)
		return standard ? demo_rng_range(r, 10, 16)
		                : demo_rng_range(r, 6, 10);
	if (level && strcmp(level, "intensive") == 0)
		return demo_rng_range(r, 3, 5);
	return standard ? demo_rng_range(r, 10, 14) : demo_rng_range(r, 6, 8);
}

/* The days from a contact on day to the next on a case of another
 * service than youth justice, open or closed, as often as its work asks
 * (session 28: open cases unvisited for a year, closed ones with a
 * contact or two over a long life): a child protection plan's visits at
 * least every ten working days, a family group conference's preparation
 * about weekly, a return home from care every week or two, early help and
 * parenting work about fortnightly, a Family Hub's every two to four
 * weeks, a child in need plan's about every three. One draw. */
static int64_t
service_gap(struct demo_rng *r, int t, const char *reason)
{
	if (reason && strncmp(reason, "Child protection", 16) == 0)
		return demo_rng_range(r, 7, 12);
	switch (t) {
	case DEMO_TEAM_FGC:
		return demo_rng_range(r, 6, 14);
	case DEMO_TEAM_REUNIFICATION:
		return demo_rng_range(r, 7, 14);
	case DEMO_TEAM_EH_EAST:
	case DEMO_TEAM_EH_WEST:
	case DEMO_TEAM_PARENTING:
		return demo_rng_range(r, 10, 21);
	default: /* a Family Hub, a child in need */
		return demo_rng_range(r, 14, 28);
	}
}

/* The case's contacts from day first to last; a youth justice case's
 * (yc, else NULL) keep to its custody: a contact while the child is held
 * is a visit to the secure establishment, and a home visit follows each
 * release (docs/demo.md). An open youth justice case has them regularly
 * to the day before the reference date (regular_gap), bar the odd child
 * who stopped coming some weeks ago: their contacts since did not happen
 * (session 27: children on orders unseen for months); a closed one over
 * its life as it was then. Any other service's case (team t, opened for
 * reason) as often as its work asks over its life (service_gap). The
 * words fit the child's age on the day. */
static int
add_contacts(struct gen *g, const struct family *f, int64_t case_id,
             int64_t worker, int64_t joint_worker, int64_t first, int64_t last,
             int t, const char *reason, int closed,
             const struct demo_yj_case *yc)
{
	struct demo_rng *r = &g->rng;
	int yj = t <= DEMO_TEAM_YJS_PREVENTION;
	int64_t away = yj && yc && !closed && demo_rng_pct(r, DEMO_UNSEEN_PCT)
	                   ? last - demo_rng_range(r, 28, 70)
	                   : INT64_MAX;
	int64_t day = first;
	int seen_last = 1;
	/* A Parenting Team case is about the parent: its contacts are the
	 * parent's own support, with the parent, the child not there. */
	int parent = t == DEMO_TEAM_PARENTING;
	/* A closed youth justice case ends with its closing visit. */
	int closing = yj && yc && closed;
	for (int i = 0; day <= last - closing; i++) {
		/* The check-ins after the work ended are monthly up to the
		 * closing visit too. */
		if (closing && i > 0 && day > last - 14 &&
		    !demo_yj_running(yc, NULL, day))
			break;
		const struct demo_contact_kind *k =
		    demo_contact_kind_home_visit();
		int joint = 0;
		char summary[240], when[6], date[11];
		const char *outcome = "attended";
		int age = demo_age_on(f->child.born, day);
		if (i == 0 && yj) {
			/* The initial home visit, joint with the parent
			 * worker. */
			joint = joint_worker != 0;
			snprintf(
			    summary, sizeof(summary),
			    "Initial home visit with %s and %s. Explained "
			    "the intervention, agreed appointments; parent "
			    "self-assessment started.",
			    f->child.p.given_name, f->carer_rel);
		} else {
			k = demo_contact_kind_pick(r);
			/* Regular contact is face to face: after a call, or a
			 * visit that did not happen, the worker goes round. */
			if (!seen_last)
				k = demo_contact_kind_home_visit();
			joint = joint_worker && demo_rng_pct(r, 15);
			if (parent)
				demo_parent_contact_summary(
				    r, k, f->carer.p.given_name, summary,
				    sizeof(summary));
			else
				demo_contact_summary(
				    r, k, f->child.p.given_name, age, yj,
				    summary, sizeof(summary));
			outcome = demo_contact_outcome(r);
		}
		/* While the child is held, the worker visits them at the
		 * secure establishment (the draws are as before). */
		const char *held = demo_yj_in_custody(yc, day)
		                       ? demo_yj_secure_place(yc, day)
		                       : NULL;
		static const struct demo_contact_kind visit = {
		    "session",      0,    {{{NULL, NULL}}},
		    NULL,           NULL, {NULL, NULL},
		    {{NULL, NULL}}, NULL};
		if (held) {
			k = &visit;
			if (strcmp(outcome, "cancelled_by_service") != 0)
				outcome = "attended";
			snprintf(summary, sizeof(summary),
			         i == 0 ? "Visited %s at %s with the "
			                  "establishment's case worker: "
			                  "explained the order and agreed the "
			                  "sentence plan."
			                : "Visited %s at %s: reviewed the "
			                  "sentence plan and planning for "
			                  "release.",
			         f->child.p.given_name, held);
		} else if (day >= away)
			outcome =
			    i % 3 ? "did_not_attend" : "cancelled_by_family";
		/* A contact that did not happen says why, and no one from the
		 * family attended it. */
		int happened = strcmp(outcome, "attended") == 0;
		if (!happened)
			snprintf(summary, sizeof(summary), "%s",
			         not_held(outcome, k));
		date_text(day, date);
		/* As the contact form sends it: the date, the time of day
		 * apart, what happened, whether the child was seen. A call or
		 * video call about a child under 4 is with the parent. */
		demo_contact_time(r, when);
		int phone = strcmp(k->type, "phone") == 0;
		int remote = phone || strcmp(k->type, "video") == 0;
		int early = demo_contact_ages(age) == DEMO_AGES_EARLY;
		int phone_parent =
		    (phone && demo_rng_pct(r, 50)) || (remote && early);
		int with_carer =
		    demo_rng_pct(r, 50) || i == 0 || early || parent;
		int child_there = happened && !phone_parent && !parent;
		int seen = child_there && !remote;
		int alone = seen && demo_rng_pct(r, 30) && !early;
		json_t *body = json_pack(
		    "{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:b, s:i, s:s*}",
		    "case_id", (json_int_t)case_id, "contact_date", date,
		    "contact_time", when, "contact_type", k->type, "joint",
		    joint, "summary", summary, "outcome", outcome, "child_seen",
		    seen, "seen_alone", alone, "duration_minutes",
		    happened ? 15 * demo_rng_range(r, 2, 6) : 15, "location",
		    held     ? held
		    : parent ? k->parent_location
		             : demo_contact_location(k, age));
		int64_t id;
		int rc = demo_insert(&g->w, &CONTACTS, body, NULL, worker, &id);
		if (rc)
			return rc;
		g->n.contacts++;
		/* Whom the work is with was met face to face. */
		seen_last = parent ? happened && !remote : seen;
		if (child_there && (rc = add_attendee(g, id, f->child.id, 0)))
			return rc;
		if (happened && with_carer &&
		    (rc = add_attendee(g, id, f->carer.id, 0)))
			return rc;
		if ((rc = add_attendee(g, id, 0, worker)))
			return rc;
		if (joint && (rc = add_attendee(g, id, 0, joint_worker)))
			return rc;
		day = demo_working_day(day + (yj && yc
		                                  ? regular_gap(r, yc, day)
		                                  : service_gap(r, t, reason)));
	}
	int rc =
	    closing ? add_closing_visit(g, f, case_id, worker, yc, last) : 0;
	return rc ? rc
	          : add_release_visits(g, f, case_id, worker, yc, first, last);
}

/* The case's tasks, due on working days; a youth justice case's (yc,
 * else NULL) tied to an order only while it runs. An open case's are due
 * around the reference date (not before the case opened), some done, some
 * still open; a closed case's (it ended on day `end`, 0: open) were due
 * in its last weeks and done by the day it closed (session 29: tasks on
 * cases closed years before were due, and done, around today). */
static int
add_tasks(struct gen *g, int64_t case_id, int64_t owner, int t,
          int64_t child_born, int64_t start, int64_t end,
          const struct demo_yj_case *yc)
{
	int64_t team = g->teams[t].id;
	struct demo_rng *r = &g->rng;
	int closed = end != 0;
	int n = closed ? demo_rng_range(r, 0, 1) : demo_rng_range(r, 0, 3);
	for (int i = 0; i < n; i++) {
		char due[11], done[32];
		int64_t d;
		if (closed)
			d = demo_working_day_before(end -
			                            demo_rng_range(r, 0, 40));
		else {
			int64_t lo =
			    start - g->ref > -40 ? start - g->ref : -40;
			d = demo_working_day(g->ref +
			                     demo_rng_range(r, (int)lo, 40));
		}
		if (d < start)
			d = demo_working_day(start);
		date_text(d, due);
		/* The child's whole years on the due date. */
		int age = demo_age_on(child_born, d);
		/* Past due: done, or still open and overdue; on a closed case
		 * done by the day it closed. */
		const char *done_at = NULL;
		if (closed || (d < g->ref && demo_rng_pct(r, 55))) {
			char on[11];
			int64_t at = d - demo_rng_range(r, 0, 3);
			at = at < start ? start : at;
			date_text(closed && at > end ? end : at, on);
			snprintf(done, sizeof(done), "%sT16:00:00Z", on);
			done_at = done;
		}
		json_t *body = json_pack(
		    "{s:I, s:s, s:s, s:o, s:I}", "case_id", (json_int_t)case_id,
		    "title",
		    demo_task_title(
		        r, DEMO_TEAMS[t].service, age,
		        (demo_yj_running(yc, NULL, d) ? DEMO_RUNS_INTERVENTION
		                                      : 0) |
		            (demo_yj_running(yc, "referral_order", d)
		                 ? DEMO_RUNS_REFERRAL_ORDER
		                 : 0)),
		    "due_date", due, "owner_id", demo_id(owner), "team_id",
		    (json_int_t)team);
		int64_t id;
		int rc = demo_insert(&g->w, &TASKS, body, NULL, owner, &id);
		/* Done as the product marks a task done. */
		if (rc == 0 && done_at)
			rc = store_tasks_mark_done(g->db, id, done_at, g->e);
		if (rc)
			return rc;
		g->n.tasks++;
	}
	return 0;
}

/* An ethnic minority background: an ethnic group other than White (the
 * registry's high-level groups), not a "not given" answer. */
static int
minority(const char *ethnicity)
{
	const struct vocab_term *t = vocab_term(&VOCAB_ETHNICITY, ethnicity);
	return t && t->group &&
	       (strcmp(t->group, "asian") == 0 ||
	        strcmp(t->group, "black") == 0 ||
	        strcmp(t->group, "mixed") == 0 ||
	        strcmp(t->group, "other") == 0);
}

/* Keep an early help family for Steps to Change. */
static int
keep_steps_family(struct gen *g, const struct family *f, int64_t worker,
                  int64_t start, int always)
{
	struct demo_steps_family *more = demo_grow(
	    g->steps, &g->steps_cap, g->n_steps, sizeof(*more), 1024, g->e);
	if (!more)
		return SPIRE_ENOMEM;
	g->steps = more;
	g->steps[g->n_steps++] =
	    (struct demo_steps_family){f->id, worker, start, always};
	return 0;
}

/* f's child's youth justice case in team t, as yj.c takes it: case id
 * (0: not written yet), opened on day start held by worker; yc gives
 * what the case was opened for and when it ended (the rest of it is
 * filled in here). */
static struct demo_yj_case
yj_case_of(const struct gen *g, const struct family *f, int64_t id, int t,
           int64_t worker, int64_t start, const struct demo_yj_case *yc)
{
	int64_t dob = 0;
	if (date_parse(f->child.dob, &dob) != 0)
		dob = 0;
	return (struct demo_yj_case){
	    .id = id,
	    .child_index = g->child_index,
	    .person_id = f->child.id,
	    .team_id = g->teams[t].id,
	    .worker_id = worker,
	    .prevention = t == DEMO_TEAM_YJS_PREVENTION,
	    .date_of_birth = dob,
	    .start_date = start,
	    .carer_id = f->carer.id,
	    .carer_language = f->carer.p.first_language,
	    .carer_sex = f->carer.p.sex,
	    .minority = minority(f->carer.p.ethnicity) ||
	                minority(f->child.p.ethnicity),
	    .first_outcome = yc->first_outcome,
	    .first_days = yc->first_days,
	    .first_supported = yc->first_supported,
	    .end_date = yc->end_date,
	    .child_sex = f->child.p.sex,
	};
}

/* Keep a youth justice case for yj.c and add the child's history
 * (yj_case_of); *kept the case kept, valid until the next. */
static int
keep_yj_case(struct gen *g, const struct family *f, int64_t id, int t,
             int64_t worker, int64_t start, const struct demo_yj_case *yc,
             const struct demo_yj_case **kept)
{
	struct demo_yj_case *more = demo_grow(
	    g->yj_cases, &g->yj_cap, g->n_yj_cases, sizeof(*more), 1024, g->e);
	if (!more)
		return SPIRE_ENOMEM;
	g->yj_cases = more;
	g->yj_cases[g->n_yj_cases++] =
	    yj_case_of(g, f, id, t, worker, start, yc);
	/* Its history now, from the child's own youth justice sequence:
	 * the case's contacts and tasks keep to its custody and orders. */
	struct demo_yj_case *c = &g->yj_cases[g->n_yj_cases - 1];
	*kept = c;
	return demo_yj_case_load(&g->w, g->seed, c, &g->yj);
}

/* One case in team t, with its casework: about the family's child, or
 * about the person `about` when it is not 0 (a parenting case is about
 * the parent it supports, never the child). */
static int
add_case_about(struct gen *g, const struct family *f, int t, int64_t worker,
               int64_t start, int64_t about)
{
	struct demo_rng *r = &g->rng;
	const struct team_state *ts = &g->teams[t];
	if (start > g->ref - 7)
		start = g->ref - 7;
	/* Not before the child was born (a baby born this week). */
	if (start < f->child.born)
		start = f->child.born;
	/* A youth justice case opened before the last year and a half has
	 * closed: the service's earlier children. */
	int old = t <= DEMO_TEAM_YJS_SOUTH && start < g->ref - OPEN_CASE_DAYS;
	/* A family group conference is short work: the conference within
	 * weeks, its review a few months on (session 28). */
	int fgc = t == DEMO_TEAM_FGC && start < g->ref - FGC_CASE_DAYS;
	/* The demo parent's family's cases stay open: its pages show them. */
	int closed = (demo_rng_pct(r, 15) || old || fgc) && g->child_index != 0;
	/* An earlier youth justice child's case ran a year or two: long
	 * enough for their history to hold a reoffence or two. */
	int64_t end = !closed ? 0
	              : old   ? start + demo_rng_range(r, 365, 900)
	              : fgc   ? start + demo_rng_range(r, 42, FGC_CASE_DAYS)
	                      : start + demo_rng_range(r, 60, 365);
	if (closed && end >= g->ref)
		end = g->ref - 1;
	if (closed && end < start)
		end = start;
	const char *reason =
	    demo_case_reason(r, t, demo_age_on(f->child.born, start));
	/* A youth justice case opened for an outcome starts with it (yj.c
	 * gives it on the case's first day); one opened for an order runs
	 * while the order does: still open, the order has not reached its
	 * planned end; closed, it closed when the order was completed. A
	 * prevention team's case holds what its reason names, a bail
	 * supervision case ends in a court's outcome (session 28). */
	int lo = 0, hi = 0;
	const char *first = t <= DEMO_TEAM_YJS_PREVENTION
	                        ? demo_case_reason_outcome(reason, &lo, &hi)
	                        : NULL;
	if (!first && t <= DEMO_TEAM_YJS_SOUTH)
		first = demo_case_bail_outcome(r, reason);
	/* A detention and training order is for children of 12 to 17 at
	 * sentence (Sentencing Act 2020, s. 233), and under 15 only for a
	 * persistent offender: a case opened for one is the child's first
	 * (yj.c), so a child under 15's case is opened for a youth
	 * rehabilitation order instead (a month's margin, as the start may
	 * move below; docs/demo.md). */
	if (first && strcmp(first, "detention_training_order") == 0 &&
	    start < demo_birthday(f->child.born, 15) + 30) {
		reason = "Youth Rehabilitation Order";
		first = demo_case_reason_outcome(reason, &lo, &hi);
	}
	int64_t order_days = lo ? 30 * (int64_t)demo_rng_range(r, lo, hi) : 0;
	if (order_days && closed) {
		end = start + order_days;
		closed = end < g->ref;
	}
	if (order_days && !closed && start <= g->ref - order_days)
		start = g->ref - 14 - (g->ref - start) % (order_days - 28);
	/* What the case holds: a community resolution it is opened for
	 * comes with its support (an enhanced one, or the police's with
	 * voluntary support), so a case opened for one has an intervention
	 * (session 28: one with "no intervention" was visited weekly). */
	struct demo_yj_case yc = {
	    .first_outcome = first,
	    .first_days = order_days,
	    .first_supported =
	        first && strcmp(first, "community_resolution") == 0,
	    .end_date = closed ? end : 0};
	/* A youth justice case closes a few weeks after its last
	 * intervention ends, unless something new runs or a court date is
	 * pending (session 28: a caution that ended fifteen months before
	 * on a case still open): its history, drawn first, says when. The
	 * demo parent's family's case stays open. */
	int wound_up = 0;
	if (t <= DEMO_TEAM_YJS_PREVENTION && g->child_index != 0) {
		struct demo_yj_case plan =
		    yj_case_of(g, f, 0, t, worker, start, &yc);
		int64_t closes = demo_yj_case_closes(g->seed, &plan);
		if (closes) {
			closed = wound_up = 1;
			end = yc.end_date = closes;
		}
	}
	const char *closure = !closed      ? NULL
	                      : order_days ? "Order completed"
	                      : wound_up   ? "Intervention completed"
	                                   : demo_case_closure(r);
	char sdate[11], edate[11];
	date_text(start, sdate);
	date_text(end, edate);
	json_t *body =
	    json_pack("{s:I, s:I, s:o, s:I, s:s, s:s*, s:s}", "person_id",
	              (json_int_t)(about ? about : f->child.id), "team_id",
	              (json_int_t)ts->id, "worker_id", demo_id(worker),
	              "family_id", (json_int_t)f->id, "start_date", sdate,
	              "end_date", closed ? edate : NULL, "reason", reason);
	int64_t id;
	int rc = demo_insert(
	    &g->w, &CASES, body,
	    json_pack("{s:I}", "service_id", (json_int_t)ts->service_id),
	    worker, &id);
	/* Closed as a practitioner closes a case: the open case goes to
	 * history, the closure reason is the close's. */
	if (rc == 0 && closed)
		rc = demo_close(&g->w, &CASES, id, closure, worker);
	if (rc)
		return rc;
	g->n.cases++;
	g->case_end = closed ? end : 0;
	g->case_start = start;
	const struct demo_yj_case *kept = NULL;
	if (strcmp(DEMO_TEAMS[t].service, "youth_justice") == 0 &&
	    (rc = keep_yj_case(g, f, id, t, worker, start, &yc, &kept)) != 0)
		return rc;
	if (strcmp(DEMO_TEAMS[t].service, "early_help") == 0 && !closed &&
	    (rc = keep_steps_family(g, f, worker, start, 0)) != 0)
		return rc;
	int64_t joint = ts->joint;
	if (!joint && ts->n_workers > 1)
		joint =
		    ts->workers[0] != worker ? ts->workers[0] : ts->workers[1];
	rc = add_contacts(g, f, id, worker, joint, start,
	                  closed ? end : g->ref - 1, t, reason, closed, kept);
	if (rc == 0)
		rc = add_tasks(g, id, worker, t, f->child.born, start,
		               closed ? end : 0, kept);
	return rc;
}

/* The youngest a demo child gives their own consent to share (younger:
 * the parent or carer gives it; docs/demo.md). */
#define DEMO_CONSENT_OWN_AGE 13

/* The consents given for f's child's case in team t, which opened on day
 * start and ended on day end (0: open): in its first fortnight (session
 * 29: consents given months before their case opened). */
static int
add_consents(struct gen *g, const struct family *f, int t, int64_t start,
             int64_t end)
{
	struct demo_rng *r = &g->rng;
	int n = demo_rng_range(r, 1, 2);
	for (int i = 0; i < n; i++) {
		char on[11];
		int64_t d = start + demo_rng_range(r, 0, 14);
		if (end && d > end)
			d = end;
		date_text(d < g->ref ? d : g->ref, on);
		/* What is shared with whom fits the child's age and case
		 * (demo_consent_pick; docs/demo.md): the Probation Service only
		 * at the move to adult services, the police only in youth
		 * justice or over a safeguarding concern, whose lawful basis
		 * is the service's public task. */
		int age = demo_age_on(f->child.born, d < g->ref ? d : g->ref);
		struct demo_consent_use use =
		    demo_consent_pick(r, DEMO_TEAMS[t].service, age);
		const char *basis = demo_consent_lawful_basis(r);
		if (demo_consent_safeguarding(use.purpose))
			basis = "public_task";
		int withdrawn = demo_rng_pct(r, 5);
		int by_carer = demo_rng_pct(r, 60);
		/* A child under DEMO_CONSENT_OWN_AGE does not give their own
		 * consent: a parent or carer with parental responsibility
		 * does (docs/demo.md). */
		if (age < DEMO_CONSENT_OWN_AGE)
			by_carer = 1;
		/* The full name: a mother and her daughter may share a
		 * given name. */
		const struct demo_person *who = !by_carer ? &f->child.p
		                                : f->pr_adult >= 0
		                                    ? &f->adults[f->pr_adult].p
		                                    : &f->carer.p;
		char given_by[160];
		snprintf(given_by, sizeof(given_by), "%s %s", who->given_name,
		         who->family_name);
		json_t *body =
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "person_id",
		              (json_int_t)f->child.id, "agency", use.agency,
		              "purpose", use.purpose, "lawful_basis", basis,
		              "given_by", given_by, "given_on", on);
		int64_t id;
		int rc =
		    demo_insert(&g->w, &CONSENTS, body, NULL, f->worker, &id);
		/* Withdrawn as a practitioner withdraws a consent. */
		if (rc == 0 && withdrawn)
			rc = demo_close(&g->w, &CONSENTS, id,
			                "The family withdrew consent",
			                f->worker);
		if (rc)
			return rc;
		g->n.consents++;
	}
	return 0;
}

/* A family working with two services: its key worker and its plan. */
static int
add_family_plan(struct gen *g, const struct family *f, int t, int64_t w,
                int extra, int64_t start)
{
	struct demo_plan_family pf = {
	    .family_id = f->id,
	    .team_id = g->teams[t].id,
	    .worker = f->worker,
	    .other_worker = w,
	    .carer_id = f->carer.id,
	    .other_service = DEMO_TEAMS[extra].service,
	    .start = start,
	    .ref = g->ref,
	    .child_sex = f->child.p.sex,
	    .carer_sex = f->carer.p.sex,
	    .carer_word = f->carer_rel,
	};
	/* What the plan's words may speak of: school only when a child of
	 * the family is of school age, "the children" only when there are
	 * two or more, evenings out only for an older child (session 28:
	 * school in a family whose only child was a baby). */
	int ages[4] = {demo_age_on(f->child.born, start)}, n_ages = 1;
	for (int i = 0; i < f->n_siblings; i++)
		ages[n_ages++] = demo_age_on(f->siblings[i].born, start);
	for (int i = 0; i < n_ages; i++) {
		pf.school |= ages[i] >= 4 && ages[i] < 18;
		pf.children += ages[i] >= 0 && ages[i] < 18;
	}
	pf.older = ages[0] >= 10;
	struct demo_plan_counts n = {0};
	int rc = demo_family_plan_add(&g->w, g->seed, &pf, &n);
	g->n.family_plans += n.plans;
	g->n.plan_actions += n.actions;
	g->n.plan_reviews += n.reviews;
	g->n.key_workers += n.key_workers;
	g->n.plan_consents += n.consents;
	/* A consent to share the plan is a consent like the others: the
	 * person's consents list it, so the printed total counts it. */
	g->n.consents += n.consents;
	return rc;
}

/* One child, their family and their involvement with the services. */
static int
add_child_bundle(struct gen *g, int64_t index)
{
	struct demo_rng *r = &g->rng;
	/* Each child draws from a sequence of their own. */
	demo_rng_child(r, g->seed, DEMO_STREAM_CHILD, index);
	g->child_index = index;
	struct family f;
	/* The first child is in demo.officer's caseload in YJS North. */
	int t = index == 0 ? DEMO_TEAM_YJS_NORTH : demo_team_pick(r);
	int rc = make_family(g, &f, t);
	if (rc)
		return rc;
	if (index == 0) {
		f.worker = g->teams[DEMO_TEAM_YJS_NORTH].workers[0];
		g->parent_person = f.carer.id;
		snprintf(g->parent_name, sizeof(g->parent_name), "%s %s",
		         f.carer.p.given_name, f.carer.p.family_name);
	}
	/* A youth justice team's cases go back three years (the older ones
	 * closed, add_case_about), so that its measures have years behind
	 * them; every other team's a year and a half. */
	int64_t start = g->ref - demo_rng_range(r, 14,
	                                        t <= DEMO_TEAM_YJS_SOUTH
	                                            ? (int)YJ_CASE_YEARS * 365
	                                            : OPEN_CASE_DAYS);
	/* Long enough ago for the demo parent's family to have a history,
	 * and its case still open. */
	if (index == 0 && start > g->ref - 200)
		start = g->ref - 200;
	if (index == 0 && start < g->ref - OPEN_CASE_DAYS)
		start = g->ref - OPEN_CASE_DAYS;
	/* A baby's case opens when they are born (after a pre-birth
	 * referral), never before. */
	if (start < f.child.born)
		start = f.child.born;
	/* A youth justice case never before the child is 10, the age of
	 * criminal responsibility (Children and Young Persons Act 1933,
	 * s. 50), and late enough that the offences it opens for (up to four
	 * months before, yj.c) were after it too; spread over a few months
	 * so that the cases do not all open on one day of the child's life.
	 * demo_case_age makes such a child 11 or more, so this is in the
	 * past. */
	if (t <= DEMO_TEAM_YJS_PREVENTION) {
		int64_t first = demo_birthday(f.child.born, 10) +
		                YJ_OFFENCE_DAYS + demo_rng_below(r, 120);
		if (start < first)
			start = first;
	}
	/* A family in the Parenting Team: the case is the parent's. */
	if ((rc = add_case_about(g, &f, t, f.worker, start,
	                         t == DEMO_TEAM_PARENTING ? f.carer.id : 0)))
		return rc;
	/* The case's own days: add_case_about may move its start. */
	int64_t opened = g->case_start, ended = g->case_end;
	/* Whole-family work: some youth justice children also have a
	 * parenting or family group conference case. */
	int extra = -1;
	if (t <= DEMO_TEAM_YJS_PREVENTION && demo_rng_pct(r, 12))
		extra = DEMO_TEAM_PARENTING;
	else if (t >= DEMO_TEAM_EH_EAST && t != DEMO_TEAM_FGC &&
	         demo_rng_pct(r, 5))
		extra = DEMO_TEAM_FGC;
	/* The demo parent account's family (the first) has parent support,
	 * a family plan and Steps to Change scores to show on its page. */
	if (index == 0)
		extra = DEMO_TEAM_PARENTING;
	/* Only while the family's first case is open: a plan reviewed to
	 * today for a family no one works with any more reads as stale
	 * (session 28: a plan's actions sixteen months old). */
	if (extra >= 0 && !g->case_end) {
		const struct team_state *xs = &g->teams[extra];
		int64_t w =
		    xs->workers[demo_rng_below(r, (uint32_t)xs->n_workers)];
		int64_t xstart = opened + demo_rng_range(r, 7, 60);
		rc = add_case_about(g, &f, extra, w, xstart,
		                    extra == DEMO_TEAM_PARENTING ? f.carer.id
		                                                 : 0);
		if (rc == 0)
			rc = add_family_plan(g, &f, t, w, extra, xstart);
		if (rc == 0 && index == 0)
			rc = keep_steps_family(g, &f, w, xstart, 1);
		if (rc)
			return rc;
	}
	return add_consents(g, &f, t, opened, ended);
}

static int
add_parent_account(struct gen *g)
{
	if (!g->parent_person)
		return 0;
	struct user_new u = {
	    DEMO_PARENT_USERNAME, g->parent_name, "parent", g->hash, 0,
	    g->parent_person};
	int64_t id;
	int rc = store_users_insert(g->db, &u, g->at, &id, g->e);
	g->n.users += rc == 0;
	return rc;
}

/* Demo data only goes into a store without people. */
static int
refuse_people(struct db *db, struct err *e)
{
	int64_t people = 0;
	int rc = store_people_count(db, &people, e);
	if (rc == 0 && people > 0)
		rc = err_set(e, SPIRE_ECONFLICT, "db",
		             "the database already holds %lld people; demo "
		             "data only goes into an empty database",
		             (long long)people);
	return rc;
}

/* The parents' support (parenting.c), after the youth justice
 * histories: each youth justice team's parent worker supports its
 * children's parents, in the parenting team. */
static int
add_parents(struct gen *g)
{
	static const int YJ_TEAMS[] = {DEMO_TEAM_YJS_NORTH, DEMO_TEAM_YJS_SOUTH,
	                               DEMO_TEAM_YJS_PREVENTION};
	struct demo_parent_team teams[3];
	for (size_t i = 0; i < 3; i++)
		teams[i] = (struct demo_parent_team){
		    g->teams[YJ_TEAMS[i]].id, g->teams[YJ_TEAMS[i]].joint};
	const struct team_state *pt = &g->teams[DEMO_TEAM_PARENTING];
	struct demo_parenting_counts n = {0};
	int rc = demo_parenting_load(
	    &g->w, g->seed, g->teams[DEMO_TEAM_YJS_NORTH].service_id, pt->id,
	    pt->workers, (size_t)pt->n_workers, teams, 3, g->forms, &n);
	g->n.parent_supports = n.supports;
	g->n.parent_sessions = n.sessions;
	g->n.parent_plan_items = n.plan_items;
	g->n.cases += n.cases;
	g->n.contacts += n.contacts;
	return rc;
}

static int
run(struct db *db, void *arg, struct err *e)
{
	struct gen *g = arg;
	g->db = db;
	g->e = e;
	g->w = (struct demo_write){db, e, g->at};
	g->n_yj_cases = 0;
	memset(&g->yj, 0, sizeof(g->yj));
	int rc = refuse_people(db, e);
	if (rc == 0)
		rc = db_bulk_mode(db, e);
	/* The measures summary is rebuilt once at the end, not by trigger
	 * for every row, in this same transaction. */
	if (rc == 0)
		rc = store_measures_bulk_begin(db, e);
	if (rc == 0)
		rc = setup_org(g);
	for (int64_t i = 0; rc == 0 && i < g->children; i++)
		rc = add_child_bundle(g, i);
	if (rc == 0)
		rc = add_parent_account(g);
	if (rc == 0) {
		struct demo_yj_counts yj = g->yj;
		rc = demo_yj_board_load(&g->w, g->seed, &yj);
		g->n.offences = yj.offences;
		g->n.outcomes = yj.outcomes;
		g->n.assessments = yj.assessments;
		g->n.kpi_snapshots = yj.kpi;
		g->n.victims = yj.victims;
		g->n.board_meetings = yj.meetings;
	}
	/* The parents' support first: the peer support data's referrals are
	 * made from the parent support cases it opens. */
	if (rc == 0)
		rc = add_parents(g);
	if (rc == 0) {
		const struct team_state *pt = &g->teams[DEMO_TEAM_PARENTING];
		struct demo_peer_team team = {
		    pt->id,
		    pt->service_id,
		    g->teams[DEMO_TEAM_YJS_NORTH].id,
		    pt->workers,
		    (size_t)pt->n_workers,
		    g->teams[DEMO_TEAM_HUB_FOLESHILL].id};
		struct demo_peer_counts peer = {0};
		rc = demo_peer_load(&g->w, g->seed, &team, g->yj_cases,
		                    g->n_yj_cases, &peer);
		/* The parent support cases its referrals are made from,
		 * each with its support row (agreed): counted with the
		 * others, as the parents' lists count them. */
		g->n.cases += peer.parent_cases;
		g->n.parent_supports += peer.parent_cases;
		g->n.parent_sessions += peer.parent_sessions;
		g->n.contacts += peer.contacts;
	}
	/* The parents are seen at the start, reviews and end of the
	 * interventions (the seed's 100 %), bar the odd miss. */
	if (rc == 0) {
		int64_t seen = 0;
		rc = demo_parenting_seen(
		    &g->w, g->seed, g->teams[DEMO_TEAM_YJS_NORTH].service_id,
		    g->yj_cases, g->n_yj_cases, &seen);
		g->n.contacts += seen;
	}
	if (rc == 0)
		rc = demo_steps_load(&g->w, g->forms, g->seed, g->ref, g->steps,
		                     g->n_steps, &g->n.steps_scorings,
		                     &g->n.steps_decisions);
	if (rc == 0)
		rc = store_measures_bulk_end(db, e);
	return rc;
}

int
demo_load(struct ctx *ctx, const struct demo_options *o,
          struct demo_counts *counts, struct err *e)
{
	if (o->children < 1 || o->children > DEMO_MAX_CHILDREN)
		return err_set(e, SPIRE_EINVAL, "children",
		               "children must be from 1 to %d",
		               DEMO_MAX_CHILDREN);
	const char *pw = o->password ? o->password : DEMO_PASSWORD;
	int rc = auth_password_policy(NULL, pw, e);
	if (rc)
		return rc;
	if ((rc = refuse_people(ctx_db(ctx), e)) != 0)
		return rc;
	/* One hash for every demo account: they share the password. */
	char hash[AUTH_HASH_MAX];
	if ((rc = auth_password_hash(pw, ctx->srv->cfg.password_cost, hash, e)))
		return rc;
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	/* Every demo date is relative to the day the demo is loaded (or the
	 * day the caller gives), so that what is overdue is plausible. */
	int64_t today = o->today;
	if (today <= 0) {
		char uk[CLOCK_ISO_LEN];
		clock_today(uk);
		if (date_parse(uk, &today) != 0)
			return err_set(e, SPIRE_EINVAL, "today",
			               "Spire could not tell today's date");
	}
	demo_set_ref_day(today);
	struct gen g;
	memset(&g, 0, sizeof(g));
	g.rng.s = o->seed;
	g.seed = o->seed;
	g.at = at;
	g.hash = hash;
	g.children = o->children;
	g.ref = demo_ref_day();
	g.forms = ctx->srv ? &ctx->srv->forms : NULL;
	g.nhs_offset = demo_rng_next(&g.rng) % 100000000ull;
	struct audit_entry *a = ctx_audit(ctx, "demo_load", NULL, 0, 0);
	if (!a)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	char day[DATE_TEXT_LEN];
	date_text(today, day);
	a->detail = arena_printf(ctx->arena, "seed=%llu children=%lld today=%s",
	                         (unsigned long long)o->seed,
	                         (long long)o->children, day);
	rc = ctx_commit(ctx, run, &g, e);
	sodium_memzero(hash, sizeof(hash));
	free(g.yj_cases);
	free(g.steps);
	if (rc == 0 && counts)
		*counts = g.n;
	return rc;
}

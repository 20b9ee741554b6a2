/*
 * yj.c - youth justice histories for the demo's children. Children
 * of the prevention team get one prevention or diversion intervention;
 * the others a run of episodes (offences, an outcome that escalates with
 * each episode, and for interventions the assessments, reviews and KPI
 * snapshots a practitioner records, mostly on time). About half reoffend
 * at some point, a few reach custody. Not for test fixtures.
 */
#include "demo/yj.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/dates.h"
#include "demo/rng.h"
#include "service/yj/yj_assessments.h"
#include "service/yj/yj_board.h"
#include "service/yj/yj_court.h"
#include "service/yj/yj_due.h"
#include "service/yj/yj_kpi.h"
#include "service/yj/yj_offences.h"
#include "service/yj/yj_outcomes.h"
#include "service/yj/yj_victims.h"
#include "store/forms/pd.h"
#include "store/yj/yj_board.h"
#include "store/yj/yj_outcomes.h"

#define YEAR ((int64_t)365)
/* The demo authority's youth court: its addresses are Coventry's
 * (names.c), so its children's hearings are heard there. */
#define YOUTH_COURT "Coventry Youth Court"

struct yj_gen {
	const struct demo_write *w;
	struct db *db;
	struct err *e;
	struct demo_rng rng;
	const char *at;
	int64_t ref;
	struct demo_yj_counts n;
	struct demo_yj_case *c;
	int64_t case_end; /* the day the child's case closed, 0: open */
	/* The child's interventions so far: each one's type (NULL: one
	 * that nothing may overlap, the order a case was opened for) and
	 * the last day it runs (its end, or its planned end). */
	struct {
		const char *type;
		int64_t until;
	} running[32];
	int n_running;
	int64_t tenth;      /* the child's 10th birthday */
	int64_t twelfth;    /* 12th (on or after it) */
	int64_t fifteenth;  /* 15th */
	int64_t eighteenth; /* and 18th */
	/* The days of the child's outcomes so far, bar remands (which
	 * dispose of nothing): whether custody is the last resort. */
	int64_t given[40];
	int n_given;
	int64_t free_at; /* the day the child last left custody, 0: never */
	int supported; /* the outcome being given comes with an intervention */
	/* Drawing the history without writing it (demo_yj_case_closes):
	 * every draw as when it is written, no row. */
	int dry;
	/* The last day of the child's work so far: an outcome given, an
	 * intervention's end (or planned end), a release; and whether
	 * something is still to come on the reference date (an
	 * intervention running or about to start, a sentence after a
	 * remand, offences awaiting the court). */
	int64_t last_day;
	int pending;
};

/* Insert a record of the child's history, as demo_insert does; nothing
 * (bodies freed, *id 0) when drawing it dry. */
static int
put(struct yj_gen *g, const struct resource *res, json_t *body, json_t *server,
    int64_t user_id, int64_t *id)
{
	if (!g->dry)
		return demo_insert(g->w, res, body, server, user_id, id);
	json_decref(body);
	json_decref(server);
	if (id)
		*id = 0;
	return 0;
}

/* Keep day as the last of the child's work when it is later. */
static void
worked_on(struct yj_gen *g, int64_t day)
{
	if (day > g->last_day)
		g->last_day = day;
}

/* g's child's outcomes before day `on` and, of them, those in the year
 * before it. */
static int
given_before(const struct yj_gen *g, int64_t on, int *in_year)
{
	int n = 0;
	*in_year = 0;
	for (int i = 0; i < g->n_given; i++)
		if (g->given[i] < on) {
			n++;
			*in_year += g->given[i] >= on - 365;
		}
	return n;
}

/*
 * type as a court may give it to g's child on day `on` for offences
 * whose gravest has gravity `gravity` (docs/demo.md): custody (a
 * detention and training order, long-term detention) and a remand to
 * youth detention accommodation are for children of 12 to 17 (Sentencing
 * Act 2020, s. 233; LASPO 2012, s. 98), under 15 only for a persistent
 * offender (three outcomes in the year before: the Sentencing Council's
 * guideline for children, 6.5); custody is the last resort, for a grave
 * offence (gravity 5 or more) or a serious one (4) after three earlier
 * outcomes; long-term detention only for a grave crime (6 or more).
 * Otherwise the court gives a youth rehabilitation order, or remands to
 * local authority accommodation. No draw.
 */
static const char *
fit_type(const struct yj_gen *g, const char *type, int64_t on, int gravity)
{
	int remand = strcmp(type, "remand_youth_detention") == 0;
	if (!remand && strcmp(type, "detention_training_order") != 0 &&
	    strcmp(type, "custodial_sentence") != 0)
		return type;
	int in_year = 0, before = given_before(g, on, &in_year);
	int ok = on >= g->twelfth && (on >= g->fifteenth || in_year >= 3) &&
	         (gravity >= 5 || (gravity >= 4 && before >= 3)) &&
	         (strcmp(type, "custodial_sentence") != 0 || gravity >= 6);
	if (ok)
		return type;
	return remand ? "remand_local_authority" : "youth_rehabilitation_order";
}

struct offence_kind {
	const char *category, *description;
	int gravity_lo, gravity_hi, victim_pct;
};

static const struct offence_kind OFFENCES[] = {
    {"theft", "Theft from a shop", 1, 3, 20},
    {"theft", "Theft of a pedal cycle", 2, 3, 60},
    {"violence_against_person", "Common assault", 2, 4, 80},
    {"violence_against_person", "Assault occasioning actual bodily harm", 4, 6,
     90},
    {"violence_against_person", "Possession of a bladed article", 4, 6, 0},
    {"robbery", "Robbery of a mobile phone", 5, 7, 90},
    {"drugs", "Possession of cannabis", 1, 3, 0},
    {"drugs", "Possession with intent to supply class A", 5, 7, 0},
    {"criminal_damage", "Criminal damage to a bus shelter", 2, 3, 30},
    {"motoring", "Driving without insurance", 2, 4, 0},
    {"public_order", "Using threatening behaviour", 2, 3, 40},
    {"sexual", "Sexual assault", 6, 8, 100},
    {"other", "Going equipped for theft", 2, 4, 0},
};
static const unsigned OFFENCE_WEIGHTS[] = {22, 6, 16, 7, 6, 5, 10,
                                           3,  9, 5,  7, 1, 3};

static const struct demo_weighted FIRST_OUTCOME[] = {
    {"community_resolution", 22},
    {"outcome_22", 8},
    {"youth_caution", 30},
    {"youth_conditional_caution", 22},
    {"referral_order", 14},
    {"youth_rehabilitation_order", 3},
    {"fine", 2},
    {"discharge", 3},
};
static const struct demo_weighted LATER_OUTCOME[] = {
    {"community_resolution", 6},
    {"youth_caution", 8},
    {"youth_conditional_caution", 16},
    {"referral_order", 20},
    {"youth_rehabilitation_order", 22},
    {"reparation_order", 4},
    {"fine", 6},
    {"discharge", 4},
    {"detention_training_order", 5},
    {"remand_youth_detention", 3},
    {"remand_local_authority", 3},
    {"parenting_order", 2},
    {"custodial_sentence", 1},
};
static const struct demo_weighted PREVENTION[] = {
    {"prevention", 45},
    {"diversion", 20},
    {"community_resolution", 25},
    {"outcome_22", 10},
};

static const char *const VICTIM_GIVEN[] = {
    "Alan",  "Priya", "Grace", "Tomasz", "Joy",   "Imran", "Sue",   "Kwame",
    "Helen", "Raj",   "Maria", "Dean",   "Aisha", "Peter", "Chloe", "Sam",
};
static const char *const VICTIM_FAMILY[] = {
    "Barker", "Shah",  "Okafor", "Nowak", "Evans", "Hussain", "Clarke",
    "Mensah", "Walsh", "Patel",  "Lewis", "Byrne", "Ali",     "Turner",
};

static const char *const LEVELS[] = {"low", "medium", "high", "very_high"};

/* ---- small helpers ---- */

static int
pct(struct yj_gen *g, unsigned p)
{
	return demo_rng_pct(&g->rng, p);
}

static int
range(struct yj_gen *g, int lo, int hi)
{
	return demo_rng_range(&g->rng, lo, hi);
}

/* The most days a running intervention's work stays overdue: older work
 * has been done by now, late perhaps (session 27: start KPI data overdue
 * for seventeen months; docs/demo.md). */
#define YJ_OVERDUE_DAYS 56

/* Whether the work due on day `due` on an intervention that ended on day
 * `end` (0: still running) was recorded, p times in a hundred: on a
 * running intervention only recent work is still outstanding. One draw. */
static int
recorded(struct yj_gen *g, unsigned p, int64_t due, int64_t end)
{
	int drawn = pct(g, p);
	return drawn || (!end && due < g->ref - YJ_OVERDUE_DAYS);
}

/* A risk level, weighted towards low for lower gravity. */
static const char *
level(struct yj_gen *g, int serious)
{
	unsigned x = demo_rng_below(&g->rng, 100);
	unsigned hi = serious ? 35u : 12u;
	return x < 45         ? LEVELS[0]
	       : x < 100 - hi ? LEVELS[1]
	       : x < 97       ? LEVELS[2]
	                      : LEVELS[3];
}

static int
is_type(const char *type, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(type, *list) == 0)
			return 1;
	return 0;
}

static const char *const NO_INTERVENTION[] = {"fine", "discharge",
                                              "remand_local_authority", NULL};
static const char *const CUSTODY[] = {"detention_training_order",
                                      "custodial_sentence",
                                      "remand_youth_detention", NULL};

/* Planned length in days of an intervention of type. */
static int
length_of(struct yj_gen *g, const char *type)
{
	if (!strcmp(type, "referral_order"))
		return range(g, 3, 12) * 30;
	if (!strcmp(type, "youth_rehabilitation_order"))
		return range(g, 6, 24) * 30;
	if (!strcmp(type, "detention_training_order"))
		return range(g, 4, 24) * 30;
	if (!strcmp(type, "custodial_sentence"))
		return range(g, 24, 48) * 30;
	if (!strcmp(type, "remand_youth_detention"))
		return range(g, 14, 90);
	if (!strcmp(type, "reparation_order"))
		return 90;
	if (!strcmp(type, "parenting_order"))
		return range(g, 3, 12) * 30;
	return range(g, 60, 120); /* cautions, diversion, prevention */
}

/* ---- the records ---- */

/* The case and child a youth justice record is about, as the services
 * set them (server-owned where the record does not name its case). */
static json_t *
child_of(const struct yj_gen *g)
{
	return json_pack("{s:I, s:I}", "case_id", (json_int_t)g->c->id,
	                 "person_id", (json_int_t)g->c->person_id);
}

/* A prevention and diversion assessment's sections are a form response
 * linked from it, written as the migration writes version 1 of the form
 * (store/forms/pd.h). */
static int
add_pd_sections(struct yj_gen *g, int64_t assessment_id, const char *on,
                const char *childs_plan, const char *exit_plan)
{
	if (g->dry)
		return 0;
	json_t *sections = json_object();
	if (sections && childs_plan)
		json_object_set_new(sections, "childs_plan",
		                    json_string(childs_plan));
	if (sections && exit_plan)
		json_object_set_new(sections, "exit_plan",
		                    json_string(exit_plan));
	json_t *doc = sections ? store_pd_v1_document(sections, on) : NULL;
	json_t *rec =
	    doc ? store_pd_response_rec(g->c->id, g->c->person_id, on, doc)
	        : NULL;
	int64_t response_id;
	int rc = rec ? store_pd_link(g->db, assessment_id, rec, g->at,
	                             g->c->worker_id, &response_id, g->e)
	             : err_set(g->e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(sections);
	json_decref(doc);
	json_decref(rec);
	return rc;
}

/* An offence on day `date` (a breach of an order's requirements when
 * `breach`), of a kind as grave as min_gravity or more (0: any);
 * *gravity (may be NULL) receives its gravity. */
static int
add_offence(struct yj_gen *g, int64_t date, int breach, int min_gravity,
            int64_t *id, int64_t *victim_offence, int *gravity_out)
{
	char d[11], a[11];
	unsigned total = 0;
	for (size_t i = 0; i < DEMO_N_OF(OFFENCE_WEIGHTS); i++)
		total += OFFENCES[i].gravity_hi >= min_gravity
		             ? OFFENCE_WEIGHTS[i]
		             : 0;
	unsigned x = demo_rng_below(&g->rng, total);
	size_t k = 0;
	for (;; k++) {
		if (OFFENCES[k].gravity_hi < min_gravity)
			continue;
		if (x < OFFENCE_WEIGHTS[k])
			break;
		x -= OFFENCE_WEIGHTS[k];
	}
	const struct offence_kind *ok = &OFFENCES[k];
	if (date < g->tenth)
		date = g->tenth;
	date_text(date, d);
	date_text(date + range(g, 0, 2), a);
	int lo = ok->gravity_lo > min_gravity ? ok->gravity_lo : min_gravity;
	int gravity = breach ? 2 : range(g, lo, ok->gravity_hi);
	if (gravity_out)
		*gravity_out = gravity;
	int co_accused = pct(g, 30);
	int weapon = !breach &&
	             strcmp(ok->category, "violence_against_person") == 0 &&
	             pct(g, 25);
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:i, s:b, s:b}", "case_id",
	    (json_int_t)g->c->id, "offence_date", d, "arrest_date", a,
	    "description",
	    breach ? "Breach of the requirements of an order" : ok->description,
	    "category", breach ? "breach" : ok->category, "gravity", gravity,
	    "co_accused", co_accused, "weapon", weapon);
	int rc = put(g, &YJ_OFFENCES, body, child_of(g), g->c->worker_id, id);
	g->n.offences += rc == 0;
	*victim_offence = !breach && pct(g, (unsigned)ok->victim_pct);
	return rc;
}

/* The day of work due on day `date` on the child's case: by the day a
 * closed case closed (session 29: end assessments and KPI data a fortnight
 * after it). No draw. */
static int64_t
within_case(const struct yj_gen *g, int64_t date)
{
	return g->case_end && date > g->case_end ? g->case_end : date;
}

/* The day the victim of an offence committed on day `offence` is
 * contacted, `lag` days after it (drawn by the caller): while the child's
 * case is open, before the reference date (session 29: victims of the
 * offences a case opened for were contacted months before it opened,
 * by a service that did not have the case yet). No draw. */
static int64_t
victim_day(const struct yj_gen *g, int64_t offence, int64_t lag)
{
	int64_t day = offence + lag;
	if (day < g->c->start_date)
		day = g->c->start_date + lag / 2;
	day = within_case(g, day);
	return day < g->ref ? day : g->ref - 1;
}

static int
add_victim(struct yj_gen *g, int64_t offence_id, int64_t outcome_id,
           int64_t date)
{
	struct demo_person p = {0};
	p.given_name = DEMO_PICK(&g->rng, VICTIM_GIVEN);
	p.family_name = DEMO_PICK(&g->rng, VICTIM_FAMILY);
	p.owner_team_id = g->c->team_id;
	p.created_by = g->c->worker_id;
	int64_t victim = 0;
	int rc = g->dry ? 0 : demo_insert_person(g->w, &p, &victim);
	if (rc)
		return rc;
	char d[11];
	date_text(date, d);
	int consent = pct(g, 70);
	int rj = consent && pct(g, 75);
	int asked = consent && pct(g, 60);
	int took_part = rj && pct(g, 45);
	int given = asked && pct(g, 95);
	int support = consent && pct(g, 80);
	json_t *body = json_pack(
	    "{s:I, s:I, s:o, s:b, s:s*, s:b, s:b, s:b, s:b, s:b}", "offence_id",
	    (json_int_t)offence_id, "victim_id", (json_int_t)victim,
	    "outcome_id", demo_id(outcome_id), "consent_to_contact", consent,
	    "contacted_on", consent ? d : NULL, "rj_offered", rj,
	    "rj_taken_part", took_part, "information_requested", asked,
	    "information_given", given, "support_offered", support);
	rc = put(g, &YJ_VICTIMS, body, child_of(g), g->c->worker_id, NULL);
	g->n.victims += rc == 0;
	return rc;
}

/* Keep the level an assessment of c's on day set: the latest sixteen. */
static void
keep_level(struct demo_yj_case *c, int64_t day, const char *level)
{
	int at = c->n_levels;
	if (at == (int)DEMO_N_OF(c->levels)) {
		at = 0;
		for (int i = 1; i < c->n_levels; i++)
			if (c->levels[i].day < c->levels[at].day)
				at = i;
		if (c->levels[at].day > day)
			return;
	} else
		c->n_levels++;
	c->levels[at] = (struct demo_yj_level){day, level};
}

static int
add_assessment(struct yj_gen *g, int64_t outcome_id, const char *type,
               const char *stage, int64_t date, int serious)
{
	date = within_case(g, date);
	if (date > g->ref)
		return 0;
	char d[11];
	date_text(date, d);
	int pd = strcmp(type, "prevention_diversion") == 0;
	const char *reoffending = level(g, serious);
	const char *harm = level(g, serious);
	const char *safety = level(g, serious);
	const char *intervention = serious
	                               ? (pct(g, 50) ? "intensive" : "enhanced")
	                               : (pct(g, 70) ? "standard" : "enhanced");
	json_t *body = json_pack(
	    "{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "case_id",
	    (json_int_t)g->c->id, "outcome_id", demo_id(outcome_id),
	    "assessment_type", type, "stage", stage, "assessment_date", d,
	    "likelihood_of_reoffending", reoffending, "risk_of_serious_harm",
	    harm, "safety_wellbeing", safety, "intervention_level",
	    intervention);
	int64_t id = 0;
	int rc =
	    put(g, &YJ_ASSESSMENTS, body, child_of(g), g->c->worker_id, &id);
	g->n.assessments += rc == 0;
	if (rc == 0)
		keep_level(g->c, date, intervention);
	const char *childs_plan =
	    pd && !strcmp(stage, "start") ? "Join a local sports club" : NULL;
	const char *exit_plan =
	    pd && !strcmp(stage, "end") ? "Youth club and school mentor" : NULL;
	if (rc == 0 && (childs_plan || exit_plan))
		rc = add_pd_sections(g, id, d, childs_plan, exit_plan);
	return rc;
}

/* A KPI snapshot; end ones are a little better than start ones. */
static int
add_kpi(struct yj_gen *g, int64_t outcome_id, const char *point, int64_t date,
        int custody)
{
	date = within_case(g, date);
	if (date > g->ref)
		return 0;
	int end = strcmp(point, "start") != 0;
	char d[11];
	date_text(date, d);
	int mh = pct(g, 40), sm = pct(g, 30), send = pct(g, 51);
	int offered = pct(g, 60);
	/* The draws in the order the answers are given. */
	const char *accommodation = custody && !end ? "secure_estate"
	                            : pct(g, 85)    ? "with_parents"
	                            : pct(g, 50)    ? "foster_care"
	                                            : "supported_accommodation";
	const char *ete = pct(g, 70)   ? "mainstream_school"
	                  : pct(g, 50) ? "alternative_provision"
	                  : pct(g, 50) ? "college"
	                               : "none";
	/* About one child in five with SEND has no plan in place yet. */
	const char *plan = !send        ? "none"
	                   : pct(g, 20) ? "none"
	                   : pct(g, 31) ? "ehcp"
	                                : "sen_support";
	int accommodation_ok = pct(g, end ? 94 : 88);
	int ete_ok = pct(g, end ? 85 : 75);
	int attending = pct(g, end ? 80 : 70);
	int hours = range(g, 5, 25);
	int mh_attending = mh && offered && pct(g, 70);
	int sm_attending = sm && offered && pct(g, 60);
	int early_help = pct(g, 15);
	int child_in_need = pct(g, 20);
	int child_protection = pct(g, 8);
	int looked_after = pct(g, 10);
	if (pct(g, 5))
		attending = -1; /* not recorded */
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s, s:b, s:s, s:b, s:o, s:i, s:i, s:b, s:s,"
	    " s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}",
	    "outcome_id", (json_int_t)outcome_id, "point", point, "measured_on",
	    d, "accommodation", accommodation, "accommodation_suitable",
	    accommodation_ok, "ete_provision", ete, "ete_suitable", ete_ok,
	    "ete_attending", demo_flag(attending), "ete_hours_offered", 25,
	    "ete_hours_attended", hours, "send_identified", send,
	    "learning_plan", plan, "mental_health_need", mh,
	    "mental_health_offered", mh && offered, "mental_health_attending",
	    mh_attending, "substance_misuse_need", sm,
	    "substance_misuse_offered", sm && offered,
	    "substance_misuse_attending", sm_attending, "early_help",
	    early_help, "child_in_need", child_in_need, "child_protection",
	    child_protection, "looked_after", looked_after);
	int rc = put(g, &YJ_KPI, body, child_of(g), g->c->worker_id, NULL);
	g->n.kpi += rc == 0;
	return rc;
}

/* The assessments, reviews and snapshots of an intervention. */
static int
add_intervention_work(struct yj_gen *g, int64_t id, const char *type,
                      int64_t start, int64_t end, int64_t release, int serious)
{
	int pre =
	    is_type(type, (const char *const[]){
	                      "prevention", "diversion", "community_resolution",
	                      "outcome_22", "youth_caution",
	                      "youth_conditional_caution", NULL});
	int custody = is_type(type, CUSTODY);
	const char *kind = pre ? "prevention_diversion" : "assetplus";
	/* One in ten is late. */
	int64_t first =
	    start + (pct(g, 90) ? range(g, 3, 27) : range(g, 29, 70));
	int rc = 0;
	int64_t due = start + YJ_DUE_START_DAYS;
	if (recorded(g, 96, due, end))
		rc = add_assessment(g, id, kind, "start", first, serious);
	if (rc == 0 && recorded(g, 95, due, end))
		rc = add_kpi(g, id, "start", start + range(g, 0, 20), custody);
	int64_t last = end ? end : g->ref;
	for (int64_t r = first + 91 + range(g, -10, 20);
	     rc == 0 && !pre && r < last - 30; r += 91 + range(g, -10, 25))
		rc = add_assessment(g, id, kind, "review", demo_working_day(r),
		                    serious);
	due = release + YJ_DUE_AFTER_DAYS;
	if (rc == 0 && release && recorded(g, 85, due, end))
		rc = add_assessment(g, id, kind, "release",
		                    release + range(g, 1, 20), serious);
	if (rc == 0 && release && recorded(g, 85, due, end))
		rc = add_kpi(g, id, "release", release + range(g, 0, 14), 0);
	if (rc == 0 && end && pct(g, 85))
		rc = add_assessment(g, id, kind, "end", end + range(g, 0, 14),
		                    serious);
	if (rc == 0 && end && pct(g, 88))
		rc = add_kpi(g, id, "end", end + range(g, 0, 12), 0);
	return rc;
}

/* The outcomes a court gives, and those it gives after a pre-sentence
 * report. */
static const char *const BY_COURT[] = {
    "referral_order",
    "youth_rehabilitation_order",
    "reparation_order",
    "fine",
    "discharge",
    "other_court",
    "detention_training_order",
    "custodial_sentence",
    "remand_local_authority",
    "remand_youth_detention",
    NULL,
};
static const char *const AFTER_PSR[] = {"youth_rehabilitation_order",
                                        "detention_training_order",
                                        "custodial_sentence", NULL};

/* A court hearing of the child's case; *id (may be NULL) its id. */
static int
add_hearing(struct yj_gen *g, int64_t on, const char *type, const char *outcome,
            int64_t next, int64_t *id)
{
	char d[11], nd[11];
	date_text(on, d);
	date_text(next, nd);
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s*}", "case_id", (json_int_t)g->c->id,
	    "court", YOUTH_COURT, "hearing_date", d, "hearing_type", type,
	    "hearing_outcome", outcome, "next_hearing_date", next ? nd : NULL);
	return put(g, &YJ_HEARINGS, body, child_of(g), g->c->worker_id, id);
}

/*
 * The court work behind an outcome a court gave on day `on` (a working
 * day): a remand is
 * one hearing with the next one four weeks on; a sentence is a plea
 * hearing adjourned for sentence three weeks before, then the sentencing
 * hearing, with a pre-sentence report between them for the community and
 * custodial sentences; each on a working day. Drawn from no random sequence, so
 * the rest of the demo is as it was.
 */
static int
add_court_work(struct yj_gen *g, const char *type, int64_t on)
{
	if (!is_type(type, BY_COURT))
		return 0;
	if (strncmp(type, "remand_", 7) == 0)
		return add_hearing(g, on, "first_appearance", type,
		                   demo_working_day(on + 28), NULL);
	int64_t plea = 0, plea_on = demo_working_day_before(on - 21);
	int rc = add_hearing(g, plea_on, "plea", "convicted", on, &plea);
	if (rc == 0)
		rc = add_hearing(g, on, "sentence", "sentenced", 0, NULL);
	if (rc || !is_type(type, AFTER_PSR))
		return rc;
	char req[11], due[11], sub[11];
	int64_t due_on = demo_working_day_before(on - 7);
	date_text(plea_on, req);
	date_text(due_on, due);
	date_text(demo_working_day_before(due_on - 1), sub);
	json_t *body = json_pack(
	    "{s:I, s:s, s:I, s:o, s:s, s:s, s:s}", "case_id",
	    (json_int_t)g->c->id, "report_type", "pre_sentence", "hearing_id",
	    (json_int_t)plea, "author_id", demo_id(g->c->worker_id),
	    "requested_on", req, "due_date", due, "submitted_on", sub);
	return put(g, &YJ_COURT_REPORTS, body, child_of(g), g->c->worker_id,
	           NULL);
}

/* The first day from `on` on which an outcome of type may be given to
 * the child: after every intervention of that type (and the order their
 * case was opened for) has ended, so that no child has two of one kind
 * at once. */
static int64_t
free_from(const struct yj_gen *g, const char *type, int64_t on)
{
	for (int moved = 1; moved;) {
		moved = 0;
		for (int i = 0; i < g->n_running; i++)
			if ((!g->running[i].type ||
			     strcmp(g->running[i].type, type) == 0) &&
			    on <= g->running[i].until) {
				on = g->running[i].until + 1;
				moved = 1;
			}
	}
	return on;
}

/* The first day from `on` on which an outcome of type may be given to
 * the child (free_from), and a working day when a court gives it. */
static int64_t
court_day(const struct yj_gen *g, const char *type, int64_t on)
{
	on = free_from(g, type, on);
	return is_type(type, BY_COURT) ? demo_working_day(on) : on;
}

/* One outcome given on day `on` for offences[0..n), with its work; an
 * intervention of `days` planned days (0: its type's usual length drawn)
 * starting that day (else up to ten days on), which nothing overlaps when
 * `sole`. *done receives the day the child is free to offend again: the
 * release, the intervention's end, or its start. */
static int
add_outcome(struct yj_gen *g, const char *type, int64_t on, int64_t days,
            int sole, const int64_t *offences, const int *victims,
            const int64_t *dates, int n, int serious, int64_t *done)
{
	char od[11], sd[11], pe[11], ed[11], rd[11], tp[11];
	int intervention =
	    !is_type(type, NO_INTERVENTION) &&
	    (g->supported || strcmp(type, "youth_caution") != 0 ||
	     pct(g, 50)) &&
	    (g->supported || strcmp(type, "community_resolution") != 0 ||
	     pct(g, 60));
	int custody = is_type(type, CUSTODY);
	int64_t start = on + (intervention && !days ? range(g, 0, 10) : 0);
	/* Never after the case closed (session 29: a reparation order
	 * starting two days after its case ended): given on its last days,
	 * it starts the day it is given. */
	if (g->case_end && start > g->case_end)
		start = on;
	int64_t planned = start + (days ? days : length_of(g, type));
	int64_t end = 0, release = 0;
	const char *reason = NULL;
	/* A closed case's interventions ended by the day it closed. */
	int64_t stop = g->case_end ? g->case_end : g->ref;
	if (intervention && (planned <= g->ref || g->case_end)) {
		unsigned x = demo_rng_below(&g->rng, 100);
		reason = custody && !strcmp(type, "remand_youth_detention")
		             ? "other"
		         : x < 86 ? "completed"
		         : x < 94 ? "breached"
		         : x < 98 ? "revoked"
		                  : "transferred_out";
		end = strcmp(reason, "completed") == 0
		          ? planned
		          : start + (planned - start) * range(g, 30, 90) / 100;
		if (end > stop)
			end = stop > start ? stop : start;
	}
	if (custody && strcmp(type, "remand_youth_detention") != 0)
		release = start + (planned - start) / 2;
	else if (custody && end && pct(g, 60))
		release = end;
	if (release > g->ref)
		release = 0;
	if (end && release > end)
		release = end;
	date_text(on, od);
	date_text(start, sd);
	date_text(planned, pe);
	date_text(end, ed);
	date_text(release, rd);
	int64_t plan = planned - range(g, 20, 40);
	/* A child who turns 18 while it runs has the plan for the move to
	 * adult services three months before (yj_due.c): done by then, on
	 * a running order no more than some weeks late. */
	int64_t adult = demo_birthday(g->c->date_of_birth, 18);
	int64_t adult_plan = date_add_months(adult, -YJ_DUE_ADULT_MONTHS);
	if (adult > start && adult <= planned && adult_plan < plan)
		plan = adult_plan > start ? adult_plan : start;
	date_text(plan, tp);
	int yro = strcmp(type, "youth_rehabilitation_order") == 0;
	int planned_transition =
	    intervention &&
	    !is_type(type, (const char *const[]){"prevention", "diversion",
	                                         "community_resolution",
	                                         "outcome_22", NULL}) &&
	    plan <= g->ref && recorded(g, 80, plan, end);
	json_t *requirements =
	    !yro         ? json_array()
	    : pct(g, 60) ? json_pack("[s, s]", "supervision", "activity")
	                 : json_pack("[s, s, s]", "supervision", "curfew",
	                             "electronic_monitoring");
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*,"
	    " s:o*}",
	    "case_id", (json_int_t)g->c->id, "outcome_type", type,
	    "outcome_date", od, "start_date", intervention ? sd : NULL,
	    "planned_end_date", intervention ? pe : NULL, "end_date",
	    end ? ed : NULL, "end_reason", reason, "release_date",
	    release ? rd : NULL, "transition_plan_date",
	    planned_transition ? tp : NULL, "transferred_to",
	    reason && !strcmp(reason, "transferred_out") ? "Warwickshire YJS"
	                                                 : NULL,
	    "yro_requirements", requirements);
	int64_t id = 0;
	int rc = put(g, &YJ_OUTCOMES, body, child_of(g), g->c->worker_id, &id);
	g->n.outcomes += rc == 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		if (!g->dry)
			rc = store_yj_outcome_link(g->db, id, offences[i],
			                           g->at, g->e);
		if (rc == 0 && victims[i])
			rc = add_victim(
			    g, offences[i], intervention ? id : 0,
			    victim_day(g, dates[i], range(g, 10, 40)));
	}
	if (rc == 0)
		rc = add_court_work(g, type, on);
	if (rc == 0 && intervention)
		rc = add_intervention_work(g, id, type, start, end, release,
		                           serious);
	if (rc == 0 && reason && !strcmp(reason, "breached")) {
		int64_t bid, ignore, day = end - range(g, 5, 30);
		/* Not while the child was held: a detention and training
		 * order's supervision is breached after release. */
		if (!custody || (release && day >= release))
			rc = add_offence(g, day, 1, 0, &bid, &ignore, NULL);
	}
	if (intervention && g->n_running < (int)DEMO_N_OF(g->running)) {
		g->running[g->n_running].type = sole ? NULL : type;
		g->running[g->n_running++].until = end ? end : planned;
	}
	if (strncmp(type, "remand_", 7) != 0 &&
	    g->n_given < (int)DEMO_N_OF(g->given))
		g->given[g->n_given++] = on;
	/* The child leaves custody when released, or when it ends. */
	int64_t out = !custody ? 0 : release ? release : end;
	if (intervention && g->c->n_spells < (int)DEMO_N_OF(g->c->spells))
		g->c->spells[g->c->n_spells++] = (struct demo_yj_spell){
		    type, start, end ? end : planned, out};
	if (out)
		g->free_at = out;
	/* The child's work goes on to the intervention's end; one still
	 * running on the reference date, or not started by then, is work
	 * to come. */
	worked_on(g, on);
	worked_on(g, release);
	if (intervention)
		worked_on(g, end ? end : planned);
	if (intervention && (!end || start > g->ref))
		g->pending = 1;
	/* Still held: free only after the reference date. */
	*done = release ? release : end ? end : custody ? planned : start;
	return rc;
}

/* ---- one child ---- */

static int
prevention_child(struct yj_gen *g, int64_t start)
{
	const char *type = DEMO_PICK_W(&g->rng, PREVENTION);
	/* What the case's reason names (casework.c). */
	if (g->c->first_outcome)
		type = g->c->first_outcome;
	int64_t off[1], dates[1], done = 0;
	int victims[1] = {0};
	int n = 0, rc = 0;
	if (strcmp(type, "prevention") != 0) {
		dates[0] = start - range(g, 14, 60);
		int64_t v;
		rc = add_offence(g, dates[0], 0, 0, &off[0], &v, NULL);
		victims[0] = (int)v;
		n = 1;
	}
	g->supported = g->c->first_supported;
	if (rc == 0)
		rc = add_outcome(g, type, start, 0, 0, off, victims, dates, n,
		                 0, &done);
	g->supported = 0;
	return rc;
}

/* The episodes of a child whose case opened on day `career`, up to day
 * `last` (the case's end, or the reference day): the first outcome is
 * what the case was opened for when its reason names one. */
static int
statutory_child(struct yj_gen *g, int64_t career, int64_t last)
{
	/* Episodes: about half the children come back at least once. */
	unsigned x = demo_rng_below(&g->rng, 100);
	int episodes = x < 32 ? 1 : x < 55 ? 2 : x < 72 ? 3 : range(g, 4, 9);
	int64_t on = career;
	int rc = 0;
	for (int ep = 0;
	     rc == 0 && ep < episodes && on <= last && on < g->eighteenth;
	     ep++) {
		int n = range(g, 1, ep ? 4 : 3);
		int64_t off[4], dates[4], done = 0;
		int victims[4], serious = 0, gravest = 0;
		/* A case opened for custody opens for a grave offence. */
		int min_gravity = ep == 0 && g->c->first_outcome &&
		                          is_type(g->c->first_outcome, CUSTODY)
		                      ? 5
		                      : 0;
		/* Committed after the child last left custody. */
		int gap = 120;
		if (g->free_at && on - g->free_at - 1 < gap)
			gap = on - g->free_at - 1 > 14
			          ? (int)(on - g->free_at - 1)
			          : 14;
		for (int i = 0; rc == 0 && i < n; i++) {
			int64_t v;
			int gravity = 0;
			dates[i] = on - range(g, 14, gap);
			rc = add_offence(g, dates[i], 0, i ? 0 : min_gravity,
			                 &off[i], &v, &gravity);
			victims[i] = (int)v;
			serious |= v && pct(g, 30);
			gravest = gravity > gravest ? gravity : gravest;
		}
		const char *type = ep ? DEMO_PICK_W(&g->rng, LATER_OUTCOME)
		                      : DEMO_PICK_W(&g->rng, FIRST_OUTCOME);
		int64_t days = 0;
		if (ep == 0 && g->c->first_outcome) {
			type = g->c->first_outcome;
			days = g->c->first_days;
		}
		/* Not while an intervention of its kind runs; a court sits
		 * on working days. */
		type = fit_type(g, type, on, gravest);
		on = court_day(g, type, on);
		const char *fit = fit_type(g, type, on, gravest);
		if (fit != type)
			on = court_day(g, type = fit, on);
		/* Offences still before the court on the reference date. */
		if (rc || on > last) {
			g->pending |= !g->case_end && on > g->ref;
			break;
		}
		g->supported = ep == 0 && g->c->first_supported &&
		               strcmp(type, g->c->first_outcome) == 0;
		rc = add_outcome(g, type, on, days, days > 0, off, victims,
		                 dates, n, serious || ep > 1, &done);
		g->supported = 0;
		/* A remand is followed by the sentence for the same offences.
		 */
		if (rc == 0 &&
		    is_type(type, (const char *const[]){
		                      "remand_youth_detention",
		                      "remand_local_authority", NULL})) {
			const char *sentence =
			    fit_type(g,
			             pct(g, 50) ? "detention_training_order"
			                        : "youth_rehabilitation_order",
			             done + 1, gravest);
			/* At the hearing the remand was to (add_court_work)
			 * or after it: a remand to local authority
			 * accommodation ends on its own day, and was
			 * followed by a sentence the next day, after a plea
			 * before the remand (session 29). */
			int64_t next = demo_working_day(on + 28);
			int64_t at = court_day(
			    g, sentence, done + 1 > next ? done + 1 : next);
			if (at <= last)
				rc = add_outcome(g, sentence, at, 0, 0, off,
				                 (int[4]){0, 0, 0, 0}, dates, n,
				                 1, &done);
			else /* the sentencing hearing is still to come */
				g->pending |= !g->case_end && at > g->ref;
		}
		on = (done > on ? done : on) + range(g, 30, 400);
	}
	return rc;
}

static int
add_child(struct yj_gen *g, struct demo_yj_case *c)
{
	g->c = c;
	g->n_running = 0;
	g->n_given = 0;
	g->free_at = 0;
	c->n_spells = 0;
	c->n_levels = 0;
	g->case_end = c->end_date && c->end_date < g->ref ? c->end_date : 0;
	int64_t dob = c->date_of_birth;
	int64_t start = c->start_date;
	if (!dob || !start)
		return 0;
	g->tenth = dob + 10 * YEAR + 3;
	g->twelfth = dob + 12 * YEAR + 3;
	g->fifteenth = demo_birthday(dob, 15);
	g->eighteenth = dob + 18 * YEAR + 5;
	/* Never before the child is 10, nor so soon after that the
	 * offences behind the first outcome (up to 120 days before it)
	 * would be (demo.c opens the case late enough). */
	if (start < g->tenth + 121)
		start = g->tenth + 121;
	if (start > g->ref || (g->case_end && start > g->case_end))
		return 0;
	if (c->prevention)
		return prevention_child(g, start);
	/* The history begins with the case (a case never starts after an
	 * outcome given on it) and ends with it when it is closed. */
	return statutory_child(g, start, g->case_end ? g->case_end : g->ref);
}

/* Quarterly board meetings over the five years before the reference. */
static int
add_board(struct yj_gen *g)
{
	static const char *const AGENCIES[] = {
	    "youth_justice", "childrens_social_care",
	    "police",        "probation",
	    "health",        "education",
	    "public_health", NULL};
	int rc = 0;
	for (int q = 20; rc == 0 && q >= 1; q--) {
		char d[11], title[64];
		int64_t day = demo_working_day(g->ref - (int64_t)q * 91 +
		                               range(g, -7, 7));
		date_text(day, d);
		snprintf(title, sizeof(title),
		         "Youth Justice Management Board");
		int64_t id = 0;
		rc = demo_insert(
		    g->w, &YJ_BOARD,
		    json_pack("{s:s, s:s}", "meeting_date", d, "title", title),
		    NULL, 0, &id);
		g->n.meetings += rc == 0;
		for (const char *const *a = AGENCIES; rc == 0 && *a; a++) {
			int attended = pct(g, 85);
			int dispro = attended && pct(g, q < 8 ? 70 : 30);
			int senior = attended && pct(g, 70);
			rc = store_yj_board_attendance_add(g->db, id, *a,
			                                   attended, senior,
			                                   dispro, g->at, g->e);
		}
	}
	return rc;
}

/* A generation job writing through w, drawing from sequence `index` of
 * the youth justice stream (-1: the board's). */
static void
gen_start(struct yj_gen *g, const struct demo_write *w, uint64_t seed,
          int64_t index)
{
	memset(g, 0, sizeof(*g));
	g->w = w;
	g->db = w->db;
	g->e = w->e;
	g->at = w->at;
	g->ref = demo_ref_day();
	demo_rng_child(&g->rng, seed, DEMO_STREAM_YJ, index);
}

int
demo_yj_case_load(const struct demo_write *w, uint64_t seed,
                  struct demo_yj_case *c, struct demo_yj_counts *counts)
{
	struct yj_gen g;
	/* From the child's own sequence. */
	gen_start(&g, w, seed, c->child_index);
	int rc = add_child(&g, c);
	counts->offences += g.n.offences;
	counts->outcomes += g.n.outcomes;
	counts->assessments += g.n.assessments;
	counts->kpi += g.n.kpi;
	counts->victims += g.n.victims;
	return rc;
}

int64_t
demo_yj_case_closes(uint64_t seed, const struct demo_yj_case *c)
{
	struct demo_write none = {0};
	struct yj_gen g;
	/* The same draws as demo_yj_case_load's, on a copy. */
	gen_start(&g, &none, seed, c->child_index);
	g.dry = 1;
	struct demo_yj_case copy = *c;
	if (add_child(&g, &copy) != 0 || g.pending || !g.last_day)
		return 0;
	int64_t closes = demo_working_day(g.last_day + range(&g, 14, 42));
	int64_t until = g.case_end ? g.case_end : g.ref;
	return closes < until ? closes : 0;
}

int
demo_yj_board_load(const struct demo_write *w, uint64_t seed,
                   struct demo_yj_counts *counts)
{
	struct yj_gen g;
	gen_start(&g, w, seed, -1);
	int rc = add_board(&g);
	counts->meetings += g.n.meetings;
	return rc;
}

const struct demo_yj_case *
demo_yj_case_find(const struct demo_yj_case *cases, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cases[mid].id == id)
			return &cases[mid];
		if (cases[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int64_t
demo_yj_in_custody(const struct demo_yj_case *c, int64_t day)
{
	for (int i = 0; c && i < c->n_spells; i++) {
		const struct demo_yj_spell *s = &c->spells[i];
		if (!is_type(s->type, CUSTODY) || day < s->start)
			continue;
		if (!s->out)
			return INT64_MAX;
		if (day < s->out)
			return s->out;
	}
	return 0;
}

const char *
demo_yj_secure_place(const struct demo_yj_case *c, int64_t day)
{
	if ((c->child_sex && strcmp(c->child_sex, "female") == 0) ||
	    demo_age_on(c->date_of_birth, day) < 15)
		return "Clayfields House secure children's home";
	return "HMYOI Werrington";
}

const char *
demo_yj_level_on(const struct demo_yj_case *c, int64_t day)
{
	const struct demo_yj_level *best = NULL;
	for (int i = 0; c && i < c->n_levels; i++)
		if (c->levels[i].day <= day &&
		    (!best || c->levels[i].day >= best->day))
			best = &c->levels[i];
	return best ? best->level : NULL;
}

int
demo_yj_running(const struct demo_yj_case *c, const char *type, int64_t day)
{
	for (int i = 0; c && i < c->n_spells; i++)
		if ((!type || strcmp(c->spells[i].type, type) == 0) &&
		    day >= c->spells[i].start && day <= c->spells[i].until)
			return 1;
	return 0;
}

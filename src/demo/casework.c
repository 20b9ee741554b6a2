/*
 * casework.c - the words of the demo casework: why each team opens a
 * case and for which ages, how cases close, contact types and their
 * summaries, task titles, and what is shared with which agency on which
 * lawful basis. Fixed tables and the picks from them; the records
 * themselves are made in demo.c.
 */
#include "demo/casework.h"

#include <stdio.h>
#include <string.h>

/* ---- cases: each team's ages and reasons, closures ---- */

struct service_profile {
	int min_age, max_age;
	const char *const *reasons;
	size_t n_reasons;
};

static const char *const YJ_REASONS[] = {
    "Referral Order (6 months)",
    "Referral Order (12 months)",
    "Youth Rehabilitation Order",
    "Youth Conditional Caution",
    "Youth Caution",
    "Enhanced Community Resolution",
    "Bail supervision",
    "Detention and Training Order: community part"};
/* The outcome each youth justice reason names, and for an order its
 * length in months; "Bail supervision" names none. */
static const struct {
	const char *reason, *outcome;
	int months_lo, months_hi;
} YJ_REASON_OUTCOMES[] = {
    {"Referral Order (6 months)", "referral_order", 6, 6},
    {"Referral Order (12 months)", "referral_order", 12, 12},
    {"Youth Rehabilitation Order", "youth_rehabilitation_order", 6, 24},
    {"Youth Conditional Caution", "youth_conditional_caution", 0, 0},
    {"Youth Caution", "youth_caution", 0, 0},
    {"Enhanced Community Resolution", "community_resolution", 0, 0},
    {"Detention and Training Order: community part", "detention_training_order",
     4, 24},
    /* The prevention team's: what the reason says is what was given
     * (session 28: a case "referred by school" held a diversion, one
     * "police no further action" a community resolution). */
    {"Prevention: referred by school", "prevention", 0, 0},
    {"Prevention: anti-social behaviour", "prevention", 0, 0},
    {"Diversion: police no further action", "diversion", 0, 0},
    {"Community Resolution (police only): voluntary support",
     "community_resolution", 0, 0},
    {"Outcome 22: diversionary activity, prosecution deferred", "outcome_22", 0,
     0},
};
static const char *const PREVENTION_REASONS[] = {
    "Prevention: referred by school", "Diversion: police no further action",
    "Community Resolution (police only): voluntary support",
    "Prevention: anti-social behaviour",
    "Outcome 22: diversionary activity, prosecution deferred"};
/* The court outcomes a child on bail supervision is given at the end of
 * the proceedings: never an out-of-court one (session 28: a bail
 * supervision case held a community resolution). */
static const struct demo_weighted BAIL_OUTCOMES[] = {
    {"referral_order", 45},
    {"youth_rehabilitation_order", 40},
    {"discharge", 10},
    {"fine", 5},
};
static const char *const EH_REASONS[] = {
    "School attendance below 80%",
    "Parenting support requested",
    "Domestic abuse in the household",
    "Child's emotional wellbeing",
    "Housing and money worries",
    "Supporting Families: adults out of work"};
static const char *const HUB_REASONS[] = {
    "Start for Life: infant feeding", "Perinatal mental health support",
    "Parenting programme (Triple P)", "Speech and language: early years",
    "Home learning support"};
static const char *const CSC_REASONS[] = {
    "Child in need plan", "Child protection plan: neglect",
    "Child protection plan: emotional abuse", "Pre-proceedings (PLO)"};
static const char *const REUNIFICATION_REASONS[] = {
    "Reunification: planned return home",
    "Reunification: return home from foster care",
    "Reunification: support after return home"};
static const char *const FGC_REASONS[] = {
    "Family Group Conference: edge of care",
    "Family Group Conference: risk of significant harm",
    "Family network meeting", "Family Group Conference: review"};
static const char *const PARENTING_REASONS[] = {
    "Parent self-assessment and one-to-one support",
    "Behaviour contract and mediation", "Parenting Order",
    "Kitchen Table Talks peer mentoring", "Friendship Group"};

#define PROFILE(lo, hi, list)                                                  \
	{                                                                      \
		lo, hi, list, DEMO_N_OF(list)                                  \
	}
static const struct service_profile PROFILES[DEMO_N_TEAMS] = {
    PROFILE(11, 17, YJ_REASONS),
    PROFILE(11, 17, YJ_REASONS),
    PROFILE(11, 17, PREVENTION_REASONS),
    PROFILE(0, 15, EH_REASONS),
    PROFILE(0, 15, EH_REASONS),
    PROFILE(0, 11, HUB_REASONS),
    PROFILE(0, 11, HUB_REASONS),
    PROFILE(0, 17, CSC_REASONS),
    PROFILE(0, 15, FGC_REASONS),
    PROFILE(3, 15, PARENTING_REASONS),
    PROFILE(1, 17, REUNIFICATION_REASONS),
};

static const char *const CLOSURES[] = {
    "Intervention completed",
    "Outcomes achieved; support no longer needed",
    "Stepped down to universal services",
    "Moved out of area",
    "Stepped up to children's social care",
    "Order completed",
};

/* Per cent of the youth justice teams' children by age 11 to 17. */
static const unsigned YJ_AGES[] = {2, 4, 9, 15, 22, 25, 23};

int
demo_case_age(struct demo_rng *r, int team)
{
	const struct service_profile *sp = &PROFILES[team];
	if (sp->reasons == YJ_REASONS || sp->reasons == PREVENTION_REASONS) {
		unsigned x = demo_rng_below(r, 100);
		int age = sp->min_age;
		for (size_t i = 0;
		     i + 1 < DEMO_N_OF(YJ_AGES) && x >= YJ_AGES[i]; i++, age++)
			x -= YJ_AGES[i];
		return age;
	}
	return demo_rng_range(r, sp->min_age, sp->max_age);
}

/* The ages of the child (whole years, on the day the case opens) a
 * reason fits; a reason not listed fits every age the team works with
 * (session 28: a perinatal reason on an 8-year-old's case). */
static const struct {
	const char *reason;
	int min_age, max_age;
} REASON_AGES[] = {
    {"Start for Life: infant feeding", 0, 1},
    {"Perinatal mental health support", 0, 1},
    {"Speech and language: early years", 1, 4},
    {"Parenting programme (Triple P)", 2, 17},
    {"Home learning support", 2, 17},
    {"School attendance below 80%", 5, 17},
    {"Child's emotional wellbeing", 4, 17},
    {"Parenting Order", 10, 17},
};

static int
reason_fits(const char *reason, int age)
{
	for (size_t i = 0; i < DEMO_N_OF(REASON_AGES); i++)
		if (strcmp(reason, REASON_AGES[i].reason) == 0)
			return age >= REASON_AGES[i].min_age &&
			       age <= REASON_AGES[i].max_age;
	return 1;
}

const char *
demo_case_reason(struct demo_rng *r, int team, int age)
{
	const struct service_profile *sp = &PROFILES[team];
	const char *fit[16];
	size_t n = 0;
	for (size_t i = 0; i < sp->n_reasons && n < DEMO_N_OF(fit); i++)
		if (reason_fits(sp->reasons[i], age))
			fit[n++] = sp->reasons[i];
	/* Every team has a reason for every age it works with; the first
	 * else. */
	return n ? fit[demo_rng_below(r, (uint32_t)n)] : sp->reasons[0];
}

const char *
demo_case_bail_outcome(struct demo_rng *r, const char *reason)
{
	if (!reason || strcmp(reason, "Bail supervision") != 0)
		return NULL;
	return DEMO_PICK_W(r, BAIL_OUTCOMES);
}

const char *
demo_case_reason_outcome(const char *reason, int *months_lo, int *months_hi)
{
	*months_lo = *months_hi = 0;
	for (size_t i = 0; reason && i < DEMO_N_OF(YJ_REASON_OUTCOMES); i++)
		if (strcmp(reason, YJ_REASON_OUTCOMES[i].reason) == 0) {
			*months_lo = YJ_REASON_OUTCOMES[i].months_lo;
			*months_hi = YJ_REASON_OUTCOMES[i].months_hi;
			return YJ_REASON_OUTCOMES[i].outcome;
		}
	return NULL;
}

const char *
demo_case_closure(struct demo_rng *r)
{
	return DEMO_PICK(r, CLOSURES);
}

/* ---- contacts and tasks ---- */

/* The first is the home visit. Each kind's words for a child under 4,
 * of 4 to 10 and of 11 or more (session 27: a newborn's home visit
 * "reviewed the plan and school attendance"). */
static const struct demo_contact_kind CONTACT_KINDS[] = {
    {"home_visit",
     30,
     {{{"Home visit. ", " was at home with family; reviewed the plan, "
                        "feeding and sleep routines."},
       {"Home visit. Watched ", " play with the family; talked about "
                                "development and the stay and play "
                                "sessions."}},
      {{"Home visit. ", " was at home with family; reviewed the plan and "
                        "school attendance."},
       {"Home visit. Talked with ", " about school, friends and bedtime "
                                    "routines."}},
      {{"Home visit. ", " was at home with family; reviewed the plan and "
                        "school attendance."},
       {"Home visit. Talked with ", " about friendships and staying safe "
                                    "in the evenings."}}},
     "The family home",
     "The family home",
     {NULL, NULL},
     {{"Home visit with ", ": went through the support plan and what has "
                           "been easier at home this fortnight."},
      {"Home visit. ", " talked about the evenings and how the new "
                       "routine is going; agreed what to try next."}},
     "The family home"},
    {"office_visit",
     15,
     {{{"", " came to the office with family; reviewed progress against "
            "the plan."},
       {"Office appointment with ", "'s family; reviewed progress against "
                                    "the plan."}},
      {{"", " came to the office with family; talked about how things are "
            "at home and at school."},
       {"Office appointment with ", "; reviewed progress against the "
                                    "plan."}},
      {{"", " attended the office on time; worked through a victim "
            "awareness session."},
       {"Office appointment with ", "; reviewed progress against the "
                                    "plan."}}},
     "The team's office",
     "The team's office",
     {"", " attended the office on time; talked about school and plans "
          "for after Year 11."},
     {{"", " came to the office; worked on staying calm "
           "when things get heated at home."},
      {"Office appointment with ", "; reviewed the goals of the support plan "
                                   "together."}},
     "The Parenting Team's office"},
    {"phone",
     20,
     {{{"Phone call with the family about ", "'s appointment next week."},
       {"Phone call with ", "'s family to check in after the health "
                            "visitor's review."}},
      {{"Phone call with the family about ", "'s appointment next week."},
       {"Phone call with ", "'s family to check in after the school "
                            "meeting."}},
      {{"Phone call with the family about ", "'s appointment next week."},
       {"Phone call with ", " to check in after the school meeting."}}},
     NULL,
     NULL,
     {NULL, NULL},
     {{"Phone call with ", " to check in on the week and confirm the next "
                           "session."},
      {"Phone call with ", " about the peer support group and how to join "
                           "it."}},
     NULL},
    {"video",
     5,
     {{{"Video call with ", "'s family; agreed next steps."},
       {"Video call with ", "'s family: wellbeing check and plan review."}},
      {{"Video call with ", " and carer; agreed next steps."},
       {"Video call with ", ": wellbeing check and plan review."}},
      {{"Video call with ", " and carer; agreed next steps."},
       {"Video call with ", ": wellbeing check and plan review."}}},
     NULL,
     NULL,
     {NULL, NULL},
     {{"Video call with ", ": how the new routine is going, and next "
                           "steps."},
      {"Video call with ", "; reviewed the goals of the support plan."}},
     NULL},
    {"session",
     20,
     {{{"Play session with ", " and family at the Family Hub."},
       {"Stay and play: ", " joined in with the family."}},
      {{"One-to-one session with ", " on feelings and friendships."},
       {"Group session: ", " took part and engaged well."}},
      {{"One-to-one session with ", " on managing anger and conflict."},
       {"Group session: ", " took part and engaged well."}}},
     "The service's office",
     "The Family Hub",
     {NULL, NULL},
     {{"One-to-one session with ", " on confidence as a parent."},
      {"Parenting programme session: ", " took part and shared what had "
                                        "worked at home."}},
     "The Parenting Team's office"},
    {"meeting",
     10,
     {{{"Multi-agency meeting about ", " with the health visitor and "
                                       "early years partners."},
       {"Family meeting: ", "'s family agreed their own plan."}},
      {{"Multi-agency meeting about ", " with school and health partners."},
       {"Family meeting: the family and ", " agreed their own plan."}},
      {{"Multi-agency meeting about ", " with school and health partners."},
       {"Family meeting: the family and ", " agreed their own plan."}}},
     "School",
     "The Family Hub",
     {NULL, NULL},
     {{"Review meeting with ", ": agreed the next goals of the support plan."},
      {"Meeting with ", " and the Family Hub about local support for "
                        "parents."}},
     "The Family Hub"},
};

int
demo_contact_ages(int age)
{
	return age < 4    ? DEMO_AGES_EARLY
	       : age < 11 ? DEMO_AGES_PRIMARY
	                  : DEMO_AGES_OLDER;
}

void
demo_contact_summary(struct demo_rng *r, const struct demo_contact_kind *k,
                     const char *name, int age, int yj, char *out, size_t size)
{
	unsigned v = demo_rng_below(r, 2);
	int band = demo_contact_ages(age);
	const struct demo_contact_words *w = &k->words[band][v];
	if (band == DEMO_AGES_OLDER && v == 0 && !yj &&
	    k->older_elsewhere.after)
		w = &k->older_elsewhere;
	snprintf(out, size, "%s%s%s", w->before, name, w->after);
}

void
demo_parent_contact_summary(struct demo_rng *r,
                            const struct demo_contact_kind *k, const char *name,
                            char *out, size_t size)
{
	const struct demo_contact_words *w = &k->parent[demo_rng_below(r, 2)];
	snprintf(out, size, "%s%s%s", w->before, name, w->after);
}

const char *
demo_contact_location(const struct demo_contact_kind *k, int age)
{
	return demo_contact_ages(age) == DEMO_AGES_EARLY ? k->early_location
	                                                 : k->location;
}

static const struct demo_weighted CONTACT_OUTCOMES[] = {
    {"attended", 88},
    {"did_not_attend", 7},
    {"cancelled_by_family", 3},
    {"cancelled_by_service", 2},
};

const char *
demo_contact_outcome(struct demo_rng *r)
{
	return DEMO_PICK_W(r, CONTACT_OUTCOMES);
}

void
demo_contact_time(struct demo_rng *r, char out[6])
{
	int hour = demo_rng_range(r, 9, 16);
	int minute = 15 * demo_rng_range(r, 0, 3);
	snprintf(out, 6, "%02d:%02d", hour, minute);
}

const struct demo_contact_kind *
demo_contact_kind_home_visit(void)
{
	return &CONTACT_KINDS[0];
}

const struct demo_contact_kind *
demo_contact_kind_pick(struct demo_rng *r)
{
	unsigned x = demo_rng_below(r, 100);
	size_t j = 0;
	while (j + 1 < DEMO_N_OF(CONTACT_KINDS) && x >= CONTACT_KINDS[j].weight)
		x -= CONTACT_KINDS[j++].weight;
	return &CONTACT_KINDS[j];
}

/* Task titles, with the services whose cases they belong to (NULL:
 * any) and the youngest child they fit. None is work a due item tracks
 * (an AssetPlus assessment, a review, KPI data, a transition plan): the
 * due item is derived from the records and goes when the work is
 * recorded, where a task would stay open and overdue (reviewers, session
 * 23; docs/team-week.md, "Tasks and due items"). */
static const char *const YJ_ONLY[] = {"youth_justice", NULL};
static const char *const PARENT_SELF[] = {"youth_justice", "parenting", NULL};
static const struct {
	const char *title;
	const char *const *services;
	int min_age;
	unsigned runs; /* what must run on the case (DEMO_RUNS_*) */
} TASK_TITLES[] = {
    {"Arrange reparation with the victim's agreement", YJ_ONLY, 10,
     DEMO_RUNS_INTERVENTION},
    {"Review parent self-assessment", PARENT_SELF, 0, 0},
    {"Write report for the referral order panel", YJ_ONLY, 10,
     DEMO_RUNS_REFERRAL_ORDER},
    {"Chase school about attendance", NULL, 4, 0},
    {"Book family group conference", NULL, 0, 0},
    {"Review safety plan", NULL, 0, 0},
    {"Update chronology", NULL, 0, 0},
    {"Send consent form to health", NULL, 0, 0},
    {"Arrange joint home visit", NULL, 0, 0},
    {"Follow up emotional health referral", NULL, 0, 0},
};

static int
task_fits(size_t i, const char *service, int age, unsigned running)
{
	if ((TASK_TITLES[i].runs & running) != TASK_TITLES[i].runs)
		return 0;
	/* A task due before a baby is born is about the baby too. */
	if ((age < 0 ? 0 : age) < TASK_TITLES[i].min_age)
		return 0;
	const char *const *s = TASK_TITLES[i].services;
	if (!s)
		return 1;
	for (; *s; s++)
		if (service && strcmp(*s, service) == 0)
			return 1;
	return 0;
}

const char *
demo_task_title(struct demo_rng *r, const char *service, int age,
                unsigned running)
{
	/* A task tied to an order that runs three times over: while a
	 * referral order runs, its panel's report is work in hand. */
	const char *fit[3 * DEMO_N_OF(TASK_TITLES)] = {NULL};
	size_t n = 0;
	for (size_t i = 0; i < DEMO_N_OF(TASK_TITLES); i++)
		for (int k = 0; task_fits(i, service, age, running) &&
		                k < (TASK_TITLES[i].runs ? 3 : 1);
		     k++)
			fit[n++] = TASK_TITLES[i].title;
	/* "Update chronology" fits every case: n is never 0. */
	return n ? fit[demo_rng_below(r, (uint32_t)n)] : "Update chronology";
}

/* ---- consents to share ---- */

#define NHS "Coventry and Warwickshire Partnership NHS Trust"
#define POLICE "West Midlands Police"
#define CSC "Children's social care"
#define SAFEGUARDING "Share a safeguarding concern about exploitation"

/* Each purpose with each agency it is shared with, for children of
 * min_age to max_age on a case of the services named (NULL: any). */
static const char *const YJ_CSC[] = {"youth_justice", "childrens_social_care",
                                     NULL};
static const struct {
	const char *purpose, *agency;
	int min_age, max_age;
	const char *const *services;
} CONSENT_USES[] = {
    {"Share the assessment and plan to coordinate support", NHS, 0, 17, NULL},
    {"Share the assessment and plan to coordinate support", "School", 4, 17,
     NULL},
    {"Share the assessment and plan to coordinate support", CSC, 0, 17, NULL},
    {"Share the assessment and plan to coordinate support", "Family Hub", 0, 15,
     NULL},
    {"Share the assessment and plan to coordinate support", POLICE, 10, 17,
     YJ_ONLY},
    {"Share attendance and education information", "School", 4, 17, NULL},
    {"Share attendance and education information", "Family Hub", 4, 15, NULL},
    {"Share attendance and education information", CSC, 4, 17, NULL},
    {"Referral for emotional health support", NHS, 4, 17, NULL},
    {"Referral for emotional health support", "School", 4, 17, NULL},
    {"Referral to the health visitor for development checks", NHS, 0, 4, NULL},
    {"Referral to the health visitor for development checks", "Family Hub", 0,
     4, NULL},
    {SAFEGUARDING, POLICE, 10, 17, YJ_CSC},
    {SAFEGUARDING, CSC, 10, 17, YJ_ONLY},
    {"Plan the move to adult probation services", "Probation Service", 17, 17,
     YJ_ONLY},
};

static int
use_fits(size_t i, const char *service, int age)
{
	if (age < CONSENT_USES[i].min_age || age > CONSENT_USES[i].max_age)
		return 0;
	const char *const *s = CONSENT_USES[i].services;
	for (; s && *s; s++)
		if (service && strcmp(*s, service) == 0)
			return 1;
	return !s;
}

struct demo_consent_use
demo_consent_pick(struct demo_rng *r, const char *service, int age)
{
	/* An 18-year-old's (a consent given after a birthday) as a
	 * 17-year-old's, a baby's before birth as a newborn's. */
	age = age < 0 ? 0 : age > 17 ? 17 : age;
	size_t fit[DEMO_N_OF(CONSENT_USES)] = {0}, n = 0;
	for (size_t i = 0; i < DEMO_N_OF(CONSENT_USES); i++)
		if (use_fits(i, service, age))
			fit[n++] = i;
	/* The plan shared with health fits every child: n is never 0. */
	size_t i = fit[n ? demo_rng_below(r, (uint32_t)n) : 0];
	return (struct demo_consent_use){CONSENT_USES[i].purpose,
	                                 CONSENT_USES[i].agency};
}

int
demo_consent_safeguarding(const char *purpose)
{
	return strcmp(purpose, SAFEGUARDING) == 0;
}

static const struct demo_weighted LAWFUL[] = {
    {"consent", 60}, {"public_task", 30}, {"legal_obligation", 10}};

const char *
demo_consent_lawful_basis(struct demo_rng *r)
{
	return DEMO_PICK_W(r, LAWFUL);
}

/*
 * parenting.c - the parents' support in the demo data (parenting.h). The
 * parents are those the product itself would list to meet
 * (store_parent_to_meet over the youth justice service); their records go
 * in through the parenting descriptors (demo_insert) and the parenting
 * store, as the product writes them.
 */
#include "demo/parenting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "demo/casework.h"
#include "demo/dates.h"
#include "demo/grow.h"
#include "demo/rng.h"
#include "service/contacts.h"
#include "service/forms/forms.h"
#include "service/forms/responses.h"
#include "service/parenting/parenting.h"
#include "service/people.h"
#include "store/cases.h"
#include "store/contacts.h"
#include "store/parenting/parent_tables.h"

struct pgen {
	const struct demo_write *w;
	struct demo_rng rng;
	int64_t ref, parenting_team;
	const int64_t *workers;
	size_t n_workers;
	const struct demo_parent_team *teams;
	size_t n_teams;
	int contracts; /* made so far */
	/* The last day of the support whose sessions are being made (0:
	 * it runs on): nothing on its case after it. */
	int64_t support_end;
	/* The parent self-assessment's form (NULL: none is written). */
	const struct form *self_assessment;
	struct demo_parenting_counts n;
};

/* The most days parents stay to meet: by then the parent worker has
 * asked them (agreed, declined or not reached). */
#define DEMO_TO_MEET_DAYS 42

static int
pct(struct pgen *g, unsigned p)
{
	return demo_rng_below(&g->rng, 100) < p;
}

static int64_t
range(struct pgen *g, int64_t lo, int64_t hi)
{
	return lo + (int64_t)demo_rng_below(&g->rng, (uint32_t)(hi - lo + 1));
}

static int64_t
day_of(const char *s)
{
	int64_t d;
	return s && date_parse(s, &d) == 0 ? d : 0;
}

/* The parent self-assessment's domains (forms/parent-self-assessment.json):
 * how often a parent of a child open to the youth justice service has
 * some need, and a high one, in each (per cent; illustrative, after the
 * adversities the case study names). */
static const struct {
	const char *domain;
	unsigned some, high;
} NEEDS[] = {
    {"mental_health", 30, 15}, {"physical_health", 20, 5},
    {"substance_use", 10, 5},  {"offending", 10, 5},
    {"domestic_abuse", 15, 5}, {"housing", 20, 10},
    {"money", 30, 10},         {"relationship", 40, 20},
    {"safety", 15, 5},         {"understanding_needs", 30, 25},
    {"confidence", 40, 20},    {"support_network", 30, 15},
    {"language", 10, 5},       {"culture_faith", 5, 0},
};

/* A completed self-assessment on the parent's case, as the parent filled
 * it in with the worker on day: checked against the form and with its
 * proposals worked out as a practitioner's is. */
static int
add_self_assessment(struct pgen *g, int64_t case_id, int64_t parent,
                    int64_t worker, int64_t day)
{
	if (!g->self_assessment)
		return 0;
	json_t *answers = json_object();
	char key[64];
	/* Needs differ from parent to parent (a light, typical or complex
	 * picture) and from quarter to quarter (who is referred shifts over
	 * the year), each domain on its own: a percentage scale on the
	 * domain's rates, from the quarter of `day` and the domain. */
	unsigned profile = demo_rng_below(&g->rng, 100);
	unsigned person = profile < 30 ? 60 : profile < 80 ? 100 : 160;
	int64_t quarter = (day > 0 ? day : 0) / 91;
	for (size_t i = 0; answers && i < sizeof(NEEDS) / sizeof(NEEDS[0]);
	     i++) {
		unsigned season =
		    60 + (unsigned)((quarter * 37 + (int64_t)i * 53) % 81);
		unsigned scale = person * season / 100;
		unsigned high = NEEDS[i].high * scale / 100;
		unsigned some = NEEDS[i].some * scale / 100;
		unsigned x = demo_rng_below(&g->rng, 100);
		const char *need = x < high          ? "high"
		                   : x < high + some ? "some"
		                                     : "none";
		snprintf(key, sizeof(key), "%s_need", NEEDS[i].domain);
		json_object_set_new(answers, key, json_string(need));
		snprintf(key, sizeof(key), "%s_help", NEEDS[i].domain);
		json_object_set_new(
		    answers, key,
		    json_boolean(strcmp(need, "none") != 0 && pct(g, 75)));
	}
	if (!answers)
		return err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	char d[11];
	date_text(day > g->ref ? g->ref : day, d);
	int rc = forms_validate(g->self_assessment, answers, 1, g->w->e);
	json_t *doc = NULL;
	if (rc == 0)
		rc = forms_response(g->self_assessment, answers, "completed", d,
		                    &doc, g->w->e);
	json_decref(answers);
	char *text =
	    rc == 0 ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (rc == 0 && !text)
		rc = err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = demo_insert(
		    g->w, &FORM_RESPONSES,
		    json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:s}", "form_id",
		              g->self_assessment->id, "form_version",
		              (json_int_t)g->self_assessment->version,
		              "case_id", (json_int_t)case_id, "completed_by",
		              "parent", "authored", d, "status", "completed",
		              "document", text),
		    json_pack("{s:s, s:I, s:I, s:s}", "subject_type", "case",
		              "person_id", (json_int_t)parent,
		              "confidential_to", (json_int_t)parent,
		              "confidential_share", "parent_self_assessment"),
		    worker, NULL);
	free(text);
	g->n.self_assessments += rc == 0;
	return rc;
}

/* The parent worker of the child's team, else one of the parenting
 * team's. */
static int64_t
worker_for(struct pgen *g, int64_t team_id)
{
	for (size_t i = 0; i < g->n_teams; i++)
		if (g->teams[i].team_id == team_id && g->teams[i].parent_worker)
			return g->teams[i].parent_worker;
	return g->n_workers
	           ? g->workers[demo_rng_below(&g->rng, (uint32_t)g->n_workers)]
	           : 0;
}

static const char *const ONE_TO_ONE[] = {
    "confidence_building", "cbt_strategies", "household_routines",
    "understanding_diagnosis", "parents_health"};
static const char *const JOINT[] = {"family_meeting", "mediation"};

static const char *const GOALS[][2] = {
    {"I want to stop arguing with my child every morning before school",
     "Try the morning routine chart for four weeks"},
    {"I want to know where my child is in the evenings without a row",
     "Agree a check-in time and what happens if it is missed"},
    {"I need to understand my child's autism and what helps them calm down",
     "Go to the autism parents' course at the Family Hub"},
    {"I want to feel less alone with all this",
     "Come to the monthly Friendship Group"},
    {"I want to get my own anxiety sorted so I can cope",
     "See the GP and ask about talking therapy"},
    {"We need the house to be calmer at night",
     "Phones in the kitchen at 10pm for everyone"},
};

static int contact_on(const struct demo_write *w, int64_t case_id,
                      const char *day, int64_t *held, int *taken);

/* A contact of type on the parenting case on date that the parent
 * attended, with the worker, minutes long, at location (NULL: a call);
 * none when the case has one that day already (one visit is one contact:
 * the case's own visits, demo.c, session 28). */
static int
parent_contact(struct pgen *g, int64_t case_id, int64_t parent, int64_t worker,
               const char *date, const char *type, const char *summary,
               int minutes, const char *location)
{
	int64_t held = 0;
	int taken = 0;
	int rc = contact_on(g->w, case_id, date, &held, &taken);
	if (rc || taken)
		return rc;
	/* As the contact form sends it: the date, the time apart, what
	 * happened (the parent took part), the child not there. */
	char when[6];
	demo_contact_time(&g->rng, when);
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:b, s:i, s:s*}",
	    "case_id", (json_int_t)case_id, "contact_date", date,
	    "contact_time", when, "contact_type", type, "joint", 0, "summary",
	    summary, "outcome", "attended", "child_seen", 0, "seen_alone", 0,
	    "duration_minutes", minutes, "location", location);
	int64_t id = 0;
	rc = demo_insert(g->w, &CONTACTS, body, NULL, worker, &id);
	if (rc == 0)
		rc = store_contacts_attendee_add(g->w->db, id, parent, 0,
		                                 g->w->at, g->w->e);
	if (rc == 0)
		rc = store_contacts_attendee_add(g->w->db, id, 0, worker,
		                                 g->w->at, g->w->e);
	g->n.contacts += rc == 0;
	return rc;
}

/* The contact a held session stands as on the parenting case. */
static int
session_contact(struct pgen *g, int64_t case_id, int64_t parent, int64_t worker,
                const char *date, const char *summary)
{
	return parent_contact(g, case_id, parent, worker, date, "session",
	                      summary, 60, "The Parenting Team's office");
}

/* The given name of person id, into out[size] ("the parent": none). */
static int
given_name(const struct demo_write *w, int64_t id, char *out, size_t size)
{
	json_t *rec = NULL;
	int rc = record_get(w->db, PEOPLE.table, id, &rec, w->e);
	const char *name =
	    rc == 0 ? json_string_value(json_object_get(rec, "given_name"))
	            : NULL;
	snprintf(out, size, "%s", name ? name : "the parent");
	json_decref(rec);
	return rc;
}

/* The call to the parent the working day after a session they missed,
 * before the reference date. */
static int
missed_call(struct pgen *g, int64_t case_id, int64_t parent, int64_t worker,
            int64_t missed)
{
	int64_t day = demo_working_day(missed + 1);
	/* Not after the support ended and its case closed (session 29). */
	if (day >= g->ref || (g->support_end && day > g->support_end))
		return 0;
	char d[11], name[64], summary[240];
	date_text(day, d);
	int rc = given_name(g->w, parent, name, sizeof(name));
	if (rc)
		return rc;
	snprintf(summary, sizeof(summary),
	         "Phone call with %s after the missed session: talked "
	         "through what got in the way and agreed a new date.",
	         name);
	return parent_contact(g, case_id, parent, worker, d, "phone", summary,
	                      15, NULL);
}

/* One session (or contract) of the parent on case_id on `day`. */
static int
add_session(struct pgen *g, int64_t case_id, int64_t parent, int64_t child,
            int64_t worker, int64_t day, int contract)
{
	char d[11], review[11];
	/* A session is a meeting: on a working day (docs/demo.md). */
	day = demo_working_day(day);
	date_text(day, d);
	int future = day >= g->ref; /* today's is still to come */
	unsigned x = demo_rng_below(&g->rng, 100);
	const char *status = future   ? "planned"
	                     : x < 85 ? "held"
	                     : x < 95 ? "did_not_attend"
	                              : "cancelled";
	int joint = !contract && pct(g, 25);
	const char *type = contract ? "behaviour_contract"
	                   : joint  ? "joint"
	                            : "one_to_one";
	const char *topic = contract ? NULL
	                    : joint  ? JOINT[demo_rng_below(&g->rng, 2)]
	                             : ONE_TO_ONE[demo_rng_below(&g->rng, 5)];
	json_t *body = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s*, s:i}", "case_id", (json_int_t)case_id,
	    "session_date", d, "status", status, "session_type", type, "topic",
	    topic, "duration_minutes", (int)range(g, 4, 8) * 15);
	if (body && (joint || contract))
		json_object_set_new(body, "child_id", json_integer(child));
	if (body && contract) {
		/* The case study's own contract could not be agreed. */
		unsigned y = demo_rng_below(&g->rng, 100);
		const char *outcome = g->contracts++ == 0 ? "not_agreed"
		                      : y < 40            ? "kept"
		                      : y < 70            ? "partly_kept"
		                      : y < 85            ? "broken"
		                                          : "not_agreed";
		date_text(demo_working_day(day + 28), review);
		json_object_set_new(
		    body, "contract_terms",
		    json_string("Home by 9pm on school nights and a text if "
		                "running late; no phones at the table; "
		                "Saturday money when the week is kept."));
		json_object_set_new(body, "contract_review_date",
		                    json_string(review));
		/* Reviewed by now, or refused at the table. */
		int known =
		    day + 28 <= g->ref || strcmp(outcome, "not_agreed") == 0;
		if (strcmp(status, "held") == 0 && known)
			json_object_set_new(body, "contract_outcome",
			                    json_string(outcome));
	}
	json_t *server = json_pack("{s:I}", "person_id", (json_int_t)parent);
	int rc =
	    demo_insert(g->w, &PARENT_SESSIONS, body, server, worker, NULL);
	g->n.sessions += rc == 0;
	if (rc == 0 && strcmp(status, "held") == 0)
		rc = session_contact(g, case_id, parent, worker, d,
		                     contract ? "Behaviour contract session "
		                                "with the parent and child."
		                              : "Parenting session.");
	else if (rc == 0 && strcmp(status, "did_not_attend") == 0)
		rc = missed_call(g, case_id, parent, worker, day);
	return rc;
}

/* The days from one session of a parent's support to the next: about
 * fortnightly when the support is the case's own work (the parenting
 * pathway, docs/parenting.md "Demo data"; session 28: support cases
 * with a contact a month), about monthly on a family's parenting case
 * that has its own visits (demo.c). One draw. */
static int64_t
session_gap(struct pgen *g, int own_case)
{
	return own_case ? range(g, 10, 18) : range(g, 24, 38);
}

/* The sessions of a parent's support on case_id from day `from` to
 * `last` (the support's end; after the reference date, one planned
 * after it), a behaviour contract as the contract_at-th (-1: none). */
static int
add_sessions(struct pgen *g, int64_t case_id, int64_t parent, int64_t child,
             int64_t worker, int64_t from, int64_t last, int own_case,
             int contract_at)
{
	int rc = 0;
	int64_t day = from;
	g->support_end = last < g->ref ? last : 0;
	for (int i = 0; rc == 0 && day <= last; i++) {
		rc = add_session(g, case_id, parent, child, worker, day,
		                 i == contract_at && day <= g->ref);
		if (day > g->ref)
			break;
		day += session_gap(g, own_case);
	}
	return rc;
}

/* Close parenting case id, its only support ended on end_date: its end
 * date set (the earlier version kept in history), then closed as a
 * practitioner closes a case, with the support's end as the reason. */
static int
close_parent_case(struct pgen *g, int64_t id, const char *end_date,
                  const char *end_reason, int64_t worker)
{
	json_t *rec = NULL;
	int rc = record_get(g->w->db, &CASES_TABLE, id, &rec, g->w->e);
	if (rc == 0 &&
	    json_object_set_new(rec, "end_date", json_string(end_date)))
		rc = err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	int64_t version = json_integer_value(json_object_get(rec, "version"));
	if (rc == 0)
		rc = record_update(g->w->db, &CASES_TABLE, id, version, rec,
		                   g->w->at, worker, g->w->e);
	json_decref(rec);
	if (rc == 0)
		rc = record_close(g->w->db, &CASES_TABLE, id, version + 1,
		                  strcmp(end_reason, "completed") == 0
		                      ? "Parent support completed"
		                      : "Parent stopped taking part",
		                  g->w->at, worker, g->w->e);
	return rc;
}

/* A parent's support around one child, from the to-meet row. */
static int
add_support(struct pgen *g, const json_t *row, int first_parent)
{
	int64_t parent = json_integer_value(json_object_get(row, "person_id"));
	int64_t child = json_integer_value(json_object_get(row, "child_id"));
	int64_t child_case =
	    json_integer_value(json_object_get(row, "child_case_id"));
	int64_t outcome =
	    json_integer_value(json_object_get(row, "outcome_id"));
	int64_t start =
	    day_of(json_string_value(json_object_get(row, "start_date")));
	struct parent_case_ref c;
	int rc = store_parent_case_ref(g->w->db, child_case, "child_case_id",
	                               &c, g->w->e);
	if (rc)
		return rc;
	int64_t worker = worker_for(g, c.team_id);
	int64_t asked = start + range(g, 2, 14);
	if (asked > g->ref)
		asked = g->ref;
	unsigned x = demo_rng_below(&g->rng, 100);
	const char *agreement = first_parent ? (x < 85   ? "agreed"
	                                        : x < 95 ? "declined"
	                                                 : "not_reached")
	                                     : (x < 60   ? "agreed"
	                                        : x < 85 ? "declined"
	                                                 : "not_reached");
	int agreed = strcmp(agreement, "agreed") == 0;
	int64_t case_id = 0;
	int own_case = 0; /* the parenting case is opened for this support */
	if (agreed) {
		rc =
		    store_parent_open_case(g->w->db, parent, &case_id, g->w->e);
		own_case = rc == 0 && !case_id;
		/* An open parenting case that began later (the family's
		 * parenting work, demo.c): the support was agreed when it
		 * began, and its sessions follow (session 27: a session
		 * before its case). */
		int64_t opened = 0;
		if (rc == 0 && case_id &&
		    (rc = demo_case_start(g->w, case_id, &opened)) == 0 &&
		    opened > asked)
			asked = opened;
		if (rc)
			return rc;
	}
	char ad[11], rd[11];
	date_text(asked, ad);
	/* Reviewed every quarter: the next review is the first one not held
	 * yet, a few of them slipped by up to three weeks. */
	int64_t review = asked + 90, slip = range(g, 0, 21);
	while (review < g->ref - slip)
		review += 90;
	date_text(demo_working_day(review), rd);
	/* Support begun more than five months ago has often ended: most
	 * completed after four to six months, some parents stopped taking
	 * part. Its last session is on or before its end. Not the first
	 * parent's, whose goals the due list shows (below). */
	int64_t ended = 0;
	const char *end_reason = NULL;
	if (agreed && asked < g->ref - 150 && g->n.plan_items >= 2 &&
	    pct(g, 45)) {
		ended = demo_working_day(asked + range(g, 100, 180));
		if (ended > g->ref - 7)
			ended = demo_working_day(g->ref - range(g, 7, 30));
		end_reason = pct(g, 70) ? "completed" : "disengaged";
	}
	char ed[11];
	if (ended)
		date_text(ended, ed);
	if (own_case) {
		rc = store_parent_case_insert(
		    g->w->db, parent, g->parenting_team, worker, ad,
		    "Parent support around a child's youth justice "
		    "intervention",
		    g->w->at, worker, &case_id, g->w->e);
		g->n.cases += rc == 0;
		if (rc)
			return rc;
	}
	json_t *body = json_pack(
	    "{s:I, s:I, s:I, s:s, s:s, s:s*, s:s*, s:s*, s:s*}", "person_id",
	    (json_int_t)parent, "child_case_id", (json_int_t)child_case,
	    "outcome_id", (json_int_t)outcome, "agreement", agreement,
	    "agreement_date", ad, "start_date", agreed ? ad : NULL,
	    "next_review_date", agreed && !ended ? rd : NULL, "end_date",
	    ended ? ed : NULL, "end_reason", end_reason);
	json_t *server =
	    json_pack("{s:o, s:I, s:s*}", "case_id", demo_id(case_id),
	              "child_id", (json_int_t)child, "relationship",
	              json_string_value(json_object_get(row, "relationship")));
	rc = demo_insert(g->w, &PARENT_SUPPORTS, body, server, worker, NULL);
	g->n.supports += rc == 0;
	if (rc || !agreed)
		return rc;
	/* The self-assessment at the first meeting after agreeing. */
	rc = add_self_assessment(g, case_id, parent, worker,
	                         asked + range(g, 3, 14));
	if (rc)
		return rc;
	/* As often as the support asks (session_gap), and one planned
	 * after the reference date. */
	int64_t day = asked + range(g, 5, 15);
	/* A behaviour contract at one support in four, and at the first
	 * until one is made: the case study's, the demo always has one. */
	int contract_at =
	    pct(g, 25) || g->contracts == 0 ? (int)range(g, 1, 3) : -1;
	int64_t last = ended ? ended : g->ref + 30;
	rc = add_sessions(g, case_id, parent, child, worker, day, last,
	                  own_case, contract_at);
	for (int i = 0; rc == 0 && i < 2; i++) {
		const char *const *goal = GOALS[demo_rng_below(&g->rng, 6)];
		char due[11];
		int64_t by = asked + range(g, 30, 120);
		/* A goal still being worked on is due again soon after the
		 * last review moved it on, or a little overdue. */
		if (by < g->ref - 30 && pct(g, 40))
			by = g->ref + range(g, -14, 45);
		/* The first parent's goals: one a little overdue, one due in
		 * the fortnight, so that the due list always shows both
		 * (tests/api/demo_today.test.mjs), whatever else is drawn. */
		int lead = g->n.plan_items < 2;
		if (lead && i == 0)
			by = demo_working_day_before(g->ref - range(g, 3, 14));
		else if (lead)
			by = g->ref + range(g, 2, 10);
		/* A support that has ended had its goals due by its end,
		 * each done or, when the parent stopped taking part,
		 * stopped (session 29: goals of supports ended a year
		 * before were still in progress, due after the end). */
		if (ended && by > ended)
			by = demo_working_day_before(ended);
		date_text(demo_working_day(by), due);
		int done = day_of(due) < g->ref && pct(g, 60) && !lead;
		const char *status = done ? "done" : "in_progress";
		if (ended && !done)
			status = strcmp(end_reason, "completed") == 0
			             ? "done"
			             : "stopped";
		json_t *item = json_pack(
		    "{s:I, s:s, s:s, s:s, s:s, s:s}", "case_id",
		    (json_int_t)case_id, "goal", goal[0], "action", goal[1],
		    "who", i ? "Parent, with the parent worker" : "Parent",
		    "due_date", due, "status", status);
		json_t *srv =
		    json_pack("{s:I}", "person_id", (json_int_t)parent);
		rc = demo_insert(g->w, &PARENT_PLAN_ITEMS, item, srv, worker,
		                 NULL);
		g->n.plan_items += rc == 0;
	}
	if (rc == 0 && ended && own_case)
		rc = close_parent_case(g, case_id, ed, end_reason, worker);
	return rc;
}

int
demo_parenting_load(const struct demo_write *w, uint64_t seed,
                    int64_t yj_service, int64_t parenting_team,
                    const int64_t *workers, size_t n_workers,
                    const struct demo_parent_team *teams, size_t n_teams,
                    const struct forms *forms,
                    struct demo_parenting_counts *counts)
{
	struct pgen g;
	memset(&g, 0, sizeof(g));
	g.w = w;
	g.rng.s = seed ^ 0x706172656e747321ull; /* its own sequence */
	g.ref = demo_ref_day();
	g.parenting_team = parenting_team;
	g.workers = workers;
	g.n_workers = n_workers;
	g.teams = teams;
	g.n_teams = n_teams;
	g.self_assessment =
	    forms ? forms_find(forms, PARENT_SELF_ASSESSMENT_FORM, 0) : NULL;
	struct parent_scope q = {
	    .service_id = yj_service, .manager = 1, .limit = 1000000};
	json_t *rows = NULL;
	int64_t open = 0, all = 0;
	int rc = store_parent_open_yj_children(w->db, &open, w->e);
	if (rc == 0)
		rc = store_parent_to_meet(w->db, &q, 0, &rows, &all, w->e);
	if (rc)
		return rc;
	/* Count the children to meet, then engage about one in ten of the
	 * children open to the service. */
	size_t n = json_array_size(rows), with_parents = 0;
	int64_t last = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t child = json_integer_value(
		    json_object_get(json_array_get(rows, i), "child_id"));
		with_parents += child != last;
		last = child;
	}
	size_t target = (size_t)(open + 5) / 10;
	unsigned rate =
	    with_parents ? (unsigned)(target * 100 / with_parents) : 0;
	if (rate > 100)
		rate = 100;
	last = 0;
	int picked = 0, first = 1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const json_t *row = json_array_get(rows, i);
		int64_t child =
		    json_integer_value(json_object_get(row, "child_id"));
		/* A parent worker meets the parents within weeks of the
		 * intervention's start: those of a child whose intervention
		 * began more than DEMO_TO_MEET_DAYS ago have all been asked
		 * (session 27: parents to meet went back eighteen months). */
		int64_t began = day_of(
		    json_string_value(json_object_get(row, "start_date")));
		if (child != last) {
			picked =
			    pct(&g, rate) || began < g.ref - DEMO_TO_MEET_DAYS;
			first = 1;
			last = child;
		}
		if (!picked)
			continue;
		rc = add_support(&g, row, first);
		first = 0;
	}
	json_decref(rows);
	if (rc == 0 && counts)
		*counts = g.n;
	return rc;
}

/* A point and parent not seen, collected from store_parent_seen_each. */
struct unseen {
	int64_t child_case_id, child_id, person_id;
	char point[16], point_date[DATE_TEXT_LEN];
};

struct seen_walk {
	struct unseen *items;
	size_t n, cap;
	int64_t ref;
	/* The (point, parent) being read: its key and whether seen. */
	int64_t outcome_id, assessment_id, person_id;
	char point[16];
	int open, seen;
	struct unseen cur;
};

/* Keep the point just read when nobody saw the parent at it. */
static int
seen_flush(struct seen_walk *s, struct err *e)
{
	if (!s->open || s->seen)
		return 0;
	s->open = 0;
	struct unseen *x =
	    demo_grow(s->items, &s->cap, s->n, sizeof(*x), 256, e);
	if (!x)
		return SPIRE_ENOMEM;
	s->items = x;
	s->items[s->n++] = s->cur;
	return 0;
}

static int
seen_row(void *arg, const struct parent_seen_row *r, struct err *e)
{
	struct seen_walk *s = arg;
	int same = s->open && s->outcome_id == r->outcome_id &&
	           s->assessment_id == r->assessment_id &&
	           s->person_id == r->person_id && r->point &&
	           strcmp(s->point, r->point) == 0;
	int64_t pd = 0;
	if (!same) {
		int rc = seen_flush(s, e);
		if (rc)
			return rc;
		s->open = 0;
		if (!r->point || !r->point_date ||
		    date_parse(r->point_date, &pd) != 0 || pd > s->ref)
			return 0;
		s->open = 1;
		s->seen = 0;
		s->outcome_id = r->outcome_id;
		s->assessment_id = r->assessment_id;
		s->person_id = r->person_id;
		snprintf(s->point, sizeof(s->point), "%s", r->point);
		s->cur = (struct unseen){.child_case_id = r->child_case_id,
		                         .child_id = r->child_id,
		                         .person_id = r->person_id};
		snprintf(s->cur.point, sizeof(s->cur.point), "%s", r->point);
		snprintf(s->cur.point_date, sizeof(s->cur.point_date), "%s",
		         r->point_date);
	}
	if (!s->open || !r->contact_date)
		return 0;
	char d[DATE_TEXT_LEN];
	int64_t cd = 0;
	snprintf(d, sizeof(d), "%.10s", r->contact_date);
	if (date_parse(d, &cd) == 0 &&
	    date_parse(s->cur.point_date, &pd) == 0 &&
	    cd >= pd - PARENT_SEEN_DAYS_BEFORE &&
	    cd <= pd + PARENT_SEEN_DAYS_AFTER)
		s->seen = 1;
	return 0;
}

/* The worker of case id (0: none). */
static int
case_worker(const struct demo_write *w, int64_t id, int64_t *worker)
{
	json_t *rec = NULL;
	int rc = record_get(w->db, &CASES_TABLE, id, &rec, w->e);
	if (rc == 0)
		*worker = json_integer_value(json_object_get(rec, "worker_id"));
	json_decref(rec);
	return rc;
}

/* The contact on case_id on day: *held the id of one that happened (0:
 * none), *taken whether any is on that day. */
static int
contact_on(const struct demo_write *w, int64_t case_id, const char *day,
           int64_t *held, int *taken)
{
	json_t *list = NULL;
	*held = 0;
	*taken = 0;
	int rc = record_list(w->db, &CONTACTS_TABLE, "case_id", case_id, 0,
	                     100000, 0, &list, w->e);
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		const char *d =
		    json_string_value(json_object_get(c, "contact_date"));
		const char *o =
		    json_string_value(json_object_get(c, "outcome"));
		if (!d || strncmp(d, day, 10) != 0)
			continue;
		*taken = 1;
		if (!*held && o && strcmp(o, "attended") == 0)
			*held = json_integer_value(json_object_get(c, "id"));
	}
	json_decref(list);
	return rc;
}

int
demo_parenting_sessions(const struct demo_write *w, uint64_t seed,
                        int64_t case_id, int64_t parent, int64_t child,
                        int64_t worker, int64_t from, int64_t *sessions,
                        int64_t *contacts)
{
	struct pgen g;
	memset(&g, 0, sizeof(g));
	g.w = w;
	demo_rng_child(&g.rng, seed, DEMO_STREAM_PARENT_SESSIONS, case_id);
	g.ref = demo_ref_day();
	g.contracts = 1; /* the case study's is parenting.c's own */
	int64_t day = from + range(&g, 5, 15);
	int contract_at = pct(&g, 25) ? (int)range(&g, 1, 3) : -1;
	int rc = add_sessions(&g, case_id, parent, child, worker, day,
	                      g.ref + 30, 1, contract_at);
	if (sessions)
		*sessions += g.n.sessions;
	if (contacts)
		*contacts += g.n.contacts;
	return rc;
}

int
demo_parenting_seen(const struct demo_write *w, uint64_t seed,
                    int64_t yj_service, const struct demo_yj_case *yj_cases,
                    size_t n, int64_t *contacts)
{
	struct demo_rng rng = {seed ^ 0x7365656e21ull};
	struct parent_scope q = {
	    .service_id = yj_service, .manager = 1, .limit = 1000000};
	struct seen_walk s;
	memset(&s, 0, sizeof(s));
	s.ref = demo_ref_day();
	int rc = store_parent_seen_each(w->db, &q, seen_row, &s, w->e);
	if (rc == 0)
		rc = seen_flush(&s, w->e);
	int64_t made = 0;
	const struct demo_contact_kind *k = demo_contact_kind_home_visit();
	for (size_t i = 0; rc == 0 && i < s.n; i++) {
		const struct unseen *u = &s.items[i];
		if (demo_rng_pct(&rng, 4))
			continue; /* the odd parent is missed */
		char when[6], summary[160];
		demo_contact_time(&rng, when);
		/* While the child is held: at the secure establishment. */
		const struct demo_yj_case *c =
		    demo_yj_case_find(yj_cases, n, u->child_case_id);
		int64_t day = 0;
		if (date_parse(u->point_date, &day) != 0)
			continue;
		/* One visit a day on the case: a parent met at a contact that
		 * day (a second parent at the same point, the child's own
		 * visit) joins it; else the visit is on a free day near the
		 * point, up to the day before the demo's date (session 27:
		 * two visits at one time, one recorded per parent). */
		char on[DATE_TEXT_LEN];
		int64_t held_id = 0;
		int taken = 1;
		if (day >= s.ref)
			day = demo_working_day_before(s.ref - 1);
		/* Earlier days first, never before the case opened (session
		 * 28: a visit the day before its case); then later ones. */
		int64_t point = day;
		for (int tries = 0; rc == 0 && taken && tries < 16; tries++) {
			date_text(day, on);
			rc = contact_on(w, u->child_case_id, on, &held_id,
			                &taken);
			if (held_id || !taken)
				break;
			int64_t back = demo_working_day_before(day - 1);
			day = day <= point && (!c || back >= c->start_date)
			          ? back
			          : demo_working_day(
			                (day > point ? day : point) + 1);
			if (day >= s.ref)
				break;
		}
		if (rc)
			break;
		if (taken && !held_id)
			continue; /* no free day near the point: missed */
		if (held_id) {
			rc = store_contacts_attendee_add(
			    w->db, held_id, u->person_id, 0, w->at, w->e);
			continue;
		}
		const char *held = demo_yj_in_custody(c, day)
		                       ? demo_yj_secure_place(c, day)
		                       : NULL;
		if (held)
			snprintf(summary, sizeof(summary),
			         "Met the child and the parent at %s at the %s "
			         "of the intervention and talked it through.",
			         held, u->point);
		else
			snprintf(
			    summary, sizeof(summary),
			    "Met the family at the %s of the intervention: "
			    "talked it through with the parent and the "
			    "child.",
			    u->point);
		/* By the child's case worker, who attends it. */
		int64_t worker = 0;
		rc = case_worker(w, u->child_case_id, &worker);
		if (rc)
			break;
		json_t *body = json_pack(
		    "{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:b, s:i, s:s}",
		    "case_id", (json_int_t)u->child_case_id, "contact_date", on,
		    "contact_time", when, "contact_type",
		    held ? "session" : k->type, "joint", 0, "summary", summary,
		    "outcome", "attended", "child_seen", 1, "seen_alone", 0,
		    "duration_minutes", 60, "location",
		    held ? held : k->location);
		int64_t id = 0;
		rc = demo_insert(w, &CONTACTS, body, NULL, worker, &id);
		if (rc == 0 && worker)
			rc = store_contacts_attendee_add(w->db, id, 0, worker,
			                                 w->at, w->e);
		if (rc == 0)
			rc = store_contacts_attendee_add(
			    w->db, id, u->person_id, 0, w->at, w->e);
		if (rc == 0)
			rc = store_contacts_attendee_add(w->db, id, u->child_id,
			                                 0, w->at, w->e);
		made += rc == 0;
	}
	free(s.items);
	if (contacts)
		*contacts = made;
	return rc;
}

/*
 * parenting_family_plan.c - the demo's One Family, One Plan (see the
 * header): a family working with more than one service gets its key
 * worker, a plan written in the family's words, three actions and, when
 * the plan has run long enough, a review. Written as the services write
 * them (demo/write.h); the rules the services check (one open plan a
 * family, owners in the family, dates in order) are kept here.
 */
#include "demo/parenting_family_plan.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "demo/dates.h"
#include "demo/rng.h"
#include "service/consents.h"
#include "service/families.h"
#include "service/parenting/family_plan.h"
#include "store/families.h"

/* What families say they want to change, in their own words (seed 001). */
static const char *const WANTS[] = {
    "I need to get the kids to school every day. I will link up with the "
    "other parents on our route and we will take turns to walk them.",
    "We want less shouting at home and to sort things out by talking.",
    "I want to know where my {son} is in the evenings and for {him} to be "
    "home by ten.",
    "We want to keep our home: pay the rent on time and get the arrears "
    "down.",
    "I want to get well again so I can be there for the children.",
};

static const char *const STRENGTHS[] = {
    "{Carer} is determined and the children want things to change.",
    "Grandparents help every week and the children love them.",
    "The family has kept every appointment so far.",
};

static const char *const FAMILY_ACTIONS[] = {
    "Walk the children to school with the other parents on our route",
    "Agree a time to be home, and keep to it",
    "Go to the Friendship Group at the Family Hub once a month",
};

static const char *const AGENCIES[] = {
    "School",
    "Family Hub",
    "Housing",
    "GP surgery",
};

static const char *const AGENCY_ACTIONS[] = {
    "Phone home when a child is not in school by 9:30",
    "Help the family apply for a housing payment",
    "Book an appointment about sleep and mood",
};

/* What the services working with the family will do: an agency's
 * actions, owned by the service (the seed's owners are a family member
 * or an agency). */
static const char *const SERVICE_ACTIONS[] = {
    "Meet the family every two weeks to look at the plan together",
    "Refer {carer} to a peer mentor who speaks {their} language",
    "Arrange a Family Group Conference",
};

/* The agency a service's action is owned by, by the second service's
 * code (f->other_service); the key worker's service otherwise. */
static const char *
service_agency(const char *code)
{
	static const struct {
		const char *code, *agency;
	} AGENCY_OF[] = {
	    {"parenting", "Parenting Team"},
	    {"early_help", "Early Help"},
	    {"family_hub", "Family Hub"},
	    {"childrens_social_care", "Children's social care"},
	    {"fgc", "Family Group Conference service"},
	    {"youth_justice", "Youth Justice Service"},
	};
	for (size_t i = 0; code && i < DEMO_N_OF(AGENCY_OF); i++)
		if (strcmp(AGENCY_OF[i].code, code) == 0)
			return AGENCY_OF[i].agency;
	return "Youth Justice Service";
}

/* A review in the family's words and the practitioner's, each made of an
 * opening and a detail drawn apart, so that reviews read differently. */
static const char *const FAMILY_OPENINGS[] = {
    "Mornings are calmer.",
    "We talk more than we did.",
    "Things are a bit better.",
    "It has been a hard few weeks.",
    "The children are happier at home.",
    "We have kept to most of the plan.",
};

static const char *const FAMILY_DETAILS[] = {
    "The kids went to school every day but one this month.",
    "There was one big row but we sorted it out ourselves.",
    "The money worries are still there and the rent is behind.",
    "Our {son} is home by ten most nights now.",
    "I went to the Friendship Group twice and it helped.",
    "Nan has the children on Saturdays, which gives me a break.",
    "We still argue about phones at bedtime.",
};

static const char *const PRACTITIONER_OPENINGS[] = {
    "Attendance has risen.",
    "Fewer incidents at home are reported.",
    "Some progress since the last review.",
    "Little change since the last review.",
    "The family are keeping to the plan.",
    "Engagement has been good.",
};

static const char *const PRACTITIONER_DETAILS[] = {
    "The school confirms it.",
    "The housing action is overdue and has been chased.",
    "{Carer} has started seeing a peer mentor.",
    "The GP appointment was missed and has been rebooked.",
    "The family meeting agreed new house rules.",
    "We agreed to look again at the evening routine.",
    "A step up was discussed and not needed.",
};

/* text with its words about people put in: {son} and {him} by the
 * child's sex, {Carer}, {carer} and {their} by the carer's word and sex,
 * so that no plan calls a girl "my son". */
static void
words(char *out, size_t size, const char *text,
      const struct demo_plan_family *f)
{
	int girl = f->child_sex && strcmp(f->child_sex, "female") == 0;
	int woman = !f->carer_sex || strcmp(f->carer_sex, "female") == 0;
	const char *carer = f->carer_word ? f->carer_word : "mum";
	static const char *const KEYS[] = {"{son}", "{him}", "{Carer}",
	                                   "{carer}", "{their}"};
	size_t n = 0;
	out[0] = '\0';
	while (*text && n + 1 < size) {
		size_t k = 0;
		while (k < DEMO_N_OF(KEYS) &&
		       strncmp(text, KEYS[k], strlen(KEYS[k])) != 0)
			k++;
		if (k == DEMO_N_OF(KEYS)) {
			out[n++] = *text++;
			out[n] = '\0';
			continue;
		}
		const char *put = k == 0   ? (girl ? "daughter" : "son")
		                  : k == 1 ? (girl ? "her" : "him")
		                  : k == 4 ? (woman ? "her" : "his")
		                           : carer;
		int w = snprintf(out + n, size - n, "%s", put);
		if (k == 2 && n + 1 < size && out[n] >= 'a' && out[n] <= 'z')
			out[n] = (char)(out[n] - 'a' + 'A');
		n = w < 0 || (size_t)w >= size - n ? size - 1 : n + (size_t)w;
		text += strlen(KEYS[k]);
	}
}

/* Name the key worker: the family's record changed as a practitioner
 * changes it (the earlier version kept in history). */
static int
name_key_worker(const struct demo_write *w, const struct demo_plan_family *f)
{
	json_t *rec = NULL;
	int rc = record_get(w->db, &FAMILIES_TABLE, f->family_id, &rec, w->e);
	if (rc == 0 &&
	    json_object_set_new(rec, "key_worker_id", json_integer(f->worker)))
		rc = err_set(w->e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = record_update(
		    w->db, &FAMILIES_TABLE, f->family_id,
		    json_integer_value(json_object_get(rec, "version")), rec,
		    w->at, f->worker, w->e);
	json_decref(rec);
	return rc;
}

/* A date-time on day (days since 1970-01-01), mid-morning UTC: when a
 * row written that day was written. */
static void
at_day(int64_t day, char out[DATE_TEXT_LEN + 16])
{
	char d[DATE_TEXT_LEN];
	date_text(day, d);
	snprintf(out, DATE_TEXT_LEN + 16, "%sT10:00:00Z", d);
}

static int
add_action(const struct demo_write *w, json_t *body, int64_t user,
           struct demo_plan_counts *n)
{
	int rc = demo_insert(w, &FAMILY_PLAN_ACTIONS, body, NULL, user, NULL);
	n->actions += rc == 0;
	return rc;
}

int
demo_family_plan_add(const struct demo_write *w, uint64_t seed,
                     const struct demo_plan_family *f,
                     struct demo_plan_counts *n)
{
	struct demo_rng r = {seed ^
	                     ((uint64_t)f->family_id * 0x9e3779b97f4a7c15u)};
	/* The plan is agreed a week or two after the second service starts. */
	int64_t agreed = f->start + demo_rng_range(&r, 7, 21);
	if (agreed >= f->ref)
		agreed = f->ref - 1;
	/* Agreed at a meeting, on a working day (docs/demo.md). */
	agreed = demo_working_day_before(agreed);
	/* Each row is written on its own day (the plan and its actions when
	 * it is agreed, the review when it is held), so that the plan's
	 * versions show the plan's own dates, not the day of the load. */
	char agreed_at[DATE_TEXT_LEN + 16], review_at[DATE_TEXT_LEN + 16];
	struct demo_write wa = *w, wr = *w;
	at_day(agreed, agreed_at);
	wa.at = agreed_at;
	int rc = name_key_worker(w, f);
	if (rc)
		return rc;
	n->key_workers++;
	/* Reviewed every six weeks: the row is the last review held, so
	 * that the next is due within six weeks of today, never years
	 * overdue. */
	int64_t review = demo_working_day(agreed + 42);
	int reviewed = review < f->ref;
	while (demo_working_day(review + 42) < f->ref)
		review = demo_working_day(review + 42);
	char agreed_on[DATE_TEXT_LEN], review_on[DATE_TEXT_LEN],
	    next[DATE_TEXT_LEN], due[DATE_TEXT_LEN];
	date_text(agreed, agreed_on);
	date_text(reviewed ? demo_working_day(review + 42) : review, next);
	date_text(review, review_on);
	date_text(demo_working_day(agreed + 28), due);
	at_day(review, review_at);
	wr.at = review_at;
	int64_t plan = 0;
	char wants[300], strengths[300], service_action[200];
	words(wants, sizeof(wants), DEMO_PICK(&r, WANTS), f);
	words(strengths, sizeof(strengths), DEMO_PICK(&r, STRENGTHS), f);
	rc = demo_insert(&wa, &FAMILY_PLANS,
	                 json_pack("{s:I, s:s, s:s, s:s, s:s}", "family_id",
	                           (json_int_t)f->family_id, "wants_to_change",
	                           wants, "strengths", strengths, "agreed_on",
	                           agreed_on, "next_review_date", next),
	                 json_pack("{s:I}", "team_id", (json_int_t)f->team_id),
	                 f->worker, &plan);
	if (rc)
		return rc;
	n->plans++;
	/* Who will do what, by when: the family, an agency, a practitioner. */
	const char *done = reviewed ? "done" : "in_progress";
	rc = add_action(
	    &wa,
	    json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "plan_id",
	              (json_int_t)plan, "action", DEMO_PICK(&r, FAMILY_ACTIONS),
	              "owner_type", "family_member", "owner_person_id",
	              (json_int_t)f->carer_id, "due_date", due, "status", done),
	    f->worker, n);
	if (rc == 0)
		rc = add_action(
		    &wa,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "plan_id",
		              (json_int_t)plan, "action",
		              DEMO_PICK(&r, AGENCY_ACTIONS), "owner_type",
		              "agency", "owner_agency", DEMO_PICK(&r, AGENCIES),
		              "due_date", due, "status", "in_progress"),
		    f->worker, n);
	words(service_action, sizeof(service_action),
	      DEMO_PICK(&r, SERVICE_ACTIONS), f);
	if (rc == 0)
		rc = add_action(&wa,
		                json_pack("{s:I, s:s, s:s, s:s, s:s}",
		                          "plan_id", (json_int_t)plan, "action",
		                          service_action, "owner_type",
		                          "agency", "owner_agency",
		                          service_agency(f->other_service),
		                          "status", "not_started"),
		                f->worker, n);
	/* Half the carers agree that the second service may see the plan. */
	if (rc == 0 && f->other_service && demo_rng_pct(&r, 50)) {
		rc = demo_insert(
		    &wa, &CONSENTS,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
		              "person_id", (json_int_t)f->carer_id, "agency",
		              "Partnership services working with the family",
		              "purpose", "To share the family's plan",
		              "lawful_basis", "consent", "given_on", agreed_on,
		              "shares", "family_plan", "shared_with",
		              f->other_service),
		    NULL, f->worker, NULL);
		n->consents += rc == 0;
	}
	if (rc || !reviewed)
		return rc;
	char family_words[300], practitioner_words[300], detail[200];
	const char *opening = DEMO_PICK(&r, FAMILY_OPENINGS);
	words(detail, sizeof(detail), DEMO_PICK(&r, FAMILY_DETAILS), f);
	snprintf(family_words, sizeof(family_words), "%s %s", opening, detail);
	opening = DEMO_PICK(&r, PRACTITIONER_OPENINGS);
	words(detail, sizeof(detail), DEMO_PICK(&r, PRACTITIONER_DETAILS), f);
	snprintf(practitioner_words, sizeof(practitioner_words), "%s %s",
	         opening, detail);
	date_text(demo_working_day(review + 42), next);
	rc = demo_insert(&wr, &FAMILY_PLAN_REVIEWS,
	                 json_pack("{s:I, s:s, s:s, s:s, s:s}", "plan_id",
	                           (json_int_t)plan, "review_date", review_on,
	                           "family_words", family_words,
	                           "practitioner_words", practitioner_words,
	                           "next_review_date", next),
	                 NULL, f->worker, NULL);
	n->reviews += rc == 0;
	return rc;
}

/*
 * parenting_family_plan.c - the demo's One Family, One Plan (see the
 * header): a family working with more than one service gets its key
 * worker, a plan written in the family's words, three actions, a review
 * every six weeks since it was agreed and, at the last, new actions; the
 * words fit the family (school only with a child of school age). Written as the
 * services write them (demo/write.h); the rules the services check (one open
 * plan a family, owners in the family, dates in order) are kept here.
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

/* What a text speaks of, so that it is said only of a family it fits
 * (session 28: school in a family whose only child was a baby): a child
 * of school age, two or more children, an older child's evenings out. */
#define T_SCHOOL 1u
#define T_KIDS 2u
#define T_OLDER 4u

struct text {
	const char *text;
	unsigned needs; /* T_*: what the family must have */
};

/* What families say they want to change, in their own words (seed 001). */
static const struct text WANTS[] = {
    {"I need to get the kids to school every day. I will link up with the "
     "other parents on our route and we will take turns to walk them.",
     T_SCHOOL | T_KIDS},
    {"We want less shouting at home and to sort things out by talking.", 0},
    {"I want to know where my {son} is in the evenings and for {him} to be "
     "home by ten.",
     T_OLDER},
    {"We want to keep our home: pay the rent on time and get the arrears "
     "down.",
     0},
    {"I want to get well again so I can be there for the children.", T_KIDS},
    {"I want to get well again so I can be there for my {son}.", 0},
};

static const struct text STRENGTHS[] = {
    {"{Carer} is determined and the children want things to change.",
     T_KIDS | T_OLDER},
    {"{Carer} is determined to make things better at home.", 0},
    {"Family and friends help every week and the children love them.", T_KIDS},
    {"The family has kept every appointment so far.", 0},
};

static const struct text FAMILY_ACTIONS[] = {
    {"Walk the children to school with the other parents on our route",
     T_SCHOOL | T_KIDS},
    {"Agree a time to be home, and keep to it", T_OLDER},
    {"Go to the Friendship Group at the Family Hub once a month", 0},
    {"Keep a simple routine for mornings and bedtimes", 0},
};

/* What an agency will do, with the agency that does it. */
static const struct {
	struct text action;
	const char *agency;
} AGENCY_ACTIONS[] = {
    {{"Phone home when a child is not in school by 9:30", T_SCHOOL}, "School"},
    {{"Help the family apply for a housing payment", 0}, "Housing"},
    {{"Book an appointment about sleep and mood", 0}, "GP surgery"},
    {{"Offer the family a place on a parenting course", 0}, "Family Hub"},
};

/* What the services working with the family will do: an agency's
 * actions, owned by the service (the seed's owners are a family member
 * or an agency). */
static const char *const SERVICE_ACTIONS[] = {
    "Meet the family every two weeks to look at the plan together",
    "Refer {carer} to a peer mentor who speaks {their} language",
    "Arrange a Family Group Conference",
};

/* The index of a text of list[0..n) (each stride bytes apart, its
 * struct text first) that fits a family with `has` (T_*), drawn from
 * those that fit; every list has one that fits any family. One draw. */
static size_t
pick_fit(struct demo_rng *r, const void *list, size_t n, size_t stride,
         unsigned has)
{
	size_t fit[8], k = 0;
	for (size_t i = 0; i < n && k < DEMO_N_OF(fit); i++) {
		const struct text *t =
		    (const struct text *)(const void *)((const char *)list +
		                                        i * stride);
		if ((t->needs & has) == t->needs)
			fit[k++] = i;
	}
	return k ? fit[demo_rng_below(r, (uint32_t)k)] : 0;
}

#define PICK_FIT(r, a, has)                                                    \
	(a)[pick_fit((r), (a), DEMO_N_OF(a), sizeof(*(a)), (has))]

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
static const struct text FAMILY_OPENINGS[] = {
    {"Mornings are calmer.", 0},
    {"We talk more than we did.", 0},
    {"Things are a bit better.", 0},
    {"It has been a hard few weeks.", 0},
    {"The children are happier at home.", T_KIDS},
    {"We have kept to most of the plan.", 0},
};

static const struct text FAMILY_DETAILS[] = {
    {"The kids went to school every day but one this month.",
     T_SCHOOL | T_KIDS},
    {"There was one big row but we sorted it out ourselves.", 0},
    {"The money worries are still there and the rent is behind.", 0},
    {"Our {son} is home by ten most nights now.", T_OLDER},
    {"I went to the Friendship Group twice and it helped.", 0},
    {"My mum has the children on Saturdays, which gives me a break.", T_KIDS},
    {"We still argue about phones at bedtime.", T_OLDER},
};

static const struct text PRACTITIONER_OPENINGS[] = {
    {"Attendance has risen.", T_SCHOOL},
    {"Fewer incidents at home are reported.", 0},
    {"Some progress since the last review.", 0},
    {"Little change since the last review.", 0},
    {"The family are keeping to the plan.", 0},
    {"Engagement has been good.", 0},
};

static const struct text PRACTITIONER_DETAILS[] = {
    {"The school confirms it.", T_SCHOOL},
    {"The housing action is overdue and has been chased.", 0},
    {"{Carer} has started seeing a peer mentor.", 0},
    {"The GP appointment was missed and has been rebooked.", 0},
    {"The family meeting agreed new house rules.", 0},
    {"We agreed to look again at the evening routine.", 0},
    {"A step up was discussed and not needed.", 0},
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

/* The family's review held on day (the plan's n-th): its words and the
 * next review's date, written that day. */
static int
add_review(const struct demo_write *w, struct demo_rng *r, int64_t plan,
           int64_t day, unsigned has, const struct demo_plan_family *f,
           struct demo_plan_counts *n)
{
	char family_words[300], practitioner_words[300], detail[200];
	char on[DATE_TEXT_LEN], next[DATE_TEXT_LEN], at[DATE_TEXT_LEN + 16];
	const char *opening = PICK_FIT(r, FAMILY_OPENINGS, has).text;
	words(detail, sizeof(detail), PICK_FIT(r, FAMILY_DETAILS, has).text, f);
	snprintf(family_words, sizeof(family_words), "%s %s", opening, detail);
	opening = PICK_FIT(r, PRACTITIONER_OPENINGS, has).text;
	words(detail, sizeof(detail),
	      PICK_FIT(r, PRACTITIONER_DETAILS, has).text, f);
	snprintf(practitioner_words, sizeof(practitioner_words), "%s %s",
	         opening, detail);
	date_text(day, on);
	date_text(demo_working_day(day + 42), next);
	struct demo_write wr = *w;
	at_day(day, at);
	wr.at = at;
	int rc = demo_insert(&wr, &FAMILY_PLAN_REVIEWS,
	                     json_pack("{s:I, s:s, s:s, s:s, s:s}", "plan_id",
	                               (json_int_t)plan, "review_date", on,
	                               "family_words", family_words,
	                               "practitioner_words", practitioner_words,
	                               "next_review_date", next),
	                     NULL, f->worker, NULL);
	n->reviews += rc == 0;
	return rc;
}

/* The actions agreed on day (the plan's agreement, or a review's): one
 * for the family, one for an agency and, at the agreement, one for the
 * second service; due four weeks on, done when review (0: none since)
 * came after that. */
static int
add_actions(const struct demo_write *w, struct demo_rng *r, int64_t plan,
            int64_t day, int reviewed, unsigned has,
            const struct demo_plan_family *f, int first,
            struct demo_plan_counts *n)
{
	char due[DATE_TEXT_LEN], at[DATE_TEXT_LEN + 16];
	date_text(demo_working_day(day + 28), due);
	struct demo_write wa = *w;
	at_day(day, at);
	wa.at = at;
	int rc = add_action(
	    &wa,
	    json_pack(
	        "{s:I, s:s, s:s, s:I, s:s, s:s}", "plan_id", (json_int_t)plan,
	        "action", PICK_FIT(r, FAMILY_ACTIONS, has).text, "owner_type",
	        "family_member", "owner_person_id", (json_int_t)f->carer_id,
	        "due_date", due, "status", reviewed ? "done" : "in_progress"),
	    f->worker, n);
	size_t a = pick_fit(r, AGENCY_ACTIONS, DEMO_N_OF(AGENCY_ACTIONS),
	                    sizeof(*AGENCY_ACTIONS), has);
	if (rc == 0)
		rc = add_action(
		    &wa,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "plan_id",
		              (json_int_t)plan, "action",
		              AGENCY_ACTIONS[a].action.text, "owner_type",
		              "agency", "owner_agency",
		              AGENCY_ACTIONS[a].agency, "due_date", due,
		              "status", reviewed ? "done" : "in_progress"),
		    f->worker, n);
	if (rc || !first)
		return rc;
	char service_action[200];
	words(service_action, sizeof(service_action),
	      DEMO_PICK(r, SERVICE_ACTIONS), f);
	return add_action(&wa,
	                  json_pack("{s:I, s:s, s:s, s:s, s:s}", "plan_id",
	                            (json_int_t)plan, "action", service_action,
	                            "owner_type", "agency", "owner_agency",
	                            service_agency(f->other_service), "status",
	                            reviewed ? "in_progress" : "not_started"),
	                  f->worker, n);
}

int
demo_family_plan_add(const struct demo_write *w, uint64_t seed,
                     const struct demo_plan_family *f,
                     struct demo_plan_counts *n)
{
	struct demo_rng r = {seed ^
	                     ((uint64_t)f->family_id * 0x9e3779b97f4a7c15u)};
	unsigned has = (f->school ? T_SCHOOL : 0u) |
	               (f->children > 1 ? T_KIDS : 0u) |
	               (f->older ? T_OLDER : 0u);
	/* The plan is agreed a week or two after the second service starts. */
	int64_t agreed = f->start + demo_rng_range(&r, 7, 21);
	if (agreed >= f->ref)
		agreed = f->ref - 1;
	/* Agreed at a meeting, on a working day (docs/demo.md). */
	agreed = demo_working_day_before(agreed);
	/* Each row is written on its own day (the plan and its actions when
	 * it is agreed, each review when it is held), so that the plan's
	 * versions show the plan's own dates, not the day of the load. */
	char agreed_at[DATE_TEXT_LEN + 16];
	struct demo_write wa = *w;
	at_day(agreed, agreed_at);
	wa.at = agreed_at;
	int rc = name_key_worker(w, f);
	if (rc)
		return rc;
	n->key_workers++;
	/* Reviewed every six weeks since it was agreed, each review held
	 * (session 28: a plan of sixteen months had one review and its
	 * actions were as old), so that the next is due within six weeks of
	 * today; the last review agrees new actions. */
	int64_t last = 0;
	for (int64_t d = demo_working_day(agreed + 42); d < f->ref;
	     d = demo_working_day(d + 42))
		last = d;
	char agreed_on[DATE_TEXT_LEN], next[DATE_TEXT_LEN];
	date_text(agreed, agreed_on);
	date_text(demo_working_day((last ? last : agreed) + 42), next);
	int64_t plan = 0;
	char wants[300], strengths[300];
	words(wants, sizeof(wants), PICK_FIT(&r, WANTS, has).text, f);
	words(strengths, sizeof(strengths), PICK_FIT(&r, STRENGTHS, has).text,
	      f);
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
	rc = add_actions(w, &r, plan, agreed, last != 0, has, f, 1, n);
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
	for (int64_t d = demo_working_day(agreed + 42); rc == 0 && d <= last;
	     d = demo_working_day(d + 42))
		rc = add_review(w, &r, plan, d, has, f, n);
	/* The last review's new actions, when the first are long past. */
	if (rc == 0 && last > agreed + 42)
		rc = add_actions(w, &r, plan, last, 0, has, f, 0, n);
	return rc;
}

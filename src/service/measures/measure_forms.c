/*
 * measure_forms.c - the whole-family measures read from form responses
 * (rule version 1 each; docs/measures.md, "Whole-family measures"). Source:
 * form_responses (completed, current: not closed, not superseded; the
 * person's and the case's records not entered in error), read with the
 * forms engine, which gives each response's answers and its scores as
 * they were saved; and steps_decisions. Computed from the records on every
 * request, not from the measures_facts summary.
 *
 * self-assessment-needs: each parent's latest completed parent
 *   self-assessment (form parent-self-assessment) authored in the period;
 *   one fact per domain answered (a domain is a top-level group of the
 *   form with a support-proposal rule; its need level the group's first
 *   choice question, "would like help" its first yes/no question).
 *   Denominator: domains answered; numerator: domains with a need (any
 *   level but the first, "none"); extras: parents at each level
 *   (no_need, some_need, high_need: the first three options) and
 *   would_like_help. by=domain gives the count of parents at each level
 *   for each domain. The periods place each parent at that latest
 *   self-assessment.
 * steps-to-change: families with a Steps to Change scoring (form
 *   steps-to-change, the distance-travelled rule) whose latest scoring
 *   (authored on or before the period's end) is in the period and is not
 *   their first. First = the first scoring at stage "start", or else the
 *   first. Per building block and rater (practitioner, family) with a
 *   score in both: the change latest - first. A family improved overall
 *   when the mean of its blocks' changes (both raters) is above zero.
 *   Denominator: those families; numerator: improved; extras:
 *   practitioner_change and family_change (mean change per block scored,
 *   to 2 decimals), step_ups (Steps to Change decisions to step up to
 *   social care or targeted early help dated in the period). by=block
 *   gives each block's mean changes; the families' own figures are then
 *   in the group "overall". About families, not people: no list.
 * pre-post-change: for every form with the pre-post rule, the pairs
 *   (first "pre" and last "post" response of a subject, per scored group
 *   the rule compares) that form_pre_post_pairs() gives, counted on the
 *   post response's date. Denominator: pairs; numerator: improved (the
 *   post score above the pre); extras mean_change (mean post - pre, to 2
 *   decimals), worse. by=group gives each scored group (groups of the same
 *   linkId in two forms are one group).
 */
#include "service/measures/measure_defs.h"
#include "service/parenting/parenting.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "service/forms/forms.h"
#include "service/forms/responses.h"

#define NUL STORE_MEASURE_NULL
#define SELF_ASSESSMENT PARENT_SELF_ASSESSMENT_FORM
#define STEPS "steps-to-change"

static const char *const PARENTING_SERVICES[] = {"parenting", NULL};

/* The index of code among q's own groups, or -1. */
static int
own_index(const struct measure_query *q, const char *code)
{
	for (int i = 0; code && i < q->n_own; i++)
		if (strcmp(q->own[i], code) == 0)
			return i;
	return -1;
}

/* A row of a response's subject, for the engine. */
static void
row_of(struct store_measure_row *row, const struct store_measure_response *r,
       int64_t person_id, int64_t record_id, const char *date)
{
	memset(row, 0, sizeof(*row));
	row->person_id = person_id;
	row->record_id = record_id;
	row->team_id = r ? r->team_id : 0;
	row->date = date;
	row->dob = r ? r->dob : NULL;
	row->sex = r ? r->sex : NULL;
	row->ethnicity = r ? r->ethnicity : NULL;
}

/* The answers and scores of response r under its form version. */
static json_t *
answers_of(const struct forms *forms, const char *form_id,
           const struct store_measure_response *r, json_t **scores)
{
	*scores = NULL;
	const struct form *def =
	    forms_find(forms, form_id, (long)r->form_version);
	json_t *doc = r->document ? json_loads(r->document, 0, NULL) : NULL;
	json_t *flags = NULL, *answers = NULL;
	if (def && doc)
		answers = forms_answers_of(def, doc, scores, &flags);
	json_decref(flags);
	json_decref(doc);
	return answers;
}

/* ---- self-assessment-needs ---- */

/* The domains of a self-assessment form: its top-level groups with a
 * support-proposal rule. */
static int
has_extension(const json_t *item, const char *url)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(item, "extension"), i, x)
	{
		const char *u = json_string_value(json_object_get(x, "url"));
		if (u && strcmp(u, url) == 0)
			return 1;
	}
	return 0;
}

static int
domains_of(const struct form *def, const char **out, int max)
{
	int n = 0;
	size_t i;
	json_t *it;
	json_array_foreach(def ? json_object_get(def->doc, "item") : NULL, i,
	                   it)
	{
		const char *type =
		    json_string_value(json_object_get(it, "type"));
		if (n < max && type && strcmp(type, "group") == 0 &&
		    has_extension(it, FORMS_EXT_PROPOSAL))
			out[n++] =
			    json_string_value(json_object_get(it, "linkId"));
	}
	return n;
}

static int
needs_groups(const struct forms *forms, const char **out, int max)
{
	return domains_of(forms_find(forms, SELF_ASSESSMENT, 0), out, max);
}

/* The first item of type `type` directly in group g, or NULL. */
static const json_t *
first_of(const json_t *g, const char *type)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(g, "item"), i, it)
	{
		const char *t = json_string_value(json_object_get(it, "type"));
		if (t && strcmp(t, type) == 0)
			return it;
	}
	return NULL;
}

/* The index of answer code among choice item c's options, or -1. */
static int
option_index(const json_t *c, const json_t *answer)
{
	const char *code = json_string_value(answer);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(c, "answerOption"), i, o)
	{
		const json_t *coding = json_object_get(o, "valueCoding");
		const char *v = json_string_value(
		    coding ? json_object_get(coding, "code")
		           : json_object_get(o, "valueString"));
		if (code && v && strcmp(code, v) == 0)
			return (int)i;
	}
	return -1;
}

struct needs_scan {
	const struct measure_query *q;
	store_measure_fn fn;
	void *arg;
	/* The latest response in the period of the parent being read. */
	int64_t person;
	int64_t id, version, team;
	char authored[11], dob[11], sex[32], eth[64];
	char *doc;
};

/* The facts of the parent's held response: one a domain answered. */
static int
needs_emit(struct needs_scan *s, struct err *e)
{
	if (!s->doc)
		return 0;
	struct store_measure_response r = {.id = s->id,
	                                   .person_id = s->person,
	                                   .team_id = s->team,
	                                   .form_version = s->version,
	                                   .authored = s->authored,
	                                   .dob = s->dob[0] ? s->dob : NULL,
	                                   .sex = s->sex[0] ? s->sex : NULL,
	                                   .ethnicity =
	                                       s->eth[0] ? s->eth : NULL,
	                                   .document = s->doc};
	json_t *scores = NULL;
	json_t *answers = answers_of(s->q->forms, SELF_ASSESSMENT, &r, &scores);
	const struct form *def =
	    forms_find(s->q->forms, SELF_ASSESSMENT, (long)s->version);
	int rc = 0;
	size_t i;
	json_t *g;
	json_array_foreach(
	    def && answers ? json_object_get(def->doc, "item") : NULL, i, g)
	{
		const char *type =
		    json_string_value(json_object_get(g, "type"));
		if (!type || strcmp(type, "group") != 0 ||
		    !has_extension(g, FORMS_EXT_PROPOSAL))
			continue;
		int d = own_index(
		    s->q, json_string_value(json_object_get(g, "linkId")));
		const json_t *need = first_of(g, "choice");
		const json_t *help = first_of(g, "boolean");
		const json_t *level =
		    need ? json_object_get(answers,
		                           json_string_value(
		                               json_object_get(need, "linkId")))
		         : NULL;
		const json_t *wants =
		    help ? json_object_get(answers,
		                           json_string_value(
		                               json_object_get(help, "linkId")))
		         : NULL;
		int li = need ? option_index(need, level) : -1;
		if (d < 0 || li < 0)
			continue;
		struct store_measure_row row;
		row_of(&row, &r, s->person, s->id, s->authored);
		row.nv = 3;
		row.v[0] = d;
		row.v[1] = li;
		row.v[2] = json_is_boolean(wants) ? json_is_true(wants) : NUL;
		if ((rc = s->fn(s->arg, &row, e)) != 0)
			break;
	}
	json_decref(answers);
	json_decref(scores);
	free(s->doc);
	s->doc = NULL;
	return rc;
}

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static int
needs_row(void *arg, const struct store_measure_response *r, struct err *e)
{
	struct needs_scan *s = arg;
	int rc = 0;
	if (r->person_id != s->person) {
		rc = needs_emit(s, e);
		s->person = r->person_id;
	}
	/* Rows come oldest first: the last one in the period is kept. */
	if (rc || !r->person_id || strcmp(r->authored, s->q->from) < 0)
		return rc;
	free(s->doc);
	s->doc = r->document ? strdup(r->document) : NULL;
	if (r->document && !s->doc)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	s->id = r->id;
	s->version = r->form_version;
	s->team = r->team_id;
	copy(s->authored, sizeof(s->authored), r->authored);
	copy(s->dob, sizeof(s->dob), r->dob);
	copy(s->sex, sizeof(s->sex), r->sex);
	copy(s->eth, sizeof(s->eth), r->ethnicity);
	return 0;
}

static int
needs_collect(struct db *db, const struct measure_query *q, store_measure_fn fn,
              void *arg, struct err *e)
{
	if (!q->forms)
		return 0;
	struct needs_scan s = {.q = q, .fn = fn, .arg = arg};
	int rc = store_measures_responses(db, SELF_ASSESSMENT, q->to, needs_row,
	                                  &s, e);
	if (rc == 0)
		rc = needs_emit(&s, e);
	free(s.doc);
	return rc;
}

static int
needs_map(struct measure_fact *f, const struct store_measure_row *row,
          int32_t as_of)
{
	(void)as_of;
	if (row->nv < 3)
		return 0;
	f->grp = (uint8_t)row->v[0];
	f->den = 1;
	f->num = row->v[1] > 0;
	if (row->v[1] < 3)
		f->x[row->v[1]] = 1;
	f->x[3] = (int16_t)(row->v[2] == 1);
	return 1;
}

const struct measure_def MEASURE_SELF_ASSESSMENT_NEEDS = {
    .name = "self-assessment-needs",
    .title = "Needs found by the parent self-assessment",
    .version = "1",
    .rule = "Each parent's latest completed parent self-assessment in the "
            "period, one count per domain answered: domains with a need "
            "(some or high) / domains answered; extras: the parents at each "
            "level and those who would like help. Break down by domain for "
            "the parents at each level in each domain. Source: parent "
            "self-assessment form responses.",
    .unit = "domain answered",
    .value = MV_PERCENT,
    .personal = 1,
    .no_by = 1u << BY_AGE,
    .family = 1,
    .people = "parents",
    .services = PARENTING_SERVICES,
    .extras = {"no_need", "some_need", "high_need", "would_like_help", NULL},
    .extra_labels = {"Domains with no need", "Domains with some need",
                     "Domains with a high need",
                     "Domains where the parent would like help", NULL},
    .own_by = "domain",
    .own_groups = needs_groups,
    .collect = needs_collect,
    .map = needs_map,
};

/* ---- steps-to-change ---- */

/* The blocks of the Steps to Change form, then "overall". */
static int
steps_groups(const struct forms *forms, const char **out, int max)
{
	struct forms_block b[FORMS_BLOCKS_MAX];
	const char *stage = NULL;
	long low = 0;
	size_t n = forms_distance(forms_find(forms, STEPS, 0), b,
	                          FORMS_BLOCKS_MAX, &stage, &low);
	int k = 0;
	for (size_t i = 0; i < n && k < max - 1; i++)
		out[k++] = b[i].group;
	if (k < max)
		out[k++] = "overall";
	return k;
}

/* One scoring: its answers (owned) and date. */
struct scoring {
	json_t *answers;
	int64_t id, version;
	char authored[11];
	int start;
};

struct steps_scan {
	const struct measure_query *q;
	store_measure_fn fn;
	void *arg;
	int64_t family;
	struct scoring first, latest;
	int n;
};

static void
scoring_free(struct scoring *s)
{
	json_decref(s->answers);
	memset(s, 0, sizeof(*s));
}

static int
score_of(const json_t *answers, const char *link, double *v)
{
	const json_t *a = link ? json_object_get(answers, link) : NULL;
	if (!json_is_number(a))
		return 0;
	*v = json_number_value(a);
	return 1;
}

/* Change x 100 as a fact's extra (scores are small: it fits). */
static int16_t
hundredths(double d)
{
	return (int16_t)lround(d * 100.0);
}

/*
 * The key a Steps to Change fact merges on (MERGE_LAST): the family and
 * the group (a block, or "overall"), so that each period keeps the
 * family's latest scoring as of its end; a step-up decision is its own
 * (the negative of its record id).
 */
static int64_t
steps_key(int64_t family, int g)
{
	return family * 256 + g + 1;
}

/*
 * The facts of the family's scoring s->latest, as the latest as of its
 * period's end: for each block, the change latest - first by rater, and
 * the family overall. When latest is the family's first (its only
 * scoring so far, or a later scoring at the start that became the first)
 * the facts are empty, replacing any earlier ones: a family whose latest
 * scoring is its first is not counted (docs/measures.md).
 */
static int
steps_emit(struct steps_scan *s, struct err *e)
{
	int rc = 0;
	if (!s->first.answers || !s->latest.answers || s->n < 2)
		return 0;
	int same = s->first.id == s->latest.id;
	const struct form *def =
	    forms_find(s->q->forms, STEPS, (long)s->latest.version);
	struct forms_block b[FORMS_BLOCKS_MAX];
	const char *stage = NULL;
	long low = 0;
	size_t nb = forms_distance(def, b, FORMS_BLOCKS_MAX, &stage, &low);
	double sum = 0;
	int cnt = 0;
	for (size_t i = 0; i < nb && rc == 0; i++) {
		double p0 = 0, p1 = 0, f0 = 0, f1 = 0;
		int hp = !same &&
		         score_of(s->first.answers, b[i].practitioner, &p0) &&
		         score_of(s->latest.answers, b[i].practitioner, &p1);
		int hf = !same &&
		         score_of(s->first.answers, b[i].family, &f0) &&
		         score_of(s->latest.answers, b[i].family, &f1);
		int g = own_index(s->q, b[i].group);
		if (g < 0)
			continue;
		/* A block not scored by both: an empty fact, replacing an
		 * earlier scoring's. */
		struct store_measure_row row;
		row_of(&row, NULL, steps_key(s->family, g), s->latest.id,
		       s->latest.authored);
		row.nv = 5;
		row.v[0] = g;
		row.v[1] = hp ? hundredths(p1 - p0) : NUL;
		row.v[2] = hf ? hundredths(f1 - f0) : NUL;
		row.v[3] = 0; /* a block, not the family */
		row.v[4] = 0;
		if (hp) {
			sum += p1 - p0;
			cnt++;
		}
		if (hf) {
			sum += f1 - f0;
			cnt++;
		}
		rc = s->fn(s->arg, &row, e);
	}
	int g = own_index(s->q, "overall");
	if (rc == 0 && g >= 0) {
		struct store_measure_row row;
		row_of(&row, NULL, steps_key(s->family, g), s->latest.id,
		       s->latest.authored);
		row.nv = 5;
		row.v[0] = g;
		row.v[1] = row.v[2] = NUL;
		row.v[3] = cnt > 0 ? 1 : 3; /* the family; 3: not counted */
		row.v[4] = cnt > 0 && sum / cnt > 0;
		rc = s->fn(s->arg, &row, e);
	}
	return rc;
}

static int
steps_row(void *arg, const struct store_measure_response *r, struct err *e)
{
	struct steps_scan *s = arg;
	if (r->family_id != s->family) {
		scoring_free(&s->first);
		scoring_free(&s->latest);
		s->n = 0;
		s->family = r->family_id;
	}
	if (!r->family_id)
		return 0;
	json_t *scores = NULL;
	json_t *answers = answers_of(s->q->forms, STEPS, r, &scores);
	json_decref(scores);
	if (!answers)
		return 0;
	const struct form *def =
	    forms_find(s->q->forms, STEPS, (long)r->form_version);
	struct forms_block b[FORMS_BLOCKS_MAX];
	const char *stage = NULL;
	long low = 0;
	forms_distance(def, b, FORMS_BLOCKS_MAX, &stage, &low);
	const char *st =
	    stage ? json_string_value(json_object_get(answers, stage)) : NULL;
	int is_start = st && strcmp(st, "start") == 0;
	struct scoring now = {answers, r->id, r->form_version, "", is_start};
	copy(now.authored, sizeof(now.authored), r->authored);
	s->n++;
	/* The first scoring at the start, or else the very first; each of
	 * first and latest holds its own reference. */
	if (!s->first.answers || (is_start && !s->first.start)) {
		scoring_free(&s->first);
		s->first = now;
		json_incref(answers);
	}
	scoring_free(&s->latest);
	s->latest = now;
	/* Every scoring is the latest as of its own period's end: its facts
	 * now, the engine keeping each period's last (MERGE_LAST). */
	return steps_emit(s, e);
}

static int
step_up_row(void *arg, const struct store_measure_response *r, struct err *e)
{
	struct steps_scan *s = arg;
	struct store_measure_row row;
	row_of(&row, NULL, -r->id, r->id, r->authored);
	row.nv = 5;
	row.v[0] = own_index(s->q, "overall");
	row.v[1] = row.v[2] = row.v[4] = NUL;
	row.v[3] = 2; /* a step-up decision */
	return s->fn(s->arg, &row, e);
}

static int
steps_collect(struct db *db, const struct measure_query *q, store_measure_fn fn,
              void *arg, struct err *e)
{
	if (!q->forms)
		return 0;
	struct steps_scan s = {.q = q, .fn = fn, .arg = arg};
	int rc = store_measures_responses(db, STEPS, q->to, steps_row, &s, e);
	scoring_free(&s.first);
	scoring_free(&s.latest);
	if (rc)
		return rc;
	/* The step-ups, each a fact of the "overall" group. */
	return store_measures_step_ups(db, q->from, q->to, step_up_row, &s, e);
}

static int
steps_map(struct measure_fact *f, const struct store_measure_row *row,
          int32_t as_of)
{
	(void)as_of;
	if (row->nv < 5 || row->v[0] < 0)
		return 0;
	f->grp = (uint8_t)row->v[0];
	if (row->v[3] == 2) { /* a step-up decision */
		f->x[4] = 1;
		return 1;
	}
	if (row->v[3] == 3) /* the family, not counted: empty */
		return 1;
	if (row->v[3] == 1) { /* the family overall */
		f->den = 1;
		f->num = row->v[4] == 1;
		return 1;
	}
	if (row->v[1] != NUL) {
		f->x[0] = (int16_t)row->v[1];
		f->x[1] = 1;
	}
	if (row->v[2] != NUL) {
		f->x[2] = (int16_t)row->v[2];
		f->x[3] = 1;
	}
	return 1;
}

/* The mean of a sum of hundredths over n, to 2 decimals; null when there
 * is none or it is withheld. */
static json_t *
mean_of(int64_t sum, int64_t n, int hidden)
{
	if (n <= 0 || hidden)
		return json_null();
	return json_real(round((double)sum / (double)n) / 100.0);
}

static void
steps_derive(json_t *obj, const int64_t *num, const int64_t *den,
             const int64_t *x, int suppress)
{
	(void)num;
	(void)den;
	/* The sums of hundredths are not for people: only the means. */
	json_t *ex = json_object();
	int hp = suppress && x[1] > 0 && x[1] < 5;
	int hf = suppress && x[3] > 0 && x[3] < 5;
	json_object_set_new(ex, "practitioner_change", mean_of(x[0], x[1], hp));
	json_object_set_new(ex, "blocks_scored_practitioner",
	                    hp ? json_null() : json_integer(x[1]));
	json_object_set_new(ex, "family_change", mean_of(x[2], x[3], hf));
	json_object_set_new(ex, "blocks_scored_family",
	                    hf ? json_null() : json_integer(x[3]));
	int hs = suppress && x[4] > 0 && x[4] < 5;
	json_object_set_new(ex, "step_ups",
	                    hs ? json_null() : json_integer(x[4]));
	json_object_set_new(obj, "extras", ex);
}

const struct measure_def MEASURE_STEPS_TO_CHANGE = {
    .name = "steps-to-change",
    .title = "Steps to Change: families improved",
    /* 2 (session 24): each period keeps the family's latest scoring as
     * of that period's end, not of the whole range's. */
    .version = "2",
    .rule = "Families whose latest Steps to Change scoring as of the "
            "period's end is in the period and is not their first: improved "
            "overall when the mean change "
            "of their building blocks' scores (practitioner and family, "
            "latest - first, the first being the first scoring at the "
            "start) is above zero / those families; extras: the mean "
            "change per block scored by each rater and the step-ups to "
            "social care or targeted early help decided in the period. "
            "Break down by block. Source: Steps to Change form responses "
            "and decisions.",
    .unit = "family",
    .value = MV_PERCENT,
    .personal = 0,
    .no_by = (1u << BY_AGE) | (1u << BY_ETHNICITY) | (1u << BY_SEX) |
             (1u << BY_TEAM),
    .family = 1,
    .people = "families",
    .services = PARENTING_SERVICES,
    .extras = {"practitioner_change", "blocks_scored_practitioner",
               "family_change", "blocks_scored_family", "step_ups", NULL},
    .extra_labels = {"Practitioner's mean change per building block",
                     "Building blocks scored by the practitioner",
                     "Family's mean change per building block",
                     "Building blocks scored by the family",
                     "Step-ups to social care or targeted early help", NULL},
    .own_by = "block",
    /* Each period counts the families whose latest scoring as of the
     * period's end is in it (docs/measures.md): every scoring is a fact,
     * each period keeps a family's last (reviewers, session 23: the board
     * pack gave 12 for a quarter, the trend to a later end 6). */
    .merge = MERGE_LAST,
    .per_period = 1,
    .unordered = 1,
    .own_groups = steps_groups,
    .collect = steps_collect,
    .map = steps_map,
    .derive = steps_derive,
};

/* ---- pre-post-change ---- */

/* The scored groups every pre/post form compares (latest versions). */
static int
prepost_groups(const struct forms *forms, const char **out, int max)
{
	int n = 0;
	for (size_t i = 0; forms && i < forms->n; i++) {
		const struct form *def = &forms->items[i];
		/* Each form once, at its latest version. */
		if (forms_find(forms, def->id, 0) != def)
			continue;
		const char *stage = NULL;
		json_t *groups = NULL;
		if (forms_pre_post(def, &stage, &groups) != 0)
			continue;
		size_t k;
		json_t *g;
		json_array_foreach(groups, k, g)
		{
			const char *name = json_string_value(g);
			/* Borrowed from the definition, not from groups. */
			const json_t *item =
			    name ? forms_item(def, name) : NULL;
			const char *link =
			    json_string_value(json_object_get(item, "linkId"));
			int seen = 0;
			for (int j = 0; link && j < n; j++)
				seen |= strcmp(out[j], link) == 0;
			if (link && !seen && n < max)
				out[n++] = link;
		}
		json_decref(groups);
	}
	return n;
}

struct pair_subject {
	struct store_measure_row row;
	int found;
	int64_t person_id, team_id;
	char dob[11], sex[32], eth[64];
};

static int
pair_subject_row(void *arg, const struct store_measure_response *r,
                 struct err *e)
{
	(void)e;
	struct pair_subject *p = arg;
	p->found = 1;
	p->person_id = r->person_id;
	p->team_id = r->team_id;
	copy(p->dob, sizeof(p->dob), r->dob);
	copy(p->sex, sizeof(p->sex), r->sex);
	copy(p->eth, sizeof(p->eth), r->ethnicity);
	return 0;
}

static int
prepost_collect(struct db *db, const struct measure_query *q,
                store_measure_fn fn, void *arg, struct err *e)
{
	int rc = 0;
	for (size_t i = 0; q->forms && rc == 0 && i < q->forms->n; i++) {
		const struct form *def = &q->forms->items[i];
		const char *stage = NULL;
		json_t *groups = NULL;
		if (forms_find(q->forms, def->id, 0) != def ||
		    forms_pre_post(def, &stage, &groups) != 0)
			continue;
		json_decref(groups);
		json_t *pairs = NULL;
		if ((rc = form_pre_post_pairs(db, q->forms, def->id, &pairs,
		                              e)) != 0)
			break;
		size_t k;
		json_t *pr;
		json_array_foreach(pairs, k, pr)
		{
			json_t *post = json_object_get(pr, "post");
			const char *date = json_string_value(
			    json_object_get(post, "authored"));
			int64_t post_id =
			    json_integer_value(json_object_get(post, "id"));
			int g = own_index(
			    q, json_string_value(json_object_get(pr, "group")));
			if (!date || g < 0 || strcmp(date, q->from) < 0 ||
			    strcmp(date, q->to) > 0)
				continue;
			/* Who the pair is about, with the subject's records
			 * not entered in error. */
			struct pair_subject ps = {0};
			if ((rc = store_measures_response_subject(
			         db, post_id, pair_subject_row, &ps, e)) != 0)
				break;
			if (!ps.found)
				continue;
			struct store_measure_row row;
			memset(&row, 0, sizeof(row));
			row.person_id = ps.person_id;
			row.record_id = post_id;
			row.team_id = ps.team_id;
			row.date = date;
			row.dob = ps.dob[0] ? ps.dob : NULL;
			row.sex = ps.sex[0] ? ps.sex : NULL;
			row.ethnicity = ps.eth[0] ? ps.eth : NULL;
			row.nv = 2;
			row.v[0] = g;
			row.v[1] = hundredths(
			    json_number_value(json_object_get(pr, "change")));
			if ((rc = fn(arg, &row, e)) != 0)
				break;
		}
		json_decref(pairs);
	}
	return rc;
}

static int
prepost_map(struct measure_fact *f, const struct store_measure_row *row,
            int32_t as_of)
{
	(void)as_of;
	if (row->nv < 2)
		return 0;
	f->grp = (uint8_t)row->v[0];
	f->den = 1;
	f->num = row->v[1] > 0;
	f->x[0] = (int16_t)row->v[1];
	f->x[1] = (int16_t)(row->v[1] < 0);
	return 1;
}

static void
prepost_derive(json_t *obj, const int64_t *num, const int64_t *den,
               const int64_t *x, int suppress)
{
	(void)num;
	int hidden = suppress && *den > 0 && *den < 5;
	json_t *ex = json_object();
	json_object_set_new(ex, "mean_change", mean_of(x[0], *den, hidden));
	int hw = suppress && x[1] > 0 && x[1] < 5;
	json_object_set_new(ex, "worse", hw ? json_null() : json_integer(x[1]));
	json_object_set_new(obj, "extras", ex);
}

const struct measure_def MEASURE_PRE_POST_CHANGE = {
    .name = "pre-post-change",
    .title = "Change in pre/post questionnaires",
    .version = "1",
    .rule = "For every questionnaire marked pre/post (such as parenting "
            "confidence and wellbeing), each subject's first pre and last "
            "post response per scored group, counted on the post "
            "response's date: improved (post score above pre) / pairs; "
            "extras: the mean change (post - pre) and the pairs that got "
            "worse. Break down by scored group. Source: form responses.",
    .unit = "pre/post pair",
    .value = MV_PERCENT,
    .personal = 1,
    .no_by = 1u << BY_AGE,
    .family = 1,
    .people = "parents",
    .services = PARENTING_SERVICES,
    .extras = {"mean_change", "worse", NULL},
    .extra_labels = {"Mean change in score (post minus pre)",
                     "Pairs whose score got worse", NULL},
    .own_by = "group",
    .own_groups = prepost_groups,
    .collect = prepost_collect,
    .map = prepost_map,
    .derive = prepost_derive,
};

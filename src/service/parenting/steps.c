/*
 * steps.c - Steps to Change: decisions on its flags and the distance a
 * family travelled (see steps.h).
 */
#include "service/parenting/steps.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "service/forms/forms.h"
#include "service/policy.h"
#include "store/forms/responses.h"
#include "store/parenting/steps.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* Is code one of the blocks of def? */
static int
is_block(const struct form *def, const char *code)
{
	struct forms_block b[FORMS_BLOCKS_MAX];
	const char *stage;
	long low;
	size_t n = forms_distance(def, b, FORMS_BLOCKS_MAX, &stage, &low);
	for (size_t i = 0; code && i < n; i++)
		if (b[i].group && strcmp(b[i].group, code) == 0)
			return 1;
	return 0;
}

/*
 * A decision's rules, gathered with the field errors: the family is one
 * the user may write about; the scoring is a current response about that
 * family of a form with the distance rule; each block is one of its
 * blocks; the date is not in the future.
 */
static int
check_decision(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct err one;
	int64_t family =
	    err_names(e, "family_id") ? 0 : id_of(rec, "family_id");
	if (!old && family) {
		int64_t person = 0;
		err_clear(&one);
		policy_reference(ctx, RK_FAMILY, family, 1, "family_id",
		                 &person, &one);
		err_gather(e, &one);
	}
	const struct form *def = NULL;
	int64_t rid = err_names(e, "form_response_id")
	                  ? 0
	                  : id_of(rec, "form_response_id");
	if (rid) {
		json_t *resp = NULL;
		err_clear(&one);
		int rc = record_get(ctx_db(ctx), &FORM_RESPONSES_TABLE, rid,
		                    &resp, &one);
		if (rc && rc != SPIRE_ENOTFOUND) {
			err_gather(e, &one);
			return e->code;
		}
		if (resp)
			def = forms_find(
			    &ctx->srv->forms,
			    json_string_value(json_object_get(resp, "form_id")),
			    (long)id_of(resp, "form_version"));
		const char *status =
		    json_string_value(json_object_get(resp, "status"));
		struct forms_block b[1];
		const char *stage;
		long low;
		if (!resp || !def ||
		    forms_distance(def, b, 1, &stage, &low) == 0 ||
		    (family && id_of(resp, "family_id") != family) || !status ||
		    strcmp(status, "completed") != 0 ||
		    !json_is_null(json_object_get(resp, "closed_at")) ||
		    id_of(resp, "superseded_by")) {
			def = NULL;
			err_rule(
			    e, "form_response_id",
			    "Select a completed Steps to Change scoring of "
			    "this family");
		}
		json_decref(resp);
	}
	json_t *blocks = json_object_get(rec, "blocks");
	if (!err_names(e, "blocks") && json_is_array(blocks)) {
		size_t i;
		json_t *b;
		if (json_array_size(blocks) == 0)
			err_rule(e, "blocks",
			         "Select the building blocks the decision is "
			         "about");
		json_array_foreach(blocks, i, b)
		{
			if (def && !is_block(def, json_string_value(b))) {
				err_rule(e, "blocks",
				         "Select building blocks of Steps to "
				         "Change from the list");
				break;
			}
		}
	}
	records_not_future(&STEPS_DECISIONS, rec, "decision_date", e);
	return e->code;
}

static const struct list_key STEPS_LIST_KEYS[] = {
    {"family_id", RK_FAMILY},
    {NULL, NULL},
};

const struct resource STEPS_DECISIONS = {
    .name = "steps_decision",
    .plural = "steps-decisions",
    .label = "Steps to Change decision",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .list_keys = STEPS_LIST_KEYS,
    .list_prompt = "Choose a family",
    .table = &STEPS_DECISIONS_TABLE,
    .kind = RK_STEPS_DECISION,
    .check = check_decision,
    .gathers = 1,
};

/* One scoring: its id, date, stage and answers (owned). */
struct scoring {
	int64_t id;
	const char *authored;
	const char *stage;
	json_t *answers;
};

static json_t *
score_of(const json_t *answers, const char *link)
{
	json_t *v = link ? json_object_get(answers, link) : NULL;
	return json_is_integer(v) ? v : NULL;
}

static json_t *
num_or_null(int have, double v)
{
	return have ? json_real(round(v * 100.0) / 100.0) : json_null();
}

/* The figures of one rater for one block (or overall) into o. */
static void
rater(json_t *o, const char *name, int have_a, double a, int have_b, double b,
      long low, int *stays_low, int *worse, int *low_start)
{
	json_t *r =
	    json_pack("{s:o, s:o, s:o}", "first", num_or_null(have_a, a),
	              "latest", num_or_null(have_b, b), "change",
	              num_or_null(have_a && have_b, b - a));
	if (r)
		json_object_set_new(o, name, r);
	if (have_a && have_b && a <= (double)low && b <= (double)low)
		*stays_low = 1;
	if (have_a && have_b && b < a)
		*worse = 1;
	if (have_a && a <= (double)low)
		*low_start = 1;
}

static json_t *
scoring_json(const struct scoring *s)
{
	return json_pack("{s:I, s:s?, s:s?}", "id", (json_int_t)s->id,
	                 "authored", s->authored, "stage", s->stage);
}

int
steps_distance(struct ctx *ctx, int64_t family_id, const char *form_id,
               json_t **out, struct err *e)
{
	*out = NULL;
	const struct form *latest_def =
	    forms_find(&ctx->srv->forms, form_id, 0);
	struct forms_block blocks[FORMS_BLOCKS_MAX];
	const char *stage_q = NULL;
	long low = FORMS_LOW_DEFAULT;
	size_t nb = latest_def
	                ? forms_distance(latest_def, blocks, FORMS_BLOCKS_MAX,
	                                 &stage_q, &low)
	                : 0;
	if (nb == 0)
		return err_set(e, SPIRE_ENOTFOUND, "form_id",
		               "There is no such form");
	struct form_response_query q = {
	    .subject = "family",
	    .subject_id = family_id,
	    .form_id = form_id,
	    .include_closed = 0,
	    .limit = 10000,
	    .offset = 0,
	};
	json_t *rows = NULL;
	int rc = store_form_responses_list(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	/* Oldest first; completed scorings only. */
	size_t n = 0, cap = json_array_size(rows);
	struct scoring *s = cap ? calloc(cap, sizeof(*s)) : NULL;
	if (cap && !s) {
		json_decref(rows);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	for (size_t k = cap; k-- > 0;) {
		json_t *row = json_array_get(rows, k);
		const char *status =
		    json_string_value(json_object_get(row, "status"));
		if (!status || strcmp(status, "completed") != 0)
			continue;
		const struct form *def =
		    forms_find(&ctx->srv->forms, form_id,
		               (long)id_of(row, "form_version"));
		const char *text =
		    json_string_value(json_object_get(row, "document"));
		json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
		json_t *sc = NULL, *fl = NULL;
		json_t *answers = forms_answers_of(def, doc, &sc, &fl);
		json_decref(doc);
		json_decref(sc);
		json_decref(fl);
		struct scoring *x = &s[n++];
		x->id = id_of(row, "id");
		x->authored =
		    json_string_value(json_object_get(row, "authored"));
		x->answers = answers;
		x->stage = json_string_value(
		    json_object_get(answers, stage_q ? stage_q : ""));
		if (!ctx_audit(ctx, "read", FORM_RESPONSES_TABLE.type, x->id,
		               0))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	const struct scoring *first = NULL, *last = n ? &s[n - 1] : NULL;
	for (size_t k = 0; k < n && !first; k++)
		if (s[k].stage && strcmp(s[k].stage, "start") == 0)
			first = &s[k];
	if (!first && n)
		first = &s[0];
	int two = first && last && first != last;
	json_t *list = json_array();
	double sum[4] = {0, 0, 0, 0};
	size_t cnt[4] = {0, 0, 0, 0};
	for (size_t b = 0; rc == 0 && list && b < nb; b++) {
		const char *links[2] = {blocks[b].practitioner,
		                        blocks[b].family};
		const char *names[2] = {"practitioner", "family"};
		json_t *o = json_pack("{s:s?, s:s?}", "block", blocks[b].group,
		                      "text", blocks[b].text);
		int stays_low = 0, worse = 0, low_start = 0;
		for (size_t r = 0; o && r < 2; r++) {
			json_t *a =
			    first ? score_of(first->answers, links[r]) : NULL;
			json_t *z =
			    last ? score_of(last->answers, links[r]) : NULL;
			double av = a ? (double)json_integer_value(a) : 0;
			double zv = z ? (double)json_integer_value(z) : 0;
			rater(o, names[r], a != NULL, av, z != NULL, zv, low,
			      &stays_low, &worse, &low_start);
			if (a) {
				sum[r * 2] += av;
				cnt[r * 2]++;
			}
			if (z) {
				sum[r * 2 + 1] += zv;
				cnt[r * 2 + 1]++;
			}
		}
		if (o) {
			json_object_set_new(o, "stays_low",
			                    json_boolean(two && stays_low));
			json_object_set_new(o, "worse",
			                    json_boolean(two && worse));
			/* With one scoring there is nothing to compare: a
			 * block low at that scoring is flagged all the same. */
			json_object_set_new(o, "low_at_start",
			                    json_boolean(!two && low_start));
			json_array_append_new(list, o);
		}
	}
	json_t *overall = json_object();
	int ol = 0, ow = 0, ols = 0;
	for (size_t r = 0; overall && r < 2; r++)
		rater(overall, r ? "family" : "practitioner", cnt[r * 2] > 0,
		      cnt[r * 2] ? sum[r * 2] / (double)cnt[r * 2] : 0,
		      cnt[r * 2 + 1] > 0,
		      cnt[r * 2 + 1] ? sum[r * 2 + 1] / (double)cnt[r * 2 + 1]
		                     : 0,
		      low, &ol, &ow, &ols);
	if (overall) {
		json_object_set_new(overall, "stays_low",
		                    json_boolean(two && ol));
		json_object_set_new(overall, "worse", json_boolean(two && ow));
		json_object_set_new(overall, "low_at_start",
		                    json_boolean(!two && ols));
	}
	json_t *scorings = json_array();
	for (size_t k = 0; scorings && k < n; k++)
		json_array_append_new(scorings, scoring_json(&s[k]));
	if (rc == 0) {
		*out = json_pack(
		    "{s:I, s:s, s:I, s:o?, s:o?, s:o?, s:o?, s:o?}",
		    "family_id", (json_int_t)family_id, "form_id", form_id,
		    "low", (json_int_t)low, "first",
		    first ? scoring_json(first) : json_null(), "latest",
		    last ? scoring_json(last) : json_null(), "scorings",
		    scorings, "blocks", list, "overall", overall);
		list = overall = scorings = NULL;
		if (!*out)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(list);
	json_decref(overall);
	json_decref(scorings);
	for (size_t k = 0; k < n; k++)
		json_decref(s[k].answers);
	free(s);
	json_decref(rows);
	return rc;
}

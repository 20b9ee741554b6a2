/*
 * prepost.c - pre/post questionnaires (docs/forms.md, pre-post): the first
 * "pre" and the last "post" response per subject, and the change in each
 * scored group the form compares. Scores are read from the responses as
 * they were saved, never recomputed.
 */
#include "service/forms/responses.h"

#include <math.h>
#include <string.h>

#include "service/forms/forms.h"
#include "store/forms/responses.h"

static int64_t
num(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* The subject's id of row (its case, family or person). */
static int64_t
subject_of(const json_t *row)
{
	int64_t id = num(row, "case_id");
	if (!id)
		id = num(row, "family_id");
	return id ? id : num(row, "person_id");
}

static json_t *
end_of(const json_t *row, double score)
{
	return json_pack("{s:I, s:O, s:f}", "id", (json_int_t)num(row, "id"),
	                 "authored", json_object_get(row, "authored"), "score",
	                 score);
}

/* Add the pairs of rows[from, to) (one subject, oldest first) to out. */
static int
pair_subject(const struct forms *forms, const char *form_id, json_t *rows,
             size_t from, size_t to, const char *stage_q, json_t *groups,
             json_t *out)
{
	size_t gi;
	json_t *g;
	json_array_foreach(groups, gi, g)
	{
		const char *group = json_string_value(g);
		const json_t *pre = NULL, *post = NULL;
		double pre_s = 0, post_s = 0;
		for (size_t k = from; k < to; k++) {
			json_t *row = json_array_get(rows, k);
			const struct form *def = forms_find(
			    forms, form_id, (long)num(row, "form_version"));
			const char *text =
			    json_string_value(json_object_get(row, "document"));
			json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
			json_t *scores = NULL, *flags = NULL;
			json_t *answers =
			    forms_answers_of(def, doc, &scores, &flags);
			const char *stage = json_string_value(
			    json_object_get(answers, stage_q));
			json_t *sc = json_object_get(scores, group);
			if (stage && json_is_number(sc)) {
				if (!pre && strcmp(stage, "pre") == 0) {
					pre = row;
					pre_s = json_number_value(sc);
				} else if (pre && strcmp(stage, "post") == 0) {
					post = row;
					post_s = json_number_value(sc);
				}
			}
			json_decref(answers);
			json_decref(scores);
			json_decref(flags);
			json_decref(doc);
		}
		if (!pre || !post)
			continue;
		json_t *p = json_pack(
		    "{s:O, s:I, s:I, s:s, s:o, s:o, s:f}", "subject_type",
		    json_object_get(pre, "subject_type"), "subject_id",
		    (json_int_t)subject_of(pre), "person_id",
		    (json_int_t)num(pre, "person_id"), "group", group, "pre",
		    end_of(pre, pre_s), "post", end_of(post, post_s), "change",
		    round((post_s - pre_s) * 100.0) / 100.0);
		if (!p || json_array_append_new(out, p))
			return -1;
	}
	return 0;
}

int
form_pre_post_pairs(struct db *db, const struct forms *forms,
                    const char *form_id, json_t **out, struct err *e)
{
	*out = NULL;
	const char *stage_q = NULL;
	json_t *groups = NULL;
	if (forms_pre_post(forms_find(forms, form_id, 0), &stage_q, &groups) !=
	    0)
		return err_set(e, SPIRE_EINVAL, "form_id",
		               "Select a form that is completed before and "
		               "after support");
	json_t *rows = NULL;
	int rc = store_form_responses_of_form(db, form_id, &rows, e);
	json_t *pairs = rc == 0 ? json_array() : NULL;
	if (rc == 0 && !pairs)
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t n = json_array_size(rows), from = 0;
	for (size_t k = 1; rc == 0 && k <= n; k++) {
		const json_t *a = json_array_get(rows, from);
		const json_t *b = k < n ? json_array_get(rows, k) : NULL;
		if (b &&
		    strcmp(
		        json_string_value(json_object_get(a, "subject_type")),
		        json_string_value(
		            json_object_get(b, "subject_type"))) == 0 &&
		    subject_of(a) == subject_of(b))
			continue;
		if (pair_subject(forms, form_id, rows, from, k, stage_q, groups,
		                 pairs))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		from = k;
	}
	json_decref(rows);
	json_decref(groups);
	if (rc) {
		json_decref(pairs);
		return rc;
	}
	*out = pairs;
	return 0;
}

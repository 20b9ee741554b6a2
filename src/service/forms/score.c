/*
 * score.c - Spire's scoring and flags on a form (docs/forms.md): a score
 * per answer option, summed or averaged per group, and flags raised by a
 * rule on a group's score or on an answer.
 */
#include "service/forms/forms.h"

#include <math.h>
#include <string.h>

#include "service/forms/item.h"

/* Add the scores of the options chosen under items to *sum and *n. */
static void
gather(const json_t *items, const json_t *answers, double *sum, size_t *n)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *kids = json_object_get(it, "item");
		if (kids) {
			gather(kids, answers, sum, n);
			continue;
		}
		if (!item_is_choice(item_type(it)))
			continue;
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		json_t *v = json_object_get(answers, id ? id : "");
		json_t *one = json_is_array(v) ? NULL : v;
		size_t count = json_is_array(v) ? json_array_size(v) : 1;
		for (size_t k = 0; k < count; k++) {
			json_t *code = one ? one : json_array_get(v, k);
			const json_t *o =
			    item_option(it, json_string_value(code));
			json_t *x = item_extension(o, FORMS_EXT_ANSWER_SCORE);
			json_t *s = json_object_get(x, "valueDecimal");
			if (!s)
				s = json_object_get(x, "valueInteger");
			if (json_is_number(s)) {
				*sum += json_number_value(s);
				(*n)++;
			}
		}
	}
}

static void
score_groups(const json_t *items, const json_t *answers, json_t *scores)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *kids = json_object_get(it, "item");
		if (!kids)
			continue;
		score_groups(kids, answers, scores);
		const char *how = json_string_value(json_object_get(
		    item_extension(it, FORMS_EXT_GROUP_SCORE), "valueCode"));
		if (!how)
			continue;
		double sum = 0;
		size_t n = 0;
		gather(kids, answers, &sum, &n);
		if (n == 0)
			continue;
		/* Two decimal places: a score is read by people, and the
		 * same answers must give the same figure everywhere. */
		double v = strcmp(how, "mean") == 0 ? sum / (double)n : sum;
		v = round(v * 100.0) / 100.0;
		json_object_set_new(
		    scores, json_string_value(json_object_get(it, "linkId")),
		    json_real(v));
	}
}

int
forms_score(const struct form *def, const json_t *answers, json_t **scores,
            json_t **flags, struct err *e)
{
	*scores = json_object();
	*flags = json_array();
	if (!*scores || !*flags) {
		json_decref(*scores);
		json_decref(*flags);
		*scores = *flags = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	score_groups(json_object_get(def->doc, "item"), answers, *scores);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(def->doc, "extension"), i, x)
	{
		const char *url = json_string_value(json_object_get(x, "url"));
		if (!url || strcmp(url, FORMS_EXT_FLAG) != 0)
			continue;
		const char *name = item_sub_string(x, "name");
		const char *link = item_sub_string(x, "linkId");
		const char *op = json_string_value(
		    json_object_get(item_sub(x, "operator"), "valueCode"));
		json_t *cond = item_sub(x, "value");
		json_t *score = json_object_get(*scores, link ? link : "");
		json_t *g;
		if (score) {
			g = json_array();
			json_array_append(g, score);
		} else {
			json_t *v = json_object_get(answers, link ? link : "");
			if (!v || json_is_null(v))
				g = json_array();
			else if (json_is_array(v))
				g = json_incref(v);
			else {
				g = json_array();
				json_array_append(g, v);
			}
		}
		int raised = item_condition(g, op, cond, "value");
		json_decref(g);
		if (raised && name)
			json_array_append_new(*flags, json_string(name));
	}
	return 0;
}

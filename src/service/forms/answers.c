/*
 * answers.c - answers against a form definition: validation (types,
 * options, lengths, enableWhen, required items), and the
 * QuestionnaireResponse document built from them and read back.
 */
#include "service/forms/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "service/forms/item.h"

#define TEXT_MAX_DEFAULT 10000
#define ENABLE_DEPTH_MAX 16

/* The answers given to link_id as an array (new reference; empty when
 * none). A single value becomes a one-element array. */
static json_t *
given(const json_t *answers, const char *link_id)
{
	json_t *v = json_object_get(answers, link_id);
	if (!v || json_is_null(v))
		return json_array();
	if (json_is_array(v))
		return json_incref(v);
	json_t *a = json_array();
	json_array_append(a, v);
	return a;
}

static int
compare(const json_t *v, const json_t *want, const char *kind, int *cmp)
{
	if (strcmp(kind, "Boolean") == 0) {
		if (!json_is_boolean(v) || !json_is_boolean(want))
			return -1;
		*cmp = json_is_true(v) - json_is_true(want);
		return 0;
	}
	if (strcmp(kind, "Integer") == 0 || strcmp(kind, "Decimal") == 0) {
		if (!json_is_number(v) || !json_is_number(want))
			return -1;
		double a = json_number_value(v), b = json_number_value(want);
		*cmp = a < b ? -1 : a > b ? 1 : 0;
		return 0;
	}
	const char *w = strcmp(kind, "Coding") == 0
	                    ? json_string_value(json_object_get(want, "code"))
	                    : json_string_value(want);
	const char *s = json_string_value(v);
	if (!s || !w)
		return -1;
	int c = strcmp(s, w);
	*cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
	return 0;
}

int
item_condition(const json_t *answers_given, const char *op, const json_t *cond,
               const char *prefix)
{
	static const char *const KINDS[] = {
	    "Boolean", "Integer", "Decimal", "Date", "String", "Coding", NULL};
	size_t n = json_array_size(answers_given);
	const char *kind = NULL;
	const json_t *want = NULL;
	for (const char *const *k = KINDS; *k && !kind; k++) {
		char key[32];
		snprintf(key, sizeof(key), "%s%s", prefix, *k);
		if ((want = json_object_get(cond, key)) != NULL)
			kind = *k;
	}
	if (!kind || !op)
		return 0;
	if (strcmp(op, "exists") == 0)
		return (n > 0) == json_is_true(want);
	if (n == 0)
		return 0;
	int equal_seen = 0;
	for (size_t i = 0; i < n; i++) {
		int c;
		if (compare(json_array_get(answers_given, i), want, kind, &c))
			continue;
		if (c == 0)
			equal_seen = 1;
		if ((strcmp(op, "=") == 0 && c == 0) ||
		    (strcmp(op, ">") == 0 && c > 0) ||
		    (strcmp(op, "<") == 0 && c < 0) ||
		    (strcmp(op, ">=") == 0 && c >= 0) ||
		    (strcmp(op, "<=") == 0 && c <= 0))
			return 1;
	}
	return strcmp(op, "!=") == 0 && !equal_seen;
}

/*
 * Whether item (under parent, NULL at the top) is enabled by the answers:
 * its parent is, and its enableWhen conditions hold on the answers of
 * enabled questions (all, or any with enableBehavior "any").
 */
/* 1 when def, indexed, has no enableWhen anywhere: every question
 * applies, whatever the answers. */
static int
unconditional(const struct form *def)
{
	return def->items && !def->conditional;
}

static int
enabled(const struct form *def, const json_t *parents, const json_t *item,
        const json_t *answers, int depth)
{
	if (!item || depth > ENABLE_DEPTH_MAX)
		return 0;
	if (unconditional(def))
		return 1;
	const char *id = json_string_value(json_object_get(item, "linkId"));
	const char *parent =
	    json_string_value(json_object_get(parents, id ? id : ""));
	if (parent &&
	    !enabled(def, parents, forms_item(def, parent), answers, depth + 1))
		return 0;
	json_t *ew = json_object_get(item, "enableWhen");
	if (!json_array_size(ew))
		return 1;
	const char *behaviour =
	    json_string_value(json_object_get(item, "enableBehavior"));
	int any = behaviour && strcmp(behaviour, "any") == 0;
	size_t i;
	json_t *c;
	json_array_foreach(ew, i, c)
	{
		const char *q =
		    json_string_value(json_object_get(c, "question"));
		const json_t *qi = forms_item(def, q);
		json_t *g = enabled(def, parents, qi, answers, depth + 1)
		                ? given(answers, q)
		                : json_array();
		int ok = item_condition(
		    g, json_string_value(json_object_get(c, "operator")), c,
		    "answer");
		json_decref(g);
		if (any && ok)
			return 1;
		if (!any && !ok)
			return 0;
	}
	return !any;
}

/*
 * 1 when whether item applies reads an answer that e names as wrong (a
 * question of its enableWhen, or of its groups', or of theirs): the rule
 * is skipped then, as a rule whose own field is in error is.
 */
static int
reads_error(const struct form *def, const json_t *parents, const json_t *item,
            const struct err *e, int depth)
{
	if (!item || depth > ENABLE_DEPTH_MAX || unconditional(def))
		return 0;
	const char *id = json_string_value(json_object_get(item, "linkId"));
	const char *parent =
	    json_string_value(json_object_get(parents, id ? id : ""));
	if (parent &&
	    reads_error(def, parents, forms_item(def, parent), e, depth + 1))
		return 1;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(item, "enableWhen"), i, c)
	{
		const char *q =
		    json_string_value(json_object_get(c, "question"));
		if (err_names(e, q) ||
		    reads_error(def, parents, forms_item(def, q), e, depth + 1))
			return 1;
	}
	return 0;
}

/* Each item's parent group: linkId -> the group's linkId. */
static void
map_parents(const json_t *items, const char *parent, json_t *parents)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (id && parent)
			json_object_set_new(parents, id, json_string(parent));
		json_t *kids = json_object_get(it, "item");
		if (id && kids)
			map_parents(kids, id, parents);
	}
}

static json_t *
parents_of(const struct form *def)
{
	if (def->parents)
		return json_incref(def->parents);
	json_t *p = json_object();
	if (p)
		map_parents(json_object_get(def->doc, "item"), NULL, p);
	return p;
}

/* The item's text for a message, shortened to fit. */
static const char *
label(const json_t *item)
{
	const char *t = json_string_value(json_object_get(item, "text"));
	return t ? t : json_string_value(json_object_get(item, "linkId"));
}

/* A bound as practitioners read it: a number as written, a date as
 * "1 January 2024". */
static void
bound_words(const json_t *b, char *out, size_t len)
{
	static const char *const months[] = {
	    "January",   "February", "March",    "April",
	    "May",       "June",     "July",     "August",
	    "September", "October",  "November", "December",
	};
	if (json_is_string(b)) {
		const char *d = json_string_value(b);
		/* A bound is a valid YYYY-MM-DD (item_bound). */
		long y = strtol(d, NULL, 10);
		long m = strlen(d) == 10 ? strtol(d + 5, NULL, 10) : 0;
		long day = strlen(d) == 10 ? strtol(d + 8, NULL, 10) : 0;
		if (m >= 1 && m <= 12)
			snprintf(out, len, "%ld %s %ld", day, months[m - 1], y);
		else
			snprintf(out, len, "%s", d);
	} else if (json_is_integer(b)) {
		snprintf(out, len, "%lld", (long long)json_integer_value(b));
	} else {
		snprintf(out, len, "%g", json_number_value(b));
	}
}

/* An answer v of the right type outside the item's minValue and
 * maxValue: an error added to e. */
static void
check_bounds(const json_t *item, const char *id, const json_t *v,
             const char *text, struct err *e)
{
	int wrong = 0;
	const json_t *lo = item_bound(item, FORMS_EXT_MIN_VALUE, &wrong);
	const json_t *hi = item_bound(item, FORMS_EXT_MAX_VALUE, &wrong);
	if ((!lo || item_value_cmp(v, lo) >= 0) &&
	    (!hi || item_value_cmp(v, hi) <= 0))
		return;
	int date = json_is_string(v);
	const char *what = date ? "a date"
	                   : strcmp(item_type(item), "integer") == 0
	                       ? "a whole number"
	                       : "a number";
	char a[40], b[40];
	if (lo)
		bound_words(lo, a, sizeof(a));
	if (hi)
		bound_words(hi, b, sizeof(b));
	if (lo && hi)
		err_add(e, SPIRE_EINVAL, id,
		        "Enter %s from %s to %s for \u2018%.80s\u2019", what, a,
		        b, text);
	else if (lo)
		err_add(e, SPIRE_EINVAL, id,
		        date ? "Enter %s on or after %s for \u2018%.80s\u2019"
		             : "Enter %s of %s or more for \u2018%.80s\u2019",
		        what, a, text);
	else
		err_add(e, SPIRE_EINVAL, id,
		        date ? "Enter %s on or before %s for \u2018%.80s\u2019"
		             : "Enter %s of %s or less for \u2018%.80s\u2019",
		        what, b, text);
}

/* One value v for item: 0 or an error added to e. */
static void
check_value(const json_t *item, const char *id, const json_t *v, struct err *e)
{
	const char *type = item_type(item);
	const char *text = label(item);
	json_t *maxv = json_object_get(item, "maxLength");
	size_t max = json_is_integer(maxv) ? (size_t)json_integer_value(maxv)
	                                   : TEXT_MAX_DEFAULT;
	if (strcmp(type, "boolean") == 0) {
		if (!json_is_boolean(v))
			err_add(e, SPIRE_EINVAL, id,
			        "Select yes or no for \u2018%.80s\u2019", text);
	} else if (strcmp(type, "integer") == 0) {
		if (!json_is_integer(v))
			err_add(e, SPIRE_EINVAL, id,
			        "Enter a whole number for \u2018%.80s\u2019",
			        text);
		else
			check_bounds(item, id, v, text, e);
	} else if (strcmp(type, "decimal") == 0) {
		if (!json_is_number(v))
			err_add(e, SPIRE_EINVAL, id,
			        "Enter a number for \u2018%.80s\u2019", text);
		else
			check_bounds(item, id, v, text, e);
	} else if (strcmp(type, "date") == 0) {
		if (!json_is_string(v) || !valid_date(json_string_value(v)))
			err_add(e, SPIRE_EINVAL, id,
			        "Enter a real date for \u2018%.80s\u2019",
			        text);
		else
			check_bounds(item, id, v, text, e);
	} else if (strcmp(type, "choice") == 0) {
		if (!json_is_string(v) ||
		    !item_option(item, json_string_value(v)))
			err_add(e, SPIRE_EINVAL, id,
			        "Select one of the options for "
			        "\u2018%.80s\u2019",
			        text);
	} else if (item_has_length(type)) {
		int single = strcmp(type, "text") != 0;
		int p = json_is_string(v)
		            ? text_problem(json_string_value(v), max, single)
		            : TEXT_BAD_CHARS;
		if (p == TEXT_TOO_LONG)
			err_add(e, SPIRE_EINVAL, id,
			        "The answer for \u2018%.80s\u2019 must be %zu "
			        "characters or fewer",
			        text, max);
		else if (p)
			err_add(e, SPIRE_EINVAL, id,
			        "Enter \u2018%.80s\u2019 as text without "
			        "special characters",
			        text);
	}
}

/* Required, enabled questions without an answer (complete responses). */
static void
check_required(const struct form *def, const json_t *parents,
               const json_t *items, const json_t *answers, struct err *e)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		if (reads_error(def, parents, it, e, 0) ||
		    !enabled(def, parents, it, answers, 0))
			continue;
		const char *type = item_type(it);
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (strcmp(type, "group") == 0) {
			check_required(def, parents,
			               json_object_get(it, "item"), answers, e);
			continue;
		}
		if (!json_is_true(json_object_get(it, "required")))
			continue;
		const json_t *g = json_object_get(answers, id);
		if (g && !json_is_null(g) &&
		    (!json_is_array(g) || json_array_size(g)))
			continue;
		const char *custom = json_string_value(json_object_get(
		    item_extension(it, FORMS_EXT_REQUIRED_MESSAGE),
		    "valueString"));
		if (custom)
			err_add(e, SPIRE_EINVAL, id, "%s", custom);
		else if (item_is_choice(type) || strcmp(type, "boolean") == 0)
			err_add(e, SPIRE_EINVAL, id,
			        "Select an answer for \u2018%.80s\u2019",
			        label(it));
		else
			err_add(e, SPIRE_EINVAL, id,
			        "Enter an answer for \u2018%.80s\u2019",
			        label(it));
	}
}

int
forms_validate(const struct form *def, const json_t *answers, int complete,
               struct err *e)
{
	if (!json_is_object(answers))
		return err_set(e, SPIRE_EINVAL, "answers",
		               "Enter the answers to the form's questions");
	json_t *parents = parents_of(def);
	if (!parents)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	const char *id;
	json_t *v;
	json_object_foreach((json_t *)answers, id, v)
	{
		const json_t *item = forms_item(def, id);
		const char *type = item_type(item);
		if (!item) {
			/* An empty key still names where the problem is. */
			err_add(e, SPIRE_EINVAL, *id ? id : "answers",
			        "Remove this answer: its question is not in "
			        "this form");
			continue;
		}
		if (strcmp(type, "group") == 0 ||
		    strcmp(type, "display") == 0) {
			err_add(
			    e, SPIRE_EINVAL, id,
			    "Remove the answer for \u2018%.80s\u2019: it is "
			    "not a question",
			    label(item));
			continue;
		}
		if (json_is_array(v) &&
		    !json_is_true(json_object_get(item, "repeats")) &&
		    json_array_size(v) > 1) {
			err_add(e, SPIRE_EINVAL, id,
			        "Give one answer for \u2018%.80s\u2019",
			        label(item));
			continue;
		}
		/* One value, or each of a list (given() without the list). */
		if (!json_is_array(v)) {
			if (!json_is_null(v))
				check_value(item, id, v, e);
			continue;
		}
		size_t i;
		json_t *one;
		json_array_foreach(v, i, one)
		{
			check_value(item, id, one, e);
		}
	}
	/* Then the answers given to questions that do not apply, unless
	 * that reads an answer already named as wrong. */
	json_object_foreach((json_t *)answers, id, v)
	{
		if (unconditional(def))
			break;
		const json_t *item = forms_item(def, id);
		if (!item || err_names(e, id) ||
		    reads_error(def, parents, item, e, 0))
			continue;
		json_t *g = given(answers, id);
		if (json_array_size(g) &&
		    !enabled(def, parents, item, answers, 0))
			err_add(e, SPIRE_EINVAL, id,
			        "Remove the answer for \u2018%.80s\u2019: it "
			        "does not apply to the other answers given",
			        label(item));
		json_decref(g);
	}
	if (complete)
		check_required(def, parents, json_object_get(def->doc, "item"),
		               answers, e);
	json_decref(parents);
	return e->code;
}

/* One answer value of item as a QuestionnaireResponse answer. */
static json_t *
answer_of(const json_t *item, const json_t *v)
{
	const char *type = item_type(item);
	if (strcmp(type, "boolean") == 0)
		return json_pack("{s:O}", "valueBoolean", v);
	if (strcmp(type, "integer") == 0)
		return json_pack("{s:O}", "valueInteger", v);
	if (strcmp(type, "decimal") == 0)
		return json_pack("{s:f}", "valueDecimal", json_number_value(v));
	if (strcmp(type, "date") == 0)
		return json_pack("{s:O}", "valueDate", v);
	if (item_is_choice(type)) {
		const json_t *o = item_option(item, json_string_value(v));
		json_t *coding = json_object_get(o, "valueCoding");
		if (coding)
			return json_pack("{s:O}", "valueCoding", coding);
	}
	return json_pack("{s:O}", "valueString", v);
}

/* The response items for items (answered questions, and groups holding
 * any), appended to out. */
static void
build_items(const json_t *items, const json_t *answers, json_t *out)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		const char *type = item_type(it);
		json_t *text = json_object_get(it, "text");
		json_t *ri = json_pack("{s:s}", "linkId", id);
		if (!ri)
			continue;
		if (text)
			json_object_set(ri, "text", text);
		if (strcmp(type, "group") == 0) {
			json_t *kids = json_array();
			build_items(json_object_get(it, "item"), answers, kids);
			if (json_array_size(kids)) {
				json_object_set_new(ri, "item", kids);
				json_array_append_new(out, ri);
				continue;
			}
			json_decref(kids);
			json_decref(ri);
			continue;
		}
		json_t *g = given(answers, id);
		if (json_array_size(g) == 0 || strcmp(type, "display") == 0) {
			json_decref(g);
			json_decref(ri);
			continue;
		}
		json_t *list = json_array();
		size_t j;
		json_t *v;
		json_array_foreach(g, j, v)
		{
			json_array_append_new(list, answer_of(it, v));
		}
		json_decref(g);
		json_object_set_new(ri, "answer", list);
		json_array_append_new(out, ri);
	}
}

void
forms_canonical(const struct form *def, char *out, size_t len)
{
	const char *url = json_string_value(json_object_get(def->doc, "url"));
	snprintf(out, len, "%s%s|%ld",
	         url ? "" : "https://spire.example/fhir/Questionnaire/",
	         url ? url : def->id, def->version);
}

int
forms_response(const struct form *def, const json_t *answers,
               const char *status, const char *authored, json_t **out,
               struct err *e)
{
	json_t *scores = NULL, *flags = NULL;
	int rc = forms_score(def, answers, &scores, &flags, e);
	if (rc)
		return rc;
	char canonical[512];
	forms_canonical(def, canonical, sizeof(canonical));
	json_t *doc = json_pack("{s:s, s:s, s:s}", "resourceType",
	                        "QuestionnaireResponse", "questionnaire",
	                        canonical, "status", status);
	json_t *items = json_array();
	json_t *ext = json_array();
	if (!doc || !items || !ext) {
		json_decref(doc);
		json_decref(items);
		json_decref(ext);
		json_decref(scores);
		json_decref(flags);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (authored)
		json_object_set_new(doc, "authored", json_string(authored));
	build_items(json_object_get(def->doc, "item"), answers, items);
	const char *k;
	json_t *v;
	json_object_foreach(scores, k, v)
	{
		json_array_append_new(
		    ext, json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:O}]}", "url",
		                   FORMS_EXT_RESPONSE_SCORE, "extension", "url",
		                   "linkId", "valueString", k, "url", "score",
		                   "valueDecimal", v));
	}
	size_t i;
	json_array_foreach(flags, i, v)
	{
		json_array_append_new(ext, json_pack("{s:s, s:O}", "url",
		                                     FORMS_EXT_RESPONSE_FLAG,
		                                     "valueString", v));
	}
	json_t *proposals = forms_proposals(def, answers);
	json_array_foreach(proposals, i, v)
	{
		json_t *x = json_pack("{s:s, s:[]}", "url",
		                      FORMS_EXT_RESPONSE_PROPOSAL, "extension");
		static const char *const KEYS[] = {
		    "domain", "domain_text", "group", "action", "who", NULL};
		for (const char *const *pk = KEYS; x && *pk; pk++) {
			json_t *s = json_object_get(v, *pk);
			if (json_is_string(s))
				json_array_append_new(
				    json_object_get(x, "extension"),
				    json_pack("{s:s, s:O}", "url", *pk,
				              strcmp(*pk, "domain") == 0
				                  ? "valueCode"
				                  : "valueString",
				              s));
		}
		if (x)
			json_array_append_new(ext, x);
	}
	json_decref(proposals);
	if (json_array_size(ext))
		json_object_set_new(doc, "extension", ext);
	else
		json_decref(ext);
	if (json_array_size(items))
		json_object_set_new(doc, "item", items);
	else
		json_decref(items);
	json_decref(scores);
	json_decref(flags);
	*out = doc;
	return 0;
}

static json_t *
value_of(const json_t *answer)
{
	static const char *const KEYS[] = {"valueBoolean", "valueInteger",
	                                   "valueDecimal", "valueDate",
	                                   "valueString",  NULL};
	for (const char *const *k = KEYS; *k; k++) {
		json_t *v = json_object_get(answer, *k);
		if (v)
			return v;
	}
	return json_object_get(json_object_get(answer, "valueCoding"), "code");
}

static void
read_items(const struct form *def, const json_t *items, json_t *out)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		json_t *kids = json_object_get(it, "item");
		if (kids)
			read_items(def, kids, out);
		json_t *ans = json_object_get(it, "answer");
		if (!id || !json_array_size(ans))
			continue;
		const json_t *di = def ? forms_item(def, id) : NULL;
		int repeats =
		    !di || json_is_true(json_object_get(di, "repeats"));
		if (!repeats && json_array_size(ans) == 1) {
			json_t *v = value_of(json_array_get(ans, 0));
			if (v)
				json_object_set(out, id, v);
			continue;
		}
		json_t *list = json_array();
		size_t j;
		json_t *a;
		json_array_foreach(ans, j, a)
		{
			json_t *v = value_of(a);
			if (v)
				json_array_append(list, v);
		}
		json_object_set_new(out, id, list);
	}
}

json_t *
forms_answers_of(const struct form *def, const json_t *response,
                 json_t **scores, json_t **flags)
{
	json_t *out = json_object();
	*scores = json_object();
	*flags = json_array();
	read_items(def, json_object_get(response, "item"), out);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(response, "extension"), i, x)
	{
		const char *url = json_string_value(json_object_get(x, "url"));
		if (url && strcmp(url, FORMS_EXT_RESPONSE_FLAG) == 0)
			json_array_append(*flags,
			                  json_object_get(x, "valueString"));
		else if (url && strcmp(url, FORMS_EXT_RESPONSE_SCORE) == 0) {
			const char *link = item_sub_string(x, "linkId");
			json_t *v = json_object_get(item_sub(x, "score"),
			                            "valueDecimal");
			if (link && v)
				json_object_set(*scores, link, v);
		}
	}
	return out;
}

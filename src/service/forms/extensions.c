/*
 * extensions.c - Spire's local extensions for the whole-family pathway
 * (docs/forms.md, "Spire's extensions"): support proposed from answers
 * (support-proposal), answers kept to the subject's own service unless a
 * consent shares them (confidential-to-subject), scales with a descriptor
 * at each end (scale-anchors), Steps to Change's distance travelled
 * (distance-travelled, distance-block) and pre/post questionnaires
 * (pre-post): their checks when a definition is loaded and what they
 * compute.
 */
#include "service/forms/forms.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/forms/vocab_forms.h"
#include "core/vocab_casework.h"
#include "service/forms/item.h"

static const char *const OPERATORS[] = {"exists", "=",  "!=", ">",
                                        "<",      ">=", "<=", NULL};

static int
is_url(const json_t *x, const char *url)
{
	const char *u = json_string_value(json_object_get(x, "url"));
	return u && strcmp(u, url) == 0;
}

static int
in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* A code of 1 to 40 lower-case letters, digits and underscores. */
static int
valid_code(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return 1;
}

/* The number of value[x] keys of a condition. */
static int
values_in(const json_t *cond)
{
	int n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)cond, k, v)
	{
		if (strncmp(k, "value", 5) == 0)
			n++;
	}
	return n;
}

/* The item of doc named by linkId id when it is a question (not a group
 * or display item), else NULL. */
static const json_t *
question(const json_t *doc, const char *id)
{
	const json_t *it =
	    id ? item_find(json_object_get(doc, "item"), id) : NULL;
	const char *t = item_type(it);
	if (!it || strcmp(t, "group") == 0 || strcmp(t, "display") == 0)
		return NULL;
	return it;
}

/* support-proposal on group `it` (linkId id). */
static void
check_proposal(const json_t *doc, const json_t *it, const char *id,
               const json_t *x, struct err *e)
{
	if (strcmp(item_type(it), "group") != 0) {
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': a support proposal goes on a group (the "
		        "need domain)",
		        id);
		return;
	}
	const char *domain = json_string_value(
	    json_object_get(item_sub(x, "domain"), "valueCode"));
	if (!valid_code(domain))
		err_add(e, SPIRE_EINVAL, id,
		        "Group '%s': a support proposal needs its domain as a "
		        "valueCode of lower-case letters, digits and '_'",
		        id);
	const char *action = item_sub_string(x, "action");
	if (!action || !*action || strlen(action) > 500)
		err_add(e, SPIRE_EINVAL, id,
		        "Group '%s': a support proposal needs the action "
		        "proposed (valueString, at most 500 characters)",
		        id);
	const char *who = item_sub_string(x, "who");
	if (item_sub(x, "who") && (!who || !*who || strlen(who) > 200))
		err_add(e, SPIRE_EINVAL, id,
		        "Group '%s': a support proposal's who is a valueString "
		        "of at most 200 characters",
		        id);
	size_t i, whens = 0;
	json_t *w;
	json_array_foreach(json_object_get(x, "extension"), i, w)
	{
		if (!is_url(w, "when"))
			continue;
		whens++;
		const char *q = item_sub_string(w, "linkId");
		const char *op = json_string_value(
		    json_object_get(item_sub(w, "operator"), "valueCode"));
		json_t *val = item_sub(w, "value");
		if (!question(doc, q))
			err_add(e, SPIRE_EINVAL, id,
			        "Group '%s': a support proposal's condition "
			        "names '%s', which is not a question of the "
			        "form",
			        id, q ? q : "(none)");
		if (!in_list(OPERATORS, op) || !val || values_in(val) != 1)
			err_add(e, SPIRE_EINVAL, id,
			        "Group '%s': each condition of a support "
			        "proposal needs an operator (=, !=, >, <, >=, "
			        "<=, exists) and one value[x]",
			        id);
	}
	if (whens == 0)
		err_add(e, SPIRE_EINVAL, id,
		        "Group '%s': a support proposal needs at least one "
		        "condition ('when')",
		        id);
}

/* The bounds of a scale item, defaults applied, into lo and hi; 0, or -1
 * when a bound is not a whole number. */
static int
scale_bounds(const json_t *it, long *lo, long *hi)
{
	int wrong = 0;
	const json_t *a = item_bound(it, FORMS_EXT_MIN_VALUE, &wrong);
	const json_t *b = item_bound(it, FORMS_EXT_MAX_VALUE, &wrong);
	if (wrong || (a && !json_is_integer(a)) || (b && !json_is_integer(b)))
		return -1;
	*lo = a ? (long)json_integer_value(a) : FORMS_SCALE_MIN;
	*hi = b ? (long)json_integer_value(b) : FORMS_SCALE_MAX;
	return 0;
}

static void
check_scale(const json_t *it, const char *id, const json_t *x, struct err *e)
{
	if (strcmp(item_type(it), "integer") != 0) {
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': scale anchors go on an integer item", id);
		return;
	}
	static const char *const ends[] = {"low", "high", NULL};
	for (const char *const *k = ends; *k; k++) {
		const char *s = item_sub_string(x, *k);
		if (!s || !*s || strlen(s) > 100)
			err_add(e, SPIRE_EINVAL, id,
			        "Item '%s': scale anchors need a '%s' "
			        "descriptor (valueString, at most 100 "
			        "characters)",
			        id, *k);
	}
	long lo, hi;
	if (scale_bounds(it, &lo, &hi) == 0 && (hi - lo < 1 || hi - lo > 19))
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': a scale runs over 2 to 20 points "
		        "(minValue below maxValue)",
		        id);
}

static int
is_scale(const json_t *it)
{
	return it && strcmp(item_type(it), "integer") == 0 &&
	       item_extension(it, FORMS_EXT_SCALE) != NULL;
}

static void
check_block(const json_t *it, const char *id, const json_t *x, struct err *e)
{
	if (strcmp(item_type(it), "group") != 0) {
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': a distance block goes on a group", id);
		return;
	}
	static const char *const raters[] = {"practitioner", "family", NULL};
	for (const char *const *k = raters; *k; k++) {
		const char *q = item_sub_string(x, *k);
		const json_t *s =
		    q ? item_find(json_object_get(it, "item"), q) : NULL;
		if (!is_scale(s))
			err_add(e, SPIRE_EINVAL, id,
			        "Group '%s': the block's '%s' score must name "
			        "a scale item (scale-anchors) of the group",
			        id, *k);
	}
}

/* Each item's local extensions, recursively; *blocks counts the
 * distance blocks. */
static void
check_items(const json_t *doc, const json_t *items, size_t *blocks,
            struct err *e)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (!id || !*id || !item_type_known(item_type(it)))
			continue; /* forms_check names it */
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(it, "extension"), j, x)
		{
			if (is_url(x, FORMS_EXT_PROPOSAL))
				check_proposal(doc, it, id, x, e);
			else if (is_url(x, FORMS_EXT_SCALE))
				check_scale(it, id, x, e);
			else if (is_url(x, FORMS_EXT_DISTANCE_BLOCK)) {
				check_block(it, id, x, e);
				(*blocks)++;
			}
		}
		json_t *kids = json_object_get(it, "item");
		if (json_is_array(kids))
			check_items(doc, kids, blocks, e);
	}
}

/* The choice item of doc named by the nested `stage` of x, when it has
 * every option of codes; else an error naming what. */
static void
check_stage(const json_t *doc, const json_t *x, const char *const *codes,
            const char *what, struct err *e)
{
	const char *q = item_sub_string(x, "stage");
	const json_t *it = question(doc, q);
	int ok = it && strcmp(item_type(it), "choice") == 0;
	for (const char *const *c = codes; ok && *c; c++)
		ok = item_option(it, *c) != NULL;
	if (!ok)
		err_add(e, SPIRE_EINVAL, q && *q ? q : "extension",
		        "The %s rule's stage must name a choice question of "
		        "the form with the options %s",
		        what,
		        codes[2] ? "start, review and end" : "pre and post");
}

void
forms_check_local(const json_t *doc, const json_t *ids, struct err *e)
{
	(void)ids;
	static const char *const STEPS[] = {"start", "review", "end", NULL};
	static const char *const PRE_POST[] = {"pre", "post", NULL};
	size_t blocks = 0, distance = 0, confidential = 0, subject = 0;
	check_items(doc, json_object_get(doc, "item"), &blocks, e);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "extension"), i, x)
	{
		if (is_url(x, FORMS_EXT_COMPLETED_BY)) {
			const char *who =
			    json_string_value(json_object_get(x, "valueCode"));
			if (!vocab_accepts(&VOCAB_FORM_COMPLETED_BY, who))
				err_add(e, SPIRE_EINVAL, "extension",
				        "completed-by needs a valueCode of the "
				        "form_completed_by vocabulary (who "
				        "completes a form), not '%s'",
				        who ? who : "(none)");
		} else if (is_url(x, FORMS_EXT_CASE_SERVICE)) {
			const char *svc =
			    json_string_value(json_object_get(x, "valueCode"));
			if (!vocab_accepts(&VOCAB_SERVICES, svc))
				err_add(e, SPIRE_EINVAL, "extension",
				        "case-service needs a valueCode of the "
				        "services vocabulary (the kind of case "
				        "the form is for), not '%s'",
				        svc ? svc : "(none)");
		} else if (is_url(x, FORMS_EXT_SUBJECT)) {
			const char *kind =
			    json_string_value(json_object_get(x, "valueCode"));
			if (subject++)
				err_add(e, SPIRE_EINVAL, "extension",
				        "subject is given once");
			else if (!vocab_accepts(&VOCAB_FORM_SUBJECT_TYPES,
			                        kind))
				err_add(e, SPIRE_EINVAL, "extension",
				        "subject needs a valueCode of the "
				        "form_subject_types vocabulary (what "
				        "every response is about: person, "
				        "family or case), not '%s'",
				        kind ? kind : "(none)");
		} else if (is_url(x, FORMS_EXT_CONFIDENTIAL)) {
			confidential++;
			const char *share =
			    json_string_value(json_object_get(x, "valueCode"));
			if (!vocab_accepts(&VOCAB_CONSENT_SHARES, share))
				err_add(e, SPIRE_EINVAL, "extension",
				        "confidential-to-subject needs a "
				        "valueCode of the consent_shares "
				        "vocabulary (what a consent may "
				        "share), not '%s'",
				        share ? share : "(none)");
		} else if (is_url(x, FORMS_EXT_DISTANCE)) {
			distance++;
			check_stage(doc, x, STEPS, "distance-travelled", e);
			json_t *low = item_sub(x, "low");
			if (low && !json_is_integer(
			               json_object_get(low, "valueInteger")))
				err_add(e, SPIRE_EINVAL, "extension",
				        "distance-travelled's low threshold is "
				        "a valueInteger");
		} else if (is_url(x, FORMS_EXT_PRE_POST)) {
			check_stage(doc, x, PRE_POST, "pre-post", e);
			size_t j, groups = 0;
			json_t *g;
			json_array_foreach(json_object_get(x, "extension"), j,
			                   g)
			{
				if (!is_url(g, "group"))
					continue;
				groups++;
				const char *q = json_string_value(
				    json_object_get(g, "valueString"));
				const json_t *it =
				    q ? item_find(json_object_get(doc, "item"),
				                  q)
				      : NULL;
				if (!it ||
				    !item_extension(it, FORMS_EXT_GROUP_SCORE))
					err_add(e, SPIRE_EINVAL,
					        q && *q ? q : "extension",
					        "The pre-post rule names the "
					        "group '%s', which is not a "
					        "scored group of the form",
					        q ? q : "(none)");
			}
			if (groups == 0)
				err_add(e, SPIRE_EINVAL, "extension",
				        "The pre-post rule needs at least one "
				        "scored group to compare");
		}
	}
	if (confidential > 1)
		err_add(e, SPIRE_EINVAL, "extension",
		        "confidential-to-subject is given more than once");
	/* A confidential form is kept to its case's relation. */
	const char *kind = json_string_value(json_object_get(
	    item_extension(doc, FORMS_EXT_SUBJECT), "valueCode"));
	if (confidential && kind && strcmp(kind, "case") != 0)
		err_add(e, SPIRE_EINVAL, "extension",
		        "A form confidential-to-subject is about a case: its "
		        "subject cannot be a %s",
		        kind);
	if (distance > 1)
		err_add(e, SPIRE_EINVAL, "extension",
		        "distance-travelled is given more than once");
	if (distance && !blocks)
		err_add(e, SPIRE_EINVAL, "extension",
		        "distance-travelled needs groups marked as "
		        "distance-block");
	if (blocks && !distance)
		err_add(e, SPIRE_EINVAL, "extension",
		        "A distance-block needs the form's "
		        "distance-travelled rule");
}

static int
normalise_items(json_t *items)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *kids = json_object_get(it, "item");
		if (kids && normalise_items(kids))
			return -1;
		if (!is_scale(it))
			continue;
		static const char *const urls[] = {FORMS_EXT_MIN_VALUE,
		                                   FORMS_EXT_MAX_VALUE};
		static const long dflt[] = {FORMS_SCALE_MIN, FORMS_SCALE_MAX};
		for (size_t k = 0; k < 2; k++) {
			if (item_extension(it, urls[k]))
				continue;
			json_t *ext = json_object_get(it, "extension");
			if (json_array_append_new(
			        ext,
			        json_pack("{s:s, s:I}", "url", urls[k],
			                  "valueInteger", (json_int_t)dflt[k])))
				return -1;
		}
	}
	return 0;
}

int
forms_normalise(json_t *doc)
{
	return normalise_items(json_object_get(doc, "item"));
}

/* Whether any `when` of proposal x holds on answers. */
static int
proposal_holds(const json_t *x, const json_t *answers)
{
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(x, "extension"), i, w)
	{
		if (!is_url(w, "when"))
			continue;
		const char *q = item_sub_string(w, "linkId");
		const char *op = json_string_value(
		    json_object_get(item_sub(w, "operator"), "valueCode"));
		json_t *v = q ? json_object_get(answers, q) : NULL;
		json_t *g = json_array();
		if (!g)
			return 0;
		if (json_is_array(v))
			json_array_extend(g, v);
		else if (v && !json_is_null(v))
			json_array_append(g, v);
		int ok = item_condition(g, op, item_sub(w, "value"), "value");
		json_decref(g);
		if (ok)
			return 1;
	}
	return 0;
}

static void
propose(const json_t *items, const json_t *answers, json_t *out)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(it, "extension"), j, x)
		{
			if (!is_url(x, FORMS_EXT_PROPOSAL) ||
			    !proposal_holds(x, answers))
				continue;
			json_array_append_new(
			    out, json_pack(
			             "{s:O?, s:O?, s:O?, s:s?, s:s?}", "domain",
			             json_object_get(item_sub(x, "domain"),
			                             "valueCode"),
			             "domain_text", json_object_get(it, "text"),
			             "group", json_object_get(it, "linkId"),
			             "action", item_sub_string(x, "action"),
			             "who", item_sub_string(x, "who")));
		}
		json_t *kids = json_object_get(it, "item");
		if (kids)
			propose(kids, answers, out);
	}
}

json_t *
forms_proposals(const struct form *def, const json_t *answers)
{
	json_t *out = json_array();
	if (out && (def->proposes || !def->items))
		propose(json_object_get(def->doc, "item"), answers, out);
	return out;
}

json_t *
forms_proposals_of(const json_t *response)
{
	static const char *const KEYS[] = {"domain", "domain_text", "group",
	                                   "action", "who",         NULL};
	json_t *out = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(response, "extension"), i, x)
	{
		if (!out || !is_url(x, FORMS_EXT_RESPONSE_PROPOSAL))
			continue;
		json_t *p = json_object();
		for (const char *const *k = KEYS; p && *k; k++) {
			json_t *s = item_sub(x, *k);
			json_t *v = json_object_get(s, "valueString");
			if (!v)
				v = json_object_get(s, "valueCode");
			if (v)
				json_object_set(p, *k, v);
		}
		if (p)
			json_array_append_new(out, p);
	}
	return out;
}

const char *
forms_confidential(const struct form *def)
{
	if (!def)
		return NULL;
	return json_string_value(json_object_get(
	    item_extension(def->doc, FORMS_EXT_CONFIDENTIAL), "valueCode"));
}

const char *
forms_subject(const struct form *def)
{
	if (!def)
		return NULL;
	return json_string_value(json_object_get(
	    item_extension(def->doc, FORMS_EXT_SUBJECT), "valueCode"));
}

int
forms_completed_by_allows(const struct form *def, const char *code)
{
	if (!def || !code)
		return 1;
	int any = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(def->doc, "extension"), i, x)
	{
		if (!is_url(x, FORMS_EXT_COMPLETED_BY))
			continue;
		any = 1;
		const char *who =
		    json_string_value(json_object_get(x, "valueCode"));
		if (who && strcmp(who, code) == 0)
			return 1;
	}
	return !any;
}

/*
 * The labels (in vocab) of def's extensions at url, joined by " or " into
 * buf (len bytes, always terminated; cut at the last label that fits).
 */
static void
extension_words(const struct form *def, const char *url,
                const struct vocab *vocab, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	if (!def)
		return;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(def->doc, "extension"), i, x)
	{
		if (!is_url(x, url))
			continue;
		const char *label = vocab_label(
		    vocab, json_string_value(json_object_get(x, "valueCode")));
		if (!label)
			continue;
		int n = snprintf(buf + used, len - used, "%s%s",
		                 used ? " or " : "", label);
		if (n < 0 || (size_t)n >= len - used) {
			buf[used] = '\0';
			return;
		}
		used += (size_t)n;
	}
}

void
forms_completed_by_words(const struct form *def, char *buf, size_t len)
{
	extension_words(def, FORMS_EXT_COMPLETED_BY, &VOCAB_FORM_COMPLETED_BY,
	                buf, len);
	/* "A practitioner" reads "a practitioner" after the first, and
	 * "Jointly" "jointly". */
	for (char *p = strstr(buf, " or "); p; p = strstr(p + 1, " or "))
		p[4] = (char)tolower((unsigned char)p[4]);
}

static void
gather_blocks(const json_t *items, struct forms_block *blocks, size_t max,
              size_t *n)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *x = item_extension(it, FORMS_EXT_DISTANCE_BLOCK);
		if (x && *n < max) {
			struct forms_block *b = &blocks[(*n)++];
			b->group =
			    json_string_value(json_object_get(it, "linkId"));
			b->text =
			    json_string_value(json_object_get(it, "text"));
			b->practitioner = item_sub_string(x, "practitioner");
			b->family = item_sub_string(x, "family");
		}
		json_t *kids = json_object_get(it, "item");
		if (kids)
			gather_blocks(kids, blocks, max, n);
	}
}

size_t
forms_distance(const struct form *def, struct forms_block *blocks, size_t max,
               const char **stage, long *low)
{
	json_t *x = def ? item_extension(def->doc, FORMS_EXT_DISTANCE) : NULL;
	*stage = NULL;
	*low = FORMS_LOW_DEFAULT;
	if (!x)
		return 0;
	*stage = item_sub_string(x, "stage");
	json_t *l = json_object_get(item_sub(x, "low"), "valueInteger");
	if (json_is_integer(l))
		*low = (long)json_integer_value(l);
	size_t n = 0;
	gather_blocks(json_object_get(def->doc, "item"), blocks, max, &n);
	return n;
}

int
forms_pre_post(const struct form *def, const char **stage, json_t **groups)
{
	json_t *x = def ? item_extension(def->doc, FORMS_EXT_PRE_POST) : NULL;
	*groups = NULL;
	*stage = NULL;
	if (!x)
		return -1;
	*stage = item_sub_string(x, "stage");
	*groups = json_array();
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(x, "extension"), i, g)
	{
		if (is_url(g, "group") && *groups)
			json_array_append(*groups,
			                  json_object_get(g, "valueString"));
	}
	return *groups ? 0 : -1;
}

int
forms_for_service(const struct form *def, const char *service)
{
	if (!def)
		return 1;
	int any = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(def->doc, "extension"), i, x)
	{
		if (!is_url(x, FORMS_EXT_CASE_SERVICE))
			continue;
		any = 1;
		const char *code =
		    json_string_value(json_object_get(x, "valueCode"));
		if (code && service && strcmp(code, service) == 0)
			return 1;
	}
	return !any;
}

json_t *
forms_case_services(const struct form *def)
{
	json_t *out = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(def->doc, "extension"), i, x)
	{
		if (!out || !is_url(x, FORMS_EXT_CASE_SERVICE))
			continue;
		json_t *code = json_object_get(x, "valueCode");
		if (json_is_string(code) && json_array_append(out, code)) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

void
forms_case_services_words(const struct form *def, char *buf, size_t len)
{
	extension_words(def, FORMS_EXT_CASE_SERVICE, &VOCAB_SERVICES, buf, len);
}

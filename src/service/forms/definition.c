/*
 * definition.c - form definitions: loading forms/NAME.json and checking each
 * Questionnaire before Spire uses it (docs/forms.md). Answers are checked
 * in answers.c, scores in score.c.
 */
#include "service/forms/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_dir.h"
#include "service/forms/item.h"

static const char *const STATUSES[] = {"draft", "active", "retired", "unknown",
                                       NULL};
static const char *const OPERATORS[] = {"exists", "=",  "!=", ">",
                                        "<",      ">=", "<=", NULL};
static const char *const ANSWER_KEYS[] = {
    "answerBoolean",
    "answerDecimal",
    "answerInteger",
    "answerDate",
    "answerString",
    "answerCoding",
    NULL,
};

/* "linkId.key" into buf, for problems of one part of an item. */
static const char *
at(char *buf, size_t len, const char *id, const char *key)
{
	snprintf(buf, len, "%.40s.%s", id, key);
	return buf;
}

static int
in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* The one answer[x] key of an enableWhen or flag condition, or NULL. */
static const char *
answer_key(const json_t *cond, int *count)
{
	const char *found = NULL;
	*count = 0;
	for (const char *const *k = ANSWER_KEYS; *k; k++)
		if (json_object_get(cond, *k)) {
			found = *k;
			(*count)++;
		}
	return found;
}

/* Every linkId of items (recursively) into seen, reporting duplicates. */
static void
collect_ids(const json_t *items, json_t *seen, struct err *e)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (id && *id) {
			if (json_object_get(seen, id))
				err_add(e, SPIRE_EINVAL, id,
				        "The linkId '%s' is used by more than "
				        "one item",
				        id);
			else
				json_object_set_new(seen, id, json_object());
		}
		json_t *kids = json_object_get(it, "item");
		if (json_is_array(kids))
			collect_ids(kids, seen, e);
	}
}

static void
check_options(const json_t *it, const char *id, const char *type, struct err *e)
{
	char buf[64];
	const char *f = at(buf, sizeof(buf), id, "answerOption");
	json_t *opts = json_object_get(it, "answerOption");
	int choice = item_is_choice(type);
	if (!opts) {
		if (strcmp(type, "choice") == 0)
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s' is a choice but has no answerOption",
			        id);
		return;
	}
	if (!choice) {
		err_add(e, SPIRE_EINVAL, f,
		        "Item '%s' has answerOption but is not a choice", id);
		return;
	}
	if (!json_is_array(opts) || json_array_size(opts) == 0) {
		err_add(e, SPIRE_EINVAL, f,
		        "Item '%s': answerOption must be a list of options",
		        id);
		return;
	}
	size_t i;
	json_t *o;
	json_array_foreach(opts, i, o)
	{
		const char *code = item_option_code(o);
		if (!code || !*code) {
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': each option needs a valueCoding "
			        "with a code, or a valueString",
			        id);
			return;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(code, item_option_code(
			                     json_array_get(opts, j))) == 0) {
				err_add(e, SPIRE_EINVAL, f,
				        "Item '%s': the option '%s' is "
				        "listed twice",
				        id, code);
				return;
			}
		json_t *score = item_extension(o, FORMS_EXT_ANSWER_SCORE);
		if (score &&
		    !json_is_number(json_object_get(score, "valueDecimal")) &&
		    !json_is_integer(json_object_get(score, "valueInteger")))
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': an answer score needs a "
			        "valueDecimal or valueInteger",
			        id);
	}
}

static void
check_enable_when(const json_t *it, const char *id, const json_t *ids,
                  struct err *e)
{
	char buf[64];
	const char *f = at(buf, sizeof(buf), id, "enableWhen");
	json_t *ew = json_object_get(it, "enableWhen");
	if (!ew)
		return;
	if (!json_is_array(ew) || json_array_size(ew) == 0) {
		err_add(e, SPIRE_EINVAL, f,
		        "Item '%s': enableWhen must be a list of conditions",
		        id);
		return;
	}
	const char *behaviour =
	    json_string_value(json_object_get(it, "enableBehavior"));
	if (json_array_size(ew) > 1 &&
	    (!behaviour ||
	     (strcmp(behaviour, "all") != 0 && strcmp(behaviour, "any") != 0)))
		err_add(e, SPIRE_EINVAL, f,
		        "Item '%s' has more than one enableWhen: give "
		        "enableBehavior 'all' or 'any'",
		        id);
	size_t i;
	json_t *c;
	json_array_foreach(ew, i, c)
	{
		const char *q =
		    json_string_value(json_object_get(c, "question"));
		const char *op =
		    json_string_value(json_object_get(c, "operator"));
		int n;
		const char *key = answer_key(c, &n);
		if (!q || !json_object_get(ids, q))
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': enableWhen names the question "
			        "'%s', which is not in the form",
			        id, q ? q : "(none)");
		else if (strcmp(q, id) == 0)
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': enableWhen cannot depend on the "
			        "item itself",
			        id);
		if (!in_list(OPERATORS, op))
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': enableWhen operator '%s' is not "
			        "one of exists, =, !=, >, <, >=, <=",
			        id, op ? op : "(none)");
		else if (n != 1)
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': each enableWhen needs exactly one "
			        "answer[x]",
			        id);
		else if (strcmp(op, "exists") == 0 &&
		         strcmp(key, "answerBoolean") != 0)
			err_add(e, SPIRE_EINVAL, f,
			        "Item '%s': enableWhen 'exists' takes "
			        "answerBoolean",
			        id);
	}
}

static void check_item(const json_t *it, const json_t *ids, struct err *e,
                       int depth);

/* FHIR's minValue and maxValue: on an integer, decimal or date item, of
 * its type, the least not above the greatest. */
static void
check_bounds(const json_t *it, const char *id, struct err *e)
{
	static const char *const names[] = {"minValue", "maxValue"};
	static const char *const urls[] = {FORMS_EXT_MIN_VALUE,
	                                   FORMS_EXT_MAX_VALUE};
	const json_t *b[2];
	char buf[64];
	for (size_t i = 0; i < 2; i++) {
		int wrong = 0;
		b[i] = item_bound(it, urls[i], &wrong);
		if (wrong)
			err_add(e, SPIRE_EINVAL,
			        at(buf, sizeof(buf), id, names[i]),
			        "Item '%s': %s goes on an integer, decimal or "
			        "date item, as valueInteger, valueDecimal or "
			        "valueDate of its type",
			        id, names[i]);
	}
	if (b[0] && b[1] && item_value_cmp(b[0], b[1]) > 0)
		err_add(e, SPIRE_EINVAL, at(buf, sizeof(buf), id, "minValue"),
		        "Item '%s': minValue must not be above maxValue", id);
}

static void
check_items(const json_t *items, const json_t *ids, struct err *e, int depth)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		check_item(it, ids, e, depth);
	}
}

static void
check_item(const json_t *it, const json_t *ids, struct err *e, int depth)
{
	if (!json_is_object(it)) {
		err_add(e, SPIRE_EINVAL, "item", "Each item must be an object");
		return;
	}
	const char *id = json_string_value(json_object_get(it, "linkId"));
	if (!id || !*id || strlen(id) > FORMS_ID_MAX) {
		err_add(e, SPIRE_EINVAL, "item",
		        "Each item needs a linkId of 1 to %d characters",
		        FORMS_ID_MAX);
		return;
	}
	const char *type = json_string_value(json_object_get(it, "type"));
	if (!item_type_known(type)) {
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s' has the unknown type '%s'", id,
		        type ? type : "(none)");
		return;
	}
	int group = strcmp(type, "group") == 0;
	json_t *text = json_object_get(it, "text");
	if (!group && (!json_is_string(text) || !*json_string_value(text)))
		err_add(e, SPIRE_EINVAL, id, "Item '%s' needs its text", id);
	static const char *const flags[] = {"required", "repeats", NULL};
	for (const char *const *k = flags; *k; k++) {
		json_t *v = json_object_get(it, *k);
		if (v && !json_is_boolean(v))
			err_add(e, SPIRE_EINVAL, id,
			        "Item '%s': %s must be true or false", id, *k);
	}
	if (json_is_true(json_object_get(it, "repeats")) &&
	    (group || strcmp(type, "display") == 0))
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': only questions may repeat", id);
	if (json_is_true(json_object_get(it, "required")) &&
	    strcmp(type, "display") == 0)
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': a display item cannot be required", id);
	json_t *max = json_object_get(it, "maxLength");
	char buf[64];
	if (max &&
	    (!item_has_length(type) || !json_is_integer(max) ||
	     json_integer_value(max) < 1 || json_integer_value(max) > 100000))
		err_add(e, SPIRE_EINVAL, at(buf, sizeof(buf), id, "maxLength"),
		        "Item '%s': maxLength must be a whole number from 1 "
		        "to 100000 on a string, text or open-choice item",
		        id);
	check_bounds(it, id, e);
	check_options(it, id, type, e);
	check_enable_when(it, id, ids, e);
	json_t *gs = item_extension(it, FORMS_EXT_GROUP_SCORE);
	const char *how = json_string_value(json_object_get(gs, "valueCode"));
	if (gs && (!group || !how ||
	           (strcmp(how, "sum") != 0 && strcmp(how, "mean") != 0)))
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': a group score goes on a group, with "
		        "valueCode 'sum' or 'mean'",
		        id);
	json_t *kids = json_object_get(it, "item");
	if (group) {
		if (!json_is_array(kids) || json_array_size(kids) == 0)
			err_add(e, SPIRE_EINVAL, id,
			        "Group '%s' needs a list of items", id);
		else if (depth >= 8)
			err_add(e, SPIRE_EINVAL, id,
			        "Group '%s' is nested too deeply", id);
		else
			check_items(kids, ids, e, depth + 1);
	} else if (kids) {
		err_add(e, SPIRE_EINVAL, id,
		        "Item '%s': only a group may hold items", id);
	}
}

/* Each flag extension: name, linkId of a question or scored group, an
 * operator and one value[x] to compare with. */
static void
check_flags(const json_t *doc, const json_t *ids, struct err *e)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "extension"), i, x)
	{
		const char *url = json_string_value(json_object_get(x, "url"));
		if (!url || strcmp(url, FORMS_EXT_FLAG) != 0)
			continue;
		const char *name = item_sub_string(x, "name");
		const char *link = item_sub_string(x, "linkId");
		json_t *op = item_sub(x, "operator");
		const char *ops =
		    json_string_value(json_object_get(op, "valueCode"));
		json_t *val = item_sub(x, "value");
		const char *where = link && *link ? link : "extension";
		if (!name || !*name)
			err_add(e, SPIRE_EINVAL, where,
			        "A flag needs a name (valueString)");
		if (!link || !json_object_get(ids, link))
			err_add(e, SPIRE_EINVAL, where,
			        "The flag '%s' names the item '%s', which is "
			        "not in the form",
			        name ? name : "", link ? link : "(none)");
		if (!in_list(OPERATORS, ops) || !val)
			err_add(e, SPIRE_EINVAL, where,
			        "The flag '%s' needs an operator (=, !=, >, "
			        "<, >=, <=, exists) and a value",
			        name ? name : "");
	}
}

int
forms_check(const json_t *doc, struct err *e)
{
	err_clear(e);
	if (!json_is_object(doc))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "A form definition must be a JSON object");
	const char *rt =
	    json_string_value(json_object_get(doc, "resourceType"));
	if (!rt || strcmp(rt, "Questionnaire") != 0)
		err_add(e, SPIRE_EINVAL, "resourceType",
		        "The resourceType must be 'Questionnaire'");
	const char *id = json_string_value(json_object_get(doc, "id"));
	if (!item_valid_id(id))
		err_add(
		    e, SPIRE_EINVAL, "id",
		    "The form's id must be 1 to %d letters, digits, '-' or '.'",
		    FORMS_ID_MAX);
	long version;
	if (item_version(doc, &version) != 0)
		err_add(
		    e, SPIRE_EINVAL, "version",
		    "The form's version must be a whole number such as \"1\"");
	if (!in_list(STATUSES,
	             json_string_value(json_object_get(doc, "status"))))
		err_add(e, SPIRE_EINVAL, "status",
		        "The form's status must be draft, active, retired or "
		        "unknown");
	json_t *items = json_object_get(doc, "item");
	if (!json_is_array(items) || json_array_size(items) == 0) {
		err_add(e, SPIRE_EINVAL, "item", "The form needs items");
		return e->code;
	}
	json_t *ids = json_object();
	if (!ids)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	collect_ids(items, ids, e);
	check_items(items, ids, e, 0);
	check_flags(doc, ids, e);
	forms_check_local(doc, ids, e);
	json_decref(ids);
	return e->code;
}

int
forms_load_file(const char *path, json_t **doc, struct err *e)
{
	int rc = json_dir_load_file(path, "form file", doc, e);
	if (rc)
		return rc;
	rc = forms_check(*doc, e);
	if (rc == 0 && forms_normalise(*doc))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

static int
add_form(struct forms *f, json_t *doc, const char *path, struct err *e)
{
	struct form def = {0};
	snprintf(def.id, sizeof(def.id), "%s",
	         json_string_value(json_object_get(doc, "id")));
	item_version(doc, &def.version);
	if (forms_find(f, def.id, def.version)) {
		json_decref(doc);
		return err_set(e, SPIRE_EINVAL, "version",
		               "The form file %s defines the form '%s' version "
		               "%ld a second time",
		               path, def.id, def.version);
	}
	def.title = json_string_value(json_object_get(doc, "title"));
	def.doc = doc;
	if (forms_index(&def)) {
		json_decref(def.items);
		json_decref(def.parents);
		json_decref(doc);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	f->items[f->n++] = def;
	return 0;
}

static int
index_items(const json_t *items, const char *parent, json_t *by_id,
            json_t *parents, struct form *def)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (!id)
			continue;
		if (json_object_set(by_id, id, it) ||
		    (parent &&
		     json_object_set_new(parents, id, json_string(parent))))
			return -1;
		if (json_array_size(json_object_get(it, "enableWhen")))
			def->conditional = 1;
		if (item_extension(it, FORMS_EXT_PROPOSAL))
			def->proposes = 1;
		json_t *kids = json_object_get(it, "item");
		if (kids && index_items(kids, id, by_id, parents, def))
			return -1;
	}
	return 0;
}

int
forms_index(struct form *def)
{
	def->items = json_object();
	def->parents = json_object();
	if (!def->items || !def->parents)
		return -1;
	def->conditional = 0;
	def->proposes = 0;
	return index_items(json_object_get(def->doc, "item"), NULL, def->items,
	                   def->parents, def);
}

int
forms_load_dir(struct forms *f, const char *dir, struct err *e)
{
	f->items = NULL;
	f->n = 0;
	struct json_dir files;
	int rc = json_dir_list(&files, dir, FORMS_MAX, "forms", e);
	if (rc == 0 && files.n > 0 &&
	    !(f->items = calloc(files.n, sizeof(*f->items))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		char path[JSON_DIR_PATH_MAX];
		json_t *doc = NULL;
		rc = json_dir_path(&files, dir, i, path, e);
		if (rc == 0)
			rc = forms_load_file(path, &doc, e);
		/* Name the file as well as the first problem. */
		json_dir_name_problem(&files, i, e);
		if (rc == 0)
			rc = add_form(f, doc, path, e);
	}
	json_dir_release(&files);
	if (rc)
		forms_release(f);
	return rc;
}

void
forms_release(struct forms *f)
{
	for (size_t i = 0; i < f->n; i++) {
		json_decref(f->items[i].doc);
		json_decref(f->items[i].items);
		json_decref(f->items[i].parents);
	}
	free(f->items);
	f->items = NULL;
	f->n = 0;
}

const struct form *
forms_find(const struct forms *f, const char *id, long version)
{
	const struct form *best = NULL;
	for (size_t i = 0; f && id && i < f->n; i++) {
		const struct form *d = &f->items[i];
		if (strcmp(d->id, id) != 0)
			continue;
		if (version ? d->version == version
		            : (!best || d->version > best->version))
			best = d;
	}
	return best;
}

const json_t *
forms_item(const struct form *def, const char *link_id)
{
	if (def->items)
		return link_id ? json_object_get(def->items, link_id) : NULL;
	return item_find(json_object_get(def->doc, "item"), link_id);
}

json_t *
forms_summary(const struct form *def)
{
	json_t *services = forms_case_services(def);
	if (!services)
		return NULL;
	return json_pack(
	    "{s:s, s:I, s:s?, s:s?, s:O?, s:o, s:s?}", "id", def->id, "version",
	    (json_int_t)def->version, "title", def->title, "status",
	    json_string_value(json_object_get(def->doc, "status")),
	    "description", json_object_get(def->doc, "description"),
	    "case_services", services, "subject", forms_subject(def));
}

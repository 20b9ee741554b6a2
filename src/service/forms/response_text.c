/*
 * response_text.c - the QuestionnaireResponse written as JSON text in one
 * pass (forms_response_text, forms.h), for the write path of a form
 * response: building the document as a jansson tree, then writing it out
 * with sorted keys, cost most of a W7 submission (bench/README.md).
 *
 * The text is what json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) writes
 * of forms_response's document: objects' keys are written here in sorted
 * order, and every value (strings, numbers, codings) is still encoded by
 * jansson. tests/unit/test_forms.c checks the two are the same bytes.
 */
#include "service/forms/forms.h"

#include <string.h>

#include "core/buf.h"
#include "service/forms/item.h"

/* The most a response's text may hold. */
#define TEXT_MAX ((size_t)8 * 1024 * 1024)
#define DUMP_FLAGS (JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS)

static int
append(const char *chunk, size_t n, void *data)
{
	return buf_add(data, chunk, n) ? -1 : 0;
}

/* v as jansson writes it inside a document. A string of printable
 * ASCII without a quote or backslash is written as jansson writes it
 * (it escapes nothing else, '/' included, without JSON_ESCAPE_SLASH),
 * without the call. */
static void
put_value(struct buf *b, const json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v), i = 0;
		while (i < n && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' &&
		       s[i] != '\\')
			i++;
		if (i == n) {
			buf_add(b, "\"", 1);
			buf_add(b, s, n);
			buf_add(b, "\"", 1);
			return;
		}
	}
	if (json_dump_callback(v, append, b, DUMP_FLAGS) != 0 && !b->err)
		b->err = SPIRE_ENOMEM;
}

static void
put_string(struct buf *b, const char *s)
{
	json_t *v = json_string(s);
	if (!v) {
		b->err = SPIRE_ENOMEM;
		return;
	}
	put_value(b, v);
	json_decref(v);
}

/* The number x as a real, as json_pack's "f" makes it. */
static void
put_real(struct buf *b, double x)
{
	json_t *v = json_real(x);
	if (!v) {
		b->err = SPIRE_ENOMEM;
		return;
	}
	put_value(b, v);
	json_decref(v);
}

/* One answer value v of item: {"value<Type>": v} (forms_response's
 * answer_of). */
static void
put_answer(struct buf *b, const json_t *item, const json_t *v)
{
	const char *type = item_type(item);
	const char *key = "valueString";
	if (strcmp(type, "boolean") == 0)
		key = "valueBoolean";
	else if (strcmp(type, "integer") == 0)
		key = "valueInteger";
	else if (strcmp(type, "decimal") == 0) {
		buf_adds(b, "{\"valueDecimal\":");
		put_real(b, json_number_value(v));
		buf_adds(b, "}");
		return;
	} else if (strcmp(type, "date") == 0)
		key = "valueDate";
	else if (item_is_choice(type)) {
		const json_t *coding = json_object_get(
		    item_option(item, json_string_value(v)), "valueCoding");
		if (coding) {
			buf_adds(b, "{\"valueCoding\":");
			put_value(b, coding);
			buf_adds(b, "}");
			return;
		}
	}
	buf_adds(b, "{\"");
	buf_adds(b, key);
	buf_adds(b, "\":");
	put_value(b, v);
	buf_adds(b, "}");
}

/* The answers given to id, each passed to put_answer, as "[...]"; the
 * number written. */
static size_t
put_answers(struct buf *b, const json_t *item, const json_t *answers,
            const char *id)
{
	const json_t *v = json_object_get(answers, id);
	if (!v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)))
		return 0;
	buf_adds(b, "[");
	if (!json_is_array(v))
		put_answer(b, item, v);
	size_t i;
	const json_t *one;
	json_array_foreach(v, i, one)
	{
		if (i)
			buf_adds(b, ",");
		put_answer(b, item, one);
	}
	buf_adds(b, "]");
	return json_is_array(v) ? json_array_size(v) : 1;
}

/* The linkId and text members of response item it, each after a comma. */
static void
put_tail(struct buf *b, const json_t *id, const json_t *text)
{
	buf_adds(b, ",\"linkId\":");
	put_value(b, id);
	if (text) {
		buf_adds(b, ",\"text\":");
		put_value(b, text);
	}
	buf_adds(b, "}");
}

/* The response items of items (answered questions, and groups holding
 * any), each after a comma unless first; the number written. A group
 * without answers is written, then taken back. */
static size_t
put_items(struct buf *b, const json_t *items, const json_t *answers)
{
	size_t n = 0, i;
	const json_t *it;
	json_array_foreach(items, i, it)
	{
		const json_t *id = json_object_get(it, "linkId");
		const json_t *text = json_object_get(it, "text");
		const char *type = item_type(it);
		if (!json_is_string(id) || strcmp(type, "display") == 0)
			continue;
		size_t mark = b->len;
		if (n)
			buf_adds(b, ",");
		if (strcmp(type, "group") == 0) {
			buf_adds(b, "{\"item\":[");
			if (!put_items(b, json_object_get(it, "item"),
			               answers)) {
				buf_setlen(b, mark);
				continue;
			}
			buf_adds(b, "]");
		} else {
			buf_adds(b, "{\"answer\":");
			if (!put_answers(b, it, answers,
			                 json_string_value(id))) {
				buf_setlen(b, mark);
				continue;
			}
		}
		put_tail(b, id, text);
		n++;
	}
	return n;
}

/* The response extensions: scores, flags, then proposals (as
 * forms_response orders them), each after a comma unless first. */
static void
put_extensions(struct buf *b, const struct forms_parts *p)
{
	int first = 1;
	const char *k;
	json_t *v;
	json_object_foreach(p->scores, k, v)
	{
		buf_adds(b, first ? "" : ",");
		buf_adds(b, "{\"extension\":[{\"url\":\"linkId\","
		            "\"valueString\":");
		put_string(b, k);
		buf_adds(b, "},{\"url\":\"score\",\"valueDecimal\":");
		put_value(b, v);
		buf_adds(b, "}],\"url\":\"" FORMS_EXT_RESPONSE_SCORE "\"}");
		first = 0;
	}
	size_t i;
	json_array_foreach(p->flags, i, v)
	{
		buf_adds(b, first ? "" : ",");
		buf_adds(b, "{\"url\":\"" FORMS_EXT_RESPONSE_FLAG
		            "\",\"valueString\":");
		put_value(b, v);
		buf_adds(b, "}");
		first = 0;
	}
	static const char *const KEYS[] = {"domain", "domain_text", "group",
	                                   "action", "who",         NULL};
	json_array_foreach(p->proposals, i, v)
	{
		buf_adds(b, first ? "{\"extension\":[" : ",{\"extension\":[");
		int inner = 1;
		for (const char *const *pk = KEYS; *pk; pk++) {
			const json_t *s = json_object_get(v, *pk);
			if (!json_is_string(s))
				continue;
			buf_adds(b, inner ? "{\"url\":" : ",{\"url\":");
			put_string(b, *pk);
			buf_adds(b, strcmp(*pk, "domain") == 0
			                ? ",\"valueCode\":"
			                : ",\"valueString\":");
			put_value(b, s);
			buf_adds(b, "}");
			inner = 0;
		}
		buf_adds(b, "],\"url\":\"" FORMS_EXT_RESPONSE_PROPOSAL "\"}");
		first = 0;
	}
}

/* One answer of item as forms_answers_of reads it back: a decimal as a
 * real, anything else as given (a coding's code is the value chosen). */
static json_t *
answer_back(const json_t *item, json_t *v)
{
	if (strcmp(item_type(item), "decimal") == 0)
		return json_real(json_number_value(v));
	return json_incref(v);
}

json_t *
forms_answers_given(const struct form *def, const json_t *answers)
{
	json_t *out = json_object();
	const char *id;
	json_t *v;
	json_object_foreach((json_t *)answers, id, v)
	{
		const json_t *item = forms_item(def, id);
		if (!out || !item || json_is_null(v) ||
		    (json_is_array(v) && !json_array_size(v)))
			continue;
		const char *type = item_type(item);
		if (strcmp(type, "group") == 0 || strcmp(type, "display") == 0)
			continue;
		int repeats = json_is_true(json_object_get(item, "repeats"));
		if (!json_is_array(v) && !repeats) {
			json_object_set_new(out, id, answer_back(item, v));
			continue;
		}
		if (json_is_array(v) && json_array_size(v) == 1 && !repeats) {
			json_object_set_new(
			    out, id, answer_back(item, json_array_get(v, 0)));
			continue;
		}
		json_t *list = json_array();
		if (!json_is_array(v))
			json_array_append_new(list, answer_back(item, v));
		size_t i;
		json_t *one;
		json_array_foreach(v, i, one)
		{
			json_array_append_new(list, answer_back(item, one));
		}
		json_object_set_new(out, id, list);
	}
	return out;
}

void
forms_parts_release(struct forms_parts *p)
{
	json_decref(p->scores);
	json_decref(p->flags);
	json_decref(p->proposals);
	p->scores = p->flags = p->proposals = NULL;
}

int
forms_response_text(const struct form *def, const json_t *answers,
                    const char *status, const char *authored, char **text,
                    struct forms_parts *parts, struct err *e)
{
	*text = NULL;
	memset(parts, 0, sizeof(*parts));
	int rc = forms_score(def, answers, &parts->scores, &parts->flags, e);
	if (rc)
		return rc;
	parts->proposals = forms_proposals(def, answers);
	if (!parts->proposals) {
		forms_parts_release(parts);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	char canonical[512];
	forms_canonical(def, canonical, sizeof(canonical));
	struct buf b;
	buf_init(&b, TEXT_MAX);
	buf_reserve(&b, 4095);
	/* Keys in sorted order: authored, extension, item, questionnaire,
	 * resourceType, status. */
	buf_adds(&b, "{");
	if (authored) {
		buf_adds(&b, "\"authored\":");
		put_string(&b, authored);
		buf_adds(&b, ",");
	}
	if (json_object_size(parts->scores) || json_array_size(parts->flags) ||
	    json_array_size(parts->proposals)) {
		buf_adds(&b, "\"extension\":[");
		put_extensions(&b, parts);
		buf_adds(&b, "],");
	}
	size_t mark = b.len;
	buf_adds(&b, "\"item\":[");
	if (put_items(&b, json_object_get(def->doc, "item"), answers))
		buf_adds(&b, "],");
	else
		buf_setlen(&b, mark);
	buf_adds(&b, "\"questionnaire\":");
	put_string(&b, canonical);
	buf_adds(&b, ",\"resourceType\":\"QuestionnaireResponse\",\"status\":");
	put_string(&b, status);
	buf_adds(&b, "}");
	if (b.err) {
		buf_release(&b);
		forms_parts_release(parts);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	*text = buf_take(&b);
	return 0;
}

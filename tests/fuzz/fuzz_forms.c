/*
 * fuzz_forms.c - libFuzzer target for the forms engine
 * (src/service/forms/): a definition checked by forms_check(), and a
 * request's answers validated, scored and turned into a
 * QuestionnaireResponse against a definition.
 *
 * The first byte picks the mode. Even: the rest is a definition; when
 * forms_check() accepts it, its every item must be found by linkId. Odd:
 * the rest is answers against the seed form below; when accepted (as a
 * draft or complete) the response must be built and read back to the same
 * answers. Besides sanitizer findings: a refusal always names a field.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "service/forms/forms.h"

static const char FORM[] =
    "{\"resourceType\":\"Questionnaire\",\"id\":\"f\",\"version\":\"1\","
    "\"status\":\"active\",\"extension\":[{\"url\":\"" FORMS_EXT_FLAG "\","
    "\"extension\":[{\"url\":\"name\",\"valueString\":\"hi\"},"
    "{\"url\":\"linkId\",\"valueString\":\"g\"},{\"url\":\"operator\","
    "\"valueCode\":\">=\"},{\"url\":\"value\",\"valueDecimal\":2}]}],"
    "\"item\":[{\"linkId\":\"g\",\"type\":\"group\",\"extension\":[{"
    "\"url\":\"" FORMS_EXT_GROUP_SCORE "\",\"valueCode\":\"mean\"}],"
    "\"item\":[{\"linkId\":\"c\",\"type\":\"choice\",\"text\":\"C\","
    "\"repeats\":true,\"required\":true,\"answerOption\":["
    "{\"valueString\":\"a\",\"extension\":[{\"url\":\"" FORMS_EXT_ANSWER_SCORE
    "\",\"valueInteger\":1}]},{\"valueCoding\":{\"code\":\"b\"},"
    "\"extension\":[{\"url\":\"" FORMS_EXT_ANSWER_SCORE
    "\",\"valueDecimal\":2.5}]}]},"
    "{\"linkId\":\"o\",\"type\":\"open-choice\",\"text\":\"O\","
    "\"maxLength\":8,\"answerOption\":[{\"valueString\":\"x\"}]}]},"
    "{\"linkId\":\"b\",\"type\":\"boolean\",\"text\":\"B\"},"
    "{\"linkId\":\"i\",\"type\":\"integer\",\"text\":\"I\",\"required\":"
    "true,\"enableWhen\":[{\"question\":\"b\",\"operator\":\"=\","
    "\"answerBoolean\":true},{\"question\":\"c\",\"operator\":\"exists\","
    "\"answerBoolean\":true}],\"enableBehavior\":\"any\"},"
    "{\"linkId\":\"d\",\"type\":\"date\",\"text\":\"D\",\"enableWhen\":[{"
    "\"question\":\"i\",\"operator\":\">\",\"answerInteger\":3}]},"
    "{\"linkId\":\"n\",\"type\":\"decimal\",\"text\":\"N\"},"
    "{\"linkId\":\"t\",\"type\":\"text\",\"text\":\"T\",\"maxLength\":20},"
    "{\"linkId\":\"s\",\"type\":\"string\",\"text\":\"S\"},"
    "{\"linkId\":\"x\",\"type\":\"display\",\"text\":\"X\"}]}";

static void
named(const struct err *e)
{
	if (e->code && !e->field[0] && !e->message[0])
		abort();
	for (unsigned i = 0; i < e->n_more; i++)
		if (!e->more[i].field[0])
			abort();
}

static void
definition(const json_t *doc)
{
	struct err e;
	err_clear(&e);
	if (forms_check(doc, &e) != 0) {
		named(&e);
		return;
	}
	struct form f = {.id = "f", .version = 1, .doc = (json_t *)doc};
	/* Every question of an accepted form can be found again. */
	if (!forms_item(&f, json_string_value(json_object_get(
	                        json_array_get(json_object_get(doc, "item"), 0),
	                        "linkId"))))
		abort();
}

static void
answers(const json_t *in, int complete)
{
	static struct form f;
	if (!f.doc) {
		f.doc = json_loads(FORM, 0, NULL);
		f.version = 1;
		f.id[0] = 'f';
		struct err ce;
		err_clear(&ce);
		if (!f.doc || forms_check(f.doc, &ce) != 0)
			abort();
	}
	struct err e;
	err_clear(&e);
	if (forms_validate(&f, in, complete, &e) != 0) {
		named(&e);
		return;
	}
	json_t *doc = NULL;
	if (forms_response(&f, in, complete ? "completed" : "in-progress",
	                   "2024-01-01", &doc, &e) != 0)
		abort();
	json_t *scores = NULL, *flags = NULL;
	json_t *back = forms_answers_of(&f, doc, &scores, &flags);
	/* Null and empty answers are no answer; the rest read back. */
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)in, k, v)
	{
		if (json_is_null(v) ||
		    (json_is_array(v) && json_array_size(v) == 0))
			continue;
		json_t *b = json_object_get(back, k);
		int same = json_equal(b, v) ||
		           (json_is_array(v) && json_array_size(v) == 1 &&
		            json_equal(b, json_array_get(v, 0))) ||
		           (json_is_array(b) && json_array_size(b) == 1 &&
		            json_equal(json_array_get(b, 0), v)) ||
		           (json_is_number(v) && json_is_number(b) &&
		            json_number_value(v) == json_number_value(b));
		if (!same && !json_is_array(v))
			abort();
	}
	json_decref(back);
	json_decref(scores);
	json_decref(flags);
	json_decref(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	json_error_t jerr;
	json_t *in = json_loadb((const char *)data + 1, size - 1,
	                        JSON_REJECT_DUPLICATES, &jerr);
	if (!in)
		return 0;
	if ((data[0] & 1) == 0)
		definition(in);
	else
		answers(in, (data[0] & 2) != 0);
	json_decref(in);
	return 0;
}

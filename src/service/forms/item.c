/*
 * item.c - reading a Questionnaire's items (see item.h).
 */
#include "service/forms/item.h"

#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "service/forms/forms.h"

static const char *const TYPES[] = {
    "group",   "display", "boolean", "choice", "open-choice", "integer",
    "decimal", "date",    "string",  "text",   NULL,
};

static int
in(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int
item_type_known(const char *type)
{
	return in(TYPES, type);
}

int
item_is_choice(const char *type)
{
	return type && (strcmp(type, "choice") == 0 ||
	                strcmp(type, "open-choice") == 0);
}

int
item_has_length(const char *type)
{
	return type &&
	       (strcmp(type, "string") == 0 || strcmp(type, "text") == 0 ||
	        strcmp(type, "open-choice") == 0);
}

int
item_valid_id(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n < 1 || n > FORMS_ID_MAX)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			return 0;
	return 1;
}

int
item_version(const json_t *doc, long *version)
{
	const char *v = json_string_value(json_object_get(doc, "version"));
	*version = 0;
	if (!v || !*v || *v == '0' || strlen(v) > 6)
		return -1;
	for (const char *p = v; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	char *end = NULL;
	*version = strtol(v, &end, 10);
	return 0;
}

const char *
item_option_code(const json_t *option)
{
	const char *s =
	    json_string_value(json_object_get(option, "valueString"));
	if (s)
		return s;
	return json_string_value(
	    json_object_get(json_object_get(option, "valueCoding"), "code"));
}

const json_t *
item_option(const json_t *item, const char *code)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(item, "answerOption"), i, o)
	{
		const char *c = item_option_code(o);
		if (c && code && strcmp(c, code) == 0)
			return o;
	}
	return NULL;
}

json_t *
item_extension(const json_t *x, const char *url)
{
	size_t i;
	json_t *ext;
	json_array_foreach(json_object_get(x, "extension"), i, ext)
	{
		const char *u = json_string_value(json_object_get(ext, "url"));
		if (u && strcmp(u, url) == 0)
			return ext;
	}
	return NULL;
}

json_t *
item_sub(const json_t *x, const char *name)
{
	return item_extension(x, name);
}

const char *
item_sub_string(const json_t *x, const char *name)
{
	return json_string_value(
	    json_object_get(item_sub(x, name), "valueString"));
}

const json_t *
item_find(const json_t *items, const char *link_id)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *id =
		    json_string_value(json_object_get(it, "linkId"));
		if (id && link_id && strcmp(id, link_id) == 0)
			return it;
		const json_t *in_kids =
		    item_find(json_object_get(it, "item"), link_id);
		if (in_kids)
			return in_kids;
	}
	return NULL;
}

const char *
item_type(const json_t *item)
{
	const char *t = json_string_value(json_object_get(item, "type"));
	return t ? t : "";
}

const json_t *
item_bound(const json_t *item, const char *url, int *wrong)
{
	*wrong = 0;
	const json_t *ext = item_extension(item, url);
	if (!ext)
		return NULL;
	const char *type = item_type(item);
	const json_t *v = NULL;
	if (strcmp(type, "integer") == 0) {
		v = json_object_get(ext, "valueInteger");
		*wrong = !json_is_integer(v);
	} else if (strcmp(type, "decimal") == 0) {
		v = json_object_get(ext, "valueDecimal");
		if (!v)
			v = json_object_get(ext, "valueInteger");
		*wrong = !json_is_number(v);
	} else if (strcmp(type, "date") == 0) {
		v = json_object_get(ext, "valueDate");
		*wrong =
		    !json_is_string(v) || !valid_date(json_string_value(v));
	} else {
		*wrong = 1;
	}
	return *wrong ? NULL : v;
}

int
item_value_cmp(const json_t *a, const json_t *b)
{
	if (json_is_string(a) && json_is_string(b))
		return strcmp(json_string_value(a), json_string_value(b));
	if (json_is_integer(a) && json_is_integer(b))
		return (json_integer_value(a) > json_integer_value(b)) -
		       (json_integer_value(a) < json_integer_value(b));
	double x = json_number_value(a), y = json_number_value(b);
	return (x > y) - (x < y);
}

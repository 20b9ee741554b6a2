/*
 * resource_files.c - resources described by a data file alone, the
 * description of every resource for the web UI, and the generic
 * operations (see resource_files.h).
 */
#include "service/resource_files.h"

#include <stdlib.h>
#include <string.h>

#include "core/json_dir.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/roles.h"
#include "service/resources.h"
#include "service/server.h"
#include "store/kinds.h"
#include "store/resource_table.h"

/* Columns every derived table has, and the references a file's resource
 * gets from its "about": no field may take these names. */
static const char *const RESERVED[] = {
    "id",         "version",    "created_at",       "created_by",
    "updated_at", "updated_by", "closed_at",        "closed_reason",
    "closed_by",  "person_id",  "recorded_by_name", "closed_by_name",
    "case_id",    NULL,
};

/* Words SQL keeps for itself in SQLite or PostgreSQL: a field named so
 * would break the table derived from it. */
static const char *const SQL_WORDS[] = {
    "abort",
    "all",
    "alter",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "attach",
    "authorization",
    "autoincrement",
    "before",
    "begin",
    "between",
    "binary",
    "both",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "concurrently",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "delete",
    "desc",
    "detach",
    "distinct",
    "do",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclude",
    "exists",
    "explain",
    "false",
    "fetch",
    "filter",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "glob",
    "grant",
    "group",
    "groups",
    "having",
    "if",
    "ilike",
    "in",
    "index",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "match",
    "natural",
    "not",
    "nothing",
    "notnull",
    "null",
    "of",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "over",
    "overlaps",
    "partition",
    "placing",
    "pragma",
    "primary",
    "raise",
    "range",
    "recursive",
    "references",
    "regexp",
    "reindex",
    "release",
    "rename",
    "replace",
    "restrict",
    "returning",
    "right",
    "rollback",
    "row",
    "rows",
    "savepoint",
    "select",
    "session_user",
    "set",
    "similar",
    "some",
    "symmetric",
    "table",
    "tablesample",
    "temp",
    "temporary",
    "then",
    "to",
    "trailing",
    "transaction",
    "trigger",
    "true",
    "union",
    "unique",
    "update",
    "user",
    "using",
    "vacuum",
    "values",
    "variadic",
    "verbose",
    "view",
    "virtual",
    "when",
    "where",
    "window",
    "with",
    "without",
    NULL,
};

/* Record types the audit trail already uses for things that are not
 * resources, which a resource's name may not take. */
static const char *const TAKEN_TYPES[] = {"user",    "session", "audit",
                                          "history", "service", NULL};

static const char *const DOC_KEYS[] = {
    "name",   "path",       "label",  "plural", "about",
    "fields", "close_verb", "reopen", NULL,
};

static const char *const FIELD_KEYS[] = {
    "name", "label", "type",   "required", "immutable", "max_length",
    "min",  "max",   "values", "when",     NULL,
};

static const char *const TYPES[] = {"line", "text", "date", "enum",
                                    "int",  "bool", NULL};

/* A lower-case letter, then lower-case letters, digits and sep, at most
 * max characters. */
static int
good_name(const char *s, char sep, size_t max)
{
	if (!s || *s < 'a' || *s > 'z')
		return 0;
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == sep))
			return 0;
	return n <= max;
}

static const char *
str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Every key of o is one of keys: else the first other, named in e. */
static int
known_keys(const json_t *o, const char *const *keys, const char *where,
           struct err *e)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v)
	{
		(void)v;
		if (!fields_in(keys, k))
			return err_set(e, SPIRE_EINVAL, k,
			               "%s: Spire does not know the key \"%s\"",
			               where, k);
	}
	return 0;
}

static int
text_ok(const json_t *o, const char *key, const char *where, struct err *e)
{
	const char *s = str(o, key);
	if (!s || !*s || strlen(s) > 200)
		return err_set(e, SPIRE_EINVAL, key,
		               "%s: give \"%s\" as text of 1 to 200 characters",
		               where, key);
	return 0;
}

static int
check_values(const json_t *f, const char *where, struct err *e)
{
	const json_t *vals = json_object_get(f, "values");
	if (!json_is_array(vals) || json_array_size(vals) == 0)
		return err_set(e, SPIRE_EINVAL, "values",
		               "%s: an enum field needs \"values\", a list of "
		               "{code, label}",
		               where);
	for (size_t i = 0; i < json_array_size(vals); i++) {
		const json_t *v = json_array_get(vals, i);
		const char *code = str(v, "code");
		if (!good_name(code, '_', 60) || !str(v, "label") ||
		    json_object_size(v) != 2)
			return err_set(e, SPIRE_EINVAL, "values",
			               "%s: value %zu needs a code (lower-case "
			               "letters, digits, '_') and a label",
			               where, i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(code,
			           str(json_array_get(vals, j), "code")) == 0)
				return err_set(e, SPIRE_EINVAL, "values",
				               "%s: the code \"%s\" is there "
				               "twice",
				               where, code);
	}
	return 0;
}

/* A field's "when": {"field": another enum field of the file, "values":
 * [its codes], "required": true or false}. */
static int
check_when(const json_t *w, const char *name, const json_t *fields,
           const char *where, struct err *e)
{
	const char *on = json_is_object(w) ? str(w, "field") : NULL;
	const json_t *vals =
	    json_is_object(w) ? json_object_get(w, "values") : NULL;
	const json_t *req =
	    json_is_object(w) ? json_object_get(w, "required") : NULL;
	const json_t *target = NULL;
	for (size_t j = 0; on && j < json_array_size(fields); j++) {
		const json_t *g = json_array_get(fields, j);
		if (str(g, "name") && strcmp(str(g, "name"), on) == 0)
			target = g;
	}
	int ok = on && target && name && strcmp(on, name) != 0 &&
	         str(target, "type") &&
	         strcmp(str(target, "type"), "enum") == 0 &&
	         json_is_array(vals) && json_array_size(vals) > 0 &&
	         json_array_size(vals) <= 50 &&
	         (!req || json_is_boolean(req)) && json_object_size(w) <= 3U;
	for (size_t j = 0; ok && j < json_array_size(vals); j++) {
		const char *v = json_string_value(json_array_get(vals, j));
		int known = 0;
		const json_t *codes = json_object_get(target, "values");
		for (size_t k = 0; v && k < json_array_size(codes); k++) {
			const char *c = str(json_array_get(codes, k), "code");
			known |= c && strcmp(c, v) == 0;
		}
		ok = known;
	}
	if (!ok)
		return err_set(e, SPIRE_EINVAL, "when",
		               "%s: when is {\"field\": another enum field, "
		               "\"values\": [some of its codes], \"required\": "
		               "true or false}",
		               where);
	return 0;
}

static int
check_field(const json_t *f, size_t i, const json_t *fields, struct err *e)
{
	char where[80];
	const char *name = str(f, "name");
	snprintf(where, sizeof(where), "field %zu (%.40s)", i + 1,
	         name ? name : "no name");
	if (!json_is_object(f))
		return err_set(e, SPIRE_EINVAL, "fields", "%s: not an object",
		               where);
	int rc = known_keys(f, FIELD_KEYS, where, e);
	if (rc)
		return rc;
	if (!good_name(name, '_', 60) || fields_in(RESERVED, name))
		return err_set(e, SPIRE_EINVAL, "name",
		               "%s: a field's name is lower-case letters, "
		               "digits and '_', and not one Spire keeps for "
		               "itself (id, version, person_id, case_id, "
		               "created_..., updated_..., closed_...)",
		               where);
	if (fields_in(SQL_WORDS, name))
		return err_set(e, SPIRE_EINVAL, "name",
		               "%s: \"%s\" is a word SQL keeps for itself: "
		               "choose another name",
		               where, name);
	for (size_t j = 0; j < i; j++)
		if (strcmp(name, str(json_array_get(fields, j), "name")) == 0)
			return err_set(e, SPIRE_EINVAL, "name",
			               "%s: the name is used twice", where);
	if ((rc = text_ok(f, "label", where, e)) != 0)
		return rc;
	const char *type = str(f, "type");
	if (!type || !fields_in(TYPES, type))
		return err_set(e, SPIRE_EINVAL, "type",
		               "%s: the type must be line, text, date, enum, "
		               "int or bool",
		               where);
	const char *bools[] = {"required", "immutable"};
	for (size_t k = 0; k < 2; k++) {
		const json_t *b = json_object_get(f, bools[k]);
		if (b && !json_is_boolean(b))
			return err_set(e, SPIRE_EINVAL, bools[k],
			               "%s: \"%s\" is true or false", where,
			               bools[k]);
	}
	const json_t *ml = json_object_get(f, "max_length");
	int is_text = strcmp(type, "line") == 0 || strcmp(type, "text") == 0;
	if (ml &&
	    (!is_text || !json_is_integer(ml) || json_integer_value(ml) < 1 ||
	     json_integer_value(ml) > 100000))
		return err_set(e, SPIRE_EINVAL, "max_length",
		               "%s: max_length is for line and text fields, a "
		               "whole number from 1 to 100000",
		               where);
	const json_t *mn = json_object_get(f, "min"),
	             *mx = json_object_get(f, "max");
	int is_int = strcmp(type, "int") == 0;
	if ((mn || mx) &&
	    (!is_int || (mn && !json_is_integer(mn)) ||
	     (mx && !json_is_integer(mx)) ||
	     (mn && mx && json_integer_value(mn) > json_integer_value(mx))))
		return err_set(e, SPIRE_EINVAL, mn ? "min" : "max",
		               "%s: min and max are for int fields, whole "
		               "numbers, min not above max",
		               where);
	const json_t *when = json_object_get(f, "when");
	if (when && (rc = check_when(when, name, fields, where, e)) != 0)
		return rc;
	int is_enum = strcmp(type, "enum") == 0;
	if (is_enum)
		return check_values(f, where, e);
	if (json_object_get(f, "values"))
		return err_set(e, SPIRE_EINVAL, "values",
		               "%s: values are for enum fields", where);
	return 0;
}

/* A name or path Spire has already: a resource written in C, a kind of
 * record, a record type of the audit trail. (Paths of other routes are
 * checked when the server builds its routes.) */
static int
taken(const char *name, const char *path, struct err *e)
{
	const struct resource *all[RESOURCE_FILES_MAX + 64];
	size_t n = resource_files_all(NULL, all, RESOURCE_FILES_MAX + 64);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i]->name, name) == 0)
			return err_set(e, SPIRE_EINVAL, "name",
			               "Spire already has a resource called "
			               "\"%s\": choose another name",
			               name);
		if (strcmp(all[i]->plural, path) == 0)
			return err_set(e, SPIRE_EINVAL, "path",
			               "Spire already answers /api/v1/%s: "
			               "choose another path",
			               path);
	}
	if (kinds_find(NULL, name) || fields_in(TAKEN_TYPES, name))
		return err_set(e, SPIRE_EINVAL, "name",
		               "Spire already has a kind of record called "
		               "\"%s\"; choose another name",
		               name);
	return 0;
}

int
resource_files_check(const json_t *doc, struct err *e)
{
	if (!json_is_object(doc))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "A resource description is a JSON object");
	int rc = known_keys(doc, DOC_KEYS, "the description", e);
	if (rc)
		return rc;
	if (!good_name(str(doc, "name"), '_', RESOURCE_NAME_MAX))
		return err_set(
		    e, SPIRE_EINVAL, "name",
		    "The name is lower-case letters, digits and '_', "
		    "starting with a letter, at most %d",
		    RESOURCE_NAME_MAX);
	if (!good_name(str(doc, "path"), '-', RESOURCE_NAME_MAX))
		return err_set(
		    e, SPIRE_EINVAL, "path",
		    "The path is lower-case letters, digits and '-', "
		    "starting with a letter, at most %d",
		    RESOURCE_NAME_MAX);
	if ((rc = taken(str(doc, "name"), str(doc, "path"), e)) != 0)
		return rc;
	if ((rc = text_ok(doc, "label", "the description", e)) != 0 ||
	    (rc = text_ok(doc, "plural", "the description", e)) != 0)
		return rc;
	const char *about = str(doc, "about");
	if (!about ||
	    (strcmp(about, "person") != 0 && strcmp(about, "case") != 0))
		return err_set(e, SPIRE_EINVAL, "about",
		               "\"about\" is \"person\" or \"case\": whose "
		               "records these are, and whose access they have");
	const char *verb = str(doc, "close_verb");
	if (!good_name(verb, '-', 30) || strcmp(verb, "reopen") == 0)
		return err_set(e, SPIRE_EINVAL, "close_verb",
		               "close_verb is the word in the address that "
		               "closes a record (\"close\", \"withdraw\"), "
		               "lower-case letters and '-', not \"reopen\"");
	const json_t *ro = json_object_get(doc, "reopen");
	if (ro && !json_is_boolean(ro))
		return err_set(e, SPIRE_EINVAL, "reopen",
		               "\"reopen\" is true or false");
	const json_t *fields = json_object_get(doc, "fields");
	if (!json_is_array(fields) || json_array_size(fields) == 0 ||
	    json_array_size(fields) > 60)
		return err_set(e, SPIRE_EINVAL, "fields",
		               "\"fields\" is a list of 1 to 60 fields");
	for (size_t i = 0; i < json_array_size(fields); i++)
		if ((rc = check_field(json_array_get(fields, i), i, fields,
		                      e)) != 0)
			return rc;
	return 0;
}

int
resource_files_load_file(const char *path, json_t **doc, struct err *e)
{
	int rc = json_dir_load_file(path, "resource description", doc, e);
	if (rc)
		return rc;
	rc = resource_files_check(*doc, e);
	if (rc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

/* The person a record of a file's resource is about. */
static int64_t
person_of(const json_t *rec)
{
	return json_integer_value(json_object_get(rec, "person_id"));
}

/*
 * A new record of a file's resource names the person or case it is about:
 * the user must be able to change that record (its relation is the new
 * record's); for a case, the record is about the case's child.
 */
static int
check_about(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (old)
		return e->code;
	const char *field =
	    json_object_get(rec, "case_id") ? "case_id" : "person_id";
	json_t *v = json_object_get(rec, field);
	if (!json_is_integer(v) || err_names(e, field))
		return e->code;
	int64_t person_id = 0;
	struct err one;
	err_clear(&one);
	int about_case = strcmp(field, "case_id") == 0;
	/* A person the user may not use answers as one who does not exist
	 * (docs/access.md, "Records named in a request"); a case keeps its
	 * 403 naming the field. */
	int rc = about_case
	             ? policy_reference(ctx, RK_CASE, json_integer_value(v), 1,
	                                field, &person_id, &one)
	             : policy_reference_hidden(ctx, RK_PERSON,
	                                       json_integer_value(v), 1, field,
	                                       FAMILIES_PERSON_MISSING, &one);
	if (rc == 0 && about_case)
		json_object_set_new(rec, "person_id", json_integer(person_id));
	err_gather(e, &one);
	return e->code;
}

/* The field table of doc into rf (the "about" reference first). */
static int
build_fields(struct resource_file *rf, struct err *e)
{
	const json_t *fields = json_object_get(rf->doc, "fields");
	int about_case = strcmp(str(rf->doc, "about"), "case") == 0;
	size_t extra = about_case ? 2 : 1;
	size_t n = json_array_size(fields) + extra;
	size_t n_terms = 0;
	for (size_t i = 0; i < json_array_size(fields); i++)
		n_terms += json_array_size(
		    json_object_get(json_array_get(fields, i), "values"));
	rf->fields = calloc(n, sizeof(*rf->fields));
	rf->labels = calloc(n + 1, sizeof(*rf->labels));
	rf->message_labels = calloc(n + 1, sizeof(*rf->message_labels));
	rf->vocabs = calloc(n, sizeof(*rf->vocabs));
	rf->terms = calloc(n_terms + 1, sizeof(*rf->terms));
	if (!rf->fields || !rf->labels || !rf->message_labels || !rf->vocabs ||
	    !rf->terms)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rf->n_fields = n; /* so that a failure below frees what was made */
	size_t k = 0, ti = 0;
	if (about_case) {
		rf->fields[k] = (struct field){
		    "case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0,
		    NULL,      "case"};
		rf->labels[k++] = "Case";
		rf->fields[k] = (struct field){"person_id", FT_ID, FF_SERVER, 0,
		                               0,           NULL,  "child"};
		rf->labels[k++] = "Child";
	} else {
		rf->fields[k] = (struct field){
		    "person_id", FT_ID,   FF_REQUIRED | FF_IMMUTABLE, 0, 0,
		    NULL,        "person"};
		rf->labels[k++] = "Person";
	}
	for (size_t i = 0; i < json_array_size(fields); i++, k++) {
		const json_t *f = json_array_get(fields, i);
		const char *type = str(f, "type");
		struct field *out = &rf->fields[k];
		out->name = str(f, "name");
		rf->labels[k] = str(f, "label");
		if (strcmp(type, "bool") != 0 && rf->labels[k]) {
			/* "Date noted" -> "date noted"; "SEND status" kept. */
			char *m = strdup(rf->labels[k]);
			if (!m)
				return err_set(e, SPIRE_ENOMEM, NULL,
				               "out of memory");
			if (m[0] >= 'A' && m[0] <= 'Z' &&
			    !(m[1] >= 'A' && m[1] <= 'Z'))
				m[0] = (char)(m[0] - 'A' + 'a');
			rf->message_labels[k] = m;
			out->label = m;
		}
		if (json_is_true(json_object_get(f, "required")))
			out->flags |= FF_REQUIRED;
		if (json_is_true(json_object_get(f, "immutable")))
			out->flags |= FF_IMMUTABLE;
		const json_t *ml = json_object_get(f, "max_length");
		if (strcmp(type, "line") == 0) {
			out->type = FT_TEXT;
			out->flags |= FF_LINE;
			out->max = ml ? json_integer_value(ml) : 200;
		} else if (strcmp(type, "text") == 0) {
			out->type = FT_TEXT;
			out->max = ml ? json_integer_value(ml) : 2000;
		} else if (strcmp(type, "date") == 0) {
			out->type = FT_DATE;
		} else if (strcmp(type, "bool") == 0) {
			out->type = FT_BOOL_NULL;
		} else if (strcmp(type, "int") == 0) {
			const json_t *mn = json_object_get(f, "min"),
			             *mx = json_object_get(f, "max");
			out->type = FT_INT;
			out->min = mn ? json_integer_value(mn) : 0;
			out->max = mx ? json_integer_value(mx) : 1000000;
		} else {
			/* The field's own vocabulary: its values, each with
			 * the words people see (core/vocab.h). */
			const json_t *vals = json_object_get(f, "values");
			struct vocab *v = &rf->vocabs[k];
			v->name = out->name;
			v->label = rf->labels[k];
			v->terms = &rf->terms[ti];
			v->n = json_array_size(vals);
			for (size_t j = 0; j < v->n; j++, ti++) {
				const json_t *val = json_array_get(vals, j);
				rf->terms[ti].code = str(val, "code");
				rf->terms[ti].label = str(val, "label");
			}
			out->type = FT_ENUM;
			out->vocab = v;
		}
	}
	rf->n_fields = n;
	return 0;
}

/* The fields' conditions of a checked doc into rf->when (core/fields.h):
 * the words of "Leave ... empty" kept in the doc, which owns them. */
static int
build_when(struct resource_file *rf, struct err *e)
{
	const json_t *fields = json_object_get(rf->doc, "fields");
	size_t n = 0, nv = 0;
	for (size_t i = 0; i < json_array_size(fields); i++) {
		const json_t *w =
		    json_object_get(json_array_get(fields, i), "when");
		if (w) {
			n++;
			nv += json_array_size(json_object_get(w, "values")) + 1;
		}
	}
	if (!n)
		return 0;
	rf->when = calloc(n + 1, sizeof(*rf->when));
	rf->when_values = calloc(nv, sizeof(*rf->when_values));
	if (!rf->when || !rf->when_values)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t k = 0, v = 0;
	for (size_t i = 0; i < json_array_size(fields); i++) {
		json_t *w = json_object_get(json_array_get(fields, i), "when");
		if (!w)
			continue;
		const json_t *vals = json_object_get(w, "values");
		const char **list = &rf->when_values[v];
		for (size_t j = 0; j < json_array_size(vals); j++)
			rf->when_values[v++] =
			    json_string_value(json_array_get(vals, j));
		rf->when_values[v++] = NULL;
		const char *on = str(w, "field");
		json_t *why = json_sprintf("it applies only when the %s is "
		                           "one of the answers that need it",
		                           on);
		if (!why || json_object_set_new(w, "_why", why))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		rf->when[k++] = (struct field_when){
		    str(json_array_get(fields, i), "name"), on, list,
		    json_is_true(json_object_get(w, "required")),
		    str(w, "_why")};
	}
	return 0;
}

/* Build the descriptor of a checked doc (stolen) into rf. */
static int
build(struct resource_file *rf, json_t *doc, struct err *e)
{
	rf->doc = doc;
	int rc = build_fields(rf, e);
	if (rc)
		return rc;
	int about_case = strcmp(str(doc, "about"), "case") == 0;
	const char *filter = about_case ? "case_id" : "person_id";
	rf->open_rules[0] =
	    (struct open_rule){filter, about_case ? RK_CASE : RK_PERSON};
	rf->open_rules[1] = (struct open_rule){NULL, RK_PERSON};
	rf->list_keys[0] =
	    (struct list_key){filter, about_case ? RK_CASE : RK_PERSON};
	rf->list_keys[1] = (struct list_key){NULL, RK_NONE};
	rf->list_by[0] = filter;
	rf->list_by[1] = NULL;
	resource_table_init(&rf->table, str(doc, "name"), str(doc, "_table"),
	                    rf->fields, rf->n_fields, rf->list_by,
	                    !json_is_false(json_object_get(doc, "reopen")));
	if ((rc = build_when(rf, e)) != 0)
		return rc;
	rf->table.when = rf->when;
	rf->res = (struct resource){
	    .name = str(doc, "name"),
	    .plural = str(doc, "path"),
	    .label = str(doc, "label"),
	    .read_roles = ROLES_CASEWORK,
	    .write_roles = ROLES_CASEWORK,
	    .close_verb = str(doc, "close_verb"),
	    .list_keys = rf->list_keys,
	    .kind = RK_NONE,
	    .table = &rf->table,
	    .check = check_about,
	    .gathers = 1,
	    .person_of = person_of,
	    .open_rules = rf->open_rules,
	};
	return 0;
}

static void
file_release(struct resource_file *rf)
{
	record_table_release(&rf->table);
	free(rf->fields);
	free(rf->labels);
	for (size_t i = 0; rf->message_labels && i < rf->n_fields; i++)
		free(rf->message_labels[i]);
	free(rf->message_labels);
	free(rf->vocabs);
	free(rf->terms);
	free(rf->when);
	free(rf->when_values);
	json_decref(rf->doc);
	memset(rf, 0, sizeof(*rf));
}

void
resource_files_release(struct resource_files *r)
{
	for (size_t i = 0; i < r->n; i++)
		file_release(&r->items[i]);
	free(r->items);
	r->items = NULL;
	r->n = 0;
}

/* No two resources share a name or a path, and the table's name is free
 * (against Spire's own: taken(), when the file is checked). */
static int
unique(const struct resource_files *r, const struct resource *d,
       const char *file, struct err *e)
{
	const struct resource *all[RESOURCE_FILES_MAX + 64];
	size_t n = resource_files_all(r, all, RESOURCE_FILES_MAX + 64);
	for (size_t i = 0; i < n; i++)
		if (all[i] != d &&
		    (strcmp(all[i]->name, d->name) == 0 ||
		     strcmp(all[i]->plural, d->plural) == 0 ||
		     strcmp(all[i]->table->table, d->table->table) == 0))
			return err_set(e, SPIRE_EINVAL, "name",
			               "%.100s: another resource has the name "
			               "\"%s\" or the path \"%s\"",
			               file, d->name, d->plural);
	return 0;
}

int
resource_files_load_dir(struct resource_files *r, const char *dir,
                        struct err *e)
{
	r->items = NULL;
	r->n = 0;
	struct json_dir files;
	int rc = json_dir_list(&files, dir, RESOURCE_FILES_MAX, "resources", e);
	if (rc == 0 && files.n > 0 &&
	    !(r->items = calloc(files.n, sizeof(*r->items))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		char path[JSON_DIR_PATH_MAX];
		json_t *doc = NULL;
		rc = json_dir_path(&files, dir, i, path, e);
		if (rc == 0)
			rc = resource_files_load_file(path, &doc, e);
		json_dir_name_problem(&files, i, e);
		if (!doc)
			break;
		/* Counted first, so that resource_files_release frees it. */
		struct resource_file *rf = &r->items[r->n++];
		char table[RESOURCE_NAME_MAX + 8];
		snprintf(table, sizeof(table), "res_%s",
		         json_string_value(json_object_get(doc, "name")));
		json_object_set_new(doc, "_table", json_string(table));
		rc = build(rf, doc, e);
		if (rc == 0)
			rc = unique(r, &rf->res, files.names[i], e);
	}
	json_dir_release(&files);
	if (rc)
		resource_files_release(r);
	return rc;
}

int
resource_files_create_tables(struct db *db, const struct resource_files *r,
                             struct err *e)
{
	for (size_t i = 0; i < r->n; i++) {
		int rc = records_create_table(db, &r->items[i].res, e);
		if (rc)
			return rc;
	}
	return 0;
}

size_t
resource_files_all(const struct resource_files *r, const struct resource **out,
                   size_t max)
{
	size_t n = 0;
	for (size_t i = 0; RESOURCES[i]; i++)
		if (n < max)
			out[n++] = RESOURCES[i];
	for (size_t i = 0; r && i < r->n; i++)
		if (n < max)
			out[n++] = &r->items[i].res;
	return n;
}

/* The file res was described by, or NULL for a built-in one. */
static const struct resource_file *
file_of(const struct resource_files *r, const struct resource *res)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (&r->items[i].res == res)
			return &r->items[i];
	return NULL;
}

static const char *
type_name(const struct field *f)
{
	switch (f->type) {
	case FT_TEXT:
		return (f->flags & FF_LINE) ? "line" : "text";
	case FT_ENUM:
		return "enum";
	case FT_DATE:
		return "date";
	case FT_DATETIME:
		return "datetime";
	case FT_BOOL:
	case FT_BOOL_NULL:
		return "bool";
	case FT_INT:
		return "int";
	case FT_ID:
		return "id";
	case FT_LIST:
		return "list";
	default:
		return "line";
	}
}

static json_t *
field_json(const struct resource *res, const struct resource_file *rf, size_t i)
{
	const struct field *f = &res->table->fields[i];
	char label[128];
	/* The page labels a field as its messages name it
	 * (fields_label_of: "Type of alert", "Select the type of alert"),
	 * not by its name ("Alert type") beside a message that names it
	 * another way (session 27). A yes/no field's label is a statement
	 * for "Select whether ...", not a label: it keeps its name's. */
	if (rf && rf->labels[i])
		snprintf(label, sizeof(label), "%s", rf->labels[i]);
	else if (f->label && !fields_is_statement(f))
		fields_label_of(f, 1, label, sizeof(label));
	else {
		fields_label(f->name, label, sizeof(label));
		if (label[0] >= 'a' && label[0] <= 'z')
			label[0] = (char)(label[0] - 'a' + 'A');
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", f->name,
	                      "label", label, "type", type_name(f), "required",
	                      (f->flags & FF_REQUIRED) != 0, "immutable",
	                      (f->flags & FF_IMMUTABLE) != 0);
	if (!o)
		return NULL;
	if (f->type == FT_TEXT || f->type == FT_LIST)
		json_object_set_new(o, "max_length", json_integer(f->max));
	if (f->type == FT_INT) {
		json_object_set_new(o, "min", json_integer(f->min));
		json_object_set_new(o, "max", json_integer(f->max));
	}
	/* Shown, accepted (and required) only while another field holds
	 * one of some values (core/fields.h). */
	for (const struct field_when *w = res->table->when; w && w->field;
	     w++) {
		if (strcmp(w->field, f->name) != 0)
			continue;
		json_t *vals = json_array();
		for (size_t k = 0; vals && w->values && w->values[k]; k++)
			json_array_append_new(vals, json_string(w->values[k]));
		json_object_set_new(o, "when",
		                    json_pack("{s:s, s:o, s:b}", "field", w->on,
		                              "values", vals, "required",
		                              w->required != 0));
	}
	if (f->vocab) {
		/* Every term, so a stored value always has its words; a
		 * retired one is marked and not offered (core/vocab.h). */
		json_t *vals = json_array();
		for (size_t k = 0; vals && k < f->vocab->n; k++) {
			const struct vocab_term *t = &f->vocab->terms[k];
			json_array_append_new(
			    vals, json_pack("{s:s, s:s, s:s*, s:b}", "code",
			                    t->code, "label", t->label, "hint",
			                    t->hint, "retired", t->retired));
		}
		json_object_set_new(o, "values", vals);
	}
	return o;
}

/* What people read for many records: the file's "plural", else the
 * label with an s. */
static json_t *
plural_label(const struct resource *res, const struct resource_file *rf)
{
	if (rf)
		return json_object_get(rf->doc, "plural")
		           ? json_incref(json_object_get(rf->doc, "plural"))
		           : NULL;
	return json_sprintf("%ss", res->label);
}

int
resource_files_describe(struct ctx *ctx, json_t **out, struct err *e)
{
	const struct resource_files *files = ctx->srv->resources;
	const struct resource *all[RESOURCE_FILES_MAX + 64];
	size_t n = resource_files_all(files, all, RESOURCE_FILES_MAX + 64);
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		const struct resource *res = all[i];
		/* The generic screens read the generic list (records_list):
		 * not a domain's own (struct resource's list). */
		if (!ctx_has_role(ctx, res->read_roles) || !res->list_keys ||
		    res->list)
			continue;
		const struct resource_file *rf = file_of(files, res);
		json_t *fields = json_array();
		const struct record_table *t = res->table;
		for (size_t k = 0; fields && k < t->n_fields; k++)
			if (!(t->fields[k].flags & FF_SERVER))
				json_array_append_new(fields,
				                      field_json(res, rf, k));
		char path[96];
		snprintf(path, sizeof(path), "/api/v1/%s", res->plural);
		const struct list_key *key = res->list_keys;
		json_array_append_new(
		    items,
		    json_pack(
		        "{s:s, s:s, s:s, s:o?, s:s?, s:b, s:{s:s, s:s}, s:b, "
		        "s:b, s:o}",
		        "name", res->name, "path", path, "label", res->label,
		        "plural", plural_label(res, rf), "close_verb",
		        res->close_verb, "reopen", (t->flags & RT_REOPEN) != 0,
		        "list_filter", "field", key->field, "about",
		        scope_kind_name(key->kind), "write",
		        ctx_has_role(ctx, res->write_roles), "from_file",
		        rf != NULL, "fields", fields ? fields : json_array()));
	}
	if (!items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	*out = json_pack("{s:o}", "items", items);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
resource_files_add_kinds(struct resource_files *r, struct kinds *k,
                         struct err *e)
{
	for (size_t i = 0; r && i < r->n; i++) {
		struct resource_file *rf = &r->items[i];
		int about_case = strcmp(str(rf->doc, "about"), "case") == 0;
		/* A record about a person has the person's relation, with the
		 * victim rule (as a consent); one about a case has the case's
		 * (as a contact), about the child check_about() wrote down. */
		const struct record_kind *kind = kinds_add_via(
		    k, rf->res.name, rf->table.table, rf->list_keys[0].field,
		    about_case ? "case" : "person",
		    about_case ? "person_id" : NULL,
		    about_case ? 0u : KIND_VICTIM_RULE, e);
		if (!kind) {
			struct err why = *e;
			return err_set(e, why.code, why.field,
			               "The resource %s cannot be served: %s",
			               rf->res.name, why.message);
		}
		rf->res.kind = kind;
	}
	return 0;
}

/*
 * fields.c - validation and presentation driven by struct field tables.
 */
#include "core/fields.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"

int
fields_in(const char *const *values, const char *s)
{
	for (; values && *values; values++)
		if (strcmp(*values, s) == 0)
			return 1;
	return 0;
}

static const struct field *
find(const struct field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

static long long
text_max(const struct field *f, long long dflt)
{
	return f->max > 0 ? f->max : dflt;
}

void
fields_label(const char *name, char *out, size_t outlen)
{
	/* With their lengths: every value a request gives is labelled, so
	 * this runs for each field of each record written. */
#define WORD(w, l)                                                             \
	{                                                                      \
		w, sizeof(w) - 1, l, sizeof(l) - 1                             \
	}
	static const struct {
		const char *word;
		size_t n;
		const char *label;
		size_t label_n;
	} words[] = {
	    WORD("nhs", "NHS"),
	    WORD("upn", "unique pupil number"),
	    WORD("pnc", "PNC"),
	    WORD("id", "ID"),
	    WORD("yjb", "YJB"),
	    WORD("kpi", "KPI"),
	    WORD("ete", "ETE"),
	    WORD("send", "SEND"),
	    WORD("dob", "date of birth"),
	    WORD("yro", "youth rehabilitation order"),
	    WORD("rj", "restorative justice"),
	};
#undef WORD
	/* Whole names people know by another name. */
	static const struct {
		const char *name, *label;
	} names[] = {
	    {"given_name", "first name"},
	    {"family_name", "last name"},
	    {"duration_minutes", "duration (minutes)"},
	    /* A family plan's aim ("Enter the change the family wants"). */
	    {"wants_to_change", "change the family wants"},
	};
	size_t o = 0;
	if (outlen == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i].name) == 0) {
			snprintf(out, outlen, "%s", names[i].label);
			return;
		}
	/* A reference ("team_id") is read as what it names ("team"); the
	 * identifiers people type keep their "ID". */
	size_t len = strlen(name);
	const char *end = name + len;
	if (len > 3 && memcmp(end - 3, "_id", 3) == 0 &&
	    strcmp(name, "pnc_id") != 0 && strcmp(name, "local_id") != 0)
		end -= 3;
	while (name < end) {
		const char *stop = name;
		while (stop < end && *stop != '_')
			stop++;
		size_t n = (size_t)(stop - name);
		const char *from = name;
		size_t wn = n;
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (words[i].n == n &&
			    memcmp(words[i].word, name, n) == 0) {
				from = words[i].label;
				wn = words[i].label_n;
				break;
			}
		if (o && o + 1 < outlen)
			out[o++] = ' ';
		for (size_t i = 0; i < wn && o + 1 < outlen; i++)
			out[o++] = from[i];
		out[o] = '\0';
		name = stop;
		if (name < end && *name == '_')
			name++;
	}
}

void
fields_label_of(const struct field *f, int upper, char *out, size_t outlen)
{
	if (outlen == 0)
		return;
	if (f->label)
		snprintf(out, outlen, "%s", f->label);
	else
		fields_label(f->name, out, outlen);
	if (upper && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

void
fields_label_in(const struct field *f, size_t n, const char *name, int upper,
                char *out, size_t outlen)
{
	const struct field *fd = find(f, n, name);
	if (fd) {
		fields_label_of(fd, upper, out, outlen);
		return;
	}
	if (outlen == 0)
		return;
	fields_label(name, out, outlen);
	if (upper && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

int
fields_is_statement(const struct field *f)
{
	return f->label && (f->type == FT_BOOL || f->type == FT_BOOL_NULL);
}

/* Labels for a message: lower as in mid-sentence, upper to start one. */
struct label {
	char lower[120], upper[120];
};

static void
label_of(const struct field *f, struct label *l)
{
	fields_label_of(f, 0, l->lower, sizeof(l->lower));
	fields_label_of(f, 1, l->upper, sizeof(l->upper));
}

/*
 * Report one field error: the first with err_set, later ones with
 * err_add, so that e never depends on what the caller left in it.
 */
static int report(struct err *e, int *failed, const char *field,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
report(struct err *e, int *failed, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (*failed)
		err_add(e, SPIRE_EINVAL, field, "%s", msg);
	else
		err_set(e, SPIRE_EINVAL, field, "%s", msg);
	*failed = 1;
	return SPIRE_EINVAL;
}

/* Normalise an identifier field into a new JSON string, or NULL. */
static json_t *
identifier(const struct field *f, const char *s)
{
	char buf[64];
	int rc = f->type == FT_PNC ? norm_pnc_id(s, buf, sizeof(buf))
	                           : norm_identifier(s, buf, sizeof(buf));
	return rc == 0 ? json_string(buf) : NULL;
}

/* The vocabularies short enough that a message lists their choices. */
#define CHOICES_LISTED 6

/* How many current (not retired) terms v has. */
static size_t
current_terms(const struct vocab *v)
{
	size_t n = 0;
	for (size_t i = 0; v && i < v->n; i++)
		n += !v->terms[i].retired;
	return n;
}

/* 1 when s may be stored in f: a current term of its vocabulary, or a
 * retired one the record already holds (held: the current value, a string
 * or an array of strings, may be NULL). */
static int
vocab_allows(const struct field *f, const char *s, const json_t *held)
{
	const struct vocab_term *t = vocab_term(f->vocab, s);
	if (!t)
		return 0;
	if (!t->retired)
		return 1;
	if (json_is_string(held))
		return strcmp(json_string_value(held), s) == 0;
	size_t i;
	json_t *x;
	json_array_foreach(held, i, x) if (json_is_string(x) &&
	                                   strcmp(json_string_value(x), s) ==
	                                       0) return 1;
	return 0;
}

/* "Select the stage from the list", or, for a short list, "Select the
 * level: low, medium, high or very high" in the words people see. */
static int
report_choice(struct err *e, int *failed, const struct field *f,
              const char *what)
{
	char choices[200];
	if (f->vocab && current_terms(f->vocab) <= CHOICES_LISTED) {
		vocab_choices(f->vocab, choices, sizeof(choices));
		vocab_lower_first(choices);
		return report(e, failed, f->name, "Select %s: %s", what,
		              choices);
	}
	return report(e, failed, f->name, "Select %s from the list", what);
}

static int
check_string(const struct field *f, const char *s, const json_t *held,
             json_t **norm, struct err *e, int *failed)
{
	char buf[64];
	struct label l;
	label_of(f, &l);
	*norm = NULL;
	switch (f->type) {
	case FT_TEXT: {
		int problem = text_problem(s, (size_t)text_max(f, 2000),
		                           (f->flags & FF_LINE) != 0);
		if (problem == TEXT_TOO_LONG)
			return report(e, failed, f->name,
			              "%s must be %lld characters or fewer",
			              l.upper, text_max(f, 2000));
		if (problem && (f->flags & FF_LINE))
			return report(e, failed, f->name,
			              "%s must not include line breaks, tabs "
			              "or other hidden characters",
			              l.upper);
		if (problem)
			return report(e, failed, f->name,
			              "%s must not include hidden control "
			              "characters",
			              l.upper);
		const char *p = s;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p && (f->flags & FF_REQUIRED))
			return report(e, failed, f->name, "Enter the %s",
			              l.lower);
		/* An optional text left empty (or all spaces) is no value:
		 * stored as null, so "" clears it and "" on a record
		 * holding none is no change (session 28). */
		if (!*p) {
			*norm = json_null();
			return 0;
		}
		/* " Kit " is stored as "Kit" (so "Kit " on a record holding
		 * "Kit" is no change). */
		size_t off, len;
		if ((f->flags & FF_LINE) && trim_spaces(s, &off, &len) &&
		    !(*norm = json_stringn(s + off, len)))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return 0;
	}
	case FT_ENUM: {
		if (!vocab_allows(f, s, held)) {
			char what[130];
			snprintf(what, sizeof(what), "the %s", l.lower);
			return report_choice(e, failed, f, what);
		}
		return 0;
	}
	case FT_DATE:
		if (!valid_date(s)) {
			/* A real day and month in a year Spire does not keep
			 * (before 1900 or after 2100): say which way it is
			 * wrong, not that it is not a date (walker, session
			 * 23: 14/3/2102 as a date of birth). */
			int y = valid_date_year_outside(s);
			if (y > 2100 && strcmp(f->name, "date_of_birth") == 0)
				return report(e, failed, f->name,
				              "%s must be in the past",
				              l.upper);
			if (y)
				return report(
				    e, failed, f->name,
				    "%s must be between 1900 and 2100",
				    l.upper);
			return report(e, failed, f->name,
			              "%s must be a real date", l.upper);
		}
		return 0;
	case FT_DATETIME:
		/* A date alone is accepted (the screens ask for the day), so
		 * the message asks for a date. */
		if (!valid_datetime(s) && !valid_date(s))
			return report(e, failed, f->name,
			              "%s must be a real date", l.upper);
		return 0;
	case FT_EMAIL:
		if (!valid_email(s))
			return report(e, failed, f->name,
			              "Enter an email address in the correct "
			              "format, like name@example.com");
		return 0;
	case FT_PHONE:
		if (!valid_phone(s))
			return report(e, failed, f->name,
			              "Enter a telephone number, like 01632 "
			              "960 001 or 07700 900 982");
		return 0;
	case FT_POSTCODE:
		if (!valid_postcode(s) ||
		    norm_postcode(s, buf, sizeof(buf)) != 0)
			return report(e, failed, f->name,
			              "Enter a real UK postcode, like LS1 4AP");
		*norm = json_string(buf);
		return 0;
	case FT_NHS:
		if (!valid_nhs_number(s))
			return report(
			    e, failed, f->name,
			    "Enter a real NHS number: 10 digits, like "
			    "485 777 3456");
		break;
	case FT_UPN:
		if (!valid_upn(s))
			return report(e, failed, f->name,
			              "Enter a real unique pupil number: a "
			              "letter and 12 characters, like "
			              "A123456789012");
		break;
	case FT_PNC:
		if (!valid_pnc_id(s))
			return report(e, failed, f->name,
			              "Enter a real PNC ID, like 12/1234567A");
		break;
	case FT_IDENT:
		if (!valid_name(s, (size_t)text_max(f, 40)) ||
		    norm_identifier(s, buf, sizeof(buf)) != 0 || !buf[0])
			return report(e, failed, f->name,
			              "%s must be letters and numbers, %lld "
			              "characters or fewer",
			              l.upper, text_max(f, 40));
		break;
	default:
		return report(e, failed, f->name, "%s is not valid", l.upper);
	}
	/* Identifiers: stored, searched and compared in one form. */
	*norm = identifier(f, s);
	if (!*norm)
		return report(e, failed, f->name, "%s is too long", l.upper);
	return 0;
}

static int
check_value(const struct field *f, const json_t *v, const json_t *held,
            json_t **out, struct err *e, int *failed)
{
	struct label l;
	label_of(f, &l);
	*out = NULL;
	if (json_is_null(v)) {
		if (f->flags & FF_REQUIRED)
			return report(e, failed, f->name,
			              f->type == FT_ENUM || f->type == FT_ID
			                  ? "Select the %s"
			                  : "Enter the %s",
			              l.lower);
		if (f->type == FT_BOOL)
			*out = json_false();
		else if (f->type == FT_LIST)
			*out = json_array();
		else
			*out = json_null();
		return 0;
	}
	switch (f->type) {
	case FT_BOOL:
	case FT_BOOL_NULL:
		if (!json_is_boolean(v))
			return report(e, failed, f->name,
			              fields_is_statement(f)
			                  ? "Select whether %s"
			                  : "Select yes or no for %s",
			              l.lower);
		*out = json_copy((json_t *)v);
		return 0;
	case FT_INT:
	case FT_ID: {
		if (!json_is_integer(v))
			return report(e, failed, f->name,
			              f->type == FT_ID
			                  ? "Select the %s from the list"
			                  : "%s must be a whole number",
			              f->type == FT_ID ? l.lower : l.upper);
		long long x = json_integer_value(v);
		long long lo = f->type == FT_ID ? 1 : f->min;
		long long hi =
		    f->type == FT_ID || f->max == 0 ? INT64_MAX : f->max;
		if (x < lo || x > hi) {
			if (f->type == FT_ID)
				return report(e, failed, f->name,
				              "Select the %s from the list",
				              l.lower);
			if (hi == INT64_MAX)
				return report(e, failed, f->name,
				              "%s must be %lld or more",
				              l.upper, lo);
			return report(e, failed, f->name,
			              "%s must be between %lld and %lld",
			              l.upper, lo, hi);
		}
		*out = json_integer(x);
		return 0;
	}
	case FT_LIST: {
		if (!json_is_array(v) || json_array_size(v) > 50)
			return report(e, failed, f->name, "Give 50 %s or fewer",
			              l.lower);
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
		{
			const char *s = json_string_value(item);
			if (f->vocab && (!s || !vocab_allows(f, s, held)))
				return report_choice(e, failed, f, l.lower);
			if (!s || !valid_name(s, (size_t)text_max(f, 200)))
				return report(e, failed, f->name,
				              "Each of the %s must be one line "
				              "of 200 characters or fewer",
				              l.lower);
		}
		*out = json_copy((json_t *)v);
		return 0;
	}
	default:
		break;
	}
	const char *s = json_string_value(v);
	if (!s)
		return report(e, failed, f->name, "%s must be text", l.upper);
	json_t *norm = NULL;
	int rc = check_string(f, s, held, &norm, e, failed);
	if (rc)
		return rc;
	/* A string that passed as sent is kept, not copied. */
	*out = norm ? norm : json_incref((json_t *)v);
	return 0;
}

int
fields_apply(const struct field *f, size_t n, const json_t *in, json_t *rec,
             int creating, const char *const *ignore, struct err *e)
{
	if (!json_is_object(in))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	int failed = 0;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)in, key, v)
	{
		if (ignore && fields_in(ignore, key))
			continue;
		const struct field *fd = find(f, n, key);
		/* The key as people read it: it may be anything. */
		char words[120];
		if (fd && !fields_is_statement(fd))
			fields_label_of(fd, 1, words, sizeof(words));
		else {
			fields_label(key, words, sizeof(words));
			if (words[0] >= 'a' && words[0] <= 'z')
				words[0] = (char)(words[0] - 'a' + 'A');
		}
		if (!fd) {
			report(e, &failed, key, "%.60s cannot be recorded here",
			       words);
			continue;
		}
		if (fd->flags & FF_SERVER) {
			report(e, &failed, key,
			       "%s is set by Spire and cannot be entered",
			       words);
			continue;
		}
		if (!creating && (fd->flags & FF_IMMUTABLE)) {
			report(e, &failed, key, "%s cannot be changed", words);
			continue;
		}
		json_t *out = NULL;
		if (check_value(fd, v, json_object_get(rec, fd->name), &out, e,
		                &failed))
			continue;
		if (!out || json_object_set_new(rec, fd->name, out))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		json_t *cur = json_object_get(rec, f[i].name);
		if ((f[i].flags & FF_REQUIRED) && (!cur || json_is_null(cur))) {
			struct label l;
			label_of(&f[i], &l);
			report(e, &failed, f[i].name,
			       f[i].type == FT_ENUM || f[i].type == FT_ID
			           ? "Select the %s"
			           : "Enter the %s",
			       l.lower);
			continue;
		}
		if ((f[i].flags & FF_ANSWER) && creating &&
		    !json_object_get(in, f[i].name)) {
			struct label l;
			label_of(&f[i], &l);
			/* "Select whether the child is in education, training
			 * or employment": the form offers "Not known". */
			report(e, &failed, f[i].name,
			       fields_is_statement(&f[i]) ? "Select whether %s"
			       : f[i].type == FT_BOOL_NULL
			           ? "Select yes, no or not known for %s"
			           : "Select the %s, or not known",
			       l.lower);
			continue;
		}
		if (!cur && creating) {
			json_t *d = f[i].type == FT_BOOL   ? json_false()
			            : f[i].type == FT_LIST ? json_array()
			                                   : json_null();
			json_object_set_new(rec, f[i].name, d);
		}
	}
	return failed ? SPIRE_EINVAL : 0;
}

void
fields_present(const struct field *f, size_t n, json_t *rec)
{
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(rec, f[i].name);
		if (!v)
			continue;
		if ((f[i].type == FT_BOOL || f[i].type == FT_BOOL_NULL) &&
		    json_is_integer(v)) {
			json_object_set_new(
			    rec, f[i].name,
			    json_boolean(json_integer_value(v)));
		} else if (f[i].type == FT_LIST && json_is_string(v)) {
			json_t *arr = json_loads(json_string_value(v), 0, NULL);
			json_object_set_new(rec, f[i].name,
			                    arr ? arr : json_array());
		}
	}
}

int
fields_when_holds(const struct field_when *w, const json_t *rec)
{
	const char *v = json_string_value(json_object_get(rec, w->on));
	return v && w->values && fields_in(w->values, v);
}

/* 1 when rec holds a value for name (not absent, null, "" or []). */
static int
holds_value(const json_t *rec, const char *name)
{
	const json_t *v = json_object_get(rec, name);
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return json_string_value(v)[0] != '\0';
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return 1;
}

int
fields_when_check(const struct field *f, size_t n, const struct field_when *w,
                  const json_t *rec, struct err *e)
{
	for (; w && w->field; w++) {
		if (err_names(e, w->field) || err_names(e, w->on))
			continue;
		const struct field *fd = find(f, n, w->field);
		struct label l;
		if (fd)
			label_of(fd, &l);
		else
			fields_label(w->field, l.lower, sizeof(l.lower));
		int holds = fields_when_holds(w, rec);
		int has = holds_value(rec, w->field);
		if (!holds && has)
			err_rule(e, w->field, "Leave the %s empty: %s", l.lower,
			         w->why ? w->why : "it does not apply here");
		else if (holds && !has && w->required)
			err_rule(
			    e, w->field,
			    fd && (fd->type == FT_ENUM || fd->type == FT_ID)
			        ? "Select the %s"
			        : "Enter the %s",
			    l.lower);
	}
	return e->code;
}

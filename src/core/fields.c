/*
 * fields.c - validation and presentation driven by struct field tables.
 */
#include "core/fields.h"

#include <stdint.h>
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

static int
check_string(const struct field *f, const char *s, json_t **norm, struct err *e)
{
	char buf[64];
	*norm = NULL;
	switch (f->type) {
	case FT_TEXT:
		if (!valid_text(s, (size_t)text_max(f, 2000)))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be text of at most %lld "
			               "characters",
			               f->name, text_max(f, 2000));
		if (f->flags & FF_REQUIRED) {
			const char *p = s;
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			if (!*p)
				return err_set(e, SPIRE_EINVAL, f->name,
				               "%s must not be blank", f->name);
		}
		return 0;
	case FT_ENUM:
		if (!fields_in(f->values, s))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is not an allowed value", f->name);
		return 0;
	case FT_DATE:
		if (!valid_date(s))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a date as YYYY-MM-DD",
			               f->name);
		return 0;
	case FT_DATETIME:
		if (!valid_datetime(s) && !valid_date(s))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a date and time (ISO 8601)",
			               f->name);
		return 0;
	case FT_EMAIL:
		if (!valid_email(s))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be an email address", f->name);
		return 0;
	case FT_PHONE:
		if (!valid_phone(s))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a phone number", f->name);
		return 0;
	case FT_POSTCODE:
		if (!valid_postcode(s) ||
		    norm_postcode(s, buf, sizeof(buf)) != 0)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a UK postcode", f->name);
		*norm = json_string(buf);
		return 0;
	case FT_NHS:
		if (!valid_nhs_number(s) ||
		    norm_nhs_number(s, buf, sizeof(buf)) != 0)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is not a valid NHS number (check "
			               "digit)",
			               f->name);
		*norm = json_string(buf);
		return 0;
	case FT_UPN:
		if (!valid_upn(s) || norm_upper(s, buf, sizeof(buf)) != 0)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is not a valid unique pupil number "
			               "(check letter)",
			               f->name);
		*norm = json_string(buf);
		return 0;
	case FT_PNC:
		if (!valid_pnc_id(s) || norm_upper(s, buf, sizeof(buf)) != 0)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is not a valid PNC id (YY/NNNNNNNA)",
			               f->name);
		*norm = json_string(buf);
		return 0;
	default:
		return err_set(e, SPIRE_EINVAL, f->name,
		               "%s has the wrong type", f->name);
	}
}

static int
check_value(const struct field *f, const json_t *v, json_t **out, struct err *e)
{
	*out = NULL;
	if (json_is_null(v)) {
		if (f->flags & FF_REQUIRED)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is required", f->name);
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
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be true or false", f->name);
		*out = json_copy((json_t *)v);
		return 0;
	case FT_INT:
	case FT_ID: {
		if (!json_is_integer(v))
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a whole number", f->name);
		long long x = json_integer_value(v);
		long long lo = f->type == FT_ID ? 1 : f->min;
		long long hi =
		    f->type == FT_ID || f->max == 0 ? INT64_MAX : f->max;
		if (x < lo || x > hi)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s is out of range", f->name);
		*out = json_integer(x);
		return 0;
	}
	case FT_LIST: {
		if (!json_is_array(v) || json_array_size(v) > 50)
			return err_set(e, SPIRE_EINVAL, f->name,
			               "%s must be a list of at most 50 items",
			               f->name);
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
		{
			const char *s = json_string_value(item);
			if (!s || !valid_text(s, (size_t)text_max(f, 200)) ||
			    !*s || (f->values && !fields_in(f->values, s)))
				return err_set(e, SPIRE_EINVAL, f->name,
				               "%s item %zu is not allowed",
				               f->name, i + 1);
		}
		*out = json_copy((json_t *)v);
		return 0;
	}
	default:
		break;
	}
	const char *s = json_string_value(v);
	if (!s)
		return err_set(e, SPIRE_EINVAL, f->name, "%s must be a string",
		               f->name);
	json_t *norm = NULL;
	int rc = check_string(f, s, &norm, e);
	if (rc)
		return rc;
	*out = norm ? norm : json_string(s);
	return 0;
}

int
fields_apply(const struct field *f, size_t n, const json_t *in, json_t *rec,
             int creating, const char *const *ignore, struct err *e)
{
	if (!json_is_object(in))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "the body must be a JSON object");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)in, key, v)
	{
		if (ignore && fields_in(ignore, key))
			continue;
		const struct field *fd = find(f, n, key);
		if (!fd)
			return err_set(e, SPIRE_EINVAL, key,
			               "%s is not a field of this record", key);
		if (fd->flags & FF_SERVER)
			return err_set(e, SPIRE_EINVAL, key,
			               "%s is set by Spire and cannot be "
			               "given",
			               key);
		if (!creating && (fd->flags & FF_IMMUTABLE))
			return err_set(e, SPIRE_EINVAL, key,
			               "%s cannot be changed", key);
		json_t *out = NULL;
		int rc = check_value(fd, v, &out, e);
		if (rc)
			return rc;
		if (!out || json_object_set_new(rec, fd->name, out))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		json_t *cur = json_object_get(rec, f[i].name);
		if ((f[i].flags & FF_REQUIRED) && (!cur || json_is_null(cur)))
			return err_set(e, SPIRE_EINVAL, f[i].name,
			               "%s is required", f[i].name);
		if (!cur && creating) {
			json_t *d = f[i].type == FT_BOOL   ? json_false()
			            : f[i].type == FT_LIST ? json_array()
			                                   : json_null();
			json_object_set_new(rec, f[i].name, d);
		}
	}
	return 0;
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

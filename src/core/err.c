/*
 * err.c - error detail helpers and the code -> HTTP status table.
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
err_clear(struct err *e)
{
	e->code = 0;
	e->field[0] = '\0';
	e->message[0] = '\0';
	e->n_more = 0;
}

int
err_set(struct err *e, int code, const char *field, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	e->n_more = 0;
	return code;
}

int
err_names(const struct err *e, const char *field)
{
	if (!field || !*field)
		return 0;
	if (strcmp(e->field, field) == 0)
		return 1;
	for (unsigned i = 0; i < e->n_more && i < ERR_MAX_MORE; i++)
		if (strcmp(e->more[i].field, field) == 0)
			return 1;
	return 0;
}

int
err_add(struct err *e, int code, const char *field, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	if (e->code == 0) {
		e->code = code;
		snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
		vsnprintf(e->message, sizeof(e->message), fmt, ap);
		e->n_more = 0;
	} else if (!err_names(e, field) && e->n_more < ERR_MAX_MORE) {
		struct err_item *it = &e->more[e->n_more++];
		snprintf(it->field, sizeof(it->field), "%s",
		         field ? field : "");
		vsnprintf(it->message, sizeof(it->message), fmt, ap);
	}
	va_end(ap);
	return e->code;
}

int
err_merge(struct err *into, const struct err *from)
{
	if (!from->code)
		return into->code;
	err_add(into, from->code, from->field, "%s", from->message);
	for (size_t i = 0; i + 1 < err_count(from); i++)
		err_add(into, from->code, from->more[i].field, "%s",
		        from->more[i].message);
	return into->code;
}

int
err_is_refusal(int code)
{
	return code == SPIRE_EFORBIDDEN || code == SPIRE_ENOTFOUND ||
	       code == SPIRE_ECONFLICT;
}

int
err_gather(struct err *e, const struct err *one)
{
	if (!one->code)
		return e->code;
	if (e->code && e->code != SPIRE_EINVAL && !err_is_refusal(e->code))
		return e->code; /* a failure stays */
	if (one->code == SPIRE_EINVAL) {
		if (e->code != SPIRE_EINVAL)
			err_clear(e);
		return err_merge(e, one);
	}
	if (err_is_refusal(one->code) && e->code)
		return e->code;
	*e = *one;
	return e->code;
}

int
err_rule(struct err *e, const char *field, const char *fmt, ...)
{
	struct err one;
	va_list ap;
	va_start(ap, fmt);
	one.code = SPIRE_EINVAL;
	snprintf(one.field, sizeof(one.field), "%s", field ? field : "");
	vsnprintf(one.message, sizeof(one.message), fmt, ap);
	va_end(ap);
	one.n_more = 0;
	return err_gather(e, &one);
}

size_t
err_count(const struct err *e)
{
	return e->code
	           ? 1 + (e->n_more < ERR_MAX_MORE ? e->n_more : ERR_MAX_MORE)
	           : 0;
}

/* Rewrite field (size bytes) "x" as "list[index].x", "" as "list[index]". */
static void
in_list(char *field, size_t size, const char *list, size_t index)
{
	char inner[64];
	int n = snprintf(inner, sizeof(inner), "%s", field);
	if (n < 0)
		inner[0] = '\0';
	if (inner[0])
		n = snprintf(field, size, "%s[%zu].%s", list, index, inner);
	else
		n = snprintf(field, size, "%s[%zu]", list, index);
	if (n < 0 || (size_t)n >= size)
		field[size - 1] = '\0';
}

int
err_in_list(struct err *e, const char *list, size_t index)
{
	in_list(e->field, sizeof(e->field), list, index);
	for (unsigned i = 0; i < e->n_more && i < ERR_MAX_MORE; i++)
		in_list(e->more[i].field, sizeof(e->more[i].field), list,
		        index);
	return e->code;
}

static const struct {
	int code;
	int status;
	const char *slug;
	const char *text; /* for people, when nothing more is known */
} table[] = {
    {SPIRE_EINVAL, 400, "validation", "Check what you entered"},
    {SPIRE_EAUTH, 401, "unauthenticated", "Sign in to continue"},
    {SPIRE_EFORBIDDEN, 403, "forbidden", "You cannot do this"},
    {SPIRE_ENOTFOUND, 404, "not_found", "Page not found"},
    {SPIRE_ECONFLICT, 409, "conflict",
     "Someone else changed this while you were working on it. Reload the "
     "page and try again"},
    {SPIRE_ETOOBIG, 413, "too_large", "What was sent is too large"},
    {SPIRE_EMEDIA, 415, "unsupported_media_type",
     "Spire could not read what was sent"},
    {SPIRE_ETHROTTLE, 429, "rate_limited",
     "Too many attempts. Try again later"},
    {SPIRE_ENOMEM, 503, "unavailable", "Spire is busy. Try again in a moment"},
    {SPIRE_EUNAVAIL, 503, "unavailable",
     "Spire is busy. Try again in a moment"},
    {SPIRE_EDB, 500, "internal", "Something went wrong. Try again later"},
    {SPIRE_EIO, 500, "internal", "Something went wrong. Try again later"},
    {SPIRE_EMETHOD, 405, "method_not_allowed", "You cannot do this here"},
    {SPIRE_EFULL, 503, "storage_full",
     "Spire's storage is full. Try again later"},
};

int
err_http_status(int code)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].code == code)
			return table[i].status;
	return 500;
}

const char *
err_text(int code)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].code == code)
			return table[i].text;
	return "Something went wrong. Try again later";
}

const char *
err_slug(int code)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].code == code)
			return table[i].slug;
	return "internal";
}

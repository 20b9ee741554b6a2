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
	return code;
}

int
err_in_list(struct err *e, const char *list, size_t index)
{
	char inner[sizeof(e->field)];
	int n = snprintf(inner, sizeof(inner), "%s", e->field);
	if (n < 0)
		inner[0] = '\0';
	if (inner[0])
		n = snprintf(e->field, sizeof(e->field), "%s[%zu].%s", list,
		             index, inner);
	else
		n = snprintf(e->field, sizeof(e->field), "%s[%zu]", list,
		             index);
	if (n < 0 || (size_t)n >= sizeof(e->field))
		e->field[sizeof(e->field) - 1] = '\0';
	return e->code;
}

static const struct {
	int code;
	int status;
	const char *slug;
} table[] = {
    {SPIRE_EINVAL, 400, "validation"},
    {SPIRE_EAUTH, 401, "unauthenticated"},
    {SPIRE_EFORBIDDEN, 403, "forbidden"},
    {SPIRE_ENOTFOUND, 404, "not_found"},
    {SPIRE_ECONFLICT, 409, "conflict"},
    {SPIRE_ETOOBIG, 413, "too_large"},
    {SPIRE_EMEDIA, 415, "unsupported_media_type"},
    {SPIRE_ETHROTTLE, 429, "rate_limited"},
    {SPIRE_ENOMEM, 503, "unavailable"},
    {SPIRE_EUNAVAIL, 503, "unavailable"},
    {SPIRE_EDB, 500, "internal"},
    {SPIRE_EIO, 500, "internal"},
    {SPIRE_EMETHOD, 405, "method_not_allowed"},
    {SPIRE_EFULL, 503, "storage_full"},
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
err_slug(int code)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].code == code)
			return table[i].slug;
	return "internal";
}

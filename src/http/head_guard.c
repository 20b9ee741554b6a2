/*
 * head_guard.c - request-head checks against smuggling and hangs (see
 * head_guard.h). Not for body framing: http_mhd.c caps bodies.
 */
#include "http/head_guard.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* RFC 9110 token characters. */
static int
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int
refuse(struct head_verdict *v, int status, const char *code,
       const char *message)
{
	v->status = status;
	v->code = code;
	v->message = message;
	return -1;
}

static int
valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_tchar((unsigned char)*s))
			return 0;
	return 1;
}

/* Field values: visible characters, blanks and obs-text; no controls. */
static int
valid_value(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* 1 to 18 digits, nothing else: no sign, blank or list. */
static int
parse_length(const char *s, long long *out)
{
	long long x = 0;
	size_t i = 0;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 18)
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	if (i == 0)
		return -1;
	*out = x;
	return 0;
}

int
head_guard_fields(const struct head_field *f, size_t n, int need_host,
                  struct head_verdict *v)
{
	int hosts = 0, lengths = 0, encodings = 0;
	const char *length = NULL, *encoding = NULL;
	v->content_length = -1;
	if (n > HEAD_GUARD_MAX_FIELDS)
		return refuse(v, 431, "header_too_large",
		              "the request has too many header fields");
	for (size_t i = 0; i < n; i++) {
		if (!valid_name(f[i].name))
			return refuse(v, 400, "bad_request",
			              "malformed header field name");
		if (!valid_value(f[i].value))
			return refuse(v, 400, "bad_request",
			              "control character in a header field");
		if (strcasecmp(f[i].name, "Host") == 0)
			hosts++;
		else if (strcasecmp(f[i].name, "Content-Length") == 0) {
			lengths++;
			length = f[i].value;
		} else if (strcasecmp(f[i].name, "Transfer-Encoding") == 0) {
			encodings++;
			encoding = f[i].value;
		}
	}
	if (hosts > 1)
		return refuse(v, 400, "bad_request", "more than one Host");
	if (need_host && hosts == 0)
		return refuse(v, 400, "bad_request", "HTTP/1.1 needs a Host");
	if (lengths > 1 || encodings > 1 || (lengths && encodings))
		return refuse(v, 400, "bad_request",
		              "ambiguous message framing");
	if (encoding && strcasecmp(encoding, "chunked") != 0)
		return refuse(v, 501, "not_implemented",
		              "unsupported Transfer-Encoding");
	if (length && parse_length(length, &v->content_length) != 0)
		return refuse(v, 400, "bad_request", "bad Content-Length");
	return 0;
}

/* How far a value may start after its name's colon (leading blanks). */
#define MAX_LEADING_BLANKS 256

int
head_guard_layout(const char *version, const struct head_field *f, size_t n,
                  struct head_verdict *v)
{
	/* Addresses as integers: a folded field's name lives elsewhere in
	 * the library's pool, and relational comparison of pointers into
	 * different objects is undefined. */
	const char *end = version + strlen(version);
	for (size_t i = 0; i < n; i++) {
		if ((uintptr_t)f[i].name != (uintptr_t)end + 2 || end[1])
			return refuse(v, 400, "bad_request",
			              "malformed header line");
		const char *colon = f[i].name + strlen(f[i].name);
		uintptr_t gap = (uintptr_t)f[i].value - (uintptr_t)colon;
		if (gap < 1 || gap > 1 + MAX_LEADING_BLANKS)
			return refuse(v, 400, "bad_request",
			              "malformed header line");
		for (const char *p = colon + 1; p < f[i].value; p++)
			if (*p != ' ' && *p != '\t')
				return refuse(v, 400, "bad_request",
				              "malformed header line");
		end = f[i].value + strlen(f[i].value);
	}
	/* The rest of CR LF CR LF after the last line. */
	if (end[1] || end[2] || end[3])
		return refuse(v, 400, "bad_request", "malformed header line");
	return 0;
}

int
head_guard_target(const char *target, struct head_verdict *v)
{
	for (const char *p = target; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f)
			return refuse(v, 400, "bad_request",
			              "malformed request target");
	}
	if (head_guard_query_args(target) > HEAD_GUARD_MAX_ARGS)
		return refuse(v, 431, "header_too_large",
		              "the request has too many query parameters");
	return 0;
}

size_t
head_guard_query_args(const char *target)
{
	const char *q = strchr(target, '?');
	if (!q)
		return 0;
	size_t n = 1;
	for (q++; *q; q++)
		if (*q == '&')
			n++;
	return n;
}

/*
 * head_guard.c - request-head checks against smuggling and hangs (see
 * head_guard.h). Not for body framing: framing.c reads bodies.
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

/* Cookies in one Cookie value, counted as libmicrohttpd 0.9.75 splits
 * them (on ';' and ','). */
static size_t
count_cookies(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		if (*s == ';' || *s == ',')
			n++;
	return n;
}

int
head_guard_fields(const struct head_field *f, size_t n, int need_host,
                  struct head_verdict *v)
{
	int hosts = 0, lengths = 0, encodings = 0;
	size_t cookies = 0;
	const char *length = NULL, *encoding = NULL;
	v->content_length = -1;
	v->chunked = 0;
	if (n > HEAD_GUARD_MAX_FIELDS)
		return refuse(v, 431, "header_too_large",
		              "The request has too many header fields");
	for (size_t i = 0; i < n; i++) {
		if (!valid_name(f[i].name))
			return refuse(
			    v, 400, "bad_request",
			    "The request has a malformed header field name");
		if (!valid_value(f[i].value))
			return refuse(v, 400, "bad_request",
			              "The request has a control character in "
			              "a header field");
		if (strcasecmp(f[i].name, "Host") == 0)
			hosts++;
		else if (strcasecmp(f[i].name, "Cookie") == 0)
			cookies += count_cookies(f[i].value);
		else if (strcasecmp(f[i].name, "Content-Length") == 0) {
			lengths++;
			length = f[i].value;
		} else if (strcasecmp(f[i].name, "Transfer-Encoding") == 0) {
			encodings++;
			encoding = f[i].value;
		}
	}
	if (cookies > HEAD_GUARD_MAX_COOKIES)
		return refuse(v, 431, "header_too_large",
		              "The request has too many cookies");
	if (hosts > 1)
		return refuse(v, 400, "bad_request",
		              "The request has more than one Host");
	if (need_host && hosts == 0)
		return refuse(v, 400, "bad_request",
		              "The request has no Host: HTTP/1.1 needs one");
	if (lengths > 1 || encodings > 1 || (lengths && encodings))
		return refuse(v, 400, "bad_request",
		              "The request gives its length more than once or "
		              "in two ways");
	if (encoding && strcasecmp(encoding, "chunked") != 0)
		return refuse(v, 501, "not_implemented",
		              "The request's Transfer-Encoding is not "
		              "supported: use chunked");
	v->chunked = encoding != NULL;
	if (length && parse_length(length, &v->content_length) != 0)
		return refuse(v, 400, "bad_request",
		              "The request's Content-Length is not a number");
	return 0;
}

static int
bad_line(struct head_verdict *v)
{
	return refuse(v, 400, "bad_request",
	              "The request has a malformed header line");
}

/* The request line of head[0..len): method, target, version. Copies the
 * target into target (cap bytes, NUL-terminated). Returns the offset after
 * its CR LF, or 0 with v filled. */
static size_t
request_line(const char *head, size_t len, char *target, size_t cap,
             int *http11, struct head_verdict *v)
{
	size_t i = 0;
	while (i < len && is_tchar((unsigned char)head[i]))
		i++;
	if (i == 0 || i == len || head[i] != ' ')
		goto malformed;
	size_t t = ++i;
	while (i < len && head[i] != ' ' && head[i] != '\r' &&
	       head[i] != '\n' && head[i] != '\0')
		i++;
	if (i == t || i == len || head[i] != ' ' || i - t >= cap)
		goto malformed;
	memcpy(target, head + t, i - t);
	target[i - t] = '\0';
	i++;
	/* "HTTP/" DIGIT "." DIGIT CR LF */
	const char *ver = head + i;
	if (len - i < 10 || memcmp(ver, "HTTP/", 5) != 0 || ver[5] < '0' ||
	    ver[5] > '9' || ver[6] != '.' || ver[7] < '0' || ver[7] > '9' ||
	    ver[8] != '\r' || ver[9] != '\n')
		goto malformed;
	if (ver[5] != '1' || (ver[7] != '0' && ver[7] != '1')) {
		refuse(v, 505, "http_version_not_supported",
		       "The request's HTTP version is not supported: use "
		       "HTTP/1.1");
		return 0;
	}
	*http11 = ver[7] == '1';
	return i + 10;
malformed:
	refuse(v, 400, "bad_request", "The request line is malformed");
	return 0;
}

int
head_guard_head(const char *head, size_t len, struct head_verdict *v)
{
	/* A copy to split into NUL-terminated names and values. */
	char buf[HEAD_GUARD_MAX_HEAD + 1];
	struct head_field f[HEAD_GUARD_MAX_FIELDS + 1];
	int http11 = 0;
	v->content_length = -1;
	if (len > HEAD_GUARD_MAX_HEAD)
		return refuse(v, 431, "header_too_large",
		              "The request's header is too large");
	if (len < 4 || memcmp(head + len - 4, "\r\n\r\n", 4) != 0)
		return bad_line(v);
	size_t i = request_line(head, len, buf, sizeof(buf), &http11, v);
	if (!i)
		return -1;
	if (head_guard_target(buf, v) != 0)
		return -1;
	memcpy(buf, head, len);
	size_t n = 0;
	while (!(buf[i] == '\r' && buf[i + 1] == '\n')) {
		/* A name runs to the colon; head_guard_fields() checks it. */
		size_t name = i;
		while (i < len && buf[i] != ':' && buf[i] != '\r' &&
		       buf[i] != '\n' && buf[i] != '\0')
			i++;
		if (i == len || buf[i] != ':')
			return bad_line(v);
		buf[i++] = '\0';
		while (buf[i] == ' ' || buf[i] == '\t')
			i++;
		size_t value = i;
		while (buf[i] != '\r' && buf[i] != '\n' && buf[i] != '\0')
			i++;
		/* Every line ends in CR LF: no bare CR or LF, no NUL. */
		if (buf[i] != '\r' || buf[i + 1] != '\n')
			return bad_line(v);
		buf[i] = '\0';
		i += 2;
		/* One more than allowed, so that head_guard_fields refuses. */
		if (n == HEAD_GUARD_MAX_FIELDS + 1)
			break;
		f[n].name = buf + name;
		f[n].value = buf + value;
		n++;
	}
	/* The empty line ends the head given, not something inside it. */
	if (i + 2 != len && n <= HEAD_GUARD_MAX_FIELDS)
		return bad_line(v);
	return head_guard_fields(f, n, http11, v);
}

int
head_guard_target(const char *target, struct head_verdict *v)
{
	int in_query = 0;
	for (const char *p = target; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f)
			return refuse(v, 400, "bad_request",
			              "The request's address holds a blank or "
			              "control character");
		in_query |= c == '?';
		/* %00 in the path decodes to a NUL where the C string ends, so
		 * /people/1%00x would be routed as /people/1 while a proxy saw
		 * another path. (In the query the router refuses it, naming
		 * the parameter.) */
		if (!in_query && c == '%' && p[1] == '0' && p[2] == '0')
			return refuse(v, 400, "bad_request",
			              "The request's address holds an encoded "
			              "NUL character");
	}
	if (head_guard_query_args(target) > HEAD_GUARD_MAX_ARGS)
		return refuse(v, 431, "header_too_large",
		              "The request has too many query parameters");
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

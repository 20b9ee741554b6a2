/*
 * json_out.c - JSON text into a buffer (json_out.h).
 */
#include "core/json_out.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"

/* The string s of n bytes, quoted and escaped as jansson's dump_string
 * escapes it without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH. */
static void
put_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	buf_add(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		char esc[6] = {'\\', 0, 0, 0, 0, 0};
		size_t len = 2;
		switch (c) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			len = 6;
		}
		buf_add(b, esc, len);
	}
	buf_add(b, s + run, n - run);
	buf_add(b, "\"", 1);
}

static void
put_integer(struct buf *b, json_int_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	/* Unsigned, so the most negative value negates cleanly. */
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* As jansson's jsonp_dtostr with precision 15: "%.15g", ".0" added when
 * the text would read as an integer, the exponent's '+' and leading zeros
 * dropped. */
static void
put_real(struct buf *b, double v)
{
	char tmp[40];
	int len = snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (len < 0 || (size_t)len >= sizeof(tmp) - 3) {
		buf_adds(b, "0.0");
		return;
	}
	if (!strchr(tmp, '.') && !strchr(tmp, 'e')) {
		tmp[len++] = '.';
		tmp[len++] = '0';
		tmp[len] = '\0';
	}
	char *e = strchr(tmp, 'e');
	if (e) {
		char *start = e + 1, *end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, (size_t)(tmp + len - end) + 1);
			len -= (int)(end - start);
		}
	}
	buf_add(b, tmp, (size_t)len);
}

static int
put(struct buf *b, const json_t *v, int depth)
{
	if (depth > JSON_OUT_MAX_DEPTH)
		return SPIRE_EINVAL;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *m;
		int first = 1;
		buf_add(b, "{", 1);
		json_object_foreach((json_t *)v, key, m)
		{
			if (!first)
				buf_add(b, ",", 1);
			first = 0;
			put_string(b, key, strlen(key));
			buf_add(b, ":", 1);
			int rc = put(b, m, depth + 1);
			if (rc)
				return rc;
		}
		buf_add(b, "}", 1);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *m;
		buf_add(b, "[", 1);
		json_array_foreach(v, i, m)
		{
			if (i)
				buf_add(b, ",", 1);
			int rc = put(b, m, depth + 1);
			if (rc)
				return rc;
		}
		buf_add(b, "]", 1);
		break;
	}
	case JSON_STRING:
		put_string(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		put_integer(b, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(b, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_add(b, "true", 4);
		break;
	case JSON_FALSE:
		buf_add(b, "false", 5);
		break;
	case JSON_NULL:
		buf_add(b, "null", 4);
		break;
	}
	return b->err;
}

int
json_out(struct buf *b, const json_t *v)
{
	if (!v)
		return SPIRE_EINVAL;
	return put(b, v, 0);
}

/*
 * json_text.c - JSON written as json_dump_callback(JSON_COMPACT |
 * JSON_REAL_PRECISION(15)) writes it, byte for byte, in a fraction of its
 * instructions (it was a quarter of a child's page: jansson's loop check
 * builds a key per container and it decodes every string's UTF-8). Keys
 * and values in insertion order, as jansson iterates them. A string of
 * printable ASCII without quotes or backslashes (nearly all of them) is
 * copied as it is; any other string, and every real, is handed to jansson
 * itself, so escapes, UTF-8 checks and number formats stay its own
 * (test_reply compares the two on awkward values).
 */
#include "core/json_text.h"

#include <string.h>

#include "core/err.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))
#define DUMP_DEPTH 2048

/* json_dump_callback's writer: append to the buffer being written. */
static int
append(const char *chunk, size_t n, void *data)
{
	return buf_add(data, chunk, n) ? -1 : 0;
}

/* One value by jansson, for what the fast path leaves to it. */
static int
by_jansson(struct buf *b, const json_t *v)
{
	if (b->err)
		return b->err;
	if (json_dump_callback(v, append, b, DUMP_FLAGS | JSON_ENCODE_ANY))
		return b->err ? b->err : SPIRE_ENOMEM;
	return 0;
}

int
json_text_string(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
			json_t *t = json_stringn_nocheck(s, n);
			int rc = t ? by_jansson(b, t) : SPIRE_ENOMEM;
			json_decref(t);
			return rc;
		}
	}
	int rc = buf_reserve(b, n + 2);
	if (rc)
		return rc;
	char *p = b->p + b->len;
	p[0] = '"';
	memcpy(p + 1, s, n);
	p[n + 1] = '"';
	return buf_setlen(b, b->len + n + 2);
}

int
json_text_int(struct buf *b, json_int_t v)
{
	char tmp[24];
	size_t n = 0;
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[sizeof(tmp) - 1 - n++] = '-';
	return buf_add(b, tmp + sizeof(tmp) - n, n);
}

static int
value(struct buf *b, const json_t *v, int depth)
{
	if (depth > DUMP_DEPTH)
		return SPIRE_ENOMEM;
	int rc = 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		rc = buf_add(b, "{", 1);
		int first = 1;
		/* json_object_iter takes a non-const object; it reads only. */
		json_t *o = (json_t *)v;
		for (void *it = json_object_iter(o); it && rc == 0;
		     it = json_object_iter_next(o, it)) {
			if (!first)
				rc = buf_add(b, ",", 1);
			first = 0;
			if (rc == 0)
				rc = json_text_string(
				    b, json_object_iter_key(it),
				    json_object_iter_key_len(it));
			if (rc == 0)
				rc = buf_add(b, ":", 1);
			if (rc == 0)
				rc = value(b, json_object_iter_value(it),
				           depth + 1);
		}
		return rc ? rc : buf_add(b, "}", 1);
	}
	case JSON_ARRAY: {
		rc = buf_add(b, "[", 1);
		size_t n = json_array_size(v);
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (i)
				rc = buf_add(b, ",", 1);
			if (rc == 0)
				rc = value(b, json_array_get(v, i), depth + 1);
		}
		return rc ? rc : buf_add(b, "]", 1);
	}
	case JSON_STRING:
		return json_text_string(b, json_string_value(v),
		                        json_string_length(v));
	case JSON_INTEGER:
		return json_text_int(b, json_integer_value(v));
	case JSON_TRUE:
		return buf_add(b, "true", 4);
	case JSON_FALSE:
		return buf_add(b, "false", 5);
	case JSON_NULL:
		return buf_add(b, "null", 4);
	default:
		return by_jansson(b, v);
	}
}

int
json_text_value(struct buf *b, const json_t *v)
{
	return value(b, v, 0);
}

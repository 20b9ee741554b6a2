/*
 * fuzz_head_guard.c - libFuzzer target for the request-head guard
 * (src/http/head_guard.c).
 *
 * The input is a raw request head. It is split in place the way
 * libmicrohttpd 0.9.75 splits one (lines end at CR LF, a bare LF or a bare
 * CR; a line starting with a blank continues the previous field, whose name
 * is then moved elsewhere; the colon and line ends become NULs), and the
 * fields and layout checks run on the result. Besides sanitizer findings,
 * the guard must accept a head that is well-formed by construction and
 * refuse one with a bare LF.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/head_guard.h"

#define MAX_HEAD 8192

/* Split buf (len bytes, 4 spare NULs after) like MHD; fills f, returns the
 * request line's version or NULL when MHD would not pass the head on. */
static const char *
split(char *buf, size_t len, char *moved, struct head_field *f, size_t *n)
{
	size_t pos = 0, nf = 0, moved_at = 0;
	const char *version = NULL;
	for (;;) {
		char *nl =
		    pos < len ? memchr(buf + pos, '\n', len - pos) : NULL;
		if (!nl)
			return NULL; /* no empty line: the head is incomplete */
		char *line = buf + pos;
		size_t end = (size_t)(nl - buf);
		if (end > pos && buf[end - 1] == '\r')
			buf[end - 1] = '\0';
		buf[end] = '\0';
		pos = end + 1;
		if (!version) {
			char *sp = strrchr(line, ' ');
			if (!sp)
				return NULL;
			version = sp + 1;
			continue;
		}
		if (!*line)
			break; /* the empty line ends the head */
		if ((*line == ' ' || *line == '\t') && nf) {
			/* Folding: MHD appends the rest to the name, moved. */
			while (*line == ' ' || *line == '\t')
				line++;
			size_t a = strlen(f[nf - 1].name), b = strlen(line);
			if (moved_at + a + b + 1 > MAX_HEAD)
				return NULL;
			memcpy(moved + moved_at, f[nf - 1].name, a);
			memcpy(moved + moved_at + a, line, b + 1);
			f[nf - 1].name = moved + moved_at;
			moved_at += a + b + 1;
			continue;
		}
		char *colon = strchr(line, ':');
		if (!colon || nf == HEAD_GUARD_MAX_FIELDS + 1)
			return NULL;
		*colon = '\0';
		char *value = colon + 1;
		while (*value == ' ' || *value == '\t')
			value++;
		f[nf].name = line;
		f[nf].value = value;
		nf++;
	}
	*n = nf;
	return version;
}

/* 1 when data is one head of CR LF lines ending at its end in CR LF CR
 * LF, without NUL, bare CR or LF, folding or long runs of blanks. */
static int
plain_head(const uint8_t *data, size_t size)
{
	if (size < 4 || memcmp(data + size - 4, "\r\n\r\n", 4) != 0 ||
	    memmem(data, size, "\r\n\r\n", 4) !=
	        (const void *)(data + size - 4))
		return 0;
	size_t blanks = 0;
	for (size_t i = 0; i < size; i++) {
		unsigned char c = data[i];
		blanks = (c == ' ' || c == '\t') ? blanks + 1 : 0;
		if (c == 0 || blanks > 200)
			return 0;
		if (c == '\n' && (i == 0 || data[i - 1] != '\r'))
			return 0;
		if (c == '\r' && (i + 1 == size || data[i + 1] != '\n'))
			return 0;
		if (c == '\n' && i + 1 < size &&
		    (data[i + 1] == ' ' || data[i + 1] == '\t'))
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_HEAD)
		return 0;
	char *buf = calloc(1, size + 5);
	char *moved = calloc(1, MAX_HEAD + 1);
	struct head_field *f = calloc(HEAD_GUARD_MAX_FIELDS + 2, sizeof(*f));
	if (!buf || !moved || !f)
		abort();
	memcpy(buf, data, size);
	size_t n = 0;
	const char *version = split(buf, size, moved, f, &n);
	if (version) {
		struct head_verdict v;
		head_guard_fields(f, n, 1, &v);
		int layout = head_guard_layout(version, f, n, &v);
		/* The property: a plain CR LF head passes the layout check;
		 * one with a bare LF ending a line inside it does not. */
		if (plain_head(data, size) && layout != 0)
			abort();
		const uint8_t *lf = memchr(data, '\n', size);
		if (lf && lf > data && lf[-1] != '\r' && n > 0 &&
		    memchr(data, 0, size) == NULL && layout == 0)
			abort();
		head_guard_target(buf, &v);
	}
	free(buf);
	free(moved);
	free(f);
	return 0;
}

/*
 * fuzz_head_guard.c - libFuzzer target for the request-head guard
 * (src/http/head_guard.c).
 *
 * The input is a raw request head, as the framing front hands it over.
 * Besides sanitizer findings: a head the guard accepts ends in CR LF CR LF
 * and holds no NUL and no LF without a CR before it; every refusal names
 * a status, a code and a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/head_guard.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > HEAD_GUARD_MAX_HEAD + 1)
		return 0;
	/* A copy of exactly size bytes, so that reading past it is seen. */
	char *buf = malloc(size ? size : 1);
	if (!buf)
		abort();
	memcpy(buf, data, size);
	struct head_verdict v;
	memset(&v, 0, sizeof(v));
	int rc = head_guard_head(buf, size, &v);
	if (rc == 0) {
		if (size < 4 || memcmp(buf + size - 4, "\r\n\r\n", 4) != 0)
			abort();
		for (size_t i = 0; i < size; i++)
			if (buf[i] == '\0' ||
			    (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r')))
				abort();
	} else if (v.status < 400 || v.status > 599 || !v.code || !v.message) {
		abort();
	}
	free(buf);
	return 0;
}

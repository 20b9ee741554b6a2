/*
 * fuzz_framing.c - libFuzzer target for the connection framing
 * (src/http/framing.c).
 *
 * The first byte picks a read size; the rest is a client's byte stream,
 * fed in reads of that size the way the front feeds it (bytes not passed
 * on are given again with the next read), and the same bytes are fed to
 * the answer counter as if the server had sent them. Besides sanitizer
 * findings: no more is passed than was given, a refusal names a status, a
 * code and a message and its JSON answer fits the front's buffer, and the
 * bytes passed on are the same whatever the read size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/framing.h"

/* Bytes passed on when data is fed in reads of step bytes, and the last
 * result. */
static size_t
run(const uint8_t *data, size_t size, size_t step, char *buf,
    enum framing_result *last)
{
	struct framing f;
	framing_init(&f, 1 << 20);
	size_t held = 0, at = 0, total = 0;
	enum framing_result r = FRAMING_MORE;
	while (at < size) {
		size_t n = size - at < step ? size - at : step;
		if (held + n > HEAD_GUARD_MAX_HEAD + 4096)
			break; /* the front's buffer is full: it waits */
		memcpy(buf + held, data + at, n);
		held += n;
		at += n;
		size_t passed = 0;
		r = framing_request(&f, buf, held, &passed);
		if (passed > held)
			abort();
		total += passed;
		memmove(buf, buf + passed, held - passed);
		held -= passed;
		if (r == FRAMING_ERROR) {
			char answer[4096];
			if (f.verdict.status < 400 || !f.verdict.code ||
			    !f.verdict.message ||
			    framing_error_answer(&f.verdict, 0, answer,
			                         sizeof(answer)) == 0)
				abort();
		}
		if (r != FRAMING_MORE)
			break;
	}
	framing_answer(&f, (const char *)data, size);
	*last = r;
	return total;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 64 * 1024)
		return 0;
	size_t step = (size_t)data[0] + 1;
	char *buf = malloc(HEAD_GUARD_MAX_HEAD + 4096);
	if (!buf)
		abort();
	enum framing_result a, b;
	size_t one = run(data + 1, size - 1, step, buf, &a);
	size_t all = run(data + 1, size - 1, size, buf, &b);
	/* Whole reads see at least as far as small ones, and agree on a
	 * refusal once both have seen everything. */
	if (a == FRAMING_ERROR && b == FRAMING_ERROR && one != all)
		abort();
	free(buf);
	return 0;
}

/*
 * fuzz_router.c - libFuzzer target for the router's path matching
 * (src/http/router.c, included to reach its static match() and find()).
 *
 * The input is "METHOD\nPATH". Besides sanitizer findings: a path that
 * matches a route must match its pattern literally apart from one {id},
 * which must be a positive decimal without sign, blank or leading zero;
 * the Allow list on a miss names only real methods, each once.
 */
#include "../../src/http/router.c"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Re-derive a match by hand: the pattern's path (before any "?" that
 * lists its query parameters) with {id} replaced by id. */
static int
same_as_pattern(const char *pattern, const char *path, int64_t id)
{
	char expect[512];
	int plen = (int)strcspn(pattern, "?");
	const char *brace = strstr(pattern, "{id}");
	if (brace && brace - pattern > plen)
		brace = NULL;
	int n = brace ? snprintf(expect, sizeof(expect), "%.*s%lld%.*s",
	                         (int)(brace - pattern), pattern, (long long)id,
	                         plen - (int)(brace - pattern) - 4, brace + 4)
	              : snprintf(expect, sizeof(expect), "%.*s", plen, pattern);
	return n > 0 && (size_t)n < sizeof(expect) && strcmp(expect, path) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *nl = strchr(buf, '\n');
	struct http_request req;
	memset(&req, 0, sizeof(req));
	req.method = nl ? buf : "GET";
	req.path = nl ? nl + 1 : buf;
	if (nl)
		*nl = '\0';
	int64_t id = 0;
	char allow[128];
	int known = 0;
	const struct route *r = find(&req, &id, allow, sizeof(allow), &known);
	if (r) {
		if (!same_as_pattern(r->pattern, req.path, id))
			abort();
		if (strstr(r->pattern, "{id}") && id < 1)
			abort();
	} else if (known) {
		/* Allow: "GET, POST": known methods only, none twice. */
		static const char *const methods[] = {"GET",   "POST",   "PUT",
		                                      "PATCH", "DELETE", NULL};
		char copy[128];
		snprintf(copy, sizeof(copy), "%s", allow);
		for (char *save = NULL, *m = strtok_r(copy, ", ", &save); m;
		     m = strtok_r(NULL, ", ", &save)) {
			int ok = 0;
			for (size_t i = 0; methods[i]; i++)
				ok |= strcmp(m, methods[i]) == 0;
			char *first = strstr(allow, m);
			if (!ok || strstr(first + strlen(m), m))
				abort();
		}
	}
	free(buf);
	return 0;
}

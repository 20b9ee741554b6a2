/*
 * fuzz_router.c - libFuzzer target for the router's path matching
 * (src/http/router.c, included to reach its static match() and find()),
 * over the static tables and the rows derived from the descriptors.
 *
 * The input is "METHOD\nPATH". Besides sanitizer findings: a path that
 * matches a route must be its pattern with each typed parameter replaced
 * by the value handed over: {id} a positive decimal without sign, blank or
 * leading zero; {name} one the route's lookup found; {uuid} canonical
 * lower-case. The Allow list on a miss names only real methods, each once.
 */
#include "../../src/http/router.c"

#include "http/api.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Re-derive a match by hand: the pattern's path (before any "?" that
 * lists its query parameters) with each typed parameter replaced by the
 * value m holds for it. */
static int
same_as_pattern(const char *pattern, const struct route_match *m,
                const char *path)
{
	char expect[512];
	size_t n = 0;
	const char *p = pattern;
	while (*p && *p != '?' && n + 1 < sizeof(expect)) {
		char id[24];
		const char *v = NULL;
		size_t skip = 1;
		if (strncmp(p, "{id}", 4) == 0) {
			snprintf(id, sizeof(id), "%lld", (long long)m->id);
			v = id;
			skip = 4;
		} else if (strncmp(p, "{name}", 6) == 0) {
			v = m->name;
			skip = 6;
		} else if (strncmp(p, "{uuid}", 6) == 0) {
			v = m->uuid;
			skip = 6;
		}
		if (v) {
			size_t len = strlen(v);
			if (len == 0 || n + len >= sizeof(expect))
				return 0;
			memcpy(expect + n, v, len);
			n += len;
		} else {
			expect[n++] = *p;
		}
		p += skip;
	}
	expect[n] = '\0';
	return strcmp(expect, path) == 0;
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
	struct route_match m;
	char allow[128];
	int known = 0;
	/* The rows derived from the descriptors at start-up, as served. */
	static struct route_table *rows;
	if (!rows) {
		struct err e;
		err_clear(&e);
		if (api_resources_routes(NULL, &rows, &e) != 0)
			abort();
	}
	const struct route *r =
	    find(rows, &req, &m, allow, sizeof(allow), &known);
	if (r) {
		if (!same_as_pattern(r->pattern, &m, req.path))
			abort();
		if (strstr(r->pattern, "{id}") && m.id < 1)
			abort();
		/* A {name} is one the route knows, and it is what it found. */
		if (strstr(r->pattern, "{name}") &&
		    (!m.named || r->lookup(m.name) != m.named))
			abort();
	} else if (known) {
		/* Allow: "GET, POST": known methods only, none twice. */
		static const char *const methods[] = {"GET",   "POST",   "PUT",
		                                      "PATCH", "DELETE", NULL};
		char copy[128];
		snprintf(copy, sizeof(copy), "%s", allow);
		for (char *save = NULL, *w = strtok_r(copy, ", ", &save); w;
		     w = strtok_r(NULL, ", ", &save)) {
			int ok = 0;
			for (size_t i = 0; methods[i]; i++)
				ok |= strcmp(w, methods[i]) == 0;
			char *first = strstr(allow, w);
			if (!ok || strstr(first + strlen(w), w))
				abort();
		}
	}
	free(buf);
	return 0;
}

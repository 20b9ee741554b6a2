/*
 * head_guard.h - checks on a request head, before any handler runs, that
 * close the gaps where libmicrohttpd 0.9.75 reads a head differently from
 * a proxy in front of it (request smuggling) or hangs on it.
 *
 * Pure functions over strings: no libmicrohttpd here, so that the checks
 * can be unit-tested and fuzzed. http_mhd.c feeds them what the library
 * split out of the head.
 */
#ifndef SPIRE_HEAD_GUARD_H
#define SPIRE_HEAD_GUARD_H

#include <stddef.h>

/* More query arguments than this: 431. */
#define HEAD_GUARD_MAX_ARGS 100
/* More header fields than this: 431. */
#define HEAD_GUARD_MAX_FIELDS 100

/* One header field as the server library split it: NUL-terminated. */
struct head_field {
	const char *name;
	const char *value;
};

/* Why a head was refused; code and message are static strings. */
struct head_verdict {
	int status;               /* 400, 431 or 501 */
	const char *code;         /* "bad_request", "header_too_large", ... */
	const char *message;      /* for the JSON error body */
	long long content_length; /* the declared length, -1 when none */
};

/*
 * Check the fields of one head: every name a token, no control character
 * in any value, at most one Host (exactly one if need_host: HTTP/1.1),
 * Content-Length and Transfer-Encoding, not both of the last two,
 * Content-Length digits only, Transfer-Encoding exactly "chunked", at most
 * HEAD_GUARD_MAX_FIELDS fields.
 * Returns 0 and sets v->content_length, or -1 with v filled.
 */
int head_guard_fields(const struct head_field *f, size_t n, int need_host,
                      struct head_verdict *v);

/*
 * Check a raw request target (path and query, before any decoding): no
 * blank, control or DEL character (400), at most HEAD_GUARD_MAX_ARGS query
 * arguments (431). Returns 0, or -1 with v filled.
 */
int head_guard_target(const char *target, struct head_verdict *v);

/*
 * Check that the fields lie in memory exactly as libmicrohttpd 0.9.75
 * leaves a well-formed head after splitting it in place: each line ended
 * by CR LF (both overwritten with NUL), each name followed by its colon
 * (overwritten with NUL) and optional blanks, the next line straight after,
 * and the head ended by an empty line. A bare LF, a NUL inside a line or a
 * folded (continued) line breaks that layout, which is how they are seen:
 * the library itself accepts all three silently.
 *
 * version is the request line's last token (NUL-terminated where the line
 * ended); f holds the fields in the order received. Only bytes between a
 * field and where the next one must start are read, and after the last
 * value the three bytes of the rest of the terminating CR LF CR LF, all
 * inside the buffer the head was read into. Returns 0, or -1 with v filled
 * (400).
 *
 * Not seen: a NUL just before the head's final CR LF CR LF, and a head
 * ended by a bare LF when nothing after it has been received yet (the
 * bytes read are then stale, not the client's).
 */
int head_guard_layout(const char *version, const struct head_field *f, size_t n,
                      struct head_verdict *v);

/*
 * The number of query arguments in a raw request target ("/p?a=1&b=2" has
 * 2), counted as libmicrohttpd splits them (on '&').
 */
size_t head_guard_query_args(const char *target);

#endif

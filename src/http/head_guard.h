/*
 * head_guard.h - checks on a request head, before any handler runs, that
 * close the gaps where libmicrohttpd 0.9.75 reads a head differently from
 * a proxy in front of it (request smuggling) or hangs on it.
 *
 * Pure functions over strings: no sockets or libmicrohttpd here, so that
 * the checks can be unit-tested and fuzzed. The framing front (front.c,
 * through framing.c) feeds them each raw head before libmicrohttpd sees it.
 */
#ifndef SPIRE_HEAD_GUARD_H
#define SPIRE_HEAD_GUARD_H

#include <stddef.h>

/* More query arguments than this: 431. */
#define HEAD_GUARD_MAX_ARGS 100
/* More header fields than this: 431. */
#define HEAD_GUARD_MAX_FIELDS 100
/* More cookies (name=value pairs over all Cookie fields) than this: 431. */
#define HEAD_GUARD_MAX_COOKIES 100
/* The longest request head, request line to the empty line: 414 when the
 * request line alone is longer, else 431. */
#define HEAD_GUARD_MAX_HEAD ((size_t)16 * 1024)

/* One header field as the server library split it: NUL-terminated. */
struct head_field {
	const char *name;
	const char *value;
};

/* Why a head was refused; code and message are static strings. */
struct head_verdict {
	int status;               /* 400, 413, 414, 431, 501 or 505 */
	const char *code;         /* "bad_request", "header_too_large", ... */
	const char *message;      /* for the JSON error body */
	long long content_length; /* the declared length, -1 when none */
	int chunked;              /* Transfer-Encoding: chunked */
};

/*
 * Check the fields of one head: every name a token, no control character
 * in any value, at most one Host (exactly one if need_host: HTTP/1.1),
 * Content-Length and Transfer-Encoding, not both of the last two,
 * Content-Length digits only, Transfer-Encoding exactly "chunked", at most
 * HEAD_GUARD_MAX_FIELDS fields and HEAD_GUARD_MAX_COOKIES cookies.
 * Returns 0 and sets v->content_length and v->chunked, or -1 with v filled.
 */
int head_guard_fields(const struct head_field *f, size_t n, int need_host,
                      struct head_verdict *v);

/*
 * Check a raw request target (path and query, before any decoding): no
 * blank, control or DEL character and no %00 in the path (400), at most
 * HEAD_GUARD_MAX_ARGS query arguments (431). Returns 0, or -1 with v filled.
 */
int head_guard_target(const char *target, struct head_verdict *v);

/*
 * Check one complete raw request head, exactly as received: head holds len
 * bytes, from the request line's first byte to the CR LF CR LF that ends
 * the head (no more), at most HEAD_GUARD_MAX_HEAD bytes. The request line
 * must be a token, one blank, a target (head_guard_target), one blank and
 * HTTP/1.0 or HTTP/1.1 (another version: 505); every line must end in CR
 * LF, with no NUL, bare CR or bare LF anywhere; every field line must hold
 * a colon (so a folded line, which starts with a blank, is refused); the
 * fields, split as name (before the colon) and value (after it, leading
 * blanks dropped), then go through head_guard_fields().
 * Returns 0 and sets v->content_length, or -1 with v filled (400, 431, 501
 * or 505).
 */
int head_guard_head(const char *head, size_t len, struct head_verdict *v);

/*
 * The number of query arguments in a raw request target ("/p?a=1&b=2" has
 * 2), counted as libmicrohttpd splits them (on '&').
 */
size_t head_guard_query_args(const char *target);

#endif

/*
 * framing.h - where each HTTP/1.1 message on one connection begins and
 * ends, in both directions, for the framing front (front.c).
 *
 * Requests: every byte the client sends passes through framing_request()
 * before libmicrohttpd may read it. A head is passed on only once it is
 * complete and has passed head_guard_head() and Debian's http-parser (the
 * method, keep-alive); a body is framed by its Content-Length or, strictly,
 * by its chunks, so that the start of the next head is always known and a
 * request libmicrohttpd 0.9.75 would frame differently, or answer itself in
 * HTML, never reaches it. Answers: framing_answer() counts libmicrohttpd's
 * final answers (http-parser in response mode; an answer to HEAD has no
 * body, a 1xx is not final), so that Spire's own error is written only
 * after every answer owed for the requests before it.
 *
 * Pure: no sockets, no allocation; unit-tested and fuzzed.
 */
#ifndef SPIRE_FRAMING_H
#define SPIRE_FRAMING_H

#include <http_parser.h>
#include <stddef.h>
#include <time.h>
#include <stdint.h>

#include "http/head_guard.h"

/* Requests passed on but not yet answered: no more heads are read. */
#define FRAMING_MAX_OWED 32

enum framing_result {
	FRAMING_MORE,  /* all read; *passed bytes may go on, keep the rest */
	FRAMING_FULL,  /* FRAMING_MAX_OWED unanswered: read again later */
	FRAMING_CLOSE, /* the last request asked to close: ignore the rest */
	FRAMING_ERROR, /* refused: answer f->verdict after the owed ones */
};

struct framing {
	/* Requests. */
	int state;          /* where in a request the next byte falls */
	uint64_t remaining; /* body or chunk bytes still to come */
	unsigned digits;    /* hex digits of the chunk size so far */
	size_t scanned;     /* head bytes already searched for its end */
	int line_done;      /* the request line of that head has ended */
	size_t line_len;    /* ... after this many bytes */
	size_t body_max;    /* a declared body larger than this: 413 */
	uint64_t requests;  /* complete requests passed on */
	uint64_t heads;     /* bit k % 64: request k was HEAD */
	int closing;        /* the request being read asked to close */
	int is_head;        /* ... and was HEAD */
	struct head_verdict verdict;
	/* Answers. */
	http_parser answer;
	uint64_t answers; /* final answers seen */
	int answer_broken;
};

/* Start framing a new connection; body_max caps a declared body. */
void framing_init(struct framing *f, size_t body_max);

/*
 * Read data[0..len): the client's bytes not yet passed on, starting where
 * the last call left off. A partial head stays unpassed and must be given
 * again, with what follows it, next time. Sets *passed to how many bytes
 * from data[0] may now go to libmicrohttpd (whole heads that passed the
 * checks, and body bytes), and returns what to do with the rest (see enum
 * framing_result). After FRAMING_ERROR or FRAMING_CLOSE it must not be
 * called again.
 */
enum framing_result framing_request(struct framing *f, const char *data,
                                    size_t len, size_t *passed);

/*
 * Read data[0..len), libmicrohttpd's answers in order. Returns 0, or -1
 * when they cannot be framed (then the count stops; the caller should not
 * add an answer of its own).
 */
int framing_answer(struct framing *f, const char *data, size_t len);

/* Requests passed on whose final answer has not been read in full. */
uint64_t framing_owed(const struct framing *f);

/* 1 while part of a head has been read but not yet passed on. */
int framing_in_head(const struct framing *f, size_t unpassed);

/*
 * Write Spire's JSON error answer for v into buf (cap bytes): status line,
 * Date (now, as HTTP's IMF-fixdate in GMT, RFC 9110 section 6.6.1),
 * Content-Type, Content-Length, Connection: close, the security headers
 * (http_security_headers) and the body {"error":{...},"errors":[...]}.
 * Returns its length, or 0 if it does not fit.
 */
size_t framing_error_answer(const struct head_verdict *v, time_t now, char *buf,
                            size_t cap);

#endif

/*
 * framing.c - HTTP/1.1 message boundaries on one connection (see
 * framing.h). Not for sockets (front.c) nor for the rules a head must
 * follow (head_guard.c).
 *
 * Debian's http-parser 2.9 is built without HTTP_PARSER_STRICT: it takes
 * any two bytes after chunk data as CR LF, a blank in a chunk size, a bare
 * CR in a chunk extension, and blanks in names and targets. So heads go
 * through head_guard_head() first and then through http-parser for the
 * method and keep-alive, and chunked bodies are framed here, strictly:
 * size (hex digits) [";" extension] CR LF, data, CR LF, ..., "0" CR LF CR
 * LF, no trailer fields.
 */
#include "http/framing.h"

#include <stdio.h>
#include <string.h>

#include "http/http.h"

enum {
	S_HEAD,    /* reading a head */
	S_LENGTH,  /* Content-Length body bytes */
	S_SIZE,    /* chunk size digits */
	S_EXT,     /* chunk extension, up to CR */
	S_SIZE_LF, /* LF after a chunk size line */
	S_DATA,    /* chunk data */
	S_DATA_CR, /* CR after chunk data */
	S_DATA_LF, /* LF after chunk data */
	S_LAST_CR, /* CR of the empty line after the last chunk */
	S_LAST_LF, /* its LF */
	S_STOPPED, /* closed or refused: nothing more is read */
};

static int
refuse(struct framing *f, int status, const char *code, const char *message)
{
	f->verdict.status = status;
	f->verdict.code = code;
	f->verdict.message = message;
	f->state = S_STOPPED;
	return -1;
}

static int
bad_chunk(struct framing *f)
{
	return refuse(f, 400, "bad_request",
	              "The request's chunked body is malformed");
}

/* What http-parser makes of a head that passed head_guard_head(). */
struct head_parse {
	int done;
};

static int
head_parsed(http_parser *p)
{
	((struct head_parse *)p->data)->done = 1;
	/* Stop at the end of the head: the body is framed here. */
	http_parser_pause(p, 1);
	return 0;
}

void
framing_init(struct framing *f, size_t body_max)
{
	memset(f, 0, sizeof(*f));
	f->state = S_HEAD;
	f->body_max = body_max;
	http_parser_init(&f->answer, HTTP_RESPONSE);
	f->answer.data = f;
}

/* A complete request has been passed on. */
static void
request_done(struct framing *f)
{
	if (f->is_head)
		f->heads |= (uint64_t)1 << (f->requests % 64);
	else
		f->heads &= ~((uint64_t)1 << (f->requests % 64));
	f->requests++;
	f->state = f->closing ? S_STOPPED : S_HEAD;
}

/* Check the complete head data[0..len) and set up reading its body. */
static int
start_request(struct framing *f, const char *data, size_t len)
{
	if (head_guard_head(data, len, &f->verdict) != 0) {
		f->state = S_STOPPED;
		return -1;
	}
	long long length = f->verdict.content_length;
	struct head_parse hp = {0};
	http_parser p;
	http_parser_init(&p, HTTP_REQUEST);
	p.data = &hp;
	http_parser_settings s;
	http_parser_settings_init(&s);
	s.on_headers_complete = head_parsed;
	http_parser_execute(&p, &s, data, len);
	enum http_errno e = HTTP_PARSER_ERRNO(&p);
	if (e == HPE_INVALID_METHOD || (hp.done && p.method == HTTP_CONNECT))
		return refuse(f, 501, "not_implemented",
		              "The request method is not supported");
	if (!hp.done || (e != HPE_OK && e != HPE_PAUSED))
		return refuse(f, 400, "bad_request",
		              "The request is malformed");
	if (length >= 0 && (unsigned long long)length > f->body_max)
		return refuse(f, 413, "too_large",
		              "The request body is too large");
	f->closing = !http_should_keep_alive(&p);
	f->is_head = p.method == HTTP_HEAD;
	f->scanned = 0;
	f->line_done = 0;
	/* The framing is head_guard's reading of the head, not the
	 * parser's: one place for it. */
	if (f->verdict.chunked) {
		f->state = S_SIZE;
		f->digits = 0;
		f->remaining = 0;
	} else if (length > 0) {
		f->state = S_LENGTH;
		f->remaining = (uint64_t)length;
	} else {
		request_done(f);
	}
	return 0;
}

/* A head longer than HEAD_GUARD_MAX_HEAD: 414 when its request line
 * alone is, else 431. */
static int
too_long(struct framing *f)
{
	if (!f->line_done || f->line_len > HEAD_GUARD_MAX_HEAD)
		return refuse(f, 414, "uri_too_long",
		              "The request's address is too long");
	return refuse(f, 431, "header_too_large",
	              "The request's header is too large");
}

/* Look for the end of the head in data[0..len). Returns its length, 0 when
 * more is needed, or -1 (refused). */
static long
find_head_end(struct framing *f, const char *data, size_t len)
{
	size_t i = f->scanned;
	for (; i < len && i <= HEAD_GUARD_MAX_HEAD; i++) {
		if (data[i] != '\n')
			continue;
		/* A bare LF: refused now, not when (if ever) the head ends. */
		if (i == 0 || data[i - 1] != '\r') {
			head_guard_head(data, i + 1, &f->verdict);
			return -1;
		}
		if (!f->line_done) {
			f->line_done = 1;
			f->line_len = i + 1;
		}
		if (i >= 3 && data[i - 2] == '\n' && data[i - 3] == '\r')
			return i + 1 > HEAD_GUARD_MAX_HEAD ? too_long(f)
			                                   : (long)(i + 1);
	}
	f->scanned = i;
	if (len > HEAD_GUARD_MAX_HEAD)
		return too_long(f);
	return 0;
}

/* One byte of chunk framing (not data). */
static int
chunk_byte(struct framing *f, unsigned char c)
{
	switch (f->state) {
	case S_SIZE: {
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (d >= 0) {
			if (++f->digits > 16)
				return bad_chunk(f);
			f->remaining = f->remaining * 16 + (uint64_t)d;
			return 0;
		}
		if (!f->digits || (c != ';' && c != '\r'))
			return bad_chunk(f);
		f->state = c == ';' ? S_EXT : S_SIZE_LF;
		return 0;
	}
	case S_EXT:
		if (c == '\r')
			f->state = S_SIZE_LF;
		else if ((c < 0x20 && c != '\t') || c == 0x7f)
			return bad_chunk(f);
		return 0;
	case S_SIZE_LF:
		if (c != '\n')
			return bad_chunk(f);
		f->state = f->remaining ? S_DATA : S_LAST_CR;
		return 0;
	case S_DATA_CR:
		if (c != '\r')
			return bad_chunk(f);
		f->state = S_DATA_LF;
		return 0;
	case S_DATA_LF:
		if (c != '\n')
			return bad_chunk(f);
		f->state = S_SIZE;
		f->digits = 0;
		f->remaining = 0;
		return 0;
	case S_LAST_CR:
		/* Trailer fields are not taken: libmicrohttpd would read them
		 * with rules of its own. */
		if (c != '\r')
			return bad_chunk(f);
		f->state = S_LAST_LF;
		return 0;
	case S_LAST_LF:
		if (c != '\n')
			return bad_chunk(f);
		request_done(f);
		return 0;
	default:
		return bad_chunk(f);
	}
}

enum framing_result
framing_request(struct framing *f, const char *data, size_t len, size_t *passed)
{
	size_t i = 0;
	*passed = 0;
	while (i < len) {
		if (f->state == S_STOPPED)
			return FRAMING_CLOSE;
		if (f->state == S_HEAD) {
			if (framing_owed(f) >= FRAMING_MAX_OWED)
				return FRAMING_FULL;
			/* Empty lines before a request line are passed on:
			 * the server skips them (RFC 9112, 2.2). */
			if (f->scanned == 0 && data[i] == '\r') {
				if (i + 1 == len)
					return FRAMING_MORE;
				if (data[i + 1] == '\n') {
					i += 2;
					*passed = i;
					continue;
				}
			}
			long end = find_head_end(f, data + i, len - i);
			if (end < 0) {
				f->state = S_STOPPED;
				return FRAMING_ERROR;
			}
			if (end == 0)
				return FRAMING_MORE;
			if (start_request(f, data + i, (size_t)end) != 0)
				return FRAMING_ERROR;
			i += (size_t)end;
		} else if (f->state == S_LENGTH || f->state == S_DATA) {
			size_t n = len - i;
			if (n > f->remaining)
				n = (size_t)f->remaining;
			f->remaining -= n;
			i += n;
			if (!f->remaining) {
				if (f->state == S_LENGTH)
					request_done(f);
				else
					f->state = S_DATA_CR;
			}
		} else {
			if (chunk_byte(f, (unsigned char)data[i]) != 0)
				return FRAMING_ERROR;
			i++;
		}
		*passed = i;
	}
	return f->state == S_STOPPED ? FRAMING_CLOSE : FRAMING_MORE;
}

int
framing_in_head(const struct framing *f, size_t unpassed)
{
	return f->state == S_HEAD && unpassed > 0;
}

uint64_t
framing_owed(const struct framing *f)
{
	return f->requests > f->answers ? f->requests - f->answers : 0;
}

static int
answer_head(http_parser *p)
{
	struct framing *f = p->data;
	/* An answer to HEAD has a Content-Length but no body. */
	if (p->status_code >= 200 && f->answers < f->requests &&
	    (f->heads >> (f->answers % 64) & 1))
		return 1;
	return 0;
}

static int
answer_done(http_parser *p)
{
	struct framing *f = p->data;
	if (p->status_code >= 200)
		f->answers++;
	return 0;
}

int
framing_answer(struct framing *f, const char *data, size_t len)
{
	static const http_parser_settings s = {
	    .on_headers_complete = answer_head,
	    .on_message_complete = answer_done,
	};
	if (f->answer_broken)
		return -1;
	size_t done = 0;
	while (done < len) {
		size_t n = http_parser_execute(&f->answer, &s, data + done,
		                               len - done);
		if (HTTP_PARSER_ERRNO(&f->answer) != HPE_OK) {
			f->answer_broken = 1;
			return -1;
		}
		if (n == 0)
			break;
		done += n;
	}
	return 0;
}

static const char *
reason(int status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 501:
		return "Not Implemented";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}

size_t
framing_error_answer(const struct head_verdict *v, time_t now, char *buf,
                     size_t cap)
{
	char body[512], date[40];
	struct tm tm;
	if (!gmtime_r(&now, &tm) ||
	    !strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return 0;
	/* The same shape as every other error reply: "error" and "errors";
	 * code and message are Spire's own constants (no quoting needed). */
	int b = snprintf(body, sizeof(body),
	                 "{\"error\":{\"code\":\"%s\",\"field\":null,"
	                 "\"message\":\"%s\"},\"errors\":[{\"code\":"
	                 "\"%s\",\"field\":null,\"message\":\"%s\"}]}",
	                 v->code, v->message, v->code, v->message);
	if (b < 0 || (size_t)b >= sizeof(body))
		return 0;
	int n = snprintf(buf, cap,
	                 "HTTP/1.1 %d %s\r\nDate: %s\r\nConnection: close\r\n"
	                 "Content-Type: application/json; charset=utf-8\r\n"
	                 "Content-Length: %d\r\n",
	                 v->status, reason(v->status), date, b);
	if (n < 0 || (size_t)n >= cap)
		return 0;
	size_t len = (size_t)n;
	for (const struct http_header_const *h = http_security_headers; h->name;
	     h++) {
		n = snprintf(buf + len, cap - len, "%s: %s\r\n", h->name,
		             h->value);
		if (n < 0 || (size_t)n >= cap - len)
			return 0;
		len += (size_t)n;
	}
	n = snprintf(buf + len, cap - len, "Cache-Control: no-store\r\n\r\n%s",
	             body);
	if (n < 0 || (size_t)n >= cap - len)
		return 0;
	return len + (size_t)n;
}

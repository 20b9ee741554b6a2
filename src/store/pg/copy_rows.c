/*
 * copy_rows.c - PostgreSQL's binary COPY rows (see copy_rows.h).
 */
#include "store/pg/copy_rows.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* "PGCOPY\n\377\r\n\0" */
static const char SIGNATURE[11] = {'P',  'G',    'C',  'O',  'P', 'Y',
                                   '\n', '\377', '\r', '\n', '\0'};

static uint32_t
be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	       (uint32_t)u[2] << 8 | u[3];
}

static int16_t
be16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (int16_t)(uint16_t)((unsigned)u[0] << 8 | u[1]);
}

int
copy_rows_begin(struct copy_rows *r, int ncols)
{
	if (ncols < 1 || ncols > INT16_MAX)
		return -1;
	if (r->ncols < ncols) {
		free(r->val);
		free(r->len);
		r->val = calloc((size_t)ncols, sizeof(*r->val));
		r->len = calloc((size_t)ncols, sizeof(*r->len));
		if (!r->val || !r->len) {
			copy_rows_release(r);
			return -1;
		}
	}
	r->ncols = ncols;
	r->header = 0;
	r->ended = 0;
	return 0;
}

/* The header at *p (n bytes left): skipped, or -1 when it is not one. */
static int
skip_header(const char **p, size_t *n)
{
	if (*n < sizeof(SIGNATURE) + 8 ||
	    memcmp(*p, SIGNATURE, sizeof(SIGNATURE)) != 0)
		return -1;
	uint32_t ext = be32(*p + sizeof(SIGNATURE) + 4);
	size_t head = sizeof(SIGNATURE) + 8;
	if (ext > *n - head)
		return -1;
	*p += head + ext;
	*n -= head + ext;
	return 0;
}

enum copy_rows_got
copy_rows_parse(struct copy_rows *r, char *msg, size_t n)
{
	const char *p = msg;
	if (r->ended || r->ncols < 1)
		return COPY_ROWS_ERROR;
	if (!r->header) {
		if (skip_header(&p, &n) != 0)
			return COPY_ROWS_ERROR;
		r->header = 1;
		if (n == 0)
			return COPY_ROWS_NONE;
	}
	if (n < 2)
		return COPY_ROWS_ERROR;
	int16_t nf = be16(p);
	p += 2;
	n -= 2;
	if (nf == -1) {
		r->ended = 1;
		return n == 0 ? COPY_ROWS_END : COPY_ROWS_ERROR;
	}
	if (nf != r->ncols)
		return COPY_ROWS_ERROR;
	/* Every length first (a value's NUL goes over the next length). */
	for (int i = 0; i < nf; i++) {
		if (n < 4)
			return COPY_ROWS_ERROR;
		uint32_t len = be32(p);
		p += 4;
		n -= 4;
		if (len == UINT32_MAX) {
			r->val[i] = NULL;
			r->len[i] = 0;
			continue;
		}
		if (len > n || len > INT32_MAX)
			return COPY_ROWS_ERROR;
		r->val[i] = p;
		r->len[i] = (int)len;
		p += len;
		n -= len;
	}
	if (n != 0)
		return COPY_ROWS_ERROR;
	for (int i = 0; i < nf; i++)
		if (r->val[i])
			msg[r->val[i] - msg + r->len[i]] = 0;
	return COPY_ROWS_ROW;
}

void
copy_rows_release(struct copy_rows *r)
{
	free(r->val);
	free(r->len);
	memset(r, 0, sizeof(*r));
}

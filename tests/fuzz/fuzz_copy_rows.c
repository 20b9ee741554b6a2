/*
 * fuzz_copy_rows.c - libFuzzer target for the reader of PostgreSQL's
 * binary COPY rows (src/store/pg/copy_rows.c), which parses what the
 * server sends in place.
 *
 * The first byte chooses the column count (1-32); the rest is split into
 * messages at each 0xFE 0xFE pair. Besides sanitizer findings: a row's
 * values lie inside its message, each followed by its NUL, and nothing is
 * read after the end marker.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg/copy_rows.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	struct copy_rows r = {0};
	if (copy_rows_begin(&r, 1 + data[0] % 32) != 0)
		return 0;
	/* A copy with room for the NUL after it, as PQgetCopyData gives. */
	for (size_t at = 1; at < size;) {
		size_t end = at;
		while (end < size &&
		       !(data[end] == 0xFE && end + 1 < size &&
		         data[end + 1] == 0xFE))
			end++;
		size_t n = end - at;
		char *msg = malloc(n + 1);
		if (!msg)
			break;
		memcpy(msg, data + at, n);
		msg[n] = 0;
		int was_ended = r.ended;
		enum copy_rows_got got = copy_rows_parse(&r, msg, n);
		if (was_ended && got != COPY_ROWS_ERROR)
			abort();
		if (got == COPY_ROWS_ROW)
			for (int i = 0; i < r.ncols; i++) {
				if (!r.val[i])
					continue;
				if (r.val[i] < msg ||
				    r.val[i] + r.len[i] > msg + n ||
				    r.val[i][r.len[i]] != 0)
					abort();
			}
		free(msg);
		at = end + 2;
	}
	copy_rows_release(&r);
	return 0;
}

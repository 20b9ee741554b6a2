/*
 * copy_rows.h - the rows of a PostgreSQL binary COPY (COPY ... TO STDOUT
 * (FORMAT binary)), read one CopyData message at a time as libpq's
 * PQgetCopyData hands them over. PostgreSQL's documentation, "COPY",
 * section "Binary Format": an 11-byte signature, a 32-bit flags word and
 * a header extension (skipped), then each tuple as a 16-bit field count
 * and per field a 32-bit length (-1: NULL) and that many bytes, and a
 * field count of -1 at the end. Integers are in network byte order.
 * No libpq here: the caller fetches the messages.
 */
#ifndef SPIRE_STORE_PG_COPY_ROWS_H
#define SPIRE_STORE_PG_COPY_ROWS_H

#include <stddef.h>

/*
 * The reader's state and the current row. val[i] is column i's bytes
 * followed by a NUL (so text reads as a C string), NULL for SQL NULL;
 * len[i] its length in bytes. They point into the message last parsed:
 * valid while its caller keeps it.
 */
struct copy_rows {
	int ncols;  /* the columns each tuple must have */
	int header; /* the header has been read */
	int ended;  /* the end marker has been read */
	const char **val;
	int *len;
};

/* What copy_rows_parse found in a message. */
enum copy_rows_got {
	COPY_ROWS_ERROR = -1, /* not the binary format, or a row of other
	                         than ncols columns: the stream is unusable */
	COPY_ROWS_NONE = 0,   /* nothing but the header: read another */
	COPY_ROWS_ROW = 1,    /* a row, in val/len */
	COPY_ROWS_END = 2,    /* the end marker */
};

/* Start reading a stream of rows of ncols columns (r's storage kept for
 * reuse). 0, or -1 when out of memory. */
int copy_rows_begin(struct copy_rows *r, int ncols);

/*
 * Read one CopyData message msg of n bytes (PostgreSQL sends the header
 * with the first tuple, and one tuple per message after it), in place:
 * msg must have room for n + 1 bytes (PQgetCopyData's buffer has, with a
 * NUL at msg[n]); each value's NUL is written over what follows it (the
 * next value's length, read first). The caller keeps msg while it reads
 * the row.
 */
enum copy_rows_got copy_rows_parse(struct copy_rows *r, char *msg, size_t n);

/* Free r's storage; r may be begun again after. */
void copy_rows_release(struct copy_rows *r);

#endif

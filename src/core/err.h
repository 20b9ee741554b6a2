/*
 * err.h - Spire's error codes and the caller-owned error detail.
 *
 * Functions return 0 or a negative SPIRE_E* code; the detail (HTTP status,
 * offending field, message) goes into a struct err passed last.
 */
#ifndef SPIRE_ERR_H
#define SPIRE_ERR_H

#include <stddef.h>

enum {
	SPIRE_OK = 0,
	SPIRE_EINVAL = -1,     /* 400: bad input */
	SPIRE_EAUTH = -2,      /* 401: not signed in / wrong credentials */
	SPIRE_EFORBIDDEN = -3, /* 403 */
	SPIRE_ENOTFOUND = -4,  /* 404 */
	SPIRE_ECONFLICT = -5,  /* 409: stale version or duplicate */
	SPIRE_ETOOBIG = -6,    /* 413 */
	SPIRE_EMEDIA = -7,     /* 415 */
	SPIRE_ETHROTTLE = -8,  /* 429 */
	SPIRE_ENOMEM = -9,     /* 503: out of memory */
	SPIRE_EUNAVAIL = -10,  /* 503: store busy or failing */
	SPIRE_EDB = -11,       /* 500: unexpected store error */
	SPIRE_EIO = -12,       /* 500: file or system error */
	SPIRE_EMETHOD = -13,   /* 405 */
	SPIRE_EFULL = -14,     /* 503: the disk is full */
};

struct err {
	int code;
	char field[64];
	char message[256];
};

/* Clear e. */
void err_clear(struct err *e);

/*
 * Record code, field (may be NULL) and a printf message in e. Returns code,
 * so that callers can write `return err_set(e, SPIRE_EINVAL, ...)`.
 */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Name the field of e as an item of a list in the request: "due_date"
 * becomes "tasks[0].due_date" (list "tasks", index 0), no field becomes
 * "tasks[0]". Returns e->code.
 */
int err_in_list(struct err *e, const char *list, size_t index);

/* The HTTP status for an error code. */
int err_http_status(int code);

/* A stable machine-readable slug for an error code ("validation", ...). */
const char *err_slug(int code);

#endif

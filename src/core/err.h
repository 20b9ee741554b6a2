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

/* Further field errors kept beyond the first: enough for every field of the
 * largest form (a KPI snapshot: 17 answers, its point, date and hours). */
#define ERR_MAX_MORE 31

/* A further field error of the same request (see err_add). */
struct err_item {
	char field[64];
	char message[160];
};

struct err {
	int code;
	char field[64];
	char message[256];
	/* Further errors of the same request, after the first above; only
	 * err_add() appends here and err_set()/err_clear() empty it. */
	unsigned n_more;
	struct err_item more[ERR_MAX_MORE];
};

/* Clear e. */
void err_clear(struct err *e);

/*
 * Record code, field (may be NULL) and a printf message in e as its only
 * error (any further errors added before are dropped). Returns code, so
 * that callers can write `return err_set(e, SPIRE_EINVAL, ...)`.
 */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Add a further error to e, which err_clear() or err_set() initialised, so
 * that one reply can name every field a request got wrong. When e holds no
 * error yet this is err_set(); otherwise the field and message are kept in
 * e->more (the code stays the first error's). A field already named in e
 * is not named twice, and errors beyond ERR_MAX_MORE are dropped. Returns
 * e->code.
 */
int err_add(struct err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Append every error of from to into, as err_add would: when into holds no
 * error yet, from's first becomes its first (and from's code its code).
 * For collecting the errors of several parts of a request (list items)
 * validated one by one. Returns into->code.
 */
int err_merge(struct err *into, const struct err *from);

/* 1 when e names field (first or further error); 0 for NULL or "". */
int err_names(const struct err *e, const char *field);

/* 1 for a refusal answered alone: SPIRE_EFORBIDDEN, SPIRE_ENOTFOUND,
 * SPIRE_ECONFLICT (see err_gather). */
int err_is_refusal(int code);

/*
 * Gather the outcome of one check of a request (its detail in one, which
 * err_clear() or err_set() initialised) into e, where the request's
 * earlier checks left theirs, so that one answer names every validation
 * error of the request. The order of precedence:
 *   - a store or system failure (any code but those below) replaces e and
 *     stays: nothing gathered later changes it;
 *   - validation errors (SPIRE_EINVAL) are added to e's list, as
 *     err_merge does; a 403, 404 or 409 that e held is dropped for them;
 *   - a refusal (SPIRE_EFORBIDDEN, SPIRE_ENOTFOUND, SPIRE_ECONFLICT) is
 *     kept only while e holds no error: it is answered alone, and only
 *     when the request has no validation error.
 * Returns e->code.
 */
int err_gather(struct err *e, const struct err *one);

/*
 * Gather a validation error (SPIRE_EINVAL naming field, printf message)
 * into e under err_gather's rules. Returns e->code.
 */
int err_rule(struct err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The number of errors e holds: 0, or 1 + e->n_more. */
size_t err_count(const struct err *e);

/*
 * Name the field of e as an item of a list in the request: "due_date"
 * becomes "tasks[0].due_date" (list "tasks", index 0), no field becomes
 * "tasks[0]". Returns e->code.
 */
int err_in_list(struct err *e, const char *list, size_t index);

/* The HTTP status for an error code. */
int err_http_status(int code);

/* A message for people when nothing more is known about an error code
 * ("Sign in to continue"). */
const char *err_text(int code);

/* A stable machine-readable slug for an error code ("validation", ...). */
const char *err_slug(int code);

#endif

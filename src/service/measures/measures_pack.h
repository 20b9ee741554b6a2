/*
 * measures_pack.h - the board pack for a financial quarter: every measure
 * for that quarter and the three before it, suppressed (it leaves Spire),
 * as JSON (the printable page) or an XLSX workbook with a sheet and a
 * chart per measure. docs/measures.md, "The board pack".
 */
#ifndef SPIRE_MEASURES_PACK_H
#define SPIRE_MEASURES_PACK_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "service/ctx.h"
#include "service/measures/measures.h"

/* A chosen financial quarter (ISO dates, inclusive). */
struct pack_quarter {
	int fy, q;      /* the year starting in April of fy; quarter 1-4 */
	char label[16]; /* "2025/26 Q2" */
	char from[11], to[11];
	char year_from[11]; /* the first day of the quarter three before */
	char today[11];     /* the UK civil date it was made on */
	int incomplete;     /* the quarter is not over */
};

/*
 * Parse quarter ("2025/26 Q2": the financial year and quarter 1-4; NULL
 * for the last quarter that is over, by the UK civil date) into *out.
 * SPIRE_EINVAL naming `quarter` when it is malformed or has not begun.
 */
int measures_pack_quarter(const char *quarter, struct pack_quarter *out,
                          struct err *e);

/*
 * The pack for pq over db (with rd, computed at once on more connections:
 * measures_compute_many_at; NULL: db alone) as a new JSON object in *out
 * (caller owns):
 * quarter, from, to, year_from, incomplete, generated_on, suppression and
 * measures[] (each as measures_compute() gives it, from year_from to the
 * quarter's end by quarter, suppressed; the chosen quarter is the last
 * period). forms and pop may be empty.
 */
int measures_pack(struct db *db, const struct measures_readers *rd,
                  const struct pack_quarter *pq, const struct forms *forms,
                  const struct population *pop, json_t **out, struct err *e);

/* The pack for the signed-in user (managers and analysts: the router
 * checks), for quarter as measures_pack_quarter() takes it. */
int measures_pack_get(struct ctx *ctx, const char *quarter, json_t **out,
                      struct err *e);

/*
 * Write pack (from measures_pack) as an XLSX workbook: a contents sheet,
 * then a sheet per measure named by its title (plain English), with the
 * figures of each quarter and the year, withheld counts as "[c]", and a
 * chart of the quarters' values. *buf (free()) holds *len bytes.
 */
int measures_pack_xlsx(const json_t *pack, char **buf, size_t *len,
                       struct err *e);

#endif

/*
 * yj_board.h - youth justice management board meetings: the date, and
 * for each partner agency whether it attended, at a senior level, and
 * whether it contributed data on disproportionality (KPI 7). Not
 * personal records: managers of the youth justice service keep them,
 * analysts may read them.
 */
#ifndef SPIRE_SERVICE_YJ_BOARD_H
#define SPIRE_SERVICE_YJ_BOARD_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

/*
 * Board meetings, read through records_get; the functions below are its
 * list and ops (res is YJ_BOARD), from which its routes are derived. A
 * record carries "attendance": [{agency, attended, senior,
 * disproportionality_data}].
 */
extern const struct resource YJ_BOARD;

/*
 * Record a meeting {meeting_date, title, notes?, attendance?: [{agency,
 * attended, senior?, disproportionality_data?}]}: youth justice managers
 * only; each agency at most once; senior needs attended. One write.
 * *duplicates is always NULL.
 */
int yj_board_create(struct ctx *ctx, const struct resource *res,
                    const json_t *body, json_t **out, json_t **duplicates,
                    struct err *e);

/* Change a meeting (body carries version); given attendance replaces the
 * current rows (the old ones stay, marked removed). */
int yj_board_update(struct ctx *ctx, const struct resource *res, int64_t id,
                    const json_t *body, json_t **out, json_t **duplicates,
                    struct err *e);

/* Close (entered in error); body {version, reason}. */
int yj_board_close(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, json_t **out, struct err *e);

/* Meetings dated q->from..q->to (NULL: open-ended; SPIRE_EINVAL naming
 * "from" or "to" when not a real date), newest first, as a page. */
int yj_board_list(struct ctx *ctx, const struct resource *res,
                  const struct records_query *q, json_t **out, struct err *e);

#endif

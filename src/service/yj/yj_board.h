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

/* Board meetings for yj_board_get (read, audited). A record carries
 * "attendance": [{agency, attended, senior, disproportionality_data}]. */
extern const struct resource YJ_BOARD;

int yj_board_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * Record a meeting {meeting_date, title, notes?, attendance?: [{agency,
 * attended, senior?, disproportionality_data?}]}: youth justice managers
 * only; each agency at most once; senior needs attended. One write.
 */
int yj_board_create(struct ctx *ctx, const json_t *body, json_t **out,
                    struct err *e);

/* Change a meeting (body carries version); given attendance replaces the
 * current rows (the old ones stay, marked removed). */
int yj_board_update(struct ctx *ctx, int64_t id, const json_t *body,
                    json_t **out, struct err *e);

/* Close (entered in error); body {version, reason}. */
int yj_board_close(struct ctx *ctx, int64_t id, const json_t *body,
                   json_t **out, struct err *e);

/* Meetings dated from..to (NULL: open-ended), newest first, as a page. */
int yj_board_list(struct ctx *ctx, const char *from, const char *to,
                  int include_closed, int64_t limit, int64_t offset,
                  json_t **out, struct err *e);

#endif

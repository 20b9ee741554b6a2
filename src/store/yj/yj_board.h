/*
 * yj_board.h - SQL for management board meetings and the attendance of
 * each partner agency (KPI 7). Not personal records.
 *
 * Not for rules: see service/yj/yj_board.c.
 */
#ifndef SPIRE_STORE_YJ_BOARD_H
#define SPIRE_STORE_YJ_BOARD_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in yj_board.c. */
extern const struct field YJ_BOARD_FIELDS[];
extern const size_t YJ_BOARD_N_FIELDS;
extern struct record_table YJ_BOARD_TABLE;

/* A record read through YJ_BOARD_TABLE also carries "attendance": JSON
 * text of [{agency, attended, senior, disproportionality_data}]. */

/* The attendance of meeting meeting_id, in the order it was written: a
 * new array in *out (caller owns) of {agency, attended, senior,
 * disproportionality_data}, the last three booleans. */
int store_yj_board_attendance(struct db *db, int64_t meeting_id, json_t **out,
                              struct err *e);

/* Meetings (closed ones only with include_closed), newest first, dated
 * from..to (either NULL: open-ended), as a new array (caller owns). */
int store_yj_board_list(struct db *db, const char *from, const char *to,
                        int include_closed, int64_t limit, int64_t offset,
                        json_t **out, struct err *e);

/* Mark the current attendance rows of meeting_id removed at `at`. */
int store_yj_board_attendance_clear(struct db *db, int64_t meeting_id,
                                    const char *at, struct err *e);

/* Add one attendance row. */
int store_yj_board_attendance_add(struct db *db, int64_t meeting_id,
                                  const char *agency, int attended, int senior,
                                  int disproportionality_data, const char *at,
                                  struct err *e);

#endif

/*
 * yj_assessments.h - SQL for assessment results (AssetPlus judgements and
 * the prevention and diversion assessment form): the shared record
 * operations and lists.
 *
 * Not for rules: see service/yj/yj_assessments.c.
 */
#ifndef SPIRE_STORE_YJ_ASSESSMENTS_H
#define SPIRE_STORE_YJ_ASSESSMENTS_H

#include <jansson.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters in
 * yj_assessments.c. */
extern const struct field YJ_ASSESSMENTS_FIELDS[];
extern struct record_table YJ_ASSESSMENTS_TABLE;

/* Assessments matching q, newest first, as a new array (caller owns). */
int store_yj_assessments_list(struct db *db, const struct yj_list_query *q,
                              json_t **out, struct err *e);

#endif

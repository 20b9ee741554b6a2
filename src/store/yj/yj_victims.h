/*
 * yj_victims.h - SQL for victim records: a victim (a person in Spire) of
 * a child's offence, and the work with them (consent to contact,
 * restorative justice, information, support).
 *
 * Not for rules: see service/yj/yj_victims.c.
 */
#ifndef SPIRE_STORE_YJ_VICTIMS_H
#define SPIRE_STORE_YJ_VICTIMS_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters in yj_victims.c. */
extern const struct field YJ_VICTIMS_FIELDS[];
extern struct record_table YJ_VICTIMS_TABLE;

/* A record read through YJ_VICTIMS_TABLE also carries the victim's
 * given_name and family_name. */

/* Victim records matching q, newest first, as a new array. */
int store_yj_victims_list(struct db *db, const struct yj_list_query *q,
                          json_t **out, struct err *e);

/* The id of the open record of victim_id on offence_id, other than
 * except_id, in *id (0 when none). */
int store_yj_victims_find(struct db *db, int64_t offence_id, int64_t victim_id,
                          int64_t except_id, int64_t *id, struct err *e);

#endif

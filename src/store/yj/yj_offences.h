/*
 * yj_offences.h - SQL for offences (what a child did: date, category,
 * gravity score): the shared record operations, lists, and the look-up
 * other youth justice records use to name an offence.
 *
 * Not for rules: what a valid offence is lives in service/yj/yj_offences.c.
 */
#ifndef SPIRE_STORE_YJ_OFFENCES_H
#define SPIRE_STORE_YJ_OFFENCES_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/yj/yj_list.h"

/* Field order here is the order of the SQL parameters in yj_offences.c. */
extern const struct field YJ_OFFENCES_FIELDS[];
extern struct record_table YJ_OFFENCES_TABLE;

/*
 * A record read through YJ_OFFENCES_TABLE also carries "victims": JSON
 * text of [{id, victim_id, given_name, family_name}] (the open victim
 * records) and "outcome_ids": JSON text of the outcomes that disposed of
 * it.
 */

/* Offences matching q, newest first, as a new array (caller owns). */
int store_yj_offences_list(struct db *db, const struct yj_list_query *q,
                           json_t **out, struct err *e);

/* Look up offence id; SPIRE_ENOTFOUND when there is none. */
int store_yj_offence_ref(struct db *db, int64_t id, struct yj_ref *out,
                         struct err *e);

/*
 * The open outcomes linked to offence_id that have no other open offence
 * linked, as [{id, outcome_type}] ordered by id (*out, caller owns).
 */
int store_yj_offence_sole_outcomes(struct db *db, int64_t offence_id,
                                   json_t **out, struct err *e);

/* The open victim records of offence_id as [{id, victim_id, given_name,
 * family_name}] by id; the ids of its open outcomes (links not removed)
 * as [id, ...] ascending. *out is a new array (caller owns). */
int store_yj_offence_victims(struct db *db, int64_t offence_id, json_t **out,
                             struct err *e);
int store_yj_offence_outcome_ids(struct db *db, int64_t offence_id,
                                 json_t **out, struct err *e);

#endif

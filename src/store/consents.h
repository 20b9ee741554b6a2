/*
 * consents.h - SQL for consent and information-sharing records: what a
 * person agreed may be shared with which agency, on what lawful basis,
 * given by whom and when. Withdrawal closes the record (status
 * 'withdrawn'); nothing is deleted.
 */
#ifndef SPIRE_STORE_CONSENTS_H
#define SPIRE_STORE_CONSENTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in consents.c. */
extern const struct field CONSENTS_FIELDS[];
extern const size_t CONSENTS_N_FIELDS;
extern const struct record_sql CONSENTS_SQL;

/*
 * A person's consents, active ones first, then by given_on newest first;
 * withdrawn ones are included with their status. Each row as the get SQL
 * returns it (with recorded_by_name and withdrawn_by_name).
 */
int store_consents_list(struct db *db, int64_t person_id, int64_t limit,
                        int64_t offset, json_t **out, struct err *e);

#endif

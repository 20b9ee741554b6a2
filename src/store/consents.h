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
extern struct record_table CONSENTS_TABLE;

/* A person's consents are listed by record_list(..., "person_id", ...):
 * active ones first, then by given_on newest first; withdrawn ones are
 * included (include_closed) with their status. */

#endif

/*
 * people.h - SQL for person records: the shared record operations, name
 * search (FTS5, accent- and case-insensitive, prefix) and duplicate
 * detection.
 */
#ifndef SPIRE_STORE_PEOPLE_H
#define SPIRE_STORE_PEOPLE_H

#include <jansson.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in people.c. */
extern const struct field PEOPLE_FIELDS[];
extern const size_t PEOPLE_N_FIELDS;
extern struct record_table PEOPLE_TABLE;

struct people_query {
	const char *fts;        /* FTS5 match expression, or NULL */
	const char *dob;        /* exact date of birth, or NULL */
	const char *identifier; /* local id, UPN, NHS number or PNC id */
	int include_closed;
	int64_t limit, offset;
};

/*
 * Bring every person's stored name key and identifiers to the one form
 * Spire compares them in (core/names.h name_key, core/validate.h
 * norm_identifier and norm_pnc_id), in pages of 500 rows: the fill step of
 * migration 6, inside its transaction. Returns 0 or a SPIRE_E* code.
 */
int store_people_normalise(struct db *db, struct err *e);

/*
 * Fold every person's name again as core/names.h folds it now: name_key
 * (the duplicate check's) and name_words (the name search's): folded in
 * C a page of 500 people at a time into the temporary table people_refold
 * (one multi-row INSERT a page), then written with one UPDATE ... FROM, so
 * that PostgreSQL takes no round trip per person; a name that folds to
 * nothing gets a NULL name_key and an empty name_words, as before. The
 * fill step of migration 21, inside its transaction, on every store.
 * Returns 0 or a SPIRE_E* code (SPIRE_ENOMEM when the page cannot be
 * allocated).
 */
int store_people_refold(struct db *db, struct err *e);

/* The number of person records, open or closed, in *n. */
int store_people_count(struct db *db, int64_t *n, struct err *e);

/* Summaries {id, given_name, family_name, preferred_name, date_of_birth,
 * sex, postcode, closed_at} matching q, by family then given name. */
int store_people_search(struct db *db, const struct people_query *q,
                        json_t **out, struct err *e);

/*
 * The people who may be rec's duplicates, excluding exclude_id and closed
 * records: everyone with rec's date of birth, and anyone with one of its
 * identifiers (local ID, UPN, NHS number, PNC ID); at most 200 summaries,
 * each with its name_key and same_identifier (1 or 0). Whose name is near
 * enough is the service's rule (people.c, core/names.h name_near).
 */
int store_people_duplicates(struct db *db, const json_t *rec,
                            int64_t exclude_id, json_t **out, struct err *e);

#endif

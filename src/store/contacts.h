/*
 * contacts.h - SQL for contacts (dated contacts on a case) and who
 * attended them: the shared record operations, a case's contacts newest
 * first, attendee rows and the look-ups attendee checks need.
 *
 * Not for rules: what a valid contact is lives in service/contacts.c.
 */
#ifndef SPIRE_STORE_CONTACTS_H
#define SPIRE_STORE_CONTACTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in contacts.c. */
extern const struct field CONTACTS_FIELDS[];
extern const size_t CONTACTS_N_FIELDS;
extern struct record_table CONTACTS_TABLE;

/*
 * A record read through CONTACTS_TABLE (get, or its list by case_id,
 * newest first) also carries person_id (the case's child) and
 * created_by_name; its attendees are read apart
 * (store_contacts_attendees), which both stores read alike.
 */

/*
 * The current attendees of contact_id as a new object in *out (caller
 * owns): {"people": [{id, given_name, family_name}], "practitioners":
 * [{id, full_name}]}, each in the order they were added; empty arrays for
 * a contact with none (or no such contact).
 */
int store_contacts_attendees(struct db *db, int64_t contact_id, json_t **out,
                             struct err *e);

/* Record that person_id (or user_id; the other 0) attended contact_id. */
int store_contacts_attendee_add(struct db *db, int64_t contact_id,
                                int64_t person_id, int64_t user_id,
                                const char *at, struct err *e);

/* Mark every current attendee of contact_id as removed at `at` (the rows
 * stay). */
int store_contacts_attendees_remove(struct db *db, int64_t contact_id,
                                    const char *at, struct err *e);

enum attendee_state {
	ATTENDEE_NONE = 0,      /* no such person or user */
	ATTENDEE_OK = 1,        /* an open person record / enabled staff user */
	ATTENDEE_CLOSED = 2,    /* person closed / user disabled */
	ATTENDEE_NOT_STAFF = 3, /* a parent's account, not a practitioner */
};

/* The state of person id as a possible attendee. */
int store_contacts_person_state(struct db *db, int64_t id,
                                enum attendee_state *out, struct err *e);

/* The state of user id as a possible practitioner attendee. */
int store_contacts_user_state(struct db *db, int64_t id,
                              enum attendee_state *out, struct err *e);

#endif

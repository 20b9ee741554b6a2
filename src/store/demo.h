/*
 * demo.h - bulk inserts for the synthetic demo data set (spire demo).
 *
 * The generator (service/demo.c) decides what to insert; these functions
 * only run prepared INSERTs, all inside the caller's one transaction, so
 * that a 100,000-child data set loads in seconds. They skip the record
 * layer's history and validation on purpose: the generator's values are
 * valid by construction. Not for any request path.
 */
#ifndef SPIRE_STORE_DEMO_H
#define SPIRE_STORE_DEMO_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Ids of 0 and NULL strings are stored as SQL NULL. */
struct demo_person {
	const char *given_name, *family_name, *preferred_name;
	const char *date_of_birth, *sex, *ethnicity, *first_language;
	const char *religion, *send, *address, *postcode, *phone, *email;
	const char *local_id, *nhs_number, *alerts; /* alerts: JSON array */
	int interpreter_needed, disability;
	int64_t owner_team_id;
	int64_t created_by;
};

struct demo_member {
	int64_t family_id, person_id, child_id;
	const char *member_type, *relationship;
	int parental_responsibility, in_household, wider_network;
	int64_t created_by;
};

struct demo_case {
	int64_t person_id, service_id, team_id, worker_id, family_id;
	const char *start_date, *end_date, *reason, *closure_reason;
	int closed; /* status 'closed' (closure fields set) */
	int64_t created_by;
};

struct demo_contact {
	int64_t case_id;
	const char *contact_date, *contact_type, *summary;
	int joint;
	int64_t created_by;
};

struct demo_task {
	int64_t case_id, owner_id, team_id;
	const char *title, *details, *due_date, *done_at; /* done_at: done */
	int64_t created_by;
};

struct demo_consent {
	int64_t person_id;
	const char *agency, *purpose, *lawful_basis, *given_by, *given_on;
	int withdrawn;
	int64_t created_by;
};

/*
 * Ready db for a bulk load: a page cache large enough that a 100,000-child
 * load does not spill and re-read pages. Lasts for the connection.
 */
int store_demo_bulk_mode(struct db *db, struct err *e);

/* The number of person records in the store. */
int store_demo_count_people(struct db *db, int64_t *n, struct err *e);

/* Each inserts one row created at `at`; *id receives the new id. */
int store_demo_person(struct db *db, const struct demo_person *p,
                      const char *at, int64_t *id, struct err *e);
int store_demo_family(struct db *db, const char *name, int64_t owner_team_id,
                      int64_t created_by, const char *at, int64_t *id,
                      struct err *e);
int store_demo_member(struct db *db, const struct demo_member *m,
                      const char *at, struct err *e);
int store_demo_case(struct db *db, const struct demo_case *c, const char *at,
                    int64_t *id, struct err *e);
int store_demo_contact(struct db *db, const struct demo_contact *c,
                       const char *at, int64_t *id, struct err *e);
/* One attendee: a person (user_id 0) or a practitioner (person_id 0). */
int store_demo_attendee(struct db *db, int64_t contact_id, int64_t person_id,
                        int64_t user_id, const char *at, struct err *e);
int store_demo_task(struct db *db, const struct demo_task *t, const char *at,
                    struct err *e);
int store_demo_consent(struct db *db, const struct demo_consent *c,
                       const char *at, struct err *e);

#endif

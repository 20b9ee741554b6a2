/*
 * write.h - how the demo generator writes its rows: through the store
 * functions the product itself uses for each kind of record, never with
 * SQL of its own. A record is given as the JSON body a practitioner's
 * form would send to the API; the resource's own field table validates
 * and normalises it (fields_apply, as the API does), the values Spire
 * sets itself (server-owned fields such as a person's name key or a
 * youth justice record's child) are added as the services add them, and
 * record_insert writes it with the resource's SQL.
 *
 * Not for request paths: no access checks, no audit rows (the demo load
 * writes one), and the domain rules the services check are the
 * generator's to keep.
 */
#ifndef SPIRE_DEMO_WRITE_H
#define SPIRE_DEMO_WRITE_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "service/records.h"
#include "store/db.h"

/* Where and when the demo writes: one store transaction's connection. */
struct demo_write {
	struct db *db;
	struct err *e;
	const char *at; /* the creation time of every row */
};

/*
 * Insert one record of res made from body (a JSON object as the API takes
 * it; stolen, may be NULL when building it ran out of memory) and server
 * (server-owned field values, stolen, may be NULL), created by user_id (0:
 * nobody); *id receives the new id (id may be NULL). A body the field
 * table refuses is a fault of the generator: SPIRE_EINVAL naming the
 * field, the message saying which kind of record. Returns 0 or a SPIRE_E*
 * code, detail in w->e.
 */
int demo_insert(const struct demo_write *w, const struct resource *res,
                json_t *body, json_t *server, int64_t user_id, int64_t *id);

/*
 * Close record id of res (at version 1, just inserted) with reason, as
 * user_id, through record_close: the open row goes to history first, as
 * when a practitioner closes it. Returns 0 or a SPIRE_E* code.
 */
int demo_close(const struct demo_write *w, const struct resource *res,
               int64_t id, const char *reason, int64_t user_id);

/*
 * A person as the demo makes one; NULL texts are not given. Written as the
 * people service writes a new record: the body through PEOPLE's fields,
 * then the owning team and the folded name it compares for duplicates
 * (core/names.h name_key) as server-owned values.
 */
struct demo_person {
	const char *given_name, *family_name;
	const char *date_of_birth, *sex, *ethnicity, *first_language;
	const char *religion, *send, *address, *postcode, *phone, *email;
	const char *local_id, *nhs_number;
	const char *alert; /* one alert, or NULL for none */
	int interpreter_needed, disability;
	int64_t owner_team_id;
	int64_t created_by;
};

/* Insert person p; *id receives the new id. 0 or a SPIRE_E* code. */
int demo_insert_person(const struct demo_write *w, const struct demo_person *p,
                       int64_t *id);

/* The start date of case id as days since 1970-01-01 (0: none).
 * Returns 0 or a SPIRE_E* code. */
int demo_case_start(const struct demo_write *w, int64_t id, int64_t *start);

/* A reference for a body: 0 is null (none). New reference. */
json_t *demo_id(int64_t id);

/* A yes/no/not known value for a body: v < 0 is null (not known). New
 * reference. */
json_t *demo_flag(int v);

#endif

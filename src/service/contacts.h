/*
 * contacts.h - dated contacts on a case (visits, calls, sessions,
 * meetings): who attended, whether joint, the summary, and the follow-up
 * tasks raised, written together in one transaction.
 */
#ifndef SPIRE_SERVICE_CONTACTS_H
#define SPIRE_SERVICE_CONTACTS_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource CONTACTS;

/* Read contact id (audited) with its attendees (names) and its tasks. */
int contacts_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * Record a contact {case_id, contact_date, contact_type, joint, summary,
 * attendees: {people: [person ids], practitioners: [user ids]}, tasks:
 * [{title, due_date, owner_id?, details?}]}. The user must be able to
 * change the case. Attendee people must exist (and be open to the user),
 * practitioners must be enabled staff; tasks go to the case's team. The
 * contact, attendees and tasks are stored in one transaction, or nothing
 * is: any invalid part is SPIRE_EINVAL naming it ("attendees.people[1]",
 * "tasks[0].due_date"). *out as contacts_get returns it.
 */
int contacts_create(struct ctx *ctx, const json_t *body, json_t **out,
                    struct err *e);

/*
 * Correct a contact {version, summary?, contact_type?, contact_date?,
 * joint?, attendees?}; given attendees replace the current ones (the old
 * list stays in history and in the attendee rows, marked removed).
 */
int contacts_update(struct ctx *ctx, int64_t id, const json_t *body,
                    json_t **out, struct err *e);

/* Mark a contact entered in error; body {version, reason}. */
int contacts_close(struct ctx *ctx, int64_t id, const json_t *body,
                   json_t **out, struct err *e);

/*
 * A case's contacts, newest first (those entered in error only with
 * include_closed), each with its attendees; the case is policy-checked
 * and each contact shown is audited. *out is a page object.
 */
int contacts_list(struct ctx *ctx, int64_t case_id, int include_closed,
                  int64_t limit, int64_t offset, json_t **out, struct err *e);

#endif

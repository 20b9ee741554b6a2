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

/*
 * Contacts: read through records_get with their attendees (names) and
 * tasks, a case's listed through records_list (newest first, those
 * entered in error only with include_closed, each shown audited); the
 * functions below are its ops (res is CONTACTS, *duplicates always NULL),
 * and its routes are derived from this descriptor.
 */
extern const struct resource CONTACTS;

/*
 * Record a contact {case_id, contact_date, contact_type, joint, summary,
 * attendees: {people: [person ids], practitioners: [user ids]}, tasks:
 * [{title, due_date, owner_id?, details?}]}. The user must be able to
 * change the case. Attendee people must exist (and be open to the user),
 * practitioners must be enabled staff; tasks go to the case's team. The
 * contact, attendees and tasks are stored in one transaction, or nothing
 * is: any invalid part is SPIRE_EINVAL naming it ("attendees.people[1]",
 * "tasks[0].due_date"). *out as records_get returns it.
 */
int contacts_create(struct ctx *ctx, const struct resource *res,
                    const json_t *body, json_t **out, json_t **duplicates,
                    struct err *e);

/*
 * Correct a contact {version, summary?, contact_type?, contact_date?,
 * joint?, attendees?}; given attendees replace the current ones (the old
 * list stays in history and in the attendee rows, marked removed).
 */
int contacts_update(struct ctx *ctx, const struct resource *res, int64_t id,
                    const json_t *body, json_t **out, json_t **duplicates,
                    struct err *e);

/* Mark a contact entered in error; body {version, reason}. */
int contacts_close(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, json_t **out, struct err *e);

#endif

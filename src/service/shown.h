/*
 * shown.h - auditing every person an answer shows. The router runs this
 * on each JSON answer before it is sent, so no handler can forget a person
 * shown beside the record it was asked for: a victim on an offence, the
 * attendees of a contact, the child on a task, the people in any list.
 *
 * Not for deciding who may see what (policy.c) or for the rows a service
 * writes about its own record (ctx_audit in each service).
 */
#ifndef SPIRE_SHOWN_H
#define SPIRE_SHOWN_H

#include <jansson.h>
#include <stdint.h>

#include "service/ctx.h"

/*
 * Walk value and queue one audit row (action "shown", record (type, id),
 * detail) about each person it shows that the request has not already
 * audited. A person is shown by an object carrying a name (given_name,
 * family_name, child_name or parent_name): the person is its victim_id
 * and person_id when present, else its own id; and beside any object by
 * child_id, kept_id, merged_id or owner_person_id (a support's child, a
 * merge's sides, a family plan action's owner), named or not. detail
 * must outlive the request. SPIRE_ENOMEM when a row cannot be queued.
 */
int shown_audit(struct ctx *ctx, const json_t *value, const char *type,
                int64_t id, const char *detail, struct err *e);

#endif

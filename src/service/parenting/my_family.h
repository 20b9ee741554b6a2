/*
 * my_family.h - a parent's own page (docs/parenting.md, "The parent's own
 * page").
 */
#ifndef SPIRE_MY_FAMILY_H
#define SPIRE_MY_FAMILY_H

#include <jansson.h>

#include "core/err.h"
#include "service/ctx.h"

/*
 * The family of the signed-in parent account (ROLE_PARENT with a person):
 * *out is a new object {family: {id, name}, person_id, members: [{person_id,
 * given_name, family_name, preferred_name, member_type, relationship}],
 * plan (the open One Family, One Plan with `actions` and `reviews`, or
 * null), steps_to_change (as GET /api/v1/families/{id}/steps-to-change
 * answers, or null), next_session ({session_date, session_type, topic,
 * worker_name} of the parent's own support, or null), read_only (true)}.
 * Only the account's own family: SPIRE_EFORBIDDEN for any other role or
 * a person who is a child member of a family; SPIRE_ENOTFOUND for an
 * account not tied to a person or a person in no family. Every record read is
 * audited against the parent.
 */
int parenting_my_family(struct ctx *ctx, json_t **out, struct err *e);

#endif

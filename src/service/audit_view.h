/*
 * audit_view.h - reading the audit trail: "who looked at this child" and
 * "what did this user look at". Writing the trail is the writer's job
 * (store/writer.c); this is only for people who oversee it.
 */
#ifndef SPIRE_AUDIT_VIEW_H
#define SPIRE_AUDIT_VIEW_H

#include <jansson.h>
#include <stdint.h>

#include "service/ctx.h"

struct audit_query {
	int64_t person_id; /* entries about this person, or 0 */
	int64_t user_id;   /* entries by this user, or 0 */
	int64_t before;    /* cursor: entries older than this seq, or 0 */
	int64_t limit, offset;
};

/*
 * The audit entries about q->person_id and/or by q->user_id (at least one
 * must be set; both: what that user did about that person), newest first,
 * as a page object {items, limit, offset, has_more, next_cursor}; caller
 * owns *out. next_cursor is the seq to pass as `before` for the next page
 * (null on the last): unlike offset it does not shift as rows are added,
 * this view's own row included. Managers see entries about people within
 * their service's scope (break glass applies, and refusals are audited)
 * and by users of their service; admins see any, as metadata only. The
 * view is itself audited (action "audit_view").
 */
int audit_view(struct ctx *ctx, const struct audit_query *q, json_t **out,
               struct err *e);

#endif

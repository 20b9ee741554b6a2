/*
 * audit_view.h - reading the audit trail: "who looked at this child" and
 * "what did this user look at". Writing the trail is the writer's job
 * (store/writer.c); this is only for people who oversee it.
 */
#ifndef SPIRE_AUDIT_VIEW_H
#define SPIRE_AUDIT_VIEW_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
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

/* The most rows a summary reads, an export writes, and its bytes. */
#define AUDIT_SUMMARY_MAX 20000
#define AUDIT_EXPORT_MAX 100000
#define AUDIT_EXPORT_BYTES ((size_t)64 << 20)

struct audit_range_query {
	int64_t person_id;     /* whose record (required) */
	int64_t user_id;       /* only what this user did, or 0 */
	const char *from, *to; /* UK days "YYYY-MM-DD" (inclusive), or NULL;
	                        * checked by the caller */
};

/*
 * "Who viewed this record" at a glance: the rows about q->person_id (and
 * the records merged into theirs) grouped one per person per UK day, as
 * {items: [{day, user_id, name, username, role, role_label, break_glass,
 * reasons[], views, opened: [{what, count}], first_at, last_at}], partial,
 * max_rows}: break-glass groups first, then newest day, then name. partial
 * is true when more than max_rows rows matched (the oldest are left out).
 * Who may: as audit_view (the manager's own relation to the person, never
 * a break-glass reason). Audited as "audit_view". Caller owns *out.
 */
int audit_summary(struct ctx *ctx, const struct audit_range_query *q,
                  json_t **out, struct err *e);

/*
 * The raw trail of the same rows as CSV (UTF-8 with a byte-order mark,
 * CRLF, cells quoted by libcsv, formulas neutralised), newest first, at
 * most AUDIT_EXPORT_MAX rows: *csv (caller frees) of *len bytes. Audited
 * as "audit_export".
 */
int audit_export_csv(struct ctx *ctx, const struct audit_range_query *q,
                     char **csv, size_t *len, struct err *e);

/*
 * What an audit row's action did to its record, in practitioners' words
 * ("Opened the case", "Saw the contact in a list"), in arena a.
 */
const char *audit_what(struct arena *a, const char *action,
                       const char *record_type);

#endif

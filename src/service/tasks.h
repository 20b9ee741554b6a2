/*
 * tasks.h - tasks: due dates, an owner inside a team, done or cancelled;
 * "my tasks", "my team's overdue tasks" and a case's tasks. Follow-up
 * tasks raised at a contact are validated here and written by the
 * contact's transaction (service/contacts.c).
 */
#ifndef SPIRE_SERVICE_TASKS_H
#define SPIRE_SERVICE_TASKS_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"
#include "store/tasks.h"

extern const struct resource TASKS;

/* Read task id (audited); the reply carries "overdue". */
int tasks_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * Create a task {case_id?, title, details?, due_date, owner_id?,
 * team_id?}: the team defaults to the user's and must be one they may
 * hold work in; the owner defaults to the user and must be an enabled
 * member of that team; a case must be one the user may change.
 */
int tasks_create(struct ctx *ctx, const json_t *body, json_t **out,
                 struct err *e);

/* Change an open task (body carries version); same rules as create. */
int tasks_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

/* Mark an open task done; body {version}. */
int tasks_done(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
               struct err *e);

/*
 * Undo "mark as done": a done task (not cancelled) is open again, its done
 * version kept in the history; body {version} only (400 naming any other
 * field; 409 naming "status" when it is not done, "version" when stale).
 */
int tasks_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

/* Cancel an open task; body {version, reason}. */
int tasks_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                struct err *e);

struct tasks_filter {
	int mine;           /* owned by the user */
	int team;           /* held by the user's team */
	int64_t case_id;    /* on this case (policy-checked); 0: any */
	const char *status; /* open, done, cancelled or NULL for all */
	int overdue;        /* open and due before today (UTC) */
	int64_t limit, offset;
};

/*
 * Tasks matching f (at least one of mine, team, case_id), by due date,
 * inside the user's scope; each with "overdue" and the case's child name;
 * each shown is audited. *out is a page object.
 */
int tasks_list(struct ctx *ctx, const struct tasks_filter *f, json_t **out,
               struct err *e);

/*
 * The case that new work (a task, a contact) names in case_id: the user
 * must be allowed to change it (policy_reference) and it must be open.
 */
int tasks_open_case(struct ctx *ctx, int64_t case_id, struct case_ref *c,
                    struct err *e);

/*
 * Validate follow-up task number `index` of a contact on case c: {title,
 * due_date, owner_id?, details?}. The task goes to the case's team; the
 * owner defaults to the user, or the case's worker when the user is not in
 * that team. Errors name "tasks[index].field". *rec (caller owns) is ready
 * for record_insert once its contact_id is set.
 */
int tasks_followup(struct ctx *ctx, const json_t *item,
                   const struct case_ref *c, size_t index, json_t **rec,
                   struct err *e);

/*
 * The practitioners who may be added to case_id's work, as {items: [{id,
 * full_name, role, team_id, team_name, service_code, service_name,
 * case_team}]}: every enabled practitioner and manager of every service
 * (a contact's attendees, a task's owner, a report's author), the case's
 * own team first (case_team true). The router has checked the user may
 * read the case; the read is audited ("read" of case_practitioners about
 * the case's person).
 */
int tasks_practitioners(struct ctx *ctx, int64_t case_id, json_t **out,
                        struct err *e);

/* The tasks raised at contact_id, presented, read on db. */
int tasks_of_contact(struct db *db, int64_t contact_id, json_t **out,
                     struct err *e);

#endif

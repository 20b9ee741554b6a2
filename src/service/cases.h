/*
 * cases.h - cases: a child's involvement with a service (the service,
 * the team holding the case, the allocated worker, start and end, reason
 * and closure reason). A person may have several cases over time. Not for
 * the contacts and tasks recorded on a case.
 */
#ifndef SPIRE_SERVICE_CASES_H
#define SPIRE_SERVICE_CASES_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource CASES;

/*
 * Read case id (access already checked) with service_code, service_name,
 * team_name, worker_name and a "child" summary {id, given_name,
 * family_name, preferred_name, date_of_birth}. Audited.
 */
int cases_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * Whether merging people a and b would give one child two open cases of a
 * service that allows one (youth justice, docs/youth-justice-model.md,
 * "One open case"): SPIRE_ECONFLICT naming merged_id and both teams when
 * so (session 24's attack: a merge made two), else 0; or a store error.
 */
int cases_merge_clash(struct db *db, int64_t a, int64_t b, struct err *e);

/*
 * Open a case: body {service, person_id, team_id, worker_id, family_id,
 * start_date, end_date, reason}. service (a service code) must be one the
 * user's role opens cases in (policy_service) and the team one of that
 * service; reason is required. The user must be able to hold work in the
 * team (policy_team) and to change the person's record (write scope: a
 * break-glass reason does not count); the worker must be an active
 * caseworker of the team and the family one the child belongs to. *out
 * as for cases_get.
 */
int cases_create(struct ctx *ctx, const json_t *body, json_t **out,
                 struct err *e);

/* Change or reallocate (team_id, worker_id, family_id, reason, dates);
 * body carries version; the same rules as create. When the worker changes,
 * the open tasks the worker before holds on the case move to the worker
 * after, in the same write, each audited as an update of the task; body
 * "open_tasks": "keep" leaves them where they are ("move", the default).
 * They stay too when the case is left with nobody. The reply then says
 * what happened: "open_tasks": {"moved": n, "kept": n} (brief s22 FIX3: a
 * reallocated case's tasks stayed with the old worker, unsaid). */
int cases_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

/* Close: body {version, reason}; the status becomes "closed", the end
 * date today unless one was recorded, the closure reason is the reason. */
/* Reopen a closed case; body {version, reason} (records_reopen): its
 * status, end date and closure reason go back to what they were. */
int cases_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);
int cases_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                struct err *e);

struct cases_filter {
	int mine;           /* allocated to the user */
	int team;           /* held by the user's team */
	int64_t person_id;  /* 0: any */
	const char *status; /* "open", "closed" or NULL */
	int64_t limit, offset;
};

/*
 * The cases within the user's scope (practitioners: allocated to them or
 * their team; managers: their service) matching f, by child's name, as a
 * page {items, limit, offset, has_more}. Each item as for cases_get; each
 * is audited ("list").
 */
int cases_list(struct ctx *ctx, const struct cases_filter *f, json_t **out,
               struct err *e);

/*
 * The cases of person_id that ctx's user may read (policy_case_readable:
 * their own relation to the case, or this request's break-glass reason
 * for a case that is not sealed) as a new array of {id, service_code,
 * team_name, worker_name, status, start_date, end_date}, read on db
 * without audit: for a person's record that is being shown already. A
 * case the user may not read is left out without a trace, so that a
 * parent's sealed support is not listed to the child's officer
 * (docs/access.md, "Break glass"). 0 or a store error.
 */
int cases_of_person(struct ctx *ctx, struct db *db, int64_t person_id,
                    json_t **out, struct err *e);

/* cases_of_person written to out as JSON text, byte for byte as
 * core/json_text.h writes cases_of_person's array. */
struct buf;
int cases_of_person_text(struct ctx *ctx, struct db *db, int64_t person_id,
                         struct buf *out, struct err *e);

#endif

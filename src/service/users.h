/*
 * users.h - accounts and teams: creating, listing, changing and disabling
 * users; teams inside services. Used by the API (admins) and the CLI.
 */
#ifndef SPIRE_SERVICE_USERS_H
#define SPIRE_SERVICE_USERS_H

#include <jansson.h>

#include "service/ctx.h"
#include "store/users.h"

/* 1 when u is a username Spire accepts: 3 to 64 of [a-z0-9._-]. */
int users_valid_username(const char *u);

struct user_spec {
	const char *username, *full_name, *role, *password;
	const char *team; /* CLI: team name (with service_code), or NULL */
	const char *service_code;
	int64_t team_id;   /* API: team id, 0 for none */
	int64_t person_id; /* refused: see users_create */
};

/*
 * Create a staff account after checking username (3-64 of [a-z0-9._-]),
 * role, team and password policy. *out is the stored user (no secrets).
 * Role parent and a person_id are refused (SPIRE_EINVAL naming the field):
 * a parent's account is made only by the parent, redeeming an invitation
 * from a practitioner who may see their record (parent_accounts.h), so
 * that an admin, who may not see families, cannot make an account that
 * reads one (security finding FINDING-6).
 */
int users_create(struct ctx *ctx, const struct user_spec *spec, json_t **out,
                 struct err *e);

/* Create from an API body {username, full_name, role, team_id, password}. */
int users_create_json(struct ctx *ctx, const json_t *body, json_t **out,
                      struct err *e);

/*
 * List users matching *f as a page object (caller owns *out). Admins (and
 * the command line) see every account; anyone else sees only the active
 * accounts of their own service, whatever f asks for, so that they can
 * pick an allocated worker or a contact's attendees.
 */
int users_list(struct ctx *ctx, const struct user_filter *f, int64_t limit,
               int64_t offset, json_t **out, struct err *e);

/* One account (no secrets), with "disabled"; no access check. */
int users_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * One account as ctx's user may see it: admins any account, everyone else
 * only their own (SPIRE_EFORBIDDEN otherwise).
 */
int users_show(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/* Change full_name, role, team_id, password (body carries version).
 * No role changes to or from parent, and no password set for a parent's
 * account (SPIRE_EINVAL naming the field): a parent resets their password
 * with a new invitation code (parent_accounts.h). */
int users_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

/* Disable (ends every session at once) or enable an account. body (NULL
 * from the CLI) is {"version": n}: a stale one is SPIRE_ECONFLICT, any
 * other key SPIRE_EINVAL naming it. An account already in that state is
 * answered unchanged, audited as a read. */
int users_set_disabled(struct ctx *ctx, int64_t id, int disabled,
                       const json_t *body, json_t **out, struct err *e);

/* Disable by username (CLI). */
int users_disable_by_name(struct ctx *ctx, const char *username, struct err *e);

int teams_list(struct ctx *ctx, int64_t service_id, json_t **out,
               struct err *e);
/* The services {id, code, name, opens_cases}: opens_cases says whether
 * ctx's user may open a case in it (policy_service). *out: caller owns. */
int services_list(struct ctx *ctx, json_t **out, struct err *e);

/* Create a team {service_id | service_code, name}. */
int teams_create(struct ctx *ctx, const json_t *body, json_t **out,
                 struct err *e);

/* Rename a team {version, name}. */
int teams_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

/*
 * The status of row's worker, from store WORKER_STATUS_COLUMNS, as the API
 * gives it: worker_disabled (a boolean) and worker_moved_to, the name of
 * the team they are in now when it is not team_id, the team of the case or
 * workload, and its service is one their role works in (an admin moved them
 * and they kept their cases); else null. A parent worker sitting in a youth
 * justice team who holds parents' cases in the parenting team has not
 * moved. A row without the columns is left alone.
 */
void users_worker_status(json_t *row, int64_t team_id);

#endif

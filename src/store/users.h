/*
 * users.h - SQL for staff and parent accounts, teams and services.
 * Password hashing and the rules about who may do what live in the
 * service layer (service/users.c, service/auth.c).
 */
#ifndef SPIRE_STORE_USERS_H
#define SPIRE_STORE_USERS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/*
 * What a case's or a workload's worker is now, for the staff who see the
 * worker's name (docs/team-week.md "A worker disabled or moved"): whether
 * their account is disabled (0 or 1), their role and their team now, with
 * its name and service. Service users_worker_status makes the API's fields
 * of them. Needs users u joined; join WORKER_STATUS_JOIN after it.
 */
#define WORKER_STATUS_COLUMNS                                                  \
	" CASE WHEN u.disabled_at IS NULL THEN 0 ELSE 1 END AS"                \
	" worker_disabled, u.role AS worker_role_now,"                         \
	" u.team_id AS worker_team_id, wt.name AS worker_team_name,"           \
	" wsv.code AS worker_team_service"
#define WORKER_STATUS_JOIN                                                     \
	" LEFT JOIN teams wt ON wt.id = u.team_id"                             \
	" LEFT JOIN services wsv ON wsv.id = wt.service_id"

struct user_new {
	const char *username, *full_name, *role, *password_hash;
	int64_t team_id;   /* 0: none */
	int64_t person_id; /* 0: none */
};

/* Insert a user; SPIRE_ECONFLICT when the username is taken. */
int store_users_insert(struct db *db, const struct user_new *u, const char *at,
                       int64_t *id, struct err *e);

/*
 * The account for sign-in: {id, username, full_name, role, team_id,
 * service_id, person_id, password_hash, disabled_at}. SPIRE_ENOTFOUND when
 * no such username. Caller owns *out.
 */
int store_users_by_username(struct db *db, const char *username, json_t **out,
                            struct err *e);

/* One user without the password hash, with team and service names. */
int store_users_get(struct db *db, int64_t id, json_t **out, struct err *e);

/* Which users store_users_list() returns; 0 means "any". */
struct user_filter {
	int64_t team_id;    /* only this team's users */
	int64_t service_id; /* only users of this service's teams */
	int enabled_only;   /* only accounts that are not disabled */
	int disabled_only;  /* only disabled accounts */
	const char *role;   /* only this role (its name), or NULL */
	const char *words;  /* only names or usernames holding it, or NULL */
};

/* Users matching f, ordered by name. No password hashes. */
int store_users_list(struct db *db, const struct user_filter *f, int64_t limit,
                     int64_t offset, json_t **out, struct err *e);

/* Change name, role, team of user id at version (ECONFLICT if stale). */
int store_users_update(struct db *db, int64_t id, int64_t version,
                       const char *full_name, const char *role, int64_t team_id,
                       const char *at, struct err *e);

/* The ids of the open cases allocated to user_id, in order, as a new
 * array (caller owns). */
int store_users_open_cases(struct db *db, int64_t user_id, json_t **out,
                           struct err *e);

/* The ids of the open tasks user_id owns that are live work: with no case
 * or on an open case, as a new array in *out. A task on a closed case is
 * not passed on until the case is reopened (service/tasks.c), so it does
 * not hold up a change of its owner's team or role: it stays with them and
 * its team, and is passed on once the case is reopened. */
int store_users_open_tasks(struct db *db, int64_t user_id, json_t **out,
                           struct err *e);

/*
 * The parent account tied to person_id (role parent), the oldest if
 * several: {id, username, disabled_at} in *out (caller owns), or NULL in
 * *out when the person has none. 0 either way, or a store failure.
 */
int store_users_parent_of(struct db *db, int64_t person_id, json_t **out,
                          struct err *e);

/*
 * Set both the username and the password hash of account id (a parent
 * redeeming an invitation): a new version. SPIRE_ECONFLICT naming
 * "username" when another account has that username.
 */
int store_users_set_login(struct db *db, int64_t id, const char *username,
                          const char *hash, const char *at, struct err *e);

/* Set a new password hash. */
int store_users_set_password(struct db *db, int64_t id, const char *hash,
                             const char *at, struct err *e);

/*
 * Replace the password hash old_hash with new_hash (the same password at
 * another cost), unless it has changed meanwhile; not a change of the
 * account (no new version). 0 either way.
 */
int store_users_rehash(struct db *db, int64_t id, const char *old_hash,
                       const char *new_hash, struct err *e);

/* Disable (or re-enable) the account at version (0: whichever it is; a
 * newer one is SPIRE_ECONFLICT); disabling ends its sessions. */
int store_users_set_disabled(struct db *db, int64_t id, int64_t version,
                             int disabled, const char *at, int64_t now,
                             struct err *e);

/* Teams with their service code and name; service_id 0 for all. */
int store_teams_list(struct db *db, int64_t service_id, json_t **out,
                     struct err *e);
int store_teams_get(struct db *db, int64_t id, json_t **out, struct err *e);
int store_teams_insert(struct db *db, int64_t service_id, const char *name,
                       const char *at, int64_t user_id, int64_t *id,
                       struct err *e);
int store_teams_rename(struct db *db, int64_t id, int64_t version,
                       const char *name, const char *at, int64_t user_id,
                       struct err *e);

/* Services as [{id, code, name}]. */
int store_services_list(struct db *db, json_t **out, struct err *e);

/* The id of the service with this code, or SPIRE_ENOTFOUND. */
int store_services_id(struct db *db, const char *code, int64_t *id,
                      struct err *e);

/* The id of the team named name in service code, or SPIRE_ENOTFOUND. */
int store_teams_find(struct db *db, const char *service_code, const char *name,
                     int64_t *id, struct err *e);

#endif

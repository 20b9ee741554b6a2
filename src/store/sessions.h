/*
 * sessions.h - SQL for sign-in sessions. Only the SHA-256 of a session
 * token is stored; the token itself exists only in the client.
 */
#ifndef SPIRE_STORE_SESSIONS_H
#define SPIRE_STORE_SESSIONS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define SESSION_HASH_LEN 32

int store_sessions_insert(struct db *db, const unsigned char *hash,
                          int64_t user_id, const char *csrf, int64_t now,
                          const char *ip, struct err *e);

/*
 * The live session for hash joined with its user: {user_id, username,
 * full_name, role, team_id, service_id, person_id, csrf_token, created_at,
 * last_seen, disabled_at}. SPIRE_ENOTFOUND when unknown or ended.
 */
int store_sessions_lookup(struct db *db, const unsigned char *hash,
                          json_t **out, struct err *e);

int store_sessions_touch(struct db *db, const unsigned char *hash, int64_t now,
                         struct err *e);

int store_sessions_end(struct db *db, const unsigned char *hash, int64_t now,
                       struct err *e);

/*
 * End every live session of user_id at now, except the one whose token
 * hash is keep (NULL: end them all). Run inside the writer's transaction
 * that changes the account (a new password).
 */
int store_sessions_end_user(struct db *db, int64_t user_id,
                            const unsigned char *keep, int64_t now,
                            struct err *e);

#endif

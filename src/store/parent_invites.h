/*
 * parent_invites.h - SQL for invitations to the parent portal (table
 * parent_invitations, migration 19). The store keeps a code's SHA-256 only;
 * making codes, expiry and who may issue one are the service's
 * (service/parent_accounts.c).
 */
#ifndef SPIRE_STORE_PARENT_INVITES_H
#define SPIRE_STORE_PARENT_INVITES_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/*
 * Revoke person_id's unused invitations (revoked_at = at), then insert a
 * new one with code_hash (hex text) expiring at the end of the UK civil
 * day expires_on ("YYYY-MM-DD"), issued by created_by. *id: the new row.
 */
int store_parent_invites_issue(struct db *db, int64_t person_id,
                               const char *code_hash, const char *expires_on,
                               const char *at, int64_t created_by, int64_t *id,
                               struct err *e);

/*
 * person_id's newest invitation still pending on today ("YYYY-MM-DD", the
 * UK civil date): not used, not revoked, expires_on on or after today.
 * {id, created_at, expires_on, created_by, created_by_name,
 * created_by_team_id} in *out
 * (caller owns), or NULL in *out when there is none. 0 either way, or a
 * store failure.
 */
int store_parent_invites_pending(struct db *db, int64_t person_id,
                                 const char *today, json_t **out,
                                 struct err *e);

/*
 * The invitation whose code has code_hash: {id, person_id, expires_on,
 * used_at, revoked_at} (caller owns *out); SPIRE_ENOTFOUND when none.
 */
int store_parent_invites_find(struct db *db, const char *code_hash,
                              json_t **out, struct err *e);

/*
 * Whether person_id is recorded as a child (member type "child") in an
 * open family (*child 1 or 0), and as an adult member with parental
 * responsibility in an open family (*parent 1 or 0). A parent portal
 * account is for a parent or carer, never the child of a family; a young
 * mother who is a child in her own mother's family and a parent in her own
 * is both (docs/parenting.md, "Parent accounts"). 0 or a SPIRE_E* code.
 */
int store_parent_invites_is_child(struct db *db, int64_t person_id, int *child,
                                  int *parent, struct err *e);

/*
 * Whether person_id's record is closed: *closed 1 or 0; SPIRE_ENOTFOUND
 * when there is no such person. Read inside the redemption's transaction,
 * so a record closed after its code was issued is never given an account.
 */
int store_parent_invites_person_closed(struct db *db, int64_t person_id,
                                       int *closed, struct err *e);

/*
 * Mark invitation id used at `at` by account user_id, provided it is
 * still unused and not revoked: SPIRE_ECONFLICT (field "code") otherwise,
 * so that two redemptions of one code cannot both succeed.
 */
int store_parent_invites_use(struct db *db, int64_t id, int64_t user_id,
                             const char *at, struct err *e);

#endif

/*
 * parent_accounts.h - how a parent gets an account on the parent portal
 * (docs/parenting.md "Parent accounts", docs/security.md): a practitioner
 * who may see the parent's record issues a one-time invitation code; the
 * parent redeems it on a public page, choosing their username and
 * password, and is signed in. Admins make staff accounts only
 * (service/users.c refuses role parent), so no one who cannot see a
 * family can open an account that reads it (FINDING-6).
 */
#ifndef SPIRE_SERVICE_PARENT_ACCOUNTS_H
#define SPIRE_SERVICE_PARENT_ACCOUNTS_H

#include <jansson.h>

#include "service/auth.h"
#include "service/ctx.h"

/* Days an invitation works for: until the end of the UK civil day this
 * many days after the day it is issued. */
#define PARENT_INVITE_DAYS 7

/*
 * Issue an invitation to the parent portal for person_id, whose record
 * ctx's user may change (the router's policy_record check on the route
 * with RK_PERSON and RF_WRITE: their scope by role, team and allocation).
 * Revokes the person's earlier unused codes. The code (16 characters of
 * Crockford's base 32, 80 random bits, shown as XXXX-XXXX-XXXX-XXXX) is in
 * *out once and never stored: the store keeps its SHA-256. *out (caller
 * owns): {id, person_id, code, expires_on, username, replaced}: username
 * is the person's existing parent account's, whose password redeeming
 * resets, or null when redeeming makes a new account; replaced is the
 * invitation that was still pending and no longer works ({id, created_at,
 * expires_on, created_by_name}), or null (docs/parenting.md: a second code
 * replaces the first, and says so). Audited as "invite".
 * SPIRE_ECONFLICT when the record is closed or the person's account is
 * disabled.
 */
int parent_accounts_invite(struct ctx *ctx, int64_t person_id, json_t **out,
                           struct err *e);

/*
 * Whether person_id (whose record ctx's user may read: the route's
 * RK_PERSON check) has a parent portal account or a pending invitation:
 * *out (caller owns) {person_id, account: {username, disabled} or null,
 * pending: {id, created_at, expires_on, created_by_name} or null}
 * (pending: not used, not revoked, not expired on today's UK date; the
 * code itself is never kept). Audited as a "read" of the
 * parent_invitation about the person.
 */
int parent_accounts_status(struct ctx *ctx, int64_t person_id, json_t **out,
                           struct err *e);

/*
 * Redeem an invitation: body {code, username, password} (public: no one
 * is signed in). Every field error comes back together (SPIRE_EINVAL):
 * the code wrong, used, revoked or expired (one message for each, so the
 * answer does not say which), the username (as for staff accounts) or
 * taken, the password against the policy (auth_password_policy). Each
 * wrong code counts against the client address (the sign-in address
 * limit, login_max_address_failures per login_window); over it,
 * SPIRE_ETHROTTLE before the code is looked at. On success, in one
 * transaction: the invitation used, the account made (role parent, tied
 * to the person, named as on their record) or, when the person has one,
 * its username and password set and its sessions ended; then the parent
 * is signed in (auth_open_session fills *out). Audited: "redeem",
 * "redeem_failed", "redeem_throttled".
 */
int parent_accounts_redeem(struct ctx *ctx, const json_t *body,
                           struct sign_in *out, struct err *e);

#endif

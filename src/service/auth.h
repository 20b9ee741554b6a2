/*
 * auth.h - passwords, sign-in, sessions.
 *
 * Passwords are hashed with argon2id (libsodium). A session token is 32
 * random bytes shown to the client once as hex; the store keeps only its
 * SHA-256. Sessions end after idle time, after an absolute lifetime, on
 * sign-out, when the account is disabled, or when an admin sets a new
 * password for it.
 */
#ifndef SPIRE_AUTH_H
#define SPIRE_AUTH_H

#include <jansson.h>
#include <sodium.h>

#include "service/ctx.h"

#define AUTH_TOKEN_LEN 65 /* 64 hex + NUL */
#define AUTH_HASH_MAX crypto_pwhash_STRBYTES

/*
 * Check a new password against the policy (password_policy.c): 12 to 256
 * characters; not containing the username; not a repetition
 * ("aaaaaaaaaaab", "abcabc..."); not a common password, nor one or two
 * dictionary words with digits or symbols added or letters swapped for
 * look-alikes ("Passw0rd!2026", "secretpassword1"), judged against
 * cracklib's word list, the English dictionary and John the Ripper's
 * breached-password list; not mostly a sequence ("abcd", "4321", "qwerty",
 * "q1w2e3r4"); and passing cracklib's FascistCheck. Returns 0, SPIRE_EINVAL
 * naming "password" with a message that starts with the field's name, or
 * SPIRE_EIO when a dictionary is not installed.
 */
int auth_password_policy(const char *username, const char *password,
                         struct err *e);

/* Hash password into out with argon2id (cost 0 interactive, 1 moderate). */
int auth_password_hash(const char *password, int cost, char out[AUTH_HASH_MAX],
                       struct err *e);

/*
 * Make srv->dummy_hash: an argon2id hash at srv->cfg.password_cost of a
 * random password, checked when a username is unknown so that refusing it
 * costs what refusing a wrong password costs. Call once at start-up, after
 * the configuration is final.
 */
int auth_prepare(struct server *srv, struct err *e);

struct sign_in {
	char token[AUTH_TOKEN_LEN];
	char csrf[AUTH_TOKEN_LEN];
	json_t *user; /* caller owns */
};

/*
 * Verify credentials and open a session. Wrong username or password ->
 * SPIRE_EAUTH with one message for both; too many recent attempts for the
 * account or the client address -> SPIRE_ETHROTTLE. Each attempt is
 * counted before the password is checked. Successes, failures and
 * refusals are audited. A password hash made at another password_cost is
 * made again at the configured one on success.
 */
int auth_sign_in(struct ctx *ctx, const char *username, const char *password,
                 struct sign_in *out, struct err *e);

/*
 * Open a session for the account username without a password, for a
 * caller that has just proved who it is another way (a parent redeeming
 * an invitation, parent_accounts.c): as auth_sign_in's success, audited
 * as "login". A disabled or unknown account -> SPIRE_EAUTH or
 * SPIRE_ENOTFOUND.
 */
int auth_open_session(struct ctx *ctx, const char *username,
                      struct sign_in *out, struct err *e);

/*
 * Resolve a bearer or cookie token into ctx->user. Expired, ended or
 * disabled sessions -> SPIRE_EAUTH.
 */
int auth_authenticate(struct ctx *ctx, const char *token, struct err *e);

/* End ctx's session. */
int auth_sign_out(struct ctx *ctx, struct err *e);

/* The signed-in user as JSON (no secrets). Caller owns. */
json_t *auth_user_json(const struct user *u);

#endif

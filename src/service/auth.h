/*
 * auth.h - passwords, sign-in, sessions.
 *
 * Passwords are hashed with argon2id (libsodium). A session token is 32
 * random bytes shown to the client once as hex; the store keeps only its
 * SHA-256. Sessions end after idle time, after an absolute lifetime, on
 * sign-out, or when the account is disabled.
 */
#ifndef SPIRE_AUTH_H
#define SPIRE_AUTH_H

#include <jansson.h>
#include <sodium.h>

#include "service/ctx.h"

#define AUTH_TOKEN_LEN 65 /* 64 hex + NUL */
#define AUTH_HASH_MAX crypto_pwhash_STRBYTES

/*
 * Check a new password against the policy: at least 12 characters, not one
 * of the commonly used passwords, not the username, not one repeated
 * character. SPIRE_EINVAL naming "password" otherwise.
 */
int auth_password_policy(const char *username, const char *password,
                         struct err *e);

/* Hash password into out with argon2id (cost 0 interactive, 1 moderate). */
int auth_password_hash(const char *password, int cost, char out[AUTH_HASH_MAX],
                       struct err *e);

struct sign_in {
	char token[AUTH_TOKEN_LEN];
	char csrf[AUTH_TOKEN_LEN];
	json_t *user; /* caller owns */
};

/*
 * Verify credentials and open a session. Wrong username or password ->
 * SPIRE_EAUTH with one message for both; too many recent failures for the
 * account or address -> SPIRE_ETHROTTLE. Successes and failures are
 * audited.
 */
int auth_sign_in(struct ctx *ctx, const char *username, const char *password,
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

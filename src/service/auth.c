/*
 * auth.c - password policy and hashing, sign-in and session checks.
 */
#include "service/auth.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "service/roles.h"
#include "service/throttle.h"
#include "store/sessions.h"
#include "store/users.h"

/* Commonly used passwords long enough to pass the length rule. */
static const char *const COMMON[] = {
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789012345",
    "1234567890qwerty",
    "qwertyuiop12",
    "qwertyuiopasdf",
    "qwertyuiopasdfghjkl",
    "qwerty123456",
    "qwertyqwerty",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "password1234!",
    "Password1234",
    "Password1234!",
    "Password123!",
    "Password12345",
    "P@ssw0rd1234",
    "p@ssw0rd1234",
    "passw0rd1234",
    "iloveyou1234",
    "iloveyouiloveyou",
    "letmein12345",
    "letmeinletmein",
    "welcome12345",
    "Welcome12345",
    "Welcome1234!",
    "welcomewelcome",
    "abcdefghijkl",
    "abcdefghijklm",
    "abcdef123456",
    "abc123abc123",
    "111111111111",
    "000000000000",
    "123123123123",
    "121212121212",
    "987654321098",
    "098765432109",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "zxcvbnm12345",
    "monkeymonkey",
    "football1234",
    "baseball1234",
    "liverpool123",
    "chelsea12345",
    "arsenal12345",
    "manchesterunited",
    "sunshine1234",
    "princess1234",
    "dragondragon",
    "trustno1trustno1",
    "changeme1234",
    "changemenow1",
    "administrator",
    "administrator1",
    "admin1234567",
    "adminadmin12",
    "superman1234",
    "batman123456",
    "starwars1234",
    "whatever1234",
    "computer1234",
    "internet1234",
    "michael12345",
    "jennifer1234",
    "summer2023!!",
    "summer2024!!",
    "winter2024!!",
    "spring2025!!",
    "coventry1234",
    "Coventry1234",
    "Coventry123!",
    "spire1234567",
    "correcthorsebatterystaple",
    "thisismypassword",
    "mypassword123",
    "secretpassword",
    "supersecret123",
    "qazwsxedcrfv",
    "1234qwerasdf",
    "q1w2e3r4t5y6",
    "a1b2c3d4e5f6",
    "aaaaaaaaaaaa",
    "passwordpass",
    NULL,
};

int
auth_password_policy(const char *username, const char *password, struct err *e)
{
	size_t n = strlen(password);
	if (n < 12)
		return err_set(e, SPIRE_EINVAL, "password",
		               "password must be at least 12 characters");
	if (n > 256)
		return err_set(e, SPIRE_EINVAL, "password",
		               "password must be at most 256 characters");
	for (size_t i = 0; COMMON[i]; i++)
		if (strcasecmp(COMMON[i], password) == 0)
			return err_set(e, SPIRE_EINVAL, "password",
			               "this password is too common; choose "
			               "another");
	size_t same = 1;
	for (size_t i = 1; i < n; i++)
		if (password[i] == password[0])
			same++;
	if (same == n)
		return err_set(e, SPIRE_EINVAL, "password",
		               "password must not repeat one character");
	if (username && *username && strcasestr(password, username))
		return err_set(e, SPIRE_EINVAL, "password",
		               "password must not contain the username");
	return 0;
}

int
auth_password_hash(const char *password, int cost, char out[AUTH_HASH_MAX],
                   struct err *e)
{
	unsigned long long ops = cost ? crypto_pwhash_OPSLIMIT_MODERATE
	                              : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = cost ? crypto_pwhash_MEMLIMIT_MODERATE
	                  : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (crypto_pwhash_str(out, password, strlen(password), ops, mem) != 0)
		return err_set(e, SPIRE_ENOMEM, NULL,
		               "out of memory while hashing");
	return 0;
}

static void
token_hash(const char *token, unsigned char out[SESSION_HASH_LEN])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

static void
random_hex(char out[AUTH_TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_LEN, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

struct open_job {
	unsigned char hash[SESSION_HASH_LEN];
	int64_t user_id;
	const char *csrf, *ip;
	int64_t now;
};

static int
open_session(struct db *db, void *arg, struct err *e)
{
	struct open_job *j = arg;
	return store_sessions_insert(db, j->hash, j->user_id, j->csrf, j->now,
	                             j->ip, e);
}

static int
fail_sign_in(struct ctx *ctx, const char *ukey, const char *ikey,
             const char *username, int64_t uid, struct err *e)
{
	int64_t now = clock_now();
	throttle_fail(ctx->srv->throttle, ukey, now);
	throttle_fail(ctx->srv->ip_throttle, ikey, now);
	struct audit_entry *a = ctx_audit(ctx, "login_failed", "user", uid, 0);
	if (a) {
		a->username = arena_strdup(ctx->arena, username);
		a->user_id = uid;
	}
	struct err ignore;
	ctx_flush(ctx, &ignore);
	return err_set(e, SPIRE_EAUTH, NULL,
	               "the username or password is not right");
}

/* An argon2id hash (interactive cost) of a password no account has: verified
 * when the username is unknown, so that the answer takes as long as for a
 * known user and does not reveal which usernames exist. */
static const char DUMMY_HASH[AUTH_HASH_MAX] =
    "$argon2id$v=19$m=65536,t=2,p=1$qYsZlwGmCHtqBP57JM6xYg$"
    "rZj68K2taWAMlRb77H2r5Q5zXX47dGNZh3MkaSXRYog";

int
auth_sign_in(struct ctx *ctx, const char *username, const char *password,
             struct sign_in *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	int64_t now = clock_now();
	char *ukey = arena_printf(ctx->arena, "u:%.100s", username);
	char *ikey = arena_printf(ctx->arena, "ip:%.100s", ctx->ip);
	if (!ukey || !ikey)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (char *p = ukey; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (throttle_blocked(ctx->srv->throttle, ukey, now) ||
	    throttle_blocked(ctx->srv->ip_throttle, ikey, now)) {
		struct audit_entry *a =
		    ctx_audit(ctx, "login_throttled", "user", 0, 0);
		if (a)
			a->username = arena_strdup(ctx->arena, username);
		struct err ignore;
		ctx_flush(ctx, &ignore);
		return err_set(e, SPIRE_ETHROTTLE, NULL,
		               "too many failed sign-ins; try again later");
	}
	json_t *acct = NULL;
	int rc = store_users_by_username(ctx_db(ctx), username, &acct, e);
	ctx_release(ctx);
	if (rc == SPIRE_ENOTFOUND) {
		if (crypto_pwhash_str_verify(DUMMY_HASH, password,
		                             strlen(password)) == 0)
			abort(); /* no one knows this password */
		return fail_sign_in(ctx, ukey, ikey, username, 0, e);
	}
	if (rc)
		return rc;
	int64_t uid = json_integer_value(json_object_get(acct, "id"));
	const char *hash =
	    json_string_value(json_object_get(acct, "password_hash"));
	int ok = hash && crypto_pwhash_str_verify(hash, password,
	                                          strlen(password)) == 0;
	int disabled = !json_is_null(json_object_get(acct, "disabled_at"));
	if (!ok || disabled) {
		json_decref(acct);
		return fail_sign_in(ctx, ukey, ikey, username, uid, e);
	}
	throttle_clear(ctx->srv->throttle, ukey);

	struct open_job job = {.user_id = uid, .ip = ctx->ip, .now = now};
	random_hex(out->token);
	random_hex(out->csrf);
	token_hash(out->token, job.hash);
	job.csrf = out->csrf;
	struct user *u = arena_calloc(ctx->arena, 1, sizeof(*u));
	if (!u) {
		json_decref(acct);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	u->id = uid;
	u->username = arena_strdup(
	    ctx->arena, json_string_value(json_object_get(acct, "username")));
	u->full_name = arena_strdup(
	    ctx->arena, json_string_value(json_object_get(acct, "full_name")));
	u->role_name = arena_strdup(
	    ctx->arena, json_string_value(json_object_get(acct, "role")));
	u->role = role_from_name(u->role_name);
	u->team_id = json_integer_value(json_object_get(acct, "team_id"));
	u->service_id = json_integer_value(json_object_get(acct, "service_id"));
	u->person_id = json_integer_value(json_object_get(acct, "person_id"));
	json_decref(acct);
	ctx->user = u;
	ctx_audit(ctx, "login", "user", uid, 0);
	rc = ctx_commit(ctx, open_session, &job, e);
	if (rc)
		return rc;
	out->user = auth_user_json(u);
	return 0;
}

json_t *
auth_user_json(const struct user *u)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)u->id,
	                      "username", u->username ? u->username : "",
	                      "full_name", u->full_name ? u->full_name : "",
	                      "role", u->role_name ? u->role_name : "");
	if (!o)
		return NULL;
	json_object_set_new(
	    o, "team_id", u->team_id ? json_integer(u->team_id) : json_null());
	json_object_set_new(o, "service_id",
	                    u->service_id ? json_integer(u->service_id)
	                                  : json_null());
	json_object_set_new(o, "person_id",
	                    u->person_id ? json_integer(u->person_id)
	                                 : json_null());
	return o;
}

struct touch_job {
	struct write_job job;
	unsigned char hash[SESSION_HASH_LEN];
	int64_t now;
};

static int
touch_session(struct db *db, void *arg, struct err *e)
{
	struct touch_job *t = arg;
	return store_sessions_touch(db, t->hash, t->now, e);
}

static void
free_touch(struct write_job *job)
{
	free(job->arg);
}

int
auth_authenticate(struct ctx *ctx, const char *token, struct err *e)
{
	if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
		return err_set(e, SPIRE_EAUTH, NULL, "sign in first");
	unsigned char *hash = arena_alloc(ctx->arena, SESSION_HASH_LEN);
	if (!hash)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	token_hash(token, hash);
	json_t *row = NULL;
	int rc = store_sessions_lookup(ctx_db(ctx), hash, &row, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EAUTH, NULL,
		               "your session has ended; sign in again");
	if (rc)
		return rc;
	int64_t now = clock_now();
	int64_t created =
	    json_integer_value(json_object_get(row, "created_at"));
	int64_t seen = json_integer_value(json_object_get(row, "last_seen"));
	const struct config *cfg = &ctx->srv->cfg;
	if (!json_is_null(json_object_get(row, "disabled_at")) ||
	    now - created >= cfg->absolute_timeout_s ||
	    now - seen >= cfg->idle_timeout_s) {
		json_decref(row);
		return err_set(e, SPIRE_EAUTH, NULL,
		               "your session has ended; sign in again");
	}
	struct user *u = arena_calloc(ctx->arena, 1, sizeof(*u));
	if (!u) {
		json_decref(row);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
#define S(k)                                                                   \
	arena_strdup(ctx->arena, json_string_value(json_object_get(row, k)))
#define I(k) json_integer_value(json_object_get(row, k))
	u->id = I("user_id");
	u->username = S("username");
	u->full_name = S("full_name");
	u->role_name = S("role");
	u->role = role_from_name(u->role_name);
	u->team_id = I("team_id");
	u->service_id = I("service_id");
	u->person_id = I("person_id");
	u->csrf_token = S("csrf_token");
	u->token_hash = hash;
#undef S
#undef I
	json_decref(row);
	ctx->user = u;
	/* Keep the idle clock current without a write on every request:
	 * at most every 30 s, and often enough for short idle timeouts. */
	int64_t touch_every =
	    cfg->idle_timeout_s / 2 < 30 ? cfg->idle_timeout_s / 2 : 30;
	if (now - seen >= touch_every) {
		struct touch_job *t = malloc(sizeof(*t));
		if (t) {
			memset(t, 0, sizeof(*t));
			memcpy(t->hash, hash, SESSION_HASH_LEN);
			t->now = now;
			t->job.fn = touch_session;
			t->job.arg = t;
			t->job.free_fn = free_touch;
			writer_submit_detached(ctx->srv->writer, &t->job);
		}
	}
	return 0;
}

struct end_job {
	const unsigned char *hash;
	int64_t now;
};

static int
end_session(struct db *db, void *arg, struct err *e)
{
	struct end_job *j = arg;
	return store_sessions_end(db, j->hash, j->now, e);
}

int
auth_sign_out(struct ctx *ctx, struct err *e)
{
	struct end_job j = {ctx->user->token_hash, clock_now()};
	ctx_audit(ctx, "logout", "user", ctx->user->id, 0);
	return ctx_commit(ctx, end_session, &j, e);
}

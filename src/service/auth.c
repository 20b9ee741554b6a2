/*
 * auth.c - password hashing, sign-in and session checks. The password
 * policy is in password_policy.c.
 */
#include "service/auth.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "service/gencache.h"
#include "service/roles.h"
#include "service/throttle.h"
#include "store/sessions.h"
#include "store/users.h"

/* libsodium's limits for a password_cost. */
static void
cost_limits(int cost, unsigned long long *ops, size_t *mem)
{
	*ops = cost ? crypto_pwhash_OPSLIMIT_MODERATE
	            : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	*mem = cost ? crypto_pwhash_MEMLIMIT_MODERATE
	            : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int
auth_password_hash(const char *password, int cost, char out[AUTH_HASH_MAX],
                   struct err *e)
{
	unsigned long long ops;
	size_t mem;
	cost_limits(cost, &ops, &mem);
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
	const char *old_hash, *new_hash; /* a rehash, or NULL */
};

static int
open_session(struct db *db, void *arg, struct err *e)
{
	struct open_job *j = arg;
	if (j->new_hash) {
		int rc = store_users_rehash(db, j->user_id, j->old_hash,
		                            j->new_hash, e);
		if (rc)
			return rc;
	}
	return store_sessions_insert(db, j->hash, j->user_id, j->csrf, j->now,
	                             j->ip, e);
}

/* Open a session for acct (store_users_by_username's row, stolen) with
 * job (the user, address, time and any rehash filled in): the token and
 * CSRF token into out, ctx->user set, audited as "login". */
static int
start_session(struct ctx *ctx, json_t *acct, struct open_job *job,
              struct sign_in *out, struct err *e)
{
	random_hex(out->token);
	random_hex(out->csrf);
	token_hash(out->token, job->hash);
	job->csrf = out->csrf;
	struct user *u = arena_calloc(ctx->arena, 1, sizeof(*u));
	if (!u) {
		json_decref(acct);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	u->id = job->user_id;
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
	ctx_audit(ctx, "login", "user", u->id, 0);
	int rc = ctx_commit(ctx, open_session, job, e);
	if (rc)
		return rc;
	out->user = auth_user_json(u);
	return 0;
}

static int
fail_sign_in(struct ctx *ctx, const char *username, int64_t uid, struct err *e)
{
	struct audit_entry *a = ctx_audit(ctx, "login_failed", "user", uid, 0);
	if (a) {
		a->username = arena_strdup(ctx->arena, username);
		a->user_id = uid;
	}
	struct err ignore;
	ctx_flush(ctx, &ignore);
	return err_set(e, SPIRE_EAUTH, NULL,
	               "The username or password is not right");
}

static int
throttled(struct ctx *ctx, const char *username, int64_t uid, struct err *e)
{
	struct audit_entry *a =
	    ctx_audit(ctx, "login_throttled", "user", uid, 0);
	if (a)
		a->username = arena_strdup(ctx->arena, username);
	struct err ignore;
	ctx_flush(ctx, &ignore);
	return err_set(e, SPIRE_ETHROTTLE, NULL,
	               "Too many failed sign-ins. Try again later");
}

int
auth_prepare(struct server *srv, struct err *e)
{
	/* Checking a password costs what the parameters written in the hash
	 * say, not what making the hash cost: so the dummy is an argon2id
	 * string in libsodium's encoding with the configured limits and a
	 * random salt and digest, which no password matches. Hashing one at
	 * start-up instead took about 130 ms of the time to first answer. */
	unsigned long long ops;
	size_t mem;
	cost_limits(srv->cfg.password_cost, &ops, &mem);
	unsigned char salt[crypto_pwhash_SALTBYTES], digest[32];
	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(digest, sizeof(digest));
	char salt64[64], digest64[64];
	sodium_bin2base64(salt64, sizeof(salt64), salt, sizeof(salt),
	                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(digest64, sizeof(digest64), digest, sizeof(digest),
	                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	int n = snprintf(srv->dummy_hash, sizeof(srv->dummy_hash),
	                 "$argon2id$v=19$m=%zu,t=%llu,p=1$%s$%s", mem / 1024,
	                 ops, salt64, digest64);
	if (n < 0 || (size_t)n >= sizeof(srv->dummy_hash) ||
	    crypto_pwhash_str_needs_rehash(srv->dummy_hash, ops, mem) != 0) {
		srv->dummy_hash[0] = '\0';
		return err_set(e, SPIRE_EIO, NULL,
		               "cannot make the sign-in timing guard");
	}
	return 0;
}

/* The dummy hash to check when the username is unknown: the server's, or
 * (when auth_prepare was not called) one made now at the same cost. */
static const char *
dummy_hash(struct ctx *ctx, char buf[AUTH_HASH_MAX])
{
	if (ctx->srv->dummy_hash[0])
		return ctx->srv->dummy_hash;
	struct server tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.cfg.password_cost = ctx->srv->cfg.password_cost;
	struct err ignore;
	if (auth_prepare(&tmp, &ignore) != 0)
		return NULL;
	memcpy(buf, tmp.dummy_hash, AUTH_HASH_MAX);
	return buf;
}

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
	json_t *acct = NULL;
	int rc = store_users_by_username(ctx_db(ctx), username, &acct, e);
	ctx_release(ctx);
	if (rc && rc != SPIRE_ENOTFOUND)
		return rc;
	int64_t uid =
	    acct ? json_integer_value(json_object_get(acct, "id")) : 0;
	/* Count the attempt before checking the password, in one step under
	 * the throttle's lock: simultaneous attempts cannot all slip past
	 * the limit while the first ones are still being checked. A real
	 * account's count is kept by its id, where failures for made-up
	 * usernames cannot evict it. */
	struct server *srv = ctx->srv;
	if (throttle_take(srv->ip_throttle, ikey, now)) {
		json_decref(acct);
		return throttled(ctx, username, uid, e);
	}
	if (acct ? lockout_take(srv->lockout, uid, now)
	         : throttle_take(srv->throttle, ukey, now)) {
		throttle_release(srv->ip_throttle, ikey);
		json_decref(acct);
		return throttled(ctx, username, uid, e);
	}
	char buf[AUTH_HASH_MAX];
	const char *hash =
	    acct ? json_string_value(json_object_get(acct, "password_hash"))
	         : NULL;
	if (!hash) {
		/* Take as long as a wrong password would: the answer must
		 * not tell which usernames exist. */
		const char *dummy = dummy_hash(ctx, buf);
		if (dummy && crypto_pwhash_str_verify(dummy, password,
		                                      strlen(password)) == 0)
			abort(); /* no one knows this password */
		json_decref(acct);
		return fail_sign_in(ctx, username, uid, e);
	}
	int ok =
	    crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	int disabled = !json_is_null(json_object_get(acct, "disabled_at"));
	if (!ok || disabled) {
		json_decref(acct);
		rc = fail_sign_in(ctx, username, uid, e);
		/* Only someone who knows the password learns why: a wrong
		 * one gets the same answer as any other. */
		if (ok)
			err_set(e, rc, "username",
			        "Your account has been disabled. Ask your "
			        "manager or an administrator to enable it");
		return rc;
	}
	lockout_clear(srv->lockout, uid);
	throttle_release(srv->ip_throttle, ikey);

	/* The session starts now, not when the attempt began: the password
	 * check can take a while under load. */
	struct open_job job = {
	    .user_id = uid, .ip = ctx->ip, .now = clock_now()};
	/* A hash made at another password_cost is made again at this one, so
	 * that refusing any account costs what refusing an unknown username
	 * costs (the dummy hash is at this cost). */
	char rehash[AUTH_HASH_MAX];
	unsigned long long ops;
	size_t mem;
	cost_limits(srv->cfg.password_cost, &ops, &mem);
	struct err ignore;
	if (crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0 &&
	    auth_password_hash(password, srv->cfg.password_cost, rehash,
	                       &ignore) == 0) {
		job.old_hash = arena_strdup(ctx->arena, hash);
		job.new_hash = job.old_hash ? rehash : NULL;
	}
	return start_session(ctx, acct, &job, out, e);
}

int
auth_open_session(struct ctx *ctx, const char *username, struct sign_in *out,
                  struct err *e)
{
	memset(out, 0, sizeof(*out));
	json_t *acct = NULL;
	int rc = store_users_by_username(ctx_db(ctx), username, &acct, e);
	ctx_release(ctx);
	if (rc)
		return rc;
	if (!json_is_null(json_object_get(acct, "disabled_at"))) {
		json_decref(acct);
		return err_set(e, SPIRE_EAUTH, NULL,
		               "The username or password is not right");
	}
	struct open_job job = {
	    .user_id = json_integer_value(json_object_get(acct, "id")),
	    .ip = ctx->ip,
	    .now = clock_now()};
	return start_session(ctx, acct, &job, out, e);
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

_Static_assert(GENCACHE_HASH_LEN == SESSION_HASH_LEN,
               "the cache keeps the store's key of a session");

/* The live session behind token, from the cache when the store has not
 * changed since it was kept there, else from the store (and kept, tagged
 * with the generation read before the lookup: gencache.h). 0, or
 * SPIRE_ENOTFOUND when there is none. out->token_hash is the token's
 * SHA-256 either way. */
static int
session_of(struct ctx *ctx, const char *token, struct gencache_session *out,
           int *disabled, struct err *e)
{
	*disabled = 0;
	struct gencache *cache = ctx->srv->cache;
	const struct db_generation *gen = ctx_generation(ctx);
	unsigned char key[GENCACHE_HASH_LEN];
	if (cache && gen) {
		gencache_token_key(cache, token, strlen(token), key);
		if (gencache_session_get(cache, gen, key, ctx->arena, out))
			return 0;
	}
	token_hash(token, out->token_hash);
	json_t *row = NULL;
	int rc = store_sessions_lookup(ctx_db(ctx), out->token_hash, &row, e);
	if (rc)
		return rc;
#define S(k)                                                                   \
	arena_strdup(ctx->arena, json_string_value(json_object_get(row, k)))
#define I(k) json_integer_value(json_object_get(row, k))
	out->user_id = I("user_id");
	out->username = S("username");
	out->full_name = S("full_name");
	out->role = S("role");
	out->team_id = I("team_id");
	out->service_id = I("service_id");
	out->person_id = I("person_id");
	out->csrf_token = S("csrf_token");
	out->created_at = I("created_at");
	out->last_seen = I("last_seen");
#undef S
#undef I
	*disabled = !json_is_null(json_object_get(row, "disabled_at"));
	json_decref(row);
	/* Only what lets someone in is kept: a refusal is asked again. */
	if (!*disabled && cache && gen)
		gencache_session_put(cache, gen, key, out);
	return 0;
}

int
auth_authenticate(struct ctx *ctx, const char *token, struct err *e)
{
	if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	unsigned char *hash = arena_alloc(ctx->arena, SESSION_HASH_LEN);
	if (!hash)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct gencache_session s;
	int disabled = 0;
	int rc = session_of(ctx, token, &s, &disabled, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EAUTH, NULL,
		               "Your session has ended. Sign in again");
	if (rc)
		return rc;
	memcpy(hash, s.token_hash, SESSION_HASH_LEN);
	int64_t now = clock_now();
	int64_t created = s.created_at;
	int64_t seen = s.last_seen;
	const struct config *cfg = &ctx->srv->cfg;
	if (disabled || now - created >= cfg->absolute_timeout_s ||
	    now - seen >= cfg->idle_timeout_s)
		return err_set(e, SPIRE_EAUTH, NULL,
		               "Your session has ended. Sign in again");
	struct user *u = arena_calloc(ctx->arena, 1, sizeof(*u));
	if (!u)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	u->id = s.user_id;
	u->username = s.username;
	u->full_name = s.full_name;
	u->role_name = s.role;
	u->role = role_from_name(u->role_name);
	u->team_id = s.team_id;
	u->service_id = s.service_id;
	u->person_id = s.person_id;
	u->csrf_token = s.csrf_token;
	u->token_hash = hash;
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
	int rc = ctx_commit(ctx, end_session, &j, e);
	/* The commit has changed the generation already; dropping the entry
	 * also frees its slot at once. */
	gencache_session_drop(ctx->srv->cache, j.hash);
	return rc;
}

/*
 * auth.c - password policy and hashing, sign-in and session checks.
 */
#include "service/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <stddef.h> /* crack.h needs size_t */
#include <crack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/clock.h"
#include "service/roles.h"
#include "service/throttle.h"
#include "store/sessions.h"
#include "store/users.h"

/* The word lists behind the dictionary check: cracklib's own list of common
 * passwords and words (cracklib-runtime) and an English dictionary
 * (wamerican). cracklib's packed dictionary is built from the same files. */
static const char *const WORDLISTS[] = {
    "/usr/share/dict/cracklib-small",
    "/usr/share/dict/american-english",
    NULL,
};

#define PASSWORD_MIN 12
#define PASSWORD_MAX 256
#define CORE_MAX (PASSWORD_MAX + 1)

/* Messages start with the field's name, which the UI replaces with the
 * field's label ("Temporary password must ..."). */
static int
policy_fail(struct err *e, const char *message)
{
	return err_set(e, SPIRE_EINVAL, "password", "%s", message);
}

/* 1 when the password is one short unit said again and again
 * ("abcabcabcabc", "passwordpassword") or has fewer than 5 different
 * characters ("aaaaaaaaaaab"). */
static int
repetitive(const char *pw, size_t n)
{
	unsigned char seen[256] = {0};
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tolower((unsigned char)pw[i]);
		if (!seen[c])
			distinct++;
		seen[c] = 1;
	}
	if (distinct < 5)
		return 1;
	for (size_t unit = 1; unit <= n / 2; unit++) {
		if (n % unit)
			continue;
		size_t i = unit;
		while (i < n && tolower((unsigned char)pw[i]) ==
		                    tolower((unsigned char)pw[i - unit]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Keyboard rows, read either way, as well as the alphabet and digits. */
static const char *const ROWS[] = {
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp",
    NULL,
};

/* 1 when a and b are neighbours in the alphabet, the digits or a keyboard
 * row (either way round). */
static int
neighbours(char a, char b)
{
	if ((isalpha((unsigned char)a) && isalpha((unsigned char)b)) ||
	    (isdigit((unsigned char)a) && isdigit((unsigned char)b)))
		if (a - b == 1 || b - a == 1)
			return 1;
	for (size_t r = 0; ROWS[r]; r++) {
		const char *p = strchr(ROWS[r], a);
		if (!p)
			continue;
		if (p[1] == b || (p > ROWS[r] && p[-1] == b))
			return 1;
	}
	return 0;
}

/* 1 when more than half of the password is made of runs of 3 or more
 * characters that follow each other ("abcd", "4321", "qwerty") or repeat
 * ("aaa"), or fewer than 6 characters are outside such runs. */
static int
sequential(const char *pw, size_t n)
{
	char low[CORE_MAX];
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	size_t in_runs = 0, i = 0;
	while (i < n) {
		size_t j = i + 1;
		while (j < n &&
		       (neighbours(low[j - 1], low[j]) || low[j - 1] == low[j]))
			j++;
		if (j - i >= 3)
			in_runs += j - i;
		i = j;
	}
	return in_runs * 2 > n || n - in_runs < 6;
}

/* The letters a common substitution stands for ("p@ssw0rd"). */
static char
unleet(char c, int one_is_l)
{
	switch (c) {
	case '0':
		return 'o';
	case '1':
		return one_is_l ? 'l' : 'i';
	case '3':
		return 'e';
	case '4':
	case '@':
		return 'a';
	case '5':
	case '$':
		return 's';
	case '7':
	case '+':
		return 't';
	case '8':
		return 'b';
	case '9':
		return 'g';
	case '!':
	case '|':
		return one_is_l ? 'l' : 'i';
	default:
		return (char)tolower((unsigned char)c);
	}
}

/*
 * The word a password is built on, the way breached passwords are: drop the
 * digits and symbols added at either end ("Summer2024!!"), undo common
 * substitutions ("Passw0rd"), drop separators ("pass-word"). Writes up to
 * two readings (1 as i or as l) into core[2]; returns how many have at
 * least 4 letters.
 */
static int
core_words(const char *pw, size_t n, char core[2][CORE_MAX])
{
	size_t a = 0, b = n;
	while (a < b && !isalpha((unsigned char)pw[a]))
		a++;
	while (b > a && !isalpha((unsigned char)pw[b - 1]))
		b--;
	int found = 0;
	for (int v = 0; v < 2; v++) {
		size_t k = 0;
		for (size_t i = a; i < b; i++) {
			char c = unleet(pw[i], v);
			if (isalpha((unsigned char)c))
				core[found][k++] = c;
		}
		core[found][k] = '\0';
		if (k >= 4 && (found == 0 || strcmp(core[0], core[1]) != 0))
			found++;
	}
	return found;
}

/* 1 when a word list holds one of the n words (ignoring case), 0 when
 * none, SPIRE_EIO when no list can be read. */
static int
in_wordlists(char core[2][CORE_MAX], int n, struct err *e)
{
	int read = 0, hit = 0;
	for (size_t f = 0; WORDLISTS[f] && !hit; f++) {
		FILE *fp = fopen(WORDLISTS[f], "r");
		if (!fp)
			continue;
		read++;
		char line[128];
		while (!hit && fgets(line, sizeof(line), fp)) {
			size_t len = strcspn(line, "\r\n");
			line[len] = '\0';
			for (int i = 0; i < n && !hit; i++)
				hit = strcasecmp(line, core[i]) == 0;
		}
		fclose(fp);
	}
	if (!read)
		return err_set(e, SPIRE_EIO, NULL,
		               "the password word lists are missing (install "
		               "cracklib-runtime and wamerican)");
	return hit;
}

/* cracklib keeps state in static buffers while it checks: one at a time. */
static pthread_mutex_t cracklib_mu = PTHREAD_MUTEX_INITIALIZER;

/* cracklib's verdict: 0 when it finds nothing wrong, 1 when it does,
 * SPIRE_EIO when its dictionary is missing. */
static int
cracklib_refuses(const char *username, const char *password, struct err *e)
{
	const char *dict = GetDefaultCracklibDict();
	char pwd[512];
	if (snprintf(pwd, sizeof(pwd), "%s.pwd", dict) >= (int)sizeof(pwd) ||
	    access(pwd, R_OK) != 0)
		return err_set(e, SPIRE_EIO, NULL,
		               "the password dictionary %s is missing (install "
		               "cracklib-runtime)",
		               dict);
	pthread_mutex_lock(&cracklib_mu);
	const char *why = FascistCheckUser(
	    password, dict, username && *username ? username : "spire", "");
	pthread_mutex_unlock(&cracklib_mu);
	return why != NULL;
}

int
auth_password_policy(const char *username, const char *password, struct err *e)
{
	size_t n = strlen(password);
	if (n < PASSWORD_MIN)
		return policy_fail(e,
		                   "password must be at least 12 characters");
	if (n > PASSWORD_MAX)
		return policy_fail(e,
		                   "password must be 256 characters or fewer");
	if (username && *username && strcasestr(password, username))
		return policy_fail(e, "password must not contain the username");
	if (repetitive(password, n))
		return policy_fail(e, "password must not repeat the same "
		                      "characters, like aaaa or abcabc");
	char core[2][CORE_MAX];
	int cores = core_words(password, n, core);
	if (cores) {
		int rc = in_wordlists(core, cores, e);
		if (rc < 0)
			return rc;
		if (rc)
			return policy_fail(
			    e, "password is too common: do not use a single "
			       "word with numbers or symbols added, like "
			       "Summer2024!");
	}
	if (sequential(password, n))
		return policy_fail(e, "password must not be mostly a sequence, "
		                      "like abcd, 4321 or qwerty");
	int rc = cracklib_refuses(username, password, e);
	if (rc < 0)
		return rc;
	if (rc)
		return policy_fail(e, "password is too common or too easy to "
		                      "guess: try three or more random words");
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
	               "the username or password is not right");
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
	               "too many failed sign-ins; try again later");
}

int
auth_prepare(struct server *srv, struct err *e)
{
	unsigned char secret[32];
	char pw[2 * sizeof(secret) + 1];
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2hex(pw, sizeof(pw), secret, sizeof(secret));
	int rc =
	    auth_password_hash(pw, srv->cfg.password_cost, srv->dummy_hash, e);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(pw, sizeof(pw));
	return rc;
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
		return fail_sign_in(ctx, username, uid, e);
	}
	lockout_clear(srv->lockout, uid);
	throttle_release(srv->ip_throttle, ikey);

	/* The session starts now, not when the attempt began: the password
	 * check can take a while under load. */
	struct open_job job = {
	    .user_id = uid, .ip = ctx->ip, .now = clock_now()};
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

/*
 * parent_accounts.c - invitations to the parent portal: issuing a code
 * from a parent's record and redeeming it (parent_accounts.h). Not for
 * staff accounts (users.c) nor for signing in (auth.c).
 */
#include "service/parent_accounts.h"

#include <ctype.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/validate.h"
#include "service/roles.h"
#include "service/throttle.h"
#include "service/users.h"
#include "store/parent_invites.h"
#include "store/people.h"
#include "store/record.h"
#include "store/sessions.h"
#include "store/users.h"

/* Crockford's base 32: no I, L, O or U, so a code read aloud or copied
 * by hand is not mistaken. */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define CODE_CHARS 16               /* 80 bits */
#define CODE_SHOWN (CODE_CHARS + 4) /* XXXX-XXXX-XXXX-XXXX and a NUL */
#define CODE_HASH_HEX (2 * crypto_hash_sha256_BYTES + 1)

static const char WRONG_CODE[] =
    "The invitation code is not right, or it has been used or has "
    "expired. Check the code, or ask your worker for a new one";

/* A new random code, grouped in fours for reading. */
static void
make_code(char out[CODE_SHOWN])
{
	unsigned char raw[10];
	randombytes_buf(raw, sizeof(raw));
	size_t n = 0;
	for (int i = 0; i < CODE_CHARS; i++) {
		int bit = i * 5, v = 0;
		for (int b = 0; b < 5; b++, bit++)
			v = (v << 1) | ((raw[bit / 8] >> (7 - bit % 8)) & 1);
		if (i && i % 4 == 0)
			out[n++] = '-';
		out[n++] = ALPHABET[v];
	}
	out[n] = '\0';
	sodium_memzero(raw, sizeof(raw));
}

/*
 * The code as typed, without spaces and hyphens, in upper case, with the
 * letters Crockford reads as digits (O as 0, I and L as 1): 1 and out
 * filled when that is 16 characters of the alphabet, else 0.
 */
static int
normalise_code(const char *in, char out[CODE_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		int c = toupper((unsigned char)*p);
		if (c == ' ' || c == '-')
			continue;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (!strchr(ALPHABET, c) || c == '\0' || n == CODE_CHARS)
			return 0;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == CODE_CHARS;
}

/* The SHA-256 of a normalised code, in hex: what the store keeps. */
static void
code_hash(const char *normal, char out[CODE_HASH_HEX])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, (const unsigned char *)normal, strlen(normal));
	sodium_bin2hex(out, CODE_HASH_HEX, d, sizeof(d));
}

struct invite_job {
	int64_t person_id, by, id;
	const char *hash, *expires_on, *at;
	struct audit_entry *audit;
};

/*
 * What of an invitation's issuer a reader sees: their name only when the
 * reader issued it or is in the issuer's team. A parent worker's name
 * would tell the child's officer of the parent's support, which the
 * parenting team keeps to itself (docs/access.md, sealed services). The
 * ids are never shown.
 */
static void
issuer_shown(const struct ctx *ctx, json_t *inv)
{
	if (!inv)
		return;
	int64_t by = json_integer_value(json_object_get(inv, "created_by"));
	int64_t team =
	    json_integer_value(json_object_get(inv, "created_by_team_id"));
	if (by != ctx->user->id && (!team || team != ctx->user->team_id))
		json_object_del(inv, "created_by_name");
	json_object_del(inv, "created_by");
	json_object_del(inv, "created_by_team_id");
}

static int
do_invite(struct db *db, void *arg, struct err *e)
{
	struct invite_job *j = arg;
	int rc = store_parent_invites_issue(
	    db, j->person_id, j->hash, j->expires_on, j->at, j->by, &j->id, e);
	if (rc == 0)
		j->audit->record_id = j->id;
	return rc;
}

int
parent_accounts_invite(struct ctx *ctx, int64_t person_id, json_t **out,
                       struct err *e)
{
	*out = NULL;
	struct db *db = ctx_db(ctx);
	json_t *person = NULL, *acct = NULL;
	int rc = record_get(db, &PEOPLE_TABLE, person_id, &person, e);
	if (rc)
		return rc;
	int closed = !json_is_null(json_object_get(person, "closed_at"));
	const char *dob =
	    json_string_value(json_object_get(person, "date_of_birth"));
	char now_day[CLOCK_ISO_LEN];
	clock_today(now_day);
	/* A child (under 16 by their date of birth) is never a parent
	 * here; 16 and 17 year olds may be young parents. */
	int age = dob ? age_on(dob, now_day) : -1;
	int young = age >= 0 && age < 16;
	json_decref(person);
	if (closed)
		return err_set(e, SPIRE_ECONFLICT, "id",
		               "This record is closed. Reopen it before "
		               "inviting the person to the parent portal");
	/* A young mother recorded as a child in her own mother's family is
	 * invited as the parent she is in her own family (parental
	 * responsibility there); her portal shows that family only
	 * (my_family.c). */
	int child = 0, parent = 0;
	rc = store_parent_invites_is_child(db, person_id, &child, &parent, e);
	if (rc)
		return rc;
	if (parent)
		child = 0;
	if (child || young)
		return err_set(e, SPIRE_ECONFLICT, "id",
		               "The parent portal is for parents and carers. "
		               "This person is recorded as a child%s",
		               child ? " in a family" : " (under 16)");
	rc = store_users_parent_of(db, person_id, &acct, e);
	if (rc)
		return rc;
	const char *username = NULL;
	if (acct) {
		if (!json_is_null(json_object_get(acct, "disabled_at"))) {
			json_decref(acct);
			return err_set(
			    e, SPIRE_ECONFLICT, "id",
			    "Their parent portal account is turned "
			    "off. Ask an administrator to turn it on "
			    "before inviting them again");
		}
		username = arena_strdup(
		    ctx->arena,
		    json_string_value(json_object_get(acct, "username")));
		json_decref(acct);
	}
	/* The code still pending, if any: the new one replaces it, and the
	 * answer says so. */
	json_t *replaced = NULL;
	rc = store_parent_invites_pending(db, person_id, now_day, &replaced, e);
	if (rc)
		return rc;
	char code[CODE_SHOWN], normal[CODE_CHARS + 1], hash[CODE_HASH_HEX];
	make_code(code);
	if (!normalise_code(code, normal)) {
		json_decref(replaced);
		return err_set(e, SPIRE_EIO, NULL, "cannot make a code");
	}
	code_hash(normal, hash);
	char today[CLOCK_ISO_LEN], expires[DATE_TEXT_LEN], at[CLOCK_ISO_LEN];
	int64_t days;
	clock_today(today);
	if (date_parse(today, &days) != 0) {
		json_decref(replaced);
		return err_set(e, SPIRE_EIO, NULL, "cannot read today's date");
	}
	date_text(days + PARENT_INVITE_DAYS, expires);
	clock_iso(clock_now_ms(), at);
	struct invite_job j = {
	    .person_id = person_id,
	    .by = ctx->user ? ctx->user->id : 0,
	    .hash = hash,
	    .expires_on = expires,
	    .at = at,
	};
	j.audit = ctx_audit(ctx, "invite", "parent_invitation", 0, person_id);
	if (!j.audit) {
		json_decref(replaced);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	rc = ctx_commit(ctx, do_invite, &j, e);
	if (rc) {
		json_decref(replaced);
		return rc;
	}
	issuer_shown(ctx, replaced);
	*out =
	    json_pack("{s:I, s:I, s:s, s:s, s:s?, s:o}", "id", (json_int_t)j.id,
	              "person_id", (json_int_t)person_id, "code", code,
	              "expires_on", expires, "username", username, "replaced",
	              replaced ? replaced : json_null());
	sodium_memzero(code, sizeof(code));
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
parent_accounts_status(struct ctx *ctx, int64_t person_id, json_t **out,
                       struct err *e)
{
	*out = NULL;
	struct db *db = ctx_db(ctx);
	json_t *acct = NULL, *pending = NULL, *account = NULL;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	int rc = store_users_parent_of(db, person_id, &acct, e);
	if (rc == 0)
		rc = store_parent_invites_pending(db, person_id, today,
		                                  &pending, e);
	if (rc) {
		json_decref(acct);
		return rc;
	}
	if (acct) {
		account = json_pack(
		    "{s:O, s:b}", "username", json_object_get(acct, "username"),
		    "disabled",
		    !json_is_null(json_object_get(acct, "disabled_at")));
		json_decref(acct);
	}
	issuer_shown(ctx, pending);
	int64_t invite_id =
	    pending ? json_integer_value(json_object_get(pending, "id")) : 0;
	*out = json_pack("{s:I, s:o, s:o}", "person_id", (json_int_t)person_id,
	                 "account", account ? account : json_null(), "pending",
	                 pending ? pending : json_null());
	if (!*out || !ctx_audit(ctx, "read", "parent_invitation", invite_id,
	                        person_id)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

struct redeem_job {
	int64_t invite_id, person_id, user_id; /* user_id 0: a new account */
	const char *username, *full_name, *hash, *at;
	int64_t now;
	struct audit_entry *user_audit;
};

static int
do_redeem(struct db *db, void *arg, struct err *e)
{
	struct redeem_job *j = arg;
	int closed = 0;
	int rc =
	    store_parent_invites_person_closed(db, j->person_id, &closed, e);
	if (rc)
		return rc;
	/* Closed since the code was issued: the code is spent. */
	if (closed)
		return err_set(e, SPIRE_ECONFLICT, "code", "record closed");
	if (j->user_id) {
		rc = store_users_set_login(db, j->user_id, j->username, j->hash,
		                           j->at, e);
		/* A new password ends every session opened with the old. */
		if (rc == 0)
			rc = store_sessions_end_user(db, j->user_id, NULL,
			                             j->now, e);
	} else {
		struct user_new u = {j->username, j->full_name,
		                     "parent",    j->hash,
		                     0,           j->person_id};
		rc = store_users_insert(db, &u, j->at, &j->user_id, e);
	}
	if (rc == 0) {
		j->user_audit->record_id = j->user_id;
		rc = store_parent_invites_use(db, j->invite_id, j->user_id,
		                              j->at, e);
	}
	return rc;
}

/* The invitation a code names, if it may be redeemed today: 1 and
 * *invite (caller owns), 0 when it may not (*invite, when the code names
 * one, says which for the audit trail), or a negative store failure. */
static int
usable_invite(struct ctx *ctx, const char *code, json_t **invite, struct err *e)
{
	char normal[CODE_CHARS + 1], hash[CODE_HASH_HEX];
	*invite = NULL;
	if (!normalise_code(code, normal))
		return 0;
	code_hash(normal, hash);
	int rc = store_parent_invites_find(ctx_db(ctx), hash, invite, e);
	if (rc == SPIRE_ENOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	const char *until =
	    json_string_value(json_object_get(*invite, "expires_on"));
	return json_is_null(json_object_get(*invite, "used_at")) &&
	       json_is_null(json_object_get(*invite, "revoked_at")) && until &&
	       strcmp(today, until) <= 0;
}

/* Queue and write an audit row about a refused redemption. */
static void
audit_refusal(struct ctx *ctx, const char *action, const json_t *invite)
{
	ctx_audit(ctx, action, "parent_invitation",
	          json_integer_value(json_object_get(invite, "id")),
	          json_integer_value(json_object_get(invite, "person_id")));
	struct err ignore;
	ctx_flush(ctx, &ignore);
}

/* The name on the person's record, for a new account ("Ada Reed"). */
static const char *
person_name(struct ctx *ctx, int64_t person_id, struct err *e)
{
	json_t *p = NULL;
	if (record_get(ctx_db(ctx), &PEOPLE_TABLE, person_id, &p, e))
		return NULL;
	const char *g = json_string_value(json_object_get(p, "given_name"));
	const char *f = json_string_value(json_object_get(p, "family_name"));
	const char *name = arena_printf(ctx->arena, "%s%s%s", g ? g : "",
	                                g && f ? " " : "", f ? f : "");
	json_decref(p);
	if (!name)
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return name && !*name ? "Parent" : name;
}

int
parent_accounts_redeem(struct ctx *ctx, const json_t *body, struct sign_in *out,
                       struct err *e)
{
	static const char *const allowed[] = {"code", "username", "password",
	                                      NULL};
	memset(out, 0, sizeof(*out));
	struct err bad, scratch;
	err_clear(&bad);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (!fields_in(allowed, key))
			err_add(&bad, SPIRE_EINVAL, key,
			        "This cannot be given with an invitation code");
	}
	const char *code = json_string_value(json_object_get(body, "code"));
	const char *username =
	    json_string_value(json_object_get(body, "username"));
	const char *password =
	    json_string_value(json_object_get(body, "password"));
	/* Each wrong code is counted against the client address before the
	 * code is looked at, in one step, as sign-in attempts are. */
	struct server *srv = ctx->srv;
	char *ikey = arena_printf(ctx->arena, "ip:%.100s", ctx->ip);
	if (!ikey)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (throttle_take(srv->invite_throttle, ikey, clock_now())) {
		audit_refusal(ctx, "redeem_throttled", NULL);
		return err_set(e, SPIRE_ETHROTTLE, NULL,
		               "Too many wrong invitation codes. Try again "
		               "later");
	}
	json_t *invite = NULL;
	int usable = 0;
	if (!code || !*code) {
		err_add(&bad, SPIRE_EINVAL, "code",
		        "Enter the invitation code your worker gave you");
	} else {
		err_clear(&scratch);
		usable = usable_invite(ctx, code, &invite, &scratch);
		if (usable < 0) { /* a store failure, not a guess */
			throttle_release(srv->invite_throttle, ikey);
			json_decref(invite);
			*e = scratch;
			return usable;
		}
		if (!usable) {
			audit_refusal(ctx, "redeem_failed", invite);
			err_add(&bad, SPIRE_EINVAL, "code", "%s", WRONG_CODE);
		}
	}
	if (!users_valid_username(username))
		err_add(&bad, SPIRE_EINVAL, "username",
		        "Enter a username of 3 to 64 characters: lower case "
		        "letters, numbers, dots, hyphens and underscores");
	if (!password || !*password) {
		err_add(&bad, SPIRE_EINVAL, "password", "Enter a password");
	} else {
		err_clear(&scratch);
		int rc = auth_password_policy(username ? username : "",
		                              password, &scratch);
		if (rc == SPIRE_EINVAL) {
			err_merge(&bad, &scratch);
		} else if (rc) { /* a dictionary missing */
			if (usable)
				throttle_release(srv->invite_throttle, ikey);
			json_decref(invite);
			*e = scratch;
			return rc;
		}
	}
	/* Only a wrong code counts as an attempt: a good one, or none
	 * given, is not a guess. */
	if (usable || !code || !*code) {
		throttle_release(srv->invite_throttle, ikey);
	} else {
		json_decref(invite);
		invite = NULL;
	}
	if (bad.code) {
		json_decref(invite);
		*e = bad;
		return bad.code;
	}
	struct redeem_job j = {
	    .invite_id = json_integer_value(json_object_get(invite, "id")),
	    .person_id =
	        json_integer_value(json_object_get(invite, "person_id")),
	    .username = username,
	    .now = clock_now(),
	};
	json_decref(invite);
	json_t *acct = NULL;
	int rc = store_users_parent_of(ctx_db(ctx), j.person_id, &acct, e);
	if (rc)
		return rc;
	if (acct) {
		j.user_id = json_integer_value(json_object_get(acct, "id"));
		int off = !json_is_null(json_object_get(acct, "disabled_at"));
		json_decref(acct);
		if (off)
			return err_set(e, SPIRE_EINVAL, "code",
			               "Your parent portal account is turned "
			               "off. Ask your worker");
	} else {
		j.full_name = person_name(ctx, j.person_id, e);
		if (!j.full_name)
			return e->code;
	}
	ctx_release(ctx);
	char hash[AUTH_HASH_MAX], at[CLOCK_ISO_LEN];
	rc = auth_password_hash(password, srv->cfg.password_cost, hash, e);
	if (rc)
		return rc;
	clock_iso(clock_now_ms(), at);
	j.hash = hash;
	j.at = at;
	ctx_audit(ctx, "redeem", "parent_invitation", j.invite_id, j.person_id);
	j.user_audit = ctx_audit(ctx, j.user_id ? "update_password" : "create",
	                         "user", j.user_id, j.person_id);
	if (!j.user_audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = ctx_commit(ctx, do_redeem, &j, e);
	sodium_memzero(hash, sizeof(hash));
	if (rc == SPIRE_ECONFLICT && err_names(e, "username"))
		return err_set(e, SPIRE_EINVAL, "username",
		               "The username %s is already taken. Choose "
		               "another",
		               username);
	if (rc == SPIRE_ECONFLICT) { /* used meanwhile by another request */
		ctx_audit(ctx, "redeem_failed", "parent_invitation",
		          j.invite_id, j.person_id);
		struct err ignore;
		ctx_flush(ctx, &ignore);
		return err_set(e, SPIRE_EINVAL, "code", "%s", WRONG_CODE);
	}
	if (rc)
		return rc;
	/* The code proved who they are: no password check again. */
	return auth_open_session(ctx, username, out, e);
}

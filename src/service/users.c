/*
 * users.c - account and team rules.
 */
#include "service/users.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/validate.h"
#include "core/vocab.h"
#include "service/auth.h"
#include "service/policy.h"
#include "service/records.h"
#include "service/roles.h"
#include "store/sessions.h"
#include "store/users.h"

/* Add a validation error (message msg) to e for each key of body not in
 * allowed. */
static void
only_keys(const json_t *body, const char *const *allowed, const char *msg,
          struct err *e)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (!fields_in(allowed, key))
			err_add(e, SPIRE_EINVAL, key, "%s", msg);
	}
}

int
users_valid_username(const char *u)
{
	size_t n = u ? strlen(u) : 0;
	if (n < 3 || n > 64)
		return 0;
	for (const char *p = u; *p; p++)
		if (!(islower((unsigned char)*p) ||
		      isdigit((unsigned char)*p) || *p == '.' || *p == '_' ||
		      *p == '-'))
			return 0;
	return 1;
}

/* Why an admin cannot make or change a parent's account (FINDING-6). */
static const char PARENT_NOT_HERE[] =
    "Parent accounts are not made here. The parent's worker invites them "
    "to the parent portal from the parent's record";

struct create_job {
	struct user_new u;
	const char *at;
	int64_t id;
	struct audit_entry *audit;
};

static int
do_create(struct db *db, void *arg, struct err *e)
{
	struct create_job *j = arg;
	int rc = store_users_insert(db, &j->u, j->at, &j->id, e);
	if (rc == 0)
		j->audit->record_id = j->id;
	return rc;
}

/*
 * 1 when rc, from a check that wrote its error into scratch, is a field
 * error to collect into bad; otherwise (a store or system failure) scratch
 * is copied to e and the caller returns rc.
 */
static int
field_error(int rc, const struct err *scratch, struct err *bad, struct err *e)
{
	if (rc == SPIRE_EINVAL || rc == SPIRE_ENOTFOUND) {
		err_merge(bad, scratch);
		return 1;
	}
	*e = *scratch;
	return 0;
}

/* s without leading and trailing spaces (trim_spaces), in the arena; s
 * itself when there are none or it is NULL. */
static const char *
trimmed(struct ctx *ctx, const char *s)
{
	size_t off, len;
	if (!s || !trim_spaces(s, &off, &len))
		return s;
	char *t = arena_strndup(ctx->arena, s + off, len);
	return t ? t : s;
}

/*
 * Add to bad, under field, what is wrong with one-line name s (trimmed)
 * of at most max characters, in GOV.UK words for what ("full name",
 * "team name"): not given, too long, or with line breaks or hidden
 * characters (valid_name). Nothing when it is a valid name.
 */
static void
name_error(struct err *bad, const char *field, const char *what, const char *s,
           size_t max)
{
	if (s && valid_name(s, max))
		return;
	int problem = s && *s ? text_problem(s, max, 1) : 0;
	if (problem == TEXT_TOO_LONG)
		err_add(bad, SPIRE_EINVAL, field,
		        "The %s must be %zu characters or fewer", what, max);
	else if (problem == TEXT_BAD_CHARS)
		err_add(bad, SPIRE_EINVAL, field,
		        "The %s must be on one line, without hidden characters",
		        what);
	else
		err_add(bad, SPIRE_EINVAL, field, "Enter the %s", what);
}

/*
 * users_create with the errors the API body's types already gave (pre,
 * never NULL): every field error comes back together, in the order of the
 * fields.
 */
static int
create_checked(struct ctx *ctx, const struct user_spec *spec,
               const struct err *pre, json_t **out, struct err *e)
{
	struct err bad, scratch;
	err_clear(&bad);
	*out = NULL;
	struct user_spec trim = *spec;
	trim.full_name = trimmed(ctx, spec->full_name);
	spec = &trim;
	if (!users_valid_username(spec->username))
		err_add(&bad, SPIRE_EINVAL, "username",
		        "Enter a username of 3 to 64 characters: lower case "
		        "letters, numbers, dots, hyphens and underscores");
	name_error(&bad, "full_name", "full name", spec->full_name, 120);
	unsigned role = role_from_name(spec->role);
	if (!role)
		err_add(&bad, SPIRE_EINVAL, "role",
		        "Select the role from the list");
	else if (role == ROLE_PARENT)
		err_add(&bad, SPIRE_EINVAL, "role", "%s", PARENT_NOT_HERE);
	if (pre->code)
		err_merge(&bad, pre);
	int rc;
	int64_t team_id = spec->team_id;
	struct db *db = ctx_db(ctx);
	if (spec->team) {
		err_clear(&scratch);
		rc = store_teams_find(db,
		                      spec->service_code ? spec->service_code
		                                         : "youth_justice",
		                      spec->team, &team_id, &scratch);
		if (rc) {
			err_add(&bad, SPIRE_EINVAL, "team",
			        "There is no team called %s in this service",
			        spec->team);
			team_id = -1;
		}
	} else if (team_id) {
		json_t *t = NULL;
		err_clear(&scratch);
		rc = store_teams_get(db, team_id, &t, &scratch);
		json_decref(t);
		if (rc) {
			err_add(&bad, SPIRE_EINVAL, "team_id",
			        "Select a team from the list: this team does "
			        "not exist");
			team_id = -1;
		}
	}
	if (spec->person_id)
		err_add(&bad, SPIRE_EINVAL, "person_id", "%s", PARENT_NOT_HERE);
	/* The role must work in the team's service (role_fits_service). */
	if (role && team_id > 0) {
		json_t *t = NULL;
		err_clear(&scratch);
		rc = store_teams_get(db, team_id, &t, &scratch);
		if (rc == 0 &&
		    !role_fits_service(role, json_string_value(json_object_get(
		                                 t, "service_code"))))
			err_add(&bad, SPIRE_EINVAL, "role",
			        "%s is not a role in %s teams. Choose "
			        "another role or team",
			        role_label(spec->role),
			        json_string_value(
			            json_object_get(t, "service_name")));
		json_decref(t);
	}
	/* team_id is -1 when the team named was already refused above. */
	if ((role & (ROLES_CASEWORK)) && !team_id)
		err_add(&bad, SPIRE_EINVAL, spec->team ? "team" : "team_id",
		        "Select a team: practitioners and managers belong "
		        "to a team");
	if (!spec->password) {
		err_add(&bad, SPIRE_EINVAL, "password", "Enter a password");
	} else {
		err_clear(&scratch);
		rc = auth_password_policy(spec->username ? spec->username : "",
		                          spec->password, &scratch);
		if (rc && !field_error(rc, &scratch, &bad, e))
			return rc;
	}
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	char hash[AUTH_HASH_MAX];
	rc = auth_password_hash(spec->password, ctx->srv->cfg.password_cost,
	                        hash, e);
	if (rc)
		return rc;
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	struct create_job j = {
	    .u = {spec->username, spec->full_name, spec->role, hash, team_id,
	          spec->person_id},
	    .at = at,
	};
	j.audit = ctx_audit(ctx, "create", "user", 0, 0);
	if (!j.audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = ctx_commit(ctx, do_create, &j, e);
	sodium_memzero(hash, sizeof(hash));
	if (rc)
		return rc;
	return users_get(ctx, j.id, out, e);
}

int
users_create(struct ctx *ctx, const struct user_spec *spec, json_t **out,
             struct err *e)
{
	struct err none;
	err_clear(&none);
	return create_checked(ctx, spec, &none, out, e);
}

int
users_create_json(struct ctx *ctx, const json_t *body, json_t **out,
                  struct err *e)
{
	static const char *const allowed[] = {
	    "username", "full_name", "role", "team_id",
	    "password", "person_id", NULL};
	struct err pre;
	err_clear(&pre);
	only_keys(body, allowed, "This cannot be recorded on a user account",
	          &pre);
	struct user_spec s = {
	    .username = json_string_value(json_object_get(body, "username")),
	    .full_name = json_string_value(json_object_get(body, "full_name")),
	    .role = json_string_value(json_object_get(body, "role")),
	    .password = json_string_value(json_object_get(body, "password")),
	};
	json_t *t = json_object_get(body, "team_id");
	if (t && !json_is_null(t)) {
		if (!json_is_integer(t) || json_integer_value(t) < 1)
			err_add(&pre, SPIRE_EINVAL, "team_id",
			        "Select the team from the list");
		else
			s.team_id = json_integer_value(t);
	}
	json_t *p = json_object_get(body, "person_id");
	if (p && !json_is_null(p)) {
		if (!json_is_integer(p) || json_integer_value(p) < 1)
			err_add(&pre, SPIRE_EINVAL, "person_id",
			        "Select the person from the list");
		else
			s.person_id = json_integer_value(p);
	}
	return create_checked(ctx, &s, &pre, out, e);
}

int
users_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	int rc = store_users_get(ctx_db(ctx), id, out, e);
	if (rc == 0)
		json_object_set_new(*out, "disabled",
		                    json_boolean(!json_is_null(
		                        json_object_get(*out, "disabled_at"))));
	return rc;
}

void
users_worker_status(json_t *row, int64_t team_id)
{
	json_t *v = json_object_get(row, "worker_disabled");
	if (!v)
		return;
	json_t *now = json_object_get(row, "worker_team_id");
	const char *role =
	    json_string_value(json_object_get(row, "worker_role_now"));
	const char *service =
	    json_string_value(json_object_get(row, "worker_team_service"));
	int moved = json_is_integer(now) &&
	            json_integer_value(now) != team_id && role && service &&
	            role_works_in(role, service);
	json_object_set_new(
	    row, "worker_moved_to",
	    moved ? json_incref(json_object_get(row, "worker_team_name"))
	          : json_null());
	json_object_set_new(
	    row, "worker_disabled",
	    json_boolean(json_is_true(v) || json_integer_value(v)));
	json_object_del(row, "worker_team_id");
	json_object_del(row, "worker_team_name");
	json_object_del(row, "worker_team_service");
	json_object_del(row, "worker_role_now");
}

/* Who re-allocates the work of a worker in a team (work_managers). */
struct managers {
	json_t *names;       /* full names; "Name (Team)" for a service's */
	const char *team;    /* the worker's team's name (arena), or NULL */
	const char *service; /* NULL: the team's own managers; else no one
	                        manages the team and names are its service's
	                        ("the youth justice service", arena) */
};

static int work_managers(struct ctx *ctx, int64_t team_id, int64_t except,
                         struct managers *m, struct err *e);

int
users_show(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	if (!ctx_has_role(ctx, ROLE_ADMIN) && ctx->user->id != id)
		return err_set(e, SPIRE_EFORBIDDEN, "id",
		               "You can only see your own account");
	int rc = users_get(ctx, id, out, e);
	/* An account is a record about a person: every read of it is
	 * audited (docs/access.md; session 28: an admin's were not). */
	if (rc == 0 && !ctx_audit(ctx, "read", "user", id, 0)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc || !ctx_has_role(ctx, ROLE_ADMIN))
		return rc;
	/* What disabling them leaves to a manager (the Users page asks
	 * first): how many open cases and tasks they hold, and who
	 * manages their team. Counts only: nothing of a case. */
	json_t *cases = NULL, *tasks = NULL;
	struct managers m = {0};
	rc = store_users_open_cases(ctx_db(ctx), id, &cases, e);
	if (rc == 0)
		rc = store_users_open_tasks(ctx_db(ctx), id, &tasks, e);
	if (rc == 0)
		rc = work_managers(
		    ctx, json_integer_value(json_object_get(*out, "team_id")),
		    id, &m, e);
	/* team_managers_of: null when they are the team's own managers,
	 * else the service whose managers they are (no one else manages
	 * the team). */
	if (rc == 0 && (json_object_set_new(
	                    *out, "open_cases",
	                    json_integer((json_int_t)json_array_size(cases))) ||
	                json_object_set_new(
	                    *out, "open_tasks",
	                    json_integer((json_int_t)json_array_size(tasks))) ||
	                json_object_set(*out, "team_managers", m.names) ||
	                json_object_set_new(*out, "team_managers_of",
	                                    m.service ? json_string(m.service)
	                                              : json_null())))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(cases);
	json_decref(tasks);
	json_decref(m.names);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
users_list(struct ctx *ctx, const struct user_filter *f, int64_t limit,
           int64_t offset, json_t **out, struct err *e)
{
	struct user_filter scoped = *f;
	/* A filter naming no team is a mistake, not an empty list. */
	if (f->team_id) {
		json_t *t = NULL;
		int rc = store_teams_get(ctx_db(ctx), f->team_id, &t, e);
		json_decref(t);
		if (rc == SPIRE_ENOTFOUND)
			return err_set(e, SPIRE_EINVAL, "team_id",
			               "Select a team from the list: this team "
			               "does not exist");
		if (rc)
			return rc;
	}
	if (!ctx_has_role(ctx, ROLE_ADMIN)) {
		/* -1 matches no service: a user without one sees nobody. */
		scoped.service_id =
		    ctx->user->service_id ? ctx->user->service_id : -1;
		scoped.enabled_only = 1;
	}
	json_t *rows = NULL;
	int rc =
	    store_users_list(ctx_db(ctx), &scoped, limit + 1, offset, &rows, e);
	if (rc)
		return rc;
	/* Each user's `services`: the codes of the services whose cases
	 * their role holds (role_services; null for a manager, of their own
	 * team's service), so a page offers a case only to who may hold it. */
	size_t i;
	json_t *u;
	json_array_foreach(rows, i, u)
	{
		const char *const *sv = role_services(role_from_name(
		    json_string_value(json_object_get(u, "role"))));
		json_t *codes = sv ? json_array() : json_null();
		for (; sv && *sv; sv++)
			json_array_append_new(codes, json_string(*sv));
		/* Each account listed is audited, as a record in a list
		 * is (the extra row fetched to tell a next page is not
		 * shown). */
		int64_t uid = json_integer_value(json_object_get(u, "id"));
		if (!codes || json_object_set_new(u, "services", codes) ||
		    ((int64_t)i < limit &&
		     !ctx_audit(ctx, "list", "user", uid, 0))) {
			json_decref(rows);
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		}
	}
	*out = records_page(rows, limit, offset);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

struct update_job {
	int64_t id, version, team_id;
	const char *full_name, *role, *hash, *at;
	int64_t now;
	const unsigned char *keep; /* the session to keep, or NULL */
	struct audit_entry *audit;
};

/* 1 when a change without a new password would store what user id holds
 * at the version sent (read in the write's transaction): nothing is
 * written, and the trail records a read, as for every record
 * (records_update). */
static int
user_unchanged(struct db *db, const struct update_job *j)
{
	json_t *now = NULL;
	struct err ignore;
	err_clear(&ignore);
	if (j->hash || store_users_get(db, j->id, &now, &ignore) != 0)
		return 0;
	const char *name = json_string_value(json_object_get(now, "full_name"));
	const char *role = json_string_value(json_object_get(now, "role"));
	int same =
	    json_integer_value(json_object_get(now, "version")) == j->version &&
	    name && j->full_name && !strcmp(name, j->full_name) && role &&
	    j->role && !strcmp(role, j->role) &&
	    json_integer_value(json_object_get(now, "team_id")) == j->team_id;
	json_decref(now);
	return same;
}

static int
do_update(struct db *db, void *arg, struct err *e)
{
	struct update_job *j = arg;
	if (user_unchanged(db, j)) {
		j->audit->action = "read";
		return 0;
	}
	int rc = store_users_update(db, j->id, j->version, j->full_name,
	                            j->role, j->team_id, j->at, e);
	if (rc == 0 && j->hash)
		rc = store_users_set_password(db, j->id, j->hash, j->at, e);
	/* A new password ends every session opened with the old one, in the
	 * same transaction, as disabling does. */
	if (rc == 0 && j->hash)
		rc = store_sessions_end_user(db, j->id, j->keep, j->now, e);
	return rc;
}

/* The enabled managers of team_id other than user `not` (the worker
 * being changed or disabled), else of its service (a manager's scope is
 * their service's teams: docs/access.md), into m (m->names a new array
 * the caller owns; empty when there is no one). Names of staff only:
 * nothing of a case. */
static int
work_managers(struct ctx *ctx, int64_t team_id, int64_t except,
              struct managers *m, struct err *e)
{
	memset(m, 0, sizeof(*m));
	m->names = json_array();
	if (!m->names)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (!team_id)
		return 0;
	json_t *t = NULL;
	int rc = store_teams_get(ctx_db(ctx), team_id, &t, e);
	if (rc) {
		json_decref(m->names);
		m->names = NULL;
		return rc;
	}
	m->team = arena_strdup(ctx->arena,
	                       json_string_value(json_object_get(t, "name")));
	char *service =
	    arena_printf(ctx->arena, "the %s service",
	                 json_string_value(json_object_get(t, "service_name")));
	if (service)
		vocab_lower_first(service + 4);
	int64_t service_id =
	    json_integer_value(json_object_get(t, "service_id"));
	json_decref(t);
	for (int pass = 0; rc == 0 && pass < 2 && !json_array_size(m->names);
	     pass++) {
		struct user_filter f = {.team_id = pass ? 0 : team_id,
		                        .service_id = pass ? service_id : 0,
		                        .enabled_only = 1};
		json_t *rows = NULL, *u;
		size_t i;
		rc = store_users_list(ctx_db(ctx), &f, 500, 0, &rows, e);
		json_array_foreach(rc ? NULL : rows, i, u)
		{
			const char *role =
			    json_string_value(json_object_get(u, "role"));
			const char *name =
			    json_string_value(json_object_get(u, "full_name"));
			const char *team =
			    json_string_value(json_object_get(u, "team_name"));
			if (!role || strcmp(role, "manager") != 0 || !name ||
			    json_integer_value(json_object_get(u, "id")) ==
			        except)
				continue;
			json_array_append_new(
			    m->names, pass && team
			                  ? json_sprintf("%s (%s)", name, team)
			                  : json_string(name));
		}
		json_decref(rows);
		if (pass)
			m->service = service ? service : "their service";
	}
	if (rc) {
		json_decref(m->names);
		m->names = NULL;
	}
	return rc;
}

/* names (work_managers) as a sentence's "Mary Jones or Sam Lee", the
 * first three then "and 2 others" rather than a name left out. */
static void
names_or(const json_t *names, char *out, size_t outlen)
{
	size_t n = json_array_size(names), len = 0, shown = n > 4 ? 3 : n;
	out[0] = '\0';
	for (size_t i = 0; i < shown && len < outlen; i++)
		len += (size_t)snprintf(
		    out + len, outlen - len, "%s%s",
		    !i           ? ""
		    : i + 1 == n ? " or "
		                 : ", ",
		    json_string_value(json_array_get(names, i)));
	if (shown < n && len < outlen)
		snprintf(out + len, outlen - len, " and %zu others", n - shown);
}

/* The open work of user id that list (store_users_open_cases or _tasks)
 * counts: SPIRE_ECONFLICT naming the field that moves (role or team_id),
 * how many there are and who manages their team (a manager moves them:
 * docs/access.md, "Who may re-allocate work"), or 0 when there is none.
 * No case or task number: the admin reading it may open none of them. */
static int
refuse_open_work(struct ctx *ctx, int64_t id, int64_t team_id,
                 int (*list)(struct db *, int64_t, json_t **, struct err *),
                 const char *what, int role_moves, struct err *e)
{
	json_t *open = NULL;
	int rc = list(ctx_db(ctx), id, &open, e);
	if (rc)
		return rc;
	size_t n = json_array_size(open);
	json_decref(open);
	if (!n)
		return 0;
	struct managers m;
	rc = work_managers(ctx, team_id, id, &m, e);
	if (rc)
		return rc;
	char who[600];
	names_or(m.names, who, sizeof(who));
	size_t managers = json_array_size(m.names);
	json_decref(m.names);
	const char *field = role_moves ? "role" : "team_id";
	const char *change = role_moves ? "role" : "team";
	const char *team = m.team ? m.team : "their team";
	if (!managers)
		return err_set(e, SPIRE_ECONFLICT, field,
		               "They hold %zu open %s%s. No one manages %s in "
		               "Spire to re-allocate %s: add a manager, then "
		               "change their %s",
		               n, what, n == 1 ? "" : "s", team,
		               n == 1 ? "it" : "them", change);
	if (m.service)
		return err_set(
		    e, SPIRE_ECONFLICT, field,
		    "They hold %zu open %s%s and no one else manages "
		    "%s. Ask a manager of %s: %s, to re-allocate %s "
		    "first, then change their %s",
		    n, what, n == 1 ? "" : "s", team, m.service, who,
		    n == 1 ? "it" : "them", change);
	return err_set(e, SPIRE_ECONFLICT, field,
	               "They hold %zu open %s%s. Ask %s, who manage%s %s, to "
	               "re-allocate %s first, then change their %s",
	               n, what, n == 1 ? "" : "s", who,
	               managers == 1 ? "s" : "", team, n == 1 ? "it" : "them",
	               change);
}

int
users_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	static const char *const allowed[] = {
	    "version",  "full_name",  "role", "team_id",
	    "password", "keep_cases", NULL};
	int64_t version = 0;
	struct err pre;
	err_clear(&pre);
	only_keys(body, allowed, "This cannot be changed here", &pre);
	struct err ver;
	err_clear(&ver);
	if (records_version(body, &version, &ver))
		err_merge(&pre, &ver);
	json_t *cur = NULL, *v;
	int rc = store_users_get(ctx_db(ctx), id, &cur, e);
	if (rc)
		return rc;
	struct update_job j = {.id = id, .version = version};
	j.full_name = arena_strdup(
	    ctx->arena, json_string_value(json_object_get(cur, "full_name")));
	j.role = arena_strdup(ctx->arena,
	                      json_string_value(json_object_get(cur, "role")));
	j.team_id = json_integer_value(json_object_get(cur, "team_id"));
	const char *was_role = j.role;
	int64_t was_team = j.team_id;
	const char *username = arena_strdup(
	    ctx->arena, json_string_value(json_object_get(cur, "username")));
	json_decref(cur);
	/* Every field error comes back together. */
	struct err bad = pre, scratch;
	if ((v = json_object_get(body, "full_name"))) {
		j.full_name = trimmed(ctx, json_string_value(v));
		name_error(&bad, "full_name", "full name", j.full_name, 120);
	}
	if ((v = json_object_get(body, "role"))) {
		const char *was = j.role;
		j.role = json_string_value(v);
		if (!role_from_name(j.role))
			err_add(&bad, SPIRE_EINVAL, "role",
			        "Select the role from the list");
		/* An admin demoting themselves could lock everyone out. */
		else if (ctx->user && ctx->user->id == id && was &&
		         strcmp(was, j.role) != 0)
			err_add(&bad, SPIRE_EINVAL, "role",
			        "You cannot change your own role");
		/* A staff account made a parent's, or a parent's made
		 * staff, would skip the invitation (FINDING-6). */
		else if (was && strcmp(was, j.role) != 0 &&
		         (!strcmp(was, "parent") || !strcmp(j.role, "parent")))
			err_add(&bad, SPIRE_EINVAL, "role", "%s",
			        PARENT_NOT_HERE);
	}
	int team_bad = 0;
	if ((v = json_object_get(body, "team_id"))) {
		if (json_is_null(v)) {
			j.team_id = 0;
		} else if (!json_is_integer(v) || json_integer_value(v) < 1) {
			team_bad = err_add(&bad, SPIRE_EINVAL, "team_id",
			                   "Select the team from the list");
		} else {
			json_t *t = NULL;
			j.team_id = json_integer_value(v);
			err_clear(&scratch);
			rc = store_teams_get(ctx_db(ctx), j.team_id, &t,
			                     &scratch);
			json_decref(t);
			if (rc)
				team_bad = err_add(
				    &bad, SPIRE_EINVAL, "team_id",
				    "Select a team from the list: this team "
				    "does not exist");
		}
	}
	if (!team_bad && (role_from_name(j.role) & ROLES_CASEWORK) &&
	    !j.team_id)
		err_add(&bad, SPIRE_EINVAL, "team_id",
		        "Select a team: practitioners and managers belong "
		        "to a team");
	/* The role must work in the team's service (role_fits_service). */
	if (!team_bad && j.team_id && role_from_name(j.role) &&
	    !err_names(&bad, "role")) {
		json_t *t = NULL;
		err_clear(&scratch);
		rc = store_teams_get(ctx_db(ctx), j.team_id, &t, &scratch);
		const char *svc =
		    json_string_value(json_object_get(t, "service_code"));
		if (rc == 0 && !role_fits_service(role_from_name(j.role), svc))
			err_add(&bad, SPIRE_EINVAL,
			        json_object_get(body, "role") ? "role"
			                                      : "team_id",
			        "%s is not a role in %s teams. Choose "
			        "another role or team",
			        role_label(j.role),
			        json_string_value(
			            json_object_get(t, "service_name")));
		json_decref(t);
	}
	/* keep_cases is about a new role or team (docs/access.md), and only
	 * a role that holds case work can keep cases: an admin, analyst or
	 * parent holding them would leave them with no one who may work
	 * them. */
	if ((v = json_object_get(body, "keep_cases")) && !json_is_boolean(v))
		err_add(&bad, SPIRE_EINVAL, "keep_cases",
		        "Select yes or no for whether they keep their open "
		        "cases");
	else if (v && !err_names(&bad, "role") && !err_names(&bad, "team_id")) {
		if (!strcmp(was_role ? was_role : "", j.role) &&
		    j.team_id == was_team)
			err_add(&bad, SPIRE_EINVAL, "keep_cases",
			        "Only say whether they keep their open cases "
			        "and tasks when you change their role or team");
		else if (json_is_true(v) &&
		         !(role_from_name(j.role) & ROLES_CASEWORK))
			err_add(&bad, SPIRE_EINVAL, "keep_cases",
			        "%s accounts hold no case work, so they cannot "
			        "keep open cases and tasks. Untick the box and "
			        "ask a manager to re-allocate their work first",
			        role_label(j.role));
	}
	const char *pw = NULL;
	if ((v = json_object_get(body, "password")) && was_role &&
	    !strcmp(was_role, "parent")) {
		/* Whoever sets it could sign in as the parent and read the
		 * family: a parent resets it with a new invitation. */
		err_add(&bad, SPIRE_EINVAL, "password",
		        "A parent sets their own password. To reset it, their "
		        "worker gives them a new invitation code from their "
		        "record");
	} else if (v) {
		pw = json_string_value(v);
		if (!pw) {
			err_add(&bad, SPIRE_EINVAL, "password",
			        "Enter the new password");
		} else {
			err_clear(&scratch);
			rc = auth_password_policy(username, pw, &scratch);
			if (rc == SPIRE_EINVAL)
				err_merge(&bad, &scratch);
			else if (rc)
				return *e = scratch, rc;
		}
	}
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	/* A worker's open cases stay with someone who may hold them: a new
	 * role or team waits until they are re-allocated, unless the admin
	 * says the worker keeps them ("keep_cases": true, e.g. a secondment
	 * to another service; the change is audited as every change is). */
	int role_moves = strcmp(was_role ? was_role : "", j.role) != 0;
	int keep_cases = json_is_true(json_object_get(body, "keep_cases"));
	if (!keep_cases && (role_moves || j.team_id != was_team)) {
		/* Cases first, then tasks (a task stays with its team; one
		 * on a closed case is not live work and stays with them). */
		rc = refuse_open_work(ctx, id, was_team, store_users_open_cases,
		                      "case", role_moves, e);
		if (rc == 0)
			rc = refuse_open_work(ctx, id, was_team,
			                      store_users_open_tasks, "task",
			                      role_moves, e);
		if (rc)
			return rc;
	}
	char hash[AUTH_HASH_MAX];
	if (pw) {
		rc = auth_password_hash(pw, ctx->srv->cfg.password_cost, hash,
		                        e);
		if (rc)
			return rc;
		j.hash = hash;
		j.now = clock_now();
		/* Someone setting their own password stays signed in here. */
		if (ctx->user && ctx->user->id == id)
			j.keep = ctx->user->token_hash;
	}
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	j.at = at;
	j.audit = ctx_audit(ctx, j.hash ? "update_password" : "update", "user",
	                    id, 0);
	if (!j.audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = ctx_commit(ctx, do_update, &j, e);
	sodium_memzero(hash, sizeof(hash));
	return rc ? rc : users_get(ctx, id, out, e);
}

struct disable_job {
	int64_t id, version;
	int disabled;
	const char *at;
	int64_t now;
	struct audit_entry *audit;
};

/* An account already in the state asked for (read in the write's
 * transaction) is not written: the trail records a read, as for every
 * record (records_update). A stale version is refused either way. */
static int
do_disable(struct db *db, void *arg, struct err *e)
{
	struct disable_job *j = arg;
	json_t *now = NULL;
	int rc = store_users_get(db, j->id, &now, e);
	if (rc)
		return rc;
	int64_t version = json_integer_value(json_object_get(now, "version"));
	int is = !json_is_null(json_object_get(now, "disabled_at"));
	json_decref(now);
	if (j->version && j->version != version)
		return record_stale_version(e);
	if (is == j->disabled) {
		j->audit->action = "read";
		return 0;
	}
	return store_users_set_disabled(db, j->id, j->version, j->disabled,
	                                j->at, j->now, e);
}

int
users_set_disabled(struct ctx *ctx, int64_t id, int disabled,
                   const json_t *body, json_t **out, struct err *e)
{
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	struct disable_job j = {
	    .id = id, .disabled = disabled, .at = at, .now = clock_now()};
	if (body) {
		static const char *const allowed[] = {"version", NULL};
		struct err bad, ver;
		err_clear(&bad);
		err_clear(&ver);
		only_keys(body, allowed, "This cannot be changed here", &bad);
		if (records_version(body, &j.version, &ver))
			err_merge(&bad, &ver);
		if (bad.code) {
			*e = bad;
			return bad.code;
		}
	}
	if (ctx->user && ctx->user->id == id && disabled)
		return err_set(e, SPIRE_EINVAL, "id",
		               "You cannot disable your own account");
	j.audit =
	    ctx_audit(ctx, disabled ? "disable" : "enable", "user", id, 0);
	if (!j.audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = ctx_commit(ctx, do_disable, &j, e);
	if (rc || !out)
		return rc;
	return users_get(ctx, id, out, e);
}

int
users_disable_by_name(struct ctx *ctx, const char *username, struct err *e)
{
	json_t *acct = NULL;
	int rc = store_users_by_username(ctx_db(ctx), username, &acct, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, rc, "username", "There is no user %s",
		               username);
	if (rc)
		return rc;
	int64_t id = json_integer_value(json_object_get(acct, "id"));
	json_decref(acct);
	return users_set_disabled(ctx, id, 1, NULL, NULL, e);
}

int
teams_list(struct ctx *ctx, int64_t service_id, json_t **out, struct err *e)
{
	*out = NULL;
	/* A filter naming no service is a mistake, not an empty list. */
	if (service_id) {
		json_t *all = NULL, *svc;
		size_t i;
		int found = 0;
		int rc = store_services_list(ctx_db(ctx), &all, e);
		if (rc)
			return rc;
		json_array_foreach(all, i, svc)
		{
			if (json_integer_value(json_object_get(svc, "id")) ==
			    service_id)
				found = 1;
		}
		json_decref(all);
		if (!found)
			return err_set(e, SPIRE_EINVAL, "service_id",
			               "Select a service from the list: this "
			               "service does not exist");
	}
	return store_teams_list(ctx_db(ctx), service_id, out, e);
}

int
services_list(struct ctx *ctx, json_t **out, struct err *e)
{
	int rc = store_services_list(ctx_db(ctx), out, e);
	size_t i;
	json_t *svc;
	json_array_foreach(rc == 0 ? *out : NULL, i, svc)
	{
		/* Whether the user may open a case in it (policy_service). */
		struct err why;
		err_clear(&why);
		const char *code =
		    json_string_value(json_object_get(svc, "code"));
		int may = code && policy_service(ctx, code, NULL, &why) == 0;
		if (json_object_set_new(svc, "opens_cases", json_boolean(may)))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc && *out) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

struct team_job {
	int64_t service_id, id, version, user_id;
	const char *name, *at;
	struct audit_entry *audit;
};

/* SPIRE_ECONFLICT naming "name" when a team other than j->id (0 for a
 * new one), in any service, is called j->name but for case: people pick
 * a team by its name, so two that read alike would be mistaken. Read in
 * the write's transaction. */
static int
team_name_taken(struct db *db, const struct team_job *j, struct err *e)
{
	json_t *all = NULL, *t;
	size_t i;
	int rc = store_teams_list(db, 0, &all, e);
	json_array_foreach(rc ? NULL : all, i, t)
	{
		const char *name =
		    json_string_value(json_object_get(t, "name"));
		if (json_integer_value(json_object_get(t, "id")) != j->id &&
		    name && !strcasecmp(name, j->name)) {
			rc = err_set(e, SPIRE_ECONFLICT, "name",
			             "There is already a team called %s", name);
			break;
		}
	}
	json_decref(all);
	return rc;
}

static int
do_team_create(struct db *db, void *arg, struct err *e)
{
	struct team_job *j = arg;
	int rc = team_name_taken(db, j, e);
	if (rc)
		return rc;
	rc = store_teams_insert(db, j->service_id, j->name, j->at, j->user_id,
	                        &j->id, e);
	if (rc == 0)
		j->audit->record_id = j->id;
	return rc;
}

static int
do_team_rename(struct db *db, void *arg, struct err *e)
{
	struct team_job *j = arg;
	/* The name it has, at the version sent: nothing is written, and the
	 * trail records a read, as for every record (records_update). */
	json_t *now = NULL;
	struct err ignore;
	err_clear(&ignore);
	if (store_teams_get(db, j->id, &now, &ignore) == 0) {
		const char *name =
		    json_string_value(json_object_get(now, "name"));
		int same = json_integer_value(
		               json_object_get(now, "version")) == j->version &&
		           name && !strcmp(name, j->name);
		json_decref(now);
		if (same) {
			j->audit->action = "read";
			return 0;
		}
	}
	int rc = team_name_taken(db, j, e);
	return rc ? rc
	          : store_teams_rename(db, j->id, j->version, j->name, j->at,
	                               j->user_id, e);
}

static int
team_name(struct ctx *ctx, const json_t *body, const char **name, struct err *e)
{
	*name = trimmed(ctx, json_string_value(json_object_get(body, "name")));
	name_error(e, "name", "team name", *name, 100);
	return e->code;
}

int
teams_create(struct ctx *ctx, const json_t *body, json_t **out, struct err *e)
{
	static const char *const allowed[] = {"name", "service_id",
	                                      "service_code", NULL};
	int rc;
	struct team_job j = {0};
	/* Every field error comes back together. */
	struct err bad, scratch;
	err_clear(&bad);
	err_clear(&scratch);
	only_keys(body, allowed, "This cannot be recorded on a team", &bad);
	if (team_name(ctx, body, &j.name, &scratch))
		err_merge(&bad, &scratch);
	const char *code =
	    json_string_value(json_object_get(body, "service_code"));
	json_t *sid = json_object_get(body, "service_id");
	if (code) {
		err_clear(&scratch);
		rc = store_services_id(ctx_db(ctx), code, &j.service_id,
		                       &scratch);
		if (rc)
			err_add(&bad, SPIRE_EINVAL, "service_code",
			        "Select a service from the list: this service "
			        "does not exist");
	} else if (json_is_integer(sid)) {
		j.service_id = json_integer_value(sid);
	} else {
		err_add(&bad, SPIRE_EINVAL, "service_id",
		        "Select the service the team is in");
	}
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	j.at = at;
	j.user_id = ctx->user ? ctx->user->id : 0;
	j.audit = ctx_audit(ctx, "create", "team", 0, 0);
	rc = ctx_commit(ctx, do_team_create, &j, e);
	if (rc == SPIRE_EINVAL)
		return err_set(e, rc, "service_id",
		               "Select a service from the list: this service "
		               "does not exist");
	return rc ? rc : store_teams_get(ctx_db(ctx), j.id, out, e);
}

int
teams_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	struct team_job j = {.id = id};
	static const char *const allowed[] = {"version", "name", NULL};
	json_t *cur = NULL;
	int rc = store_teams_get(ctx_db(ctx), id, &cur, e);
	/* The name is the only thing to change: without one, it stays. */
	if (rc == 0)
		j.name = arena_strdup(
		    ctx->arena,
		    json_string_value(json_object_get(cur, "name")));
	json_decref(cur);
	if (rc)
		return rc;
	struct err bad, scratch;
	err_clear(&bad);
	err_clear(&scratch);
	only_keys(body, allowed, "This cannot be changed here", &bad);
	if (records_version(body, &j.version, &scratch))
		err_merge(&bad, &scratch);
	err_clear(&scratch);
	if (json_object_get(body, "name") &&
	    team_name(ctx, body, &j.name, &scratch))
		err_merge(&bad, &scratch);
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	j.at = at;
	j.user_id = ctx->user ? ctx->user->id : 0;
	j.audit = ctx_audit(ctx, "update", "team", id, 0);
	if (!j.audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = ctx_commit(ctx, do_team_rename, &j, e);
	return rc ? rc : store_teams_get(ctx_db(ctx), id, out, e);
}

/*
 * users.c - accounts, teams and services.
 */
#include "store/users.h"

#include "core/names.h"
#include "store/record.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int
store_users_insert(struct db *db, const struct user_new *u, const char *at,
                   int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO users(username, full_name, role, team_id, person_id,"
	    " password_hash, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)"
	    " RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, u->username);
	db_bind_text(s, 2, u->full_name);
	db_bind_text(s, 3, u->role);
	if (u->team_id)
		db_bind_int(s, 4, u->team_id);
	if (u->person_id)
		db_bind_int(s, 5, u->person_id);
	db_bind_text(s, 6, u->password_hash);
	db_bind_text(s, 7, at);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc == SPIRE_ECONFLICT)
		return err_set(
		    e, SPIRE_ECONFLICT, "username",
		    "The username %s is already taken. Choose another",
		    u->username);
	return rc < 0 ? rc : 0;
}

static int
one_row(struct db *db, const char *sql, int64_t id, const char *text,
        json_t **out, const char *what, struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	if (text)
		db_bind_text(s, 1, text);
	else
		db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "id", "no such %s", what);
	}
	db_done(s);
	return rc;
}

int
store_users_by_username(struct db *db, const char *username, json_t **out,
                        struct err *e)
{
	static const char sql[] =
	    "SELECT u.id, u.username, u.full_name, u.role, u.team_id,"
	    " t.service_id, u.person_id, u.password_hash, u.disabled_at"
	    " FROM users u LEFT JOIN teams t ON t.id = u.team_id"
	    " WHERE u.username = $1";
	return one_row(db, sql, 0, username, out, "user", e);
}

#define USER_COLUMNS                                                           \
	"u.id, u.version, u.username, u.full_name, u.role, u.team_id,"         \
	" t.name AS team_name, t.service_id, s.code AS service_code,"          \
	" u.person_id, u.created_at, u.updated_at, u.disabled_at"              \
	" FROM users u LEFT JOIN teams t ON t.id = u.team_id"                  \
	" LEFT JOIN services s ON s.id = t.service_id"

int
store_users_get(struct db *db, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT " USER_COLUMNS " WHERE u.id = $1";
	return one_row(db, sql, id, NULL, out, "user", e);
}

/* The words typed, each folded as core/names.h name_fold folds (a word
 * that cannot be folded, not UTF-8, which the API refuses, is kept as it
 * is); words that fold to nothing (an apostrophe alone) are dropped. */
struct user_words {
	char **word;
	size_t n;
};

static void
user_words_free(struct user_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->word[i]);
	free(w->word);
}

static int
user_words_fold(const char *typed, struct user_words *w)
{
	*w = (struct user_words){0};
	size_t most = 1;
	for (const char *p = typed; *p; p++)
		most += *p == ' ';
	w->word = calloc(most, sizeof *w->word);
	if (!w->word)
		return -1;
	for (const char *p = typed; *p;) {
		size_t len = strcspn(p, " ");
		char *raw = strndup(p, len);
		if (!raw)
			return -1;
		char *folded = name_fold_new(raw);
		if (folded) {
			free(raw);
			raw = folded;
		}
		if (raw[0])
			w->word[w->n++] = raw;
		else
			free(raw);
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

/* Whether every word is part of the folded full name or the folded
 * username of the user row at s (USER_COLUMNS: 2 username, 3 full_name),
 * each word on its own, in any order ("keane tom" finds Tom Keane): plain
 * substrings, so LIKE's characters are nothing special. */
static int
user_has_words(struct db_stmt *s, void *arg)
{
	const struct user_words *w = arg;
	char *folded[2] = {NULL, NULL};
	for (int i = 0; i < 2; i++) {
		const char *text = db_col_text(s, 2 + i);
		if (text && !(folded[i] = name_fold_new(text)))
			folded[i] = strdup(text);
	}
	int all = 1;
	for (size_t k = 0; all && k < w->n; k++)
		all = (folded[0] && strstr(folded[0], w->word[k])) ||
		      (folded[1] && strstr(folded[1], w->word[k]));
	free(folded[0]);
	free(folded[1]);
	return all;
}

int
store_users_list(struct db *db, const struct user_filter *f, int64_t limit,
                 int64_t offset, json_t **out, struct err *e)
{
	/* words are compared in C, folded as people's names are (the same
	 * on every store: no store's LOWER or LIKE takes part), over the
	 * rows the other filters keep; then the page is counted out of the
	 * matches. Accounts are few, and a search for part of a name reads
	 * every row whichever way it is compared. */
	static const char sql[] =
	    "SELECT " USER_COLUMNS " WHERE ($1 = 0 OR u.team_id = $1)"
	    " AND ($2 = 0 OR t.service_id = $2)"
	    " AND (NOT $3 OR u.disabled_at IS NULL)"
	    " AND (NOT $6 OR u.disabled_at IS NOT NULL)"
	    " AND ($7 = '' OR u.role = $7)"
	    " ORDER BY u.full_name, u.id LIMIT $4 OFFSET $5";
	*out = NULL;
	struct user_words words;
	if (user_words_fold(f->words ? f->words : "", &words) != 0) {
		user_words_free(&words);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int all = words.n == 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s) {
		user_words_free(&words);
		return e->code;
	}
	db_bind_int(s, 1, f->team_id);
	db_bind_int(s, 2, f->service_id);
	db_bind_bool(s, 3, f->enabled_only);
	db_bind_int(s, 4, all ? limit : INT64_MAX);
	db_bind_int(s, 5, all ? offset : 0);
	db_bind_bool(s, 6, f->disabled_only);
	db_bind_text(s, 7, f->role ? f->role : "");
	int rc = all ? record_rows(s, out, e)
	             : record_rows_kept(s, user_has_words, &words, offset,
	                                limit, out, e);
	user_words_free(&words);
	return rc;
}

/* Run the bound write s and check it changed the one row: when none, a
 * write at a version (versioned) met a newer one (the services read the
 * row first, so a missing one is their 404), else the row is missing. */
static int
exec_changed(struct db *db, struct db_stmt *s, const char *what, int versioned,
             struct err *e)
{
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) == 1)
		return 0;
	if (versioned)
		return record_stale_version(e);
	return err_set(e, SPIRE_ENOTFOUND, "id", "This %s does not exist",
	               what);
}

int
store_users_update(struct db *db, int64_t id, int64_t version,
                   const char *full_name, const char *role, int64_t team_id,
                   const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE users SET full_name = $3, role = $4, team_id = $5,"
	    " updated_at = $6, version = version + 1"
	    " WHERE id = $1 AND version = $2";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, full_name);
	db_bind_text(s, 4, role);
	if (team_id)
		db_bind_int(s, 5, team_id);
	db_bind_text(s, 6, at);
	return exec_changed(db, s, "user", 1, e);
}

int
store_users_parent_of(struct db *db, int64_t person_id, json_t **out,
                      struct err *e)
{
	static const char sql[] =
	    "SELECT id, username, disabled_at FROM users"
	    " WHERE person_id = $1 AND role = 'parent' ORDER BY id LIMIT 1";
	int rc = one_row(db, sql, person_id, NULL, out, "user", e);
	if (rc == SPIRE_ENOTFOUND) {
		err_clear(e);
		*out = NULL;
		return 0;
	}
	return rc;
}

int
store_users_set_login(struct db *db, int64_t id, const char *username,
                      const char *hash, const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE users SET username = $2, password_hash = $3,"
	    " updated_at = $4, version = version + 1 WHERE id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, username);
	db_bind_text(s, 3, hash);
	db_bind_text(s, 4, at);
	int rc = db_step(s, e);
	db_done(s);
	if (rc == SPIRE_ECONFLICT)
		return err_set(
		    e, SPIRE_ECONFLICT, "username",
		    "The username %s is already taken. Choose another",
		    username);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ENOTFOUND, "id", "no such user");
	return 0;
}

int
store_users_set_password(struct db *db, int64_t id, const char *hash,
                         const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE users SET password_hash = $2, updated_at = $3,"
	    " version = version + 1 WHERE id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, hash);
	db_bind_text(s, 3, at);
	return exec_changed(db, s, "user", 0, e);
}

int
store_users_rehash(struct db *db, int64_t id, const char *old_hash,
                   const char *new_hash, struct err *e)
{
	static const char sql[] = "UPDATE users SET password_hash = $3"
	                          " WHERE id = $1 AND password_hash = $2";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, old_hash);
	db_bind_text(s, 3, new_hash);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_users_set_disabled(struct db *db, int64_t id, int64_t version,
                         int disabled, const char *at, int64_t now,
                         struct err *e)
{
	static const char sql[] =
	    "UPDATE users SET disabled_at = CASE WHEN $2 THEN"
	    " COALESCE(disabled_at, $3) END, updated_at = $3,"
	    " version = version + 1 WHERE id = $1 AND ($4 = 0 OR version = $4)";
	static const char end_sql[] =
	    "UPDATE sessions SET ended_at = $2 WHERE user_id = $1"
	    " AND ended_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_bool(s, 2, disabled);
	db_bind_text(s, 3, at);
	db_bind_int(s, 4, version);
	int rc = exec_changed(db, s, "user", version != 0, e);
	if (rc || !disabled)
		return rc;
	s = db_prepare(db, end_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, now);
	rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

#define TEAM_COLUMNS                                                           \
	"t.id, t.version, t.name, t.service_id, s.code AS service_code,"       \
	" s.name AS service_name, t.created_at, t.closed_at"                   \
	" FROM teams t JOIN services s ON s.id = t.service_id"

int
store_teams_list(struct db *db, int64_t service_id, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT " TEAM_COLUMNS " WHERE ($1 = 0 OR t.service_id = $1)"
	    " ORDER BY s.name, t.name";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, service_id);
	return record_rows(s, out, e);
}

int
store_teams_get(struct db *db, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT " TEAM_COLUMNS " WHERE t.id = $1";
	return one_row(db, sql, id, NULL, out, "team", e);
}

int
store_teams_insert(struct db *db, int64_t service_id, const char *name,
                   const char *at, int64_t user_id, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO teams(service_id, name, created_at, created_by)"
	    " VALUES ($1, $2, $3, $4) RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, service_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, at);
	if (user_id)
		db_bind_int(s, 4, user_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc == SPIRE_ECONFLICT)
		return err_set(
		    e, SPIRE_ECONFLICT, "name",
		    "A team with this name already exists in the service");
	return rc < 0 ? rc : 0;
}

int
store_teams_rename(struct db *db, int64_t id, int64_t version, const char *name,
                   const char *at, int64_t user_id, struct err *e)
{
	static const char sql[] =
	    "UPDATE teams SET name = $3, updated_at = $4, updated_by = $5,"
	    " version = version + 1 WHERE id = $1 AND version = $2";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, at);
	db_bind_int(s, 5, user_id);
	return exec_changed(db, s, "team", 1, e);
}

int
store_services_list(struct db *db, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT id, code, name FROM services ORDER BY name";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	return record_rows(s, out, e);
}

int
store_services_id(struct db *db, const char *code, int64_t *id, struct err *e)
{
	static const char sql[] = "SELECT id FROM services WHERE code = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, code);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc == DB_DONE)
		return err_set(e, SPIRE_ENOTFOUND, "service", "no service %s",
		               code);
	return rc < 0 ? rc : 0;
}

int
store_teams_find(struct db *db, const char *service_code, const char *name,
                 int64_t *id, struct err *e)
{
	static const char sql[] =
	    "SELECT t.id FROM teams t JOIN services s ON s.id = t.service_id"
	    " WHERE s.code = $1 AND t.name = $2";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, service_code);
	db_bind_text(s, 2, name);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc == DB_DONE)
		return err_set(e, SPIRE_ENOTFOUND, "team", "no team %s", name);
	return rc < 0 ? rc : 0;
}

/* The ids sql ($1 the user) lists, as a new array in *out. */
static int
user_ids(struct db *db, const char *sql, int64_t user_id, json_t **out,
         struct err *e)
{
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, user_id);
	json_t *ids = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		if (!ids ||
		    json_array_append_new(ids, json_integer(db_col_int(s, 0))))
			break;
	db_done(s);
	if (!ids || rc == DB_ROW) {
		json_decref(ids);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc < 0) {
		json_decref(ids);
		return rc;
	}
	*out = ids;
	return 0;
}

int
store_users_open_cases(struct db *db, int64_t user_id, json_t **out,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM cases WHERE worker_id = $1 AND status = 'open'"
	    " AND closed_at IS NULL ORDER BY id";
	return user_ids(db, sql, user_id, out, e);
}

int
store_users_open_tasks(struct db *db, int64_t user_id, json_t **out,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT t.id FROM tasks t WHERE t.owner_id = $1"
	    " AND t.status = 'open' AND t.closed_at IS NULL"
	    " AND (t.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c"
	    " WHERE c.id = t.case_id AND c.status = 'open'"
	    " AND c.closed_at IS NULL)) ORDER BY t.id";
	return user_ids(db, sql, user_id, out, e);
}

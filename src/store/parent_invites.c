/*
 * parent_invites.c - invitations to the parent portal: issue (revoking
 * the earlier ones), find by code hash, use once. Not for accounts
 * themselves (store/users.c).
 */
#include "store/parent_invites.h"

int
store_parent_invites_issue(struct db *db, int64_t person_id,
                           const char *code_hash, const char *expires_on,
                           const char *at, int64_t created_by, int64_t *id,
                           struct err *e)
{
	static const char revoke[] =
	    "UPDATE parent_invitations SET revoked_at = $2"
	    " WHERE person_id = $1 AND used_at IS NULL AND revoked_at IS NULL";
	static const char insert[] =
	    "INSERT INTO parent_invitations(person_id, code_hash, expires_on,"
	    " created_at, created_by) VALUES ($1,$2,$3,$4,$5) RETURNING id";
	struct db_stmt *s = db_prepare(db, revoke, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, at);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	s = db_prepare(db, insert, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, code_hash);
	db_bind_text(s, 3, expires_on);
	db_bind_text(s, 4, at);
	db_bind_id(s, 5, created_by);
	return db_step_id(s, id, e);
}

int
store_parent_invites_pending(struct db *db, int64_t person_id,
                             const char *today, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT i.id, i.created_at, i.expires_on, i.created_by,"
	    " u.full_name AS created_by_name, u.team_id AS created_by_team_id"
	    " FROM parent_invitations i"
	    " LEFT JOIN users u ON u.id = i.created_by WHERE i.person_id = $1"
	    " AND i.used_at IS NULL AND i.revoked_at IS NULL"
	    " AND i.expires_on >= $2 ORDER BY i.id DESC LIMIT 1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, today);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_invites_find(struct db *db, const char *code_hash, json_t **out,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT id, person_id, expires_on, used_at, revoked_at"
	    " FROM parent_invitations WHERE code_hash = $1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, code_hash);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "code", "no such invitation");
	}
	db_done(s);
	return rc;
}

int
store_parent_invites_use(struct db *db, int64_t id, int64_t user_id,
                         const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE parent_invitations SET used_at = $3, user_id = $2"
	    " WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, at);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (db_changes(db) != 1)
		return err_set(e, SPIRE_ECONFLICT, "code",
		               "this invitation has been used or revoked");
	return 0;
}

int
store_parent_invites_is_child(struct db *db, int64_t person_id, int *child,
                              int *parent, struct err *e)
{
	static const char sql[] =
	    "SELECT COALESCE(MAX(CASE WHEN fm.member_type = 'child' THEN 1"
	    " ELSE 0 END), 0), COALESCE(MAX(CASE WHEN fm.member_type ="
	    " 'adult' AND fm.parental_responsibility <> 0 THEN 1 ELSE 0 END),"
	    " 0) FROM family_members fm JOIN families f ON f.id ="
	    " fm.family_id WHERE fm.person_id = $1 AND fm.closed_at IS NULL"
	    " AND f.closed_at IS NULL";
	*child = *parent = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*child = db_col_int(s, 0) != 0;
		*parent = db_col_int(s, 1) != 0;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_parent_invites_person_closed(struct db *db, int64_t person_id,
                                   int *closed, struct err *e)
{
	static const char sql[] =
	    "SELECT CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END FROM people"
	    " WHERE id = $1";
	*closed = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*closed = db_col_int(s, 0) != 0;
	db_done(s);
	if (rc == DB_DONE)
		return err_set(e, SPIRE_ENOTFOUND, "id", "No such person");
	return rc < 0 ? rc : 0;
}

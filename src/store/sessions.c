/*
 * sessions.c - session rows.
 */
#include "store/sessions.h"

int
store_sessions_insert(struct db *db, const unsigned char *hash, int64_t user_id,
                      const char *csrf, int64_t now, const char *ip,
                      struct err *e)
{
	static const char sql[] =
	    "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at,"
	    " last_seen, ip) VALUES ($1, $2, $3, $4, $4, $5)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_blob(s, 1, hash, SESSION_HASH_LEN);
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, csrf);
	db_bind_int(s, 4, now);
	db_bind_text(s, 5, ip);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_sessions_lookup(struct db *db, const unsigned char *hash, json_t **out,
                      struct err *e)
{
	static const char sql[] =
	    "SELECT u.id AS user_id, u.username, u.full_name, u.role,"
	    " u.team_id, t.service_id, u.person_id, s.csrf_token,"
	    " s.created_at, s.last_seen, u.disabled_at"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " LEFT JOIN teams t ON t.id = u.team_id"
	    " WHERE s.token_hash = $1 AND s.ended_at IS NULL";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_blob(s, 1, hash, SESSION_HASH_LEN);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, NULL, "no such session");
	}
	db_done(s);
	return rc;
}

static int
update(struct db *db, const char *sql, const unsigned char *hash, int64_t now,
       struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_blob(s, 1, hash, SESSION_HASH_LEN);
	db_bind_int(s, 2, now);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_sessions_touch(struct db *db, const unsigned char *hash, int64_t now,
                     struct err *e)
{
	static const char sql[] =
	    "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1"
	    " AND ended_at IS NULL";
	return update(db, sql, hash, now, e);
}

int
store_sessions_end(struct db *db, const unsigned char *hash, int64_t now,
                   struct err *e)
{
	static const char sql[] =
	    "UPDATE sessions SET ended_at = $2 WHERE token_hash = $1"
	    " AND ended_at IS NULL";
	return update(db, sql, hash, now, e);
}

int
store_sessions_end_user(struct db *db, int64_t user_id,
                        const unsigned char *keep, int64_t now, struct err *e)
{
	static const char sql[] =
	    "UPDATE sessions SET ended_at = $2 WHERE user_id = $1"
	    " AND ended_at IS NULL AND token_hash <> $3";
	/* No session's SHA-256 is all zeros: "keep none". */
	static const unsigned char none[SESSION_HASH_LEN] = {0};
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, now);
	db_bind_blob(s, 3, keep ? keep : none, SESSION_HASH_LEN);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

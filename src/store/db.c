/*
 * db.c - the store seam: db.h over any struct db_backend.
 *
 * Holds what every backend shares: the per-connection cache of prepared
 * statements keyed by their SQL text (its bytes, never its address: a text
 * built at run time in a buffer that another text later reuses must not
 * find the first one's statement), the bind errors a
 * statement remembers until db_step() reports them, JSON binding and the
 * row-to-JSON conversion. Not for any engine's API or dialect (those are
 * the backends', db_sqlite.c) nor for SQL of any particular table (the
 * store's subject files).
 */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_backend.h"

#define CACHE_SLOTS 512 /* power of two */

struct db_stmt {
	const struct db_backend *be;
	void *st;      /* the backend's statement */
	char *text;    /* cache key: a copy of the SQL text, owned */
	size_t len;    /* its length in bytes */
	uint64_t hash; /* text_hash() of it */
	struct db *db;
	int bind_rc; /* the first failed bind since prepare, or 0 */
	int bind_n;  /* its parameter number */
	void *memo;  /* db_stmt_memo's, freed by memo_free with s */
	void (*memo_free)(void *);
};

struct db {
	const struct db_backend *be;
	void *conn;
	struct db_stmt *cache[CACHE_SLOTS];
};

int
db_open_backend(const struct db_backend *be, const char *path, unsigned flags,
                struct db **out, struct err *e)
{
	*out = NULL;
	if (be->version != DB_BACKEND_VERSION)
		return err_set(e, SPIRE_EDB, "db",
		               "store backend %s is version %d, not %d",
		               be->name, be->version, DB_BACKEND_VERSION);
	struct db *db = calloc(1, sizeof(*db));
	if (!db)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	db->be = be;
	int rc = be->open(path, flags, &db->conn, e);
	if (rc) {
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

bool
db_is_url(const char *path)
{
	return path && (strncmp(path, "postgresql://", 13) == 0 ||
	                strncmp(path, "postgres://", 11) == 0);
}

int
db_open(const char *path, unsigned flags, struct db **out, struct err *e)
{
	const struct db_backend *be =
	    db_is_url(path) ? &db_pg_backend : &db_sqlite_backend;
	return db_open_backend(be, path, flags, out, e);
}

const char *
db_backend_name(const struct db *db)
{
	return db->be->name;
}

const struct db_dialect *
db_dialect(const struct db *db)
{
	return db->be->dialect;
}

void
db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (db->cache[i]) {
			db->be->finalize(db->cache[i]->st);
			if (db->cache[i]->memo_free)
				db->cache[i]->memo_free(db->cache[i]->memo);
			free(db->cache[i]->text);
			free(db->cache[i]);
		}
	}
	db->be->close(db->conn);
	free(db);
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	return db->be->exec(db->conn, sql, e);
}

/*
 * A hash of the n bytes of text, eight at a time: the cache's key is the
 * text itself, and a prepare must stay cheap next to running the
 * statement (the W1/W3/W7 benches prepare thousands a second).
 */
static uint64_t
text_hash(const char *text, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	uint64_t tail = 0;
	memcpy(&tail, text + i, n - i);
	h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 29);
}

static struct db_stmt *
compile(struct db *db, const char *sql, size_t len, uint64_t hash,
        struct err *e)
{
	struct db_stmt *s = calloc(1, sizeof(*s));
	char *text = malloc(len + 1);
	if (!s || !text) {
		free(s);
		free(text);
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	memcpy(text, sql, len + 1);
	if (db->be->prepare(db->conn, text, &s->st, e) != 0) {
		free(text);
		free(s);
		return NULL;
	}
	s->be = db->be;
	s->text = text;
	s->len = len;
	s->hash = hash;
	s->db = db;
	return s;
}

/* Is s the statement of the text sql of len bytes and hash? */
static bool
same_text(const struct db_stmt *s, const char *sql, size_t len, uint64_t hash)
{
	return s->hash == hash && s->len == len &&
	       memcmp(s->text, sql, len) == 0;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	size_t len = strlen(sql);
	uint64_t hash = text_hash(sql, len);
	size_t slot = (size_t)(hash >> 40) & (CACHE_SLOTS - 1);
	for (size_t probe = 0; probe < CACHE_SLOTS; probe++) {
		size_t i = (slot + probe) & (CACHE_SLOTS - 1);
		struct db_stmt *s = db->cache[i];
		if (s && same_text(s, sql, len, hash)) {
			s->be->reset(s->st);
			s->bind_rc = 0;
			return s;
		}
		if (!s) {
			s = compile(db, sql, len, hash, e);
			if (s)
				db->cache[i] = s;
			return s;
		}
	}
	err_set(e, SPIRE_EDB, NULL, "statement cache full");
	return NULL;
}

struct db_stmt *
db_prepare_rows(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (s && s->be->rows_binary)
		s->be->rows_binary(s->st);
	return s;
}

/* Remember the first failed bind for db_step() to report. */
static int
bound(struct db_stmt *s, int n, int rc)
{
	if (rc < 0 && s->bind_rc == 0) {
		s->bind_rc = rc;
		s->bind_n = n;
	}
	return rc;
}

int
db_bind_int(struct db_stmt *s, int n, int64_t v)
{
	return bound(s, n, s->be->bind_int(s->st, n, v));
}

int
db_bind_double(struct db_stmt *s, int n, double v)
{
	return bound(s, n, s->be->bind_double(s->st, n, v));
}

int
db_bind_bool(struct db_stmt *s, int n, bool v)
{
	return bound(s, n, s->be->bind_bool(s->st, n, v));
}

int
db_bind_textn(struct db_stmt *s, int n, const char *v, size_t len)
{
	if (!v)
		return db_bind_null(s, n);
	/* No backend may cut text short at a NUL, and PostgreSQL cannot
	 * store one: refuse it for all. */
	if (memchr(v, 0, len))
		return bound(s, n, SPIRE_EINVAL);
	return bound(s, n, s->be->bind_text(s->st, n, v, len));
}

int
db_bind_text(struct db_stmt *s, int n, const char *v)
{
	if (!v)
		return db_bind_null(s, n);
	return bound(s, n, s->be->bind_text(s->st, n, v, strlen(v)));
}

int
db_bind_text_kept(struct db_stmt *s, int n, const char *v)
{
	if (!v)
		return db_bind_null(s, n);
	int (*bind)(void *, int, const char *, size_t) =
	    s->be->bind_text_kept ? s->be->bind_text_kept : s->be->bind_text;
	return bound(s, n, bind(s->st, n, v, strlen(v)));
}

int
db_bind_blob(struct db_stmt *s, int n, const void *v, size_t len)
{
	return bound(s, n, s->be->bind_blob(s->st, n, v, len));
}

int
db_bind_null(struct db_stmt *s, int n)
{
	return bound(s, n, s->be->bind_null(s->st, n));
}

int
db_bind_id(struct db_stmt *s, int n, int64_t id)
{
	return id ? db_bind_int(s, n, id) : db_bind_null(s, n);
}

int
db_bind_json(struct db_stmt *s, int n, const json_t *v)
{
	if (!v || json_is_null(v))
		return db_bind_null(s, n);
	if (json_is_boolean(v))
		return db_bind_bool(s, n, json_is_true(v));
	if (json_is_integer(v))
		return db_bind_int(s, n, json_integer_value(v));
	if (json_is_real(v))
		return db_bind_double(s, n, json_real_value(v));
	if (json_is_string(v))
		return db_bind_textn(s, n, json_string_value(v),
		                     json_string_length(v));
	char *text = json_dumps(v, JSON_COMPACT);
	if (!text)
		return bound(s, n, SPIRE_ENOMEM);
	int rc = db_bind_text(s, n, text);
	free(text);
	return rc;
}

int
db_step(struct db_stmt *s, struct err *e)
{
	if (s->bind_rc) {
		if (s->bind_rc == SPIRE_ENOMEM)
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		if (s->bind_rc == SPIRE_EINVAL)
			return err_set(e, SPIRE_EINVAL, NULL,
			               "Remove the hidden characters from what "
			               "you entered");
		return err_set(e, s->bind_rc, NULL,
		               "store error: parameter $%d could not be bound",
		               s->bind_n);
	}
	return s->be->step(s->st, e);
}

int
db_step_id(struct db_stmt *s, int64_t *id, struct err *e)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

void
db_done(struct db_stmt *s)
{
	if (!s)
		return;
	s->be->reset(s->st);
	s->bind_rc = 0;
}

void *
db_stmt_memo(const struct db_stmt *s)
{
	return s->memo;
}

void
db_stmt_set_memo(struct db_stmt *s, void *memo, void (*memo_free)(void *))
{
	s->memo = memo;
	s->memo_free = memo_free;
}

int
db_column_count(struct db_stmt *s)
{
	return s->be->column_count(s->st);
}

const char *
db_column_name(struct db_stmt *s, int i)
{
	return s->be->column_name(s->st, i);
}

enum db_type
db_column_type(struct db_stmt *s, int i)
{
	return s->be->column_type(s->st, i);
}

int64_t
db_col_int(struct db_stmt *s, int i)
{
	return s->be->col_int(s->st, i);
}

double
db_col_double(struct db_stmt *s, int i)
{
	return s->be->col_double(s->st, i);
}

bool
db_col_bool(struct db_stmt *s, int i)
{
	return s->be->col_bool(s->st, i);
}

const char *
db_col_text(struct db_stmt *s, int i)
{
	return s->be->col_text(s->st, i, NULL);
}

const char *
db_col_textn(struct db_stmt *s, int i, size_t *len)
{
	return s->be->col_text(s->st, i, len);
}

const void *
db_col_blob(struct db_stmt *s, int i, size_t *len)
{
	return s->be->col_blob(s->st, i, len);
}

/* Whether the len bytes at s are all ASCII, eight at a time. */
static int
ascii_only(const char *s, size_t len)
{
	uint64_t any = 0, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	for (; i < len; i++)
		any |= (unsigned char)s[i];
	return (any & 0x8080808080808080ull) == 0;
}

json_t *
db_json_text(const char *text, size_t len)
{
	return ascii_only(text, len) ? json_stringn_nocheck(text, len)
	                             : json_stringn(text, len);
}

json_t *
db_row_json(struct db_stmt *s)
{
	const struct db_backend *be = s->be;
	if (be->row_json)
		return be->row_json(s->st);
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	int n = be->column_count(s->st);
	for (int i = 0; i < n; i++) {
		json_t *v;
		size_t len;
		const char *text;
		switch (be->column_type(s->st, i)) {
		case DB_T_INT:
			v = json_integer(be->col_int(s->st, i));
			break;
		case DB_T_REAL:
			v = json_real(be->col_double(s->st, i));
			break;
		case DB_T_BOOL:
			v = json_boolean(be->col_bool(s->st, i));
			break;
		case DB_T_TEXT:
			text = be->col_text(s->st, i, &len);
			v = db_json_text(text ? text : "", text ? len : 0);
			break;
		default:
			v = json_null();
		}
		if (!v ||
		    json_object_set_new(obj, be->column_name(s->st, i), v)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

int64_t
db_changes(struct db *db)
{
	return db->be->changes(db->conn);
}

int
db_begin(struct db *db, struct err *e)
{
	return db->be->begin(db->conn, e);
}

int
db_begin_log(struct db *db, struct err *e)
{
	return db->be->begin_log ? db->be->begin_log(db->conn, e)
	                         : db->be->begin(db->conn, e);
}

int
db_commit(struct db *db, struct err *e)
{
	return db->be->commit(db->conn, e);
}

void
db_rollback(struct db *db)
{
	db->be->rollback(db->conn);
}

int
db_begin_read(struct db *db, struct err *e)
{
	return db->be->begin_read(db->conn, e);
}

void
db_end_read(struct db *db)
{
	db->be->end_read(db->conn);
}

int
db_read_share(struct db *db, char *id, size_t len, struct err *e)
{
	if (len < DB_SNAPSHOT_ID_LEN)
		return err_set(e, SPIRE_EINVAL, NULL, "snapshot id too short");
	id[0] = 0;
	return db->be->read_share ? db->be->read_share(db->conn, id, len, e)
	                          : 0;
}

int
db_begin_read_at(struct db *db, const char *id, struct err *e)
{
	if (db->be->begin_read_at)
		return db->be->begin_read_at(db->conn, id ? id : "", e);
	if (id && id[0])
		return err_set(e, SPIRE_EINVAL, NULL, "no such snapshot");
	return db->be->begin_read(db->conn, e);
}

int
db_generation(struct db *db, struct db_generation *out)
{
	if (!db || !db->be->generation)
		return 0;
	return db->be->generation(db->conn, out->bytes);
}

int
db_backup_into(struct db *db, const char *path, struct err *e)
{
	return db->be->backup_into(db->conn, path, e);
}

int
db_integrity_check(struct db *db, struct err *e)
{
	return db->be->integrity_check(db->conn, e);
}

int
db_has_table(struct db *db, const char *name, bool *exists, struct err *e)
{
	return db->be->has_table(db->conn, name, exists, e);
}

int
db_bulk_mode(struct db *db, struct err *e)
{
	return db->be->bulk_mode ? db->be->bulk_mode(db->conn, e) : 0;
}

/*
 * families.c - family and family member records, and the queries that
 * join members to the people they are.
 */
#include "store/families.h"

#include "core/buf.h"
#include "core/json_text.h"
#include "core/vocab_casework.h"

const struct field FAMILIES_FIELDS[] = {
    {"name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL, NULL},
    {"notes", FT_TEXT, 0, 0, 4000, NULL, NULL},
    {"owner_team_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    /* The family's lead practitioner (One Family, One Plan). */
    {"key_worker_id", FT_ID, 0, 0, 0, NULL, NULL},
};

static const char *const FAMILY_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.key_worker_id)"
    " AS key_worker_name",
    NULL,
};

const struct field FAMILY_MEMBERS_FIELDS[] = {
    {"family_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"member_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_FAMILY_MEMBER_TYPES,
     "type of family member"},
    {"relationship", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_FAMILY_RELATIONSHIPS,
     NULL},
    {"child_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"parental_responsibility", FT_BOOL, 0, 0, 0, NULL,
     "the person has parental responsibility"},
    {"in_household", FT_BOOL, 0, 0, 0, NULL,
     "the person lives in the household"},
    {"wider_network", FT_BOOL, 0, 0, 0, NULL,
     "the person is in the family’s wider network"},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL},
};

struct record_table FAMILIES_TABLE = {
    .type = "family",
    .table = "families",
    .fields = FAMILIES_FIELDS,
    .n_fields = FIELDS_COUNT(FAMILIES_FIELDS),
    .columns = FAMILY_COLUMNS,
    .flags = RT_REOPEN | RT_NO_CLOSED_BY,
};

struct record_table FAMILY_MEMBERS_TABLE = {
    .type = "family_member",
    .table = "family_members",
    .fields = FAMILY_MEMBERS_FIELDS,
    .n_fields = FIELDS_COUNT(FAMILY_MEMBERS_FIELDS),
    .flags = RT_REOPEN | RT_NO_CLOSED_BY,
};

int
store_families_members(struct db *db, int64_t family_id, json_t **out,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT m.id, m.version, m.family_id, m.person_id, m.member_type,"
	    " m.relationship, m.child_id, m.parental_responsibility,"
	    " m.in_household, m.wider_network, m.notes, m.created_at,"
	    " p.given_name, p.family_name, p.preferred_name, p.date_of_birth,"
	    " p.sex FROM family_members m JOIN people p ON p.id = m.person_id"
	    " WHERE m.family_id = $1 AND m.closed_at IS NULL"
	    " ORDER BY m.member_type <> 'child', p.date_of_birth,"
	    " p.family_name, p.given_name, m.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	return record_rows(s, out, e);
}

/* Run s, the family members to change (id, version, person_id), and
 * close each with reason, or reopen each when `reopen`; the rows in
 * *changed (caller owns) when all were changed, else NULL. */
static int
change_members(struct db *db, struct db_stmt *s, int reopen, const char *reason,
               const char *at, int64_t user_id, json_t **changed, struct err *e)
{
	json_t *rows = NULL;
	int rc = record_rows(s, &rows, e);
	if (rc)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m)
	{
		int64_t id = json_integer_value(json_object_get(m, "id"));
		int64_t version =
		    json_integer_value(json_object_get(m, "version"));
		rc = reopen ? record_reopen(db, &FAMILY_MEMBERS_TABLE, id,
		                            version, at, user_id, e)
		            : record_close(db, &FAMILY_MEMBERS_TABLE, id,
		                           version, reason, at, user_id, e);
		if (rc)
			break;
	}
	if (rc == 0)
		*changed = rows;
	else
		json_decref(rows);
	return rc;
}

int
store_families_close_members(struct db *db, int64_t family_id,
                             const char *reason, const char *at,
                             int64_t user_id, json_t **changed, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version, person_id FROM family_members"
	    " WHERE family_id = $1 AND closed_at IS NULL ORDER BY id";
	*changed = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	return change_members(db, s, 0, reason, at, user_id, changed, e);
}

int
store_families_reopen_members(struct db *db, int64_t family_id,
                              const char *closed_at, const char *at,
                              int64_t user_id, json_t **changed, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version, person_id FROM family_members"
	    " WHERE family_id = $1 AND closed_at = $2 ORDER BY id";
	*changed = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	db_bind_text(s, 2, closed_at);
	return change_members(db, s, 1, NULL, at, user_id, changed, e);
}

int
store_families_of_person(struct db *db, int64_t person_id, json_t **out,
                         struct err *e)
{
	static const char sql[] =
	    "SELECT f.id, f.version, f.name, f.notes, f.owner_team_id,"
	    " f.created_at FROM families f WHERE f.closed_at IS NULL AND f.id"
	    " IN (SELECT m.family_id FROM family_members m WHERE"
	    " m.person_id = $1 AND m.closed_at IS NULL) ORDER BY f.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	return record_rows(s, out, e);
}

/* The columns of store_families_around's statement. */
enum {
	FA_FAMILY = 0,  /* f.id .. f.created_at: 6 columns */
	FA_MEMBER = 6,  /* m.id .. m.created_at: 12 columns */
	FA_PERSON = 18, /* p.given_name .. p.date_of_birth: 4 columns */
	FA_END = 22,
	FA_MEMBER_PERSON = FA_MEMBER + 3, /* m.person_id */
};

/* The current row's member as JSON text, the person nested in it. */
static int
write_member(struct db_stmt *s, const struct record_cols *member,
             const struct record_cols *person, struct buf *text)
{
	buf_add(text, "{", 1);
	record_cols_write(member, s, 0, text);
	buf_adds(text, ",\"person\":{\"id\":");
	json_text_int(text, db_col_int(s, FA_MEMBER_PERSON));
	record_cols_write(person, s, 1, text);
	return buf_adds(text, "}}");
}

int
store_families_around(struct db *db, int64_t person_id, struct buf *rows,
                      struct buf *text, struct err *e)
{
	/* The columns and orders of store_families_of_person and
	 * store_families_members, one after the other. Each family once:
	 * through the person's first open membership of it (a parent is a
	 * member once for each child), found by the index rather than by
	 * an IN list SQLite would build a table for. */
	static const char sql[] =
	    "SELECT f.id, f.version, f.name, f.notes, f.owner_team_id,"
	    " f.created_at,"
	    " m.id, m.version, m.family_id, m.person_id, m.member_type,"
	    " m.relationship, m.child_id, m.parental_responsibility,"
	    " m.in_household, m.wider_network, m.notes, m.created_at,"
	    " p.given_name, p.family_name, p.preferred_name, p.date_of_birth"
	    " FROM family_members o JOIN families f ON f.id = o.family_id"
	    " JOIN family_members m ON m.family_id = f.id"
	    " AND m.closed_at IS NULL JOIN people p ON p.id = m.person_id"
	    " WHERE o.person_id = $1 AND o.closed_at IS NULL"
	    " AND f.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM"
	    " family_members x WHERE x.family_id = o.family_id"
	    " AND x.person_id = o.person_id AND x.closed_at IS NULL"
	    " AND x.id < o.id)"
	    " ORDER BY f.id, m.member_type <> 'child', p.date_of_birth,"
	    " p.family_name, p.given_name, m.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	const struct record_cols *family = NULL, *member = NULL, *person = NULL;
	int rc;
	int64_t last = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (!last &&
		    (!(family = record_cols_of(s, FA_FAMILY, FA_MEMBER, NULL, 0,
		                               NULL)) ||
		     !(member = record_cols_of(
		           s, FA_MEMBER, FA_PERSON, FAMILY_MEMBERS_FIELDS,
		           FIELDS_COUNT(FAMILY_MEMBERS_FIELDS), NULL)) ||
		     !(person = record_cols_of(s, FA_PERSON, FA_END, NULL, 0,
		                               NULL)))) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		struct family_around_row r = {
		    .family_id = db_col_int(s, FA_FAMILY),
		    .owner_team_id = db_col_int(s, FA_FAMILY + 4),
		    .member_id = db_col_int(s, FA_MEMBER),
		    .person_id = db_col_int(s, FA_MEMBER_PERSON),
		};
		if (r.family_id != last) {
			r.family_at = text->len;
			buf_add(text, "{", 1);
			record_cols_write(family, s, 0, text);
			r.family_len = text->len - r.family_at;
			last = r.family_id;
		}
		r.member_at = text->len;
		write_member(s, member, person, text);
		r.member_len = text->len - r.member_at;
		if (buf_add(rows, &r, sizeof(r)) || text->err) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Step a statement that selects one integer: *v, or 0 when no row. */
static int
one_int(struct db_stmt *s, int64_t *v, struct err *e)
{
	*v = 0;
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*v = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_family_members_find(struct db *db, int64_t family_id, int64_t person_id,
                          int64_t child_id, int64_t exclude_id, int64_t *found,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM family_members WHERE family_id = $1"
	    " AND person_id = $2 AND COALESCE(child_id, 0) = $3 AND id <> $4"
	    " AND closed_at IS NULL LIMIT 1";
	*found = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, child_id);
	db_bind_int(s, 4, exclude_id);
	return one_int(s, found, e);
}

int
store_family_members_has(struct db *db, int64_t family_id, int64_t person_id,
                         const char *member_type, int *is_member, struct err *e)
{
	static const char sql[] =
	    "SELECT count(*) FROM family_members WHERE family_id = $1"
	    " AND person_id = $2 AND ($3 IS NULL OR member_type = $3)"
	    " AND closed_at IS NULL";
	*is_member = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	db_bind_int(s, 2, person_id);
	db_bind_text(s, 3, member_type);
	int64_t n;
	int rc = one_int(s, &n, e);
	*is_member = n > 0;
	return rc;
}

int
store_family_members_victim(struct db *db, int64_t family_id, int64_t person_id,
                            int *victim, struct err *e)
{
	/* The family's children are its open members and the people of the
	 * cases linked to it. */
	static const char sql[] =
	    "WITH fam(pid) AS (SELECT person_id FROM family_members"
	    " WHERE family_id = $1 AND closed_at IS NULL"
	    " UNION SELECT person_id FROM cases WHERE family_id = $1)"
	    " SELECT count(*) FROM yj_victims v WHERE v.closed_at IS NULL"
	    " AND ((v.victim_id = $2 AND v.person_id IN (SELECT pid FROM fam))"
	    " OR (v.person_id = $2 AND v.victim_id IN (SELECT pid FROM fam)))";
	*victim = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	db_bind_int(s, 2, person_id);
	int64_t n = 0;
	int rc = one_int(s, &n, e);
	*victim = n > 0;
	return rc;
}

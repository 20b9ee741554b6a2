/*
 * families.c - family and family member records, and the queries that
 * join members to the people they are.
 */
#include "store/families.h"

const struct field FAMILIES_FIELDS[] = {
    {"name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 200, NULL},
    {"notes", FT_TEXT, 0, 0, 4000, NULL},
    {"owner_team_id", FT_ID, FF_SERVER, 0, 0, NULL},
};

static const char family_get_sql[] =
    "SELECT id, version, name, notes, owner_team_id, created_at, created_by,"
    " updated_at, updated_by, closed_at, closed_reason FROM families"
    " WHERE id = $1";

static const char family_insert_sql[] =
    "INSERT INTO families(name, notes, owner_team_id, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";

static const char family_update_sql[] =
    "UPDATE families SET name=$3, notes=$4, owner_team_id=$5, updated_at=$6,"
    " updated_by=$7, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char family_close_sql[] =
    "UPDATE families SET closed_at=$3, closed_reason=$4, closed_by=$5,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

static const char family_reopen_sql[] =
    "UPDATE families SET closed_at = NULL, closed_reason = NULL,"
    " closed_by = NULL, updated_at = $3, updated_by = $4,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NOT NULL";

const struct record_sql FAMILIES_SQL = {
    "family",         FAMILIES_FIELDS,   FIELDS_COUNT(FAMILIES_FIELDS),
    family_get_sql,   family_insert_sql, family_update_sql,
    family_close_sql,
};

const struct record_reopen FAMILIES_REOPEN = {&FAMILIES_SQL, family_reopen_sql,
                                              NULL};

const char *const FAMILY_RELATIONSHIPS[] = {
    "child",
    "mother",
    "father",
    "parent",
    "step_mother",
    "step_father",
    "step_parent",
    "grandmother",
    "grandfather",
    "grandparent",
    "sibling",
    "half_sibling",
    "step_sibling",
    "aunt",
    "uncle",
    "cousin",
    "other_relative",
    "carer",
    "foster_carer",
    "kinship_carer",
    "special_guardian",
    "corporate_parent",
    "partner_of_parent",
    "friend",
    "network_member",
    "other",
    NULL,
};

static const char *const MEMBER_TYPES[] = {"child", "adult", NULL};

const struct field FAMILY_MEMBERS_FIELDS[] = {
    {"family_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"person_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"member_type", FT_ENUM, FF_REQUIRED, 0, 0, MEMBER_TYPES},
    {"relationship", FT_ENUM, FF_REQUIRED, 0, 0, FAMILY_RELATIONSHIPS},
    {"child_id", FT_ID, 0, 0, 0, NULL},
    {"parental_responsibility", FT_BOOL, 0, 0, 0, NULL},
    {"in_household", FT_BOOL, 0, 0, 0, NULL},
    {"wider_network", FT_BOOL, 0, 0, 0, NULL},
    {"notes", FT_TEXT, 0, 0, 2000, NULL},
};

#define MEMBER_COLUMNS                                                         \
	"family_id, person_id, member_type, relationship, child_id,"           \
	" parental_responsibility, in_household, wider_network, notes"

static const char member_get_sql[] =
    "SELECT id, version, " MEMBER_COLUMNS ", created_at, created_by,"
    " updated_at, updated_by, closed_at, closed_reason FROM family_members"
    " WHERE id = $1";

static const char member_insert_sql[] =
    "INSERT INTO family_members(" MEMBER_COLUMNS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

static const char member_update_sql[] =
    "UPDATE family_members SET family_id=$3, person_id=$4, member_type=$5,"
    " relationship=$6, child_id=$7, parental_responsibility=$8,"
    " in_household=$9, wider_network=$10, notes=$11, updated_at=$12,"
    " updated_by=$13, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char member_close_sql[] =
    "UPDATE family_members SET closed_at=$3, closed_reason=$4, closed_by=$5,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

static const char member_reopen_sql[] =
    "UPDATE family_members SET closed_at = NULL, closed_reason = NULL,"
    " closed_by = NULL, updated_at = $3, updated_by = $4,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NOT NULL";

const struct record_sql FAMILY_MEMBERS_SQL = {
    "family_member",
    FAMILY_MEMBERS_FIELDS,
    FIELDS_COUNT(FAMILY_MEMBERS_FIELDS),
    member_get_sql,
    member_insert_sql,
    member_update_sql,
    member_close_sql,
};

const struct record_reopen FAMILY_MEMBERS_REOPEN = {&FAMILY_MEMBERS_SQL,
                                                    member_reopen_sql, NULL};

int
store_families_members(struct db *db, int64_t family_id, json_t **out,
                       struct err *e)
{
	static const char sql[] =
	    "SELECT m.id, m.version, m.family_id, m.person_id, m.member_type,"
	    " m.relationship, m.child_id, m.parental_responsibility,"
	    " m.in_household, m.wider_network, m.notes, m.created_at,"
	    " p.given_name, p.family_name, p.preferred_name, p.date_of_birth"
	    " FROM family_members m JOIN people p ON p.id = m.person_id"
	    " WHERE m.family_id = $1 AND m.closed_at IS NULL"
	    " ORDER BY m.member_type <> 'child', p.date_of_birth,"
	    " p.family_name, p.given_name, m.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	return record_rows(s, out, e);
}

int
store_families_close_members(struct db *db, int64_t family_id,
                             const char *reason, const char *at,
                             int64_t user_id, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version FROM family_members WHERE family_id = $1"
	    " AND closed_at IS NULL ORDER BY id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	json_t *open = NULL;
	int rc = record_rows(s, &open, e);
	if (rc)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(open, i, m)
	{
		rc = record_close(
		    db, &FAMILY_MEMBERS_SQL,
		    json_integer_value(json_object_get(m, "id")),
		    json_integer_value(json_object_get(m, "version")), reason,
		    at, user_id, e);
		if (rc)
			break;
	}
	json_decref(open);
	return rc;
}

int
store_families_reopen_members(struct db *db, int64_t family_id,
                              const char *closed_at, const char *at,
                              int64_t user_id, struct err *e)
{
	static const char sql[] =
	    "SELECT id, version FROM family_members WHERE family_id = $1"
	    " AND closed_at = $2 ORDER BY id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, family_id);
	db_bind_text(s, 2, closed_at);
	json_t *closed = NULL;
	int rc = record_rows(s, &closed, e);
	if (rc)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(closed, i, m)
	{
		rc = record_reopen(
		    db, &FAMILY_MEMBERS_REOPEN,
		    json_integer_value(json_object_get(m, "id")),
		    json_integer_value(json_object_get(m, "version")), at,
		    user_id, e);
		if (rc)
			break;
	}
	json_decref(closed);
	return rc;
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

/*
 * people_merge.c - the SQL of merging two person records: the one list of
 * person references (PERSON_REFS), what a merge would move, moving and
 * putting back, and the merge log. The rules about who may merge which
 * records are the service's (service/people_merge.c).
 */
#include "store/people_merge.h"

#include <string.h>

#include "store/record.h"

/*
 * Migration 17. people_merges is the log: one row per merge, undone_* set
 * when it was undone. people_merge_moves holds the id of every row a merge
 * re-pointed (ref is "table.column"), so that undoing moves back exactly
 * those rows and nothing recorded since. Portable SQL.
 */
const char SCHEMA_M017_PEOPLE_MERGE[] =
    "CREATE TABLE people_merges ("
    " id INTEGER PRIMARY KEY,"
    " kept_id INTEGER NOT NULL REFERENCES people(id),"
    " merged_id INTEGER NOT NULL REFERENCES people(id),"
    " reason TEXT NOT NULL,"
    " merged_at TEXT NOT NULL,"
    " merged_by INTEGER REFERENCES users(id),"
    " undone_at TEXT,"
    " undone_by INTEGER REFERENCES users(id),"
    " undone_reason TEXT,"
    " CHECK (kept_id <> merged_id)"
    ");"
    "CREATE INDEX people_merges_kept ON people_merges(kept_id);"
    "CREATE INDEX people_merges_merged ON people_merges(merged_id);"
    "CREATE TABLE people_merge_moves ("
    " merge_id INTEGER NOT NULL REFERENCES people_merges(id),"
    " ref TEXT NOT NULL,"
    " row_id INTEGER NOT NULL,"
    " PRIMARY KEY (merge_id, ref, row_id)"
    ");";

/* A column a merge moves: its texts derived from the names once, as
 * static literals. */
#define MOVE(t, c, label, clash) MOVE_SEALED(t, c, label, clash, NULL)

/* A column a merge moves, some of whose rows may be a parent's own
 * support: sealed counts them (struct person_ref). */
#define MOVE_SEALED(t, c, label, clash, sealed)                                \
	{                                                                      \
		t, c, PR_MOVE, label, clash,                                   \
		    "INSERT INTO people_merge_moves(merge_id, ref, row_id) "   \
		    "SELECT $3,"                                               \
		    " '" t "." c "', id FROM " t " WHERE " c                   \
		    " = $1 AND $2 > 0",                                        \
		    "UPDATE " t " SET " c " = $2 WHERE " c                     \
		    " = $1 AND id IN (SELECT"                                  \
		    " row_id FROM people_merge_moves WHERE merge_id = $3 AND " \
		    "ref = '" t "." c "')",                                    \
		    "UPDATE " t " SET " c " = $1 WHERE " c                     \
		    " = $2 AND id IN (SELECT"                                  \
		    " row_id FROM people_merge_moves WHERE merge_id = $3 AND " \
		    "ref = '" t "." c "')",                                    \
		    "SELECT COUNT(*) FROM " t " WHERE " c " = $1", sealed      \
	}

#define KEEP(t, c, how, label)                                                 \
	{                                                                      \
		t, c, how, label, NULL, NULL, NULL, NULL, NULL, NULL           \
	}

/* The rows of t whose column c is $1 and whose case (column cc) is of the
 * service whose code is $2; SEALED_JOIN_CASE for a row whose case is that
 * of the row its column j of table jt names. */
#define SEALED_CASE(t, c, cc)                                                  \
	"SELECT COUNT(*) FROM " t " k JOIN cases sc ON sc.id = k." cc          \
	" JOIN services ss ON ss.id = sc.service_id WHERE k." c " = $1"        \
	" AND ss.code = $2"
#define SEALED_JOIN_CASE(t, c, jt, j)                                          \
	"SELECT COUNT(*) FROM " t " k JOIN " jt " r ON r.id = k." j            \
	" JOIN cases sc ON sc.id = r.case_id JOIN services ss ON"              \
	" ss.id = sc.service_id WHERE k." c " = $1 AND ss.code = $2"

static const char SAME_FAMILY[] =
    "Both records are members of the same family. End one of the two "
    "family memberships before merging";

/* Cases first: store_merge_service_cases asks its sealed count. */
const struct person_ref PERSON_REFS[] = {
    MOVE_SEALED("cases", "person_id", "Cases", NULL,
                "SELECT COUNT(*) FROM cases k JOIN services ss ON ss.id ="
                " k.service_id WHERE k.person_id = $1 AND ss.code = $2"),
    MOVE("family_members", "person_id", "Family memberships", SAME_FAMILY),
    MOVE("family_members", "child_id",
         "Family members recorded in relation to them", SAME_FAMILY),
    MOVE("consents", "person_id", "Consents", NULL),
    MOVE("alerts", "person_id", "Alerts", NULL),
    MOVE_SEALED("contact_attendees", "person_id", "Contacts they attended",
                NULL,
                SEALED_JOIN_CASE("contact_attendees", "person_id", "contacts",
                                 "contact_id")),
    MOVE_SEALED("form_responses", "person_id", "Forms", NULL,
                SEALED_CASE("form_responses", "person_id", "case_id")),
    MOVE_SEALED("form_responses", "confidential_to",
                "Forms whose answers are kept to them", NULL,
                SEALED_CASE("form_responses", "confidential_to", "case_id")),
    MOVE("yj_offences", "person_id", "Offences", NULL),
    MOVE("yj_outcomes", "person_id", "Outcomes", NULL),
    MOVE("yj_assessments", "person_id", "Assessments", NULL),
    MOVE("yj_kpi_snapshots", "person_id", "Key performance snapshots", NULL),
    MOVE("yj_hearings", "person_id", "Court hearings", NULL),
    MOVE("yj_court_reports", "person_id", "Reports for court", NULL),
    MOVE("yj_victims", "person_id", "Victim records of their offences", NULL),
    MOVE("yj_victims", "victim_id", "Offences against them",
         "Both records are recorded as the victim of the same offence. "
         "Close one of the two victim records before merging"),
    MOVE("parent_supports", "person_id", "Parent support",
         "Both records have parent support for the same child. Close one "
         "before merging"),
    MOVE("parent_supports", "child_id", "Parent support for them as a child",
         "Both records have parent support from the same parent. Close "
         "one before merging"),
    MOVE_SEALED("parent_sessions", "person_id", "Parent sessions", NULL,
                SEALED_CASE("parent_sessions", "person_id", "case_id")),
    MOVE_SEALED("parent_sessions", "child_id", "Parent sessions about them",
                NULL, SEALED_CASE("parent_sessions", "child_id", "case_id")),
    MOVE_SEALED("parent_plan_items", "person_id", "Support plan items", NULL,
                SEALED_CASE("parent_plan_items", "person_id", "case_id")),
    MOVE_SEALED("parent_referrals", "person_id", "Referrals", NULL,
                SEALED_CASE("parent_referrals", "person_id", "case_id")),
    MOVE_SEALED("parent_referrals", "child_id", "Referrals about them", NULL,
                SEALED_CASE("parent_referrals", "child_id", "case_id")),
    MOVE("parent_preferences", "person_id", "Peer mentor preferences",
         "Both records have peer mentor preferences. Keep one set before "
         "merging"),
    MOVE_SEALED("peer_group_attendance", "person_id", "Peer group attendance",
                "Both records are on the register of the same peer group "
                "session. Remove one before merging",
                "SELECT COUNT(*) FROM peer_group_attendance k JOIN"
                " peer_group_sessions gs ON gs.id = k.session_id JOIN"
                " peer_groups g ON g.id = gs.group_id JOIN teams t ON"
                " t.id = g.team_id JOIN services ss ON ss.id = t.service_id"
                " WHERE k.person_id = $1 AND ss.code = $2"),
    MOVE("family_plan_actions", "owner_person_id", "Family plan actions", NULL),
    MOVE("users", "person_id", "Parent portal account", NULL),
    MOVE("parent_invitations", "person_id", "Invitations to the parent portal",
         NULL),
    KEEP("audit", "person_id", PR_THROUGH,
         "The audit trail (append-only: read through the merge)"),
    KEEP("measures_facts", "person_id", PR_DERIVED,
         "Figures for the measures (rebuilt)"),
    /* SQLite only (migration 26): empty outside a write's triggers. */
    KEEP("measures_queue", "person_id", PR_DERIVED,
         "The people whose figures a write recomputes"),
    KEEP("people_merges", "kept_id", PR_LOG, "The merge log"),
    KEEP("people_merges", "merged_id", PR_LOG, "The merge log"),
    {NULL, NULL, PR_LOG, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

const struct person_ref *
person_ref_find(const char *table, const char *column)
{
	for (const struct person_ref *r = PERSON_REFS; r->table; r++)
		if (strcmp(r->table, table) == 0 &&
		    strcmp(r->column, column) == 0)
			return r;
	return NULL;
}

int
store_merge_preview(struct db *db, int64_t merged_id, json_t **out,
                    struct err *e)
{
	*out = json_array();
	if (!*out)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	for (const struct person_ref *r = PERSON_REFS; r->table; r++) {
		if (r->how != PR_MOVE)
			continue;
		struct db_stmt *s = db_prepare(db, r->count, e);
		if (!s)
			goto fail;
		db_bind_int(s, 1, merged_id);
		int rc = db_step(s, e);
		int64_t n = rc == DB_ROW ? db_col_int(s, 0) : 0;
		db_done(s);
		if (rc < 0)
			goto fail;
		if (n &&
		    json_array_append_new(
		        *out, json_pack("{s:s,s:s,s:s,s:I}", "table", r->table,
		                        "column", r->column, "label", r->label,
		                        "count", (json_int_t)n))) {
			err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			goto fail;
		}
	}
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return e->code;
}

/* The count sql selects for $1 person_id and $2 code, in *n. */
static int
count_of(struct db *db, const char *sql, int64_t person_id, const char *code,
         int64_t *n, struct err *e)
{
	*n = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, code);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*n = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? e->code : 0;
}

int
store_merge_sealed_count(struct db *db, const struct person_ref *ref,
                         int64_t person_id, const char *code, int64_t *n,
                         struct err *e)
{
	*n = 0;
	return ref->sealed ? count_of(db, ref->sealed, person_id, code, n, e)
	                   : 0;
}

int
store_merge_service_cases(struct db *db, int64_t person_id, const char *code,
                          int64_t *n, struct err *e)
{
	/* The cases' sealed count, asked of any service. */
	return store_merge_sealed_count(db, &PERSON_REFS[0], person_id, code, n,
	                                e);
}

int
store_merge_victim_clash(struct db *db, int64_t a, int64_t b, int *clash,
                         struct err *e)
{
	/* x the victim, y the child who offended against x or a member of
	 * that child's open family (either way round). */
	static const char sql[] =
	    "SELECT 1 FROM yj_victims v WHERE v.closed_at IS NULL AND"
	    " ((v.victim_id = $1 AND v.person_id = $2)"
	    " OR (v.victim_id = $2 AND v.person_id = $1)"
	    " OR (v.victim_id = $1 AND EXISTS (SELECT 1 FROM family_members m"
	    " JOIN family_members o ON o.family_id = m.family_id"
	    " WHERE m.person_id = $2 AND o.person_id = v.person_id"
	    " AND m.closed_at IS NULL AND o.closed_at IS NULL))"
	    " OR (v.victim_id = $2 AND EXISTS (SELECT 1 FROM family_members m"
	    " JOIN family_members o ON o.family_id = m.family_id"
	    " WHERE m.person_id = $1 AND o.person_id = v.person_id"
	    " AND m.closed_at IS NULL AND o.closed_at IS NULL)))";
	*clash = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	*clash = rc == DB_ROW;
	return 0;
}

/* Run sql with $1 a, $2 b, $3 c; 0 or the error. */
static int
run3(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c,
     struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	db_bind_int(s, 3, c);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_merge_apply(struct db *db, int64_t kept_id, int64_t merged_id,
                  const char *reason, const char *at, int64_t by, int64_t *id,
                  struct err *e)
{
	static const char log_sql[] =
	    "INSERT INTO people_merges(kept_id, merged_id, reason, merged_at,"
	    " merged_by) VALUES ($1, $2, $3, $4, $5) RETURNING id";
	struct db_stmt *s = db_prepare(db, log_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, kept_id);
	db_bind_int(s, 2, merged_id);
	db_bind_text(s, 3, reason);
	db_bind_text(s, 4, at);
	db_bind_id(s, 5, by);
	int rc = db_step_id(s, id, e);
	if (rc)
		return rc;
	for (const struct person_ref *r = PERSON_REFS; r->table; r++) {
		if (r->how != PR_MOVE)
			continue;
		if ((rc = run3(db, r->record, merged_id, kept_id, *id, e)))
			return rc;
		rc = run3(db, r->move, merged_id, kept_id, *id, e);
		if (rc == SPIRE_ECONFLICT)
			return err_set(e, rc, "merged_id", "%s",
			               r->clash ? r->clash
			                        : "These records cannot be "
			                          "merged: both hold the same "
			                          "record");
		if (rc)
			return rc;
	}
	return 0;
}

int
store_merge_undo(struct db *db, int64_t id, const char *reason, const char *at,
                 int64_t by, struct err *e)
{
	static const char mark_sql[] =
	    "UPDATE people_merges SET undone_at = $2, undone_by = $3,"
	    " undone_reason = $4 WHERE id = $1 AND undone_at IS NULL"
	    " RETURNING kept_id, merged_id";
	struct db_stmt *s = db_prepare(db, mark_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, at);
	db_bind_id(s, 3, by);
	db_bind_text(s, 4, reason);
	int rc = db_step(s, e);
	int64_t kept = rc == DB_ROW ? db_col_int(s, 0) : 0;
	int64_t merged = rc == DB_ROW ? db_col_int(s, 1) : 0;
	db_done(s);
	if (rc < 0)
		return rc;
	if (!kept)
		return err_set(e, SPIRE_ECONFLICT, "id",
		               "This merge has already been undone");
	for (const struct person_ref *r = PERSON_REFS; r->table; r++) {
		if (r->how != PR_MOVE)
			continue;
		rc = run3(db, r->back, merged, kept, id, e);
		if (rc == SPIRE_ECONFLICT)
			return err_set(e, rc, "id", "%s",
			               r->clash
			                   ? r->clash
			                   : "This merge cannot be undone: "
			                     "a record it moved is now "
			                     "held twice");
		if (rc)
			return rc;
	}
	return 0;
}

#define MERGE_COLUMNS                                                          \
	"SELECT g.id, g.kept_id, g.merged_id, g.reason, g.merged_at,"          \
	" g.merged_by, mu.full_name AS merged_by_name, g.undone_at,"           \
	" g.undone_by, uu.full_name AS undone_by_name, g.undone_reason,"       \
	" k.given_name AS kept_given_name, k.family_name AS kept_family_name," \
	" m.given_name AS merged_given_name,"                                  \
	" m.family_name AS merged_family_name FROM people_merges g"            \
	" JOIN people k ON k.id = g.kept_id"                                   \
	" JOIN people m ON m.id = g.merged_id"                                 \
	" LEFT JOIN users mu ON mu.id = g.merged_by"                           \
	" LEFT JOIN users uu ON uu.id = g.undone_by"

int
store_merge_get(struct db *db, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = MERGE_COLUMNS " WHERE g.id = $1";
	return record_row(db, sql, id, out, e);
}

int
store_merge_list(struct db *db, int64_t person_id, json_t **out, struct err *e)
{
	static const char sql[] =
	    MERGE_COLUMNS " WHERE g.kept_id = $1 OR g.merged_id = $1"
	                  " ORDER BY g.id DESC";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	return record_rows(s, out, e);
}

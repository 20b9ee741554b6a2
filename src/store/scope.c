/*
 * scope.c - SQL that measures a user's relation to a record.
 */
#include "store/scope.h"

#include "store/scope_yj.h"

/* Relation of $2 user / $3 team / $4 service to the cases of person $1 and
 * of everyone sharing an open family with them, and to the person's owner
 * team. */
#define PERSON_RELATION(pid)                                                   \
	"max(ifnull((SELECT max(CASE WHEN c.worker_id = $2 THEN 3"             \
	" WHEN c.team_id = $3 THEN 2 WHEN c.service_id = $4 THEN 1 ELSE 0"     \
	" END) FROM cases c WHERE c.person_id IN (SELECT " pid " UNION"        \
	" SELECT fm2.person_id FROM family_members fm1 JOIN family_members"    \
	" fm2 ON fm2.family_id = fm1.family_id AND fm2.closed_at IS NULL"      \
	" WHERE fm1.person_id = " pid " AND fm1.closed_at IS NULL)), 0),"      \
	" (SELECT CASE WHEN t.id = $3 THEN 2 WHEN t.service_id = $4 THEN 1"    \
	" ELSE 0 END FROM people op JOIN teams t ON t.id = op.owner_team_id"   \
	" WHERE op.id = " pid "), 0)"

static const char person_sql[] =
    "SELECT p.id, " PERSON_RELATION("p.id") " FROM people p WHERE p.id = $1";

/* Relation to family f through the cases linked to it or held by its open
 * members, and through its owner team. */
#define FAMILY_RELATION(f)                                                     \
	"max(ifnull((SELECT max(CASE WHEN c.worker_id = $2 THEN 3"             \
	" WHEN c.team_id = $3 THEN 2 WHEN c.service_id = $4 THEN 1 ELSE 0"     \
	" END) FROM cases c WHERE c.family_id = " f ".id OR c.person_id IN"    \
	" (SELECT fm.person_id FROM family_members fm WHERE fm.family_id = " f \
	".id AND fm.closed_at IS NULL)), 0), ifnull((SELECT CASE WHEN"         \
	" t.id = $3 THEN 2 WHEN t.service_id = $4 THEN 1 ELSE 0 END FROM"      \
	" teams t WHERE t.id = " f ".owner_team_id), 0))"

static const char family_sql[] =
    "SELECT 0, " FAMILY_RELATION("f") " FROM families f WHERE f.id = $1";

static const char family_member_sql[] = "SELECT m.person_id, " FAMILY_RELATION(
    "f") " FROM family_members m"
         " JOIN families f ON f.id = m.family_id WHERE m.id = $1";

#define CASE_RELATION(c)                                                       \
	"CASE WHEN " c ".worker_id = $2 THEN 3 WHEN " c ".team_id = $3 THEN 2" \
	" WHEN " c ".service_id = $4 THEN 1 ELSE 0 END"

static const char case_sql[] =
    "SELECT c.person_id, " CASE_RELATION("c") " FROM cases c WHERE c.id = $1";

static const char contact_sql[] = "SELECT c.person_id, " CASE_RELATION(
    "c") " FROM contacts k JOIN cases c"
         " ON c.id = k.case_id WHERE k.id = $1";

static const char task_sql[] =
    "SELECT c.person_id, max(CASE WHEN k.owner_id = $2 THEN 3 WHEN k.team_id"
    " = $3 THEN 2 WHEN t.service_id = $4 THEN 1 ELSE 0 END, "
    "ifnull(" CASE_RELATION(
        "c") ", 0)) FROM tasks k JOIN teams t ON t.id = k.team_id"
             " LEFT JOIN cases c ON c.id = k.case_id WHERE k.id = $1";

static const char consent_sql[] = "SELECT k.person_id, " PERSON_RELATION(
    "k.person_id") " FROM consents k WHERE k.id = $1";

const char *
scope_kind_name(enum record_kind kind)
{
	switch (kind) {
	case RK_PERSON:
		return "person";
	case RK_FAMILY:
		return "family";
	case RK_CASE:
		return "case";
	case RK_CONTACT:
		return "contact";
	case RK_TASK:
		return "task";
	case RK_CONSENT:
		return "consent";
	case RK_FAMILY_MEMBER:
		return "family_member";
	default:
		return scope_yj_kind_name(kind);
	}
}

int
scope_relation(struct db *db, const struct scope_subject *subject,
               enum record_kind kind, int64_t id, enum relation *rel,
               int64_t *person_id, struct err *e)
{
	const char *sql;
	*rel = REL_NONE;
	*person_id = 0;
	switch (kind) {
	case RK_PERSON:
		sql = person_sql;
		break;
	case RK_FAMILY:
		sql = family_sql;
		break;
	case RK_CASE:
		sql = case_sql;
		break;
	case RK_CONTACT:
		sql = contact_sql;
		break;
	case RK_TASK:
		sql = task_sql;
		break;
	case RK_CONSENT:
		sql = consent_sql;
		break;
	case RK_FAMILY_MEMBER:
		sql = family_member_sql;
		break;
	default:
		sql = scope_yj_sql(kind);
		if (!sql)
			return err_set(e, SPIRE_EDB, NULL,
			               "no scope for this kind");
	}
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, subject->user_id);
	db_bind_int(s, 3, subject->team_id ? subject->team_id : -1);
	db_bind_int(s, 4, subject->service_id ? subject->service_id : -1);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*person_id =
		    db_column_type(s, 0) == DB_T_NULL ? 0 : db_col_int(s, 0);
		*rel = (enum relation)db_col_int(s, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, "id", "no %s with id %lld",
		             scope_kind_name(kind), (long long)id);
	}
	db_done(s);
	return rc;
}

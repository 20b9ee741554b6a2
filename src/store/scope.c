/*
 * scope.c - SQL that measures a user's relation to a record.
 */
#include "store/scope.h"

#include "store/forms/responses.h"
#include "store/scope_yj.h"

/*
 * A person's relation is found in two steps, cheapest first: their own
 * cases and the team that created them, then (only when that is not close
 * enough) the cases of everyone sharing an open family with them. $1 person,
 * $2 user, $3 team, $4 service.
 */
#define CASE_LEVEL(c)                                                          \
	"CASE WHEN " c ".worker_id = $2 THEN 3 WHEN " c ".team_id = $3 THEN 2" \
	" WHEN " c ".service_id = $4 THEN 1 ELSE 0 END"
#define TEAM_LEVEL(t)                                                          \
	"CASE WHEN " t ".id = $3 THEN 2 WHEN " t ".service_id = $4 THEN 1"     \
	" ELSE 0 END"

static const char person_own_sql[] =
    "SELECT p.id, max(COALESCE((SELECT max(" CASE_LEVEL(
        "c") ") FROM cases c WHERE c.person_id = p.id), 0), COALESCE((SELECT"
             " " TEAM_LEVEL("t") " FROM teams t WHERE t.id = p.owner_team_id),"
                                 " 0)) FROM people p WHERE p.id = $1";

static const char person_family_sql[] = "SELECT $1, COALESCE(max(" CASE_LEVEL(
    "c") "), 0) FROM family_members fm1 JOIN family_members fm2"
         " ON fm2.family_id = fm1.family_id AND fm2.closed_at IS NULL"
         " JOIN cases c ON c.person_id = fm2.person_id"
         " WHERE fm1.person_id = $1 AND fm1.closed_at IS NULL";

/* Relation to family f through the cases linked to it or held by its open
 * members, and through its owner team. */
#define FAMILY_RELATION(f)                                                     \
	"max(COALESCE((SELECT max(" CASE_LEVEL(                                \
	    "c") ") FROM cases c"                                              \
	         " WHERE c.family_id = " f                                     \
	         ".id OR c.person_id IN (SELECT fm.person_id"                  \
	         " FROM family_members fm WHERE fm.family_id = " f ".id AND"   \
	         " fm.closed_at IS NULL)), 0), COALESCE((SELECT " TEAM_LEVEL(  \
	             "t") " FROM teams t WHERE t.id = " f                      \
	                  ".owner_team_id), 0))"

static const char family_sql[] =
    "SELECT 0, " FAMILY_RELATION("f") " FROM families f WHERE f.id = $1";

static const char family_member_sql[] = "SELECT m.person_id, " FAMILY_RELATION(
    "f") " FROM family_members m"
         " JOIN families f ON f.id = m.family_id WHERE m.id = $1";

static const char case_sql[] =
    "SELECT c.person_id, " CASE_LEVEL("c") " FROM cases c WHERE c.id = $1";

static const char contact_sql[] = "SELECT c.person_id, " CASE_LEVEL(
    "c") " FROM contacts k JOIN cases c"
         " ON c.id = k.case_id WHERE k.id = $1";

static const char task_sql[] =
    "SELECT c.person_id, max(CASE WHEN k.owner_id = $2 THEN 3 WHEN k.team_id"
    " = $3 THEN 2 WHEN t.service_id = $4 THEN 1 ELSE 0 END, "
    "COALESCE(" CASE_LEVEL(
        "c") ", 0)) FROM tasks k JOIN teams t ON t.id = k.team_id"
             " LEFT JOIN cases c ON c.id = k.case_id WHERE k.id = $1";

/* Is $1 a victim, and the relation through their own cases only. */
static const char victim_sql[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM yj_victims v WHERE"
    " v.victim_id = $1 AND v.closed_at IS NULL) THEN 1 ELSE 0 END,"
    " COALESCE((SELECT max(" CASE_LEVEL("c") ") FROM cases c"
                                             " WHERE c.person_id = $1), 0)";

/* A consent relates to the user as its person does. */
static const char consent_person_sql[] =
    "SELECT person_id FROM consents WHERE id = $1";

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
	case RK_FORM_RESPONSE:
		return "form_response";
	default:
		return scope_yj_kind_name(kind);
	}
}

/* Run one relation query: *person_id from column 0, the level from 1. */
static int
relation_query(struct db *db, const char *sql,
               const struct scope_subject *subject, int64_t id,
               enum relation *rel, int64_t *person_id, struct err *e)
{
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
		rc = SPIRE_ENOTFOUND;
	}
	db_done(s);
	return rc;
}

static int
person_relation(struct db *db, const struct scope_subject *subject, int64_t id,
                enum relation enough, enum relation *rel, struct err *e)
{
	int64_t pid;
	int rc = relation_query(db, person_own_sql, subject, id, rel, &pid, e);
	if (rc || *rel >= enough)
		return rc;
	enum relation via_family = REL_NONE;
	rc = relation_query(db, person_family_sql, subject, id, &via_family,
	                    &pid, e);
	if (rc == 0 && via_family > *rel)
		*rel = via_family;
	return rc;
}

/* The person a consent is about. */
static int
consent_person(struct db *db, int64_t id, int64_t *person_id, struct err *e)
{
	struct db_stmt *s = db_prepare(db, consent_person_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*person_id = db_col_int(s, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = SPIRE_ENOTFOUND;
	}
	db_done(s);
	return rc;
}

int
scope_relation(struct db *db, const struct scope_subject *subject,
               enum record_kind kind, int64_t id, enum relation enough,
               enum relation *rel, int64_t *person_id, struct err *e)
{
	const char *sql = NULL;
	int rc;
	*rel = REL_NONE;
	*person_id = 0;
	switch (kind) {
	case RK_PERSON:
		rc = person_relation(db, subject, id, enough, rel, e);
		if (rc == 0)
			*person_id = id;
		break;
	case RK_CONSENT:
		rc = consent_person(db, id, person_id, e);
		if (rc == 0)
			rc = person_relation(db, subject, *person_id, enough,
			                     rel, e);
		break;
	case RK_FORM_RESPONSE: {
		enum record_kind of;
		int64_t subject_id;
		rc = store_form_response_subject(db, id, &of, &subject_id, e);
		if (rc == 0)
			rc = scope_relation(db, subject, of, subject_id, enough,
			                    rel, person_id, e);
		break;
	}
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
	case RK_FAMILY_MEMBER:
		sql = family_member_sql;
		break;
	default:
		sql = scope_yj_sql(kind);
		if (!sql)
			return err_set(e, SPIRE_EDB, NULL,
			               "no scope for this kind");
	}
	if (sql)
		rc = relation_query(db, sql, subject, id, rel, person_id, e);
	if (rc == SPIRE_ENOTFOUND)
		rc = err_set(e, SPIRE_ENOTFOUND, "id",
		             "This record does not exist");
	return rc;
}

int
scope_victim(struct db *db, const struct scope_subject *subject,
             int64_t person_id, int *victim, enum relation *case_rel,
             struct err *e)
{
	int64_t flag = 0;
	*victim = 0;
	*case_rel = REL_NONE;
	int rc = relation_query(db, victim_sql, subject, person_id, case_rel,
	                        &flag, e);
	if (rc == 0)
		*victim = flag != 0;
	return rc;
}

/*
 * scope.c - the casework record kinds, and the SQL that measures a user's
 * relation to a record of any kind. What each kind is lives in its
 * declaration (struct record_kind); this file holds no list of kinds
 * other than the casework domain's own table.
 */
#include "store/scope.h"

#include <stdio.h>

#include "store/forms/responses.h"
#include "store/measures/measures_sql.h"
#include "store/parenting/family_plan.h"
#include "store/team/team_week.h"

_Static_assert(REL_OWN == 3 && REL_TEAM == 2 && REL_SERVICE == 1 &&
                   REL_NONE == 0,
               "SCOPE_LEVEL writes the relation's values as numbers");

/* A kind's own statement: its row aliased o with id $1, selecting the
 * person it is about and the relation. */
#define OWN_SQL(person, level, table)                                          \
	"SELECT " person ", " level " FROM " table " o WHERE o.id = $1"

/* The relation to the team row t (a team holds no one as "own"). */
#define TEAM_LEVEL(t)                                                          \
	SCOPE_LEVEL("NULL", t ".id", t ".service_id", "$2", "$3", "$4")

/* The relation to the case row c, in scope_relation's parameters. */
#define CASE_LEVEL(c) SCOPE_CASE_LEVEL(c, "$2", "$3", "$4")

/*
 * A person's relation is found in two steps, cheapest first: their own
 * cases and the team that created them, then (only when that is not close
 * enough) the cases of everyone sharing an open family with them. $1 person,
 * $2 user, $3 team, $4 service.
 */
static const char person_own_sql[] = "SELECT p.id, " SCOPE_MAX2(
    "COALESCE((SELECT max(" CASE_LEVEL(
        "c") ") FROM cases c WHERE c.person_id = p.id), 0)",
    "COALESCE((SELECT " TEAM_LEVEL(
        "t") " FROM teams t WHERE t.id = p.owner_team_id), 0)") " FROM"
                                                                " people p"
                                                                " WHERE"
                                                                " p.id ="
                                                                " $1";

static const char person_family_sql[] =
    "SELECT CAST($1 AS BIGINT), COALESCE(max(" CASE_LEVEL(
        "c") "), 0) FROM family_members fm1 JOIN family_members fm2"
             " ON fm2.family_id = fm1.family_id AND fm2.closed_at IS NULL"
             " JOIN cases c ON c.person_id = fm2.person_id"
             " WHERE fm1.person_id = $1 AND fm1.closed_at IS NULL";

/* Relation to family f through the cases linked to it or held by its open
 * members, and through its owner team. The two kinds of case are two
 * lookups, each by an index (cases_family, migration 12;
 * family_members_open_family then cases_person_holder): one condition
 * joined by OR read every case. */
#define FAMILY_LEVEL(f)                                                        \
	SCOPE_MAX3(                                                            \
	    "COALESCE((SELECT max(" CASE_LEVEL(                                \
	        "c") ") FROM cases c WHERE c.family_id = " f ".id), 0)",       \
	    "COALESCE((SELECT max(" CASE_LEVEL(                                \
	        "c") ") FROM family_members fm"                                \
	             " JOIN cases c ON c.person_id = fm.person_id"             \
	             " WHERE fm.family_id = " f                                \
	             ".id AND fm.closed_at IS NULL), 0)",                      \
	    "COALESCE((SELECT " TEAM_LEVEL(                                    \
	        "t") " FROM teams t WHERE t.id = " f ".owner_team_id), 0)")

/* A family's owner team alone, the cheap first step of family_relation:
 * the family's row and its team's, each by its key. */
static const char family_team_sql[] =
    "SELECT NULL, COALESCE((SELECT " TEAM_LEVEL(
        "t") " FROM teams t WHERE t.id = o.owner_team_id), 0) FROM families o"
             " WHERE o.id = $1";

/* A task relates as its owner and team do, or as its case does. */
#define TASK_LEVEL                                                             \
	SCOPE_LEVEL("k.owner_id", "k.team_id", "t.service_id", "$2", "$3", "$4")

static const char task_sql[] = "SELECT c.person_id, " SCOPE_MAX2(
    TASK_LEVEL,
    "COALESCE(" CASE_LEVEL(
        "c") ", 0)") " FROM tasks k JOIN teams t ON t.id = k.team_id"
                     " LEFT JOIN cases c ON c.id = k.case_id WHERE k.id = $1";

/* Is $1 a victim, and the relation through their own cases only. */
static const char victim_sql[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM yj_victims v WHERE"
    " v.victim_id = $1 AND v.closed_at IS NULL) THEN 1 ELSE 0 END,"
    " COALESCE((SELECT max(" CASE_LEVEL("c") ") FROM cases c"
                                             " WHERE c.person_id = $1), 0)";

static int person_relation(struct db *db, const struct scope_subject *subject,
                           const struct record_kind *kind, int64_t id,
                           enum relation enough, enum relation *rel,
                           int64_t *person_id, struct err *e);
static int family_relation(struct db *db, const struct scope_subject *subject,
                           const struct record_kind *kind, int64_t id,
                           enum relation enough, enum relation *rel,
                           int64_t *person_id, struct err *e);

const struct record_kind RK_PERSON[1] = {{
    .name = "person",
    .table = "people",
    .relation = person_relation,
    .flags = KIND_VICTIM_RULE,
    .label = "person's record",
    .open_sql = SCOPE_OPEN_SQL("people", ""),
    .kept_sql = SCOPE_OPEN_SQL("people", ""),
}};

const struct record_kind RK_CASE[1] = {{
    .name = "case",
    .table = "cases",
    .person = "o.person_id",
    .level = CASE_LEVEL("o"),
    .sql = OWN_SQL("o.person_id", CASE_LEVEL("o"), "cases"),
    /* Open: not closed and still running. Kept: not closed as entered
     * in error (a case that has ended still holds its records). */
    .open_sql = SCOPE_OPEN_SQL("cases", " AND status = 'open'"),
    .kept_sql = "SELECT CASE WHEN " EIE("cases") " THEN 0 ELSE 1 END"
                                                 " FROM cases WHERE id = $1",
}};

const struct record_kind RK_FAMILY[1] = {{
    .name = "family",
    .table = "families",
    .person = "NULL",
    .level = FAMILY_LEVEL("o"),
    .relation = family_relation,
    .sql = OWN_SQL("NULL", FAMILY_LEVEL("o"), "families"),
    .open_sql = SCOPE_OPEN_SQL("families", ""),
    .kept_sql = SCOPE_OPEN_SQL("families", ""),
}};

const struct record_kind RK_TEAM[1] = {{
    .name = "team",
    .table = "teams",
    .person = "NULL",
    .level = TEAM_LEVEL("o"),
    .sql = OWN_SQL("NULL", TEAM_LEVEL("o"), "teams"),
    .open_sql = SCOPE_OPEN_SQL("teams", ""),
    .kept_sql = SCOPE_OPEN_SQL("teams", ""),
}};

const struct record_kind RK_CONTACT[1] = {{
    .name = "contact",
    .table = "contacts",
    .via = "case_id",
    .of = RK_CASE,
    .sql = SCOPE_VIA_JOIN_SQL("o.person_id", CASE_LEVEL("o"), "contacts",
                              "cases", "case_id"),
    /* A contact is only ever closed as entered in error (or, standing for
     * a parent session, when the session is no longer held): either way
     * it never happened. */
    .open_sql = SCOPE_OPEN_SQL("contacts", ""),
    .kept_sql = SCOPE_OPEN_SQL("contacts", ""),
}};

const struct record_kind RK_TASK[1] = {{
    .name = "task",
    .table = "tasks",
    .sql = task_sql,
}};

/* A consent relates to the user as its person does. */
const struct record_kind RK_CONSENT[1] = {{
    .name = "consent",
    .table = "consents",
    .via = "person_id",
    .of = RK_PERSON,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("person_id", "NULL", "consents"),
    .flags = KIND_VICTIM_RULE,
}};

/* A family's member row relates as its family does. */
const struct record_kind RK_FAMILY_MEMBER[1] = {{
    .name = "family_member",
    .table = "family_members",
    .via = "family_id",
    .of = RK_FAMILY,
    .about = "person_id",
    .sql = SCOPE_VIA_JOIN_SQL("k.person_id", FAMILY_LEVEL("o"),
                              "family_members", "families", "family_id"),
}};

const struct record_kind *const SCOPE_CASEWORK_KINDS[] = {
    RK_PERSON,  RK_FAMILY,        RK_CASE, RK_CONTACT, RK_TASK,
    RK_CONSENT, RK_FAMILY_MEMBER, RK_TEAM, RK_ALERT,   NULL,
};

const char *
scope_kind_name(const struct record_kind *kind)
{
	return kind ? kind->name : "record";
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
person_relation(struct db *db, const struct scope_subject *subject,
                const struct record_kind *kind, int64_t id,
                enum relation enough, enum relation *rel, int64_t *person_id,
                struct err *e)
{
	(void)kind;
	int64_t pid;
	int rc = relation_query(db, person_own_sql, subject, id, rel, &pid, e);
	if (rc == 0 && *rel < enough) {
		enum relation via_family = REL_NONE;
		rc = relation_query(db, person_family_sql, subject, id,
		                    &via_family, &pid, e);
		if (rc == 0 && via_family > *rel)
			*rel = via_family;
	}
	if (rc == 0)
		*person_id = id;
	return rc;
}

/*
 * A family's relation in two steps, cheapest first, as a person's: its
 * owner team (two rows by their keys), then only when that is not close
 * enough the whole of it (kind->sql: the cases linked to the family and
 * those of its open members, read by index, and the team again). The
 * first step's level is a part of the whole's maximum, so what is at least
 * enough stays so and what is not is the whole's answer.
 */
static int
family_relation(struct db *db, const struct scope_subject *subject,
                const struct record_kind *kind, int64_t id,
                enum relation enough, enum relation *rel, int64_t *person_id,
                struct err *e)
{
	int rc =
	    relation_query(db, family_team_sql, subject, id, rel, person_id, e);
	if (rc == 0 && *rel < enough)
		rc = relation_query(db, kind->sql, subject, id, rel, person_id,
		                    e);
	return rc;
}

/* The id in column kind->via (*of_id) and the person in kind->about
 * (*person_id, 0 when none) of record id, by kind->sql. */
static int
via_lookup(struct db *db, const struct record_kind *kind, int64_t id,
           int64_t *of_id, int64_t *person_id, struct err *e)
{
	struct db_stmt *s = db_prepare(db, kind->sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*of_id =
		    db_column_type(s, 0) == DB_T_NULL ? 0 : db_col_int(s, 0);
		*person_id =
		    db_column_type(s, 1) == DB_T_NULL ? 0 : db_col_int(s, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = SPIRE_ENOTFOUND;
	}
	db_done(s);
	return rc;
}

int
scope_via_relation(struct db *db, const struct scope_subject *subject,
                   const struct record_kind *kind, int64_t id,
                   enum relation enough, enum relation *rel, int64_t *person_id,
                   struct err *e)
{
	int64_t of_id = 0, about = 0;
	int rc = via_lookup(db, kind, id, &of_id, &about, e);
	if (rc)
		return rc;
	if (!of_id)
		return SPIRE_ENOTFOUND;
	rc = scope_relation(db, subject, kind->of, of_id, enough, rel,
	                    person_id, e);
	if (rc == 0 && kind->about)
		*person_id = about;
	return rc;
}

int
scope_relation(struct db *db, const struct scope_subject *subject,
               const struct record_kind *kind, int64_t id, enum relation enough,
               enum relation *rel, int64_t *person_id, struct err *e)
{
	*rel = REL_NONE;
	*person_id = 0;
	if (!kind || (!kind->relation && !kind->sql))
		return err_set(e, SPIRE_EDB, NULL, "no scope for this kind");
	int rc = kind->relation ? kind->relation(db, subject, kind, id, enough,
	                                         rel, person_id, e)
	                        : relation_query(db, kind->sql, subject, id,
	                                         rel, person_id, e);
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

/* Kinds hang from one another a few levels deep at most (an attendance
 * from a group session from a group from a team); a longer chain is a
 * declaration's loop. */
#define CASE_CHAIN_MAX 8

/*
 * The record of kind `top` (RK_CASE, RK_FAMILY or RK_TEAM) that record id of
 * kind hangs from (*top_id, 0 when none): the record itself, the case a task
 * names, the family a family's plan is for, the record a form response is
 * about, or what the record its `via` column names hangs from, walked to
 * the top. Each link is one statement built from the kind's declaration
 * (table and column names, never input); the statement cache keys by
 * text, so building it here on the stack is safe (db.h).
 */
static int
top_of(struct db *db, const struct record_kind *kind, int64_t id,
       const struct record_kind *top, int depth, int64_t *top_id, struct err *e)
{
	*top_id = 0;
	if (!kind || id <= 0 || depth > CASE_CHAIN_MAX)
		return 0;
	if (kind == top) {
		*top_id = id;
		return 0;
	}
	if (kind == RK_FORM_RESPONSE) {
		const struct record_kind *of = NULL;
		int64_t subject_id = 0;
		int rc =
		    store_form_response_subject(db, id, &of, &subject_id, e);
		if (rc == SPIRE_ENOTFOUND)
			return 0;
		return rc ? rc
		          : top_of(db, of, subject_id, top, depth + 1, top_id,
		                   e);
	}
	const char *column = kind->via;
	const struct record_kind *of = kind->of;
	if (kind == RK_TASK) {
		column = "case_id";
		of = RK_CASE;
	} else if (kind == RK_FAMILY_PLAN) {
		column = "family_id";
		of = RK_FAMILY;
	}
	if (!column || !of || !kind->table)
		return 0;
	char sql[256];
	int n = snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = $1",
	                 column, kind->table);
	if (n < 0 || (size_t)n >= sizeof(sql))
		return err_set(e, SPIRE_EDB, NULL, "kind %s too long",
		               kind->name);
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	int64_t next = 0;
	if (rc == DB_ROW && db_column_type(s, 0) != DB_T_NULL)
		next = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	return top_of(db, of, next, top, depth + 1, top_id, e);
}

int
scope_family_of(struct db *db, const struct record_kind *kind, int64_t id,
                int64_t *family_id, struct err *e)
{
	return top_of(db, kind, id, RK_FAMILY, 0, family_id, e);
}

/* The code of the service (code; "" when none) of the record of kind
 * `top` (RK_CASE or RK_TEAM) that record id of kind hangs from, sql
 * selecting it for that record's id. */
static int
top_service(struct db *db, const struct record_kind *kind, int64_t id,
            const struct record_kind *top, const char *sql, char *code,
            size_t len, struct err *e)
{
	code[0] = '\0';
	int64_t top_id = 0;
	int rc = top_of(db, kind, id, top, 0, &top_id, e);
	if (rc || !top_id)
		return rc;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, top_id);
	rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *t = db_col_text(s, 0);
		snprintf(code, len, "%s", t ? t : "");
		rc = 0;
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
scope_case_service(struct db *db, const struct record_kind *kind, int64_t id,
                   char *code, size_t len, struct err *e)
{
	static const char case_sql[] =
	    "SELECT s.code FROM cases c JOIN services s ON s.id = c.service_id"
	    " WHERE c.id = $1";
	return top_service(db, kind, id, RK_CASE, case_sql, code, len, e);
}

int
scope_team_service(struct db *db, const struct record_kind *kind, int64_t id,
                   char *code, size_t len, struct err *e)
{
	static const char team_sql[] =
	    "SELECT s.code FROM teams t JOIN services s ON s.id = t.service_id"
	    " WHERE t.id = $1";
	return top_service(db, kind, id, RK_TEAM, team_sql, code, len, e);
}

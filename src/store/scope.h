/*
 * scope.h - record kinds, and how closely a user is connected to a record
 * of each, as the store sees it. The policy (service/policy.c) turns the
 * relation into allow or deny; this file only answers the question with
 * SQL.
 *
 * A record kind is data (struct record_kind): its name, and its access
 * relation declared as the relation of the record one of its columns
 * names (an offence relates to the user as the case in its case_id does),
 * or, for the few that are genuinely different, a function of its own. Each
 * domain declares its kinds in one table (scope.c: casework, scope_yj.c:
 * youth justice, scope_forms.c: forms) and store/kinds.h collects them.
 *
 * A person's relation is the closest of: any case of theirs, any case of a
 * person sharing an open family with them, and the team that created the
 * record. A case is "own" when allocated to the user, "team" when held by
 * the user's team, "service" when held by a team of the user's service.
 * A family relates through the cases linked to it or held by its open
 * members, and through the team that created it.
 */
#ifndef SPIRE_SCOPE_H
#define SPIRE_SCOPE_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

enum relation { REL_NONE = 0, REL_SERVICE = 1, REL_TEAM = 2, REL_OWN = 3 };

/*
 * The greater of two or three SQL expressions, none of them NULL, as one
 * expression. SQLite's scalar max(a, b) is not PostgreSQL's (GREATEST,
 * which SQLite lacks), and a CASE would evaluate each subquery twice; an
 * aggregate over a UNION ALL runs each once on both stores.
 */
#define SCOPE_MAX2(a, b)                                                       \
	"(SELECT max(lv) FROM (SELECT " a " AS lv UNION ALL SELECT " b         \
	") AS lvs)"
#define SCOPE_MAX3(a, b, c)                                                    \
	"(SELECT max(lv) FROM (SELECT " a " AS lv UNION ALL SELECT " b         \
	" UNION ALL SELECT " c ") AS lvs)"

/*
 * The relation as SQL, written once: REL_OWN (3) when the worker column is
 * the user, REL_TEAM (2) when the team column is the user's team,
 * REL_SERVICE (1) when the service column is the user's service, else
 * REL_NONE (0). The arguments are SQL text: three column expressions, then
 * the parameters holding the user, team and service ("$2", "$3", "$4").
 */
#define SCOPE_LEVEL(worker, team, service, p_user, p_team, p_service)          \
	"CASE WHEN " worker " = " p_user " THEN 3 WHEN " team " = " p_team     \
	" THEN 2 WHEN " service " = " p_service " THEN 1 ELSE 0 END"

/* The relation to the case row aliased c (its worker, team and service). */
#define SCOPE_CASE_LEVEL(c, p_user, p_team, p_service)                         \
	SCOPE_LEVEL(c ".worker_id", c ".team_id", c ".service_id", p_user,     \
	            p_team, p_service)

struct scope_subject {
	int64_t user_id, team_id, service_id;
};

struct record_kind;

/*
 * A relation function: the relation of subject to record id of kind and
 * the person it is about, as scope_relation() describes. 0,
 * SPIRE_ENOTFOUND (no such record) or another negative code with e set.
 */
typedef int (*record_relation_fn)(struct db *db,
                                  const struct scope_subject *subject,
                                  const struct record_kind *kind, int64_t id,
                                  enum relation enough, enum relation *rel,
                                  int64_t *person_id, struct err *e);

/* Flags the policy reads (service/policy.c). */
#define KIND_YOUTH_JUSTICE 1u /* opened by youth justice roles only */
#define KIND_VICTIM_RULE 2u   /* a person's own record: the victim rule */
/* A parent's own support wherever it hangs (a parent's preferences for a
 * mentor hang from the person): a break-glass reason never opens it, as
 * it opens no record of a sealed service's case or team (policy.c,
 * SEALED_SERVICES). */
#define KIND_SEALED 4u

/*
 * One kind of record. Declare the relation with one of:
 *   - `via` and `of`: the relation of the record of kind `of` that column
 *     `via` of `table` names (RK_CASE, RK_FAMILY, RK_PERSON, RK_TEAM or
 *     any other kind); `about` names the column holding the person the
 *     record is about, or is NULL for the person of that record;
 *   - `relation`: a function of its own (person, family, form response).
 * `sql` is the statement scope_relation() runs ($1 id, $2 user, $3 team,
 * $4 service; selects the person the record is about, then the relation):
 * for a `via` kind it is derived from the declaration, by SCOPE_VIA_KIND
 * for the kinds compiled in and by kinds_add_via() for those registered at
 * start-up. A kind that other kinds join to (case, family, team) also
 * gives `person` and `level`, SQL expressions over its row aliased o.
 */
struct record_kind {
	const char *name;  /* as the API and the audit trail write it */
	const char *table; /* its table */
	const char *via;
	const struct record_kind *of;
	const char *about;
	record_relation_fn relation;
	const char *sql;
	const char *person, *level;
	unsigned flags; /* KIND_* */
	/*
	 * For the rules "X only while this is open" (store/open.h): the
	 * words for messages ("case", "person's record"; NULL: the name),
	 * and the statements ($1 the id) selecting 1 when the record is open
	 * and when it is kept (not closed as entered in error). NULL when no
	 * such rule can name the kind.
	 */
	const char *label;
	const char *open_sql, *kept_sql;
};

/*
 * The text of an open statement: 1 when the row of `table` with id $1 has
 * no closed_at (and `extra`, an SQL condition starting " AND", holds).
 * kinds_add_via() uses the same text as a format, with "%s" for table.
 */
#define SCOPE_OPEN_SQL(table, extra)                                           \
	"SELECT CASE WHEN closed_at IS NULL" extra " THEN 1 ELSE 0 END"        \
	" FROM " table " WHERE id = $1"

/*
 * The text of a joined relation statement: the record of `table` (aliased
 * k) with id $1, joined to the row of `of_table` (aliased o) its column
 * `via` names; selects `person` and `level` (expressions over k and o).
 * kinds_add_via() uses the same text as a format, with "%s" for each.
 */
#define SCOPE_VIA_JOIN_SQL(person, level, table, of_table, via)                \
	"SELECT " person ", " level " FROM " table " k JOIN " of_table         \
	" o ON o.id = k." via " WHERE k.id = $1"

/*
 * The text of a two-step relation's first statement: the id column `via`
 * names and the person (an expression over k, or NULL) of the record of
 * `table` with id $1; scope_via_relation() then measures that record's
 * relation.
 */
#define SCOPE_VIA_ID_SQL(via, person, table)                                   \
	"SELECT k." via ", " person " FROM " table " k WHERE k.id = $1"

/* The case's relation over its row aliased o, in scope_relation's
 * parameters. */
#define SCOPE_CASE_O_LEVEL SCOPE_CASE_LEVEL("o", "$2", "$3", "$4")

/*
 * An initializer for a kind whose relation is that of the case its column
 * `via` names, about the person in its column `about` ("person_id").
 */
#define SCOPE_VIA_CASE_KIND(kind_name, kind_table, via_col, about_col,         \
                            kind_flags)                                        \
	{                                                                      \
		.name = kind_name, .table = kind_table, .via = via_col,        \
		.of = RK_CASE, .about = about_col,                             \
		.sql = SCOPE_VIA_JOIN_SQL("k." about_col, SCOPE_CASE_O_LEVEL,  \
		                          kind_table, "cases", via_col),       \
		.flags = kind_flags,                                           \
		.open_sql = SCOPE_OPEN_SQL(kind_table, ""),                    \
		.kept_sql = SCOPE_OPEN_SQL(kind_table, "")                     \
	}

/*
 * The kinds compiled in, by domain. RK_NONE is no record. Each is an array
 * of one so that the name is a pointer wherever a kind is expected.
 */
#define RK_NONE NULL
/* Casework (scope.c). */
extern const struct record_kind RK_PERSON[1];
extern const struct record_kind RK_FAMILY[1];
extern const struct record_kind RK_CASE[1];
extern const struct record_kind RK_CONTACT[1];
extern const struct record_kind RK_TASK[1];
extern const struct record_kind RK_CONSENT[1];
extern const struct record_kind RK_FAMILY_MEMBER[1]; /* a family's member */
extern const struct record_kind RK_TEAM[1];
/* Youth justice (scope_yj.c): the relation of their case. */
extern const struct record_kind RK_OFFENCE[1];
extern const struct record_kind RK_OUTCOME[1];
extern const struct record_kind RK_ASSESSMENT[1];
extern const struct record_kind RK_KPI_SNAPSHOT[1];
extern const struct record_kind RK_VICTIM[1];
extern const struct record_kind RK_HEARING[1];
extern const struct record_kind RK_COURT_REPORT[1];
/* Forms (scope_forms.c): the relation of the response's subject. */
extern const struct record_kind RK_FORM_RESPONSE[1];
/* The parent worker's pathway (parenting/scope_parenting.c). */
extern const struct record_kind RK_PARENT_SUPPORT[1];
extern const struct record_kind RK_PARENT_SESSION[1];
extern const struct record_kind RK_PARENT_PLAN_ITEM[1];

/* Peer support and referrals out (parenting/scope_peer.c). */
extern const struct record_kind RK_PEER_GROUP[1];
extern const struct record_kind RK_PEER_GROUP_SESSION[1];
extern const struct record_kind RK_PEER_ATTENDANCE[1];
extern const struct record_kind RK_PEER_MENTOR[1];
extern const struct record_kind RK_PARENT_PREFERENCES[1];
extern const struct record_kind RK_PARENT_REFERRAL[1];

/* Each domain's kinds, NULL-ended (store/kinds.c collects them). */
extern const struct record_kind *const SCOPE_CASEWORK_KINDS[];
extern const struct record_kind *const SCOPE_YJ_KINDS[];
extern const struct record_kind *const SCOPE_FORMS_KINDS[];
extern const struct record_kind *const SCOPE_PARENTING_KINDS[];
extern const struct record_kind *const SCOPE_PEER_KINDS[];

/*
 * The relation of subject to record (kind, id), and the person the record
 * is about (*person_id, 0 for families and team tasks). The search stops
 * once the relation reaches `enough` (REL_OWN for the exact relation), so
 * *rel may be below the closest one when it is already at least enough.
 * SPIRE_ENOTFOUND naming "id" when there is no such record; SPIRE_EDB
 * when kind is RK_NONE.
 */
int scope_relation(struct db *db, const struct scope_subject *subject,
                   const struct record_kind *kind, int64_t id,
                   enum relation enough, enum relation *rel, int64_t *person_id,
                   struct err *e);

/*
 * The relation function of a two-step `via` kind: reads the id in column
 * kind->via (and the person, when kind->about) with kind->sql, then the
 * relation of that record of kind kind->of. SPIRE_ENOTFOUND when either
 * record is missing.
 */
int scope_via_relation(struct db *db, const struct scope_subject *subject,
                       const struct record_kind *kind, int64_t id,
                       enum relation enough, enum relation *rel,
                       int64_t *person_id, struct err *e);

/*
 * Whether person_id is the victim in an open youth justice victim record
 * (*victim), and the subject's relation to the person through the
 * person's own cases only (*case_rel).
 */
int scope_victim(struct db *db, const struct scope_subject *subject,
                 int64_t person_id, int *victim, enum relation *case_rel,
                 struct err *e);

/*
 * The code of the service ("parenting"...) whose case record id of kind
 * belongs to: the case itself (RK_CASE), the case a task names, the case a
 * form response is about, or the case the record a `via` kind names
 * belongs to, followed up the chain of `via` kinds to the top (a record
 * hanging from a record hanging from a case is the case's). code is ""
 * when the chain ends at no case (a person, family or team), or when
 * there is no such record. 0 or a negative SPIRE_E* code with e set.
 */
int scope_case_service(struct db *db, const struct record_kind *kind,
                       int64_t id, char *code, size_t len, struct err *e);

/*
 * The code of the service of the team record id of kind is held by, when
 * it hangs from a team rather than a case: the team itself, a peer group or
 * peer mentor, a group's sessions and their register lines (followed up the
 * chain of `via` kinds as scope_case_service does). code is "" when the
 * chain ends at no team. 0 or a negative SPIRE_E* code with e set.
 */
int scope_team_service(struct db *db, const struct record_kind *kind,
                       int64_t id, char *code, size_t len, struct err *e);

/*
 * The family (*family_id, 0 when none) record id of kind is about or hangs
 * from: the family itself, the family of a family's plan, a plan's action
 * or review, a Steps to Change decision, a form response about a family,
 * followed up the chain of `via` kinds as scope_case_service does. For the
 * people a refusal names (policy_deny_audit). 0 or a negative SPIRE_E*
 * code with e set.
 */
int scope_family_of(struct db *db, const struct record_kind *kind, int64_t id,
                    int64_t *family_id, struct err *e);

/* The name of a record kind ("person"...), or "record" for RK_NONE. */
const char *scope_kind_name(const struct record_kind *kind);

#endif

/*
 * parent_tables.h - the store half of the parent worker's pathway: the
 * tables of parent support, sessions (and behaviour contracts) and the
 * support plan, and the reads and writes the pathway's rules need that
 * are not one record (a parent's open parenting case, the joint home
 * visit tasks of an intervention, parents to meet, the home page's lists,
 * the contacts behind "seen at start, review and end"). What the rows
 * mean is in docs/parenting.md, "Parent support"; who may see them is the
 * service's business (service/parenting/parenting.h).
 */
#ifndef SPIRE_STORE_PARENT_TABLES_H
#define SPIRE_STORE_PARENT_TABLES_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/fields.h"
#include "store/db.h"
#include "store/record.h"

extern const struct field PARENT_SUPPORTS_FIELDS[];
extern const struct field PARENT_SESSIONS_FIELDS[];
extern const struct field PARENT_PLAN_ITEMS_FIELDS[];
extern struct record_table PARENT_SUPPORTS_TABLE;
extern struct record_table PARENT_SESSIONS_TABLE;
extern struct record_table PARENT_PLAN_ITEMS_TABLE;

/* What the pathway's rules need to know about a case. */
struct parent_case_ref {
	int64_t id, person_id, team_id, worker_id, family_id;
	int closed;       /* closed, ended or entered in error */
	char service[32]; /* the service's code */
};

/* Case id's facts; SPIRE_ENOTFOUND naming field when there is none. */
int store_parent_case_ref(struct db *db, int64_t id, const char *field,
                          struct parent_case_ref *out, struct err *e);

/*
 * The open family membership of adult person_id relating to child_id
 * (same open family; the membership names that child or no child): its
 * relationship into *rel (a new string, caller frees; NULL when none) and
 * whether it carries parental responsibility or the household
 * (*counts). 0 or a store error.
 */
int store_parent_membership(struct db *db, int64_t person_id, int64_t child_id,
                            char **rel, int *counts, struct err *e);

/* *victim = 1 when person_id is the victim in an open youth justice
 * victim record. */
int store_parent_is_victim(struct db *db, int64_t person_id, int *victim,
                           struct err *e);

/* *n = the open (not ended, not closed) supports of child_id's parent
 * person_id other than except_id. */
int store_parent_support_count(struct db *db, int64_t person_id,
                               int64_t child_id, int64_t except_id, int64_t *n,
                               struct err *e);

/* *ok = 1 when person_id has a support row (not closed) about child_id. */
int store_parent_supports_child(struct db *db, int64_t person_id,
                                int64_t child_id, int *ok, struct err *e);

/* The parenting team a new parent support case goes to when the user's
 * own team is not one: the open parenting team first by name (*team_id 0
 * when there is none). */
int store_parent_default_team(struct db *db, int64_t *team_id, struct err *e);

/* *is = 1 when team_id is an open team of the parenting service. */
int store_parent_team_is_parenting(struct db *db, int64_t team_id, int *is,
                                   struct err *e);

/* The open parenting case of person_id (*case_id 0 when none). */
int store_parent_open_case(struct db *db, int64_t person_id, int64_t *case_id,
                           struct err *e);

/*
 * Open a parenting case for person_id held by team_id (and worker_id, 0
 * for none) from start_date, on the writer's connection; *case_id the new
 * case.
 */
int store_parent_case_insert(struct db *db, int64_t person_id, int64_t team_id,
                             int64_t worker_id, const char *start_date,
                             const char *reason, const char *at,
                             int64_t user_id, int64_t *case_id, struct err *e);

/* Set support id's parenting case (server-owned, in the write's
 * transaction). */
int store_parent_support_set_case(struct db *db, int64_t id, int64_t case_id,
                                  struct err *e);

/*
 * The intervention outcome_id as the joint home visit needs it, when it
 * needs one: started, open, on an open youth justice case, and no visit
 * tasks raised for it yet. *found 0 otherwise. The case's id, team and
 * allocated worker, the start date and a parent worker of the team (0
 * when the team has none: the enabled one with the fewest open tasks).
 */
struct parent_visit_facts {
	int64_t case_id, team_id, worker_id, parent_worker_id, child_id;
	char start_date[11];
	char child_name[160];
};
int store_parent_visit_facts(struct db *db, int64_t outcome_id, int *found,
                             struct parent_visit_facts *out, struct err *e);

/* Note that the visit tasks of outcome_id were raised. */
int store_parent_visit_insert(struct db *db, int64_t outcome_id,
                              int64_t case_id, int64_t officer_task_id,
                              int64_t parent_task_id, const char *at,
                              struct err *e);

/* *n = the children with an open youth justice case. */
int store_parent_open_yj_children(struct db *db, int64_t *n, struct err *e);

/* The case and person form response id is about (0 when none);
 * SPIRE_ENOTFOUND when there is no such response. */
int store_parent_form_response(struct db *db, int64_t id, int64_t *case_id,
                               int64_t *person_id, struct err *e);

/* Whose lists: a practitioner's team (and own cases) or a manager's
 * service. */
struct parent_scope {
	int64_t user_id, team_id, service_id;
	int manager;
	/* The due list only: the parenting cases held by team_id, whoever
	 * holds them (a parenting team's workload and due list: its
	 * reader's team scope is checked before). */
	int team;
	int64_t case_id; /* one child's case only (misses); 0: the scope */
	/* Parents to meet: every child's of the local authority, for a
	 * parent worker of the parenting service (issue 9). */
	int local_authority;
	int64_t limit; /* parents to meet: at most; 0: PARENT_LIST_MAX */
	/* Seen rows: only points dated from `from` to `to` (YYYY-MM-DD,
	 * "" for no bound). */
	char from[11], to[11];
	/* and only contacts dated from seen_from up to (not including)
	 * seen_to ("" for no bound): the windows of those points. */
	char seen_from[11], seen_to[11];
};

/* The most rows a list of parents to meet answers by default. */
#define PARENT_LIST_MAX 500

/* Set (contact_id 0: clear) the contact that stands for held session id
 * (parent_sessions.contact_id, migration 13). */
int store_parent_session_set_contact(struct db *db, int64_t id,
                                     int64_t contact_id, struct err *e);

/* The worker allocated case_id (*worker_id 0 when none). */
int store_parent_case_worker(struct db *db, int64_t case_id, int64_t *worker_id,
                             struct err *e);

/*
 * *yes = 1 when person_id is a parent to meet of the child of youth
 * justice case child_case_id by the rules of the parents to meet (the
 * case open, an intervention running, an adult of the child's open family
 * with parental responsibility or in the household, open, not a victim),
 * whatever the user's scope. 0 or a store error.
 */
int store_parent_to_meet_one(struct db *db, int64_t child_case_id,
                             int64_t person_id, int *yes, struct err *e);

/*
 * Parents to meet in scope: adults of a child's open family with parental
 * responsibility or in the household, not victims, not closed, whose
 * child has a started, running intervention on an open youth justice case
 * in scope and who have no support row for that child yet. New array in
 * *out, each {person_id, given_name, family_name, relationship, child_id,
 * child_given_name, child_family_name, child_case_id, outcome_id,
 * start_date}: the first max of them (all when max is 0), the count of
 * all in *total.
 */
int store_parent_to_meet(struct db *db, const struct parent_scope *q,
                         size_t max, json_t **out, int64_t *total,
                         struct err *e);

/*
 * The open supports (not declined) of the parents in scope (practitioner:
 * parenting cases they hold, or rows they recorded before there was one;
 * manager: parenting cases held in their service), each with names, its status,
 * its parenting case (case_id), who recorded it (created_by)
 * and the next planned and last held session dates (sessions_withheld 1
 * when a manager's service does not hold the parenting case, so those
 * dates are null and withheld), by the parent's name:
 * the first max of them (all when max is 0) in a new array in *out, the
 * count of all in *total.
 */
int store_parent_my_supports(struct db *db, const struct parent_scope *q,
                             size_t max, json_t **out, int64_t *total,
                             struct err *e);

/*
 * What is due up to `until` (YYYY-MM-DD) on the parenting cases in scope,
 * as store_parent_my_supports scopes them (or, with q->team, the cases
 * held by q->team_id): planned sessions, contract reviews, support
 * reviews and plan items not done. New array in *out, each {what,
 * due_date, case_id, worker_id (the case's worker, null when none),
 * person_id, given_name, family_name, date_of_birth, record, record_id},
 * the earliest first: the first max of them
 * (all when max is 0), the count of all in *total.
 */
/*
 * The earliest parenting item due on one case (case_id), whenever it is
 * due and whoever holds the case: the row store_parent_due gives, new in
 * *out, or NULL when nothing is due. For the glance (brief s22 FIX3: a
 * parent with overdue support plan actions read "Nothing due").
 */
int store_parent_case_next_due(struct db *db, int64_t case_id, json_t **out,
                               struct err *e);

int store_parent_due(struct db *db, const struct parent_scope *q,
                     const char *until, size_t max, json_t **out,
                     int64_t *total, struct err *e);

/* One row of store_parent_seen_each; the texts are valid during the
 * call only (NULL when absent). */
struct parent_seen_row {
	int64_t outcome_id, child_case_id, child_id, assessment_id, person_id;
	const char *outcome_type, *child_given_name, *child_family_name;
	const char *point, *point_date, *given_name, *family_name;
	const char *relationship, *contact_date;
	const char *outcome_end_date; /* NULL while the intervention runs */
	/* The parent's, for the measures (NULL when not recorded), and the
	 * team holding the child's case (0: none). */
	const char *date_of_birth, *sex, *ethnicity;
	int64_t team_id;
};

/* Called for each row; a non-zero return stops the walk and is
 * returned. */
typedef int (*parent_seen_fn)(void *arg, const struct parent_seen_row *r,
                              struct err *e);

/*
 * The points of the interventions in scope (start, each review
 * assessment, end) with each parent of the child (as parents to meet
 * counts them, whatever their support) and the dates of the contacts the
 * parent attended on the child's case or on a parenting case of theirs:
 * fn is called once per (point, parent, contact) (contact_date NULL when
 * none), in the order of intervention, point date, point and parent, for
 * the points dated from q->from to q->to and the contacts dated from
 * q->seen_from up to q->seen_to. Rows are handed over as read, so that a
 * long list costs no copies.
 */
int store_parent_seen_each(struct db *db, const struct parent_scope *q,
                           parent_seen_fn fn, void *arg, struct err *e);

#endif

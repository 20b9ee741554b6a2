/*
 * cases.h - SQL for cases (a child's involvement with a service): the
 * shared record operations, caseload lists filtered by the user's scope,
 * the names that go with a case, and a person's cases. Who may open or
 * allocate a case is decided in service/policy.c and service/cases.c.
 */
#ifndef SPIRE_STORE_CASES_H
#define SPIRE_STORE_CASES_H

#include <jansson.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in cases.c. */
extern const struct field CASES_FIELDS[];
extern struct record_table CASES_TABLE;

/*
 * A caseload query. Only cases whose relation to (user_id, team_id,
 * service_id) is at least min_relation (see store/scope.h) are listed;
 * the filters narrow that further.
 */
struct cases_query {
	int64_t user_id, team_id, service_id;
	int min_relation;
	int mine;           /* allocated to user_id */
	int team;           /* held by team_id */
	int64_t person_id;  /* 0: any */
	const char *status; /* "open", "closed" or NULL for both */
	int64_t limit, offset;
};

/*
 * Cases matching q, by child's name, as a new array (caller owns). Each
 * row holds the case's columns, service_code, team_name, worker_name and
 * the child's given_name, family_name, preferred_name, date_of_birth.
 */
int store_cases_list(struct db *db, const struct cases_query *q, json_t **out,
                     struct err *e);

/*
 * The names that go with case id: {service_code, service_name, team_name,
 * worker_name, given_name, family_name, preferred_name, date_of_birth}
 * as a new object (caller owns); SPIRE_ENOTFOUND when no such case.
 */
int store_cases_labels(struct db *db, int64_t id, json_t **out, struct err *e);

/*
 * The life of case id: {start_date, end_date, service_code} as a new
 * object (caller owns); SPIRE_ENOTFOUND when no such case.
 */
int store_cases_span(struct db *db, int64_t id, json_t **out, struct err *e);

/*
 * Every case of person_id, newest first, as a new array of {id,
 * service_code, team_name, worker_name, status, start_date, end_date}.
 */
int store_cases_of_person(struct db *db, int64_t person_id, json_t **out,
                          struct err *e);

/* One case of store_cases_of_person_text: its id and where its object is
 * in the text. */
struct case_text_row {
	int64_t id;
	size_t at, len;
};
/* store_cases_of_person as JSON text: each case's object appended to text
 * (as record_rows_text writes a row) and a struct case_text_row for it to
 * rows, in the same order. 0, SPIRE_EDB, SPIRE_ENOMEM (rows and text then
 * hold a part). */
struct buf;
int store_cases_of_person_text(struct db *db, int64_t person_id,
                               struct buf *rows, struct buf *text,
                               struct err *e);

/* *n = how many open cases person_id has. */
int store_cases_count_open(struct db *db, int64_t person_id, int64_t *n,
                           struct err *e);

/*
 * The first open case (status open, not closed) of person_id in the
 * service service_id, other than except_id (0: none):
 * *case_id (0 when there is none) and the name of the team holding it in
 * team_name (len bytes, truncated). A child has at most one open youth
 * justice case (docs/youth-justice-model.md). 0, SPIRE_EDB.
 */
int store_cases_open_in_service(struct db *db, int64_t person_id,
                                int64_t service_id, int64_t except_id,
                                int64_t *case_id, char *team_name, size_t len,
                                struct err *e);

#endif

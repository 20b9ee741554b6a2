/*
 * yj_list.h - the list query the youth justice tables share: a case's or a
 * child's records, newest first, only those whose case relates to the
 * user at least as closely as min_relation (store/scope.h).
 */
#ifndef SPIRE_YJ_LIST_H
#define SPIRE_YJ_LIST_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"
#include "store/scope.h"

struct yj_list_query {
	int64_t case_id;   /* a case's records, or */
	int64_t person_id; /* a child's records (one of the two) */
	int include_closed;
	int64_t user_id, team_id, service_id;
	int min_relation; /* 0: any case (already policy-checked) */
	int64_t limit, offset;
};

/*
 * The list statement of one table: `select` must read the table as k
 * joined to its case as c; `order` is the ORDER BY list. Parameters: $1
 * the case or person, $2 include closed, $3 user, $4 team, $5 service, $6
 * least relation, $7 limit, $8 offset.
 */
#define YJ_LIST_RELATION SCOPE_CASE_LEVEL("c", "$3", "$4", "$5")
#define YJ_LIST_SQL(select, key, order)                                        \
	select " WHERE k." key " = $1 AND ($2 OR k.closed_at IS NULL)"         \
	       " AND (" YJ_LIST_RELATION ") >= $6"                             \
	       " ORDER BY " order " LIMIT $7 OFFSET $8"

/* What a record needs to know about another youth justice record it
 * names (an offence, an outcome). */
struct yj_ref {
	int64_t id, person_id, case_id;
	int closed;
	char kind[12];    /* outcomes: pre_court, court or custody */
	int intervention; /* outcomes: start_date is set */
};

/*
 * Load *out for record id with sql, whose row is (person_id, case_id,
 * closed, kind, intervention). SPIRE_ENOTFOUND naming field ("no what
 * with id N") when there is no such record.
 */
int store_yj_ref(struct db *db, const char *sql, int64_t id, const char *field,
                 const char *what, struct yj_ref *out, struct err *e);

/*
 * Run by_case (q->case_id set) or by_person, both YJ_LIST_SQL texts, into
 * a new array in *out (caller owns).
 */
int store_yj_list(struct db *db, const char *by_case, const char *by_person,
                  const struct yj_list_query *q, json_t **out, struct err *e);

/*
 * The rows a record holds in another table (its offences, victims,
 * attendance), read by a second query rather than nested in the record's
 * own text, which PostgreSQL and SQLite aggregate into JSON in different
 * words: sql with $1 = id, into a new array in *out (caller owns). With
 * scalars, each row's first column (an id) is an item; else each row is
 * an object of its columns.
 */
int store_yj_nested(struct db *db, const char *sql, int64_t id, int scalars,
                    json_t **out, struct err *e);

#endif

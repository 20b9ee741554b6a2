/*
 * people_merge.h - merging two person records found to be the same person,
 * and undoing it.
 *
 * Every column of every table that names a person is declared once, in
 * PERSON_REFS, with what a merge does to it: moved to the record kept,
 * read through the merge (the audit trail, which is append-only), rebuilt
 * (the measures' facts) or the merge's own log. tests/unit/test_people_
 * merge.c reads the schema for every column that references people (or is
 * named like a person reference) and fails when one is not declared here,
 * so that a new table cannot be forgotten. docs/people-merge.md.
 */
#ifndef SPIRE_STORE_PEOPLE_MERGE_H
#define SPIRE_STORE_PEOPLE_MERGE_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Migration 17 (people_merge): the merge log and the rows each moved. */
extern const char SCHEMA_M017_PEOPLE_MERGE[];

enum person_ref_how {
	PR_MOVE,    /* re-pointed to the record kept; undo puts it back */
	PR_THROUGH, /* left as it is, read through the merge (audit) */
	PR_DERIVED, /* rebuilt from the moved rows (measures_facts) */
	PR_LOG,     /* the merge log itself */
};

/*
 * One column naming a person. For PR_MOVE the SQL texts are static (the
 * statement cache is keyed by address): `move` records then re-points the
 * rows ($1 from, $2 to, $3 merge id), `back` puts them back ($1 the record
 * merged, $2 the record kept, $3 merge id), `count` counts ($1 person).
 * `sealed`, when not NULL, counts those of the rows that are a parent's own
 * support ($1 person, $2 the code of the sealed service): on a case of that
 * service, or on the register of a group a team of it holds
 * (docs/access.md, "Break glass").
 */
struct person_ref {
	const char *table, *column;
	enum person_ref_how how;
	const char *label;  /* what moves, for people ("Cases") */
	const char *clash;  /* message when the move breaks a unique rule */
	const char *record; /* PR_MOVE: the rows' ids into the log */
	const char *move, *back, *count;
	const char *sealed;
};

/* Every person reference in the schema, ended by {NULL}. */
extern const struct person_ref PERSON_REFS[];

/* The declared reference for table.column, or NULL. */
const struct person_ref *person_ref_find(const char *table, const char *column);

/*
 * What a merge of merged_id into kept_id would move: a new array of
 * {table, column, label, count} for each PR_MOVE column with rows (caller
 * owns *out).
 */
int store_merge_preview(struct db *db, int64_t merged_id, json_t **out,
                        struct err *e);

/*
 * How many of person_id's rows of ref (its `sealed` statement; 0 when it
 * has none) are a parent's own support in the service of code (*n).
 * 0 or a store error.
 */
int store_merge_sealed_count(struct db *db, const struct person_ref *ref,
                             int64_t person_id, const char *code, int64_t *n,
                             struct err *e);

/*
 * How many cases person_id has in the service of code (*n), closed ones
 * too: what a merge of the person would move of that service's cases.
 * 0 or a store error.
 */
int store_merge_service_cases(struct db *db, int64_t person_id,
                              const char *code, int64_t *n, struct err *e);

/*
 * Whether merging the two would make a victim and the child who offended
 * against them one person, or put a victim into that child's family:
 * *clash 1 when so (either way round). 0 or a store error.
 */
int store_merge_victim_clash(struct db *db, int64_t a, int64_t b, int *clash,
                             struct err *e);

/*
 * Move every PR_MOVE row of merged_id to kept_id and log it as merge
 * *id (reason, at, by). Runs inside the writer's transaction; the caller
 * closes the merged record and rebuilds the measures. SPIRE_ECONFLICT
 * naming "merged_id" when a move breaks a unique rule (the ref's clash).
 */
int store_merge_apply(struct db *db, int64_t kept_id, int64_t merged_id,
                      const char *reason, const char *at, int64_t by,
                      int64_t *id, struct err *e);

/*
 * Put back every row merge id moved that still points at the record kept,
 * and mark the merge undone (at, by, reason). SPIRE_ECONFLICT when it is
 * already undone. Inside the writer's transaction.
 */
int store_merge_undo(struct db *db, int64_t id, const char *reason,
                     const char *at, int64_t by, struct err *e);

/* Merge id {id, kept_id, merged_id, reason, merged_at, merged_by,
 * undone_at, undone_by, undone_reason}, or SPIRE_ENOTFOUND. */
int store_merge_get(struct db *db, int64_t id, json_t **out, struct err *e);

/*
 * The merges a person was part of (kept or merged), newest first, with
 * both people's names and who merged and undid: a new array.
 */
int store_merge_list(struct db *db, int64_t person_id, json_t **out,
                     struct err *e);

#endif

/*
 * people_merge.h - merging two person records found to be the same person
 * (docs/people-merge.md): who may, which merges are refused, what a merge
 * moves, and undoing one. The SQL and the one list of person references
 * are store/people_merge.c's.
 */
#ifndef SPIRE_SERVICE_PEOPLE_MERGE_H
#define SPIRE_SERVICE_PEOPLE_MERGE_H

#include <jansson.h>
#include <stdint.h>

#include "service/ctx.h"

/* Characters of a merge's or an undo's reason. */
#define MERGE_REASON_MIN 10
#define MERGE_REASON_MAX 500

/*
 * What merging merged_id into kept_id would move, without changing
 * anything: {kept, merged (each {id, given_name, family_name,
 * date_of_birth}), moves: [{table, column, label, count}], total}.
 * The same checks as people_merge_apply (below) answer first. Audited as
 * "merge_preview" about each person. Caller owns *out.
 */
int people_merge_preview(struct ctx *ctx, int64_t kept_id, int64_t merged_id,
                         json_t **out, struct err *e);

/*
 * Merge body {kept_id, merged_id, reason}: every row naming merged_id
 * (store PERSON_REFS) is re-pointed to kept_id, the merged record is
 * closed ("Merged into ..."), both histories are kept, and the measures
 * are rebuilt, in one transaction audited as "merge" about both people.
 * Who: a manager, with their own relation (never break glass) to both.
 * Errors: 400 naming every wrong field at once; 403; 409 naming the
 * field for a person merged with themselves (merged_id), a closed record
 * (kept_id or merged_id), a victim and the child who offended against
 * them or that child's family (merged_id), a move breaking a unique rule
 * (merged_id). *out: the merge as store_merge_get gives it.
 */
int people_merge_apply(struct ctx *ctx, const json_t *body, json_t **out,
                       struct err *e);

/*
 * Undo merge id, body {reason}: the rows it moved go back, the merged
 * record is reopened. 409 when already undone or the kept record has
 * since been closed. Same who as a merge. Audited as "merge_undo".
 */
int people_merge_undo(struct ctx *ctx, int64_t id, const json_t *body,
                      json_t **out, struct err *e);

/*
 * The merges person_id was part of, newest first: {items: [{id, kept:
 * {id, given_name, family_name}, merged: {...}, reason, merged_at,
 * merged_by_name, undone_at, undone_by_name, undone_reason}]}. The router
 * has checked the person; each person named is audited as shown, the
 * list itself as "list".
 */
int people_merge_list(struct ctx *ctx, int64_t person_id, json_t **out,
                      struct err *e);

#endif

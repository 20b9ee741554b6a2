/*
 * people_merge.c - the rules of merging two person records and undoing a
 * merge (docs/people-merge.md). Not the list of what moves (store/
 * people_merge.c, PERSON_REFS) nor who may open a person (policy.c).
 */
#include "service/people_merge.h"

#include <string.h>

#include "core/clock.h"
#include "core/fields.h"
#include "core/validate.h"
#include "service/cases.h"
#include "service/policy.h"
#include "service/roles.h"
#include "store/measures/measures.h"
#include "store/people.h"
#include "store/people_merge.h"
#include "store/users.h"
#include "store/record.h"

/* A positive whole number under key, or an error added to bad. */
static int64_t
body_id(const json_t *body, const char *key, const char *missing,
        struct err *bad)
{
	json_t *v = json_object_get(body, key);
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		err_add(bad, SPIRE_EINVAL, key, "%s", missing);
		return 0;
	}
	return json_integer_value(v);
}

/* The reason under "reason", or an error added to bad. */
static const char *
body_reason(const json_t *body, const char *what, struct err *bad)
{
	const char *r = json_string_value(json_object_get(body, "reason"));
	size_t n = 0;
	for (const char *c = r; c && *c; c++)
		n += ((unsigned char)*c & 0xC0) != 0x80;
	if (!r || n < MERGE_REASON_MIN || n > MERGE_REASON_MAX ||
	    !valid_text(r, MERGE_REASON_MAX))
		err_add(bad, SPIRE_EINVAL, "reason",
		        "Enter why %s: %d to %d characters", what,
		        MERGE_REASON_MIN, MERGE_REASON_MAX);
	return r;
}

/* Add an error to bad for each key of body not in allowed. */
static void
only_keys(const json_t *body, const char *const *allowed, struct err *bad)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (!fields_in(allowed, key))
			err_add(bad, SPIRE_EINVAL, key,
			        "This cannot be given when merging records");
	}
}

/*
 * A merge re-points the records of one person to the other, so it changes
 * the records either holds: the user must be one who may change each
 * service's records among them. Youth justice records (a youth justice
 * case, its offences, outcomes, assessments, KPI data, hearings, reports
 * and victim records: the yj_* tables) are changed only by youth justice
 * officers and managers (docs/access.md "Youth justice records"), so
 * another service's manager, though the child is in their scope, is
 * refused (403 naming why, both people audited as denied). 0 or the error.
 */
/* *yj: the index + 1 (1 kept, 2 merged) of the first of the two that
 * holds youth justice records, read in db; 0 when neither does. */
static int
holds_youth_justice(struct db *db, int64_t kept_id, int64_t merged_id, int *yj,
                    struct err *e)
{
	const int64_t ids[2] = {kept_id, merged_id};
	int rc = 0;
	*yj = 0;
	for (int i = 0; rc == 0 && !*yj && i < 2; i++) {
		json_t *moves = NULL;
		int64_t cases = 0;
		rc = store_merge_service_cases(db, ids[i], "youth_justice",
		                               &cases, e);
		if (rc == 0)
			rc = store_merge_preview(db, ids[i], &moves, e);
		int found = cases > 0;
		for (size_t k = 0; rc == 0 && k < json_array_size(moves); k++)
			if (strncmp(json_string_value(json_object_get(
			                json_array_get(moves, k), "table")),
			            "yj_", 3) == 0)
				found = 1;
		json_decref(moves);
		*yj = found ? i + 1 : 0;
	}
	return rc;
}

static int
may_change_records(struct ctx *ctx, int64_t kept_id, int64_t merged_id,
                   struct err *e)
{
	int yj = 0;
	int rc = holds_youth_justice(ctx_db(ctx), kept_id, merged_id, &yj, e);
	if (rc || !yj)
		return rc;
	rc = policy_youth_justice(ctx,
	                          "merge a record that holds youth justice "
	                          "records (a youth justice case, offences, "
	                          "outcomes or victim records)",
	                          e);
	if (rc == SPIRE_EFORBIDDEN &&
	    (!ctx_audit(ctx, "denied", "person", kept_id, kept_id) ||
	     !ctx_audit(ctx, "denied", "person", merged_id, merged_id)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/*
 * The rules of a pair that what is recorded on the two people decides
 * (docs/people-merge.md, "Refused"): neither the victim of an offence by
 * the other, nor each with an open youth justice case. Checked when the
 * request is validated and again in the merge's transaction, so that a
 * victim record or a case written in between cannot slip in (session 25's
 * attack: a case opened for the duplicate as the merge was made left the
 * child with two open youth justice cases). SPIRE_ECONFLICT naming
 * merged_id, 0, or a store error.
 */
static int
pair_clash(struct db *db, int64_t kept_id, int64_t merged_id, struct err *e)
{
	int clash = 0;
	int rc = store_merge_victim_clash(db, kept_id, merged_id, &clash, e);
	if (rc == 0 && clash)
		rc =
		    err_set(e, SPIRE_ECONFLICT, "merged_id",
		            "These records cannot be merged: one is recorded "
		            "as the victim of an offence by the other, or by a "
		            "child in the other's family");
	return rc ? rc : cases_merge_clash(db, kept_id, merged_id, e);
}

/*
 * The two people as ctx's user may merge them: each must exist (400
 * naming its field), be held in the user's own scope (403, audited, never
 * by break glass), not be one person twice (409), and hold no records of
 * a service whose records the user may not change (403,
 * may_change_records); then open (409). *kept and *merged: the records
 * (caller owns). Then the victim rule (409).
 */
static int
check_pair(struct ctx *ctx, int64_t kept_id, int64_t merged_id, json_t **kept,
           json_t **merged, struct err *e)
{
	*kept = *merged = NULL;
	const int64_t ids[2] = {kept_id, merged_id};
	static const char *const field[2] = {"kept_id", "merged_id"};
	json_t **rec[2] = {kept, merged};
	struct err all;
	err_clear(&all);
	/* Access first (the same person once), so that no answer tells
	 * anything of a record outside the user's scope. */
	static const char *const missing[2] = {
	    "Choose the record to keep", "Choose the record to merge into it"};
	int refused[2] = {0, 0};
	for (int i = 0; i < (kept_id && kept_id == merged_id ? 1 : 2); i++) {
		struct err one;
		err_clear(&one);
		int64_t pid = 0;
		if (!ids[i])
			continue; /* named after the ids given, below */
		int rc = policy_reference(ctx, RK_PERSON, ids[i], 1, field[i],
		                          &pid, &one);
		refused[i] = rc == SPIRE_EFORBIDDEN;
		if (rc == 0)
			rc = record_get(ctx_db(ctx), &PEOPLE_TABLE, ids[i],
			                rec[i], &one);
		if (rc)
			err_gather(&all, &one);
	}
	/* A refused merge is about both people: the one the user may change
	 * is named in a row of the refusal too (docs/audit.md). */
	for (int i = 0; all.code == SPIRE_EFORBIDDEN && i < 2; i++)
		if (*rec[i] && !refused[i] && (i == 0 || ids[1] != ids[0]) &&
		    !ctx_audit(ctx, "denied", "person", ids[i], ids[i]))
			err_set(&all, SPIRE_ENOMEM, NULL, "out of memory");
	for (int i = 0; i < 2; i++)
		if (!ids[i])
			err_rule(&all, field[i], "%s", missing[i]);
	if (all.code) {
		json_decref(*kept);
		json_decref(*merged);
		*kept = *merged = NULL;
		*e = all;
		return all.code;
	}
	if (kept_id == merged_id) {
		json_decref(*kept);
		*kept = NULL;
		return err_set(e, SPIRE_ECONFLICT, "merged_id",
		               "Choose a different record: a record cannot be "
		               "merged with itself");
	}
	int rc = may_change_records(ctx, kept_id, merged_id, e);
	if (rc) {
		json_decref(*kept);
		json_decref(*merged);
		*kept = *merged = NULL;
		return rc;
	}
	for (int i = 0; i < 2; i++)
		if (!json_is_null(json_object_get(*rec[i], "closed_at"))) {
			json_decref(*kept);
			json_decref(*merged);
			*kept = *merged = NULL;
			return err_set(
			    e, SPIRE_ECONFLICT, field[i],
			    "This record is closed. Reopen it before "
			    "merging, or choose an open record");
		}
	rc = pair_clash(ctx_db(ctx), kept_id, merged_id, e);
	if (rc) {
		json_decref(*kept);
		json_decref(*merged);
		*kept = *merged = NULL;
	}
	return rc;
}

/* {id, given_name, family_name, date_of_birth} of a person record. */
static json_t *
summary(const json_t *p)
{
	return json_pack("{s:O,s:O,s:O,s:O,s:O}", "id",
	                 json_object_get(p, "id"), "version",
	                 json_object_get(p, "version"), "given_name",
	                 json_object_get(p, "given_name"), "family_name",
	                 json_object_get(p, "family_name"), "date_of_birth",
	                 json_object_get(p, "date_of_birth"));
}

/*
 * moves with the rows that are a parent's own support (on a case of the
 * sealed service, or on the register of a group a team of it holds:
 * docs/access.md, "Break glass"; each reference's `sealed` count, store/
 * people_merge.c) taken out of each line and folded into one line without
 * a count, unless ctx's user works in the sealed service: who else merges
 * learns that such records move with the person, not what or how many.
 */
static int
fold_sealed(struct db *db, int64_t service_id, int64_t merged_id, json_t *moves,
            struct err *e)
{
	const char *code = policy_sealed_service();
	int64_t sealed_id = 0;
	int rc = store_services_id(db, code, &sealed_id, e);
	if (rc || (sealed_id && service_id == sealed_id))
		return rc;
	int any = 0;
	for (size_t i = json_array_size(moves); rc == 0 && i-- > 0;) {
		json_t *m = json_array_get(moves, i);
		const struct person_ref *ref = person_ref_find(
		    json_string_value(json_object_get(m, "table")),
		    json_string_value(json_object_get(m, "column")));
		int64_t sealed = 0;
		if (ref)
			rc = store_merge_sealed_count(db, ref, merged_id, code,
			                              &sealed, e);
		if (rc || sealed <= 0)
			continue;
		any = 1;
		json_int_t left =
		    json_integer_value(json_object_get(m, "count")) - sealed;
		if (left > 0)
			json_object_set_new(m, "count", json_integer(left));
		else
			json_array_remove(moves, i);
	}
	if (rc == 0 && any &&
	    json_array_append_new(
	        moves,
	        json_pack("{s:s,s:n,s:s,s:n}", "table", "sealed", "column",
	                  "label",
	                  "Records of the parent's own support, kept by the "
	                  "parenting service (not counted here)",
	                  "count")))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/* What a merge of merged_id would move, read in db, as a user of the
 * service service_id may be told it, in *moves (new; caller owns), and
 * the sum of its counted lines in *total (lines not shown count
 * nothing). */
static int
merge_moves(struct db *db, int64_t service_id, int64_t merged_id,
            json_t **moves, json_int_t *total, struct err *e)
{
	*total = 0;
	int rc = store_merge_preview(db, merged_id, moves, e);
	if (rc == 0 &&
	    (rc = fold_sealed(db, service_id, merged_id, *moves, e)) != 0) {
		json_decref(*moves);
		*moves = NULL;
	}
	for (size_t i = 0; rc == 0 && i < json_array_size(*moves); i++)
		*total += json_integer_value(
		    json_object_get(json_array_get(*moves, i), "count"));
	return rc;
}

/*
 * Whether the two records and what would move are still what the preview
 * showed (docs/people-merge.md): each version the body carries against
 * the record's, and moves_total against the moves now. Every difference
 * is named at once (409), so the manager previews again.
 */
static int
still_as_previewed(struct ctx *ctx, const json_t *body, const json_t *kept,
                   const json_t *merged, int64_t merged_id, struct err *e)
{
	struct err bad;
	err_clear(&bad);
	const json_t *side[2] = {kept, merged};
	static const char *const key[2] = {"kept_version", "merged_version"};
	for (int i = 0; i < 2; i++)
		if (json_integer_value(json_object_get(body, key[i])) !=
		    json_integer_value(json_object_get(side[i], "version")))
			err_add(&bad, SPIRE_ECONFLICT, key[i],
			        "The %s record has changed since you previewed "
			        "the merge. Preview it again",
			        i ? "duplicate" : "kept");
	json_t *moves = NULL;
	json_int_t total = 0;
	int rc = merge_moves(ctx_db(ctx), ctx->user->service_id, merged_id,
	                     &moves, &total, e);
	json_decref(moves);
	if (rc)
		return rc;
	if (total != json_integer_value(json_object_get(body, "moves_total")))
		err_add(&bad, SPIRE_ECONFLICT, "moves_total",
		        "What will move has changed since you previewed the "
		        "merge. Preview it again");
	if (bad.code)
		*e = bad;
	return bad.code;
}

int
people_merge_preview(struct ctx *ctx, int64_t kept_id, int64_t merged_id,
                     json_t **out, struct err *e)
{
	*out = NULL;
	json_t *kept, *merged, *moves = NULL;
	int rc = check_pair(ctx, kept_id, merged_id, &kept, &merged, e);
	if (rc)
		return rc;
	json_int_t total = 0;
	rc = merge_moves(ctx_db(ctx), ctx->user->service_id, merged_id, &moves,
	                 &total, e);
	if (rc == 0) {
		*out = json_pack("{s:o,s:o,s:o,s:I}", "kept", summary(kept),
		                 "merged", summary(merged), "moves", moves,
		                 "total", total);
		if (!*out ||
		    !ctx_audit(ctx, "merge_preview", "person", kept_id,
		               kept_id) ||
		    !ctx_audit(ctx, "merge_preview", "person", merged_id,
		               merged_id)) {
			json_decref(*out);
			*out = NULL;
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		}
	}
	json_decref(kept);
	json_decref(merged);
	return rc;
}

struct merge_job {
	int64_t kept_id, kept_version, merged_id, merged_version, user_id, id;
	/* The merging user's service (what the preview counted for them)
	 * and the total the preview showed. */
	int64_t service_id;
	/* 1 when the user may not change youth justice records: neither
	 * record may hold any when the merge is written. */
	int no_youth_justice;
	json_int_t moves_total;
	const char *reason, *close_reason, *at;
	struct audit_entry *audit[2];
};

static int
do_merge(struct db *db, void *arg, struct err *e)
{
	struct merge_job *j = arg;
	/* Inside the write: both records still open at the versions the
	 * preview showed. Checked before the write alone, two merges of one
	 * pair in opposite directions at once both went through, each record
	 * closed into the other. */
	const int64_t ids[2] = {j->kept_id, j->merged_id};
	const int64_t versions[2] = {j->kept_version, j->merged_version};
	static const char *const keys[2] = {"kept_version", "merged_version"};
	for (int i = 0; i < 2; i++) {
		json_t *p = NULL;
		int rc = record_get(db, &PEOPLE_TABLE, ids[i], &p, e);
		int changed =
		    rc == 0 &&
		    (!json_is_null(json_object_get(p, "closed_at")) ||
		     json_integer_value(json_object_get(p, "version")) !=
		         versions[i]);
		json_decref(p);
		if (rc)
			return rc;
		if (changed)
			return err_set(e, SPIRE_ECONFLICT, keys[i],
			               "The %s record has changed since you "
			               "previewed the merge. Preview it again",
			               i ? "duplicate" : "kept");
	}
	/* What is recorded on them, read again here: a case, a victim
	 * record or anything else that would move, written since the
	 * request was checked, is not merged unseen. */
	json_t *moves = NULL;
	json_int_t total = 0;
	int rc =
	    merge_moves(db, j->service_id, j->merged_id, &moves, &total, e);
	json_decref(moves);
	if (rc == 0 && total != j->moves_total)
		rc = err_set(e, SPIRE_ECONFLICT, "moves_total",
		             "What will move has changed since you previewed "
		             "the merge. Preview it again");
	if (rc == 0)
		rc = pair_clash(db, j->kept_id, j->merged_id, e);
	/* The youth-justice-manager rule (may_change_records) again: a
	 * youth justice record written since for either person, the kept
	 * one included (whose records do not move and so are not in
	 * moves_total), is not merged by another service's manager. */
	int yj = 0;
	if (rc == 0 && j->no_youth_justice &&
	    (rc = holds_youth_justice(db, j->kept_id, j->merged_id, &yj, e)) ==
	        0 &&
	    yj)
		rc = err_set(e, SPIRE_ECONFLICT,
		             yj == 2 ? "merged_id" : "kept_id",
		             "The %s record now holds youth justice records, "
		             "which only youth justice managers merge. Preview "
		             "the merge again",
		             yj == 2 ? "duplicate" : "kept");
	if (rc == 0)
		rc = store_measures_bulk_begin(db, e);
	if (rc == 0)
		rc = store_merge_apply(db, j->kept_id, j->merged_id, j->reason,
		                       j->at, j->user_id, &j->id, e);
	if (rc == 0)
		rc = record_close(db, &PEOPLE_TABLE, j->merged_id,
		                  j->merged_version, j->close_reason, j->at,
		                  j->user_id, e);
	if (rc == 0)
		rc = store_measures_bulk_end(db, e);
	return rc;
}

int
people_merge_apply(struct ctx *ctx, const json_t *body, json_t **out,
                   struct err *e)
{
	static const char *const allowed[] = {
	    "kept_id",        "merged_id",   "reason", "kept_version",
	    "merged_version", "moves_total", NULL};
	*out = NULL;
	struct err bad;
	err_clear(&bad);
	only_keys(body, allowed, &bad);
	int64_t kept_id =
	    body_id(body, "kept_id", "Choose the record to keep", &bad);
	int64_t merged_id = body_id(body, "merged_id",
	                            "Choose the record to merge into it", &bad);
	const char *reason =
	    body_reason(body, "these records are the same person", &bad);
	/* What the preview showed: the merge is made only on that. */
	body_id(body, "kept_version",
	        "Preview the merge before merging the records", &bad);
	body_id(body, "merged_version",
	        "Preview the merge before merging the records", &bad);
	const json_t *mt = json_object_get(body, "moves_total");
	if (!json_is_integer(mt) || json_integer_value(mt) < 0)
		err_add(&bad, SPIRE_EINVAL, "moves_total",
		        "Preview the merge before merging the records");
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	json_t *kept, *merged;
	int rc = check_pair(ctx, kept_id, merged_id, &kept, &merged, e);
	if (rc)
		return rc;
	if ((rc = still_as_previewed(ctx, body, kept, merged, merged_id, e))) {
		json_decref(kept);
		json_decref(merged);
		return rc;
	}
	/* Whether the user may change youth justice records, for the rule's
	 * check again in the transaction. */
	struct err ignore;
	err_clear(&ignore);
	rc = policy_youth_justice(ctx, "merge", &ignore);
	if (rc != 0 && rc != SPIRE_EFORBIDDEN) {
		json_decref(kept);
		json_decref(merged);
		*e = ignore;
		return rc;
	}
	int may_youth_justice = rc == 0;
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	struct merge_job j = {
	    .kept_id = kept_id,
	    .merged_id = merged_id,
	    .kept_version =
	        json_integer_value(json_object_get(body, "kept_version")),
	    .merged_version =
	        json_integer_value(json_object_get(body, "merged_version")),
	    .user_id = ctx->user ? ctx->user->id : 0,
	    .service_id = ctx->user ? ctx->user->service_id : 0,
	    .no_youth_justice = !may_youth_justice,
	    .moves_total =
	        json_integer_value(json_object_get(body, "moves_total")),
	    .reason = reason,
	    .at = at,
	};
	j.close_reason = arena_printf(
	    ctx->arena,
	    "Merged into the record of %s %s "
	    "(person %lld): %s",
	    json_string_value(json_object_get(kept, "given_name")),
	    json_string_value(json_object_get(kept, "family_name")),
	    (long long)kept_id, reason);
	json_decref(kept);
	json_decref(merged);
	if (!j.close_reason ||
	    !(j.audit[0] =
	          ctx_audit(ctx, "merge", "person", kept_id, kept_id)) ||
	    !(j.audit[1] =
	          ctx_audit(ctx, "merge", "person", merged_id, merged_id)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	j.audit[0]->detail = j.audit[1]->detail = "person_merge";
	rc = ctx_commit(ctx, do_merge, &j, e);
	return rc ? rc : store_merge_get(ctx_db(ctx), j.id, out, e);
}

struct undo_job {
	int64_t id, merged_id, merged_version, user_id;
	const char *reason, *at;
};

static int
do_undo(struct db *db, void *arg, struct err *e)
{
	struct undo_job *j = arg;
	int rc = store_measures_bulk_begin(db, e);
	if (rc == 0)
		rc = store_merge_undo(db, j->id, j->reason, j->at, j->user_id,
		                      e);
	if (rc == 0)
		rc = record_reopen(db, &PEOPLE_TABLE, j->merged_id,
		                   j->merged_version, j->at, j->user_id, e);
	if (rc == 0)
		rc = store_measures_bulk_end(db, e);
	return rc;
}

int
people_merge_undo(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                  struct err *e)
{
	static const char *const allowed[] = {"reason", NULL};
	*out = NULL;
	struct err bad;
	err_clear(&bad);
	only_keys(body, allowed, &bad);
	const char *reason =
	    body_reason(body, "this merge is being undone", &bad);
	if (bad.code) {
		*e = bad;
		return bad.code;
	}
	json_t *m = NULL;
	int rc = store_merge_get(ctx_db(ctx), id, &m, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, rc, NULL, "There is no such merge");
	if (rc)
		return rc;
	int64_t kept_id = json_integer_value(json_object_get(m, "kept_id"));
	int64_t merged_id = json_integer_value(json_object_get(m, "merged_id"));
	int undone = !json_is_null(json_object_get(m, "undone_at"));
	json_decref(m);
	/* The user's own relation to both, as for a merge. */
	const int64_t ids[2] = {kept_id, merged_id};
	json_t *rec[2] = {NULL, NULL};
	for (int i = 0; i < 2 && rc == 0; i++) {
		int64_t pid;
		rc = policy_reference(ctx, RK_PERSON, ids[i], 1, "id", &pid, e);
		if (rc == SPIRE_EINVAL)
			rc = err_set(e, SPIRE_ENOTFOUND, NULL,
			             "There is no such merge");
		if (rc == 0)
			rc = record_get(ctx_db(ctx), &PEOPLE_TABLE, ids[i],
			                &rec[i], e);
	}
	if (rc == 0 && undone)
		rc = err_set(e, SPIRE_ECONFLICT, "id",
		             "This merge has already been undone");
	if (rc == 0 && !json_is_null(json_object_get(rec[0], "closed_at")))
		rc = err_set(e, SPIRE_ECONFLICT, "kept_id",
		             "The record kept has been closed since. Reopen it "
		             "before undoing the merge");
	if (rc == 0 && json_is_null(json_object_get(rec[1], "closed_at")))
		rc = err_set(e, SPIRE_ECONFLICT, "merged_id",
		             "The merged record has been reopened since: this "
		             "merge cannot be undone");
	struct undo_job j = {
	    .id = id,
	    .merged_id = merged_id,
	    .merged_version =
	        json_integer_value(json_object_get(rec[1], "version")),
	    .user_id = ctx->user ? ctx->user->id : 0,
	    .reason = reason,
	};
	json_decref(rec[0]);
	json_decref(rec[1]);
	if (rc)
		return rc;
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	j.at = at;
	struct audit_entry *a =
	    ctx_audit(ctx, "merge_undo", "person", kept_id, kept_id);
	struct audit_entry *b =
	    ctx_audit(ctx, "merge_undo", "person", merged_id, merged_id);
	if (!a || !b)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	a->detail = b->detail = "person_merge";
	rc = ctx_commit(ctx, do_undo, &j, e);
	return rc ? rc : store_merge_get(ctx_db(ctx), id, out, e);
}

/* {id, given_name, family_name} of side ("kept"/"merged") of a log row. */
static json_t *
side(const json_t *row, const char *id_key, const char *given,
     const char *family)
{
	return json_pack("{s:O,s:O,s:O}", "id", json_object_get(row, id_key),
	                 "given_name", json_object_get(row, given),
	                 "family_name", json_object_get(row, family));
}

int
people_merge_list(struct ctx *ctx, int64_t person_id, json_t **out,
                  struct err *e)
{
	*out = NULL;
	json_t *rows = NULL;
	int rc = store_merge_list(ctx_db(ctx), person_id, &rows, e);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; items && i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		json_t *item = json_pack(
		    "{s:O,s:o,s:o,s:O,s:O,s:O,s:O,s:O,s:O}", "id",
		    json_object_get(r, "id"), "kept",
		    side(r, "kept_id", "kept_given_name", "kept_family_name"),
		    "merged",
		    side(r, "merged_id", "merged_given_name",
		         "merged_family_name"),
		    "reason", json_object_get(r, "reason"), "merged_at",
		    json_object_get(r, "merged_at"), "merged_by_name",
		    json_object_get(r, "merged_by_name"), "undone_at",
		    json_object_get(r, "undone_at"), "undone_by_name",
		    json_object_get(r, "undone_by_name"), "undone_reason",
		    json_object_get(r, "undone_reason"));
		if (!item || json_array_append_new(items, item)) {
			json_decref(items);
			items = NULL;
		}
	}
	json_decref(rows);
	if (items)
		*out = json_pack("{s:o}", "items", items);
	if (!*out ||
	    !ctx_audit(ctx, "list", "person_merge", person_id, person_id)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

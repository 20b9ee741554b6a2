/*
 * people.c - rules for person records: who owns a new record, duplicate
 * checks, search with scope, the ethnicity reporting groups.
 */
#include "service/people.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json_text.h"
#include "core/names.h"
#include "core/validate.h"
#include "service/cases.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/roles.h"
#include "service/yj/yj_records.h"
#include "store/cases.h"
#include "store/families.h"
#include "store/people.h"
#include "store/record.h"
#include "store/yj/yj_outcomes.h"

/* Matches outside the user's scope shown for a specific query. */
#define PEOPLE_OUTSIDE_MAX 20
/* Search matches read from the store at a time. */
#define PEOPLE_SCAN_BATCH 500

const char *
people_ethnic_group(const char *code)
{
	static const struct {
		const char *prefix, *group;
	} groups[] = {
	    {"white_", "white"}, {"black_", "black"}, {"asian_", "asian"},
	    {"mixed_", "mixed"}, {"other_", "other"},
	};
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (strncmp(code, groups[i].prefix, strlen(groups[i].prefix)) ==
		    0)
			return groups[i].group;
	return NULL;
}

/* The folded name the duplicate check compares and the folded words the
 * name search finds (core/names.h), gathered into e; skipped while a name
 * is itself in error. */
static int
set_name_key(json_t *rec, struct err *e)
{
	char key[NAME_KEY_LEN], words[NAME_WORDS_LEN];
	if (err_names(e, "given_name") || err_names(e, "family_name") ||
	    err_names(e, "preferred_name"))
		return e->code;
	const char *given =
	    json_string_value(json_object_get(rec, "given_name"));
	const char *family =
	    json_string_value(json_object_get(rec, "family_name"));
	if (name_key(given, family, key, sizeof(key)) != 0 ||
	    name_words(
	        given, family,
	        json_string_value(json_object_get(rec, "preferred_name")),
	        words, sizeof(words)) != 0)
		return err_rule(
		    e, "given_name",
		    "Enter the name in letters a computer can read");
	if (json_object_set_new(rec, "name_key", json_string(key)) ||
	    json_object_set_new(rec, "name_words", json_string(words)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return e->code;
}

/* Gathered with the field errors (struct resource's gathers). */
static int
check_person(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	/* A new record belongs to the creator's team until a case claims it. */
	if (!old && ctx->user && ctx->user->team_id)
		json_object_set_new(rec, "owner_team_id",
		                    json_integer(ctx->user->team_id));
	set_name_key(rec, e);
	return records_not_future(&PEOPLE, rec, "date_of_birth", e);
}

/* What every answer about a person shows of its own row: not the folded
 * name (it is for comparing, not for people to read), and the ethnicity's
 * reporting group. */
static int
present_person(json_t *rec, struct err *e)
{
	json_object_del(rec, "name_key");
	json_object_del(rec, "name_words");
	const char *group = people_ethnic_group(
	    json_string_value(json_object_get(rec, "ethnicity")));
	if (json_object_set_new(rec, "ethnic_group",
	                        group ? json_string(group) : json_null()))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* The ethnicity's reporting group, and the family around the person as
 * the user may see it: the families they may open with every member, the
 * teams holding the others ("families_elsewhere"), and the cases they may
 * read (docs/access.md, "A person's page"). The members shown are audited
 * as listed: "who looked at this child" includes the pages of their
 * family. people_get writes the same page as text. */
static int
decorate_person(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	int rc = present_person(rec, e);
	if (rc)
		return rc;
	if (!db)
		db = ctx_db(ctx);
	int64_t id = json_integer_value(json_object_get(rec, "id"));
	json_t *families = NULL, *elsewhere = NULL, *cases = NULL;
	rc = families_around(ctx, db, id, &families, &elsewhere, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "families", families) ||
	    json_object_set_new(rec, "families_elsewhere", elsewhere))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *f;
	json_array_foreach(families, i, f)
	{
		if ((rc = families_audit_members(ctx, "list", f, id, e)))
			return rc;
	}
	if ((rc = cases_of_person(ctx, db, id, &cases, e)))
		return rc;
	if (json_object_set_new(rec, "cases", cases))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* A person's open cases each end with their own closure reason (it is what
 * the service reports on), so a record with open cases is not closed; the
 * check runs in the closing transaction, so no case can slip in between. */
static int
refuse_open_cases(struct db *db, struct record_job *j, struct err *e)
{
	int64_t open = 0;
	int rc = store_cases_count_open(db, j->id, &open, e);
	if (rc == 0 && open > 0)
		rc = err_set(e, SPIRE_ECONFLICT, "cases",
		             "This person has %lld open case%s. Close %s first",
		             (long long)open, open == 1 ? "" : "s",
		             open == 1 ? "it" : "them");
	return rc;
}

/* A new date of birth cannot put an open offence, or an outcome other than
 * prevention work, before the child's 10th birthday (the age of criminal
 * responsibility). Checked in the write's transaction, so no offence can
 * slip in between. */
static int
refuse_under_age(struct db *db, struct record_job *j, struct err *e)
{
	char tenth[YJ_DATE_SIZE];
	if (!j->version || !json_object_get(j->body, "date_of_birth") ||
	    yj_tenth_birthday(
	        json_string_value(json_object_get(j->rec, "date_of_birth")),
	        tenth) != 0)
		return 0;
	int64_t n = 0;
	int rc = store_yj_before_date(db, j->id, tenth, &n, e);
	if (rc == 0 && n > 0)
		rc =
		    err_set(e, SPIRE_EINVAL, "date_of_birth",
		            "With this date of birth the child would have "
		            "been under 10 at the time of %lld offence%s or "
		            "outcome%s. Check the date of birth, or correct "
		            "the offences and outcomes first",
		            (long long)n, n == 1 ? "" : "s", n == 1 ? "" : "s");
	return rc;
}

const struct resource PEOPLE = {
    .name = "person",
    .plural = "people",
    .label = "Person",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .table = &PEOPLE_TABLE,
    .kind = RK_PERSON,
    .check = check_person,
    .decorate = decorate_person,
    .after_write = refuse_under_age,
    .after_close = refuse_open_cases,
    .gathers = 1,
};

/*
 * records_get(&PEOPLE) written as text: the person's row as
 * present_person shows it, then the families and cases decorate_person
 * adds, each written straight into out (no tree to build, walk and free;
 * the families and their members in one statement). Audited in the same
 * order: each family member shown as listed, then the read.
 */
int
people_get(struct ctx *ctx, int64_t id, struct buf *out, struct err *e)
{
	struct db *db = ctx_db(ctx);
	char ethnicity[64];
	int rc =
	    record_get_text(db, PEOPLE.table, id, "name_key,name_words",
	                    "ethnicity", ethnicity, sizeof(ethnicity), out, e);
	if (rc)
		return rc;
	const char *group = people_ethnic_group(ethnicity);
	buf_adds(out, ",\"ethnic_group\":");
	if (group)
		json_text_string(out, group, strlen(group));
	else
		buf_adds(out, "null");
	struct buf elsewhere;
	buf_init_arena(&elsewhere, ARENA_DEFAULT_CAP, ctx->arena);
	buf_adds(out, ",\"families\":");
	rc = families_around_text(ctx, db, id, "list", id, out, &elsewhere, e);
	if (rc == 0) {
		buf_adds(out, ",\"families_elsewhere\":");
		buf_add(out, elsewhere.p, elsewhere.len);
		buf_adds(out, ",\"cases\":");
		rc = cases_of_person_text(ctx, db, id, out, e);
		buf_add(out, "}", 1);
	}
	if (rc == 0 && out->err)
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0 && !ctx_audit(ctx, "read", PEOPLE.table->type, id, id))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/* Validate a would-be person the way create does. */
static int
candidate(const json_t *body, json_t **rec, struct err *e)
{
	static const char *const ignore[] = {"allow_duplicate", "family_id",
	                                     NULL};
	*rec = json_object();
	if (!*rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	err_clear(e);
	int rc = fields_apply(PEOPLE_FIELDS, PEOPLE_N_FIELDS, body, *rec, 1,
	                      ignore, e);
	/* A date of birth in the future, and a name without letters, are
	 * named with the other errors. */
	if (rc == 0 || rc == SPIRE_EINVAL) {
		records_not_future(&PEOPLE, *rec, "date_of_birth", e);
		rc = set_name_key(*rec, e);
	}
	if (rc) {
		json_decref(*rec);
		*rec = NULL;
	}
	return rc;
}

/* Show only what a practitioner needs to recognise a record. */
static void
trim_outside(json_t *row, int in_scope, int own)
{
	json_object_set_new(row, "in_scope", json_boolean(in_scope));
	json_object_set_new(row, "in_caseload", json_boolean(in_scope && own));
	if (!in_scope) {
		json_object_del(row, "postcode");
		json_object_del(row, "sex");
	}
}

/* Summarise each row for a duplicate check; victims outside the user's
 * scope are left out, as in search. Each row shown is audited. */
static int
summarise_all(struct ctx *ctx, json_t *rows, const char *action, struct err *e)
{
	size_t i = json_array_size(rows);
	while (i-- > 0) {
		json_t *row = json_array_get(rows, i);
		int in_scope, own, victim;
		int64_t id = json_integer_value(json_object_get(row, "id"));
		int rc =
		    policy_person_scope(ctx, id, &in_scope, &own, &victim, e);
		if (rc)
			return rc;
		if (!in_scope && victim)
			json_array_remove(rows, i);
		else
			trim_outside(row, in_scope, own);
	}
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int64_t id = json_integer_value(json_object_get(row, "id"));
		if (!ctx_audit(ctx, action, "person", id, id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* How many possible duplicates a check answers with. */
#define DUPLICATES_MAX 20

/* Keep the candidates that are possible duplicates of rec: the same
 * identifier, or the same date of birth and a name at most a letter or
 * two away (name_near: "Ayan Khan" for "Ayaan Khan", "Jon" for "John"). */
static void
keep_near(const json_t *rec, json_t *rows)
{
	const char *key = json_string_value(json_object_get(rec, "name_key"));
	const char *dob =
	    json_string_value(json_object_get(rec, "date_of_birth"));
	size_t i = 0, kept = 0;
	while (i < json_array_size(rows)) {
		json_t *row = json_array_get(rows, i);
		const char *k =
		    json_string_value(json_object_get(row, "name_key"));
		const char *d =
		    json_string_value(json_object_get(row, "date_of_birth"));
		json_t *same = json_object_get(row, "same_identifier");
		int keep =
		    (json_is_integer(same) && json_integer_value(same)) ||
		    json_is_true(same) ||
		    (dob && d && strcmp(dob, d) == 0 && key && k &&
		     name_near(key, k));
		if (!keep || kept == DUPLICATES_MAX) {
			json_array_remove(rows, i);
			continue;
		}
		json_object_del(row, "name_key");
		json_object_del(row, "same_identifier");
		kept++;
		i++;
	}
}

/*
 * The family a duplicate check is made for (the body's optional
 * "family_id", someone being added to it): *family_id, or 0 when none is
 * given or the user may not read it by their own relation (a family that
 * does not exist likewise), so that the answer says nothing of a family
 * outside their scope. Not a whole number: 400 naming it.
 */
static int
check_family(struct ctx *ctx, const json_t *body, int64_t *family_id,
             struct err *e)
{
	*family_id = 0;
	json_t *v = json_object_get(body, "family_id");
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return err_set(e, SPIRE_EINVAL, "family_id",
		               "Select a family from the list");
	int ok = 0;
	struct err ignore;
	err_clear(&ignore);
	if (policy_readable(ctx, RK_FAMILY, json_integer_value(v), &ok,
	                    &ignore) == 0 &&
	    ok && !ctx->break_glass)
		*family_id = json_integer_value(v);
	return 0;
}

/* Mark each of rows who is an open member of family_id with their
 * memberships: "family_memberships": [{"id", "relationship",
 * "member_type", "child_id"}], oldest first. */
static int
mark_members(struct ctx *ctx, int64_t family_id, json_t *rows, struct err *e)
{
	json_t *members = NULL;
	int rc = store_families_members(ctx_db(ctx), family_id, &members, e);
	if (rc)
		return rc;
	size_t i, j;
	json_t *row, *m;
	json_array_foreach(rows, i, row)
	{
		json_t *id = json_object_get(row, "id");
		json_t *mine = json_array();
		json_array_foreach(members, j, m)
		{
			if (!json_equal(json_object_get(m, "person_id"), id))
				continue;
			json_array_append_new(
			    mine,
			    json_pack("{s:O,s:O,s:O,s:O}", "id",
			              json_object_get(m, "id"), "relationship",
			              json_object_get(m, "relationship"),
			              "member_type",
			              json_object_get(m, "member_type"),
			              "child_id",
			              json_object_get(m, "child_id")));
		}
		if (!mine ||
		    json_object_set_new(row, "family_memberships", mine)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	json_decref(members);
	return rc;
}

/* The possible duplicates of a validated candidate, summarised; those
 * already in family_id (0: none) marked with their memberships. */
static int
duplicates_of(struct ctx *ctx, const json_t *rec, int64_t family_id,
              json_t **out, struct err *e)
{
	int rc = store_people_duplicates(ctx_db(ctx), rec, 0, out, e);
	if (rc == 0)
		keep_near(rec, *out);
	if (rc == 0)
		rc = summarise_all(ctx, *out, "duplicate_check", e);
	if (rc == 0 && family_id)
		rc = mark_members(ctx, family_id, *out, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
people_duplicates(struct ctx *ctx, const json_t *body, json_t **out,
                  struct err *e)
{
	json_t *rec = NULL;
	int64_t family_id = 0;
	int rc = candidate(body, &rec, e);
	struct err fam;
	err_clear(&fam);
	check_family(ctx, body, &family_id, &fam);
	if (fam.code) {
		err_gather(&fam, e);
		*e = fam;
		rc = e->code;
	}
	if (rc == 0)
		rc = duplicates_of(ctx, rec, family_id, out, e);
	json_decref(rec);
	return rc;
}

int
people_create(struct ctx *ctx, const json_t *body, json_t **out,
              json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	/* Every error of the body together, allow_duplicate first. */
	struct err pre;
	err_clear(&pre);
	json_t *allow = json_object_get(body, "allow_duplicate");
	if (allow && !json_is_boolean(allow))
		err_rule(&pre, "allow_duplicate",
		         "Select whether to add this person even though they "
		         "may already be on Spire");
	int64_t family_id = 0;
	check_family(ctx, body, &family_id, &pre);
	json_t *rec = NULL;
	int rc = candidate(body, &rec, e);
	if (pre.code) {
		struct err all = pre;
		err_gather(&all, e);
		*e = all;
		rc = e->code;
	}
	if (rc == 0 && !json_is_true(allow)) {
		json_t *dups = NULL;
		rc = duplicates_of(ctx, rec, family_id, &dups, e);
		if (rc == 0 && json_array_size(dups) > 0) {
			*duplicates = dups;
			dups = NULL;
			rc = err_set(
			    e, SPIRE_ECONFLICT, "duplicates",
			    "This person may already be on Spire. Check "
			    "the possible matches, then add them anyway "
			    "only if none of them is the same person");
		}
		json_decref(dups);
	}
	json_decref(rec);
	if (rc)
		return rc;
	json_t *body2 = json_deep_copy(body);
	if (!body2)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_object_del(body2, "allow_duplicate");
	json_object_del(body2, "family_id");
	rc = records_create(ctx, &PEOPLE, body2, out, e);
	json_decref(body2);
	if (rc == 0)
		decorate_person(ctx, NULL, *out, e);
	return rc;
}

int
people_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
              struct err *e)
{
	int rc = records_update(ctx, &PEOPLE, id, body, out, e);
	if (rc == 0)
		decorate_person(ctx, NULL, *out, e);
	return rc;
}

int
people_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	return records_close(ctx, &PEOPLE, id, body, out, e);
}

int
people_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
              struct err *e)
{
	int rc = records_reopen(ctx, &PEOPLE, id, body, out, e);
	if (rc == 0)
		decorate_person(ctx, NULL, *out, e);
	return rc;
}

/* Turn free text into the name search's expression: the text folded as
 * the index is (core/names.h name_search_words, the same on every store),
 * each of its first six words a quoted prefix: "lukasz"* "zolc"*. NULL
 * when the text has no word (or is not UTF-8). */
static const char *
fts_expression(struct arena *a, const char *q)
{
	size_t n = strlen(q) * 4 + 64;
	char *folded = arena_alloc(a, n);
	if (!folded || name_search_words(q, folded, n) != 0 || !*folded)
		return NULL;
	char *out = arena_alloc(a, strlen(folded) + 64);
	if (!out)
		return NULL;
	size_t o = 0;
	int words = 0;
	for (const char *p = folded; *p && words < 6; words++) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (words)
			out[o++] = ' ';
		out[o++] = '"';
		memcpy(out + o, p, len);
		o += len;
		out[o++] = '"';
		out[o++] = '*';
		p += len + (end ? 1 : 0);
	}
	out[o] = '\0';
	return out;
}

/* Words in an FTS expression made by fts_expression (one quote pair each). */
static int
fts_words(const char *fts)
{
	int quotes = 0;
	for (; fts && *fts; fts++)
		quotes += *fts == '"';
	return quotes / 2;
}

/*
 * Keep or drop one search match. In scope: kept. Outside the user's scope:
 * kept only for a specific query, never when the person is a victim, and
 * at most PEOPLE_OUTSIDE_MAX of them; a hidden match sets *refine.
 */
static int
keep_match(struct ctx *ctx, json_t *row, int specific, int *outside,
           int *refine, int *keep, struct err *e)
{
	int in_scope, own, victim;
	int64_t id = json_integer_value(json_object_get(row, "id"));
	*keep = 0;
	int rc = policy_person_scope(ctx, id, &in_scope, &own, &victim, e);
	if (rc)
		return rc;
	if (!in_scope && victim)
		return 0; /* silently: that a victim is on Spire is itself
		           * personal information */
	if (!in_scope && (!specific || *outside >= PEOPLE_OUTSIDE_MAX)) {
		*refine = 1;
		return 0;
	}
	if (!in_scope)
		(*outside)++;
	trim_outside(row, in_scope, own);
	*keep = 1;
	return 0;
}

int
people_search(struct ctx *ctx, const struct people_search *q, json_t **out,
              struct err *e)
{
	*out = NULL;
	struct people_query sq = {
	    .dob = q->date_of_birth,
	    .identifier = q->identifier,
	    .include_closed = q->include_closed,
	    .limit = PEOPLE_SCAN_BATCH,
	    .offset = 0,
	};
	if (q->date_of_birth && !valid_date(q->date_of_birth))
		return err_set(e, SPIRE_EINVAL, "date_of_birth",
		               "Date of birth must be a real date");
	if (q->identifier) {
		/* Stored identifiers are normalised: so is the one looked
		 * for, whichever way it was typed. */
		char id[64];
		int rc = strchr(q->identifier, '/')
		             ? norm_pnc_id(q->identifier, id, sizeof(id))
		             : norm_identifier(q->identifier, id, sizeof(id));
		if (rc != 0 || !id[0])
			return err_set(e, SPIRE_EINVAL, "identifier",
			               "Enter an identifier of 40 characters "
			               "or fewer");
		sq.identifier = arena_strdup(ctx->arena, id);
		if (!sq.identifier)
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (q->q && *q->q) {
		sq.fts = fts_expression(ctx->arena, q->q);
		if (!sq.fts)
			return err_set(
			    e, SPIRE_EINVAL, "q",
			    "Enter a name, with at least one letter or number");
	}
	if (!sq.fts && !sq.dob && !sq.identifier)
		return err_set(
		    e, SPIRE_EINVAL, "q",
		    "Enter a name, a date of birth or an identifier");
	/* Specific enough to find someone outside the caseload: an
	 * identifier, or a full name with the date of birth. */
	int specific = (sq.identifier && *sq.identifier) ||
	               (sq.dob && fts_words(sq.fts) >= 2);
	int outside = 0, refine = 0, rc = 0;
	int64_t want = q->offset + q->limit + 1, kept = 0;
	json_t *items = json_array();
	if (!items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Matches are filtered by scope here, so the page is cut from the
	 * filtered list: read batches until it is full. */
	for (;;) {
		json_t *rows = NULL;
		rc = store_people_search(ctx_db(ctx), &sq, &rows, e);
		if (rc)
			break;
		size_t n = json_array_size(rows), i;
		for (i = 0; i < n && kept < want && rc == 0; i++) {
			json_t *row = json_array_get(rows, i);
			int keep;
			rc = keep_match(ctx, row, specific, &outside, &refine,
			                &keep, e);
			if (rc == 0 && keep && kept++ >= q->offset &&
			    json_array_append(items, row))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
		}
		json_decref(rows);
		if (rc || kept >= want || n < (size_t)sq.limit)
			break;
		sq.offset += sq.limit;
	}
	if (rc) {
		json_decref(items);
		return rc;
	}
	json_t *page = records_page(items, q->limit, q->offset);
	if (!page ||
	    json_object_set_new(page, "refine_search", json_boolean(refine)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(page, "items"), i, row)
	{
		int64_t id = json_integer_value(json_object_get(row, "id"));
		if (rc == 0 && !ctx_audit(ctx, "search", "person", id, id))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

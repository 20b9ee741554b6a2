/*
 * people.c - rules for person records: who owns a new record, duplicate
 * checks, search with scope, the ethnicity reporting groups.
 */
#include "service/people.h"

#include <string.h>

#include "core/names.h"
#include "core/validate.h"
#include "service/cases.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/roles.h"
#include "store/cases.h"
#include "store/people.h"

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

/* The folded name the duplicate check compares (core/names.h). */
static int
set_name_key(json_t *rec, struct err *e)
{
	char key[NAME_KEY_LEN];
	if (name_key(json_string_value(json_object_get(rec, "given_name")),
	             json_string_value(json_object_get(rec, "family_name")),
	             key, sizeof(key)) != 0)
		return err_set(e, SPIRE_EINVAL, "given_name",
		               "Enter the name in letters a computer can "
		               "read");
	if (json_object_set_new(rec, "name_key", json_string(key)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

static int
check_person(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	/* A new record belongs to the creator's team until a case claims it. */
	if (!old && ctx->user && ctx->user->team_id)
		json_object_set_new(rec, "owner_team_id",
		                    json_integer(ctx->user->team_id));
	int rc = set_name_key(rec, e);
	return rc ? rc : records_not_future(rec, "date_of_birth", e);
}

/* The ethnicity's reporting group, and the whole family around the person:
 * their families with every member, and their cases. The members shown are
 * audited as listed: "who looked at this child" includes the pages of
 * their family. */
static int
decorate_person(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	/* The folded name is for comparing, not for people to read. */
	json_object_del(rec, "name_key");
	const char *group = people_ethnic_group(
	    json_string_value(json_object_get(rec, "ethnicity")));
	json_object_set_new(rec, "ethnic_group",
	                    group ? json_string(group) : json_null());
	if (!db)
		db = ctx_db(ctx);
	int64_t id = json_integer_value(json_object_get(rec, "id"));
	json_t *families = NULL, *cases = NULL;
	int rc = families_around(db, id, &families, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "families", families))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *f;
	json_array_foreach(families, i, f)
	{
		if ((rc = families_audit_members(ctx, "list", f, id, e)))
			return rc;
	}
	if ((rc = cases_of_person(db, id, &cases, e)))
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
		             "this person has %lld open case%s; close %s first",
		             (long long)open, open == 1 ? "" : "s",
		             open == 1 ? "it" : "them");
	return rc;
}

const struct resource PEOPLE = {
    .sql = &PEOPLE_SQL,
    .kind = RK_PERSON,
    .check = check_person,
    .decorate = decorate_person,
    .after_close = refuse_open_cases,
};

int
people_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	return records_get(ctx, &PEOPLE, id, out, e);
}

/* Validate a would-be person the way create does. */
static int
candidate(const json_t *body, json_t **rec, struct err *e)
{
	static const char *const ignore[] = {"allow_duplicate", NULL};
	*rec = json_object();
	if (!*rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = fields_apply(PEOPLE_FIELDS, PEOPLE_N_FIELDS, body, *rec, 1,
	                      ignore, e);
	/* A date of birth in the future is named with the other errors. */
	if (rc == 0 || rc == SPIRE_EINVAL) {
		struct err dob;
		err_clear(&dob);
		if (records_not_future(*rec, "date_of_birth", &dob))
			rc = err_merge(e, &dob);
	}
	if (rc == 0)
		rc = set_name_key(*rec, e);
	if (rc) {
		json_decref(*rec);
		*rec = NULL;
	}
	return rc;
}

/* Show only what a practitioner needs to recognise a record. */
static json_t *
summary(struct ctx *ctx, json_t *row, int *in_scope, struct err *e)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel = REL_NONE;
	int64_t pid;
	int needed = policy_needed_relation(ctx->user->role);
	if (scope_relation(ctx_db(ctx), &subject, RK_PERSON, id,
	                   needed < 0 ? REL_NONE : (enum relation)needed, &rel,
	                   &pid, e) != 0)
		return NULL;
	*in_scope = needed >= 0 && (int)rel >= needed;
	json_object_set_new(row, "in_scope", json_boolean(*in_scope));
	if (!*in_scope) {
		json_object_del(row, "postcode");
		json_object_del(row, "sex");
	}
	return row;
}

static int
summarise_all(struct ctx *ctx, json_t *rows, const char *action, struct err *e)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int in_scope;
		if (!summary(ctx, row, &in_scope, e))
			return e->code ? e->code : SPIRE_ENOMEM;
		int64_t id = json_integer_value(json_object_get(row, "id"));
		if (!ctx_audit(ctx, action, "person", id, id))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

int
people_duplicates(struct ctx *ctx, const json_t *body, json_t **out,
                  struct err *e)
{
	json_t *rec = NULL;
	int rc = candidate(body, &rec, e);
	if (rc)
		return rc;
	rc = store_people_duplicates(ctx_db(ctx), rec, 0, out, e);
	json_decref(rec);
	if (rc == 0 && (rc = summarise_all(ctx, *out, "duplicate_check", e)))
		json_decref(*out);
	return rc;
}

int
people_create(struct ctx *ctx, const json_t *body, json_t **out,
              json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	json_t *allow = json_object_get(body, "allow_duplicate");
	if (allow && !json_is_boolean(allow))
		return err_set(e, SPIRE_EINVAL, "allow_duplicate",
		               "allow_duplicate must be true or false");
	if (!json_is_true(allow)) {
		json_t *dups = NULL;
		int rc = people_duplicates(ctx, body, &dups, e);
		if (rc)
			return rc;
		if (json_array_size(dups) > 0) {
			*duplicates = dups;
			return err_set(e, SPIRE_ECONFLICT, "duplicates",
			               "this may be someone already recorded; "
			               "check the possible duplicates, then "
			               "send allow_duplicate: true to create "
			               "anyway");
		}
		json_decref(dups);
	}
	json_t *body2 = json_deep_copy(body);
	if (!body2)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_object_del(body2, "allow_duplicate");
	int rc = records_create(ctx, &PEOPLE, body2, out, e);
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

/* Turn free text into an FTS5 expression: each word a quoted prefix. */
static const char *
fts_expression(struct arena *a, const char *q)
{
	size_t n = strlen(q);
	char *out = arena_alloc(a, n * 2 + 64);
	if (!out)
		return NULL;
	size_t o = 0;
	int words = 0;
	const unsigned char *p = (const unsigned char *)q;
	while (*p && words < 6) {
		while (*p && *p < 0x80 &&
		       !((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		         (*p >= 'A' && *p <= 'Z')))
			p++;
		if (!*p)
			break;
		out[o++] = words ? ' ' : '"';
		if (words)
			out[o++] = '"';
		while (*p &&
		       (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		        (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			out[o++] = (char)*p++;
		out[o++] = '"';
		out[o++] = '*';
		words++;
	}
	out[o] = '\0';
	return words ? out : NULL;
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
	    .limit = q->limit + 1,
	    .offset = q->offset,
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
			return err_set(e, SPIRE_EINVAL, "q",
			               "q must contain a letter or digit");
	}
	if (!sq.fts && !sq.dob && !sq.identifier)
		return err_set(e, SPIRE_EINVAL, "q",
		               "give a name, a date of birth or an identifier");
	json_t *rows = NULL;
	int rc = store_people_search(ctx_db(ctx), &sq, &rows, e);
	if (rc)
		return rc;
	json_t *page = records_page(rows, q->limit, q->offset);
	if (!page)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = summarise_all(ctx, json_object_get(page, "items"), "search", e);
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

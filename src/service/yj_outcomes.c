/*
 * yj_outcomes.c - rules for outcomes: dates in order and not in the
 * future, fields that only some outcomes have (release dates for custody,
 * requirements for YROs, where a transfer went), and the offences an
 * outcome disposed of, which must be the same child's.
 */
#include "service/yj_outcomes.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "service/yj_due.h"
#include "store/yj_offences.h"
#include "store/yj_outcomes.h"

#define MAX_OFFENCES 50

static const char *const CUSTODY_TYPES[] = {
    "detention_training_order",
    "custodial_sentence",
    "remand_youth_detention",
    NULL,
};

/* Outcomes that count as a caution or conviction (the "substantive" column
 * of yj_outcomes, docs/youth-justice-model.md): each disposes of at least
 * one offence. */
static const char *const CONVICTION_TYPES[] = {
    "youth_caution",
    "youth_conditional_caution",
    "referral_order",
    "youth_rehabilitation_order",
    "reparation_order",
    "fine",
    "discharge",
    "other_court",
    "detention_training_order",
    "custodial_sentence",
    NULL,
};

int
yj_outcome_is_conviction(const char *type)
{
	return type && fields_in(CONVICTION_TYPES, type);
}

/* The offence links a write carries (job->extra). */
struct outcome_extra {
	int given;              /* replace the links with these */
	const json_t *offences; /* validated offence ids (borrowed) */
};

static const char *
text_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static int
is_set(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return v && !json_is_null(v);
}

/* Fields that belong to some outcomes or end reasons only. */
static int
check_shape(const json_t *rec, struct err *e)
{
	const char *type = text_of(rec, "outcome_type");
	const char *reason = text_of(rec, "end_reason");
	if (is_set(rec, "end_date") && !reason)
		return err_set(e, SPIRE_EINVAL, "end_reason",
		               "end_reason is required with end_date");
	if (reason && !is_set(rec, "end_date"))
		return err_set(e, SPIRE_EINVAL, "end_date",
		               "end_date is required with end_reason");
	int out = reason && strcmp(reason, "transferred_out") == 0;
	if (out && !is_set(rec, "transferred_to"))
		return err_set(e, SPIRE_EINVAL, "transferred_to",
		               "transferred_to is required when the "
		               "outcome was transferred out");
	if (!out && is_set(rec, "transferred_to"))
		return err_set(e, SPIRE_EINVAL, "transferred_to",
		               "transferred_to is only for an outcome "
		               "transferred out");
	if (is_set(rec, "transferred_from") && !yj_true(rec, "transferred_in"))
		return err_set(e, SPIRE_EINVAL, "transferred_from",
		               "transferred_from is only for an outcome "
		               "transferred in");
	if (is_set(rec, "release_date") && !fields_in(CUSTODY_TYPES, type))
		return err_set(e, SPIRE_EINVAL, "release_date",
		               "release_date is only for custody");
	if (json_array_size(json_object_get(rec, "yro_requirements")) &&
	    strcmp(type, "youth_rehabilitation_order") != 0)
		return err_set(e, SPIRE_EINVAL, "yro_requirements",
		               "requirements are only for a youth "
		               "rehabilitation order");
	if (is_set(rec, "planned_end_date") && !is_set(rec, "start_date"))
		return err_set(e, SPIRE_EINVAL, "start_date",
		               "start_date is required with a planned end");
	return 0;
}

static int
check_dates(const json_t *rec, struct err *e)
{
	static const char *const past[] = {
	    "outcome_date", "start_date",           "end_date",
	    "release_date", "transition_plan_date", NULL,
	};
	const char *from =
	    is_set(rec, "start_date") ? "start_date" : "outcome_date";
	int rc = yj_not_future(rec, past, e);
	if (rc == 0)
		rc = yj_not_before(rec, "start_date", "outcome_date", e);
	if (rc == 0)
		rc = yj_not_before(rec, "planned_end_date", from, e);
	if (rc == 0)
		rc = yj_not_before(rec, "end_date", from, e);
	if (rc == 0)
		rc = yj_not_before(rec, "release_date", "outcome_date", e);
	if (rc == 0)
		rc = yj_not_before(rec, "next_review_date", from, e);
	return rc;
}

/* Only prevention work is recorded for a child under 10: every other
 * outcome answers an offence, and a child under 10 cannot commit one. */
static int
check_age(struct ctx *ctx, const json_t *rec, struct err *e)
{
	const char *type = text_of(rec, "outcome_type");
	int ok = 1;
	if (!type || strcmp(type, "prevention") == 0)
		return 0;
	int rc = yj_age_ok(ctx, yj_person_of(rec), text_of(rec, "outcome_date"),
	                   &ok, e);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EINVAL, "outcome_date",
		             "The child was under 10 on this date. Only "
		             "prevention work is recorded for a child under "
		             "10");
	return rc;
}

static int
check_outcome(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	int rc = old ? 0 : yj_open_case(ctx, rec, e);
	if (rc == 0)
		rc = check_shape(rec, e);
	if (rc == 0)
		rc = check_dates(rec, e);
	if (rc == 0)
		rc = check_age(ctx, rec, e);
	return rc;
}

static int
decorate_outcome(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	static const char *const lists[] = {"offence_ids", NULL};
	(void)ctx;
	yj_present_json(rec, lists);
	if (!is_set(rec, "start_date"))
		return 0;
	json_t *facts = NULL;
	int rc = store_yj_outcome_facts(
	    db, json_integer_value(json_object_get(rec, "id")), &facts, e);
	if (rc)
		return rc;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	json_t *due = yj_due_items(facts, today);
	json_decref(facts);
	if (!due || json_object_set_new(rec, "due", due))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

static int
after_outcome_write(struct db *db, struct record_job *j, struct err *e)
{
	struct outcome_extra *x = j->extra;
	if (!x || !x->given)
		return 0;
	int rc =
	    j->version ? store_yj_outcome_unlink_all(db, j->id, j->at, e) : 0;
	size_t i;
	json_t *v;
	json_array_foreach(x->offences, i, v)
	{
		/* The offence is still open: checked again in the write's
		 * transaction. */
		int open = 1;
		if (rc == 0)
			rc = store_is_open(db, OPEN_OFFENCE,
			                   json_integer_value(v), &open, e);
		if (rc == 0 && !open)
			rc = err_set(e, SPIRE_ECONFLICT, "offence_ids",
			             "Offence %lld was closed while you were "
			             "working",
			             (long long)json_integer_value(v));
		if (rc == 0)
			rc = store_yj_outcome_link(
			    db, j->id, json_integer_value(v), j->at, e);
	}
	return rc;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_OUTCOMES_OPEN_RULES[] = {
    {"case_id", OPEN_CASE},
    {NULL, OPEN_PERSON},
};

const struct resource YJ_OUTCOMES = {
    .open_rules = YJ_OUTCOMES_OPEN_RULES,
    .sql = &YJ_OUTCOMES_SQL,
    .kind = RK_OUTCOME,
    .check = check_outcome,
    .person_of = yj_person_of,
    .decorate = decorate_outcome,
    .after_write = after_outcome_write,
    .reopen = &YJ_OUTCOMES_REOPEN,
};

/* An offence recorded before the under-10 rule must not lead to an
 * outcome either. */
static int
offence_age(struct ctx *ctx, const struct yj_ref *ref, const char *field,
            struct err *e)
{
	json_t *offence = NULL;
	int ok = 1;
	int rc =
	    record_get(ctx_db(ctx), &YJ_OFFENCES_SQL, ref->id, &offence, e);
	if (rc == 0)
		rc = yj_age_ok(ctx, ref->person_id,
		               text_of(offence, "offence_date"), &ok, e);
	json_decref(offence);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EINVAL, field,
		             "The child was under 10 on the date of offence "
		             "%lld, so it cannot lead to an outcome",
		             (long long)ref->id);
	return rc;
}

/* Validate offence_ids: distinct open offences of child person_id. */
static int
read_offences(struct ctx *ctx, const json_t *list, int64_t person_id,
              struct outcome_extra *x, struct err *e)
{
	if (!list)
		return 0;
	x->given = 1;
	if (json_is_null(list))
		return 0;
	if (!json_is_array(list) || json_array_size(list) > MAX_OFFENCES)
		return err_set(e, SPIRE_EINVAL, "offence_ids",
		               "offence_ids must be a list of at most %d ids",
		               MAX_OFFENCES);
	x->offences = list;
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
	{
		char field[48];
		snprintf(field, sizeof(field), "offence_ids[%zu]", i);
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return err_set(e, SPIRE_EINVAL, field,
			               "%s must be a positive whole number",
			               field);
		for (size_t k = 0; k < i; k++)
			if (json_equal(json_array_get(list, k), v))
				return err_set(e, SPIRE_EINVAL, field,
				               "%s is listed twice", field);
		struct yj_ref ref;
		int rc = store_yj_offence_ref(ctx_db(ctx),
		                              json_integer_value(v), &ref, e);
		if (rc == SPIRE_ENOTFOUND)
			return err_set(e, SPIRE_EINVAL, field,
			               "no offence with id %lld",
			               (long long)json_integer_value(v));
		if (rc)
			return rc;
		if (ref.person_id != person_id)
			return err_set(e, SPIRE_EINVAL, field,
			               "offence %lld is another child's",
			               (long long)ref.id);
		if (ref.closed)
			return err_set(e, SPIRE_EINVAL, field,
			               "offence %lld was closed",
			               (long long)ref.id);
		if ((rc = offence_age(ctx, &ref, field, e)))
			return rc;
	}
	return 0;
}

/* A copy of body without offence_ids and allow_duplicate (which must be
 * true or false when given); NULL with e filled otherwise. */
static json_t *
own_fields(const json_t *body, struct err *e)
{
	json_t *allow = json_object_get(body, "allow_duplicate");
	if (allow && !json_is_boolean(allow)) {
		err_set(e, SPIRE_EINVAL, "allow_duplicate",
		        "Allow duplicate must be true or false");
		return NULL;
	}
	json_t *core = json_is_object(body) ? json_deep_copy(body) : NULL;
	if (!core) {
		err_set(e, SPIRE_EINVAL, NULL,
		        "the body must be a JSON object");
		return NULL;
	}
	json_object_del(core, "offence_ids");
	json_object_del(core, "allow_duplicate");
	return core;
}

/* 1 when id is one of list's integers. */
static int
listed(const json_t *list, json_int_t id)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
	{
		if (json_integer_value(v) == id)
			return 1;
	}
	return 0;
}

/* A caution or sentence disposes of at least one offence. */
static int
check_conviction(const json_t *rec, const struct outcome_extra *x,
                 struct err *e)
{
	if (!fields_in(CONVICTION_TYPES, text_of(rec, "outcome_type")))
		return 0;
	if (x->offences && json_array_size(x->offences) > 0)
		return 0;
	return err_set(e, SPIRE_EINVAL, "offence_ids",
	               "Select the offence this outcome was for: a caution "
	               "or a sentence needs at least one offence");
}

/*
 * The open outcomes of rec's child with the same type and date whose
 * offences are exactly x's: *dups a new array of their ids (empty when
 * none).
 */
static int
same_outcomes(struct ctx *ctx, const json_t *rec, const struct outcome_extra *x,
              json_t **dups, struct err *e)
{
	json_t *rows = NULL;
	*dups = json_array();
	if (!*dups)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = store_yj_outcomes_same_day(
	    ctx_db(ctx), yj_person_of(rec), text_of(rec, "outcome_type"),
	    text_of(rec, "outcome_date"), &rows, e);
	if (rc) {
		json_decref(*dups);
		*dups = NULL;
		return rc;
	}
	size_t want = x->offences ? json_array_size(x->offences) : 0;
	size_t i = 0, n = json_array_size(rows);
	while (i < n) {
		json_int_t id = json_integer_value(
		    json_object_get(json_array_get(rows, i), "id"));
		size_t count = 0, match = 0;
		for (; i < n; i++) {
			json_t *row = json_array_get(rows, i);
			if (json_integer_value(json_object_get(row, "id")) !=
			    id)
				break;
			json_t *off = json_object_get(row, "offence_id");
			if (json_is_null(off) || !off)
				continue;
			count++;
			match += x->offences &&
			         listed(x->offences, json_integer_value(off));
		}
		if (count == want && match == want &&
		    json_array_append_new(*dups, json_integer(id))) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	json_decref(rows);
	if (rc) {
		json_decref(*dups);
		*dups = NULL;
	}
	return rc;
}

/*
 * A probable duplicate of rec (other than outcome self) is refused:
 * SPIRE_ECONFLICT with *duplicates (caller owns) their ids.
 */
static int
refuse_duplicates(struct ctx *ctx, const json_t *rec,
                  const struct outcome_extra *x, int64_t self,
                  json_t **duplicates, struct err *e)
{
	json_t *dups = NULL;
	int rc = same_outcomes(ctx, rec, x, &dups, e);
	for (size_t i = json_array_size(dups); rc == 0 && i-- > 0;)
		if (json_integer_value(json_array_get(dups, i)) == self)
			json_array_remove(dups, i);
	if (rc == 0 && json_array_size(dups) > 0) {
		*duplicates = dups;
		dups = NULL;
		rc = err_set(e, SPIRE_ECONFLICT, "duplicates",
		             "This child already has the same outcome on this "
		             "date for the same offences. Check it is not the "
		             "same one, then send allow_duplicate: true to "
		             "record it anyway");
	}
	json_decref(dups);
	return rc;
}

int
yj_outcomes_create(struct ctx *ctx, const json_t *body, json_t **out,
                   json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	struct outcome_extra x = {0};
	int rc = yj_may_record(ctx, e);
	if (rc)
		return rc;
	json_t *core = own_fields(body, e);
	json_t *rec = json_object();
	if (!core || !rec) {
		json_decref(core);
		json_decref(rec);
		return core ? err_set(e, SPIRE_ENOMEM, NULL, "out of memory")
		            : e->code;
	}
	/* The outcome's own fields first, so that errors come in the order
	 * a reader meets them; yj_create checks them again. */
	rc = fields_apply(YJ_OUTCOMES_FIELDS, YJ_OUTCOMES_N_FIELDS, core, rec,
	                  1, NULL, e);
	if (rc == 0)
		rc = check_outcome(ctx, rec, NULL, e);
	if (rc == 0)
		rc = read_offences(ctx, json_object_get(body, "offence_ids"),
		                   yj_person_of(rec), &x, e);
	if (rc == 0)
		rc = check_conviction(rec, &x, e);
	if (rc == 0 && !json_is_true(json_object_get(body, "allow_duplicate")))
		rc = refuse_duplicates(ctx, rec, &x, 0, duplicates, e);
	if (rc == 0)
		rc = yj_create(ctx, &YJ_OUTCOMES, core, &x, out, e);
	json_decref(rec);
	json_decref(core);
	return rc;
}

/* The value of key as it will be after a change: from body, or as
 * stored. */
static json_t *
will_be(const json_t *body, const json_t *old, const char *key)
{
	json_t *v = json_object_get(body, key);
	return json_is_string(v) ? v : json_object_get(old, key);
}

/* On a change: the outcome as it will be (type and date from body or as
 * stored; offences as given, or as linked) still disposes of an offence
 * when it is a caution or a sentence, and is not a probable duplicate of
 * another outcome (when its type, date or offences change, unless body
 * says allow_duplicate: true). */
static int
check_outcome_update(struct ctx *ctx, int64_t id, const json_t *body,
                     const struct outcome_extra *x, json_t **duplicates,
                     struct err *e)
{
	json_t *old = NULL;
	int rc = record_get(ctx_db(ctx), &YJ_OUTCOMES_SQL, id, &old, e);
	if (rc)
		return rc;
	json_t *rec = json_object();
	struct outcome_extra now = *x;
	json_t *linked = NULL;
	if (!now.given) {
		const char *text = text_of(old, "offence_ids");
		linked = text ? json_loads(text, 0, NULL) : NULL;
		now.offences = linked;
	}
	static const char *const keys[] = {"outcome_type", "outcome_date",
	                                   "person_id", NULL};
	for (size_t i = 0; rc == 0 && keys[i]; i++) {
		json_t *v = will_be(body, old, keys[i]);
		if (!rec || json_object_set(rec, keys[i], v ? v : json_null()))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int changes = x->given || json_object_get(body, "outcome_type") ||
	              json_object_get(body, "outcome_date");
	if (rc == 0 && (x->given || json_object_get(body, "outcome_type")))
		rc = check_conviction(rec, &now, e);
	if (rc == 0 && changes &&
	    !json_is_true(json_object_get(body, "allow_duplicate")))
		rc = refuse_duplicates(ctx, rec, &now, id, duplicates, e);
	json_decref(linked);
	json_decref(rec);
	json_decref(old);
	return rc;
}

int
yj_outcomes_update(struct ctx *ctx, int64_t id, const json_t *body,
                   json_t **out, json_t **duplicates, struct err *e)
{
	*out = NULL;
	*duplicates = NULL;
	struct outcome_extra x = {0};
	int rc = yj_may_record(ctx, e);
	if (rc)
		return rc;
	json_t *core = own_fields(body, e);
	if (!core)
		return e->code;
	struct yj_ref ref;
	rc = store_yj_outcome_ref(ctx_db(ctx), id, &ref, e);
	if (rc == 0)
		rc = read_offences(ctx, json_object_get(body, "offence_ids"),
		                   ref.person_id, &x, e);
	if (rc == 0)
		rc = check_outcome_update(ctx, id, body, &x, duplicates, e);
	if (rc == 0)
		rc = yj_update(ctx, &YJ_OUTCOMES, id, core, &x, out, e);
	json_decref(core);
	return rc;
}

int
yj_outcomes_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
                 struct err *e)
{
	return yj_list(ctx, &YJ_OUTCOMES, store_yj_outcomes_list, a,
	               "person_id", out, e);
}

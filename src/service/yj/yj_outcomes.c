/*
 * yj_outcomes.c - rules for outcomes: dates in order and not in the
 * future, fields that only some outcomes have (release dates for custody,
 * requirements for YROs, where a transfer went), and the offences an
 * outcome disposed of, which must be the same child's.
 */
#include "service/yj/yj_outcomes.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/yj/vocab_yj.h"
#include "service/policy.h"
#include "service/parenting/parenting.h"
#include "service/yj/yj_due.h"
#include "store/yj/yj_offences.h"
#include "store/yj/yj_outcomes.h"

#define MAX_OFFENCES 50

/* Custody: the outcome types of the kind (vocabulary group) "custody",
 * the only ones with a release date. */
static int
is_custody(const char *type)
{
	const struct vocab_term *t = vocab_term(&VOCAB_OUTCOME_TYPES, type);
	return t && t->group && strcmp(t->group, "custody") == 0;
}

/* Outcomes that count as a caution or conviction (the "substantive" column
 * of yj_outcomes, docs/youth-justice-model.md) carry the vocabulary's
 * "substantive" tag: each disposes of at least one offence. */
int
yj_outcome_is_conviction(const char *type)
{
	return vocab_term_has(vocab_term(&VOCAB_OUTCOME_TYPES, type),
	                      VOCAB_TAG_SUBSTANTIVE);
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

/* 1 when the rule reading fields a and b (b may be NULL) can run: neither
 * is in error. */
static int
usable(const struct err *e, const char *a, const char *b)
{
	return !err_names(e, a) && (!b || !err_names(e, b));
}

/* Fields that belong to some outcomes or end reasons only; gathered. */
static void
check_shape(const json_t *rec, struct err *e)
{
	const char *type = usable(e, "outcome_type", NULL)
	                       ? text_of(rec, "outcome_type")
	                       : NULL;
	const char *reason =
	    usable(e, "end_reason", NULL) ? text_of(rec, "end_reason") : NULL;
	if (usable(e, "end_date", "end_reason")) {
		if (is_set(rec, "end_date") && !reason)
			err_rule(e, "end_reason",
			         "Select how the intervention ended");
		if (reason && !is_set(rec, "end_date"))
			err_rule(e, "end_date",
			         "Enter the date the intervention ended");
	}
	int out = reason && strcmp(reason, "transferred_out") == 0;
	if (usable(e, "transferred_to", "end_reason")) {
		if (out && !is_set(rec, "transferred_to"))
			err_rule(e, "transferred_to",
			         "Enter the youth justice service it was "
			         "transferred out to");
		if (!out && is_set(rec, "transferred_to"))
			err_rule(e, "transferred_to",
			         "Leave transferred out to empty unless the "
			         "outcome was transferred out");
	}
	if (usable(e, "transferred_from", "transferred_in") &&
	    is_set(rec, "transferred_from") && !yj_true(rec, "transferred_in"))
		err_rule(e, "transferred_from",
		         "Leave transferred in from empty unless the outcome "
		         "was transferred in");
	if (type && usable(e, "release_date", NULL) &&
	    is_set(rec, "release_date") && !is_custody(type))
		err_rule(e, "release_date",
		         "Leave the release date empty: only custody has a "
		         "release date");
	if (type && usable(e, "yro_requirements", NULL) &&
	    json_array_size(json_object_get(rec, "yro_requirements")) &&
	    strcmp(type, "youth_rehabilitation_order") != 0)
		err_rule(e, "yro_requirements",
		         "Leave the requirements empty: only a youth "
		         "rehabilitation order has requirements");
	if (usable(e, "planned_end_date", "start_date") &&
	    is_set(rec, "planned_end_date") && !is_set(rec, "start_date"))
		err_rule(e, "start_date",
		         "Enter the start date: an intervention with a "
		         "planned end date needs one");
}

/* Dates not in the future and in order; gathered (yj_not_before skips a
 * date in error). */
static void
check_dates(const json_t *rec, struct err *e)
{
	static const char *const past[] = {
	    "outcome_date", "start_date",           "end_date",
	    "release_date", "transition_plan_date", NULL,
	};
	const char *from =
	    is_set(rec, "start_date") ? "start_date" : "outcome_date";
	yj_not_future(&YJ_OUTCOMES, rec, past, e);
	yj_not_before(&YJ_OUTCOMES, rec, "start_date", "outcome_date", e);
	yj_not_before(&YJ_OUTCOMES, rec, "planned_end_date", from, e);
	yj_not_before(&YJ_OUTCOMES, rec, "end_date", from, e);
	yj_not_before(&YJ_OUTCOMES, rec, "release_date", "outcome_date", e);
	yj_not_before(&YJ_OUTCOMES, rec, "next_review_date", from, e);
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

/*
 * Every rule of an outcome, gathered with the field errors (struct
 * resource's gathers): a rule whose field is in error is skipped.
 */
static int
check_outcome(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct err one;
	int case_ok = old != NULL;
	if (!old && usable(e, "case_id", NULL) &&
	    json_is_integer(json_object_get(rec, "case_id"))) {
		err_clear(&one);
		case_ok = yj_open_case(ctx, rec, &one) == 0;
		err_gather(e, &one);
	}
	check_shape(rec, e);
	check_dates(rec, e);
	if (case_ok && usable(e, "outcome_type", "outcome_date")) {
		err_clear(&one);
		check_age(ctx, rec, &one);
		err_gather(e, &one);
	}
	return e->code;
}

static int
decorate_outcome(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	if (!db)
		db = ctx_db(ctx);
	json_t *ids = NULL;
	int rc = store_yj_outcome_offence_ids(
	    db, json_integer_value(json_object_get(rec, "id")), &ids, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "offence_ids", ids))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (!is_set(rec, "start_date"))
		return 0;
	json_t *facts = NULL;
	rc = store_yj_outcome_facts(
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

/* The offence links a write gives, replacing those there were. */
static int
write_links(struct db *db, struct record_job *j, struct err *e)
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
			rc = store_is_open(db, RK_OFFENCE,
			                   json_integer_value(v), &open, e);
		if (rc == 0 && !open)
			rc = err_set(e, SPIRE_ECONFLICT, "offence_ids",
			             "One of the offences was closed while you "
			             "were working. Select open offences only");
		if (rc == 0)
			rc = store_yj_outcome_link(
			    db, j->id, json_integer_value(v), j->at, e);
	}
	return rc;
}

/* A change of an outcome's fields to what they are stores nothing when
 * its offences, if given, are those it is for already. */
static int
outcome_extra_same(struct db *db, const struct record_job *j)
{
	const struct outcome_extra *x = j->extra;
	if (!x->given)
		return 1;
	json_t *ids = NULL;
	struct err ignore;
	err_clear(&ignore);
	if (store_yj_outcome_offence_ids(db, j->id, &ids, &ignore) != 0)
		return 0;
	int same = json_array_size(ids) == json_array_size(x->offences);
	size_t i, k;
	json_t *v, *w;
	json_array_foreach(ids, i, v)
	{
		int found = 0;
		json_array_foreach(x->offences, k, w) found |=
		    json_integer_value(w) == json_integer_value(v);
		same &= found;
	}
	json_decref(ids);
	return same;
}

/* The offence links, then the joint initial home visit of an
 * intervention that has started (service/parenting/parent_visits.c). */
static int
after_outcome_write(struct db *db, struct record_job *j, struct err *e)
{
	int rc = write_links(db, j, e);
	return rc ? rc : parenting_visit_tasks(db, j, e);
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_OUTCOMES_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

/* A case's or a child's outcomes (struct resource's list). */
static int
list(struct ctx *ctx, const struct resource *res, const struct records_query *q,
     json_t **out, struct err *e)
{
	return yj_list(ctx, res, store_yj_outcomes_list, q, "person_id", out,
	               e);
}

/* An outcome's offence links and duplicate check go with it. */
static const struct resource_ops OPS = {
    .create = yj_outcomes_create,
    .update = yj_outcomes_update,
    .close = yj_close,
    .reopen = yj_reopen,
};

const struct resource YJ_OUTCOMES = {
    .name = "outcome",
    .plural = "outcomes",
    .label = "Outcome",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = YJ_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = YJ_LIST_PROMPT,
    .list = list,
    .ops = &OPS,
    .open_rules = YJ_OUTCOMES_OPEN_RULES,
    .table = &YJ_OUTCOMES_TABLE,
    .kind = RK_OUTCOME,
    .check = check_outcome,
    .gathers = 1,
    .person_of = yj_person_of,
    .decorate = decorate_outcome,
    .after_write = after_outcome_write,
    .extra_same = outcome_extra_same,
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
	    record_get(ctx_db(ctx), &YJ_OFFENCES_TABLE, ref->id, &offence, e);
	if (rc == 0)
		rc = yj_age_ok(ctx, ref->person_id,
		               text_of(offence, "offence_date"), &ok, e);
	json_decref(offence);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EINVAL, field,
		             "The child was under 10 on the date of one of "
		             "these offences, so it cannot lead to an outcome");
	return rc;
}

/* One offence_ids item: an open offence of child person_id (0: the child
 * is not known, which skips that rule). */
static int
check_offence_item(struct ctx *ctx, const json_t *v, int64_t person_id,
                   const char *field, struct err *e)
{
	struct yj_ref ref;
	static const char missing[] = "Select offences from the list: one of "
	                              "them does not exist";
	/* One the user may not read is answered as one that does not exist
	 * (policy_reference_hidden), before anything else is said of it. */
	int rc = policy_reference_hidden(ctx, RK_OFFENCE, json_integer_value(v),
	                                 0, field, missing, e);
	if (rc == 0)
		rc = store_yj_offence_ref(ctx_db(ctx), json_integer_value(v),
		                          &ref, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field, "%s", missing);
	if (rc)
		return rc;
	if (person_id && ref.person_id != person_id)
		return err_set(e, SPIRE_EINVAL, field,
		               "Select offences of this child only");
	if (ref.closed)
		return err_set(e, SPIRE_EINVAL, field,
		               "One of these offences has been closed. Select "
		               "open offences only");
	return person_id ? offence_age(ctx, &ref, field, e) : 0;
}

/* Validate offence_ids: distinct open offences of child person_id (0 when
 * not known). Every item in error is gathered into e. */
static int
read_offences(struct ctx *ctx, const json_t *list, int64_t person_id,
              struct outcome_extra *x, struct err *e)
{
	if (!list)
		return e->code;
	x->given = 1;
	if (json_is_null(list))
		return e->code;
	if (!json_is_array(list) || json_array_size(list) > MAX_OFFENCES)
		return err_rule(e, "offence_ids", "Select up to %d offences",
		                MAX_OFFENCES);
	x->offences = list;
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
	{
		char field[48];
		snprintf(field, sizeof(field), "offence_ids[%zu]", i);
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			err_rule(e, field, "Select offences from the list");
			continue;
		}
		int twice = 0;
		for (size_t k = 0; k < i; k++)
			twice |= json_equal(json_array_get(list, k), v);
		if (twice) {
			err_rule(e, field,
			         "An offence is listed twice: select each "
			         "offence once");
			continue;
		}
		struct err one;
		err_clear(&one);
		check_offence_item(ctx, v, person_id, field, &one);
		err_gather(e, &one);
	}
	return e->code;
}

/* allow_duplicate, when given, must be true or false: gathered. */
static void
check_allow(const json_t *body, struct err *e)
{
	json_t *allow = json_object_get(body, "allow_duplicate");
	if (allow && !json_is_boolean(allow))
		err_rule(e, "allow_duplicate",
		         "Select whether to record this outcome even though "
		         "it may already be recorded");
}

/* A copy of body without offence_ids and allow_duplicate; NULL with e
 * filled otherwise. */
static json_t *
own_fields(const json_t *body, struct err *e)
{
	json_t *core = json_is_object(body) ? json_deep_copy(body) : NULL;
	if (!core) {
		err_set(e, SPIRE_EINVAL, NULL,
		        "Spire could not read what was sent. Reload the page "
		        "and try again");
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

/* A caution or sentence disposes of at least one offence; gathered,
 * skipped while the type or the offences are in error. */
static int
check_conviction(const json_t *rec, const struct outcome_extra *x,
                 struct err *e)
{
	if (err_names(e, "outcome_type") || err_names(e, "offence_ids"))
		return e->code;
	if (!yj_outcome_is_conviction(text_of(rec, "outcome_type")))
		return e->code;
	if (x->offences && json_array_size(x->offences) > 0)
		return e->code;
	return err_rule(e, "offence_ids",
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
		             "same one before you record it anyway");
	}
	json_decref(dups);
	return rc;
}

int
yj_outcomes_create(struct ctx *ctx, const struct resource *res,
                   const json_t *body, json_t **out, json_t **duplicates,
                   struct err *e)
{
	(void)res;
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
	/* Every error together: the outcome's own fields first, so that
	 * errors come in the order a reader meets them, then its rules and
	 * its offences; yj_create checks the outcome again. */
	err_clear(e);
	rc = fields_apply(YJ_OUTCOMES_FIELDS, YJ_OUTCOMES_N_FIELDS, core, rec,
	                  1, NULL, e);
	check_allow(body, e);
	if (rc == 0 || rc == SPIRE_EINVAL)
		check_outcome(ctx, rec, NULL, e);
	read_offences(ctx, json_object_get(body, "offence_ids"),
	              yj_person_of(rec), &x, e);
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

/* 1 when core's fields are valid on outcome old (a dry run of the
 * change). */
static int
fields_valid(const json_t *old, const json_t *core)
{
	static const char *const ignore[] = {"version", NULL};
	json_t *trial = json_deep_copy(old);
	if (!trial)
		return 0;
	records_present(&YJ_OUTCOMES, trial);
	struct err fe;
	err_clear(&fe);
	int ok = fields_apply(YJ_OUTCOMES_FIELDS, YJ_OUTCOMES_N_FIELDS, core,
	                      trial, 0, ignore, &fe) == 0;
	json_decref(trial);
	return ok;
}

/* On a change: the outcome as it will be (type and date from body or as
 * stored; offences as given, or as linked) still disposes of an offence
 * when it is a caution or a sentence (gathered into pre), and, when the
 * change is otherwise valid, is not a probable duplicate of another
 * outcome (when its type, date or offences change, unless body says
 * allow_duplicate: true): SPIRE_ECONFLICT in e. */
static int
check_outcome_update(struct ctx *ctx, int64_t id, const json_t *body,
                     const json_t *core, const struct outcome_extra *x,
                     struct err *pre, json_t **duplicates, struct err *e)
{
	json_t *old = NULL;
	int rc = record_get(ctx_db(ctx), &YJ_OUTCOMES_TABLE, id, &old, e);
	if (rc)
		return rc;
	json_t *rec = json_object();
	struct outcome_extra now = *x;
	json_t *linked = NULL;
	if (!now.given && (rc = store_yj_outcome_offence_ids(
	                       ctx_db(ctx), id, &linked, e)) != 0) {
		json_decref(old);
		return rc;
	}
	if (!now.given)
		now.offences = linked;
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
		check_conviction(rec, &now, pre);
	if (rc == 0 && changes && pre->code == 0 && fields_valid(old, core) &&
	    !json_is_true(json_object_get(body, "allow_duplicate")))
		rc = refuse_duplicates(ctx, rec, &now, id, duplicates, e);
	json_decref(linked);
	json_decref(rec);
	json_decref(old);
	return rc;
}

int
yj_outcomes_update(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, json_t **out, json_t **duplicates,
                   struct err *e)
{
	(void)res;
	*out = NULL;
	*duplicates = NULL;
	struct outcome_extra x = {0};
	int rc = yj_may_record(ctx, e);
	if (rc)
		return rc;
	json_t *core = own_fields(body, e);
	if (!core)
		return e->code;
	/* The offences' and the rules' errors, with the fields' (pre). */
	struct err pre;
	err_clear(&pre);
	check_allow(body, &pre);
	struct yj_ref ref;
	rc = store_yj_outcome_ref(ctx_db(ctx), id, &ref, e);
	if (rc == 0) {
		read_offences(ctx, json_object_get(body, "offence_ids"),
		              ref.person_id, &x, &pre);
		rc = check_outcome_update(ctx, id, body, core, &x, &pre,
		                          duplicates, e);
	}
	if (rc == 0)
		rc = yj_update_pre(ctx, &YJ_OUTCOMES, id, core, &pre, &x, out,
		                   e);
	json_decref(core);
	return rc;
}

/*
 * yj_assessments.c - rules for assessments. The prevention and diversion
 * assessment's sections are a form response of the forms engine (form
 * "prevention-diversion", docs/forms.md), linked from the assessment: the
 * API reads and writes them as the assessment's own fields, as before.
 */
#include "service/yj/yj_assessments.h"

#include <string.h>

#include "core/clock.h"
#include "core/fields.h"

#include "service/forms/forms.h"
#include "store/forms/pd.h"
#include "store/forms/responses.h"
#include "service/yj/yj_due.h"
#include "store/yj/yj_assessments.h"
#include "store/yj/yj_outcomes.h"

static const char *const JUDGEMENTS[] = {
    "likelihood_of_reoffending",
    "risk_of_serious_harm",
    "safety_wellbeing",
    NULL,
};

/* The judgements as practitioners read them, in JUDGEMENTS' order. */
static const char *const JUDGEMENT_WORDS[] = {
    "likelihood of reoffending",
    "risk of serious harm",
    "safety and wellbeing",
};

static const char *const *const FORM = PD_SECTIONS;

static int
is_set(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return v && !json_is_null(v);
}

/* Whether due item `what` (yj_due_items) is cleared by an assessment. */
static int
assessment_item(const char *what)
{
	static const char *const items[] = {"start_assessment", "review",
	                                    "release_assessment",
	                                    "end_assessment", NULL};
	for (const char *const *k = items; what && *k; k++)
		if (strcmp(what, *k) == 0)
			return 1;
	return 0;
}

/*
 * How many running interventions of case_id have an assessment due
 * (yj_due_items, docs/youth-justice-model.md section 8), in *n.
 */
static int
due_interventions(struct ctx *ctx, int64_t case_id, int *n, struct err *e)
{
	*n = 0;
	json_t *all = NULL;
	int rc = store_yj_outcomes_due_case(ctx_db(ctx), case_id, &all, e);
	if (rc)
		return rc;
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	size_t i;
	json_t *facts;
	json_array_foreach(all, i, facts)
	{
		json_t *items = yj_due_items(facts, today);
		if (!items) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
		size_t j;
		json_t *item;
		int due = 0;
		json_array_foreach(items, j, item) due |= assessment_item(
		    json_string_value(json_object_get(item, "what")));
		*n += due;
		json_decref(items);
	}
	json_decref(all);
	return rc;
}

/*
 * A new AssetPlus assessment on a case with several interventions due an
 * assessment must say which one it is for (outcome_id), or why it is for
 * none (no_intervention_reason): saved against none, it would clear none
 * of them, and they stay overdue (session 23 walkers). With one due, the
 * form chooses it for the practitioner.
 */
static void
check_intervention_chosen(struct ctx *ctx, const json_t *rec, struct err *e)
{
	if (is_set(rec, "outcome_id") || err_names(e, "outcome_id") ||
	    is_set(rec, "no_intervention_reason") ||
	    err_names(e, "no_intervention_reason"))
		return;
	int n = 0;
	int64_t case_id = json_integer_value(json_object_get(rec, "case_id"));
	struct err one;
	err_clear(&one);
	if (due_interventions(ctx, case_id, &n, &one) != 0) {
		err_gather(e, &one);
		return;
	}
	if (n >= 2)
		err_rule(e, "outcome_id",
		         "Select the intervention the assessment is for: %d "
		         "interventions on this case are due an assessment. "
		         "If it is for none of them, say why",
		         n);
}

/*
 * The rules of an assessment, gathered with the field errors in e (the
 * resource gathers): a rule whose own field is already in error is
 * skipped, and a refusal (the case or outcome) is kept only while the
 * request has no validation error.
 */
static int
check_assessment(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"assessment_date", NULL};
	struct err one;
	int case_ok = old != NULL;
	if (!old && !err_names(e, "case_id") &&
	    json_is_integer(json_object_get(rec, "case_id"))) {
		err_clear(&one);
		case_ok = yj_open_case(ctx, rec, &one) == 0;
		err_gather(e, &one);
	}
	const char *type =
	    err_names(e, "assessment_type")
	        ? NULL
	        : json_string_value(json_object_get(rec, "assessment_type"));
	const char *stage =
	    err_names(e, "stage")
	        ? NULL
	        : json_string_value(json_object_get(rec, "stage"));
	int assetplus = type && strcmp(type, "assetplus") == 0;
	for (size_t i = 0; assetplus && JUDGEMENTS[i]; i++)
		if (!is_set(rec, JUDGEMENTS[i]) && !err_names(e, JUDGEMENTS[i]))
			err_rule(e, JUDGEMENTS[i],
			         "Select the %s judgement: an AssetPlus "
			         "assessment needs it",
			         JUDGEMENT_WORDS[i]);
	const struct form *pd = forms_find(&ctx->srv->forms, PD_FORM_ID, 0);
	for (const char *const *k = FORM; assetplus && *k; k++) {
		/* The section as the form names it, e.g. "The child's plan". */
		const json_t *item = pd ? forms_item(pd, *k) : NULL;
		const char *text =
		    json_string_value(json_object_get(item, "text"));
		char words[80];
		if (text)
			snprintf(words, sizeof(words), "%s", text);
		else
			fields_label(*k, words, sizeof(words));
		if (is_set(rec, *k) && !err_names(e, *k))
			err_rule(e, *k,
			         "Remove ‘%s’: it is part of a prevention "
			         "and diversion assessment, not an AssetPlus "
			         "one",
			         words);
	}
	struct yj_ref ref;
	memset(&ref, 0, sizeof(ref));
	int ref_ok = 0;
	if (case_ok && !err_names(e, "outcome_id")) {
		err_clear(&one);
		ref_ok = yj_child_outcome(ctx, rec, "outcome_id", 0, &ref,
		                          &one) == 0;
		err_gather(e, &one);
	}
	if (!old && case_ok && assetplus)
		check_intervention_chosen(ctx, rec, e);
	if (is_set(rec, "no_intervention_reason") &&
	    is_set(rec, "outcome_id") && !err_names(e, "outcome_id"))
		err_rule(e, "no_intervention_reason",
		         "Remove the reason the assessment is for no "
		         "intervention: it is for the intervention selected");
	if (ref_ok && stage && strcmp(stage, "release") == 0 &&
	    strcmp(ref.kind, "custody") != 0)
		err_rule(e, "outcome_id",
		         "A release assessment is only for a custody outcome. "
		         "Select a custody outcome or another stage");
	yj_not_future(&YJ_ASSESSMENTS, rec, dates, e);
	if (case_ok)
		records_in_case_life(ctx, &YJ_ASSESSMENTS, rec, old, "case_id",
		                     "assessment_date", e);
	if (e->code)
		return e->code;
	/* The sections are kept in the form response (after_write), never
	 * in the assessment's columns. */
	for (const char *const *k = FORM; *k; k++)
		if (json_object_set_new(rec, *k, json_null()))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

static int64_t
int_of(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* The answers of response id (a new object; empty when id is 0);
 * *current 1 when it is neither superseded nor closed (may be NULL). */
static int
answers_of(struct db *db, const struct forms *forms, int64_t id,
           json_t **answers, int64_t *version, int *current, struct err *e)
{
	*version = 0;
	if (current)
		*current = 0;
	if (!id) {
		*answers = json_object();
		return *answers
		           ? 0
		           : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_t *row = NULL;
	int rc = record_get(db, &FORM_RESPONSES_TABLE, id, &row, e);
	if (rc)
		return rc;
	*version = int_of(row, "version");
	if (current)
		*current = !int_of(row, "superseded_by") &&
		           (!json_object_get(row, "closed_at") ||
		            json_is_null(json_object_get(row, "closed_at")));
	const char *text = json_string_value(json_object_get(row, "document"));
	json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
	const struct form *def =
	    forms_find(forms, PD_FORM_ID, (long)int_of(row, "form_version"));
	json_t *scores = NULL, *flags = NULL;
	*answers = forms_answers_of(def, doc, &scores, &flags);
	json_decref(scores);
	json_decref(flags);
	json_decref(doc);
	json_decref(row);
	return 0;
}

/*
 * After an assessment is written: when the request gives any section of
 * a prevention and diversion assessment, the sections (the earlier ones
 * with the request's over them) become a new response of the latest
 * version of the form, checked by the engine; a response it replaces is
 * superseded, as any correction is.
 */
/* The extra is the forms the prevention and diversion response is made
 * from: the change is the same when it gives no section, or gives each
 * as the assessment's current response holds it (null: not answered). */
static int
extra_same(struct db *db, const struct record_job *job)
{
	const char *type =
	    json_string_value(json_object_get(job->rec, "assessment_type"));
	int given = 0;
	for (const char *const *k = FORM; *k; k++)
		given |= json_object_get(job->body, *k) != NULL;
	if (!given || !type || strcmp(type, "prevention_diversion") != 0)
		return 1;
	struct err ignore;
	err_clear(&ignore);
	json_t *row = NULL;
	if (record_get(db, job->res->table, job->id, &row, &ignore) != 0)
		return 0;
	int64_t id = int_of(row, "form_response_id"), version = 0;
	json_decref(row);
	json_t *now = NULL;
	int current = 0;
	if (!id || answers_of(db, job->extra, id, &now, &version, &current,
	                      &ignore) != 0)
		return 0;
	int same = current;
	for (const char *const *k = FORM; same && *k; k++) {
		const json_t *v = json_object_get(job->body, *k);
		const json_t *held = json_object_get(now, *k);
		if (v)
			same = json_is_null(v) ? !held
			                       : held && json_equal(held, v);
	}
	json_decref(now);
	return same;
}

static int
after_write(struct db *db, struct record_job *job, struct err *e)
{
	const struct forms *forms = job->extra;
	const char *type =
	    json_string_value(json_object_get(job->rec, "assessment_type"));
	int given = 0;
	for (const char *const *k = FORM; *k; k++)
		given |= json_object_get(job->body, *k) != NULL;
	if (!forms || !given || !type ||
	    strcmp(type, "prevention_diversion") != 0)
		return 0;
	const struct form *def = forms_find(forms, PD_FORM_ID, 0);
	if (!def)
		return err_set(e, SPIRE_EUNAVAIL, NULL,
		               "The prevention and diversion form is not "
		               "loaded: ask your administrator");
	int64_t old_id = 0, old_version = 0;
	json_t *now = NULL;
	if (job->version) {
		json_t *row = NULL;
		int rc = record_get(db, job->res->table, job->id, &row, e);
		if (rc)
			return rc;
		old_id = int_of(row, "form_response_id");
		json_decref(row);
	}
	int current = 0;
	int rc = answers_of(db, forms, old_id, &now, &old_version, &current, e);
	/* A response already superseded or closed outside the assessment
	 * (before such writes were refused) is not superseded again: the
	 * assessment links the new one, so it is never left stuck. */
	if (!current)
		old_id = 0;
	if (rc)
		return rc;
	for (const char *const *k = FORM; *k; k++) {
		json_t *v = json_object_get(job->body, *k);
		if (v && json_is_null(v))
			json_object_del(now, *k);
		else if (v)
			json_object_set(now, *k, v);
	}
	const char *authored =
	    json_string_value(json_object_get(job->rec, "assessment_date"));
	json_t *doc = NULL, *rec = NULL;
	rc = forms_validate(def, now, 1, e);
	if (rc == 0)
		rc = forms_response(def, now, "completed", authored, &doc, e);
	if (rc == 0 && !(rec = store_pd_response_rec(
	                     int_of(job->rec, "case_id"),
	                     int_of(job->rec, "person_id"), authored, doc)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0) {
		json_object_set_new(rec, "form_version",
		                    json_integer(def->version));
		if (old_id) {
			json_object_set_new(rec, "supersedes_id",
			                    json_integer(old_id));
			json_object_set_new(
			    rec, "correction_reason",
			    json_string("The assessment was changed"));
		}
	}
	int64_t new_id = 0;
	if (rc == 0)
		rc = store_pd_link(db, job->id, rec, job->at, job->user_id,
		                   &new_id, e);
	if (rc == 0 && old_id)
		rc = store_form_responses_supersede(
		    db, old_id, old_version, new_id, job->at, job->user_id, e);
	json_decref(now);
	json_decref(doc);
	json_decref(rec);
	return rc;
}

/* Closing the assessment closes its form response with it. */
static int
after_close(struct db *db, struct record_job *job, struct err *e)
{
	json_t *row = NULL;
	int rc = record_get(db, job->res->table, job->id, &row, e);
	int64_t id = rc == 0 ? int_of(row, "form_response_id") : 0;
	json_decref(row);
	if (rc == 0 && id)
		rc = store_pd_close(db, id, job->reason, job->at, job->user_id,
		                    e);
	return rc;
}

/* The sections of a prevention and diversion assessment, from its form
 * response, as the assessment's fields. */
static int
decorate(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	int64_t id = int_of(rec, "form_response_id");
	if (!id)
		return 0;
	json_t *answers = NULL;
	int64_t version;
	int rc = answers_of(db ? db : ctx_db(ctx), &ctx->srv->forms, id,
	                    &answers, &version, NULL, e);
	if (rc)
		return rc;
	for (const char *const *k = FORM; *k; k++) {
		json_t *v = json_object_get(answers, *k);
		json_object_set(rec, *k, v ? v : json_null());
	}
	json_decref(answers);
	return 0;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_ASSESSMENTS_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {"outcome_id", RK_OUTCOME},
    {NULL, RK_PERSON},
};

/* A case's or a child's assessments (struct resource's list). */
static int
list(struct ctx *ctx, const struct resource *res, const struct records_query *q,
     json_t **out, struct err *e)
{
	return yj_list(ctx, res, store_yj_assessments_list, q, "person_id", out,
	               e);
}

/* The prevention and diversion form goes with the record (after_write). */
static const struct resource_ops OPS = {
    .create = yj_assessments_create,
    .update = yj_assessments_update,
    .close = yj_close,
};

const struct resource YJ_ASSESSMENTS = {
    .name = "assessment",
    .plural = "assessments",
    .label = "Assessment",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = YJ_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = YJ_LIST_PROMPT,
    .list = list,
    .ops = &OPS,
    .open_rules = YJ_ASSESSMENTS_OPEN_RULES,
    .table = &YJ_ASSESSMENTS_TABLE,
    .kind = RK_ASSESSMENT,
    .check = check_assessment,
    .person_of = yj_person_of,
    .decorate = decorate,
    .after_write = after_write,
    .extra_same = extra_same,
    .after_close = after_close,
    .gathers = 1,
};

int
yj_assessments_create(struct ctx *ctx, const struct resource *res,
                      const json_t *body, json_t **out, json_t **duplicates,
                      struct err *e)
{
	*duplicates = NULL;
	return yj_create(ctx, res, body, &ctx->srv->forms, out, e);
}

int
yj_assessments_update(struct ctx *ctx, const struct resource *res, int64_t id,
                      const json_t *body, json_t **out, json_t **duplicates,
                      struct err *e)
{
	*duplicates = NULL;
	return yj_update(ctx, res, id, body, &ctx->srv->forms, out, e);
}

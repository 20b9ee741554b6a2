/*
 * yj_kpi.c - rules for KPI snapshots.
 */
#include "service/yj/yj_kpi.h"

#include <string.h>

#include "core/yj/vocab_yj.h"
#include "service/policy.h"
#include "store/yj/yj_kpi.h"
#include "store/yj/yj_outcomes.h"

/* Funnel steps: each later one needs the one before it. */
static const char *const FUNNELS[][3] = {
    {"mental_health_need", "mental_health_offered", "mental_health_attending"},
    {"substance_misuse_need", "substance_misuse_offered",
     "substance_misuse_attending"},
};

/* The outcome a new snapshot names: an intervention the user may change.
 * Sets rec's case_id and person_id from it. */
static int
open_outcome(struct ctx *ctx, json_t *rec, struct yj_ref *ref, struct err *e)
{
	int64_t id = json_integer_value(json_object_get(rec, "outcome_id"));
	int64_t person_id = 0;
	int rc = policy_reference(ctx, RK_OUTCOME, id, 1, "outcome_id",
	                          &person_id, e);
	if (rc == 0)
		rc = store_yj_outcome_ref(ctx_db(ctx), id, ref, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "outcome_id",
		               "Select an intervention from the list: this "
		               "outcome does not exist");
	if (rc == 0 && ref->closed)
		rc = err_set(e, SPIRE_EINVAL, "outcome_id",
		             "This outcome has been closed. Nothing more can "
		             "be recorded on it");
	if (rc == 0 && !ref->intervention)
		rc = err_set(e, SPIRE_EINVAL, "outcome_id",
		             "Select an intervention: this outcome has no "
		             "start date");
	if (rc == 0 &&
	    (json_object_set_new(rec, "case_id", json_integer(ref->case_id)) ||
	     json_object_set_new(rec, "person_id",
	                         json_integer(ref->person_id))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/* A field's label as practitioners read it (its descriptor's label). */
static void
label(const char *field, char *out, size_t n)
{
	fields_label_in(YJ_KPI_TABLE.fields, YJ_KPI_TABLE.n_fields, field, 0,
	                out, n);
}

/* 1 when neither field is already in error. */
static int
both_clear(const struct err *e, const char *a, const char *b)
{
	return !err_names(e, a) && !err_names(e, b);
}

/* A contradiction between two answers: named on both fields, so the form
 * marks both ("You can only say ... if ..."). */
static void
contradiction(struct err *e, const char *a, const char *b, const char *msg)
{
	err_rule(e, a, "%s", msg);
	err_rule(e, b, "%s", msg);
}

/*
 * The facts' rules, gathered; a rule whose fields are in error is
 * skipped. Answers that contradict each other are refused, naming both
 * (docs/youth-justice-model.md section 5): each step of a funnel needs
 * the one before it; a learning plan (SEN support or an EHCP) needs a
 * special educational need or disability identified (an EHCP or SEN
 * support is given to a child whose need has been identified: SEND Code
 * of Practice 0-25, 6.44 and 9.1); hours attended are no more than the
 * hours offered. A provision of "none" with hours or attending is left
 * alone: the demo's figures (and the measures' tests) hold such answers.
 */
static void
check_facts(const json_t *rec, struct err *e)
{
	char a[160], b[160], msg[400];
	/* 2 x 160 + the words: never truncated. */
	for (size_t f = 0; f < sizeof(FUNNELS) / sizeof(FUNNELS[0]); f++)
		for (int step = 1; step < 3; step++) {
			const char *later = FUNNELS[f][step];
			const char *before = FUNNELS[f][step - 1];
			if (!both_clear(e, later, before) ||
			    !yj_true(rec, later) || yj_true(rec, before))
				continue;
			label(later, a, sizeof(a));
			label(before, b, sizeof(b));
			snprintf(msg, sizeof(msg), "You can only say %s if %s",
			         a, b);
			contradiction(e, later, before, msg);
		}
	const char *plan =
	    json_string_value(json_object_get(rec, "learning_plan"));
	if (both_clear(e, "learning_plan", "send_identified") && plan &&
	    strcmp(plan, "none") != 0 && !yj_true(rec, "send_identified")) {
		/* As a sentence reads the plan, its article included. */
		const struct vocab_term *t =
		    vocab_term(&VOCAB_LEARNING_PLANS, plan);
		if (strcmp(plan, "ehcp") == 0)
			snprintf(a, sizeof(a),
			         "an education, health and "
			         "care plan (EHCP)");
		else
			snprintf(a, sizeof(a), "%s", t ? t->label : plan);
		label("send_identified", b, sizeof(b));
		snprintf(msg, sizeof(msg), "You can only record %s if %s", a,
		         b);
		contradiction(e, "learning_plan", "send_identified", msg);
	}
	json_t *offered = json_object_get(rec, "ete_hours_offered");
	json_t *attended = json_object_get(rec, "ete_hours_attended");
	if (both_clear(e, "ete_hours_offered", "ete_hours_attended") &&
	    json_is_integer(offered) && json_is_integer(attended) &&
	    json_integer_value(attended) > json_integer_value(offered))
		contradiction(e, "ete_hours_attended", "ete_hours_offered",
		              "Hours attended must be the same as or fewer "
		              "than hours offered");
}

/*
 * Every rule of a KPI snapshot, gathered with the field errors (struct
 * resource's gathers): a rule whose field is in error is skipped.
 */
static int
check_kpi(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"measured_on", NULL};
	struct yj_ref ref;
	struct err one;
	int64_t outcome_id =
	    err_names(e, "outcome_id")
	        ? 0
	        : json_integer_value(json_object_get(rec, "outcome_id"));
	int ref_ok = 0;
	if (outcome_id) {
		err_clear(&one);
		ref_ok = (old ? store_yj_outcome_ref(ctx_db(ctx), outcome_id,
		                                     &ref, &one)
		              : open_outcome(ctx, rec, &ref, &one)) == 0;
		err_gather(e, &one);
	}
	const char *point =
	    err_names(e, "point")
	        ? NULL
	        : json_string_value(json_object_get(rec, "point"));
	if (ref_ok && point && strcmp(point, "release") == 0 &&
	    strcmp(ref.kind, "custody") != 0) {
		err_rule(e, "point",
		         "A release snapshot is only for a custody outcome. "
		         "Select the start or the end");
	} else if (ref_ok && point) {
		int64_t other = 0;
		err_clear(&one);
		if (store_yj_kpi_find(
		        ctx_db(ctx), outcome_id, point,
		        old ? json_integer_value(json_object_get(old, "id"))
		            : 0,
		        &other, &one) == 0 &&
		    other)
			err_set(&one, SPIRE_EINVAL, "point",
			        "This intervention already has a snapshot at "
			        "its %s: change that one instead",
			        point);
		err_gather(e, &one);
		/* In order: the start first, then the release and the end
		 * (docs/youth-justice-model.md section 5). */
		int64_t start = 0;
		err_clear(&one);
		if (!err_names(e, "point") && strcmp(point, "start") != 0 &&
		    store_yj_kpi_find(
		        ctx_db(ctx), outcome_id, "start",
		        old ? json_integer_value(json_object_get(old, "id"))
		            : 0,
		        &start, &one) == 0 &&
		    !start)
			err_set(&one, SPIRE_EINVAL, "point",
			        "Record the start first: this intervention has "
			        "no KPI snapshot at its start yet");
		err_gather(e, &one);
	}
	yj_not_future(&YJ_KPI, rec, dates, e);
	check_facts(rec, e);
	return e->code;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_KPI_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {"outcome_id", RK_OUTCOME},
    {NULL, RK_PERSON},
};

/* A case's or a child's KPI snapshots (struct resource's list). */
static int
list(struct ctx *ctx, const struct resource *res, const struct records_query *q,
     json_t **out, struct err *e)
{
	return yj_list(ctx, res, store_yj_kpi_list, q, "person_id", out, e);
}

const struct resource YJ_KPI = {
    .name = "kpi_snapshot",
    .plural = "kpi-snapshots",
    .label = "KPI snapshot",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = YJ_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = YJ_LIST_PROMPT,
    .list = list,
    .ops = &YJ_RECORD_OPS,
    .open_rules = YJ_KPI_OPEN_RULES,
    .table = &YJ_KPI_TABLE,
    .kind = RK_KPI_SNAPSHOT,
    .check = check_kpi,
    .person_of = yj_person_of,
    .gathers = 1,
};

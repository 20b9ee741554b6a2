/*
 * yj_assessments.c - rules for assessments.
 */
#include "service/yj_assessments.h"

#include <string.h>

#include "store/yj_assessments.h"

static const char *const JUDGEMENTS[] = {
    "likelihood_of_reoffending",
    "risk_of_serious_harm",
    "safety_wellbeing",
    NULL,
};

static const char *const FORM[] = {
    "circumstances",      "diversity_needs", "family_needs",
    "exploitation",       "behaviour",       "childs_plan",
    "professionals_plan", "exit_plan",       NULL,
};

static int
is_set(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return v && !json_is_null(v);
}

static int
check_assessment(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"assessment_date", NULL};
	int rc = old ? 0 : yj_open_case(ctx, rec, e);
	const char *type =
	    json_string_value(json_object_get(rec, "assessment_type"));
	const char *stage = json_string_value(json_object_get(rec, "stage"));
	int assetplus = type && strcmp(type, "assetplus") == 0;
	for (const char *const *k = JUDGEMENTS; rc == 0 && assetplus && *k; k++)
		if (!is_set(rec, *k))
			rc = err_set(e, SPIRE_EINVAL, *k,
			             "%s is required for an AssetPlus "
			             "assessment",
			             *k);
	for (const char *const *k = FORM; rc == 0 && assetplus && *k; k++)
		if (is_set(rec, *k))
			rc = err_set(e, SPIRE_EINVAL, *k,
			             "%s belongs to the prevention and "
			             "diversion assessment",
			             *k);
	struct yj_ref ref;
	if (rc == 0)
		rc = yj_child_outcome(ctx, rec, "outcome_id", 0, &ref, e);
	if (rc == 0 && stage && strcmp(stage, "release") == 0 &&
	    strcmp(ref.kind, "custody") != 0)
		rc = err_set(e, SPIRE_EINVAL, "outcome_id",
		             "a release assessment belongs to a custody "
		             "outcome");
	if (rc == 0)
		rc = yj_not_future(rec, dates, e);
	return rc;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_ASSESSMENTS_OPEN_RULES[] = {
    {"case_id", OPEN_CASE},
    {"outcome_id", OPEN_OUTCOME},
    {NULL, OPEN_PERSON},
};

const struct resource YJ_ASSESSMENTS = {
    .open_rules = YJ_ASSESSMENTS_OPEN_RULES,
    .sql = &YJ_ASSESSMENTS_SQL,
    .kind = RK_ASSESSMENT,
    .check = check_assessment,
    .person_of = yj_person_of,
};

int
yj_assessments_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
                    struct err *e)
{
	return yj_list(ctx, &YJ_ASSESSMENTS, store_yj_assessments_list, a,
	               "person_id", out, e);
}

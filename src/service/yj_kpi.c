/*
 * yj_kpi.c - rules for KPI snapshots.
 */
#include "service/yj_kpi.h"

#include <string.h>

#include "service/policy.h"
#include "store/yj_kpi.h"
#include "store/yj_outcomes.h"

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
		               "no outcome with id %lld", (long long)id);
	if (rc == 0 && ref->closed)
		rc = err_set(e, SPIRE_EINVAL, "outcome_id",
		             "outcome %lld was closed", (long long)id);
	if (rc == 0 && !ref->intervention)
		rc = err_set(e, SPIRE_EINVAL, "outcome_id",
		             "outcome %lld is not an intervention (it has no "
		             "start_date)",
		             (long long)id);
	if (rc == 0 &&
	    (json_object_set_new(rec, "case_id", json_integer(ref->case_id)) ||
	     json_object_set_new(rec, "person_id",
	                         json_integer(ref->person_id))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

static int
check_facts(const json_t *rec, struct err *e)
{
	for (size_t f = 0; f < sizeof(FUNNELS) / sizeof(FUNNELS[0]); f++)
		for (int step = 1; step < 3; step++)
			if (yj_true(rec, FUNNELS[f][step]) &&
			    !yj_true(rec, FUNNELS[f][step - 1]))
				return err_set(
				    e, SPIRE_EINVAL, FUNNELS[f][step],
				    "%s needs %s to be true", FUNNELS[f][step],
				    FUNNELS[f][step - 1]);
	json_t *offered = json_object_get(rec, "ete_hours_offered");
	json_t *attended = json_object_get(rec, "ete_hours_attended");
	if (json_is_integer(offered) && json_is_integer(attended) &&
	    json_integer_value(attended) > json_integer_value(offered))
		return err_set(e, SPIRE_EINVAL, "ete_hours_attended",
		               "ete_hours_attended cannot be more than "
		               "ete_hours_offered");
	return 0;
}

static int
check_kpi(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"measured_on", NULL};
	struct yj_ref ref;
	int64_t outcome_id =
	    json_integer_value(json_object_get(rec, "outcome_id"));
	int rc = old ? store_yj_outcome_ref(ctx_db(ctx), outcome_id, &ref, e)
	             : open_outcome(ctx, rec, &ref, e);
	const char *point = json_string_value(json_object_get(rec, "point"));
	if (rc == 0 && point && strcmp(point, "release") == 0 &&
	    strcmp(ref.kind, "custody") != 0)
		rc = err_set(e, SPIRE_EINVAL, "point",
		             "a release snapshot belongs to a custody "
		             "outcome");
	int64_t other = 0;
	if (rc == 0)
		rc = store_yj_kpi_find(
		    ctx_db(ctx), outcome_id, point,
		    old ? json_integer_value(json_object_get(old, "id")) : 0,
		    &other, e);
	if (rc == 0 && other)
		rc = err_set(e, SPIRE_EINVAL, "point",
		             "this intervention already has a %s snapshot "
		             "(id %lld): change that one",
		             point, (long long)other);
	if (rc == 0)
		rc = yj_not_future(rec, dates, e);
	if (rc == 0)
		rc = check_facts(rec, e);
	return rc;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_KPI_OPEN_RULES[] = {
    {"case_id", OPEN_CASE},
    {"outcome_id", OPEN_OUTCOME},
    {NULL, OPEN_PERSON},
};

const struct resource YJ_KPI = {
    .open_rules = YJ_KPI_OPEN_RULES,
    .sql = &YJ_KPI_SQL,
    .kind = RK_KPI_SNAPSHOT,
    .check = check_kpi,
    .person_of = yj_person_of,
};

int
yj_kpi_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
            struct err *e)
{
	return yj_list(ctx, &YJ_KPI, store_yj_kpi_list, a, "person_id", out, e);
}

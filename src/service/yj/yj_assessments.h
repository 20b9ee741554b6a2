/*
 * yj_assessments.h - assessment results: the stage (start, review, end,
 * release), the date, the practitioner's judgements (likelihood of
 * reoffending, risk of serious harm, safety and wellbeing; intervention
 * level) and the prevention and diversion assessment form. Spire records
 * AssetPlus's results; it does not reimplement AssetPlus.
 */
#ifndef SPIRE_SERVICE_YJ_ASSESSMENTS_H
#define SPIRE_SERVICE_YJ_ASSESSMENTS_H

#include "service/yj/yj_records.h"

/*
 * Assessments: listed by case or child (yj_list over
 * store_yj_assessments_list), read through records_get, closed with
 * yj_close; their routes are derived from this descriptor. Create {case_id,
 * outcome_id?, assessment_type, stage, assessment_date,
 * likelihood_of_reoffending, risk_of_serious_harm, safety_wellbeing (all three
 * required for assetplus), intervention_level?, and for prevention_diversion
 * the form: circumstances, diversity_needs, family_needs, exploitation,
 * behaviour, childs_plan, professionals_plan, exit_plan}. The outcome must be
 * the same child's; the date not in the future; a release assessment belongs to
 * a custody outcome.
 */
extern const struct resource YJ_ASSESSMENTS;

/*
 * Create or change an assessment (as yj_create/yj_update; YJ_ASSESSMENTS'
 * ops, res is YJ_ASSESSMENTS, *duplicates always NULL). The sections of a
 * prevention and diversion assessment are validated by the forms engine
 * against the latest version of form "prevention-diversion" and kept as a
 * form response linked from the assessment (form_response_id); a change
 * to them supersedes the earlier response. Replies show the sections as
 * before.
 */
int yj_assessments_create(struct ctx *ctx, const struct resource *res,
                          const json_t *body, json_t **out, json_t **duplicates,
                          struct err *e);
int yj_assessments_update(struct ctx *ctx, const struct resource *res,
                          int64_t id, const json_t *body, json_t **out,
                          json_t **duplicates, struct err *e);

#endif

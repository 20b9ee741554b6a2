/*
 * measure_risk.c - children assessed as high risk (rule version 1).
 *
 * Rule: of the children with an open assessment dated in the period, the
 * percentage with at least one such assessment judging risk of serious
 * harm or safety and wellbeing high or very high. Each child once per
 * period (collected per period); the child's first assessment in the
 * period gives the date, age and team for the breakdowns.
 */
#include "service/measures/measure_defs.h"

const struct measure_def MEASURE_RISK = {
    .name = "risk",
    .title = "Children assessed high risk",
    .version = "2",
    .rule = "Children with an assessment in the period judging risk of "
            "serious harm or safety and wellbeing high or very high / "
            "children assessed in the period.",
    .unit = "child",
    .value = MV_PERCENT,
    .per_period = 1,
    .merge = MERGE_ANY,
    .personal = 1,
    .query = SMQ_RISK,
    .map = measure_map_flag,
};

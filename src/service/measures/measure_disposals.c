/*
 * measure_disposals.c - the disposal profile of the youth justice plan
 * (rule version 1 each): disposals given, interventions started with the
 * out-of-court share, offences by substantive or non-substantive outcome,
 * and diversion and Outcome 22. Source: Coventry Youth Justice Plan
 * 2021-23, "Disposal Profile" and "Child Proven Offences Profile" (the
 * seed's 2021/22 figures: 196 disposals, 90 community resolutions; 93
 * interventions started, 55 (59 %) out of court, 39 (42 %) enhanced
 * community resolutions; 118 offences with a substantive outcome, 136
 * non-substantive), and the YJB's case-level outcome types.
 *
 * A disposal is an open outcome of any type but prevention (no offence),
 * a remand (the case goes on) or a parenting order (made on a parent):
 * the types of DISPOSAL_TYPES[] below, whose order is the code the store
 * gives (src/store/measures/measures_disposals_sql.h). Disposals of a
 * child or case entered in error never count. No age rule: every
 * disposal the service knows of counts, as in the plan's tables.
 *
 * disposals: disposals given (outcome_date) in the period, each counted
 * (a child given two counts twice). Extras: community resolutions (police
 * only or enhanced), out of court (the pre-court types), substantive (a
 * caution or conviction), and enhanced community resolutions (those the
 * service worked on: start_date set). by=type: each type.
 *
 * interventions-started: disposals the service started working on
 * (start_date) in the period; numerator those out of court (pre-court
 * types), extra the enhanced community resolutions, derived their share
 * of all started (the plan's 42 %). by=type: each type.
 *
 * offence-outcomes: offences whose first disposal (earliest outcome_date,
 * then lowest id) is dated in the period; numerator those whose first
 * disposal is substantive, extra non_substantive (the rest; numerator +
 * non_substantive = denominator). by=category: the offence category.
 *
 * diversion: diversion and Outcome 22 outcomes given in the period
 * (including diversion where the police take no further action), extras
 * each type and those the service worked on. by=type.
 */
#include <string.h>

#include "service/measures/measure_defs.h"
#include "service/measures/measures_int.h"

static const char *const DISPOSAL_TYPES[] = {
    "diversion",
    "community_resolution",
    "outcome_22",
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
};
#define N_DISPOSAL_TYPES 13
#define T_DIVERSION 0
#define T_COMMUNITY_RESOLUTION 1
#define T_OUTCOME_22 2

static const char *const OFFENCE_CATEGORIES[] = {
    "violence_against_person",
    "robbery",
    "drugs",
    "theft",
    "criminal_damage",
    "motoring",
    "sexual",
    "public_order",
    "breach",
    "other",
};
#define N_OFFENCE_CATEGORIES 10

static int
list_groups(const char *const *list, int n, const char **out, int max)
{
	int k = 0;
	for (int i = 0; i < n && k < max; i++)
		out[k++] = list[i];
	return k;
}

static int
type_groups(const struct forms *forms, const char **out, int max)
{
	(void)forms;
	return list_groups(DISPOSAL_TYPES, N_DISPOSAL_TYPES, out, max);
}

static int
category_groups(const struct forms *forms, const char **out, int max)
{
	(void)forms;
	return list_groups(OFFENCE_CATEGORIES, N_OFFENCE_CATEGORIES, out, max);
}

/* Fill the fact's type from the store row: v0 type, v1 substantive, v2
 * kind (0 out of court), v3 worked on. 0 when the row is not one. */
static int
disposal_row(struct measure_fact *f, const struct store_measure_row *row)
{
	if (row->nv < 4 || row->v[0] < 0 || row->v[0] >= N_DISPOSAL_TYPES)
		return 0;
	f->grp = (uint8_t)row->v[0];
	return 1;
}

static const char *const DIVERSION_TYPES[] = {"diversion", "outcome_22"};

static int
diversion_groups(const struct forms *forms, const char **out, int max)
{
	(void)forms;
	return list_groups(DIVERSION_TYPES, 2, out, max);
}

static int
disposals_map(struct measure_fact *f, const struct store_measure_row *row,
              int32_t as_of)
{
	(void)as_of;
	if (!disposal_row(f, row))
		return 0;
	f->num = 1;
	f->x[0] = (int16_t)(row->v[0] == T_COMMUNITY_RESOLUTION);
	f->x[1] = (int16_t)(row->v[2] == 0);
	f->x[2] = (int16_t)(row->v[1] == 1);
	f->x[3] =
	    (int16_t)(row->v[0] == T_COMMUNITY_RESOLUTION && row->v[3] == 1);
	return 1;
}

static int
started_map(struct measure_fact *f, const struct store_measure_row *row,
            int32_t as_of)
{
	(void)as_of;
	if (!disposal_row(f, row))
		return 0;
	f->den = 1;
	f->num = row->v[2] == 0;
	f->x[0] = (int16_t)(row->v[0] == T_COMMUNITY_RESOLUTION);
	return 1;
}

/* Percentage to 2 decimals, or null. */
static json_t *
share(int64_t part, int64_t whole, int hide)
{
	if (hide || whole <= 0)
		return json_null();
	long long v = (long long)(10000.0 * (double)part / (double)whole + 0.5);
	return json_real((double)v / 100.0);
}

static void
started_derive(json_t *obj, const int64_t *num, const int64_t *den,
               const int64_t *x, int suppress)
{
	(void)num;
	int hide = suppress && ((x[0] > 0 && x[0] < SUPPRESS_BELOW) ||
	                        (*den > 0 && *den < SUPPRESS_BELOW));
	json_object_set_new(obj, "enhanced_community_resolution_share",
	                    share(x[0], *den, hide));
}

static int
offence_map(struct measure_fact *f, const struct store_measure_row *row,
            int32_t as_of)
{
	(void)as_of;
	if (row->nv < 2 || row->v[1] < 0 || row->v[1] >= N_OFFENCE_CATEGORIES)
		return 0;
	f->grp = (uint8_t)row->v[1];
	f->den = 1;
	f->num = row->v[0] == 1;
	f->x[0] = (int16_t)(row->v[0] != 1);
	return 1;
}

static int
diversion_map(struct measure_fact *f, const struct store_measure_row *row,
              int32_t as_of)
{
	(void)as_of;
	if (!disposal_row(f, row) ||
	    (row->v[0] != T_DIVERSION && row->v[0] != T_OUTCOME_22))
		return 0;
	f->grp = (uint8_t)(row->v[0] == T_OUTCOME_22);
	f->num = 1;
	f->x[0] = (int16_t)(row->v[0] == T_DIVERSION);
	f->x[1] = (int16_t)(row->v[0] == T_OUTCOME_22);
	f->x[2] = (int16_t)(row->v[3] == 1);
	return 1;
}

const struct measure_def MEASURE_DISPOSALS = {
    .name = "disposals",
    .title = "Disposals given",
    .version = "1",
    .rule = "Disposals given in the period (outcome date): every outcome "
            "for an offence, in or out of court - community resolutions, "
            "diversion, Outcome 22, cautions and court sentences - but not "
            "prevention, remands or parenting orders. A child given two "
            "counts twice. Extras: community resolutions (police only or "
            "enhanced), out of court, substantive (a caution or "
            "conviction), enhanced community resolutions.",
    .unit = "disposal",
    .value = MV_COUNT,
    .personal = 1,
    .own_by = "type",
    .own_groups = type_groups,
    .own_static = 1,
    .extras = {"community_resolutions", "out_of_court", "substantive",
               "enhanced_community_resolutions", NULL},
    .extra_labels = {"Community resolutions (police only or enhanced)",
                     "Out-of-court disposals",
                     "Substantive outcomes (a caution or conviction)",
                     "Enhanced community resolutions", NULL},
    .query = SMQ_DISPOSALS,
    .map = disposals_map,
};

const struct measure_def MEASURE_INTERVENTIONS_STARTED = {
    .name = "interventions-started",
    .title = "Interventions started, out of court",
    .version = "1",
    .rule = "Of the interventions the service started in the period "
            "(start date) on a disposal, the percentage on an out-of-court "
            "disposal (diversion, community resolution, Outcome 22, youth "
            "caution, youth conditional caution). Extra: enhanced "
            "community resolutions, and their share of all started.",
    .unit = "intervention",
    .value = MV_PERCENT,
    .personal = 1,
    .own_by = "type",
    .own_groups = type_groups,
    .own_static = 1,
    .extras = {"enhanced_community_resolutions", NULL},
    .extra_labels = {"Started on an enhanced community resolution", NULL},
    .query = SMQ_STARTED,
    .map = started_map,
    .derive = started_derive,
};

const struct measure_def MEASURE_OFFENCE_OUTCOMES = {
    .name = "offence-outcomes",
    .title = "Offences with a substantive outcome",
    .version = "1",
    .rule = "Offences whose first disposal (earliest outcome date) was "
            "given in the period: the percentage whose first disposal is "
            "substantive (a caution or conviction, part of the child's "
            "criminal record); the rest are non-substantive (community "
            "resolution, diversion, Outcome 22).",
    .unit = "offence",
    .value = MV_PERCENT,
    .personal = 1,
    .own_by = "category",
    .own_groups = category_groups,
    .own_static = 1,
    .extras = {"non_substantive", NULL},
    .extra_labels = {"Offences whose first disposal was not substantive "
                     "(community resolution, diversion or Outcome 22)",
                     NULL},
    /* substantive + non-substantive = all offences. */
    .lines = {{1, (1u << 0) | (1u << 2)}},
    .query = SMQ_OFFENCE_OUTCOMES,
    .map = offence_map,
};

const struct measure_def MEASURE_DIVERSION = {
    .name = "diversion",
    .title = "Diversion and Outcome 22",
    .version = "1",
    .rule = "Diversion (including where the police take no further action "
            "and the service offers diversion) and Outcome 22 (deferred "
            "prosecution) outcomes given in the period; extras each type "
            "and those the service worked on (start date).",
    .unit = "outcome",
    .value = MV_COUNT,
    .personal = 1,
    .own_by = "type",
    .own_groups = diversion_groups,
    .own_static = 1,
    .extras = {"diversion", "outcome_22", "worked_with", NULL},
    .extra_labels = {"Diversion outcomes",
                     "Outcome 22 (deferred prosecution) outcomes",
                     "Outcomes the service worked with", NULL},
    /* diversion + Outcome 22 = all. */
    .lines = {{0, (1u << 2) | (1u << 3)}},
    .query = SMQ_DISPOSALS,
    .map = diversion_map,
};

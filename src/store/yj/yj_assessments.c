/*
 * yj_assessments.c - assessment records.
 */
#include "store/yj/yj_assessments.h"

#include "core/yj/vocab_yj.h"

const struct field YJ_ASSESSMENTS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"outcome_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"assessment_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_ASSESSMENT_TYPES,
     "type of assessment"},
    {"stage", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_ASSESSMENT_STAGES, NULL},
    {"assessment_date", FT_DATE, FF_REQUIRED, 0, 0, NULL,
     "date of the assessment"},
    {"likelihood_of_reoffending", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS, NULL},
    {"risk_of_serious_harm", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS, NULL},
    {"safety_wellbeing", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS,
     "safety and wellbeing"},
    {"intervention_level", FT_ENUM, 0, 0, 0, &VOCAB_INTERVENTION_LEVELS, NULL},
    {"circumstances", FT_TEXT, 0, 0, 10000, NULL, NULL},
    {"diversity_needs", FT_TEXT, 0, 0, 10000, NULL, NULL},
    {"family_needs", FT_TEXT, 0, 0, 10000, NULL, NULL},
    {"exploitation", FT_TEXT, 0, 0, 10000, NULL, NULL},
    {"behaviour", FT_TEXT, 0, 0, 10000, NULL, NULL},
    {"childs_plan", FT_TEXT, 0, 0, 10000, NULL, "child’s plan"},
    {"professionals_plan", FT_TEXT, 0, 0, 10000, NULL, "professionals’ plan"},
    {"exit_plan", FT_TEXT, 0, 0, 10000, NULL, NULL},
    /* Why an assessment is for none of the case's interventions due one
     * (migration 25; service/yj/yj_assessments.c). */
    {"no_intervention_reason", FT_TEXT, 0, 0, 500, NULL,
     "reason the assessment is for no intervention"},
};

#define ASSESSMENT_COLUMNS                                                     \
	"k.id, k.version, k.case_id, k.person_id, k.outcome_id,"               \
	" k.assessment_type, k.stage, k.assessment_date,"                      \
	" k.likelihood_of_reoffending, k.risk_of_serious_harm,"                \
	" k.safety_wellbeing, k.intervention_level, k.circumstances,"          \
	" k.diversity_needs, k.family_needs, k.exploitation, k.behaviour,"     \
	" k.childs_plan, k.professionals_plan, k.exit_plan, k.created_at,"     \
	" k.created_by, k.updated_at, k.updated_by, k.closed_at,"              \
	" k.closed_reason, k.closed_by, k.form_response_id,"                   \
	" k.no_intervention_reason"

static const char *const YJ_ASSESSMENTS_COLUMNS[] = {
    "k.form_response_id",
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

struct record_table YJ_ASSESSMENTS_TABLE = {
    .type = "assessment",
    .table = "yj_assessments",
    .fields = YJ_ASSESSMENTS_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_ASSESSMENTS_FIELDS),
    .columns = YJ_ASSESSMENTS_COLUMNS,
};

#define ASSESSMENT_SELECT                                                      \
	"SELECT " ASSESSMENT_COLUMNS " FROM yj_assessments k JOIN cases c"     \
	" ON c.id = k.case_id"

static const char list_case_sql[] = YJ_LIST_SQL(
    ASSESSMENT_SELECT, "case_id", "k.assessment_date DESC, k.id DESC");
static const char list_person_sql[] = YJ_LIST_SQL(
    ASSESSMENT_SELECT, "person_id", "k.assessment_date DESC, k.id DESC");

int
store_yj_assessments_list(struct db *db, const struct yj_list_query *q,
                          json_t **out, struct err *e)
{
	return store_yj_list(db, list_case_sql, list_person_sql, q, out, e);
}

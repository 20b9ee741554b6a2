/*
 * yj_assessments.c - assessment records.
 */
#include "store/yj_assessments.h"

#include "core/vocab_yj.h"

const struct field YJ_ASSESSMENTS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"outcome_id", FT_ID, 0, 0, 0, NULL},
    {"assessment_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_ASSESSMENT_TYPES},
    {"stage", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_ASSESSMENT_STAGES},
    {"assessment_date", FT_DATE, FF_REQUIRED, 0, 0, NULL},
    {"likelihood_of_reoffending", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS},
    {"risk_of_serious_harm", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS},
    {"safety_wellbeing", FT_ENUM, 0, 0, 0, &VOCAB_LEVELS},
    {"intervention_level", FT_ENUM, 0, 0, 0, &VOCAB_INTERVENTION_LEVELS},
    {"circumstances", FT_TEXT, 0, 0, 10000, NULL},
    {"diversity_needs", FT_TEXT, 0, 0, 10000, NULL},
    {"family_needs", FT_TEXT, 0, 0, 10000, NULL},
    {"exploitation", FT_TEXT, 0, 0, 10000, NULL},
    {"behaviour", FT_TEXT, 0, 0, 10000, NULL},
    {"childs_plan", FT_TEXT, 0, 0, 10000, NULL},
    {"professionals_plan", FT_TEXT, 0, 0, 10000, NULL},
    {"exit_plan", FT_TEXT, 0, 0, 10000, NULL},
};

#define ASSESSMENT_COLUMNS                                                     \
	"k.id, k.version, k.case_id, k.person_id, k.outcome_id,"               \
	" k.assessment_type, k.stage, k.assessment_date,"                      \
	" k.likelihood_of_reoffending, k.risk_of_serious_harm,"                \
	" k.safety_wellbeing, k.intervention_level, k.circumstances,"          \
	" k.diversity_needs, k.family_needs, k.exploitation, k.behaviour,"     \
	" k.childs_plan, k.professionals_plan, k.exit_plan, k.created_at,"     \
	" k.created_by, k.updated_at, k.updated_by, k.closed_at,"              \
	" k.closed_reason, k.closed_by, k.form_response_id"

static const char get_sql[] =
    "SELECT " ASSESSMENT_COLUMNS ", (SELECT full_name FROM users WHERE id"
    " = k.created_by) AS created_by_name FROM yj_assessments k"
    " WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO yj_assessments(case_id, person_id, outcome_id,"
    " assessment_type, stage, assessment_date, likelihood_of_reoffending,"
    " risk_of_serious_harm, safety_wellbeing, intervention_level,"
    " circumstances, diversity_needs, family_needs, exploitation,"
    " behaviour, childs_plan, professionals_plan, exit_plan, created_at,"
    " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
    " $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id";

static const char update_sql[] =
    "UPDATE yj_assessments SET case_id = $3, person_id = $4,"
    " outcome_id = $5, assessment_type = $6, stage = $7,"
    " assessment_date = $8, likelihood_of_reoffending = $9,"
    " risk_of_serious_harm = $10, safety_wellbeing = $11,"
    " intervention_level = $12, circumstances = $13,"
    " diversity_needs = $14, family_needs = $15, exploitation = $16,"
    " behaviour = $17, childs_plan = $18, professionals_plan = $19,"
    " exit_plan = $20, updated_at = $21, updated_by = $22,"
    " version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE yj_assessments SET closed_at = $3, closed_reason = $4,"
    " closed_by = $5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

const struct record_sql YJ_ASSESSMENTS_SQL = {
    "assessment",
    YJ_ASSESSMENTS_FIELDS,
    FIELDS_COUNT(YJ_ASSESSMENTS_FIELDS),
    get_sql,
    insert_sql,
    update_sql,
    close_sql,
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

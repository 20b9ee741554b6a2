/*
 * yj_kpi.c - KPI snapshot records.
 */
#include "store/yj/yj_kpi.h"

#include "core/yj/vocab_yj.h"

const struct field YJ_KPI_FIELDS[] = {
    {"case_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"outcome_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL,
     "intervention"},
    {"point", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_KPI_POINTS,
     "point in the intervention"},
    {"measured_on", FT_DATE, FF_REQUIRED, 0, 0, NULL,
     "date the facts were true"},
    {"accommodation", FT_ENUM, FF_ANSWER, 0, 0, &VOCAB_ACCOMMODATION,
     "type of accommodation"},
    {"accommodation_suitable", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child’s accommodation is suitable"},
    {"ete_provision", FT_ENUM, FF_ANSWER, 0, 0, &VOCAB_ETE_PROVISION,
     "education, training or employment provision"},
    {"ete_suitable", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child’s education, training or employment is suitable"},
    {"ete_attending", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is in education, training or employment"},
    {"ete_hours_offered", FT_INT, 0, 0, 60, NULL,
     "hours of education, training or employment offered a week"},
    {"ete_hours_attended", FT_INT, 0, 0, 60, NULL,
     "hours of education, training or employment attended a week"},
    {"send_identified", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "a special educational need or disability has been identified"},
    {"learning_plan", FT_ENUM, FF_ANSWER, 0, 0, &VOCAB_LEARNING_PLANS,
     "formal learning plan"},
    {"mental_health_need", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child has a mental health or emotional wellbeing need"},
    {"mental_health_offered", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "a mental health intervention was planned or offered"},
    {"mental_health_attending", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is attending the mental health intervention"},
    {"substance_misuse_need", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child has a substance misuse need"},
    {"substance_misuse_offered", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "specialist substance misuse treatment was planned or offered"},
    {"substance_misuse_attending", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is attending substance misuse treatment"},
    {"early_help", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is on an early help plan"},
    {"child_in_need", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is on a child in need plan"},
    {"child_protection", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is on a child protection plan"},
    {"looked_after", FT_BOOL_NULL, FF_ANSWER, 0, 0, NULL,
     "the child is looked after"},
};

#define KPI_COLUMNS                                                            \
	"k.id, k.version, k.case_id, k.person_id, k.outcome_id, k.point,"      \
	" k.measured_on, k.accommodation, k.accommodation_suitable,"           \
	" k.ete_provision, k.ete_suitable, k.ete_attending,"                   \
	" k.ete_hours_offered, k.ete_hours_attended, k.send_identified,"       \
	" k.learning_plan, k.mental_health_need, k.mental_health_offered,"     \
	" k.mental_health_attending, k.substance_misuse_need,"                 \
	" k.substance_misuse_offered, k.substance_misuse_attending,"           \
	" k.early_help, k.child_in_need, k.child_protection, k.looked_after,"  \
	" k.created_at, k.created_by, k.updated_at, k.updated_by,"             \
	" k.closed_at, k.closed_reason, k.closed_by"

static const char *const YJ_KPI_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

struct record_table YJ_KPI_TABLE = {
    .type = "kpi_snapshot",
    .table = "yj_kpi_snapshots",
    .fields = YJ_KPI_FIELDS,
    .n_fields = FIELDS_COUNT(YJ_KPI_FIELDS),
    .columns = YJ_KPI_COLUMNS,
};

#define KPI_SELECT                                                             \
	"SELECT " KPI_COLUMNS " FROM yj_kpi_snapshots k JOIN cases c"          \
	" ON c.id = k.case_id"

static const char list_case_sql[] =
    YJ_LIST_SQL(KPI_SELECT, "case_id", "k.measured_on DESC, k.id DESC");
static const char list_person_sql[] =
    YJ_LIST_SQL(KPI_SELECT, "person_id", "k.measured_on DESC, k.id DESC");

int
store_yj_kpi_list(struct db *db, const struct yj_list_query *q, json_t **out,
                  struct err *e)
{
	return store_yj_list(db, list_case_sql, list_person_sql, q, out, e);
}

int
store_yj_kpi_find(struct db *db, int64_t outcome_id, const char *point,
                  int64_t except_id, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "SELECT id FROM yj_kpi_snapshots WHERE outcome_id = $1 AND"
	    " point = $2 AND closed_at IS NULL AND id <> $3";
	*id = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	db_bind_text(s, 2, point);
	db_bind_int(s, 3, except_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/*
 * yj_kpi.c - KPI snapshot records.
 */
#include "store/yj_kpi.h"

#include "core/vocab_yj.h"

const struct field YJ_KPI_FIELDS[] = {
    {"case_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"person_id", FT_ID, FF_SERVER, 0, 0, NULL},
    {"outcome_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"point", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_KPI_POINTS},
    {"measured_on", FT_DATE, FF_REQUIRED, 0, 0, NULL},
    {"accommodation", FT_ENUM, 0, 0, 0, &VOCAB_ACCOMMODATION},
    {"accommodation_suitable", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"ete_provision", FT_ENUM, 0, 0, 0, &VOCAB_ETE_PROVISION},
    {"ete_suitable", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"ete_attending", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"ete_hours_offered", FT_INT, 0, 0, 60, NULL},
    {"ete_hours_attended", FT_INT, 0, 0, 60, NULL},
    {"send_identified", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"learning_plan", FT_ENUM, 0, 0, 0, &VOCAB_LEARNING_PLANS},
    {"mental_health_need", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"mental_health_offered", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"mental_health_attending", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"substance_misuse_need", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"substance_misuse_offered", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"substance_misuse_attending", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"early_help", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"child_in_need", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"child_protection", FT_BOOL_NULL, 0, 0, 0, NULL},
    {"looked_after", FT_BOOL_NULL, 0, 0, 0, NULL},
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

static const char get_sql[] =
    "SELECT " KPI_COLUMNS ", (SELECT full_name FROM users WHERE id ="
    " k.created_by) AS created_by_name FROM yj_kpi_snapshots k"
    " WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO yj_kpi_snapshots(case_id, person_id, outcome_id, point,"
    " measured_on, accommodation, accommodation_suitable, ete_provision,"
    " ete_suitable, ete_attending, ete_hours_offered, ete_hours_attended,"
    " send_identified, learning_plan, mental_health_need,"
    " mental_health_offered, mental_health_attending,"
    " substance_misuse_need, substance_misuse_offered,"
    " substance_misuse_attending, early_help, child_in_need,"
    " child_protection, looked_after, created_at, created_by) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
    " $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) RETURNING id";

static const char update_sql[] =
    "UPDATE yj_kpi_snapshots SET case_id = $3, person_id = $4,"
    " outcome_id = $5, point = $6, measured_on = $7, accommodation = $8,"
    " accommodation_suitable = $9, ete_provision = $10,"
    " ete_suitable = $11, ete_attending = $12, ete_hours_offered = $13,"
    " ete_hours_attended = $14, send_identified = $15,"
    " learning_plan = $16, mental_health_need = $17,"
    " mental_health_offered = $18, mental_health_attending = $19,"
    " substance_misuse_need = $20, substance_misuse_offered = $21,"
    " substance_misuse_attending = $22, early_help = $23,"
    " child_in_need = $24, child_protection = $25, looked_after = $26,"
    " updated_at = $27, updated_by = $28, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE yj_kpi_snapshots SET closed_at = $3, closed_reason = $4,"
    " closed_by = $5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

const struct record_sql YJ_KPI_SQL = {
    "kpi_snapshot", YJ_KPI_FIELDS, FIELDS_COUNT(YJ_KPI_FIELDS),
    get_sql,        insert_sql,    update_sql,
    close_sql,
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

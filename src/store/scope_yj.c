/*
 * scope_yj.c - relation SQL for the youth justice records: the relation to
 * the case the record hangs off (as for contacts). A victim record is
 * about the victim; the others are about the child.
 */
#include "store/scope_yj.h"

#define YJ_CASE_RELATION                                                       \
	"CASE WHEN c.worker_id = $2 THEN 3 WHEN c.team_id = $3 THEN 2"         \
	" WHEN c.service_id = $4 THEN 1 ELSE 0 END"

#define YJ_SCOPE(who, table)                                                   \
	"SELECT " who ", " YJ_CASE_RELATION " FROM " table                     \
	" k JOIN cases c ON c.id = k.case_id WHERE k.id = $1"

static const char offence_sql[] = YJ_SCOPE("k.person_id", "yj_offences");
static const char outcome_sql[] = YJ_SCOPE("k.person_id", "yj_outcomes");
static const char assessment_sql[] = YJ_SCOPE("k.person_id", "yj_assessments");
static const char kpi_sql[] = YJ_SCOPE("k.person_id", "yj_kpi_snapshots");
static const char victim_sql[] = YJ_SCOPE("k.victim_id", "yj_victims");

const char *
scope_yj_sql(enum record_kind kind)
{
	switch (kind) {
	case RK_OFFENCE:
		return offence_sql;
	case RK_OUTCOME:
		return outcome_sql;
	case RK_ASSESSMENT:
		return assessment_sql;
	case RK_KPI_SNAPSHOT:
		return kpi_sql;
	case RK_VICTIM:
		return victim_sql;
	default:
		return NULL;
	}
}

const char *
scope_yj_kind_name(enum record_kind kind)
{
	switch (kind) {
	case RK_OFFENCE:
		return "offence";
	case RK_OUTCOME:
		return "outcome";
	case RK_ASSESSMENT:
		return "assessment";
	case RK_KPI_SNAPSHOT:
		return "kpi_snapshot";
	case RK_VICTIM:
		return "victim";
	default:
		return "record";
	}
}

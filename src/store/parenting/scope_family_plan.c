/*
 * scope_family_plan.c - the record kinds of One Family, One Plan and how a
 * user relates to a family's plan (store/scope.h). The plan is the
 * family's record: a user relates to it as to the family, and as to the
 * team holding it, when they work in the service whose team holds it.
 * Users of any other service relate to it only while an adult member of
 * the family has an active consent sharing the family's plan with their
 * service (docs/access.md, "Consents that share a record"); otherwise
 * not at all, so that only break glass opens it. Actions and reviews
 * relate as their plan does.
 */
#include "store/parenting/family_plan.h"

/*
 * The plan $1: its family, whether the subject's service ($4) holds it
 * (the plan's team is of that service), the relation to that team, and
 * whether an adult member of its family shares it with that service.
 */
static const char plan_sql[] =
    "SELECT k.family_id,"
    " CASE WHEN t.service_id = $4 THEN 1 ELSE 0 END,"
    " " SCOPE_LEVEL(
        "NULL", "t.id", "t.service_id", "$2", "$3",
        "$4") ","
              " CASE WHEN EXISTS (SELECT 1 FROM family_members fm"
              "  JOIN consents c ON c.person_id = fm.person_id"
              "  JOIN services s ON s.code = c.shared_with"
              "  WHERE fm.family_id = k.family_id AND fm.closed_at IS NULL"
              "  AND fm.member_type = 'adult' AND c.shares = 'family_plan'"
              "  AND c.status = 'active' AND c.closed_at IS NULL AND s.id = $4)"
              " THEN 1 ELSE 0 END"
              " FROM family_plans k JOIN teams t ON t.id = k.team_id WHERE "
              "k.id = $1";

static int
plan_relation(struct db *db, const struct scope_subject *subject,
              const struct record_kind *kind, int64_t id, enum relation enough,
              enum relation *rel, int64_t *person_id, struct err *e)
{
	(void)kind;
	struct db_stmt *s = db_prepare(db, plan_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, subject->user_id);
	db_bind_int(s, 3, subject->team_id ? subject->team_id : -1);
	db_bind_int(s, 4, subject->service_id ? subject->service_id : -1);
	int rc = db_step(s, e);
	int64_t family_id = 0, holds = 0, team_level = 0, shared = 0;
	if (rc == DB_ROW) {
		family_id = db_col_int(s, 0);
		holds = db_col_int(s, 1);
		team_level = db_col_int(s, 2);
		shared = db_col_int(s, 3);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = SPIRE_ENOTFOUND;
	}
	db_done(s);
	if (rc)
		return rc;
	*rel = REL_NONE;
	*person_id = 0;
	/* Not the holding service's, and not shared with it: no relation,
	 * however close the user is to the family. */
	if (!holds && !shared)
		return 0;
	if (holds && team_level >= (int64_t)enough) {
		*rel = (enum relation)team_level;
		return 0;
	}
	int64_t ignore = 0;
	rc = scope_relation(db, subject, RK_FAMILY, family_id, enough, rel,
	                    &ignore, e);
	if (rc == 0 && holds && team_level > (int64_t)*rel)
		*rel = (enum relation)team_level;
	return rc;
}

const struct record_kind RK_FAMILY_PLAN[1] = {{
    .name = "family_plan",
    .table = "family_plans",
    .relation = plan_relation,
    .label = "family's plan",
    .open_sql = SCOPE_OPEN_SQL("family_plans", ""),
    .kept_sql = SCOPE_OPEN_SQL("family_plans", ""),
}};

const struct record_kind RK_FAMILY_PLAN_ACTION[1] = {{
    .name = "family_plan_action",
    .table = "family_plan_actions",
    .via = "plan_id",
    .of = RK_FAMILY_PLAN,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("plan_id", "NULL", "family_plan_actions"),
    .open_sql = SCOPE_OPEN_SQL("family_plan_actions", ""),
    .kept_sql = SCOPE_OPEN_SQL("family_plan_actions", ""),
}};

const struct record_kind RK_FAMILY_PLAN_REVIEW[1] = {{
    .name = "family_plan_review",
    .table = "family_plan_reviews",
    .via = "plan_id",
    .of = RK_FAMILY_PLAN,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("plan_id", "NULL", "family_plan_reviews"),
    .open_sql = SCOPE_OPEN_SQL("family_plan_reviews", ""),
    .kept_sql = SCOPE_OPEN_SQL("family_plan_reviews", ""),
}};

const struct record_kind *const SCOPE_FAMILY_PLAN_KINDS[] = {
    RK_FAMILY_PLAN,
    RK_FAMILY_PLAN_ACTION,
    RK_FAMILY_PLAN_REVIEW,
    NULL,
};

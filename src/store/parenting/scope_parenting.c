/*
 * scope_parenting.c - the parent worker's pathway's record kinds. Sessions
 * and plan items hang off the parent's own parenting case and relate to
 * the user exactly as it does. A parent support row relates as the closer
 * of two cases: the parent's parenting case (when there is one) and the
 * child's youth justice case, so that the child's youth justice officer
 * sees that support exists and its status (the row itself), and nothing
 * else of the parent's (docs/parenting.md, docs/access.md); a support on
 * no parenting case yet also relates to the parenting service.
 */
#include "store/scope.h"

/*
 * A support on no parenting case yet (the parent was asked and declined,
 * or could not be reached) relates to the parenting service, which meets
 * every parent to meet of the local authority (issue 9) and records their
 * answer without scope over the child's case: "team" to a user in a team
 * of the parenting service, "service" to its managers, so that the worker
 * can open it and later record that the parent agreed (docs/access.md,
 * "Parent support records"). Never a victim's: victims are not on this
 * pathway. Nobody else's relation changes.
 */
#define PARENTING_SERVICE_LEVEL                                                \
	"CASE WHEN k.case_id IS NOT NULL OR EXISTS (SELECT 1 FROM"             \
	" yj_victims v WHERE v.victim_id = k.person_id AND v.closed_at IS"     \
	" NULL) THEN 0 WHEN EXISTS (SELECT 1 FROM teams pt JOIN services ps"   \
	" ON ps.id = pt.service_id WHERE pt.id = $3 AND ps.code ="             \
	" 'parenting') THEN 2 WHEN EXISTS (SELECT 1 FROM services ps WHERE"    \
	" ps.id = $4 AND ps.code = 'parenting') THEN 1 ELSE 0 END"

const struct record_kind RK_PARENT_SUPPORT[1] = {{
    .name = "parent_support",
    .table = "parent_supports",
    .about = "person_id",
    .sql = "SELECT k.person_id, " SCOPE_MAX2(
        "COALESCE((SELECT MAX(" SCOPE_CASE_LEVEL(
            "o", "$2", "$3", "$4") ") FROM cases o WHERE o.id = k.case_id"
                                   " OR o.id = k.child_case_id), 0)",
        PARENTING_SERVICE_LEVEL) " FROM parent_supports k WHERE k.id = $1",
    .label = "parent support",
    .open_sql = SCOPE_OPEN_SQL("parent_supports", ""),
    .kept_sql = SCOPE_OPEN_SQL("parent_supports", ""),
}};

const struct record_kind RK_PARENT_SESSION[1] = {SCOPE_VIA_CASE_KIND(
    "parent_session", "parent_sessions", "case_id", "person_id", 0)};

const struct record_kind RK_PARENT_PLAN_ITEM[1] = {SCOPE_VIA_CASE_KIND(
    "parent_plan_item", "parent_plan_items", "case_id", "person_id", 0)};

const struct record_kind *const SCOPE_PARENTING_KINDS[] = {
    RK_PARENT_SUPPORT,
    RK_PARENT_SESSION,
    RK_PARENT_PLAN_ITEM,
    NULL,
};

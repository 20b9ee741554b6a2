/*
 * scope_parenting.c - the parent worker's pathway's record kinds. Sessions
 * and plan items hang off the parent's own parenting case and relate to
 * the user exactly as it does. A parent support row relates as the closer
 * of two cases: the parent's parenting case (when there is one) and the
 * child's youth justice case, so that the child's youth justice officer
 * sees that support exists and its status (the row itself), and nothing
 * else of the parent's (docs/parenting.md, docs/access.md).
 */
#include "store/scope.h"

const struct record_kind RK_PARENT_SUPPORT[1] = {{
    .name = "parent_support",
    .table = "parent_supports",
    .about = "person_id",
    .sql = "SELECT k.person_id, MAX(" SCOPE_CASE_LEVEL(
        "o", "$2", "$3",
        "$4") ")"
              " FROM parent_supports k JOIN cases o ON o.id = k.case_id OR"
              " o.id = k.child_case_id WHERE k.id = $1 GROUP BY k.person_id",
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

/*
 * scope_peer.c - the record kinds of peer support and referrals out. Peer
 * groups and the register of peer mentors are held by a team and relate
 * to a user as that team does; a group's sessions as their group, a
 * register line as its session; a parent's preferences as the parent; a
 * referral out as the parent support case it was made from.
 */
#include "store/scope.h"

const struct record_kind RK_PEER_GROUP[1] = {{
    .name = "peer_group",
    .table = "peer_groups",
    .via = "team_id",
    .of = RK_TEAM,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("team_id", "NULL", "peer_groups"),
    .flags = 0,
    .open_sql = SCOPE_OPEN_SQL("peer_groups", ""),
    .kept_sql = SCOPE_OPEN_SQL("peer_groups", ""),
}};

const struct record_kind RK_PEER_GROUP_SESSION[1] = {{
    .name = "peer_group_session",
    .table = "peer_group_sessions",
    .via = "group_id",
    .of = RK_PEER_GROUP,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("group_id", "NULL", "peer_group_sessions"),
    .flags = 0,
    .open_sql = SCOPE_OPEN_SQL("peer_group_sessions", ""),
    .kept_sql = SCOPE_OPEN_SQL("peer_group_sessions", ""),
}};

const struct record_kind RK_PEER_ATTENDANCE[1] = {{
    .name = "peer_group_attendance",
    .table = "peer_group_attendance",
    .via = "session_id",
    .of = RK_PEER_GROUP_SESSION,
    .about = "person_id",
    .relation = scope_via_relation,
    .sql =
        SCOPE_VIA_ID_SQL("session_id", "k.person_id", "peer_group_attendance"),
    .open_sql = SCOPE_OPEN_SQL("peer_group_attendance", ""),
    .kept_sql = SCOPE_OPEN_SQL("peer_group_attendance", ""),
}};

const struct record_kind RK_PEER_MENTOR[1] = {{
    .name = "peer_mentor",
    .table = "peer_mentors",
    .via = "team_id",
    .of = RK_TEAM,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("team_id", "NULL", "peer_mentors"),
    .flags = 0,
    .open_sql = SCOPE_OPEN_SQL("peer_mentors", ""),
    .kept_sql = SCOPE_OPEN_SQL("peer_mentors", ""),
}};

/* A parent's preferences relate as the parent does (the victim rule
 * too), but they are the parent's own support, as their place in a
 * parenting team's group is: a reason does not open them (session 26). */
const struct record_kind RK_PARENT_PREFERENCES[1] = {{
    .name = "parent_preferences",
    .table = "parent_preferences",
    .via = "person_id",
    .of = RK_PERSON,
    .relation = scope_via_relation,
    .sql = SCOPE_VIA_ID_SQL("person_id", "NULL", "parent_preferences"),
    .flags = KIND_VICTIM_RULE | KIND_SEALED,
    .open_sql = SCOPE_OPEN_SQL("parent_preferences", ""),
    .kept_sql = SCOPE_OPEN_SQL("parent_preferences", ""),
}};

const struct record_kind RK_PARENT_REFERRAL[1] = {SCOPE_VIA_CASE_KIND(
    "parent_referral", "parent_referrals", "case_id", "person_id", 0)};

const struct record_kind *const SCOPE_PEER_KINDS[] = {
    RK_PEER_GROUP,  RK_PEER_GROUP_SESSION, RK_PEER_ATTENDANCE,
    RK_PEER_MENTOR, RK_PARENT_PREFERENCES, RK_PARENT_REFERRAL,
    NULL,
};

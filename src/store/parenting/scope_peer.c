/*
 * scope_peer.c - the record kinds of peer support and referrals out. Peer
 * groups and the register of peer mentors are held by a team and relate
 * to a user as that team does; a group's sessions as their group, a
 * register line as its session; a parent's preferences as the parent; a
 * referral out as the parent support case it was made from.
 */
#include "store/scope.h"

/* A kind whose relation is that of the record of kind `of` its column
 * `via` names, found in two steps (scope_via_relation). */
#define PEER_VIA_KIND(kind_name, kind_table, via_col, of_kind, about_sql,      \
                      kind_flags)                                              \
	{                                                                      \
		.name = kind_name, .table = kind_table, .via = via_col,        \
		.of = of_kind, .relation = scope_via_relation,                 \
		.sql = SCOPE_VIA_ID_SQL(via_col, about_sql, kind_table),       \
		.flags = kind_flags,                                           \
		.open_sql = SCOPE_OPEN_SQL(kind_table, ""),                    \
		.kept_sql = SCOPE_OPEN_SQL(kind_table, "")                     \
	}

const struct record_kind RK_PEER_GROUP[1] = {
    PEER_VIA_KIND("peer_group", "peer_groups", "team_id", RK_TEAM, "NULL", 0)};

const struct record_kind RK_PEER_GROUP_SESSION[1] = {
    PEER_VIA_KIND("peer_group_session", "peer_group_sessions", "group_id",
                  RK_PEER_GROUP, "NULL", 0)};

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

const struct record_kind RK_PEER_MENTOR[1] = {PEER_VIA_KIND(
    "peer_mentor", "peer_mentors", "team_id", RK_TEAM, "NULL", 0)};

/* A parent's preferences relate as the parent does (the victim rule
 * too). */
const struct record_kind RK_PARENT_PREFERENCES[1] = {
    PEER_VIA_KIND("parent_preferences", "parent_preferences", "person_id",
                  RK_PERSON, "NULL", KIND_VICTIM_RULE)};

const struct record_kind RK_PARENT_REFERRAL[1] = {SCOPE_VIA_CASE_KIND(
    "parent_referral", "parent_referrals", "case_id", "person_id", 0)};

const struct record_kind *const SCOPE_PEER_KINDS[] = {
    RK_PEER_GROUP,  RK_PEER_GROUP_SESSION, RK_PEER_ATTENDANCE,
    RK_PEER_MENTOR, RK_PARENT_PREFERENCES, RK_PARENT_REFERRAL,
    NULL,
};

/*
 * peer_tables.h - the store half of peer support and referrals out: the
 * tables of peer groups, their sessions and registers, peer mentors, a
 * parent's stated preferences and a parent's referrals out (each a struct
 * record_table, whose SQL store/record.c derives), and the few reads the
 * rules and the matching view need that are not a record.
 *
 * Not for the rules (service/parenting/peer_records.c) nor for access
 * (store/parenting/scope_peer.c).
 */
#ifndef SPIRE_STORE_PEER_TABLES_H
#define SPIRE_STORE_PEER_TABLES_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"
#include "store/record.h"

extern struct record_table PEER_GROUPS_TABLE;
extern struct record_table PEER_GROUP_SESSIONS_TABLE;
extern struct record_table PEER_GROUP_ATTENDANCE_TABLE;
extern struct record_table PEER_MENTORS_TABLE;
extern struct record_table PARENT_PREFERENCES_TABLE;
extern struct record_table PARENT_REFERRALS_TABLE;

/*
 * *parenting = 1 when case id is held by the parenting service (a parent
 * support case), else 0. SPIRE_ENOTFOUND naming "case_id" when there is no
 * such case.
 */
int store_peer_case_parenting(struct db *db, int64_t id, int *parenting,
                              struct err *e);

/* A group session's date and whether it (or its group) is closed. */
struct peer_session_ref {
	char date[16]; /* YYYY-MM-DD */
	int closed;
};

/* Session id's date; SPIRE_ENOTFOUND naming "session_id" when none. */
int store_peer_session_ref(struct db *db, int64_t id,
                           struct peer_session_ref *out, struct err *e);

/*
 * The id of the open attendance line of person_id on session_id other
 * than except_id, in *id (0 when none).
 */
int store_peer_attendance_find(struct db *db, int64_t session_id,
                               int64_t person_id, int64_t except_id,
                               int64_t *id, struct err *e);

/* The id of person_id's open preferences other than except_id (0: none). */
int store_peer_preferences_find(struct db *db, int64_t person_id,
                                int64_t except_id, int64_t *id, struct err *e);

/* A peer mentor's or group's state for a referral naming it. */
struct peer_ref {
	int64_t team_id;
	int closed;
	int available; /* mentors only: 1 when available */
};

/* Mentor id; SPIRE_ENOTFOUND naming "mentor_id" when none. */
int store_peer_mentor_ref(struct db *db, int64_t id, struct peer_ref *out,
                          struct err *e);

/* Group id; SPIRE_ENOTFOUND naming "group_id" when none. */
int store_peer_group_ref(struct db *db, int64_t id, struct peer_ref *out,
                         struct err *e);

/*
 * The open, available peer mentors held by team team_id, or (team_id 0)
 * by any team of service service_id, as rows of the mentor table (fields
 * as stored: languages as JSON text, available 0/1) ordered by name, in
 * *out (caller owns). At most PEER_MATCH_MAX rows.
 */
#define PEER_MATCH_MAX 500
int store_peer_mentors_available(struct db *db, int64_t team_id,
                                 int64_t service_id, json_t **out,
                                 struct err *e);

/* Person id's open preferences as a row of the preferences table (as
 * stored) in *out (caller owns), or *out NULL when none. */
int store_peer_preferences_of(struct db *db, int64_t person_id, json_t **out,
                              struct err *e);

#endif

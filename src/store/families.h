/*
 * families.h - SQL for families and their members: the shared record
 * operations on both tables, the open members of a family with each
 * member's name, the families a person belongs to, and the membership
 * look-ups the service's rules need. The rules themselves (who may add
 * whom, which child a relationship is to) live in service/families.c.
 */
#ifndef SPIRE_STORE_FAMILIES_H
#define SPIRE_STORE_FAMILIES_H

#include <jansson.h>

#include "store/record.h"

/* Field order here is the order of the SQL parameters in families.c. */
extern const struct field FAMILIES_FIELDS[];
extern struct record_table FAMILIES_TABLE;

extern const struct field FAMILY_MEMBERS_FIELDS[];
extern struct record_table FAMILY_MEMBERS_TABLE;

/*
 * The open members of family_id as a new array (caller owns), children
 * first, then by name. Each row holds the member's columns and the
 * person's given_name, family_name, preferred_name and date_of_birth.
 */
int store_families_members(struct db *db, int64_t family_id, json_t **out,
                           struct err *e);

/*
 * Close every open membership of family_id (with history), giving
 * reason: what closing a family does to the people in it. *changed is a
 * new array of the memberships closed, [{id, version, person_id}] (their
 * versions before), for the caller to audit; NULL on error.
 */
int store_families_close_members(struct db *db, int64_t family_id,
                                 const char *reason, const char *at,
                                 int64_t user_id, json_t **changed,
                                 struct err *e);

/*
 * Reopen the memberships of family_id that were closed at closed_at, the
 * moment the family itself was closed (with history): what reopening the
 * family does, leaving memberships ended before it closed. *changed as
 * for store_families_close_members.
 */
int store_families_reopen_members(struct db *db, int64_t family_id,
                                  const char *closed_at, const char *at,
                                  int64_t user_id, json_t **changed,
                                  struct err *e);

/*
 * One open member of an open family around a person, as the person's page
 * shows it (store_families_around). The texts are in the text buffer
 * given, at the offsets named (they move as it grows).
 */
struct family_around_row {
	int64_t family_id;
	int64_t owner_team_id; /* the team holding the family; 0: none */
	int64_t member_id;
	int64_t person_id;
	/* The family's members up to "members", as JSON object text without
	 * its closing brace: {"id":..,"version":..,"name":..,"notes":..,
	 * "owner_team_id":..,"created_at":..; family_len 0 on every row but
	 * the family's first. */
	size_t family_at, family_len;
	/* The member as a JSON object: its columns (presented: booleans as
	 * true/false) then "person":{"id","given_name","family_name",
	 * "preferred_name","date_of_birth"}. */
	size_t member_at, member_len;
};

/*
 * The open families person_id is an open member of (oldest first) with
 * their open members (children first, then by date of birth and name, as
 * store_families_members), in one statement: each row appended to rows
 * (struct family_around_row), its JSON text to text, as
 * store_families_of_person and store_families_members with
 * records_present and families_nest_person would show them. 0, or
 * SPIRE_EDB / SPIRE_ENOMEM (rows and text then hold a part).
 */
struct buf;
int store_families_around(struct db *db, int64_t person_id, struct buf *rows,
                          struct buf *text, struct err *e);

/*
 * The open families person_id is an open member of, as a new array of
 * {id, version, name, notes, owner_team_id, created_at} (caller owns),
 * oldest first.
 */
int store_families_of_person(struct db *db, int64_t person_id, json_t **out,
                             struct err *e);

/*
 * The id of the open membership of person_id in family_id with child_id
 * (0: a membership not tied to a child), other than exclude_id; 0 when
 * there is none.
 */
int store_family_members_find(struct db *db, int64_t family_id,
                              int64_t person_id, int64_t child_id,
                              int64_t exclude_id, int64_t *found,
                              struct err *e);

/*
 * *victim = 1 when person_id is the victim (in an open victim record) of an
 * offence of someone in family_id (an open member or the person of a case
 * linked to it), or has offended against such a person: the victim is not
 * a member of the child's family (docs/youth-justice-model.md, section 6).
 */
int store_family_members_victim(struct db *db, int64_t family_id,
                                int64_t person_id, int *victim, struct err *e);

/*
 * *is_member = 1 when person_id is an open member of family_id, of
 * member_type ("child", "adult") or of either when member_type is NULL.
 */
int store_family_members_has(struct db *db, int64_t family_id,
                             int64_t person_id, const char *member_type,
                             int *is_member, struct err *e);

#endif

/*
 * families.h - families and networks: a family groups people with their
 * relationship to each child (who holds parental responsibility, who lives
 * in the household, who is wider network). One person may belong to
 * several families. Not for cases (service/cases.h) or the people
 * themselves (service/people.h).
 */
#ifndef SPIRE_SERVICE_FAMILIES_H
#define SPIRE_SERVICE_FAMILIES_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource FAMILIES;
extern const struct resource FAMILY_MEMBERS;

/*
 * The open families person_id belongs to that the user may open
 * (policy_readable), each with its open "members" (see families_get), as
 * a new array in *out; in *elsewhere, the teams holding the person's other
 * open families, [{team_name}], each team once (both caller owns: a
 * family the user may not open shows no name, member or date, only who
 * holds it, docs/access.md "A person's page"). The person must be within
 * the user's scope (or break glass): SPIRE_EFORBIDDEN otherwise,
 * SPIRE_EINVAL naming person_id when there is no such person. Each family
 * and member shown is audited ("list").
 */
int families_for_person(struct ctx *ctx, int64_t person_id, json_t **out,
                        json_t **elsewhere, struct err *e);

/*
 * Read family id (access already checked) with its open "members": each
 * member's relationship fields and a "person" summary {id, given_name,
 * family_name, preferred_name, date_of_birth}. Audited, with a read of
 * each member.
 */
int families_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/* Create a family {name, notes}, owned by the user's team. */
int families_create(struct ctx *ctx, const json_t *body, json_t **out,
                    struct err *e);

/* Change name or notes; body carries version. */
int families_update(struct ctx *ctx, int64_t id, const json_t *body,
                    json_t **out, struct err *e);

/* Close a family; body {version, reason}. */
/* Reopen a closed family and the memberships its closing ended; body
 * {version, reason} (records_reopen). */
int families_reopen(struct ctx *ctx, int64_t id, const json_t *body,
                    json_t **out, struct err *e);
int families_close(struct ctx *ctx, int64_t id, const json_t *body,
                   json_t **out, struct err *e);

/*
 * Add a member to family_id: body {person_id, member_type, relationship,
 * child_id, parental_responsibility, in_household, wider_network, notes}.
 * person_id must name a person the user may see; child_id, when given, a
 * child member of this family. A second open membership of the same
 * person for the same child is SPIRE_ECONFLICT. *out is the stored member
 * with its "person" summary.
 */
int families_add_member(struct ctx *ctx, int64_t family_id, const json_t *body,
                        json_t **out, struct err *e);

/* Change a member's relationship fields; body carries version. */
int family_members_update(struct ctx *ctx, int64_t id, const json_t *body,
                          json_t **out, struct err *e);

/* End a membership; body {version, reason}. */
int family_members_close(struct ctx *ctx, int64_t id, const json_t *body,
                         json_t **out, struct err *e);

/*
 * The open families of person_id with their members, read on db, without
 * audit: for a record that is being shown already (the person's own
 * page). Only the families ctx's user may open (policy_readable) are in
 * *out; the teams holding the others are in *elsewhere as
 * [{team_name}], each team once (NULL: not wanted). Victims ctx's user
 * may not see are left out of the members (policy_hide_victims). New
 * arrays (caller owns).
 */
int families_around(struct ctx *ctx, struct db *db, int64_t person_id,
                    json_t **out, json_t **elsewhere, struct err *e);

/*
 * families_around as JSON text appended to out (an array, byte for byte as
 * core/json_text.h writes families_around's), read in one statement and
 * written without a jansson tree; the teams holding the families the user
 * may not open appended to elsewhere (NULL: not wanted) as families_around's
 * *elsewhere. With action, each member shown is audited under it as
 * families_audit_members does (family by family, except skip_person), so
 * that the text may be sent unwalked (http_reply_json_text). 0, or
 * SPIRE_EDB / SPIRE_ENOMEM / out's failure.
 */
struct buf;
int families_around_text(struct ctx *ctx, struct db *db, int64_t person_id,
                         const char *action, int64_t skip_person,
                         struct buf *out, struct buf *elsewhere, struct err *e);

/*
 * Audit every member of family (an object with "members") under action,
 * except skip_person (0: none), whose own read is audited already.
 */
int families_audit_members(struct ctx *ctx, const char *action,
                           const json_t *family, int64_t skip_person,
                           struct err *e);

/*
 * Move row's given_name, family_name, preferred_name and date_of_birth
 * into a new object row[key] = {id: row[id_key], ...}. 0, or
 * SPIRE_ENOMEM.
 */
int families_nest_person(json_t *row, const char *key, const char *id_key,
                         struct err *e);

/*
 * Check that field of a request body names an existing, open person the
 * user may read and, when must_write, change: recording anything about a
 * person (a case, a membership, a consent, an alert) needs the write
 * relation, and a break-glass reason never grants it (nor a read here), so
 * that a one-off read cannot turn into lasting access. A person the user
 * may not use is answered exactly as one that does not exist (SPIRE_EINVAL
 * naming field), the attempt audited as denied about them, before their
 * record is said to be closed (policy_reference_hidden). *person (when
 * person is not NULL) receives the record; caller owns it.
 */
#define FAMILIES_PERSON_MISSING                                                \
	"Select a person who is on Spire: this person does not exist"
int families_person_ref(struct ctx *ctx, int64_t id, const char *field,
                        int must_write, json_t **person, struct err *e);

#endif

/*
 * policy.h - the one place that decides who may see or change a record.
 *
 * The router calls policy_record() for every route that names a record in
 * its path, before any handler runs; services call the same functions for
 * records named in a request body. The rules:
 *   - only casework roles (practitioners and managers) open records;
 *     admins, analysts and parents do not;
 *   - a practitioner may open records of children allocated to them or to
 *     their team (and of those children's families); a manager, records
 *     held anywhere in their service;
 *   - outside that scope a casework user may *read* with a written
 *     break-glass reason (at least 10 characters), flagged in the audit;
 *     a write (and anything that records something about a person) needs
 *     the relation itself, whatever reason is given;
 *   - victims are youth justice business: a person who is the victim in
 *     a youth justice record is opened by other roles only through a case
 *     of their own (never through the family or the team that recorded
 *     them), and victim records only by youth justice roles.
 * docs/access.md describes the rules for an information governance lead.
 */
#ifndef SPIRE_POLICY_H
#define SPIRE_POLICY_H

#include <stdint.h>

#include "service/ctx.h"
#include "store/scope.h"

#define POLICY_REASON_MIN 10
#define POLICY_REASON_MAX 500 /* characters of a break-glass reason */

/*
 * *sealed != 0 when record id of kind is, or hangs from, a case of a
 * sealed service (parenting: docs/access.md, "Break glass"), or hangs from
 * no case but from a team of one (a parenting team's peer groups, their
 * sessions and registers, its mentors, its caseload): only those who hold
 * it may read it, never by a reason, and whatever hangs from such a case
 * is held by the case's own team. 0 or a store error.
 */
int policy_sealed(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                  int *sealed, struct err *e);

/* The code of the sealed service ("parenting"), for SQL that must leave
 * its cases out of what a reason opens. */
const char *policy_sealed_service(void);

/*
 * *ok = 1 when ctx's user may read case case_id: through their own
 * relation, or after giving a reason (ctx->break_glass) for a case that
 * is not sealed. Audits nothing: for views that leave out what may not be
 * shown. 0 or a store error.
 */
int policy_case_readable(struct ctx *ctx, int64_t case_id, int *ok,
                         struct err *e);

/*
 * policy_case_readable for a record of any kind: *ok = 1 when ctx's user
 * may read record (kind, id) through their own relation, or after giving
 * a reason for a record that is not sealed. Audits nothing: for views
 * that show only what the user may open (a person's page shows in full
 * only the families the user may open). 0 or a store error.
 */
int policy_readable(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                    int *ok, struct err *e);

/*
 * May ctx's user read (write = 0) or change (write = 1) record (kind, id)?
 * Returns 0 and sets *person_id (the person the record is about) when
 * allowed; SPIRE_ENOTFOUND, SPIRE_EFORBIDDEN otherwise.
 */
int policy_record(struct ctx *ctx, const struct record_kind *kind, int64_t id,
                  int write, int64_t *person_id, struct err *e);

/*
 * policy_record for a record named in a request body under `field` (a
 * contact's case_id, a consent's person_id): no such record is a
 * validation error (SPIRE_EINVAL naming field); a refusal is
 * SPIRE_EFORBIDDEN naming field and is audited as "denied".
 */
int policy_reference(struct ctx *ctx, const struct record_kind *kind,
                     int64_t id, int write, const char *field,
                     int64_t *person_id, struct err *e);

/*
 * Records of kind about person_id (a list of them by the person, a view
 * reading them), when the request opened the person only through a
 * break-glass reason (ctx->break_glass): a kind sealed wherever it hangs
 * (KIND_SEALED, a parent's preferences) is not opened by it. Then the
 * break-glass read is withdrawn (nothing was read), the refusal audited as
 * "denied" about the person, and SPIRE_EFORBIDDEN naming field (NULL for
 * none) saying who to ask; else 0.
 */
int policy_glass_sealed(struct ctx *ctx, const struct record_kind *kind,
                        int64_t person_id, const char *field, struct err *e);

/*
 * policy_reference for a reference whose answer must not tell whether the
 * record exists outside the user's scope (a case's family_id, a report's
 * hearing_id): a record the user may not use (kind, id; write as for
 * policy_record) is answered exactly as one that does not exist,
 * SPIRE_EINVAL naming field with missing (the caller's words for "no such
 * record"), and the refusal is audited as "denied" about the people it
 * concerns (policy_deny_audit). Checked before anything else about the
 * record is validated, so that no later rule (closed, not this child's,
 * not a member) answers for a record the user may not see (issue 11,
 * session 24). A break-glass reason opens no record a write names. 0,
 * SPIRE_EINVAL, a store error, SPIRE_ENOMEM.
 */
int policy_reference_hidden(struct ctx *ctx, const struct record_kind *kind,
                            int64_t id, int write, const char *field,
                            const char *missing, struct err *e);

/* The relation the user's role needs to open a record without breaking
 * glass (REL_TEAM for practitioners, REL_SERVICE for managers), or -1 when
 * the role never opens records. */
int policy_needed_relation(unsigned role);

/*
 * May ctx's user hold work in team_id (create or allocate a case or task
 * there)? Practitioners: their own team; managers: any team of their
 * service. SPIRE_EFORBIDDEN naming field otherwise.
 */
int policy_team(struct ctx *ctx, int64_t team_id, const char *field,
                struct err *e);

/*
 * May ctx's user change who holds a piece of work: a case's worker or team,
 * a task's owner or team, a family's key worker? holder_id is who holds it
 * now (0: nobody). A practitioner may hand on only work they hold
 * themselves (holder_id is their own id), and may name a holder for work
 * nobody holds only when unheld_ok (a family with no key worker yet: its
 * workers agree one); a manager may re-allocate any work their relation
 * lets them change (the router has checked it); no other role holds work.
 * SPIRE_EFORBIDDEN naming field with message otherwise (GOV.UK style,
 * shown to the user). Rule decided in session 23 (docs/access.md,
 * "Who may re-allocate work"): a practitioner cannot take a colleague's
 * case or hand away one they do not hold.
 */
int policy_reassign(struct ctx *ctx, int64_t holder_id, int unheld_ok,
                    const char *field, const char *message, struct err *e);

/*
 * What a record tells the page the user may do with it, so that the page
 * offers only that (docs/access.md, "What the pages offer"): sets rec's
 * member "can" to {"reassign": true|false}, decided by policy_reassign
 * itself for holder_id and unheld_ok (never a second copy of the rule).
 * False for a closed record, one read through a break-glass reason, and
 * when under_closed (what the record hangs off is closed: a task on a
 * closed case, which is not passed on until the case is reopened).
 * 0, or SPIRE_ENOMEM with e set.
 */
int policy_can(struct ctx *ctx, json_t *rec, int64_t holder_id, int unheld_ok,
               int under_closed, struct err *e);

/*
 * May ctx's user open a case in service `code` (a service code)?
 * Practitioners: a service of their role (role_services); managers: their
 * own service. SPIRE_EINVAL naming field for an unknown service,
 * SPIRE_EFORBIDDEN naming field otherwise.
 */
int policy_service(struct ctx *ctx, const char *code, const char *field,
                   struct err *e);

/*
 * Is ctx's user a youth justice role: a youth justice officer, or a
 * manager of the youth justice service? 0 when so, SPIRE_EFORBIDDEN
 * (naming no field) with `what` in a practitioner's message otherwise.
 */
int policy_youth_justice(struct ctx *ctx, const char *what, struct err *e);

/*
 * Victims are youth justice business (docs/access.md, "Victims"): 0 for a
 * youth justice officer or manager, else SPIRE_EFORBIDDEN with
 * POLICY_VICTIMS_REFUSED, which says why no reason opens them and who to
 * ask. The router tells a role its victim routes do not admit the same.
 */
extern const char POLICY_VICTIMS_REFUSED[];
int policy_victims(struct ctx *ctx, struct err *e);

/*
 * Whether person_id is in the user's scope for a search or duplicate
 * list (*in_scope, without break glass), in the user's own caseload
 * (*own: through a case allocated to them, theirs or a family member's;
 * not merely their team's) and is the victim in a youth justice record
 * (*victim). Victims count as in scope for other roles only through a
 * case of their own.
 */
int policy_person_scope(struct ctx *ctx, int64_t person_id, int *in_scope,
                        int *own, int *victim, struct err *e);

/*
 * Must person_id be kept out of an answer to ctx's user? *hidden is 1 for a
 * victim in a youth justice record when the user is not a youth justice
 * role and holds no case of the person themselves. 0 or a store error.
 */
int policy_person_hidden(struct ctx *ctx, int64_t person_id, int *hidden,
                         struct err *e);

/*
 * Remove from the JSON array `people` (objects whose person id is under
 * `key`) every person policy_person_hidden() keeps from ctx's user, so
 * that no list of people shows a victim to other roles. 0 or a negative
 * code.
 */
int policy_hide_victims(struct ctx *ctx, json_t *people, const char *key,
                        struct err *e);

/* The subject for store scope queries. */
struct scope_subject policy_subject(const struct ctx *ctx);

/* The name of a record kind as the API and the audit trail write it
 * ("person", "case"...; its struct record_kind's name), or "record" for
 * RK_NONE. */
const char *policy_kind_name(const struct record_kind *kind);

/*
 * The person behind record id of kind (the person a refusal about it is
 * audited against), or 0 when there is none or it cannot be read.
 */
int64_t policy_person_behind(struct ctx *ctx, const struct record_kind *kind,
                             int64_t id);

/*
 * Queue the "denied" rows of a refusal about record (kind, id) whose
 * person is person_id (policy_record's *person_id, or
 * policy_person_behind's): one row about person_id; when that is 0 and the
 * record is a family or hangs from one (a family's plan, its actions and
 * reviews, a Steps to Change decision, a form response about a family:
 * scope_family_of), one row about each of the family's open members
 * (every row naming the refused record), so that "who tried to look at
 * this child" finds a refused read of the child's family (docs/audit.md). One
 * row about nobody when there is no one to name. Marks the refusal as
 * audited (ctx_audit). 0, or SPIRE_ENOMEM when a row cannot be queued; a
 * store error reading the members leaves the one row about nobody.
 */
int policy_deny_audit(struct ctx *ctx, const struct record_kind *kind,
                      int64_t id, int64_t person_id);

#endif

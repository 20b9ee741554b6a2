/*
 * scope.h - how closely a user is connected to a record, as the store sees
 * it. The policy (service/policy.c) turns the relation into allow or deny;
 * this file only answers the question with SQL.
 *
 * A person's relation is the closest of: any case of theirs, any case of a
 * person sharing an open family with them, and the team that created the
 * record. A case is "own" when allocated to the user, "team" when held by
 * the user's team, "service" when held by a team of the user's service.
 * A family member row relates to the user as its family does.
 */
#ifndef SPIRE_SCOPE_H
#define SPIRE_SCOPE_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

enum relation { REL_NONE = 0, REL_SERVICE = 1, REL_TEAM = 2, REL_OWN = 3 };

enum record_kind {
	RK_NONE = 0,
	RK_PERSON,
	RK_FAMILY,
	RK_CASE,
	RK_CONTACT,
	RK_TASK,
	RK_CONSENT,
	RK_FAMILY_MEMBER, /* a family's member row: the family's relation */
	/* Youth justice records: the relation of their case (scope_yj.c). */
	RK_OFFENCE,
	RK_OUTCOME,
	RK_ASSESSMENT,
	RK_KPI_SNAPSHOT,
	RK_VICTIM,
	/* A form response: the relation of its subject (a person, family
	 * or case; store/forms/responses.c). */
	RK_FORM_RESPONSE,
};

struct scope_subject {
	int64_t user_id, team_id, service_id;
};

/*
 * The relation of subject to record (kind, id), and the person the record
 * is about (*person_id, 0 for families and team tasks). The search stops
 * once the relation reaches `enough` (REL_OWN for the exact relation), so
 * *rel may be below the closest one when it is already at least enough.
 * SPIRE_ENOTFOUND when there is no such record.
 */
int scope_relation(struct db *db, const struct scope_subject *subject,
                   enum record_kind kind, int64_t id, enum relation enough,
                   enum relation *rel, int64_t *person_id, struct err *e);

/*
 * Whether person_id is the victim in an open youth justice victim record
 * (*victim), and the subject's relation to the person through the
 * person's own cases only (*case_rel).
 */
int scope_victim(struct db *db, const struct scope_subject *subject,
                 int64_t person_id, int *victim, enum relation *case_rel,
                 struct err *e);

/* The name of a record kind ("person"...). */
const char *scope_kind_name(enum record_kind kind);

#endif

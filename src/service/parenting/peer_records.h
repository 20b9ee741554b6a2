/*
 * peer_records.h - the resources of peer support and referrals out: peer
 * support groups, their sessions and registers, the register of peer
 * mentors, a parent's stated preferences for a mentor, and a parent's
 * referrals out from their parent support case. Each is a descriptor
 * served through the generic record operations (service/records.h); the
 * rules are in peer_records.c, what each field means in docs/parenting.md.
 */
#ifndef SPIRE_PEER_RECORDS_H
#define SPIRE_PEER_RECORDS_H

#include "service/records.h"

/*
 * Who reads and records peer support: the casework roles other than the
 * youth justice officer, who sees that a parent is supported (H1's
 * parent_supports) and never the parent's referrals, preferences or
 * registers (docs/access.md). Managers and practitioners are further held
 * to their scope by the record's relation.
 */
#define PEER_ROLES (ROLES_CASEWORK & ~(unsigned)ROLE_YJS_OFFICER)

extern const struct resource PEER_GROUPS;
extern const struct resource PEER_GROUP_SESSIONS;
extern const struct resource PEER_GROUP_ATTENDANCE;
extern const struct resource PEER_MENTORS;
extern const struct resource PARENT_PREFERENCES;
extern const struct resource PARENT_REFERRALS;

/*
 * Check that field names a person who may be recorded on the parent
 * pathway: an open person the user may change (write scope; a break-glass
 * reason never stands in for it), and not a victim in an open victim
 * record, refused as any record outside the caseload is (403, audited as
 * denied) so that the answer does not tell who is a victim. 0, or the
 * error naming field.
 */
int peer_parent_ref(struct ctx *ctx, int64_t id, const char *field,
                    struct err *e);

#endif

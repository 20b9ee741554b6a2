/*
 * scope_yj.h - the relation of a user to the youth justice records
 * (offences, outcomes, assessments, KPI snapshots, victims): each hangs
 * off a case and relates to the user exactly as that case does. Called by
 * scope.c for the record kinds it does not hold itself.
 */
#ifndef SPIRE_SCOPE_YJ_H
#define SPIRE_SCOPE_YJ_H

#include "store/scope.h"

/*
 * The SQL text measuring the relation to a record of kind, in the shape
 * scope_relation() runs ($1 id, $2 user, $3 team, $4 service; selects the
 * person the record is about and the relation), or NULL when kind is not
 * a youth justice kind.
 */
const char *scope_yj_sql(enum record_kind kind);

/* The name of a youth justice record kind, or "record". */
const char *scope_yj_kind_name(enum record_kind kind);

#endif

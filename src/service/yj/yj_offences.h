/*
 * yj_offences.h - offences: what a child did, when, how serious (the
 * police youth gravity matrix score), with whom and to whom (the victims,
 * see yj_victims.h). Recorded on the child's case.
 */
#ifndef SPIRE_SERVICE_YJ_OFFENCES_H
#define SPIRE_SERVICE_YJ_OFFENCES_H

#include "service/yj/yj_records.h"

/*
 * Offences through records_get and YJ_RECORD_OPS, listed by case or
 * child (yj_list over store_yj_offences_list). Create {case_id, offence_date,
 * arrest_date?, description, category, gravity, co_accused?, weapon?, notes?}:
 * the case must be one the user may change; dates not in the future, arrest not
 * before the offence. A record carries "victims" [{id, victim_id,
 * given_name, family_name}] and "outcome_ids".
 */
extern const struct resource YJ_OFFENCES;

#endif

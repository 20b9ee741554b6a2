/*
 * yj_victims.h - victims of a child's offences and the work with them:
 * consent to be contacted, restorative justice offered and taken part in,
 * information asked for and given, support offered. A victim is a person
 * in Spire with their own record. Victim records are about the victim
 * (audited as such), scoped by the child's case, and never shown to the
 * child's family: only casework roles reach them.
 */
#ifndef SPIRE_SERVICE_YJ_VICTIMS_H
#define SPIRE_SERVICE_YJ_VICTIMS_H

#include "service/yj/yj_records.h"

/*
 * Victim records through records_get and YJ_RECORD_OPS, listed by case or
 * child (yj_list over store_yj_victims_list, audited by victim_id). Create
 * {offence_id, victim_id, outcome_id?, consent_to_contact?, contacted_on?,
 * rj_offered?, rj_taken_part?, information_requested?, information_given?,
 * support_offered?, notes?}: the user must be able to change the offence
 * and see the victim's record; the victim is not the child and is linked
 * to the offence once; the case and child are the offence's.
 */
extern const struct resource YJ_VICTIMS;

#endif

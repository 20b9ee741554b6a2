/*
 * measure_defs.h - the measure definitions, one module each
 * (measure_*.c), gathered in measures.c's MEASURES[] list.
 */
#ifndef SPIRE_MEASURE_DEFS_H
#define SPIRE_MEASURE_DEFS_H

#include "service/measures/measures.h"

extern const struct measure_def MEASURE_FTE;
extern const struct measure_def MEASURE_REOFFENDING;
extern const struct measure_def MEASURE_REOFFENDING_MOJ;
extern const struct measure_def MEASURE_CUSTODY;
extern const struct measure_def MEASURE_REMANDS;
extern const struct measure_def MEASURE_ARRESTS;
extern const struct measure_def MEASURE_ARRESTED_CHILDREN;
extern const struct measure_def MEASURE_COURT;
extern const struct measure_def MEASURE_KPI_ACCOMMODATION;
extern const struct measure_def MEASURE_KPI_ETE;
extern const struct measure_def MEASURE_KPI_SEND;
extern const struct measure_def MEASURE_KPI_MENTAL_HEALTH;
extern const struct measure_def MEASURE_KPI_SUBSTANCE_MISUSE;
extern const struct measure_def MEASURE_KPI_OOCD;
extern const struct measure_def MEASURE_KPI_BOARD;
extern const struct measure_def MEASURE_KPI_WIDER_SERVICES;
extern const struct measure_def MEASURE_KPI_SERIOUS_VIOLENCE;
extern const struct measure_def MEASURE_KPI_VICTIMS;
extern const struct measure_def MEASURE_RISK;
extern const struct measure_def MEASURE_DISPOSALS;
extern const struct measure_def MEASURE_INTERVENTIONS_STARTED;
extern const struct measure_def MEASURE_OFFENCE_OUTCOMES;
extern const struct measure_def MEASURE_DIVERSION;
extern const struct measure_def MEASURE_PARENTS_WORKED_WITH;
extern const struct measure_def MEASURE_PARENT_ENGAGEMENT;
extern const struct measure_def MEASURE_PEER_MENTORING_REFERRALS;
extern const struct measure_def MEASURE_PARENTS_SEEN;
extern const struct measure_def MEASURE_SELF_ASSESSMENT_NEEDS;
extern const struct measure_def MEASURE_STEPS_TO_CHANGE;
extern const struct measure_def MEASURE_PRE_POST_CHANGE;

#endif

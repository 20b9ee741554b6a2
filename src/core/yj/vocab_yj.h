/*
 * vocab_yj.h - the youth justice vocabularies: offences, outcomes and
 * interventions, assessments, KPI snapshots and the management board, in
 * the national terms (docs/youth-justice-model.md).
 */
#ifndef SPIRE_VOCAB_YJ_H
#define SPIRE_VOCAB_YJ_H

#include "core/vocab.h"

extern const struct vocab VOCAB_OFFENCE_CATEGORIES;
extern const struct vocab VOCAB_OUTCOME_TYPES;
extern const struct vocab VOCAB_OUTCOME_KINDS;
extern const struct vocab VOCAB_END_REASONS;
extern const struct vocab VOCAB_YRO_REQUIREMENTS;
extern const struct vocab VOCAB_ASSESSMENT_TYPES;
extern const struct vocab VOCAB_ASSESSMENT_STAGES;
extern const struct vocab VOCAB_LEVELS;
extern const struct vocab VOCAB_INTERVENTION_LEVELS;
extern const struct vocab VOCAB_KPI_POINTS;
extern const struct vocab VOCAB_ACCOMMODATION;
extern const struct vocab VOCAB_ETE_PROVISION;
extern const struct vocab VOCAB_LEARNING_PLANS;
extern const struct vocab VOCAB_BOARD_AGENCIES;
extern const struct vocab VOCAB_HEARING_TYPES;
extern const struct vocab VOCAB_HEARING_OUTCOMES;
extern const struct vocab VOCAB_COURT_REPORT_TYPES;

extern const struct vocab_domain VOCAB_DOMAIN_YJ;

/* The tag of outcome types that are a caution or conviction (the
 * "substantive" column of yj_outcomes). */
#define VOCAB_TAG_SUBSTANTIVE "substantive"

#endif

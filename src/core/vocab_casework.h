/*
 * vocab_casework.h - the vocabularies of people and casework: a person's
 * sex, ethnicity and SEND, families, contacts, cases and consents.
 */
#ifndef SPIRE_VOCAB_CASEWORK_H
#define SPIRE_VOCAB_CASEWORK_H

#include "core/vocab.h"

extern const struct vocab VOCAB_SEX;
extern const struct vocab VOCAB_ETHNICITY;
extern const struct vocab VOCAB_SEND;
extern const struct vocab VOCAB_FAMILY_MEMBER_TYPES;
extern const struct vocab VOCAB_FAMILY_RELATIONSHIPS;
extern const struct vocab VOCAB_CONTACT_TYPES;
extern const struct vocab VOCAB_CONTACT_OUTCOMES;
/* Alerts on a person's record (docs/team-week.md). */
extern const struct vocab VOCAB_ALERT_TYPES;
extern const struct vocab VOCAB_CASE_STATUSES;
extern const struct vocab VOCAB_TASK_STATUSES;
extern const struct vocab VOCAB_LAWFUL_BASES;
extern const struct vocab VOCAB_CONSENT_STATUSES;
extern const struct vocab VOCAB_SERVICES;
extern const struct vocab VOCAB_CONSENT_SHARES;

extern const struct vocab_domain VOCAB_DOMAIN_CASEWORK;

#endif

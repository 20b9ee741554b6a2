/*
 * vocab_parenting.h - the vocabularies of the parent worker's pathway
 * (docs/parenting.md, "Parent support"): a parent's agreement to support
 * and why support ended, sessions (status, type, topic, a behaviour
 * contract's outcome) and the support plan's item statuses.
 */
#ifndef SPIRE_VOCAB_PARENTING_H
#define SPIRE_VOCAB_PARENTING_H

#include "core/vocab.h"

extern const struct vocab VOCAB_PARENT_AGREEMENTS;
extern const struct vocab VOCAB_PARENT_SUPPORT_END_REASONS;
extern const struct vocab VOCAB_PARENT_SESSION_STATUSES;
extern const struct vocab VOCAB_PARENT_SESSION_TYPES;
extern const struct vocab VOCAB_PARENT_SESSION_TOPICS;
extern const struct vocab VOCAB_PARENT_CONTRACT_OUTCOMES;
extern const struct vocab VOCAB_PARENT_PLAN_STATUSES;

extern const struct vocab_domain VOCAB_DOMAIN_PARENTING;

#endif

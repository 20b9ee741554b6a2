/*
 * vocab_family_plan.h - the vocabularies of One Family, One Plan: who owns
 * an action on the family's plan, and where the action stands.
 */
#ifndef SPIRE_VOCAB_FAMILY_PLAN_H
#define SPIRE_VOCAB_FAMILY_PLAN_H

#include "core/vocab.h"

extern const struct vocab VOCAB_FAMILY_PLAN_OWNER_TYPES;
extern const struct vocab VOCAB_FAMILY_PLAN_ACTION_STATUSES;

extern const struct vocab_domain VOCAB_DOMAIN_FAMILY_PLAN;

#endif

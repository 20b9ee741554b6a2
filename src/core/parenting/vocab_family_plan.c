/*
 * vocab_family_plan.c - the vocabularies of the family's plan (see
 * vocab.h), worded as the plan is read by the family: "who will do what,
 * by when".
 */
#include "core/parenting/vocab_family_plan.h"

static const struct vocab_term OWNER_TYPES[] = {
    {"family_member", "Someone in the family", NULL, NULL, NULL, 0},
    {"agency", "An agency or service",
     "For example the school, housing or "
     "the Family Hub",
     NULL, NULL, 0},
    {"practitioner", "A named practitioner", NULL, NULL, NULL, 0},
};

static const struct vocab_term ACTION_STATUSES[] = {
    {"not_started", "Not started", NULL, NULL, NULL, 0},
    {"in_progress", "In progress", NULL, NULL, NULL, 0},
    {"done", "Done", NULL, NULL, NULL, 0},
    {"no_longer_needed", "No longer needed", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_FAMILY_PLAN_OWNER_TYPES =
    VOCAB_TERMS("family_plan_owner_types", "Who will do it", OWNER_TYPES);
const struct vocab VOCAB_FAMILY_PLAN_ACTION_STATUSES = VOCAB_TERMS(
    "family_plan_action_statuses", "Where it stands", ACTION_STATUSES);

static const struct vocab *const FAMILY_PLAN[] = {
    &VOCAB_FAMILY_PLAN_OWNER_TYPES,
    &VOCAB_FAMILY_PLAN_ACTION_STATUSES,
};

const struct vocab_domain VOCAB_DOMAIN_FAMILY_PLAN = {
    "family_plan", FAMILY_PLAN, sizeof(FAMILY_PLAN) / sizeof(FAMILY_PLAN[0])};

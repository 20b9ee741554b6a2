/*
 * vocab_parenting.c - the parent worker's pathway's vocabularies (see
 * vocab.h); what each means is in docs/parenting.md, "Parent support".
 */
#include "core/parenting/vocab_parenting.h"

static const struct vocab_term AGREEMENTS[] = {
    {"agreed", "Agreed to support", NULL, NULL, NULL, 0},
    {"declined", "Declined support", NULL, NULL, NULL, 0},
    {"not_reached", "Could not be reached", NULL, NULL, NULL, 0},
};

static const struct vocab_term END_REASONS[] = {
    {"completed", "Support completed", NULL, NULL, NULL, 0},
    {"disengaged", "Parent stopped taking part", NULL, NULL, NULL, 0},
    {"child_intervention_ended", "The child's intervention ended", NULL, NULL,
     NULL, 0},
    {"moved_away", "Moved out of the area", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term SESSION_STATUSES[] = {
    {"planned", "Planned", NULL, NULL, NULL, 0},
    {"held", "Held", NULL, NULL, NULL, 0},
    {"did_not_attend", "Did not attend", NULL, NULL, NULL, 0},
    {"cancelled", "Cancelled", NULL, NULL, NULL, 0},
};

static const struct vocab_term SESSION_TYPES[] = {
    {"one_to_one", "One-to-one with the parent", NULL, NULL, NULL, 0},
    {"joint", "Joint work with the parent and child", NULL, NULL, NULL, 0},
    {"behaviour_contract", "Behaviour contract", NULL, NULL, NULL, 0},
};

/* The group says which kind of session a topic belongs to. */
static const struct vocab_term SESSION_TOPICS[] = {
    {"confidence_building", "Confidence building", NULL, "one_to_one", NULL, 0},
    {"cbt_strategies", "Cognitive behavioural strategies", NULL, "one_to_one",
     NULL, 0},
    {"household_routines", "Household routines", NULL, "one_to_one", NULL, 0},
    {"understanding_diagnosis",
     "Understanding a diagnosis (for example autism)", NULL, "one_to_one", NULL,
     0},
    {"parents_health", "The parent's own health", NULL, "one_to_one", NULL, 0},
    {"family_meeting", "Family meeting", NULL, "joint", NULL, 0},
    {"mediation", "Mediation", NULL, "joint", NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term CONTRACT_OUTCOMES[] = {
    {"kept", "Kept", NULL, NULL, NULL, 0},
    {"partly_kept", "Partly kept", NULL, NULL, NULL, 0},
    {"broken", "Broken", NULL, NULL, NULL, 0},
    {"not_agreed", "Could not be agreed", NULL, NULL, NULL, 0},
};

static const struct vocab_term PLAN_STATUSES[] = {
    {"not_started", "Not started", NULL, NULL, NULL, 0},
    {"in_progress", "In progress", NULL, NULL, NULL, 0},
    {"done", "Done", NULL, NULL, NULL, 0},
    {"stopped", "Stopped", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_PARENT_AGREEMENTS = VOCAB_TERMS(
    "parent_agreements", "Did the parent agree to the support", AGREEMENTS);
const struct vocab VOCAB_PARENT_SUPPORT_END_REASONS = VOCAB_TERMS(
    "parent_support_end_reasons", "Why the support ended", END_REASONS);
const struct vocab VOCAB_PARENT_SESSION_STATUSES =
    VOCAB_TERMS("parent_session_statuses", "Session status", SESSION_STATUSES);
const struct vocab VOCAB_PARENT_SESSION_TYPES =
    VOCAB_TERMS("parent_session_types", "Kind of session", SESSION_TYPES);
const struct vocab VOCAB_PARENT_SESSION_TOPICS = VOCAB_TERMS(
    "parent_session_topics", "What the session was about", SESSION_TOPICS);
const struct vocab VOCAB_PARENT_CONTRACT_OUTCOMES = VOCAB_TERMS(
    "parent_contract_outcomes", "How the contract went", CONTRACT_OUTCOMES);
const struct vocab VOCAB_PARENT_PLAN_STATUSES =
    VOCAB_TERMS("parent_plan_statuses", "Plan item status", PLAN_STATUSES);

static const struct vocab *const PARENTING[] = {
    &VOCAB_PARENT_AGREEMENTS,       &VOCAB_PARENT_SUPPORT_END_REASONS,
    &VOCAB_PARENT_SESSION_STATUSES, &VOCAB_PARENT_SESSION_TYPES,
    &VOCAB_PARENT_SESSION_TOPICS,   &VOCAB_PARENT_CONTRACT_OUTCOMES,
    &VOCAB_PARENT_PLAN_STATUSES,
};

const struct vocab_domain VOCAB_DOMAIN_PARENTING = {
    "parenting", PARENTING, sizeof(PARENTING) / sizeof(PARENTING[0])};

/*
 * vocab_forms.c - the vocabularies of form responses (see vocab.h).
 * Status codes are FHIR's QuestionnaireResponse ones, hyphens and all.
 */
#include "core/forms/vocab_forms.h"

static const struct vocab_term SUBJECT_TYPES[] = {
    {"person", "A person", NULL, NULL, NULL, 0},
    {"family", "A family", NULL, NULL, NULL, 0},
    {"case", "A case", NULL, NULL, NULL, 0},
};

static const struct vocab_term COMPLETED_BY[] = {
    {"practitioner", "A practitioner", NULL, NULL, NULL, 0},
    {"child", "The child", NULL, NULL, NULL, 0},
    {"parent", "A parent or carer", NULL, NULL, NULL, 0},
    {"jointly", "Jointly", NULL, NULL, NULL, 0},
};

static const struct vocab_term STATUSES[] = {
    {"in-progress", "In progress", NULL, NULL, NULL, 0},
    {"completed", "Completed", NULL, NULL, NULL, 0},
};

/* What is decided on a Steps to Change flag (docs/parenting.md). */
static const struct vocab_term STEPS_DECISIONS[] = {
    {"step_up_social_care", "Step up to children's social care", NULL, NULL,
     NULL, 0},
    {"step_up_targeted_early_help", "Step up to targeted early help", NULL,
     NULL, NULL, 0},
    {"continue", "Continue the current support", NULL, NULL, NULL, 0},
    {"step_down", "Step down", NULL, NULL, NULL, 0},
    {"close", "Close", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_STEPS_DECISIONS = VOCAB_TERMS(
    "steps_decisions", "Decision on Steps to Change", STEPS_DECISIONS);
const struct vocab VOCAB_FORM_SUBJECT_TYPES =
    VOCAB_TERMS("form_subject_types", "Who the form is about", SUBJECT_TYPES);
const struct vocab VOCAB_FORM_COMPLETED_BY =
    VOCAB_TERMS("form_completed_by", "Who completed the form", COMPLETED_BY);
const struct vocab VOCAB_FORM_RESPONSE_STATUSES =
    VOCAB_TERMS("form_response_statuses", "Status", STATUSES);

static const struct vocab *const FORMS[] = {
    &VOCAB_FORM_SUBJECT_TYPES,
    &VOCAB_FORM_COMPLETED_BY,
    &VOCAB_FORM_RESPONSE_STATUSES,
    &VOCAB_STEPS_DECISIONS,
};

const struct vocab_domain VOCAB_DOMAIN_FORMS = {
    "forms", FORMS, sizeof(FORMS) / sizeof(FORMS[0])};

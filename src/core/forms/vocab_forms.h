/*
 * vocab_forms.h - the vocabularies of form responses (docs/forms.md): who
 * a response is about, who completed it, and its status.
 */
#ifndef SPIRE_VOCAB_FORMS_H
#define SPIRE_VOCAB_FORMS_H

#include "core/vocab.h"

extern const struct vocab VOCAB_FORM_SUBJECT_TYPES;
extern const struct vocab VOCAB_FORM_COMPLETED_BY;
extern const struct vocab VOCAB_FORM_RESPONSE_STATUSES;
/* The decision taken on a Steps to Change flag (steps_decisions). */
extern const struct vocab VOCAB_STEPS_DECISIONS;

extern const struct vocab_domain VOCAB_DOMAIN_FORMS;

#endif

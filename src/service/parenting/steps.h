/*
 * steps.h - Steps to Change (docs/parenting.md, "Steps to Change and the
 * parent self-assessment"): the decisions taken on its flags (a resource
 * descriptor, STEPS_DECISIONS) and the distance a family travelled,
 * computed from its scorings (form responses of a form with the
 * distance-travelled rule, docs/forms.md).
 */
#ifndef SPIRE_SERVICE_PARENTING_STEPS_H
#define SPIRE_SERVICE_PARENTING_STEPS_H

#include "service/records.h"

/* /api/v1/steps-decisions: a decision on a flag, about a family. */
extern const struct resource STEPS_DECISIONS;

/* The form Spire's Steps to Change screens use. */
#define STEPS_FORM_ID "steps-to-change"

/*
 * The distance family_id travelled on form form_id (a form with the
 * distance-travelled rule), from its completed, current responses: per
 * block the first (the first scoring at the start, or else the first) and
 * the latest scores of the practitioner and the family and their change,
 * flags `stays_low` (both at or below the form's low threshold for a
 * rater) and `worse` (a rater's latest below their first) once there
 * are two scorings, `low_at_start` (a rater at or below it) while there
 * is only one, and the same
 * overall (the mean over the blocks). Access to the family is the
 * caller's (the route's); each response read is audited. *out is new.
 */
int steps_distance(struct ctx *ctx, int64_t family_id, const char *form_id,
                   json_t **out, struct err *e);

#endif

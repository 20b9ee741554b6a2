/*
 * responses.h - form responses: a QuestionnaireResponse for one form
 * version about one person, family or case. Drafts ("in-progress") are
 * saved and resumed; a completed response never changes: a correction
 * supersedes it with a reason; a response recorded by mistake is closed as
 * entered in error. Access is the subject's: the read policy for reads,
 * the write relation for writes, every read and write audited
 * (docs/forms.md).
 */
#ifndef SPIRE_SERVICE_FORMS_RESPONSES_H
#define SPIRE_SERVICE_FORMS_RESPONSES_H

#include "service/records.h"

extern const struct resource FORM_RESPONSES;

/*
 * Record a response. Body {form_id, form_version? (default the latest),
 * one of person_id, family_id, case_id, completed_by (practitioner,
 * parent, child, jointly), authored (a date, not in the future), status
 * (in-progress or completed), answers {linkId: value}}. Every problem of
 * the request is reported together (SPIRE_EINVAL), each answer's naming
 * its linkId. *out is the stored response as form_responses_get gives it,
 * except that the QuestionnaireResponse is its stored JSON text under
 * "document" (for the reply to send as "response" without parsing it
 * back: http_reply_json_raw).
 */
int form_responses_create(struct ctx *ctx, const json_t *body, json_t **out,
                          struct err *e);

/*
 * Save a draft again (body {version, answers?, completed_by?, authored?,
 * status?}); status "completed" completes it. SPIRE_ECONFLICT when the
 * response is already complete (correct it instead) or changed meanwhile.
 */
int form_responses_update(struct ctx *ctx, int64_t id, const json_t *body,
                          json_t **out, struct err *e);

/*
 * Correct a completed response (body {version, reason, answers,
 * completed_by?, authored?}): a new completed response of the same form
 * version and subject that supersedes it; the old one is kept, marked
 * superseded. *out is the new response.
 */
int form_responses_correct(struct ctx *ctx, int64_t id, const json_t *body,
                           json_t **out, struct err *e);

/* Close a response recorded by mistake (body {version, reason}): its
 * status reads "entered-in-error"; it is kept. */
int form_responses_close(struct ctx *ctx, int64_t id, const json_t *body,
                         json_t **out, struct err *e);

/* One response (audited): its record columns with answers, scores, flags
 * and the QuestionnaireResponse document as "response". */
int form_responses_get(struct ctx *ctx, int64_t id, json_t **out,
                       struct err *e);

/* A subject's responses, newest first (audited), as a page. */
struct form_responses_list_args {
	int64_t person_id, family_id, case_id; /* exactly one */
	const char *form_id;                   /* optional */
	int include_closed;                    /* and superseded ones */
	int64_t limit, offset;
};
int form_responses_list(struct ctx *ctx,
                        const struct form_responses_list_args *a, json_t **out,
                        struct err *e);

struct forms;

/*
 * Pre/post pairs of form form_id (of forms, read from db) (a form with the
 * pre-post rule, docs/forms.md): per subject and per scored group the rule
 * compares, the first "pre" response and the last "post" response after it, as
 * a new array of {subject_type, subject_id, person_id, group, pre: {id,
 * authored, score}, post: {...}, change} (only subjects with both). For
 * the measures, which apply their own access rules and periods: nothing
 * here is audited. SPIRE_EINVAL naming form_id when the form is not a
 * pre/post form.
 */
int form_pre_post_pairs(struct db *db, const struct forms *forms,
                        const char *form_id, json_t **out, struct err *e);

/* The forms loaded, as {items: [{id, version, title, status}]}. */
int form_definitions_list(struct ctx *ctx, json_t **out, struct err *e);

/* One definition (the Questionnaire; version 0: the latest). */
int form_definitions_get(struct ctx *ctx, const char *id, long version,
                         json_t **out, struct err *e);

struct form;

/*
 * The order of a scored form's stages (sequence.c; docs/forms.md,
 * distance-travelled): a subject's completed, current responses go start,
 * reviews, end, then a new start if it comes back. When answers gives the
 * stage question a stage that may not come next for the subject rec names
 * (family_id, person_id or case_id) among the responses other than
 * self_id (0: none), the newest by date deciding - a second start, a
 * review or end with no start open - the
 * question is named in e (err_rule, gathered with the request's other
 * errors). Returns e->code; a store failure replaces e.
 */
int form_sequence_check(struct ctx *ctx, const struct form *def,
                        const json_t *rec, const json_t *answers,
                        int64_t self_id, struct err *e);

/*
 * The stages that may come next for the response row rec (its subject,
 * itself left out) as a new {question, allowed: [codes]} into *out, or
 * *out NULL when def has no ordered stages. 0 or a store error.
 */
int form_sequence_allowed(struct ctx *ctx, const struct form *def,
                          const json_t *rec, json_t **out, struct err *e);

#endif

/*
 * scope_forms.c - the forms record kinds: a form response relates to the
 * user as its subject does (the person, family or case it is about), or,
 * when it belongs to an assessment, as that assessment does
 * (store_form_response_subject, docs/forms.md).
 */
#include "store/scope.h"

#include "store/forms/responses.h"
#include "store/parenting/steps.h"

static int
response_relation(struct db *db, const struct scope_subject *subject,
                  const struct record_kind *kind, int64_t id,
                  enum relation enough, enum relation *rel, int64_t *person_id,
                  struct err *e)
{
	(void)kind;
	const struct record_kind *of = NULL;
	int64_t subject_id = 0;
	int rc = store_form_response_subject(db, id, &of, &subject_id, e);
	if (rc == 0)
		rc = scope_relation(db, subject, of, subject_id, enough, rel,
		                    person_id, e);
	return rc;
}

const struct record_kind RK_FORM_RESPONSE[1] = {{
    .name = "form_response",
    .table = "form_responses",
    .relation = response_relation,
}};

const struct record_kind *const SCOPE_FORMS_KINDS[] = {
    RK_FORM_RESPONSE,
    RK_STEPS_DECISION,
    NULL,
};

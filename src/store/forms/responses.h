/*
 * responses.h - SQL for form responses (QuestionnaireResponse documents
 * stored as JSON text with the form's id and version, the subject, who
 * completed it, when and its status): the shared record operations, lists
 * by subject, supersession by a correction, and the subject a response is
 * about (for the access relation, store/scope.c).
 *
 * Not for rules: see service/forms/responses.c.
 */
#ifndef SPIRE_STORE_FORMS_RESPONSES_H
#define SPIRE_STORE_FORMS_RESPONSES_H

#include <jansson.h>
#include <stdint.h>

#include "store/record.h"
#include "store/scope.h"

/* Field order here is the order of the SQL parameters in responses.c. */
extern const struct field FORM_RESPONSES_FIELDS[];
extern struct record_table FORM_RESPONSES_TABLE;

/* Where a list of responses comes from: one subject column, and optionally
 * one form; superseded responses only when include_superseded. */
struct form_response_query {
	const char *subject; /* "person", "family" or "case" */
	int64_t subject_id;
	const char *form_id; /* NULL: every form */
	int include_closed;
	int64_t limit, offset;
};

/* The responses matching q, newest first, as a new array (caller owns). */
int store_form_responses_list(struct db *db,
                              const struct form_response_query *q, json_t **out,
                              struct err *e);

/*
 * Mark response id (at version, completed, not yet superseded) as
 * superseded by response by_id, keeping a history snapshot first; inside
 * the writer's transaction. SPIRE_ECONFLICT when it changed meanwhile.
 */
int store_form_responses_supersede(struct db *db, int64_t id, int64_t version,
                                   int64_t by_id, const char *at,
                                   int64_t user_id, struct err *e);

/* The record a response is read as, for scope_relation: *kind
 * RK_ASSESSMENT and its id for a response that belongs to an assessment
 * (store_pd_owner), else RK_PERSON, RK_FAMILY or RK_CASE it is about and
 * its id. SPIRE_ENOTFOUND when no response. */
int store_form_response_subject(struct db *db, int64_t id,
                                const struct record_kind **kind,
                                int64_t *subject_id, struct err *e);

/*
 * Whether person_id has an active consent that shares `share` (a
 * consent_shares code) with the service service_id (*shared 1), for a
 * form whose answers are confidential to its subject (docs/forms.md,
 * confidential-to-subject). 0 or a store error.
 */
int store_form_response_shared(struct db *db, int64_t person_id,
                               const char *share, int64_t service_id,
                               int *shared, struct err *e);

/*
 * Every completed, current response (not closed, not superseded) of form
 * form_id (any version), as a new array of rows {id, form_version,
 * subject_type, person_id, family_id, case_id, authored, document},
 * ordered by subject, then authored and id: what pre/post pairs are made
 * from (service/forms/prepost.c).
 */
int store_form_responses_of_form(struct db *db, const char *form_id,
                                 json_t **out, struct err *e);

/*
 * The words behind who may see a response (service/forms/responses.c):
 * the name of the team holding case case_id and of its service, and the
 * name of person person_id, each "" when there is none; each buffer len
 * bytes. 0 or a store error.
 */
int store_form_response_audience(struct db *db, int64_t case_id,
                                 int64_t person_id, char *team, char *service,
                                 char *person, size_t len, struct err *e);

#endif

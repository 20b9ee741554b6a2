/*
 * pd.h - the prevention and diversion assessment's form: its sections are
 * held as a form response (form "prevention-diversion") linked from the
 * assessment row (yj_assessments.form_response_id), not in the
 * assessment's own columns. The SQL that links them, the migration that
 * moved the sections of existing rows (migration 7) and the document of
 * version 1 that the migration and the demo generator write.
 *
 * Not for rules: see service/yj/yj_assessments.c.
 */
#ifndef SPIRE_STORE_FORMS_PD_H
#define SPIRE_STORE_FORMS_PD_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define PD_FORM_ID "prevention-diversion"

/* The form's sections, in the order of version 1. */
extern const char *const PD_SECTIONS[];

/*
 * Insert the form response rec (the FORM_RESPONSES fields) and link it
 * from assessment_id, as user_id at `at`; *response_id is the new
 * response's id. Inside the caller's transaction.
 */
int store_pd_link(struct db *db, int64_t assessment_id, const json_t *rec,
                  const char *at, int64_t user_id, int64_t *response_id,
                  struct err *e);

/*
 * The QuestionnaireResponse of version 1 of the form for sections (an
 * object: section -> text; others absent) as the forms engine writes it,
 * completed on `authored`; a new object (caller owns). For the migration
 * and the demo generator, which run without the engine's definitions.
 */
json_t *store_pd_v1_document(const json_t *sections, const char *authored);

/*
 * The form response record (FORM_RESPONSES fields) for assessment row
 * values: about case_id (and person_id), completed by the practitioner on
 * `authored`, holding document. New object (caller owns).
 */
json_t *store_pd_response_rec(int64_t case_id, int64_t person_id,
                              const char *authored, const json_t *document);

/*
 * The assessment that response id belongs to, in *assessment_id: the one
 * linking it, or linking a response that supersedes it (an earlier
 * version of the assessment's sections); 0 when it belongs to none.
 */
int store_pd_owner(struct db *db, int64_t response_id, int64_t *assessment_id,
                   struct err *e);

/* Close the response id with the assessment it belongs to. */
int store_pd_close(struct db *db, int64_t response_id, const char *reason,
                   const char *at, int64_t user_id, struct err *e);

/* Migration 7's rows: move every prevention and diversion assessment's
 * sections into a linked form response, then clear the columns. */
int store_pd_migrate(struct db *db, struct err *e);

#endif

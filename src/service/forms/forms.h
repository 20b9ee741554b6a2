/*
 * forms.h - the forms engine: form definitions as data (FHIR R4
 * Questionnaire documents in forms/NAME.json, docs/forms.md), checked when
 * loaded; answers validated against a definition (types, options, lengths,
 * enableWhen, required items of enabled questions), scored and flagged; and
 * the QuestionnaireResponse document built from them.
 *
 * Not for storage or access: see forms/responses.h and store/forms/.
 */
#ifndef SPIRE_SERVICE_FORMS_H
#define SPIRE_SERVICE_FORMS_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"

/* Spire's extensions to Questionnaire and QuestionnaireResponse. */
#define FORMS_EXT "https://spire.example/fhir/StructureDefinition/"
#define FORMS_EXT_ANSWER_SCORE FORMS_EXT "answer-score"
#define FORMS_EXT_GROUP_SCORE FORMS_EXT "group-score"
#define FORMS_EXT_FLAG FORMS_EXT "flag"
#define FORMS_EXT_RESPONSE_SCORE FORMS_EXT "response-score"
#define FORMS_EXT_RESPONSE_FLAG FORMS_EXT "response-flag"
#define FORMS_EXT_REQUIRED_MESSAGE FORMS_EXT "required-message"
/* Local extensions of the whole-family pathway (docs/forms.md). */
#define FORMS_EXT_PROPOSAL FORMS_EXT "support-proposal"
#define FORMS_EXT_RESPONSE_PROPOSAL FORMS_EXT "response-proposal"
#define FORMS_EXT_CONFIDENTIAL FORMS_EXT "confidential-to-subject"
#define FORMS_EXT_COMPLETED_BY FORMS_EXT "completed-by"
#define FORMS_EXT_CASE_SERVICE FORMS_EXT "case-service"
#define FORMS_EXT_SUBJECT FORMS_EXT "subject"
#define FORMS_EXT_SCALE FORMS_EXT "scale-anchors"
#define FORMS_EXT_DISTANCE FORMS_EXT "distance-travelled"
#define FORMS_EXT_DISTANCE_BLOCK FORMS_EXT "distance-block"
#define FORMS_EXT_PRE_POST FORMS_EXT "pre-post"
/* A scale item without bounds runs from 1 to 10; a block stays low at or
 * below 3 unless the definition says otherwise. */
#define FORMS_SCALE_MIN 1
#define FORMS_SCALE_MAX 10
#define FORMS_LOW_DEFAULT 3
#define FORMS_BLOCKS_MAX 32
/* FHIR's own bounds on an integer, decimal or date answer. */
#define FORMS_EXT_MIN_VALUE "http://hl7.org/fhir/StructureDefinition/minValue"
#define FORMS_EXT_MAX_VALUE "http://hl7.org/fhir/StructureDefinition/maxValue"

#define FORMS_ID_MAX 60 /* fits struct err's field */
#define FORMS_MAX 256   /* definitions one directory may hold */

/* One loaded definition: an id and a version ("1", "2"...) and the
 * Questionnaire it came from. */
struct form {
	char id[FORMS_ID_MAX + 1];
	long version;
	const char *title;
	json_t *doc; /* owned */
	/* Made by forms_load_dir: linkId -> item, and linkId -> the linkId of
	 * its group, for lookups by key rather than walks of the tree (owned;
	 * NULL in a form made by hand: the tree is walked). */
	json_t *items, *parents;
	/* Made by forms_index: 1 when some item has an enableWhen. A form
	 * without one (and indexed) skips the walks that decide which
	 * questions apply: every question does. */
	int conditional;
	/* Made by forms_index: 1 when some item carries a support-proposal.
	 * A form without one (and indexed) proposes nothing, unwalked. */
	int proposes;
};

/* Every definition of a directory. */
struct forms {
	struct form *items;
	size_t n;
};

/*
 * Check a Questionnaire: resourceType, id, version (a whole number),
 * status, and every item (a known type, a unique linkId, answerOption only
 * on choice items, maxLength only on text items, enableWhen naming an
 * existing question with a known operator, Spire's score and flag
 * extensions). Returns 0, or SPIRE_EINVAL with every problem in e (err_add),
 * each naming the linkId (or the top-level key) concerned.
 */
int forms_check(const json_t *doc, struct err *e);

/*
 * Load and check every *.json file of dir into f (forms_init'ed or
 * zeroed). A directory that does not exist holds no forms. A file that
 * fails forms_check, or a second definition with the same id and version,
 * fails the load: e names the file. Release with forms_release().
 */
int forms_load_dir(struct forms *f, const char *dir, struct err *e);

/* Load and check one file into *doc (caller owns); e as forms_check,
 * or the JSON syntax error with its line. */
int forms_load_file(const char *path, json_t **doc, struct err *e);

/* Give def its items and parents indexes (struct form). 0, or -1 out of
 * memory. */
int forms_index(struct form *def);

/* Free what forms_load_dir() allocated; f is then empty. */
void forms_release(struct forms *f);

/* The definition id at version (0: the latest), or NULL. Borrowed. */
const struct form *forms_find(const struct forms *f, const char *id,
                              long version);

/* The item with linkId in def, or NULL (borrowed). */
const json_t *forms_item(const struct form *def, const char *link_id);

/*
 * Validate answers (an object: linkId -> a value, or an array of values
 * for a repeating item) against def. Every answer must name a question of
 * the form, be of its type (boolean; integer; decimal; date YYYY-MM-DD;
 * string/text within maxLength; a choice's option code; an open choice's
 * code or text), and belong to an enabled item (enableWhen). When
 * complete, every required item that is enabled must be answered. Returns
 * 0, or SPIRE_EINVAL with every offending linkId in e, in practitioners'
 * words.
 */
int forms_validate(const struct form *def, const json_t *answers, int complete,
                   struct err *e);

/*
 * The scores of def's scored groups (linkId -> sum or mean of the scores
 * of the options chosen inside them) as a new object in *scores, and the
 * names of the flags raised as a new array in *flags (caller owns both).
 * Answers must have passed forms_validate.
 */
int forms_score(const struct form *def, const json_t *answers, json_t **scores,
                json_t **flags, struct err *e);

/*
 * The QuestionnaireResponse for validated answers as a new object in *out
 * (caller owns): questionnaire "<url>|<version>", status ("in-progress" or
 * "completed"), authored, the answered items in the form's tree, and the
 * scores and flags as Spire's response extensions.
 */
int forms_response(const struct form *def, const json_t *answers,
                   const char *status, const char *authored, json_t **out,
                   struct err *e);

/* The canonical reference of def, "<url>|<version>" (FHIR's versioned
 * canonical), into out (len bytes, truncated to fit). */
void forms_canonical(const struct form *def, char *out, size_t len);

/* What a response's reply shows beside its document, computed once while
 * the document is written (each a new reference, NULL until set):
 * scores {linkId: number}, flags [name], proposals [{domain, ...}]. */
struct forms_parts {
	json_t *scores, *flags, *proposals;
};

/* Drop the references p holds (NULL members are skipped). */
void forms_parts_release(struct forms_parts *p);

/*
 * The QuestionnaireResponse of forms_response as JSON text in one pass,
 * without building the document: byte for byte what
 * json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) writes of forms_response's
 * doc (every value still encoded by jansson; tests/unit/test_forms.c
 * compares the two). *text is malloc'd (caller frees); *parts receives the
 * scores, flags and proposals (caller releases). Answers must have passed
 * forms_validate. 0, or SPIRE_ENOMEM / forms_score's error in e.
 */
int forms_response_text(const struct form *def, const json_t *answers,
                        const char *status, const char *authored, char **text,
                        struct forms_parts *parts, struct err *e);

/*
 * The answers as forms_answers_of would read them back from the document
 * forms_response_text writes of them (linkId -> value, an array for a
 * repeating item, a decimal as a real), without reading the document: a
 * new object (caller owns). Answers must have passed forms_validate.
 */
json_t *forms_answers_given(const struct form *def, const json_t *answers);

/*
 * The answers of a QuestionnaireResponse document again (linkId -> value,
 * or an array for a repeating item), as a new object (caller owns); the
 * scores and flags it carries into *scores and *flags (new, caller owns).
 */
json_t *forms_answers_of(const struct form *def, const json_t *response,
                         json_t **scores, json_t **flags);

/*
 * The local extensions' rules (support-proposal, confidential-to-subject,
 * scale-anchors, distance-travelled, distance-block, pre-post), added to
 * e as forms_check does; ids holds every linkId of doc. Called by
 * forms_check.
 */
void forms_check_local(const json_t *doc, const json_t *ids, struct err *e);

/* Give every scale item (scale-anchors) without minValue or maxValue the
 * default bounds 1 and 10, so that answers are checked and drawn on the
 * scale. doc must have passed forms_check. */
int forms_normalise(json_t *doc);

/*
 * The support proposed by answers (which passed forms_validate): one
 * object {domain, domain_text, group, action, who} per support-proposal
 * whose conditions (any) hold, in the form's order, as a new array.
 */
json_t *forms_proposals(const struct form *def, const json_t *answers);

/* The proposals a stored QuestionnaireResponse carries, as a new array of
 * {domain, domain_text, group, action, who}. */
json_t *forms_proposals_of(const json_t *response);

/* The consent share (a consent_shares code) that keeps def's answers to
 * the subject's own relation, or NULL when the form is not confidential. */
const char *forms_confidential(const struct form *def);

/*
 * Whether code (of the form_completed_by vocabulary) may complete def: the
 * form's completed-by extensions, one valueCode each, name who may (the
 * parent self-assessment: a parent or carer, or a practitioner; never the
 * child, issue 9); a form without them may be completed by anyone. 1 or 0.
 */
int forms_completed_by_allows(const struct form *def, const char *code);

/*
 * "A parent or carer or a practitioner": who may complete def, in the
 * vocabulary's words, into buf (len bytes). "" when anyone may.
 */
void forms_completed_by_words(const struct form *def, char *buf, size_t len);

/*
 * Whether def may be about a case of service (a code of the services
 * vocabulary): the form's case-service extensions, one valueCode each,
 * name the kinds of case it is for (docs/forms.md "Which cases a form is
 * for"); a form with none is for every kind. 1 when it may, else 0.
 */
int forms_for_service(const struct form *def, const char *service);

/*
 * What every response of def must be about: "family", "case" or "person"
 * (the form's subject extension, one valueCode: Steps to Change is about
 * a family, docs/parenting.md), or NULL when any subject will do.
 * Borrowed from def.
 */
const char *forms_subject(const struct form *def);

/*
 * The services def is for, as a new array of codes (empty: every kind of
 * case); NULL when out of memory.
 */
json_t *forms_case_services(const struct form *def);

/* The labels of the services def is for, "Parenting support or Early
 * help", into buf (len bytes); "" when any. */
void forms_case_services_words(const struct form *def, char *buf, size_t len);

/* One Steps to Change block (distance-block): its group and the linkIds
 * of the practitioner's and the family's scores. Borrowed from def. */
struct forms_block {
	const char *group, *text, *practitioner, *family;
};

/*
 * The distance-travelled rule of def: its blocks (at most max, in the
 * form's order) into blocks, the stage question's linkId into *stage and
 * the low threshold into *low. Returns the number of blocks (0 when def
 * has no such rule).
 */
size_t forms_distance(const struct form *def, struct forms_block *blocks,
                      size_t max, const char **stage, long *low);

/* The pre-post rule of def: the stage question's linkId (options pre and
 * post) into *stage and the linkIds of the scored groups it compares into
 * *groups (a new array, caller owns). 0, or -1 when def is not a pre/post
 * form (*groups NULL). */
int forms_pre_post(const struct form *def, const char **stage, json_t **groups);

/* A definition's summary for lists: {id, version, title, status,
 * description, case_services, subject (forms_subject, or null)}. New. */
json_t *forms_summary(const struct form *def);

#endif

/*
 * responses.c - rules for form responses (see responses.h): the answers
 * checked against the form version they use, the subject's access
 * relation, drafts, completion, correction by supersession.
 */
#include "service/forms/responses.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/validate.h"
#include "service/forms/forms.h"
#include "service/policy.h"
#include "store/cases.h"
#include "store/forms/pd.h"
#include "store/forms/responses.h"

/* Keys Spire sets itself: a client may not give them. */
static const char *const SERVER_KEYS[] = {
    "document", "supersedes_id", "correction_reason", "subject_type", NULL,
};

/* SERVER_KEYS as practitioners read them, in its order. */
static const char *const SERVER_WORDS[] = {
    "The response document",
    "The response a correction replaces",
    "The reason for a correction",
    "What the form is about",
};

static const char *const SUBJECT_KEYS[] = {"person_id", "family_id", "case_id",
                                           NULL};

static int64_t
id_of(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/*
 * A response that belongs to an assessment (store_pd_owner) is written
 * only through the assessment, whoever asks: its change would leave the
 * assessment linking a response that is no longer current. Into one a
 * refusal (SPIRE_ECONFLICT) when response id belongs to one.
 */
static int
refuse_owned(struct db *db, int64_t id, struct err *one)
{
	int64_t owner = 0;
	struct err es;
	err_clear(&es);
	int rc = store_pd_owner(db, id, &owner, &es);
	if (rc) {
		*one = es;
		return rc;
	}
	if (owner)
		return err_set(one, SPIRE_ECONFLICT, NULL,
		               "This response is part of an assessment. "
		               "Change it from the assessment");
	return 0;
}

/*
 * Whether ctx's user may read the answers of response row, kept
 * confidential to the person in its confidential_to column, shared by a
 * consent to `share` (its confidential_share column): *ok is 1 through the
 * subject's own relation (the case's worker, team and service managers), or
 * when the person it is about has an active consent sharing `share` with the
 * user's service and is in the user's scope. Break glass never opens it. 0 or a
 * store error.
 */
static int
confidential_access(struct ctx *ctx, const json_t *row, const char *share,
                    int *ok, struct err *e)
{
	*ok = 0;
	int needed = policy_needed_relation(ctx->user ? ctx->user->role : 0);
	if (needed < 0)
		return 0;
	struct scope_subject subject = policy_subject(ctx);
	enum relation rel = REL_NONE;
	int64_t pid = 0;
	int rc = scope_relation(ctx_db(ctx), &subject, RK_FORM_RESPONSE,
	                        id_of(row, "id"), (enum relation)needed, &rel,
	                        &pid, e);
	if (rc)
		return rc;
	if ((int)rel >= needed) {
		*ok = 1;
		return 0;
	}
	int shared = 0, in_scope = 0, own = 0, victim = 0;
	int64_t person = id_of(row, "confidential_to");
	rc = store_form_response_shared(ctx_db(ctx), person, share,
	                                ctx->user->service_id, &shared, e);
	if (rc == 0 && shared)
		rc = policy_person_scope(ctx, person, &in_scope, &own, &victim,
		                         e);
	*ok = rc == 0 && shared && in_scope;
	return rc;
}

static const struct record_kind *
subject_kind(const char *key)
{
	return strcmp(key, "case_id") == 0     ? RK_CASE
	       : strcmp(key, "family_id") == 0 ? RK_FAMILY
	                                       : RK_PERSON;
}

/*
 * A form about one kind of subject (forms_subject: Steps to Change is
 * scored for a family, docs/parenting.md) refuses a response about any
 * other: into e, naming the field the subject belongs in.
 */
static void
subject_kind_error(const struct form *def, const json_t *body, struct err *e)
{
	const char *kind = forms_subject(def);
	if (!kind)
		return;
	const char *key = strcmp(kind, "family") == 0 ? "family_id"
	                  : strcmp(kind, "case") == 0 ? "case_id"
	                                              : "person_id";
	if (id_of(body, key) || err_names(e, key))
		return;
	const char *title =
	    json_string_value(json_object_get(def->doc, "title"));
	const char *given = id_of(body, "case_id")     ? ", not a case"
	                    : id_of(body, "family_id") ? ", not a family"
	                    : id_of(body, "person_id") ? ", not a person"
	                                               : "";
	err_add(e, SPIRE_EINVAL, key,
	        "Select the %s this form is about: %s is about a %s%s", kind,
	        title ? title : "this form", kind, given);
}

/* On create: exactly one subject, which the user may write about. */
/* The error of a response that names n subjects (not one), in e. */
static int
subject_error(int n, struct err *e)
{
	return err_add(e, SPIRE_EINVAL, "person_id",
	               n ? "Select only one of a child, a family or a case "
	                   "for the form to be about"
	                 : "Select who the form is about: a child, a "
	                   "family or a case");
}

/* The number of subjects (person, family, case) that rec names. */
static int
subjects_in(const json_t *rec)
{
	int n = 0;
	for (const char *const *k = SUBJECT_KEYS; *k; k++)
		n += json_object_get(rec, *k) != NULL &&
		     !json_is_null(json_object_get(rec, *k));
	return n;
}

/*
 * On create: when the form is confidential to its subject, the row keeps
 * whose answers these are (confidential_to: the person of the case it is
 * recorded on) and the consent that shares them (confidential_share), so
 * that every read goes by the row and not by the definition loaded at the
 * time (issue 9). A correction keeps what the response it replaces had,
 * and is confidential if either is.
 */
static int
keep_confidential(struct ctx *ctx, json_t *rec, int64_t person, struct err *e)
{
	const char *share = forms_confidential(
	    forms_find(&ctx->srv->forms,
	               json_string_value(json_object_get(rec, "form_id")),
	               (long)id_of(rec, "form_version")));
	int64_t to = share ? person : 0;
	json_t *old = NULL;
	if (id_of(rec, "supersedes_id")) {
		int rc = record_get(ctx_db(ctx), &FORM_RESPONSES_TABLE,
		                    id_of(rec, "supersedes_id"), &old, e);
		if (rc)
			return rc;
		if (json_string_value(
		        json_object_get(old, "confidential_share"))) {
			share = json_string_value(
			    json_object_get(old, "confidential_share"));
			to = id_of(old, "confidential_to");
		}
	}
	int rc = 0;
	if (share && (json_object_set_new(rec, "confidential_share",
	                                  json_string(share)) ||
	              json_object_set_new(rec, "confidential_to",
	                                  to ? json_integer(to) : json_null())))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(old);
	return rc;
}

/* The error of a form def not made for the kind of case case_id is
 * (forms_for_service), added to e naming form_id; checked once the user
 * may reach the case, so that it tells nothing of a case they may not. */
static void
check_case_service(struct ctx *ctx, const struct form *def, int64_t case_id,
                   struct err *e)
{
	json_t *labels = NULL;
	struct err one;
	err_clear(&one);
	if (store_cases_labels(ctx_db(ctx), case_id, &labels, &one)) {
		err_gather(e, &one);
		return;
	}
	const char *service =
	    json_string_value(json_object_get(labels, "service_code"));
	if (!forms_for_service(def, service)) {
		char words[256];
		forms_case_services_words(def, words, sizeof(words));
		err_add(
		    e, SPIRE_EINVAL, "form_id",
		    "Select a form for this kind of case: %s is for %s "
		    "cases, not %s",
		    def->title ? def->title : def->id, words,
		    json_string_value(json_object_get(labels, "service_name")));
	}
	json_decref(labels);
}

/* The error of a completed_by the form def does not allow, added to e. */
static void
completed_by_error(const struct form *def, struct err *e)
{
	char words[200];
	forms_completed_by_words(def, words, sizeof(words));
	words[0] = (char)tolower((unsigned char)words[0]);
	err_add(e, SPIRE_EINVAL, "completed_by",
	        "Select who is completing the form: it is completed by %s",
	        words);
}

/* Who completed it must be one of those the form names (issue 9). */
static int
check_completed_by(struct ctx *ctx, const json_t *rec, struct err *e)
{
	const struct form *def =
	    forms_find(&ctx->srv->forms,
	               json_string_value(json_object_get(rec, "form_id")),
	               (long)id_of(rec, "form_version"));
	const char *who =
	    json_string_value(json_object_get(rec, "completed_by"));
	if (forms_completed_by_allows(def, who))
		return 0;
	completed_by_error(def, e);
	return e->code;
}

static int
check_response(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	int rc = check_completed_by(ctx, rec, e);
	if (rc)
		return rc;
	if (old)
		return records_not_future(&FORM_RESPONSES, rec, "authored", e);
	const char *key = NULL;
	int n = 0;
	for (const char *const *k = SUBJECT_KEYS; *k; k++)
		if (id_of(rec, *k)) {
			key = *k;
			n++;
		}
	if (n != 1)
		return subject_error(n, e);
	int64_t person = 0;
	rc = policy_reference(ctx, subject_kind(key), id_of(rec, key), 1, key,
	                      &person, e);
	if (rc)
		return rc;
	const char *type = strcmp(key, "case_id") == 0     ? "case"
	                   : strcmp(key, "family_id") == 0 ? "family"
	                                                   : "person";
	if (json_object_set_new(rec, "subject_type", json_string(type)) ||
	    (person &&
	     json_object_set_new(rec, "person_id", json_integer(person))))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = keep_confidential(ctx, rec, person, e);
	return rc ? rc
	          : records_not_future(&FORM_RESPONSES, rec, "authored", e);
}

static int64_t
person_of(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/*
 * rec["visible_to"]: who can see these answers, in words derived from the
 * access rules that govern them (docs/forms.md, "Confidential forms";
 * docs/access.md): a confidential response is read through its case only
 * (its team, its service's managers) and by the person it is about, others
 * only with the person's consent and never by break glass; any other
 * response is read by those working with its subject, others only by
 * giving a reason, which is recorded. Every page showing answers shows it.
 */
static int
visible_to(struct db *db, json_t *rec, struct err *e)
{
	char team[120], service[120], person[120], text[1024];
	int64_t case_id = id_of(rec, "case_id");
	int64_t whose = id_of(rec, "confidential_to");
	if (!whose)
		whose = id_of(rec, "person_id");
	/* Names to look up only when there is a case or a person: a
	 * response about a family names neither. */
	team[0] = service[0] = person[0] = '\0';
	if (case_id || whose) {
		int rc = store_form_response_audience(
		    db, case_id, whose, team, service, person, sizeof(team), e);
		if (rc)
			return rc;
	}
	const char *who = person[0] ? person : "the person they are about";
	/* "Parenting support" reads "the parenting support service". */
	service[0] = (char)tolower((unsigned char)service[0]);
	if (json_string_value(json_object_get(rec, "confidential_share")))
		snprintf(text, sizeof(text),
		         "Only %s%s (the team holding the case), the managers "
		         "of the %s service and %s can see these answers. "
		         "Anyone else can "
		         "see them only if %s agrees to share them: giving a "
		         "reason does not open them.",
		         team[0] ? "" : "the team holding the case",
		         team[0] ? team : "", service[0] ? service : "case's",
		         who, who);
	else if (case_id)
		snprintf(
		    text, sizeof(text),
		    "%s (the team holding the case) and the managers of the "
		    "%s service can see these answers. Anyone else can see "
		    "them only "
		    "by giving a reason, which is recorded.",
		    team[0] ? team : "The team holding the case",
		    service[0] ? service : "case's");
	else
		snprintf(text, sizeof(text),
		         "The practitioners working with %s and their managers "
		         "can see these answers. Anyone else can see them only "
		         "by giving a reason, which is recorded.",
		         person[0] ? person : "the family");
	if (json_object_set_new(rec, "visible_to", json_string(text)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* The members every decoration adds last. */
static void
decorate_rest(json_t *rec, const struct form *def)
{
	json_object_set_new(rec, "superseded",
	                    json_boolean(id_of(rec, "superseded_by") != 0));
	if (!json_is_null(json_object_get(rec, "closed_at")) &&
	    json_object_get(rec, "closed_at"))
		json_object_set_new(rec, "status",
		                    json_string("entered-in-error"));
	if (def && def->title)
		json_object_set_new(rec, "form_title", json_string(def->title));
}

/* What a reply shows of response rec beside its document doc (the
 * QuestionnaireResponse, borrowed): its answers, scores, flags and
 * proposals, whether it is superseded, its status and its form's
 * title. */
static void
decorate_with(struct ctx *ctx, json_t *rec, const json_t *doc)
{
	const struct form *def =
	    forms_find(&ctx->srv->forms,
	               json_string_value(json_object_get(rec, "form_id")),
	               (long)id_of(rec, "form_version"));
	json_t *scores = NULL, *flags = NULL;
	json_t *answers = forms_answers_of(def, doc, &scores, &flags);
	json_object_set_new(rec, "answers", answers);
	json_object_set_new(rec, "scores", scores);
	json_object_set_new(rec, "flags", flags);
	json_object_set_new(rec, "proposals", forms_proposals_of(doc));
	decorate_rest(rec, def);
}

/* decorate_with for a response just written from answers by def, with
 * the parts its document was written with (borrowed). */
static void
decorate_written(json_t *rec, const struct form *def, const json_t *answers,
                 const struct forms_parts *parts)
{
	json_object_set_new(rec, "answers", forms_answers_given(def, answers));
	json_object_set(rec, "scores", parts->scores);
	json_object_set(rec, "flags", parts->flags);
	json_object_set(rec, "proposals", parts->proposals);
	decorate_rest(rec, def);
}

/* The answers, scores, flags and document of a stored response, for
 * replies; the document's text is replaced by the document itself; the
 * assessment it belongs to as assessment_id. */
static int
decorate(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	/* The assessment a response belongs to, for a link back to it. */
	int64_t owner = 0;
	int rc =
	    store_pd_owner(db ? db : ctx_db(ctx), id_of(rec, "id"), &owner, e);
	if (rc)
		return rc;
	if (owner &&
	    json_object_set_new(rec, "assessment_id", json_integer(owner)))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	const char *text = json_string_value(json_object_get(rec, "document"));
	json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
	if (!doc)
		return err_set(e, SPIRE_EDB, NULL,
		               "A stored form response cannot be read");
	decorate_with(ctx, rec, doc);
	json_object_del(rec, "document");
	json_object_set_new(rec, "response", doc);
	return visible_to(db ? db : ctx_db(ctx), rec, e);
}

/* A record just written, decorated for the reply; freed on failure. */
static int
present(struct ctx *ctx, json_t **out, struct err *e)
{
	int rc = decorate(ctx, NULL, *out, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

struct correction {
	int64_t id, version;
};

/* A correction marks the response it corrects as superseded, in the
 * same transaction as the new one. */
static int
after_write(struct db *db, struct record_job *job, struct err *e)
{
	const struct correction *c = job->extra;
	if (!c || job->version)
		return 0;
	return store_form_responses_supersede(db, c->id, c->version, job->id,
	                                      job->at, job->user_id, e);
}

/* Closing is refused, in the close's transaction, for a response that
 * belongs to an assessment: closing the assessment closes it. */
static int
after_close(struct db *db, struct record_job *job, struct err *e)
{
	return refuse_owned(db, job->id, e);
}

static const struct open_rule OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

const struct resource FORM_RESPONSES = {
    .name = "form_response",
    .plural = "form-responses",
    .label = "Form response",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .table = &FORM_RESPONSES_TABLE,
    .kind = RK_FORM_RESPONSE,
    .check = check_response,
    .person_of = person_of,
    .decorate = decorate,
    .after_write = after_write,
    .after_close = after_close,
    .open_rules = OPEN_RULES,
};

static int
reject_server_keys(const json_t *body, struct err *e)
{
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	for (size_t i = 0; SERVER_KEYS[i]; i++)
		if (json_object_get(body, SERVER_KEYS[i]))
			err_add(e, SPIRE_EINVAL, SERVER_KEYS[i],
			        "%s is set by Spire and cannot be entered",
			        SERVER_WORDS[i]);
	return e->code;
}

/*
 * Check answers against def and put the document built from them into
 * wbody. Problems with the answers are added to e (with any already
 * there), so that one reply names them all.
 */
static int
add_document(const struct form *def, const json_t *answers, const char *status,
             const char *authored, json_t *wbody, struct forms_parts *parts,
             struct err *e)
{
	struct err ea;
	err_clear(&ea);
	int complete = status && strcmp(status, "completed") == 0;
	json_t *none = answers ? NULL : json_object();
	int bad = forms_validate(def, answers ? answers : none, complete, &ea);
	json_decref(none);
	if (bad) {
		err_merge(e, &ea);
		return e->code;
	}
	if (e->code)
		return e->code;
	char *text = NULL;
	struct forms_parts got = {0};
	int rc =
	    forms_response_text(def, answers, status ? status : "in-progress",
	                        authored, &text, &got, e);
	if (rc)
		return rc;
	/* Written above from answers already checked as UTF-8 (jansson
	 * reads nothing else), so it is not decoded again. */
	if (json_object_set_new(wbody, "document",
	                        json_stringn_nocheck(text, strlen(text))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	free(text);
	if (rc == 0 && parts)
		*parts = got;
	else
		forms_parts_release(&got);
	return rc;
}

/* The response's fields as practitioners read them: any error of the
 * field's value is worded so (the shared wording names the column). */
static const struct {
	const char *field, *message;
} WORDS[] = {
    {"form_id", "Select a form that Spire holds"},
    {"completed_by", "Select who completed the form"},
    {"status", "Select whether the form is in progress or completed"},
    {"authored", "Enter the date the form was completed as a real date"},
};

/* The errors of e that name a field of WORDS, worded as WORDS says. */
static void
reword(struct err *e)
{
	for (size_t i = 0; i < sizeof(WORDS) / sizeof(WORDS[0]); i++) {
		if (strcmp(e->field, WORDS[i].field) == 0)
			snprintf(e->message, sizeof(e->message), "%s",
			         WORDS[i].message);
		for (unsigned k = 0; k < e->n_more && k < ERR_MAX_MORE; k++)
			if (strcmp(e->more[k].field, WORDS[i].field) == 0)
				snprintf(e->more[k].message,
				         sizeof(e->more[k].message), "%s",
				         WORDS[i].message);
	}
}

/* A completion date (authored) after today, gathered into e unless the
 * date is already in error. */
static void
authored_not_future(const char *authored, struct err *e)
{
	json_t *rec = json_pack("{s:s?}", "authored", authored);
	if (!rec) {
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return;
	}
	struct err ef;
	err_clear(&ef);
	if (!err_names(e, "authored") &&
	    records_not_future(&FORM_RESPONSES, rec, "authored", &ef)) {
		snprintf(ef.message, sizeof(ef.message), "%s",
		         "The date the form was completed must be today or "
		         "in the past");
		err_gather(e, &ef);
	}
	json_decref(rec);
}

/* The record fields of wbody checked without writing, into e; over a
 * copy of old when changing a record. */
static void
dry_fields(const json_t *wbody, const json_t *old, struct err *e)
{
	static const char *const ignore[] = {"version", "answers", "reason",
	                                     NULL};
	int creating = old == NULL;
	json_t *scratch = old ? json_deep_copy(old) : json_object();
	struct err ef;
	err_clear(&ef);
	if (scratch && fields_apply(FORM_RESPONSES_TABLE.fields,
	                            FORM_RESPONSES_TABLE.n_fields, wbody,
	                            scratch, creating, ignore, &ef) != 0) {
		reword(&ef);
		err_merge(e, &ef);
	}
	json_decref(scratch);
}

int
form_responses_create(struct ctx *ctx, const json_t *body, json_t **out,
                      struct err *e)
{
	*out = NULL;
	/* Keys Spire sets are named with the request's other errors. */
	if (reject_server_keys(body, e) && !json_is_object(body))
		return e->code;
	json_t *wbody = json_copy((json_t *)body);
	if (!wbody)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_t *answers = json_incref(json_object_get(body, "answers"));
	json_object_del(wbody, "answers");
	dry_fields(wbody, NULL, e);
	authored_not_future(
	    json_string_value(json_object_get(body, "authored")), e);
	const char *form_id =
	    json_string_value(json_object_get(body, "form_id"));
	json_t *fv = json_object_get(body, "form_version");
	const struct form *def =
	    forms_find(&ctx->srv->forms, form_id,
	               json_is_integer(fv) ? (long)json_integer_value(fv) : 0);
	if (form_id && !def)
		err_add(e, SPIRE_EINVAL, fv ? "form_version" : "form_id",
		        fv ? "Select a version of the form that Spire holds"
		           : "Select a form that Spire holds");
	if (def && !err_names(e, "completed_by") &&
	    !forms_completed_by_allows(
	        def, json_string_value(json_object_get(body, "completed_by"))))
		completed_by_error(def, e);
	if (def && forms_confidential(def) && !id_of(body, "case_id") &&
	    subjects_in(body) == 1)
		err_add(e, SPIRE_EINVAL, "case_id",
		        "Select the case this form is about: its answers are "
		        "kept to the people working on that case");
	/* No subject, or several: named where the form's kind of subject
	 * goes when it has one (Steps to Change: family_id). */
	if (def && subjects_in(body) <= 1)
		subject_kind_error(def, body, e);
	if (subjects_in(body) != 1 && !err_names(e, "person_id") &&
	    !(def && forms_subject(def) && subjects_in(body) == 0))
		subject_error(subjects_in(body), e);
	struct forms_parts parts = {0};
	if (def) {
		json_object_set_new(wbody, "form_version",
		                    json_integer(def->version));
		add_document(
		    def, answers,
		    json_string_value(json_object_get(body, "status")),
		    json_string_value(json_object_get(body, "authored")), wbody,
		    &parts, e);
	}
	/* The subject: one that does not exist is a validation error,
	 * gathered; one outside the caseload a refusal, answered alone
	 * (err_gather). */
	for (const char *const *k = SUBJECT_KEYS; *k && subjects_in(body) == 1;
	     k++) {
		struct err one;
		int64_t person = 0;
		err_clear(&one);
		if (id_of(body, *k) && !err_names(e, *k)) {
			policy_reference(ctx, subject_kind(*k), id_of(body, *k),
			                 1, *k, &person, &one);
			err_gather(e, &one);
		}
	}
	/* A case the user may reach (the one subject, checked above, with
	 * no refusal: other fields' errors are named with this one): the
	 * form must be one for its kind. */
	if ((e->code == 0 || e->code == SPIRE_EINVAL) && def &&
	    subjects_in(body) == 1 && id_of(body, "case_id") &&
	    !err_names(e, "case_id"))
		check_case_service(ctx, def, id_of(body, "case_id"), e);
	/* A second start, or a review with no start: named with the
	 * request's other errors. */
	if ((e->code == 0 || e->code == SPIRE_EINVAL) && def &&
	    subjects_in(body) == 1)
		form_sequence_check(ctx, def, body, answers, 0, e);
	int rc = e->code;
	if (rc == 0)
		rc = records_create_ex(ctx, &FORM_RESPONSES, wbody, NULL, out,
		                       e);
	/* Decorated from what the document was written from, with no
	 * assessment (none can own it yet); its stored text stays as
	 * "document" for the reply. */
	if (rc == 0) {
		decorate_written(*out, def, answers, &parts);
		rc = visible_to(ctx_db(ctx), *out, e);
		if (rc) {
			json_decref(*out);
			*out = NULL;
		}
	}
	forms_parts_release(&parts);
	json_decref(answers);
	json_decref(wbody);
	return rc;
}

/* The stored response id with its definition; SPIRE_ENOTFOUND, or
 * SPIRE_ECONFLICT when its form version is no longer loaded. */
static int
load(struct ctx *ctx, int64_t id, json_t **old, const struct form **def,
     struct err *e)
{
	int rc = record_get(ctx_db(ctx), &FORM_RESPONSES_TABLE, id, old, e);
	if (rc)
		return rc;
	*def = forms_find(&ctx->srv->forms,
	                  json_string_value(json_object_get(*old, "form_id")),
	                  (long)id_of(*old, "form_version"));
	if (!*def) {
		json_decref(*old);
		*old = NULL;
		return err_set(e, SPIRE_ECONFLICT, "form_id",
		               "The form this response uses is not loaded: "
		               "ask your administrator to restore it");
	}
	return 0;
}

/* The answers stored in a response row (new object). */
static json_t *
stored_answers(const struct form *def, const json_t *row)
{
	const char *text = json_string_value(json_object_get(row, "document"));
	json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
	json_t *scores = NULL, *flags = NULL;
	json_t *a = forms_answers_of(def, doc, &scores, &flags);
	json_decref(doc);
	json_decref(scores);
	json_decref(flags);
	return a;
}

static const char *
text_or(const json_t *body, const json_t *old, const char *key)
{
	const char *v = json_string_value(json_object_get(body, key));
	return v ? v : json_string_value(json_object_get(old, key));
}

int
form_responses_update(struct ctx *ctx, int64_t id, const json_t *body,
                      json_t **out, struct err *e)
{
	*out = NULL;
	/* Keys Spire sets are named with the request's other errors. */
	if (reject_server_keys(body, e) && !json_is_object(body))
		return e->code;
	json_t *old = NULL;
	const struct form *def = NULL;
	struct err one;
	err_clear(&one);
	int rc = load(ctx, id, &old, &def, &one);
	if (rc) {
		/* The response itself is answered alone. */
		*e = one;
		return rc;
	}
	/* A completed response is refused only when nothing of the
	 * request is a validation error (err_gather). */
	const char *status = json_string_value(json_object_get(old, "status"));
	if (!json_is_null(json_object_get(old, "closed_at")) ||
	    (status && strcmp(status, "completed") == 0))
		err_set(&one, SPIRE_ECONFLICT, "status",
		        "This response is complete and cannot be changed: "
		        "correct it instead");
	if (refuse_owned(ctx_db(ctx), id, &one) && !err_is_refusal(one.code)) {
		*e = one;
		json_decref(old);
		return one.code;
	}
	json_t *wbody = json_copy((json_t *)body);
	json_t *answers = json_object_get(body, "answers")
	                      ? json_incref(json_object_get(body, "answers"))
	                      : stored_answers(def, old);
	json_object_del(wbody, "answers");
	dry_fields(wbody, old, e);
	if (json_object_get(body, "authored"))
		authored_not_future(text_or(body, old, "authored"), e);
	add_document(def, answers, text_or(body, old, "status"),
	             text_or(body, old, "authored"), wbody, NULL, e);
	if (e->code == 0 || e->code == SPIRE_EINVAL)
		form_sequence_check(ctx, def, old, answers, id, e);
	rc = err_gather(e, &one);
	if (rc == 0)
		rc = records_update(ctx, &FORM_RESPONSES, id, wbody, out, e);
	if (rc == 0)
		rc = present(ctx, out, e);
	json_decref(answers);
	json_decref(wbody);
	json_decref(old);
	return rc;
}

int
form_responses_correct(struct ctx *ctx, int64_t id, const json_t *body,
                       json_t **out, struct err *e)
{
	static const char *const allowed[] = {
	    "version", "reason", "answers", "completed_by", "authored", NULL};
	*out = NULL;
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (!fields_in(allowed, key)) {
			char words[80];
			fields_label(key, words, sizeof(words));
			words[0] = (char)toupper((unsigned char)words[0]);
			err_add(e, SPIRE_EINVAL, key,
			        "%.60s cannot be changed by a correction: give "
			        "the answers, the reason and who completed it",
			        words);
		}
	}
	int64_t version = 0;
	struct err ev;
	err_clear(&ev);
	if (records_version(body, &version, &ev))
		err_merge(e, &ev);
	const char *reason = json_string_value(json_object_get(body, "reason"));
	if (!reason || !*reason || !valid_text(reason, 500))
		err_add(e, SPIRE_EINVAL, "reason",
		        "Enter the reason for the correction (at most 500 "
		        "characters)");
	if (!json_is_object(json_object_get(body, "answers")))
		err_add(e, SPIRE_EINVAL, "answers",
		        "Enter the corrected answers");
	json_t *old = NULL;
	const struct form *def = NULL;
	struct err one;
	err_clear(&one);
	int rc = load(ctx, id, &old, &def, &one);
	if (rc)
		return err_gather(e, &one);
	/* Refusals are answered only when nothing of the request is a
	 * validation error (err_gather): the answers are checked first. */
	const char *status = json_string_value(json_object_get(old, "status"));
	if (!status || strcmp(status, "completed") != 0 ||
	    !json_is_null(json_object_get(old, "closed_at")) ||
	    id_of(old, "superseded_by"))
		err_set(&one, SPIRE_ECONFLICT, "status",
		        "Only a completed response that has not been "
		        "corrected or closed can be corrected");
	else if (!err_names(e, "version") && id_of(old, "version") != version)
		err_set(&one, SPIRE_ECONFLICT, "version",
		        "This response was changed while you were working: "
		        "reload it and try again");
	if (refuse_owned(ctx_db(ctx), id, &one) && !err_is_refusal(one.code)) {
		*e = one;
		json_decref(old);
		return one.code;
	}
	const char *subject_key =
	    strcmp(json_string_value(json_object_get(old, "subject_type")),
	           "case") == 0
	        ? "case_id"
	    : strcmp(json_string_value(json_object_get(old, "subject_type")),
	             "family") == 0
	        ? "family_id"
	        : "person_id";
	json_t *wbody =
	    json_pack("{s:O, s:O, s:O, s:s?, s:s?, s:s, s:I, s:s}", "form_id",
	              json_object_get(old, "form_id"), "form_version",
	              json_object_get(old, "form_version"), subject_key,
	              json_object_get(old, subject_key), "completed_by",
	              text_or(body, old, "completed_by"), "authored",
	              text_or(body, old, "authored"), "status", "completed",
	              "supersedes_id", (json_int_t)id, "correction_reason",
	              reason ? reason : "");
	if (!wbody) {
		json_decref(old);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	dry_fields(wbody, NULL, e);
	authored_not_future(text_or(body, old, "authored"), e);
	if (json_is_object(json_object_get(body, "answers")))
		add_document(def, json_object_get(body, "answers"), "completed",
		             text_or(body, old, "authored"), wbody, NULL, e);
	rc = err_gather(e, &one);
	struct correction c = {id, version};
	if (rc == 0)
		rc = records_create_ex(ctx, &FORM_RESPONSES, wbody, &c, out, e);
	if (rc == 0)
		rc = present(ctx, out, e);
	json_decref(wbody);
	json_decref(old);
	return rc;
}

int
form_responses_close(struct ctx *ctx, int64_t id, const json_t *body,
                     json_t **out, struct err *e)
{
	int rc = records_close(ctx, &FORM_RESPONSES, id, body, out, e);
	return rc ? rc : present(ctx, out, e);
}

int
form_responses_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *row = NULL;
	int rc = record_get(ctx_db(ctx), &FORM_RESPONSES_TABLE, id, &row, e);
	if (rc)
		return rc;
	const char *share =
	    json_string_value(json_object_get(row, "confidential_share"));
	int64_t person = id_of(row, "person_id");
	int ok = 1;
	if (share)
		rc = confidential_access(ctx, row, share, &ok, e);
	else
		rc = policy_record(ctx, RK_FORM_RESPONSE, id, 0, &person, e);
	json_decref(row);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EFORBIDDEN, NULL,
		             "The answers to this form are kept to the support "
		             "of the person it is about. They can be seen only "
		             "if the person agrees to share them");
	if (rc == SPIRE_EFORBIDDEN &&
	    policy_deny_audit(ctx, RK_FORM_RESPONSE, id, person))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc)
		return rc;
	rc = records_get(ctx, &FORM_RESPONSES, id, out, e);
	/* A draft of a scored form: the stages that may come next, so that
	 * its page offers only those (sequence.c). */
	const char *st =
	    rc ? NULL : json_string_value(json_object_get(*out, "status"));
	if (st && strcmp(st, "in-progress") == 0) {
		const struct form *def = forms_find(
		    &ctx->srv->forms,
		    json_string_value(json_object_get(*out, "form_id")),
		    (long)id_of(*out, "form_version"));
		json_t *stages = NULL;
		rc = form_sequence_allowed(ctx, def, *out, &stages, e);
		if (rc == 0 && stages &&
		    json_object_set_new(*out, "stages", stages))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		if (rc) {
			json_decref(*out);
			*out = NULL;
		}
	}
	return rc;
}

static int
response_fetch(struct ctx *ctx, void *arg, int64_t n, int64_t raw_offset,
               json_t **rows, struct err *e)
{
	struct form_response_query *q = arg;
	q->limit = n;
	q->offset = raw_offset;
	return store_form_responses_list(ctx_db(ctx), q, rows, e);
}

/* Responses whose answers the user may not read are left out. */
static int
response_keep(struct ctx *ctx, void *arg, json_t *row, int *keep, struct err *e)
{
	(void)arg;
	const char *share =
	    json_string_value(json_object_get(row, "confidential_share"));
	*keep = 1;
	return share ? confidential_access(ctx, row, share, keep, e) : 0;
}

int
form_responses_list(struct ctx *ctx, const struct form_responses_list_args *a,
                    json_t **out, struct err *e)
{
	*out = NULL;
	if (a->form_id && !forms_find(&ctx->srv->forms, a->form_id, 0))
		return err_set(e, SPIRE_EINVAL, "form_id",
		               "There is no such form");
	int n = (a->person_id != 0) + (a->family_id != 0) + (a->case_id != 0);
	if (n != 1)
		return subject_error(n, e);
	struct form_response_query q = {
	    .form_id = a->form_id,
	    .include_closed = a->include_closed,
	};
	const char *field;
	const struct record_kind *kind;
	if (a->case_id) {
		q.subject = "case";
		q.subject_id = a->case_id;
		field = "case_id";
		kind = RK_CASE;
	} else if (a->family_id) {
		q.subject = "family";
		q.subject_id = a->family_id;
		field = "family_id";
		kind = RK_FAMILY;
	} else {
		q.subject = "person";
		q.subject_id = a->person_id;
		field = "person_id";
		kind = RK_PERSON;
	}
	int64_t person_id = 0;
	int rc =
	    policy_reference(ctx, kind, q.subject_id, 0, field, &person_id, e);
	json_t *rows = NULL;
	if (rc == 0)
		rc = records_collect(ctx, response_fetch, response_keep, &q,
		                     a->limit, a->offset, &rows, e);
	if (rc)
		return rc;
	json_t *page = records_page(rows, a->limit, a->offset);
	if (!page)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(page, "items"), i, row)
	{
		records_present(&FORM_RESPONSES, row);
		if (rc == 0)
			rc = decorate(ctx, ctx_db(ctx), row, e);
		if (rc == 0 &&
		    !ctx_audit(ctx, "list", FORM_RESPONSES_TABLE.type,
		               id_of(row, "id"), id_of(row, "person_id")))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

int
form_definitions_list(struct ctx *ctx, json_t **out, struct err *e)
{
	json_t *items = json_array();
	for (size_t i = 0; items && i < ctx->srv->forms.n; i++)
		json_array_append_new(items,
		                      forms_summary(&ctx->srv->forms.items[i]));
	*out = items ? json_pack("{s:o}", "items", items) : NULL;
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

int
form_definitions_get(struct ctx *ctx, const char *id, long version,
                     json_t **out, struct err *e)
{
	const struct form *def = forms_find(&ctx->srv->forms, id, version);
	if (!def)
		return err_set(e, SPIRE_ENOTFOUND, "id",
		               version ? "There is no such version of this form"
		                       : "There is no such form");
	*out = json_incref(def->doc);
	return 0;
}

/*
 * api_forms.c - /api/v1/forms (the form definitions loaded) and
 * /api/v1/form-responses (responses: list by subject, record, save a
 * draft, complete, correct, close as entered in error). docs/forms.md.
 */
#include "http/forms/api_forms.h"

#include <stdlib.h>

#include "service/forms/responses.h"
#include "service/roles.h"

static int
api_forms_list(struct ctx *ctx, struct http_request *req,
               struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = form_definitions_list(ctx, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_forms_definition(struct ctx *ctx, struct http_request *req,
                     struct http_response *res, struct err *e)
{
	const char *id = http_query(req, "id");
	const char *v = http_query(req, "version");
	long version = 0;
	if (!id || !*id)
		return err_set(e, SPIRE_EINVAL, "id", "Select a form");
	if (v) {
		char *end = NULL;
		version = strtol(v, &end, 10);
		if (!end || *end || version < 1 || version > 999999)
			return err_set(
			    e, SPIRE_EINVAL, "version",
			    "Enter the form's version as a whole number");
	}
	json_t *out = NULL;
	int rc = form_definitions_get(ctx, id, version, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

static int
api_form_responses_list(struct ctx *ctx, struct http_request *req,
                        struct http_response *res, struct err *e)
{
	struct form_responses_list_args a = {0};
	int rc = api_query_id(req, "person_id", &a.person_id, e);
	if (rc == 0)
		rc = api_query_id(req, "family_id", &a.family_id, e);
	if (rc == 0)
		rc = api_query_id(req, "case_id", &a.case_id, e);
	if (rc == 0)
		rc =
		    api_query_bool(req, "include_closed", &a.include_closed, e);
	if (rc == 0)
		rc = api_paging(req, &a.limit, &a.offset, e);
	a.form_id = http_query(req, "form_id");
	json_t *page = NULL;
	if (rc == 0)
		rc = form_responses_list(ctx, &a, &page, e);
	return rc ? rc : http_reply_json(req, res, 200, page);
}

static int
api_form_responses_get(struct ctx *ctx, struct http_request *req,
                       struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = form_responses_get(ctx, req->id, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_form_responses_create(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = form_responses_create(ctx, req->json, &rec, e);
	if (rc)
		return rc;
	/* The document as stored, sent as "response" without parsing it
	 * back; it names nobody beyond the record's own subject. */
	json_t *text = json_incref(json_object_get(rec, "document"));
	json_object_del(rec, "document");
	rc = http_reply_json_raw(req, res, 201, rec, "response",
	                         json_string_value(text));
	json_decref(text);
	return rc;
}

static int
api_form_responses_update(struct ctx *ctx, struct http_request *req,
                          struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = form_responses_update(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

static int
api_form_responses_correct(struct ctx *ctx, struct http_request *req,
                           struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = form_responses_correct(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 201, rec);
}

static int
api_form_responses_close(struct ctx *ctx, struct http_request *req,
                         struct http_response *res, struct err *e)
{
	json_t *rec = NULL;
	int rc = form_responses_close(ctx, req->id, req->json, &rec, e);
	return rc ? rc : api_reply_record(req, res, 200, rec);
}

const struct route API_FORMS_ROUTES[] = {
    {"GET", "/api/v1/forms", api_forms_list, ROLES_CASEWORK, RK_NONE, 0, NULL,
     NULL},
    {"GET", "/api/v1/forms/definition?id&version", api_forms_definition,
     ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"GET",
     "/api/v1/form-responses?person_id&family_id&case_id&form_id"
     "&include_closed&" API_Q_PAGING,
     api_form_responses_list, ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"POST", "/api/v1/form-responses", api_form_responses_create,
     ROLES_CASEWORK, RK_NONE, RF_WRITE | RF_JSON, NULL, NULL},
    /* Access is the service's (form_responses_get): a confidential
     * form's answers are not opened by break glass. */
    {"GET", "/api/v1/form-responses/{id}", api_form_responses_get,
     ROLES_CASEWORK, RK_NONE, 0, NULL, NULL},
    {"PATCH", "/api/v1/form-responses/{id}", api_form_responses_update,
     ROLES_CASEWORK, RK_FORM_RESPONSE, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/form-responses/{id}/correct", api_form_responses_correct,
     ROLES_CASEWORK, RK_FORM_RESPONSE, RF_WRITE | RF_JSON, NULL, NULL},
    {"POST", "/api/v1/form-responses/{id}/close", api_form_responses_close,
     ROLES_CASEWORK, RK_FORM_RESPONSE, RF_WRITE | RF_JSON, NULL, NULL},
    {0},
};

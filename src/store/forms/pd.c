/*
 * pd.c - the prevention and diversion assessment's form responses (see
 * pd.h).
 */
#include "store/forms/pd.h"

#include <stdlib.h>
#include <string.h>

#include "store/forms/responses.h"
#include "store/record.h"

const char *const PD_SECTIONS[] = {
    "circumstances",      "diversity_needs", "family_needs",
    "exploitation",       "behaviour",       "childs_plan",
    "professionals_plan", "exit_plan",       NULL,
};

/*
 * Version 1 of forms/prevention-diversion.json as it was when migration 7
 * was written: never change this (a new version of the form is a new file;
 * what was stored under version 1 keeps its meaning).
 */
static const struct {
	const char *group, *group_text;
	const char *items[4][2];
} PD_V1[] = {
    {"about",
     "The child and their family",
     {{"circumstances", "The child’s circumstances"},
      {"diversity_needs", "Diversity needs"},
      {"family_needs", "Family needs"}}},
    {"risks",
     "Safety and behaviour",
     {{"exploitation", "Exploitation"}, {"behaviour", "Behaviour"}}},
    {"plans",
     "Plans",
     {{"childs_plan", "The child’s plan"},
      {"professionals_plan", "The professionals’ plan"},
      {"exit_plan", "Exit plan"}}},
};

json_t *
store_pd_v1_document(const json_t *sections, const char *authored)
{
	json_t *doc = json_pack(
	    "{s:s, s:s, s:s, s:s}", "resourceType", "QuestionnaireResponse",
	    "questionnaire",
	    "https://spire.example/fhir/Questionnaire/prevention-diversion|1",
	    "status", "completed", "authored", authored);
	json_t *items = json_array();
	for (size_t g = 0; doc && items && g < sizeof(PD_V1) / sizeof(PD_V1[0]);
	     g++) {
		json_t *kids = json_array();
		for (size_t i = 0; kids && i < 4 && PD_V1[g].items[i][0]; i++) {
			json_t *v =
			    json_object_get(sections, PD_V1[g].items[i][0]);
			if (!json_is_string(v))
				continue;
			json_array_append_new(
			    kids, json_pack("{s:s, s:s, s:[{s:O}]}", "linkId",
			                    PD_V1[g].items[i][0], "text",
			                    PD_V1[g].items[i][1], "answer",
			                    "valueString", v));
		}
		if (json_array_size(kids))
			json_array_append_new(
			    items,
			    json_pack("{s:s, s:s, s:o}", "linkId",
			              PD_V1[g].group, "text",
			              PD_V1[g].group_text, "item", kids));
		else
			json_decref(kids);
	}
	if (json_array_size(items))
		json_object_set_new(doc, "item", items);
	else
		json_decref(items);
	return doc;
}

json_t *
store_pd_response_rec(int64_t case_id, int64_t person_id, const char *authored,
                      const json_t *document)
{
	char *text = json_dumps(document, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return NULL;
	json_t *rec = json_pack(
	    "{s:s, s:i, s:s, s:I, s:I, s:s, s:s, s:s, s:s}", "form_id",
	    PD_FORM_ID, "form_version", 1, "subject_type", "case", "case_id",
	    (json_int_t)case_id, "person_id", (json_int_t)person_id,
	    "completed_by", "practitioner", "authored", authored, "status",
	    "completed", "document", text);
	free(text);
	return rec;
}

/* The columns form_responses has at migration 7, which runs this insert
 * (store_pd_migrate): never the descriptor's insert, which names every
 * column of today's table. A Prevention and Diversion section is not
 * confidential to its subject, so the later columns stay NULL. */
static const char pd_insert_sql[] =
    "INSERT INTO form_responses(form_id, form_version, subject_type,"
    " person_id, family_id, case_id, completed_by, authored, status,"
    " document, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " RETURNING id";

static int
pd_insert(struct db *db, const json_t *rec, const char *at, int64_t user_id,
          int64_t *id, struct err *e)
{
	static const char *const cols[] = {
	    "form_id",   "form_version", "subject_type", "person_id",
	    "family_id", "case_id",      "completed_by", "authored",
	    "status",    "document",     NULL,
	};
	*id = 0;
	struct db_stmt *s = db_prepare(db, pd_insert_sql, e);
	if (!s)
		return e->code;
	int n = 0;
	for (; cols[n]; n++)
		db_bind_json(s, n + 1, json_object_get(rec, cols[n]));
	db_bind_text(s, n + 1, at);
	if (user_id > 0)
		db_bind_int(s, n + 2, user_id);
	else
		db_bind_null(s, n + 2);
	return db_step_id(s, id, e);
}

static const char link_sql[] =
    "UPDATE yj_assessments SET form_response_id = $2 WHERE id = $1";

int
store_pd_link(struct db *db, int64_t assessment_id, const json_t *rec,
              const char *at, int64_t user_id, int64_t *response_id,
              struct err *e)
{
	int rc = pd_insert(db, rec, at, user_id, response_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, link_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, assessment_id);
	db_bind_int(s, 2, *response_id);
	return db_step_id(s, NULL, e);
}

static const char close_sql[] =
    "UPDATE form_responses SET closed_at = $2, closed_reason = $3,"
    " closed_by = $4, version = version + 1 WHERE id = $1"
    " AND closed_at IS NULL";

int
store_pd_close(struct db *db, int64_t response_id, const char *reason,
               const char *at, int64_t user_id, struct err *e)
{
	int rc = record_history_keep(db, &FORM_RESPONSES_TABLE, response_id, at,
	                             user_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, close_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, response_id);
	db_bind_text(s, 2, at);
	db_bind_text(s, 3, reason);
	db_bind_id(s, 4, user_id);
	return db_step_id(s, NULL, e);
}

static const char rows_sql[] =
    "SELECT id, case_id, person_id, assessment_date, created_at,"
    " created_by, circumstances, diversity_needs, family_needs,"
    " exploitation, behaviour, childs_plan, professionals_plan, exit_plan"
    " FROM yj_assessments WHERE assessment_type = 'prevention_diversion'"
    " AND form_response_id IS NULL AND COALESCE(circumstances,"
    " diversity_needs, family_needs, exploitation, behaviour, childs_plan,"
    " professionals_plan, exit_plan) IS NOT NULL ORDER BY id";

static const char clear_sql[] =
    "UPDATE yj_assessments SET circumstances = NULL, diversity_needs ="
    " NULL, family_needs = NULL, exploitation = NULL, behaviour = NULL,"
    " childs_plan = NULL, professionals_plan = NULL, exit_plan = NULL"
    " WHERE assessment_type = 'prevention_diversion'"
    " AND form_response_id IS NOT NULL";

static int
migrate_row(struct db *db, const json_t *row, struct err *e)
{
	json_t *doc = store_pd_v1_document(
	    row, json_string_value(json_object_get(row, "assessment_date")));
	json_t *rec =
	    doc ? store_pd_response_rec(
	              json_integer_value(json_object_get(row, "case_id")),
	              json_integer_value(json_object_get(row, "person_id")),
	              json_string_value(
	                  json_object_get(row, "assessment_date")),
	              doc)
	        : NULL;
	json_decref(doc);
	if (!rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_t *by = json_object_get(row, "created_by");
	int64_t response_id;
	int rc = store_pd_link(
	    db, json_integer_value(json_object_get(row, "id")), rec,
	    json_string_value(json_object_get(row, "created_at")),
	    json_is_integer(by) ? json_integer_value(by) : 0, &response_id, e);
	json_decref(rec);
	return rc;
}

int
store_pd_migrate(struct db *db, struct err *e)
{
	struct db_stmt *s = db_prepare(db, rows_sql, e);
	if (!s)
		return e->code;
	json_t *rows = NULL;
	int rc = record_rows(s, &rows, e);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (rc == 0)
			rc = migrate_row(db, row, e);
	}
	json_decref(rows);
	if (rc == 0)
		rc = db_exec(db, clear_sql, e);
	return rc;
}

/* The response and the responses that superseded it, in turn; the
 * assessment linking any of them. */
static const char owner_sql[] =
    "WITH RECURSIVE chain(id) AS (SELECT id FROM form_responses"
    " WHERE id = $1 UNION ALL SELECT r.superseded_by FROM form_responses r"
    " JOIN chain c ON r.id = c.id WHERE r.superseded_by IS NOT NULL)"
    " SELECT a.id FROM yj_assessments a JOIN chain c"
    " ON a.form_response_id = c.id ORDER BY a.id LIMIT 1";

int
store_pd_owner(struct db *db, int64_t response_id, int64_t *assessment_id,
               struct err *e)
{
	*assessment_id = 0;
	struct db_stmt *s = db_prepare(db, owner_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, response_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*assessment_id = db_col_int(s, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = 0;
	}
	db_done(s);
	return rc;
}

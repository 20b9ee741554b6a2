/*
 * schema_forms.c - the forms engine's table (migration 7): one row per
 * QuestionnaireResponse, its document kept as JSON text (no JSON SQL
 * functions: the same SQL runs on PostgreSQL), with the form's id and
 * version, the subject (a person, a family or a case), who completed it,
 * when and its status. Superseded and entered-in-error responses stay.
 */
#include "store/schema.h"

const char SCHEMA_M007_FORMS[] =
    "CREATE TABLE form_responses ("
    " id INTEGER PRIMARY KEY,"
    " form_id TEXT NOT NULL,"
    " form_version INTEGER NOT NULL CHECK (form_version > 0),"
    " subject_type TEXT NOT NULL CHECK (subject_type IN ('person',"
    "  'family', 'case')),"
    " person_id INTEGER REFERENCES people(id),"
    " family_id INTEGER REFERENCES families(id),"
    " case_id INTEGER REFERENCES cases(id),"
    " completed_by TEXT NOT NULL CHECK (completed_by IN ('practitioner',"
    "  'parent', 'child', 'jointly')),"
    " authored TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('in-progress', 'completed')),"
    " document TEXT NOT NULL,"
    " supersedes_id INTEGER REFERENCES form_responses(id),"
    " correction_reason TEXT,"
    " superseded_by INTEGER REFERENCES form_responses(id),"
    " version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),"
    " created_at TEXT NOT NULL,"
    " created_by INTEGER REFERENCES users(id),"
    " updated_at TEXT,"
    " updated_by INTEGER REFERENCES users(id),"
    " closed_at TEXT,"
    " closed_reason TEXT,"
    " closed_by INTEGER REFERENCES users(id),"
    " CHECK ((subject_type = 'person' AND person_id IS NOT NULL) OR"
    "  (subject_type = 'family' AND family_id IS NOT NULL) OR"
    "  (subject_type = 'case' AND case_id IS NOT NULL))"
    ") STRICT;"
    "CREATE INDEX form_responses_person ON form_responses(person_id,"
    " authored);"
    "CREATE INDEX form_responses_family ON form_responses(family_id,"
    " authored);"
    "CREATE INDEX form_responses_case ON form_responses(case_id, authored);"
    "CREATE INDEX form_responses_form ON form_responses(form_id,"
    " form_version);"
    /* The prevention and diversion assessment's sections move into a
     * linked response (store/forms/pd.c fills it). */
    "ALTER TABLE yj_assessments ADD COLUMN form_response_id INTEGER"
    " REFERENCES form_responses(id);";

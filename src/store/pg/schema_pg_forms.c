/*
 * schema_pg_forms.c - migration 7 (forms) for PostgreSQL: what
 * forms/schema_forms.c makes for SQLite (the same tables, columns, checks and
 * indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/forms.md.
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

const char SCHEMA_PG_M007_FORMS[] =
    "CREATE TABLE form_responses ("
    " id " PG_ID ","
    " form_id TEXT NOT NULL,"
    " form_version BIGINT NOT NULL CHECK (form_version > 0),"
    " subject_type TEXT NOT NULL CHECK (subject_type IN ('person',"
    "  'family', 'case')),"
    " person_id BIGINT REFERENCES people(id),"
    " family_id BIGINT REFERENCES families(id),"
    " case_id BIGINT REFERENCES cases(id),"
    " completed_by TEXT NOT NULL CHECK (completed_by IN ('practitioner',"
    "  'parent', 'child', 'jointly')),"
    " authored TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('in-progress', 'completed')),"
    " document TEXT NOT NULL,"
    " supersedes_id BIGINT REFERENCES form_responses(id),"
    " correction_reason TEXT,"
    " superseded_by BIGINT REFERENCES form_responses(id),"
    " version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"
    " created_at TEXT NOT NULL,"
    " created_by BIGINT REFERENCES users(id),"
    " updated_at TEXT,"
    " updated_by BIGINT REFERENCES users(id),"
    " closed_at TEXT,"
    " closed_reason TEXT,"
    " closed_by BIGINT REFERENCES users(id),"
    " CHECK ((subject_type = 'person' AND person_id IS NOT NULL) OR"
    "  (subject_type = 'family' AND family_id IS NOT NULL) OR"
    "  (subject_type = 'case' AND case_id IS NOT NULL))"
    ");"
    "CREATE INDEX form_responses_person ON form_responses(person_id,"
    " authored);"
    "CREATE INDEX form_responses_family ON form_responses(family_id,"
    " authored);"
    "CREATE INDEX form_responses_case ON form_responses(case_id, authored);"
    "CREATE INDEX form_responses_form ON form_responses(form_id,"
    " form_version);"
    /* The prevention and diversion assessment's sections move into a
     * linked response (store/forms/pd.c fills it). */
    "ALTER TABLE yj_assessments ADD COLUMN form_response_id BIGINT"
    " REFERENCES form_responses(id);";

/*
 * schema_pg_steps.c - migration 12 (steps_to_change) for PostgreSQL: what
 * parenting/schema_steps.c makes for SQLite (the same tables, columns, checks
 * and indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/parenting.md, "Steps to Change".
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

const char SCHEMA_PG_M012_STEPS_TO_CHANGE[] =
    "CREATE TABLE steps_decisions ("
    " id " PG_ID ","
    " family_id BIGINT NOT NULL REFERENCES families(id),"
    " form_response_id BIGINT NOT NULL REFERENCES form_responses(id),"
    " blocks TEXT NOT NULL,"
    " decision TEXT NOT NULL CHECK (decision IN ('step_up_social_care',"
    "  'step_up_targeted_early_help', 'continue', 'step_down', 'close')),"
    " reason TEXT NOT NULL,"
    " decision_date TEXT NOT NULL,"
    " version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"
    " created_at TEXT NOT NULL,"
    " created_by BIGINT REFERENCES users(id),"
    " updated_at TEXT,"
    " updated_by BIGINT REFERENCES users(id),"
    " closed_at TEXT,"
    " closed_reason TEXT,"
    " closed_by BIGINT REFERENCES users(id)"
    ");"
    "CREATE INDEX steps_decisions_family ON steps_decisions(family_id,"
    " decision_date);"
    "CREATE INDEX steps_decisions_response ON"
    " steps_decisions(form_response_id);"
    /* A family's relation reads the cases linked to it (store/scope.c,
     * FAMILY_LEVEL): by this index, not a reading of every case. */
    "CREATE INDEX cases_family ON cases(family_id)"
    " WHERE family_id IS NOT NULL;"
    /* Every response's access and reply asks which assessment links it
     * (store/forms/pd.c, store_pd_owner): by this index. */
    "CREATE INDEX yj_assessments_form_response ON"
    " yj_assessments(form_response_id) WHERE form_response_id IS NOT NULL;";

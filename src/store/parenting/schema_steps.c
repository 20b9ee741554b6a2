/*
 * schema_steps.c - migration 12, steps_to_change: the decision taken on a
 * Steps to Change flag (a block that stays low or gets worse): step up to
 * children's social care or to targeted early help, continue, step down
 * or close, with the reason, the date, the blocks and the scoring it is
 * about.
 */
#include "store/parenting/steps.h"

const char SCHEMA_M012_STEPS_TO_CHANGE[] =
    "CREATE TABLE steps_decisions ("
    " id INTEGER PRIMARY KEY,"
    " family_id INTEGER NOT NULL REFERENCES families(id),"
    " form_response_id INTEGER NOT NULL REFERENCES form_responses(id),"
    " blocks TEXT NOT NULL,"
    " decision TEXT NOT NULL CHECK (decision IN ('step_up_social_care',"
    "  'step_up_targeted_early_help', 'continue', 'step_down', 'close')),"
    " reason TEXT NOT NULL,"
    " decision_date TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),"
    " created_at TEXT NOT NULL,"
    " created_by INTEGER REFERENCES users(id),"
    " updated_at TEXT,"
    " updated_by INTEGER REFERENCES users(id),"
    " closed_at TEXT,"
    " closed_reason TEXT,"
    " closed_by INTEGER REFERENCES users(id)"
    ") STRICT;"
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

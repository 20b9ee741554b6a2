/*
 * schema_pg_team_week.c - migration 15 (team_week) for PostgreSQL: what
 * team/schema_team_week.c makes for SQLite (the same tables, columns, checks
 * and indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/team-week.md.
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

const char SCHEMA_PG_M015_TEAM_WEEK[] =
    "CREATE TABLE alerts ("
    " id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " alert_type TEXT NOT NULL,"
    " details TEXT,"
    " start_date TEXT NOT NULL CHECK (start_date ~"
    " '^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$'),"
    " review_date TEXT,"
    " version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"
    " created_at TEXT NOT NULL,"
    " created_by BIGINT REFERENCES users(id),"
    " updated_at TEXT, updated_by BIGINT REFERENCES users(id),"
    " closed_at TEXT, closed_reason TEXT,"
    " closed_by BIGINT REFERENCES users(id)"
    ");"
    "CREATE INDEX alerts_person ON alerts(person_id, closed_at);"
    "ALTER TABLE contacts ADD COLUMN significant INTEGER NOT NULL DEFAULT 0"
    " CHECK (significant IN (0, 1));"
    "CREATE INDEX contacts_significant ON contacts(case_id, contact_date)"
    " WHERE significant = 1;"
    /* The team's caseload: its open cases, and each worker's. */
    "CREATE INDEX cases_team_open ON cases(team_id, worker_id)"
    " WHERE status = 'open';"
    /* What is done on an intervention, read from the index alone by the
     * due lists (store_yj_outcomes_due). */
    "CREATE INDEX yj_assessments_outcome_done ON yj_assessments(outcome_id,"
    " stage, assessment_date) WHERE closed_at IS NULL;"
    "CREATE INDEX yj_kpi_outcome_done ON yj_kpi_snapshots(outcome_id,"
    " point, measured_on) WHERE closed_at IS NULL;";

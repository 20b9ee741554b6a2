/*
 * schema_pg_court.c - migration 16 (contacts_court) for PostgreSQL: what
 * yj/schema_court.c makes for SQLite (the same tables, columns, checks and
 * indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/youth-justice-model.md sections 11 and 12.
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

/* A nullable ISO date column c. */
#define COURT_DATE_OK(c)                                                       \
	" CHECK (" c " IS NULL OR (length(" c ") = 10 AND " c " ~"             \
	" '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'))"

/* The record columns of migration 16's tables (a copy, so that a change
 * elsewhere cannot alter a shipped migration). */
#define COURT_RECORD_COLUMNS                                                   \
	"version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"               \
	"created_at TEXT NOT NULL,"                                            \
	"created_by BIGINT REFERENCES users(id),"                              \
	"updated_at TEXT,"                                                     \
	"updated_by BIGINT REFERENCES users(id),"                              \
	"closed_at TEXT,"                                                      \
	"closed_reason TEXT,"                                                  \
	"closed_by BIGINT REFERENCES users(id)"

/* clang-format off */
const char SCHEMA_PG_M016_CONTACTS_COURT[] =
    "ALTER TABLE contacts ADD COLUMN contact_time TEXT CHECK (contact_time"
    " IS NULL OR (length(contact_time) = 5 AND contact_time ~"
    " '^[0-2][0-9]:[0-5][0-9]$'));"
    "ALTER TABLE contacts ADD COLUMN duration_minutes BIGINT CHECK"
    " (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440);"
    "ALTER TABLE contacts ADD COLUMN location TEXT;"
    /* NULL passes a CHECK: not recorded. */
    "ALTER TABLE contacts ADD COLUMN outcome TEXT CHECK (outcome IN"
    " ('attended','did_not_attend','cancelled_by_family',"
    "'cancelled_by_service'));"
    "ALTER TABLE contacts ADD COLUMN child_seen INTEGER CHECK (child_seen"
    " IN (0, 1));"
    "ALTER TABLE contacts ADD COLUMN seen_alone INTEGER CHECK (seen_alone"
    " IN (0, 1));"
    /* significant: migration 15 (team_week). */

    "CREATE TABLE yj_hearings ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " court TEXT NOT NULL,"
    " hearing_date TEXT NOT NULL" COURT_DATE_OK("hearing_date") ","
    " hearing_type TEXT NOT NULL CHECK (hearing_type IN ('first_appearance',"
    "'plea','bail_application','remand_review','trial','sentence','breach',"
    "'order_review','appeal','other')),"
    " hearing_outcome TEXT CHECK (hearing_outcome IN ('adjourned','bail',"
    "'remand_local_authority','remand_youth_detention','convicted','sentenced','acquitted',"
    "'withdrawn','warrant','other')),"
    " next_hearing_date TEXT" COURT_DATE_OK("next_hearing_date") ","
    " notes TEXT," COURT_RECORD_COLUMNS ","
    " CHECK (next_hearing_date IS NULL OR next_hearing_date > hearing_date)"
    ");"
    "CREATE INDEX yj_hearings_case ON yj_hearings(case_id, hearing_date);"
    "CREATE INDEX yj_hearings_person ON yj_hearings(person_id, hearing_date);"

    "CREATE TABLE yj_court_reports ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " report_type TEXT NOT NULL CHECK (report_type IN ('pre_sentence',"
    "'stand_down','bail')),"
    " hearing_id BIGINT REFERENCES yj_hearings(id),"
    " author_id BIGINT REFERENCES users(id),"
    " requested_on TEXT NOT NULL" COURT_DATE_OK("requested_on") ","
    " due_date TEXT NOT NULL" COURT_DATE_OK("due_date") ","
    " submitted_on TEXT" COURT_DATE_OK("submitted_on") ","
    " notes TEXT," COURT_RECORD_COLUMNS ","
    " CHECK (due_date >= requested_on),"
    " CHECK (submitted_on IS NULL OR submitted_on >= requested_on)"
    ");"
    "CREATE INDEX yj_court_reports_case ON yj_court_reports(case_id,"
    " due_date);"
    "CREATE INDEX yj_court_reports_person ON yj_court_reports(person_id,"
    " due_date);"
    /* The due list reads the reports not yet submitted. */
    "CREATE INDEX yj_court_reports_due ON yj_court_reports(due_date)"
    " WHERE submitted_on IS NULL AND closed_at IS NULL;";
/* clang-format on */

/*
 * schema_pg_parenting.c - migration 9 (parenting) for PostgreSQL: what
 * parenting/schema_parenting.c makes for SQLite (the same tables, columns,
 * checks and indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/parenting.md, "Parent support".
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

/* The record columns (a copy, so that a later change elsewhere cannot
 * alter a shipped migration). */
#define PARENTING_RECORD_COLUMNS                                               \
	"version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"               \
	"created_at TEXT NOT NULL,"                                            \
	"created_by BIGINT REFERENCES users(id),"                              \
	"updated_at TEXT,"                                                     \
	"updated_by BIGINT REFERENCES users(id),"                              \
	"closed_at TEXT,"                                                      \
	"closed_reason TEXT,"                                                  \
	"closed_by BIGINT REFERENCES users(id)"

/* A nullable ISO date column c. */
#define DATE_OK(c)                                                             \
	" CHECK (" c " IS NULL OR (length(" c ") = 10 AND " c " ~"             \
	" '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'))"

/* clang-format off */
const char SCHEMA_PG_M009_PARENTING[] =
    /*
     * A parent's (or carer's) support around one child's intervention.
     * case_id is the parent's own case of service parenting, set once the
     * parent agrees; child_case_id the child's youth justice case.
     */
    "CREATE TABLE parent_supports ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT REFERENCES cases(id),"
    " child_id BIGINT NOT NULL REFERENCES people(id),"
    " child_case_id BIGINT NOT NULL REFERENCES cases(id),"
    " outcome_id BIGINT REFERENCES yj_outcomes(id),"
    " relationship TEXT,"
    " agreement TEXT CHECK (agreement IN ('agreed','declined',"
    "'not_reached')), agreement_date TEXT" DATE_OK("agreement_date")
    ", start_date TEXT" DATE_OK("start_date")
    ", next_review_date TEXT" DATE_OK("next_review_date")
    ", end_date TEXT" DATE_OK("end_date")
    ", end_reason TEXT CHECK (end_reason IN ('completed','disengaged',"
    "'child_intervention_ended','moved_away','other')), notes TEXT,"
    PARENTING_RECORD_COLUMNS ","
    " CHECK (person_id <> child_id),"
    " CHECK ((agreement IS NULL) = (agreement_date IS NULL)),"
    " CHECK ((end_date IS NULL) = (end_reason IS NULL)),"
    " CHECK (end_date IS NULL OR start_date IS NULL OR end_date >="
    " start_date));"

    "CREATE INDEX parent_supports_person ON parent_supports(person_id);"
    "CREATE INDEX parent_supports_child ON parent_supports(child_id,"
    " person_id);"
    "CREATE INDEX parent_supports_case ON parent_supports(case_id)"
    " WHERE case_id IS NOT NULL;"
    "CREATE INDEX parent_supports_child_case ON parent_supports("
    "child_case_id);"
    "CREATE INDEX parent_supports_outcome ON parent_supports(outcome_id)"
    " WHERE outcome_id IS NOT NULL;"
    /* One support at a time for a parent and a child. */
    "CREATE UNIQUE INDEX parent_supports_once ON parent_supports(person_id,"
    " child_id) WHERE closed_at IS NULL AND end_date IS NULL;"

    "CREATE TABLE parent_sessions ( id " PG_ID ","
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " child_id BIGINT REFERENCES people(id),"
    " session_date TEXT NOT NULL" DATE_OK("session_date")
    ", status TEXT NOT NULL CHECK (status IN ('planned','held',"
    "'did_not_attend','cancelled')),"
    " session_type TEXT NOT NULL CHECK (session_type IN ('one_to_one',"
    "'joint','behaviour_contract')),"
    " topic TEXT CHECK (topic IN ('confidence_building','cbt_strategies',"
    "'household_routines','understanding_diagnosis','parents_health',"
    "'family_meeting','mediation','other')),"
    " duration_minutes BIGINT CHECK (duration_minutes BETWEEN 1 AND 600),"
    " notes TEXT, contract_terms TEXT,"
    " contract_review_date TEXT" DATE_OK("contract_review_date")
    ", contract_outcome TEXT CHECK (contract_outcome IN ('kept',"
    "'partly_kept','broken','not_agreed')),"
    PARENTING_RECORD_COLUMNS ");"

    "CREATE INDEX parent_sessions_case ON parent_sessions(case_id,"
    " session_date);"
    "CREATE INDEX parent_sessions_person ON parent_sessions(person_id,"
    " session_date);"

    "CREATE TABLE parent_plan_items ( id " PG_ID ","
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " goal TEXT NOT NULL, action TEXT, who TEXT,"
    " due_date TEXT" DATE_OK("due_date")
    ", status TEXT NOT NULL CHECK (status IN ('not_started',"
    "'in_progress','done','stopped')),"
    " review_date TEXT" DATE_OK("review_date")
    ", review_note TEXT,"
    " form_response_id BIGINT REFERENCES form_responses(id),"
    " need_domain TEXT,"
    PARENTING_RECORD_COLUMNS ");"

    "CREATE INDEX parent_plan_items_case ON parent_plan_items(case_id);"
    "CREATE INDEX parent_plan_items_person ON parent_plan_items("
    "person_id);"
    /*
     * The joint initial home visit raised when an intervention starts:
     * one row per intervention, so that the tasks are raised once.
     */
    "CREATE TABLE parent_visit_tasks ("
    " outcome_id BIGINT PRIMARY KEY REFERENCES yj_outcomes(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " officer_task_id BIGINT NOT NULL REFERENCES tasks(id),"
    " parent_task_id BIGINT NOT NULL REFERENCES tasks(id),"
    " created_at TEXT NOT NULL);";
/* clang-format on */

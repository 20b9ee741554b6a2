/*
 * schema_pg_family_plan.c - migration 11 (family_plan) for PostgreSQL: what
 * parenting/schema_family_plan.c makes for SQLite (the same tables, columns,
 * checks and indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/parenting.md, "One Family, One Plan".
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

/* The record columns of migration 11's tables (a copy, not a shared macro,
 * so that a later change elsewhere cannot alter a shipped migration). */
#define PLAN_RECORD_COLUMNS                                                    \
	"version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"               \
	"created_at TEXT NOT NULL,"                                            \
	"created_by BIGINT REFERENCES users(id),"                              \
	"updated_at TEXT,"                                                     \
	"updated_by BIGINT REFERENCES users(id),"                              \
	"closed_at TEXT,"                                                      \
	"closed_reason TEXT,"                                                  \
	"closed_by BIGINT REFERENCES users(id)"

/* The check of an ISO date column c (NULL allowed unless NOT NULL). */
#define PLAN_DATE(c) " CHECK (" c " IS NULL OR length(" c ") = 10)"

/* clang-format off */
const char SCHEMA_PG_M011_FAMILY_PLAN[] =
    "CREATE TABLE family_plans ("
    " id " PG_ID ","
    " family_id BIGINT NOT NULL REFERENCES families(id),"
    " team_id BIGINT NOT NULL REFERENCES teams(id),"
    " wants_to_change TEXT NOT NULL,"
    " strengths TEXT,"
    " agreed_on TEXT NOT NULL" PLAN_DATE("agreed_on") ","
    " next_review_date TEXT" PLAN_DATE("next_review_date") ","
    PLAN_RECORD_COLUMNS ");"
    /* One open plan per family: a second is refused (the service says so
     * first; this index holds against a race). */
    "CREATE UNIQUE INDEX family_plans_open ON family_plans(family_id)"
    " WHERE closed_at IS NULL;"
    "CREATE INDEX family_plans_family ON family_plans(family_id, id);"

    "CREATE TABLE family_plan_actions ("
    " id " PG_ID ","
    " plan_id BIGINT NOT NULL REFERENCES family_plans(id),"
    " action TEXT NOT NULL,"
    " owner_type TEXT NOT NULL CHECK (owner_type IN ('family_member',"
    "  'agency', 'practitioner')),"
    " owner_person_id BIGINT REFERENCES people(id),"
    " owner_agency TEXT,"
    " owner_user_id BIGINT REFERENCES users(id),"
    " due_date TEXT" PLAN_DATE("due_date") ","
    " status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN"
    "  ('not_started', 'in_progress', 'done', 'no_longer_needed')),"
    " notes TEXT,"
    PLAN_RECORD_COLUMNS ","
    " CHECK ((owner_type = 'family_member' AND owner_person_id IS NOT NULL)"
    "  OR (owner_type = 'agency' AND owner_agency IS NOT NULL)"
    "  OR (owner_type = 'practitioner' AND owner_user_id IS NOT NULL))"
    ");"
    "CREATE INDEX family_plan_actions_plan ON family_plan_actions(plan_id,"
    " id);"

    "CREATE TABLE family_plan_reviews ("
    " id " PG_ID ","
    " plan_id BIGINT NOT NULL REFERENCES family_plans(id),"
    " review_date TEXT NOT NULL" PLAN_DATE("review_date") ","
    " family_words TEXT NOT NULL,"
    " practitioner_words TEXT NOT NULL,"
    " next_review_date TEXT" PLAN_DATE("next_review_date") ","
    PLAN_RECORD_COLUMNS ");"
    "CREATE INDEX family_plan_reviews_plan ON family_plan_reviews(plan_id,"
    " review_date);"

    /* The family's key worker: its lead practitioner (seed 001). */
    "ALTER TABLE families ADD COLUMN key_worker_id BIGINT"
    " REFERENCES users(id);";
/* clang-format on */

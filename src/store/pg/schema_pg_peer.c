/*
 * schema_pg_peer.c - migration 10 (peer_support) for PostgreSQL: what
 * parenting/schema_peer.c makes for SQLite (the same tables, columns, checks
 * and indexes), in PostgreSQL's DDL; how the two differ is in
 * store/pg/schema_pg.h. What each column means is in
 * docs/parenting.md, "Peer support and referrals".
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

/* The record columns of migration 10's tables (a copy, so that a later
 * change elsewhere cannot alter a shipped migration). */
#define PEER_RECORD_COLUMNS                                                    \
	"version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"               \
	" created_at TEXT NOT NULL,"                                           \
	" created_by BIGINT REFERENCES users(id),"                             \
	" updated_at TEXT,"                                                    \
	" updated_by BIGINT REFERENCES users(id),"                             \
	" closed_at TEXT,"                                                     \
	" closed_reason TEXT,"                                                 \
	" closed_by BIGINT REFERENCES users(id)"

/* A boolean column: 0 or 1, NULL when not known. */
#define PEER_BOOL(c) " INTEGER CHECK (" c " IN (0, 1))"
#define PEER_BOOL_NOT_NULL(c) " INTEGER NOT NULL CHECK (" c " IN (0, 1))"

/* clang-format off */
const char SCHEMA_PG_M010_PEER_SUPPORT[] =
    "CREATE TABLE peer_groups ( id " PG_ID ","
    " team_id BIGINT NOT NULL REFERENCES teams(id),"
    " name TEXT NOT NULL,"
    " meets TEXT,"
    " venue TEXT,"
    " description TEXT,"
    " " PEER_RECORD_COLUMNS ");"
    "CREATE INDEX peer_groups_team ON peer_groups(team_id, name);"

    "CREATE TABLE peer_group_sessions ( id " PG_ID ","
    " group_id BIGINT NOT NULL REFERENCES peer_groups(id),"
    " session_date TEXT NOT NULL,"
    " topic TEXT,"
    " venue TEXT,"
    " notes TEXT,"
    " " PEER_RECORD_COLUMNS ");"
    "CREATE INDEX peer_group_sessions_group ON peer_group_sessions(group_id,"
    " session_date);"

    "CREATE TABLE peer_group_attendance ( id " PG_ID ","
    " session_id BIGINT NOT NULL REFERENCES peer_group_sessions(id),"
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " attended" PEER_BOOL_NOT_NULL("attended") ","
    " notes TEXT,"
    " " PEER_RECORD_COLUMNS ");"
    /* One open line a parent on a session's register. */
    "CREATE UNIQUE INDEX peer_group_attendance_one ON"
    " peer_group_attendance(session_id, person_id) WHERE closed_at IS NULL;"
    "CREATE INDEX peer_group_attendance_person ON"
    " peer_group_attendance(person_id);"

    "CREATE TABLE peer_mentors ( id " PG_ID ","
    " team_id BIGINT NOT NULL REFERENCES teams(id),"
    " name TEXT NOT NULL,"
    " organisation TEXT,"
    /* A JSON array of the languages spoken, as written. */
    " languages TEXT NOT NULL DEFAULT '[]',"
    " cultural_background TEXT,"
    " gender TEXT CHECK (gender IN ('woman', 'man', 'non_binary')),"
    " faith TEXT,"
    " available" PEER_BOOL_NOT_NULL("available") ","
    " notes TEXT,"
    " " PEER_RECORD_COLUMNS ");"
    "CREATE INDEX peer_mentors_team ON peer_mentors(team_id, available);"

    "CREATE TABLE parent_preferences ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " languages TEXT NOT NULL DEFAULT '[]',"
    " language_matters" PEER_BOOL("language_matters") ","
    " interpreter_needed" PEER_BOOL("interpreter_needed") ","
    " mentor_gender TEXT CHECK (mentor_gender IN ('woman', 'man',"
    " 'non_binary')),"
    " gender_matters" PEER_BOOL("gender_matters") ","
    " faith TEXT,"
    " faith_matters" PEER_BOOL("faith_matters") ","
    " cultural_background TEXT,"
    " culture_matters" PEER_BOOL("culture_matters") ","
    " notes TEXT,"
    " " PEER_RECORD_COLUMNS ");"
    /* One open set of preferences a parent. */
    "CREATE UNIQUE INDEX parent_preferences_one ON"
    " parent_preferences(person_id) WHERE closed_at IS NULL;"

    "CREATE TABLE parent_referrals ( id " PG_ID ","
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " child_id BIGINT REFERENCES people(id),"
    " destination TEXT NOT NULL CHECK (destination IN ('peer_group',"
    " 'peer_mentor', 'emotional_health', 'early_help',"
    " 'family_group_conference', 'family_hub', 'parenting_programme',"
    " 'third_sector')),"
    " mentor_id BIGINT REFERENCES peer_mentors(id),"
    " group_id BIGINT REFERENCES peer_groups(id),"
    " agency TEXT,"
    /* No referral is recorded without the parent's consent. */
    " consent_given INTEGER NOT NULL CHECK (consent_given = 1),"
    " consent_date TEXT NOT NULL,"
    " referred_on TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('sent', 'accepted',"
    " 'declined', 'started', 'completed')),"
    " status_date TEXT NOT NULL,"
    " notes TEXT,"
    " " PEER_RECORD_COLUMNS ","
    " CHECK (consent_date <= referred_on),"
    " CHECK (status_date >= referred_on));"
    "CREATE INDEX parent_referrals_case ON parent_referrals(case_id,"
    " referred_on);"
    "CREATE INDEX parent_referrals_person ON parent_referrals(person_id,"
    " referred_on);"
    "CREATE INDEX parent_referrals_destination ON"
    " parent_referrals(destination, referred_on);";
/* clang-format on */

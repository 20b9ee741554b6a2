/*
 * schema_pg_yj.c - migration 2 for PostgreSQL: youth justice casework, as
 * yj/schema_yj.c makes it for SQLite (the same tables, columns, checks and
 * indexes; what differs is said in store/pg/schema_pg.h). The meaning of
 * every column and date is in docs/youth-justice-model.md.
 *
 * Like every migration this text never changes once shipped: add a new
 * migration instead. Only the list in schema_pg.c refers to it.
 */
#include "store/pg/schema_pg.h"

/* The record columns of migration 2's editable tables (a copy, not a shared
 * macro, so that a later change elsewhere cannot alter a shipped
 * migration). */
#define YJ_RECORD_COLUMNS                                                      \
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
/* A boolean column: 0 or 1, NULL when not known. */
#define BOOL_OR_NULL(c) " INTEGER CHECK (" c " IN (0, 1))"
#define BOOL_NOT_NULL(c) " INTEGER NOT NULL DEFAULT 0 CHECK (" c " IN (0, 1))"
#define LEVEL(c) " TEXT CHECK (" c " IN ('low','medium','high','very_high'))"

/* Outcome types by kind; the substantive ones are cautions and
 * convictions (docs/youth-justice-model.md). */
#define PRE_COURT_TYPES                                                        \
	"'prevention','diversion','community_resolution','outcome_22',"        \
	"'youth_caution','youth_conditional_caution'"
#define CUSTODY_TYPES                                                          \
	"'detention_training_order','custodial_sentence',"                     \
	"'remand_youth_detention'"
#define COURT_TYPES                                                            \
	"'referral_order','youth_rehabilitation_order','reparation_order',"    \
	"'fine','discharge','other_court','parenting_order',"                  \
	"'remand_local_authority'"
#define SUBSTANTIVE_TYPES                                                      \
	"'youth_caution','youth_conditional_caution','referral_order',"        \
	"'youth_rehabilitation_order','reparation_order','fine','discharge',"  \
	"'other_court','detention_training_order','custodial_sentence'"
#define SENTENCE_CUSTODY_TYPES "'detention_training_order','custodial_sentence'"

/* clang-format off */
const char SCHEMA_PG_M002_YOUTH_JUSTICE[] =
    "CREATE TABLE yj_offences ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " offence_date TEXT NOT NULL" DATE_OK("offence_date") ", arrest_date TEXT"
    DATE_OK("arrest_date") ", description TEXT NOT NULL,"
    " category TEXT NOT NULL CHECK (category IN ("
    "'violence_against_person',  'robbery','drugs','theft',"
    "'criminal_damage','motoring','sexual',  'public_order','breach',"
    "'other')),"
    " gravity BIGINT NOT NULL CHECK (gravity BETWEEN 1 AND 8),"
    " co_accused" BOOL_NOT_NULL("co_accused") ", weapon" BOOL_NOT_NULL("weapon")
    ", notes TEXT,"
    YJ_RECORD_COLUMNS ","
    " CHECK (arrest_date IS NULL OR arrest_date >= offence_date));"

    "CREATE INDEX yj_offences_person ON yj_offences(person_id,"
    " offence_date);"

    "CREATE INDEX yj_offences_case ON yj_offences(case_id,"
    " offence_date);"

    "CREATE INDEX yj_offences_date ON yj_offences(offence_date,"
    " category, gravity);"

    "CREATE TABLE yj_outcomes ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " outcome_type TEXT NOT NULL CHECK (outcome_type IN (" PRE_COURT_TYPES ","
    CUSTODY_TYPES ","
    COURT_TYPES ")), kind TEXT NOT NULL GENERATED ALWAYS AS ("
    "CASE WHEN outcome_type IN (" PRE_COURT_TYPES
    ") THEN 'pre_court' WHEN outcome_type IN (" CUSTODY_TYPES
    ") THEN 'custody' ELSE 'court' END) STORED,"
    " substantive INTEGER NOT NULL GENERATED ALWAYS AS (CASE WHEN"
    " outcome_type IN (" SUBSTANTIVE_TYPES ") THEN 1 ELSE 0 END) STORED, outcome_date TEXT NOT NULL"
    DATE_OK("outcome_date") ", start_date TEXT" DATE_OK("start_date")
    ", planned_end_date TEXT" DATE_OK("planned_end_date")
    ", next_review_date TEXT" DATE_OK("next_review_date") ", end_date TEXT"
    DATE_OK("end_date")
    ", end_reason TEXT CHECK (end_reason IN ('completed','breached',"
    "  'revoked','transferred_out','other')), release_date TEXT"
    DATE_OK("release_date") ", transition_plan_date TEXT"
    DATE_OK("transition_plan_date") ", transferred_in"
    BOOL_NOT_NULL("transferred_in")
    ", transferred_from TEXT, transferred_to TEXT,"
    " yro_requirements TEXT NOT NULL DEFAULT '[]'  CHECK ("
    "spire_json_valid(yro_requirements)), notes TEXT,"
    /*
     * The reoffending index date: cautions and non-custodial convictions
     * count from the outcome date, custodial sentences from release.
     */
    " reoffending_index_date TEXT GENERATED ALWAYS AS ("
    "CASE  WHEN outcome_type IN (" SENTENCE_CUSTODY_TYPES
    ") THEN release_date  WHEN outcome_type IN (" SUBSTANTIVE_TYPES
    ") THEN outcome_date  END) STORED,"
    YJ_RECORD_COLUMNS ", CHECK ((end_date IS NULL) = (end_reason IS NULL)),"
    " CHECK (end_reason IS DISTINCT FROM 'transferred_out' OR transferred_to IS NOT  NULL),"
    " CHECK (start_date IS NULL OR start_date >= outcome_date),"
    " CHECK (planned_end_date IS NULL OR planned_end_date >=  COALESCE("
    "start_date, outcome_date)),"
    " CHECK (end_date IS NULL OR end_date >= COALESCE(start_date,"
    "  outcome_date)),"
    " CHECK (release_date IS NULL OR (outcome_type IN (" CUSTODY_TYPES
    ")  AND release_date >= outcome_date)),"
    " CHECK (transferred_in = 1 OR transferred_from IS NULL));"

    "CREATE INDEX yj_outcomes_person ON yj_outcomes(person_id,"
    " outcome_date);"

    "CREATE INDEX yj_outcomes_date ON yj_outcomes(outcome_date,"
    " outcome_type);"

    "CREATE INDEX yj_outcomes_case ON yj_outcomes(case_id,"
    " outcome_date);"

    "CREATE INDEX yj_outcomes_end ON yj_outcomes(end_date,"
    " outcome_type) WHERE end_date IS NOT NULL;"

    "CREATE INDEX yj_outcomes_release ON yj_outcomes("
    "release_date) WHERE release_date IS NOT NULL;"

    "CREATE INDEX yj_outcomes_index ON yj_outcomes(" "reoffending_index_date,"
    " person_id) WHERE reoffending_index_date IS NOT NULL;"

    "CREATE INDEX yj_outcomes_open ON yj_outcomes("
    "case_id) WHERE start_date IS NOT NULL AND end_date IS NULL;"
    /*
     * Which offences an outcome disposed of. Rows are never deleted: a link
     * taken away gets removed_at.
     */
    "CREATE TABLE yj_outcome_offences ( id " PG_ID ","
    " outcome_id BIGINT NOT NULL REFERENCES yj_outcomes(id),"
    " offence_id BIGINT NOT NULL REFERENCES yj_offences(id),"
    " added_at TEXT NOT NULL, removed_at TEXT);"

    "CREATE INDEX yj_outcome_offences_outcome ON yj_outcome_offences("
    "outcome_id) WHERE removed_at IS NULL;"

    "CREATE INDEX yj_outcome_offences_offence ON yj_outcome_offences("
    "offence_id) WHERE removed_at IS NULL;"

    "CREATE UNIQUE INDEX yj_outcome_offences_once ON yj_outcome_offences("
    "outcome_id, offence_id) WHERE removed_at IS NULL;"

    "CREATE TABLE yj_assessments ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " outcome_id BIGINT REFERENCES yj_outcomes(id),"
    " assessment_type TEXT NOT NULL CHECK (assessment_type IN  ("
    "'assetplus','prevention_diversion')),"
    " stage TEXT NOT NULL CHECK (stage IN ('start','review','end',"
    "  'release')), assessment_date TEXT NOT NULL" DATE_OK("assessment_date")
    ", likelihood_of_reoffending" LEVEL("likelihood_of_reoffending")
    ", risk_of_serious_harm" LEVEL("risk_of_serious_harm") ", safety_wellbeing"
    LEVEL("safety_wellbeing")
    ", intervention_level TEXT CHECK (intervention_level IN ("
    "'standard',  'enhanced','intensive')), circumstances TEXT,"
    " diversity_needs TEXT, family_needs TEXT, exploitation TEXT,"
    " behaviour TEXT, childs_plan TEXT, professionals_plan TEXT,"
    " exit_plan TEXT,"
    YJ_RECORD_COLUMNS ");"

    "CREATE INDEX yj_assessments_person ON yj_assessments(person_id,"
    " assessment_date);"

    "CREATE INDEX yj_assessments_case ON yj_assessments(case_id,"
    " assessment_date);"

    "CREATE INDEX yj_assessments_outcome ON yj_assessments(outcome_id,"
    " stage) WHERE outcome_id IS NOT NULL;"

    "CREATE INDEX yj_assessments_date ON yj_assessments("
    "assessment_date, stage);"

    "CREATE TABLE yj_kpi_snapshots ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " outcome_id BIGINT NOT NULL REFERENCES yj_outcomes(id),"
    " point TEXT NOT NULL CHECK (point IN ('start','end','release')),"
    " measured_on TEXT NOT NULL" DATE_OK("measured_on")
    ", accommodation TEXT CHECK (accommodation IN ('with_parents',"
    "  'with_family_or_friends','foster_care','residential_home',"
    "  'supported_accommodation','independent','secure_estate',"
    "  'temporary','no_fixed_abode','other')), accommodation_suitable"
    BOOL_OR_NULL("accommodation_suitable")
    ", ete_provision TEXT CHECK (ete_provision IN ('mainstream_school',"
    "  'alternative_provision','special_school','home_education',"
    "'college',  'training','apprenticeship','employment','none',"
    "'other')), ete_suitable" BOOL_OR_NULL("ete_suitable") ", ete_attending"
    BOOL_OR_NULL("ete_attending") ","
    " ete_hours_offered BIGINT CHECK (ete_hours_offered BETWEEN 0 AND 60),"
    " ete_hours_attended BIGINT CHECK (ete_hours_attended BETWEEN 0 AND  60),"
    " send_identified" BOOL_OR_NULL("send_identified")
    ", learning_plan TEXT CHECK (learning_plan IN ('none',"
    "'sen_support',  'ehcp')), mental_health_need"
    BOOL_OR_NULL("mental_health_need") ", mental_health_offered"
    BOOL_OR_NULL("mental_health_offered") ", mental_health_attending"
    BOOL_OR_NULL("mental_health_attending") ", substance_misuse_need"
    BOOL_OR_NULL("substance_misuse_need") ", substance_misuse_offered"
    BOOL_OR_NULL("substance_misuse_offered") ", substance_misuse_attending"
    BOOL_OR_NULL("substance_misuse_attending") ", early_help"
    BOOL_OR_NULL("early_help") ", child_in_need" BOOL_OR_NULL("child_in_need")
    ", child_protection" BOOL_OR_NULL("child_protection") ", looked_after"
    BOOL_OR_NULL("looked_after") ","
    YJ_RECORD_COLUMNS ","
    " CHECK (ete_hours_attended IS NULL OR ete_hours_offered IS NULL OR  ete_hours_attended <= ete_hours_offered),"
    " CHECK (COALESCE(mental_health_offered,"
    " 0) <= COALESCE(mental_health_need,"
    "  0) AND COALESCE(mental_health_attending,"
    " 0) <=  COALESCE(mental_health_offered, 0)),"
    " CHECK (COALESCE(substance_misuse_offered,"
    " 0) <=  COALESCE(substance_misuse_need,"
    " 0) AND  COALESCE(substance_misuse_attending,"
    " 0) <=  COALESCE(substance_misuse_offered, 0)));"

    "CREATE INDEX yj_kpi_person ON yj_kpi_snapshots(person_id,"
    " measured_on);"

    "CREATE INDEX yj_kpi_case ON yj_kpi_snapshots(case_id,"
    " measured_on);"

    "CREATE UNIQUE INDEX yj_kpi_once ON yj_kpi_snapshots(outcome_id,"
    " point) WHERE closed_at IS NULL;"

    "CREATE TABLE yj_victims ( id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " offence_id BIGINT NOT NULL REFERENCES yj_offences(id),"
    " victim_id BIGINT NOT NULL REFERENCES people(id),"
    " outcome_id BIGINT REFERENCES yj_outcomes(id), consent_to_contact"
    BOOL_OR_NULL("consent_to_contact") ", contacted_on TEXT"
    DATE_OK("contacted_on") ", rj_offered" BOOL_OR_NULL("rj_offered")
    ", rj_taken_part" BOOL_OR_NULL("rj_taken_part") ", information_requested"
    BOOL_OR_NULL("information_requested") ", information_given"
    BOOL_OR_NULL("information_given") ", support_offered"
    BOOL_OR_NULL("support_offered") ", notes TEXT,"
    YJ_RECORD_COLUMNS
    ", CHECK (victim_id <> person_id), CHECK (COALESCE(rj_taken_part,"
    " 0) <= COALESCE(rj_offered, 0)));"

    "CREATE INDEX yj_victims_offence ON yj_victims(offence_id);"

    "CREATE INDEX yj_victims_victim ON yj_victims(victim_id);"

    "CREATE INDEX yj_victims_person ON yj_victims(person_id);"

    "CREATE INDEX yj_victims_outcome ON yj_victims("
    "outcome_id) WHERE outcome_id IS NOT NULL;"

    "CREATE UNIQUE INDEX yj_victims_once ON yj_victims(offence_id,"
    " victim_id) WHERE closed_at IS NULL;"

    "CREATE TABLE yj_board_meetings ( id " PG_ID ","
    " meeting_date TEXT NOT NULL" DATE_OK("meeting_date")
    ", title TEXT NOT NULL, notes TEXT,"
    YJ_RECORD_COLUMNS ");"

    "CREATE INDEX yj_board_meetings_date ON yj_board_meetings(" "meeting_date);"

    "CREATE TABLE yj_board_attendance ( id " PG_ID ","
    " meeting_id BIGINT NOT NULL REFERENCES yj_board_meetings(id),"
    " agency TEXT NOT NULL CHECK (agency IN ('youth_justice',"
    "  'childrens_social_care','police','probation','health',"
    "'education',  'public_health','early_help','housing','courts',"
    "'pcc',  'voluntary_sector','other')), attended" BOOL_NOT_NULL("attended")
    ", senior" BOOL_NOT_NULL("senior") ", disproportionality_data"
    BOOL_NOT_NULL("disproportionality_data")
    ", added_at TEXT NOT NULL, removed_at TEXT,"
    " CHECK (attended = 1 OR senior = 0));"

    "CREATE INDEX yj_board_attendance_meeting ON yj_board_attendance("
    "meeting_id) WHERE removed_at IS NULL;"

    "CREATE UNIQUE INDEX yj_board_attendance_once ON yj_board_attendance("
    "meeting_id, agency) WHERE removed_at IS NULL;";
/* clang-format on */

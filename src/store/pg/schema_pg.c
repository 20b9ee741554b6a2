/*
 * schema_pg.c - the PostgreSQL migrations: the same numbered list as
 * SQLite's (store/schema.c), each making the same tables, columns,
 * constraints and indexes in PostgreSQL's DDL, and the same triggers as
 * PL/pgSQL functions. How the two dialects differ, and what PostgreSQL
 * does instead of SQLite's FTS5 index, is in schema_pg.h. The fill steps
 * (C through db.h) are shared with SQLite's list.
 *
 * Migrations 1, 3, 6, 8, 13, 17, 18 and 19 are here; the others in the
 * schema_pg_*.c files mirroring SQLite's split. Never edit a migration
 * that has shipped: add a new one, to both lists, with the same number.
 */
#include "store/pg/schema_pg.h"
#include "store/schema.h"
#include "store/people.h"
#include "store/forms/pd.h"

/* clang-format off */
/* Migration 1's first statements: what the DDL after it calls
 * (schema_pg.h). */
#define SCHEMA_PG_FUNCTIONS \
	"CREATE COLLATION IF NOT EXISTS nocase (provider = icu," \
	" locale = 'und-u-ks-level2', deterministic = false);" \
	"CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;" \
	"CREATE FUNCTION spire_json_valid(t TEXT) RETURNS boolean" \
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE" \
	" AS $$ SELECT CAST(t AS json) IS NOT NULL $$;" \
	/* Lower case without accents, as FTS5's unicode61 tokenizer with \
	 * remove_diacritics 2 compares. The functions name each other with \
	 * their schema: autovacuum runs with an empty search_path when it \
	 * analyses people's name-search index. */ \
	"CREATE FUNCTION spire_fold(t TEXT) RETURNS TEXT" \
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$" \
	" SELECT lower(public.unaccent(" \
	"CAST('public.unaccent' AS regdictionary), t)) $$;" \
	"CREATE FUNCTION spire_name_words(g TEXT, f TEXT, p TEXT)" \
	" RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$" \
	" SELECT to_tsvector('simple', public.spire_fold(COALESCE(g, '') ||" \
	" ' ' ||" \
	" COALESCE(f, '') || ' ' || COALESCE(p, ''))) $$;" \
	"CREATE FUNCTION spire_name_query(q TEXT) RETURNS tsquery" \
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$" \
	" SELECT to_tsquery('simple', string_agg(quote_literal(public.spire_fold(" \
	"m[1])) || CASE WHEN m[2] = '*' THEN ':*' ELSE '' END, ' & '))" \
	" FROM regexp_matches(q, '\"([^\"]*)\"(\\*?)', 'g') AS m $$;"
/* clang-format on */

/* The record columns every editable table carries. */
#define RECORD_COLUMNS                                                         \
	"version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),"               \
	"created_at TEXT NOT NULL,"                                            \
	"created_by BIGINT REFERENCES users(id),"                              \
	"updated_at TEXT,"                                                     \
	"updated_by BIGINT REFERENCES users(id),"                              \
	"closed_at TEXT,"                                                      \
	"closed_reason TEXT,"                                                  \
	"closed_by BIGINT REFERENCES users(id)"

static const char m001_core[] = SCHEMA_PG_FUNCTIONS
    "CREATE TABLE services ("
    " id " PG_ID ","
    " code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL"
    ");"
    "INSERT INTO services(code, name) VALUES"
    " ('youth_justice', 'Youth justice'),"
    " ('early_help', 'Early help'),"
    " ('family_hub', 'Family hubs'),"
    " ('childrens_social_care', 'Children''s social care'),"
    " ('fgc', 'Family group conferences'),"
    " ('parenting', 'Parenting support');"

    "CREATE TABLE teams ("
    " id " PG_ID ","
    " service_id BIGINT NOT NULL REFERENCES services(id),"
    " name TEXT NOT NULL,"
    " version BIGINT NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " created_by BIGINT,"
    " updated_at TEXT, updated_by BIGINT,"
    " closed_at TEXT, closed_reason TEXT, closed_by BIGINT,"
    " UNIQUE (service_id, name)"
    ");"

    "CREATE TABLE users ("
    " id " PG_ID ","
    " username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " full_name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin','manager','yjs_officer',"
    "  'parent_worker','fgc_coordinator','social_worker','hub_worker',"
    "  'analyst','parent')),"
    " team_id BIGINT REFERENCES teams(id),"
    " person_id BIGINT,"
    " password_hash TEXT NOT NULL,"
    " version BIGINT NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " updated_at TEXT,"
    " disabled_at TEXT"
    ");"

    "CREATE TABLE sessions ("
    " token_hash BYTEA PRIMARY KEY,"
    " user_id BIGINT NOT NULL REFERENCES users(id),"
    " csrf_token TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " last_seen BIGINT NOT NULL,"
    " ended_at BIGINT,"
    " ip TEXT"
    ");"
    "CREATE INDEX sessions_user ON sessions(user_id) WHERE ended_at IS NULL;"

    "CREATE TABLE people ("
    " id " PG_ID ","
    " given_name TEXT NOT NULL,"
    " family_name TEXT NOT NULL,"
    " preferred_name TEXT,"
    " date_of_birth TEXT,"
    " sex TEXT,"
    " gender TEXT,"
    " ethnicity TEXT,"
    " first_language TEXT,"
    " interpreter_needed INTEGER NOT NULL DEFAULT 0,"
    " religion TEXT,"
    " disability INTEGER NOT NULL DEFAULT 0,"
    " send TEXT,"
    " address TEXT,"
    " postcode TEXT,"
    " phone TEXT,"
    " email TEXT,"
    " local_id TEXT,"
    " upn TEXT,"
    " nhs_number TEXT,"
    " pnc_id TEXT,"
    " alerts TEXT NOT NULL DEFAULT '[]' CHECK (spire_json_valid(alerts)),"
    " owner_team_id BIGINT REFERENCES teams(id)," RECORD_COLUMNS ");"
    "CREATE INDEX people_dob ON people(date_of_birth);"
    "CREATE INDEX people_local_id ON people(local_id) WHERE local_id IS NOT "
    "NULL;"
    "CREATE INDEX people_upn ON people(upn) WHERE upn IS NOT NULL;"
    "CREATE INDEX people_nhs ON people(nhs_number) WHERE nhs_number IS NOT "
    "NULL;"
    "CREATE INDEX people_pnc ON people(pnc_id) WHERE pnc_id IS NOT NULL;"
    "CREATE INDEX people_owner_team ON people(owner_team_id);"
    /* People's names found by words (db_dialect's people_name_search;
     * FTS5 in SQLite): an index on the names' words, folded to lower
     * case without accents (schema_pg.h). */
    "CREATE INDEX people_fts ON people USING gin ("
    " spire_name_words(given_name, family_name, preferred_name));"

    "CREATE TABLE families ("
    " id " PG_ID ","
    " name TEXT NOT NULL,"
    " notes TEXT,"
    " owner_team_id BIGINT REFERENCES teams(id)," RECORD_COLUMNS ");"

    "CREATE TABLE family_members ("
    " id " PG_ID ","
    " family_id BIGINT NOT NULL REFERENCES families(id),"
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " member_type TEXT NOT NULL CHECK (member_type IN ('child','adult')),"
    " relationship TEXT NOT NULL,"
    " child_id BIGINT REFERENCES people(id),"
    " parental_responsibility INTEGER NOT NULL DEFAULT 0,"
    " in_household INTEGER NOT NULL DEFAULT 0,"
    " wider_network INTEGER NOT NULL DEFAULT 0,"
    " notes TEXT," RECORD_COLUMNS ");"
    "CREATE INDEX family_members_family ON family_members(family_id);"
    "CREATE INDEX family_members_person ON family_members(person_id);"
    "CREATE UNIQUE INDEX family_members_once ON family_members("
    " family_id, person_id, COALESCE(child_id, 0)) WHERE closed_at IS NULL;"

    "CREATE TABLE cases ("
    " id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " service_id BIGINT NOT NULL REFERENCES services(id),"
    " team_id BIGINT NOT NULL REFERENCES teams(id),"
    " worker_id BIGINT REFERENCES users(id),"
    " family_id BIGINT REFERENCES families(id),"
    " start_date TEXT NOT NULL,"
    " end_date TEXT,"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
    " reason TEXT,"
    " closure_reason TEXT," RECORD_COLUMNS ");"
    "CREATE INDEX cases_person ON cases(person_id);"
    "CREATE INDEX cases_team ON cases(team_id, status);"
    "CREATE INDEX cases_worker ON cases(worker_id, status);"

    "CREATE TABLE contacts ("
    " id " PG_ID ","
    " case_id BIGINT NOT NULL REFERENCES cases(id),"
    " contact_date TEXT NOT NULL,"
    " contact_type TEXT NOT NULL,"
    " joint INTEGER NOT NULL DEFAULT 0,"
    " summary TEXT NOT NULL," RECORD_COLUMNS ");"
    "CREATE INDEX contacts_case ON contacts(case_id, contact_date);"
    "CREATE TABLE contact_attendees ("
    " id " PG_ID ","
    " contact_id BIGINT NOT NULL REFERENCES contacts(id),"
    " person_id BIGINT REFERENCES people(id),"
    " user_id BIGINT REFERENCES users(id),"
    " added_at TEXT,"
    " removed_at TEXT,"
    " CHECK ((person_id IS NULL) <> (user_id IS NULL))"
    ");"
    "CREATE INDEX contact_attendees_contact ON contact_attendees(contact_id);"
    "CREATE INDEX contact_attendees_person ON contact_attendees(person_id);"

    "CREATE TABLE tasks ("
    " id " PG_ID ","
    " case_id BIGINT REFERENCES cases(id),"
    " contact_id BIGINT REFERENCES contacts(id),"
    " title TEXT NOT NULL,"
    " details TEXT,"
    " due_date TEXT NOT NULL,"
    " owner_id BIGINT REFERENCES users(id),"
    " team_id BIGINT NOT NULL REFERENCES teams(id),"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN "
    "('open','done','cancelled')),"
    " done_at TEXT," RECORD_COLUMNS ");"
    "CREATE INDEX tasks_owner ON tasks(owner_id, status, due_date);"
    "CREATE INDEX tasks_team ON tasks(team_id, status, due_date);"
    "CREATE INDEX tasks_case ON tasks(case_id);"
    "CREATE INDEX tasks_contact ON tasks(contact_id)"
    " WHERE contact_id IS NOT NULL;"

    "CREATE TABLE consents ("
    " id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " agency TEXT NOT NULL,"
    " purpose TEXT NOT NULL,"
    " lawful_basis TEXT NOT NULL,"
    " given_by TEXT,"
    " given_on TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'active' CHECK (status IN "
    "('active','withdrawn'))," RECORD_COLUMNS ");"
    "CREATE INDEX consents_person ON consents(person_id);"

    "CREATE TABLE history ("
    " id " PG_ID ","
    " record_type TEXT NOT NULL,"
    " record_id BIGINT NOT NULL,"
    " version BIGINT NOT NULL,"
    " data TEXT NOT NULL CHECK (spire_json_valid(data)),"
    " replaced_at TEXT NOT NULL,"
    " replaced_by BIGINT"
    ");"
    "CREATE INDEX history_record ON history(record_type, record_id, version);"
    "CREATE FUNCTION history_append_only() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION 'history is append-only'"
    " USING ERRCODE = 'integrity_constraint_violation'; END $$;"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
    " FOR EACH ROW EXECUTE FUNCTION history_append_only();"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
    " FOR EACH ROW EXECUTE FUNCTION history_append_only();"
    "CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history"
    " FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();"

    "CREATE TABLE audit ("
    " seq BIGINT PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " user_id BIGINT,"
    " username TEXT,"
    " action TEXT NOT NULL,"
    " record_type TEXT,"
    " record_id BIGINT,"
    " person_id BIGINT,"
    " ip TEXT,"
    " break_glass INTEGER NOT NULL DEFAULT 0,"
    " reason TEXT,"
    " detail TEXT,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL"
    ");"
    "CREATE INDEX audit_person ON audit(person_id, seq) WHERE person_id IS NOT "
    "NULL;"
    "CREATE INDEX audit_user ON audit(user_id, seq);"
    /* The append-only guard. audit_append_only refuses updates: the
     * backend's dialect disables it for audit_rekey's rewrite of the chain
     * inside one transaction and enables it again (as SQLite's dialect
     * drops and recreates audit_no_update); deleting and truncating stay
     * refused throughout. */
    "CREATE FUNCTION audit_append_only() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION 'audit is append-only'"
    " USING ERRCODE = 'integrity_constraint_violation'; END $$;"
    "CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit"
    " FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();";

/*
 * Covering indexes for the access check that runs before every record
 * read: a person's cases by who holds them, and the open family links
 * both ways, answered from the index without touching the tables.
 */
static const char m003_scope_indexes[] =
    "CREATE INDEX cases_person_holder ON cases(person_id, worker_id,"
    " team_id, service_id);"
    "DROP INDEX cases_person;"
    "CREATE INDEX family_members_open_person ON family_members(person_id,"
    " family_id) WHERE closed_at IS NULL;"
    "CREATE INDEX family_members_open_family ON family_members(family_id,"
    " person_id) WHERE closed_at IS NULL;";

/*
 * People's names and identifiers compared in one normalised form: the
 * folded name key the duplicate check looks up with the date of birth,
 * and every identifier stored as norm_identifier gives it (the fill step
 * rewrites the rows already there).
 */
static const char m006_normalised_names[] =
    "ALTER TABLE people ADD COLUMN name_key TEXT;"
    "CREATE INDEX people_name_key ON people(name_key, date_of_birth)"
    " WHERE closed_at IS NULL;";

/*
 * Consents that share a record with a service: what the consent lets
 * Spire show (a parent's self-assessment, the family's plan) and to which
 * service (docs/access.md, "Consents that share a record").
 */
static const char m008_consent_shares[] =
    "ALTER TABLE consents ADD COLUMN shares TEXT CHECK (shares IN"
    " ('parent_self_assessment', 'family_plan'));"
    "ALTER TABLE consents ADD COLUMN shared_with TEXT CHECK (shared_with IN"
    " ('youth_justice', 'early_help', 'family_hub', 'childrens_social_care',"
    " 'fgc', 'parenting'));"
    "CREATE INDEX consents_shares ON consents(person_id, shares)"
    " WHERE shares IS NOT NULL;";

/*
 * Issue 9's fixes. A form response keeps whose answers it holds and the
 * consent that shares them (confidential_to, confidential_share), so that
 * removing or changing a form's definition takes no protection away; the
 * rows already stored are filled from the one form confidential to its
 * subject when this migration was written (forms/parent-self-assessment.json,
 * confidential-to-subject "parent_self_assessment"), about the person of
 * the case they were recorded on. A held parent session keeps the contact
 * Spire wrote for it (parent_sessions.contact_id).
 */
static const char m013_issue9_fixes[] =
    "ALTER TABLE form_responses ADD COLUMN confidential_to BIGINT"
    " REFERENCES people(id);"
    "ALTER TABLE form_responses ADD COLUMN confidential_share TEXT;"
    "UPDATE form_responses SET confidential_share = 'parent_self_assessment',"
    " confidential_to = COALESCE((SELECT c.person_id FROM cases c"
    " WHERE c.id = form_responses.case_id), person_id)"
    " WHERE form_id = 'parent-self-assessment';"
    /* The contact a held parent session stands as, so that the parent
     * counts as seen (docs/parenting.md, "Seen at start, review and
     * end"). */
    "ALTER TABLE parent_sessions ADD COLUMN contact_id BIGINT"
    " REFERENCES contacts(id);";

/* Merging two records of one person (store/people_merge.c). */
static const char m017_people_merge[] =
    "CREATE TABLE people_merges ("
    " id " PG_ID ","
    " kept_id BIGINT NOT NULL REFERENCES people(id),"
    " merged_id BIGINT NOT NULL REFERENCES people(id),"
    " reason TEXT NOT NULL,"
    " merged_at TEXT NOT NULL,"
    " merged_by BIGINT REFERENCES users(id),"
    " undone_at TEXT,"
    " undone_by BIGINT REFERENCES users(id),"
    " undone_reason TEXT,"
    " CHECK (kept_id <> merged_id)"
    ");"
    "CREATE INDEX people_merges_kept ON people_merges(kept_id);"
    "CREATE INDEX people_merges_merged ON people_merges(merged_id);"
    "CREATE TABLE people_merge_moves ("
    " merge_id BIGINT NOT NULL REFERENCES people_merges(id),"
    " ref TEXT NOT NULL,"
    " row_id BIGINT NOT NULL,"
    " PRIMARY KEY (merge_id, ref, row_id)"
    ");";

/*
 * The access log (docs/audit.md): the audit rows of reads, refusals and
 * sign-ins in their own chain, in the schema `access` of the same
 * database (SQLite keeps it in a file of its own attached as `access`),
 * so the same `access.audit` SQL serves both stores. The same columns as
 * audit, seq numbers shared with it; append-only as audit is.
 */
static const char m018_access_log[] =
    "CREATE SCHEMA IF NOT EXISTS access;"
    "CREATE TABLE IF NOT EXISTS access.audit ("
    " seq BIGINT PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " user_id BIGINT,"
    " username TEXT,"
    " action TEXT NOT NULL,"
    " record_type TEXT,"
    " record_id BIGINT,"
    " person_id BIGINT,"
    " ip TEXT,"
    " break_glass INTEGER NOT NULL DEFAULT 0,"
    " reason TEXT,"
    " detail TEXT,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL"
    ");"
    "CREATE INDEX IF NOT EXISTS audit_person ON access.audit(person_id, seq)"
    " WHERE person_id IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS audit_user ON access.audit(user_id, seq);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON access.audit"
    " FOR EACH ROW EXECUTE FUNCTION public.audit_append_only();"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON access.audit"
    " FOR EACH ROW EXECUTE FUNCTION public.audit_append_only();"
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON access.audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION public.audit_append_only();";

/* Invitations to the parent portal: as SQLite's migration 19. */
static const char m019_parent_invitations[] =
    "CREATE TABLE parent_invitations ("
    " id " PG_ID ","
    " person_id BIGINT NOT NULL REFERENCES people(id),"
    " code_hash TEXT NOT NULL UNIQUE,"
    " expires_on TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " created_by BIGINT REFERENCES users(id),"
    " used_at TEXT,"
    " user_id BIGINT REFERENCES users(id),"
    " revoked_at TEXT"
    ");"
    "CREATE INDEX parent_invitations_person ON"
    " parent_invitations(person_id);";

/*
 * One folding of names for the name search on every store (SQLite's
 * migration 21): the GIN index is over people.name_words, folded by
 * core/names.c, and the query's words come folded the same way, so that
 * spire_words_query takes them as they are (no unaccent(), no lower() of
 * the database's ctype; the 'simple' configuration's own lower case
 * leaves folded text as it is). The fill step folds every stored name.
 */
static const char m021_name_search_folded[] =
    "ALTER TABLE people ADD COLUMN name_words TEXT;"
    "DROP INDEX people_fts;"
    "CREATE FUNCTION spire_words_query(q TEXT) RETURNS tsquery"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
    " SELECT to_tsquery('simple', string_agg(quote_literal(m[1])"
    " || CASE WHEN m[2] = '*' THEN ':*' ELSE '' END, ' & '))"
    " FROM regexp_matches(q, '\"([^\"]*)\"(\\*?)', 'g') AS m $$;"
    "CREATE INDEX people_fts ON people USING gin ("
    " to_tsvector('simple', COALESCE(name_words, '')));";

static const struct migration migrations[] = {
    {1, "core", m001_core, NULL},
    {2, "youth_justice", SCHEMA_PG_M002_YOUTH_JUSTICE, NULL},
    {3, "scope_indexes", m003_scope_indexes, NULL},
    {4, "measures", SCHEMA_PG_M004_MEASURES, NULL},
    {5, "measures_entered_in_error", SCHEMA_PG_M005_MEASURES_ENTERED_IN_ERROR,
     NULL},
    {6, "normalised_names", m006_normalised_names, store_people_normalise},
    {7, "forms", SCHEMA_PG_M007_FORMS, store_pd_migrate},
    {8, "consent_shares", m008_consent_shares, NULL},
    {9, "parenting", SCHEMA_PG_M009_PARENTING, NULL},
    {10, "peer_support", SCHEMA_PG_M010_PEER_SUPPORT, NULL},
    {11, "family_plan", SCHEMA_PG_M011_FAMILY_PLAN, NULL},
    {12, "steps_to_change", SCHEMA_PG_M012_STEPS_TO_CHANGE, NULL},
    {13, "issue9_fixes", m013_issue9_fixes, NULL},
    {14, "national_rules", SCHEMA_PG_M014_NATIONAL_RULES, NULL},
    {15, "team_week", SCHEMA_PG_M015_TEAM_WEEK, NULL},
    {16, "contacts_court", SCHEMA_PG_M016_CONTACTS_COURT, NULL},
    {17, "people_merge", m017_people_merge, NULL},
    {18, "access_log", m018_access_log, NULL},
    {19, "parent_invitations", m019_parent_invitations, NULL},
    {20, "disposal_facts", SCHEMA_PG_M020_DISPOSAL_FACTS, NULL},
    {21, "name_search_folded", m021_name_search_folded, store_people_refold},
    {22, "parents_seen_facts", SCHEMA_PG_M022_PARENTS_SEEN_FACTS, NULL},
    {23, "engagement_facts", SCHEMA_PG_M023_ENGAGEMENT_FACTS, NULL},
    {24, "services_seen", SCHEMA_PG_M024_SERVICES_SEEN, NULL},
    {25, "assessment_no_intervention", SCHEMA_M025_ASSESSMENT_NO_INTERVENTION,
     NULL},
    /* SQLite's summary triggers queue (schema_measures_queue.c); a
     * PostgreSQL session compiles a trigger function on first use, not
     * on connecting: nothing to do. */
    {26, "measures_queue", "", NULL},
    {27, "kpi_releases", SCHEMA_PG_M027_KPI_RELEASES, NULL},
};

const struct schema_list schema_pg_list = {
    .backend = "postgresql",
    .bookkeeping = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                   " applied_at TEXT NOT NULL)",
    .items = migrations,
    .n = sizeof(migrations) / sizeof(migrations[0]),
};

/* The people search over migration 1's people_fts index (its contract:
 * people_name_search in store/db_backend.h). */
const char SCHEMA_PG_PEOPLE_NAME_SEARCH[] =
    "SELECT p.id, p.given_name, p.family_name, p.preferred_name,"
    " p.date_of_birth, p.sex, p.postcode, p.closed_at FROM people p"
    " WHERE to_tsvector('simple', COALESCE(p.name_words, ''))"
    " @@ spire_words_query($1)"
    " AND (CAST($2 AS TEXT) IS NULL OR p.date_of_birth = $2)"
    " AND (CAST($3 AS TEXT) IS NULL OR $3 IN (p.local_id, p.upn,"
    " p.nhs_number, p.pnc_id)) AND ($4 OR p.closed_at IS NULL)"
    " ORDER BY p.family_name, p.given_name, p.id LIMIT $5 OFFSET $6";

/* The audit table's guard against updates, as migration 1 made it. */
const char SCHEMA_PG_AUDIT_UNGUARD[] =
    "ALTER TABLE audit DISABLE TRIGGER audit_append_only";
const char SCHEMA_PG_AUDIT_REGUARD[] =
    "ALTER TABLE audit ENABLE TRIGGER audit_append_only";

/* Migration 21's fill step's table of folded names (its contract:
 * people_refold_table in store/db_backend.h). */
const char SCHEMA_PG_PEOPLE_REFOLD_TABLE[] =
    "CREATE TEMP TABLE people_refold (id BIGINT PRIMARY KEY,"
    " name_key TEXT, name_words TEXT NOT NULL)";

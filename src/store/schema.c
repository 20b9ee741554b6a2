/*
 * schema.c - the migration runner and the list of migrations.
 *
 * Each migration is a block of SQL run inside one transaction together with
 * its row in schema_migrations. Never edit a migration that has shipped:
 * add a new one.
 *
 * The migrations' DDL (here, schema_yj.c, schema_measures.c,
 * forms/schema_forms.c, parenting/schema_family_plan.c...) is SQLite's:
 * STRICT tables, FTS5, triggers. It is
 * the one part of the store the portability lint leaves to the SQLite
 * backend; PostgreSQL brings its own numbered list beside this one
 * (pg/schema_pg.c: the same numbers and names, store/schema_list.h), and
 * the runner takes the list of the backend the database was opened with.
 * The runner itself (schema_current, apply) is portable.
 */
#include "store/schema.h"
#include "store/schema_list.h"
#include "store/parenting/steps.h"
#include "core/clock.h"
#include "store/people.h"
#include "store/people_merge.h"
#include "store/forms/pd.h"
#include "store/team/team_week.h"

#include <stdio.h>
#include <string.h>

/* The record columns every editable table carries. */
#define RECORD_COLUMNS                                                         \
	"version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),"              \
	"created_at TEXT NOT NULL,"                                            \
	"created_by INTEGER REFERENCES users(id),"                             \
	"updated_at TEXT,"                                                     \
	"updated_by INTEGER REFERENCES users(id),"                             \
	"closed_at TEXT,"                                                      \
	"closed_reason TEXT,"                                                  \
	"closed_by INTEGER REFERENCES users(id)"

static const char m001_core[] =
    "CREATE TABLE services ("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO services(code, name) VALUES"
    " ('youth_justice', 'Youth justice'),"
    " ('early_help', 'Early help'),"
    " ('family_hub', 'Family hubs'),"
    " ('childrens_social_care', 'Children''s social care'),"
    " ('fgc', 'Family group conferences'),"
    " ('parenting', 'Parenting support');"

    "CREATE TABLE teams ("
    " id INTEGER PRIMARY KEY,"
    " service_id INTEGER NOT NULL REFERENCES services(id),"
    " name TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " created_by INTEGER,"
    " updated_at TEXT, updated_by INTEGER,"
    " closed_at TEXT, closed_reason TEXT, closed_by INTEGER,"
    " UNIQUE (service_id, name)"
    ") STRICT;"

    "CREATE TABLE users ("
    " id INTEGER PRIMARY KEY,"
    " username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " full_name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin','manager','yjs_officer',"
    "  'parent_worker','fgc_coordinator','social_worker','hub_worker',"
    "  'analyst','parent')),"
    " team_id INTEGER REFERENCES teams(id),"
    " person_id INTEGER,"
    " password_hash TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " updated_at TEXT,"
    " disabled_at TEXT"
    ") STRICT;"

    "CREATE TABLE sessions ("
    " token_hash BLOB PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id),"
    " csrf_token TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " ended_at INTEGER,"
    " ip TEXT"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX sessions_user ON sessions(user_id) WHERE ended_at IS NULL;"

    "CREATE TABLE people ("
    " id INTEGER PRIMARY KEY,"
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
    " alerts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alerts)),"
    " owner_team_id INTEGER REFERENCES teams(id)," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX people_dob ON people(date_of_birth);"
    "CREATE INDEX people_local_id ON people(local_id) WHERE local_id IS NOT "
    "NULL;"
    "CREATE INDEX people_upn ON people(upn) WHERE upn IS NOT NULL;"
    "CREATE INDEX people_nhs ON people(nhs_number) WHERE nhs_number IS NOT "
    "NULL;"
    "CREATE INDEX people_pnc ON people(pnc_id) WHERE pnc_id IS NOT NULL;"
    "CREATE INDEX people_owner_team ON people(owner_team_id);"
    "CREATE VIRTUAL TABLE people_fts USING fts5("
    " given_name, family_name, preferred_name,"
    " content='people', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
    "CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN"
    " INSERT INTO people_fts(rowid, given_name, family_name, preferred_name)"
    " VALUES (new.id, new.given_name, new.family_name, new.preferred_name);"
    "END;"
    "CREATE TRIGGER people_fts_au AFTER UPDATE OF given_name, family_name,"
    " preferred_name ON people BEGIN"
    " INSERT INTO people_fts(people_fts, rowid, given_name, family_name,"
    "  preferred_name) VALUES ('delete', old.id, old.given_name,"
    "  old.family_name, old.preferred_name);"
    " INSERT INTO people_fts(rowid, given_name, family_name, preferred_name)"
    " VALUES (new.id, new.given_name, new.family_name, new.preferred_name);"
    "END;"

    "CREATE TABLE families ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " notes TEXT,"
    " owner_team_id INTEGER REFERENCES teams(id)," RECORD_COLUMNS ") STRICT;"

    "CREATE TABLE family_members ("
    " id INTEGER PRIMARY KEY,"
    " family_id INTEGER NOT NULL REFERENCES families(id),"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " member_type TEXT NOT NULL CHECK (member_type IN ('child','adult')),"
    " relationship TEXT NOT NULL,"
    " child_id INTEGER REFERENCES people(id),"
    " parental_responsibility INTEGER NOT NULL DEFAULT 0,"
    " in_household INTEGER NOT NULL DEFAULT 0,"
    " wider_network INTEGER NOT NULL DEFAULT 0,"
    " notes TEXT," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX family_members_family ON family_members(family_id);"
    "CREATE INDEX family_members_person ON family_members(person_id);"
    "CREATE UNIQUE INDEX family_members_once ON family_members("
    " family_id, person_id, ifnull(child_id, 0)) WHERE closed_at IS NULL;"

    "CREATE TABLE cases ("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " service_id INTEGER NOT NULL REFERENCES services(id),"
    " team_id INTEGER NOT NULL REFERENCES teams(id),"
    " worker_id INTEGER REFERENCES users(id),"
    " family_id INTEGER REFERENCES families(id),"
    " start_date TEXT NOT NULL,"
    " end_date TEXT,"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
    " reason TEXT,"
    " closure_reason TEXT," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX cases_person ON cases(person_id);"
    "CREATE INDEX cases_team ON cases(team_id, status);"
    "CREATE INDEX cases_worker ON cases(worker_id, status);"

    "CREATE TABLE contacts ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " contact_date TEXT NOT NULL,"
    " contact_type TEXT NOT NULL,"
    " joint INTEGER NOT NULL DEFAULT 0,"
    " summary TEXT NOT NULL," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX contacts_case ON contacts(case_id, contact_date);"
    "CREATE TABLE contact_attendees ("
    " id INTEGER PRIMARY KEY,"
    " contact_id INTEGER NOT NULL REFERENCES contacts(id),"
    " person_id INTEGER REFERENCES people(id),"
    " user_id INTEGER REFERENCES users(id),"
    " added_at TEXT,"
    " removed_at TEXT,"
    " CHECK ((person_id IS NULL) <> (user_id IS NULL))"
    ") STRICT;"
    "CREATE INDEX contact_attendees_contact ON contact_attendees(contact_id);"
    "CREATE INDEX contact_attendees_person ON contact_attendees(person_id);"

    "CREATE TABLE tasks ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER REFERENCES cases(id),"
    " contact_id INTEGER REFERENCES contacts(id),"
    " title TEXT NOT NULL,"
    " details TEXT,"
    " due_date TEXT NOT NULL,"
    " owner_id INTEGER REFERENCES users(id),"
    " team_id INTEGER NOT NULL REFERENCES teams(id),"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN "
    "('open','done','cancelled')),"
    " done_at TEXT," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX tasks_owner ON tasks(owner_id, status, due_date);"
    "CREATE INDEX tasks_team ON tasks(team_id, status, due_date);"
    "CREATE INDEX tasks_case ON tasks(case_id);"
    "CREATE INDEX tasks_contact ON tasks(contact_id)"
    " WHERE contact_id IS NOT NULL;"

    "CREATE TABLE consents ("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " agency TEXT NOT NULL,"
    " purpose TEXT NOT NULL,"
    " lawful_basis TEXT NOT NULL,"
    " given_by TEXT,"
    " given_on TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'active' CHECK (status IN "
    "('active','withdrawn'))," RECORD_COLUMNS ") STRICT;"
    "CREATE INDEX consents_person ON consents(person_id);"

    "CREATE TABLE history ("
    " id INTEGER PRIMARY KEY,"
    " record_type TEXT NOT NULL,"
    " record_id INTEGER NOT NULL,"
    " version INTEGER NOT NULL,"
    " data TEXT NOT NULL CHECK (json_valid(data)),"
    " replaced_at TEXT NOT NULL,"
    " replaced_by INTEGER"
    ") STRICT;"
    "CREATE INDEX history_record ON history(record_type, record_id, version);"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN"
    " SELECT RAISE(ABORT, 'history is append-only'); END;"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN"
    " SELECT RAISE(ABORT, 'history is append-only'); END;"

    "CREATE TABLE audit ("
    " seq INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " user_id INTEGER,"
    " username TEXT,"
    " action TEXT NOT NULL,"
    " record_type TEXT,"
    " record_id INTEGER,"
    " person_id INTEGER,"
    " ip TEXT,"
    " break_glass INTEGER NOT NULL DEFAULT 0,"
    " reason TEXT,"
    " detail TEXT,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX audit_person ON audit(person_id, seq) WHERE person_id IS NOT "
    "NULL;"
    "CREATE INDEX audit_user ON audit(user_id, seq);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
    " SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
    " SELECT RAISE(ABORT, 'audit is append-only'); END;";

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
    "ALTER TABLE form_responses ADD COLUMN confidential_to INTEGER"
    " REFERENCES people(id);"
    "ALTER TABLE form_responses ADD COLUMN confidential_share TEXT;"
    "UPDATE form_responses SET confidential_share = 'parent_self_assessment',"
    " confidential_to = COALESCE((SELECT c.person_id FROM cases c"
    " WHERE c.id = form_responses.case_id), person_id)"
    " WHERE form_id = 'parent-self-assessment';"
    /* The contact a held parent session stands as, so that the parent
     * counts as seen (docs/parenting.md, "Seen at start, review and
     * end"). */
    "ALTER TABLE parent_sessions ADD COLUMN contact_id INTEGER"
    " REFERENCES contacts(id);";

/*
 * The access log (docs/audit.md): the audit rows of reads, refusals and
 * sign-ins in their own chain, in the attached schema `access` (SQLite:
 * the file beside the database, db_sqlite.c). The same columns as audit;
 * seq numbers are shared with audit (the writer gives each row the next
 * number over both), so the two read as one trail ordered by seq. Rows
 * written before this migration stay where they are, in audit. IF NOT
 * EXISTS: the two files commit one after the other, so a crash may leave
 * the table made and the migration unrecorded.
 */
static const char m018_access_log[] =
    "CREATE TABLE IF NOT EXISTS access.audit ("
    " seq INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " user_id INTEGER,"
    " username TEXT,"
    " action TEXT NOT NULL,"
    " record_type TEXT,"
    " record_id INTEGER,"
    " person_id INTEGER,"
    " ip TEXT,"
    " break_glass INTEGER NOT NULL DEFAULT 0,"
    " reason TEXT,"
    " detail TEXT,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX IF NOT EXISTS access.audit_person ON audit(person_id, seq)"
    " WHERE person_id IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS access.audit_user ON audit(user_id, seq);"
    "CREATE TRIGGER IF NOT EXISTS access.audit_no_update BEFORE UPDATE ON"
    " audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS access.audit_no_delete BEFORE DELETE ON"
    " audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;";

/*
 * Invitations to the parent portal (docs/parenting.md "Parent accounts"):
 * a practitioner who may see a parent's record issues a one-time code; the
 * store keeps only its SHA-256 (code_hash). The code works until the end
 * of the UK civil day expires_on, once (used_at, and the account it made
 * or reset in user_id); issuing another revokes the person's earlier
 * unused codes (revoked_at).
 */
static const char m019_parent_invitations[] =
    "CREATE TABLE parent_invitations ("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES people(id),"
    " code_hash TEXT NOT NULL UNIQUE,"
    " expires_on TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " created_by INTEGER REFERENCES users(id),"
    " used_at TEXT,"
    " user_id INTEGER REFERENCES users(id),"
    " revoked_at TEXT"
    ") STRICT;"
    "CREATE INDEX parent_invitations_person ON"
    " parent_invitations(person_id);";

/*
 * One folding of names for the name search on every store: the index is
 * over people.name_words, the words of the names as core/names.c folds
 * them (Ł -> l, ß -> ss, every script's capitals, accents dropped), and
 * the query is folded the same way, so that FTS5 compares folded text
 * only (unicode61 without remove_diacritics: its own case folding leaves
 * folded text as it is). The fill step folds every stored name again
 * (name_key too: its folding now writes ł as l), and its updates fill the
 * index through the new trigger.
 */
static const char m021_name_search_folded[] =
    "ALTER TABLE people ADD COLUMN name_words TEXT;"
    "DROP TRIGGER people_fts_ai;"
    "DROP TRIGGER people_fts_au;"
    "DROP TABLE people_fts;"
    "CREATE VIRTUAL TABLE people_fts USING fts5(name_words,"
    " content='people', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');"
    "CREATE TRIGGER people_fts_ai AFTER INSERT ON people"
    " WHEN new.name_words IS NOT NULL BEGIN"
    " INSERT INTO people_fts(rowid, name_words)"
    " VALUES (new.id, new.name_words);"
    "END;"
    "CREATE TRIGGER people_fts_au AFTER UPDATE OF name_words ON people BEGIN"
    " INSERT INTO people_fts(people_fts, rowid, name_words)"
    "  SELECT 'delete', old.id, old.name_words"
    "  WHERE old.name_words IS NOT NULL;"
    " INSERT INTO people_fts(rowid, name_words)"
    "  SELECT new.id, new.name_words WHERE new.name_words IS NOT NULL;"
    "END;";

/*
 * 25: why an AssetPlus or prevention and diversion assessment is for none
 * of the case's interventions due one (service/yj/yj_assessments.c).
 * Portable: PostgreSQL runs the same text (store/pg/schema_pg.c).
 */
const char SCHEMA_M025_ASSESSMENT_NO_INTERVENTION[] =
    "ALTER TABLE yj_assessments ADD COLUMN no_intervention_reason TEXT;";

static const struct migration migrations[] = {
    {1, "core", m001_core, NULL},
    {2, "youth_justice", SCHEMA_M002_YOUTH_JUSTICE, NULL},
    {3, "scope_indexes", m003_scope_indexes, NULL},
    {4, "measures", SCHEMA_M004_MEASURES, NULL},
    {5, "measures_entered_in_error", SCHEMA_M005_MEASURES_ENTERED_IN_ERROR,
     NULL},
    {6, "normalised_names", m006_normalised_names, store_people_normalise},
    {7, "forms", SCHEMA_M007_FORMS, store_pd_migrate},
    {8, "consent_shares", m008_consent_shares, NULL},
    {9, "parenting", SCHEMA_M009_PARENTING, NULL},
    {10, "peer_support", SCHEMA_M010_PEER_SUPPORT, NULL},
    {11, "family_plan", SCHEMA_M011_FAMILY_PLAN, NULL},
    {12, "steps_to_change", SCHEMA_M012_STEPS_TO_CHANGE, NULL},
    {13, "issue9_fixes", m013_issue9_fixes, NULL},
    {14, "national_rules", SCHEMA_M014_NATIONAL_RULES, NULL},
    {15, "team_week", SCHEMA_M015_TEAM_WEEK, NULL},
    {16, "contacts_court", SCHEMA_M016_CONTACTS_COURT, NULL},
    {17, "people_merge", SCHEMA_M017_PEOPLE_MERGE, NULL},
    {18, "access_log", m018_access_log, NULL},
    {19, "parent_invitations", m019_parent_invitations, NULL},
    {20, "disposal_facts", SCHEMA_M020_DISPOSAL_FACTS, NULL},
    {21, "name_search_folded", m021_name_search_folded, store_people_refold},
    {22, "parents_seen_facts", SCHEMA_M022_PARENTS_SEEN_FACTS, NULL},
    {23, "engagement_facts", SCHEMA_M023_ENGAGEMENT_FACTS, NULL},
    {24, "services_seen", SCHEMA_M024_SERVICES_SEEN, NULL},
    {25, "assessment_no_intervention", SCHEMA_M025_ASSESSMENT_NO_INTERVENTION,
     NULL},
    {26, "measures_queue", SCHEMA_M026_MEASURES_QUEUE,
     schema_m026_measures_queue},
    {27, "kpi_releases", SCHEMA_M027_KPI_RELEASES, NULL},
};

const struct schema_list schema_sqlite_list = {
    .backend = "sqlite",
    .bookkeeping = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                   " applied_at TEXT NOT NULL) STRICT",
    .items = migrations,
    .n = sizeof(migrations) / sizeof(migrations[0]),
};

/* The list for a backend by its name; NULL for one without a list. */
static const struct schema_list *
list_named(const char *backend)
{
	static const struct schema_list *const lists[] = {
	    &schema_sqlite_list,
	    &schema_pg_list,
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (backend && strcmp(backend, lists[i]->backend) == 0)
			return lists[i];
	return NULL;
}

int
schema_latest(void)
{
	return migrations[sizeof(migrations) / sizeof(migrations[0]) - 1]
	    .number;
}

int
schema_texts(const char *backend, schema_text_fn fn, void *arg)
{
	const struct schema_list *l = list_named(backend);
	if (!l)
		return -1;
	fn(arg, 0, "schema_migrations", l->bookkeeping);
	for (size_t i = 0; i < l->n; i++)
		fn(arg, l->items[i].number, l->items[i].name, l->items[i].sql);
	return 0;
}

int
schema_current(struct db *db, struct err *e)
{
	static const char max_sql[] =
	    "SELECT COALESCE(max(number), 0) FROM schema_migrations";
	bool exists = false;
	int rc = db_has_table(db, "schema_migrations", &exists, e);
	if (rc < 0)
		return rc;
	if (!exists)
		return 0;
	struct db_stmt *s = db_prepare(db, max_sql, e);
	if (!s)
		return e->code;
	rc = db_step(s, e);
	int64_t cur = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return rc < 0 ? rc : (int)cur;
}

static int
apply(struct db *db, const struct migration *m, struct err *e)
{
	static const char record_sql[] =
	    "INSERT INTO schema_migrations(number, name, applied_at)"
	    " VALUES ($1, $2, $3)";
	static const char applied_sql[] =
	    "SELECT 1 FROM schema_migrations WHERE number = $1";
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	/* Re-check inside the write lock: another process may have won. */
	struct db_stmt *s = db_prepare(db, applied_sql, e);
	if (!s)
		goto fail;
	db_bind_int(s, 1, m->number);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		goto fail;
	if (rc == DB_ROW) {
		db_rollback(db);
		return 0;
	}
	if ((rc = db_exec(db, m->sql, e)) != 0)
		goto fail;
	if (m->fill && (rc = m->fill(db, e)) != 0)
		goto fail;
	s = db_prepare(db, record_sql, e);
	if (!s)
		goto fail;
	db_bind_int(s, 1, m->number);
	db_bind_text(s, 2, m->name);
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	db_bind_text(s, 3, at);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		goto fail;
	if ((rc = db_commit(db, e)) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	if (e->code == 0)
		err_set(e, SPIRE_EDB, NULL, "migration %d failed", m->number);
	return e->code;
}

/* Whether migration number is in schema_migrations (*done). */
static int
recorded(struct db *db, int number, bool *done, struct err *e)
{
	static const char sql[] =
	    "SELECT 1 FROM schema_migrations WHERE number = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, number);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	*done = rc == DB_ROW;
	return 0;
}

int
schema_access_log_check(struct db *db, struct err *e)
{
	int cur = schema_current(db, e);
	if (cur < 18)
		return cur < 0 ? cur : 0;
	bool done = false;
	int rc = recorded(db, 18, &done, e);
	if (rc || !done)
		return rc;
	struct err probe = {0};
	struct db_stmt *s = db_prepare(
	    db, "SELECT seq FROM access.audit WHERE seq = 0", &probe);
	if (s) {
		db_done(s);
		return 0;
	}
	return err_set(
	    e, SPIRE_EDB, "db",
	    "the access log (the audit trail of reads: on SQLite the "
	    "file ending .access beside the database) is missing or "
	    "empty; restore it from the same backup as the database "
	    "(spire backup writes both) before Spire can serve");
}

int
schema_migrate(struct db *db, struct err *e)
{
	const struct schema_list *l = list_named(db_backend_name(db));
	if (!l)
		return err_set(e, SPIRE_EDB, "db",
		               "no migrations for the %s store",
		               db_backend_name(db));
	int rc = db_exec(db, l->bookkeeping, e);
	if (rc)
		return rc;
	int cur = schema_current(db, e);
	if (cur < 0)
		return cur;
	if (cur > schema_latest())
		return err_set(e, SPIRE_EDB, "db",
		               "database schema %d is newer than this build "
		               "(%d)",
		               cur, schema_latest());
	/* Every listed migration not recorded yet, in order: not only those
	 * above the highest recorded, since the numbers are reserved ahead
	 * and may land out of order (a database may hold 10 before 8). */
	for (size_t i = 0; i < l->n; i++) {
		const struct migration *m = &l->items[i];
		bool done = false;
		if (m->number <= cur &&
		    (rc = recorded(db, m->number, &done, e)) != 0)
			return rc;
		if (done)
			continue;
		rc = apply(db, m, e);
		if (rc) {
			char msg[sizeof(e->message)];
			snprintf(msg, sizeof(msg), "%s", e->message);
			return err_set(e, rc, "db", "migration %d (%s): %s",
			               m->number, m->name, msg);
		}
	}
	return schema_access_log_check(db, e);
}

// Migrations as they act on rows stored by earlier builds: each test takes a
// fresh database back to an earlier schema with the sqlite3 CLI, stores rows
// as those builds did, runs `spire init` and looks at the file (moved here
// from tests/api/names.test.mjs and tests/api/forms_pd.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, spireFail, makeDb, sql } from './lib.mjs';

// Back to before migration 9 (parenting): its tables and its row, and the
// summary's triggers on people, cases and services that read parent_supports (since
// migration 23: they would fail on the writes below; these tests look at
// names, identifiers and responses, not the summary). Since migration 26 the
// rule that reads it is in the parent-engagement run trigger (measures_run_20)
// that those queue for.
const UNDO_9 = ['measures_cases_engaged_ai', 'measures_cases_engaged_au', 'measures_cases_engaged_ad',
  'measures_people_engaged_au', 'measures_people_au', 'measures_cases_au', 'measures_cases_au_moved', 'measures_services_seen_au',
  'measures_run_20']
  .map((t) => `DROP TRIGGER ${t}; `).join('')
  + 'DROP TABLE parent_visit_tasks; DROP TABLE parent_plan_items; DROP TABLE parent_sessions;'
  + ' DROP TABLE parent_supports; DELETE FROM schema_migrations WHERE number = 9; ';

test('migration 6 folds the names and normalises the identifiers already stored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m5-'));
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    // Back to schema 5, with a row as earlier builds stored it.
    sql(db, UNDO_9 + 'DROP INDEX yj_assessments_form_response; ALTER TABLE yj_assessments DROP COLUMN form_response_id; DROP TABLE form_responses;'
      + ' DELETE FROM schema_migrations WHERE number = 7;'
      + ' DROP INDEX people_name_key; ALTER TABLE people DROP COLUMN name_key;'
      + ' DELETE FROM schema_migrations WHERE number = 6;'
      + " INSERT INTO people(given_name, family_name, date_of_birth, upn, nhs_number, pnc_id, local_id, created_at)"
      + " VALUES ('Zoë', 'O''Neill', '2012-01-01', 'c801123456789', '943 476 5919', '1998/123456e', 'cv-12', '2024-01-01T00:00:00Z');");
    spire(['init', '--db', db]);
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations WHERE number = 6'), '1');
    assert.equal(sql(db, "SELECT name_key || ' ' || upn || ' ' || nhs_number || ' ' || pnc_id || ' ' || local_id FROM people"),
      'zoe|oneill C801123456789 9434765919 98/123456E CV12');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 7 moves the sections of assessments stored before it into linked responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m7-'));
  try {
    const db = makeDb(dir, { users: [], teams: [['youth_justice', 'YJ']] });
    // Back to schema 6, with rows as earlier builds stored them.
    sql(db, UNDO_9 + 'DROP INDEX yj_assessments_form_response; ALTER TABLE yj_assessments DROP COLUMN form_response_id; DROP TABLE form_responses;'
      + ' DELETE FROM schema_migrations WHERE number = 7;'
      + " INSERT INTO people(id, given_name, family_name, created_at) VALUES (1, 'Al', 'Old', '2024-01-01');"
      + " INSERT INTO cases(id, person_id, service_id, team_id, start_date, created_at)"
      + "  VALUES (1, 1, (SELECT service_id FROM teams LIMIT 1), (SELECT id FROM teams LIMIT 1), '2024-01-01', '2024-01-01');"
      + ' INSERT INTO yj_assessments(id, person_id, case_id, assessment_type, stage, assessment_date, circumstances,'
      + "  professionals_plan, created_at) VALUES (1, 1, 1, 'prevention_diversion', 'start', '2024-02-01',"
      + "  'Lives with dad', 'Weekly sessions', '2024-02-01T09:00:00Z'),"
      + "  (2, 1, 1, 'prevention_diversion', 'end', '2024-03-01', NULL, NULL, '2024-03-01T09:00:00Z');");
    spire(['init', '--db', db]);
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations WHERE number = 7'), '1');
    assert.equal(sql(db, 'SELECT count(*) FROM form_responses'), '1', 'one row had sections');
    assert.equal(sql(db, 'SELECT COALESCE(circumstances, professionals_plan, \'cleared\') FROM yj_assessments WHERE id = 1'), 'cleared');
    const doc = JSON.parse(sql(db, 'SELECT r.document FROM yj_assessments a JOIN form_responses r ON r.id = a.form_response_id WHERE a.id = 1'));
    assert.equal(doc.questionnaire, 'https://spire.example/fhir/Questionnaire/prevention-diversion|1');
    assert.equal(doc.authored, '2024-02-01');
    const answers = Object.fromEntries(doc.item.flatMap((g) => g.item).map((i) => [i.linkId, i.answer[0].valueString]));
    assert.deepEqual(answers, { circumstances: 'Lives with dad', professionals_plan: 'Weekly sessions' });
    assert.equal(sql(db, 'SELECT form_response_id IS NULL FROM yj_assessments WHERE id = 2'), '1');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('migration 13 keeps on each parent self-assessment already stored whose answers it holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m13-'));
  try {
    const db = makeDb(dir, { users: [], teams: [['parenting', 'Parenting']] });
    // Back to schema 12, with rows as earlier builds stored them.
    sql(db, 'ALTER TABLE form_responses DROP COLUMN confidential_to; ALTER TABLE form_responses DROP COLUMN confidential_share;'
      + ' ALTER TABLE parent_sessions DROP COLUMN contact_id;'
      + ' DELETE FROM schema_migrations WHERE number = 13;'
      + " INSERT INTO people(id, given_name, family_name, created_at) VALUES (1, 'Noor', 'Amin', '2024-01-01'), (2, 'Kai', 'Amin', '2024-01-01');"
      + " INSERT INTO cases(id, person_id, service_id, team_id, start_date, created_at)"
      + "  VALUES (1, 1, (SELECT service_id FROM teams LIMIT 1), (SELECT id FROM teams LIMIT 1), '2024-01-01', '2024-01-01');"
      + " INSERT INTO form_responses(id, form_id, form_version, subject_type, person_id, case_id, completed_by, authored, status, document, created_at)"
      + "  VALUES (1, 'parent-self-assessment', 1, 'case', 1, 1, 'parent', '2024-02-01', 'completed', '{}', '2024-02-01T09:00:00Z'),"
      + "  (2, 'steps-to-change', 1, 'person', 2, NULL, 'practitioner', '2024-02-01', 'completed', '{}', '2024-02-01T09:00:00Z');");
    spire(['init', '--db', db]);
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations WHERE number = 13'), '1');
    assert.equal(sql(db, "SELECT id || ':' || COALESCE(confidential_to, '-') || ':' || COALESCE(confidential_share, '-') FROM form_responses ORDER BY id"),
      '1:1:parent_self_assessment\n2:-:-');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a database whose access log was deleted is refused with what to do, and nothing is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m18-'));
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    rmSync(`${db}.access`, { force: true });
    rmSync(`${db}.access-wal`, { force: true });
    rmSync(`${db}.access-shm`, { force: true });
    const before = sql(db, 'SELECT count(*) FROM audit');
    const r = spireFail(['init', '--db', db]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /access log .* is missing or empty; restore it from the same backup as the database/);
    assert.equal(sql(db, 'SELECT count(*) FROM audit'), before, 'nothing written to the main trail');
    const serve = spireFail(['serve', '--db', db, '--listen', '127.0.0.1:0']);
    assert.match(serve.stderr, /access log .* is missing or empty/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('audit verify says the access log is missing rather than failing on a table name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m18v-'));
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    rmSync(`${db}.access`, { force: true });
    const r = spireFail(['audit', 'verify', '--db', db]);
    assert.match(r.stderr, /access log .* is missing or empty; restore it/);
    assert.doesNotMatch(r.stderr, /no such table/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 27 recomputes the ended interventions\' and the releases\' facts alone, to the rule that counts a remand once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m27-'));
  try {
    const db = makeDb(dir, { users: [], teams: [['youth_justice', 'YJ']] });
    // A remand to youth detention released on bail (outcome 1) and one
    // that ended in a sentence (outcome 2), each with its snapshots.
    sql(db, "INSERT INTO people(id, given_name, family_name, date_of_birth, created_at) VALUES (1, 'Rae', 'Old', '2006-01-01', '2024-01-01');"
      + " INSERT INTO cases(id, person_id, service_id, team_id, start_date, created_at)"
      + "  VALUES (1, 1, (SELECT service_id FROM teams LIMIT 1), (SELECT id FROM teams LIMIT 1), '2022-01-01', '2022-01-01');"
      + ' INSERT INTO yj_outcomes(id, person_id, case_id, outcome_type, outcome_date, start_date, end_date, end_reason, release_date, created_at)'
      + "  VALUES (1, 1, 1, 'remand_youth_detention', '2022-05-01', '2022-05-01', '2022-06-15', 'other', '2022-06-15', '2022-05-01'),"
      + "  (2, 1, 1, 'remand_youth_detention', '2022-08-01', '2022-08-01', '2022-09-01', 'other', NULL, '2022-08-01');"
      + ' INSERT INTO yj_kpi_snapshots(person_id, case_id, outcome_id, point, measured_on, accommodation_suitable, created_at)'
      + "  VALUES (1, 1, 1, 'release', '2022-06-15', 1, '2022-06-15'), (1, 1, 1, 'end', '2022-06-15', 1, '2022-06-15'),"
      + "  (1, 1, 2, 'end', '2022-09-01', 0, '2022-09-01');");
    const facts = () => sql(db, 'SELECT kind, record_id, day, v15 FROM measures_facts WHERE kind IN (5, 13) ORDER BY 1, 2');
    assert.equal(facts(), '5|1|2022-06-15|0\n5|2|2022-09-01|2');
    // Back to schema 26: the facts as generation 6 kept them (the remand's
    // release counted, no mark on the remand that ended in a sentence),
    // and a stray fact of another kind, which migration 27 must not touch.
    sql(db, 'UPDATE measures_facts SET v15 = 0 WHERE kind = 5;'
      + ' INSERT INTO measures_facts(kind, person_id, record_id, team_id, day, v0, v15, v16, v17)'
      + "  SELECT 13, 1, 1, team_id, '2022-06-15', 1, 0, 3, 1 FROM cases WHERE id = 1;"
      + " INSERT INTO measures_facts(kind, person_id, record_id, day) VALUES (3, 1, 99, '2022-01-01');"
      + ' DELETE FROM schema_migrations WHERE number = 27;');
    spire(['init', '--db', db]);
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations WHERE number = 27'), '1');
    assert.equal(facts(), '5|1|2022-06-15|0\n5|2|2022-09-01|2');
    assert.equal(sql(db, 'SELECT count(*) FROM measures_facts WHERE kind = 3 AND record_id = 99'), '1', 'another kind recomputed');
    sql(db, 'DELETE FROM measures_facts WHERE kind = 3 AND record_id = 99;');
    assert.match(spire(['report', '--db', db, '--check-summary']), /0 facts missing, 0 extra/);
    // The run triggers are generation 7's: a release recorded on the
    // second remand is not a release fact either.
    sql(db, "UPDATE yj_outcomes SET release_date = '2022-09-01' WHERE id = 2;");
    assert.equal(facts(), '5|1|2022-06-15|0\n5|2|2022-09-01|0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

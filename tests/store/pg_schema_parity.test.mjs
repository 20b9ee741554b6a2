// The PostgreSQL migrations make the same schema as SQLite's: the same
// tables, columns (names, type families, NOT NULL, primary keys) and
// indexes (which columns, unique or not, partial or not, by name). SQLite's
// comes from `spire init` on a new file, PostgreSQL's from every migration's
// SQL (`spire schema-sql --dialect postgresql`) run by psql on a new
// database of the server SPIRE_TEST_PG names (a libpq URL, e.g.
// postgresql://postgres@/postgres?host=/tmp/pgdir; the user must be allowed
// to create databases). Without SPIRE_TEST_PG the tests that need the
// server are skipped with a message. Once the PostgreSQL backend lands, the
// same check can read through `spire init --db postgresql://...`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, sql } from './lib.mjs';

const PG = process.env.SPIRE_TEST_PG;
const NO_PG = PG ? false : 'SPIRE_TEST_PG is not set: no PostgreSQL server to compare with';

// What only one store has by design (store/pg/schema_pg.h): SQLite's FTS5
// table and its shadow tables; PostgreSQL's GIN index on people's names
// that stands for them; SQLite's queue of the summary's triggers
// (migration 26, store/measures/schema_measures_queue.c).
const SQLITE_ONLY_TABLE = /^(people_fts(_|$)|measures_queue$|measures_go_\d+$)/;
const PG_ONLY_INDEX = new Set(['people_fts']);

// SQLite's declared type -> the family PostgreSQL's must be in.
const FAMILY = { INTEGER: 'int', TEXT: 'text', BLOB: 'bytes', REAL: 'real' };
function pgFamily(t) {
  if (/^(bigint|integer|smallint)$/.test(t)) return 'int';
  if (t === 'text') return 'text';
  if (t === 'bytea') return 'bytes';
  if (t === 'double precision') return 'real';
  return t;
}

// The schema as {table: {columns: {name: {family, notNull}}, pk: [cols],
// indexes: [{name, unique, partial, columns}]}} from SQLite's file db.
function sqliteSchema(db) {
  const rows = JSON.parse(sql(db, `SELECT json_group_array(json_object(
      't', m.name, 'c', c.name, 'type', c.type, 'notnull', c."notnull", 'pk', c.pk))
    FROM sqlite_schema m, pragma_table_xinfo(m.name) c
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND c.hidden IN (0, 2, 3)`));
  const idx = JSON.parse(sql(db, `SELECT json_group_array(json_object(
      't', m.name, 'name', l.name, 'unique', l."unique", 'origin', l.origin, 'partial', l.partial,
      'cols', (SELECT json_group_array(COALESCE(x.name, '<expr>')) FROM
               (SELECT name FROM pragma_index_xinfo(l.name) WHERE key = 1 ORDER BY seqno) x)))
    FROM sqlite_schema m, pragma_index_list(m.name) l
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`));
  const s = {};
  for (const r of rows) {
    if (SQLITE_ONLY_TABLE.test(r.t)) continue;
    const t = (s[r.t] ??= { columns: {}, pk: [], indexes: [] });
    t.columns[r.c] = { family: FAMILY[r.type] ?? r.type, notNull: r.notnull === 1 || r.pk > 0 };
    if (r.pk > 0) t.pk[r.pk - 1] = r.c;
  }
  for (const r of idx) {
    if (SQLITE_ONLY_TABLE.test(r.t) || r.origin === 'pk') continue;
    s[r.t].indexes.push({
      // A UNIQUE constraint's index is named by the engine.
      name: r.origin === 'u' ? null : r.name,
      unique: r.unique === 1,
      partial: r.partial === 1,
      columns: Array.isArray(r.cols) ? r.cols : JSON.parse(r.cols),
    });
  }
  return s;
}

// psql on SPIRE_TEST_PG's server, in its database db when given (psql's
// \connect keeps the URL's other settings); the output, trimmed.
function psql(db, ...args) {
  const conn = db ? ['-c', `\\connect ${db}`] : [];
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', PG, ...conn, ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// The same shape from PostgreSQL's database db (its current schema).
function pgSchema(db) {
  const q = (text) => psql(db, '-c', text);
  const rows = JSON.parse(q(`SELECT COALESCE(json_agg(json_build_object(
      't', c.relname, 'c', a.attname, 'type', format_type(a.atttypid, NULL),
      'notnull', a.attnotnull)), '[]')
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
      AND a.attnum > 0 AND NOT a.attisdropped`));
  const idx = JSON.parse(q(`SELECT COALESCE(json_agg(json_build_object(
      't', c.relname, 'name', i.relname, 'unique', x.indisunique, 'primary', x.indisprimary,
      'constraint', EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.contype = 'u'),
      'partial', x.indpred IS NOT NULL,
      'cols', (SELECT json_agg(COALESCE(a.attname, '<expr>') ORDER BY k.n)
               FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, n)
               LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
               WHERE k.n <= x.indnkeyatts))), '[]')
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
    WHERE c.relnamespace = current_schema()::regnamespace`));
  const s = {};
  for (const r of rows) {
    const t = (s[r.t] ??= { columns: {}, pk: [], indexes: [] });
    t.columns[r.c] = { family: pgFamily(r.type), notNull: r.notnull };
  }
  for (const r of idx) {
    if (r.primary) {
      s[r.t].pk = r.cols;
      continue;
    }
    if (PG_ONLY_INDEX.has(r.name)) continue;
    s[r.t].indexes.push({ name: r.constraint ? null : r.name, unique: r.unique, partial: r.partial, columns: r.cols });
  }
  return s;
}

const sig = (i) => `${i.name ?? '(constraint)'}: ${i.unique ? 'unique ' : ''}(${i.columns.join(', ')})${i.partial ? ' where ...' : ''}`;

// Every difference between the two shapes, as lines ("table.column: ...").
export function schemaDifferences(a, b, an = 'sqlite', bn = 'postgresql') {
  const out = [];
  for (const t of Object.keys(a)) if (!b[t]) out.push(`${t}: table missing on ${bn}`);
  for (const t of Object.keys(b)) if (!a[t]) out.push(`${t}: table missing on ${an}`);
  for (const t of Object.keys(a).filter((x) => b[x]).sort()) {
    const ca = a[t].columns, cb = b[t].columns;
    for (const c of Object.keys(ca)) if (!cb[c]) out.push(`${t}.${c}: column missing on ${bn}`);
    for (const c of Object.keys(cb)) if (!ca[c]) out.push(`${t}.${c}: column missing on ${an}`);
    for (const c of Object.keys(ca).filter((x) => cb[x])) {
      if (ca[c].family !== cb[c].family) out.push(`${t}.${c}: type ${ca[c].family} on ${an}, ${cb[c].family} on ${bn}`);
      if (ca[c].notNull !== cb[c].notNull) out.push(`${t}.${c}: NOT NULL ${ca[c].notNull} on ${an}, ${cb[c].notNull} on ${bn}`);
    }
    if (a[t].pk.join() !== b[t].pk.join()) out.push(`${t}: primary key (${a[t].pk}) on ${an}, (${b[t].pk}) on ${bn}`);
    const ia = a[t].indexes.map(sig).sort(), ib = b[t].indexes.map(sig).sort();
    for (const i of ia) if (!ib.includes(i)) out.push(`${t}: index ${i} missing on ${bn}`);
    for (const i of ib) if (!ia.includes(i)) out.push(`${t}: index ${i} missing on ${an}`);
  }
  return out;
}

test('schemaDifferences finds a column, a NOT NULL and an index missing on either side', () => {
  const one = () => ({
    people: {
      columns: { id: { family: 'int', notNull: true }, name_key: { family: 'text', notNull: false } },
      pk: ['id'],
      indexes: [{ name: 'people_name_key', unique: false, partial: true, columns: ['name_key'] }],
    },
  });
  assert.deepEqual(schemaDifferences(one(), one()), []);
  const b = one();
  delete b.people.columns.name_key;
  b.people.indexes = [];
  assert.deepEqual(schemaDifferences(one(), b), [
    'people.name_key: column missing on postgresql',
    'people: index people_name_key: (name_key) where ... missing on postgresql',
  ]);
  const a = one();
  a.people.columns.id.notNull = false;
  a.people.columns.extra = { family: 'int', notNull: false };
  assert.deepEqual(schemaDifferences(a, one()), [
    'people.extra: column missing on postgresql',
    'people.id: NOT NULL false on sqlite, true on postgresql',
  ]);
});

test('spire schema-sql prints every migration of each store in order, the same numbers and names', () => {
  const heads = (d) => spire(['schema-sql', '--dialect', d]).split('\n').filter((l) => l.startsWith('-- migration '));
  const sqlite = heads('sqlite'), pg = heads('postgresql');
  assert.equal(sqlite[0], '-- migration 0: schema_migrations');
  assert.equal(sqlite[1], '-- migration 1: core');
  assert.equal(sqlite.at(-1), '-- migration 27: kpi_releases');
  assert.deepEqual(pg, sqlite);
});

test('the PostgreSQL migrations make the schema the SQLite ones make', { skip: NO_PG }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-pg-parity-'));
  const name = `spire_parity_${process.pid}`;
  psql(null, '-c', `CREATE DATABASE ${name}`);
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    const file = join(dir, 'pg.sql');
    writeFileSync(file, `BEGIN;\n${spire(['schema-sql', '--dialect', 'postgresql'])}\nCOMMIT;\n`);
    psql(name, '-f', file);
    const a = sqliteSchema(db), b = pgSchema(name);
    assert.ok(Object.keys(a).length >= 40, `only ${Object.keys(a).length} tables read from SQLite`);
    assert.ok(a.people.columns.name_key && a.audit.indexes.length >= 2, 'SQLite schema read in full');
    assert.deepEqual(schemaDifferences(a, b), []);
  } finally {
    psql(null, '-c', `DROP DATABASE IF EXISTS ${name}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

// Records written by plain SQL both engines read (ids given), so that the
// measures' triggers run on each: the facts they keep must be the same.
const RECORDS = `
INSERT INTO teams(id, service_id, name, created_at) VALUES (1, 1, 'YOT', '2024-01-01');
INSERT INTO users(id, username, full_name, role, team_id, password_hash, created_at)
  VALUES (1, 'Ann', 'Ann A', 'admin', 1, 'x', '2024-01-01');
INSERT INTO people(id, given_name, family_name, date_of_birth, sex, ethnicity, created_at)
  VALUES (1, 'José', 'Müller', '2008-02-29', 'M', 'W1', '2024-01-01'),
         (2, 'Vic', 'Tim', '1980-01-01', 'F', 'A1', '2024-01-01'),
         (3, 'Sam', 'Other', '2009-05-05', 'F', 'B1', '2024-01-01');
INSERT INTO cases(id, person_id, service_id, team_id, start_date, created_at)
  VALUES (1, 1, 1, 1, '2023-01-01', '2024-01-01'), (2, 3, 1, 1, '2023-01-01', '2024-01-01');
INSERT INTO yj_offences(id, person_id, case_id, offence_date, arrest_date, description, category, gravity, created_at)
  VALUES (1, 1, 1, '2023-01-31', '2023-02-01', 'x', 'robbery', 6, '2024-01-01'),
         (2, 1, 1, '2023-06-30', NULL, 'y', 'theft', 3, '2024-01-01'),
         (3, 3, 2, '2023-02-01', '2023-02-02', 'z', 'breach', 1, '2024-01-01');
INSERT INTO yj_outcomes(id, person_id, case_id, outcome_type, outcome_date, start_date, end_date, end_reason, created_at)
  VALUES (1, 1, 1, 'referral_order', '2023-03-31', '2023-03-31', '2023-09-30', 'completed', '2024-01-01'),
         (2, 1, 1, 'youth_caution', '2023-08-31', NULL, NULL, NULL, '2024-01-01'),
         (3, 1, 1, 'detention_training_order', '2023-10-01', '2023-10-01', NULL, NULL, '2024-01-01'),
         (4, 3, 2, 'youth_conditional_caution', '2023-02-28', '2023-02-28', '2023-05-31', 'completed', '2024-01-01');
UPDATE yj_outcomes SET release_date = '2024-02-29' WHERE id = 3;
INSERT INTO yj_outcome_offences(outcome_id, offence_id, added_at)
  VALUES (1, 1, '2024-01-01'), (2, 2, '2024-01-01'), (4, 3, '2024-01-01');
INSERT INTO yj_kpi_snapshots(person_id, case_id, outcome_id, point, measured_on, accommodation_suitable,
  learning_plan, mental_health_need, created_at)
  VALUES (1, 1, 1, 'end', '2023-09-30', 1, 'ehcp', 1, '2024-01-01'),
         (1, 1, 3, 'release', '2024-02-29', 0, 'none', 0, '2024-01-01');
INSERT INTO yj_victims(person_id, case_id, offence_id, victim_id, outcome_id, consent_to_contact, rj_offered, created_at)
  VALUES (1, 1, 1, 2, 1, 1, 1, '2024-01-01');
INSERT INTO yj_assessments(person_id, case_id, outcome_id, assessment_type, stage, assessment_date, risk_of_serious_harm, created_at)
  VALUES (1, 1, NULL, 'assetplus', 'start', '2023-04-01', 'high', '2024-01-01'),
         (1, 1, 1, 'assetplus', 'review', '2023-05-01', NULL, '2024-01-01');
INSERT INTO people(id, given_name, family_name, date_of_birth, sex, ethnicity, created_at)
  VALUES (4, 'Pat', 'Parent', '1985-03-03', 'F', 'W1', '2024-01-01');
INSERT INTO families(id, name, created_at) VALUES (1, 'Müller', '2024-01-01');
INSERT INTO family_members(family_id, person_id, member_type, relationship, parental_responsibility, in_household, created_at)
  VALUES (1, 1, 'child', 'child', 0, 1, '2024-01-01'), (1, 4, 'adult', 'mother', 1, 1, '2024-01-01'),
         (1, 2, 'adult', 'aunt', 1, 1, '2024-01-01');
INSERT INTO contacts(id, case_id, contact_date, contact_type, summary, created_at)
  VALUES (1, 1, '2023-04-05T10:00:00Z', 'visit', 's', '2024-01-01');
INSERT INTO contact_attendees(contact_id, person_id, added_at) VALUES (1, 4, '2024-01-01');
UPDATE people SET ethnicity = 'W2' WHERE id = 1;
UPDATE cases SET closed_at = '2024-01-02', closed_reason = 'Entered in error: wrong child' WHERE id = 2;
INSERT INTO cases(id, person_id, service_id, team_id, start_date, created_at)
  VALUES (3, 4, 6, 1, '2023-02-01', '2024-01-01');
INSERT INTO parent_supports(id, person_id, case_id, child_id, child_case_id, agreement, agreement_date,
  start_date, created_at)
  VALUES (1, 4, 3, 1, 1, 'agreed', '2023-03-01', '2023-03-15', '2024-01-01'),
         (2, 2, NULL, 1, 1, 'agreed', '2023-03-01', NULL, '2024-01-01'),
         (3, 4, 3, 3, 2, 'agreed', '2023-03-01', '2023-03-15', '2024-01-01');
UPDATE parent_supports SET end_date = '2023-12-31', end_reason = 'completed' WHERE id = 1;
`;

test('on PostgreSQL the triggers keep the measures facts SQLite keeps, and the guards hold', { skip: NO_PG }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-pg-triggers-'));
  const name = `spire_triggers_${process.pid}`;
  psql(null, '-c', `CREATE DATABASE ${name}`);
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    const file = join(dir, 'pg.sql');
    writeFileSync(file, `BEGIN;\n${spire(['schema-sql', '--dialect', 'postgresql'])}\nCOMMIT;\n${RECORDS}`);
    psql(name, '-f', file);
    sql(db, RECORDS);
    const facts = 'SELECT * FROM measures_facts ORDER BY kind, day, record_id, person_id';
    const sqlite = sql(db, facts), pg = psql(name, '-c', facts);
    // Every kind of fact is there (13 by migration 14's triggers; 14-16,
    // the disposals', by migration 20's; 17-19, a parent at a start,
    // review or end, by migration 22's; 20 and 21, a child's youth justice
    // case and a parent's support on it, by migration 23's).
    assert.deepEqual([...new Set(pg.split('\n').map((l) => Number(l.split('|')[0])))],
      [0, 1, 2, 3, 4, 5, 6, 7, 9, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    // The child's case, open, and the mother's support on it as it ended;
    // neither the support not started nor the one on a case entered in
    // error, nor that case.
    assert.match(pg, /^20\|2023-01-01\|1\|1\|1\|\|2008-02-29\|M\|W2\|0\|/m);
    assert.match(pg, /^21\|2023-03-15\|1\|1\|1\|2023-12-31\|2008-02-29\|M\|W2\|1\|/m);
    assert.equal(pg.split('\n').filter((l) => /^2[01]\|/.test(l)).length, 2);
    // The mother seen at the start (a contact 5 days after it), not at
    // the review or the end; the aunt, a victim, is no parent to meet.
    assert.match(pg, /^17\|2023-03-31\|1\|4\|1\|\|1985-03-03\|F\|W1\|0\|1\|1\|/m);
    assert.match(pg, /^19\|2023-09-30\|1\|4\|1\|\|1985-03-03\|F\|W1\|2\|0\|1\|/m);
    assert.doesNotMatch(pg, /^1[789]\|[^|]*\|[^|]*\|2\|/m);
    assert.equal(pg, sqlite);
    // 2024-02-29 + 18 months, clamped as SQLite clamps.
    assert.match(pg, /^1\|2024-02-29\|3\|1\|1\|2025-08-29\|/m);
    // A bulk load: the triggers stand aside.
    psql(name, '-c', 'INSERT INTO measures_bulk(active) VALUES (1)',
      '-c', "UPDATE people SET sex = 'F' WHERE id = 1", '-c', 'DELETE FROM measures_bulk');
    assert.equal(psql(name, '-c', 'SELECT DISTINCT sex FROM measures_facts WHERE person_id = 1'), 'M');
    // The append-only guards, the audit guard by the name the dialect
    // disables, and a username unique whatever its case.
    const refused = (text) => assert.throws(() => psql(name, '-c', text), /append-only|duplicate key|json/);
    psql(name, '-c', "INSERT INTO audit(seq, at, action, prev_hash, hash) VALUES (1, 'x', 'a', '', 'h')",
      '-c', "INSERT INTO history(record_type, record_id, version, data, replaced_at) VALUES ('x', 1, 1, '{}', 'x')");
    refused("UPDATE audit SET action = 'b'");
    refused('DELETE FROM audit');
    refused('TRUNCATE audit');
    refused('UPDATE history SET version = 2');
    refused("INSERT INTO history(record_type, record_id, version, data, replaced_at) VALUES ('x', 1, 1, '{', 'x')");
    refused("INSERT INTO users(id, username, full_name, role, password_hash, created_at) VALUES (9, 'aNN', 'x', 'admin', 'x', 'x')");
    assert.equal(psql(name, '-c', "SELECT id FROM users WHERE username = 'ANN'"), '1');
    psql(name, '-c', 'BEGIN', '-c', 'ALTER TABLE audit DISABLE TRIGGER audit_append_only',
      '-c', "UPDATE audit SET action = 'b'", '-c', 'ALTER TABLE audit ENABLE TRIGGER audit_append_only', '-c', 'COMMIT');
    refused("UPDATE audit SET action = 'c'");
    assert.equal(psql(name, '-c', 'SELECT action FROM audit'), 'b');
  } finally {
    psql(null, '-c', `DROP DATABASE IF EXISTS ${name}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on PostgreSQL the people search finds names by prefixes of their folded words (core/names.c folds the index and the query, the store compares them as they are)', { skip: NO_PG }, () => {
  const name = `spire_search_${process.pid}`;
  psql(null, '-c', `CREATE DATABASE ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'spire-pg-search-'));
  try {
    const file = join(dir, 'pg.sql');
    // The text the PostgreSQL dialect's people_name_search is.
    const search = readFileSync('src/store/pg/schema_pg.c', 'utf8')
      .match(/SCHEMA_PG_PEOPLE_NAME_SEARCH\[\] =\n((?:\s+".*"\n?)+);/)[1]
      .split('\n').map((l) => l.trim().replace(/^"|"$/g, '')).join('');
    writeFileSync(file, `BEGIN;\n${spire(['schema-sql', '--dialect', 'postgresql'])}\nCOMMIT;\n`
      + "INSERT INTO people(given_name, family_name, preferred_name, date_of_birth, created_at, closed_at, name_words) VALUES"
      + " ('José', 'Müller', NULL, '2008-02-29', 'x', NULL, 'jose muller'),"
      + " ('Anne-Marie', 'O''Brien', 'Annie', '2010-01-01', 'x', NULL, 'anne marie annemarie o brien obrien annie'),"
      + " ('Joseph', 'Mull', NULL, '2001-01-01', 'x', 'y', 'joseph mull'), ('Łukasz', 'Straße', NULL, NULL, 'x', NULL, 'lukasz strasse');\n");
    psql(name, '-f', file);
    const run = (args) => psql(name, '-c', `PREPARE s(text, text, text, boolean, bigint, bigint) AS ${search}`,
      '-c', `EXECUTE s(${args})`);
    assert.equal(run(`'"jose"* "mul"*', NULL, NULL, false, 10, 0`).split('\n').map((l) => l.split('|')[1]).join(), 'José');
    assert.equal(run(`'"muller"*', '2008-02-29', NULL, false, 10, 0`).split('|')[0], '1');
    assert.equal(run(`'"lukasz"* "strasse"*', NULL, NULL, false, 10, 0`).split('|')[1], 'Łukasz');
    // Folded text only: the store folds nothing itself (the service folds the query).
    assert.equal(run(`'"łukasz"*', NULL, NULL, false, 10, 0`), '');
    assert.equal(run(`'"jo"* "mul"*', NULL, NULL, true, 10, 0`).split('\n').map((l) => l.split('|')[1]).join(), 'Joseph,José');
    assert.equal(run(`'"annie"*', NULL, NULL, false, 10, 0`).split('|')[1], 'Anne-Marie');
    assert.equal(run(`'"brien"*', NULL, NULL, false, 10, 0`).split('|')[1], 'Anne-Marie');
    assert.equal(run(`'"zz"*', NULL, NULL, true, 10, 0`), '');
    // The index is there to be used (not a scan of every person).
    const plan = psql(name, '-c', 'SET enable_seqscan = off', '-c', `PREPARE s(text, text, text, boolean, bigint, bigint) AS ${search}`,
      '-c', `EXPLAIN EXECUTE s('"jo"*', NULL, NULL, true, 10, 0)`);
    assert.match(plan, /people_fts/);
  } finally {
    psql(null, '-c', `DROP DATABASE IF EXISTS ${name}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

// Migration 21's fill step (store_people_refold) on people stored before it:
// a database made with every migration's SQL up to 20 (`spire schema-sql`,
// which leaves out the fill steps), people with awkward names stored as
// earlier builds stored them (name_key stale), then `spire init` runs 21
// (and 22). The folded name key and search words are checked on SQLite
// against the values core/names.c gives, and on PostgreSQL (SPIRE_TEST_PG,
// as in pg_schema_parity.test.mjs; skipped without it) against SQLite's,
// row by row. More people than the fill's page of 500, so that its pages
// (and the last, shorter one) each reach the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, sql } from './lib.mjs';

const PG = process.env.SPIRE_TEST_PG;
const NO_PG = PG ? false : 'SPIRE_TEST_PG is not set: no PostgreSQL server to compare with';

// [given, family, preferred]: accents, apostrophes (straight and curly),
// hyphens, Welsh, Irish, other scripts' letters, and names that fold to
// nothing (empty, spaces, punctuation only).
const NAMES = [
  ['José', 'Müller', null],
  ['Zoë', "O'Neill", null],
  ['Siân', 'Llŷr', 'Sian'],
  ['Dafydd', 'ap Gwilym', null],
  ['Rhiannon', 'ferch Owain', null],
  ['Ŵyn', 'Ŷw', null],
  ['Siobhán', 'Ní Bhriain', null],
  ['Pádraig', 'Ó Súilleabháin', 'Paddy'],
  ['Seán', 'Mac Giolla Phádraig', null],
  ['Bríd', "Ó'Dálaigh", null],
  ['Anne-Marie', 'D’Arcy', 'Annie'],
  ['Eoghan', 'Mc Cárthaigh-Smith', null],
  ['Łukasz', 'Straße', null],
  ['ÆSA', 'Øster', null],
  ['  ', 'Nguyễn', null],
  ['', '', null],
  ['', "O'", ''],
  ["'", '-', null],
  ['Ольга', 'Ἀθηνᾶ', null],
  ['A'.repeat(300), 'B'.repeat(300), 'C'.repeat(500)], // longer than the folds' buffers
];
const COPIES = 64; // 20 × 64 = 1,280 people: pages of 500, 500 and 280

const q = (v) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
function peopleSql() {
  const rows = [];
  for (let c = 0; c < COPIES; c++) {
    for (const [g, f, p] of NAMES) rows.push(`(${q(g)}, ${q(f)}, ${q(p)}, 'stale', '2024-01-01T00:00:00Z')`);
  }
  return `INSERT INTO people(given_name, family_name, preferred_name, name_key, created_at) VALUES\n${rows.join(',\n')};\n`;
}

// Every migration's SQL up to 20 for the dialect, the bookkeeping rows
// saying so, and the people.
function upTo20(dialect) {
  const all = spire(['schema-sql', '--dialect', dialect]);
  const cut = all.indexOf('-- migration 21:');
  assert.ok(cut > 0, 'schema-sql has migration 21');
  const done = Array.from({ length: 20 }, (_, i) => `(${i + 1}, 'before', '2024-01-01T00:00:00Z')`).join(', ');
  return `BEGIN;\n${all.slice(0, cut)}\nINSERT INTO schema_migrations(number, name, applied_at) VALUES ${done};\n${peopleSql()}COMMIT;\n`;
}

const ROWS = "SELECT id || '|' || COALESCE(name_key, '<null>') || '|' || COALESCE(name_words, '<null>') FROM people ORDER BY id";

// The people's folded columns on SQLite after migration 21 (dir/a.db).
function sqliteRows(dir) {
  const db = join(dir, 'a.db');
  const file = join(dir, 'upto20.sql');
  writeFileSync(file, `ATTACH '${db}.access' AS access;\n${upTo20('sqlite')}`);
  execFileSync('sqlite3', [db, `.read ${file}`], { encoding: 'utf8' });
  spire(['init', '--db', db, '--audit-key', join(dir, 'a.audit-key')]);
  assert.equal(sql(db, 'SELECT max(number) FROM schema_migrations') >= '21', true);
  return { db, rows: sql(db, ROWS).split('\n') };
}

test('migration 21 folds every stored name again, page by page, with the values core/names.c gives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-m21-'));
  try {
    const { db, rows } = sqliteRows(dir);
    assert.equal(rows.length, NAMES.length * COPIES);
    // The first copy, and the same in the last (the third, shorter page).
    const first = rows.slice(0, NAMES.length).map((r) => r.slice(r.indexOf('|') + 1));
    // As the build before this fill step (one UPDATE per person) wrote them;
    // a name too long for the folds' buffers gets a NULL key and no words.
    assert.deepEqual(first, [
      'jose|muller|jose muller',
      'zoe|oneill|zoe o neill oneill',
      'sian|llyr|sian llyr',
      'dafydd|apgwilym|dafydd ap gwilym',
      'rhiannon|ferchowain|rhiannon ferch owain',
      'wyn|yw|wyn yw',
      'siobhan|nibhriain|siobhan ni bhriain',
      'padraig|osuilleabhain|padraig o suilleabhain paddy',
      'sean|macgiollaphadraig|sean mac giolla phadraig',
      'brid|odalaigh|brid o dalaigh odalaigh',
      'annemarie|darcy|anne marie annemarie d arcy darcy annie',
      'eoghan|mccarthaighsmith|eoghan mc carthaigh smith carthaighsmith',
      'lukasz|strasse|lukasz strasse',
      'aesa|oster|aesa oster',
      '|nguyen|nguyen',
      '||',
      '|o|o',
      '||',
      'ольга|αθηνα|ольга αθηνα',
      '<null>|',
    ]);
    const last = rows.slice(-NAMES.length).map((r) => r.slice(r.indexOf('|') + 1));
    assert.deepEqual(last, first);
    // No name left stale, and the search index was filled by the update.
    assert.equal(sql(db, "SELECT count(*) FROM people WHERE name_key = 'stale'"), '0');
    assert.equal(sql(db, "SELECT count(*) FROM people_fts WHERE people_fts MATCH '\"suilleabhain\"'"), String(COPIES));
    assert.equal(sql(db, "SELECT count(*) FROM people_fts WHERE people_fts MATCH '\"strasse\"'"), String(COPIES));
    // The temporary table went with the connection.
    assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'people_refold'"), '0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// psql on SPIRE_TEST_PG's server, in database db when given; trimmed output.
function psql(db, ...args) {
  const conn = db ? ['-c', `\\connect ${db}`] : [];
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', PG, ...conn, ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).trim();
}

test('on PostgreSQL migration 21 folds every stored name to exactly what it folds to on SQLite', { skip: NO_PG }, () => {
  const name = `spire_refold_${process.pid}`;
  psql(null, '-c', `DROP DATABASE IF EXISTS ${name}`, '-c', `CREATE DATABASE ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'spire-m21-pg-'));
  try {
    const { rows } = sqliteRows(dir);
    const file = join(dir, 'pg.sql');
    writeFileSync(file, upTo20('postgresql'));
    psql(name, '-f', file);
    const u = new URL(PG);
    u.pathname = `/${name}`;
    spire(['init', '--db', u.toString(), '--audit-key', join(dir, 'pg.audit-key')]);
    assert.equal(psql(name, '-c', 'SELECT max(number) >= 21 FROM schema_migrations'), 't');
    const pgRows = psql(name, '-c', ROWS).split('\n');
    assert.equal(pgRows.length, NAMES.length * COPIES);
    assert.deepEqual(pgRows, rows);
    assert.equal(psql(name, '-c', "SELECT count(*) FROM people WHERE name_key = 'stale'"), '0');
    // The search index finds the folded words.
    assert.equal(psql(name, '-c', "SELECT count(*) FROM people WHERE to_tsvector('simple', COALESCE(name_words, ''))"
      + " @@ spire_words_query('\"suilleabhain\"*')"), String(COPIES));
    assert.equal(psql(name, '-c', "SELECT count(*) FROM pg_class WHERE relname = 'people_refold'"), '0');
  } finally {
    psql(null, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
});

// The same demo gives the same answers on both stores: `spire demo` with
// one seed, size and day loads the same rows into a SQLite file and into a
// PostgreSQL database (every table's count), the measures' summary agrees
// with the records on both (`spire report --check-summary`), and every
// measure's JSON from `spire report` (each measure on its own, by each
// breakdown, and the whole board pack, `--measure all`) is byte for byte
// the same. PostgreSQL is the server SPIRE_TEST_PG names (a libpq URL, e.g.
// postgresql:///postgres?host=/tmp/pgdir&user=postgres; the user must be
// allowed to create databases); without it the tests are skipped with a
// message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, sql } from './lib.mjs';

const PG = process.env.SPIRE_TEST_PG;
const NO_PG = PG ? false : 'SPIRE_TEST_PG is not set: no PostgreSQL server to compare with';

const CHILDREN = '120';
const TODAY = '2026-12-01';
const PERIOD = ['--from', '2022-04-01', '--to', '2026-11-30', '--as-of', TODAY];

// psql on SPIRE_TEST_PG's server, in its database db when given; the
// output, trimmed.
function psql(db, text) {
  const conn = db ? ['-c', `\\connect ${db}`] : [];
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', PG, ...conn, '-c', text],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// The URL of database name on SPIRE_TEST_PG's server.
function pgUrl(name) {
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

let dir, file, url, name;
before(() => {
  if (NO_PG) return;
  dir = mkdtempSync(join(tmpdir(), 'spire-pg-same-'));
  name = `spire_same_${process.pid}`;
  psql(null, `DROP DATABASE IF EXISTS ${name}`);
  file = join(dir, 'spire.db');
  url = pgUrl(name);
  const key = join(dir, 'audit-key');
  spire(['init', '--db', url, '--audit-key', key]);
  for (const db of [file, url])
    spire(['demo', '--db', db, '--audit-key', key, '--children', CHILDREN, '--today', TODAY]);
});
after(() => {
  if (NO_PG) return;
  if (!process.env.KEEP_TEST_DB) {
    psql(null, `DROP DATABASE IF EXISTS ${name}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

// The measures `spire report` knows, from its help.
function measures() {
  const help = spire(['report', '--help']);
  return help.slice(help.indexOf('Measures:')).split('\n').slice(1)
    .map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);
}

// `spire report --db db ...args`: its exit status and what it printed
// (stdout, or stderr when it fails).
function report(db, args) {
  try {
    return { status: 0, out: spire(['report', '--db', db, ...args]) };
  } catch (e) {
    return { status: e.status, out: String(e.stderr) };
  }
}

test('the demo loads the same rows into every table on both stores', { skip: NO_PG }, () => {
  const tables = psql(name, `SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`).split('\n');
  assert.ok(tables.length >= 40, `only ${tables.length} tables on PostgreSQL`);
  const differ = [];
  let people = 0;
  for (const t of tables) {
    const a = Number(sql(file, `SELECT count(*) FROM "${t}"`));
    const b = Number(psql(name, `SELECT count(*) FROM "${t}"`));
    if (a !== b) differ.push(`${t}: sqlite ${a}, postgresql ${b}`);
    if (t === 'people') people = b;
  }
  assert.ok(people > Number(CHILDREN), `${people} people loaded`);
  assert.deepEqual(differ, []);
  // The same rows, not only as many: the people and the outcomes.
  for (const q of ['SELECT id, given_name, family_name, date_of_birth FROM people ORDER BY id',
    'SELECT id, person_id, outcome_type, outcome_date FROM yj_outcomes ORDER BY id']) {
    const a = sql(file, q.replace('SELECT ', "SELECT ''||").replaceAll(', ', "||'|'||"));
    const b = psql(name, q.replace('SELECT ', "SELECT ''||").replaceAll(', ', "||'|'||"));
    assert.equal(b, a, q);
  }
});

test('the measures summary agrees with the records on both stores', { skip: NO_PG }, () => {
  for (const db of [file, url])
    assert.equal(spire(['report', '--db', db, '--check-summary']).trim(),
      'measures summary: 0 facts missing, 0 extra');
  assert.ok(Number(psql(name, 'SELECT count(*) FROM measures_facts')) > 100, 'facts in the summary');
});

test('every measure gives the same JSON on both stores, by each breakdown', { skip: NO_PG }, () => {
  const names = measures();
  assert.ok(names.length >= 25 && names.includes('first-time-entrants'), names.join(' '));
  const differ = [];
  let counted = 0;
  for (const m of names) {
    for (const by of [null, 'ethnicity', 'sex', 'age', 'team']) {
      const args = ['--measure', m, ...PERIOD, '--format', 'json', '--no-suppress',
        ...(by ? ['--by', by] : [])];
      const a = report(file, args), b = report(url, args);
      if (a.status !== b.status || a.out !== b.out) differ.push(`${m}${by ? ` by ${by}` : ''}`);
      // A breakdown the measure does not offer is refused alike.
      if (b.status !== 0) {
        assert.ok(by && /cannot be broken down/.test(b.out), `${m} by ${by}: ${b.out}`);
        continue;
      }
      const n = JSON.parse(b.out).numerator;
      if (typeof n === 'number' && n > 0) counted++;
    }
  }
  assert.deepEqual(differ, []);
  // The demo gives the measures something to count.
  assert.ok(counted >= 60, `only ${counted} answers counting anyone`);
});

test('the board pack (--measure all) is the same on both stores, suppressed, in JSON and CSV', { skip: NO_PG }, () => {
  for (const format of ['json', 'csv']) {
    for (const interval of ['quarter', 'year']) {
      const args = ['--measure', 'all', ...PERIOD, '--format', format, '--interval', interval];
      const a = spire(['report', '--db', file, ...args]);
      const b = spire(['report', '--db', url, ...args]);
      assert.ok(b.length > 10000, `${format} ${interval}: ${b.length} bytes`);
      assert.equal(b, a, `${format} ${interval}`);
    }
  }
});

// The summary's reads scan one kind over a period in key order; on
// PostgreSQL that touches only the period's pages while the table is
// stored in its key's order, which a rebuild of the whole summary
// (`spire report --rebuild-summary`, a bulk load's end) must leave it in.
test('after a rebuild the PostgreSQL summary is stored in its key order', { skip: NO_PG }, () => {
  spire(['report', '--db', url, '--rebuild-summary']);
  const outOfOrder = `SELECT count(*) FROM (SELECT ctid, lag(ctid) OVER (ORDER BY kind, day, record_id, person_id) AS prev FROM measures_facts) x WHERE ctid < prev`;
  assert.equal(psql(name, outOfOrder), '0');
  assert.equal(spire(['report', '--db', url, '--check-summary']).trim(),
    'measures summary: 0 facts missing, 0 extra');
  // The same answers after it.
  const args = ['--measure', 'all', ...PERIOD, '--format', 'json'];
  assert.equal(spire(['report', '--db', url, ...args]), spire(['report', '--db', file, ...args]));
});

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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, sql } from './lib.mjs';

const PG = process.env.SPIRE_TEST_PG;
const NO_PG = PG ? false : 'SPIRE_TEST_PG is not set: no PostgreSQL server to compare with';

// What only one store has by design (store/pg/schema_pg.h): SQLite's FTS5
// table and its shadow tables; PostgreSQL's GIN index on people's names
// that stands for them.
const SQLITE_ONLY_TABLE = /^people_fts(_|$)/;
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
  assert.equal(sqlite.at(-1), '-- migration 17: people_merge');
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

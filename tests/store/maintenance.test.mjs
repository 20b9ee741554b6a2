// The operator's commands as they act on the database file (moved here from
// tests/api/cli.test.mjs, which keeps the command line's own behaviour):
// init applies each migration once and leaves the file in WAL mode, and an
// online backup is a consistent, verified copy while the server writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Server, BIN, spire, child, sql } from './lib.mjs';

let srv;
before(async () => { srv = await Server.start(); });
after(async () => { await srv.stop(); });

test('spire init twice is fine and applies each migration once', () => {
  const db = join(srv.dir, 'twice.db');
  const first = spire(['init', '--db', db]);
  const second = spire(['init', '--db', db]);
  assert.ok(first.length > 0 && second.length >= 0);
  const n = sql(db, 'SELECT count(*) = count(DISTINCT number) AND count(*) > 0 FROM schema_migrations');
  assert.equal(n, '1');
  const before = sql(db, 'SELECT count(*) FROM sqlite_schema');
  spire(['init', '--db', db]);
  assert.equal(sql(db, 'SELECT count(*) FROM sqlite_schema'), before);
  assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
  // An initialised database is usable straight away.
  spire(['team', 'add', '--db', db, '--service', 'early_help', '--name', 'Team A']);
  assert.match(spire(['team', 'list', '--db', db]), /Team A/);
});

test('backup while the server is writing gives a consistent, verified copy', async () => {
  const officer = await srv.login('officer');
  const names = [];
  for (let i = 0; i < 20; i++) {
    const r = await officer.post('/api/v1/people', child({ given_name: `Backed${i}` }));
    assert.equal(r.status, 201);
    names.push(r.body.id);
  }
  const to = join(srv.dir, 'backup.db');
  // Keep writing while the backup runs.
  const writes = Promise.all(Array.from({ length: 30 }, (_, i) =>
    officer.post('/api/v1/people', child({ given_name: `During${i}` }))));
  const { stdout } = await promisify(execFile)(BIN, ['backup', '--db', srv.db, '--to', to]);
  const during = await writes;
  assert.ok(during.every((r) => r.status === 201));
  assert.match(stdout, /integrity ok/);
  assert.equal(sql(to, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(to, "SELECT count(*) FROM people WHERE given_name LIKE 'Backed%'"), '20');
  const copied = Number(sql(to, "SELECT count(*) FROM people WHERE given_name LIKE 'During%'"));
  assert.ok(copied >= 0 && copied <= 30);
  // The key is not in the backup: the copy verifies with the live key, and
  // the copy's head, written beside it, is still its head.
  assert.ok(!existsSync(`${to}.audit-key`));
  const head = readFileSync(`${to}.audit-head`, 'utf8').trim();
  assert.match(stdout, new RegExp(`audit head ${head}`));
  assert.match(spire(['audit', 'verify', '--db', to, '--audit-key', `${srv.db}.audit-key`, '--expect-head', head]), /intact/);
  // Restored with its key beside it, the copy is a working database.
  copyFileSync(`${srv.db}.audit-key`, `${to}.audit-key`);
  const copySrv = await Server.start({ db: to });
  try {
    const c = await copySrv.login('officer');
    const r = await c.get(`/api/v1/people/${names[0]}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.given_name, 'Backed0');
  } finally {
    await copySrv.stop();
  }
});

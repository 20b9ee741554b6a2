// The spire command line: --help on every subcommand, clear refusals of bad
// arguments, idempotent init, and online backups (consistent while the
// server writes, verified, never over an existing file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Server, BIN, PASSWORD, spire, spireFail, child, sql } from './lib.mjs';

const COMMANDS = ['init', 'user', 'team', 'serve', 'demo', 'backup', 'audit', 'routes', 'resource'];

let srv;
before(async () => { srv = await Server.start(); });
after(async () => { await srv.stop(); });

test('spire --help lists every subcommand, and each subcommand has --help', () => {
  const top = spire(['--help']);
  for (const c of COMMANDS) assert.match(top, new RegExp(`^  ${c} `, 'm'), c);
  for (const c of COMMANDS) {
    const out = spire([c, '--help']);
    assert.match(out, new RegExp(`usage: spire ${c}`), `${c} --help`);
  }
  assert.match(spire(['user', 'add', '--help']), /usage: spire user add/);
  assert.match(spire(['team', 'add', '--help']), /usage: spire team add/);
  assert.match(spire(['audit', 'verify', '--help']), /usage: spire audit verify/);
});

test('bad arguments exit non-zero with a message', () => {
  const db = srv.db;
  const cases = [
    [[], /usage: spire COMMAND/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['init'], /--db/],
    [['init', '--db'], /requires an argument|--db/],
    [['init', '--db', db, '--bogus'], /unrecognized option|bad option/],
    [['init', '--db', db, 'extra'], /unexpected argument 'extra'/],
    [['user'], /expected add, disable or list/],
    [['user', 'frobnicate', '--db', db], /unknown action 'frobnicate'/],
    [['user', 'add', '--db', db, '--role', 'yjs_officer'], /--username is required/],
    [['user', 'add', '--db', db, '--username', 'x1'], /--role is required/],
    [['user', 'disable', '--username', 'officer'], /--db FILE is required/],
    [['user', 'list', '--db', join(srv.dir, 'missing.db')], /no database/],
    [['team', 'add', '--db', db, '--service', 'nowhere', '--name', 'Team X'], /service|nowhere/],
    [['serve', '--db', db, '--listen', 'nonsense'], /listen must be HOST:PORT/],
    [['serve', '--db', db, '--listen', '127.0.0.1:99999'], /listen must be HOST:PORT/],
    [['serve'], /--db FILE is required/],
    [['backup', '--db', db], /--db and --to are required/],
    [['backup', '--to', join(srv.dir, 'b.db')], /--db and --to are required/],
    [['backup', '--db', join(srv.dir, 'missing.db'), '--to', join(srv.dir, 'b.db')], /no database/],
    [['audit', '--db', db], /expected 'verify'/],
    [['audit', 'verify'], /--db FILE is required/],
    [['audit', 'verify', '--db', db, 'again'], /unexpected argument 'again'/],
    [['routes', 'extra'], /unexpected argument 'extra'/],
  ];
  for (const [args, msg] of cases) {
    const r = spireFail(args);
    assert.ok(r.status === 1 || r.status === 2, `spire ${args.join(' ')}: exit ${r.status}`);
    assert.match(r.stderr, msg, `spire ${args.join(' ')}`);
    assert.doesNotMatch(r.stderr, /AddressSanitizer|runtime error/, `spire ${args.join(' ')}`);
  }
  // Role and team are checked against what exists.
  let r = spireFail(['user', 'add', '--db', db, '--username', 'wiz', '--role', 'wizard'], PASSWORD + '\n');
  assert.match(r.stderr, /role/);
  r = spireFail(['user', 'add', '--db', db, '--username', 'wiz', '--role', 'yjs_officer', '--team', 'Atlantis',
    '--service', 'youth_justice'], PASSWORD + '\n');
  assert.match(r.stderr, /team/i);
  r = spireFail(['user', 'add', '--db', db, '--username', 'officer', '--role', 'yjs_officer', '--team', 'YJ North',
    '--service', 'youth_justice'], PASSWORD + '\n');
  assert.match(r.stderr, /exists|taken|already/i, 'duplicate username');
  assert.doesNotMatch(spire(['user', 'list', '--db', db]), /wiz/);
});

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

test('spire init refuses a path it cannot create', () => {
  const r = spireFail(['init', '--db', '/nonexistent-dir/x/spire.db']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /spire: /);
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

test('backup to an existing file is refused and leaves it alone', () => {
  const to = join(srv.dir, 'existing.db');
  writeFileSync(to, 'do not overwrite');
  const r = spireFail(['backup', '--db', srv.db, '--to', to]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /exists/);
  assert.equal(readFileSync(to, 'utf8'), 'do not overwrite');
  const r2 = spireFail(['backup', '--db', srv.db, '--to', srv.db]);
  assert.match(r2.stderr, /exists/);
  assert.ok(existsSync(srv.db));
});

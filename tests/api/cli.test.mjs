// The spire command line: --help on every subcommand, clear refusals of bad
// arguments, and backups never over an existing file (what init and backup
// do to the database file is in tests/store/maintenance.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, PASSWORD, spire, spireFail, child, PG } from './lib.mjs';

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
    [['user', 'disable', '--username', 'officer'], /--db is required: a database file, or a postgresql:\/\/ URL/],
    [['user', 'list', '--db', join(srv.dir, 'missing.db')], /no database/],
    [['team', 'add', '--db', db, '--service', 'nowhere', '--name', 'Team X'], /service|nowhere/],
    [['serve', '--db', db, '--listen', 'nonsense'], /listen must be HOST:PORT/],
    [['serve', '--db', db, '--listen', '127.0.0.1:99999'], /listen must be HOST:PORT/],
    [['serve'], /--db is required: a database file, or a postgresql:\/\/ URL/],
    [['backup', '--db', db], /--db and --to are required/],
    [['backup', '--to', join(srv.dir, 'b.db')], /--db and --to are required/],
    [['backup', '--db', join(srv.dir, 'missing.db'), '--to', join(srv.dir, 'b.db')], /no database/],
    [['audit', '--db', db], /expected 'verify'/],
    [['audit', 'verify'], /--db is required: a database file, or a postgresql:\/\/ URL/],
    [['audit', 'verify', '--db', db, 'again'], /unexpected argument 'again'/],
    [['audit', 'list', '--db', db, '--after', 'x'], /--after must be a row number/],
    [['audit', 'list', '--db', db, '--after', '-1'], /--after must be a row number/],
    [['audit', 'head', '--db', db, '--after', '1'], /--after is for list/],
    [['audit', 'list', '--db', join(srv.dir, 'missing.db')], /no database/],
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

test('spire init refuses a path it cannot create', () => {
  const r = spireFail(['init', '--db', '/nonexistent-dir/x/spire.db']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /spire: /);
});

test('backup to an existing file is refused and leaves it alone', () => {
  const to = join(srv.dir, 'existing.db');
  writeFileSync(to, 'do not overwrite');
  const r = spireFail(['backup', '--db', srv.db, '--to', to]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /exists/);
  assert.equal(readFileSync(to, 'utf8'), 'do not overwrite');
  // A SQLite database backed up onto itself (on PostgreSQL the database
  // is no file to write over).
  if (!PG) {
    const r2 = spireFail(['backup', '--db', srv.db, '--to', srv.db]);
    assert.match(r2.stderr, /exists/);
    assert.ok(existsSync(srv.db));
  }
});

test('spire audit list prints the rows after a seq, oldest first, beside a running server', async () => {
  const before = srv.auditHead();
  const officer = await srv.login('officer');
  const p = await officer.post('/api/v1/people', child({ given_name: 'Listed' }));
  assert.equal(p.status, 201);
  const rows = srv.audit({}, before);
  assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => before + 1 + i), 'every row after, in order');
  assert.deepEqual(rows.map((r) => [r.username, r.action]), [['officer', 'login'], ['officer', 'create']]);
  assert.equal(rows[1].record_type, 'person');
  assert.equal(rows[1].record_id, p.body.id);
  assert.equal(rows[1].person_id, p.body.id);
  assert.equal(rows[1].break_glass, false);
  assert.equal(srv.auditHead(), rows[1].seq);
  assert.deepEqual(srv.audit({}, rows[1].seq), []);
});

test('spire user list lines up its columns after a long team name; each action shows its own usage; a missing database is one line', () => {
  const team = 'Youth Justice Service North, Central and the Ridings';
  spire(['team', 'add', '--db', srv.db, '--service', 'youth_justice', '--name', team]);
  spire(['user', 'add', '--db', srv.db, '--username', 'long.team', '--role', 'yjs_officer', '--team', team,
    '--service', 'youth_justice', '--name', 'Long Team'], PASSWORD + '\n');
  const lines = spire(['user', 'list', '--db', srv.db]).trimEnd().split('\n');
  const at = lines.map((l) => l.search(/(status|active|disabled)$/));
  assert.ok(at.every((x) => x === at[0] && x > 0), `the status column is not lined up:\n${lines.join('\n')}`);
  assert.ok(lines.some((l) => l.includes(team)));
  // A mistake in `list` shows list's usage, not add's.
  let r = spireFail(['user', 'list', '--db', srv.db, 'extra']);
  assert.match(r.stderr, /usage: spire user list/);
  assert.doesNotMatch(r.stderr, /spire user add|--role/);
  r = spireFail(['user', 'disable', '--db', srv.db]);
  assert.match(r.stderr, /--username is required\nusage: spire user disable/);
  // No database: one line saying so, and a non-zero exit.
  r = spireFail(['user', 'list', '--db', join(srv.dir, 'missing.db')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^spire: no database at .*missing\.db/);
});

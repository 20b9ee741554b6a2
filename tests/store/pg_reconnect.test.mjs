// PostgreSQL restarted under a running Spire (docs/operations.md, "When
// PostgreSQL restarts"): every connection Spire holds (the writer's and
// each reader's) is lost. Spire makes a lost connection again at the start
// of the next transaction or statement, prepares its statements again, and
// answers as before: reads and writes after the restart succeed without a
// restart of Spire, nothing is written twice, and the server's log says the
// connection was made again. While PostgreSQL is down, requests get 503
// with a JSON body, and nothing else goes wrong.
//
// Runs when SPIRE_TEST_PG is set (scripts/run-tests.sh sets it when
// PostgreSQL 15 is installed); the test starts its own cluster on a Unix
// socket in a temp dir.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Server, spire, created, PASSWORD } from '../api/lib.mjs';

const NO_PG = process.env.SPIRE_TEST_PG ? false
  : 'SPIRE_TEST_PG is not set: no PostgreSQL to restart';
const CLUSTER = resolve('scripts/pg-cluster.sh');
const cluster = (...args) => execFileSync(CLUSTER, args, { encoding: 'utf8' }).trim();

let dir, pgDir, url, srv, admin, officer;

before(async () => {
  if (NO_PG) return;
  dir = mkdtempSync('/tmp/spire-reconnect-');
  chmodSync(dir, 0o755); // the cluster's owner (postgres, as root) reaches in
  pgDir = join(dir, 'p');
  cluster('start', pgDir);
  url = cluster('createdb', pgDir, 'spire');
  const keyFile = join(dir, 'audit-key');
  process.env.SPIRE_AUDIT_KEY_FILE = keyFile;
  spire(['init', '--db', url, '--audit-key', keyFile]);
  spire(['team', 'add', '--db', url, '--service', 'youth_justice', '--name', 'YJ North']);
  spire(['user', 'add', '--db', url, '--username', 'admin', '--role', 'admin', '--name', 'Test admin'], PASSWORD + '\n');
  spire(['user', 'add', '--db', url, '--username', 'officer', '--role', 'yjs_officer', '--name', 'Test officer',
    '--team', 'YJ North', '--service', 'youth_justice'], PASSWORD + '\n');
  srv = await Server.start({ db: url, args: ['--threads', '2'], env: { SPIRE_AUDIT_KEY_FILE: keyFile } });
  [admin, officer] = await srv.loginAll(['admin', 'officer']);
});

after(async () => {
  if (NO_PG) return;
  try {
    if (srv) await srv.stop();
  } finally {
    cluster('stop', pgDir);
    rmSync(dir, { recursive: true, force: true });
  }
});

const person = (n) => ({
  given_name: `Restart${n}`, family_name: 'Child', date_of_birth: '2010-03-04', sex: 'male', ethnicity: 'white_british',
});
const named = async (c, q) => {
  const r = await c.get(`/api/v1/people?q=${q}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.map((p) => p.given_name).sort();
};

test('PostgreSQL restarted: Spire makes its connections again and answers reads and writes', { skip: NO_PG }, async () => {
  await created(officer, '/api/v1/people', person('One'));
  assert.deepEqual(await named(officer, 'Restart'), ['RestartOne']);

  cluster('stop', pgDir);
  // Down: a clear 503 with a JSON body, not a hang or a crash.
  const down = await officer.get('/api/v1/people?q=Restart');
  assert.equal(down.status, 503, down.text);
  assert.match(down.body.error.message, /cannot reach its database/);
  cluster('start', pgDir);

  // Up again: the same sessions read and write with no restart of Spire,
  // on the writer's connection and the readers' alike.
  assert.deepEqual(await named(officer, 'Restart'), ['RestartOne']);
  await created(officer, '/api/v1/people', person('Two'));
  assert.deepEqual(await named(officer, 'Restart'), ['RestartOne', 'RestartTwo'], 'written once, read back');
  const users = await admin.get('/api/v1/users');
  assert.equal(users.status, 200, users.text);

  // A restart with nothing asked while PostgreSQL was down: the first
  // request after it is answered too (the lost connection is found at
  // BEGIN and made again before anything is done in it).
  cluster('stop', pgDir);
  cluster('start', pgDir);
  assert.deepEqual(await named(officer, 'Restart'), ['RestartOne', 'RestartTwo']);
  await created(officer, '/api/v1/people', person('Three'));
  assert.deepEqual(await named(officer, 'Restart'), ['RestartOne', 'RestartThree', 'RestartTwo']);
  assert.match(srv.stderr, /connection to PostgreSQL was lost and has been made again/);

  // The audit trail is whole across both restarts.
  const out = spire(['audit', 'verify', '--db', url]);
  assert.match(out, /^audit trail intact: \d+ rows/);
});

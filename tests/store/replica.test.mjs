// A read replica (issue 11 §2, docs/operations.md "A read replica"): Spire
// on a PostgreSQL primary with `serve --read-replica` naming a real
// streaming replica (pg_basebackup -R, scripts/pg-cluster.sh
// start-replica). Reports and lists are read from the replica: with its
// replay paused, a report still shows the replica's older state while a
// record read (the primary) shows the new record, and the user who wrote
// reads their own write; when the replica stops, Spire answers the same
// report from the primary without an error, and goes back to the replica
// once it answers again.
//
// Runs when SPIRE_TEST_PG is set (scripts/run-tests.sh sets it when
// PostgreSQL 15 is installed); the test starts its own primary and replica
// (a primary must allow replication) on Unix sockets in a temp dir.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Server, spire, created, auditRows, PASSWORD } from '../api/lib.mjs';

const NO_PG = process.env.SPIRE_TEST_PG ? false
  : 'SPIRE_TEST_PG is not set: no PostgreSQL to start a primary and a replica with';
const CLUSTER = resolve('scripts/pg-cluster.sh');
const PSQL = ['/usr/lib/postgresql/15/bin/psql', 'psql'].find((p) => {
  try { execFileSync(p, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
});
const FTE = '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31';

let dir, primaryDir, replicaDir, primary, replica, keyFile, srv;
let writer, reader, caseId, offences;

const cluster = (...args) => execFileSync(CLUSTER, args, { encoding: 'utf8' }).trim();
// One value from sql on the database at url (psql, unaligned).
const sql = (url, text) => execFileSync(PSQL, ['-X', '-At', '-d', url, '-c', text], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Wait until the replica has replayed everything the primary has written.
async function caughtUp() {
  const lsn = sql(primary, 'SELECT pg_current_wal_lsn()');
  for (let i = 0; i < 200; i++) {
    if (sql(replica, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`) === 't') return;
    await sleep(50);
  }
  throw new Error('the replica did not catch up');
}

// Spire's connections on the replica: the URL names them.
const spireOnReplica = () => Number(sql(replica,
  "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'spire-replica-test'"));

async function outcome(c, date) {
  const o = await created(c, '/api/v1/offences', {
    case_id: caseId, offence_date: '2021-01-15', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  return created(c, '/api/v1/outcomes', { case_id: caseId, outcome_type: 'youth_caution', outcome_date: date, offence_ids: [o.id] });
}

async function child(c, n) {
  const p = await created(c, '/api/v1/people', {
    given_name: `Replica${n}`, family_name: 'Child', date_of_birth: '2007-03-03', sex: 'male', ethnicity: 'white_british',
  });
  const k = await created(c, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: c.user.team_id, start_date: '2021-01-01',
  });
  return k.id;
}

before(async () => {
  if (NO_PG) return;
  dir = mkdtempSync('/tmp/spire-replica-');
  chmodSync(dir, 0o755); // the clusters' owner (postgres, as root) reaches in
  primaryDir = join(dir, 'p');
  replicaDir = join(dir, 'r');
  cluster('start', primaryDir);
  const db = cluster('createdb', primaryDir, 'spire');
  primary = db;
  keyFile = join(dir, 'audit-key');
  spire(['init', '--db', db, '--audit-key', keyFile]);
  spire(['team', 'add', '--db', db, '--service', 'youth_justice', '--name', 'YJ North']);
  for (const u of ['manager', 'manager2']) {
    spire(['user', 'add', '--db', db, '--username', u, '--role', 'manager', '--name', `Test ${u}`,
      '--team', 'YJ North', '--service', 'youth_justice'], PASSWORD + '\n');
  }
  // The replica: a base backup of the primary as it is now, streaming.
  cluster('start-replica', replicaDir, primaryDir);
  replica = `${cluster('url', replicaDir, 'spire')}&application_name=spire-replica-test`;
  srv = await Server.start({
    db, args: ['--read-replica', replica, '--threads', '2'],
    env: { SPIRE_AUDIT_KEY_FILE: keyFile, SPIRE_POPULATION: 'data/population.csv' },
  });
  [writer, reader] = await srv.loginAll(['manager', 'manager2']);
  caseId = await child(writer, 1);
  await outcome(writer, '2021-06-01');
  caseId = await child(writer, 2);
  await outcome(writer, '2021-07-01');
  await caughtUp();
});

after(async () => {
  if (NO_PG) return;
  try {
    if (srv) await srv.stop();
  } finally {
    cluster('stop', replicaDir);
    cluster('stop', primaryDir);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('replica: reports and lists are read from the replica, never a user\'s own write', { skip: NO_PG }, async () => {
  let r = await reader.get(FTE);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 2);
  assert.ok(spireOnReplica() >= 1, 'Spire holds a connection to the replica');
  offences = (await reader.get(`/api/v1/offences?case_id=${caseId}`)).body.items.length;
  assert.equal(offences, 1);

  // The replica stops replaying: it keeps the state it has.
  sql(replica, 'SELECT pg_wal_replay_pause()');
  for (let i = 0; i < 100 && sql(replica, 'SELECT pg_get_wal_replay_pause_state()') !== 'paused'; i++) await sleep(50);
  const before = Number(sql(replica, "SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = 'spire'"));
  const o = await outcome(writer, '2021-08-01');

  // A record is read from the primary: there it is, for anyone who may.
  r = await reader.get(`/api/v1/outcomes/${o.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.outcome_date, '2021-08-01');
  // The report and the list, for a user who wrote nothing, come from
  // the paused replica: its older state.
  r = await reader.get(FTE);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 2, 'the replica\'s figure, before the third caution');
  r = await reader.get(`/api/v1/offences?case_id=${caseId}`);
  assert.equal(r.body.items.length, 1, 'the replica\'s list, before the new offence');
  const after = Number(sql(replica, "SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = 'spire'"));
  assert.ok(after > before, `the replica answered queries (${before} to ${after} commits)`);
  // The user who wrote sees their own write: the primary answers them
  // until the replica holds it.
  r = await writer.get(FTE);
  assert.equal(r.body.numerator, 3);
  r = await writer.get(`/api/v1/offences?case_id=${caseId}`);
  assert.equal(r.body.items.length, 2);

  // Replay again: the replica catches up and answers with the new state.
  sql(replica, 'SELECT pg_wal_replay_resume()');
  await caughtUp();
  r = await reader.get(FTE);
  assert.equal(r.body.numerator, 3);
  r = await writer.get(FTE);
  assert.equal(r.body.numerator, 3);
});

test('replica: the children behind a figure come from the replica and are audited on the primary', { skip: NO_PG }, async () => {
  const head = Number(spire(['audit', 'head', '--db', primary]).trim().split(':')[0]) || 0;
  const r = await reader.get(FTE.replace('first-time-entrants?', 'first-time-entrants/children?'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 3);
  const ids = r.body.items.map((x) => x.person_id).sort();
  const rows = auditRows(primary, head, { action: 'list', record_type: 'person', username: 'manager2' });
  assert.deepEqual(rows.map((x) => x.record_id).sort(), ids, 'every child shown is audited');
});

test('replica: when it stops, Spire answers from the primary, and goes back when it answers', { skip: NO_PG }, async () => {
  cluster('stop', replicaDir);
  for (let i = 0; i < 3; i++) {
    const r = await reader.get(FTE);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.numerator, 3);
    const l = await reader.get(`/api/v1/offences?case_id=${caseId}`);
    assert.equal(l.status, 200, l.text);
    assert.equal(l.body.items.length, 2);
  }
  const c = await reader.get(FTE.replace('first-time-entrants?', 'first-time-entrants/children?'));
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.total, 3);
  const down = srv.stderr.match(/read replica is not answering/g) || [];
  assert.equal(down.length, 1, `logged once: ${srv.stderr}`);

  // Started again: after the rest (REPLICA_RETRY_S, 5 s) Spire reads it.
  cluster('start-replica', replicaDir, primaryDir);
  await caughtUp();
  await sleep(5500);
  const r = await reader.get(FTE);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 3);
  assert.match(srv.stderr, /read replica answers again/);
  assert.ok(spireOnReplica() >= 1, 'Spire is connected to the replica again');
});

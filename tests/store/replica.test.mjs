// A read replica (issue 11 §2, docs/operations.md "A read replica"): Spire
// on a PostgreSQL primary with `serve --read-replica` naming a real
// streaming replica (pg_basebackup -R, scripts/pg-cluster.sh
// start-replica). Measures, the children behind a figure, the board pack
// and lists run their queries on the replica (pg_stat_activity there shows
// Spire's connections running them). With the replica's replay paused, a
// figure by team still shows the replica's older state (no new team) while
// the primary shows the new team to anyone, and a user who has just
// written reads the primary. When the replica stops, Spire answers the
// same reads from the primary without an error, logs it once, and goes
// back to the replica once it answers again.
//
// On PostgreSQL nothing a measure counts can be recorded yet (cases,
// alerts and board meetings fail: docs/postgresql-schema.md, max(a, b) in
// the access scope and json_object), so the figure's groups (every team
// of the service) show the replica's state, and a person's alerts are
// checked as a list only once they can be recorded.
//
// Runs when SPIRE_TEST_PG is set (scripts/run-tests.sh sets it when
// PostgreSQL 15 is installed); the test starts its own primary and replica
// (a primary that allows replication) on Unix sockets in a temp dir.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Server, spire, spireFail, created, auditRows, PASSWORD } from '../api/lib.mjs';

const NO_PG = process.env.SPIRE_TEST_PG ? false
  : 'SPIRE_TEST_PG is not set: no PostgreSQL to start a primary and a replica with';
const CLUSTER = resolve('scripts/pg-cluster.sh');
const PSQL = ['/usr/lib/postgresql/15/bin/psql', 'psql'].find((p) => {
  try { execFileSync(p, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
});
const FTE = '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31';

let dir, primaryDir, replicaDir, primary, replica, keyFile, srv;
let admin, writer, reader, person, withLists = false;

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

// Spire's connections to the replica (its URL names them): how many, and
// the start of the last statement any of them ran (pg_stat_activity is
// updated as each statement starts).
const onReplica = () => {
  const [n, last] = sql(replica, "SELECT count(*), COALESCE(extract(epoch FROM max(query_start)), 0) "
    + "FROM pg_stat_activity WHERE application_name = 'spire-replica-test'").split('|');
  return { n: Number(n), last: Number(last) };
};
// Did fn's requests run statements on the replica?
async function ranOnReplica(fn) {
  const before = onReplica().last;
  await sleep(20);
  const out = await fn();
  return { out, ran: onReplica().last > before };
}

const alerts = async (c) => {
  const r = await c.get(`/api/v1/alerts?person_id=${person}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.length;
};
// An alert on person as c: false when PostgreSQL cannot record it yet.
async function alert(c, date) {
  const r = await c.post('/api/v1/alerts', { person_id: person, alert_type: 'risk_to_workers', start_date: date });
  return r.status === 201 && r.body;
}
// The teams a figure by team names, as c sees it.
async function teams(c) {
  const r = await c.get(`${FTE}&by=team`);
  assert.equal(r.status, 200, r.text);
  return r.body.groups.map((g) => g.group).filter((g) => g !== 'no_team').sort();
}
async function children(c) {
  const r = await c.get(FTE.replace('first-time-entrants?', 'first-time-entrants/children?'));
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function pack(c) {
  const r = await c.get('/api/v1/board-pack?quarter=2024/25%20Q1');
  assert.equal(r.status, 200, r.text);
  return r.body.measures.length;
}

before(async () => {
  if (NO_PG) return;
  dir = mkdtempSync('/tmp/spire-replica-');
  chmodSync(dir, 0o755); // the clusters' owner (postgres, as root) reaches in
  primaryDir = join(dir, 'p');
  replicaDir = join(dir, 'r');
  cluster('start', primaryDir);
  primary = cluster('createdb', primaryDir, 'spire');
  keyFile = join(dir, 'audit-key');
  // Every command on a PostgreSQL database names its audit key.
  process.env.SPIRE_AUDIT_KEY_FILE = keyFile;
  spire(['init', '--db', primary, '--audit-key', keyFile]);
  spire(['team', 'add', '--db', primary, '--service', 'youth_justice', '--name', 'YJ North']);
  spire(['user', 'add', '--db', primary, '--username', 'admin', '--role', 'admin', '--name', 'Test admin'], PASSWORD + '\n');
  for (const u of ['manager', 'manager2']) {
    spire(['user', 'add', '--db', primary, '--username', u, '--role', 'manager', '--name', `Test ${u}`,
      '--team', 'YJ North', '--service', 'youth_justice'], PASSWORD + '\n');
  }
  // The replica: a base backup of the primary as it is now, streaming.
  cluster('start-replica', replicaDir, primaryDir);
  replica = `${cluster('url', replicaDir, 'spire')}&application_name=spire-replica-test`;
  srv = await Server.start({
    db: primary, args: ['--read-replica', replica, '--threads', '2'],
    env: { SPIRE_AUDIT_KEY_FILE: keyFile, SPIRE_POPULATION: 'data/population.csv' },
  });
  [admin, writer, reader] = await srv.loginAll(['admin', 'manager', 'manager2']);
  person = (await created(writer, '/api/v1/people', {
    given_name: 'Alerted', family_name: 'Child', date_of_birth: '2008-02-02', sex: 'female', ethnicity: 'white_british',
  })).id;
  withLists = Boolean(await alert(writer, '2024-01-10'));
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

test('replica: reports and lists are read from the replica, never after a user\'s own write', { skip: NO_PG }, async (t) => {
  if (!withLists) t.diagnostic('alerts cannot be recorded on PostgreSQL yet: the list is not checked');
  let x = await ranOnReplica(() => teams(reader));
  assert.deepEqual(x.out, ['YJ North']);
  assert.ok(x.ran, 'the measure ran on the replica');
  assert.ok(onReplica().n >= 1, 'Spire holds a connection to the replica');
  x = await ranOnReplica(() => pack(reader));
  assert.ok(x.out > 5);
  assert.ok(x.ran, 'the board pack ran on the replica');
  if (withLists) {
    x = await ranOnReplica(() => alerts(reader));
    assert.equal(x.out, 1);
    assert.ok(x.ran, 'the list ran on the replica');
  }

  // The replica stops replaying: it keeps the state it has. It first
  // holds every write so far (the writer's own among them), so that the
  // writer, who has written nothing since, is answered by it.
  await caughtUp();
  sql(replica, 'SELECT pg_wal_replay_pause()');
  for (let i = 0; i < 100 && sql(replica, 'SELECT pg_get_wal_replay_pause_state()') !== 'paused'; i++) await sleep(50);
  const yj = (await admin.get('/api/v1/services')).body.items.find((v) => v.code === 'youth_justice').id;
  const east = await created(admin, '/api/v1/teams', { service_id: yj, name: 'YJ East' });

  // Records are read from the primary: there the new team is, for anyone.
  const all = await reader.get('/api/v1/teams');
  assert.equal(all.status, 200, all.text);
  assert.ok(all.body.items.some((v) => v.id === east.id), 'the primary has the new team');
  // The figure, for a user who wrote nothing, comes from the paused
  // replica: its older state, without the new team.
  assert.deepEqual(await teams(reader), ['YJ North'], 'the replica\'s figure, before the new team');
  // A user who has just written reads the primary until the replica
  // holds their write: the writer records an alert (or, where alerts
  // cannot be recorded, a family), then sees the team.
  assert.deepEqual(await teams(writer), ['YJ North'], 'before the writer writes, the replica');
  const more = withLists && await alert(writer, '2024-02-10');
  if (!more) await created(writer, '/api/v1/families', { name: 'Replica family' });
  assert.deepEqual(await teams(writer), ['YJ East', 'YJ North'], 'after their write, the primary');
  if (more) {
    assert.equal(await alerts(writer), 2, 'the writer\'s own new alert, from the primary');
    assert.equal((await reader.get(`/api/v1/alerts/${more.id}`)).status, 200);
    assert.equal(await alerts(reader), 1, 'the replica\'s list, before the new alert');
  }
  assert.deepEqual(await teams(reader), ['YJ North'], 'the others still read the replica');

  // Replaying again, the replica catches up and answers with the new state.
  sql(replica, 'SELECT pg_wal_replay_resume()');
  await caughtUp();
  x = await ranOnReplica(() => teams(reader));
  assert.deepEqual(x.out, ['YJ East', 'YJ North']);
  assert.ok(x.ran);
  x = await ranOnReplica(() => teams(writer));
  assert.deepEqual(x.out, ['YJ East', 'YJ North']);
  assert.ok(x.ran, 'once the replica holds the write, the writer reads it again');
  if (more) assert.equal(await alerts(reader), 2);
});

test('replica: the children behind a figure are read there; what they show is audited on the primary', { skip: NO_PG }, async () => {
  const head = Number(spire(['audit', 'head', '--db', primary]).trim().split(':')[0]) || 0;
  const x = await ranOnReplica(() => children(reader));
  assert.ok(x.ran, 'the facts ran on the replica');
  assert.equal(x.out.total, x.out.items.length);
  const shown = x.out.items.map((c) => c.person_id).sort();
  const rows = auditRows(primary, head, { action: 'list', record_type: 'person' });
  assert.deepEqual(rows.map((c) => c.record_id).sort(), shown, 'every child shown is audited');
});

test('replica: when it stops, Spire answers from the primary, and goes back when it answers', { skip: NO_PG }, async () => {
  cluster('stop', replicaDir);
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(await teams(reader), ['YJ East', 'YJ North']);
    assert.equal((await children(reader)).total, 0);
    assert.ok(await pack(reader) > 5);
    if (withLists) assert.equal(await alerts(reader), 2);
  }
  const down = srv.stderr.match(/read replica is not answering/g) || [];
  assert.equal(down.length, 1, `logged once: ${srv.stderr}`);

  // Started again: after its rest (REPLICA_RETRY_S, 5 s) Spire reads it.
  cluster('start-replica', replicaDir, primaryDir);
  await caughtUp();
  await sleep(5500);
  const x = await ranOnReplica(() => teams(reader));
  assert.deepEqual(x.out, ['YJ East', 'YJ North']);
  assert.ok(x.ran, 'the figure ran on the replica again');
  assert.match(srv.stderr, /read replica answers again/);
});

test('replica: one that does not answer at start-up is no reason not to start', { skip: NO_PG }, async () => {
  const gone = `${cluster('url', join(dir, 'nowhere'), 'spire')}&application_name=spire-replica-test`;
  const other = await Server.start({
    db: primary, args: ['--threads', '2'],
    env: { SPIRE_AUDIT_KEY_FILE: keyFile, SPIRE_READ_REPLICA: gone },
  });
  try {
    const c = await other.login('manager2');
    assert.deepEqual(await teams(c), ['YJ East', 'YJ North']);
    assert.equal((await children(c)).total, 0);
    assert.equal((other.stderr.match(/read replica is not answering/g) || []).length, 1, other.stderr);
  } finally {
    await other.stop();
  }
});

// Without PostgreSQL too: the setting's three spellings reach the server,
// which refuses a replica for a SQLite database.
test('replica: --read-replica, read_replica and SPIRE_READ_REPLICA need a PostgreSQL database', () => {
  const d = mkdtempSync(join(tmpdir(), 'spire-replica-sqlite-'));
  const key = process.env.SPIRE_AUDIT_KEY_FILE; // the PostgreSQL tests'
  delete process.env.SPIRE_AUDIT_KEY_FILE;
  try {
    const db = join(d, 'spire.db');
    spire(['init', '--db', db]);
    const url = 'postgresql:///spire?host=/nonexistent';
    const refused = /read_replica needs a PostgreSQL database/;
    assert.match(spireFail(['serve', '--db', db, '--listen', '127.0.0.1:0', '--read-replica', url]).stderr, refused);
    const conf = join(d, 'spire.ini');
    writeFileSync(conf, `[server]\ndb = ${db}\nread_replica = ${url}\n`);
    assert.match(spireFail(['serve', '--config', conf, '--listen', '127.0.0.1:0']).stderr, refused);
    const saved = process.env.SPIRE_READ_REPLICA;
    process.env.SPIRE_READ_REPLICA = url;
    try {
      assert.match(spireFail(['serve', '--db', db, '--listen', '127.0.0.1:0']).stderr, refused);
    } finally {
      if (saved === undefined) delete process.env.SPIRE_READ_REPLICA; else process.env.SPIRE_READ_REPLICA = saved;
    }
  } finally {
    if (key !== undefined) process.env.SPIRE_AUDIT_KEY_FILE = key;
    rmSync(d, { recursive: true, force: true });
  }
});

// Revocation is immediate although sessions and access-check answers are
// cached (docs/access.md, "Caches and their invalidation"): each test first
// reads a child's record several times, so that on SQLite the session and
// the access answers are in the cache, then changes what they rest on -
// sign-out, `spire user disable` run by another process on the server's
// file, a new team or role, a case re-allocated - and the very next request
// must be answered from the changed store. A cache that answered after the
// change would let these reads through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, spire, created, createdPerson } from './lib.mjs';

let srv, admin, manager, officer, teams;
before(async () => {
  srv = await Server.start();
  [admin, manager, officer] = await srv.loginAll(['admin', 'manager', 'officer']);
  teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
});
after(async () => { await srv.stop(); });

// Read the person three times as c, each a 200 showing their name.
async function warm(c, person) {
  for (let i = 0; i < 3; i++) {
    const r = await c.get(`/api/v1/people/${person.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.given_name, person.given_name);
  }
}

// A new youth justice officer in team, signed in.
let serial = 0;
async function newOfficer(team = 'YJ North') {
  serial += 1;
  const username = `cached_officer${serial}`;
  const r = await admin.post('/api/v1/users', { username, full_name: `Cached Officer ${serial}`,
    role: 'yjs_officer', team_id: teams[team], password: 'kettle-violin-marble-58' });
  assert.equal(r.status, 201, r.text);
  return srv.login(username, 'kettle-violin-marble-58');
}

test('signing out ends the session at the next request, after cached reads', async () => {
  const c = await srv.login('officer');
  const other = await srv.login('officer');
  const p = await createdPerson(c);
  await warm(c, p);
  await warm(other, p);
  assert.equal((await c.delete('/api/v1/session')).status, 200);
  const r = await c.get(`/api/v1/people/${p.id}`);
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.error.code, 'unauthenticated');
  assert.equal((await c.get('/api/v1/session')).status, 401);
  // The other session of the same account carries on.
  await warm(other, p);
});

test('`spire user disable` from the command line, on the running server\'s file, refuses the next request', async () => {
  const c = await srv.login('officer2');
  const p = await createdPerson(c);
  await warm(c, p);
  const me = await c.get('/api/v1/session');
  assert.equal(me.body.user.username, 'officer2');
  // Another process writes the file the server has open.
  assert.match(spire(['user', 'disable', '--db', srv.db, '--username', 'officer2']), /disabled officer2/);
  const r = await c.get(`/api/v1/people/${p.id}`);
  assert.equal(r.status, 401, r.text);
  assert.equal((await c.get('/api/v1/session')).status, 401);
  // Reads by others go on being answered.
  await warm(officer, p);
});

test('a new team takes effect at the next request: the old team\'s child is refused', async () => {
  const c = await newOfficer('YJ North');
  const p = await createdPerson(c); // held by YJ North, the team that made it
  await warm(c, p);
  const u = (await admin.get(`/api/v1/users/${c.user.id}`)).body;
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ South'] });
  assert.equal(r.status, 200, r.text);
  const me = await c.get('/api/v1/session');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.user.team_id, teams['YJ South'], 'the session shows the new team');
  const refused = await c.get(`/api/v1/people/${p.id}`);
  assert.equal(refused.status, 403, refused.text);
  assert.equal(refused.body.error.message, 'This record is outside your caseload. To view it, give a reason');
  // And back: the next request sees the old team again.
  const v = (await admin.get(`/api/v1/users/${u.id}`)).body;
  assert.equal((await admin.patch(`/api/v1/users/${u.id}`, { version: v.version, team_id: teams['YJ North'] })).status, 200);
  await warm(c, p);
});

test('a new role takes effect at the next request', async () => {
  const c = await newOfficer('YJ North');
  const p = await createdPerson(c);
  await warm(c, p);
  const u = (await admin.get(`/api/v1/users/${c.user.id}`)).body;
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, role: 'analyst' });
  assert.equal(r.status, 200, r.text);
  const me = await c.get('/api/v1/session');
  assert.equal(me.body.user.role, 'analyst');
  const refused = await c.get(`/api/v1/people/${p.id}`);
  assert.equal(refused.status, 403, refused.text);
});

test('a case re-allocated away ends the worker\'s access at the next request', async () => {
  const south = await newOfficer('YJ South');
  // Made by YJ North: the South officer sees the child only through the case.
  const p = await createdPerson(officer);
  assert.equal((await south.get(`/api/v1/people/${p.id}`)).status, 403);
  const kase = await created(manager, '/api/v1/cases', { service: 'youth_justice', person_id: p.id,
    team_id: teams['YJ South'], worker_id: south.user.id, start_date: '2024-06-01', reason: 'Referred by police' });
  await warm(south, p);
  const r = await manager.patch(`/api/v1/cases/${kase.id}`, { version: kase.version, team_id: teams['YJ North'],
    worker_id: officer.user.id });
  assert.equal(r.status, 200, r.text);
  const refused = await south.get(`/api/v1/people/${p.id}`);
  assert.equal(refused.status, 403, refused.text);
  // The new worker reads the child.
  await warm(officer, p);
});

test('a reading session\'s idle clock is still kept, and reads after a write see it', async () => {
  // The session row's last_seen moves forward (the "touch") although
  // reads are answered from the cache: a short idle timeout would
  // otherwise end an active session.
  const s = await Server.start({ env: { SPIRE_IDLE_TIMEOUT: '4' } });
  try {
    const c = await s.login('officer');
    const p = await createdPerson(c);
    for (let i = 0; i < 6; i++) {
      await warm(c, p);
      await new Promise((ok) => setTimeout(ok, 1000));
    }
    assert.equal((await c.get(`/api/v1/people/${p.id}`)).status, 200, 'active for 6 s with a 4 s idle timeout');
  } finally {
    await s.stop();
  }
});

test('an audit row written by another process between cached reads: the next read is numbered after it', async () => {
  // A batch of reads writes only the access log and takes the records
  // chain's last number from its last read while the main file is
  // unchanged (docs/audit.md): a row another process adds to the records
  // chain must be seen, or the next read would reuse its number.
  const c = await srv.login('officer');
  const p = await createdPerson(c);
  const spare = await newOfficer();
  await warm(c, p);
  const mark = srv.auditHead();
  assert.match(spire(['user', 'disable', '--db', srv.db, '--username', spare.user.username]), /disabled/);
  const cli = srv.audit({}, mark);
  assert.ok(cli.length >= 1, 'the command line wrote an audit row');
  const r = await c.get(`/api/v1/people/${p.id}`);
  assert.equal(r.status, 200, r.text);
  const rows = srv.audit({}, mark);
  const read = rows.find((x) => x.action === 'read' && x.person_id === p.id);
  assert.ok(read, 'the read is audited');
  for (const x of cli) assert.ok(read.seq > x.seq, `read ${read.seq} after the command line's ${x.seq}`);
  const seqs = rows.map((x) => x.seq);
  assert.equal(new Set(seqs).size, seqs.length, `no number used twice: ${seqs}`);
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /intact/);
});

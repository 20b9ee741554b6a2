// Session 26 attack findings (fixk): keep_cases only with a new role or
// team and only for a role that holds case work; a stale user or team
// change answers as every record does; the outcomes' due list, the merge
// preview and the router name every wrong query parameter at once; a
// measures date outside Spire's years says the range; ?within= reads
// leading zeros alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, admin, officer, manager, analyst, teams;
const fields = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();
const STALE = 'Someone else changed this record while you were working on it. Reload the page to see their changes, then try again';

before(async () => {
  srv = await Server.start();
  [admin, officer, manager, analyst] = await srv.loginAll(['admin', 'officer', 'manager', 'analyst']);
  teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
});
after(async () => { await srv.stop(); });

const account = async (c) => (await admin.get(`/api/v1/users/${c.user.id}`)).body;

test('keep_cases is refused for a role that holds no case work, nothing stored', async () => {
  const p = await createdPerson(officer);
  await created(officer, '/api/v1/cases', { service: 'youth_justice', person_id: p.id,
    team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
  const u = await account(officer);
  const mark = srv.auditHead();
  for (const role of ['admin', 'analyst']) {
    const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, role, keep_cases: true });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fields(r), ['keep_cases']);
    assert.match(r.body.errors[0].message, /hold no case work/);
  }
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await account(officer)).version, u.version);
  assert.equal((await account(officer)).role, u.role);
});

test('keep_cases without a new role or team is refused, nothing stored', async () => {
  const u = await account(officer);
  const mark = srv.auditHead();
  for (const body of [{ keep_cases: true }, { keep_cases: false }, { keep_cases: true, role: u.role, team_id: u.team_id },
    { keep_cases: true, full_name: 'Sam Officer' }]) {
    const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, ...body });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fields(r), ['keep_cases']);
  }
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await account(officer)).version, u.version);
});

test('a stale user or team change answers as every record does; a missing one is 404', async () => {
  const u = await account(analyst);
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'Ana Lyst' });
  assert.equal(r.status, 200, r.text);
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'Ana Lyst Two' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'version');
  assert.equal(r.body.error.message, STALE);
  r = await admin.patch('/api/v1/users/999999', { version: 1, full_name: 'No One' });
  assert.equal(r.status, 404, r.text);
  const t = (await admin.get('/api/v1/teams')).body.items.find((x) => x.id === teams['YJ South']);
  // A rename to the name it has is no change (session 27): rename it,
  // and back.
  r = await admin.patch(`/api/v1/teams/${t.id}`, { version: t.version, name: 'YJ South (renamed)' });
  assert.equal(r.status, 200, r.text);
  r = await admin.patch(`/api/v1/teams/${t.id}`, { version: t.version, name: 'YJ South' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.message, STALE);
  r = await admin.patch(`/api/v1/teams/${t.id}`, { version: t.version + 1, name: 'YJ South' });
  assert.equal(r.status, 200, r.text);
});

test('the outcomes due list names every wrong parameter at once, as /due does', async () => {
  const q = 'within=abc&scope=bogus&overdue=maybe&limit=-1&offset=x';
  for (const path of ['/api/v1/outcomes/due', '/api/v1/due']) {
    const r = await officer.get(`${path}?${q}`);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fields(r), ['limit', 'offset', 'overdue', 'scope', 'within'], path);
    // An unknown parameter is named alongside the handler's own.
    const u = await officer.get(`${path}?within=abc&colour=red`);
    assert.equal(u.status, 400, u.text);
    assert.deepEqual(fields(u), ['colour', 'within'], path);
  }
});

test('within reads leading zeros alike, up to six digits', async () => {
  for (const w of ['007', '0007', '000028']) {
    const r = await officer.get(`/api/v1/outcomes/due?within=${w}`);
    assert.equal(r.status, 200, `${w}: ${r.text}`);
  }
  const r = await officer.get('/api/v1/outcomes/due?within=0000007');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['within']);
});

test('the merge preview names every wrong field at once, the unknown one too', async () => {
  const r = await manager.get('/api/v1/people/merges/preview?kept_id=abc&merged_id=-1&x=1');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['kept_id', 'merged_id', 'x']);
  // Several unknown parameters are all named.
  const u = await manager.get('/api/v1/people/merges/preview?kept_id=1&merged_id=2&x=1&y=2');
  assert.equal(u.status, 400, u.text);
  assert.deepEqual(fields(u), ['x', 'y']);
});

test('a measures date outside the years Spire keeps says the range', async () => {
  const r = await analyst.get('/api/v1/measures/first-time-entrants?from=9980-01-01&to=1899-12-31');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['from', 'to']);
  const msg = Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
  assert.equal(msg.from, 'The start of the period must be between 1900 and 2100');
  assert.equal(msg.to, 'The end of the period must be between 1900 and 2100');
  const bad = await analyst.get('/api/v1/measures/first-time-entrants?from=2024-02-30&to=2025-01-01');
  assert.equal(bad.body.errors[0].message, 'Enter a real date for the start of the period');
});

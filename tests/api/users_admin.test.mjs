// Admin changes to an account (PATCH /api/v1/users/{id}): name, role, team
// and a password reset that ends the user's sessions; a role must fit the
// team's service; a role or team change waits until the user's open cases
// are re-allocated (409 naming the cases); every wrong field named at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, PASSWORD, created, createdPerson } from './lib.mjs';

let srv, admin, officer, officer2, teams;
const fields = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();

before(async () => {
  srv = await Server.start();
  [admin, officer, officer2] = await srv.loginAll(['admin', 'officer', 'officer2']);
  teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
});
after(async () => { await srv.stop(); });

const account = async (c) => (await admin.get(`/api/v1/users/${c.user.id}`)).body;

test('an admin changes a name, and a role and team that fit', async () => {
  let u = await account(officer2);
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'Olu Adeyemi' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.full_name, 'Olu Adeyemi');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: r.body.version, role: 'parent_worker', team_id: teams['YJ South'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.role, 'parent_worker');
  assert.equal(r.body.team_id, teams['YJ South']);
  assert.ok(srv.audit({ action: 'update', record_type: 'user', record_id: u.id }).length >= 2);
  u = await account(officer2);
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, role: 'yjs_officer', team_id: teams['YJ North'] });
  assert.equal(r.status, 200, r.text);
});

test('a role that does not fit the team\'s service is refused, naming the field', async () => {
  const u = await account(officer2);
  const mark = srv.auditHead();
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, role: 'fgc_coordinator' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['role']);
  assert.equal(r.body.errors[0].message, 'FGC coordinator is not a role in Youth justice teams. Choose another role or team');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['Early Help East'] });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['team_id']);
  // And when adding an account.
  r = await admin.post('/api/v1/users', { username: 'misfit', full_name: 'Mis Fit', role: 'yjs_officer',
    team_id: teams['Early Help East'], password: 'a-Long-unusual-pass-9' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['role']);
  assert.deepEqual(srv.changesSince(mark), []);
});

test('every wrong field at once, nothing stored', async () => {
  const u = await account(officer2);
  const mark = srv.auditHead();
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: '', role: 'wizard', team_id: 'x', password: 'short', colour: 'red' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['colour', 'full_name', 'password', 'role', 'team_id']);
  assert.deepEqual(srv.changesSince(mark), []);
});

test('a role or team change waits until open cases are re-allocated, counting them and naming who manages the team', async () => {
  const p = await createdPerson(officer);
  const kase = await created(officer, '/api/v1/cases', { service: 'youth_justice', person_id: p.id,
    team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
  const u = await account(officer);
  const mark = srv.auditHead();
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ South'] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'team_id');
  // Session 27: no case number (the admin may open none of them), but
  // how many and who may re-allocate them.
  assert.equal(r.body.error.message, 'They hold 1 open case. Ask Test manager, who manages YJ North, to re-allocate it first, then change their team');
  assert.doesNotMatch(r.body.error.message, new RegExp(`\\(cases? |cases? ${kase.id}\\b`));
  // What the Users page asks about before disabling them.
  const shown = (await admin.get(`/api/v1/users/${u.id}`)).body;
  assert.equal(shown.open_cases, 1);
  assert.equal(shown.open_tasks, 0);
  assert.deepEqual(shown.team_managers, ['Test manager']);
  assert.equal((await officer.get(`/api/v1/users/${u.id}`)).body.open_cases, undefined, 'only an admin is told');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, role: 'manager' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'role');
  assert.equal(r.body.error.message, 'They hold 1 open case. Ask Test manager, who manages YJ North, to re-allocate it first, then change their role');
  // "Keep their cases" must be a yes or no; nothing is stored.
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ South'], keep_cases: 'yes' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'keep_cases');
  // A name change is not held up.
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'Sam Officer' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(srv.changesSince(mark), [`update user ${u.id}`]);
  // Re-allocated, the move goes through.
  const k = (await officer.get(`/api/v1/cases/${kase.id}`)).body;
  const re = await officer.patch(`/api/v1/cases/${kase.id}`, { version: k.version, worker_id: officer2.user.id });
  assert.equal(re.status, 200, re.text);
  const v = await account(officer);
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: v.version, team_id: teams['YJ South'] });
  assert.equal(r.status, 200, r.text);
});

test('a worker seconded to another team keeps their open cases when the admin says so', async () => {
  const p = await createdPerson(officer2);
  const kase = await created(officer2, '/api/v1/cases', { service: 'youth_justice', person_id: p.id,
    team_id: officer2.user.team_id, worker_id: officer2.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
  const u = await account(officer2);
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ South'], keep_cases: true });
  assert.equal(r.status, 200, r.text);
  const again = await srv.login('officer2');
  const k = await again.get(`/api/v1/cases/${kase.id}`);
  assert.equal(k.status, 200, k.text);
  assert.equal(k.body.worker_id, u.id, 'still their case');
});

test('a password reset ends the user\'s sessions at once', async () => {
  const target = await srv.login('officer_south');
  assert.equal((await target.get(`/api/v1/users/${target.user.id}`)).status, 200);
  const u = await account(target);
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, password: 'Another-long-pass-42' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await target.get(`/api/v1/users/${target.user.id}`)).status, 401);
  await assert.rejects(srv.login('officer_south', PASSWORD));
  const again = await srv.login('officer_south', 'Another-long-pass-42');
  assert.equal(again.user.id, u.id);
  assert.equal(srv.audit({ action: 'update_password', record_id: u.id }).length, 1);
});

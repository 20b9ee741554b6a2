// Session 27 fixes to accounts and teams (an attack and a walk): disable
// and enable read {version}; a no-op writes nothing; team names are
// unique whatever their case or spaces, across services; one-line text is
// trimmed; refusals name the right managers; a disabled account is told so
// once the password is right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, PASSWORD, created, createdPerson, spireFail } from './lib.mjs';

let srv, admin, officer, officerSouth, manager, teams;
const fields = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();
const account = async (id) => (await admin.get(`/api/v1/users/${id}`)).body;
const team = async (name) => (await admin.get('/api/v1/teams')).body.items.find((t) => t.name === name);

before(async () => {
  srv = await Server.start();
  [admin, officer, officerSouth, manager] = await srv.loginAll(['admin', 'officer', 'officer_south', 'manager']);
  teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
});
after(async () => { await srv.stop(); });

test('disable and enable check the version, refuse unknown fields, and a no-op writes nothing', async () => {
  const u = await created(admin, '/api/v1/users', { username: 'leaver', full_name: 'Lee Leaver', role: 'analyst', password: 'a-Long-unusual-pass-9' });
  let mark = srv.auditHead();
  let r = await admin.post(`/api/v1/users/${u.id}/disable`, { version: 999 });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'version');
  assert.match(r.body.error.message, /^Someone else changed this record/);
  r = await admin.post(`/api/v1/users/${u.id}/disable`, { version: u.version, colour: 'red' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['colour']);
  r = await admin.post(`/api/v1/users/${u.id}/disable`, {});
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['version']);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await account(u.id)).disabled, false);

  r = await admin.post(`/api/v1/users/${u.id}/disable`, { version: u.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.disabled, true);
  const v = r.body.version;
  // Disabling it again: the account unchanged, no change row.
  mark = srv.auditHead();
  r = await admin.post(`/api/v1/users/${u.id}/disable`, { version: v });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, v);
  assert.equal(r.body.disabled, true);
  assert.deepEqual(srv.changesSince(mark), []);
  // Enabling at a stale version is refused; at the one shown it works.
  r = await admin.post(`/api/v1/users/${u.id}/enable`, { version: v - 1 });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'version');
  r = await admin.post(`/api/v1/users/${u.id}/enable`, { version: v });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.disabled, false);
  mark = srv.auditHead();
  r = await admin.post(`/api/v1/users/${u.id}/enable`, { version: r.body.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, v + 1);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await admin.post('/api/v1/users/999999/disable', { version: 1 })).status, 404);
});

test('a disabled account is told so after the right password, and only then', async () => {
  const u = await created(admin, '/api/v1/users', { username: 'gone', full_name: 'Gone Away', role: 'analyst', password: 'a-Long-unusual-pass-9' });
  assert.equal((await admin.post(`/api/v1/users/${u.id}/disable`, { version: u.version })).status, 200);
  const mark = srv.auditHead();
  let r = await srv.anon.post('/api/v1/session', { username: 'gone', password: 'a-Long-unusual-pass-9' });
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.error.field, 'username');
  assert.equal(r.body.error.message, 'Your account has been disabled. Ask your manager or an administrator to enable it');
  r = await srv.anon.post('/api/v1/session', { username: 'gone', password: 'not-the-password-9' });
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.error.field ?? null, null);
  assert.equal(r.body.error.message, 'The username or password is not right');
  assert.equal(srv.audit({ action: 'login_failed', record_id: u.id }, mark).length, 2);
});

test('team names are unique whatever their case or spaces, across services, naming the field', async () => {
  const north = await team('YJ North');
  const mark = srv.auditHead();
  for (const name of ['yj south', ' YJ South', 'YJ South', 'early help east']) {
    const r = await admin.patch(`/api/v1/teams/${north.id}`, { version: north.version, name });
    assert.equal(r.status, 409, `${name}: ${r.text}`);
    assert.equal(r.body.error.field, 'name');
    assert.equal(r.body.error.message, `There is already a team called ${name.trim().toLowerCase() === 'yj south' ? 'YJ South' : 'Early Help East'}`);
  }
  let r = await admin.post('/api/v1/teams', { service_code: 'early_help', name: ' yj north ' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'name');
  assert.equal(r.body.error.message, 'There is already a team called YJ North');
  const cli = spireFail(['team', 'add', '--db', srv.db, '--service', 'youth_justice', '--name', 'YJ NORTH']);
  assert.match(cli.stderr, /There is already a team called YJ North/);
  assert.deepEqual(srv.changesSince(mark), []);
  // Its own name in another case is a rename; spaces round a name go.
  r = await admin.patch(`/api/v1/teams/${north.id}`, { version: north.version, name: ' YJ north ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, 'YJ north');
  r = await admin.patch(`/api/v1/teams/${north.id}`, { version: r.body.version, name: 'YJ North' });
  assert.equal(r.status, 200, r.text);
  r = await admin.post('/api/v1/teams', { service_code: 'youth_justice', name: '  YJ West ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.name, 'YJ West');
});

test('one-line text is stored trimmed, and spaces alone are no change', async () => {
  const p = await createdPerson(officer, { given_name: ' Kit ' });
  assert.equal(p.given_name, 'Kit');
  const mark = srv.auditHead();
  let r = await officer.patch(`/api/v1/people/${p.id}`, { version: p.version, given_name: 'Kit ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, p.version);
  assert.deepEqual(srv.changesSince(mark), []);
  const u = await created(admin, '/api/v1/users', { username: 'spacey', full_name: ' Sam Space ', role: 'analyst', password: 'a-Long-unusual-pass-9' });
  assert.equal(u.full_name, 'Sam Space');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'Sam Space  ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, u.version);
});

test('a refusal names who may really re-allocate the work, never the person changed, and no one left out', async () => {
  const p = await createdPerson(officerSouth);
  await created(officerSouth, '/api/v1/cases', { service: 'youth_justice', person_id: p.id,
    team_id: teams['YJ South'], worker_id: officerSouth.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
  let u = await account(officerSouth.user.id);
  // YJ South has no manager: the service's managers, said to be so.
  assert.deepEqual(u.team_managers, ['Test manager (YJ North)']);
  assert.equal(u.team_managers_of, 'the youth justice service');
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ North'] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.message, 'They hold 1 open case and no one else manages YJ South. Ask a manager of '
    + 'the youth justice service: Test manager (YJ North), to re-allocate it first, then change their team');
  // The only manager of a team is not named as who moves their own work.
  const m = await account(manager.user.id);
  assert.ok(!m.team_managers.includes('Test manager'), JSON.stringify(m.team_managers));
  // Five managers: three named, and the others counted.
  for (const n of [1, 2, 3, 4, 5]) {
    await created(admin, '/api/v1/users', { username: `southmgr${n}`, full_name: `South Manager ${n}`, role: 'manager',
      team_id: teams['YJ South'], password: PASSWORD });
  }
  u = await account(officerSouth.user.id);
  assert.equal(u.team_managers.length, 5);
  assert.equal(u.team_managers_of, null);
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, team_id: teams['YJ North'] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.message, 'They hold 1 open case. Ask South Manager 1, South Manager 2, South Manager 3 '
    + 'and 2 others, who manage YJ South, to re-allocate it first, then change their team');
});

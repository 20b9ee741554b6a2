// Users, teams and services API: who may list and change accounts,
// validation naming the field with nothing stored, password policy,
// duplicate usernames, and disabling ending sessions at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, PASSWORD } from './lib.mjs';

let srv, admin, officer, manager, analyst;
before(async () => {
  srv = await Server.start();
  admin = await srv.login('admin');
  officer = await srv.login('officer');
  manager = await srv.login('manager');
  analyst = await srv.login('analyst');
});
after(async () => { await srv.stop(); });

async function teamId(name) {
  const r = await admin.get('/api/v1/teams');
  return r.body.items.find((t) => t.name === name).id;
}

async function allUsernames() {
  const r = await admin.get('/api/v1/users?limit=200');
  assert.equal(r.status, 200);
  return r.body.items.map((u) => u.username).sort();
}

function newUser(extra = {}) {
  return { username: 'newbie', full_name: 'New Officer', role: 'yjs_officer', password: 'a-Long-unusual-pass-9', ...extra };
}

test('an admin lists every user, filtered by team and enabled; no secrets', async () => {
  const r = await admin.get('/api/v1/users');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 12);
  assert.equal(r.body.has_more, false);
  for (const u of r.body.items) assert.equal(u.password_hash, undefined);
  const north = await teamId('YJ North');
  const t = await admin.get(`/api/v1/users?team_id=${north}`);
  assert.deepEqual(t.body.items.map((u) => u.username).sort(), ['manager', 'officer', 'officer2', 'parentworker']);
  const page = await admin.get('/api/v1/users?limit=5&offset=10');
  assert.equal(page.body.items.length, 2);
  const bad = await admin.get('/api/v1/users?team_id=abc');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'team_id');
  const badEnabled = await admin.get('/api/v1/users?enabled=maybe');
  assert.equal(badEnabled.status, 400);
  assert.equal(badEnabled.body.error.field, 'enabled');
});

test('casework roles see only active colleagues of their own service', async () => {
  const r = await officer.get('/api/v1/users');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((u) => u.username).sort(),
    ['manager', 'officer', 'officer2', 'officer_south', 'parentworker']);
  // A filter cannot widen the view.
  const eh = await teamId('Early Help East');
  const w = await officer.get(`/api/v1/users?team_id=${eh}`);
  assert.equal(w.status, 200);
  assert.equal(w.body.items.length, 0);
  const m = await (await srv.login('manager_eh')).get('/api/v1/users');
  assert.deepEqual(m.body.items.map((u) => u.username).sort(), ['fgc', 'hub', 'manager_eh', 'social']);
});

test('analysts and parents cannot list users', async () => {
  assert.equal((await analyst.get('/api/v1/users')).status, 403);
  assert.equal((await (await srv.login('parent')).get('/api/v1/users')).status, 403);
  assert.equal((await srv.anon.get('/api/v1/users')).status, 401);
});

test('only admins create users; others get 403 and nothing is stored', async () => {
  const north = await teamId('YJ North');
  for (const c of [officer, manager, analyst]) {
    const r = await c.post('/api/v1/users', newUser({ username: 'sneaky', team_id: north }));
    assert.equal(r.status, 403, r.text);
  }
  assert.ok(!(await allUsernames()).includes('sneaky'));
});

test('bad input gets 400 naming the field, and nothing is stored', async () => {
  const north = await teamId('YJ North');
  const before = await allUsernames();
  const cases = [
    [newUser({ username: undefined, team_id: north }), 'username'],
    [newUser({ username: 'Has Space', team_id: north }), 'username'],
    [newUser({ username: 'ab', team_id: north }), 'username'],
    [newUser({ full_name: '', team_id: north }), 'full_name'],
    [newUser({ role: 'wizard', team_id: north }), 'role'],
    [newUser({}), 'team_id'],
    [newUser({ team_id: 99999 }), 'team_id'],
    [newUser({ team_id: 'north' }), 'team_id'],
    [newUser({ team_id: north, shoe_size: 9 }), 'shoe_size'],
    [newUser({ team_id: north, password: undefined }), 'password'],
    [newUser({ team_id: north, password: 'short-pw' }), 'password'],
    [newUser({ team_id: north, password: 'Password1234' }), 'password'],
    [newUser({ team_id: north, password: 'coventry1234' }), 'password'],
    [newUser({ team_id: north, password: 'xxnewbiexx-long' }), 'password'],
    [newUser({ role: 'parent', person_id: 424242 }), 'role'],
    [newUser({ team_id: north, person_id: 1 }), 'person_id'],
  ];
  for (const [body, field] of cases) {
    const r = await admin.post('/api/v1/users', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} -> ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  assert.deepEqual(await allUsernames(), before);
});

test('every field error of a user or team comes back together', async () => {
  const before = await allUsernames();
  const fields = (r) => r.body.errors.map((x) => x.field).sort();
  const c = await admin.post('/api/v1/users', { username: 5, full_name: '', role: 'god', team_id: 'x', password: 'a' });
  assert.equal(c.status, 400, c.text);
  assert.deepEqual(fields(c), ['full_name', 'password', 'role', 'team_id', 'username'], c.text);
  assert.equal(c.body.error.field, 'username', 'the first error is the first field');
  assert.ok(c.body.errors.every((x) => x.message), c.text);
  assert.deepEqual(await allUsernames(), before);

  const north = await teamId('YJ North');
  const u = await admin.post('/api/v1/users', newUser({ username: 'allerrs', team_id: north }));
  assert.equal(u.status, 201, u.text);
  const p = await admin.patch(`/api/v1/users/${u.body.id}`, { version: 1, full_name: '', role: 'king', team_id: 'x', password: 'a' });
  assert.equal(p.status, 400, p.text);
  assert.deepEqual(fields(p), ['full_name', 'password', 'role', 'team_id'], p.text);

  const t = await admin.post('/api/v1/teams', { name: '' });
  assert.equal(t.status, 400, t.text);
  assert.deepEqual(fields(t), ['name', 'service_id'], t.text);
  const t2 = await admin.post('/api/v1/teams', { name: 'A\nB', service_code: 'nowhere' });
  assert.deepEqual(fields(t2), ['name', 'service_code'], t2.text);
  const teams = await admin.get('/api/v1/teams');
  const tp = await admin.patch(`/api/v1/teams/${teams.body.items[0].id}`, { name: '' });
  assert.equal(tp.status, 400, tp.text);
  assert.deepEqual(fields(tp), ['name', 'version'], tp.text);
});

test('an admin creates a user who can then sign in; duplicates get 409', async () => {
  const north = await teamId('YJ North');
  const r = await admin.post('/api/v1/users', newUser({ username: 'created1', team_id: north }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, 'created1');
  assert.equal(r.body.role, 'yjs_officer');
  assert.equal(r.body.team_id, north);
  assert.equal(r.body.team_name, 'YJ North');
  assert.equal(r.body.version, 1);
  assert.equal(r.body.disabled, false);
  assert.equal(r.body.password_hash, undefined);
  const c = await srv.login('created1', 'a-Long-unusual-pass-9');
  assert.equal(c.user.role, 'yjs_officer');
  const dup = await admin.post('/api/v1/users', newUser({ username: 'created1', full_name: 'Other', team_id: north }));
  assert.equal(dup.status, 409, dup.text);
  assert.equal(dup.body.error.field, 'username');
  const dupCase = await admin.post('/api/v1/users', newUser({ username: 'officer', team_id: north }));
  assert.equal(dupCase.status, 409);
  const g = await admin.get(`/api/v1/users/${r.body.id}`);
  assert.equal(g.body.full_name, 'New Officer');
});

test('a user reads their own account; only admins read others', async () => {
  const me = officer.user.id;
  const own = await officer.get(`/api/v1/users/${me}`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.body.username, 'officer');
  const other = await officer.get(`/api/v1/users/${manager.user.id}`);
  assert.equal(other.status, 403);
  const parent = await srv.login('parent');
  assert.equal((await parent.get(`/api/v1/users/${parent.user.id}`)).status, 200);
  assert.equal((await admin.get(`/api/v1/users/${me}`)).status, 200);
  assert.equal((await admin.get('/api/v1/users/999999')).status, 404);
});

test('PATCH needs the current version; stale versions change nothing', async () => {
  const north = await teamId('YJ North');
  const south = await teamId('YJ South');
  const c = await admin.post('/api/v1/users', newUser({ username: 'patchme', team_id: north }));
  const id = c.body.id;
  const noVersion = await admin.patch(`/api/v1/users/${id}`, { full_name: 'X' });
  assert.equal(noVersion.status, 400);
  assert.equal(noVersion.body.error.field, 'version');
  const ok = await admin.patch(`/api/v1/users/${id}`, { version: 1, full_name: 'Moved Officer', team_id: south });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, 2);
  assert.equal(ok.body.team_name, 'YJ South');
  const stale = await admin.patch(`/api/v1/users/${id}`, { version: 1, full_name: 'Lost Update' });
  assert.equal(stale.status, 409);
  const badRole = await admin.patch(`/api/v1/users/${id}`, { version: 2, role: 'king' });
  assert.equal(badRole.status, 400);
  assert.equal(badRole.body.error.field, 'role');
  const weak = await admin.patch(`/api/v1/users/${id}`, { version: 2, password: 'password1234' });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.error.field, 'password');
  const noTeam = await admin.patch(`/api/v1/users/${id}`, { version: 2, team_id: null });
  assert.equal(noTeam.status, 400);
  assert.equal(noTeam.body.error.field, 'team_id');
  const unknown = await admin.patch(`/api/v1/users/${id}`, { version: 2, username: 'renamed' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'username');
  const g = await admin.get(`/api/v1/users/${id}`);
  assert.equal(g.body.full_name, 'Moved Officer');
  assert.equal(g.body.role, 'yjs_officer');
  assert.equal(g.body.version, 2);
  const byManager = await manager.patch(`/api/v1/users/${id}`, { version: 2, full_name: 'Nope' });
  assert.equal(byManager.status, 403);
  const self = await admin.patch(`/api/v1/users/${admin.user.id}`, { version: 1, role: 'analyst' });
  assert.equal(self.status, 400);
  assert.equal(self.body.error.field, 'role');
  assert.equal((await admin.patch('/api/v1/users/999999', { version: 1 })).status, 404);
});

test('disabling a user ends their sessions at once; enabling lets them back', async () => {
  const north = await teamId('YJ North');
  const c = await admin.post('/api/v1/users', newUser({ username: 'leaver', team_id: north }));
  const leaver = await srv.login('leaver', 'a-Long-unusual-pass-9');
  const second = await srv.login('leaver', 'a-Long-unusual-pass-9');
  assert.equal((await leaver.get('/api/v1/session')).status, 200);
  assert.equal((await officer.post(`/api/v1/users/${c.body.id}/disable`)).status, 403);
  assert.equal((await leaver.get('/api/v1/session')).status, 200);
  const d = await admin.post(`/api/v1/users/${c.body.id}/disable`, { version: (await admin.get(`/api/v1/users/${c.body.id}`)).body.version });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.disabled, true);
  assert.equal((await leaver.get('/api/v1/session')).status, 401);
  assert.equal((await second.get('/api/v1/users')).status, 401);
  const again = await srv.anon.post('/api/v1/session', { username: 'leaver', password: 'a-Long-unusual-pass-9' });
  assert.equal(again.status, 401);
  const enabledOnly = await admin.get(`/api/v1/users?team_id=${north}&enabled=1`);
  assert.ok(!enabledOnly.body.items.some((u) => u.username === 'leaver'));
  assert.ok(!(await officer.get('/api/v1/users')).body.items.some((u) => u.username === 'leaver'));
  const en = await admin.post(`/api/v1/users/${c.body.id}/enable`, { version: (await admin.get(`/api/v1/users/${c.body.id}`)).body.version });
  assert.equal(en.status, 200);
  assert.equal(en.body.disabled, false);
  assert.equal((await leaver.get('/api/v1/session')).status, 401, 'old sessions stay ended');
  await srv.login('leaver', 'a-Long-unusual-pass-9');
  const self = await admin.post(`/api/v1/users/${admin.user.id}/disable`, { version: (await admin.get(`/api/v1/users/${admin.user.id}`)).body.version });
  assert.equal(self.status, 400);
  assert.equal((await admin.post('/api/v1/users/999999/disable', { version: 1 })).status, 404);
});

test('an officer is locked out the moment an admin disables them', async () => {
  const officer2 = await srv.login('officer2');
  assert.equal((await officer2.get('/api/v1/users')).status, 200);
  const d = await admin.post(`/api/v1/users/${officer2.user.id}/disable`, { version: (await admin.get(`/api/v1/users/${officer2.user.id}`)).body.version });
  assert.equal(d.status, 200);
  const r = await officer2.get('/api/v1/users');
  assert.equal(r.status, 401);
  assert.equal((await srv.anon.post('/api/v1/session', { username: 'officer2', password: PASSWORD })).status, 401);
  await admin.post(`/api/v1/users/${officer2.user.id}/enable`, { version: (await admin.get(`/api/v1/users/${officer2.user.id}`)).body.version });
});

test('teams and services: any staff reads, only admins change', async () => {
  const s = await officer.get('/api/v1/services');
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.body.items.map((x) => x.code).sort(),
    ['childrens_social_care', 'early_help', 'family_hub', 'fgc', 'parenting', 'youth_justice']);
  const yj = s.body.items.find((x) => x.code === 'youth_justice').id;
  const t = await analyst.get(`/api/v1/teams?service_id=${yj}`);
  assert.equal(t.status, 200);
  assert.deepEqual(t.body.items.map((x) => x.name).sort(), ['YJ North', 'YJ South']);
  assert.equal((await (await srv.login('parent')).get('/api/v1/teams')).status, 403);
  assert.equal((await officer.get('/api/v1/teams?service_id=x')).status, 400);

  assert.equal((await manager.post('/api/v1/teams', { service_id: yj, name: 'YJ East' })).status, 403);
  const missing = await admin.post('/api/v1/teams', { service_id: yj });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'name');
  const noService = await admin.post('/api/v1/teams', { service_id: 999, name: 'Ghost' });
  assert.equal(noService.status, 400);
  assert.equal(noService.body.error.field, 'service_id');
  const c = await admin.post('/api/v1/teams', { service_id: yj, name: 'YJ East' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.service_code, 'youth_justice');
  assert.equal(c.body.version, 1);
  const dup = await admin.post('/api/v1/teams', { service_code: 'youth_justice', name: 'YJ East' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.field, 'name');
  const names = (await admin.get(`/api/v1/teams?service_id=${yj}`)).body.items.map((x) => x.name).sort();
  assert.deepEqual(names, ['YJ East', 'YJ North', 'YJ South']);

  const p = await admin.patch(`/api/v1/teams/${c.body.id}`, { version: 1, name: 'YJ East & Central' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.version, 2);
  assert.equal(p.body.name, 'YJ East & Central');
  const stale = await admin.patch(`/api/v1/teams/${c.body.id}`, { version: 1, name: 'Lost' });
  assert.equal(stale.status, 409);
  const bad = await admin.patch(`/api/v1/teams/${c.body.id}`, { version: 2, service_id: 3 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'service_id');
  assert.equal((await admin.patch('/api/v1/teams/99999', { version: 1, name: 'X' })).status, 404);
  assert.equal((await officer.patch(`/api/v1/teams/${c.body.id}`, { version: 2, name: 'Mine' })).status, 403);
  const after = (await admin.get(`/api/v1/teams?service_id=${yj}`)).body.items.find((x) => x.id === c.body.id);
  assert.equal(after.name, 'YJ East & Central');
  assert.equal(after.version, 2);
});

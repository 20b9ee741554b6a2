// /api/v1/tasks: tasks with due dates and owners; "my tasks", "my team's
// overdue tasks", a case's tasks; done, cancelled, corrected; scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, officer2, south, manager, social, admin;
let north, southTeam, kid, southKid, caseN, caseS;
const PAST = '2024-01-10';
const FUTURE = '2099-01-10';

const task = (c, body) => created(c, '/api/v1/tasks', body);
const ids = (r) => r.body.items.map((t) => t.id);

before(async () => {
  srv = await Server.start();
  [officer, officer2, south, manager, social, admin] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'social', 'admin']);
  north = officer.user.team_id;
  southTeam = south.user.team_id;
  kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'Stone' });
  southKid = await createdPerson(south, { given_name: 'Sol', family_name: 'Hart' });
  caseN = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: north, worker_id: officer.user.id, start_date: '2022-12-01' });
  caseS = await created(south, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: southKid.id, team_id: southTeam, worker_id: south.user.id, start_date: '2022-12-01' });
});
after(async () => { await srv.stop(); });

test('create a task: owner and team default to me; a case adds the child', async () => {
  const t = await task(officer, { title: 'Write pre-sentence report', due_date: FUTURE });
  assert.equal(t.version, 1);
  assert.equal(t.owner_id, officer.user.id);
  assert.equal(t.owner_name, 'Test officer');
  assert.equal(t.team_id, north);
  assert.equal(t.team_name, 'YJ North');
  assert.equal(t.status, 'open');
  assert.equal(t.overdue, false);
  assert.equal(t.case_id, null);
  assert.equal(t.child_name, null);
  assert.equal(t.done_at, null);

  const c = await task(officer, { case_id: caseN.id, title: 'Chase CAMHS', details: 'Referral sent in May', due_date: PAST, owner_id: officer2.user.id });
  assert.equal(c.case_id, caseN.id);
  assert.equal(c.person_id, kid.id);
  assert.equal(c.child_name, 'Kai Stone');
  assert.equal(c.owner_id, officer2.user.id);
  assert.equal(c.details, 'Referral sent in May');
  assert.equal(c.overdue, true);
  assert.equal(srv.audit({ action: 'create', record_type: 'task', record_id: c.id, person_id: kid.id }).length, 1);

  const g = await officer.get(`/api/v1/tasks/${c.id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.overdue, true);
  assert.equal(g.body.child_name, 'Kai Stone');
  assert.equal(srv.audit({ action: 'read', record_type: 'task', record_id: c.id, person_id: kid.id }).length, 1);

  // A manager allocates work anywhere in their service, to a member of that team.
  const m = await task(manager, { title: 'Cover South caseload', due_date: FUTURE, team_id: southTeam, owner_id: south.user.id });
  assert.equal(m.team_id, southTeam);
  assert.equal(m.owner_id, south.user.id);
});

test('invalid tasks are refused naming the field, and nothing is stored', async () => {
  const before = srv.auditHead();
  const mineBefore = (await officer.get('/api/v1/tasks?mine=1&limit=200')).body.items.length;
  const cases = [
    [officer, { due_date: FUTURE }, 400, 'title'],
    [officer, { title: ' ', due_date: FUTURE }, 400, 'title'],
    [officer, { title: 'x'.repeat(201), due_date: FUTURE }, 400, 'title'],
    [officer, { title: 'Due', due_date: '2024-02-30' }, 400, 'due_date'],
    [officer, { title: 'Due' }, 400, 'due_date'],
    [officer, { title: 'Due', due_date: FUTURE, owner_id: south.user.id }, 400, 'owner_id'],
    [officer, { title: 'Due', due_date: FUTURE, owner_id: 999999 }, 400, 'owner_id'],
    [officer, { title: 'Due', due_date: FUTURE, owner_id: 'me' }, 400, 'owner_id'],
    [officer, { title: 'Due', due_date: FUTURE, team_id: southTeam }, 403, 'team_id'],
    [officer, { title: 'Due', due_date: FUTURE, case_id: 999999 }, 400, 'case_id'],
    [officer, { title: 'Due', due_date: FUTURE, case_id: caseS.id }, 403, 'case_id'],
    [officer, { title: 'Due', due_date: FUTURE, status: 'done' }, 400, 'status'],
    [officer, { title: 'Due', due_date: FUTURE, contact_id: 1 }, 400, 'contact_id'],
    [manager, { title: 'Due', due_date: FUTURE, team_id: southTeam }, 400, 'owner_id'],
    [manager, { title: 'Due', due_date: FUTURE, team_id: social.user.team_id, owner_id: social.user.id }, 403, 'team_id'],
  ];
  for (const [c, body, status, field] of cases) {
    const r = await c.post('/api/v1/tasks', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${JSON.stringify(body)}: ${r.body.error.message}`);
  }
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal((await officer.get('/api/v1/tasks?mine=1&limit=200')).body.items.length, mineBefore);
  assert.equal((await admin.post('/api/v1/tasks', { title: 'Due', due_date: FUTURE })).status, 403);
});

test('my tasks, my team\'s overdue tasks, a case\'s tasks: filtered and ordered by due date', async () => {
  const mk = (c, body) => task(c, { due_date: FUTURE, ...body });
  const a = await mk(officer, { title: 'L-mine overdue', due_date: '2023-05-01', case_id: caseN.id });
  const b = await mk(officer, { title: 'L-mine later', due_date: '2098-01-01' });
  const c = await mk(officer2, { title: 'L-colleague overdue', due_date: '2023-04-01' });
  const d = await mk(officer, { title: 'L-for colleague', due_date: '2023-06-01', owner_id: officer2.user.id, case_id: caseN.id });
  const s = await mk(south, { title: 'L-south overdue', due_date: '2023-01-01', case_id: caseS.id });
  const done = await mk(officer, { title: 'L-done', due_date: '2023-02-01' });
  assert.equal((await officer.post(`/api/v1/tasks/${done.id}/done`, { version: 1 })).status, 200);

  const mine = await officer.get('/api/v1/tasks?mine=1&limit=200');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.items.every((t) => t.owner_id === officer.user.id));
  const mineL = mine.body.items.filter((t) => t.title.startsWith('L-'));
  assert.deepEqual(mineL.map((t) => t.id), [done.id, a.id, b.id]);
  assert.deepEqual(mineL.map((t) => t.overdue), [false, true, false]);
  assert.equal(mineL[1].child_name, 'Kai Stone');
  assert.equal(mineL[0].child_name, null);
  const dues = mine.body.items.map((t) => t.due_date);
  assert.deepEqual(dues, [...dues].sort());

  const teamOverdue = await officer.get('/api/v1/tasks?team=1&overdue=1&limit=200');
  assert.equal(teamOverdue.status, 200, teamOverdue.text);
  assert.ok(teamOverdue.body.items.every((t) => t.team_id === north && t.status === 'open' && t.overdue === true));
  const teamL = teamOverdue.body.items.filter((t) => t.title.startsWith('L-'));
  assert.deepEqual(teamL.map((t) => t.id), [c.id, a.id, d.id]);
  assert.ok(!ids(teamOverdue).includes(s.id));
  assert.ok(!ids(teamOverdue).includes(done.id));

  const openMine = await officer.get('/api/v1/tasks?mine=1&status=open&limit=200');
  assert.ok(!ids(openMine).includes(done.id));
  const doneMine = await officer.get('/api/v1/tasks?mine=1&status=done&limit=200');
  assert.ok(ids(doneMine).includes(done.id));
  assert.ok(doneMine.body.items.every((t) => t.status === 'done'));

  const byCase = await officer.get(`/api/v1/tasks?case_id=${caseN.id}&limit=200`);
  assert.equal(byCase.status, 200, byCase.text);
  assert.ok(byCase.body.items.every((t) => t.case_id === caseN.id && t.child_name === 'Kai Stone'));
  assert.ok(ids(byCase).includes(a.id) && ids(byCase).includes(d.id));
  const mineOnCase = await officer2.get(`/api/v1/tasks?case_id=${caseN.id}&mine=1&limit=200`);
  assert.deepEqual(mineOnCase.body.items.map((t) => t.owner_id).filter((o) => o !== officer2.user.id), []);
  assert.ok(ids(mineOnCase).includes(d.id));

  // The other team sees only its own.
  const southTeamL = await south.get('/api/v1/tasks?team=1&limit=200');
  assert.ok(southTeamL.body.items.every((t) => t.team_id === southTeam));
  assert.ok(ids(southTeamL).includes(s.id));
  assert.ok(!ids(southTeamL).includes(a.id));
  const peek = await south.get(`/api/v1/tasks?case_id=${caseN.id}`);
  assert.equal(peek.status, 403, peek.text);
  assert.equal(peek.body.error.field, 'case_id');

  // Paging.
  const p1 = await officer.get('/api/v1/tasks?team=1&limit=2');
  assert.equal(p1.body.items.length, 2);
  assert.equal(p1.body.has_more, true);
  const p2 = await officer.get('/api/v1/tasks?team=1&limit=2&offset=2');
  assert.notDeepEqual(ids(p2), ids(p1));

  // Each task shown is audited, about its child where it has one.
  assert.ok(srv.audit({ action: 'list', record_type: 'task', record_id: a.id, person_id: kid.id }).length >= 1);

  for (const [q, field] of [['', 'mine'], ['?mine=1&status=lost', 'status'], ['?mine=maybe', 'mine'], ['?case_id=abc', 'case_id'], ['?team=1&limit=500', 'limit']]) {
    const r = await officer.get(`/api/v1/tasks${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.body.error.field, field, q);
  }
});

test('done and cancelled: recorded with version checks; finished tasks no longer change', async () => {
  const t = await task(officer, { title: 'Finish me', due_date: PAST });
  const extra = await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 1, title: 'sneaky' });
  assert.equal(extra.status, 400);
  assert.equal(extra.body.error.field, 'title');
  const stale = await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 7 });
  assert.equal(stale.status, 409, stale.text);
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.status, 'open');
  const d = await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 1 });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.status, 'done');
  assert.equal(d.body.version, 2);
  assert.ok(d.body.done_at);
  assert.equal(d.body.overdue, false);
  const again = await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 2 });
  assert.equal(again.status, 409, again.text);
  const edit = await officer.patch(`/api/v1/tasks/${t.id}`, { version: 2, title: 'Reopen' });
  assert.equal(edit.status, 409, edit.text);
  const cancel = await officer.post(`/api/v1/tasks/${t.id}/close`, { version: 2, reason: 'Changed my mind' });
  assert.equal(cancel.status, 409, cancel.text);
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.status, 'done');

  const c = await task(officer, { title: 'Cancel me', due_date: PAST });
  const noReason = await officer.post(`/api/v1/tasks/${c.id}/close`, { version: 1 });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  const x = await officer.post(`/api/v1/tasks/${c.id}/close`, { version: 1, reason: 'No longer needed' });
  assert.equal(x.status, 200, x.text);
  assert.equal(x.body.status, 'cancelled');
  assert.equal(x.body.closed_reason, 'No longer needed');
  assert.equal(x.body.overdue, false);
  const cancelled = await officer.get('/api/v1/tasks?mine=1&status=cancelled&limit=200');
  assert.ok(ids(cancelled).includes(c.id));
  const overdue = await officer.get('/api/v1/tasks?mine=1&overdue=1&limit=200');
  assert.ok(!ids(overdue).includes(c.id) && !ids(overdue).includes(t.id));
  assert.equal((await officer.post(`/api/v1/tasks/${c.id}/done`, { version: 2 })).status, 409);
  // One change each after creation, the refused ones none (the earlier
  // versions they keep: tests/store/history.test.mjs).
  assert.deepEqual(srv.changes({ record_type: 'task', record_id: t.id }), ['create', 'update']);
  assert.deepEqual(srv.changes({ record_type: 'task', record_id: c.id }), ['create', 'close']);
});

test('correct a task: owner a practitioner, stale version is 409 and changes nothing', async () => {
  const t = await task(officer, { title: 'Reassign me', due_date: FUTURE, case_id: caseN.id });
  const r = await officer.patch(`/api/v1/tasks/${t.id}`, { version: 1, owner_id: officer2.user.id, due_date: '2097-03-03', details: 'Over to you' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.owner_id, officer2.user.id);
  assert.equal(r.body.owner_name, 'Test officer2');
  assert.equal(r.body.due_date, '2097-03-03');
  assert.equal(r.body.title, 'Reassign me');
  const stale = await officer.patch(`/api/v1/tasks/${t.id}`, { version: 1, title: 'Lost update' });
  assert.equal(stale.status, 409, stale.text);
  for (const [body, status, field] of [
    [{ version: 2, owner_id: admin.user.id }, 400, 'owner_id'],
    [{ version: 2, team_id: southTeam }, 403, 'team_id'],
    [{ version: 2, case_id: caseS.id }, 400, 'case_id'],
    [{ version: 2, due_date: 'soon' }, 400, 'due_date'],
    [{ version: 2, owner_id: null }, 400, 'owner_id'],
  ]) {
    const b = await officer.patch(`/api/v1/tasks/${t.id}`, body);
    assert.equal(b.status, status, `${JSON.stringify(body)}: ${b.text}`);
    assert.equal(b.body.error.field, field);
  }
  const g = await officer.get(`/api/v1/tasks/${t.id}`);
  assert.equal(g.body.version, 2);
  assert.equal(g.body.title, 'Reassign me');
  assert.equal(g.body.owner_id, officer2.user.id);
  // The new owner may now finish it.
  assert.equal((await officer2.post(`/api/v1/tasks/${t.id}/done`, { version: 2 })).status, 200);
});

test('scope: another team cannot open or change a team\'s tasks', async () => {
  const t = await task(officer, { title: 'North business', due_date: FUTURE });
  const onCase = await task(officer, { title: 'North case business', due_date: FUTURE, case_id: caseN.id });
  assert.equal((await officer2.get(`/api/v1/tasks/${t.id}`)).status, 200);
  for (const id of [t.id, onCase.id]) {
    assert.equal((await south.get(`/api/v1/tasks/${id}`)).status, 403);
    assert.equal((await south.patch(`/api/v1/tasks/${id}`, { version: 1, title: 'Mine now' })).status, 403);
    assert.equal((await south.post(`/api/v1/tasks/${id}/done`, { version: 1 })).status, 403);
    assert.equal((await south.post(`/api/v1/tasks/${id}/close`, { version: 1, reason: 'Not needed at all' })).status, 403);
    assert.equal((await social.get(`/api/v1/tasks/${id}`)).status, 403);
    assert.equal((await admin.get(`/api/v1/tasks/${id}`)).status, 403);
  }
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.version, 1);
  assert.equal((await manager.get(`/api/v1/tasks/${onCase.id}`)).status, 200);
  assert.equal((await officer.get('/api/v1/tasks/999999')).status, 404);
});

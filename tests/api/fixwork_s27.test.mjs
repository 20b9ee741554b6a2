// Session 27 (fixwork): the team's pages when a worker is disabled or
// moved. The workload, the caseload and the case say whether the worker's
// account is disabled (worker_disabled) and, when an admin moved them to
// another team and they kept their cases, the team they are in now
// (worker_moved_to); nothing else of the account (docs/team-week.md "A
// worker disabled or moved").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, TEAMS, created, createdPerson, daleFamilyWithOrder, ukDay, PARENTING_TEAM } from './lib.mjs';

let srv, admin, manager, officer, officer2, parentworker, teams;

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM] });
  [admin, manager, officer, officer2, parentworker] = await srv.loginAll(['admin', 'manager', 'officer', 'officer2', 'parentworker']);
  teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
});
after(async () => { await srv.stop(); });

const openCase = async (c) => {
  const p = await createdPerson(c);
  return created(c, '/api/v1/cases', { service: 'youth_justice', person_id: p.id, team_id: teams['YJ North'],
    worker_id: c.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
};
const account = async (c) => (await admin.get(`/api/v1/users/${c.user.id}`)).body;
const INTERNAL = ['worker_team_id', 'worker_team_name', 'worker_team_service', 'worker_role_now'];

test('a disabled worker and a moved one are marked on the workload, the caseload and the case', async () => {
  const kept = await openCase(officer);
  const left = await openCase(officer2);
  const unallocated = await created(manager, '/api/v1/cases', { service: 'youth_justice',
    person_id: (await createdPerson(manager)).id, team_id: teams['YJ North'], start_date: '2024-01-15', reason: 'Referred' });
  assert.ok(unallocated.id);

  // Before: nobody is marked.
  let load = (await manager.get(`/api/v1/teams/${teams['YJ North']}/workload`)).body;
  for (const w of load.workers) {
    assert.equal(w.worker_disabled, false, w.worker_name);
    assert.equal(w.worker_moved_to, null, w.worker_name);
  }

  let r = await admin.post(`/api/v1/users/${officer2.user.id}/disable`, { version: (await account(officer2)).version });
  assert.equal(r.status, 200, r.text);
  const u = await account(officer);
  r = await admin.patch(`/api/v1/users/${officer.user.id}`, { version: u.version, team_id: teams['YJ South'], keep_cases: true });
  assert.equal(r.status, 200, r.text);

  load = (await manager.get(`/api/v1/teams/${teams['YJ North']}/workload`)).body;
  const row = (id) => load.workers.find((w) => w.worker_id === id);
  assert.equal(row(officer2.user.id).worker_disabled, true);
  assert.equal(row(officer2.user.id).worker_moved_to, null);
  assert.equal(row(officer.user.id).worker_disabled, false);
  assert.equal(row(officer.user.id).worker_moved_to, 'YJ South');
  assert.equal(row(manager.user.id).worker_moved_to, null);
  for (const w of load.workers) for (const k of INTERNAL) assert.ok(!(k in w), k);
  // The unallocated row is no worker's.
  for (const k of ['worker_disabled', 'worker_moved_to', 'worker_id', 'role']) assert.ok(!(k in load.unallocated), k);

  const rows = (await manager.get(`/api/v1/teams/${teams['YJ North']}/caseload`)).body.items;
  const of = (id) => rows.find((c) => c.id === id);
  assert.equal(of(left.id).worker_disabled, true);
  assert.equal(of(left.id).worker_moved_to, null);
  assert.equal(of(kept.id).worker_disabled, false);
  assert.equal(of(kept.id).worker_moved_to, 'YJ South');
  assert.equal(of(unallocated.id).worker_disabled, false);
  assert.equal(of(unallocated.id).worker_moved_to, null);
  for (const c of rows) for (const k of INTERNAL) assert.ok(!(k in c), k);

  // The case page, and the caseload filtered to the disabled worker.
  let c = (await manager.get(`/api/v1/cases/${left.id}`)).body;
  assert.equal(c.worker_disabled, true);
  c = (await manager.get(`/api/v1/cases/${kept.id}`)).body;
  assert.equal(c.worker_moved_to, 'YJ South');
  assert.equal(c.worker_disabled, false);
  for (const k of INTERNAL) assert.ok(!(k in c), k);
  r = await manager.get(`/api/v1/teams/${teams['YJ North']}/caseload?worker_id=${officer2.user.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((x) => x.id), [left.id]);
  // The cases list says so too.
  const list = (await manager.get(`/api/v1/cases?person_id=${left.person_id}`)).body.items;
  assert.equal(list[0].worker_disabled, true);
});

test('a parent worker sitting in a youth justice team has not moved: their parents\' cases are the parenting team\'s', async () => {
  const { mum, yjCase } = await daleFamilyWithOrder(manager);
  const support = await created(parentworker, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: ukDay(-5), start_date: ukDay(-5),
  });
  const c = (await parentworker.get(`/api/v1/cases/${support.case_id}`)).body;
  assert.equal(c.team_id, teams['Parenting Team']);
  assert.equal(c.worker_id, parentworker.user.id);
  assert.equal(c.worker_moved_to, null);
  assert.equal(c.worker_disabled, false);
});

// Every earlier version is kept: what the history table and the kept
// link rows hold after changes made through the API. No route shows a
// record's history yet, so these look at the database file (moved here from
// the API tests of tasks, consents, contacts, cases, families, people,
// offences and outcomes, which now see the same changes in the audit trail).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, sql, count } from './lib.mjs';

let srv, officer, manager, kid, kase, mum;
const history = (type, id) => sql(srv.db,
  `SELECT data FROM history WHERE record_type = '${type}' AND record_id = ${id} ORDER BY version`)
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));

before(async () => {
  srv = await Server.start();
  [officer, manager] = await srv.loginAll(['officer', 'manager']);
  kid = await createdPerson(officer, { given_name: 'Rhys', family_name: 'Owen' });
  mum = await createdPerson(officer, { given_name: 'Dawn', family_name: 'Owen', date_of_birth: '1980-01-01' });
  kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-01',
  });
});
after(async () => { await srv.stop(); });

test('a task done or cancelled keeps its open version', async () => {
  const task = (title) => created(officer, '/api/v1/tasks', { case_id: kase.id, title, due_date: '2024-01-01' });
  const t = await task('Do me');
  const c = await task('Cancel me');
  assert.equal((await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 1 })).status, 200);
  assert.equal((await officer.post(`/api/v1/tasks/${t.id}/done`, { version: 2 })).status, 409);
  assert.equal((await officer.post(`/api/v1/tasks/${c.id}/close`, { version: 1, reason: 'No longer needed' })).status, 200);
  assert.equal((await officer.post(`/api/v1/tasks/${c.id}/done`, { version: 2 })).status, 409);
  assert.equal(count(srv.db, 'history', `record_type = 'task' AND record_id IN (${t.id}, ${c.id})`), 2);
  assert.equal(history('task', t.id)[0].status, 'open');
});

test('a consent corrected keeps the version before', async () => {
  const c = await created(officer, '/api/v1/consents', {
    person_id: kid.id, agency: 'Health visitor', purpose: 'Attendance', lawful_basis: 'consent', given_on: '2024-04-02',
  });
  const u = await officer.patch(`/api/v1/consents/${c.id}`, { version: 1, agency: 'School nurse' });
  assert.equal(u.status, 200, u.text);
  const h = history('consent', c.id);
  assert.equal(h.length, 1);
  assert.equal(h[0].agency, 'Health visitor');
  assert.equal(h[0].version, 1);
});

test('a contact corrected keeps its version before and its old attendees, marked removed', async () => {
  const parentworker = await srv.login('parentworker');
  const c = await created(officer, '/api/v1/contacts', {
    case_id: kase.id, contact_date: '2024-05-02T10:30:00Z', contact_type: 'home_visit', joint: false,
    summary: 'First draft', attendees: { people: [kid.id], practitioners: [officer.user.id] },
  });
  const r = await officer.patch(`/api/v1/contacts/${c.id}`, {
    version: 1, summary: 'Corrected', attendees: { people: [kid.id, mum.id], practitioners: [parentworker.user.id] },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(count(srv.db, 'contact_attendees', `contact_id = ${c.id}`), 5);
  assert.equal(count(srv.db, 'contact_attendees', `contact_id = ${c.id} AND removed_at IS NOT NULL`), 2);
  const h = history('contact', c.id);
  assert.equal(h[0].summary, 'First draft');
  assert.equal(h[0].version, 1);
});

test('a case moved to another team keeps the version in the team before', async () => {
  const teams = (await manager.get('/api/v1/teams')).body.items;
  const north = teams.find((t) => t.name === 'YJ North').id;
  const southTeam = teams.find((t) => t.name === 'YJ South').id;
  const south = (await manager.get(`/api/v1/users?team_id=${southTeam}&limit=200`)).body.items.find((u) => u.username === 'officer_south');
  // A child of its own: a child has one open youth justice case at a time
  // (session 24), and kid has one already.
  const moved = await createdPerson(officer, { given_name: 'Morgan', family_name: 'Moved', date_of_birth: '2009-02-02' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'YRO', person_id: moved.id, team_id: north, worker_id: officer.user.id, start_date: '2024-06-01',
  });
  assert.equal((await officer.patch(`/api/v1/cases/${c.id}`, { version: 1, reason: 'YRO, reallocated' })).status, 200);
  const mv = await manager.patch(`/api/v1/cases/${c.id}`, { version: 2, team_id: southTeam, worker_id: south.id });
  assert.equal(mv.status, 200, mv.text);
  assert.equal(sql(srv.db, `SELECT json_extract(data, '$.team_id') FROM history WHERE record_type = 'case' AND record_id = ${c.id} AND version = 2`), String(north));
});

test('a refused close of a person writes no history; a close and a reopen each keep a version', async () => {
  const p = await createdPerson(officer, { given_name: 'Closing', family_name: 'Record', date_of_birth: '2009-05-05' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: officer.user.team_id, start_date: '2024-04-01',
  });
  assert.equal((await officer.post(`/api/v1/people/${p.id}/close`, { version: 1, reason: 'Moved out of the area' })).status, 409);
  assert.equal(count(srv.db, 'history', `record_type = 'person' AND record_id = ${p.id}`), 0);
  assert.equal((await officer.post(`/api/v1/cases/${c.id}/close`, { version: 1, reason: 'Moved out of the area' })).status, 200);
  assert.equal((await officer.post(`/api/v1/people/${p.id}/close`, { version: 1, reason: 'Entered in error' })).status, 200);
  const closed = count(srv.db, 'history', `record_type = 'person' AND record_id = ${p.id}`);
  assert.equal((await officer.post(`/api/v1/people/${p.id}/reopen`, { version: 2, reason: 'Not a duplicate after all' })).status, 200);
  assert.equal(count(srv.db, 'history', `record_type = 'person' AND record_id = ${p.id}`), closed + 1);
});

test('a family changed keeps its old notes; closing it ends its memberships with its reason, each kept', async () => {
  const f = await created(officer, '/api/v1/families', { name: 'Versioned', notes: 'one' });
  assert.equal((await officer.patch(`/api/v1/families/${f.id}`, { version: 1, notes: 'two' })).status, 200);
  assert.equal(sql(srv.db, `SELECT json_extract(data, '$.notes') FROM history WHERE record_type = 'family' AND record_id = ${f.id}`), 'one');
  const a = await created(officer, `/api/v1/families/${f.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const b = await created(officer, `/api/v1/families/${f.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id,
  });
  assert.equal((await officer.post(`/api/v1/families/${f.id}/close`, { version: 2, reason: 'Ended' })).status, 200);
  assert.equal(count(srv.db, 'family_members', `family_id = ${f.id} AND closed_at IS NULL`), 0);
  assert.equal(sql(srv.db, `SELECT DISTINCT closed_reason FROM family_members WHERE family_id = ${f.id}`), 'Ended');
  assert.equal(count(srv.db, 'history', `record_type = 'family_member' AND record_id IN (${a.id}, ${b.id})`), 2);
  // Reopened, each membership it brings back keeps another version.
  assert.equal((await officer.post(`/api/v1/families/${f.id}/reopen`, { version: 3, reason: 'Closed by mistake' })).status, 200);
  assert.equal(count(srv.db, 'history', `record_type = 'family_member' AND record_id = ${a.id}`), 2);
});

test('an offence corrected keeps its version before; an outcome relinked keeps the old link, marked removed', async () => {
  const offence = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  assert.equal((await officer.patch(`/api/v1/offences/${offence.id}`, { version: 1, gravity: 4 })).status, 200);
  assert.equal(count(srv.db, 'history', `record_type = 'offence' AND record_id = ${offence.id}`), 1);
  assert.equal(history('offence', offence.id)[0].gravity, 2);
  const yro = await created(officer, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'youth_rehabilitation_order', outcome_date: '2024-04-10', start_date: '2024-04-12',
    planned_end_date: '2025-04-11', offence_ids: [offence.id], yro_requirements: ['supervision'],
  });
  const second = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-03-02', description: 'Second shop theft', category: 'theft', gravity: 2,
  });
  assert.equal((await officer.patch(`/api/v1/outcomes/${yro.id}`, { version: 1, offence_ids: [second.id] })).status, 200);
  assert.equal(count(srv.db, 'yj_outcome_offences', `outcome_id = ${yro.id} AND offence_id = ${offence.id} AND removed_at IS NULL`), 0);
  assert.ok(count(srv.db, 'yj_outcome_offences', `outcome_id = ${yro.id} AND offence_id = ${offence.id}`) >= 1, 'the old link stays, marked removed');
});

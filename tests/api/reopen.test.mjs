// Reopening a record closed (as entered in error or otherwise): POST
// /api/v1/{people,cases,families,offences,outcomes,victims}/{id}/reopen
// with {version, reason}. Audited with its reason, version-checked, the
// same authorisation as closing; what is not closed, or belongs to a
// record that is still closed, is refused with 409 naming it. The figures
// coming back are tested in measures.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, south, parentworker;
let kid, kase, offence;

// A record's version as its owner's team reads it through the API.
const PATHS = { people: 'people', yj_offences: 'offences', yj_victims: 'victims', families: 'families', cases: 'cases' };
const version = async (table, id) => {
  const r = await officer.get(`/api/v1/${PATHS[table]}/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body.version;
};
const close = async (c, path, table, id, reason = 'Entered in error') => {
  const r = await c.post(`/api/v1/${path}/${id}/close`, { version: await version(table, id), reason });
  assert.equal(r.status, 200, r.text);
  return r.body;
};

before(async () => {
  srv = await Server.start();
  [officer, south, parentworker] = await srv.loginAll(['officer', 'officer_south', 'parentworker']);
  kid = await createdPerson(officer, { given_name: 'Ria', family_name: 'Open', date_of_birth: '2008-02-02' });
  kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  offence = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
});
after(async () => { await srv.stop(); });

test('reopen: a person record comes back open, audited with the reason, its history kept', async () => {
  const p = await createdPerson(officer, { given_name: 'Dup', family_name: 'Licate' });
  await close(officer, 'people', 'people', p.id, 'Entered in error: duplicate');
  const changesBefore = srv.changes({ record_type: 'person', record_id: p.id });
  const r = await officer.post(`/api/v1/people/${p.id}/reopen`, { version: await version('people', p.id), reason: 'Not a duplicate after all' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.closed_at, null);
  assert.equal(r.body.closed_reason, null);
  assert.equal(r.body.version, 3);
  // The reopening is in the audit trail, with its reason (the closed row
  // kept in history: tests/store/history.test.mjs).
  assert.deepEqual(srv.changes({ record_type: 'person', record_id: p.id }), [...changesBefore, 'reopen']);
  assert.deepEqual(srv.audit({ action: 'reopen', record_type: 'person', record_id: p.id }).map((x) => x.reason),
    ['Not a duplicate after all']);
  // It can be changed again.
  const u = await officer.patch(`/api/v1/people/${p.id}`, { version: 3, preferred_name: 'D' });
  assert.equal(u.status, 200, u.text);
});

test('reopen: refused when not closed, stale, without a reason, or by someone who may not close it', async () => {
  const p = await createdPerson(officer, { given_name: 'Not', family_name: 'Closed' });
  let r = await officer.post(`/api/v1/people/${p.id}/reopen`, { version: p.version, reason: 'Why not' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'closed_at');
  assert.doesNotMatch(r.body.error.message, /[a-z]+_[a-z]+/);
  await close(officer, 'people', 'people', p.id);
  const v = await version('people', p.id);
  // Stale version: 409, nothing changed.
  r = await officer.post(`/api/v1/people/${p.id}/reopen`, { version: v - 1, reason: 'Closed by mistake' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'version');
  // Every error of the body together: no reason, an unknown key, no version.
  r = await officer.post(`/api/v1/people/${p.id}/reopen`, { colour: 'red' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['colour', 'reason', 'version']);
  for (const e of r.body.errors) assert.doesNotMatch(e.message, /[a-z]+_[a-z]+|YYYY/, e.message);
  // Someone outside the child's team may not close it, so may not reopen it.
  r = await south.post(`/api/v1/people/${p.id}/reopen`, { version: v, reason: 'Closed by mistake' });
  assert.equal(r.status, 403, r.text);
  assert.notEqual((await officer.get(`/api/v1/people/${p.id}`)).body.closed_at, null, 'still closed');
  assert.equal(await version('people', p.id), v);
  // A record kind that cannot be reopened has no such route.
  r = await officer.post('/api/v1/contacts/1/reopen', { version: 1, reason: 'x' });
  assert.equal(r.status, 404, r.text);
});

test('reopen: an offence only by the youth justice service, and a victim only while its offence is open', async () => {
  const victim = await createdPerson(officer, { given_name: 'Vee', family_name: 'Tim' });
  const extra = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-03-02', description: 'Criminal damage', category: 'criminal_damage', gravity: 3,
  });
  const v = await created(officer, '/api/v1/victims', { offence_id: extra.id, victim_id: victim.id });
  await close(officer, 'victims', 'yj_victims', v.id);
  await close(officer, 'offences', 'yj_offences', extra.id);
  // A parent worker may not close youth justice records, so not reopen them.
  let r = await parentworker.post(`/api/v1/offences/${extra.id}/reopen`, { version: await version('yj_offences', extra.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 403, r.text);
  // The victim record belongs to the offence, still closed: 409 naming it.
  r = await officer.post(`/api/v1/victims/${v.id}/reopen`, { version: await version('yj_victims', v.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'offence_id');
  assert.match(r.body.error.message, /Reopen the offence first/);
  r = await officer.post(`/api/v1/offences/${extra.id}/reopen`, { version: await version('yj_offences', extra.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.closed_at, null);
  r = await officer.post(`/api/v1/victims/${v.id}/reopen`, { version: await version('yj_victims', v.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
  const list = await officer.get(`/api/v1/victims?case_id=${kase.id}`);
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.some((x) => x.id === v.id), 'the reopened victim is listed again');
});

test('reopen: a case gets back its status and end date; a family gets back the members its closing ended', async () => {
  // (Another child than kase's: a child has one open youth justice case at a time.)
  const other = await createdPerson(officer, { given_name: 'Rob', family_name: 'Open', date_of_birth: '2008-02-02' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: other.id, team_id: officer.user.team_id, start_date: '2024-01-01',
  });
  const closed = await close(officer, 'cases', 'cases', c.id, 'Order completed');
  assert.equal(closed.status, 'closed');
  assert.ok(closed.end_date);
  let r = await officer.post(`/api/v1/cases/${c.id}/reopen`, { version: closed.version, reason: 'Closed the wrong case' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'open');
  assert.equal(r.body.end_date, null);
  assert.equal(r.body.closure_reason, null);

  const fam = await created(officer, '/api/v1/families', { name: 'Open family' });
  const mum = await createdPerson(officer, { given_name: 'Mum', family_name: 'Open', date_of_birth: '1980-01-01' });
  const a = await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const b = await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id,
  });
  // Mum's membership ended before the family closed: it stays ended.
  r = await officer.post(`/api/v1/family-members/${b.id}/close`, { version: b.version, reason: 'Moved out' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual((await officer.get(`/api/v1/families/${fam.id}`)).body.members.map((m) => m.id), [a.id]);
  await close(officer, 'families', 'families', fam.id, 'Entered in error');
  const closedFam = await officer.get(`/api/v1/families/${fam.id}`);
  assert.deepEqual(closedFam.body.members, [], 'no membership open');
  const head = srv.auditHead();
  r = await officer.post(`/api/v1/families/${fam.id}/reopen`, { version: await version('families', fam.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.closed_at, null);
  assert.deepEqual(r.body.members.map((m) => m.id), [a.id]);
  // The membership it brought back is in the audit trail, with the reason.
  assert.deepEqual(srv.changesSince(head), [`reopen family ${fam.id}`, `reopen family_member ${a.id}`]);
  assert.deepEqual(srv.audit({ action: 'reopen', record_type: 'family_member' }, head).map((x) => [x.person_id, x.reason]),
    [[kid.id, 'Closed by mistake']]);
  // (Each membership reopened has its own history row:
  // tests/store/history.test.mjs.)
});

test('a case is changed, closed or reopened only by a role that works in its service', async () => {
  const child = await createdPerson(officer, { given_name: 'Sol', family_name: 'Service', date_of_birth: '2009-05-05' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: child.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  // The parent worker, in the same team, sees the youth justice case...
  let r = await parentworker.get(`/api/v1/cases/${c.id}`);
  assert.equal(r.status, 200, r.text);
  // ...but does not open youth justice cases, so may not change, end or revive one.
  r = await parentworker.patch(`/api/v1/cases/${c.id}`, { version: await version('cases', c.id), reason: 'Changed' });
  assert.equal(r.status, 403, r.text);
  r = await parentworker.post(`/api/v1/cases/${c.id}/close`, { version: await version('cases', c.id), reason: 'Entered in error' });
  assert.equal(r.status, 403, r.text);
  assert.doesNotMatch(r.body.error.message, /_/);
  await close(officer, 'cases', 'cases', c.id);
  r = await parentworker.post(`/api/v1/cases/${c.id}/reopen`, { version: await version('cases', c.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 403, r.text);
  assert.notEqual((await officer.get(`/api/v1/cases/${c.id}`)).body.closed_at, null, 'still closed');
  r = await officer.post(`/api/v1/cases/${c.id}/reopen`, { version: await version('cases', c.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
});

test('a record on an ended case can be reopened, as it could be closed', async () => {
  const child = await createdPerson(officer, { given_name: 'Eda', family_name: 'Ended', date_of_birth: '2009-06-06' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: child.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  const o = await created(officer, '/api/v1/offences', {
    case_id: c.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  // The case ends (not in error): closed with the reason it ended.
  await close(officer, 'cases', 'cases', c.id, 'Order completed');
  let r;
  await close(officer, 'offences', 'yj_offences', o.id);
  r = await officer.post(`/api/v1/offences/${o.id}/reopen`, { version: await version('yj_offences', o.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.closed_at, null);
  // A case closed as entered in error must be reopened first.
  const c2 = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: child.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  const o2 = await created(officer, '/api/v1/offences', {
    case_id: c2.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  await close(officer, 'offences', 'yj_offences', o2.id);
  await close(officer, 'cases', 'cases', c2.id, 'Entered in error: wrong child');
  r = await officer.post(`/api/v1/offences/${o2.id}/reopen`, { version: await version('yj_offences', o2.id), reason: 'Closed by mistake' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'case_id');
});

// Merging duplicate person records (docs/people-merge.md): a manager merges
// two records of the same person; every reference is re-pointed, both
// histories kept, the merge audited and reversible; refused (409 naming the
// field) for a person with themselves, closed records, a victim and the
// child who offended against them or that child's family.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, mergeBody } from './lib.mjs';

let srv, officer, manager, managerEh;
const REASON = 'Same child: same NHS number on both records';

before(async () => {
  srv = await Server.start();
  [officer, manager, managerEh] = await srv.loginAll(['officer', 'manager', 'manager_eh']);
});
after(async () => { await srv.stop(); });

// A child with a youth justice case, an offence and a consent, held by officer.
async function childWithCase(extra = {}) {
  const p = await createdPerson(officer, extra);
  const kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: p.id, team_id: officer.user.team_id, worker_id: officer.user.id,
    start_date: '2024-01-15', reason: 'Referred by police',
  });
  const offence = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-01-05', description: 'Theft', category: 'theft', gravity: 2,
  });
  const consent = await created(officer, '/api/v1/consents', {
    person_id: p.id, agency: 'School', purpose: 'Sharing attendance', lawful_basis: 'consent', given_on: '2024-01-10',
  });
  return { person: p, kase, offence, consent };
}

// The duplicate's case closed: a child has one open youth justice case at a
// time, so two records with one each are not merged until one is closed
// (session 24; the test of that refusal is attack_s24's FINDING-1).
async function closeCase(c) {
  const k = (await officer.get(`/api/v1/cases/${c.kase.id}`)).body;
  const r = await officer.post(`/api/v1/cases/${c.kase.id}/close`, { version: k.version, reason: 'Recorded twice' });
  assert.equal(r.status, 200, r.text);
  c.kase = r.body;
  return c;
}

test('preview shows what will move, and changes nothing', async () => {
  const a = await childWithCase({ given_name: 'Kai' });
  const b = await closeCase(await childWithCase({ given_name: 'Kai' }));
  const mark = srv.auditHead();
  const r = await manager.get(`/api/v1/people/merges/preview?kept_id=${a.person.id}&merged_id=${b.person.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.kept.id, a.person.id);
  assert.equal(r.body.merged.id, b.person.id);
  const moves = Object.fromEntries(r.body.moves.map((m) => [`${m.table}.${m.column}`, m.count]));
  assert.deepEqual(moves, { 'cases.person_id': 1, 'yj_offences.person_id': 1, 'consents.person_id': 1 });
  assert.equal(r.body.total, 3);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.deepEqual(srv.audit({ action: 'merge_preview' }, mark).map((x) => x.person_id).sort(),
    [a.person.id, b.person.id].sort());
});

test('a merge re-points every reference, closes the duplicate, is audited, and can be undone', async () => {
  const a = await childWithCase({ given_name: 'Lena' });
  const b = await closeCase(await childWithCase({ given_name: 'Lena' }));
  // The duplicate is seen by officer, so its trail has rows to read through.
  await officer.get(`/api/v1/people/${b.person.id}`);
  const mark = srv.auditHead();
  const m = await manager.post('/api/v1/people/merges', await mergeBody(manager, a.person.id, b.person.id, REASON));
  assert.equal(m.status, 201, m.text);
  assert.equal(m.body.kept_id, a.person.id);
  assert.equal(m.body.merged_id, b.person.id);
  assert.equal(m.body.reason, REASON);
  // The duplicate's case, offence and consent now belong to the record kept.
  assert.equal((await officer.get(`/api/v1/cases/${b.kase.id}`)).body.person_id, a.person.id);
  assert.equal((await officer.get(`/api/v1/offences/${b.offence.id}`)).body.person_id, a.person.id);
  assert.equal((await officer.get(`/api/v1/consents/${b.consent.id}`)).body.person_id, a.person.id);
  // The duplicate is closed, saying where it went; its history is kept.
  const dup = (await officer.get(`/api/v1/people/${b.person.id}`)).body;
  assert.ok(dup.closed_at);
  assert.match(dup.closed_reason, new RegExp(`^Merged into the record of Lena Tester \\(person ${a.person.id}\\): `));
  // Audited about both people, in the same transaction as the change.
  const rows = srv.audit({ action: 'merge' }, mark);
  assert.deepEqual(rows.map((x) => x.person_id).sort(), [a.person.id, b.person.id].sort());
  // The trail of the record kept reads through the merge: the duplicate's
  // rows are there too.
  const trail = await manager.get(`/api/v1/audit?person_id=${a.person.id}&limit=200`);
  assert.ok(trail.body.items.some((x) => x.person_id === b.person.id && x.action === 'read'));
  // The list of merges for either person, audited like any read.
  const list = await officer.get(`/api/v1/people/${a.person.id}/merges`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items[0].merged.id, b.person.id);
  assert.equal(list.body.items[0].merged_by_name, 'Test manager');
  assert.ok(srv.audit({ action: 'list', record_type: 'person_merge', username: 'officer' }).length >= 1);
  // Undo: the rows go back and the duplicate is reopened.
  const bad = await manager.post(`/api/v1/people/merges/${m.body.id}/undo`, { reason: 'short' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'reason');
  const u = await manager.post(`/api/v1/people/merges/${m.body.id}/undo`, { reason: 'Twins, not the same child' });
  assert.equal(u.status, 200, u.text);
  assert.ok(u.body.undone_at);
  assert.equal((await officer.get(`/api/v1/cases/${b.kase.id}`)).body.person_id, b.person.id);
  assert.equal((await officer.get(`/api/v1/offences/${b.offence.id}`)).body.person_id, b.person.id);
  assert.equal((await officer.get(`/api/v1/cases/${a.kase.id}`)).body.person_id, a.person.id);
  assert.equal((await officer.get(`/api/v1/people/${b.person.id}`)).body.closed_at, null);
  const again = await manager.post(`/api/v1/people/merges/${m.body.id}/undo`, { reason: 'Twins, not the same child' });
  assert.equal(again.status, 409);
  // Undone, the trail no longer reads through it.
  const after = await manager.get(`/api/v1/audit?person_id=${a.person.id}&limit=200`);
  assert.ok(!after.body.items.some((x) => x.person_id === b.person.id && x.action === 'read'));
});

test('refused with 409 naming the field', async () => {
  const a = await childWithCase({ given_name: 'Rafe' });
  const b = await closeCase(await childWithCase({ given_name: 'Rafe' }));
  const mark = srv.auditHead();
  const self = await manager.post('/api/v1/people/merges', await mergeBody(manager, a.person.id, a.person.id, REASON));
  assert.equal(self.status, 409, self.text);
  assert.equal(self.body.error.field, 'merged_id');
  // The child's victim, and a victim in the child's family.
  const victim = await createdPerson(officer, { given_name: 'Vic', date_of_birth: '1980-02-02' });
  await created(officer, '/api/v1/victims', { offence_id: a.offence.id, victim_id: victim.id });
  for (const [k, m] of [[a.person.id, victim.id], [victim.id, a.person.id]]) {
    const r = await manager.post('/api/v1/people/merges', await mergeBody(manager, k, m, REASON));
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error.field, 'merged_id');
    assert.match(r.body.error.message, /victim/);
  }
  const fam = await created(officer, '/api/v1/families', { name: 'Rafe family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: a.person.id, member_type: 'child', relationship: 'child' });
  const aunt = await createdPerson(officer, { given_name: 'Aunt', date_of_birth: '1975-03-03' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: aunt.id, member_type: 'adult', relationship: 'aunt' });
  const into = await manager.post('/api/v1/people/merges', await mergeBody(manager, aunt.id, victim.id, REASON));
  assert.equal(into.status, 409, into.text);
  assert.equal(into.body.error.field, 'merged_id');
  // A closed record.
  const closed = await createdPerson(officer, { given_name: 'Rafe' });
  assert.equal((await officer.post(`/api/v1/people/${closed.id}/close`, { version: 1, reason: 'Entered in error' })).status, 200);
  const c = await manager.post('/api/v1/people/merges', await mergeBody(manager, b.person.id, closed.id, REASON));
  assert.equal(c.status, 409, c.text);
  assert.equal(c.body.error.field, 'merged_id');
  const c2 = await manager.post('/api/v1/people/merges', await mergeBody(manager, closed.id, b.person.id, REASON));
  assert.equal(c2.body.error.field, 'kept_id');
  assert.deepEqual(srv.changesSince(mark).filter((x) => x.startsWith('merge')), []);
});

test('bad input names every wrong field at once; only managers, with their own scope', async () => {
  const r = await manager.post('/api/v1/people/merges', { kept_id: 'x', merged_id: -1, reason: 3, colour: 'red' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['colour', 'kept_id', 'kept_version', 'merged_id', 'merged_version', 'moves_total', 'reason']);
  const q = await manager.get('/api/v1/people/merges/preview?kept_id=abc&merged_id=x');
  assert.equal(q.body.errors[0].message, 'Choose the record to keep');
  assert.equal(q.status, 400, q.text);
  assert.deepEqual(q.body.errors.map((x) => x.field).sort(), ['kept_id', 'merged_id']);
  const none = await manager.post('/api/v1/people/merges', await mergeBody(manager, 999999, 999998, REASON));
  assert.equal(none.status, 400, none.text);
  assert.deepEqual(none.body.errors.map((x) => x.field).sort(), ['kept_id', 'merged_id']);
  const a = await childWithCase({ given_name: 'Omar' });
  const b = await closeCase(await childWithCase({ given_name: 'Omar' }));
  const body = { kept_id: a.person.id, merged_id: b.person.id, reason: REASON, kept_version: 1, merged_version: 1, moves_total: 0 };
  assert.equal((await officer.post('/api/v1/people/merges', body)).status, 403);
  // A manager of another service, even with a break-glass reason.
  const eh = await managerEh.post('/api/v1/people/merges', body, { 'X-Break-Glass-Reason': 'These look like one child' });
  assert.equal(eh.status, 403, eh.text);
  const ehp = await managerEh.get(`/api/v1/people/merges/preview?kept_id=${a.person.id}&merged_id=${b.person.id}`,
    { 'X-Break-Glass-Reason': 'These look like one child' });
  assert.equal(ehp.status, 403, ehp.text);
  assert.ok(srv.audit({ action: 'denied', username: 'manager_eh' }).length >= 2);
});

test('the measures count a merged child once, and twice again after undoing', async () => {
  const FTE = '/api/v1/measures/first-time-entrants/children?from=2021-04-01&to=2022-03-31&limit=200';
  const caution = async (date) => {
    const p = await created(manager, '/api/v1/people', { given_name: 'Tobi', family_name: 'Measure', date_of_birth: '2007-03-03',
      sex: 'male', ethnicity: 'white_british', allow_duplicate: true });
    const k = await created(manager, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service',
      person_id: p.id, team_id: manager.user.team_id, start_date: '2021-01-01' });
    const o = await created(manager, '/api/v1/offences', { case_id: k.id, offence_date: '2021-01-15', description: 'Shop theft', category: 'theft', gravity: 2 });
    await created(manager, '/api/v1/outcomes', { case_id: k.id, outcome_type: 'youth_caution', outcome_date: date, offence_ids: [o.id] });
    return p.id;
  };
  const a = await caution('2021-06-01');
  const b = await caution('2021-09-01');
  // b's case closed first: one open youth justice case a child (session 24).
  const bCase = (await manager.get(`/api/v1/cases?person_id=${b}`)).body.items[0];
  const closed = await manager.post(`/api/v1/cases/${bCase.id}/close`, { version: bCase.version, reason: 'Recorded twice' });
  assert.equal(closed.status, 200, closed.text);
  const counted = async () => {
    const r = await manager.get(FTE);
    assert.equal(r.status, 200, r.text);
    return r.body.items.filter((c) => c.counted).map((c) => c.person_id).filter((id) => id === a || id === b).sort();
  };
  assert.deepEqual(await counted(), [a, b].sort());
  const m = await manager.post('/api/v1/people/merges', await mergeBody(manager, a, b, REASON));
  assert.equal(m.status, 201, m.text);
  assert.deepEqual(await counted(), [a]);
  const u = await manager.post(`/api/v1/people/merges/${m.body.id}/undo`, { reason: 'Two children after all' });
  assert.equal(u.status, 200, u.text);
  assert.deepEqual(await counted(), [a, b].sort());
});

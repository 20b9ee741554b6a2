// Session 26 (fixl): the parenting service records that a parent declined
// or could not be reached, and can still open and change that record
// (docs/access.md "Parent support records", docs/parenting.md "Parents to
// meet"): before, the record it had just made answered 403, the parent left
// the list, and the agreement could never be recorded. Nobody else's access
// changes, and a reason still opens nothing more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, dobForAge, ukDay as day, parentingFixture, PMANAGER, PWORKER_S } from './lib.mjs';

const GLASS = { 'X-Break-Glass-Reason': 'Concern raised at school about the family today' };

let srv, officer, south, manager, pwP, pwP2, pmanager, pwS;
let kid, mum, dad, yjCase;

before(async () => {
  srv = await Server.start(parentingFixture(['pworker_p2', 'parent_worker', 'parenting', 'Parenting Team'], PWORKER_S, PMANAGER));
  [officer, south, manager, pwP, pwP2, pmanager, pwS] = await srv.loginAll(
    ['officer', 'officer_south', 'manager', 'pworker_p', 'pworker_p2', 'pmanager', 'pworker_s']);
  kid = await createdPerson(officer, { given_name: 'Rio', family_name: 'Lane', date_of_birth: dobForAge(16, 300) });
  mum = await created(officer, '/api/v1/people', { given_name: 'Ama', family_name: 'Lane', date_of_birth: '1983-04-05' });
  dad = await created(officer, '/api/v1/people', { given_name: 'Tom', family_name: 'Lane', date_of_birth: '1981-06-07' });
  const family = await created(officer, '/api/v1/families', { name: 'Lane family' });
  const add = (b) => created(officer, `/api/v1/families/${family.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  await add({ person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true, in_household: true });
  yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-60),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-59), description: 'Theft', category: 'theft', gravity: 2,
  });
  await created(officer, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-50), start_date: day(-50),
    offence_ids: [off.id],
  });
});
after(async () => { await srv.stop(); });

const toMeet = async (who) => (await who.get('/api/v1/parenting/to-meet')).body.items;

for (const [agreement, parent] of [['declined', () => mum], ['not_reached', () => dad]]) {
  test(`a parent recorded as ${agreement} by the parenting team stays theirs to open, change and ask again`, async () => {
    const person = parent();
    const s = await created(pwP, '/api/v1/parent-supports', {
      person_id: person.id, child_case_id: yjCase.id, agreement, agreement_date: day(-5),
    });
    assert.equal(s.support_status, agreement);
    // The recorder, another parent worker of the service and its manager open it, whole.
    for (const who of [pwP, pwP2, pmanager]) {
      const r = await who.get(`/api/v1/parent-supports/${s.id}`);
      assert.equal(r.status, 200, `${who.user.username}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.agreement, agreement);
      assert.ok(!r.body.withheld);
    }
    // Still to meet, with the record to ask again on.
    for (const who of [pwP, pwP2]) {
      const row = (await toMeet(who)).find((x) => x.person_id === person.id && x.child_case_id === yjCase.id);
      assert.ok(row, `${who.user.username} still meets the parent`);
      assert.equal(row.support_id, s.id);
      assert.equal(row.support_status, agreement);
    }
    // Everyone else as before: the child's officer reads it (its status), others
    // outside are refused, and a reason from them opens only the trimmed row.
    const o = await officer.get(`/api/v1/parent-supports/${s.id}`);
    assert.equal(o.status, 200);
    for (const who of [south, pwS]) {
      const r = await who.get(`/api/v1/parent-supports/${s.id}`);
      assert.equal(r.status, 403, who.user.username);
      const w = await who.patch(`/api/v1/parent-supports/${s.id}`, { version: s.version, notes: 'x' });
      assert.equal(w.status, 403, who.user.username);
    }
    // Asked again: another worker of the service records the agreement on it,
    // which opens the parenting case held by them.
    const cur = (await pwP2.get(`/api/v1/parent-supports/${s.id}`)).body;
    const u = await pwP2.patch(`/api/v1/parent-supports/${s.id}`, {
      version: cur.version, agreement: 'agreed', agreement_date: day(-1), start_date: day(-1),
    });
    assert.equal(u.status, 200, JSON.stringify(u.body));
    assert.equal(u.body.support_status, 'active');
    assert.ok(u.body.case_id);
    const pc = (await pwP2.get(`/api/v1/cases/${u.body.case_id}`)).body;
    assert.equal(pc.worker_id, pwP2.user.id);
    assert.ok(!(await toMeet(pwP)).some((x) => x.person_id === person.id), 'agreed: off the list');
    // Now on the parenting case, sealed as before: the officer sees the trimmed
    // row, and a reason from outside opens nothing of the case.
    const ot = await officer.get(`/api/v1/parent-supports/${s.id}`);
    assert.equal(ot.status, 200);
    assert.equal(ot.body.withheld, true);
    const g = await south.get(`/api/v1/cases/${u.body.case_id}`, GLASS);
    assert.equal(g.status, 403);
  });
}

test('a declined victim is not opened to the parenting service', async () => {
  const gran = await created(officer, '/api/v1/people', { given_name: 'Una', family_name: 'Lane', date_of_birth: '1960-01-01' });
  const fam = (await officer.get(`/api/v1/families?person_id=${kid.id}`)).body.items[0];
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: gran.id, member_type: 'adult', relationship: 'grandmother', child_id: kid.id, in_household: true });
  const s = await created(pwP, '/api/v1/parent-supports', {
    person_id: gran.id, child_case_id: yjCase.id, agreement: 'declined', agreement_date: day(-2),
  });
  assert.equal((await pwP2.get(`/api/v1/parent-supports/${s.id}`)).status, 200);
  const off = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-3), description: 'Theft', category: 'theft', gravity: 2,
  });
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: gran.id });
  assert.equal((await pwP2.get(`/api/v1/parent-supports/${s.id}`)).status, 403);
  assert.ok(!(await toMeet(pwP)).some((x) => x.person_id === gran.id));
});

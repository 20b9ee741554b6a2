// Access leads of session 25 (helper FIXH), each test FAILS while the fault
// it names is present. Runs on SQLite, and on PostgreSQL with
// SPIRE_TEST_STORE=postgresql.
//
// 1. A task on a closed case is not passed on (owner or team) until the case
//    is reopened, and its `can.reassign` says so; it can still be corrected.
// 2. A person named in a request whom the user may not use is answered
//    exactly as one that does not exist (never "closed"), and the attempt
//    audited as denied about them: cases, consents, alerts, family members
//    (person and child), a peer support record's parent.
// 3. A parent's own support case (sealed) is refused without a reason as any
//    other record outside the caseload is, by id and by ?case_id=, so that
//    no id tells whether it is a parenting case; a reason is refused saying
//    who to ask, and opens nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay as day, parentingFixture } from './lib.mjs';

const GLASS = { 'X-Break-Glass-Reason': 'Police asked about the family this morning' };

let srv, officer, officer2, manager, south, hub, pw, pwP;

before(async () => {
  srv = await Server.start(parentingFixture());
  [officer, officer2, manager, south, hub, pw, pwP] = await srv.loginAll(
    ['officer', 'officer2', 'manager', 'officer_south', 'hub', 'parentworker', 'pworker_p']);
});
after(async () => { await srv.stop(); });

const openCase = (c, person, extra = {}) => ({
  service: 'youth_justice', reason: 'Referral order', person_id: person.id, team_id: c.user.team_id,
  worker_id: c.user.id, start_date: day(-30), ...extra,
});

test('1. a task on a closed case is not passed on until the case is reopened, and can.reassign agrees', async () => {
  const kid = await createdPerson(officer, { given_name: 'Tam', family_name: 'Closedcase' });
  const c = await created(officer, '/api/v1/cases', openCase(officer, kid));
  const t = await created(officer, '/api/v1/tasks', { case_id: c.id, title: 'Chase school', due_date: day(10), owner_id: officer.user.id });
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.can.reassign, true);
  const closed = await officer.post(`/api/v1/cases/${c.id}/close`, { version: c.version, reason: 'Order completed' });
  assert.equal(closed.status, 200, closed.text);
  // Neither its owner nor a manager is offered it, nor may pass it on.
  for (const who of [officer, manager]) {
    const got = await who.get(`/api/v1/tasks/${t.id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body.can, { reassign: false }, who.user.username);
  }
  const mark = srv.auditHead();
  const mine = await officer.patch(`/api/v1/tasks/${t.id}`, { version: t.version, owner_id: officer2.user.id });
  assert.equal(mine.status, 409, mine.text);
  assert.equal(mine.body.error.field, 'owner_id');
  assert.match(mine.body.error.message, /case has been closed.*Reopen the case first/);
  const mgr = await manager.patch(`/api/v1/tasks/${t.id}`, { version: t.version, owner_id: manager.user.id });
  assert.equal(mgr.status, 409, mgr.text);
  assert.equal(mgr.body.error.field, 'owner_id');
  assert.deepEqual(srv.changesSince(mark), [], 'nothing stored');
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.owner_id, officer.user.id);
  // A correction that keeps the owner (the page sends it back) is still made.
  const fixed = await officer.patch(`/api/v1/tasks/${t.id}`, { version: t.version, title: 'Chase the school', owner_id: officer.user.id });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.title, 'Chase the school');
  // Reopened: passed on again.
  const now = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  const re = await officer.post(`/api/v1/cases/${c.id}/reopen`, { version: now.version, reason: 'Closed too early' });
  assert.equal(re.status, 200, re.text);
  assert.equal((await officer.get(`/api/v1/tasks/${t.id}`)).body.can.reassign, true);
  const passed = await officer.patch(`/api/v1/tasks/${t.id}`, { version: fixed.body.version, owner_id: officer2.user.id });
  assert.equal(passed.status, 200, passed.text);
  assert.equal(passed.body.owner_id, officer2.user.id);
});

// The answer to a request naming person id, reduced to what the user sees.
const answer = (r) => ({ status: r.status, body: r.body });

test('2. a person the user may not use is answered as one that does not exist, closed or not, and audited as denied', async () => {
  // Outside YJ North's scope: one of YJ South's, and one YJ South closed.
  const hidden = await createdPerson(south, { given_name: 'Hal', family_name: 'Hidden' });
  const gone = await createdPerson(south, { given_name: 'Gil', family_name: 'Gone' });
  const closed = await south.post(`/api/v1/people/${gone.id}/close`, { version: gone.version, reason: 'Entered in error' });
  assert.equal(closed.status, 200, closed.text);
  const missing = 99999999;
  // YJ North's own closed person is still said to be closed.
  const ownClosed = await createdPerson(officer, { given_name: 'Ola', family_name: 'Ownclosed' });
  assert.equal((await officer.post(`/api/v1/people/${ownClosed.id}/close`, { version: ownClosed.version, reason: 'Moved away' })).status, 200);
  const kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'North' });
  const fam = await created(officer, '/api/v1/families', { name: 'North family' });
  const child = await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const probes = [
    (id) => officer.post('/api/v1/cases', openCase(officer, { id })),
    (id) => officer.post('/api/v1/consents', { person_id: id, agency: 'School', purpose: 'Attendance', lawful_basis: 'consent', given_on: day(-1) }),
    (id) => officer.post('/api/v1/alerts', { person_id: id, alert_type: 'risk_to_workers', start_date: day(-1) }),
    (id) => officer.post(`/api/v1/families/${fam.id}/members`, { person_id: id, member_type: 'adult', relationship: 'aunt' }),
    (id) => officer.patch(`/api/v1/family-members/${child.id}`, { version: child.version, child_id: id }),
    (id) => hub.post('/api/v1/parent-preferences', { person_id: id, languages: ['Urdu'] }),
  ];
  for (const [i, probe] of probes.entries()) {
    const none = answer(await probe(missing));
    assert.equal(none.status, 400, `probe ${i}: ${JSON.stringify(none)}`);
    assert.match(JSON.stringify(none.body), /this person does not exist/, `probe ${i}`);
    for (const p of [hidden, gone]) {
      const mark = srv.auditHead();
      const got = answer(await probe(p.id));
      assert.deepEqual(got, none, `probe ${i}, person ${p.family_name}`);
      assert.deepEqual(srv.changesSince(mark), [], `probe ${i}: nothing stored`);
      assert.ok(srv.audit({ action: 'denied', person_id: p.id }, mark).length >= 1, `probe ${i}: denied audited about ${p.family_name}`);
    }
  }
  // In scope and closed: said so (the user may see the record).
  const own = await officer.post('/api/v1/consents', { person_id: ownClosed.id, agency: 'School', purpose: 'Attendance', lawful_basis: 'consent', given_on: day(-1) });
  assert.equal(own.status, 400, own.text);
  assert.match(own.body.error.message, /closed/);
});

test('3. a parent\'s own support case answers as any case outside the caseload without a reason; a reason is refused saying who to ask', async () => {
  const kid = await createdPerson(officer, { given_name: 'Ari', family_name: 'Sealed' });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Jo', family_name: 'Sealed', date_of_birth: '1985-01-01' });
  const fam = await created(officer, '/api/v1/families', { name: 'Sealed family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  const yj = await created(officer, '/api/v1/cases', openCase(officer, kid));
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yj.id, agreement: 'agreed', agreement_date: day(-5), start_date: day(-5),
  });
  assert.ok(support.case_id, JSON.stringify(support));
  // An ordinary case outside YJ South's officer's caseload, to compare.
  const other = await created(officer, '/api/v1/cases', openCase(officer, await createdPerson(officer, { given_name: 'Ord', family_name: 'Inary' })));
  const paths = (id) => [`/api/v1/cases/${id}`, `/api/v1/tasks?case_id=${id}`, `/api/v1/contacts?case_id=${id}`,
    `/api/v1/parenting/seen?case_id=${id}`, `/api/v1/parent-sessions?case_id=${id}`, `/api/v1/form-responses?case_id=${id}`];
  const sealed = paths(support.case_id);
  const plain = paths(other.id);
  for (const [i, path] of sealed.entries()) {
    const mark = srv.auditHead();
    const a = await south.get(path);
    const b = await south.get(plain[i]);
    assert.equal(a.status, 403, `${path}: ${a.text}`);
    assert.deepEqual(answer(a), answer(b), path);
    assert.doesNotMatch(a.text, /parent/i, path);
    assert.ok(srv.audit({ action: 'denied', record_type: 'case', record_id: support.case_id }, mark).length >= 1, `${path}: denied audited`);
  }
  // A reason does not open it, and says who to ask; no break-glass read.
  const mark = srv.auditHead();
  const r = await south.get(`/api/v1/cases/${support.case_id}`, GLASS);
  assert.equal(r.status, 403, r.text);
  assert.match(r.body.error.message, /Ask the parent worker who holds it, or a manager of the parenting service$/);
  assert.equal(srv.audit({ break_glass: true }, mark).length, 0, 'no break-glass read');
  // Those who hold it still read it.
  assert.equal((await pwP.get(`/api/v1/cases/${support.case_id}`)).status, 200);
});

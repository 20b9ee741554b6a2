// A parent's own page (docs/parenting.md, "The parent's own page"):
// GET /api/v1/my-family answers the signed-in parent's family, its plan
// with actions and reviews, its Steps to Change and the next session of
// the parent's own support; only the account's own family; an account
// for a child member is never made, and every staff role is refused; each
// record read is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, TEAMS, USERS, created, createdPerson, dobForAge, ukDay as day, PARENTING_TEAM } from './lib.mjs';

let srv, officer, parentworker, admin, mumLogin, fam, mum, kid, plan;
const PW = 'kettle violin marble 58';

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
  [officer, parentworker, admin] = await srv.loginAll(['officer', 'parentworker', 'admin']);
  kid = await createdPerson(officer, { given_name: 'Lou', family_name: 'Reed', date_of_birth: dobForAge(16, 270) });
  mum = await created(officer, '/api/v1/people', { given_name: 'Ada', family_name: 'Reed' });
  fam = await created(officer, '/api/v1/families', { name: 'Reed family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  // Another family, which Ada's account never sees.
  const other = await created(officer, '/api/v1/families', { name: 'Other family' });
  const stranger = await createdPerson(officer, { given_name: 'Zed', family_name: 'Other', date_of_birth: dobForAge(15, 330) });
  await created(officer, `/api/v1/families/${other.id}/members`, { person_id: stranger.id, member_type: 'child', relationship: 'child', in_household: true });
  const kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-60),
  });
  const support = await created(parentworker, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  await created(parentworker, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(9), status: 'planned', session_type: 'one_to_one', topic: 'household_routines' });
  await created(parentworker, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(4), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' });
  plan = await created(officer, '/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Less shouting at home', agreed_on: day(-10) });
  await created(officer, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Talk at dinner', owner_type: 'family_member', owner_person_id: mum.id, status: 'in_progress', due_date: day(20) });
  // Parent accounts are made by invitation from the person's record.
  await srv.makeParent(officer, 'ada.reed', mum, PW);
  mumLogin = await srv.login('ada.reed', PW);
});
after(async () => { await srv.stop(); });

test('a parent sees their own family: the plan, Steps to Change and their next session', async () => {
  const mark = srv.auditHead();
  const r = await mumLogin.get('/api/v1/my-family');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.family, { id: fam.id, name: 'Reed family' });
  assert.equal(r.body.person_id, mum.id);
  assert.deepEqual(r.body.members.map((m) => `${m.given_name} ${m.relationship}`).sort(), ['Ada mother', 'Lou child']);
  assert.equal(r.body.plan.id, plan.id);
  assert.equal(r.body.plan.wants_to_change, 'Less shouting at home');
  assert.deepEqual(r.body.plan.actions.map((a) => a.action), ['Talk at dinner']);
  assert.deepEqual(r.body.plan.reviews, []);
  assert.equal(r.body.steps_to_change.scorings.length, 0);
  assert.deepEqual(r.body.next_session, { session_date: day(4), session_type: 'one_to_one', topic: 'confidence_building', worker_name: r.body.next_session.worker_name });
  assert.ok(r.body.next_session.worker_name);
  assert.equal(r.body.read_only, true);
  const rows = srv.audit({ action: 'read' }, mark);
  assert.ok(rows.some((x) => x.record_type === 'family' && x.record_id === fam.id), 'the family read is audited');
  assert.ok(rows.some((x) => x.record_type === 'family_plan' && x.record_id === plan.id), 'the plan read is audited');
});

test('no parent account for a child member, and every staff role is refused', async () => {
  // The child of the family is never invited (an account on a child's
  // record could once be made, and /my-family refused it).
  const k = await officer.post(`/api/v1/people/${kid.id}/parent-account`, {});
  assert.equal(k.status, 409, k.text);
  assert.match(k.body.error.message, /The parent portal is for parents and carers\. This person is recorded as a child in a family/);
  for (const c of [officer, parentworker, admin]) assert.equal((await c.get('/api/v1/my-family')).status, 403);
  // The parent may not read other families' records through the staff routes.
  assert.equal((await mumLogin.get(`/api/v1/families/${fam.id}`)).status, 403);
});

test('"Your worker" is the parent\'s own parent worker, not the family\'s key worker (the child\'s officer), when the parent has one', async () => {
  const f = (await officer.get(`/api/v1/families/${fam.id}`)).body;
  const k = await officer.patch(`/api/v1/families/${fam.id}`, { version: f.version, key_worker_id: officer.user.id });
  assert.equal(k.status, 200, k.text);
  assert.equal(k.body.key_worker_name, officer.user.full_name);
  const r = await mumLogin.get('/api/v1/my-family');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.worker.name, parentworker.user.full_name);
  // Session 27: and the team that holds the parent's case, so the page
  // can say whom to ask for when Spire has no phone line for the service.
  const held = (await parentworker.get('/api/v1/parent-supports?person_id=' + mum.id)).body.items[0];
  assert.equal(r.body.worker.team, (await parentworker.get(`/api/v1/cases/${held.case_id}`)).body.team_name);
  assert.notEqual(r.body.worker.name, officer.user.full_name);
});

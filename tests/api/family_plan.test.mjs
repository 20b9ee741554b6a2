// One Family, One Plan (docs/parenting.md): one open plan a family, shared
// by the services working with it as the family's consents say; actions
// (who will do what, by when), reviews, versions; the family's key worker.
// Every route, the consent rule both ways, victims never on the plan, bad
// input on every route (every wrong field named at once, nothing stored)
// and stale versions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay } from './lib.mjs';

let srv, officer, officer2, south, manager, managerEh, hub, admin;
let kid, mum, uncle, kid2, family, kidCase;
const REASON = { 'X-Break-Glass-Reason': 'Safeguarding strategy meeting today' };

const member = (body) => created(officer, `/api/v1/families/${family.id}/members`, body);
const plan = (extra = {}) => ({
  family_id: family.id, wants_to_change: 'We want the children at school every day',
  strengths: 'Mum walks with other parents', agreed_on: '2024-03-04', next_review_date: '2024-04-04', ...extra,
});
const fields = (r) => (r.body.errors ?? [r.body.error]).map((x) => x.field).sort();

// Move a user to another team (an admin's change), signing them in again.
async function moveTo(user, teamName, extra = {}) {
  const teams = (await admin.get('/api/v1/teams')).body;
  const team = (teams.items ?? teams).find((t) => t.name === teamName);
  const u = (await admin.get(`/api/v1/users/${user.user.id}`)).body;
  const r = await admin.patch(`/api/v1/users/${user.user.id}`, { version: u.version, team_id: team.id, ...extra });
  assert.equal(r.status, 200, r.text);
  return srv.login(user.user.username);
}

before(async () => {
  srv = await Server.start();
  [officer, officer2, south, manager, managerEh, hub, admin] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'manager_eh', 'hub', 'admin']);
  // The child, known to the youth justice service.
  kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'Rowe', date_of_birth: '2010-04-02' });
  kidCase = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-01-10' });
  uncle = await createdPerson(officer, { given_name: 'Ugo', family_name: 'Rowe', date_of_birth: '1980-01-01' });
  family = await created(officer, '/api/v1/families', { name: 'Rowe family' });
  await member({ person_id: kid.id, member_type: 'child', relationship: 'child' });
  await member({ person_id: uncle.id, member_type: 'adult', relationship: 'uncle', child_id: kid.id });
  // Mum is known to early help, who opened her case.
  mum = await createdPerson(hub, { given_name: 'Mara', family_name: 'Rowe', date_of_birth: '1985-01-11' });
  await created(hub, '/api/v1/cases', { service: 'early_help', reason: 'Family support', person_id: mum.id, team_id: hub.user.team_id, worker_id: hub.user.id, start_date: '2024-01-12' });
  // The officer, seconded to early help for a while and keeping his
  // cases, brings the two together.
  officer = await moveTo(officer, 'Early Help East', { role: 'hub_worker', keep_cases: true });
  await member({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true });
  officer = await moveTo(officer, 'YJ North', { role: 'yjs_officer', keep_cases: true });
  // The uncle is the victim of another child's offence.
  kid2 = await createdPerson(officer, { given_name: 'Lee', family_name: 'Other', date_of_birth: '2009-02-02' });
  const case2 = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral', person_id: kid2.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-01-10' });
  const off = await created(officer, '/api/v1/offences', { case_id: case2.id, offence_date: '2024-01-05', description: 'Theft', category: 'theft', gravity: 2 });
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: uncle.id, consent_to_contact: false });
});
after(async () => { await srv.stop(); });

let thePlan, action, review;

test('start the family\'s plan: held by the starter\'s team, naming the family\'s members but never a victim', async () => {
  thePlan = await created(officer, '/api/v1/family-plans', plan());
  assert.equal(thePlan.version, 1);
  assert.equal(thePlan.family_id, family.id);
  assert.equal(thePlan.team_id, officer.user.team_id);
  assert.equal(thePlan.service, 'youth_justice');
  assert.equal(thePlan.wants_to_change, 'We want the children at school every day');
  assert.equal(thePlan.changed_by_name, 'Test officer');
  assert.equal(srv.audit({ action: 'create', record_type: 'family_plan', record_id: thePlan.id }).length, 1);
  const g = await officer2.get(`/api/v1/family-plans/${thePlan.id}`);
  assert.equal(g.status, 200, g.text);
  const ids = g.body.members.map((m) => m.person_id).sort();
  assert.deepEqual(ids, [kid.id, mum.id].sort(), 'the uncle, a victim, is not listed');
  assert.equal(srv.audit({ action: 'read', record_type: 'family_plan', record_id: thePlan.id, username: 'officer2' }).length, 1);
  const list = await officer.get(`/api/v1/family-plans?family_id=${family.id}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((p) => p.id), [thePlan.id]);
  assert.equal(list.body.withheld, 0);
});

test('one open plan a family: a second is refused naming family_id; after the plan ends a new one can start', async () => {
  const before = srv.auditHead();
  const r = await officer2.post('/api/v1/family-plans', plan({ wants_to_change: 'A second plan' }));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'family_id');
  assert.deepEqual(srv.changesSince(before), []);
  // Another family's plan, ended, then started again.
  const other = await created(officer, '/api/v1/families', { name: 'Other family' });
  const p1 = await created(officer, '/api/v1/family-plans', plan({ family_id: other.id }));
  const closed = await officer.post(`/api/v1/family-plans/${p1.id}/close`, { version: 1, reason: 'The family moved away' });
  assert.equal(closed.status, 200, closed.text);
  assert.notEqual(closed.body.closed_at, null);
  const p2 = await created(officer, '/api/v1/family-plans', plan({ family_id: other.id, wants_to_change: 'Back again' }));
  const list = (await officer.get(`/api/v1/family-plans?family_id=${other.id}&include_closed=true`)).body.items;
  assert.deepEqual(list.map((p) => p.id), [p2.id, p1.id], 'the open plan first');
  // Nothing is added to a plan that has ended.
  const late = await officer.post('/api/v1/family-plan-actions', { plan_id: p1.id, action: 'Too late', owner_type: 'agency', owner_agency: 'School' });
  assert.equal(late.status, 400, late.text);
  assert.equal(late.body.error.field, 'plan_id');
});

test('actions: who will do what, by when; the owner is someone in the family, an agency or a practitioner, never a victim', async () => {
  action = await created(officer, '/api/v1/family-plan-actions', {
    plan_id: thePlan.id, action: 'Walk the children to school with the other mums', owner_type: 'family_member',
    owner_person_id: mum.id, due_date: '2024-03-18',
  });
  assert.equal(action.status, 'not_started');
  assert.equal(action.owner_person_name, 'Mara Rowe');
  const school = await created(officer, '/api/v1/family-plan-actions', {
    plan_id: thePlan.id, action: 'Call mum if a child is not in by 9:30', owner_type: 'agency', owner_agency: 'Northfield Academy', status: 'in_progress',
  });
  const me = await created(officer, '/api/v1/family-plan-actions', {
    plan_id: thePlan.id, action: 'Book the family a Family Hub visit', owner_type: 'practitioner', owner_user_id: officer2.user.id, due_date: '2024-03-11',
    owner_agency: 'ignored when a practitioner owns it',
  });
  assert.equal(me.owner_user_name, 'Test officer2');
  assert.equal(me.owner_agency, null);
  const list = await officer.get(`/api/v1/family-plan-actions?plan_id=${thePlan.id}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((a) => a.id), [me.id, action.id, school.id], 'soonest due first, no date last');
  // Victims, people outside the family and users who are not practitioners are refused.
  const before = srv.auditHead();
  for (const [extra, field] of [
    [{ owner_person_id: uncle.id }, 'owner_person_id'],
    [{ owner_person_id: kid2.id }, 'owner_person_id'],
    [{ owner_person_id: undefined }, 'owner_person_id'],
    [{ owner_type: 'practitioner', owner_person_id: undefined, owner_user_id: admin.user.id }, 'owner_user_id'],
    [{ owner_type: 'practitioner', owner_person_id: undefined }, 'owner_user_id'],
    [{ owner_type: 'agency', owner_person_id: undefined }, 'owner_agency'],
  ]) {
    const r = await officer.post('/api/v1/family-plan-actions', { plan_id: thePlan.id, action: 'x', owner_type: 'family_member', owner_person_id: mum.id, ...extra });
    assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(extra));
  }
  assert.deepEqual(srv.changesSince(before), []);
  // Where it stands, changed with the version; a stale change is refused.
  const done = await officer.patch(`/api/v1/family-plan-actions/${action.id}`, { version: 1, status: 'done' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'done');
  const stale = await officer.patch(`/api/v1/family-plan-actions/${action.id}`, { version: 1, status: 'in_progress' });
  assert.equal(stale.status, 409, stale.text);
  const versions = (await officer.get(`/api/v1/family-plan-actions/${action.id}/versions`)).body.items;
  assert.deepEqual(versions.map((v) => `${v.version} ${v.record.status}`), ['2 done', '1 not_started']);
  action = done.body;
});

test('reviews: what has changed, in the family\'s words and the practitioner\'s, and the next review', async () => {
  review = await created(officer, '/api/v1/family-plan-reviews', {
    plan_id: thePlan.id, review_date: '2024-04-04', family_words: 'The kids went every day but one',
    practitioner_words: 'Attendance up from 71% to 96%', next_review_date: '2024-05-02',
  });
  assert.equal(review.recorded_by_name, 'Test officer');
  const list = await officer.get(`/api/v1/family-plan-reviews?plan_id=${thePlan.id}`);
  assert.deepEqual(list.body.items.map((r) => r.id), [review.id]);
  const r = await officer.patch(`/api/v1/family-plan-reviews/${review.id}`, { version: 1, family_words: 'The kids went every day but two' });
  assert.equal(r.status, 200, r.text);
  const stale = await officer.patch(`/api/v1/family-plan-reviews/${review.id}`, { version: 1, family_words: 'Stale' });
  assert.equal(stale.status, 409, stale.text);
  review = r.body;
});

test('versions: every change keeps the earlier version, shown latest first with who changed it and when', async () => {
  const r1 = await officer.patch(`/api/v1/family-plans/${thePlan.id}`, { version: 1, wants_to_change: 'School every day, and calmer mornings' });
  assert.equal(r1.status, 200, r1.text);
  const r2 = await officer2.patch(`/api/v1/family-plans/${thePlan.id}`, { version: 2, next_review_date: '2024-05-02' });
  assert.equal(r2.status, 200, r2.text);
  const stale = await officer.patch(`/api/v1/family-plans/${thePlan.id}`, { version: 2, strengths: 'Stale' });
  assert.equal(stale.status, 409, stale.text);
  const v = await officer.get(`/api/v1/family-plans/${thePlan.id}/versions`);
  assert.equal(v.status, 200, v.text);
  assert.deepEqual(v.body.items.map((x) => x.version), [3, 2, 1]);
  assert.deepEqual(v.body.items.map((x) => x.changed_by_name), ['Test officer2', 'Test officer', 'Test officer']);
  assert.equal(v.body.items[2].record.wants_to_change, 'We want the children at school every day');
  assert.equal(v.body.items[1].record.wants_to_change, 'School every day, and calmer mornings');
  assert.equal(v.body.items[0].record.next_review_date, '2024-05-02');
  assert.ok(v.body.items.every((x) => /^\d{4}-\d\d-\d\dT/.test(x.changed_at)));
  thePlan = r2.body;
});

test('who sees it: another service only while an adult of the family shares the plan with it; refusals audited', async () => {
  const path = `/api/v1/family-plans/${thePlan.id}`;
  const seen = async (c) => (await c.get(path)).status;
  // Early help works with mum, but the plan is youth justice's and not shared.
  const before = srv.auditHead();
  assert.equal(await seen(hub), 403);
  assert.equal(await seen(managerEh), 403);
  assert.equal((await hub.get(`/api/v1/family-plan-actions/${action.id}`)).status, 403);
  assert.equal((await hub.get(`/api/v1/family-plan-reviews?plan_id=${thePlan.id}`)).status, 403);
  assert.equal((await hub.get(`${path}/versions`)).status, 403);
  assert.ok(srv.audit({ action: 'denied', record_type: 'family_plan', record_id: thePlan.id, username: 'hub' }, before).length >= 1);
  const listed = (await hub.get(`/api/v1/family-plans?family_id=${family.id}`)).body;
  assert.deepEqual(listed.items, []);
  assert.equal(listed.withheld, 1);
  assert.equal((await hub.post('/api/v1/family-plan-actions', { plan_id: thePlan.id, action: 'x', owner_type: 'agency', owner_agency: 'Hub' })).status, 403);
  // A consent that does not share the plan with early help opens nothing:
  // the child's, another service's, or another record's.
  const consent = (c, person, extra) => created(c, '/api/v1/consents', {
    person_id: person.id, agency: 'Early help', purpose: 'Share the family plan', lawful_basis: 'consent', given_on: '2024-03-05', ...extra,
  });
  await consent(officer, kid, { shares: 'family_plan', shared_with: 'early_help' });
  await consent(hub, mum, { shares: 'family_plan', shared_with: 'parenting' });
  await consent(officer, mum, { shares: 'parent_self_assessment', shared_with: 'early_help' });
  await consent(hub, mum, {});
  assert.equal(await seen(hub), 403, 'a child\'s consent, or another sharing, opens nothing');
  // Mum shares the plan with early help (recorded by the service that
  // holds the plan, not by early help itself): its users who work with
  // the family read it and add to it.
  const own = await hub.post('/api/v1/consents', {
    person_id: mum.id, agency: 'Early help', purpose: 'Share the family plan', lawful_basis: 'consent', given_on: '2024-03-05',
    shares: 'family_plan', shared_with: 'early_help',
  });
  assert.equal(own.status, 400, own.text);
  assert.equal(own.body.error.field, 'shared_with');
  const share = await consent(officer, mum, { shares: 'family_plan', shared_with: 'early_help' });
  assert.equal(await seen(hub), 200);
  assert.equal(await seen(managerEh), 200);
  assert.equal((await hub.get(`/api/v1/family-plan-actions?plan_id=${thePlan.id}`)).status, 200);
  assert.equal((await hub.get(`/api/v1/family-plan-reviews/${review.id}`)).status, 200);
  assert.equal((await hub.get(`${path}/versions`)).status, 200);
  assert.deepEqual((await hub.get(`/api/v1/family-plans?family_id=${family.id}`)).body.items.map((p) => p.id), [thePlan.id]);
  const hubAction = await created(hub, '/api/v1/family-plan-actions', { plan_id: thePlan.id, action: 'Invite mum to the Friendship Group', owner_type: 'practitioner', owner_user_id: hub.user.id });
  // Withdrawn: refused again from the next request on.
  const w = await officer.post(`/api/v1/consents/${share.id}/withdraw`, { version: 1, reason: 'Mum changed her mind' });
  assert.equal(w.status, 200, w.text);
  const after = srv.auditHead();
  assert.equal(await seen(hub), 403);
  assert.equal(await seen(managerEh), 403);
  assert.equal((await hub.get(`/api/v1/family-plan-actions/${hubAction.id}`)).status, 403);
  assert.ok(srv.audit({ action: 'denied', record_type: 'family_plan', record_id: thePlan.id, username: 'hub' }, after).length >= 1);
  // The holding service: the team and the managers, not other teams without a relation.
  assert.equal(await seen(officer2), 200);
  assert.equal(await seen(manager), 200);
  assert.equal(await seen(south), 403);
  // Break glass opens a read, flagged, as everywhere else; never a write.
  const glass = await south.get(path, REASON);
  assert.equal(glass.status, 200, glass.text);
  assert.equal(srv.audit({ action: 'read', record_type: 'family_plan', record_id: thePlan.id, username: 'officer_south', break_glass: true }).length, 1);
  assert.equal((await hub.get(path, REASON)).status, 200);
  assert.equal((await south.request('PATCH', path, { version: thePlan.version, strengths: 'x' }, REASON)).status, 403);
});

test('bad input on every route: 400 naming every wrong field at once, nothing stored', async () => {
  const before = srv.auditHead();
  const future = ukDay(5);
  let r = await officer.post('/api/v1/family-plans', { family_id: 'one', wants_to_change: '', agreed_on: future, next_review_date: '2024-13-01', colour: 'blue' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['agreed_on', 'colour', 'family_id', 'next_review_date', 'wants_to_change']);
  r = await officer.post('/api/v1/family-plans', { family_id: 999999, wants_to_change: 'x', agreed_on: '2024-03-04', next_review_date: '2024-03-01' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['family_id', 'next_review_date']);
  r = await officer.post('/api/v1/family-plans', {});
  assert.deepEqual(fields(r), ['agreed_on', 'family_id', 'wants_to_change']);
  r = await officer.patch(`/api/v1/family-plans/${thePlan.id}`, { version: thePlan.version, wants_to_change: 7, agreed_on: 'soon', team_id: 3, family_id: family.id + 1 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['agreed_on', 'family_id', 'team_id', 'wants_to_change']);
  r = await officer.patch(`/api/v1/family-plans/${thePlan.id}`, { wants_to_change: 'No version' });
  assert.deepEqual(fields(r), ['version']);
  r = await officer.post('/api/v1/family-plan-actions', { plan_id: 0, action: '', owner_type: 'neighbour', due_date: '31/03/2024', status: 'finished' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['action', 'due_date', 'owner_type', 'plan_id', 'status']);
  r = await officer.post('/api/v1/family-plan-actions', { plan_id: thePlan.id, action: 'x', owner_type: 'family_member', owner_person_id: uncle.id, due_date: '2024-02-30' });
  assert.deepEqual(fields(r), ['due_date', 'owner_person_id']);
  r = await officer.patch(`/api/v1/family-plan-actions/${action.id}`, { version: action.version, status: 'finished', owner_type: 'agency', owner_agency: '' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['owner_agency', 'status']);
  r = await officer.post('/api/v1/family-plan-reviews', { plan_id: thePlan.id, review_date: future, family_words: '', next_review_date: 'later' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['family_words', 'next_review_date', 'practitioner_words', 'review_date']);
  r = await officer.post('/api/v1/family-plan-reviews', { plan_id: thePlan.id, review_date: '2024-04-04', family_words: 'a', practitioner_words: 'b', next_review_date: '2024-04-01' });
  assert.deepEqual(fields(r), ['next_review_date']);
  r = await officer.patch(`/api/v1/family-plan-reviews/${review.id}`, { version: review.version, review_date: future, practitioner_words: 5 });
  assert.deepEqual(fields(r), ['practitioner_words', 'review_date']);
  for (const p of ['family-plans', 'family-plan-actions', 'family-plan-reviews']) {
    const id = { 'family-plans': thePlan.id, 'family-plan-actions': action.id, 'family-plan-reviews': review.id }[p];
    r = await officer.post(`/api/v1/${p}/${id}/close`, { version: 99 });
    assert.equal(r.status, 400, `${p}: ${r.text}`);
    r = await officer.get(`/api/v1/${p}`);
    assert.equal(r.status, 400, `${p}: ${r.text}`);
    assert.equal(r.body.error.field, p === 'family-plans' ? 'family_id' : 'plan_id');
  }
  r = await officer.get('/api/v1/family-plans/999999/versions');
  assert.equal(r.status, 404);
  assert.deepEqual(srv.changesSince(before), []);
  const still = (await officer.get(`/api/v1/family-plans/${thePlan.id}`)).body;
  assert.equal(still.version, thePlan.version);
  assert.equal(still.wants_to_change, thePlan.wants_to_change);
});

test('the key worker: a practitioner working with the family, named on its page; the change is audited', async () => {
  let f = (await officer.get(`/api/v1/families/${family.id}`)).body;
  assert.equal(f.key_worker_id, null);
  let r = await officer.patch(`/api/v1/families/${family.id}`, { version: f.version, key_worker_id: officer2.user.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.key_worker_id, officer2.user.id);
  assert.equal(r.body.key_worker_name, 'Test officer2');
  const rows = srv.audit({ action: 'key_worker', record_type: 'family', record_id: family.id });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].detail, `key_worker_id=${officer2.user.id}`);
  f = r.body;
  // Someone who may not hold the family's work is refused, naming the field; nothing stored.
  const before = srv.auditHead();
  for (const who of [admin.user.id, south.user.id, 999999]) {
    r = await officer2.patch(`/api/v1/families/${family.id}`, { version: f.version, key_worker_id: who });
    assert.equal(r.status, 400, `${who}: ${r.text}`);
    assert.equal(r.body.error.field, 'key_worker_id');
  }
  r = await officer2.patch(`/api/v1/families/${family.id}`, { version: f.version, key_worker_id: 'officer2', name: '' });
  assert.deepEqual(fields(r), ['key_worker_id', 'name']);
  // Only the key worker (or a manager) hands the role on (session 23).
  r = await officer.patch(`/api/v1/families/${family.id}`, { version: f.version, key_worker_id: hub.user.id });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.body.error.field, 'key_worker_id');
  assert.deepEqual(srv.changesSince(before), []);
  // Early help works with mum, so its worker may be the key worker.
  r = await officer2.patch(`/api/v1/families/${family.id}`, { version: f.version, key_worker_id: hub.user.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.key_worker_name, 'Test hub');
  r = await manager.patch(`/api/v1/families/${family.id}`, { version: r.body.version, key_worker_id: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.key_worker_id, null);
  assert.equal(srv.audit({ action: 'key_worker', record_type: 'family', record_id: family.id }).length, 3);
  // A new family names a key worker of the creator's team.
  const nf = await created(officer, '/api/v1/families', { name: 'Keyed family', key_worker_id: officer2.user.id });
  assert.equal(nf.key_worker_name, 'Test officer2');
  r = await officer.post('/api/v1/families', { name: 'Keyed family', key_worker_id: south.user.id });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'key_worker_id');
});

// What session 23's walkers found, fixed: a record that contradicts
// itself is refused, naming both fields, nothing stored (a contact listing
// the child as attending but saying they were not seen, or with an outcome
// that says it did not happen; a board meeting's agency "Not invited" that
// attended or contributed data; parent support starting before the parent
// was asked); a date of birth in 2102 must be in the past (not "a real
// date"); who viewed a person says what a "person glance" is; a parent's
// family says "half-sister" when the person's sex is known.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, ukDay as day, PARENTING_TEAM } from './lib.mjs';

let srv, officer, manager, parentworker, kid, mum, caseN, famId;

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
  [officer, manager, parentworker] = await srv.loginAll(['officer', 'manager', 'parentworker']);
  kid = await createdPerson(officer, { given_name: 'Amelia', family_name: 'Hughes', date_of_birth: '2010-02-03', sex: 'female' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Kerry', family_name: 'Hughes' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-200),
  });
  const fam = await created(officer, '/api/v1/families', { name: 'Hughes family' });
  famId = fam.id;
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
});
after(async () => { await srv.stop(); });

const fields = (r) => r.body.errors.map((x) => x.field).sort();

test('a contact listing the child as attending cannot say the child was not seen, nor that it did not happen', async () => {
  const visit = (extra) => ({ case_id: caseN.id, contact_date: day(-1), contact_type: 'home_visit', summary: 'Home visit.',
    attendees: { people: [kid.id, mum.id], practitioners: [officer.user.id] }, ...extra });
  const before = srv.auditHead();
  const r = await officer.post('/api/v1/contacts', visit({ child_seen: false }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['attendees.people', 'child_seen']);
  assert.match(r.body.errors.find((x) => x.field === 'child_seen').message, /^Select yes for whether the child was seen, or remove them/);
  const d = await officer.post('/api/v1/contacts', visit({ outcome: 'did_not_attend' }));
  assert.equal(d.status, 400, d.text);
  assert.deepEqual(fields(d), ['attendees.people', 'outcome']);
  assert.match(d.body.errors.find((x) => x.field === 'outcome').message, /"Did not attend"/);
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  // Without the child among the attendees (a parent seen alone), it is fine.
  const ok = await officer.post('/api/v1/contacts', visit({ child_seen: false, attendees: { people: [mum.id], practitioners: [officer.user.id] } }));
  assert.equal(ok.status, 201, ok.text);
  // A change giving both is refused the same way.
  const u = await officer.patch(`/api/v1/contacts/${ok.body.id}`, { version: ok.body.version, child_seen: false, attendees: { people: [kid.id, mum.id], practitioners: [officer.user.id] } });
  assert.equal(u.status, 400, u.text);
  assert.deepEqual(fields(u), ['attendees.people', 'child_seen']);
});

test('a board meeting\'s agency that was not invited cannot have contributed data or attended', async () => {
  const body = (row) => ({ meeting_date: day(-3), title: 'Quarterly board', attendance: [{ agency: 'police', attended: true, senior: true }, row] });
  const before = srv.auditHead();
  const r = await manager.post('/api/v1/board-meetings', body({ agency: 'health', invited: false, attended: false, senior: false, disproportionality_data: true }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['attendance[1].disproportionality_data', 'attendance[1].invited']);
  assert.match(r.body.errors.find((x) => x.field === 'attendance[1].invited').message, /not invited/);
  const a = await manager.post('/api/v1/board-meetings', body({ agency: 'health', invited: false, attended: true }));
  assert.equal(a.status, 400, a.text);
  assert.deepEqual(fields(a), ['attendance[1].attended', 'attendance[1].invited']);
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  const ok = await manager.post('/api/v1/board-meetings', body({ agency: 'health', invited: true, attended: false, disproportionality_data: true }));
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.body.attendance[1], { agency: 'health', attended: false, senior: false, disproportionality_data: true }, '"invited" is not stored');
});

test('parent support cannot start before the parent was asked', async () => {
  const before = srv.auditHead();
  const r = await parentworker.post('/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseN.id, agreement: 'agreed', agreement_date: day(-2), start_date: day(-5),
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['agreement_date', 'start_date']);
  assert.equal(r.body.errors.find((x) => x.field === 'start_date').message, 'The start date must be the same as or after the date the parent was asked');
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
});

test('a date of birth in 2102 must be in the past; a date in 2102 elsewhere is out of range, not unreal', async () => {
  const r = await officer.post('/api/v1/people', { given_name: 'Tiana', family_name: 'Okafor', date_of_birth: '2102-03-14' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.errors.find((x) => x.field === 'date_of_birth').message, 'Date of birth must be in the past');
  const bad = await officer.post('/api/v1/people', { given_name: 'Tiana', family_name: 'Okafor', date_of_birth: '2102-02-30' });
  assert.equal(bad.body.errors.find((x) => x.field === 'date_of_birth').message, 'Date of birth must be a real date');
  const t = await officer.post('/api/v1/tasks', { case_id: caseN.id, title: 'Far away', due_date: '2102-03-14' });
  assert.equal(t.status, 400, t.text);
  assert.match(t.body.errors.find((x) => x.field === 'due_date').message, /must be between 1900 and 2100$/);
});

test('who viewed a person names the summary at the top of their page in words', async () => {
  assert.equal((await officer.get(`/api/v1/people/${kid.id}/glance`)).status, 200);
  const a = await manager.get(`/api/v1/audit/summary?person_id=${kid.id}`);
  assert.equal(a.status, 200, a.text);
  const text = JSON.stringify(a.body);
  assert.doesNotMatch(text, /person glance/);
  assert.match(text, /Opened the person’s summary \(open cases, alerts and what is due\)/);
});

test('a parent\'s family gives each member\'s sex, so that a half-sibling reads as a half-sister', async () => {
  const fam = { id: famId };
  const paige = await created(officer, '/api/v1/people', { given_name: 'Paige', family_name: 'Hughes', sex: 'female', date_of_birth: '2012-05-06' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: paige.id, member_type: 'child', relationship: 'half_sibling', child_id: kid.id, in_household: true });
  await srv.makeParent(officer, 'kerry.hughes', mum, 'kettle violin marble 58');
  const k = await srv.login('kerry.hughes', 'kettle violin marble 58');
  const r = await k.get('/api/v1/my-family');
  assert.equal(r.status, 200, r.text);
  const p = r.body.members.find((m) => m.given_name === 'Paige');
  assert.equal(p.relationship, 'half_sibling');
  assert.equal(p.sex, 'female');
  assert.equal(r.body.members.find((m) => m.given_name === 'Kerry').sex, null, 'not recorded');
});

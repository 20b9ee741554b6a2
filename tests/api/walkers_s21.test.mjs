// What session 20's walkers found, fixed where the fault is in the data
// (issue 11's session 21): the due list tells two families of one name
// apart, says whom each item is about and counts what is due and overdue
// (docs/team-week.md); a form is refused on a case of a kind it is not for
// (docs/forms.md "Which cases a form is for"); "My parents" lists each
// parent once with their children (docs/parenting.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, dobForAge, ukDay as day, PARENTING_TEAM } from './lib.mjs';

let srv, officer, pw;
let kidA, kidB, kidC, mum, famA, famB, caseA, caseB, support1, support2;


before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
  [officer, pw] = await srv.loginAll(['officer', 'parentworker']);
  // Two families of one name, each with a child of its own.
  kidA = await createdPerson(officer, { given_name: 'Ava', family_name: 'Smith', date_of_birth: dobForAge(16, 330) });
  kidB = await createdPerson(officer, { given_name: 'Ben', family_name: 'Smith', date_of_birth: dobForAge(15, 270) });
  kidC = await createdPerson(officer, { given_name: 'Cal', family_name: 'Smith', date_of_birth: dobForAge(14, 200) });
  mum = await createdPerson(officer, { given_name: 'Dee', family_name: 'Smith', date_of_birth: '1985-07-08' });
  famA = await created(officer, '/api/v1/families', { name: 'Smith family' });
  famB = await created(officer, '/api/v1/families', { name: 'Smith family' });
  const member = (fam, body) => created(officer, `/api/v1/families/${fam.id}/members`, body);
  await member(famA, { person_id: kidA.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famB, { person_id: kidB.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famB, { person_id: kidC.id, member_type: 'child', relationship: 'child', in_household: true });
  for (const kid of [kidB, kidC]) {
    await member(famB, {
      person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
    });
  }
  const yjCase = (kid, fam) => created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-60), family_id: fam.id,
  });
  caseA = await yjCase(kidA, famA);
  caseB = await yjCase(kidB, famB);
  const caseC = await yjCase(kidC, famB);
  const plan = (fam, review) => created(officer, '/api/v1/family-plans', {
    family_id: fam.id, wants_to_change: 'School every day', strengths: 'Close family', agreed_on: day(-40), next_review_date: review,
  });
  await plan(famA, day(-3));
  await plan(famB, day(5));
  // The mother is supported for two of her children: one parenting case.
  support1 = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseB.id, agreement: 'agreed', agreement_date: day(-10), start_date: day(-10), next_review_date: day(30),
  });
  support2 = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseC.id, agreement: 'agreed', agreement_date: day(-9), start_date: day(-9), next_review_date: day(20),
  });
  await created(pw, '/api/v1/parent-sessions', {
    case_id: support1.case_id, session_date: day(-2), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
  });
  await created(pw, '/api/v1/parent-sessions', {
    case_id: support1.case_id, session_date: day(4), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
  });
});
after(async () => { await srv.stop(); });

test('1. the due list tells two families of one name apart by their child, and says whom each item is about', async () => {
  const r = await officer.get('/api/v1/due?within=28');
  assert.equal(r.status, 200, r.text);
  const plans = r.body.items.filter((x) => x.record === 'family_plan');
  assert.equal(plans.length, 2, JSON.stringify(plans));
  const byFamily = Object.fromEntries(plans.map((x) => [x.family_id, x]));
  assert.equal(byFamily[famA.id].family_label, 'Smith family');
  assert.equal(byFamily[famB.id].family_label, 'Smith family');
  assert.equal(byFamily[famA.id].subject, 'family');
  assert.deepEqual([byFamily[famA.id].child_given_name, byFamily[famA.id].child_date_of_birth], ['Ava', kidA.date_of_birth]);
  // The family's first child: Ben joined before Cal.
  assert.deepEqual([byFamily[famB.id].child_given_name, byFamily[famB.id].child_family_name, byFamily[famB.id].child_date_of_birth],
    ['Ben', 'Smith', kidB.date_of_birth]);
  assert.equal(byFamily[famB.id].child_id, kidB.id);
  for (const x of r.body.items.filter((i) => i.person_id)) {
    assert.equal(x.subject, 'child', JSON.stringify(x));
    assert.ok(x.date_of_birth, `a date of birth for ${x.given_name}`);
  }
});

test('1. the parent worker\'s due items are about the parent, with their date of birth', async () => {
  const r = await pw.get('/api/v1/due?within=28');
  assert.equal(r.status, 200, r.text);
  const sessions = r.body.items.filter((x) => x.service === 'parenting' && x.what === 'session');
  assert.equal(sessions.length, 2, JSON.stringify(r.body.items));
  for (const x of sessions) {
    assert.equal(x.subject, 'parent');
    assert.equal(x.person_id, mum.id);
    assert.equal(x.date_of_birth, '1985-07-08');
  }
  const p = await pw.get('/api/v1/parenting/due');
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.due_overdue, p.body.items.filter((x) => x.overdue).length);
  assert.equal(p.body.due_overdue, 1, 'the session two days ago');
  assert.equal(p.body.items.find((x) => x.what === 'session').date_of_birth, '1985-07-08');
  const home = await pw.get('/api/v1/parenting/home');
  assert.equal(home.body.due_overdue, 1);
});

test('1. the due list counts what is due and overdue over the whole list, not the page', async () => {
  const all = await officer.get('/api/v1/due?within=28&limit=100');
  const overdue = all.body.items.filter((x) => x.overdue).length;
  assert.ok(all.body.items.length >= 2 && overdue >= 1, JSON.stringify(all.body.items.map((x) => [x.what, x.due_date])));
  assert.equal(all.body.total, all.body.items.length);
  assert.equal(all.body.overdue_total, overdue);
  assert.equal(all.body.due_total, all.body.items.length - overdue);
  const page = await officer.get('/api/v1/due?within=28&limit=1');
  assert.equal(page.body.items.length, 1);
  assert.equal(page.body.has_more, true);
  assert.deepEqual([page.body.total, page.body.due_total, page.body.overdue_total],
    [all.body.total, all.body.due_total, all.body.overdue_total]);
  const late = await officer.get('/api/v1/due?within=28&overdue=true&limit=100');
  assert.deepEqual([late.body.total, late.body.overdue_total, late.body.due_total], [overdue, overdue, 0]);
});

test('2. a form is refused on a case of a kind it is not for, naming form_id; nothing stored', async () => {
  const forms = (await pw.get('/api/v1/forms')).body.items;
  const pd = forms.find((f) => f.id === 'prevention-diversion');
  assert.deepEqual(pd.case_services, ['youth_justice']);
  assert.ok(forms.find((f) => f.id === 'parent-self-assessment').case_services.includes('parenting'));
  const mark = srv.auditHead();
  const r = await pw.post('/api/v1/form-responses', {
    form_id: 'prevention-diversion', case_id: support1.case_id, completed_by: 'practitioner', authored: day(-1),
    status: 'completed', answers: { circumstances: 'Lives with mum' },
  });
  assert.equal(r.status, 400, r.text);
  const errors = r.body.errors ?? [r.body.error];
  assert.deepEqual(errors.map((x) => x.field), ['form_id']);
  assert.match(errors[0].message, /^Select a form for this kind of case: Prevention and diversion assessment is for Youth justice cases, not Parenting support$/);
  assert.deepEqual(srv.changesSince(mark), []);
  const list = await pw.get(`/api/v1/form-responses?case_id=${support1.case_id}`);
  assert.equal(list.body.items.length, 0);
  // Every wrong field at once: the form's kind with the others.
  const both = await pw.post('/api/v1/form-responses', {
    form_id: 'prevention-diversion', case_id: support1.case_id, completed_by: 'robot', authored: day(-1), status: 'completed', answers: {},
  });
  assert.equal(both.status, 400, both.text);
  assert.ok((both.body.errors ?? []).some((x) => x.field === 'completed_by'), both.text);
  // The same form on the child's youth justice case is fine, and a
  // parenting form on the parenting case.
  await created(officer, '/api/v1/form-responses', {
    form_id: 'prevention-diversion', case_id: caseA.id, completed_by: 'practitioner', authored: day(-1),
    status: 'completed', answers: { circumstances: 'Lives with dad' },
  });
  const sa = await pw.post('/api/v1/form-responses', {
    form_id: 'parent-self-assessment', case_id: support1.case_id, completed_by: 'parent', authored: day(-1), status: 'in-progress', answers: {},
  });
  assert.equal(sa.status, 201, sa.text);
});

test('3. "My parents" lists a parent supported for two children once, with both children', async () => {
  const r = await pw.get('/api/v1/parenting/parents');
  assert.equal(r.status, 200, r.text);
  const rows = r.body.items.filter((x) => x.person_id === mum.id);
  assert.equal(rows.length, 1, JSON.stringify(r.body.items));
  assert.deepEqual(rows[0].children.map((c) => [c.child_id, c.child_given_name, c.support_id]).sort(),
    [[kidB.id, 'Ben', support1.id], [kidC.id, 'Cal', support2.id]].sort());
  assert.equal(rows[0].next_review_date, day(20), 'the earliest review of the two');
  assert.equal(rows[0].support_status, 'active');
  const home = await pw.get('/api/v1/parenting/home');
  assert.equal(home.body.parents.filter((x) => x.person_id === mum.id).length, 1);
  assert.equal(home.body.parents_total, home.body.parents.length);
  // Each support shown is audited, about the parent.
  const mark = srv.auditHead();
  await pw.get('/api/v1/parenting/parents');
  const listed = srv.audit({ action: 'list', record_type: 'parent_support' }, mark);
  assert.deepEqual(listed.map((a) => a.record_id).sort((a, b) => a - b), [support1.id, support2.id].sort((a, b) => a - b));
});

test('5. the person\'s parent portal status: no account, a code pending; a second code replaces it and says so', async () => {
  const none = await pw.get(`/api/v1/people/${mum.id}/parent-account`);
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.body, { person_id: mum.id, account: null, pending: null });
  const first = await created(pw, `/api/v1/people/${mum.id}/parent-account`, {});
  assert.equal(first.replaced, null);
  const mark = srv.auditHead();
  const pending = await pw.get(`/api/v1/people/${mum.id}/parent-account`);
  assert.deepEqual(pending.body.pending, {
    id: first.id, created_at: pending.body.pending.created_at, expires_on: first.expires_on, created_by_name: pw.user.full_name,
  });
  assert.equal(pending.body.account, null);
  assert.deepEqual(srv.audit({ action: 'read', record_type: 'parent_invitation' }, mark).map((a) => [a.record_id, a.person_id]),
    [[first.id, mum.id]]);
  // A second code while the first is pending: it replaces the first and says so.
  const second = await created(pw, `/api/v1/people/${mum.id}/parent-account`, {});
  assert.deepEqual(second.replaced, {
    id: first.id, created_at: pending.body.pending.created_at, expires_on: first.expires_on, created_by_name: pw.user.full_name,
  });
  assert.equal((await pw.get(`/api/v1/people/${mum.id}/parent-account`)).body.pending.id, second.id);
  // The first no longer works; the second makes her account.
  const anon = new (pw.constructor)(srv.base);
  const bad = await anon.post('/api/v1/parent-invitations/redeem', { code: first.code, username: 'dee.smith', password: 'Correct-horse-battery-9' });
  assert.equal(bad.status, 400, bad.text);
  const ok = await anon.post('/api/v1/parent-invitations/redeem', { code: second.code, username: 'dee.smith', password: 'Correct-horse-battery-9' });
  assert.equal(ok.status, 200, ok.text);
  const after = await pw.get(`/api/v1/people/${mum.id}/parent-account`);
  assert.deepEqual(after.body, { person_id: mum.id, account: { username: 'dee.smith', disabled: false }, pending: null });
  // Someone whose record is outside the user's scope: refused.
  const south = await srv.login('officer_south');
  assert.equal((await south.get(`/api/v1/people/${mum.id}/parent-account`)).status, 403);
});

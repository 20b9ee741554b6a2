// What session 20's walkers found on the pages, fixed (session 21): the
// due list says whom each row is about and tells two families of one name
// apart, with "N due, N overdue"; a parenting case offers only the forms
// for a parenting case; "My parents" lists a parent once with both
// children; the person and invite pages show a parent's portal account
// and a code still pending, and a second code says it replaced the first.
// axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, ukLong, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
let ava, ben, mum, support;

async function setUp() {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const person = (given, dob) => created(off, '/api/v1/people', { given_name: given, family_name: 'Smith', date_of_birth: dob });
  ava = await person('Ava', dobForAge(16, 334));
  ben = await person('Ben', dobForAge(15, 273));
  const cal = await person('Cal', dobForAge(14, 210));
  mum = await person('Dee', '1985-07-08');
  const famA = await created(off, '/api/v1/families', { name: 'Smith family' });
  const famB = await created(off, '/api/v1/families', { name: 'Smith family' });
  const member = (fam, body) => created(off, `/api/v1/families/${fam.id}/members`, body);
  await member(famA, { person_id: ava.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famB, { person_id: ben.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famB, { person_id: cal.id, member_type: 'child', relationship: 'child', in_household: true });
  for (const kid of [ben, cal]) {
    await member(famB, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  }
  const yjCase = (kid, fam) => created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-60), family_id: fam.id,
  });
  await yjCase(ava, famA);
  const caseB = await yjCase(ben, famB);
  const caseC = await yjCase(cal, famB);
  const plan = (fam, review) => created(off, '/api/v1/family-plans', {
    family_id: fam.id, wants_to_change: 'School every day', strengths: 'Close family', agreed_on: day(-40), next_review_date: review,
  });
  await plan(famA, day(-3));
  await plan(famB, day(5));
  support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseB.id, agreement: 'agreed', agreement_date: day(-10), start_date: day(-10), next_review_date: day(30),
  });
  await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseC.id, agreement: 'agreed', agreement_date: day(-9), start_date: day(-9), next_review_date: day(20),
  });
  for (const when of [day(-2), day(4)]) {
    await created(pw, '/api/v1/parent-sessions', {
      case_id: support.case_id, session_date: when, status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
    });
  }
}

test('1. the officer\'s due list: whom each row is about, families of one name told apart, and the counts', async () => {
  await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto('#/due');
  await s.heading('Due and overdue');
  const tableEl = page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue in my work' }) });
  await tableEl.waitFor();
  assert.equal((await tableEl.locator('thead th').first().textContent()).trim(), 'Person or family');
  const text = await tableEl.textContent();
  assert.match(text, new RegExp(`Family of Ava Smith, born ${ukLong(ava.date_of_birth)}`));
  assert.match(text, new RegExp(`Family of Ben Smith, born ${ukLong(ben.date_of_birth)}`));
  assert.equal(await tableEl.getByRole('link', { name: 'Smith family' }).count(), 2);
  await page.locator('.spire-due-counts', { hasText: '1 overdue and 1 due, 2 in all' }).waitFor();
  await s.axe('due and overdue with families of one name');
  s.assertClean();
  await s.close();
});

test('1 and 3. the parent worker: due items with the parent\'s date of birth and counts; My parents lists the mother once', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.heading('Parents');
  const parents = page.locator('table', { has: page.locator('caption', { hasText: 'My parents' }) });
  const rows = parents.locator('tbody tr', { hasText: 'Dee Smith' });
  assert.equal(await rows.count(), 1, 'one row for the mother');
  assert.match(await rows.first().textContent(), /Ben Smith.*Cal Smith|Cal Smith.*Ben Smith/);
  // Told apart from another parent of the same name: born, and how she is
  // related to each child.
  assert.match(await rows.first().textContent(), /Dee Smith\s*Born 8 July 1985/);
  assert.match(await rows.first().textContent(), /Ben Smith \(mother\)/);
  await page.locator('.spire-due-counts', { hasText: '1 overdue and 1 due, 2 in all' }).first().waitFor();
  await s.axe('parent worker home');
  await s.goto('#/parenting/due');
  await s.heading('Due and overdue');
  await page.locator('.spire-due-counts', { hasText: '1 overdue and 1 due, 2 in all' }).waitFor();
  assert.match(await page.locator('table').first().textContent(), /Dee Smith\s*Born 8 July 1985/);
  await s.axe('parent worker due list');
  // The officer's kind of list, as a parent worker sees it at #/due: the
  // parent is a parent, not a child.
  await s.goto('#/due');
  await s.heading('Due and overdue');
  const due = page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue in my work' }) });
  await due.waitFor();
  assert.match(await due.textContent(), /Dee Smith\s*Parent or carer, born 8 July 1985/);
  await s.axe('due list with a parent');
  await s.goto('#/parenting/parents');
  await s.heading('My parents');
  assert.equal(await page.locator('tbody tr', { hasText: 'Dee Smith' }).count(), 1);
  await s.axe('my parents');
  s.assertClean();
  await s.close();
});

test('2. a parenting case offers only the forms for a parenting case', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.goto(`#/cases/${support.case_id}/forms`);
  await s.heading('Forms');
  await page.getByRole('link', { name: 'Parent self-assessment' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Prevention and diversion assessment' }).count(), 0);
  await s.axe('forms on a parenting case');
  s.assertClean();
  await s.close();
});

test('5. the invite page and the person page show the code pending; a second code says it replaced the first', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.goto(`#/people/${mum.id}/parent-portal`);
  await s.heading('Invite Dee Smith to the parent portal');
  const rowText = async (key) => (await page.locator('.govuk-summary-list__row', { hasText: key }).locator('dd').first().textContent()).trim();
  assert.equal(await rowText('Parent portal account'), 'No');
  assert.equal(await rowText('Invitation code waiting to be used'), 'No');
  await s.axe('invite, nothing yet');
  await page.getByRole('button', { name: 'Create an invitation code' }).click();
  await s.heading('Invitation code created');
  assert.equal(await page.getByText('no longer works').count(), 0);
  // The person page says a code is waiting.
  await s.goto(`#/people/${mum.id}`);
  await s.heading('Dee Smith');
  await page.getByRole('heading', { name: 'Parent portal' }).waitFor();
  assert.match(await rowText('Invitation code waiting to be used'), /^Yes, made on .* works until the end of /);
  // An adult: no child-only details, no youth justice rows at a glance;
  // her family named with who else is in it.
  await page.locator('#at-a-glance', { hasText: 'Last seen' }).waitFor();
  assert.doesNotMatch(await page.locator('#at-a-glance').textContent(), /Risk of serious harm|Safety and wellbeing/);
  assert.equal(await page.locator('.govuk-summary-list__key', { hasText: /^\s*UPN\s*$/ }).count(), 0);
  await page.getByText('with Ben Smith and Cal Smith').first().waitFor();
  // Family members are added from a child's page: an adult's page does not
  // offer it, and its address says where to go instead (a new family made
  // here once filed the adult as its child).
  assert.equal(await page.getByRole('button', { name: 'Add a family member' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Add a family member' }).count(), 0);
  await s.goto(`#/people/${mum.id}/family/add`);
  await s.heading('Add family members from the child\'s page');
  await s.axe('add a family member on an adult');
  await s.axe('person page with a code pending');
  await s.goto(`#/people/${mum.id}/parent-portal`);
  await s.heading('Invite Dee Smith to the parent portal');
  await page.getByText('Dee Smith already has an invitation code').waitFor();
  await s.axe('invite with a code pending');
  await page.getByRole('button', { name: 'Make a new code instead' }).click();
  await s.heading('Invitation code created');
  await page.getByText(/The earlier code, made on .*, no longer works\./).waitFor();
  await s.axe('second code');
  s.assertClean();
  await s.close();
});

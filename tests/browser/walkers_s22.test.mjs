// What session 21's walkers found on the pages, fixed (session 22): two
// families of one name have pages told apart (whose family, its
// reference) in the heading and the tab's title; a parent's page says
// what the parent is to each child; "Parents to meet" and "Parents not
// seen" show each parent's date of birth; the due list's "Due within"
// keeps a window outside its choices. axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
let ava, ben, mum, famA, famB;

async function setUp() {
  if (famA) return;
  const off = await env.srv.login('officer');
  const person = (given, dob) => created(off, '/api/v1/people', { given_name: given, family_name: 'Smith', date_of_birth: dob });
  ava = await person('Ava', dobForAge(16, 334));
  ben = await person('Ben', dobForAge(15, 273));
  mum = await person('Dee', '1985-07-08');
  famA = await created(off, '/api/v1/families', { name: 'Smith family' });
  famB = await created(off, '/api/v1/families', { name: 'Smith family' });
  const member = (fam, body) => created(off, `/api/v1/families/${fam.id}/members`, body);
  await member(famA, { person_id: ava.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famB, { person_id: ben.id, member_type: 'child', relationship: 'child', in_household: true });
  await member(famA, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: ava.id, parental_responsibility: true, in_household: true });
  await member(famB, { person_id: mum.id, member_type: 'adult', relationship: 'step_mother', child_id: ben.id, in_household: true });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: ava.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: day(-60), family_id: famA.id,
  });
  // Started 40 days ago, no one seen: Dee is to meet, and not seen at the start.
  await created(off, '/api/v1/outcomes', { case_id: kase.id, outcome_type: 'diversion', outcome_date: day(-40), start_date: day(-40) });
  await created(off, '/api/v1/tasks', { case_id: kase.id, title: 'Ask the school for the annual report', due_date: day(300) });
}

test('1. two families of one name: each page says whose it is, in its heading and its title', async () => {
  await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  const seen = [];
  for (const [fam, kid] of [[famA, 'Ava Smith'], [famB, 'Ben Smith']]) {
    await s.goto(`#/families/${fam.id}`);
    await s.heading('Smith family');
    // Both pages have this heading: wait for this family's own caption,
    // not the page before's.
    await page.locator('main .govuk-caption-l', { hasText: `Family of ${kid}` }).waitFor();
    const caption = (await page.locator('main .govuk-caption-l').textContent()).trim();
    assert.equal(caption, `Family of ${kid} (family ${fam.id})`);
    seen.push([caption, await page.title()]);
    await s.axe(`family page of ${kid}`);
  }
  assert.notEqual(seen[0][0], seen[1][0], 'the headings differ');
  assert.notEqual(seen[0][1], seen[1][1], 'the tabs\' titles differ');
  assert.match(seen[0][1], /^Smith family, Family of Ava Smith \(family \d+\) – Spire$/);
  s.assertClean();
  await s.close();
});

test('2. a parent\'s page says what the parent is to each child', async () => {
  await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${mum.id}`);
  await s.heading('Dee Smith');
  const row = (name) => page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
  assert.equal((await row('Ava Smith').locator('td').nth(0).textContent()).trim(), 'Child: Dee Smith is their mother');
  assert.equal((await row('Ben Smith').locator('td').nth(0).textContent()).trim(), 'Child: Dee Smith is their stepmother');
  await s.axe('parent\'s page');
  // The child's page still says it from the child's side.
  await s.goto(`#/people/${ava.id}`);
  await s.heading('Ava Smith');
  assert.equal((await row('Dee Smith').locator('td').nth(0).textContent()).trim(), 'Mother');
  s.assertClean();
  await s.close();
});

test('3. parents to meet and parents not seen show each parent\'s date of birth', async () => {
  await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.heading('Parents');
  const list = (caption) => page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  const meet = list('Parents to meet').locator('tbody tr', { hasText: 'Dee Smith' });
  await meet.first().waitFor();
  assert.match(await meet.first().locator('th, td').first().textContent(), /Dee Smith\s*Born 8 July 1985/);
  const missed = list('Parents not seen').locator('tbody tr', { hasText: 'Dee Smith' });
  await missed.first().waitFor();
  assert.match(await missed.first().locator('th, td').first().textContent(), /Dee Smith\s*Born 8 July 1985/);
  await s.axe('parent worker home with dates of birth');
  // Each list's own page too.
  await s.goto('#/parenting/to-meet');
  await list('Parents to meet').locator('tbody tr', { hasText: 'Born 8 July 1985' }).first().waitFor();
  await s.goto('#/parenting/misses');
  await list('Parents not seen').locator('tbody tr', { hasText: 'Born 8 July 1985' }).first().waitFor();
  await s.axe('parents not seen, all of them');
  s.assertClean();
  await s.close();
});

test('4. the due list keeps a window outside its choices: the select says what the list shows', async () => {
  await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto('#/due?within=365');
  await s.heading('Due and overdue');
  await page.getByText('Ask the school for the annual report').waitFor();
  const select = page.getByLabel('Due within');
  assert.equal(await select.inputValue(), '365');
  assert.equal((await select.locator('option:checked').textContent()).trim(), 'The next 365 days');
  await s.axe('due within 365 days');
  // Showing it again keeps the window.
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForFunction(() => location.hash.includes('within=365'));
  assert.equal(await page.getByLabel('Due within').inputValue(), '365');
  // A window the API refuses falls back to four weeks.
  await s.goto('#/due?within=999');
  await page.waitForFunction(() => !document.querySelector('main option[value="365"]'));
  assert.equal(await page.getByLabel('Due within').inputValue(), '28');
  s.assertClean();
  await s.close();
});

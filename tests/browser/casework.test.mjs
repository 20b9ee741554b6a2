// Casework journeys in real Chromium: an officer adds a child (and is
// warned of a duplicate), adds a parent to the family, opens a case,
// records a joint contact with a task and finds it in "my tasks"; a
// validation error shows the error summary; an officer from another team
// meets the break-glass form; a manager sees who viewed the record.
// axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';
import { dobForAge, ukDay } from '../api/lib.mjs';

const env = suite();
const CHILD = { given: 'Amara', family: 'Okafor', dob: dobForAge(16, 229) };
let childId;

test('the session cookie works in headless Chromium over http://127.0.0.1', async () => {
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('officer');
  const cookies = await s.context.cookies();
  const c = cookies.find((x) => x.name === '__Host-spire');
  assert.ok(c, 'cookie stored');
  assert.equal(c.httpOnly, true);
  assert.equal(c.sameSite, 'Strict');
  // A reload restores the session (and the CSRF token) from the cookie.
  await s.page.reload();
  await s.heading('My caseload');
  assert.equal(await s.page.locator('.spire-header__name').textContent(), 'Test officer');
  await s.axe('my caseload');
  // Signing out ends it: the API refuses the old cookie.
  await s.page.locator('#sign-out').click();
  await s.heading('Sign in');
  const st = await s.page.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(st, 401);
  s.assertClean();
  await s.close();
});

test('an officer adds a child, is warned of a duplicate, adds a parent, opens a case and records a joint contact', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');

  // Add the child.
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await s.heading('Add a person');
  await s.axe('add a person');
  const fill = async () => {
    await page.getByLabel('First name', { exact: true }).fill(CHILD.given);
    await page.getByLabel('Last name', { exact: true }).fill(CHILD.family);
    await s.date('Date of birth', CHILD.dob);
    await page.getByLabel('Female').check();
    await page.getByLabel('Ethnicity').selectOption('black_african');
    await page.getByLabel('Alerts').fill('Dog at the address');
  };
  await fill();
  await page.getByRole('button', { name: 'Save person' }).click();
  await s.heading(`${CHILD.given} ${CHILD.family}`);
  childId = Number(page.url().match(/#\/people\/(\d+)/)[1]);
  await page.locator('.govuk-warning-text', { hasText: 'Dog at the address' }).waitFor();
  await s.axe('child page');

  // A second identical child: the duplicate warning names the first.
  await s.goto('#/people/new');
  await fill();
  await page.getByRole('button', { name: 'Save person' }).click();
  const dups = page.locator('#duplicates');
  await dups.waitFor();
  assert.match(await dups.textContent(), /This person may already be on Spire/);
  assert.equal(await dups.getByRole('link', { name: `${CHILD.given} ${CHILD.family}` }).getAttribute('href'), `#/people/${childId}`);
  await s.axe('duplicate warning');
  await s.shot('duplicate-warning');
  // Nothing was created by the refused attempt.
  const off = await env.srv.login('officer');
  let r = await off.get('/api/v1/people?q=Okafor');
  assert.equal(r.body.items.length, 1);

  // Add the mother to a new family.
  await s.goto(`#/people/${childId}`);
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await s.heading(/Add a family member/);
  await s.axe('add family member');
  await page.getByLabel('Name of the family').fill('Okafor family');
  await page.getByLabel('First name', { exact: true }).fill('Grace');
  await page.getByLabel('Last name', { exact: true }).fill('Okafor');
  await s.date('Date of birth', '1984-02-14');
  await page.getByLabel(/Relationship to/).selectOption('mother');
  await page.getByLabel('Has parental responsibility').check();
  await page.getByLabel('Lives in the household').check();
  await page.getByRole('button', { name: 'Add to family' }).click();
  await s.heading(`${CHILD.given} ${CHILD.family}`);
  const household = page.locator('table', { has: page.locator('caption', { hasText: 'Household' }) });
  await household.waitFor();
  const row = household.locator('tr', { hasText: 'Grace Okafor' });
  assert.match(await row.textContent(), /Mother/);
  assert.match(await row.textContent(), /Yes/);
  r = await off.get(`/api/v1/people/${childId}`);
  const fam = r.body.families[0];
  assert.equal(fam.name, 'Okafor family');
  const mum = fam.members.find((m) => (m.person || m).given_name === 'Grace');
  assert.equal(mum.relationship, 'mother');
  assert.equal(!!mum.parental_responsibility, true);
  assert.equal(!!mum.in_household, true);
  await s.axe('child page with family');

  // Open a case.
  await page.getByRole('button', { name: 'Open a case' }).click();
  await s.heading(/Open a case/);
  await s.axe('open a case');
  // An officer's only service, youth justice, is chosen for them: there is
  // nothing else to choose (a case saved without it was refused).
  assert.equal(await page.getByRole('group', { name: 'Service' }).getByRole('radio').count(), 1);
  assert.equal(await page.getByLabel('Youth justice').isChecked(), true);
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'reason' }).waitFor();
  assert.doesNotMatch(await page.locator('.govuk-error-summary').textContent(), /Select the service/);
  await page.getByLabel('Reason for involvement').fill('Referred by the youth court');
  await page.getByRole('button', { name: 'Open case' }).click();
  await s.heading(/case – Amara Okafor/);
  const caseId = Number(page.url().match(/#\/cases\/(\d+)/)[1]);
  await s.axe('case page');

  // Record a joint home visit with the mother and a colleague, and a task.
  await page.getByRole('button', { name: 'Record a contact' }).click();
  await s.heading(/Record a contact/);
  await page.getByLabel('Home visit').check();
  await page.getByLabel('Joint contact').check();
  await page.getByLabel(/Grace Okafor/).check();
  await page.getByLabel(/Test officer2/).check();
  await page.getByLabel('Summary').fill('Visited at home with mum. Agreed to attend the first session.');
  await page.getByLabel('Task', { exact: true }).fill('Book the first session');
  const due = ukDay(7);
  await s.date('Due date', due);
  await s.axe('record a contact');
  await s.shot('record-contact');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await s.heading(/case – Amara Okafor/);
  await page.getByText('The contact and its task have been recorded.').waitFor();
  const contacts = page.locator('table', { has: page.locator('caption', { hasText: 'Contacts' }) });
  await contacts.waitFor();
  assert.match(await contacts.textContent(), /Home visit.*Yes.*Grace Okafor.*Test officer2.*Visited at home/s);
  r = await off.get(`/api/v1/contacts?case_id=${caseId}`);
  assert.equal(r.body.items.length, 1);
  assert.equal(!!r.body.items[0].joint, true);
  assert.equal(r.body.items[0].contact_type, 'home_visit');

  // The task is in my tasks, and on the caseload.
  await page.getByRole('link', { name: 'My tasks' }).click();
  await s.heading('My tasks');
  const mine = page.locator('table', { has: page.locator('caption', { hasText: /^My tasks$/ }) });
  await mine.waitFor();
  assert.match(await mine.textContent(), /Book the first session.*Amara Okafor/s);
  await s.axe('my tasks');
  await page.getByRole('link', { name: 'My caseload' }).click();
  await s.heading('My caseload');
  await page.locator('table', { has: page.locator('caption', { hasText: 'My tasks due' }), hasText: 'Book the first session' }).waitFor();
  // The case's row at a glance: its next due item is that task.
  assert.match(await page.locator('table', { has: page.locator('caption', { hasText: 'My open cases' }) }).textContent(), /Amara Okafor[\s\S]*Task: Book the first session/);
  await s.axe('my caseload with work');
  await s.shot('caseload');

  // The child's page shows the case with its contact and task.
  await s.goto(`#/people/${childId}`);
  await page.locator('section', { hasText: 'Book the first session' }).waitFor();
  await s.shot('child-page');
  s.assertClean();
  await s.close();
});

test('a validation error shows the GOV.UK error summary naming the field', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto('#/people/new');
  await page.getByLabel('First name', { exact: true }).fill('Zed');
  await page.getByLabel('Last name', { exact: true }).fill('Nopostcode');
  await page.getByLabel('Postcode').fill('NOT A POSTCODE');
  await page.getByRole('button', { name: 'Save person' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /There is a problem.*Enter a real UK postcode/s);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('govuk-error-summary')), true);
  assert.match(await page.title(), /^Error: /);
  const inline = page.locator('#f-postcode-error');
  assert.match(await inline.textContent(), /Enter a real UK postcode/);
  assert.equal(await page.locator('#f-postcode').getAttribute('class'), 'govuk-input govuk-input--width-10 govuk-input--error');
  // The summary link moves focus to the field.
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-postcode');
  await s.axe('validation error');
  await s.shot('validation-error');
  const off = await env.srv.login('officer');
  const r = await off.get('/api/v1/people?q=Nopostcode');
  assert.equal(r.body.items.length, 0, 'nothing stored');
  s.assertClean();
  await s.close();
});

test('an officer from another team gets the break-glass form', async () => {
  assert.ok(childId, 'needs the child from the journey');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer_south');
  await page.getByRole('link', { name: 'Find a person' }).first().click();
  await s.heading('Find a person');
  // A surname alone finds nobody outside the officer's caseload: search is
  // not a directory. The full name and date of birth do.
  await page.getByLabel('Name').fill('Okafor');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'No matching people' }).waitFor();
  await page.getByText(/refine your search/i).waitFor();
  await page.getByLabel('Name').fill('Amara Okafor');
  await s.date('Date of birth', CHILD.dob);
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.locator('table', { hasText: 'Amara Okafor' });
  await results.waitFor();
  assert.match(await results.textContent(), /Outside your team/);
  await s.axe('search results');
  await results.getByRole('link', { name: 'Amara Okafor' }).click();
  await s.heading('You need a reason to view this record');
  await s.axe('break glass');
  await s.shot('break-glass');
  // Too short a reason is refused on the page.
  await page.getByLabel('Why do you need to view this record?').fill('urgent');
  await page.getByRole('button', { name: 'View the record' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'at least 10 characters' }).waitFor();
  await page.getByLabel('Why do you need to view this record?').fill('Police called out of hours about Amara');
  await page.getByRole('button', { name: 'View the record' }).click();
  await s.heading('Amara Okafor');
  await page.locator('.govuk-inset-text', { hasText: 'with a reason' }).waitFor();
  await s.axe('child page by break glass');
  s.assertClean();
  await s.close();
});

test('a parent worker in a youth justice team is told to ask for the case to be opened', async () => {
  assert.ok(childId, 'needs the child from the journey');
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('parentworker');
  await s.goto(`#/people/${childId}/cases/new`);
  await s.heading(/Open a case for Amara Okafor/);
  await s.page.getByText('Your role does not open cases in your team’s service').waitFor();
  assert.equal(await s.page.getByRole('button', { name: 'Open case' }).count(), 0);
  await s.axe('open a case: not for this role');
  s.assertClean();
  await s.close();
});

test('a manager sees who viewed the record, including the break-glass view', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/people/${childId}`);
  await s.heading('Amara Okafor');
  await page.getByRole('button', { name: 'Who viewed this record' }).click();
  await s.heading(/Who viewed Amara Okafor/);
  const t = page.locator('table');
  await t.waitFor();
  const text = await t.textContent();
  // The role by the name people use (src/service/roles.c, web/js/ui.js).
  assert.match(text, /Test officer \(Youth justice officer\)/);
  const bg = t.locator('tr', { hasText: 'Break glass' }).first();
  assert.match(await bg.textContent(), /Test officer_south.*Police called out of hours about Amara/s);
  await s.axe('who viewed');
  await s.shot('who-viewed');
  s.assertClean();
  await s.close();
});

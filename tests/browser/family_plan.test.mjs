// One Family, One Plan in real Chromium (docs/parenting.md): from a child's
// page to the family's page; a key worker named; the plan started in the
// family's words; an action (who will do what, by when) and a review added;
// the plan changed and its earlier version shown; the server's refusals
// named on the field; the plain-language plan for the family printed
// without the service's navigation; the place kept for Steps to Change.
// axe-core runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();

const fieldset = (s, legend) => s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });

test('the family\'s page: key worker, plan, actions, reviews, versions and the family\'s printable plan', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Kai', family_name: 'Rowe', date_of_birth: '2010-04-02' });
  const mum = await created(off, '/api/v1/people', { given_name: 'Mara', family_name: 'Rowe', date_of_birth: '1985-01-11' });
  await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-01-10' });
  const fam = await created(off, '/api/v1/families', { name: 'Rowe family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Kai Rowe');
  await page.locator('a', { hasText: 'The family\'s page and plan' }).click();
  await s.heading('Rowe family');
  assert.equal(await page.locator('#steps-to-change').count(), 1, 'the place for Steps to Change');
  // Steps to Change is drawn in it: here, how to score the family.
  await page.locator('#steps-to-change').getByText('The family has not been scored yet.').waitFor();
  await page.locator('#steps-to-change').getByRole('button', { name: 'Record a Steps to Change scoring' }).waitFor();
  await s.axe('family page without a plan');

  // The key worker.
  await page.getByRole('button', { name: 'Name a key worker' }).click();
  await s.heading('Name a key worker');
  await s.axe('key worker');
  await page.getByLabel('Key worker').selectOption({ label: 'Test officer2 (YJ North)' });
  await page.getByRole('button', { name: 'Save key worker' }).click();
  await s.heading('Rowe family');
  await page.locator('.govuk-summary-list', { hasText: 'Test officer2' }).waitFor();

  // The plan, in the family's words; a refusal is named on its field.
  await page.getByRole('button', { name: 'Start the family\'s plan' }).click();
  await s.heading('Start the family\'s plan');
  await s.axe('start plan');
  await page.getByLabel('What does the family want to change?').fill('Get the kids to school every day');
  await s.date('Date the family agreed the plan', '2024-03-04');
  await s.date('Next review (optional)', '2024-03-01');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'The next review must be on or after' }).waitFor();
  await s.axe('start plan with an error');
  await s.date('Next review (optional)', '2024-04-04');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await s.heading('Rowe family');
  await page.getByText('Get the kids to school every day').first().waitFor();

  // An action owned by mum, by a date.
  await page.getByRole('button', { name: 'Add an action' }).click();
  await s.heading('Add an action to the family\'s plan');
  await s.axe('add action');
  // Session 28: the practitioners come by team, the user's own team first
  // with the user first in it, then the other teams by name; never an
  // admin or analyst, who hold no casework.
  const groups = await page.getByLabel('Which practitioner? (if a named practitioner)').locator('optgroup')
    .evaluateAll((gs) => gs.map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)]));
  assert.equal(groups[0][0], 'Your team (YJ North)', JSON.stringify(groups));
  assert.equal(groups[0][1][0], 'Test officer (you)');
  assert.ok(groups[0][1].includes('Test officer2'), JSON.stringify(groups));
  const others = groups.slice(1).map(([g]) => g);
  assert.deepEqual(others, [...others].sort((a, b) => a.localeCompare(b)));
  assert.doesNotMatch(JSON.stringify(groups), /admin|analyst/i);
  await page.getByLabel('What will be done?').fill('Walk to school with the other mums');
  await fieldset(s, 'Who will do it?').getByLabel('Someone in the family').check();
  await page.getByLabel('Who in the family? (if someone in the family)').selectOption({ label: 'Mara Rowe' });
  await s.date('By when? (optional)', '2024-03-18');
  await page.getByRole('button', { name: 'Save the action' }).click();
  await s.heading('Rowe family');
  const row = page.locator('table', { hasText: 'Who will do what, by when' }).locator('tr', { hasText: 'Walk to school' });
  assert.match(await row.textContent(), /Mara Rowe.*18 March 2024.*Not started/);

  // A review in the family's words and the practitioner's.
  await page.getByRole('button', { name: 'Record a review' }).click();
  await s.heading('Record a review of the family\'s plan');
  await s.axe('add review');
  await s.date('Date of the review', '2024-04-04');
  await page.getByLabel('What has changed, in the family\'s words').fill('The kids went every day but one');
  await page.getByLabel('What has changed, as the practitioner sees it').fill('Attendance is up to 96%');
  await page.getByRole('button', { name: 'Save the review' }).click();
  await s.heading('Rowe family');
  await page.getByText('The kids went every day but one').waitFor();

  // Changed: the earlier version is kept and shown.
  await page.getByRole('button', { name: 'Change the plan' }).click();
  await s.heading('Change the family\'s plan');
  await page.getByLabel('What does the family want to change?').fill('School every day, and calmer mornings');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Rowe family');
  await s.axe('family page with a plan');
  await page.getByRole('link', { name: 'See earlier versions of the plan (1)' }).click();
  await s.heading('Versions of the family\'s plan');
  await s.axe('versions');
  const versions = await page.locator('h2').allTextContents();
  assert.match(versions[0], /^Version 2, changed on .* by Test officer$/);
  assert.match(versions[1], /^Version 1, changed on .* by Test officer$/);
  await page.getByText('Get the kids to school every day').waitFor();

  // The family's own copy, printed without the service around it.
  await page.getByRole('link', { name: 'Back' }).click();
  await s.heading('Rowe family');
  await page.getByRole('button', { name: 'Print the plan for the family' }).click();
  await s.heading('Our family plan');
  await s.axe('printable plan');
  const main = await page.locator('main').textContent();
  assert.ok(main.indexOf('What we want to change') < main.indexOf('Who will do what, by when'), 'the family\'s words first');
  assert.match(main, /School every day, and calmer mornings/);
  assert.match(main, /Your key worker is Test officer2/);
  assert.match(main, /We will look at the plan together again on 4 April 2024/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-header').isVisible(), false, 'no header in print');
  assert.equal(await page.getByRole('button', { name: 'Print this plan' }).isVisible(), false);
  assert.equal(await page.getByText('Walk to school with the other mums').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  s.assertClean();
  await s.close();
});

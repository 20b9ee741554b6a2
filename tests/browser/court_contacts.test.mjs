// The team's week in real Chromium (issue 10 §2): an officer records a
// contact as practitioners record it (time, duration, location, what
// happened, whether the child was seen alone, significant) with a social
// worker and a hub worker from another service among those who attended,
// after the API names every wrong field at once; adds a task on the case for
// a practitioner of another service, from the case page and from the
// person's page; records a court hearing and a report for court, which the
// case page shows and "Due and overdue" lists as overdue. axe-core runs on
// every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { ukDay } from '../api/lib.mjs';

const env = suite();

function fieldset(s, legend) {
  return s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });
}

// dateIn(s, legend, iso): fill the date input whose legend is exactly legend.
async function dateIn(s, legend, iso) {
  const [y, m, d] = iso.split('-');
  const group = fieldset(s, new RegExp(`^${legend}$`));
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y);
}

test('an officer records a contact with practitioners of other services, adds tasks for them and records court work', async () => {
  const off = await env.srv.login('officer');
  const social = await env.srv.login('social');
  const kid = await created(off, '/api/v1/people', { given_name: 'Rhys', family_name: 'Cole', date_of_birth: '2009-02-02' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Charged', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-05',
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}/contacts/new`);
  await s.heading('Record a contact with Rhys Cole');
  await s.axe('record a contact');
  // The picker offers every service's practitioners, not the admin:
  // another team's are found by name or team (session 26).
  const picker = fieldset(s, 'Practitioners who attended');
  await picker.getByLabel('Find a practitioner').fill('early help');
  await picker.getByLabel('Test social – Early Help East (Early help)').waitFor();
  assert.equal(await picker.getByText('Test admin').count(), 0);

  await s.date('Date of contact', ukDay(0));
  await page.getByLabel('Time of contact (optional)').fill('25:10');
  await page.getByLabel('Duration (minutes) (optional)').fill('0');
  await fieldset(s, 'Type of contact').getByLabel('Home visit', { exact: true }).check();
  await page.getByLabel('Location (optional)').fill('Family home');
  await fieldset(s, 'What happened').getByLabel('Did not attend', { exact: true }).check();
  await fieldset(s, 'Was the child seen?').getByLabel('Yes', { exact: true }).check();
  await picker.getByLabel('Test social – Early Help East (Early help)').check();
  await picker.getByLabel('Test hub – Early Help East (Early help)').check();
  await page.getByLabel('Summary').fill('Joint visit with children’s services about the bail address.');
  await page.getByRole('button', { name: 'Save contact' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  const text = await summary.textContent();
  assert.match(text, /24-hour clock/);
  assert.match(text, /between 1 and 1440/);
  assert.match(text, /Select no for whether the child was seen/);
  assert.match(await page.title(), /^Error: /);
  await s.axe('record a contact with errors');
  assert.equal((await off.get(`/api/v1/contacts?case_id=${kase.id}`)).body.items.length, 0, 'nothing stored');

  await page.getByLabel('Time of contact (optional)').fill('16:30');
  await page.getByLabel('Duration (minutes) (optional)').fill('45');
  await fieldset(s, 'What happened').getByLabel('Attended', { exact: true }).check();
  await fieldset(s, 'Was the child seen alone?').getByLabel('Yes', { exact: true }).check();
  // Seen but not among those who attended: the message names the field by
  // its label once ("the family members who attended", not "... who
  // attended who attended": session 29's walk).
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Select the child among the family members who attended, or select no' }).waitFor();
  assert.doesNotMatch(await page.locator('.govuk-error-summary').textContent(), /who attended who attended/);
  // Seen: the child is among the people who attended (session 24).
  await fieldset(s, 'Family members who attended').getByLabel('Rhys Cole (the child)').check();
  await page.getByLabel('Significant: show it in the child’s chronology').check();
  await page.getByRole('button', { name: 'Save contact' }).click();
  await s.heading(/case – Rhys Cole/);
  const contacts = page.locator('table', { has: page.locator('caption', { hasText: 'Contacts' }) });
  await contacts.waitFor();
  const row = await contacts.locator('tbody tr').first().textContent();
  assert.match(row, /16:30/);
  assert.match(row, /45 minutes/);
  assert.match(row, /Attended\. Child seen alone/);
  assert.match(row, /Significant/);
  assert.match(row, /Test social/);
  assert.match(row, /Test hub/);
  const [stored] = (await off.get(`/api/v1/contacts?case_id=${kase.id}`)).body.items;
  assert.deepEqual([stored.contact_time, stored.duration_minutes, stored.location, stored.outcome, stored.child_seen, stored.seen_alone, stored.significant],
    ['16:30', 45, 'Family home', 'attended', true, true, true]);
  await s.axe('case page with a contact');

  // Add a task on the case for the social worker.
  await page.getByRole('link', { name: 'Add a task', exact: true }).click();
  await s.heading('Add a task on Rhys Cole’s case');
  await s.axe('add a task');
  await page.getByRole('button', { name: 'Save task' }).click();
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter the task.*Enter the due date/);
  await s.axe('add a task with errors');
  await page.getByLabel('Task', { exact: true }).fill('Share the bail address check');
  await s.date('Due date', ukDay(7));
  await page.getByLabel('Who will do it').selectOption({ label: 'Test social – Early Help East (Early help)' });
  await page.getByRole('button', { name: 'Save task' }).click();
  await s.heading(/case – Rhys Cole/);
  await page.locator('.govuk-notification-banner', { hasText: 'The task has been added' }).waitFor();
  const tasks = (await social.get('/api/v1/tasks?mine=1')).body.items;
  assert.deepEqual(tasks.map((t) => [t.title, t.case_id, t.team_id]), [['Share the bail address check', kase.id, social.user.team_id]]);

  // The person's page offers it too.
  await s.goto(`#/people/${kid.id}`);
  await page.getByRole('button', { name: /^Add a task/ }).first().click();
  await s.heading('Add a task on Rhys Cole’s case');

  // Court work: a hearing, then a report for court for it, overdue.
  await s.goto(`#/cases/${kase.id}`);
  await page.getByText('No hearings have been recorded.').waitFor();
  await page.getByRole('link', { name: 'Record a court hearing', exact: true }).click();
  await s.heading('Add a court hearing');
  await s.axe('record a court hearing');
  await page.getByLabel('Court', { exact: true }).fill('Leeds Youth Court');
  await dateIn(s, 'Date of the hearing', ukDay(-2));
  await page.getByLabel('Type of hearing').selectOption({ label: 'Plea hearing' });
  await page.getByLabel('Outcome of the hearing (optional)').selectOption({ label: 'Convicted, adjourned for sentence' });
  await page.getByRole('button', { name: 'Save court hearing' }).click();
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter the date of the next hearing/);
  await s.axe('record a court hearing with an error');
  await s.date('Next hearing date', ukDay(19));
  await page.getByRole('button', { name: 'Save court hearing' }).click();
  await s.heading('Court hearing');
  await s.axe('a court hearing');

  await s.goto(`#/cases/${kase.id}`);
  const hearings = page.locator('table', { has: page.locator('caption', { hasText: 'Court hearings' }) });
  await hearings.waitFor();
  assert.match(await hearings.locator('tbody tr').first().textContent(), /Leeds Youth Court.*Plea hearing.*Convicted, adjourned for sentence/);
  await page.getByRole('link', { name: 'Record a report for court', exact: true }).click();
  await s.heading('Add a court report');
  await s.axe('record a report for court');
  await fieldset(s, 'Type of report').getByLabel('Pre-sentence report', { exact: true }).check();
  await page.getByLabel('Hearing (optional)').selectOption({ index: 1 });
  await page.getByLabel('Who is writing it (optional)').selectOption({ label: 'Test officer2 – YJ North' });
  await s.date('Requested on', ukDay(-2));
  await s.date('Due date', ukDay(-1));
  await page.getByRole('button', { name: 'Save court report' }).click();
  await s.heading('Court report');
  const view = await page.locator('.govuk-summary-list').first().textContent();
  assert.match(view, /Leeds Youth Court/);
  assert.match(view, /Test officer2/);
  await s.axe('a report for court');

  await s.goto(`#/cases/${kase.id}`);
  const reports = page.locator('table', { has: page.locator('caption', { hasText: 'Reports for court' }) });
  await reports.waitFor();
  assert.match(await reports.locator('tbody tr').first().textContent(), /Pre-sentence report.*Overdue.*Test officer2.*Not yet/);
  await s.axe('case page with court work');

  await s.goto('#/due');
  // The case page also has a "Reports for court" table: wait for the due
  // list's own, whose rows name the child.
  const due = page.locator('table', { has: page.locator('caption', { hasText: 'Reports for court' }) })
    .filter({ has: page.locator('tbody tr', { hasText: 'Rhys Cole' }) });
  await due.waitFor();
  assert.match(await due.locator('tbody tr').first().textContent(), /Rhys Cole.*Pre-sentence report.*Overdue.*Test officer2/);
  await s.axe('due and overdue with reports for court');
  s.assertClean();
  await s.close();
});

test('a manager sees the case\'s hearings, one still to come', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Mia', family_name: 'Ward', date_of_birth: '2009-04-04' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Charged', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-05',
  });
  await created(off, '/api/v1/hearings', { case_id: kase.id, court: 'Leeds Youth Court', hearing_date: ukDay(10), hearing_type: 'trial' });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/cases/${kase.id}`);
  const hearings = page.locator('table', { has: page.locator('caption', { hasText: 'Court hearings' }) });
  await hearings.waitFor();
  assert.match(await hearings.locator('tbody tr').first().textContent(), /Leeds Youth Court.*Trial.*To come/);
  await s.axe('manager reads court work');
  s.assertClean();
  await s.close();
});

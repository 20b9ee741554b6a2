// A resource described by a data file alone
// (tests/resources/school_attendance_note.json) used through the web UI in
// real Chromium by a youth justice officer: the case page lists it, the
// generic screens add one (every field the API refuses named in the error
// summary and on the field), view it, change it, close it with a reason
// and reopen it. axe-core runs on every page; a screenshot is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Session, suite, created } from './lib.mjs';

const env = suite({ env: { SPIRE_RESOURCES_DIR: resolve('tests/resources') } });

test('an officer adds a school attendance note on a case, sees it listed, changes it and closes it', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Rhys', family_name: 'Owen', date_of_birth: '2011-06-09' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-01',
  });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await page.getByRole('heading', { name: 'School attendance notes' }).waitFor();
  await page.getByText('No school attendance notes have been recorded.').waitFor();
  await page.getByRole('button', { name: 'Add a school attendance note' }).click();
  await s.heading('Add a school attendance note');
  await s.axe('add a school attendance note');

  // Every field comes from the description: a date input, a text input,
  // radios for the vocabulary, a number, a textarea with a character count.
  await page.getByRole('group', { name: 'Date noted' }).waitFor();
  await page.getByLabel('Full time').waitFor();
  await page.getByLabel('Sessions missed this term (optional)').waitFor();
  await page.getByLabel('Note (optional)').fill('x'.repeat(10));
  await page.getByText('You have 490 characters remaining').waitFor();

  // Nothing chosen, too long and out of range: the API names each field.
  await page.getByRole('group', { name: 'Date noted' }).getByLabel('Day').fill('');
  await page.getByLabel('School', { exact: true }).fill('s'.repeat(121));
  await page.getByLabel('Sessions missed this term (optional)').fill('401');
  await page.getByRole('button', { name: 'Save school attendance note' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  const text = await summary.textContent();
  for (const label of [/Date noted/, /School/, /attendance this term/i, /Sessions missed this term/]) assert.match(text, label);
  assert.equal(await summary.locator('a').count(), 4, text);
  assert.match(await page.title(), /^Error: /);
  await s.axe('add with errors');

  await s.date('Date noted', '2024-05-02');
  await page.getByLabel('School', { exact: true }).fill('Northfield Academy');
  await page.getByLabel('Part-time timetable').check();
  await page.getByLabel('Sessions missed this term (optional)').fill('14');
  await page.getByLabel('Note (optional)').fill('On a reduced timetable since Easter');
  await page.getByRole('button', { name: 'Save school attendance note' }).click();
  await s.heading('School attendance note');
  await page.getByText('The school attendance note has been added.').waitFor();
  const list = page.locator('.govuk-summary-list');
  assert.match(await list.textContent(), /Northfield Academy/);
  assert.match(await list.textContent(), /Part-time timetable/);
  assert.match(await list.textContent(), /2 May 2024/);
  await s.axe('view a school attendance note');

  // Listed on the case page.
  await page.getByRole('link', { name: 'Back', exact: true }).first().click();
  await s.heading(/Youth justice case/i);
  const section = page.locator('[data-resource="school_attendance_note"]');
  await section.getByRole('cell', { name: 'Northfield Academy' }).waitFor();
  assert.match(await section.textContent(), /Part-time timetable/);
  await s.shot('resources-case-page');
  await section.getByRole('link', { name: /View/ }).click();

  // Change it.
  await s.heading('School attendance note');
  await page.getByRole('button', { name: 'Change school attendance note' }).click();
  await s.heading('Change school attendance note');
  await s.axe('change a school attendance note');
  await page.getByLabel('Full time').check();
  await page.getByLabel('Sessions missed this term (optional)').fill('0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('The school attendance note has been changed.').waitFor();
  assert.match(await page.locator('.govuk-summary-list').textContent(), /Full time/);

  // Close it with a reason.
  await page.getByRole('button', { name: 'Close school attendance note' }).click();
  await s.heading('Close school attendance note');
  await s.axe('close a school attendance note');
  await page.getByRole('button', { name: 'Close school attendance note' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await page.getByLabel('Why?').fill('Recorded against the wrong school');
  await page.getByRole('button', { name: 'Close school attendance note' }).click();
  await page.getByText('The school attendance note has been closed.').waitFor();
  assert.match(await page.locator('.govuk-summary-list').textContent(), /Recorded against the wrong school/);
  await s.shot('resources-closed');

  // What the API holds is what the screens showed.
  const notes = await off.get(`/api/v1/school-attendance-notes?case_id=${kase.id}`);
  assert.equal(notes.body.items.length, 1);
  const n = notes.body.items[0];
  assert.equal(n.attendance, 'full');
  assert.equal(n.sessions_missed, 0);
  assert.equal(n.closed_reason, 'Recorded against the wrong school');
  s.assertClean();
  await s.close();
});

// The forms engine in real Chromium (docs/forms.md): a form that exists
// only in the tests (tests/forms/wellbeing-check.json, added to the forms
// directory with no change to Spire's code) is started from a case,
// answered one group a page with GOV.UK radios, checkboxes, a date input
// and a character count, a question revealed by an earlier answer; the
// server's refusals are shown naming the question; a draft is resumed;
// "check your answers" submits it; the response reads in plain language
// and prints without the service's navigation; it is the same on a
// phone-sized screen. axe-core runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, suite, created } from './lib.mjs';

const env = suite(() => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  for (const f of readdirSync('forms')) copyFileSync(join('forms', f), join(dir, f));
  copyFileSync('tests/forms/wellbeing-check.json', join(dir, 'wellbeing-check.json'));
  return { env: { SPIRE_FORMS_DIR: dir } };
});

const fieldset = (s, legend) => s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });

async function caseFor(off, given) {
  const kid = await created(off, '/api/v1/people', { given_name: given, family_name: 'Moss', date_of_birth: '2009-01-02' });
  const kase = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-05' });
  return kase;
}

test('a new form is answered a page at a time, checked, submitted and read back', async () => {
  const off = await env.srv.login('officer');
  const kase = await caseFor(off, 'Robin');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await page.getByRole('link', { name: 'Forms', exact: true }).click();
  await s.heading('Forms');
  await s.axe('case forms');
  await page.getByRole('link', { name: 'Wellbeing check' }).click();
  await s.heading('Wellbeing check');
  await fieldset(s, 'Who is completing this form?').getByLabel('Jointly').check();
  await s.axe('form start');
  await page.getByRole('button', { name: 'Start' }).click();

  // Page 1: radios and checkboxes.
  await s.heading('How the child has been feeling');
  await s.axe('form page 1');
  await fieldset(s, 'How well has the child been sleeping?').getByLabel('Poorly', { exact: true }).check();
  await fieldset(s, 'What has the child been worried about?').getByLabel('Home').check();
  await fieldset(s, 'What has the child been worried about?').getByLabel('Friends').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Page 2: the number of days missed is revealed by "Yes".
  await s.heading('Education');
  const days = page.getByLabel('How many school days has the child missed this month?');
  assert.equal(await days.isVisible(), false, 'hidden until the child is going to school');
  await fieldset(s, 'Is the child going to school?').getByLabel('Yes').check();
  await days.waitFor();
  assert.equal(await fieldset(s, 'When did the child last go to school?').isVisible(), false);
  await days.fill('lots');
  await s.axe('form page 2');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter a whole number for ‘How many school days/);
  assert.match(await page.locator('#f-days_missed-error').textContent(), /Enter a whole number/);
  await s.axe('form page 2 with an error');
  await days.fill('');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Page 3: the character count.
  await s.heading('Wellbeing check');
  const notes = page.getByLabel('Anything else');
  await notes.fill('Quieter than usual');
  await page.getByText('You have 182 characters remaining').waitFor();
  await s.axe('form page 3');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Check your answers: submitting names the required question not answered.
  await s.heading('Check your answers');
  await s.axe('check your answers');
  const list = await page.locator('.govuk-summary-list').allTextContents();
  assert.match(list.join(' '), /Poorly/);
  assert.match(list.join(' '), /Home.*Friends/s);
  await page.getByRole('button', { name: 'Submit form' }).click();
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter an answer for ‘How many school days/);
  await summary.getByRole('link').first().click();
  await s.heading('Education');
  await days.fill('3');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Wellbeing check');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Check your answers');
  await page.getByRole('button', { name: 'Submit form' }).click();

  // The response in plain language, with its score and flag.
  await s.heading('Wellbeing check');
  await page.locator('.govuk-notification-banner', { hasText: 'The form has been submitted' }).waitFor();
  await page.getByText('Flag raised: low wellbeing').waitFor();
  assert.match(await page.locator('main').textContent(), /How many school days has the child missed this month\?\s*3/);
  await s.axe('form response');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-header').isVisible(), false, 'no header in print');
  assert.equal(await page.getByRole('button', { name: 'Print this page' }).isVisible(), false);
  assert.equal(await page.getByText('Quieter than usual').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  const stored = await off.get(`/api/v1/form-responses?case_id=${kase.id}`);
  assert.equal(stored.body.items.length, 1);
  assert.equal(stored.body.items[0].status, 'completed');
  assert.deepEqual(stored.body.items[0].answers, { sleep: 'poorly', worries: ['home', 'friends'], in_school: true, days_missed: 3, notes: 'Quieter than usual' });
  s.assertClean();
  await s.close();
});

test('on a phone a draft is resumed one group a page', async () => {
  const off = await env.srv.login('officer');
  const kase = await caseFor(off, 'Sky');
  const draft = await created(off, '/api/v1/form-responses', {
    form_id: 'wellbeing-check', case_id: kase.id, completed_by: 'child', authored: '2024-05-01', status: 'in-progress',
    answers: { sleep: 'well' },
  });
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 375, height: 740 } });
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/form-responses/${draft.id}`);
  await s.heading('Wellbeing check');
  await page.getByRole('button', { name: 'Continue the form' }).click();
  await s.heading('How the child has been feeling');
  assert.equal(await fieldset(s, 'How well has the child been sleeping?').getByLabel('Well', { exact: true }).isChecked(), true);
  assert.equal(await page.getByText('Is the child going to school?').count(), 0, 'one group a page');
  await s.axe('form page on a phone');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Education');
  await fieldset(s, 'Is the child going to school?').getByLabel('No').check();
  await s.date('When did the child last go to school?', '2024-04-10');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Wellbeing check');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Check your answers');
  await page.getByRole('button', { name: 'Submit form' }).click();
  await page.getByText('Flag raised: not in school').waitFor();
  const r = await off.get(`/api/v1/form-responses/${draft.id}`);
  assert.deepEqual(r.body.answers, { sleep: 'well', in_school: false, left_school_on: '2024-04-10' });
  s.assertClean();
  await s.close();
});

// The GOV.UK error summary lists every error the API names for a form, in
// the order of the fields on the page, each linked to its field, with the
// same message beside each field; messages are written for practitioners.
// axe-core runs on the page with the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';

const env = suite();

test('every error of a refused person is listed, linked and shown on its field', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto('#/people/new');
  await s.heading('Add a person');
  // No first name; an impossible date; a bad postcode and NHS number.
  await page.getByLabel('Last name', { exact: true }).fill('Manyerrors');
  await s.date('Date of birth', '2011-02-30');
  await page.getByLabel('Postcode').fill('NOT A POSTCODE');
  await page.getByLabel('NHS number').fill('123 456 7890');
  await page.getByRole('button', { name: 'Save person' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await page.title(), /^Error: /);
  const links = summary.getByRole('link');
  const texts = await links.allTextContents();
  const hrefs = await Promise.all((await links.all()).map((l) => l.getAttribute('href')));
  // In the order of the page's fields, one per field in error.
  assert.deepEqual(hrefs, ['#f-given_name', '#f-date_of_birth-day', '#f-postcode', '#f-nhs_number'], JSON.stringify(texts));
  assert.equal(texts[0], 'Enter the first name');
  assert.equal(texts[1], 'Date of birth must be a real date');
  assert.match(texts[2], /^Enter a real UK postcode/);
  assert.match(texts[3], /^Enter a real NHS number/);
  for (const t of texts) assert.doesNotMatch(t, /YYYY|ISO|_/, t);
  // Each field shows its own message.
  for (const [fid, text] of [['f-given_name', texts[0]], ['f-date_of_birth', texts[1]], ['f-postcode', texts[2]], ['f-nhs_number', texts[3]]]) {
    assert.equal((await page.locator(`#${fid}-error`).textContent()).replace(/^Error: /, ''), text, fid);
  }
  assert.match(await page.locator('#f-postcode').getAttribute('class'), /govuk-input--error/);
  // Each link moves focus to its field.
  await links.nth(2).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-postcode');
  await links.nth(1).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-date_of_birth-day');
  await s.axe('every error listed');
  // Correcting some leaves only the others.
  await page.getByLabel('First name', { exact: true }).fill('Mo');
  await s.date('Date of birth', '2011-02-28');
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.locator('.govuk-error-summary a[href="#f-postcode"]').waitFor();
  assert.deepEqual(await Promise.all((await summary.getByRole('link').all()).map((l) => l.getAttribute('href'))), ['#f-postcode', '#f-nhs_number']);
  assert.equal(await page.locator('#f-given_name-error').isHidden(), true);
  const off = await env.srv.login('officer');
  const r = await off.get('/api/v1/people?q=Manyerrors');
  assert.equal(r.body.items.length, 0, 'nothing stored');
  s.assertClean();
  await s.close();
});

test('opening a case: rule-level errors are listed with the field errors, each linked to its field', async () => {
  const off = await env.srv.login('officer');
  const south = await env.srv.login('officer_south');
  const kid = (await off.post('/api/v1/people', { given_name: 'Ola', family_name: 'Rules', date_of_birth: '2010-05-05' })).body;
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}/cases/new`);
  await s.heading(/Open a case/);
  // The one service is chosen and only the team's workers are offered
  // (neither can be got wrong here any more); a start before the child was
  // born (a rule) and no reason (a field): both listed, in page order.
  assert.equal(await page.locator('input[name="service"]').first().isChecked(), true);
  assert.equal(await page.locator(`#f-worker_id option[value="${south.user.id}"]`).count(), 0, 'no other team\'s worker');
  await s.date('Start date', '2009-01-01');
  await page.getByRole('button', { name: 'Open case' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  const links = summary.getByRole('link');
  const hrefs = await Promise.all((await links.all()).map((l) => l.getAttribute('href')));
  const texts = await links.allTextContents();
  assert.deepEqual(hrefs, ['#f-start_date-day', '#f-reason'], JSON.stringify(texts));
  assert.match(texts[0], /^Start date must be on or after the child.s date of birth$/);
  for (const t of texts) assert.doesNotMatch(t, /YYYY|ISO|_/, t);
  assert.equal((await page.locator('#f-reason-error').textContent()).replace(/^Error: /, ''), texts[1], 'f-reason');
  await links.nth(1).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-reason');
  await s.axe('rule-level errors listed');
  assert.equal((await off.get(`/api/v1/cases?person_id=${kid.id}`)).body.items.length, 0, 'nothing stored');
  s.assertClean();
  await s.close();
});

test('the UI\'s "today" is the UK date, not the browser\'s', async () => {
  const off = await env.srv.login('officer');
  const r = await off.post('/api/v1/people', { given_name: 'Tia', family_name: 'Zone', date_of_birth: '2011-06-09' });
  assert.equal(r.status, 201, r.text);
  // 16:30 on 1 July in Los Angeles is 00:30 on 2 July in London.
  const s = await Session.open(env.browser, env.srv, { timezoneId: 'America/Los_Angeles' });
  const { page } = s;
  await page.clock.setFixedTime(new Date('2026-07-01T23:30:00Z'));
  await s.signIn('officer');
  await s.goto(`#/people/${r.body.id}`);
  await s.heading('Tia Zone');
  assert.equal(await page.evaluate(() => new Date().getDate()), 1, 'the browser thinks it is 1 July');
  await page.getByRole('button', { name: 'Record a consent' }).click();
  await s.heading(/Record consent/);
  assert.deepEqual(
    [await page.locator('#f-given_on-day').inputValue(), await page.locator('#f-given_on-month').inputValue(), await page.locator('#f-given_on-year').inputValue()],
    ['2', '7', '2026']);
  s.assertClean();
  await s.close();
});

test('the sign-in page of a browser not signed in asks nothing that fails; a reload once signed in keeps the session', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await s.goto('#/sign-in');
  await s.heading('Sign in');
  assert.deepEqual(failed, [], 'a signed-out check is not an error');
  await s.signIn('officer');
  await s.goto('#/search');
  await page.locator('#sign-out').waitFor();
  assert.deepEqual(failed, []);
  // Signed out: the sign-in page again, still with nothing failing.
  await page.locator('#sign-out').click();
  await s.heading('Sign in');
  await s.goto('#/sign-in');
  await s.heading('Sign in');
  assert.deepEqual(failed, []);
  s.assertClean();
  await s.close();
});

// Closing a case as opened in error in real Chromium: the case close page
// offers "opened in error", the reason kept starts "Entered in error" (as
// for a person), and the child's outcome leaves the performance figures
// (docs/measures.md, rule version 2); reopened from the case page, it
// comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';

const env = suite();

test('an officer closes a case opened in error and it leaves the figures', async () => {
  const off = await env.srv.login('officer');
  const manager = await env.srv.login('manager');
  const kid = (await off.post('/api/v1/people', { given_name: 'Nia', family_name: 'Errol', date_of_birth: '2007-06-09' })).body;
  const kase = (await off.post('/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: '2021-03-01', reason: 'Referred by the youth court',
  })).body;
  assert.ok(kid.id && kase.id);
  const offence = (await off.post('/api/v1/offences', {
    case_id: kase.id, offence_date: '2021-08-20', description: 'Shop theft', category: 'theft', gravity: 2,
  })).body;
  const caution = await off.post('/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'youth_caution', outcome_date: '2021-09-01', offence_ids: [offence.id],
  });
  assert.equal(caution.status, 201, caution.text);
  const FTE = '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31';
  const before = (await manager.get(FTE)).body.numerator;
  assert.ok(before >= 1);

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Nia Errol/);
  await page.getByRole('link', { name: 'Close case', exact: true }).click();
  await s.heading('Close the youth justice case');
  await s.axe('close a case, with opened in error');
  await page.getByLabel('Why is the case closing?').fill('Opened for her cousin');
  await page.getByLabel(/opened in error/).check();
  await page.getByRole('button', { name: 'Close case' }).click();
  await s.heading(/case – Nia Errol/);
  await page.locator('.govuk-notification-banner', { hasText: 'has been closed' }).waitFor();
  const c = (await off.get(`/api/v1/cases/${kase.id}`)).body;
  assert.equal(c.status, 'closed');
  assert.equal(c.closed_reason, 'Entered in error: Opened for her cousin');
  assert.equal((await manager.get(FTE)).body.numerator, before - 1);

  // Reopened from the case page, with a reason: the outcome counts again.
  await page.getByRole('button', { name: 'Reopen case' }).click();
  await s.heading('Reopen the youth justice case');
  await s.axe('reopen a case');
  await page.getByRole('button', { name: 'Reopen record' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.getByRole('link', { name: 'Enter the reason for reopening the case' }).waitFor();
  await page.getByLabel('Why are you reopening it?').fill('Closed by mistake: she is the right child');
  await page.getByRole('button', { name: 'Reopen record' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'has been reopened' }).waitFor();
  const again = (await off.get(`/api/v1/cases/${kase.id}`)).body;
  assert.equal(again.status, 'open');
  assert.equal(again.closed_at, null);
  assert.equal((await manager.get(FTE)).body.numerator, before);
  await page.getByRole('link', { name: 'Close case', exact: true }).waitFor();
  await s.close();
});

test('an officer reopens an offence closed in error; a parent worker is not offered it', async () => {
  const off = await env.srv.login('officer');
  const kid = (await off.post('/api/v1/people', { given_name: 'Rhys', family_name: 'Reopen', date_of_birth: '2008-01-09' })).body;
  const kase = (await off.post('/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: '2024-03-01', reason: 'Referred by the police',
  })).body;
  const o = (await off.post('/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-05-01', description: 'Damage to a fence', category: 'criminal_damage', gravity: 2,
  })).body;
  let r = await off.post(`/api/v1/offences/${o.id}/close`, { version: o.version, reason: 'Entered in error' });
  assert.equal(r.status, 200, r.text);

  const pw = await Session.open(env.browser, env.srv);
  await pw.signIn('parentworker');
  await pw.goto(`#/offences/${o.id}`);
  await pw.heading(/Damage to a fence|Criminal damage|Offence/);
  assert.equal(await pw.page.getByRole('button', { name: 'Reopen the offence' }).count(), 0);
  await pw.close();

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/offences/${o.id}`);
  await page.getByRole('button', { name: 'Reopen the offence' }).click();
  await s.heading('Reopen the offence');
  await s.axe('reopen an offence');
  await page.getByLabel('Why are you reopening it?').fill('Closed on the wrong child’s case by mistake');
  await page.getByRole('button', { name: 'Reopen record' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'The offence has been reopened' }).waitFor();
  r = await off.get(`/api/v1/offences/${o.id}`);
  assert.equal(r.body.closed_at, null);
  assert.ok((await off.get(`/api/v1/offences?case_id=${kase.id}`)).body.items.some((x) => x.id === o.id), 'listed again');
  s.assertClean();
  await s.close();
});

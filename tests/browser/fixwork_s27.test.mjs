// Session 27 (fixwork): the team's pages when a worker is disabled or
// moved. An admin moves a worker to another team and they keep their
// cases: the admin's message says what changed, and the old team's
// workload, caseload and the case mark them "Moved to YJ South". An admin
// disables a worker who holds cases: the manager's home lists their cases
// under "Cases held by disabled accounts", with a count, and the workload,
// the caseload and the case mark them "Account disabled".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();
const WIDE = { width: 1280, height: 900 };

async function openCase(c, given) {
  const p = await created(c, '/api/v1/people', { given_name: given, family_name: 'Hartley', date_of_birth: '2010-04-02' });
  return created(c, '/api/v1/cases', { service: 'youth_justice', person_id: p.id, team_id: c.user.team_id,
    worker_id: c.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
}

test('a moved worker and a disabled one are marked on the manager\'s pages; the admin is told what changed', async () => {
  const [off, off2, admin] = await env.srv.loginAll(['officer', 'officer2', 'admin']);
  const kept = await openCase(off, 'Ada');
  const left = await openCase(off2, 'Bea');
  await openCase(off2, 'Cal');
  const south = (await admin.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ South');

  // The admin moves the officer, who keeps their case.
  const a = await Session.open(env.browser, env.srv, { viewport: WIDE });
  await a.signIn('admin');
  await a.goto(`#/admin/users/${off.user.id}`);
  await a.heading('Change Test officer’s account');
  await a.page.getByLabel('Team').selectOption(String(south.id));
  await a.page.getByLabel('They keep their open cases and tasks after the change').check();
  await a.page.getByRole('button', { name: 'Save changes' }).click();
  await a.heading('Users');
  const said = await a.page.locator('.govuk-notification-banner').innerText();
  assert.match(said, /Test officer has moved to YJ South and keeps 1 open case\./);
  await a.shot('s27-fixwork-admin-moved');
  a.assertClean();
  await a.close();
  // And disables officer2, who holds 2 cases.
  const r = await admin.post(`/api/v1/users/${off2.user.id}/disable`, { version: (await admin.get(`/api/v1/users/${off2.user.id}`)).body.version });
  assert.equal(r.status, 200, r.text);

  const s = await Session.open(env.browser, env.srv, { viewport: WIDE });
  const { page } = s;
  await s.signIn('manager');
  await s.heading('Team caseload');
  const box = page.locator('.spire-disabled-cases');
  await box.getByRole('heading', { name: 'Cases held by disabled accounts (2)' }).waitFor();
  assert.match(await box.innerText(), /2 cases are held by an account that is disabled\. Re-allocate them/);
  // The workload marks both.
  const workload = page.locator('table', { has: page.locator('caption', { hasText: 'Workload' }) });
  const wrow = (name) => workload.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
  assert.match(await wrow('Test officer2').innerText(), /Account disabled/);
  assert.match(await wrow('Test officer').innerText(), /Moved to YJ South/);
  assert.doesNotMatch(await wrow('Test manager').innerText(), /Account disabled|Moved/);
  // So do the caseload's rows.
  const cases = page.locator('table', { has: page.locator('caption', { hasText: 'Open cases' }) });
  const crow = (given) => cases.locator('tr', { hasText: `${given} Hartley` });
  assert.match(await crow('Bea').innerText(), /Test officer2\s+Account disabled/);
  assert.match(await crow('Ada').innerText(), /Test officer\s+Moved to YJ South/);
  await s.shot('s27-fixwork-manager-home');
  await s.axe('manager home with a disabled and a moved worker');
  // The list's link opens the disabled worker's cases.
  await box.getByRole('link', { name: 'Test officer2: 2 open cases' }).click();
  await page.locator('caption', { hasText: 'Cases of Test officer2 (2)' }).waitFor();
  // The case page.
  await s.goto(`#/cases/${left.id}`);
  await s.heading('Youth justice case');
  const worker = page.locator('.govuk-summary-list__row', { hasText: 'Allocated worker' });
  assert.match(await worker.innerText(), /Test officer2\s+Account disabled/);
  await s.shot('s27-fixwork-case-disabled');
  await s.goto(`#/cases/${kept.id}`);
  await s.heading('Youth justice case');
  // The page is the kept case's once its worker is shown (the heading is
  // the same on both cases' pages).
  await page.locator('.govuk-summary-list__row', { hasText: 'Ada Hartley' }).first().waitFor();
  assert.match(await worker.innerText(), /Test officer\s+Moved to YJ South/);
  s.assertClean();
  await s.close();
});

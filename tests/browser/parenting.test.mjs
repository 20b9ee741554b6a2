// The parent worker's pathway in real Chromium (docs/parenting.md): the
// parent worker's home page lists the parents to meet once a child's
// intervention starts; recording a mother's agreement opens her parenting
// case and her page (support, sessions, a behaviour contract that could not
// be agreed, the plan); the child's youth justice officer sees on the
// child's case that support is in place; a manager sees the parents not
// seen. axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });

let kid, kase, mum;

test('home page: parents to meet, record agreement, the parent\'s page', async () => {
  const off = await env.srv.login('officer');
  kid = await created(off, '/api/v1/people', { given_name: 'Ella', family_name: 'Price', date_of_birth: '2009-04-01' });
  mum = await created(off, '/api/v1/people', { given_name: 'Gina', family_name: 'Price' });
  kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-90),
  });
  const fam = await created(off, '/api/v1/families', { name: 'Price family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  // An intervention that started and ended long ago with nobody seen, and
  // one starting now.
  await created(off, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'prevention', outcome_date: day(-80), start_date: day(-80), end_date: day(-50), end_reason: 'completed',
  });
  await created(off, '/api/v1/outcomes', { case_id: kase.id, outcome_type: 'diversion', outcome_date: day(-2), start_date: day(-2) });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.heading('Parents');
  const meet = page.locator('table', { has: page.locator('caption', { hasText: 'Parents to meet' }) });
  await meet.getByRole('link', { name: 'Gina Price', exact: true }).waitFor();
  assert.match(await meet.textContent(), /Mother/);
  const misses = page.locator('table', { has: page.locator('caption', { hasText: 'Parents not seen' }) });
  assert.equal(await misses.locator('tbody tr').count(), 2, 'start and end of the old intervention');
  await s.axe('parent worker home');

  await meet.getByRole('link', { name: /Record agreement/ }).click();
  await s.heading('Support for Gina Price');
  await s.axe('record agreement');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').textContent(), /agreed to support/);
  await page.getByLabel('Agreed to support', { exact: true }).check();
  await s.date('Date asked', day(-2));
  await s.date('Support started', day(-2)); /* with the diversion; no session predates it */
  await page.getByRole('button', { name: 'Save' }).click();
  await s.heading('Gina Price');
  await page.getByText('The support for Gina Price has been recorded.').waitFor();
  await s.axe('parent page, new');

  // Sessions and a contract through the API; the page shows them.
  const pw = await env.srv.login('parentworker');
  const support = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items[0];
  await created(pw, '/api/v1/parent-sessions', {
    case_id: support.case_id, session_date: day(3), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
  });
  await created(pw, '/api/v1/parent-sessions', {
    case_id: support.case_id, session_date: day(0), status: 'held', session_type: 'behaviour_contract', child_id: kid.id,
    contract_terms: 'Home by 9pm', contract_outcome: 'not_agreed',
  });
  await created(pw, '/api/v1/parent-plan-items', { case_id: support.case_id, goal: 'Keep calm at bedtime', status: 'not_started', due_date: day(20) });
  // Already on the parent's page: load it again.
  await page.reload();
  await s.heading('Gina Price');
  await page.getByRole('cell', { name: 'Could not be agreed' }).waitFor();
  await page.getByRole('link', { name: 'Keep calm at bedtime' }).waitFor();
  assert.match(await page.locator('table', { has: page.locator('caption', { hasText: 'Sessions' }) }).textContent(), /Household routines/);
  await s.axe('parent page');
  // The rest of her support is one click away.
  assert.equal(await page.getByRole('button', { name: 'Self-assessment and forms' }).getAttribute('href'), `#/cases/${support.case_id}/forms`);
  assert.equal(await page.getByRole('button', { name: 'Referrals' }).getAttribute('href'), `#/cases/${support.case_id}`);
  assert.equal(await page.getByRole('button', { name: 'Peer mentors' }).getAttribute('href'), `#/people/${mum.id}/peer`);
  await s.goto('#/');
  await s.heading('Parents');
  const mine = page.locator('table', { has: page.locator('caption', { hasText: 'My parents' }) });
  await mine.getByRole('link', { name: 'Gina Price', exact: true }).waitFor();
  await page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue' }) }).getByText('Session').first().waitFor();
  await s.axe('parent worker home with a parent');

  // The support's review date changes on its change page, where the
  // intervention is chosen by name, never typed as a record number.
  await s.goto(`#/r/parent-supports/${support.id}/change`);
  await s.heading('Change parent support');
  const outcome = page.getByLabel('Outcome (optional)');
  assert.match(await outcome.locator('option:checked').textContent(), /Diversion/);
  assert.equal(await page.getByLabel(/Form response/).count(), 0, 'no record numbers to type');
  await s.date('Next review date (optional)', day(40));
  await s.axe('change parent support');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('The parent support has been changed.').waitFor();
  const after = (await pw.get(`/api/v1/parent-supports/${support.id}`)).body;
  assert.equal(after.next_review_date, day(40));
  assert.equal(after.outcome_id, support.outcome_id);
  s.assertClean();
  await s.close();
});

test('the session form shows a behaviour contract\'s terms, review date and outcome only for a behaviour contract', async () => {
  const pw = await env.srv.login('parentworker');
  const support = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items[0];
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.goto(`#/cases/${support.case_id}/r/parent-sessions/new`);
  await s.heading('Add a parent session');
  const group = (name) => page.locator(`[data-field="${name}"]`);
  const contractFields = ['contract_terms', 'contract_review_date', 'contract_outcome'];
  for (const f of contractFields) assert.equal(await group(f).isVisible(), false, `${f} hidden before a type is chosen`);
  await s.axe('add a parent session');
  await page.getByLabel('One-to-one with the parent').check();
  for (const f of contractFields) assert.equal(await group(f).isVisible(), false, `${f} hidden on one-to-one`);
  await page.getByLabel('Behaviour contract', { exact: true }).check();
  for (const f of contractFields) assert.equal(await group(f).isVisible(), true, `${f} shown on a contract`);
  await s.shot('parent-session-contract');
  await s.axe('add a behaviour contract');
  await page.getByLabel('Contract terms (optional)').fill('Home by nine');
  // Changing one's mind: the terms typed for a contract are not sent with a one-to-one session.
  await page.getByLabel('One-to-one with the parent').check();
  await s.shot('parent-session-one-to-one');
  await page.getByLabel('Held', { exact: true }).check();
  await s.date('Date of the session', day(0)); /* the support started today */
  await page.getByRole('button', { name: 'Save parent session' }).click();
  await page.getByText('The parent session has been added.').waitFor();
  const id = Number(page.url().split('/').pop());
  const x = (await pw.get(`/api/v1/parent-sessions/${id}`)).body;
  assert.equal(x.session_type, 'one_to_one');
  assert.equal(x.contract_terms, null);
  // Its page does not list a contract's fields.
  assert.equal(await page.getByText('Contract terms').count(), 0);
  // One "Status" row: the session's own ("Held"), not also "Open".
  const keys = await page.locator('.govuk-summary-list__key').allTextContents();
  assert.equal(keys.filter((k) => k.trim() === 'Status').length, 1, keys.join(' | '));
  assert.match(await page.locator('.govuk-summary-list__row', { hasText: 'Status' }).textContent(), /Held/);
  // A planned session whose day has passed is overdue in "My parents".
  await created(pw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(-1), status: 'planned', session_type: 'one_to_one' });
  await s.goto('#/');
  await s.heading('Parents');
  const mine = page.locator('table', { has: page.locator('caption', { hasText: 'My parents' }) });
  const row = mine.locator('tr', { hasText: 'Gina Price' });
  await row.waitFor();
  assert.equal(await row.locator('.govuk-tag', { hasText: 'Overdue' }).count(), 1, 'the next session is overdue');
  await s.shot('my-parents-overdue');
  await s.axe('parent worker home with an overdue session');
  s.assertClean();
  await s.close();
});

test('the officer sees support in place on the child\'s case; a manager sees parents not seen', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  // An intervention that ended 300 days ago with nobody seen: not a
  // current miss, so not listed.
  const off = await env.srv.login('officer');
  await created(off, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'prevention', outcome_date: day(-500), start_date: day(-500), end_date: day(-300), end_reason: 'completed',
  });
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Ella Price/);
  const t = page.locator('table', { has: page.locator('caption', { hasText: 'Parents and carers supported' }) });
  await t.getByText('Supported', { exact: true }).waitFor();
  assert.match(await t.textContent(), /Gina Price/);
  const notSeen = page.locator('table', { has: page.locator('caption', { hasText: 'Parents not seen' }) });
  await page.getByText('Only current misses are shown: interventions still running, or that ended in the last 3 months.').waitFor();
  assert.equal(await notSeen.locator('tbody tr').count(), 2, 'the start and end of the intervention that ended 50 days ago only');
  await s.shot('child-case-parents-not-seen');
  await s.axe('child case with parent support');
  s.assertClean();
  await s.close();

  const m = await Session.open(env.browser, env.srv);
  await m.signIn('manager');
  await m.heading('Team caseload');
  await m.page.locator('table', { has: m.page.locator('caption', { hasText: 'Parents not seen' }) }).getByRole('link', { name: 'Ella Price' }).first().waitFor();
  await m.axe('manager home with misses');
  m.assertClean();
  await m.close();
});

test('the home page shows the first 50 things due, how many more there are and a page with all of them', async () => {
  const pw = await env.srv.login('parentworker');
  const support = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items[0];
  for (let i = 0; i < 55; i++) {
    await created(pw, '/api/v1/parent-sessions', {
      case_id: support.case_id, session_date: day(i % 15), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
    });
  }
  const total = (await pw.get('/api/v1/parenting/due')).body.items.length;
  assert.ok(total > 55, `${total} things due`);
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.heading('Parents');
  const due = page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue' }) });
  await due.locator('tbody tr').first().waitFor();
  assert.equal(await due.locator('tbody tr').count(), 50);
  await page.getByText(`Showing the first 50 of ${total} things due and overdue.`).waitFor();
  await s.axe('parent worker home with more due than it shows');
  await page.getByRole('link', { name: `See all ${total} things due and overdue` }).click();
  await s.heading('Due and overdue');
  const all = page.locator('table', { has: page.locator('caption', { hasText: `All ${total} things due and overdue` }) });
  await all.locator('tbody tr').first().waitFor();
  assert.equal(await all.locator('tbody tr').count(), total);
  await s.axe('every thing due');
  // The menu's "Due and overdue" is the parents' list for a parent worker.
  await s.goto('#/');
  await s.heading('Parents');
  await page.locator('.govuk-service-navigation__link', { hasText: 'Due and overdue' }).click();
  await page.locator('table', { has: page.locator('caption', { hasText: `All ${total} things due and overdue` }) }).waitFor();
  s.assertClean();
  await s.close();
});

test('a session\'s child is chosen among the children the parent is supported around, not every child of her families', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const support = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items[0];
  // Gina's other child, in the same family, whom she has no support for;
  // and Gina recorded as a child in her own mother's family, beside her
  // younger brother. Neither may be the child of her sessions.
  const fam = (await off.get(`/api/v1/people/${mum.id}`)).body.families[0];
  const other = await created(off, '/api/v1/people', { given_name: 'Rory', family_name: 'Price', date_of_birth: '2015-02-02' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: other.id, member_type: 'child', relationship: 'child', in_household: true });
  const nan = await created(off, '/api/v1/people', { given_name: 'Maud', family_name: 'Price', date_of_birth: '1960-01-01' });
  const brother = await created(off, '/api/v1/people', { given_name: 'Tom', family_name: 'Price', date_of_birth: day(-(16 * 365)) });
  const own = await created(off, '/api/v1/families', { name: 'Maud Price family' });
  await created(off, `/api/v1/families/${own.id}/members`, { person_id: mum.id, member_type: 'child', relationship: 'child' });
  await created(off, `/api/v1/families/${own.id}/members`, { person_id: brother.id, member_type: 'child', relationship: 'child' });
  await created(off, `/api/v1/families/${own.id}/members`, {
    person_id: nan.id, member_type: 'adult', relationship: 'mother', child_id: mum.id, parental_responsibility: true,
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.goto(`#/cases/${support.case_id}/r/parent-sessions/new`);
  await s.heading('Add a parent session');
  const choice = page.locator('[data-field="child_id"] select');
  const options = (await choice.locator('option').allTextContents()).map((t) => t.trim());
  assert.deepEqual(options, ['None', 'Ella Price']);
  // Chosen by name, it is saved as the child the server accepts.
  await page.getByLabel('Joint work with the parent and child').check();
  await choice.selectOption({ label: 'Ella Price' });
  await page.getByLabel('Held', { exact: true }).check();
  await s.date('Date of the session', day(0)); /* the support started today */
  await page.getByRole('button', { name: 'Save parent session' }).click();
  await page.getByText('The parent session has been added.').waitFor();
  const id = Number(page.url().split('/').pop());
  assert.equal((await pw.get(`/api/v1/parent-sessions/${id}`)).body.child_id, kid.id);
  // Changing it offers the same choice.
  await s.goto(`#/r/parent-sessions/${id}/change`);
  await s.heading('Change parent session');
  assert.deepEqual((await choice.locator('option').allTextContents()).map((t) => t.trim()), ['None', 'Ella Price']);
  s.assertClean();
  await s.close();
});

// Times people see are UK civil times (Europe/London), whatever time zone
// the browser is in: an instant stored in UTC is shown as the UK clock read
// it then, BST or GMT, and late-evening instants fall on the UK date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();

test('contact times read as UK time in a browser set to New York', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Tomos', family_name: 'Clock', date_of_birth: '2011-06-09' });
  const c = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id,
    worker_id: off.user.id, start_date: '2026-01-05',
  });
  const made = [];
  for (const [at, summary] of [
    ['2026-07-02T23:30:00Z', 'Late call in summer.'],
    ['2026-07-02T15:00:00Z', 'Afternoon visit in summer.'],
    ['2026-01-15T10:30:00Z', 'Morning visit in winter.'],
  ]) made.push(await created(off, '/api/v1/contacts', { case_id: c.id, contact_date: at, contact_type: 'phone', summary }));

  const s = await Session.open(env.browser, env.srv, { timezoneId: 'America/New_York' });
  await s.signIn('officer');
  await s.goto(`#/cases/${c.id}`);
  const contacts = s.page.locator('table', { has: s.page.locator('caption', { hasText: 'Contacts' }) });
  await contacts.waitFor();
  const text = await contacts.textContent();
  // 23:30 UTC in July is 00:30 BST the next day; 15:00 UTC is 16:00 BST;
  // in January UTC and the UK clock agree.
  assert.match(text, /3 July 2026 at 00:30/);
  assert.match(text, /2 July 2026 at 16:00/);
  assert.match(text, /15 January 2026 at 10:30/);
  assert.doesNotMatch(text, /at 23:30|at 15:00|at 19:30|at 11:00/);
  // The contact's own page (the screens every described resource gets)
  // reads the same, with who recorded it.
  await s.goto(`#/r/contacts/${made[0].id}`);
  // A hash change keeps the case page's h1 until the contact's page is
  // drawn: wait for the contact's own summary.
  const own = s.page.locator('.govuk-summary-list', { hasText: 'Recorded by' }).first();
  await own.waitFor();
  const summary = await own.textContent();
  assert.match(summary, /3 July 2026 at 00:30/);
  assert.match(summary, /Recorded by\s*Test officer/);
  assert.deepEqual(s.errors, []);
  await s.close();
});

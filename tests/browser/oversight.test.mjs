// Oversight screens in real Chromium (issue 10, "the team's week"): who
// viewed a record at a glance with its filters and raw trail; a manager
// merging a duplicate record after a preview, and undoing it; an admin
// changing a user's role and team and resetting their password. axe-core
// runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();
const REASON = 'Police request about a missing child tonight';

// closed: the case closed again (a child has one open youth justice case at
// a time, so two records each with an open one are not merged: session 24).
async function childWithCase(officer, given, closed = false) {
  const p = await created(officer, '/api/v1/people', { given_name: given, family_name: 'Merrow', date_of_birth: '2010-04-04', allow_duplicate: true });
  const c = await created(officer, '/api/v1/cases', { service: 'youth_justice', person_id: p.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-01-15', reason: 'Referred by police' });
  if (closed) {
    const r = await officer.post(`/api/v1/cases/${c.id}/close`, { version: c.version, reason: 'Recorded twice' });
    if (r.status !== 200) throw new Error(r.text);
  }
  return p;
}

test('a manager sees who viewed a record at a glance, filters it, and opens the raw trail', async () => {
  const [officer, south] = await env.srv.loginAll(['officer', 'officer_south']);
  const p = await childWithCase(officer, 'Viewed');
  await officer.get(`/api/v1/people/${p.id}`);
  await south.get(`/api/v1/people/${p.id}`, { 'X-Break-Glass-Reason': REASON });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/people/${p.id}`);
  await page.getByRole('button', { name: 'Who viewed this record' }).click();
  await s.heading('Who viewed Viewed Merrow’s record');
  const rows = page.locator('table tbody tr');
  // Break glass first, with the reason; then the officer's own day.
  assert.match(await rows.nth(0).textContent(), /Test officer_south \(Youth justice officer\)\s*Break glass.*Opened the person’s details.*Police request/s);
  assert.match(await page.locator('table tbody tr', { hasText: 'Test officer (' }).textContent(), /Added the case.*Added the person’s details\s*3/s);
  await s.axe('who viewed');
  // An impossible date is named in the error summary, which takes focus.
  await page.getByText('Filter by who and when').click();
  await s.date('From', '2026-02-30');
  await page.getByRole('button', { name: 'Show' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter a real start date/);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('govuk-error-summary')), true);
  await s.axe('who viewed with an error');
  // A good filter: only the officer.
  await page.getByLabel('Who').selectOption({ label: 'Test officer (Youth justice officer)' });
  await s.date('From', '2020-01-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/user_id=/);
  await s.drawn();
  await page.locator('table tbody tr', { hasText: 'officer_south' }).waitFor({ state: 'detached' });
  assert.deepEqual((await page.locator('table tbody tr').allTextContents()).map((t) => /Test officer \(/.test(t)), [true]);
  // The raw trail is one click away, and exportable.
  const csv = await page.getByRole('link', { name: 'Download every entry as a spreadsheet (CSV)' }).getAttribute('href');
  assert.match(csv, new RegExp(`^/api/v1/audit/export\\?person_id=${p.id}&user_id=\\d+&from=2020-01-01$`));
  const r = await page.request.get(csv);
  assert.equal(r.status(), 200);
  assert.match(await r.text(), /Date \(UK\)/);
  await page.getByRole('link', { name: 'See every entry, newest first' }).click();
  await s.heading('Every entry about Viewed Merrow’s record');
  await s.axe('every entry');
  s.assertClean();
  await s.close();
});

test('a manager previews and merges a duplicate, then undoes it', async () => {
  const officer = await env.srv.login('officer');
  const a = await childWithCase(officer, 'Twin');
  const b = await childWithCase(officer, 'Twin', true);
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/people/${a.id}`);
  await page.getByRole('button', { name: 'Merge a duplicate' }).click();
  await s.heading('Merge a duplicate into Twin Merrow’s record');
  await s.axe('merge');
  // Both wrong fields at once.
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Select the duplicate record.*why these records are the same person/s);
  await s.axe('merge with errors');
  // The record itself is never offered (the API refuses it too, naming
  // the field: tests/api/people_merge); its twin is listed as a possible
  // duplicate (the same date of birth and name).
  assert.equal(await page.locator(`input[name="merged_id"][value="${a.id}"]`).count(), 0);
  await page.locator(`input[name="merged_id"][value="${b.id}"]`).check();
  await page.getByLabel('Why these records are the same person').fill('Same NHS number on both records');
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  await page.getByRole('heading', { name: 'What will move' }).waitFor();
  assert.match(await page.locator('#merge-preview table:not(#merge-compare)').textContent(), /Cases\s*1/);
  await s.axe('merge preview');
  await page.getByRole('button', { name: 'Merge these records' }).click();
  await s.heading('Twin Merrow');
  await page.locator('.govuk-notification-banner', { hasText: 'The records have been merged' }).waitFor();
  const api = await env.srv.login('manager');
  assert.equal((await api.get(`/api/v1/people/${b.id}`)).body.closed_at !== null, true);
  // The merges list, and undoing.
  await page.getByRole('button', { name: 'Merge a duplicate' }).click();
  await s.heading('Merge a duplicate into Twin Merrow’s record');
  await page.getByRole('link', { name: 'Undo' }).click();
  await s.heading('Undo a merge');
  await s.axe('undo a merge');
  await page.getByLabel('Why the merge is being undone').fill('Twins, not the same child');
  await page.getByRole('button', { name: 'Undo the merge' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'The merge has been undone' }).waitFor();
  assert.match(await page.locator('table', { hasText: 'Duplicate' }).textContent(), /Undone/);
  assert.equal((await api.get(`/api/v1/people/${b.id}`)).body.closed_at, null);
  s.assertClean();
  await s.close();
});

test('an admin changes a user\'s role and team, and resets their password', async () => {
  const target = await env.srv.login('officer2');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('admin');
  await s.heading('Users');
  await page.getByRole('link', { name: 'Test officer2' }).click();
  await s.heading('Change Test officer2’s account');
  await s.axe('change a user');
  // Roles in plain words, from one vocabulary.
  assert.equal(await page.getByLabel('Role').locator('option', { hasText: 'FGC coordinator' }).count(), 1);
  await page.getByLabel('Role').selectOption({ label: 'FGC coordinator' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'FGC coordinator is not a role in Youth justice teams' }).waitFor();
  await s.axe('change a user with an error');
  await page.getByLabel('Role').selectOption({ label: 'Parent worker' });
  await page.getByLabel('Team').selectOption({ label: 'YJ South (Youth justice)' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Users');
  await page.locator('.govuk-notification-banner', { hasText: 'Test officer2 has moved to YJ South and is now a parent worker.' }).waitFor();
  assert.match(await page.locator('tr', { hasText: 'officer2' }).textContent(), /Parent worker.*YJ South/s);
  // A password reset signs them out everywhere.
  await page.getByRole('link', { name: 'Test officer2' }).click();
  await s.heading('Change Test officer2’s account');
  await page.getByLabel('New temporary password').fill('Another-long-pass-42');
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'signed out everywhere' }).waitFor();
  assert.equal((await target.get('/api/v1/session')).status, 401);
  await env.srv.login('officer2', 'Another-long-pass-42');
  s.assertClean();
  await s.close();
});

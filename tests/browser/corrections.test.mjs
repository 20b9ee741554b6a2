// Correcting mistakes in real Chromium (session 23 walkers): a contact
// changed or marked entered in error from its row, a task marked done by
// mistake undone from the banner and from its row, and a family member's
// place in the family changed from the person's and the family's pages.
// Every change sends the version it read: a stale one is told plainly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';

const env = suite();

async function kidWithCase(off, given) {
  const kid = (await off.post('/api/v1/people', { given_name: given, family_name: 'Fixer', date_of_birth: '2011-04-02' })).body;
  const kase = (await off.post('/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: '2026-01-05', reason: 'Referred by the youth court',
  })).body;
  assert.ok(kid.id && kase.id);
  return { kid, kase };
}

test('a contact is changed, then marked entered in error, from its row', async () => {
  const off = await env.srv.login('officer');
  const { kase } = await kidWithCase(off, 'Cora');
  const c = (await off.post('/api/v1/contacts', {
    case_id: kase.id, contact_date: '2026-02-03', contact_type: 'phone', summary: 'Phoned mum about school.',
  })).body;
  assert.equal(c.version, 1);

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Cora Fixer/);
  await page.getByRole('link', { name: 'Change the contact on 3 February 2026' }).click();
  await s.heading('Change the contact on 3 February 2026');
  await s.axe('change a contact');
  await page.getByLabel('Summary').fill('Phoned dad about school.');
  // Someone else changes it meanwhile: the page says so, nothing is lost.
  const other = await off.patch(`/api/v1/contacts/${c.id}`, { version: 1, location: 'Office' });
  assert.equal(other.status, 200, other.text);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Someone else changed this record' }).waitFor();
  assert.equal((await off.get(`/api/v1/contacts/${c.id}`)).body.summary, 'Phoned mum about school.');
  await page.reload();
  await s.heading('Change the contact on 3 February 2026');
  assert.equal(await page.getByLabel('Summary').inputValue(), 'Phoned mum about school.');
  await page.getByLabel('Summary').fill('Phoned dad about school.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'The contact has been changed.' }).waitFor();
  const changed = (await off.get(`/api/v1/contacts/${c.id}`)).body;
  assert.equal(changed.summary, 'Phoned dad about school.');
  assert.equal(changed.location, 'Office');
  assert.equal(changed.version, 3);

  await page.getByRole('link', { name: /^Entered in error\W+mark the contact on 3 February 2026$/ }).click();
  await s.heading('Mark the contact on 3 February 2026 as entered in error');
  await s.axe('contact entered in error');
  await page.getByRole('button', { name: 'Mark as entered in error' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Enter what was wrong with the contact to mark it as entered in error' }).waitFor();
  await page.getByLabel('What was wrong with it?').fill('Recorded on the wrong case');
  await page.getByRole('button', { name: 'Mark as entered in error' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'marked as entered in error' }).waitFor();
  const closed = (await off.get(`/api/v1/contacts/${c.id}`)).body;
  assert.ok(closed.closed_at);
  assert.equal(closed.closed_reason, 'Entered in error: Recorded on the wrong case');
  assert.equal(await page.getByText('Phoned dad about school.').count(), 0);
  s.assertClean();
  await s.close();
});

test('a task marked done by mistake is undone from the banner and from its row', async () => {
  const off = await env.srv.login('officer');
  const { kase } = await kidWithCase(off, 'Tam');
  const t = (await off.post('/api/v1/tasks', { case_id: kase.id, title: 'Chase the school', due_date: '2026-03-01' })).body;

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Tam Fixer/);
  await page.getByRole('button', { name: /^Mark as done\W+Chase the school$/ }).click();
  const banner = page.locator('.govuk-notification-banner', { hasText: '“Chase the school” is marked as done.' });
  await banner.waitFor();
  await s.axe('task done, with undo');
  assert.equal((await off.get(`/api/v1/tasks/${t.id}`)).body.status, 'done');
  await banner.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'is not done: it is open again' }).waitFor();
  let now = (await off.get(`/api/v1/tasks/${t.id}`)).body;
  assert.equal(now.status, 'open');
  assert.equal(now.done_at, null);

  // Done again, then undone from the row's Action column.
  await page.getByRole('button', { name: /^Mark as done\W+Chase the school$/ }).click();
  await banner.waitFor();
  await page.getByRole('button', { name: /^Mark as not done\W+Chase the school$/ }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'is not done: it is open again' }).waitFor();
  now = (await off.get(`/api/v1/tasks/${t.id}`)).body;
  assert.equal(now.status, 'open');

  // A stale undo (someone marked it done again meanwhile... and undid it)
  // is told plainly.
  await page.getByRole('button', { name: /^Mark as done\W+Chase the school$/ }).click();
  await banner.waitFor();
  const cur = (await off.get(`/api/v1/tasks/${t.id}`)).body;
  assert.equal((await off.post(`/api/v1/tasks/${t.id}/reopen`, { version: cur.version })).status, 200);
  assert.equal((await off.post(`/api/v1/tasks/${t.id}/done`, { version: cur.version + 1 })).status, 200);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Someone else changed this record' }).waitFor();
  assert.equal((await off.get(`/api/v1/tasks/${t.id}`)).body.status, 'done');
  s.assertClean();
  await s.close();
});

test('a family member\'s place in the family is changed from the person and family pages', async () => {
  const off = await env.srv.login('officer');
  const { kid } = await kidWithCase(off, 'Remy');
  const uncle = (await off.post('/api/v1/people', { given_name: 'Olu', family_name: 'Fixer', date_of_birth: '1980-01-01' })).body;
  const fam = (await off.post('/api/v1/families', { name: 'Fixer family' })).body;
  assert.equal((await off.post(`/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true })).status, 201);
  // Both boxes ticked: a 400 naming both, nothing stored.
  const both = await off.post(`/api/v1/families/${fam.id}/members`, {
    person_id: uncle.id, member_type: 'adult', relationship: 'uncle', child_id: kid.id, in_household: true, wider_network: true,
  });
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.body.errors.map((x) => x.field).sort(), ['in_household', 'wider_network']);
  assert.equal((await off.get(`/api/v1/families/${fam.id}`)).body.members.length, 1);
  const m = (await off.post(`/api/v1/families/${fam.id}/members`, {
    person_id: uncle.id, member_type: 'adult', relationship: 'uncle', child_id: kid.id, in_household: true,
  })).body;

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Remy Fixer');
  await page.getByRole('link', { name: 'Change Olu Fixer’s relationship to the family' }).first().click();
  await s.heading('Change how Olu Fixer belongs to the family');
  await s.axe('change a family member');
  // Ticking both is named on both boxes.
  await page.getByLabel('Part of the wider network').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.equal(await summary.getByRole('link', { name: 'Choose lives in the household or wider network, not both' }).count(), 2);
  await page.getByLabel('Lives in the household').uncheck();
  await page.getByLabel('Has parental responsibility').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'place in the family has been changed' }).waitFor();
  await s.heading('Remy Fixer');
  let now = (await off.get(`/api/v1/families/${fam.id}`)).body.members.find((x) => x.id === m.id);
  assert.equal(now.in_household, false);
  assert.equal(now.wider_network, true);
  assert.equal(now.parental_responsibility, true);

  // From the family's page: the relationship; a stale version is told.
  await s.goto(`#/families/${fam.id}`);
  await s.heading('Fixer family');
  await page.getByRole('link', { name: 'Change Olu Fixer’s relationship to the family' }).click();
  await s.heading('Change how Olu Fixer belongs to the family');
  await page.getByLabel('Relationship to Remy Fixer').selectOption('grandfather');
  assert.equal((await off.patch(`/api/v1/family-members/${m.id}`, { version: now.version, notes: 'Visits weekly' })).status, 200);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Someone else changed this record' }).waitFor();
  await page.reload();
  await s.heading('Change how Olu Fixer belongs to the family');
  await page.getByLabel('Relationship to Remy Fixer').selectOption('grandfather');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Fixer family');
  await page.locator('.govuk-notification-banner', { hasText: 'place in the family has been changed' }).waitFor();
  now = (await off.get(`/api/v1/families/${fam.id}`)).body.members.find((x) => x.id === m.id);
  assert.equal(now.relationship, 'grandfather');
  assert.equal(now.notes, 'Visits weekly');
  s.assertClean();
  await s.close();
});

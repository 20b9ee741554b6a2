// Session 28's staff pages (from session 27's walk), in real Chromium with
// axe-core on each page: the Performance page opens on the reporting year
// to date and says so (as the API's default period does); a case page
// keeps one main button and lists its other actions as links (a phone
// showed ten buttons); the admin's Users page filters by name or
// username, team, role and status; a form saved with its required
// answers missing names every one of them at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { ukToday, child } from '../api/lib.mjs';

const env = suite();

const fyStart = () => {
  const t = ukToday();
  const y = Number(t.slice(0, 4));
  return `${Number(t.slice(5, 7)) >= 4 ? y : y - 1}-04-01`;
};
const ukLong = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

test('performance opens on the reporting year to date, says so, and the API defaults to the same period', async () => {
  const manager = await env.srv.login('manager');
  const r = await manager.get('/api/v1/measures/first-time-entrants');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.from, fyStart());
  assert.equal(r.body.to, ukToday());
  // One end without the other is still named.
  const half = await manager.get(`/api/v1/measures/first-time-entrants?from=${fyStart()}`);
  assert.equal(half.status, 400);
  assert.ok(half.body.errors.some((x) => x.field === 'to'), half.text);

  const s = await Session.open(env.browser, env.srv);
  await s.signIn('manager');
  for (const [hash, name] of [['#/performance', 'index'], ['#/performance/first-time-entrants', 'measure']]) {
    await s.goto(hash);
    const said = s.page.locator('[data-default-period]');
    await said.waitFor();
    assert.match(await said.textContent(), new RegExp(`this reporting year to date: ${ukLong(fyStart())} to ${ukLong(ukToday())}`));
    assert.match(await s.page.locator('body').textContent(), new RegExp(`from ${ukLong(fyStart())} to ${ukLong(ukToday())}`, 'i'));
    if (name === 'index') {
      // One panel says both what the period is and that it runs to today.
      const panels = s.page.locator('.govuk-inset-text');
      assert.equal(await panels.filter({ hasText: 'this reporting year to date' }).filter({ hasText: 'The period runs to today' }).count(), 1);
      assert.equal(await panels.filter({ hasText: 'The period runs to today' }).count(), 1);
    }
    await s.axe(`performance ${name}, default period`);
  }
  // A period chosen is not called the default.
  await s.goto('#/performance?from=2023-04-01&to=2024-03-31');
  await s.page.locator('caption', { hasText: 'Measures from 1 April 2023 to 31 March 2024' }).first().waitFor();
  assert.equal(await s.page.locator('[data-default-period]').count(), 0);
  s.assertClean();
  await s.close();
});

test('a case page on a phone has one main button; its other actions are links', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', child({ given_name: 'Phone', family_name: 'Width' }));
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: ukToday(),
  });
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 390, height: 844 } });
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Phone Width/);
  await s.page.getByRole('link', { name: 'Record an offence', exact: true }).waitFor();
  const buttons = await s.page.locator('main .govuk-button:visible, #main-content .govuk-button:visible').allTextContents();
  assert.deepEqual([...new Set(buttons.map((t) => t.trim()))], ['Record a contact']);
  for (const name of ['Add a task', 'Forms', 'Close case', 'Record an offence', 'Record an outcome', 'Record a court hearing']) {
    assert.equal(await s.page.getByRole('link', { name, exact: true }).count(), 1, name);
  }
  const [scroll, client] = await s.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
  await s.axe('case page at 390 px');
  await s.page.getByRole('link', { name: 'Record an offence', exact: true }).click();
  await s.heading('Record an offence');
  s.assertClean();
  await s.close();
});

test('the admin finds accounts by name or username, team, role and status', async () => {
  const admin = await env.srv.login('admin');
  // Enough accounts for more than one page of the list.
  const teams = (await admin.get('/api/v1/teams')).body.items;
  const south = teams.find((t) => t.name === 'YJ South');
  for (let i = 0; i < 30; i++) {
    const u = await admin.post('/api/v1/users', {
      username: `filler.${i}`, full_name: `Filler Person ${i}`, role: 'yjs_officer', team_id: south.id, password: 'Tr0ub4dor&3-horse-filler',
    });
    assert.equal(u.status, 201, u.text);
  }
  const gone = await admin.post('/api/v1/users', { username: 'gone.away', full_name: 'Gwen Away', role: 'hub_worker', team_id: teams.find((t) => t.name === 'Early Help East').id, password: 'Tr0ub4dor&3-horse-gone' });
  assert.equal((await admin.post(`/api/v1/users/${gone.body.id}/disable`, { version: gone.body.version })).status, 200);
  // The API's filters, and its refusals named.
  const q = async (qs) => (await admin.get(`/api/v1/users?${qs}`)).body.items.map((u) => u.username);
  assert.deepEqual(await q('q=GWEN'), ['gone.away']);
  assert.deepEqual(await q('q=officer_s'), ['officer_south']);
  assert.deepEqual(await q('q=100%25'), []);
  assert.deepEqual(await q('disabled=true'), ['gone.away']);
  assert.deepEqual(await q(`role=manager&team_id=${teams.find((t) => t.name === 'YJ North').id}`), ['manager']);
  const bad = await admin.get('/api/v1/users?role=wizard&enabled=true&disabled=true');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['disabled', 'role']);

  const s = await Session.open(env.browser, env.srv);
  await s.signIn('admin');
  await s.goto('#/admin/users');
  await s.heading('Users');
  await s.axe('users, no filter');
  await s.page.getByLabel('Name or username').fill('gwen');
  await s.page.getByRole('button', { name: 'Apply filters' }).click();
  await s.page.waitForURL(/q=gwen/);
  await s.page.locator('caption', { hasText: '1 user account matching the filters' }).waitFor();
  assert.deepEqual((await s.page.locator('tbody tr td:nth-child(2)').allTextContents()), ['gone.away']);
  await s.axe('users, by name');
  await s.goto(`#/admin/users?team_id=${south.id}&role=yjs_officer&status=active`);
  await s.page.locator('caption', { hasText: 'User accounts 1 to 25 matching the filters' }).waitFor();
  assert.equal(await s.page.getByLabel('Team').inputValue(), String(south.id));
  assert.equal(await s.page.getByLabel('Role').inputValue(), 'yjs_officer');
  await s.page.getByRole('link', { name: 'Next' }).click();
  await s.page.locator('caption', { hasText: 'User accounts 26 to 31 matching the filters' }).waitFor();
  await s.goto('#/admin/users?status=disabled');
  await s.page.locator('caption', { hasText: '1 user account matching the filters' }).waitFor();
  await s.goto('#/admin/users?q=nobody-has-this');
  await s.page.getByText('No user accounts match these filters').waitFor();
  s.assertClean();
  await s.close();
});

// The summary's links, once the messages are there.
async function summary(page, n) {
  await page.locator('.govuk-error-summary').waitFor();
  await page.waitForFunction((k) => document.querySelectorAll('.govuk-error-summary a').length >= k, n);
  return (await page.locator('.govuk-error-summary a').allTextContents()).map((t) => t.trim());
}

test('forms saved with required answers missing name every one of them at once', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', child({ given_name: 'Empty', family_name: 'Form' }));
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: ukToday(),
  });
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('officer');
  // A contact with its date cleared and nothing else given.
  await s.goto(`#/cases/${kase.id}/contacts/new`);
  await s.heading('Record a contact');
  for (const part of ['day', 'month', 'year']) await s.page.locator(`#f-contact_date-${part}`).fill('');
  await s.page.getByRole('button', { name: 'Save contact' }).click();
  assert.deepEqual(await summary(s.page, 3), ['Enter the date of the contact', 'Select the type of contact', 'Enter the summary']);
  await s.axe('contact saved empty');
  // An offence: the gravity score is named once, not "score score".
  await s.goto(`#/cases/${kase.id}/offences/new`);
  await s.heading('Record an offence');
  await s.page.getByRole('button', { name: 'Save offence' }).click();
  const offence = await summary(s.page, 4);
  assert.ok(offence.includes('Enter the gravity score'), JSON.stringify(offence));
  assert.ok(offence.some((t) => /date of the offence/.test(t)), JSON.stringify(offence));
  assert.equal((await off.get(`/api/v1/contacts?case_id=${kase.id}`)).body.items.length, 0);
  s.assertClean();
  await s.close();
  const a = await Session.open(env.browser, env.srv);
  await a.signIn('admin');
  // A team with neither its service nor its name.
  await a.goto('#/admin/teams/new');
  await a.heading('Add a team');
  await a.page.getByRole('button', { name: 'Add team' }).click();
  const team = await summary(a.page, 2);
  assert.equal(team.length, 2, JSON.stringify(team));
  assert.match(team[0], /service/);
  assert.match(team[1], /team name/);
  await a.axe('team saved empty');
  a.assertClean();
  await a.close();
});

// Session 26 pages, in real Chromium: the manager's caseload fits a 1200
// px (and a 1024 px) screen; every date input says how to write a date;
// the manager's parents list says the session dates it withholds are
// withheld; the contact form finds practitioners by name instead of
// listing everyone in Spire; the Users page can let a worker keep their
// open cases through a change of team.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created, widestChild, overflow } from './lib.mjs';
import { TEAMS, USERS, daleFamilyWithOrder, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, PARENTING_TEAM],
  users: [...USERS, ['ppw', 'parent_worker', 'parenting', 'Parenting Team']],
});

// A caseload at its widest: a long name, a custodial order, both risk
// levels very high, cases not assessed, an unallocated one, overdue tasks
// with long titles, a contact in September (the longest month).
let made = null;
async function makeData() {
  const [officer, officer2] = await env.srv.loginAll(['officer', 'officer2']);
  const { kid, kase } = await widestChild(officer);
  const names = [['Wilhelmina', 'Featherstonehaugh'], ['Maximilian', 'Oyelaran-Whitfield'], ['Anastasia', 'Kowalczyk-Smith']];
  for (const [i, [given, family]] of names.entries()) {
    const p = await created(officer2, '/api/v1/people', { given_name: given, family_name: family, date_of_birth: '2010-09-09' });
    const c = await created(officer2, '/api/v1/cases', {
      service: 'youth_justice', reason: 'Referred', person_id: p.id, team_id: officer2.user.team_id,
      worker_id: i === 2 ? undefined : officer2.user.id, start_date: day(-100),
    });
    await created(officer2, '/api/v1/contacts', { case_id: c.id, contact_date: '2026-09-2' + i, contact_type: 'office_visit', summary: 'Seen.' });
    await created(officer2, '/api/v1/tasks', { case_id: c.id, title: 'Write the report for the referral order panel meeting', due_date: day(-3 - i), owner_id: officer2.user.id });
  }
  return { kid, kase };
}
const setup = () => { made ??= makeData(); return made; };

test('1. the manager\'s caseload fits a 1200 px and a 1024 px screen, its dates\' months cut short, nothing lost', async () => {
  await setup();
  for (const width of [1200, 1024]) {
    const s = await Session.open(env.browser, env.srv, { viewport: { width, height: 900 } });
    const { page } = s;
    await s.signIn('manager');
    const caseload = page.locator('table', { has: page.locator('caption', { hasText: /^Open cases/ }) });
    const row = caseload.locator('tr', { hasText: 'Abdirahman Bekele-Richardson' });
    await row.waitFor();
    assert.equal(await overflow(page, /^Open cases/), 0, `${width} px: the manager's caseload runs past its box`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, `${width} px: the page scrolls sideways`);
    // Each row stays at three lines at most (session 23's rule).
    const heights = await caseload.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    const line = await caseload.locator('tbody td').first().evaluate((c) => parseFloat(getComputedStyle(c).lineHeight));
    for (const hgt of heights) assert.ok(hgt <= 3 * line + 24, `${width} px: a row is at most three lines (${hgt}px, a line ${line}px)`);
    // Nothing is lost: the last seen and next due dates, the worker and
    // the Reallocate link (under the worker, naming the child).
    const text = (await row.textContent()).replace(/\s+/g, ' ');
    assert.match(text, /16 Sept 2026/);
    assert.match(text, /Overdue Task: [^:]+: \d{1,2} (Jan|Feb|Mar|Apr|May|June|July|Aug|Sept|Oct|Nov|Dec) \d{4}/);
    assert.doesNotMatch(await caseload.textContent(), /January|February|March|April|August|September|October|November|December/);
    assert.match(text, /Test officer/);
    await row.getByRole('link', { name: 'Reallocate Abdirahman Bekele-Richardson’s case' }).waitFor();
    const unallocated = caseload.locator('tr', { hasText: 'Anastasia Kowalczyk-Smith' });
    assert.match(await unallocated.textContent(), /Unallocated/);
    await unallocated.getByRole('link', { name: /^Allocate/ }).waitFor();
    if (width === 1200) {
      await s.shot('s26-caseload-1200');
      await s.axe('team caseload at 1200 px');
    }
    s.assertClean();
    await s.close();
  }
  // On a phone the page does not scroll sideways: the table does, in its box.
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 375, height: 800 } });
  await s.signIn('manager');
  await s.page.locator('tr', { hasText: 'Abdirahman Bekele-Richardson' }).first().waitFor();
  assert.ok(await s.page.evaluate(() => document.documentElement.scrollWidth <= 375), 'the page scrolls sideways on a phone');
  await s.shot('s26-caseload-375');
  s.assertClean();
  await s.close();
});

// dateHints(page): each date input on the page, by its legend, with its
// hint (null when it has none).
async function dateHints(page) {
  await page.locator('.govuk-date-input').first().waitFor({ state: 'attached' });
  return page.locator('fieldset:has(.govuk-date-input)').evaluateAll((sets) => sets.map((f) => {
    const hint = f.querySelector('.govuk-hint');
    const described = (f.getAttribute('aria-describedby') || '').split(' ');
    return { legend: f.querySelector('legend').textContent.trim(), hint: hint && described.includes(hint.id) ? hint.textContent : null };
  }));
}

test('2. every date input says how to write the date, with an example that makes sense today', async () => {
  const { kase, kid } = await setup();
  const officer = await env.srv.login('officer');
  const offence = await created(officer, '/api/v1/offences', { case_id: kase.id, offence_date: day(-30), description: 'Theft of a bike', category: 'theft', gravity: 3 });
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vera', family_name: 'Owner' });
  const pages = {
    officer: [
      [`#/cases/${kase.id}/contacts/new`, ['Date of contact', 'Due date']],
      [`#/people/${kid.id}/cases/new`, ['Start date']],
      [`#/cases/${kase.id}/outcomes/new`, ['Date the outcome was given', 'Intervention start date', 'Planned end date', 'Next review date', 'Release date', 'Transition plan made on', 'Actual end date']],
      [`#/cases/${kase.id}/offences/new`, ['Date of the offence', 'Date of arrest']],
      [`#/offences/${offence.id}/victims/new`, ['Date of birth']],
      [`#/offences/${offence.id}/victims/new?person=${victim.id}`, ['Date of first contact']],
      [`#/cases/${kase.id}/assessments/new`, ['Date completed']],
    ],
    manager: [
      ['#/board/new', ['Date of the meeting']],
      ['#/performance/kpi-ete', ['From', 'To']],
      [`#/people/${kid.id}/viewed`, ['From', 'To']],
    ],
  };
  for (const [user, list] of Object.entries(pages)) {
    const s = await Session.open(env.browser, env.srv);
    const { page } = s;
    await s.signIn(user);
    for (const [hash, legends] of list) {
      await s.goto(hash);
      await page.locator('legend', { hasText: legends[0] }).first().waitFor({ state: 'attached' });
      const hints = await dateHints(page);
      for (const want of legends) {
        assert.ok(hints.find((x) => x.legend.startsWith(want)), `${hash}: no date input "${want}" (${JSON.stringify(hints.map((x) => x.legend))})`);
      }
      // Every date input on the page, not only those named.
      for (const x of hints) assert.match(x.hint || '', /For example, \d{1,2} \d{1,2} \d{4}$/, `${hash}: "${x.legend}" has no example date`);
      // A date ahead (a due date, a planned end) gives an example ahead.
      for (const x of hints.filter((y) => /^(Due date|Planned end date|Next review date)/.test(y.legend))) {
        const [d, m, y] = x.hint.match(/(\d+) (\d+) (\d{4})$/).slice(1).map(Number);
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        assert.ok(iso > day(0) && iso <= day(30), `${hash}: "${x.legend}" gives ${iso}, not a date ahead`);
      }
      if (hash.endsWith('/outcomes/new')) {
        await s.shot('s26-outcome-date-hints');
        await s.axe('outcome form with date hints');
      }
    }
    s.assertClean();
    await s.close();
  }
});

test('3. the manager\'s parents list says withheld session dates are withheld, not blank', async () => {
  const [officer, ppw, manager] = await env.srv.loginAll(['officer', 'ppw', 'manager']);
  // Mo Dale's support is the parenting team's, for her son's case that
  // the manager's service holds.
  const { mum, yjCase: kase } = await daleFamilyWithOrder(officer);
  const support = await created(ppw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: day(-5), start_date: day(-5),
  });
  await created(ppw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(3), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' });
  // The API says which rows' session dates are withheld.
  const row = (await manager.get('/api/v1/parenting/parents')).body.items.find((x) => x.person_id === mum.id);
  assert.ok(!('next_session_date' in row), JSON.stringify(row));
  assert.equal(row.sessions_withheld, true);
  assert.equal(row.withheld, true);
  const own = (await ppw.get('/api/v1/parenting/parents')).body.items.find((x) => x.person_id === mum.id);
  assert.equal(own.sessions_withheld, false);

  for (const width of [1200, 375]) {
    const s = await Session.open(env.browser, env.srv, { viewport: { width, height: 900 } });
    const { page } = s;
    await s.signIn('manager');
    await s.goto('#/parenting/parents');
    await s.heading('Parents supported in your service');
    const tr = page.locator('tr', { has: page.getByRole('link', { name: 'Mo Dale' }) });
    const cells = await tr.locator('td').allTextContents();
    const head = await page.locator('table thead th').allTextContents();
    const at = (name) => cells[head.indexOf(name) - 1];
    // Session 27: "Withheld" is the figures pages' word for a small count.
    assert.equal(at('Next session'), 'Not shared with your service');
    assert.equal(at('Last seen in a session'), 'Not shared with your service');
    // Session 28: nor is its next review (the list gave it; the read did not).
    assert.equal(at('Next review'), 'Not shared with your service');
    await page.getByText('Not shared with your service: the sessions and reviews of a parenting case another service holds stay with that service.').waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /Withheld/);
    await s.shot(`s26-parents-withheld-${width}`);
    if (width === 1200) await s.axe('parents supported, withheld');
    s.assertClean();
    await s.close();
  }
  // The parent worker who holds the case sees the date.
  const w = await Session.open(env.browser, env.srv);
  await w.signIn('ppw');
  await w.goto('#/parenting/parents');
  // The list's own page, not the home page it was opened from (whose due
  // list names her too).
  await w.heading('My parents');
  const mine = w.page.locator('tr', { has: w.page.getByRole('link', { name: 'Mo Dale' }) });
  await mine.waitFor();
  assert.doesNotMatch(await mine.textContent(), /Withheld|Not shared/);
  w.assertClean();
  await w.close();
});

test('4. the contact form lists the user\'s and the case\'s teams and finds anyone else by name or team', async () => {
  const { kase } = await setup();
  const [south, officer] = await env.srv.loginAll(['officer_south', 'officer']);
  for (const width of [1200, 375]) {
    const s = await Session.open(env.browser, env.srv, { viewport: { width, height: 900 } });
    const { page } = s;
    await s.signIn('officer');
    await s.goto(`#/cases/${kase.id}/contacts/new`);
    const group = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Practitioners who attended' }) });
    await group.waitFor();
    // Their own team (YJ North, the case's too) is listed; another team's
    // and another service's practitioners are not, until found.
    await group.getByLabel('Test officer2 – YJ North').waitFor();
    assert.equal(await group.getByLabel('Test officer – YJ North').isChecked(), true);
    assert.equal(await group.getByLabel(/Test officer_south/).isVisible(), false);
    assert.equal(await group.getByLabel(/Test hub/).isVisible(), false);
    assert.match(await group.getByRole('status').textContent(), /more practitioners in Spire: type a name or team to find them/);
    const find = group.getByLabel('Find a practitioner');
    await find.fill('south');
    await find.press('Enter'); // finds; does not send the form
    await group.getByLabel('Test officer_south – YJ South (Youth justice)').check();
    assert.match(await group.getByRole('status').textContent(), /found for “south”/);
    assert.equal(await group.getByLabel('Test officer2 – YJ North').isVisible(), false, 'a filter shows only what it finds');
    await find.fill('nobody like this');
    assert.match(await group.getByRole('status').textContent(), /No practitioner found for “nobody like this”/);
    await find.fill('');
    // What was ticked stays listed when the filter is cleared.
    assert.equal(await group.getByLabel('Test officer_south – YJ South (Youth justice)').isChecked(), true);
    await s.shot(`s26-contact-attendees-${width}`);
    if (width === 1200) {
      await s.axe('contact form with the practitioner filter');
      await page.getByLabel('Summary').fill('Seen at home with a colleague from the south team.');
      await page.getByLabel('Home visit').check();
      await page.getByRole('button', { name: 'Save contact' }).click();
      await page.getByText('The contact has been recorded.').waitFor();
    }
    s.assertClean();
    await s.close();
  }
  const list = (await officer.get(`/api/v1/contacts?case_id=${kase.id}&limit=100`)).body.items;
  const saved = list.find((c) => c.summary === 'Seen at home with a colleague from the south team.');
  assert.ok(saved, 'the contact was saved');
  const full = (await officer.get(`/api/v1/contacts/${saved.id}`)).body;
  assert.deepEqual(full.attendees.practitioners.map((a) => a.id ?? a.user_id).sort(), [officer.user.id, south.user.id].sort());
});

test('5. the Users page lets an admin say a worker keeps their open cases through a change of team', async () => {
  const [admin] = await env.srv.loginAll(['admin']);
  const teams = (await admin.get('/api/v1/teams')).body.items;
  const north = teams.find((t) => t.name === 'YJ North');
  const southTeam = teams.find((t) => t.name === 'YJ South');
  await created(admin, '/api/v1/users', {
    username: 'seconded', full_name: 'Sol Seconded', role: 'yjs_officer', team_id: north.id, password: 'Correct-horse-battery-42',
  });
  const sol = await env.srv.login('seconded', 'Correct-horse-battery-42');
  const p = await created(sol, '/api/v1/people', { given_name: 'Tamsin', family_name: 'Kept', date_of_birth: '2011-02-02' });
  const kase = await created(sol, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: p.id, team_id: north.id, worker_id: sol.user.id, start_date: day(-20),
  });
  for (const width of [375, 1200]) {
    const s = await Session.open(env.browser, env.srv, { viewport: { width, height: 900 } });
    await s.signIn('admin');
    await s.goto(`#/admin/users/${sol.user.id}`);
    await s.heading('Change Sol Seconded’s account');
    await s.page.getByLabel('They keep their open cases and tasks after the change').waitFor();
    await s.shot(`s26-user-keep-cases-${width}`);
    if (width === 1200) await s.axe('change a user, keep cases');
    s.assertClean();
    await s.close();
  }
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('admin');
  await s.goto(`#/admin/users/${sol.user.id}`);
  await s.heading('Change Sol Seconded’s account');
  // Not ticked: the move waits until the case is re-allocated.
  await page.getByLabel('Team', { exact: true }).selectOption(String(southTeam.id));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'They hold 1 open case. Ask Test manager, who manages YJ North, to re-allocate it first, then change their team' }).waitFor();
  // Ticked: they move and keep it.
  await page.getByLabel('They keep their open cases and tasks after the change').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Users');
  // The message says what changed (session 27).
  await page.locator('.govuk-notification-banner', { hasText: 'Sol Seconded has moved to YJ South and keeps 1 open case' }).waitFor();
  const u = (await admin.get(`/api/v1/users/${sol.user.id}`)).body;
  assert.equal(u.team_id, southTeam.id);
  const again = await env.srv.login('seconded', 'Correct-horse-battery-42');
  assert.equal((await again.get(`/api/v1/cases/${kase.id}`)).body.worker_id, sol.user.id, 'still their case');
  // The tick alone, with no new role or team, changes nothing.
  await s.goto(`#/admin/users/${sol.user.id}`);
  await page.getByLabel('They keep their open cases and tasks after the change').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Users');
  assert.equal((await admin.get(`/api/v1/users/${sol.user.id}`)).body.version, u.version);
  s.assertClean();
  await s.close();
});

// A worker moved to another team who kept their cases (test 5) still finds
// them on their own caseload page, under the team they are held in.
test('6. a worker who kept their cases through a move still sees them on My caseload', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('seconded', 'Correct-horse-battery-42');
  await s.heading('My caseload');
  const other = page.locator('table', { has: page.locator('caption', { hasText: 'My open cases in other teams' }) });
  await other.locator('tr', { hasText: 'Tamsin Kept' }).waitFor();
  assert.match((await other.textContent()).replace(/\s+/g, ' '), /YJ North/);
  assert.equal(await page.getByText('You have no open cases.').count(), 0);
  s.assertClean();
  await s.close();
});

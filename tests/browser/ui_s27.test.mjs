// Session 27 (ui): what a newcomer's walk through the staff pages found,
// in real Chromium at 1280 px and at phone width (390 px): disabling an
// account asks first and says what work a manager must re-allocate; a
// refused change of team counts the cases and names who manages the team,
// never a case number; the team's workload lists its parent worker with
// the parents they support; wide tables say that they scroll; drop-downs
// offer an empty choice only where one means something; the wording of
// the entered-in-error page, the agreement question and the generic
// record pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created, reedFamily } from './lib.mjs';
import { TEAMS, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM] });
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };

// A child of YJ North on officer's caseload, with a task, and the child's
// mother supported by the YJ North parent worker (her parenting case is
// held in the Parenting Team: docs/parenting.md).
async function casework() {
  const [off, pw] = await env.srv.loginAll(['officer', 'parentworker']);
  const { kid, mum, kase } = await reedFamily(off);
  await created(off, '/api/v1/tasks', { case_id: kase.id, title: 'Book the panel', due_date: day(5), owner_id: off.user.id });
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: day(-5), start_date: day(-5),
  });
  const contact = await created(off, '/api/v1/contacts', {
    case_id: kase.id, contact_date: `${day(-2)}T10:00:00Z`, contact_type: 'home_visit', summary: 'Seen at home.',
  });
  return { off, pw, kid, kase, support, contact };
}

let work;
const ready = () => (work ||= casework());

test('1. disabling an account asks first, on the page, with the open cases and tasks and who re-allocates them', async () => {
  const { off } = await ready();
  const admin = await env.srv.login('admin');
  // The task on the case, and the joint visit with the parent worker.
  assert.equal((await admin.get(`/api/v1/users/${off.user.id}`)).body.open_tasks, 2);
  for (const viewport of [WIDE, PHONE]) {
    const s = await Session.open(env.browser, env.srv, { viewport });
    const { page } = s;
    await s.signIn('admin');
    await s.heading('Users');
    await page.getByRole('link', { name: 'Disable officer', exact: true }).click();
    await s.heading('Are you sure you want to disable Test officer’s account?');
    const warn = await page.locator('.govuk-warning-text').innerText();
    assert.match(warn, /Test officer holds 1 open case and 2 open tasks\. Their manager, Test manager, will need to re-allocate them/);
    await s.shot(`s27-disable-user-${viewport.width}`);
    await s.axe(`disable a user ${viewport.width}`);
    // Cancel: nothing changes.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await s.heading('Users');
    s.assertClean();
    await s.close();
  }
  const u = (await admin.get(`/api/v1/users/${off.user.id}`)).body;
  assert.equal(u.disabled, false, 'asked, not done');
  assert.equal(u.open_cases, 1);
  assert.equal(u.open_tasks, 2);
});

test('2. a refused change of team counts the open cases and names who manages the team, and no case number', async () => {
  const { off, kase } = await ready();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('admin');
  await s.goto(`#/admin/users/${off.user.id}`);
  await s.heading('Change Test officer’s account');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'YJ South (Youth justice)' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  const text = await summary.innerText();
  assert.match(text, /They hold 1 open case\. Ask Test manager, who manages YJ North, to re-allocate it first, then change their team/);
  assert.doesNotMatch(text, new RegExp(`\\(cases? |cases? ${kase.id}\\b|#${kase.id}\\b`));
  s.assertClean();
  await s.close();
});

test('4. the team workload lists the parent worker with the parents they support', async () => {
  const { pw } = await ready();
  for (const viewport of [WIDE, PHONE]) {
    const s = await Session.open(env.browser, env.srv, { viewport });
    const { page } = s;
    await s.signIn('manager');
    const load = page.locator('table', { has: page.locator('caption', { hasText: 'Workload' }) });
    await load.waitFor();
    const head = await load.locator('thead th').allTextContents();
    assert.ok(head.includes('Parents supported'), head.join('|'));
    const row = load.locator('tbody tr', { hasText: pw.user.full_name });
    const cells = [await row.locator('th').innerText(), ...await row.locator('td').allInnerTexts()];
    assert.equal(cells[head.indexOf('Role')], 'Parent worker');
    assert.equal(cells[head.indexOf('Parents supported')], '1');
    await s.shot(`s27-workload-${viewport.width}`);
    s.assertClean();
    await s.close();
  }
});

test('5. at phone width a wide table scrolls in a labelled, focusable region that says so; at 1280 px it says nothing', async () => {
  await ready();
  for (const viewport of [PHONE, WIDE]) {
    const s = await Session.open(env.browser, env.srv, { viewport });
    const { page } = s;
    await s.signIn('manager');
    const region = page.locator('.spire-table-scroll', { has: page.locator('caption', { hasText: 'Workload' }) });
    await region.waitFor();
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.equal(await region.getAttribute('role'), 'region');
    assert.equal(await region.getAttribute('aria-label'), 'Workload');
    const wrap = page.locator('.spire-table-wrap', { has: region });
    const cue = wrap.locator('.spire-table-scroll__cue');
    const wide = await region.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    if (viewport === PHONE) {
      assert.ok(wide, 'the workload is wider than a phone');
      await cue.waitFor({ state: 'visible' });
      assert.match(await cue.innerText(), /Scroll the table sideways to see all of it/);
      assert.equal(await region.getAttribute('aria-describedby'), await cue.getAttribute('id'));
      assert.match(await region.evaluate((e) => getComputedStyle(e).backgroundImage), /gradient/);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
      await region.focus();
      await s.shot('s27-table-scroll-390');
      await s.axe('phone, wide table');
    } else {
      assert.ok(!wide);
      assert.equal(await cue.isVisible(), false);
      assert.equal(await region.getAttribute('aria-describedby'), null);
    }
    s.assertClean();
    await s.close();
  }
});

test('6. drop-downs offer an empty choice only where no value is allowed or none is set yet', async () => {
  const { off } = await ready();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  const options = (label) => page.getByLabel(label, { exact: true }).locator('option').allTextContents();
  await s.signIn('admin');
  // Changing an account: the role is always set; the team may be none.
  await s.goto(`#/admin/users/${off.user.id}`);
  await s.heading('Change Test officer’s account');
  assert.ok(!(await options('Role')).includes('Choose…'), (await options('Role')).join('|'));
  assert.equal((await options('Team'))[0], 'No team');
  // Adding one: no role yet, so one is asked for.
  await s.goto('#/admin/users/new');
  await s.heading('Add a user');
  assert.equal((await options('Role'))[0], 'Choose…');
  s.assertClean();
  await s.close();
  const m = await Session.open(env.browser, env.srv);
  await m.signIn('manager');
  // The caseload filter has its own "everyone" and no second blank.
  const whose = m.page.getByLabel('Whose cases', { exact: true });
  await whose.waitFor();
  const values = await whose.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.equal(values.filter((v) => v === '').length, 1, values.join('|'));
  assert.ok(!(await whose.locator('option').allTextContents()).includes('Choose…'));
  // The due list's window always has one.
  await m.goto('#/due');
  const within = m.page.getByLabel('Due within', { exact: true });
  await within.waitFor();
  assert.ok(!(await within.locator('option').allTextContents()).includes('Choose…'));
  m.assertClean();
  await m.close();
});

test('7. wording: entered in error, the agreement question, generic labels as the messages name them', async () => {
  const { off, kase, contact, kid } = await ready();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/contacts/${contact.id}/close`);
  await s.heading(/^Mark the contact on .* as entered in error/);
  await page.getByRole('button', { name: 'Mark as entered in error' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Enter what was wrong with the contact to mark it as entered in error' }).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /reason for closing the record/);
  // The generic alert page labels the type as its message names it.
  await s.goto(`#/people/${kid.id}/r/alerts/new`);
  await s.heading(/alert/i);
  await page.getByLabel('Type of alert', { exact: true }).waitFor();
  await page.getByRole('button', { name: /Save/ }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Select the type of alert' }).waitFor();
  s.assertClean();
  await s.close();
  assert.equal((await off.get(`/api/v1/contacts/${contact.id}`)).body.closed_at, null);
  // The agreement question is about the parent.
  const w = await Session.open(env.browser, env.srv);
  await w.signIn('parentworker');
  await w.goto(`#/parenting/agreement?person=${kid.id}&case=${kase.id}`);
  await w.page.getByRole('group', { name: 'Did the parent agree to the support?' }).waitFor();
  w.assertClean();
  await w.close();
});

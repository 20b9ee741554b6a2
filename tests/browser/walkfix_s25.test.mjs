// What the session 25 walker found on the pages, in real Chromium: the
// extra figures under a measure read as their rule names them, not as field
// names ("Suitable"); a family's members say whose relative each is; the
// caseload tables fit a 1200 px screen and the menu folds behind a Menu
// button on a phone; date hints give a date that makes sense today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created, widestChild, overflow } from './lib.mjs';
import { dobForAge, ukToday } from '../api/lib.mjs';

const env = suite();
const YEAR = Number(ukToday().slice(0, 4));

// A child with everything a caseload row shows at its widest: a long name,
// a family, a custodial order, both risk levels very high, an overdue task
// with a long title and a contact.
let made = null;
async function makeData() {
  const officer = await env.srv.login('officer');
  const { kid, kase } = await widestChild(officer);
  const sib = await created(officer, '/api/v1/people', { given_name: 'Hodan', family_name: 'Bekele-Richardson', date_of_birth: dobForAge(14, 180) });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Sahra', family_name: 'Bekele-Richardson' });
  const fam = await created(officer, '/api/v1/families', { name: 'Bekele-Richardson family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: sib.id, member_type: 'child', relationship: 'half_sibling', child_id: kid.id, in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  return { kid, sib, mum, fam, kase };
}
const setup = () => { made ??= makeData(); return made; };

test('the extra figures under a measure, and in the board pack, read as the rule names them', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto('#/performance/kpi-ete');
  await s.heading('KPI 2: education, training and employment');
  const summary = page.locator('.govuk-summary-list');
  await summary.getByText('In a suitable arrangement, attending or not').waitFor();
  assert.equal(await summary.locator('dt', { hasText: /^\s*Suitable\s*$/ }).count(), 0, 'the field name "Suitable" is shown');
  await s.goto('#/performance/kpi-board-attendance');
  await s.heading('KPI 7');
  await summary.getByText('Partner places that brought disproportionality data').waitFor();
  assert.equal(await summary.locator('dt', { hasText: /^\s*Disproportionality data\s*$/ }).count(), 0);
  // The board pack's table heads its extra columns the same way.
  await s.goto('#/board-pack');
  await s.heading('Board pack');
  const kpi2 = page.locator('table', { has: page.locator('caption', { hasText: 'KPI 2: education, training and employment' }) });
  await kpi2.locator('th', { hasText: 'In a suitable arrangement, attending or not' }).waitFor();
  assert.equal(await kpi2.locator('thead th', { hasText: /^\s*Suitable\s*$/ }).count(), 0);
  await s.axe('a measure\'s extra figures');
  s.assertClean();
  await s.close();
});

test("a family's members say whose relative each is", async () => {
  const { fam } = await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/families/${fam.id}`);
  await s.heading('Bekele-Richardson family');
  const row = (name) => page.locator('tr', { has: page.getByRole('link', { name }) });
  assert.match(await row('Hodan Bekele-Richardson').textContent(), /Half sibling of Abdirahman Bekele-Richardson/);
  assert.match(await row('Sahra Bekele-Richardson').textContent(), /Mother of Abdirahman Bekele-Richardson/);
  // The child they are recorded against is the family's child.
  assert.match(await row('Abdirahman Bekele-Richardson').textContent(), /Child\s*Child/);
  await s.axe('a family page');
  s.assertClean();
  await s.close();
});

// The manager's eight columns may still scroll inside their own box (the
// session 23 walker's rule keeps each row to three lines).
test('the officer\'s caseload fits a 1200 px screen, "Last seen" and all', async () => {
  await setup();
  for (const [user, caption] of [['officer', 'My open cases']]) {
    const s = await Session.open(env.browser, env.srv, { viewport: { width: 1200, height: 900 } });
    await s.signIn(user);
    await s.page.locator('tr', { hasText: 'Abdirahman Bekele-Richardson' }).first().waitFor();
    assert.equal(await overflow(s.page, caption), 0, `${user}: the caseload runs past its box`);
    assert.equal(await s.page.evaluate(() => document.documentElement.scrollWidth), 1200, `${user}: the page scrolls sideways`);
    s.assertClean();
    await s.close();
  }
});

test('on a phone the menu folds behind a Menu button; on a laptop it is open', async () => {
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 375, height: 800 } });
  const { page } = s;
  await s.signIn('officer');
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#nav-list').isVisible(), false, 'the menu is open on a phone');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.locator('#nav-list').getByRole('link', { name: 'My tasks' }).click();
  await s.heading('My tasks');
  // Following a link from the menu closes it.
  assert.equal(await page.locator('#nav-list').isVisible(), false);
  await s.axe('the phone menu');
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.locator('#nav-list').getByRole('link', { name: 'My tasks' }).waitFor();
  assert.equal(await menu.isVisible(), false, 'the Menu button is shown on a laptop');
  s.assertClean();
  await s.close();
});

test('date hints give a date that makes sense today', async () => {
  const { kase } = await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  const hintOf = (legend) => page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) }).locator('.govuk-hint').first().textContent();
  // A child's date of birth: a child's age.
  await s.goto('#/people/new');
  await s.heading('Add a person');
  assert.match(await hintOf('Date of birth'), new RegExp(`For example, \\d+ \\d+ ${YEAR - 14}$`));
  // An event: a recent day, this year or (early January) last.
  await s.goto(`#/cases/${kase.id}/offences/new`);
  await s.heading(/offence/i);
  const m = /For example, (\d+) (\d+) (\d{4})$/.exec(await hintOf('Date of the offence'));
  assert.ok(m && Number(m[3]) >= YEAR - 1, `an offence's hint gives an old date: ${m && m[0]}`);
  s.assertClean();
  await s.close();
});

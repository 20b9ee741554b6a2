// Session 23 FIXB, in real Chromium: the pages practitioners and parents
// found wrong. The KPI and Steps to Change pages offer only the step that
// may come next; the person page shows the person's number and the merge
// page finds the duplicate by name and compares the two records side by
// side; the parent's page has a parent's privacy line (not the staff's
// "Every view is logged"), names the family's worker and how to reach the
// service, and fits a 375 px phone (screenshot kept). axe-core on each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, KPI_NOT_KNOWN, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const CONTACT = 'Call the Family Help team on 0113 496 0000, Monday to Friday, 9am to 5pm';
const env = suite({
  teams: [...TEAMS, PARENTING_TEAM], users: USERS, env: { SPIRE_PORTAL_CONTACT: CONTACT },
});
const PW = 'kettle violin marble 58';
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];
const fieldset = (s, legend) => s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });
const radios = async (s, legend) => (await fieldset(s, legend).locator('.govuk-radios__label').allTextContents()).map((t) => t.trim());

test('the KPI and Steps to Change pages offer only the step that may come next', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Tam', family_name: 'Oduya', date_of_birth: dobForAge(16, 303) });
  const c = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id,
    worker_id: off.user.id, start_date: day(-90),
  });
  const offence = await created(off, '/api/v1/offences', {
    case_id: c.id, offence_date: day(-80), description: 'Shop theft', category: 'theft', gravity: 2,
  });
  const o = await created(off, '/api/v1/outcomes', {
    case_id: c.id, outcome_type: 'referral_order', outcome_date: day(-60), start_date: day(-60),
    planned_end_date: day(200), offence_ids: [offence.id],
  });
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/outcomes/${o.id}`);
  await page.locator('h2', { hasText: 'KPI data' }).waitFor();
  const kpiButtons = () => page.locator('a.govuk-button', { hasText: 'Record KPI data' }).allTextContents();
  assert.deepEqual((await kpiButtons()).map((t) => t.trim()), ['Record KPI data at the start'], 'the start first');
  await s.goto(`#/outcomes/${o.id}/kpi/new?point=end`);
  await s.heading('Record KPI data');
  assert.deepEqual(await radios(s, 'When was this measured?'), ['Start of the intervention']);
  await s.axe('KPI data: only the start offered');
  await created(off, '/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: o.id, point: 'start', measured_on: day(-55) });
  await s.goto(`#/outcomes/${o.id}`);
  await page.locator('h2', { hasText: 'KPI data' }).waitFor();
  await page.locator('table', { has: page.locator('caption', { hasText: 'KPI data for this intervention' }) }).waitFor();
  assert.deepEqual((await kpiButtons()).map((t) => t.trim()), ['Record KPI data at the end'], 'never the start again');
  await s.goto(`#/outcomes/${o.id}/kpi/new?point=start`);
  await s.heading('Record KPI data');
  assert.deepEqual(await radios(s, 'When was this measured?'), ['End of the intervention']);

  // Steps to Change: the first scoring can only be at the start; once it
  // is, the start is not offered again.
  const fam = await created(off, '/api/v1/families', { name: 'Oduya family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const stagesOffered = async () => {
    const d = await created(off, '/api/v1/form-responses', {
      form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored: day(0), status: 'in-progress', answers: {},
    });
    // A fresh document: the two drafts' pages look alike, so the old
    // page's radios could otherwise be read before the new one renders.
    await s.goto(`#/form-responses/${d.id}/page/1`);
    await s.page.reload();
    await fieldset(s, 'When is this scoring?').waitFor();
    return radios(s, 'When is this scoring?');
  };
  assert.deepEqual(await stagesOffered(), ['At the start']);
  await s.axe('Steps to Change: only the start offered');
  const answers = { stage: 'start', assessment: 'early_help' };
  for (const b of BLOCKS) { answers[`${b}_practitioner`] = 4; answers[`${b}_family`] = 5; }
  await created(off, '/api/v1/form-responses', {
    form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored: day(-3), status: 'completed', answers,
  });
  const later = await stagesOffered();
  assert.ok(!later.includes('At the start') && later.length === 2, later.join(' | '));
  s.assertClean();
  await s.close();
});

test('the person page shows the person\'s number; the merge page finds the duplicate by name and compares the two records', async () => {
  const off = await env.srv.login('officer');
  const kept = await created(off, '/api/v1/people', {
    given_name: 'Ayaan', family_name: 'Rahman', date_of_birth: '2011-07-08', sex: 'male', postcode: 'LS1 4AP', address: '1 Park Row, Leeds',
  });
  const dupe = await off.post('/api/v1/people', {
    given_name: 'Ayan', family_name: 'Rahman', date_of_birth: '2011-07-08', sex: 'male', postcode: 'LS2 7HY', allow_duplicate: true,
  });
  assert.equal(dupe.status, 201, dupe.text);
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/people/${kept.id}`);
  await s.heading('Ayaan Rahman');
  const numberRow = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: 'Person number' }) });
  assert.equal((await numberRow.locator('dd').textContent()).trim(), String(kept.id));
  await s.goto(`#/people/${kept.id}/merge`);
  await s.heading(`Merge a duplicate into Ayaan Rahman’s record`);
  // The near duplicate is offered without a number being typed.
  const choice = fieldset(s, 'Which record is the duplicate?');
  await choice.waitFor();
  assert.match(await choice.textContent(), new RegExp(`Ayan Rahman, born 8 July 2011, LS2 7HY, person ${dupe.body.id}`));
  // Found by name too.
  await page.getByLabel('Name', { exact: true }).fill('Rahman');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForFunction(() => location.hash.includes('q=Rahman'));
  await fieldset(s, 'Which record is the duplicate?').waitFor();
  await s.axe('merge: find the duplicate');
  await fieldset(s, 'Which record is the duplicate?').getByLabel(new RegExp(`person ${dupe.body.id}$`)).check();
  await page.getByLabel('Why these records are the same person').fill('Same date of birth and school; the name was misspelt');
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  const cmp = page.locator('#merge-compare');
  await cmp.waitFor();
  const row = async (what) => (await cmp.locator('tr', { has: page.locator('th', { hasText: what }) }).first()
    .locator('td').allTextContents()).map((t) => t.trim());
  assert.deepEqual(await row('First name'), ['Ayaan', 'Ayan', 'Different']);
  assert.deepEqual(await row('Date of birth'), ['8 July 2011', '8 July 2011', 'Same']);
  assert.deepEqual((await row('Address'))[2], 'Different');
  assert.deepEqual(await row('Sex'), ['Male', 'Male', 'Same']);
  for (const what of ['Ethnicity', 'Cases', 'Families', 'Last name']) assert.equal((await row(what)).length, 3, what);
  assert.equal(await cmp.locator('tr.spire-compare--differs').count() >= 2, true);
  await s.shot('merge-compare');
  await s.axe('merge: the two records compared');
  s.assertClean();
  await s.close();
});

test('the parent\'s page: a parent\'s privacy line, the family\'s worker and how to reach them, and it fits a 375 px phone', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const kid = await created(off, '/api/v1/people', { given_name: 'Remi', family_name: 'Adeyemi-Lawrence', date_of_birth: dobForAge(16, 276) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Bola', family_name: 'Adeyemi-Lawrence' });
  const fam = await created(off, '/api/v1/families', { name: 'Adeyemi-Lawrence family', key_worker_id: pw.user.id });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const answers = { stage: 'start', assessment: 'early_help' };
  for (const b of BLOCKS) { answers[`${b}_practitioner`] = 4; answers[`${b}_family`] = 6; }
  await created(off, '/api/v1/form-responses', { form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored: day(-5), status: 'completed', answers });
  const plan = await created(off, '/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Calmer mornings before school', agreed_on: day(-10) });
  await created(off, '/api/v1/family-plan-actions', {
    plan_id: plan.id, action: 'Lay out the uniform the night before', owner_type: 'family_member', owner_person_id: mum.id, status: 'in_progress', due_date: day(20),
  });
  await env.srv.makeParent(off, 'bola.al', mum, PW);

  const s = await Session.open(env.browser, env.srv, { viewport: { width: 375, height: 800 } });
  const { page } = s;
  await s.signIn('bola.al', PW);
  await s.heading('Adeyemi-Lawrence family');
  await page.locator('svg.spire-steps').waitFor();
  const banner = (await page.locator('.govuk-phase-banner__text').textContent()).trim();
  assert.doesNotMatch(banner, /Every view is logged/);
  assert.equal(banner, 'This page is private to you and the people who support your family.');
  const worker = page.locator('h2', { hasText: 'Your worker' });
  await worker.waitFor();
  const rows = page.locator('.govuk-summary-list', { has: page.locator('dt', { hasText: 'How to get in touch' }) });
  const text = await rows.textContent();
  assert.match(text, new RegExp(pw.user.full_name));
  assert.match(text, new RegExp(CONTACT));
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
  // Nothing sticks out of the main column (a clipped column is cut by it).
  const wide = await page.evaluate(() => {
    const main = document.querySelector('main').getBoundingClientRect();
    return [...document.querySelectorAll('main *')]
      .filter((el) => !el.closest('.spire-table-scroll') && el.getBoundingClientRect().right > main.right + 1)
      .map((el) => `${el.tagName}.${el.className?.baseVal ?? el.className}`).slice(0, 5);
  });
  assert.deepEqual(wide, []);
  // No table hides a column past the screen's edge (each row reads as a
  // short list on a phone).
  const clipped = await page.evaluate(() => [...document.querySelectorAll('main .spire-table-scroll')]
    .filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.getAttribute('aria-label')));
  assert.deepEqual(clipped, []);
  const cell = page.locator('td[data-label="Your worker now"]').first();
  assert.match(await cell.evaluate((el) => getComputedStyle(el, '::before').content), /Your worker now/);
  await s.shot('my-family-375');
  await s.axe('my family at 375 px');
  s.assertClean();
  await s.close();

  // Staff keep the staff line.
  const st = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  await st.signIn('officer');
  assert.equal((await st.page.locator('.govuk-phase-banner__text').textContent()).trim(), 'Records here are confidential. Every view is logged.');
  await st.close();
});

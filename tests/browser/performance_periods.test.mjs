// The performance page to issue 10 (docs/measures.md), in real Chromium:
// a period that is not a real one - 30 February, From after To - given in
// the address is named in the GOV.UK error summary, with focus moved to
// it and no figures; a team breakdown names the teams and leaves out those
// with no children in the figure unless asked; the children behind a
// percentage say who is counted and who is only in the "out of"; a rate
// over a period that is not a year is labelled annualised, its quarters
// never "a year". axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';

const env = suite();

// Court decisions in 2024 (YJ North): Kim's youth caution (out of court:
// only in the "out of"), Lee's referral order (court: counted).
async function decisions() {
  const off = await env.srv.login('officer');
  for (const [given, type, d] of [['Kim', 'youth_caution', '2024-05-02'], ['Lee', 'referral_order', '2024-06-03']]) {
    const kid = await off.post('/api/v1/people', { given_name: given, family_name: 'Period', date_of_birth: '2009-02-11', sex: 'male' });
    assert.equal(kid.status, 201, kid.text);
    const kase = await off.post('/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.body.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-01-02' });
    assert.equal(kase.status, 201, kase.text);
    const offence = await off.post('/api/v1/offences', { case_id: kase.body.id, offence_date: '2024-04-01', description: 'Shop theft', category: 'theft', gravity: 2 });
    assert.equal(offence.status, 201, offence.text);
    const o = await off.post('/api/v1/outcomes', { case_id: kase.body.id, outcome_type: type, outcome_date: d, offence_ids: [offence.body.id] });
    assert.equal(o.status, 201, o.text);
  }
}

async function cells(table) {
  const out = [];
  for (const tr of await table.locator('tbody tr').all()) out.push(await tr.locator('th, td').allTextContents());
  return out;
}

// The error summary is shown, has focus and lists exactly messages.
async function summaryFocused(page, messages) {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  // A change of hash keeps the document, so the summary of the page before
  // may still be shown: wait for this page's messages, then check them.
  await page.waitForFunction((want) => {
    const box = document.querySelector('.govuk-error-summary');
    const got = box ? [...box.querySelectorAll('a')].map((a) => a.textContent.trim()) : [];
    return JSON.stringify(got) === JSON.stringify(want);
  }, messages, { timeout: 5000 }).catch(() => {});
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
  const links = await summary.locator('a').allTextContents();
  assert.deepEqual(links.map((t) => t.trim()), messages);
  assert.equal(await page.locator('table').count(), 0, 'no figures for a period that is not real');
}

test('periods that are not real are in the error summary with focus; teams, children and rates are labelled plainly', async () => {
  await decisions();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');

  // 30 February and a month 13, given in the address of the index.
  await s.goto('#/performance?from=2025-02-30&to=2025-13-01');
  await s.heading('Performance');
  await summaryFocused(page, ['Enter a real date for the start of the period', 'Enter a real date for the end of the period']);
  await s.axe('performance, impossible dates');
  // From after To on a measure's page, and on its children's.
  await s.goto('#/performance/court-decisions?from=2025-06-01&to=2025-01-01');
  await summaryFocused(page, ['The end of the period must be the same as or after its start']);
  await s.axe('measure, from after to');
  await s.goto('#/performance/court-decisions/children?from=2024-02-30&to=2024-12-31');
  await summaryFocused(page, ['Enter a real date for the start of the period']);
  // Correcting it in the form shows the figures.
  await s.goto('#/performance/court-decisions?from=2025-06-01&to=2025-01-01');
  await summaryFocused(page, ['The end of the period must be the same as or after its start']);
  await s.date('From', '2024-01-01');
  await s.date('To', '2024-12-31');
  await page.getByLabel('Break down by').selectOption('team');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.waitForURL(/by=team/);

  await s.drawn();

  // By team: YJ North by name; the teams with no children are left out.
  const byTeam = page.locator('table', { has: page.locator('caption', { hasText: 'by team' }) });
  await byTeam.waitFor();
  assert.deepEqual((await cells(byTeam)).map((r) => r.slice(0, 4)), [['YJ North', '1', '2', '50.0%']]);
  assert.match(await page.locator('main').textContent(), /3 teams have no children in this figure and are not shown/);
  await s.axe('by team');
  await page.getByRole('link', { name: 'Show every team' }).click();
  await page.waitForURL(/all_teams=yes/);
  await s.drawn();
  await page.locator('table', { has: page.locator('caption', { hasText: 'by team' }) }).locator('tbody tr').nth(3).waitFor();
  const every = (await cells(page.locator('table', { has: page.locator('caption', { hasText: 'by team' }) }))).map((r) => r[0]);
  assert.deepEqual(every.sort(), ['Early Help East', 'No team', 'YJ North', 'YJ South']);

  // The children behind YJ North's figure: who is counted, who only in
  // the "out of".
  await page.getByRole('link', { name: 'Show only the teams with children in this figure' }).click();
  await page.getByRole('link', { name: 'Children in YJ North' }).click();
  await s.heading('Children behind outcomes given by a court (decision point: out of court or court)');
  const main = page.locator('main');
  await page.locator('table', { hasText: 'Kim Period' }).waitFor();
  assert.match(await main.textContent(), /1 child is counted in the figure/);
  assert.match(await main.textContent(), /1 child is only in the “out of” \(the denominator\)/);
  const kids = await cells(page.locator('table', { hasText: 'Kim Period' }));
  const col = (await page.locator('table', { hasText: 'Kim Period' }).locator('thead th').allTextContents()).indexOf('Counted in the figure');
  assert.ok(col > 0);
  assert.deepEqual(kids.map((r) => [r[0], r[col]]).sort(), [['Kim Period', 'No'], ['Lee Period', 'Yes']]);
  await s.axe('children behind, counted and out of');
  await page.getByRole('link', { name: 'List only the children counted in the figure' }).click();
  await page.waitForURL(/counted=true/);
  await s.drawn();
  await page.locator('p', { hasText: 'Only the children counted in the figure are listed.' }).waitFor();
  assert.equal(await page.locator('table tbody tr').count(), 1);

  // A rate over 2 years and 9 months is annualised and says so; its
  // quarters are the quarter's.
  await s.goto('#/performance/first-time-entrants?from=2022-04-01&to=2024-12-31');
  await s.heading('First-time entrants');
  const figure = page.locator('.govuk-summary-list__row', { hasText: 'Figure' });
  assert.match(await figure.textContent(), /per 100,000 children aged 10-17 a year, annualised from 33 months/);
  const trend = page.locator('table', { has: page.locator('caption', { hasText: 'First-time entrants by quarter' }) });
  const q = await cells(trend);
  const withValue = q.filter((r) => /per 100,000/.test(r[3]));
  assert.ok(withValue.length >= 1, JSON.stringify(q));
  for (const r of withValue) assert.match(r[3], /in the quarter \(not annualised\)/);
  await s.axe('annualised rate');
  s.assertClean();
  await s.close();
});

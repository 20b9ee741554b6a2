// The whole-family measures on the Performance page, in real Chromium: a
// manager of the parenting service sees them under "Whole-family work",
// opens "Parents worked with" (its trend as an SVG chart and a table, the
// breakdowns without age bands) and the parents behind the figure; an
// analyst sees the same figures with small counts as "[c]". axe-core runs
// on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { USERS, TEAMS, PARENTING_TEAM, PMANAGER } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, PARENTING_TEAM],
  users: [...USERS, PMANAGER],
});
const YEAR = 'from=2024-04-01&to=2025-03-31';

// A child open to the youth justice service with two parents in support
// from May and August 2024.
async function history() {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const person = (given, extra = {}) => created(off, '/api/v1/people', { given_name: given, family_name: 'Lowe', ...extra });
  const kid = await person('Kay', { date_of_birth: '2010-02-02', sex: 'female', ethnicity: 'white_british' });
  const mona = await person('Mona', { sex: 'female', ethnicity: 'black_african' });
  const fred = await person('Fred', { sex: 'male', ethnicity: 'white_british' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-01-02',
  });
  const fam = await created(off, '/api/v1/families', { name: 'Lowe family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  for (const [p, rel] of [[mona, 'mother'], [fred, 'father']]) {
    await created(off, `/api/v1/families/${fam.id}/members`, {
      person_id: p.id, member_type: 'adult', relationship: rel, child_id: kid.id, parental_responsibility: true, in_household: true,
    });
  }
  const supports = [];
  for (const [p, d] of [[mona, '2024-05-01'], [fred, '2024-08-01']]) {
    supports.push(await created(pw, '/api/v1/parent-supports', { person_id: p.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: d, start_date: d }));
  }
  // Mona's self-assessment: a high need with her mental health.
  const answers = {};
  for (const d of ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing', 'money',
    'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language', 'culture_faith']) {
    answers[`${d}_need`] = d === 'mental_health' ? 'high' : 'none';
    answers[`${d}_help`] = d === 'mental_health';
  }
  await created(pw, '/api/v1/form-responses', {
    form_id: 'parent-self-assessment', case_id: supports[0].case_id, completed_by: 'parent', authored: '2024-06-01', status: 'completed', answers,
  });
}

async function cells(table) {
  const out = [];
  for (const tr of await table.locator('tbody tr').all()) out.push(await tr.locator('th, td').allTextContents());
  return out;
}

test('a parenting manager sees the whole-family measures, a trend, the breakdowns and the parents behind them', async () => {
  await history();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('pmanager');
  await s.goto(`#/performance?${YEAR}`);
  await s.heading('Performance');
  await page.locator('h2', { hasText: 'Whole-family work' }).waitFor();
  const fam = page.locator('table', { has: page.locator('caption', { hasText: /^Whole-family measures from/ }) });
  await fam.waitFor();
  const rows = await cells(fam);
  const worked = rows.find((r) => r[0] === 'Parents worked with');
  assert.deepEqual(worked.slice(0, 4), ['Parents worked with', '2', '–', '2'], JSON.stringify(rows));
  assert.ok(rows.some((r) => r[0] === 'Children with a parent engaged in support'));
  assert.ok(rows.some((r) => r[0] === 'Referrals to peer mentoring'));
  // The youth justice measures are in their own table.
  const yj = page.locator('table', { has: page.locator('caption', { hasText: /^Measures from/ }) });
  assert.ok(!/Parents worked with/.test(await yj.textContent()));
  await s.axe('performance with whole-family work');
  await s.shot('performance-whole-family');

  await fam.getByRole('link', { name: 'Parents worked with' }).click();
  await s.heading('Parents worked with');
  await page.locator('h2', { hasText: 'From 1 April 2024 to 31 March 2025' }).waitFor();
  const chart = page.locator('svg.spire-chart[role="img"]');
  await chart.waitFor();
  const trend = page.locator('table', { has: page.locator('caption', { hasText: 'Parents worked with by quarter' }) });
  const t = await cells(trend);
  assert.deepEqual(t.map((r) => r.slice(0, 2)), [['2024/25 Q1', '1'], ['2024/25 Q2', '2'], ['2024/25 Q3', '2'], ['2024/25 Q4', '2']]);
  // No age bands for parents.
  const options = await page.getByLabel('Break down by').locator('option').allTextContents();
  assert.ok(!options.includes('Age band'), options.join(','));
  await s.axe('parents worked with');
  await page.getByLabel('Break down by').selectOption('ethnicity');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.waitForURL(/by=ethnicity/);
  await s.drawn();
  const byEth = page.locator('table', { has: page.locator('caption', { hasText: 'Parents worked with by ethnic group' }) });
  await byEth.waitFor();
  const g = (await cells(byEth)).filter((r) => r[1] !== '0').map((r) => r.slice(0, 2));
  assert.deepEqual(g, [['White', '1'], ['Black', '1']]);
  await s.axe('parents worked with by ethnic group');

  assert.match(await page.getByRole('link', { name: 'See the parents behind this figure' }).getAttribute('href'), /^#\/performance\/parents-worked-with\/parents\?/);
  await page.getByRole('link', { name: 'See the parents behind this figure' }).click();
  await s.heading('Parents behind parents worked with');
  const people = page.locator('table', { hasText: 'Mona Lowe' });
  await people.waitFor();
  assert.equal(await people.locator('tbody tr').count(), 2);
  assert.match(await people.locator('thead').textContent(), /Parent or carer/);
  await s.axe('parents behind a figure');
  await s.shot('parents-behind');

  // The self-assessment's needs by domain: the measure's own breakdown.
  await s.goto(`#/performance/self-assessment-needs?${YEAR}&by=domain`);
  await s.heading('Needs found by the parent self-assessment');
  const byDomain = page.locator('table', { has: page.locator('caption', { hasText: 'by self-assessment domain' }) });
  await byDomain.waitFor();
  const head = await byDomain.locator('thead th').allTextContents();
  assert.ok(head.includes('Domains with a high need') && head.includes('Domains where the parent would like help'), head.join('|'));
  const mh = (await cells(byDomain)).find((r) => r[0] === 'Mental health');
  assert.deepEqual(mh.slice(0, 3), ['Mental health', '1', '1'], JSON.stringify(mh));
  const opts = await page.getByLabel('Break down by').locator('option').allTextContents();
  assert.ok(opts.includes('Self-assessment domain') && !opts.includes('Age band'), opts.join(','));
  await s.axe('needs by domain');
  s.assertClean();
  await s.close();
});

test('an analyst sees the whole-family figures with small counts suppressed', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('analyst');
  await s.goto(`#/performance?${YEAR}`);
  await s.heading('Performance');
  const fam = page.locator('table', { has: page.locator('caption', { hasText: /^Whole-family measures from/ }) });
  await fam.waitFor();
  const worked = (await cells(fam)).find((r) => r[0] === 'Parents worked with');
  assert.equal(worked[1], '[c] (withheld)');
  await s.axe('performance whole-family as analyst');
  await s.goto(`#/performance/parents-worked-with?${YEAR}`);
  await s.heading('Parents worked with');
  assert.equal(await page.getByRole('link', { name: 'See the parents behind this figure' }).count(), 0);
  s.assertClean();
  await s.close();
});

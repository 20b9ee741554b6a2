// The board pack in real Chromium (docs/measures.md, "The board pack"): a
// manager opens it from the menu for the last quarter that is over, sees
// the contents and each measure with its table and chart, a link to the
// XLSX workbook and a print button; choosing the current quarter marks it
// incomplete. An analyst sees small counts withheld ("[c]"). The measure
// page marks the period not over yet as incomplete. axe-core runs on every
// page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';
import { ukToday } from '../api/lib.mjs';

const env = suite();

// The UK date today, and the first days of this quarter and the last.
function quarterDates() {
  const today = ukToday();
  const y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7));
  const startMonth = [1, 4, 7, 10].filter((x) => x <= m).pop();
  const iso = (yy, mm) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  const thisStart = iso(y, startMonth);
  const lastStart = startMonth === 1 ? iso(y - 1, 10) : iso(y, startMonth - 3);
  const lm = Number(lastStart.slice(5, 7)), ly = Number(lastStart.slice(0, 4));
  const prevStart = lm === 1 ? iso(ly - 1, 10) : iso(ly, lm - 3);
  const fy = (d) => { const yy = Number(d.slice(0, 4)), mm = Number(d.slice(5, 7)); return mm >= 4 ? yy : yy - 1; };
  const label = (d) => {
    const f = fy(d);
    const q = Math.floor(((Number(d.slice(5, 7)) + 8) % 12) / 3) + 1;
    return `${f}/${String((f + 1) % 100).padStart(2, '0')} Q${q}`;
  };
  return { today, thisStart, lastStart, prevStart, thisLabel: label(thisStart), lastLabel: label(lastStart) };
}

// Six children given a youth caution in the quarter before the last, and
// three a referral order in the last.
async function disposals(before, date) {
  const off = await env.srv.login('officer');
  for (let i = 0; i < 9; i++) {
    const kid = await off.post('/api/v1/people', { given_name: `Pack${i + 1}`, family_name: 'Marsh', date_of_birth: `2010-0${i + 1}-11`, sex: 'male' });
    assert.equal(kid.status, 201, kid.text);
    const kase = await off.post('/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.body.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-01-02' });
    assert.equal(kase.status, 201, kase.text);
    const offence = await off.post('/api/v1/offences', { case_id: kase.body.id, offence_date: '2024-06-01', description: 'Shop theft', category: 'theft', gravity: 2 });
    assert.equal(offence.status, 201, offence.text);
    const o = await off.post('/api/v1/outcomes', { case_id: kase.body.id, outcome_type: i < 6 ? 'youth_caution' : 'referral_order', outcome_date: i < 6 ? before : date, offence_ids: [offence.body.id] });
    assert.equal(o.status, 201, o.text);
  }
}

test('a manager prints the board pack for a quarter; an analyst sees it withheld; incomplete periods are marked', async () => {
  const q = quarterDates();
  await disposals(q.prevStart, q.lastStart);
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await page.getByRole('link', { name: 'Board pack' }).first().click();
  await s.heading(`Board pack: ${q.lastLabel}`);
  const contents = page.locator('table', { has: page.locator('caption', { hasText: /^Contents$/ }) });
  await contents.waitFor();
  assert.match(await contents.textContent(), /Disposals given/);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Disposals given' }) });
  assert.match(await section.locator('table').textContent(), /The year/);
  assert.equal(await section.locator('svg[role="img"]').count(), 1, 'a chart');
  const xlsx = await page.getByRole('link', { name: /spreadsheet \(XLSX\)/ }).getAttribute('href');
  assert.match(xlsx, /format=xlsx/);
  const st = await page.evaluate(async (href) => (await fetch(href)).status, xlsx);
  assert.equal(st, 200);
  await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
  // The cautions' cohort is still in its 18 months of follow-up: its
  // reoffending figure is provisional, never read as final.
  const reoff = page.locator('section', { has: page.getByRole('heading', { name: 'Reoffending (live tracker)' }) });
  await reoff.getByText('Figures marked Provisional are not final').waitFor();
  assert.ok(await reoff.locator('.govuk-tag', { hasText: 'Provisional' }).count() > 0, 'a provisional period is tagged');
  assert.equal(await section.locator('.govuk-tag', { hasText: 'Provisional' }).count(), 0, 'disposals are never provisional');
  await s.axe('board pack');
  await s.shot('board-pack');

  // The current quarter: marked incomplete.
  await page.getByLabel('Quarter', { exact: true }).selectOption(q.thisLabel);
  await page.getByRole('button', { name: 'Show this quarter' }).click();
  await s.heading(`Board pack: ${q.thisLabel}`);
  await page.getByText('This quarter is not over yet').waitFor();
  assert.ok(await page.locator('.govuk-tag', { hasText: 'Incomplete' }).count() > 0);
  await s.axe('board pack, current quarter');

  // The measure page marks the period not over yet.
  await s.goto(`#/performance/disposals?from=${q.lastStart}&to=${q.today}`);
  await s.heading('Disposals given');
  await page.locator('.govuk-tag', { hasText: 'Incomplete' }).first().waitFor();
  assert.equal(await page.locator('.spire-chart__point--incomplete').count(), 1);
  await s.axe('measure with an incomplete period');
  await s.close();

  // An analyst: the last quarter's 3 referral orders withheld, and the
  // quarter before's 6 cautions with them (else 9 - 6 = 3).
  const a = await Session.open(env.browser, env.srv);
  await a.signIn('analyst');
  await a.goto('#/board-pack');
  await a.heading(`Board pack: ${q.lastLabel}`);
  const disp = a.page.locator('section', { has: a.page.getByRole('heading', { name: 'Disposals given' }) });
  const rows = await disp.locator('tbody tr').allTextContents();
  assert.equal(rows.filter((r) => /^\d{4}\/\d{2} Q\d\[c\]/.test(r)).length, 2, rows.join(' | '));
  await a.axe('board pack, analyst');
  await a.close();
});

// What session 23's walkers found on the pages, fixed: the board pack
// labels a quarter's rate as the quarter's own and marks a provisional
// figure in its contents; the measure page says why a whole period's count
// is withheld; the person's glance, the edit banner, the assessment's
// intervention, the printed plan's heading, a parent's half-sister, and the
// manager's caseload rows that fit. axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS, env: { SPIRE_POPULATION: 'data/population.csv' } });
const PW = 'kettle violin marble 58';

// The first days of this quarter, the last and the one before, and the
// last quarter's label ("2026/27 Q2"), by the UK date.
function quarters() {
  const today = day(0);
  const y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7));
  const sm = [1, 4, 7, 10].filter((x) => x <= m).pop();
  const iso = (yy, mm) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  const back = (d) => { const yy = Number(d.slice(0, 4)), mm = Number(d.slice(5, 7)); return mm === 1 ? iso(yy - 1, 10) : iso(yy, mm - 3); };
  const thisStart = iso(y, sm), lastStart = back(thisStart), prevStart = back(lastStart);
  const lastEnd = new Date(Date.parse(`${thisStart}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const fy = (d) => { const yy = Number(d.slice(0, 4)), mm = Number(d.slice(5, 7)); return mm >= 4 ? yy : yy - 1; };
  const f = fy(lastStart), q = Math.floor(((Number(lastStart.slice(5, 7)) + 8) % 12) / 3) + 1;
  return { lastStart, prevStart, lastEnd, lastLabel: `${f}/${String((f + 1) % 100).padStart(2, '0')} Q${q}` };
}

let data;
async function setUp() {
  if (data) return data;
  const q = quarters();
  const off = await env.srv.login('officer');
  const child = async (i, type, date) => {
    const kid = await created(off, '/api/v1/people', { given_name: `Walk${i}`, family_name: 'Marsh', date_of_birth: dobForAge(15, 100), sex: 'male' });
    const kase = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-400) });
    const o = await created(off, '/api/v1/offences', { case_id: kase.id, offence_date: day(-390), description: 'Shop theft', category: 'theft', gravity: 2 });
    const out = await created(off, '/api/v1/outcomes', { case_id: kase.id, outcome_type: type, outcome_date: date, start_date: date, offence_ids: [o.id] });
    return { kid, kase, out };
  };
  // Six cautions in the last quarter (first-time entrants; a reoffending
  // cohort still in its follow-up) and three custodial sentences in each of
  // the last two quarters (each quarter withheld, so the total is too).
  let n = 0;
  for (let i = 0; i < 6; i++) await child(n++, 'youth_caution', q.lastStart);
  // And three the quarter before, so that its first-time entrants (3 + 3)
  // are shown and the last quarter's with them.
  for (let i = 0; i < 3; i++) await child(n++, 'youth_caution', q.prevStart);
  for (let i = 0; i < 3; i++) await child(n++, 'detention_training_order', q.prevStart);
  for (let i = 0; i < 3; i++) await child(n++, 'detention_training_order', q.lastStart);
  const ro = await child(n++, 'referral_order', day(-30));
  const assessment = await created(off, '/api/v1/assessments', {
    case_id: ro.kase.id, outcome_id: ro.out.id, assessment_type: 'assetplus', stage: 'start',
    assessment_date: day(-20), likelihood_of_reoffending: 'low', risk_of_serious_harm: 'low', safety_wellbeing: 'medium',
  });
  data = { q, off, ro, assessment };
  return data;
}

test('1-2. the board pack labels a quarter\'s rate and a provisional figure; the measure page says why custody is withheld', async () => {
  const { q } = await setUp();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('analyst');
  await s.goto('#/board-pack');
  await s.heading(`Board pack: ${q.lastLabel}`);
  const contents = page.locator('table', { has: page.locator('caption', { hasText: /^Contents$/ }) });
  await contents.waitFor();
  assert.match(await contents.locator('thead').textContent(), new RegExp(`${q.lastLabel.replace('/', '\\/')} \\(the quarter alone\\)`));
  const fte = (await contents.locator('tbody tr', { hasText: 'First-time entrants' }).first().locator('td').allTextContents());
  assert.match(fte[0], /^\d+\.\d\d per 100,000 children aged 10-17 in the quarter \(not annualised\)$/, fte.join(' | '));
  assert.match(fte[1], /per 100,000 children aged 10-17 a year$/, fte.join(' | '));
  const reoff = await contents.locator('tbody tr', { hasText: 'Reoffending (live tracker)' }).locator('td').allTextContents();
  assert.match(reoff[0], /Provisional/, `the quarter's figure is provisional: ${reoff.join(' | ')}`);
  await s.axe('board pack (analyst)');

  await s.goto(`#/performance/custody?from=${q.prevStart}&to=${q.lastEnd}`);
  await s.heading('Custody and remand');
  const why = page.locator('[data-why-withheld]');
  await why.waitFor();
  const text = await why.textContent();
  assert.match(text, /As an analyst you see every figure as it leaves Spire/);
  assert.match(text, /every quarter’s count is about fewer than 5 and is withheld, and the whole period’s count would let them be worked out or narrowed down, so it is withheld too/);
  await s.axe('custody, analyst');
  await s.close();
});

test('4. a person with no cases, the edit banner, the assessment\'s intervention by name, the manager\'s caseload rows', async () => {
  const { off, ro, assessment } = await setUp();
  const lone = await created(off, '/api/v1/people', { given_name: 'Tiana', family_name: 'Okafor', date_of_birth: dobForAge(15, 263), sex: 'female' });
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${lone.id}`);
  await s.heading('Tiana Okafor');
  await page.getByText('This person has no open cases that you can see.').waitFor();
  await s.goto(`#/people/${lone.id}/edit`);
  await page.getByLabel('Postcode').fill('CV1 4FS');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Tiana Okafor');
  await page.getByText('Tiana Okafor’s details have been changed.').waitFor();
  await s.axe('person edited');
  await s.goto(`#/assessments/${assessment.id}`);
  const link = page.locator('.govuk-summary-list__row', { hasText: 'Intervention' }).first().locator('a');
  await link.waitFor();
  assert.match(await link.textContent(), /^Referral order from \d+ \w+ \d{4}$/);
  assert.equal(await link.getAttribute('href'), `#/outcomes/${ro.out.id}`);
  await s.axe('assessment');
  await s.close();

  const m = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  await m.signIn('manager');
  const table = m.page.locator('table', { has: m.page.locator('caption', { hasText: /^Open cases/ }) });
  await table.waitFor();
  const heights = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
  const line = await table.locator('tbody td').first().evaluate((c) => parseFloat(getComputedStyle(c).lineHeight));
  assert.ok(heights.length >= 10, `${heights.length} rows`);
  for (const hgt of heights) assert.ok(hgt <= 3 * line + 24, `a row is at most three lines (${hgt}px, a line ${line}px)`);
  const fits = await table.locator('xpath=..').evaluate((d) => d.scrollWidth <= d.clientWidth + 1);
  assert.ok(fits, 'every column fits without scrolling');
  assert.doesNotMatch(await table.textContent(), /Enhanced when the YJS/);
  await m.axe('team caseload');
  await m.close();
});

test('4. the printed plan says "Who will do what, by when" once; a parent reads their half-sister as such', async () => {
  await setUp();
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Amelia', family_name: 'Hughes', date_of_birth: dobForAge(16, 302), sex: 'female' });
  const mum = await created(off, '/api/v1/people', { given_name: 'Riley', family_name: 'Hughes' });
  const paige = await created(off, '/api/v1/people', { given_name: 'Paige', family_name: 'Hughes', date_of_birth: dobForAge(14, 210), sex: 'female' });
  const fam = await created(off, '/api/v1/families', { name: 'Hughes family' });
  const add = (b) => created(off, `/api/v1/families/${fam.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  await add({ person_id: paige.id, member_type: 'child', relationship: 'half_sibling', child_id: kid.id, in_household: true });
  const plan = await created(off, '/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Calmer mornings', agreed_on: day(-10) });
  await created(off, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Walk to school', owner_type: 'family_member', owner_person_id: mum.id, status: 'in_progress', due_date: day(20) });
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('officer');
  await s.goto(`#/family-plans/${plan.id}/print`);
  await s.heading('Our family plan');
  await s.page.getByText('Walk to school').waitFor();
  const said = await s.page.locator('main').evaluate((el) => (el.innerText.match(/Who will do what, by when/g) || []).length);
  assert.equal(said, 1, 'the heading once, not again as the table caption');
  await s.axe('printed plan');
  await s.close();

  await env.srv.makeParent(off, 'riley.hughes', mum, PW);
  const p = await Session.open(env.browser, env.srv);
  await p.signIn('riley.hughes', PW);
  await p.heading('Hughes family');
  await p.page.getByText('Amelia’s half-sister').waitFor();
  assert.doesNotMatch(await p.page.locator('main').textContent(), /half-brother or half-sister/);
  await p.axe('my family (parent)');
  await p.close();
});

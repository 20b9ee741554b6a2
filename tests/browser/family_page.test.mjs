// The family's page (docs/parenting.md, "One Family, One Plan"): reached
// from the caseload; outside the user's scope it asks for a reason (break
// glass) as a person's page does; one heading a section; the plan says
// which services it is shared with, from the family's consents. axe-core on
// each page; screenshots kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });

// Visible headings and table captions of main, in order.
const headings = (page) => page.evaluate(() => [...document.querySelectorAll('main h1, main h2, main h3, main caption')]
  .filter((x) => !x.classList.contains('govuk-visually-hidden') && x.offsetParent !== null)
  .map((x) => x.textContent.trim()));

test('the family page: from the caseload, one heading a section, shared with; break glass outside scope', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Mo', family_name: 'Hart', date_of_birth: dobForAge(16, 304) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Jo', family_name: 'Hart' });
  const fam = await created(off, '/api/v1/families', { name: 'Hart family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: day(-30), family_id: fam.id,
  });
  const plan = await created(off, '/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Get to school every day', agreed_on: day(-5) });
  await created(off, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Walk together', owner_type: 'family_member', owner_person_id: mum.id, status: 'in_progress' });
  await created(off, '/api/v1/consents', {
    person_id: mum.id, agency: 'Partnership services', purpose: 'To share the family\'s plan', lawful_basis: 'consent', given_on: day(-4),
    shares: 'family_plan', shared_with: 'early_help',
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.heading('My caseload');
  await page.locator('table', { has: page.locator('caption', { hasText: 'My open cases' }) }).getByRole('link', { name: 'Family of Mo Hart' }).click();
  await s.heading('Hart family');
  const shared = page.locator('.govuk-summary-list__row', { hasText: 'Shared with' });
  await shared.waitFor();
  assert.match(await shared.textContent(), /Early help.*agreed by Jo Hart/is);
  const hs = await headings(page);
  assert.deepEqual(hs.filter((x, i) => hs.indexOf(x) !== i), [], `one heading a section: ${JSON.stringify(hs)}`);
  await s.shot('family-page');
  await s.axe('family page');
  // The Steps to Change page says so once.
  await s.goto(`#/families/${fam.id}/steps-to-change`);
  await s.heading('Steps to Change');
  await page.getByText('The family has not been scored yet.').waitFor();
  assert.deepEqual((await headings(page)).filter((x) => x === 'Steps to Change'), ['Steps to Change']);
  s.assertClean();
  await s.close();

  // Another team's officer: asked for a reason, then the page, marked.
  const o = await Session.open(env.browser, env.srv);
  await o.signIn('officer_south');
  await o.goto(`#/families/${fam.id}`);
  await o.heading('You need a reason to view this family');
  await o.axe('family break glass');
  await o.page.getByLabel('Why do you need to view this family?').fill('Police called out of hours about Mo');
  await o.page.getByRole('button', { name: 'View the record' }).click();
  await o.heading('Hart family');
  await o.page.getByText('You are viewing this family with a reason. This view is recorded.').waitFor();
  await o.page.getByText('Get to school every day').waitFor();
  for (const name of ['Change the plan', 'Add an action', 'Record a review', 'Name a key worker']) {
    assert.equal(await o.page.getByRole('button', { name }).count(), 0, `read only with a reason: no "${name}"`);
  }
  await o.shot('family-page-break-glass');
  await o.axe('family page with a reason');
  const glass = env.srv.audit({ action: 'break_glass', record_type: 'family', record_id: fam.id });
  assert.ok(glass.length >= 1, 'the reason is recorded');
  o.assertClean();
  await o.close();
});

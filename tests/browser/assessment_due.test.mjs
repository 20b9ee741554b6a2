// An AssetPlus assessment clears what it is for (session 23 walkers: one
// saved with the default Intervention "None" left "Start assessment"
// overdue). With one intervention due an assessment the form chooses it
// and says what saving clears; with several, one must be chosen, or why
// none said (a 400 naming the field otherwise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { ukDay as day } from '../api/lib.mjs';

const env = suite();
const JUDGED = { likelihood_of_reoffending: 'low', risk_of_serious_harm: 'medium', safety_wellbeing: 'low' };

async function childWithOrders(off, given, n) {
  const kid = await created(off, '/api/v1/people', { given_name: given, family_name: 'Assessed', date_of_birth: '2010-03-03' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the court', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-90),
  });
  const orders = [];
  for (let i = 0; i < n; i++) {
    const offence = await created(off, '/api/v1/offences', {
      case_id: kase.id, offence_date: day(-100 + i), description: `Theft ${i + 1}`, category: 'theft', gravity: 3,
    });
    orders.push(await created(off, '/api/v1/outcomes', {
      case_id: kase.id, outcome_type: 'referral_order', outcome_date: day(-60 + i), start_date: day(-59 + i),
      planned_end_date: day(200), offence_ids: [offence.id],
    }));
  }
  return { kid, kase, orders };
}

const dueWhats = async (off, id) => (await off.get(`/api/v1/outcomes/${id}`)).body.due.map((d) => d.what);

test('one intervention due: the form chooses it, says what it clears, and saving clears it', async () => {
  const off = await env.srv.login('officer');
  const { kase, orders: [order] } = await childWithOrders(off, 'Harri', 1);
  assert.ok((await dueWhats(off, order.id)).includes('start_assessment'));

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}/assessments/new?type=assetplus`);
  await s.heading('Record an AssetPlus assessment');
  assert.equal(await page.getByLabel('Intervention (optional)').inputValue(), String(order.id));
  assert.equal(await page.getByLabel('Start', { exact: true }).isChecked(), true);
  await page.locator('#assessment-clears', { hasText: /It will clear: Start assessment, due .* on the Referral order from/ }).waitFor();
  await s.axe('assessment form, one intervention due');
  for (const legend of ['Likelihood of reoffending', 'Risk of serious harm', 'Safety and wellbeing']) {
    await page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) }).getByLabel('Low').check();
  }
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'The assessment has been recorded.' }).waitFor();
  assert.ok(!(await dueWhats(off, order.id)).includes('start_assessment'));
  s.assertClean();
  await s.close();
});

test('several interventions due: choosing none is a 400 naming the intervention, unless the practitioner says why', async () => {
  const off = await env.srv.login('officer');
  const { kase, orders } = await childWithOrders(off, 'Nell', 2);
  const base = { case_id: kase.id, assessment_type: 'assetplus', stage: 'start', assessment_date: day(-1), ...JUDGED };
  const none = await off.post('/api/v1/assessments', base);
  assert.equal(none.status, 400, none.text);
  assert.deepEqual(none.body.errors.map((x) => x.field), ['outcome_id']);
  assert.match(none.body.errors[0].message, /2 interventions on this case are due an assessment/);
  assert.equal((await off.get(`/api/v1/assessments?case_id=${kase.id}`)).body.items.length, 0);
  // Both wrong at once: every field named.
  const two = await off.post('/api/v1/assessments', { ...base, safety_wellbeing: 'awful' });
  assert.deepEqual(two.body.errors.map((x) => x.field).sort(), ['outcome_id', 'safety_wellbeing']);
  const why = await off.post('/api/v1/assessments', { ...base, no_intervention_reason: 'Requested by the court before sentence' });
  assert.equal(why.status, 201, why.text);
  assert.equal(why.body.no_intervention_reason, 'Requested by the court before sentence');
  const both = await off.post('/api/v1/assessments', { ...base, outcome_id: orders[0].id, no_intervention_reason: 'x' });
  assert.deepEqual(both.body.errors.map((x) => x.field), ['no_intervention_reason']);

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}/assessments/new?type=assetplus`);
  await s.heading('Record an AssetPlus assessment');
  assert.equal(await page.getByLabel('Intervention', { exact: true }).inputValue(), '');
  await page.locator('#assessment-clears', { hasText: 'will not clear anything due' }).waitFor();
  await s.axe('assessment form, several interventions due');
  await page.getByLabel('Start', { exact: true }).check();
  for (const legend of ['Likelihood of reoffending', 'Risk of serious harm', 'Safety and wellbeing']) {
    await page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) }).getByLabel('Low').check();
  }
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Select the intervention the assessment is for' }).waitFor();
  await page.getByLabel('Intervention', { exact: true }).selectOption(String(orders[1].id));
  await page.locator('#assessment-clears', { hasText: 'It will clear: Start assessment' }).waitFor();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'The assessment has been recorded.' }).waitFor();
  assert.ok(!(await dueWhats(off, orders[1].id)).includes('start_assessment'));
  assert.ok((await dueWhats(off, orders[0].id)).includes('start_assessment'));
  s.assertClean();
  await s.close();
});

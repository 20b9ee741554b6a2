// The parent self-assessment and Steps to Change in real Chromium
// (docs/parenting.md): the self-assessment started and answered through
// the forms UI; the proposals screen, where the worker keeps, drops and
// rewords the proposed support, up to the post of the plan items (the
// plan items' own route is another part of the pathway: the posts are
// caught here and checked); a Steps to Change scale drawn as 1-10 radios
// with its anchors; the distance chart with its table. axe-core on every
// page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { USERS, TEAMS, dobForAge, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, PARENTING_TEAM],
  users: [...USERS, ['pworker', 'parent_worker', 'parenting', 'Parenting Team']],
});

const DOMAINS = ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing',
  'money', 'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language',
  'culture_faith'];
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];
const fieldset = (s, legend) => s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });

async function setUp(surname) {
  const [off, pw] = await env.srv.loginAll(['officer', 'pworker']);
  const kid = await created(off, '/api/v1/people', { given_name: 'Ola', family_name: surname, date_of_birth: dobForAge(17, 334) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Bisi', family_name: surname, date_of_birth: '1983-05-02' });
  const family = await created(off, '/api/v1/families', { name: `The ${surname} family` });
  await created(off, `/api/v1/families/${family.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${family.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, in_household: true });
  const yj = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-05' });
  // The child's intervention starts: the mother is a parent to meet, and
  // the parenting team's parent worker records her agreement, which opens
  // her parenting case (docs/parenting.md, "Parents to meet").
  const outcome = await created(off, '/api/v1/outcomes', { case_id: yj.id, outcome_type: 'diversion', outcome_date: '2024-03-06', start_date: '2024-03-06' });
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yj.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: '2024-03-10', start_date: '2024-03-10',
  });
  const pcase = (await pw.get(`/api/v1/cases/${support.case_id}`)).body;
  assert.equal(pcase.service_code, 'parenting');
  assert.equal(pcase.worker_id, pw.user.id);
  return { off, pw, family, pcase };
}

test('the self-assessment through the forms UI, and its proposals agreed up to the plan items', async () => {
  const { pw, pcase } = await setUp('Ade');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('pworker');
  await s.goto(`#/cases/${pcase.id}/forms`);
  await page.getByRole('link', { name: 'Parent self-assessment' }).click();
  await s.heading('Parent self-assessment');
  // The form says who may complete it: never the child (issue 9).
  assert.equal(await fieldset(s, 'Who is completing this form?').getByLabel('The child').count(), 0);
  await fieldset(s, 'Who is completing this form?').getByLabel('A parent or carer').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await s.heading('Your own mental health');
  // Who can see the answers, said on the page that takes them.
  assert.match(await page.locator('#visible-to').innerText(), /^Only Parenting Team \(the team holding the case\).*agrees to share them/);
  await s.axe('self-assessment page 1');
  await fieldset(s, 'How much is your own mental health').getByLabel('High need').check();
  await fieldset(s, 'Would you like help with this?').getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Your own physical health');
  // The draft holds the first page; the rest is answered as the parent
  // did on paper, and the response completed.
  const list = await pw.get(`/api/v1/form-responses?case_id=${pcase.id}&form_id=parent-self-assessment`);
  const draft = list.body.items[0];
  assert.equal(draft.answers.mental_health_need, 'high');
  const answers = { ...draft.answers };
  for (const d of DOMAINS.slice(1)) { answers[`${d}_need`] = 'none'; answers[`${d}_help`] = false; }
  answers.confidence_need = 'high';
  const done = await pw.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version, answers, status: 'completed' });
  assert.equal(done.status, 200, done.text);

  await s.goto(`#/form-responses/${draft.id}`);
  await page.locator('h2', { hasText: 'Support proposed' }).waitFor();
  await s.axe('self-assessment response');
  await page.getByRole('button', { name: 'Agree the support plan' }).click();
  await s.heading('Agree the support plan');
  await s.axe('proposals');
  const posted = [];
  await page.route('**/api/v1/parent-plan-items', async (route) => {
    posted.push(route.request().postDataJSON());
    await route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ id: posted.length }) });
  });
  // Three proposals: the emotional health practitioner, confidence
  // building, a parenting programme. The parent does not want the
  // programme; the first is put in her words.
  await page.getByLabel('Add to the plan: Referral to a parenting programme').uncheck();
  await page.locator('#proposal-0-goal').fill('Sleep better and feel less on edge');
  await page.locator('#proposal-0-due_date-day').fill('1');
  await page.locator('#proposal-0-due_date-month').fill('5');
  await page.locator('#proposal-0-due_date-year').fill('2024');
  await page.locator('#proposal-1-action').fill('Four one-to-one confidence sessions at home');
  await page.getByRole('button', { name: 'Create the plan items' }).click();
  await s.heading('Parent self-assessment');
  assert.deepEqual(posted, [
    { goal: 'Sleep better and feel less on edge', action: 'Referral to the emotional health practitioner', who: 'Emotional health practitioner', due_date: '2024-05-01', status: 'not_started', case_id: pcase.id, form_response_id: draft.id, need_domain: 'mental_health' },
    { action: 'Four one-to-one confidence sessions at home', who: 'Parent worker', status: 'not_started', case_id: pcase.id, form_response_id: draft.id, need_domain: 'confidence' },
  ]);
  s.assertClean();
  await s.close();
});

test('Steps to Change: the scale as 1-10 radios with its anchors, and the distance chart beside its table', async () => {
  const { off, family } = await setUp('Bello');
  const scoring = (stage, authored, v) => {
    const a = { stage, assessment: 'early_help' };
    for (const b of BLOCKS) { a[`${b}_practitioner`] = v(b, 'p'); a[`${b}_family`] = v(b, 'f'); }
    return created(off, '/api/v1/form-responses', { form_id: 'steps-to-change', family_id: family.id, completed_by: 'jointly', authored, status: 'completed', answers: a });
  };
  await scoring('start', '2024-03-12', (b) => (b === 'safety' ? 2 : 4));
  // A review, not the end: a review is scored below, and none comes after
  // the end (the stages go in order: docs/forms.md, distance-travelled).
  await scoring('review', '2024-05-12', (b) => (b === 'safety' ? 2 : 7));
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/families/${family.id}/steps-to-change`);
  await s.heading('Steps to Change');
  const chart = page.locator('svg[role="img"]');
  assert.match(await chart.locator('title').first().textContent(), /scores at the start and the latest/);
  assert.match(await chart.locator('desc').textContent(), /Flagged: 4 Safety and security/);
  assert.equal(await chart.locator('rect.spire-steps__bar').count(), 36, 'four labelled bars a block');
  assert.match(await chart.locator('rect.spire-steps__bar title').first().textContent(), /1 Children's physical wellbeing, Practitioner, start: 4/);
  const row = page.locator('table tr', { hasText: '4 Safety and security' });
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 6), ['2', '2', '0', '2', '2', '0']);
  assert.match(await row.textContent(), /Stays low/);
  await s.axe('steps to change');

  // The flag gets its decision, on the latest scoring, with the flagged block ticked.
  await page.getByRole('button', { name: 'Record a decision' }).click();
  await s.heading('Record a Steps to Change decision');
  assert.equal(await page.getByLabel('4 Safety and security').isChecked(), true);
  await page.getByRole('button', { name: 'Save decision' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').textContent(), /decision/i);
  await s.axe('steps decision with errors');
  await page.getByLabel(/Step up to children/).check();
  await page.getByLabel('Reason').fill('Safety stays low after two scorings: referral to children’s social care');
  await page.getByRole('button', { name: 'Save decision' }).click();
  await page.getByText('The decision has been recorded.').waitFor();
  const made = (await off.get(`/api/v1/steps-decisions?family_id=${family.id}`)).body.items;
  assert.equal(made.length, 1);
  assert.deepEqual(made[0].blocks, ['safety']);
  await page.locator('table', { has: page.locator('caption', { hasText: 'Decisions' }) }).getByText(/Safety stays low/).waitFor();

  await page.getByRole('button', { name: 'Record a Steps to Change scoring' }).click();
  await s.heading('Steps to Change');
  await fieldset(s, 'Who is completing this form?').getByLabel('Jointly').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await s.heading('About this scoring');
  await fieldset(s, 'When is this scoring?').getByLabel('At a review').check();
  await fieldset(s, 'Which assessment is it part of?').getByLabel('Early help assessment').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Health');
  const scale = fieldset(s, "Children's physical wellbeing: the practitioner's score");
  assert.equal(await scale.locator('input[type=radio]').count(), 10);
  assert.match(await scale.locator('.govuk-hint').textContent(), /1 means Needs a lot of help; 10 means Going well/);
  assert.equal(await scale.locator('.govuk-radios--inline').count(), 1);
  await s.axe('steps to change scale');
  await scale.getByLabel('6', { exact: true }).check();
  await fieldset(s, "Children's physical wellbeing: the family's score").getByLabel('8', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await s.heading('Learning');
  const drafts = await off.get(`/api/v1/form-responses?family_id=${family.id}`);
  const d = drafts.body.items.find((x) => x.status === 'in-progress');
  assert.equal(d.answers.physical_wellbeing_practitioner, 6);
  assert.equal(d.answers.physical_wellbeing_family, 8);
  s.assertClean();
  await s.close();
});

// Youth justice casework in real Chromium: an officer records an offence
// (after the API refuses an arrest before the offence), a victim found on
// Spire, an outcome with the offence it disposed of (after a refusal
// naming the YRO requirements), sees what is due and overdue, records the
// start assessment and KPI data that take items off the due list, finds
// the intervention on "Due and overdue", changes and closes records; the
// victim never shows on the child's page. A manager records a board
// meeting with attendance by agency; an analyst reads it but cannot
// record one. axe-core runs on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();
let kid, kase;

// fieldset(s, legend): the GOV.UK fieldset whose legend reads legend.
function fieldset(s, legend) {
  return s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });
}

async function choose(s, legend, option) {
  await fieldset(s, legend).getByLabel(option, { exact: true }).check();
}

async function assertFieldError(s, fieldId, pattern) {
  const summary = s.page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), pattern);
  assert.match(await s.page.locator(`#${fieldId}-error`).textContent(), pattern);
  assert.match(await s.page.title(), /^Error: /);
}

test('an officer records an offence, a victim, an outcome, an assessment and KPI data, and sees what is due', async () => {
  const off = await env.srv.login('officer');
  kid = await created(off, '/api/v1/people', { given_name: 'Jordan', family_name: 'Blake', date_of_birth: '2008-06-01', sex: 'male' });
  kase = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-05' });
  const victim = await created(off, '/api/v1/people', { given_name: 'Vera', family_name: 'Stone' });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Jordan Blake/);
  await page.getByRole('heading', { name: 'Youth justice', exact: true }).waitFor();
  await page.getByText('No offences have been recorded.').waitFor();
  await s.axe('youth justice case page, empty');

  // Record an offence: the API refuses an arrest before the offence.
  await page.getByRole('link', { name: 'Record an offence', exact: true }).click();
  await s.heading('Record an offence by Jordan Blake');
  await s.axe('record an offence');
  await page.getByLabel('Offence', { exact: true }).fill('Theft from a shop');
  await s.date('Date of the offence', '2024-03-01');
  await s.date('Date of arrest', '2024-02-20');
  await page.getByLabel('Category').selectOption('theft');
  await choose(s, 'Gravity score', '3');
  await page.getByLabel('Committed with co-accused').check();
  await page.getByRole('button', { name: 'Save offence' }).click();
  await assertFieldError(s, 'f-arrest_date', /Date of arrest must be the same as or after the/);
  await s.axe('record an offence with an error');
  assert.equal((await off.get(`/api/v1/offences?case_id=${kase.id}`)).body.items.length, 0, 'nothing stored');
  await s.date('Date of arrest', '2024-03-02');
  await page.getByRole('button', { name: 'Save offence' }).click();
  await s.heading('Offence: Theft from a shop');
  await page.locator('.govuk-notification-banner', { hasText: 'The offence has been recorded' }).waitFor();
  await s.axe('offence page');
  let r = await off.get(`/api/v1/offences?case_id=${kase.id}`);
  assert.equal(r.body.items.length, 1);
  const offence = r.body.items[0];
  assert.deepEqual([offence.category, offence.gravity, offence.co_accused, offence.weapon, offence.arrest_date],
    ['theft', 3, true, false, '2024-03-02']);

  // Change it.
  await page.getByRole('button', { name: 'Change the offence' }).click();
  await s.heading('Change the offence');
  await s.axe('change the offence');
  await choose(s, 'Gravity score', '4');
  await page.getByLabel('A weapon was involved').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Offence: Theft from a shop');
  r = await off.get(`/api/v1/offences/${offence.id}`);
  assert.deepEqual([r.body.gravity, r.body.weapon, r.body.version], [4, true, 2]);

  // Add the victim: find her on Spire, then record the work with her.
  await page.getByRole('button', { name: 'Add a victim' }).click();
  await s.heading('Who is the victim?');
  await s.axe('who is the victim');
  await page.getByLabel('Name of the victim').fill('Stone');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('table', { hasText: 'Vera Stone' }).waitFor();
  await s.axe('victim search results');
  await page.getByRole('link', { name: 'Choose Vera Stone as the victim' }).click();
  await s.heading('Record Vera Stone as a victim');
  await s.axe('record a victim');
  await choose(s, 'consented to be contacted', 'Yes');
  await choose(s, 'Was restorative justice offered?', 'Yes');
  await choose(s, 'take part in restorative justice', 'No');
  await choose(s, 'referred or offered support', 'Yes');
  await page.getByRole('button', { name: 'Save victim' }).click();
  await s.heading('Offence: Theft from a shop');
  const victims = page.locator('table', { has: page.locator('caption', { hasText: 'Victims of this offence' }) });
  assert.match(await victims.textContent(), /Vera Stone.*Yes.*Offered.*None recorded.*Yes/s);
  await s.axe('offence page with a victim');
  r = await off.get(`/api/v1/victims?case_id=${kase.id}`);
  assert.equal(r.body.items.length, 1);
  const v = r.body.items[0];
  assert.deepEqual([v.victim_id, v.consent_to_contact, v.rj_offered, v.rj_taken_part, v.information_requested, v.support_offered],
    [victim.id, true, true, false, null, true]);

  // Record a referral order for the offence; the API refuses YRO
  // requirements on it, naming the field.
  await page.getByRole('link', { name: /Back to Jordan Blake/ }).click();
  await s.heading(/case – Jordan Blake/);
  await page.getByRole('link', { name: 'Record an outcome', exact: true }).click();
  await s.heading('Record an outcome for Jordan Blake');
  await s.axe('record an outcome');
  await page.getByLabel('Outcome', { exact: true }).selectOption('referral_order');
  await s.date('Date the outcome was given', '2024-04-10');
  await page.getByLabel(/Theft from a shop/).check();
  await s.date('Intervention start date', '2024-04-12');
  await s.date('Planned end date', '2025-04-11');
  await page.getByLabel('Curfew').check();
  await page.getByRole('button', { name: 'Save outcome' }).click();
  await assertFieldError(s, 'f-yro_requirements', /only a youth rehabilitation order has requirements/);
  assert.equal((await off.get(`/api/v1/outcomes?case_id=${kase.id}`)).body.items.length, 0, 'nothing stored');
  await page.getByLabel('Curfew').uncheck();
  await page.getByRole('button', { name: 'Save outcome' }).click();
  await s.heading('Referral order');
  const due = page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue for this intervention' }) });
  await due.waitFor();
  assert.match(await due.locator('tr', { hasText: 'Start assessment' }).textContent(), /10 May 2024.*Overdue/s);
  assert.match(await page.locator('.govuk-summary-list').textContent(), /Court.*Theft from a shop/s);
  await s.axe('outcome page');
  await s.shot('outcome-due');
  r = await off.get(`/api/v1/outcomes?case_id=${kase.id}`);
  const outcome = r.body.items[0];
  assert.deepEqual([outcome.outcome_type, outcome.kind, outcome.offence_ids], ['referral_order', 'court', [offence.id]]);

  // The same order again: a probable duplicate. Spire links the one already
  // recorded and records nothing until asked to.
  await page.getByRole('link', { name: /Back to Jordan Blake/ }).click();
  await s.heading(/case – Jordan Blake/);
  await page.getByRole('link', { name: 'Record an outcome', exact: true }).click();
  await s.heading('Record an outcome for Jordan Blake');
  await page.getByLabel('Outcome', { exact: true }).selectOption('referral_order');
  await s.date('Date the outcome was given', '2024-04-10');
  await page.getByLabel(/Theft from a shop/).check();
  await page.getByRole('button', { name: 'Save outcome' }).click();
  await page.getByRole('heading', { name: 'This outcome may already be recorded' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Record it anyway' }).count(), 1);
  await s.axe('probable duplicate outcome');
  assert.equal((await off.get(`/api/v1/outcomes?case_id=${kase.id}`)).body.items.length, 1, 'not recorded twice');
  await page.getByRole('link', { name: 'View the outcome recorded earlier' }).click();
  await s.heading('Referral order');

  // The start assessment (AssetPlus) takes "start assessment" off.
  await page.getByRole('button', { name: 'Record an AssetPlus assessment' }).click();
  await s.heading('Record an AssetPlus assessment');
  await s.axe('record an AssetPlus assessment');
  assert.equal(await page.getByLabel('Intervention (optional)').inputValue(), String(outcome.id));
  await choose(s, 'Stage', 'Start');
  await s.date('Date completed', '2024-04-20');
  await choose(s, 'Likelihood of reoffending', 'Low');
  await choose(s, 'Risk of serious harm', 'Medium');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await assertFieldError(s, 'f-safety_wellbeing', /Select the safety and wellbeing judgement/);
  await choose(s, 'Safety and wellbeing', 'High');
  await choose(s, 'Intervention level', 'Enhanced');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await s.heading('Referral order');
  await page.locator('table', { has: page.locator('caption', { hasText: 'Assessments for this intervention' }) }).waitFor();
  assert.doesNotMatch(await due.textContent(), /Start assessment/);

  // The start KPI data takes "start KPI data" off.
  await page.getByRole('button', { name: 'Record KPI data at the start' }).click();
  await s.heading('Record KPI data');
  await s.axe('record KPI data');
  assert.equal(await fieldset(s, 'When was this measured?').getByLabel('Start of the intervention').isChecked(), true);
  // Nothing is chosen for the practitioner: no answer preset, no date
  // filled in, and a blank form is refused naming every question.
  assert.equal(await page.locator('form input[type=radio]:checked').count(), 1, 'only the point the user chose');
  assert.equal(await page.getByLabel('Type of accommodation').inputValue(), '');
  assert.equal(await page.locator('#f-measured_on-day').inputValue(), '');
  await page.getByRole('button', { name: 'Save KPI data' }).click();
  await s.page.locator('.govuk-error-summary').waitFor();
  const blankErrors = await s.page.locator('.govuk-error-summary a').allTextContents();
  assert.equal(blankErrors.length, 18, blankErrors.join(' | '));
  assert.ok(blankErrors.some((t) => /Select whether the child is looked after/.test(t)), blankErrors.join(' | '));
  await s.axe('KPI data refused when blank');
  await s.date('Date the facts were true', '2024-04-12');
  await page.getByLabel('Type of accommodation').selectOption('with_parents');
  await choose(s, 'Is the accommodation suitable?', 'Yes');
  await page.getByLabel('Provision').selectOption('mainstream_school');
  await choose(s, 'Is the education, training or employment suitable?', 'Yes');
  await choose(s, 'Is the child attending it?', 'No');
  await page.getByLabel('Hours offered a week (optional)').fill('25');
  await page.getByLabel('Hours attended a week (optional)').fill('30');
  await choose(s, 'Mental health intervention planned or offered?', 'Yes');
  for (const q of ['Has a special educational need or disability been identified?', 'Formal learning plan in place',
    'Attending the mental health intervention?', 'Substance misuse need screened or identified?',
    'Specialist substance misuse treatment planned or offered?', 'Attending substance misuse treatment?',
    'On an early help plan?', 'On a child in need plan?', 'On a child protection plan?', 'Looked after?']) await choose(s, q, 'Not known');
  await page.getByRole('button', { name: 'Save KPI data' }).click();
  await s.page.locator('.govuk-error-summary').waitFor();
  // The hours (named on both fields), and the one question left
  // unanswered: nothing else.
  const left = await s.page.locator('.govuk-error-summary a').allTextContents();
  assert.equal(left.length, 3, left.join(' | '));
  assert.match(left.join(' | '), /Hours attended must be the same as or fewer/);
  assert.match(left.join(' | '), /Select whether the child has a mental health or emotional wellbeing need/);
  await page.getByLabel('Hours attended a week (optional)').fill('10');
  await choose(s, 'Mental health or emotional wellbeing need screened or identified?', 'Yes');
  await page.getByRole('button', { name: 'Save KPI data' }).click();
  await s.heading('Referral order');
  const kpi = page.locator('table', { has: page.locator('caption', { hasText: 'KPI data for this intervention' }) });
  assert.match(await kpi.textContent(), /Start of the intervention.*12 April 2024.*Yes.*Yes/s);
  assert.doesNotMatch(await due.textContent(), /Start KPI data/);
  await s.axe('outcome page with assessment and KPI data');
  r = await off.get(`/api/v1/kpi-snapshots?case_id=${kase.id}`);
  const k = r.body.items[0];
  assert.deepEqual([k.point, k.accommodation_suitable, k.ete_attending, k.ete_hours_attended, k.mental_health_need,
    k.mental_health_offered, k.mental_health_attending, k.looked_after], ['start', true, false, 10, true, true, null, null]);
  await kpi.getByRole('link', { name: 'Start of the intervention' }).click();
  await s.heading(/KPI data: start/);
  await s.axe('KPI data page');

  // Due and overdue on my caseload.
  await page.getByRole('link', { name: 'Due and overdue' }).click();
  await s.heading('Due and overdue');
  const list = page.locator('table', { hasText: 'Jordan Blake' });
  await list.waitFor();
  // Every service's due items, each youth justice one naming its order.
  assert.match(await list.textContent(), /Youth justice.*Review \(Referral order\)/s);
  await s.axe('due and overdue');
  await s.shot('due-and-overdue');
  await page.getByLabel('Only what is overdue').check();
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/overdue=true/);
  await s.drawn();
  await page.locator('table', { hasText: 'Jordan Blake' }).waitFor();
  const tags = await page.locator('table .spire-due-status .govuk-tag').allTextContents();
  assert.ok(tags.length > 0);
  for (const t of tags) assert.equal(t, 'Overdue');
  await s.axe('due and overdue, overdue only');

  // The case page lists all three kinds of record.
  await s.goto(`#/cases/${kase.id}`);
  await page.locator('table', { has: page.locator('caption', { hasText: 'Outcomes and interventions' }) }).waitFor();
  assert.match(await page.locator('table', { has: page.locator('caption', { hasText: /^Offences$/ }) }).textContent(), /Theft from a shop.*Theft and handling.*4.*Yes.*Yes/s);
  await page.locator('table', { has: page.locator('caption', { hasText: /^Assessments$/ }) }).waitFor();
  await s.axe('youth justice case page with records');
  await s.shot('yj-case-page');

  // The victim is nowhere on the child's page.
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Jordan Blake');
  assert.doesNotMatch(await page.locator('main').textContent(), /Vera|Stone/);
  s.assertClean();
  await s.close();
});

test('an officer adds a new person as a victim and closes an offence entered in error', async () => {
  const off = await env.srv.login('officer');
  const o = await created(off, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-05-01', description: 'Criminal damage to a bus shelter', category: 'criminal_damage', gravity: 2,
  });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/offences/${o.id}/victims/new`);
  await s.heading('Who is the victim?');
  await page.getByLabel('First name').fill('Priya');
  await page.getByLabel('Last name').fill('Kaur');
  await page.getByRole('button', { name: 'Add the person and continue' }).click();
  await s.heading('Record Priya Kaur as a victim');
  await choose(s, 'Did the victim ask for information about the case?', 'Yes');
  await choose(s, 'Was the victim given information about the case?', 'Yes');
  await page.getByRole('button', { name: 'Save victim' }).click();
  await s.heading('Offence: Criminal damage to a bus shelter');
  assert.match(await page.locator('table', { hasText: 'Priya Kaur' }).textContent(), /Asked for, Given/);

  await page.getByRole('button', { name: 'Close as entered in error' }).click();
  await s.heading('Close the offence');
  await s.axe('close an offence');
  await page.getByRole('button', { name: 'Close record' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Choose why you are closing this offence' }).waitFor();
  await page.getByLabel(/It was entered in error/).check();
  await page.getByRole('button', { name: 'Close record' }).click();
  await s.heading(/case – Jordan Blake/);
  await page.locator('.govuk-notification-banner', { hasText: 'The offence has been closed' }).waitFor();
  assert.doesNotMatch(await page.locator('table', { has: page.locator('caption', { hasText: /^Offences$/ }) }).textContent(), /bus shelter/);
  const r = await off.get(`/api/v1/offences/${o.id}`);
  assert.equal(r.body.closed_reason, 'Entered in error');

  // The prevention and diversion assessment is a form in Spire.
  await page.getByRole('link', { name: 'Record a prevention and diversion assessment', exact: true }).click();
  await s.heading('Record a prevention and diversion assessment');
  await s.axe('record a prevention and diversion assessment');
  await choose(s, 'Stage', 'Start');
  await s.date('Date completed', '2024-03-20');
  await page.getByLabel('The child’s circumstances').fill('Lives with his grandmother');
  await page.getByLabel('Exploitation').fill('None known');
  await page.getByLabel('The child’s plan').fill('Boxing club twice a week');
  await page.getByLabel('Exit plan').fill('Youth club membership');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await s.heading('Prevention and diversion assessment (start)');
  assert.match(await page.locator('.govuk-summary-list').textContent(), /Lives with his grandmother.*Boxing club twice a week.*Youth club membership/s);
  await s.axe('prevention and diversion assessment');
  const pd = (await off.get(`/api/v1/assessments?case_id=${kase.id}`)).body.items.find((a) => a.assessment_type === 'prevention_diversion');
  assert.deepEqual([pd.stage, pd.exploitation, pd.outcome_id], ['start', 'None known', null]);
  s.assertClean();
  await s.close();
});

test('a parent worker of the team reads the offences but records none and sees no victim', async () => {
  const off = await env.srv.login('officer');
  const o = await created(off, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-06-01', description: 'Graffiti on a school wall', category: 'criminal_damage', gravity: 1,
  });
  const victim = await created(off, '/api/v1/people', { given_name: 'Wendy', family_name: 'Walls' });
  await created(off, '/api/v1/victims', { offence_id: o.id, victim_id: victim.id });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Jordan Blake/);
  await page.getByRole('link', { name: 'Graffiti on a school wall' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Record an offence', exact: true }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Record an outcome', exact: true }).count(), 0);
  await page.getByRole('link', { name: 'Graffiti on a school wall' }).click();
  await s.heading('Offence: Graffiti on a school wall');
  await page.getByText('Victims are recorded and seen by the youth justice service only.').waitFor();
  assert.doesNotMatch(await page.locator('main').textContent(), /Wendy|Walls/);
  assert.equal(await page.getByRole('button', { name: 'Change the offence' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Add a victim' }).count(), 0);
  await s.axe('offence page for a parent worker');
  s.assertClean();
  await s.close();
});

test('a manager records a board meeting with attendance by agency; an analyst reads it', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await page.getByRole('link', { name: 'Board meetings' }).click();
  await s.heading('Management board meetings');
  await page.getByText('No board meetings have been recorded.').waitFor();
  await s.axe('board meetings, empty');
  await page.getByRole('button', { name: 'Record a meeting' }).click();
  await s.heading('Record a board meeting');
  await s.axe('record a board meeting');
  await s.date('Date of the meeting', '2024-06-12');
  await page.getByLabel('Police', { exact: true }).selectOption('senior');
  await page.getByLabel('Police contributed data on disproportionality').check();
  await page.getByLabel('Health', { exact: true }).selectOption('attended');
  await page.getByLabel('Education', { exact: true }).selectOption('invited');
  await page.getByLabel('Children’s social care', { exact: true }).selectOption('senior');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await assertFieldError(s, 'f-title', /Enter the meeting name/);
  await page.getByLabel('Meeting', { exact: true }).fill('Quarterly management board');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await s.heading('Quarterly management board');
  const att = page.locator('table', { has: page.locator('caption', { hasText: 'Partner agencies invited' }) });
  assert.match(await att.locator('tr', { hasText: 'Police' }).textContent(), /Police.*Yes.*Yes.*Yes.*Yes/s);
  assert.match(await att.locator('tr', { hasText: 'Education' }).textContent(), /Education.*Yes.*No.*No.*No/s);
  assert.match(await page.locator('.govuk-summary-list').textContent(), /2 of 5/);
  await s.axe('board meeting');
  await s.shot('board-meeting');
  const mgr = await env.srv.login('manager');
  const list = await mgr.get('/api/v1/board-meetings');
  const m = list.body.items[0];
  assert.deepEqual(m.attendance.find((a) => a.agency === 'police'), { agency: 'police', attended: true, senior: true, disproportionality_data: true });
  assert.equal(m.attendance.length, 4);

  // Change it: health now at the right seniority.
  await page.getByRole('button', { name: 'Change the meeting' }).click();
  await s.heading('Change Quarterly management board');
  assert.equal(await page.getByLabel('Police', { exact: true }).inputValue(), 'senior');
  await page.getByLabel('Health', { exact: true }).selectOption('senior');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await s.heading('Quarterly management board');
  assert.match(await page.locator('.govuk-summary-list').textContent(), /3 of 5/);
  s.assertClean();
  await s.close();

  const a = await Session.open(env.browser, env.srv);
  await a.signIn('analyst');
  await a.page.getByRole('link', { name: 'Board meetings' }).click();
  await a.heading('Management board meetings');
  await a.page.getByRole('link', { name: 'Quarterly management board' }).click();
  await a.heading('Quarterly management board');
  assert.equal(await a.page.getByRole('button', { name: 'Change the meeting' }).count(), 0);
  await a.axe('board meeting as analyst');
  await a.goto('#/board/new');
  await a.heading('You do not have access to this page');
  // No casework for the analyst.
  assert.equal(await a.page.getByRole('link', { name: 'Due and overdue' }).count(), 0);
  a.assertClean();
  await a.close();
});

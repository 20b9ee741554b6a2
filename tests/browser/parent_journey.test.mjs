// One parent's whole journey through the whole-family pathway in real
// Chromium, done through the screens as the practitioners would
// (tests/api/parent_journey.test.mjs walks the same journey through the
// API). The API only sets up what a youth justice officer records elsewhere
// (the child, the family, the offence and its victim, the intervention and
// its review assessment) and checks what no screen shows. The officer records
// the joint home visit; the parent worker records the mother's agreement,
// her self-assessment, the plan from its proposals, sessions, a behaviour
// contract that could not be agreed, a peer mentor matched on her language
// and the referral with her consent, the review contact, Steps to Change at
// the start and the end, and the end of support; the officer sees support in
// place on the child's case and is refused her answers in plain words until
// her consent to share them is recorded; the manager sees the misses and the
// measures. axe-core on every page visited; a screenshot of each step in
// tests/browser/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });

const fieldset = (s, legend) => s.page.locator('fieldset', { has: s.page.locator('legend', { hasText: legend }) });
const caption = (s, text) => s.page.locator('table', { has: s.page.locator('caption', { hasText: text }) });
const DOMAINS = ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing',
  'money', 'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language', 'culture_faith'];
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];

let off, pw, kid, mum, victim, family, yjCase, intervention, supportCaseId, selfAssessmentId;
let officer, worker; // the browser sessions
let n = 0;
// optionText(select, re): the label of the select's option matching re.
async function optionText(select, re) {
  const all = await select.locator('option').allTextContents();
  const hit = all.find((t) => re.test(t));
  assert.ok(hit, `${re} among ${JSON.stringify(all)}`);
  return hit;
}
async function step(s, name) {
  await s.axe(name);
  n += 1;
  await s.shot(`journey-${String(n).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}`);
}

test('setup: what the youth justice officer records elsewhere', async () => {
  [off, pw] = await env.srv.loginAll(['officer', 'parentworker']);
  kid = await created(off, '/api/v1/people', { given_name: 'Kai', family_name: 'Amin', date_of_birth: dobForAge(16, 212) });
  mum = await created(off, '/api/v1/people', { given_name: 'Noor', family_name: 'Amin', date_of_birth: '1984-01-09' });
  victim = await created(off, '/api/v1/people', { given_name: 'Vic', family_name: 'Tims', date_of_birth: '1990-01-01' });
  family = await created(off, '/api/v1/families', { name: 'Amin family' });
  await created(off, `/api/v1/families/${family.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${family.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  yjCase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-60),
  });
  const offence = await created(off, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-59), description: 'Theft from a shop', category: 'theft', gravity: 2,
  });
  await created(off, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id });
  intervention = await created(off, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-50), start_date: day(-50), offence_ids: [offence.id],
  });
  officer = await Session.open(env.browser, env.srv);
  worker = await Session.open(env.browser, env.srv);
  await officer.signIn('officer');
  await worker.signIn('parentworker');
});

test('1. the parent worker: the mother is a parent to meet, the victim is not', async () => {
  const s = worker;
  await s.goto('#/');
  await s.heading('Parents');
  const meet = caption(s, 'Parents to meet');
  await meet.getByRole('link', { name: 'Noor Amin', exact: true }).waitFor();
  assert.match(await meet.textContent(), /Mother.*Kai Amin/);
  assert.doesNotMatch(await s.page.locator('main').textContent(), /Vic Tims/);
  await step(s, 'parent worker home, parents to meet');
});

test('2. the officer records the joint home visit with the parent worker and the mother', async () => {
  const s = officer;
  const { page } = s;
  await s.goto(`#/cases/${yjCase.id}`);
  await s.heading(/Kai Amin/);
  await step(s, 'child case before the visit');
  await s.goto(`#/cases/${yjCase.id}/contacts/new`);
  await s.heading(/contact/i);
  await s.date('Date of contact', day(-48));
  await page.getByLabel('Home visit', { exact: true }).check();
  await page.getByLabel('Joint contact (with another practitioner or agency)').check();
  await fieldset(s, 'Family members who attended').getByLabel(/Kai Amin/).check();
  await fieldset(s, 'Family members who attended').getByLabel(/Noor Amin/).check();
  await fieldset(s, 'Practitioners who attended').getByLabel(/parentworker/i).check();
  await page.getByLabel('Summary').fill('Joint initial home visit with the parent worker. Noor talked about Kai’s autism.');
  await step(s, 'record the joint home visit');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await s.heading(/case – Kai Amin/);
  const seen = (await off.get(`/api/v1/parenting/seen?case_id=${yjCase.id}`)).body.items;
  assert.equal(seen.find((x) => x.person_id === mum.id && x.point === 'start')?.status, 'seen', JSON.stringify(seen));
  await step(s, 'child case after the visit');
  // The joint visit's task is done.
  const task = page.locator('tr', { hasText: 'Joint initial home visit with the parent worker' });
  await task.getByRole('button', { name: /Mark as done/ }).click();
  await task.getByRole('button', { name: /Mark as done/ }).waitFor({ state: 'detached' });
  const tasks = (await off.get(`/api/v1/tasks?case_id=${yjCase.id}&limit=50`)).body.items.filter((t) => /home visit/i.test(t.title));
  assert.deepEqual(tasks.map((t) => [t.owner_id === off.user.id, t.status]).sort(), [[false, 'open'], [true, 'done']], JSON.stringify(tasks));
});

test('3. the parent worker records her agreement: her parenting case and her page', async () => {
  const s = worker;
  const { page } = s;
  await s.goto('#/');
  await s.heading('Parents');
  await caption(s, 'Parents to meet').getByRole('link', { name: 'Record agreement of Noor Amin' }).click();
  await s.heading('Support for Noor Amin');
  await page.getByLabel('Agreed to support', { exact: true }).check();
  await s.date('Date asked', day(-48));
  await s.date('Support started', day(-47));
  await s.date('Next review', day(20));
  await step(s, 'record agreement');
  await page.getByRole('button', { name: 'Save' }).click();
  await s.heading('Noor Amin');
  await page.getByText('The support for Noor Amin has been recorded.').waitFor();
  assert.match(await caption(s, 'Support around each child').textContent(), /Kai Amin.*Supported/);
  await step(s, 'parent page, new');
  const supports = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items;
  supportCaseId = supports[0].case_id;
  assert.ok(supportCaseId);
});

test('4. her self-assessment through the forms UI, and the plan from its proposals', async () => {
  const s = worker;
  const { page } = s;
  await page.getByRole('link', { name: 'Open the parenting case' }).click();
  await s.heading(/Noor Amin/);
  await step(s, 'parenting case');
  await s.goto(`#/cases/${supportCaseId}/forms`);
  await page.getByRole('link', { name: 'Parent self-assessment' }).click();
  await s.heading('Parent self-assessment');
  await fieldset(s, 'Who is completing this form?').getByLabel('A parent or carer').check();
  await page.getByRole('button', { name: 'Start' }).click();
  const need = { understanding_needs: 'High need', support_network: 'High need', language: 'Some need' };
  for (const [i, d] of DOMAINS.entries()) {
    // Wait for this domain's page before answering it.
    const q = (name) => page.locator('fieldset', { has: page.locator(`input[name="${d}_${name}"]`) });
    await q('need').waitFor();
    await q('need').getByLabel(need[d] || 'No need', { exact: true }).check();
    await q('help').getByLabel(need[d] ? 'Yes' : 'No', { exact: true }).check();
    if (d === 'understanding_needs') {
      await page.getByLabel('Anything you want to say about this (optional)').fill('Kai was diagnosed with autism last year and I do not know how to help him');
    }
    if (i === 0) await step(s, 'self-assessment first page');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await q('need').waitFor({ state: 'detached' });
  }
  await s.heading('Check your answers');
  await step(s, 'self-assessment check');
  await page.getByRole('button', { name: 'Submit form' }).click();
  await page.locator('h2', { hasText: 'Support proposed' }).waitFor();
  selfAssessmentId = Number(page.url().match(/form-responses\/(\d+)/)[1]);
  const proposed = await page.locator('h2:has-text("Support proposed") + ul').textContent();
  assert.match(proposed, /Understanding your child's needs or diagnosis: One-to-one sessions/);
  assert.match(proposed, /Language and interpreters: Referral to a peer mentor who speaks the parent's language/);
  assert.doesNotMatch(proposed, /Housing|Money|mental health/, 'nothing proposed where there is no need');
  await step(s, 'self-assessment proposals');
  await page.getByRole('button', { name: 'Agree the support plan' }).click();
  await s.heading('Agree the support plan');
  await step(s, 'agree the support plan');
  const boxes = page.getByRole('checkbox');
  const count = await boxes.count();
  assert.ok(count >= 3, `${count} proposals`);
  let diag = -1;
  let lang = -1;
  for (let i = 0; i < count; i += 1) {
    const text = await page.locator(`#proposal-${i}-action`).inputValue();
    if (/diagnosis/i.test(text)) diag = i;
    else if (/speaks the parent's language/.test(text)) lang = i;
    else await page.locator(`#proposal-${i}-accept`).uncheck();
  }
  assert.ok(diag >= 0 && lang >= 0, 'proposals on the diagnosis and a mentor who speaks her language');
  await page.locator(`#proposal-${diag}-goal`).fill('I want to understand Kai’s autism and stop the shouting');
  const [yy, mm, dd] = day(30).split('-');
  await page.locator(`#proposal-${diag}-due_date-day`).fill(String(Number(dd)));
  await page.locator(`#proposal-${diag}-due_date-month`).fill(String(Number(mm)));
  await page.locator(`#proposal-${diag}-due_date-year`).fill(yy);
  // One goal left without her words: refused on that proposal alone, then
  // saved again without adding the first twice.
  await page.getByRole('button', { name: 'Create the plan items' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Language and interpreters: Enter the goal/);
  assert.doesNotMatch(await page.locator('.govuk-error-summary').textContent(), /status|diagnosis/i);
  // Linked to the field, with the message beside it.
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), `#proposal-${lang}-goal`);
  assert.match(await page.locator(`#proposal-${lang}-goal-error`).textContent(), /Enter the goal/);
  await step(s, 'agree the support plan with an error');
  await page.locator(`#proposal-${lang}-goal`).fill('Talk to another mum who speaks Urdu');
  await page.getByRole('button', { name: 'Create the plan items' }).click();
  await s.heading('Parent self-assessment');
  const plan = (await pw.get(`/api/v1/parent-plan-items?case_id=${supportCaseId}`)).body.items;
  assert.deepEqual(plan.map((x) => [x.need_domain, x.goal, x.status]).sort(), [
    ['language', 'Talk to another mum who speaks Urdu', 'not_started'],
    ['understanding_needs', 'I want to understand Kai’s autism and stop the shouting', 'not_started'],
  ]);
  // Agreed: the page offers nothing twice.
  await s.goto(`#/form-responses/${plan[0].form_response_id}/proposals`);
  await s.heading('Agree the support plan');
  assert.match(await page.locator('main').textContent(), /Already in the plan: /);
  assert.equal(await page.locator('#proposal-' + diag + '-accept').count(), 0, 'the diagnosis proposal is not offered again');
  assert.equal(await page.locator('#proposal-' + lang + '-accept').count(), 0, 'nor the language one');
  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Noor Amin');
  await caption(s, 'Support plan').getByRole('link', { name: 'I want to understand Kai’s autism and stop the shouting' }).waitFor();
  await step(s, 'parent page with the plan');
});

test('5. the officer sees support in place, is refused her answers, and reads them once she agrees to share', async () => {
  const s = officer;
  const { page } = s;
  await s.goto(`#/cases/${yjCase.id}`);
  await page.reload(); // the officer was left on this page before the agreement
  await s.heading(/case – Kai Amin/);
  const t = caption(s, 'Parents and carers supported');
  await t.getByText('Supported', { exact: true }).waitFor();
  assert.match(await t.textContent(), /Noor Amin.*Mother/);
  await step(s, 'officer sees support in place');
  await s.goto(`#/form-responses/${selfAssessmentId}`);
  await s.heading('You do not have access to this page');
  const refused = await page.locator('main').textContent();
  await step(s, 'officer refused the self-assessment');
  assert.match(refused, /You do not have access to this page.*can be seen only if the person agrees to share them/);
  assert.doesNotMatch(refused, /autism/);

  // Her consent, recorded on the screens by the parent worker.
  const w = worker;
  await w.goto(`#/people/${mum.id}/consents/new`);
  await w.page.locator('h1').first().waitFor();
  await w.page.getByLabel('Agency or organisation').fill('Youth justice service');
  await w.page.getByLabel('What may be shared, and why').fill('My self-assessment, so Kai’s officer understands what I need');
  await w.page.getByLabel(/^Consent/).first().check();
  await w.page.getByLabel('Who gave consent (optional)').fill('Noor Amin (mother)');
  await w.date('Date given', day(-44));
  await w.page.getByLabel('Does this consent let a service see a record in Spire? (optional)').selectOption({ label: "The parent's self-assessment answers" });
  await w.page.getByLabel('Service it may be shown to (optional)').selectOption({ label: await optionText(w.page.getByLabel('Service it may be shown to (optional)'), /youth justice/i) });
  await step(w, 'record consent to share');
  await w.page.getByRole('button', { name: /Save|Record/ }).click();
  await w.page.getByText(/self-assessment/i).first().waitFor();
  await step(w, 'consent recorded');

  await s.goto(`#/form-responses/${selfAssessmentId}`);
  await page.reload(); // the same address as the refusal
  await s.heading('Parent self-assessment');
  await page.getByText('Kai was diagnosed with autism last year and I do not know how to help him').waitFor();
  assert.match(await page.locator('.govuk-caption-l, .govuk-caption-xl, .govuk-caption-m').first().textContent(), /Noor Amin/);
  await step(s, 'officer reads the shared self-assessment');
});

test('6. sessions and a behaviour contract that could not be agreed', async () => {
  const s = worker;
  const { page } = s;
  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Noor Amin');
  await page.getByRole('button', { name: 'Plan or record a session' }).click();
  await s.heading('Add a parent session');
  await step(s, 'add a session');
  await s.date('Date of the session', day(-40));
  await fieldset(s, 'Status').getByLabel('Held', { exact: true }).check();
  await fieldset(s, 'Type of session').getByLabel('One-to-one with the parent').check();
  await page.getByLabel('Topic (optional)').selectOption({ label: 'Understanding a diagnosis (for example autism)' });
  await page.getByLabel('Duration (minutes) (optional)').fill('60');
  await page.getByRole('button', { name: 'Save parent session' }).click();
  await page.getByText('The parent session has been added.').waitFor();
  await step(s, 'session saved');

  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Noor Amin');
  await page.getByRole('button', { name: 'Plan or record a session' }).click();
  await s.heading('Add a parent session');
  await s.date('Date of the session', day(-30));
  await fieldset(s, 'Status').getByLabel('Held', { exact: true }).check();
  await fieldset(s, 'Type of session').getByLabel('Behaviour contract').check();
  await page.getByLabel('Child (optional)').selectOption({ label: 'Kai Amin' });
  await page.getByLabel('Contract terms (optional)').fill('Kai home by 9pm on school nights');
  await s.date('Contract review date', day(-16));
  await fieldset(s, 'Contract outcome').getByLabel('Could not be agreed').check();
  await page.getByLabel('Notes (optional)').fill('Kai would not agree to come home by 9pm; to try again after the next session');
  await step(s, 'add a behaviour contract');
  await page.getByRole('button', { name: 'Save parent session' }).click();
  await page.getByText('The parent session has been added.').waitFor();
  assert.match(await page.locator('.govuk-summary-list').first().textContent(), /ChildKai Amin/, 'the child by name, not a number');
  await step(s, 'behaviour contract saved');

  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Noor Amin');
  const contracts = caption(s, 'Behaviour contracts');
  await contracts.getByRole('cell', { name: 'Could not be agreed' }).waitFor();
  assert.match(await contracts.textContent(), /Kai Amin.*Kai home by 9pm/);
  assert.match(await caption(s, 'Sessions').textContent(), /Understanding a diagnosis/);
  await step(s, 'parent page with sessions and contract');
  const sessions = (await pw.get(`/api/v1/parent-sessions?case_id=${supportCaseId}`)).body.items;
  assert.deepEqual(sessions.map((x) => [x.session_type, x.child_id ?? null, x.contract_outcome ?? null]).sort(),
    [['behaviour_contract', kid.id, 'not_agreed'], ['one_to_one', null, null]]);
});

test('7. a peer mentor matched on her language, referred with her consent', async () => {
  const s = worker;
  const { page } = s;
  for (const [name, langs] of [['Agnieszka Nowak', 'Polish\nEnglish'], ['Sadia Malik', 'Urdu\nPunjabi\nEnglish']]) {
    await s.goto('#/peer/mentors/new');
    await s.heading('Add a peer mentor');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Languages spoken (optional)').fill(langs);
    await page.getByLabel('Woman').check();
    if (n < 40 && name.startsWith('Sadia')) await step(s, 'add a mentor');
    await page.getByRole('button', { name: 'Save mentor' }).click();
    await s.heading('Peer support');
  }
  await s.goto(`#/people/${mum.id}/peer`);
  await s.heading('Peer mentors for Noor Amin');
  await page.getByRole('button', { name: 'Record preferences' }).click();
  await s.heading('What matters to Noor Amin in a mentor');
  await page.getByLabel('Languages the parent speaks (optional)').fill('Urdu');
  await page.getByLabel('Language matters to them').check();
  await step(s, 'mentor preferences');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await s.heading('Peer mentors for Noor Amin');
  assert.match(await page.locator('table tbody tr').first().textContent(), /Sadia Malik.*Language: meets \(matters\) – Urdu/);
  await step(s, 'mentor matches');

  await s.goto(`#/cases/${supportCaseId}`);
  await page.getByRole('heading', { name: 'Referrals out' }).waitFor();
  await page.getByRole('button', { name: 'Make a referral' }).click();
  await s.heading('Refer Noor Amin');
  await page.getByLabel('A culturally matched peer mentor').check();
  await page.getByLabel('Mentor (for a peer mentor)').selectOption({ label: 'Sadia Malik' });
  await page.getByLabel('The parent agrees to this referral').check();
  await step(s, 'refer to the mentor');
  await page.getByRole('button', { name: 'Save referral' }).click();
  await page.getByText(/Sent since/).waitFor();
  await page.getByRole('link', { name: /Change status/ }).click();
  await s.heading('Change the status of the referral');
  await page.getByLabel('Accepted').check();
  await page.getByRole('button', { name: 'Save status' }).click();
  await page.getByText(/Accepted since/).waitFor();
  await step(s, 'referral accepted');
  const refs = (await pw.get(`/api/v1/parent-referrals?case_id=${supportCaseId}`)).body.items;
  assert.deepEqual(refs.map((r) => [r.destination, r.status, r.consent_given]), [['peer_mentor', 'accepted', true]]);
});

test('8. the intervention review: the parent worker sees her, and she counts as seen', async () => {
  await created(off, '/api/v1/assessments', {
    case_id: yjCase.id, outcome_id: intervention.id, assessment_type: 'assetplus', stage: 'review', assessment_date: day(-10),
    likelihood_of_reoffending: 'medium', risk_of_serious_harm: 'low', safety_wellbeing: 'medium',
  });
  const s = worker;
  const { page } = s;
  await s.goto(`#/cases/${supportCaseId}/contacts/new`);
  await s.heading(/contact/i);
  await s.date('Date of contact', day(-9));
  await page.getByLabel('Office visit', { exact: true }).check();
  await fieldset(s, 'Family members who attended').getByLabel(/Noor Amin/).check();
  await page.getByLabel('Summary').fill('Review with Noor: routines are better; Kai still out late');
  await step(s, 'review contact');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await s.heading(/case – Noor Amin/);
  const points = (await pw.get(`/api/v1/parenting/seen?case_id=${yjCase.id}`)).body.items.filter((x) => x.person_id === mum.id);
  assert.ok(points.some((x) => x.point === 'review' && x.status === 'seen'), JSON.stringify(points));
  assert.ok(!JSON.stringify(points).includes(`"person_id":${victim.id}`));
});

async function scoreSteps(s, stage, practitioner, fam) {
  const { page } = s;
  await s.goto(`#/families/${family.id}/steps-to-change`);
  await s.heading('Steps to Change');
  await page.getByRole('button', { name: 'Record a Steps to Change scoring' }).click();
  await s.heading('Steps to Change');
  await fieldset(s, 'Who is completing this form?').getByLabel('Jointly').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await s.heading('About this scoring');
  await fieldset(s, 'When is this scoring?').getByLabel(stage).check();
  await fieldset(s, 'Which assessment is it part of?').getByLabel('Early help assessment').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  for (const area of ['Health', 'Learning', 'Parents and Carers', 'Family and Environmental']) {
    await s.heading(area);
    const scales = page.locator('fieldset', { has: page.locator('input[type=radio]') });
    const k = await scales.count();
    for (let i = 0; i < k; i += 1) {
      const legend = await scales.nth(i).locator('legend').first().textContent();
      await scales.nth(i).getByLabel(String(/family's score/.test(legend) ? fam : practitioner), { exact: true }).check();
    }
    if (area === 'Health' && stage === 'At the start') await step(s, 'steps to change scale');
    await page.getByRole('button', { name: 'Save and continue' }).click();
  }
  await s.heading('Check your answers');
  await page.getByRole('button', { name: 'Submit form' }).click();
  await s.heading('Steps to Change');
}

test('9. Steps to Change at the start and the end, improved; her support ends', async () => {
  const s = worker;
  const { page } = s;
  await scoreSteps(s, 'At the start', 3, 4);
  await scoreSteps(s, 'At the end', 7, 8);
  const dist = (await pw.get(`/api/v1/families/${family.id}/steps-to-change`)).body;
  assert.equal(dist.overall.practitioner.change, 4, JSON.stringify(dist.overall));
  assert.equal(dist.overall.family.change, 4, JSON.stringify(dist.overall));
  assert.equal(dist.blocks.length, BLOCKS.length);
  await s.goto(`#/families/${family.id}/steps-to-change`);
  await s.heading('Steps to Change');
  // The table is drawn after the heading: wait for its row.
  const row = page.locator('table tr', { hasText: '4 Safety and security' });
  await row.locator('td').first().waitFor();
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 6), ['3', '7', '+4', '4', '8', '+4']);
  assert.doesNotMatch(await page.locator('main').textContent(), /Stays low|Got worse/);
  await step(s, 'steps to change improved');

  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Noor Amin');
  await caption(s, 'Support around each child').getByRole('link', { name: /Change/ }).click();
  await page.locator('h1').first().waitFor();
  await s.date('End date', day(0));
  await fieldset(s, 'End reason').getByLabel('Support completed').check();
  await step(s, 'end the support');
  await page.getByRole('button', { name: /Save/ }).click();
  await page.locator('h1', { hasNotText: /Change/ }).first().waitFor();
  const support = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items[0];
  assert.equal(support.support_status, 'ended', JSON.stringify(support));
  assert.equal(support.end_reason, 'completed');
  await page.getByText('The parent support has been changed.').waitFor();
  assert.match(await page.locator('.govuk-summary-list').first().textContent(), /PersonNoor Amin/, 'the parent by name, not a number');
  await step(s, 'support ended');

  const o = officer;
  await o.goto(`#/cases/${yjCase.id}`);
  await o.heading(/Kai Amin/);
  await caption(o, 'Parents and carers supported').getByText('Ended', { exact: true }).waitFor();
  await step(o, 'officer sees support ended');
  worker.assertClean();
  officer.assertClean();
});

test('10. the manager sees her support on the child\'s case and no parent missed', async () => {
  const m = await Session.open(env.browser, env.srv);
  const { page } = m;
  await m.signIn('manager');
  await m.heading('Team caseload');
  await page.getByText('Every parent was seen.').waitFor();
  await step(m, 'manager home');
  await m.goto(`#/cases/${yjCase.id}`);
  await m.heading(/case – Kai Amin/);
  assert.match(await caption(m, 'Parents and carers supported').textContent(), /Noor Amin.*Ended/);
  await step(m, 'manager sees the child case');
  m.assertClean();
  await m.close();
  await worker.close();
  await officer.close();
});

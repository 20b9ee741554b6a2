// The whole-family pathway's forms (docs/parenting.md, "Steps to Change and
// the parent self-assessment"; docs/forms.md, Spire's extensions): a
// confidential form is about a case; Steps to Change's distance travelled
// and flags, worked by hand; decisions on the flags; bad input named field
// by field; pre/post forms; every new form valid FHIR R4; the parent
// self-assessment's proposals, stored in the response, and its answers
// confidential to the parent's support unless a consent shares them (break
// glass never opens them, lists leave them out).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fhirPackage from 'fhir';
import { Server, USERS, TEAMS, created, createdPerson, dobForAge, PARENTING_TEAM } from './lib.mjs';

const fhir = new fhirPackage.Fhir();
const checkFhir = (doc, what) => {
  const r = fhir.validate(doc, { errorOnUnexpected: true });
  assert.deepEqual(r.messages.filter((m) => m.severity === 'error'), [], `${what} is not valid FHIR R4`);
};
const REASON = { 'X-Break-Glass-Reason': 'Police request about an incident tonight' };
const fieldsOf = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();

const DOMAINS = ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing',
  'money', 'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language',
  'culture_faith'];
// Every domain answered "no need, no help", then the changes given.
const psaAnswers = (changes = {}) => {
  const a = {};
  for (const d of DOMAINS) { a[`${d}_need`] = 'none'; a[`${d}_help`] = false; }
  return { ...a, ...changes };
};
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];
// Steps to Change answers: scores[block] = [practitioner, family].
const stepsAnswers = (stage, scores) => {
  const a = { stage, assessment: 'early_help' };
  for (const b of BLOCKS) {
    const [p, f] = scores[b] ?? [5, 5];
    a[`${b}_practitioner`] = p; a[`${b}_family`] = f;
  }
  return a;
};

let srv, officer, pw, pw2, pmanager, ymanager, parentworker, kid, mum, family, pcase, kidCase;

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, PARENTING_TEAM],
    users: [...USERS, ['pworker', 'parent_worker', 'parenting', 'Parenting Team'],
      ['pworker2', 'parent_worker', 'parenting', 'Parenting Team'],
      ['pmanager', 'manager', 'parenting', 'Parenting Team']],
  });
  [officer, pw, pw2, pmanager, ymanager, parentworker] = await srv.loginAll(
    ['officer', 'pworker', 'pworker2', 'pmanager', 'manager', 'parentworker']);
  kid = await createdPerson(officer, { given_name: 'Jay', family_name: 'Okafor', date_of_birth: dobForAge(17, 180) });
  mum = await createdPerson(officer, { given_name: 'Grace', family_name: 'Okafor', date_of_birth: '1984-02-11' });
  family = await created(officer, '/api/v1/families', { name: 'The Okafor family' });
  await created(officer, `/api/v1/families/${family.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${family.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id,
    parental_responsibility: true, in_household: true,
  });
  kidCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05', family_id: family.id,
  });
  // The mother agrees to support (the parent worker of the child's team
  // records it): her parenting case is the Parenting Team's, allocated to
  // them, so the team's parent workers and manager hold it
  // (docs/parenting.md, "Parent support").
  const support = await created(parentworker, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kidCase.id, agreement: 'agreed', agreement_date: '2024-03-10', start_date: '2024-03-10',
  });
  pcase = { id: support.case_id };
});
after(async () => { await srv.stop(); });

const psa = (answers, extra = {}) => ({
  form_id: 'parent-self-assessment', case_id: pcase?.id, completed_by: 'parent', authored: '2024-03-20',
  status: 'completed', answers, ...extra,
});

test('a confidential form is about a case, named with the other errors', async () => {
  const r = await officer.post('/api/v1/form-responses', { ...psa(psaAnswers({ money_need: 'lots' })), case_id: undefined, person_id: kid.id });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['case_id', 'money_need']);
});

test('distance travelled per block and overall, with the blocks that stay low or get worse', async () => {
  const s = (stage, authored, scores, status = 'completed') => created(officer, '/api/v1/form-responses', {
    form_id: 'steps-to-change', family_id: family.id, completed_by: 'jointly', authored, status,
    answers: stepsAnswers(stage, scores),
  });
  const others = (v) => Object.fromEntries(BLOCKS.slice(3).map((b) => [b, [v, v]]));
  const start = await s('start', '2024-03-12', { physical_wellbeing: [4, 5], mental_health: [2, 3], achievement: [6, 6], ...others(5) });
  // One scoring: nothing to compare, but a block low at it is flagged.
  const once = (await officer.get(`/api/v1/families/${family.id}/steps-to-change`)).body;
  const byOnce = Object.fromEntries(once.blocks.map((b) => [b.block, b]));
  assert.equal(once.scorings.length, 1);
  assert.deepEqual([byOnce.mental_health.low_at_start, byOnce.mental_health.stays_low, byOnce.mental_health.worse], [true, false, false]);
  assert.deepEqual(once.blocks.filter((b) => b.low_at_start).map((b) => b.block), ['mental_health']);
  assert.equal(once.overall.low_at_start, false, 'the mean is above the low mark');
  await s('review', '2024-04-12', { physical_wellbeing: [5, 5], mental_health: [2, 2], achievement: [5, 5], ...others(5) });
  // A draft is not a scoring.
  await officer.post('/api/v1/form-responses', {
    form_id: 'steps-to-change', family_id: family.id, completed_by: 'jointly', authored: '2024-06-01',
    status: 'in-progress', answers: { stage: 'end' },
  });
  const end = await s('end', '2024-05-20', { physical_wellbeing: [7, 8], mental_health: [3, 2], achievement: [4, 6], ...others(6) });
  checkFhir(end.response, 'a Steps to Change response');
  const r = await officer.get(`/api/v1/families/${family.id}/steps-to-change`);
  assert.equal(r.status, 200, r.text);
  const d = r.body;
  assert.equal(d.low, 3);
  assert.equal(d.first.id, start.id);
  assert.equal(d.latest.id, end.id);
  assert.equal(d.scorings.length, 3);
  const by = Object.fromEntries(d.blocks.map((b) => [b.block, b]));
  assert.deepEqual(Object.keys(by), BLOCKS);
  assert.equal(by.physical_wellbeing.text, "1 Children's physical wellbeing");
  assert.deepEqual(by.physical_wellbeing.practitioner, { first: 4, latest: 7, change: 3 });
  assert.deepEqual(by.physical_wellbeing.family, { first: 5, latest: 8, change: 3 });
  assert.deepEqual([by.physical_wellbeing.stays_low, by.physical_wellbeing.worse], [false, false]);
  assert.deepEqual(by.mental_health.family, { first: 3, latest: 2, change: -1 });
  assert.deepEqual([by.mental_health.stays_low, by.mental_health.worse], [true, true]);
  assert.deepEqual(by.achievement.practitioner, { first: 6, latest: 4, change: -2 });
  assert.deepEqual([by.achievement.stays_low, by.achievement.worse], [false, true]);
  assert.deepEqual([by.family_life.stays_low, by.family_life.worse], [false, false]);
  assert.equal(by.mental_health.low_at_start, false, 'with two scorings, stays low says it');
  assert.deepEqual(d.overall.practitioner, { first: 4.67, latest: 5.56, change: 0.89 });
  assert.deepEqual(d.overall.family, { first: 4.89, latest: 5.78, change: 0.89 });
  // Read with the family's relation: another team's officer is refused.
  const south = await srv.login('officer_south');
  assert.equal((await south.get(`/api/v1/families/${family.id}/steps-to-change`)).status, 403);
});

test('a scale answer outside its bounds is named; the stage and assessment are required', async () => {
  const answers = stepsAnswers('start', { safety: [11, 0] });
  delete answers.assessment;
  const r = await officer.post('/api/v1/form-responses', {
    form_id: 'steps-to-change', family_id: family.id, completed_by: 'jointly', authored: '2024-03-12',
    status: 'completed', answers,
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['assessment', 'safety_family', 'safety_practitioner']);
  assert.match(r.body.errors.find((x) => x.field === 'safety_practitioner').message, /from 1 to 10/);
});

test('a pre/post questionnaire is scored per group', async () => {
  const likert = (v) => ({ conf_handle: v, conf_boundaries: v, conf_talk: v, conf_help: v, wb_calm: v, wb_cope: v, wb_support: v });
  const pre = await created(officer, '/api/v1/form-responses', {
    form_id: 'parenting-confidence', case_id: kidCase.id, completed_by: 'parent', authored: '2024-03-15',
    status: 'completed', answers: { when: 'pre', ...likert('disagree') },
  });
  assert.deepEqual(pre.scores, { confidence: 2, wellbeing: 2 });
  checkFhir(pre.response, 'a pre/post response');
});

test('a decision on a flag: recorded with its reason, blocks and scoring; bad input named all at once', async () => {
  const list = await officer.get(`/api/v1/form-responses?family_id=${family.id}&form_id=steps-to-change`);
  const latest = list.body.items.find((x) => x.status === 'completed');
  const dec = await created(officer, '/api/v1/steps-decisions', {
    family_id: family.id, form_response_id: latest.id, blocks: ['mental_health'],
    decision: 'step_up_targeted_early_help', reason: 'Mood stays low at home despite support', decision_date: '2024-05-21',
  });
  assert.equal(dec.decision, 'step_up_targeted_early_help');
  assert.deepEqual(dec.blocks, ['mental_health']);
  const got = await officer.get(`/api/v1/steps-decisions?family_id=${family.id}`);
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.body.items.map((x) => x.id), [dec.id]);
  const before = srv.auditHead();
  const bad = await officer.post('/api/v1/steps-decisions', {
    family_id: family.id, form_response_id: latest.id, blocks: ['not_a_block'],
    decision: 'escalate', reason: '', decision_date: '2999-01-01',
  });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['blocks', 'decision', 'decision_date', 'reason']);
  // A response that is not a Steps to Change scoring of this family.
  const psaRec = (await officer.get(`/api/v1/form-responses?case_id=${kidCase.id}&form_id=parenting-confidence`)).body.items[0];
  const wrong = await officer.post('/api/v1/steps-decisions', {
    family_id: family.id, form_response_id: psaRec.id, blocks: ['safety'],
    decision: 'continue', reason: 'Going well', decision_date: '2024-05-21',
  });
  assert.equal(wrong.status, 400, wrong.text);
  assert.deepEqual(fieldsOf(wrong), ['form_response_id']);
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  // Another team may not record one about this family.
  const south = await srv.login('officer_south');
  const refused = await south.post('/api/v1/steps-decisions', {
    family_id: family.id, form_response_id: latest.id, blocks: ['safety'],
    decision: 'continue', reason: 'Going well', decision_date: '2024-05-21',
  });
  assert.equal(refused.status, 403, refused.text);
});

test('every new form is a valid R4 Questionnaire', async () => {
  for (const id of ['parent-self-assessment', 'steps-to-change', 'parenting-confidence']) {
    const d = await pw.get(`/api/v1/forms/definition?id=${id}`);
    assert.equal(d.status, 200, d.text);
    checkFhir(d.body, id);
  }
});


test('the self-assessment proposes support per domain, stored in the response', async () => {
  const rec = await created(pw, '/api/v1/form-responses', psa(psaAnswers({
    mental_health_need: 'high', mental_health_note: 'Not sleeping since the arrest',
    domestic_abuse_need: 'some',
    understanding_needs_need: 'some', understanding_needs_help: true,
    confidence_need: 'high',
    language_need: 'some',
    housing_need: 'some', // some need, no help wanted: no proposal
  })));
  assert.equal(rec.person_id, mum.id, 'the response is about the parent');
  const got = rec.proposals.map((p) => `${p.domain}: ${p.action}`);
  assert.deepEqual(got, [
    'mental_health: Referral to the emotional health practitioner',
    'domestic_abuse: Referral to a specialist domestic abuse agency',
    'understanding_needs: One-to-one sessions on understanding a diagnosis',
    'confidence: One-to-one confidence building sessions',
    'confidence: Referral to a parenting programme',
    'language: Book an interpreter for meetings',
    "language: Referral to a peer mentor who speaks the parent's language",
  ]);
  assert.equal(rec.proposals[0].who, 'Emotional health practitioner');
  assert.equal(rec.proposals[0].domain_text, 'Your own mental health');
  const ext = rec.response.extension.filter((x) => x.url.endsWith('/response-proposal'));
  assert.equal(ext.length, 7, 'each proposal is in the stored document');
  const g = await pw2.get(`/api/v1/form-responses/${rec.id}`);
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(g.body.proposals, rec.proposals, 'read back from the document, not recomputed');
  checkFhir(g.body.response, 'a self-assessment response');
  // Wanting help alone is enough.
  const help = await created(pw, '/api/v1/form-responses', psa(psaAnswers({ support_network_help: true })));
  assert.deepEqual(help.proposals.map((p) => p.action), ['Referral to the peer support group', 'Referral to a peer mentor']);
  const none = await created(pw, '/api/v1/form-responses', psa(psaAnswers()));
  assert.deepEqual(none.proposals, []);
});

test('the answers are kept to the parent support; a consent shares them with the YJS and its withdrawal closes them', async () => {
  const rec = await created(pw, '/api/v1/form-responses', psa(psaAnswers({ safety_need: 'high', safety_note: 'Scared of him some nights' })));
  // The parent worker, their team and the parenting service's manager read it.
  for (const c of [pw, pw2, pmanager]) assert.equal((await c.get(`/api/v1/form-responses/${rec.id}`)).status, 200, c.user.username);
  // The YJS officer has the parent in scope through the family...
  assert.equal((await officer.get(`/api/v1/people/${mum.id}`)).status, 200);
  // ...but not her answers, even with a break-glass reason.
  let head = srv.auditHead();
  const refused = await officer.get(`/api/v1/form-responses/${rec.id}`);
  assert.equal(refused.status, 403, refused.text);
  assert.equal(srv.audit({ action: 'denied', record_type: 'form_response', record_id: rec.id }, head).length, 1);
  head = srv.auditHead();
  const glass = await officer.get(`/api/v1/form-responses/${rec.id}`, REASON);
  assert.equal(glass.status, 403, glass.text);
  assert.equal(srv.audit({ action: 'denied', record_type: 'form_response', record_id: rec.id }, head).length, 1);
  assert.equal(srv.audit({ action: 'read', record_type: 'form_response', record_id: rec.id }, head).length, 0);
  assert.equal(srv.audit({ action: 'break_glass' }, head).length, 0, 'break glass was not granted');
  // Nor does a youth justice manager's break glass open it.
  assert.equal((await ymanager.get(`/api/v1/form-responses/${rec.id}`, REASON)).status, 403);
  // A consent sharing the self-assessment with youth justice opens it.
  const consent = await created(pw, '/api/v1/consents', {
    person_id: mum.id, agency: 'Youth justice service', purpose: 'So that Jay\'s officer understands home',
    lawful_basis: 'consent', given_by: 'Grace Okafor', given_on: '2024-03-21',
    shares: 'parent_self_assessment', shared_with: 'youth_justice',
  });
  const open = await officer.get(`/api/v1/form-responses/${rec.id}`);
  assert.equal(open.status, 200, open.text);
  assert.equal(open.body.answers.safety_note, 'Scared of him some nights');
  // A consent shared with another service does not open it for youth justice.
  // Withdrawing the consent closes it again.
  const w = await pw.post(`/api/v1/consents/${consent.id}/withdraw`, { version: 1, reason: 'Grace changed her mind' });
  assert.equal(w.status, 200, w.text);
  assert.equal((await officer.get(`/api/v1/form-responses/${rec.id}`)).status, 403);
  // A consent for another thing (the family plan) opens nothing here.
  await created(pw, '/api/v1/consents', {
    person_id: mum.id, agency: 'Youth justice service', purpose: 'Family plan', lawful_basis: 'consent',
    given_on: '2024-03-22', shares: 'family_plan', shared_with: 'youth_justice',
  });
  assert.equal((await officer.get(`/api/v1/form-responses/${rec.id}`)).status, 403);
  // Writes stay the case's: the officer cannot change or close it, consent or not.
  assert.equal((await officer.post(`/api/v1/form-responses/${rec.id}/close`, { version: 1, reason: 'Wrong parent' })).status, 403);
});

test('lists leave out confidential responses for users who may not read them', async () => {
  const rec = await created(pw, '/api/v1/form-responses', psa(psaAnswers()));
  const mine = await pw.get(`/api/v1/form-responses?case_id=${pcase.id}&form_id=parent-self-assessment`);
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.items.some((x) => x.id === rec.id));
  // A reason does not open the parent's own case, nor its list of forms
  // (docs/access.md, "Break glass").
  const theirs = await officer.get(`/api/v1/form-responses?case_id=${pcase.id}`, REASON);
  assert.equal(theirs.status, 403, theirs.text);
  // Listed about the parent herself, they are left out.
  const about = await officer.get(`/api/v1/form-responses?person_id=${mum.id}`);
  assert.equal(about.status, 200, about.text);
  assert.deepEqual(about.body.items.filter((x) => x.form_id === 'parent-self-assessment'), []);
});

// Steps to Change, worked by hand. Family scored three times; low is 3.
//   block               start (p,f)  review  end (p,f)  change p,f   flags
//   physical_wellbeing    4,5        5,5      7,8       +3,+3
//   mental_health         2,3        2,2      3,2       +1,-1        stays_low (both raters <= 3), worse (family)
//   achievement           6,6        5,5      4,6       -2, 0        worse (practitioner)
//   others                5,5        5,5      6,6       +1,+1
// Overall practitioner first = (4+2+6+5*6)/9 = 42/9 = 4.67, latest = (7+3+4+6*6)/9 = 50/9 = 5.56
// Overall family first = (5+3+6+30)/9 = 44/9 = 4.89, latest = (8+2+6+36)/9 = 52/9 = 5.78
test('Steps to Change is about a family: one about a case or a person is refused, naming family_id, nothing stored', async () => {
  // Started from the mother's parenting case (a kind of case the form is
  // for), it must still be saved about the family, or the family's page
  // says "not scored yet" (docs/parenting.md, "Steps to Change").
  const before_ = (await pw.get(`/api/v1/form-responses?case_id=${pcase.id}&limit=100`)).body.items.length;
  const body = {
    form_id: 'steps-to-change', completed_by: 'jointly', authored: '2024-03-12', status: 'completed',
    answers: stepsAnswers('start', {}),
  };
  const onCase = await pw.post('/api/v1/form-responses', { ...body, case_id: pcase.id });
  assert.equal(onCase.status, 400, onCase.text);
  assert.deepEqual(fieldsOf(onCase), ['family_id']);
  assert.match(onCase.body.errors[0].message, /^Select the family this form is about: Steps to Change is about a family, not a case$/);
  const onPerson = await pw.post('/api/v1/form-responses', { ...body, person_id: mum.id, answers: { stage: 'start' } });
  assert.equal(onPerson.status, 400, onPerson.text);
  assert.ok(fieldsOf(onPerson).includes('family_id'), onPerson.text);
  assert.ok(fieldsOf(onPerson).includes('assessment'), 'named with the answers\' errors');
  // None at all: named at family_id too.
  const none = await pw.post('/api/v1/form-responses', body);
  assert.deepEqual(fieldsOf(none), ['family_id']);
  assert.equal(none.body.errors[0].message, 'Select the family this form is about: Steps to Change is about a family');
  assert.equal((await pw.get(`/api/v1/form-responses?case_id=${pcase.id}&limit=100`)).body.items.length, before_);
  // About the family it is kept, and the family's distance travelled has it.
  const ok = await created(pw, '/api/v1/form-responses', { ...body, family_id: family.id, authored: '2024-03-13' });
  assert.equal(ok.family_id, family.id);
  const d = (await officer.get(`/api/v1/families/${family.id}/steps-to-change`)).body;
  assert.ok(d.scorings.some((s) => s.id === ok.id));
  // The forms list says what each form is about.
  const forms = (await pw.get('/api/v1/forms')).body.items;
  assert.equal(forms.find((f) => f.id === 'steps-to-change').subject, 'family');
  assert.equal(forms.find((f) => f.id === 'parenting-confidence').subject, null);
});

test('the parenting-confidence questionnaire is completed by the parent, or jointly with the worker: never the child', async () => {
  const answers = { when: 'pre', conf_handle: 'agree', conf_boundaries: 'agree', conf_talk: 'agree', conf_help: 'agree', wb_calm: 'agree', wb_cope: 'agree', wb_support: 'agree' };
  const body = { form_id: 'parenting-confidence', case_id: pcase.id, authored: '2024-03-15', status: 'completed', answers };
  for (const who of ['child', 'practitioner']) {
    const r = await pw.post('/api/v1/form-responses', { ...body, completed_by: who });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['completed_by']);
    assert.equal(r.body.errors[0].message, 'Select who is completing the form: it is completed by a parent or carer or jointly');
  }
  for (const who of ['parent', 'jointly']) await created(pw, '/api/v1/form-responses', { ...body, completed_by: who });
  // The start page offers only them (the definition's completed-by).
  const def = (await pw.get('/api/v1/forms/definition?id=parenting-confidence')).body;
  const codes = def.extension.filter((x) => x.url.endsWith('/completed-by')).map((x) => x.valueCode);
  assert.deepEqual(codes, ['parent', 'jointly']);
});

// The parent self-assessment (docs/parenting.md; docs/forms.md,
// support-proposal and confidential-to-subject): it proposes support from
// its answers, stored in the response; its answers are confidential to the
// parent's support unless a consent shares them (break glass never opens
// them, lists leave them out). Here, not in tests/api, only because the
// parent support case can be opened across teams only by the referral from
// a child's intervention (the parent worker's "parents to meet"), which is
// another part of the pathway: until it lands, the parent is handed to the
// parenting team in the file. Move these to tests/api then.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fhirPackage from 'fhir';
import { Server, USERS, TEAMS, created, createdPerson, sql } from './lib.mjs';

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

let srv, officer, pw, pw2, pmanager, ymanager, kid, mum, family, pcase, kidCase;

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, ['parenting', 'Parenting Team']],
    users: [...USERS, ['pworker', 'parent_worker', 'parenting', 'Parenting Team'],
      ['pworker2', 'parent_worker', 'parenting', 'Parenting Team'],
      ['pmanager', 'manager', 'parenting', 'Parenting Team']],
  });
  [officer, pw, pw2, pmanager, ymanager] = await srv.loginAll(['officer', 'pworker', 'pworker2', 'pmanager', 'manager']);
  kid = await createdPerson(officer, { given_name: 'Jay', family_name: 'Okafor', date_of_birth: '2009-06-01' });
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
  // Until the referral from a child's intervention to the parent worker
  // lands (H1's "parents to meet"), the parent is handed to the parenting
  // team here: the parent worker then opens the parent support case.
  sql(srv.db, `UPDATE people SET owner_team_id = (SELECT id FROM teams WHERE name = 'Parenting Team') WHERE id = ${mum.id}`);
  pcase = await created(pw, '/api/v1/cases', {
    service: 'parenting', reason: 'Parent support around the child\'s order', person_id: mum.id,
    team_id: pw.user.team_id, worker_id: pw.user.id, start_date: '2024-03-10',
  });
});
after(async () => { await srv.stop(); });

const psa = (answers, extra = {}) => ({
  form_id: 'parent-self-assessment', case_id: pcase.id, completed_by: 'parent', authored: '2024-03-20',
  status: 'completed', answers, ...extra,
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
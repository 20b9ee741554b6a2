// One parent's whole journey through the whole-family pathway
// (docs/parenting.md), as the parent worker, the child's youth justice
// officer and the managers see it: a child's intervention starts -> the
// mother is on "parents to meet" with the joint home visit tasks -> one joint
// visit -> she agrees to support (her own parenting case) -> her
// self-assessment proposes support -> the plan -> sessions -> a behaviour
// contract that could not be agreed -> a peer mentor matched on language,
// referred with her consent -> the intervention's review, where she is seen
// -> her support ends, with Steps to Change scores that improved. The
// officer sees that support is in place, never her answers, until she
// agrees to share them; and no victim appears anywhere on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, dobForAge, ukDay as day, PARENTING_TEAM, PMANAGER } from './lib.mjs';


let offence;
let srv, officer, pw, manager, pmanager, south;
let kid, mum, victim, family, yjCase, intervention, support, parentingCase, selfAssessment;

const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];
const scoring = (stage, practitioner, fam, authored) => {
  const answers = { stage, assessment: 'early_help' };
  for (const b of BLOCKS) { answers[`${b}_practitioner`] = practitioner; answers[`${b}_family`] = fam; }
  return {
    form_id: 'steps-to-change', family_id: family.id, completed_by: 'jointly', authored, status: 'completed', answers,
  };
};

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, PARENTING_TEAM],
    users: [...USERS, PMANAGER],
  });
  [officer, pw, manager, pmanager, south] = await srv.loginAll(['officer', 'parentworker', 'manager', 'pmanager', 'officer_south']);
  kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'Amin', date_of_birth: dobForAge(16, 200) });
  mum = await created(officer, '/api/v1/people', { given_name: 'Noor', family_name: 'Amin', date_of_birth: '1984-01-09' });
  victim = await created(officer, '/api/v1/people', { given_name: 'Vic', family_name: 'Tims', date_of_birth: '1990-01-01' });
  family = await created(officer, '/api/v1/families', { name: 'Amin family' });
  const add = (b) => created(officer, `/api/v1/families/${family.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-60),
  });
  // Kai's offence has a victim, who is never on the parents' pathway.
  offence = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-59), description: 'Theft from a shop', category: 'theft', gravity: 2,
  });
  await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id });
});
after(async () => { await srv.stop(); });

test('1. the intervention starts: the mother is a parent to meet, with the joint home visit tasks', async () => {
  intervention = await created(officer, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-50), start_date: day(-50),
    offence_ids: [offence.id],
  });
  const toMeet = (await pw.get('/api/v1/parenting/to-meet')).body.items;
  const mine = toMeet.filter((p) => p.child_id === kid.id);
  assert.deepEqual(mine.map((p) => p.person_id), [mum.id], JSON.stringify(toMeet));
  assert.ok(!JSON.stringify(toMeet).includes(`"person_id":${victim.id},`), 'the victim is never a parent to meet');
  const tasks = (await officer.get(`/api/v1/tasks?case_id=${yjCase.id}&limit=50`)).body.items
    .filter((t) => /home visit/i.test(t.title));
  assert.equal(tasks.length, 2, JSON.stringify(tasks));
  assert.deepEqual(tasks.map((t) => t.owner_id).sort(), [officer.user.id, pw.user.id].sort());
});

test('2. one joint home visit with both practitioners and the mother', async () => {
  const visit = await created(officer, '/api/v1/contacts', {
    case_id: yjCase.id, contact_date: day(-48), contact_type: 'home_visit', joint: true,
    summary: 'Joint initial home visit with the parent worker',
    attendees: { people: [kid.id, mum.id], practitioners: [officer.user.id, pw.user.id] },
  });
  assert.equal(visit.joint, true);
  const seen = (await officer.get(`/api/v1/parenting/seen?case_id=${yjCase.id}`)).body.items;
  const start = seen.find((s) => s.person_id === mum.id && s.point === 'start');
  assert.equal(start?.status, 'seen', JSON.stringify(seen));
});

test('3. she agrees: her own parenting case holds the support; the officer sees only that it is in place', async () => {
  support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: intervention.id,
    agreement: 'agreed', agreement_date: day(-48), start_date: day(-47), next_review_date: day(20),
  });
  assert.ok(support.case_id, 'a parenting case was opened');
  parentingCase = (await pw.get(`/api/v1/cases/${support.case_id}`)).body;
  assert.equal(parentingCase.service_code, 'parenting');
  assert.equal(parentingCase.person_id, mum.id);
  assert.equal(parentingCase.worker_id, pw.user.id);
  assert.ok(!(await pw.get('/api/v1/parenting/to-meet')).body.items.some((p) => p.person_id === mum.id && p.child_id === kid.id));
  // The officer reads the support row through the child's case.
  const row = await officer.get(`/api/v1/parent-supports?child_case_id=${yjCase.id}`);
  assert.equal(row.status, 200, row.text);
  assert.equal(row.body.items[0].support_status, 'active');
});

test('4. the self-assessment proposes support; the officer may not read her answers until she agrees to share them', async () => {
  const answers = {};
  for (const d of ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing', 'money',
    'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language', 'culture_faith']) {
    answers[`${d}_need`] = 'none';
    answers[`${d}_help`] = false;
  }
  Object.assign(answers, {
    understanding_needs_need: 'high', understanding_needs_help: true,
    understanding_needs_note: 'Kai was diagnosed with autism last year and I do not know how to help him',
    language_need: 'some', language_help: true, support_network_need: 'high', support_network_help: true,
  });
  selfAssessment = await created(pw, '/api/v1/form-responses', {
    form_id: 'parent-self-assessment', case_id: parentingCase.id, completed_by: 'parent', authored: day(-45),
    status: 'completed', answers,
  });
  const domains = new Set(selfAssessment.proposals.map((p) => p.domain));
  for (const d of ['understanding_needs', 'language', 'support_network']) assert.ok(domains.has(d), `proposed for ${d}`);
  assert.ok(!domains.has('housing'), 'nothing proposed where there is no need');

  // The child's officer: refused, even by breaking glass; audited.
  const mark = srv.auditHead();
  assert.equal((await officer.get(`/api/v1/form-responses/${selfAssessment.id}`)).status, 403);
  const glass = await officer.get(`/api/v1/form-responses/${selfAssessment.id}`, { 'X-Break-Glass-Reason': 'Need to read the mother self-assessment now' });
  assert.equal(glass.status, 403);
  assert.ok(srv.audit({ action: 'denied', record_type: 'form_response', record_id: selfAssessment.id, username: 'officer' }).length >= 1);
  assert.ok(srv.auditHead() > mark);
  // The parenting manager reads it.
  assert.equal((await pmanager.get(`/api/v1/form-responses/${selfAssessment.id}`)).status, 200);
  // The officer cannot open it by recording the consent himself.
  const own = await officer.post('/api/v1/consents', {
    person_id: mum.id, agency: 'Youth justice service', purpose: 'To read it', lawful_basis: 'consent', given_on: day(-44),
    shares: 'parent_self_assessment', shared_with: 'youth_justice',
  });
  assert.equal(own.status, 400, own.text);
  assert.equal(own.body.error.field, 'shared_with');
  assert.equal((await officer.get(`/api/v1/form-responses/${selfAssessment.id}`)).status, 403);
  // She agrees to share it with the youth justice service: the officer reads it.
  const consent = await created(pw, '/api/v1/consents', {
    person_id: mum.id, agency: 'Youth justice service', purpose: 'So Kai’s officer understands what I need',
    lawful_basis: 'consent', given_by: 'Noor Amin', given_on: day(-44),
    shares: 'parent_self_assessment', shared_with: 'youth_justice',
  });
  const shared = await officer.get(`/api/v1/form-responses/${selfAssessment.id}`);
  assert.equal(shared.status, 200, shared.text);
  assert.equal(shared.body.answers.understanding_needs_need, 'high');
  // Withdrawn: closed again.
  const w = await pw.post(`/api/v1/consents/${consent.id}/withdraw`, { version: consent.version, reason: 'She changed her mind' });
  assert.equal(w.status, 200, w.text);
  assert.equal((await officer.get(`/api/v1/form-responses/${selfAssessment.id}`)).status, 403);
});

let planItem;
test('5. the plan, from the accepted proposals, in her own words', async () => {
  const p = selfAssessment.proposals.find((x) => x.domain === 'understanding_needs');
  planItem = await created(pw, '/api/v1/parent-plan-items', {
    case_id: parentingCase.id, goal: 'I want to understand Kai’s autism and stop the shouting',
    action: p.action, who: 'Parent worker and Noor', due_date: day(30), status: 'in_progress',
    form_response_id: selfAssessment.id, need_domain: 'understanding_needs',
  });
  assert.equal(planItem.need_domain, 'understanding_needs');
  // A domain is one of the self-assessment's areas; nothing else is stored.
  const mark = srv.auditHead();
  const bad = await pw.post('/api/v1/parent-plan-items', {
    case_id: parentingCase.id, goal: 'x', action: 'y', who: 'z', status: 'not_started',
    form_response_id: selfAssessment.id, need_domain: 'DROP TABLE',
  });
  assert.equal(bad.status, 400, bad.text);
  assert.ok(bad.body.errors.some((x) => x.field === 'need_domain'), bad.text);
  assert.deepEqual(srv.changesSince(mark), []);
  const patched = await pw.patch(`/api/v1/parent-plan-items/${planItem.id}`, { version: planItem.version, need_domain: 'understanding_needs_need' });
  assert.equal(patched.status, 400, patched.text);
  const officerRead = await officer.get(`/api/v1/parent-plan-items/${planItem.id}`);
  assert.equal(officerRead.status, 403, 'the officer does not read her plan');
});

test('6. sessions, and a behaviour contract that could not be agreed', async () => {
  const one = await created(pw, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-40), status: 'held', session_type: 'one_to_one',
    topic: 'understanding_diagnosis', duration_minutes: 60, notes: 'Talked through the diagnosis report',
  });
  assert.equal(one.person_id, mum.id);
  const contract = await created(pw, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, child_id: kid.id, session_date: day(-30), status: 'held', session_type: 'behaviour_contract',
    contract_review_date: day(-16), contract_outcome: 'not_agreed',
    notes: 'Kai would not agree to come home by 9pm; to try again after the next session',
  });
  assert.equal(contract.contract_outcome, 'not_agreed');
  const planned = await created(pw, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(5), status: 'planned', session_type: 'joint', child_id: kid.id, topic: 'family_meeting',
  });
  const home = (await pw.get('/api/v1/parenting/home')).body;
  assert.ok(JSON.stringify(home.due ?? home).includes(`${planned.id}`), 'the planned session is due on the home page');
  assert.equal((await officer.get(`/api/v1/parent-sessions/${contract.id}`)).status, 403);
});

test('6b. a reason does not open her support: break glass never reads a parenting case or what hangs from it', async () => {
  const GLASS = { 'X-Break-Glass-Reason': 'Concern raised at school about the family today' };
  const sessions = (await pw.get(`/api/v1/parent-sessions?case_id=${parentingCase.id}`)).body.items;
  const contacts = (await pw.get(`/api/v1/contacts?case_id=${parentingCase.id}`)).body.items;
  const paths = [
    `/api/v1/cases/${parentingCase.id}`,
    `/api/v1/parent-sessions/${sessions[0].id}`,
    `/api/v1/parent-sessions?case_id=${parentingCase.id}`,
    `/api/v1/parent-plan-items/${planItem.id}`,
    `/api/v1/parent-plan-items?case_id=${parentingCase.id}`,
    `/api/v1/contacts?case_id=${parentingCase.id}`,
    ...contacts.map((c) => `/api/v1/contacts/${c.id}`),
  ];
  for (const who of [officer, manager]) {
    for (const path of paths) {
      const mark = srv.auditHead();
      const r = await who.get(path, GLASS);
      assert.equal(r.status, 403, `${who.user.username} ${path}: ${r.text}`);
      assert.ok(!r.text.includes('shouting'), 'nothing of her plan');
      assert.equal(srv.audit({ action: 'denied' }, mark).length, 1, `${path} audited as denied`);
      assert.equal(srv.audit({ break_glass: true }, mark).length, 0, `${path}: no break-glass read`);
    }
  }
  // Her own worker's team and the parenting managers read them as before.
  assert.equal((await pmanager.get(`/api/v1/parent-plan-items/${planItem.id}`)).status, 200);
});

test('7. a peer mentor matched on her language, referred with her consent', async () => {
  const mentor = (name, languages, extra = {}) => created(pw, '/api/v1/peer-mentors', {
    team_id: pw.user.team_id, name, organisation: 'Kitchen Table Talks', languages, available: true, ...extra,
  });
  await mentor('Agnieszka', ['Polish', 'English']);
  const sadia = await mentor('Sadia', ['Urdu', 'Punjabi', 'English'], { gender: 'woman' });
  await created(pw, '/api/v1/parent-preferences', {
    person_id: mum.id, languages: ['Urdu'], interpreter_needed: false, language_matters: true,
  });
  const matches = (await pw.get(`/api/v1/people/${mum.id}/mentor-matches`)).body.items;
  assert.equal(matches[0].mentor.id, sadia.id, JSON.stringify(matches));
  const referral = await created(pw, '/api/v1/parent-referrals', {
    case_id: parentingCase.id, child_id: kid.id, destination: 'peer_mentor', mentor_id: sadia.id,
    consent_given: true, consent_date: day(-20), referred_on: day(-20),
  });
  assert.equal(referral.status, 'sent');
  const accepted = await pw.patch(`/api/v1/parent-referrals/${referral.id}`, { version: referral.version, status: 'accepted', status_date: day(-15) });
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal((await officer.get(`/api/v1/parent-referrals/${referral.id}`)).status, 403);
  // Without her consent nothing is recorded.
  const none = await pw.post('/api/v1/parent-referrals', {
    case_id: parentingCase.id, destination: 'family_hub', consent_given: false, referred_on: day(-1),
  });
  assert.equal(none.status, 400);
  assert.ok(none.body.errors.some((e) => e.field === 'consent_given'), none.text);
});

test('8. the intervention review: she is seen at it', async () => {
  await created(officer, '/api/v1/assessments', {
    case_id: yjCase.id, outcome_id: intervention.id, assessment_type: 'assetplus', stage: 'review', assessment_date: day(-10),
    likelihood_of_reoffending: 'medium', risk_of_serious_harm: 'low', safety_wellbeing: 'medium',
  });
  await created(pw, '/api/v1/contacts', {
    case_id: parentingCase.id, contact_date: day(-9), contact_type: 'office_visit', summary: 'Review with Noor',
    attendees: { people: [mum.id], practitioners: [pw.user.id] },
  });
  const points = (await officer.get(`/api/v1/parenting/seen?case_id=${yjCase.id}`)).body.items
    .filter((s) => s.person_id === mum.id && s.outcome_id === intervention.id);
  assert.equal(points.find((s) => s.point === 'start')?.status, 'seen', JSON.stringify(points));
  assert.ok(points.some((s) => s.point === 'review' && s.status === 'seen'), JSON.stringify(points));
  assert.ok(!JSON.stringify(points).includes(`"person_id":${victim.id}`));
});

test('9. support ends with Steps to Change scores that improved; the managers see it', async () => {
  await created(pw, '/api/v1/form-responses', scoring('start', 3, 4, day(-46)));
  await created(pw, '/api/v1/form-responses', scoring('end', 7, 8, day(-1)));
  const dist = await pw.get(`/api/v1/families/${family.id}/steps-to-change`);
  assert.equal(dist.status, 200, dist.text);
  const overall = dist.body.overall;
  assert.equal(overall.practitioner.change, 4, JSON.stringify(overall));
  assert.equal(overall.family.change, 4, JSON.stringify(overall));
  for (const b of dist.body.blocks) {
    assert.equal(b.practitioner.change, 4, b.block);
    assert.ok(!(b.flags || []).length, `${b.block} not flagged`);
  }
  const ended = await pw.patch(`/api/v1/parent-supports/${support.id}`, {
    version: support.version, end_date: day(0), end_reason: 'completed',
  });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.body.support_status, 'ended');
  // The youth justice manager sees the support's status, not her answers.
  assert.equal((await manager.get(`/api/v1/parent-supports/${support.id}`)).status, 200);
  assert.equal((await manager.get(`/api/v1/form-responses/${selfAssessment.id}`)).status, 403);
  // Another team's officer sees nothing of it.
  assert.equal((await south.get(`/api/v1/parent-supports/${support.id}`)).status, 403);
});

test('10. the managers: the journey in the whole-family measures, opened to the people behind them', async () => {
  const q = `from=${day(-60)}&to=${day(0)}`;
  // The parenting manager: Noor is a parent worked with, and behind the figure.
  const worked = await pmanager.get(`/api/v1/measures/parents-worked-with?${q}`);
  assert.equal(worked.status, 200, worked.text);
  assert.equal(worked.body.numerator, 1);
  const behind = await pmanager.get(`/api/v1/measures/parents-worked-with/children?${q}`);
  assert.deepEqual(behind.body.items.map((x) => x.person_id ?? x.id), [mum.id]);
  // The youth justice manager: Kai is a child with a parent engaged; she was
  // seen at the start and the review of his intervention.
  const engaged = await manager.get(`/api/v1/measures/parent-engagement?${q}`);
  assert.equal(engaged.status, 200, engaged.text);
  assert.equal(engaged.body.numerator, 1);
  assert.equal(engaged.body.denominator, 1);
  const seen = await manager.get(`/api/v1/measures/parents-seen?${q}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.points.start.numerator, 1, JSON.stringify(seen.body.points));
  assert.equal(seen.body.points.start.denominator, 1);
  assert.equal(seen.body.points.review.numerator, 1, JSON.stringify(seen.body.points));
  // Her referral to a mentor is in peer mentoring referrals.
  const refs = await pmanager.get(`/api/v1/measures/peer-mentoring-referrals?${q}`);
  assert.equal(refs.status, 200, refs.text);
  assert.equal(refs.body.denominator, 1);
  // Steps to Change: the family improved overall.
  const steps = await pmanager.get(`/api/v1/measures/steps-to-change?${q}`);
  assert.equal(steps.status, 200, steps.text);
  assert.equal(steps.body.numerator, 1, JSON.stringify(steps.body));
});

test('11. a victim never comes back onto the pathway by reopening a support', async () => {
  const stepdad = await created(officer, '/api/v1/people', { given_name: 'Ray', family_name: 'Amin', date_of_birth: '1980-03-03' });
  await created(officer, `/api/v1/families/${family.id}/members`, {
    person_id: stepdad.id, member_type: 'adult', relationship: 'step_father', child_id: kid.id, in_household: true,
  });
  const s = await created(pw, '/api/v1/parent-supports', {
    person_id: stepdad.id, child_case_id: yjCase.id, agreement: 'declined', agreement_date: day(-1),
  });
  const closed = await pw.post(`/api/v1/parent-supports/${s.id}/close`, { version: s.version, reason: 'Entered in error' });
  assert.equal(closed.status, 200, closed.text);
  // He becomes the victim of another child's offence.
  const other = await createdPerson(officer, { given_name: 'Lou', family_name: 'Vey', date_of_birth: dobForAge(17, 80) });
  const otherCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: other.id, team_id: officer.user.team_id, start_date: day(-5),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: otherCase.id, offence_date: day(-6), description: 'Assault', category: 'violence_against_person', gravity: 3,
  });
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: stepdad.id });
  const mark = srv.auditHead();
  const again = await pw.post(`/api/v1/parent-supports/${s.id}/reopen`, { version: closed.body.version, reason: 'Closed by mistake' });
  assert.equal(again.status, 403, again.text);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.ok(srv.audit({ action: 'denied', record_type: 'parent_support', record_id: s.id }, mark).length >= 1);
});

test('12. the same agreement sent twice at once: one support, and the other refused naming the parent', async () => {
  const aunt = await created(officer, '/api/v1/people', { given_name: 'Zara', family_name: 'Amin', date_of_birth: '1979-07-07' });
  await created(officer, `/api/v1/families/${family.id}/members`, {
    person_id: aunt.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id, in_household: true,
  });
  const body = { person_id: aunt.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-1), start_date: day(-1) };
  for (let round = 0; round < 3; round++) {
    const rs = await Promise.all([pw.post('/api/v1/parent-supports', body), pw.post('/api/v1/parent-supports', body)]);
    const won = rs.filter((r) => r.status === 201);
    assert.ok(won.length <= 1, rs.map((r) => r.text).join(' | '));
    for (const r of rs.filter((x) => x.status !== 201)) {
      assert.ok([400, 409].includes(r.status), r.text);
      assert.equal(r.body.error.field, 'person_id', r.text);
    }
  }
  const rows = (await pw.get(`/api/v1/parent-supports?person_id=${aunt.id}`)).body.items;
  assert.equal(rows.length, 1);
});

test('13. a hidden NUL character is named with every other wrong field, and nothing is stored', async () => {
  const mark = srv.auditHead();
  const r = await pw.post('/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: '2024-02-30', status: 'held', session_type: 'one_to_one',
    topic: 'confidence_building', notes: 'a\u0000b',
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['notes', 'session_date'], r.text);
  assert.deepEqual(srv.changesSince(mark), []);
});

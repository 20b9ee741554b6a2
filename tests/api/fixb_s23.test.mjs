// Session 23 FIXB: messages and rules practitioners found wrong.
// 1. Every generated message is built from the field's label, not its name.
// 2. A KPI snapshot's answers that contradict each other are a 400 naming
//    both fields (an EHCP with no special educational need identified).
// 3. Sequences go in order: a KPI snapshot's start before its release or
//    end; Steps to Change's start, then reviews, then the end (400 naming
//    the field), and a draft's page is told which stages may come next.
// 4. A name a letter away, on the same date of birth, is a possible
//    duplicate (Ayaan/Ayan, Jon/John).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, KPI_NOT_KNOWN } from './lib.mjs';

let srv, officer, kid, caseN, offence, order;

before(async () => {
  srv = await Server.start();
  [officer] = await srv.loginAll(['officer']);
  kid = await createdPerson(officer, { given_name: 'Jay', family_name: 'Reed', date_of_birth: '2008-06-01' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  offence = await created(officer, '/api/v1/offences', {
    case_id: caseN.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  order = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'referral_order', outcome_date: '2024-04-10', start_date: '2024-04-12',
    planned_end_date: '2025-04-11', offence_ids: [offence.id],
  });
});
after(async () => { await srv.stop(); });

const messages = (r) => Object.fromEntries(r.body.errors.map((e) => [e.field, e.message]));

test('KPI snapshot messages are built from the practitioner\'s labels, never from field names', async () => {
  const blank = await officer.post('/api/v1/kpi-snapshots', { outcome_id: order.id, point: 'start', measured_on: '2024-04-12' });
  assert.equal(blank.status, 400, blank.text);
  const m = messages(blank);
  assert.equal(m.ete_attending, 'Select whether the child is in education, training or employment');
  assert.equal(m.send_identified, 'Select whether a special educational need or disability has been identified');
  assert.equal(m.looked_after, 'Select whether the child is looked after');
  assert.equal(m.accommodation, 'Select the type of accommodation, or not known');
  assert.equal(m.ete_provision, 'Select the education, training or employment provision, or not known');
  for (const msg of Object.values(m)) {
    assert.doesNotMatch(msg, /\bETE\b|\bSEND\b|_/, `a field name in "${msg}"`);
  }
  const wrong = await officer.post('/api/v1/kpi-snapshots', {
    ...KPI_NOT_KNOWN, outcome_id: order.id, point: 'start', measured_on: '2024-04-12', ete_attending: 'yes', ete_hours_offered: 99,
  });
  assert.equal(wrong.status, 400, wrong.text);
  const w = messages(wrong);
  assert.equal(w.ete_attending, 'Select whether the child is in education, training or employment');
  assert.equal(w.ete_hours_offered, 'Hours of education, training or employment offered a week must be between 0 and 60');
});

test('other resources\' messages read as practitioners say them', async () => {
  const v = await officer.post('/api/v1/victims', { case_id: caseN.id, offence_id: offence.id, rj_offered: 'maybe' });
  assert.equal(v.status, 400, v.text);
  assert.equal(messages(v).rj_offered, 'Select whether restorative justice was offered');
  const c = await officer.post('/api/v1/contacts', { case_id: caseN.id, child_seen: 3 });
  assert.equal(c.status, 400, c.text);
  const cm = messages(c);
  assert.equal(cm.child_seen, 'Select whether the child was seen');
  assert.equal(cm.contact_type, 'Select the type of contact');
});

test('a KPI snapshot whose answers contradict each other is refused, naming both fields', async () => {
  const snap = {
    ...KPI_NOT_KNOWN, outcome_id: order.id, point: 'start', measured_on: '2024-04-12',
  };
  const before = srv.auditHead();
  for (const [body, fields, re] of [
    [{ learning_plan: 'ehcp', send_identified: false }, ['learning_plan', 'send_identified'],
      /^You can only record an education, health and care plan \(EHCP\) if a special educational need or disability has been identified$/],
    [{ learning_plan: 'sen_support', send_identified: null }, ['learning_plan', 'send_identified'], /SEN support/],
    [{ mental_health_offered: true, mental_health_need: false }, ['mental_health_need', 'mental_health_offered'],
      /^You can only say a mental health intervention was planned or offered if the child has a mental health or emotional wellbeing need$/],
    [{ substance_misuse_need: true, substance_misuse_offered: false, substance_misuse_attending: true },
      ['substance_misuse_attending', 'substance_misuse_offered'], /^You can only say the child is attending substance misuse treatment/],
    [{ ete_hours_offered: 10, ete_hours_attended: 12 }, ['ete_hours_attended', 'ete_hours_offered'],
      /^Hours attended must be the same as or fewer than hours offered$/],
  ]) {
    const r = await officer.post('/api/v1/kpi-snapshots', { ...snap, ...body });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field).sort(), fields, r.text);
    for (const e of r.body.errors) assert.match(e.message, re);
  }
  assert.deepEqual(srv.changesSince(before), []);
  const ok = await created(officer, '/api/v1/kpi-snapshots', { ...snap, learning_plan: 'ehcp', send_identified: true });
  assert.equal(ok.learning_plan, 'ehcp');
  // A change that makes them contradict is refused too.
  const ch = await officer.patch(`/api/v1/kpi-snapshots/${ok.id}`, { version: ok.version, send_identified: false });
  assert.equal(ch.status, 400, ch.text);
  assert.deepEqual(ch.body.errors.map((e) => e.field).sort(), ['learning_plan', 'send_identified']);
});

const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];
const stepsAnswers = (stage) => {
  const a = { stage, assessment: 'early_help' };
  for (const b of BLOCKS) { a[`${b}_practitioner`] = 5; a[`${b}_family`] = 5; }
  return a;
};

test('a KPI snapshot at the end or the release needs one at the start', async () => {
  const o = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'detention_training_order', outcome_date: '2024-05-10', start_date: '2024-05-12',
    planned_end_date: '2024-11-11', release_date: '2024-08-12', offence_ids: [offence.id], allow_duplicate: true,
  });
  const snap = { ...KPI_NOT_KNOWN, outcome_id: o.id, measured_on: '2024-08-12' };
  const before = srv.auditHead();
  for (const point of ['end', 'release']) {
    const r = await officer.post('/api/v1/kpi-snapshots', { ...snap, point });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => [e.field, e.message]),
      [['point', 'Record the start first: this intervention has no KPI snapshot at its start yet']]);
  }
  assert.deepEqual(srv.changesSince(before), []);
  await created(officer, '/api/v1/kpi-snapshots', { ...snap, point: 'start', measured_on: '2024-05-12' });
  const again = await officer.post('/api/v1/kpi-snapshots', { ...snap, point: 'start', measured_on: '2024-05-13' });
  assert.equal(again.status, 400, again.text);
  assert.equal(again.body.error.field, 'point');
  const rel = await created(officer, '/api/v1/kpi-snapshots', { ...snap, point: 'release' });
  assert.equal(rel.point, 'release');
});

test('Steps to Change goes start, reviews, end: out of order is refused, naming the stage', async () => {
  const fam = await created(officer, '/api/v1/families', { name: 'The Reed family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const body = (stage, authored, status = 'completed') => ({
    form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored, status, answers: stepsAnswers(stage),
  });
  const before = srv.auditHead();
  for (const stage of ['end', 'review']) {
    const r = await officer.post('/api/v1/form-responses', body(stage, '2024-03-01'));
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => [e.field, e.message]),
      [['stage', 'Score the start first: this family has no Steps to Change scoring at the start yet']]);
  }
  assert.deepEqual(srv.changesSince(before), []);
  // A draft asks which stages may come next: only the start.
  const draft = await created(officer, '/api/v1/form-responses', { ...body('start', '2024-03-01', 'in-progress'), answers: {} });
  assert.deepEqual((await officer.get(`/api/v1/form-responses/${draft.id}`)).body.stages, { question: 'stage', allowed: ['start'] });
  const start = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version, status: 'completed', answers: stepsAnswers('start') });
  assert.equal(start.status, 200, start.text);
  const second = await officer.post('/api/v1/form-responses', body('start', '2024-03-02'));
  assert.equal(second.status, 400, second.text);
  assert.deepEqual(second.body.errors.map((e) => [e.field, e.message]),
    [['stage', 'Select a later stage: this family already has a Steps to Change scoring at the start']]);
  const d2 = await created(officer, '/api/v1/form-responses', { ...body('review', '2024-04-01', 'in-progress'), answers: {} });
  assert.deepEqual((await officer.get(`/api/v1/form-responses/${d2.id}`)).body.stages.allowed, ['review', 'end']);
  // A draft moved to a stage out of order is refused too.
  const bad = await officer.patch(`/api/v1/form-responses/${d2.id}`, { version: d2.version, answers: stepsAnswers('start') });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.body.error.field, 'stage');
  await created(officer, '/api/v1/form-responses', body('review', '2024-04-01'));
  await created(officer, '/api/v1/form-responses', body('end', '2024-05-01'));
  const after = await officer.post('/api/v1/form-responses', body('review', '2024-06-01'));
  assert.equal(after.status, 400, after.text);
  assert.equal(after.body.error.message, 'Score a new start first: this family’s Steps to Change has ended');
  // A family that comes back starts again.
  const again = await created(officer, '/api/v1/form-responses', body('start', '2024-07-01'));
  assert.equal(again.status, 'completed');
});

test('one-letter name variants on the same date of birth are possible duplicates; other days are not', async () => {
  const ayaan = await created(officer, '/api/v1/people', { given_name: 'Ayaan', family_name: 'Khan', date_of_birth: '2010-02-03' });
  const john = await created(officer, '/api/v1/people', { given_name: 'John', family_name: 'Smith', date_of_birth: '2011-04-05' });
  for (const [body, of] of [
    [{ given_name: 'Ayan', family_name: 'Khan', date_of_birth: '2010-02-03' }, ayaan],
    [{ given_name: 'Jon', family_name: 'Smith', date_of_birth: '2011-04-05' }, john],
    [{ given_name: 'JOHN', family_name: 'Smyth', date_of_birth: '2011-04-05' }, john],
  ]) {
    const r = await officer.post('/api/v1/people', body);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error.code, 'possible_duplicate');
    assert.deepEqual(r.body.error.duplicates.map((d) => d.id), [of.id], r.text);
    const d = await officer.post('/api/v1/people/duplicates', body);
    assert.deepEqual(d.body.items.map((x) => x.id), [of.id], d.text);
  }
  // Another day of birth, or a name two letters away, is another person.
  for (const body of [
    { given_name: 'Ayan', family_name: 'Khan', date_of_birth: '2010-02-04' },
    { given_name: 'Jo', family_name: 'Smith', date_of_birth: '2011-04-05' },
  ]) {
    const r = await officer.post('/api/v1/people', body);
    assert.equal(r.status, 201, r.text);
  }
});

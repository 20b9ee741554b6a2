// The forms engine (docs/forms.md): a form definition added as data (a
// FHIR Questionnaire in the forms directory, here one that exists only in
// the tests) is served, answered, validated, scored and flagged with no
// change to Spire's code; drafts are saved and resumed; a completed
// response is immutable and corrected by supersession; access and audit
// follow the record the form is about.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, officer2, south, social, kid, caseN, family, formsDir;

const wellbeing = (answers, extra = {}) => ({
  form_id: 'wellbeing-check', case_id: caseN.id, completed_by: 'jointly', authored: '2024-05-01',
  status: 'completed', answers, ...extra,
});
const fieldsOf = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();

before(async () => {
  formsDir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  for (const f of readdirSync('forms')) copyFileSync(join('forms', f), join(formsDir, f));
  copyFileSync('tests/forms/wellbeing-check.json', join(formsDir, 'wellbeing-check.json'));
  srv = await Server.start({ env: { SPIRE_FORMS_DIR: formsDir } });
  [officer, officer2, south, social] = await srv.loginAll(['officer', 'officer2', 'officer_south', 'social']);
  kid = await createdPerson(officer, { given_name: 'Ada', family_name: 'Lowe', date_of_birth: '2009-02-03' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  family = await created(officer, '/api/v1/families', { name: 'The Lowe family' });
});
after(async () => { await srv.stop(); rmSync(formsDir, { recursive: true, force: true }); });

test('the forms loaded are listed, and each definition is served as it was written', async () => {
  const r = await officer.get('/api/v1/forms');
  assert.equal(r.status, 200, r.text);
  const ids = r.body.items.map((f) => `${f.id}@${f.version}`).sort();
  assert.deepEqual(ids, ['parent-self-assessment@1', 'parenting-confidence@1', 'prevention-diversion@1', 'steps-to-change@1', 'wellbeing-check@1']);
  const d = await officer.get('/api/v1/forms/definition?id=wellbeing-check');
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.resourceType, 'Questionnaire');
  assert.equal(d.body.item[0].linkId, 'mood');
  assert.equal((await officer.get('/api/v1/forms/definition?id=nope')).status, 404);
});

test('a completed response is stored as a QuestionnaireResponse, scored and flagged', async () => {
  const rec = await created(officer, '/api/v1/form-responses', wellbeing({
    sleep: 'poorly', worries: ['home', 'school'], in_school: false, left_school_on: '2024-04-02', notes: 'Quiet',
  }));
  assert.equal(rec.status, 'completed');
  assert.equal(rec.form_version, 1);
  assert.equal(rec.subject_type, 'case');
  assert.equal(rec.person_id, kid.id, 'the person comes from the case');
  assert.deepEqual(rec.answers, {
    sleep: 'poorly', worries: ['home', 'school'],
    in_school: false, left_school_on: '2024-04-02', notes: 'Quiet',
  });
  // The mean of 2 (poorly), 2 (home) and 1 (school), to two places;
  // at least 1.5 raises low-wellbeing.
  assert.equal(rec.scores.mood, Math.round(((2 + 2 + 1) / 3) * 100) / 100);
  assert.deepEqual(rec.flags.sort(), ['low-wellbeing', 'not-in-school']);
  const doc = rec.response;
  assert.equal(doc.resourceType, 'QuestionnaireResponse');
  assert.equal(doc.questionnaire, 'https://spire.example/fhir/Questionnaire/wellbeing-check|1');
  assert.equal(doc.status, 'completed');
  assert.equal(doc.authored, '2024-05-01');
  const mood = doc.item.find((i) => i.linkId === 'mood');
  assert.deepEqual(mood.item.find((i) => i.linkId === 'sleep').answer, [{ valueCoding: { code: 'poorly', display: 'Poorly' } }]);
  const g = await officer2.get(`/api/v1/form-responses/${rec.id}`);
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(g.body.response, doc, 'the document is stored as shown');
  assert.deepEqual(g.body.answers, rec.answers);
  const list = await officer.get(`/api/v1/form-responses?case_id=${caseN.id}&form_id=wellbeing-check`);
  assert.ok(list.body.items.some((x) => x.id === rec.id), list.text);
});

test('every wrong answer is named by its linkId in one 400, and nothing is stored', async () => {
  const before = srv.auditHead();
  const r = await officer.post('/api/v1/form-responses', wellbeing({
    sleep: 'badly', // not an option
    worries: 'home', // fine: one answer to a repeating item
    in_school: 'yes', // not a boolean
    days_missed: 2.5, // not a whole number (and in_school is not true)
    notes: 'x'.repeat(201), // too long
    shoe_size: 5, // not in the form
  }, { completed_by: 'the dog' }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['completed_by', 'days_missed', 'in_school', 'notes', 'shoe_size', 'sleep']);
  const msg = Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
  assert.match(msg.sleep, /^Select one of the options for/);
  assert.match(msg.in_school, /^Select yes or no for/);
  assert.match(msg.days_missed, /^Enter a whole number for/);
  assert.match(msg.notes, /must be 200 characters or fewer/);
  assert.match(msg.shoe_size, /its question is not in this form/);
  assert.deepEqual(srv.changesSince(before), []);
});

test('required items are required only when enabled, and answers to disabled items are refused', async () => {
  // in_school true enables days_missed (required); sleep is required.
  let r = await officer.post('/api/v1/form-responses', wellbeing({ in_school: true }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['days_missed', 'sleep']);
  assert.match(r.body.errors.find((x) => x.field === 'sleep').message, /^Select an answer for/);
  assert.match(r.body.errors.find((x) => x.field === 'days_missed').message, /^Enter an answer for/);
  // in_school false: days_missed does not apply, and may not be answered.
  r = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false, days_missed: 3 }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['days_missed']);
  assert.match(r.body.error.message, /does not apply/);
  const ok = await created(officer, '/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false }));
  assert.deepEqual(ok.flags, ['not-in-school']);
  assert.equal(ok.scores.mood, 0);
});

test('a draft is saved incomplete, resumed, then completed; a completed response cannot change', async () => {
  const draft = await created(officer, '/api/v1/form-responses', wellbeing({ in_school: true }, { status: 'in-progress' }));
  assert.equal(draft.status, 'in-progress');
  assert.equal(draft.response.status, 'in-progress');
  // Resume: the answers are kept when the body gives none.
  let r = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: 1, completed_by: 'child' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.answers, { in_school: true });
  // Completing checks the required items.
  r = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: 2, status: 'completed' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['days_missed', 'sleep']);
  r = await officer.patch(`/api/v1/form-responses/${draft.id}`, {
    version: 2, status: 'completed', answers: { in_school: true, days_missed: 4, sleep: 'very_poorly' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'completed');
  assert.deepEqual(r.body.flags, ['low-wellbeing']);
  const frozen = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: 3, answers: { sleep: 'well', in_school: false } });
  assert.equal(frozen.status, 409, frozen.text);
  assert.match(frozen.body.error.message, /correct it instead/);
  const doc = (await officer.get(`/api/v1/form-responses/${draft.id}`)).body;
  assert.equal(doc.version, 3, 'unchanged');
  assert.match(JSON.stringify(doc.response), /very_poorly/, 'unchanged');
  for (const key of ['document', 'subject_type', 'supersedes_id']) {
    const bad = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false }, { [key]: 'x' }));
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.error.field, key);
  }
});

test('a correction supersedes a completed response with a reason; the original is kept', async () => {
  const first = await created(officer, '/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false }));
  const noReason = await officer.post(`/api/v1/form-responses/${first.id}/correct`, { version: 1, answers: {} });
  // The reason and the required answers missing are named together.
  assert.equal(noReason.status, 400, noReason.text);
  assert.deepEqual(fieldsOf(noReason), ['in_school', 'reason', 'sleep']);
  const bad = await officer.post(`/api/v1/form-responses/${first.id}/correct`, { version: 1, reason: 'Wrong answer', answers: { sleep: 'well' } });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['in_school']);
  const c = await officer.post(`/api/v1/form-responses/${first.id}/correct`, {
    version: 1, reason: 'The child is at school after all', answers: { sleep: 'well', in_school: true, days_missed: 0 },
  });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.supersedes_id, first.id);
  assert.equal(c.body.correction_reason, 'The child is at school after all');
  assert.equal(c.body.form_version, 1);
  assert.deepEqual(c.body.flags, []);
  const old = await officer.get(`/api/v1/form-responses/${first.id}`);
  assert.equal(old.body.superseded, true);
  assert.equal(old.body.superseded_by, c.body.id);
  assert.deepEqual(old.body.answers, { sleep: 'well', in_school: false }, 'what it said is kept');
  const again = await officer.post(`/api/v1/form-responses/${first.id}/correct`, {
    version: 2, reason: 'Again', answers: { sleep: 'well', in_school: false },
  });
  assert.equal(again.status, 409, again.text);
  const list = await officer.get(`/api/v1/form-responses?case_id=${caseN.id}`);
  assert.ok(!list.body.items.some((x) => x.id === first.id), 'superseded responses are not listed by default');
  const all = await officer.get(`/api/v1/form-responses?case_id=${caseN.id}&include_closed=true`);
  assert.ok(all.body.items.some((x) => x.id === first.id));
  // Entered in error.
  const closed = await officer.post(`/api/v1/form-responses/${c.body.id}/close`, { version: 1, reason: 'Wrong child' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.status, 'entered-in-error');
});

test('responses about a person or a family; the subject decides who may read and write', async () => {
  const pd = await created(officer, '/api/v1/form-responses', {
    form_id: 'prevention-diversion', person_id: kid.id, completed_by: 'practitioner', authored: '2024-05-02',
    status: 'completed', answers: { circumstances: 'Lives with mum', exit_plan: 'Youth club' },
  });
  assert.equal(pd.subject_type, 'person');
  const fam = await created(officer, '/api/v1/form-responses', {
    form_id: 'wellbeing-check', family_id: family.id, completed_by: 'parent', authored: '2024-05-02',
    status: 'in-progress', answers: {},
  });
  assert.equal(fam.subject_type, 'family');
  // Another team in the service, and another service, cannot read them.
  for (const c of [south, social]) {
    for (const id of [pd.id, fam.id]) assert.equal((await c.get(`/api/v1/form-responses/${id}`)).status, 403);
    const w = await c.post('/api/v1/form-responses', { ...wellbeing({ sleep: 'well', in_school: false }) });
    assert.equal(w.status, 403, w.text);
    assert.equal(w.body.error.field, 'case_id');
  }
  assert.equal((await south.patch(`/api/v1/form-responses/${fam.id}`, { version: 1, answers: {} })).status, 403);
  // Two subjects, or none.
  const two = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false }, { person_id: kid.id }));
  assert.equal(two.status, 400, two.text);
  // Future dates are refused.
  const future = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: false }, { authored: '2999-01-01' }));
  assert.equal(future.status, 400, future.text);
  assert.equal(future.body.error.field, 'authored');
  // Audited about the child.
  const audit = srv.audit({ record_type: 'form_response', record_id: pd.id, person_id: kid.id }).length;
  assert.ok(audit >= 1, String(audit));
});

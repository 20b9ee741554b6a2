// Form definitions and the responses Spire stores are valid FHIR R4
// (Questionnaire and QuestionnaireResponse), checked with the npm `fhir`
// package's validator against the core specification, unknown elements
// being errors: the shipped forms, the test-only form, and responses of
// every kind Spire writes (a draft, a completed response with scores and
// flags, a correction, a prevention and diversion assessment's sections).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fhirPackage from 'fhir';
import { Server, created, createdPerson } from './lib.mjs';

const fhir = new fhirPackage.Fhir();
const check = (doc, what) => {
  const r = fhir.validate(doc, { errorOnUnexpected: true });
  const errors = r.messages.filter((m) => m.severity === 'error');
  assert.deepEqual(errors, [], `${what} is not valid FHIR R4`);
};

let srv, officer, kase, dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  for (const f of readdirSync('forms')) copyFileSync(join('forms', f), join(dir, f));
  copyFileSync('tests/forms/wellbeing-check.json', join(dir, 'wellbeing-check.json'));
  srv = await Server.start({ env: { SPIRE_FORMS_DIR: dir } });
  officer = await srv.login('officer');
  const kid = await createdPerson(officer, {});
  kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

test('the validator refuses what is not R4 (so that it can fail)', () => {
  const bad = JSON.parse(readFileSync('tests/forms/wellbeing-check.json', 'utf8'));
  bad.item[2].type = 'slider';
  bad.status = 'live';
  const r = fhir.validate(bad, { errorOnUnexpected: true });
  assert.equal(r.valid, false);
  assert.deepEqual(r.messages.map((m) => m.location).sort(), ['Questionnaire.item[2].type', 'Questionnaire.status']);
});

test('every form definition is a valid R4 Questionnaire', () => {
  for (const f of [...readdirSync('forms').map((x) => join('forms', x)), 'tests/forms/wellbeing-check.json']) {
    check(JSON.parse(readFileSync(f, 'utf8')), f);
  }
});

test('every response Spire stores is a valid R4 QuestionnaireResponse', async () => {
  const base = { form_id: 'wellbeing-check', case_id: kase.id, completed_by: 'jointly', authored: '2024-05-01' };
  const draft = await created(officer, '/api/v1/form-responses', { ...base, status: 'in-progress', answers: {} });
  const done = await created(officer, '/api/v1/form-responses', {
    ...base, status: 'completed',
    answers: { sleep: 'very_poorly', worries: ['home', 'school'], in_school: false, left_school_on: '2024-04-02', notes: 'Quiet' },
  });
  const fixed = await officer.post(`/api/v1/form-responses/${done.id}/correct`, {
    version: 1, reason: 'At school', answers: { sleep: 'well', in_school: true, days_missed: 2 },
  });
  assert.equal(fixed.status, 201, fixed.text);
  const pd = await created(officer, '/api/v1/assessments', {
    case_id: kase.id, assessment_type: 'prevention_diversion', stage: 'start', assessment_date: '2024-03-20',
    circumstances: 'Lives with gran', exit_plan: 'Youth club',
  });
  const ids = [draft.id, done.id, fixed.body.id, pd.form_response_id];
  for (const id of ids) {
    const g = await officer.get(`/api/v1/form-responses/${id}`);
    assert.equal(g.status, 200, g.text);
    check(g.body.response, `stored response ${id}`);
  }
  assert.ok(done.response.extension.length >= 2, 'scores and flags are carried as extensions');
});

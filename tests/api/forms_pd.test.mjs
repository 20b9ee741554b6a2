// The prevention and diversion assessment on the forms engine
// (docs/forms.md): its sections are held as a form response of form
// "prevention-diversion", linked from the assessment, never in the
// assessment's own columns; the assessments API reads and writes them as
// before; a change supersedes the earlier response; closing the
// assessment closes its response. (How it is held in the file, the
// migration and the demo data: tests/store/.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, kid, kase;
const SECTIONS = ['circumstances', 'diversity_needs', 'family_needs', 'exploitation', 'behaviour',
  'childs_plan', 'professionals_plan', 'exit_plan'];
const pd = (extra = {}) => ({
  case_id: kase.id, assessment_type: 'prevention_diversion', stage: 'start', assessment_date: '2024-03-20',
  circumstances: 'Lives with gran', exploitation: 'None known', childs_plan: 'Boxing club', ...extra,
});

before(async () => {
  srv = await Server.start();
  officer = await srv.login('officer');
  kid = await createdPerson(officer, {});
  kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
});
after(async () => { await srv.stop(); });

test('the sections are a linked form response, shown as the assessment\'s fields', async () => {
  const a = await created(officer, '/api/v1/assessments', pd());
  for (const k of SECTIONS) assert.ok(k in a, `${k} is in the reply`);
  assert.equal(a.circumstances, 'Lives with gran');
  assert.equal(a.childs_plan, 'Boxing club');
  assert.equal(a.exit_plan, null);
  assert.ok(a.form_response_id > 0, 'linked');
  // (That they are not in the assessment's own columns: tests/store/forms_pd.test.mjs.)
  const r = await officer.get(`/api/v1/form-responses/${a.form_response_id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.form_id, 'prevention-diversion');
  assert.equal(r.body.status, 'completed');
  assert.equal(r.body.case_id, kase.id);
  assert.equal(r.body.authored, '2024-03-20');
  assert.deepEqual(r.body.answers, { circumstances: 'Lives with gran', exploitation: 'None known', childs_plan: 'Boxing club' });
  const list = await officer.get(`/api/v1/assessments?case_id=${kase.id}`);
  assert.equal(list.body.items.find((x) => x.id === a.id).exploitation, 'None known');
});

test('a change keeps the other sections and supersedes the earlier response', async () => {
  const a = await created(officer, '/api/v1/assessments', pd());
  const u = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 1, exit_plan: 'Youth club', exploitation: null });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.circumstances, 'Lives with gran');
  assert.equal(u.body.exit_plan, 'Youth club');
  assert.equal(u.body.exploitation, null);
  assert.notEqual(u.body.form_response_id, a.form_response_id);
  const old = await officer.get(`/api/v1/form-responses/${a.form_response_id}`);
  assert.equal(old.body.superseded_by, u.body.form_response_id);
  assert.deepEqual(old.body.answers.exploitation, 'None known', 'the earlier answers are kept');
  // A change that gives no section leaves the response alone.
  const s = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 2, stage: 'review' });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.body.form_response_id, u.body.form_response_id);
  assert.equal(s.body.exit_plan, 'Youth club');
  // Sections given as they are held change nothing either.
  const before = srv.auditHead();
  const same = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 3, exit_plan: 'Youth club', exploitation: null });
  assert.equal(same.status, 200, same.text);
  assert.equal(`${same.body.version}|${same.body.form_response_id}`, `3|${u.body.form_response_id}`);
  assert.deepEqual(srv.changesSince(before), []);
});

test('bad sections are refused naming each, with nothing stored', async () => {
  const before = srv.auditHead();
  const r = await officer.post('/api/v1/assessments', pd({ behaviour: 'x'.repeat(10001), family_needs: 7 }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['behaviour', 'family_needs']);
  assert.deepEqual(srv.changesSince(before), []);
  // AssetPlus assessments hold no sections, as before.
  const ap = await officer.post('/api/v1/assessments', {
    case_id: kase.id, assessment_type: 'assetplus', stage: 'start', assessment_date: '2024-03-21',
    likelihood_of_reoffending: 'low', risk_of_serious_harm: 'low', safety_wellbeing: 'low', exit_plan: 'x',
  });
  assert.equal(ap.status, 400, ap.text);
  assert.equal(ap.body.error.field, 'exit_plan');
});

test('closing the assessment closes its response', async () => {
  const a = await created(officer, '/api/v1/assessments', pd());
  const c = await officer.post(`/api/v1/assessments/${a.id}/close`, { version: 1, reason: 'Entered in error' });
  assert.equal(c.status, 200, c.text);
  const r = await officer.get(`/api/v1/form-responses/${a.form_response_id}`);
  assert.equal(r.body.status, 'entered-in-error');
  assert.equal(r.body.closed_reason, 'Entered in error');
});

// A response that belongs to an assessment is written only through the
// assessment, by every role; reading it follows the assessment's rules.
test('an assessment\'s response is changed only from the assessment, for every role', async () => {
  const [pw, manager] = await Promise.all([srv.login('parentworker'), srv.login('manager')]);
  const a = await created(officer, '/api/v1/assessments', pd());
  const rid = a.form_response_id;
  for (const who of [pw, officer, manager]) {
    const c = await who.post(`/api/v1/form-responses/${rid}/correct`,
      { version: 1, reason: 'x', answers: { childs_plan: 'changed' } });
    assert.equal(c.status, 409, c.text);
    assert.match(c.body.error.message, /from the assessment/);
    assert.doesNotMatch(c.body.error.message, /\d/, 'names no ids');
    const p = await who.patch(`/api/v1/form-responses/${rid}`, { version: 1, answers: { childs_plan: 'changed' } });
    assert.equal(p.status, 409, p.text);
    assert.match(p.body.error.message, /from the assessment/);
    const cl = await who.post(`/api/v1/form-responses/${rid}/close`, { version: 1, reason: 'Entered in error' });
    assert.equal(cl.status, 409, cl.text);
    assert.match(cl.body.error.message, /from the assessment/);
  }
  const r = await officer.get(`/api/v1/form-responses/${rid}`);
  assert.equal(r.body.version, 1);
  assert.equal(r.body.superseded, false);
  assert.equal(r.body.status, 'completed');
  assert.equal(r.body.answers.childs_plan, 'Boxing club');
  // The officer's change still goes through, and the earlier response
  // (now superseded) is still refused on /form-responses.
  const u = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 1, childs_plan: 'Football' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.childs_plan, 'Football');
  const old = await manager.post(`/api/v1/form-responses/${rid}/close`, { version: 2, reason: 'Entered in error' });
  assert.equal(old.status, 409, old.text);
  const now = await officer.post(`/api/v1/form-responses/${u.body.form_response_id}/correct`,
    { version: 1, reason: 'x', answers: { childs_plan: 'changed' } });
  assert.equal(now.status, 409, now.text);
  const again = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 2, exit_plan: 'Youth club' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.childs_plan, 'Football');
});

test('an assessment\'s response is read as the assessment is', async () => {
  const a = await created(officer, '/api/v1/assessments', pd());
  // officer_south has no relation to the case: the assessment and its
  // response are both outside their caseload.
  const south = await srv.login('officer_south');
  const ga = await south.get(`/api/v1/assessments/${a.id}`);
  const gr = await south.get(`/api/v1/form-responses/${a.form_response_id}`);
  assert.equal(gr.status, ga.status, gr.text);
  const mine = await officer.get(`/api/v1/form-responses?case_id=${kase.id}&form_id=prevention-diversion`);
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.items.some((x) => x.id === a.form_response_id));
  // The response names the assessment it belongs to.
  const r = await officer.get(`/api/v1/form-responses/${a.form_response_id}`);
  assert.equal(r.body.assessment_id, a.id);
});


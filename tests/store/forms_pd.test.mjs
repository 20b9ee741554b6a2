// How the prevention and diversion assessment is held in the database file
// (moved here from tests/api/forms_pd.test.mjs, which tests what the API
// shows): its sections are never in the assessment's own columns, and an
// assessment whose response was damaged by builds before the refusals
// (written here straight to the file) can still be changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, sql } from './lib.mjs';

let srv, officer, kid, kase;
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

test('the sections are not in the assessment\'s own columns', async () => {
  const a = await created(officer, '/api/v1/assessments', pd());
  assert.ok(a.form_response_id > 0, 'linked');
  assert.equal(sql(srv.db, `SELECT COALESCE(circumstances, exploitation, childs_plan, 'none') FROM yj_assessments WHERE id = ${a.id}`), 'none',
    'not in the assessment\'s columns');
});

test('an assessment whose response was closed or corrected elsewhere (before that was refused) can still be changed', async () => {
  for (const damage of ['closed', 'superseded']) {
    const a = await created(officer, '/api/v1/assessments', pd());
    const rid = a.form_response_id;
    // What the refused requests used to do, written straight to the database.
    if (damage === 'closed') {
      sql(srv.db, `UPDATE form_responses SET closed_at = '2024-04-01T10:00:00Z', closed_reason = 'x', version = version + 1 WHERE id = ${rid}`);
    } else {
      const other = await created(officer, '/api/v1/form-responses', {
        form_id: 'prevention-diversion', case_id: kase.id, completed_by: 'practitioner', authored: '2024-04-01',
        status: 'completed', answers: { childs_plan: 'changed' },
      });
      sql(srv.db, `UPDATE form_responses SET superseded_by = ${other.id}, version = version + 1 WHERE id = ${rid}`);
    }
    const u = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 1, exit_plan: 'Youth club' });
    assert.equal(u.status, 200, `${damage}: ${u.text}`);
    assert.equal(u.body.exit_plan, 'Youth club');
    assert.equal(u.body.childs_plan, 'Boxing club');
    const r = await officer.get(`/api/v1/form-responses/${u.body.form_response_id}`);
    assert.equal(r.body.status, 'completed');
    assert.equal(r.body.superseded, false);
  }
});

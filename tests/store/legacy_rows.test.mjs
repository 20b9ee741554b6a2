// States that no request can make today (rows stored by earlier builds,
// or by paths the API does not offer), arranged by writing to the database
// file, and what the API does with them (moved here from
// tests/api/yj_casework.test.mjs and tests/api/access.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, sql } from './lib.mjs';

let srv, officer, social;
before(async () => {
  srv = await Server.start();
  [officer, social] = await srv.loginAll(['officer', 'social']);
});
after(async () => { await srv.stop(); });

// A youth justice child who also has an early help case held by a social
// worker. Through the child (not the case), a user sees only the records on
// cases they may open: the social worker sees the child, not the youth
// justice records. (The social worker cannot open a case for a child
// outside their caseload through the API, and nobody else may open an early
// help case for them.)
test('an early help case for a youth justice child shows the social worker the child, not the offences', async () => {
  const kid = await createdPerson(officer, { given_name: 'Jay', family_name: 'Reed', date_of_birth: '2008-06-01' });
  const caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  await created(officer, '/api/v1/offences', {
    case_id: caseN.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  assert.equal((await social.get(`/api/v1/people/${kid.id}`)).status, 403, 'not before the early help case');
  sql(srv.db, `INSERT INTO cases(person_id, service_id, team_id, worker_id, start_date, created_at)
    SELECT ${kid.id}, service_id, id, ${social.user.id}, '2024-05-01', '2024-05-01T00:00:00Z' FROM teams WHERE id = ${social.user.team_id}`);
  assert.equal((await social.get(`/api/v1/people/${kid.id}`)).status, 200, 'the social worker now sees the child');
  const eh = await social.get(`/api/v1/offences?person_id=${kid.id}`);
  assert.equal(eh.status, 200, eh.text);
  assert.deepEqual(eh.body.items, []);
  assert.ok((await officer.get(`/api/v1/offences?person_id=${kid.id}`)).body.items.length > 0, 'the offence is there');
});

// An offence stored before the under-10 rule (the API now refuses it, and
// refuses a date of birth that would make one) cannot lead to an outcome
// once the child is older.
test('an offence stored for a child under 10 leads to no outcome', async () => {
  const young = await createdPerson(officer, { given_name: 'Tiny', family_name: 'Access', date_of_birth: '2015-06-15' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: young.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-07-01',
  });
  const legacy = Number(sql(srv.db, `INSERT INTO yj_offences(person_id, case_id, offence_date, description, category, gravity, created_at)
    VALUES (${young.id}, ${c.id}, '2024-07-02', 'Old record', 'theft', 2, '2024-07-02T10:00:00Z') RETURNING id`));
  const late = await officer.post('/api/v1/outcomes', { case_id: c.id, outcome_type: 'youth_caution', outcome_date: '2025-07-01', offence_ids: [legacy] });
  assert.equal(late.status, 400, late.text);
  assert.equal(late.body.error.field, 'offence_ids[0]');
});

// A team named with a leading line break (refused by the API and the CLI
// now, stored by earlier builds) cannot start a formula in a CSV download:
// the cell is quoted and neutralised.
test('a team whose stored name starts with a line break is neutralised in CSV', async () => {
  const manager = await srv.login('manager');
  const teamId = Number(sql(srv.db, `INSERT INTO teams(service_id, name, created_at)
    SELECT id, char(10) || '=1+1', '2021-01-01' FROM services WHERE code = 'youth_justice' RETURNING id`));
  const p = await createdPerson(manager, { given_name: 'Csv', family_name: 'Child', date_of_birth: '2006-05-05' });
  const k = await created(manager, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: teamId, start_date: '2021-01-01',
  });
  const o = await created(manager, '/api/v1/offences', {
    case_id: k.id, offence_date: '2021-01-15', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  await created(manager, '/api/v1/outcomes', {
    case_id: k.id, outcome_type: 'remand_youth_detention', outcome_date: '2021-09-01', offence_ids: [o.id],
  });
  const res = await manager.get('/api/v1/measures/remands?from=2021-04-01&to=2022-03-31&by=team&format=csv');
  assert.equal(res.status, 200, res.text);
  assert.ok(res.text.includes(',team,"\'\n=1+1",'), res.text);
  assert.ok(!res.text.includes(',team,"\n'), res.text);
});

// Access over states that no request can make today, arranged by writing
// to the database file (moved here from tests/api/yj_casework.test.mjs):
// a youth justice child who also has an early help case held by a social
// worker. Through the child (not the case), a user sees only the records
// on cases they may open: the social worker sees the child, not the youth
// justice records. (The social worker cannot open a case for a child
// outside their caseload through the API, and nobody else may open an
// early help case for them.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, sql } from './lib.mjs';

let srv, officer, social;
before(async () => {
  srv = await Server.start();
  [officer, social] = await srv.loginAll(['officer', 'social']);
});
after(async () => { await srv.stop(); });

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

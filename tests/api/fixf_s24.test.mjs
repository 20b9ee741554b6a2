// Access, scope and refusals of session 24 (helper FIXF), each test FAILS
// while the fault it names is present. Runs on SQLite, and on PostgreSQL
// with SPIRE_TEST_STORE=postgresql.
//
// 1. A record a request names by id that the user may not open is answered
//    exactly as one that does not exist (a case's family_id), the attempt
//    audited as denied about the family's members.
// 2. Records say what the user may do with them (`can`), from the same
//    policy function that decides (policy_reassign).
// 3. Refused family plans and Steps to Change decisions are audited about
//    the family's members, never about nobody.
// 4. A child has at most one open youth justice case, whichever team holds
//    it: after a transfer the old team cannot open a second one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, officer2, manager, south, hub;

before(async () => {
  srv = await Server.start();
  [officer, officer2, manager, south, hub] = await srv.loginAll(['officer', 'officer2', 'manager', 'officer_south', 'hub']);
});
after(async () => { await srv.stop(); });

const openCase = (c, person, extra = {}) => ({
  service: 'youth_justice', reason: 'Referral order', person_id: person.id, team_id: c.user.team_id,
  worker_id: c.user.id, start_date: '2024-01-10', ...extra,
});

// A family of YJ South with a child and a mother, outside YJ North's scope.
async function southFamily(name) {
  const kid = await createdPerson(south, { given_name: 'Sol', family_name: name });
  const mum = await created(south, '/api/v1/people', { given_name: 'Suri', family_name: name, date_of_birth: '1984-03-03' });
  const fam = await created(south, '/api/v1/families', { name: `${name} family` });
  await created(south, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(south, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  return { kid, mum, fam };
}

test('1. a case naming a family outside the user\'s scope is answered as one that does not exist, and the attempt audited as denied about its members', async () => {
  const { kid, mum, fam } = await southFamily('Hidden');
  const mine = await createdPerson(officer, { given_name: 'Nia', family_name: 'North' });
  const missing = await officer.post('/api/v1/cases', openCase(officer, mine, { family_id: 99999999 }));
  assert.equal(missing.status, 400, missing.text);
  const head = srv.auditHead();
  const hidden = await officer.post('/api/v1/cases', openCase(officer, mine, { family_id: fam.id }));
  assert.equal(hidden.status, missing.status, hidden.text);
  assert.deepEqual(hidden.body, missing.body);
  assert.deepEqual(hidden.body.error.fields ?? [hidden.body.error.field], hidden.body.error.fields ?? ['family_id']);
  assert.match(hidden.text, /Select a family from the list: this family does not exist/);
  assert.deepEqual(srv.changesSince(head), []);
  const rows = srv.audit({ action: 'denied' }, head);
  assert.deepEqual(rows.map((x) => `${x.record_type} ${x.record_id} ${x.person_id}`).sort(),
    [`family ${fam.id} ${kid.id}`, `family ${fam.id} ${mum.id}`].sort());
  // Changing a case to name the family: the same answer.
  const c = await created(officer, '/api/v1/cases', openCase(officer, mine));
  const h2 = srv.auditHead();
  const a = await officer.patch(`/api/v1/cases/${c.id}`, { version: c.version, family_id: 99999999 });
  const b = await officer.patch(`/api/v1/cases/${c.id}`, { version: c.version, family_id: fam.id });
  assert.equal(a.status, 400, a.text);
  assert.equal(b.status, a.status, b.text);
  assert.deepEqual(b.body, a.body);
  assert.equal(srv.audit({ action: 'denied', record_type: 'family', record_id: fam.id }, h2).length, 2);
  // The family's own team still names it.
  const own = await created(south, '/api/v1/cases', openCase(south, kid, { family_id: fam.id }));
  assert.equal(own.family_id, fam.id);
});

test('2. a case, a task, a family and a caseload row say whether the reader may re-allocate them, as policy_reassign decides', async () => {
  const kid = await createdPerson(officer, { given_name: 'Cai', family_name: 'Can' });
  const c = await created(officer, '/api/v1/cases', openCase(officer, kid));
  const t = await created(officer, '/api/v1/tasks', { case_id: c.id, title: 'Visit', due_date: '2030-01-01', owner_id: officer.user.id });
  const fam = await created(officer, '/api/v1/families', { name: 'Can family' });
  const kw = await officer.patch(`/api/v1/families/${fam.id}`, { version: fam.version, key_worker_id: officer.user.id });
  assert.equal(kw.status, 200, kw.text);
  const can = async (who) => {
    const row = (await who.get(`/api/v1/teams/${officer.user.team_id}/caseload?limit=200`)).body.items?.find((x) => x.id === c.id);
    return [(await who.get(`/api/v1/cases/${c.id}`)).body.can, (await who.get(`/api/v1/tasks/${t.id}`)).body.can,
      (await who.get(`/api/v1/families/${fam.id}`)).body.can, row?.can];
  };
  const yes = { reassign: true }, no = { reassign: false };
  assert.deepEqual(await can(officer), [yes, yes, yes, yes]);
  assert.deepEqual(await can(officer2), [no, no, no, no]);
  assert.deepEqual(await can(manager), [yes, yes, yes, yes]);
  // What the record says is what the server does.
  const r = await officer2.patch(`/api/v1/cases/${c.id}`, { version: c.version, worker_id: officer2.user.id });
  assert.equal(r.status, 403, r.text);
  // A family with no key worker: anyone working with it may name one.
  const open = await created(officer, '/api/v1/families', { name: 'Open family' });
  assert.deepEqual((await officer2.get(`/api/v1/families/${open.id}`)).body.can, yes);
});

test('3. a refused family plan and a refused Steps to Change decision are audited about the family\'s members', async () => {
  const kid = await createdPerson(officer, { given_name: 'Pia', family_name: 'Planned' });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Pam', family_name: 'Planned', date_of_birth: '1983-04-04' });
  const fam = await created(officer, '/api/v1/families', { name: 'Planned family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  const plan = await created(officer, '/api/v1/family-plans', {
    family_id: fam.id, wants_to_change: 'Fewer arguments at home', strengths: 'Close to gran',
    agreed_on: '2024-03-04', next_review_date: '2024-04-04',
  });
  const answers = { stage: 'start', assessment: 'early_help' };
  for (const b of ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
    'family_life', 'accommodation_money', 'parental_health']) { answers[`${b}_practitioner`] = 3; answers[`${b}_family`] = 4; }
  const scoring = await created(officer, '/api/v1/form-responses', {
    form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored: '2024-02-01', status: 'completed', answers,
  });
  const decision = await created(officer, '/api/v1/steps-decisions', {
    family_id: fam.id, form_response_id: scoring.id, blocks: ['safety'], decision: 'continue', reason: 'Fixture', decision_date: '2024-02-02',
  });
  const members = [kid.id, mum.id].sort();
  for (const [who, path, type, id] of [
    [hub, `/api/v1/family-plans/${plan.id}`, 'family_plan', plan.id],
    [south, `/api/v1/family-plans/${plan.id}`, 'family_plan', plan.id],
    [south, `/api/v1/steps-decisions/${decision.id}`, 'steps_decision', decision.id],
    [south, `/api/v1/form-responses/${scoring.id}`, 'form_response', scoring.id],
  ]) {
    const head = srv.auditHead();
    const r = await who.get(path);
    assert.equal(r.status, 403, `${path}: ${r.text}`);
    const rows = srv.audit({ action: 'denied' }, head);
    assert.ok(rows.length > 0, path);
    assert.ok(rows.every((x) => x.record_type === type && x.record_id === id), JSON.stringify(rows));
    assert.deepEqual(rows.map((x) => x.person_id).sort(), members, `${path}: ${JSON.stringify(rows)}`);
  }
  // A family's plans listed to another service: the withheld plan's row
  // names the members too.
  const head = srv.auditHead();
  const listed = await hub.get(`/api/v1/family-plans?family_id=${fam.id}`);
  if (listed.status === 200) {
    const rows = srv.audit({ action: 'denied', record_type: 'family_plan' }, head);
    assert.deepEqual(rows.map((x) => x.person_id).sort(), members, JSON.stringify(rows));
  }
});

test('4. after a transfer to another team, the old team cannot open a second youth justice case on the child', async () => {
  const kid = await createdPerson(officer, { given_name: 'Tam', family_name: 'Moved' });
  const c = await created(officer, '/api/v1/cases', openCase(officer, kid));
  // The same team cannot open a second one either.
  let r = await officer2.post('/api/v1/cases', openCase(officer2, kid));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'person_id');
  assert.equal(r.body.error.message, 'This child already has an open youth justice case with YJ North. A child can have only one open youth justice case: ask YJ North about it');
  r = await manager.patch(`/api/v1/cases/${c.id}`, { version: c.version, team_id: south.user.team_id, worker_id: south.user.id });
  assert.equal(r.status, 200, r.text);
  const head = srv.auditHead();
  r = await officer.post('/api/v1/cases', openCase(officer, kid));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'person_id');
  assert.equal(r.body.error.message, 'This child already has an open youth justice case with YJ South. A child can have only one open youth justice case: ask YJ South about it');
  assert.deepEqual(srv.changesSince(head), []);
  // Once it is closed a new one may be opened; the closed one is then not
  // reopened beside it (409 naming the child).
  const now = (await south.get(`/api/v1/cases/${c.id}`)).body;
  r = await south.post(`/api/v1/cases/${c.id}/close`, { version: now.version, reason: 'Order completed' });
  assert.equal(r.status, 200, r.text);
  const second = await created(officer, '/api/v1/cases', openCase(officer, kid, { start_date: '2024-07-01' }));
  assert.equal(second.status, 'open');
  r = await south.post(`/api/v1/cases/${c.id}/reopen`, { version: r.body.version, reason: 'Closed by mistake' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'person_id');
  assert.match(r.body.error.message, /already has an open youth justice case with YJ North/);
  // Other services keep their own rules: early help opens its own case.
  const eh = await created(hub, '/api/v1/cases', { service: 'early_help', reason: 'Family support', person_id: (await createdPerson(hub, { given_name: 'Ebb', family_name: 'Help' })).id, team_id: hub.user.team_id, worker_id: hub.user.id, start_date: '2024-01-12' });
  assert.equal(eh.status, 'open');
});

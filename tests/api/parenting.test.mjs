// The parent worker's pathway (docs/parenting.md, "Parent support"): a
// child's intervention starting puts the child's parents on the parent
// worker's "parents to meet" list and raises the joint initial home visit
// tasks; the visit is one joint contact; the parent's agreement opens their
// own parenting case; sessions, a behaviour contract that could not be
// agreed, plan items; seen at start, review and end; who may see what (the
// YJS officer reads the support row but not the sessions or plan); victims
// never on the pathway; bad input refused naming every field, nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay as day, parentingFixture, PMANAGER } from './lib.mjs';

let srv, officer, officer2, south, manager, parentworker, pworkerP, pmanager;
let kid, mum, gran, uncle, dad, otherKid, caseN, outcome, oldOutcome;
let mumSupport, granSupport, parentingCase;


before(async () => {
  srv = await Server.start(parentingFixture(PMANAGER));
  [officer, officer2, south, manager, parentworker, pworkerP, pmanager] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'parentworker', 'pworker_p', 'pmanager']);
  kid = await createdPerson(officer, { given_name: 'Jade', family_name: 'Moss', date_of_birth: '2009-02-03' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Kerry', family_name: 'Moss' });
  gran = await created(officer, '/api/v1/people', { given_name: 'Pat', family_name: 'Moss' });
  uncle = await created(officer, '/api/v1/people', { given_name: 'Lee', family_name: 'Moss' });
  dad = await created(officer, '/api/v1/people', { given_name: 'Dean', family_name: 'Moss' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-400),
  });
  // Dad is the victim of another child's offence: he never appears here.
  otherKid = await createdPerson(officer, { given_name: 'Rob', family_name: 'Hale' });
  const otherCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: otherKid.id, team_id: officer.user.team_id, start_date: day(-100),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: otherCase.id, offence_date: day(-101), description: 'Assault', category: 'violence_against_person', gravity: 3,
  });
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: dad.id });
  const fam = await created(officer, '/api/v1/families', { name: 'Moss family' });
  const add = (b) => created(officer, `/api/v1/families/${fam.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  await add({ person_id: gran.id, member_type: 'adult', relationship: 'grandmother', child_id: kid.id, in_household: true });
  await add({ person_id: uncle.id, member_type: 'adult', relationship: 'other', child_id: kid.id, wider_network: true });
  await add({ person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true });
});
after(async () => { await srv.stop(); });

const tasksOf = async (c) => (await c.get(`/api/v1/tasks?case_id=${caseN.id}&limit=200`)).body.items
  .filter((t) => /Joint initial home visit/.test(t.title));

test('an intervention starting: parents to meet, and the two joint visit tasks once per intervention', async () => {
  assert.equal((await parentworker.get('/api/v1/parenting/to-meet')).body.items.length, 0, 'no intervention yet');
  // An earlier intervention, started long ago and ended: its points are
  // in the past, nobody was seen.
  oldOutcome = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'prevention', outcome_date: day(-150), start_date: day(-150),
    end_date: day(-80), end_reason: 'completed',
  });
  const mark = srv.auditHead();
  outcome = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'diversion', outcome_date: day(-3),
  });
  assert.equal((await tasksOf(officer)).length, 0, 'not started: no visit yet');
  const started = await officer.patch(`/api/v1/outcomes/${outcome.id}`, { version: outcome.version, start_date: day(-2) });
  assert.equal(started.status, 200, started.text);
  outcome = started.body;
  const tasks = await tasksOf(officer);
  assert.equal(tasks.length, 2, JSON.stringify(tasks));
  assert.deepEqual(tasks.map((t) => t.owner_id).sort(), [officer.user.id, parentworker.user.id].sort());
  assert.ok(tasks.every((t) => t.due_date === day(8) && t.case_id === caseN.id));
  // Raised in the same transaction as the change, audited with it.
  assert.deepEqual(srv.changesSince(mark).filter((r) => r.startsWith('create task')).length, 2);
  // Changing the intervention again raises nothing more.
  const again = await officer.patch(`/api/v1/outcomes/${outcome.id}`, { version: outcome.version, next_review_date: day(60) });
  assert.equal(again.status, 200, again.text);
  outcome = again.body;
  assert.equal((await tasksOf(officer)).length, 2);

  const meet = await parentworker.get('/api/v1/parenting/to-meet');
  assert.equal(meet.status, 200, meet.text);
  const names = meet.body.items.map((p) => `${p.given_name}:${p.relationship}:${p.child_id}`).sort();
  assert.deepEqual(names, [`Kerry:mother:${kid.id}`, `Pat:grandmother:${kid.id}`], 'not the uncle, never the victim');
  assert.ok(meet.body.items.every((p) => p.child_case_id === caseN.id && p.start_date));
  assert.ok(!JSON.stringify(meet.body).includes('Dean'), 'the victim is not listed');
  // The parenting service's parent worker meets every parent of the
  // authority (issue 9); a YJS officer may not ask.
  assert.deepEqual((await pworkerP.get('/api/v1/parenting/to-meet')).body.items.map((p) => p.given_name).sort(), ['Kerry', 'Pat']);
  assert.equal((await officer.get('/api/v1/parenting/to-meet')).status, 403);
});

test('the joint home visit is one joint contact with both practitioners and the parents', async () => {
  const r = await officer.post('/api/v1/contacts', {
    case_id: caseN.id, contact_date: `${day(-1)}T10:00:00Z`, contact_type: 'home_visit', joint: true,
    summary: 'Joint initial home visit: met Kerry and Pat.',
    attendees: { people: [kid.id, mum.id, gran.id], practitioners: [officer.user.id, parentworker.user.id] },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.joint, true);
  assert.deepEqual(r.body.attendees.practitioners.map((p) => p.id).sort(), [officer.user.id, parentworker.user.id].sort());
  assert.deepEqual(r.body.attendees.people.map((p) => p.id), [kid.id, mum.id, gran.id]);
  // The parent worker (in the child's team) sees the same contact.
  const pw = await parentworker.get(`/api/v1/contacts/${r.body.id}`);
  assert.equal(pw.status, 200, pw.text);
  assert.equal(pw.body.joint, true);
});

test('agreement opens the parent support case; a declined grandparent has none', async () => {
  const mark = srv.auditHead();
  const r = await parentworker.post('/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseN.id, outcome_id: outcome.id,
    agreement: 'agreed', agreement_date: day(-130), start_date: day(-130), next_review_date: day(40),
  });
  assert.equal(r.status, 201, r.text);
  mumSupport = r.body;
  assert.equal(mumSupport.child_id, kid.id);
  assert.equal(mumSupport.relationship, 'mother');
  assert.equal(mumSupport.support_status, 'active');
  assert.ok(mumSupport.case_id, 'a parenting case was opened');
  const c = await parentworker.get(`/api/v1/cases/${mumSupport.case_id}`);
  assert.equal(c.status, 200, c.text);
  parentingCase = c.body;
  assert.equal(parentingCase.person_id, mum.id);
  assert.equal(parentingCase.service_code, 'parenting');
  assert.equal(parentingCase.worker_id, parentworker.user.id, 'held by the parent worker who recorded it');
  assert.equal(parentingCase.team_id, pworkerP.user.team_id, 'in the parenting team');
  assert.deepEqual(srv.changesSince(mark).map((x) => x.split(' ').slice(0, 2).join(' ')).sort(),
    ['create case', 'create parent_support']);

  const g = await parentworker.post('/api/v1/parent-supports', {
    person_id: gran.id, child_case_id: caseN.id, agreement: 'declined', agreement_date: day(-1),
  });
  assert.equal(g.status, 201, g.text);
  granSupport = g.body;
  assert.equal(granSupport.case_id, null);
  assert.equal(granSupport.relationship, 'grandmother');
  assert.equal(granSupport.support_status, 'declined');
  // Only the grandparent who declined is left to meet, to be asked again on
  // her support (session 26); a second support for the same parent and child is refused.
  const left = (await parentworker.get('/api/v1/parenting/to-meet')).body.items;
  assert.deepEqual(left.map((x) => [x.person_id, x.support_id, x.support_status]), [[gran.id, granSupport.id, 'declined']]);
  const twice = await parentworker.post('/api/v1/parent-supports', { person_id: mum.id, child_case_id: caseN.id });
  assert.equal(twice.status, 400);
  assert.equal(twice.body.error.field, 'person_id');
  // A second agreed support of the same parent (a second child) reuses the case.
  const kid2 = await createdPerson(officer, { given_name: 'Tia', family_name: 'Moss' });
  const case2 = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: kid2.id, team_id: officer.user.team_id, start_date: day(-5),
  });
  const fams = (await officer.get(`/api/v1/families?person_id=${kid.id}`)).body.items;
  await created(officer, `/api/v1/families/${fams[0].id}/members`, { person_id: kid2.id, member_type: 'child', relationship: 'child' });
  await created(officer, `/api/v1/families/${fams[0].id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid2.id, parental_responsibility: true,
  });
  const s2 = await created(parentworker, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: case2.id, agreement: 'agreed', agreement_date: day(0), start_date: day(0),
  });
  assert.equal(s2.case_id, mumSupport.case_id, 'one parenting case for the parent');
  // The uncle (wider network only) and the victim are not parents here.
  for (const p of [uncle, dad]) {
    const x = await parentworker.post('/api/v1/parent-supports', { person_id: p.id, child_case_id: caseN.id });
    assert.equal(x.status, 400, x.text); // the victim as someone not on Spire (session 26)
  }
});

let session, contract, item;

test('sessions, a behaviour contract that could not be agreed, plan items; due and overdue', async () => {
  session = await created(parentworker, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-1), status: 'held', session_type: 'one_to_one',
    topic: 'confidence_building', duration_minutes: 60, notes: 'Talked about routines at bedtime.',
  });
  assert.equal(session.person_id, mum.id);
  const planned = await created(parentworker, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(5), status: 'planned', session_type: 'joint', topic: 'family_meeting', child_id: kid.id,
  });
  const overdue = await created(parentworker, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-7), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
  });
  contract = await created(parentworker, '/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-1), status: 'held', session_type: 'behaviour_contract', child_id: kid.id,
    contract_terms: 'Home by 9pm on school nights; phone if late.', contract_outcome: 'not_agreed',
    notes: 'Jade would not agree to the curfew.',
  });
  assert.equal(contract.contract_outcome, 'not_agreed');
  item = await created(parentworker, '/api/v1/parent-plan-items', {
    case_id: parentingCase.id, goal: 'I want to stop shouting when Jade comes home late', action: 'Practise the calm-down plan',
    who: 'Kerry, with Ruth', due_date: day(10), status: 'in_progress',
  });
  assert.equal(item.person_id, mum.id);
  const list = await parentworker.get(`/api/v1/parent-sessions?case_id=${parentingCase.id}`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items.length, 4);

  const home = await parentworker.get('/api/v1/parenting/home');
  assert.equal(home.status, 200, home.text);
  const mine = home.body.parents.find((p) => p.id === mumSupport.id);
  assert.ok(mine, 'my parents');
  assert.equal(mine.next_session_date, day(-7));
  assert.equal(mine.last_session_date, day(-1));
  assert.ok(!home.body.parents.some((p) => p.id === granSupport.id), 'declined: not on my list');
  const due = home.body.due.map((d) => `${d.what}:${d.due_date}:${d.overdue}`);
  assert.ok(due.includes(`session:${day(-7)}:true`), due.join());
  assert.ok(due.includes(`session:${day(5)}:false`), due.join());
  assert.ok(due.includes(`plan_item:${day(10)}:false`), due.join());
  assert.ok(!due.some((d) => d.startsWith('support_review')), 'the review is 40 days off');
  assert.equal(planned.child_name, 'Jade Moss');
  assert.ok(overdue.id);
  // The parent at a glance: her parenting items are due too (a parent with
  // an overdue session read "Nothing due").
  const glance = await parentworker.get(`/api/v1/people/${mum.id}/glance`);
  assert.equal(glance.status, 200, glance.text);
  const next = glance.body.next_due;
  assert.deepEqual(next && [next.what, next.due_date, next.status, next.overdue, next.record],
    ['session', day(-7), 'overdue', true, 'parent_sessions'], glance.text);
  const onCase = glance.body.cases.find((c) => c.case_id === parentingCase.id);
  assert.equal(onCase.next_due.what, 'session');
});

test('a parent worker\'s load is in the parenting team\'s workload, with its overdue sessions', async () => {
  // The parent worker sits in YJ North; the parent's case is held in the
  // Parenting Team and allocated to them: its manager sees the case and
  // the session planned a week ago and not yet held, as overdue.
  const p = await pmanager.get(`/api/v1/teams/${pmanager.user.team_id}/workload`);
  assert.equal(p.status, 200, p.text);
  const w = p.body.workers.find((x) => x.worker_id === parentworker.user.id);
  assert.ok(w, JSON.stringify(p.body.workers));
  assert.deepEqual([w.open_cases, w.tasks_open, w.tasks_overdue, w.overdue, w.parents_supported], [1, 0, 0, 1, 1]);
  assert.deepEqual(p.body.overdue.map((d) => [d.record, d.what, d.due_date, d.person_id, d.worker_id]),
    [['parent_sessions', 'session', day(-7), mum.id, parentworker.user.id]]);
  assert.equal(p.body.overdue_total, 1);
  // The Parenting Team's own parent worker holds nothing: listed, with zeros.
  const own = p.body.workers.find((x) => x.worker_id === pworkerP.user.id);
  assert.deepEqual([own.open_cases, own.overdue], [0, 0]);
  // The same from the team's due list (its parent worker reads it too).
  const due = await pworkerP.get('/api/v1/due?scope=team&overdue=true');
  assert.equal(due.status, 200, due.text);
  assert.deepEqual(due.body.items.filter((d) => d.service === 'parenting').map((d) => [d.what, d.due_date]), [['session', day(-7)]]);
  // YJ North: the parent worker's joint visit task is their work there.
  const n = await manager.get(`/api/v1/teams/${manager.user.team_id}/workload`);
  assert.equal(n.status, 200, n.text);
  const nw = n.body.workers.find((x) => x.worker_id === parentworker.user.id);
  // And the parent they support, counted (session 27: "with what they hold").
  assert.deepEqual([nw.open_cases, nw.tasks_open, nw.overdue, nw.parents_supported], [0, 1, 0, 1]);
});

test('the YJS officer sees that support is in place, not the sessions or plan (403, audited)', async () => {
  const g = await officer.get(`/api/v1/parent-supports/${mumSupport.id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.support_status, 'active');
  const onCase = await officer.get(`/api/v1/parent-supports?child_case_id=${caseN.id}`);
  assert.equal(onCase.status, 200, onCase.text);
  assert.deepEqual(onCase.body.items.map((s) => s.support_status).sort(), ['active', 'declined']);
  const mark = srv.auditHead();
  for (const path of [`/api/v1/parent-sessions/${session.id}`, `/api/v1/parent-sessions/${contract.id}`,
    `/api/v1/parent-plan-items/${item.id}`, `/api/v1/parent-sessions?case_id=${parentingCase.id}`,
    `/api/v1/parent-plan-items?case_id=${parentingCase.id}`, `/api/v1/parent-supports?case_id=${parentingCase.id}`]) {
    const r = await officer.get(path);
    assert.equal(r.status, 403, `${path}: ${r.text}`);
  }
  assert.equal(srv.audit({ action: 'denied' }, mark).length, 6);
  // Nor may the officer change the support.
  const w = await officer.patch(`/api/v1/parent-supports/${mumSupport.id}`, { version: mumSupport.version, notes: 'x' });
  assert.equal(w.status, 403, w.text);
  // Another team's officer does not see it at all.
  assert.equal((await south.get(`/api/v1/parent-supports/${mumSupport.id}`)).status, 403);
  // The parenting team's manager sees the sessions through the parenting case.
  assert.equal((await pmanager.get(`/api/v1/parent-sessions/${session.id}`)).status, 200);
});

test('seen at start, review and end: misses in scope and per intervention on the child\'s case', async () => {
  const seen = await officer.get(`/api/v1/parenting/seen?case_id=${caseN.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.window_before, 14);
  const at = (o, point, who) => seen.body.items.find((x) => x.outcome_id === o.id && x.point === point && x.person_id === who.id);
  assert.equal(at(outcome, 'start', mum).status, 'seen');
  assert.equal(at(outcome, 'start', gran).status, 'seen');
  assert.equal(at(oldOutcome, 'start', mum).status, 'missed');
  assert.equal(at(oldOutcome, 'end', gran).status, 'missed');
  assert.ok(!seen.body.items.some((x) => x.person_id === uncle.id || x.person_id === dad.id));
  assert.equal(seen.body.current_months, 3);
  assert.equal(at(oldOutcome, 'end', gran).current, true, 'ended 80 days ago: current');
  // An intervention that ended 200 days ago, nobody seen: its misses are
  // no longer current, so no list of misses shows them.
  const ancient = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'prevention', outcome_date: day(-330), start_date: day(-330), end_date: day(-200), end_reason: 'completed',
  });
  const again = (await officer.get(`/api/v1/parenting/seen?case_id=${caseN.id}`)).body.items;
  const old = again.filter((x) => x.outcome_id === ancient.id);
  assert.deepEqual(old.map((x) => `${x.point}:${x.status}:${x.current}`).sort(),
    ['end:missed:false', 'end:missed:false', 'start:missed:false', 'start:missed:false']);
  assert.equal(again.find((x) => x.outcome_id === outcome.id && x.point === 'start').current, true, 'running: current');
  // A review of the old intervention, and a contact with mum near it.
  await created(officer, '/api/v1/assessments', {
    case_id: caseN.id, outcome_id: oldOutcome.id, assessment_type: 'prevention_diversion', stage: 'review', assessment_date: day(-115),
  });
  await created(parentworker, '/api/v1/contacts', {
    case_id: parentingCase.id, contact_date: `${day(-115)}T09:00:00Z`, contact_type: 'phone', summary: 'Call with Kerry',
    attendees: { people: [mum.id] },
  });
  const misses = await parentworker.get('/api/v1/parenting/seen');
  assert.equal(misses.status, 200, misses.text);
  const m = misses.body.items.map((x) => `${x.outcome_id}:${x.point}:${x.given_name}`).sort();
  assert.deepEqual(m, [
    `${oldOutcome.id}:end:Kerry`, `${oldOutcome.id}:end:Pat`, `${oldOutcome.id}:review:Pat`,
    `${oldOutcome.id}:start:Kerry`, `${oldOutcome.id}:start:Pat`,
  ].sort(), 'seen at the review within the window through the parenting case');
  // The manager of the service sees the same misses; another team's worker none.
  const mm = await manager.get('/api/v1/parenting/seen');
  assert.equal(mm.body.items.length, 5);
  assert.equal((await pworkerP.get('/api/v1/parenting/seen')).body.items.length, 0);
  const home = await parentworker.get('/api/v1/parenting/home');
  assert.equal(home.body.misses.length, 2, 'the home page lists the last quarter: the old end');
  // Another team's officer may not open the child's case view.
  assert.equal((await south.get(`/api/v1/parenting/seen?case_id=${caseN.id}`)).status, 403);
  assert.equal((await officer.get('/api/v1/parenting/seen?case_id=abc')).status, 400);
});

test('bad input on every new route: 400 naming every wrong field, nothing stored', async () => {
  const mark = srv.auditHead();
  const bad = [
    ['/api/v1/parent-supports', { person_id: 'x', child_case_id: 0, agreement: 'maybe', agreement_date: '2024-02-30', end_reason: 'bored' },
      ['person_id', 'child_case_id', 'agreement', 'agreement_date', 'end_reason']],
    ['/api/v1/parent-supports', { person_id: mum.id, child_case_id: parentingCase.id, start_date: day(3), end_date: day(-1) },
      ['child_case_id', 'start_date', 'end_reason']],
    ['/api/v1/parent-sessions', { case_id: caseN.id, session_date: 'soon', status: 'done', session_type: 'group', duration_minutes: 0 },
      ['case_id', 'session_date', 'status', 'session_type', 'duration_minutes']],
    ['/api/v1/parent-sessions', { case_id: parentingCase.id, session_date: day(3), status: 'held', session_type: 'one_to_one', topic: 'mediation', contract_outcome: 'kept' },
      ['session_date', 'topic', 'contract_outcome']],
    ['/api/v1/parent-sessions', { case_id: parentingCase.id, session_date: day(-1), status: 'held', session_type: 'behaviour_contract', contract_outcome: 'kept' },
      ['contract_terms', 'child_id']],
    ['/api/v1/parent-plan-items', { case_id: parentingCase.id, goal: '', status: 'finished', review_date: day(4), need_domain: 'housing' },
      ['goal', 'status', 'review_date', 'form_response_id']],
  ];
  for (const [path, body, fields] of bad) {
    const r = await parentworker.post(path, body);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    const named = (r.body.errors || []).map((x) => x.field);
    for (const f of fields) assert.ok(named.includes(f), `${path} ${f}: ${r.text}`);
  }
  const u = await parentworker.patch(`/api/v1/parent-supports/${mumSupport.id}`, { version: mumSupport.version, end_date: day(-1), agreement: 'perhaps' });
  assert.equal(u.status, 400, u.text);
  const s = await parentworker.patch(`/api/v1/parent-sessions/${contract.id}`, { version: contract.version, session_type: 'one_to_one' });
  assert.equal(s.status, 400, s.text);
  assert.deepEqual(srv.changesSince(mark), [], 'nothing stored');
  // A YJS officer may not record parent support.
  const y = await officer.post('/api/v1/parent-sessions', { case_id: parentingCase.id, session_date: day(1), status: 'planned', session_type: 'one_to_one' });
  assert.equal(y.status, 403, y.text);
});

test('a behaviour contract\'s fields belong to a contract: described with their `when`, refused on any other session', async () => {
  const d = (await parentworker.get('/api/v1/resources')).body.items.find((x) => x.name === 'parent_session');
  const when = Object.fromEntries(d.fields.filter((f) => f.when).map((f) => [f.name, f.when]));
  const contract = { field: 'session_type', values: ['behaviour_contract'], required: false };
  assert.deepEqual(when, { contract_terms: contract, contract_review_date: contract, contract_outcome: contract });
  const mark = srv.auditHead();
  const r = await parentworker.post('/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-2), status: 'held', session_type: 'one_to_one', topic: 'confidence_building',
    contract_terms: 'Home by nine', contract_review_date: day(20), contract_outcome: 'kept', duration_minutes: 0,
  });
  assert.equal(r.status, 400, r.text);
  const named = Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
  assert.deepEqual(Object.keys(named).sort(), ['contract_outcome', 'contract_review_date', 'contract_terms', 'duration_minutes']);
  assert.equal(named.contract_terms, 'Leave the contract terms empty: only a behaviour contract has terms, a review date and an outcome');
  assert.match(named.contract_review_date, /^Leave the contract review date empty/);
  assert.deepEqual(srv.changesSince(mark), [], 'nothing stored');
  // The same fields on a contract are taken.
  const ok = await parentworker.post('/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-2), status: 'held', session_type: 'behaviour_contract', child_id: kid.id,
    contract_terms: 'Home by nine', contract_review_date: day(20), contract_outcome: 'kept',
  });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.contract_terms, 'Home by nine');
  // Null is no value: a one-to-one session may send the fields empty.
  const empty = await parentworker.post('/api/v1/parent-sessions', {
    case_id: parentingCase.id, session_date: day(-2), status: 'held', session_type: 'one_to_one', contract_terms: null, contract_outcome: null,
  });
  assert.equal(empty.status, 201, empty.text);
});

test('support ends with a reason; closing and reopening a session', async () => {
  const u = await parentworker.patch(`/api/v1/parent-supports/${granSupport.id}`, {
    version: granSupport.version, agreement: 'agreed', agreement_date: day(0), start_date: day(0),
  });
  assert.equal(u.status, 200, u.text);
  assert.ok(u.body.case_id, 'agreeing later opens the case');
  const end = await parentworker.patch(`/api/v1/parent-supports/${u.body.id}`, {
    version: u.body.version, end_date: day(0), end_reason: 'completed',
  });
  assert.equal(end.status, 200, end.text);
  assert.equal(end.body.support_status, 'ended');
  const cl = await parentworker.post(`/api/v1/parent-sessions/${session.id}/close`, { version: session.version, reason: 'Entered in error' });
  assert.equal(cl.status, 200, cl.text);
  const re = await parentworker.post(`/api/v1/parent-sessions/${session.id}/reopen`, { version: cl.body.version, reason: 'Was right after all' });
  assert.equal(re.status, 200, re.text);
});

test('the home page shows the first 50 of each list with how many there are; each list in full on its own route, audited', async () => {
  // Under 50: every list whole, its total its length, the same rows as its own route.
  let home = await parentworker.get('/api/v1/parenting/home');
  assert.equal(home.status, 200, home.text);
  for (const [key, path] of [['to_meet', 'to-meet'], ['parents', 'parents'], ['due', 'due'], ['misses', 'misses']]) {
    const all = await parentworker.get(`/api/v1/parenting/${path}`);
    assert.equal(all.status, 200, `${path}: ${all.text}`);
    assert.equal(home.body[`${key}_total`], home.body[key].length, key);
    assert.deepEqual(all.body.items, home.body[key], `${key}: the home page's rows are the route's`);
  }
  // Past 50 things due: the first 50, most urgent (earliest) first, and the count of all.
  const before = (await parentworker.get('/api/v1/parenting/due')).body.items.length;
  for (let i = 0; i < 55; i++) {
    await created(parentworker, '/api/v1/parent-sessions', {
      case_id: parentingCase.id, session_date: day(-120 + i), status: 'planned', session_type: 'one_to_one', topic: 'household_routines',
    });
  }
  const mark = srv.auditHead();
  const all = await parentworker.get('/api/v1/parenting/due');
  assert.equal(all.body.items.length, before + 55);
  assert.ok(all.body.due_until && all.body.today, all.text);
  assert.ok(srv.audit({ action: 'list', record_type: 'case', record_id: parentingCase.id }, mark).length >= 1, 'the full list is audited');
  home = await parentworker.get('/api/v1/parenting/home');
  assert.equal(home.body.due.length, 50);
  assert.equal(home.body.due_total, before + 55);
  assert.deepEqual(home.body.due, all.body.items.slice(0, 50), 'the first 50 of the full list');
  assert.equal(home.body.due[0].due_date, day(-120));
  assert.ok(home.body.due.every((d) => d.overdue), 'the 50 earliest are overdue');
  // The lists are the parent worker's and the manager's, as the home page is.
  for (const path of ['to-meet', 'parents', 'due', 'misses']) {
    assert.equal((await officer.get(`/api/v1/parenting/${path}`)).status, 403, path);
  }
  assert.equal((await pmanager.get('/api/v1/parenting/due')).status, 200);
});

test('past 50 parents to meet and 50 of my parents: the first 50 of each, the count of all, and all on their routes', async () => {
  // 52 more carers of Jade's, in a family of their own: 52 more parents to meet.
  const fam = await created(officer, '/api/v1/families', { name: 'Moss carers' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const carers = [];
  for (let i = 0; i < 52; i++) {
    const c = await created(officer, '/api/v1/people', { given_name: `Carer${String(i).padStart(2, '0')}`, family_name: 'Aardvark' });
    await created(officer, `/api/v1/families/${fam.id}/members`, {
      person_id: c.id, member_type: 'adult', relationship: 'other', child_id: kid.id, parental_responsibility: true,
    });
    carers.push(c);
  }
  let home = await parentworker.get('/api/v1/parenting/home');
  const meet = (await parentworker.get('/api/v1/parenting/to-meet')).body.items;
  assert.ok(meet.length >= 52, `${meet.length} to meet`);
  assert.equal(home.body.to_meet.length, 50);
  assert.equal(home.body.to_meet_total, meet.length);
  assert.deepEqual(home.body.to_meet, meet.slice(0, 50));
  // Each agrees: 52 more of my parents, named Aardvark, so first by name.
  for (const c of carers) {
    await created(parentworker, '/api/v1/parent-supports', {
      person_id: c.id, child_case_id: caseN.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(0), start_date: day(0),
    });
  }
  const mine = (await parentworker.get('/api/v1/parenting/parents')).body.items;
  const mark = srv.auditHead();
  home = await parentworker.get('/api/v1/parenting/home');
  assert.ok(mine.length >= 53, `${mine.length} of my parents`);
  assert.equal(home.body.parents.length, 50);
  assert.equal(home.body.parents_total, mine.length);
  assert.deepEqual(home.body.parents, mine.slice(0, 50), 'the first 50 by name of the full list');
  assert.ok(home.body.parents.every((x) => x.family_name === 'Aardvark'));
  // The home page audited the 50 supports it sent, not the others.
  const audited = srv.audit({ action: 'list', record_type: 'parent_support' }, mark).map((r) => r.record_id).sort();
  assert.deepEqual(audited, home.body.parents.map((x) => x.id).sort(), 'each support sent audited once, no other');
});

// The team's week (issue 10 section 2, docs/team-week.md): the manager's
// caseload and workload, allocation, a child at a glance (order, RoSH,
// safety and wellbeing, alerts, next due, last seen), alerts added and
// ended, the chronology from its sources, and the due list of every
// service with each order type's rules. The server runs on a fixed UK date
// (10 March 2025) so that "overdue" and "due today" are known.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, created, createdPerson, KPI_NOT_KNOWN } from './lib.mjs';

const TODAY = '2025-03-10';
let srv, officer, officer2, south, manager, managerEh, analyst, parent;
let kid, kid2, kid3, closedKid, caseK, caseU, caseP, caseClosed, offence, order, parentingOrder, seenVisit, task;

before(async () => {
  srv = await Server.start({
    faketime: `${TODAY} 12:00:00`,
    users: [...USERS, ['parentworker_south', 'parent_worker', 'youth_justice', 'YJ South']],
  });
  [officer, officer2, south, manager, managerEh, analyst, parent] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'manager_eh', 'analyst', 'parent']);
  const team = officer.user.team_id;
  kid = await createdPerson(officer, { given_name: 'Ava', family_name: 'Adams', date_of_birth: '2009-05-01' });
  kid2 = await createdPerson(officer, { given_name: 'Ben', family_name: 'Brown', date_of_birth: '2009-06-01' });
  kid3 = await createdPerson(officer, { given_name: 'Cal', family_name: 'Cole', date_of_birth: '2009-07-01' });
  closedKid = await createdPerson(officer, { given_name: 'Dee', family_name: 'Dunn', date_of_birth: '2009-08-01' });
  const open = (person, extra = {}) => created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the court', person_id: person.id, team_id: team, start_date: '2025-01-02', ...extra,
  });
  caseK = await open(kid, { worker_id: officer.user.id });
  caseU = await open(kid2); // unallocated
  caseP = await open(kid3, { worker_id: officer.user.id });
  caseClosed = await open(closedKid, { worker_id: officer.user.id });
  offence = await created(officer, '/api/v1/offences', {
    case_id: caseK.id, offence_date: '2024-12-20', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  order = await created(officer, '/api/v1/outcomes', {
    case_id: caseK.id, outcome_type: 'referral_order', outcome_date: '2025-01-05', start_date: '2025-01-06',
    planned_end_date: '2025-07-05', offence_ids: [offence.id],
  });
  await created(officer, '/api/v1/assessments', {
    case_id: caseK.id, outcome_id: order.id, assessment_type: 'assetplus', stage: 'start', assessment_date: '2025-02-01',
    likelihood_of_reoffending: 'medium', risk_of_serious_harm: 'high', safety_wellbeing: 'medium',
  });
  parentingOrder = await created(officer, '/api/v1/outcomes', {
    case_id: caseP.id, outcome_type: 'parenting_order', outcome_date: '2025-02-20', start_date: '2025-02-21',
    planned_end_date: '2025-05-20',
  });
  const closedOffence = await created(officer, '/api/v1/offences', {
    case_id: caseClosed.id, offence_date: '2024-12-01', description: 'Criminal damage', category: 'criminal_damage', gravity: 3,
  });
  await created(officer, '/api/v1/outcomes', {
    case_id: caseClosed.id, outcome_type: 'youth_rehabilitation_order', outcome_date: '2025-01-05', start_date: '2025-01-06',
    planned_end_date: '2025-12-01', offence_ids: [closedOffence.id],
  });
  const c = await officer.post(`/api/v1/cases/${caseClosed.id}/close`, { version: caseClosed.version, reason: 'Moved out of the area' });
  assert.equal(c.status, 200, c.text);
  // Contacts: the child seen at a home visit on 1 March (significant);
  // a phone call with the child on 5 March and a home visit to mum alone
  // on 7 March do not count as seeing the child.
  const contact = (extra) => created(officer, '/api/v1/contacts', {
    case_id: caseK.id, contact_type: 'home_visit', summary: 'Visit.', attendees: { people: [kid.id], practitioners: [officer.user.id] }, ...extra,
  });
  seenVisit = await contact({ contact_date: '2025-03-01T10:00:00Z', significant: true, summary: 'Disclosed exploitation.' });
  await contact({ contact_date: '2025-03-05T10:00:00Z', contact_type: 'phone' });
  await contact({ contact_date: '2025-03-07T10:00:00Z', attendees: { people: [], practitioners: [officer.user.id] } });
  task = await created(officer, '/api/v1/tasks', { case_id: caseU.id, title: 'Call the school', due_date: TODAY });
});
after(async () => { await srv.stop(); });

test('a contact can be marked significant, and is not by default', async () => {
  assert.equal(seenVisit.significant, true);
  const r = await officer.get(`/api/v1/contacts?case_id=${caseK.id}`);
  assert.deepEqual(r.body.items.map((x) => x.significant), [false, false, true]);
});

test('each order type has its own due items; nothing on ended orders or closed cases; today is "today"', async () => {
  const o = (await officer.get(`/api/v1/outcomes/${order.id}`)).body;
  assert.deepEqual(o.due.map((d) => [d.what, d.due_date, d.status]), [
    ['start_kpi', '2025-02-03', 'overdue'],
    // Three calendar months after the start assessment of 1 February (not 91 days: 3 May).
    ['review', '2025-05-01', 'due'],
    ['transition_plan', '2025-06-07', 'due'],
    ['end_assessment', '2025-07-05', 'due'],
    ['end_kpi', '2025-07-05', 'due'],
  ]);
  const p = (await officer.get(`/api/v1/outcomes/${parentingOrder.id}`)).body;
  assert.ok(!p.due.some((d) => d.what === 'transition_plan'), 'no transition plan for a parenting order');
  // Planned for under three months: no review either.
  assert.deepEqual(p.due.map((d) => d.what), ['start_assessment', 'start_kpi', 'end_assessment', 'end_kpi']);
  const mine = await officer.get('/api/v1/due?within=0');
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.today, TODAY);
  assert.ok(!mine.body.items.some((d) => d.person_id === closedKid.id), 'nothing for the closed case');
  const team = await manager.get('/api/v1/due?scope=team&within=0');
  assert.equal(team.status, 200, team.text);
  const t = team.body.items.find((d) => d.record === 'task' && d.record_id === task.id);
  assert.deepEqual([t.what, t.title, t.due_date, t.status, t.overdue, t.service, t.person_id],
    ['task', 'Call the school', TODAY, 'today', false, 'youth_justice', kid2.id]);
  const overdue = await manager.get('/api/v1/due?scope=team&overdue=true');
  assert.ok(overdue.body.items.every((d) => d.status === 'overdue'));
  assert.deepEqual(overdue.body.items.filter((d) => d.person_id === kid.id && d.record === 'outcome').map((d) => d.what), ['start_kpi']);
});

test("the team's caseload: order, RoSH, safety and wellbeing, alerts, next due and last seen in each row", async () => {
  const alert = await created(officer, '/api/v1/alerts', {
    person_id: kid.id, alert_type: 'risk_to_workers', details: 'Dog at the address; visit in pairs', start_date: '2025-03-01',
  });
  const r = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 3, 'the three open cases');
  assert.deepEqual(r.body.items.map((x) => x.family_name), ['Adams', 'Brown', 'Cole']);
  const a = r.body.items[0];
  assert.equal(a.worker_name, 'Test officer');
  assert.equal(a.order_type, 'referral_order');
  assert.equal(a.rosh, 'high');
  assert.equal(a.safety_wellbeing, 'medium');
  assert.equal(a.last_seen, '2025-03-01T10:00:00Z', 'the last contact at which the child was seen');
  assert.deepEqual(a.alerts.map((x) => x.alert_type), ['risk_to_workers']);
  // The case's earliest due item of any kind: its tasks (the joint home
  // visit Spire asks for at an intervention's start) and its order's.
  const tasksK = (await officer.get(`/api/v1/tasks?case_id=${caseK.id}`)).body.items.filter((x) => x.status === 'open');
  const firstTask = tasksK.map((x) => x.due_date).sort()[0];
  const expected = firstTask && firstTask < '2025-02-03' ? ['task', firstTask, 'overdue'] : ['start_kpi', '2025-02-03', 'overdue'];
  assert.deepEqual([a.next_due.what, a.next_due.due_date, a.next_due.status], expected);
  const b = r.body.items[1];
  assert.equal(b.worker_id, null);
  assert.deepEqual([b.next_due.what, b.next_due.status], ['task', 'today']);
  assert.equal(b.last_seen, null);
  const un = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?unallocated=true`);
  assert.deepEqual(un.body.items.map((x) => x.id), [caseU.id]);
  const his = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?worker_id=${officer.user.id}`);
  assert.deepEqual(his.body.items.map((x) => x.id), [caseK.id, caseP.id]);
  const paged = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?limit=2`);
  assert.equal(paged.body.has_more, true);
  assert.equal(paged.body.items.length, 2);
  // Ending the alert takes it off.
  const end = await officer.post(`/api/v1/alerts/${alert.id}/end`, { version: 1, reason: 'The dog has been rehomed' });
  assert.equal(end.status, 200, end.text);
  assert.ok(end.body.closed_at);
  const after2 = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?limit=1`);
  assert.deepEqual(after2.body.items[0].alerts, []);
  const list = await officer.get(`/api/v1/alerts?person_id=${kid.id}&include_closed=true`);
  assert.deepEqual(list.body.items.map((x) => [x.alert_type, x.closed_reason]), [['risk_to_workers', 'The dog has been rehomed']]);
});

test('an alert names every wrong field, and needs the right to change the person', async () => {
  const before = srv.auditHead();
  const bad = await officer.post('/api/v1/alerts', { person_id: kid.id, alert_type: 'bees', start_date: '2099-01-01', review_date: '2025-01-01' });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['alert_type', 'review_date', 'start_date']);
  // Someone outside the caseload is answered as someone who does not exist
  // (session 25).
  const other = await south.post('/api/v1/alerts', { person_id: kid.id, alert_type: 'medical', start_date: '2025-03-01' });
  assert.equal(other.status, 400, other.text);
  assert.match(other.body.error.message, /this person does not exist/);
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
});

test('workload per worker, unallocated work and the team\'s overdue items', async () => {
  const r = await manager.get(`/api/v1/teams/${manager.user.team_id}/workload`);
  assert.equal(r.status, 200, r.text);
  const w = r.body.workers.find((x) => x.worker_id === officer.user.id);
  // The officer's open tasks in the team, but not on the closed case.
  const tasks = (await officer.get('/api/v1/tasks?mine=1&status=open&limit=100')).body.items
    .filter((x) => x.team_id === officer.user.team_id && x.case_id !== caseClosed.id);
  assert.ok(tasks.some((x) => x.title === 'Call the school'));
  const late = tasks.filter((x) => x.due_date < TODAY).length;
  assert.deepEqual([w.open_cases, w.open_orders, w.tasks_open, w.tasks_overdue], [2, 2, tasks.length, late]);
  // Overdue: the referral order's start KPI data (the parenting order's
  // start work is due on 21 March; the closed case has nothing), and the
  // officer's overdue tasks.
  assert.equal(w.overdue, 1 + late);
  assert.ok(r.body.workers.some((x) => x.worker_id === officer2.user.id && x.open_cases === 0), 'team members with no cases are listed');
  // The parent worker of YJ North has the joint visit tasks of the
  // parenting order there: listed with them.
  const pw = r.body.workers.find((x) => x.role === 'parent_worker');
  assert.ok(pw && pw.tasks_open > 0, JSON.stringify(r.body.workers));
  assert.ok(r.body.workers.some((x) => x.worker_id === manager.user.id));
  // A parent worker who sits in YJ South holds their parents' cases in a
  // parenting team: with nothing of theirs in YJ South they are not listed
  // there (zeros read as a worker with no load); the team's officer is.
  const s = await south.get(`/api/v1/teams/${south.user.team_id}/workload`);
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.body.workers.map((x) => x.role), ['yjs_officer'], JSON.stringify(s.body.workers));
  // The unallocated case's task is the officer's, who set it.
  assert.deepEqual([r.body.unallocated.open_cases, r.body.unallocated.tasks_open, r.body.unallocated.tasks_overdue], [1, 0, 0]);
  const teamLate = (await manager.get('/api/v1/tasks?team=1&overdue=1&limit=100')).body.items
    .filter((x) => x.case_id !== caseClosed.id).length;
  assert.ok(teamLate >= late);
  assert.equal(r.body.overdue_total, 1 + teamLate);
  assert.deepEqual(r.body.overdue.filter((d) => d.record === 'outcome').map((d) => [d.what, d.person_id]), [['start_kpi', kid.id]]);
  assert.ok(r.body.overdue.every((d) => d.due_date < TODAY && d.status === 'overdue'));
});

test('allocation and re-allocation are audited and show in the caseload', async () => {
  const before = srv.auditHead();
  const r = await manager.patch(`/api/v1/cases/${caseU.id}`, { version: caseU.version, worker_id: officer2.user.id });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(srv.changesSince(before), [`update case ${caseU.id}`]);
  const load = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?worker_id=${officer2.user.id}`);
  assert.deepEqual(load.body.items.map((x) => [x.id, x.worker_name]), [[caseU.id, 'Test officer2']]);
  const w = (await manager.get(`/api/v1/teams/${manager.user.team_id}/workload`)).body;
  assert.equal(w.unallocated.open_cases, 0);
  assert.equal(w.workers.find((x) => x.worker_id === officer2.user.id).open_cases, 1);
});

test('a child at a glance', async () => {
  const r = await officer.get(`/api/v1/people/${kid.id}/glance`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.order_type, 'referral_order');
  assert.equal(r.body.rosh, 'high');
  assert.equal(r.body.safety_wellbeing, 'medium');
  assert.equal(r.body.last_seen, '2025-03-01T10:00:00Z');
  assert.equal(r.body.next_due.case_id, caseK.id);
  assert.equal(r.body.next_due.status, 'overdue');
  assert.equal(r.body.cases.length, 1);
  const none = await officer.get(`/api/v1/people/${closedKid.id}/glance`);
  assert.deepEqual([none.body.cases, none.body.next_due, none.body.order_type], [[], null, null], 'a closed case shows nothing');
});

test('the chronology in date order, filtered by kind, and what the user may not open left out', async () => {
  const r = await officer.get(`/api/v1/people/${kid.id}/chronology`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((x) => [x.event_date, x.kind, x.code]), [
    ['2024-12-20', 'offence', 'theft'],
    ['2025-01-05', 'outcome', 'referral_order'],
    ['2025-02-01', 'assessment', 'start'],
    ['2025-03-01', 'contact', 'home_visit'],
  ]);
  assert.equal(r.body.items[3].record_id, seenVisit.id);
  assert.ok(r.body.kinds.some((k) => k.kind === 'move'));
  const f = await officer.get(`/api/v1/people/${kid.id}/chronology?kind=offence,contact`);
  assert.deepEqual(f.body.items.map((x) => x.kind), ['offence', 'contact']);
  const bad = await officer.get(`/api/v1/people/${kid.id}/chronology?kind=offence,gossip`);
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.body.error.field, 'kind');
  const denied = await south.get(`/api/v1/people/${kid.id}/chronology`);
  assert.equal(denied.status, 403, denied.text);
  const glass = await south.get(`/api/v1/people/${kid.id}/chronology`, { 'X-Break-Glass-Reason': 'Police request about an incident tonight' });
  assert.equal(glass.status, 200, glass.text);
  assert.equal(glass.body.items.length, 4, 'after breaking glass, every event');
});

test('who may see the team views, and bad query parameters all named at once', async () => {
  const north = manager.user.team_id;
  for (const c of [south, analyst, parent, managerEh]) {
    const r = await c.get(`/api/v1/teams/${north}/caseload`);
    assert.ok([403, 404].includes(r.status), `${c.user.username}: ${r.status}`);
  }
  assert.equal((await officer.get(`/api/v1/teams/${north}/caseload`)).status, 200, 'an officer reads their own team');
  const bad = await manager.get(`/api/v1/teams/${north}/caseload?worker_id=abc&unallocated=maybe&limit=0`);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['limit', 'unallocated', 'worker_id']);
  const due = await manager.get('/api/v1/due?scope=everyone&within=999&overdue=perhaps');
  assert.equal(due.status, 400, due.text);
  assert.deepEqual(due.body.errors.map((x) => x.field).sort(), ['overdue', 'scope', 'within']);
  const stranger = await manager.get(`/api/v1/teams/${north}/caseload?worker_id=${south.user.id}`);
  assert.equal(stranger.status, 400, stranger.text);
  assert.equal(stranger.body.error.field, 'worker_id');
});

test("a family plan's review is on the team's due list, and leaves it once reviewed", async () => {
  const family = await created(officer, '/api/v1/families', { name: 'Adams family' });
  const plan = await created(officer, '/api/v1/family-plans', {
    family_id: family.id, wants_to_change: 'Ava gets to school every day', agreed_on: '2025-02-01', next_review_date: TODAY,
  });
  const due = async () => (await manager.get('/api/v1/due?scope=team&within=0&limit=100')).body.items
    .filter((d) => d.record === 'family_plan' && d.record_id === plan.id);
  const [item] = await due();
  assert.deepEqual([item.what, item.due_date, item.status, item.service, item.family_id, item.family_label],
    ['family_plan_review', TODAY, 'today', 'family_plan', family.id, 'Adams family']);
  assert.deepEqual(Object.keys(item).filter((k) => k.includes(':')), [], 'no column named twice');
  // A task beside it keeps the child's own family name (the family's name
  // once shared the column's name: SQLite renamed it, PostgreSQL kept one).
  const own = await created(officer, '/api/v1/tasks', { case_id: caseK.id, title: 'Ring Ava', due_date: TODAY });
  const row = (await manager.get('/api/v1/due?scope=team&within=0&limit=100')).body.items
    .find((d) => d.record === 'task' && d.record_id === own.id);
  assert.deepEqual([row.given_name, row.family_name, row.family_label], ['Ava', 'Adams', null]);
  await created(officer, '/api/v1/family-plan-reviews', {
    plan_id: plan.id, review_date: TODAY, family_words: 'Better mornings', practitioner_words: 'Attending', next_review_date: '2025-06-10',
  });
  assert.deepEqual(await due(), [], 'the review moves the date on, past the horizon');
  const later = (await manager.get('/api/v1/due?scope=team&within=120&limit=100')).body.items
    .filter((d) => d.record === 'family_plan' && d.record_id === plan.id);
  assert.deepEqual(later.map((d) => [d.due_date, d.status]), [['2025-06-10', 'due']]);
});

test('moves in the chronology: each change of accommodation, not each record of it', async () => {
  const snap = (point, measured_on, accommodation) => created(officer, '/api/v1/kpi-snapshots', {
    ...KPI_NOT_KNOWN, outcome_id: parentingOrder.id, point, measured_on, accommodation,
  });
  await snap('start', '2025-02-21', 'with_parents');
  await snap('end', '2025-03-01', 'with_parents');
  const same = await officer.get(`/api/v1/people/${kid3.id}/chronology?kind=move`);
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(same.body.items.map((x) => [x.event_date, x.code]), [['2025-02-21', 'with_parents']]);
  const other = await created(officer, '/api/v1/outcomes', {
    case_id: caseP.id, outcome_type: 'prevention', outcome_date: '2025-03-02', start_date: '2025-03-02',
  });
  await created(officer, '/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: other.id, point: 'start', measured_on: '2025-03-03', accommodation: 'foster_care' });
  const moved = await officer.get(`/api/v1/people/${kid3.id}/chronology?kind=move`);
  assert.deepEqual(moved.body.items.map((x) => [x.event_date, x.code]), [['2025-02-21', 'with_parents'], ['2025-03-03', 'foster_care']]);
});

test('last seen: a contact recorded as the child not seen, or one that did not take place, does not count; one recorded as seen does', async () => {
  // (A child of their own: kid3 has an open youth justice case, and a
  // child has one at a time.)
  const kidS = await createdPerson(officer, { given_name: 'Sam', family_name: 'Seen', date_of_birth: '2009-07-01' });
  const kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: kidS.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2025-01-02',
  });
  const contact = (extra) => created(officer, '/api/v1/contacts', {
    case_id: kase.id, contact_type: 'home_visit', summary: 'Visit.', attendees: { people: [kidS.id], practitioners: [officer.user.id] }, ...extra,
  });
  const seen = async () => (await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?worker_id=${officer.user.id}&limit=100`))
    .body.items.find((x) => x.id === kase.id).last_seen;
  await contact({ contact_date: '2025-02-20T10:00:00Z' });
  assert.equal(await seen(), '2025-02-20T10:00:00Z', 'a home visit the child attended');
  // The child is not listed as attending either: a contact that lists
  // them but says they were not seen, or did not attend, contradicts
  // itself and is refused (session 23, tests/api/walkers_s23.test.mjs).
  const without = { attendees: { people: [], practitioners: [officer.user.id] } };
  await contact({ contact_date: '2025-02-22T10:00:00Z', child_seen: false, ...without });
  await contact({ contact_date: '2025-02-23T10:00:00Z', outcome: 'did_not_attend', ...without });
  assert.equal(await seen(), '2025-02-20T10:00:00Z', 'not seen, or did not attend: not counted');
  await contact({ contact_date: '2025-02-24T10:00:00Z', contact_type: 'video', attendees: { people: [kidS.id], practitioners: [officer.user.id] }, child_seen: true, outcome: 'attended' });
  assert.equal(await seen(), '2025-02-24T10:00:00Z', 'recorded as seen (a video call, say): seen, so among the attendees (session 24)');
});

test('the due list and the workload count every overdue item, however many, and say when the list is cut', async () => {
  // YJ South's officer: 201 overdue tasks from 1 January, and a family
  // plan whose review was due on 1 March, after them all. The workload
  // lists the first 200 (its limit) of the tasks and plans: the plan,
  // 202nd, is not among them but counted in the total and the officer's
  // own figure all the same.
  const team = south.user.team_id;
  const child_ = await createdPerson(south, { given_name: 'Eve', family_name: 'Evans', date_of_birth: '2009-09-01' });
  const kase = await created(south, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: child_.id, team_id: team, worker_id: south.user.id, start_date: '2024-12-01',
  });
  for (let i = 0; i < 201; i++) {
    await created(south, '/api/v1/tasks', { case_id: kase.id, title: `Chase ${i + 1}`, due_date: '2025-01-01' });
  }
  const family = await created(south, '/api/v1/families', { name: 'Evans family' });
  const plan = await created(south, '/api/v1/family-plans', {
    family_id: family.id, wants_to_change: 'Eve home by ten', agreed_on: '2025-01-01', next_review_date: '2025-03-01',
  });
  const w = (await south.get(`/api/v1/teams/${team}/workload`)).body;
  assert.equal(w.overdue_total, 202);
  assert.equal(w.overdue.length, 200);
  assert.equal(w.overdue_limit, 200);
  assert.equal(w.overdue_has_more, true);
  assert.ok(!w.overdue.some((d) => d.record === 'family_plan'), 'the plan is past the list');
  const me = w.workers.find((x) => x.worker_id === south.user.id);
  assert.deepEqual([me.tasks_overdue, me.overdue], [201, 202]);
  // A smaller list (its page size a parameter): the first 5 of 202.
  const five = (await south.get(`/api/v1/teams/${team}/workload?limit=5`)).body;
  assert.deepEqual([five.overdue.length, five.overdue_total, five.overdue_limit, five.overdue_has_more], [5, 202, 5, true]);
  assert.equal((await south.get(`/api/v1/teams/${team}/workload?limit=0`)).status, 400);
  // The due list: every item counted, a page at a time.
  const page = (await south.get('/api/v1/due?scope=team&overdue=true&limit=10')).body;
  assert.deepEqual([page.items.length, page.total, page.overdue_total, page.due_total, page.has_more], [10, 202, 202, 0, true]);
  const last = (await south.get('/api/v1/due?scope=team&overdue=true&limit=10&offset=200')).body;
  assert.deepEqual(last.items.map((d) => [d.record, d.record_id]).slice(-1), [['family_plan', plan.id]]);
  assert.deepEqual([last.items.length, last.total, last.has_more], [2, 202, false]);
  // Not only the overdue: a task due next week is counted as due.
  await created(south, '/api/v1/tasks', { case_id: kase.id, title: 'Next week', due_date: '2025-03-17' });
  const all = (await south.get('/api/v1/due?scope=team&within=14&limit=1')).body;
  assert.deepEqual([all.total, all.overdue_total, all.due_total, all.items.length], [203, 202, 1, 1]);
});

// Issue 10 §2, the team's week: contacts as practitioners record them (time,
// duration, location, outcome, child seen, seen alone, significant),
// attendees and task owners from any service in Spire (the case's
// practitioners picker), "add a task" on any case, and court work (hearings,
// reports for court with due dates, and the reports due on the due list).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, created, createdPerson, ukDay } from './lib.mjs';

let srv, officer, officer2, south, manager, social, hub, fgc, parentworker, admin, analyst;
let kid, caseN, caseS, ehKid, ehCase;

const visit = (extra = {}) => ({
  case_id: caseN.id, contact_date: '2024-05-02', contact_type: 'home_visit', summary: 'Home visit.', ...extra,
});

before(async () => {
  srv = await Server.start({ users: [...USERS, ['gone', 'yjs_officer', 'youth_justice', 'YJ North']] });
  [officer, officer2, south, manager, social, hub, fgc, parentworker, admin, analyst] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'social', 'hub', 'fgc', 'parentworker', 'admin', 'analyst']);
  const gone = (await srv.login('gone')).user;
  assert.equal((await admin.post(`/api/v1/users/${gone.id}/disable`, { version: (await admin.get(`/api/v1/users/${gone.id}`)).body.version })).status, 200);
  kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'Stone', date_of_birth: '2009-03-03' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id,
    start_date: '2024-04-01', reason: 'Charged: court',
  });
  const southKid = await createdPerson(south, { given_name: 'Sam', family_name: 'South' });
  caseS = await created(south, '/api/v1/cases', {
    service: 'youth_justice', person_id: southKid.id, team_id: south.user.team_id, worker_id: south.user.id,
    start_date: '2024-04-01', reason: 'Charged: court',
  });
  ehKid = await createdPerson(social, { given_name: 'Eve', family_name: 'Help' });
  ehCase = await created(social, '/api/v1/cases', {
    service: 'early_help', person_id: ehKid.id, team_id: social.user.team_id, worker_id: social.user.id,
    start_date: '2024-04-01', reason: 'Family help',
  });
});
after(async () => { await srv.stop(); });

test('a contact records its time, duration, location, outcome, whether the child was seen (alone) and if significant', async () => {
  const r = await officer.post('/api/v1/contacts', visit({
    contact_time: '16:45', duration_minutes: 50, location: 'Family home, Leeds', outcome: 'attended',
    child_seen: true, seen_alone: true, significant: true, attendees: { people: [kid.id], practitioners: [] },
  }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.contact_time, '16:45');
  assert.equal(r.body.duration_minutes, 50);
  assert.equal(r.body.location, 'Family home, Leeds');
  assert.equal(r.body.outcome, 'attended');
  assert.equal(r.body.child_seen, true);
  assert.equal(r.body.seen_alone, true);
  assert.equal(r.body.significant, true);
  // Not recorded is not "no": the old contacts keep null; significant is false.
  const plain = await created(officer, '/api/v1/contacts', visit({ summary: 'Phone call.' }));
  assert.equal(plain.child_seen, null);
  assert.equal(plain.seen_alone, null);
  assert.equal(plain.outcome, null);
  assert.equal(plain.significant, false);
  // The list carries them too, and a change keeps the rules.
  const l = await officer.get(`/api/v1/contacts?case_id=${caseN.id}`);
  const row = l.body.items.find((x) => x.id === r.body.id);
  assert.equal(row.duration_minutes, 50);
  assert.equal(row.significant, true);
  // Checked on the contact as it will be stored: the stored "seen",
  // "seen alone" and the child among the attendees (session 24).
  const ch = await officer.patch(`/api/v1/contacts/${r.body.id}`, { version: 1, outcome: 'did_not_attend' });
  assert.equal(ch.status, 400, ch.text);
  assert.deepEqual(ch.body.errors.map((x) => x.field).sort(), ['attendees.people', 'child_seen', 'outcome', 'seen_alone']);
  const ok = await officer.patch(`/api/v1/contacts/${r.body.id}`, {
    version: 1, outcome: 'did_not_attend', child_seen: false, seen_alone: false, attendees: { people: [], practitioners: [] },
  });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.outcome, 'did_not_attend');
});

test('every wrong field of a contact is named at once, in words for practitioners, and nothing is stored', async () => {
  const start = srv.auditHead();
  const r = await officer.post('/api/v1/contacts', visit({
    contact_time: '25:10', duration_minutes: 0, location: 'a\nb', outcome: 'no_show', child_seen: 'yes', significant: 'very',
  }));
  assert.equal(r.status, 400, r.text);
  const fields = r.body.errors.map((x) => x.field);
  assert.deepEqual(fields.sort(), ['child_seen', 'contact_time', 'duration_minutes', 'location', 'outcome', 'significant'].sort());
  const msg = Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
  assert.equal(msg.contact_time, 'Enter the time of the contact on a 24-hour clock, like 14:30');
  assert.equal(msg.duration_minutes, 'Duration (minutes) must be between 1 and 1440');
  // The rules between fields: seen only at a contact that happened, alone only when seen.
  const rules = await officer.post('/api/v1/contacts', visit({
    outcome: 'cancelled_by_family', child_seen: true, seen_alone: true, duration_minutes: 1441,
  }));
  assert.equal(rules.status, 400, rules.text);
  const byField = Object.fromEntries(rules.body.errors.map((x) => [x.field, x.message]));
  assert.deepEqual(Object.keys(byField).sort(), ['child_seen', 'duration_minutes', 'seen_alone']);
  assert.match(byField.child_seen, /Cancelled by the child or family/);
  const alone = await officer.post('/api/v1/contacts', visit({ child_seen: false, seen_alone: true }));
  assert.equal(alone.status, 400, alone.text);
  assert.equal(alone.body.error.field, 'seen_alone');
  assert.equal(alone.body.error.message, 'Select no for whether the child was seen alone: they were not seen');
  assert.deepEqual(srv.changesSince(start), []);
});

test('the case\'s practitioners: every service\'s practitioners and managers, the case\'s team first; audited', async () => {
  const start = srv.auditHead();
  const r = await officer.get(`/api/v1/cases/${caseN.id}/practitioners`);
  assert.equal(r.status, 200, r.text);
  const names = r.body.items.map((u) => u.full_name);
  for (const who of ['Test social', 'Test hub', 'Test fgc', 'Test parentworker', 'Test officer_south', 'Test manager_eh']) {
    assert.ok(names.includes(who), `${who} in ${names}`);
  }
  for (const who of ['Test admin', 'Test analyst', 'Test parent', 'Test gone']) assert.ok(!names.includes(who), who);
  const firstOther = r.body.items.findIndex((u) => !u.case_team);
  assert.ok(firstOther > 0);
  assert.ok(r.body.items.slice(0, firstOther).every((u) => u.team_id === officer.user.team_id));
  assert.ok(r.body.items.slice(firstOther).every((u) => !u.case_team));
  const s = r.body.items.find((u) => u.full_name === 'Test social');
  assert.equal(s.service_code, 'early_help');
  assert.equal(s.team_name, 'Early Help East');
  assert.equal(s.role, 'social_worker');
  assert.equal(srv.audit({ action: 'read', record_type: 'case_practitioners', record_id: caseN.id, person_id: kid.id }, start).length, 1);
  // Only for a case the user may read.
  assert.equal((await south.get(`/api/v1/cases/${caseN.id}/practitioners`)).status, 403);
  assert.equal((await social.get(`/api/v1/cases/${caseN.id}/practitioners`)).status, 403);
  assert.equal((await admin.get(`/api/v1/cases/${caseN.id}/practitioners`)).status, 403);
  assert.equal((await officer.get('/api/v1/cases/999999/practitioners')).status, 404);
});

test('a contact\'s attendees and follow-up owners may come from any service; staff who are not practitioners may not', async () => {
  const r = await officer.post('/api/v1/contacts', visit({
    joint: true, attendees: { people: [kid.id], practitioners: [officer.user.id, social.user.id, hub.user.id, fgc.user.id] },
    tasks: [{ title: 'Send the FGC referral', due_date: '2030-01-10', owner_id: fgc.user.id }],
  }));
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.attendees.practitioners.map((p) => p.full_name), ['Test officer', 'Test social', 'Test hub', 'Test fgc']);
  const [t] = r.body.tasks;
  assert.equal(t.owner_id, fgc.user.id);
  assert.equal(t.team_id, fgc.user.team_id, 'the task is held by its owner\'s team');
  assert.equal(t.case_id, caseN.id);
  // The owner finds it in their own tasks, and may mark it done.
  const mine = await fgc.get('/api/v1/tasks?mine=1');
  assert.ok(mine.body.items.some((x) => x.id === t.id), mine.text);
  const bad = await officer.post('/api/v1/contacts', visit({
    attendees: { practitioners: [admin.user.id, analyst.user.id] },
    tasks: [{ title: 'x', due_date: '2030-01-10', owner_id: analyst.user.id }],
  }));
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((x) => x.field), ['attendees.practitioners[0]', 'attendees.practitioners[1]', 'tasks[0].owner_id']);
});

test('add a task on any case for a practitioner of another service: held by their team; the case\'s team still sees it', async () => {
  const r = await officer.post('/api/v1/tasks', { case_id: caseN.id, title: 'Check CP plan review date', due_date: '2030-02-01', owner_id: social.user.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.owner_id, social.user.id);
  assert.equal(r.body.team_id, social.user.team_id);
  assert.equal(r.body.owner_name, 'Test social');
  assert.equal(srv.audit({ action: 'create', record_type: 'task', record_id: r.body.id, person_id: kid.id }).length, 1);
  assert.ok((await social.get('/api/v1/tasks?mine=1')).body.items.some((x) => x.id === r.body.id));
  const onCase = await officer2.get(`/api/v1/tasks?case_id=${caseN.id}`);
  assert.ok(onCase.body.items.some((x) => x.id === r.body.id), 'the case\'s team sees it');
  // Handed back by its owner to someone in the case's team: the task
  // follows its owner (only the owner or a manager passes a task on).
  const back = await social.patch(`/api/v1/tasks/${r.body.id}`, { version: 1, owner_id: officer2.user.id });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.team_id, officer.user.team_id);
  // An early help worker adds a task on their own case for the youth justice officer.
  const eh = await social.post('/api/v1/tasks', { case_id: ehCase.id, title: 'Share the YJ assessment', due_date: '2030-02-02', owner_id: officer.user.id });
  assert.equal(eh.status, 201, eh.text);
  assert.equal(eh.body.team_id, officer.user.team_id);
  // Without a case the old rule stands: a task in a team the user may hold work in.
  const loose = await officer.post('/api/v1/tasks', { title: 'Team admin', due_date: '2030-02-02', owner_id: social.user.id });
  assert.equal(loose.status, 400, loose.text);
  assert.equal(loose.body.error.field, 'owner_id');
  // Every wrong field at once; staff who are not practitioners own nothing.
  const bad = await officer.post('/api/v1/tasks', { case_id: caseN.id, title: '', due_date: 'soon', owner_id: admin.user.id });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['due_date', 'owner_id', 'title']);
});

test('hearings: recorded by youth justice roles on a youth justice case, read in scope, every rule named at once', async () => {
  const h = await officer.post('/api/v1/hearings', {
    case_id: caseN.id, court: 'Leeds Youth Court', hearing_date: '2024-05-10', hearing_type: 'first_appearance',
    hearing_outcome: 'adjourned', next_hearing_date: '2024-06-07', notes: 'Adjourned for a pre-sentence report.',
  });
  assert.equal(h.status, 201, h.text);
  assert.equal(h.body.person_id, kid.id);
  assert.equal(h.body.given_name, 'Kai');
  assert.equal(h.body.hearing_outcome, 'adjourned');
  assert.equal(h.body.next_hearing_date, '2024-06-07');
  assert.equal(srv.audit({ action: 'create', record_type: 'hearing', record_id: h.body.id, person_id: kid.id }).length, 1);
  // A future hearing, with no outcome yet.
  const next = await created(officer, '/api/v1/hearings', {
    case_id: caseN.id, court: 'Leeds Youth Court', hearing_date: ukDay(20), hearing_type: 'sentence',
  });
  const l = await officer2.get(`/api/v1/hearings?case_id=${caseN.id}`);
  assert.deepEqual(l.body.items.map((x) => x.id), [next.id, h.body.id], 'newest first');
  assert.equal(srv.audit({ action: 'list', record_type: 'hearing', record_id: next.id }).length >= 1, true);
  const start = srv.auditHead();
  const bad = await officer.post('/api/v1/hearings', {
    case_id: caseN.id, court: '', hearing_date: ukDay(5), hearing_type: 'trial', hearing_outcome: 'sentenced', next_hearing_date: ukDay(5),
  });
  assert.equal(bad.status, 400, bad.text);
  const m = Object.fromEntries(bad.body.errors.map((x) => [x.field, x.message]));
  assert.deepEqual(Object.keys(m).sort(), ['court', 'hearing_outcome', 'next_hearing_date']);
  assert.match(m.hearing_outcome, /once the hearing has taken place/);
  assert.equal(m.next_hearing_date, 'The date of the next hearing must be after the date of this hearing');
  const adj = await officer.post('/api/v1/hearings', {
    case_id: caseN.id, court: 'Leeds Youth Court', hearing_date: '2024-05-10', hearing_type: 'plea', hearing_outcome: 'bail', hearing_type2: 1,
  });
  assert.equal(adj.status, 400, adj.text);
  assert.deepEqual(adj.body.errors.map((x) => x.field).sort(), ['hearing_type2', 'next_hearing_date']);
  assert.deepEqual(srv.changesSince(start), []);
  // Who may record: youth justice roles on youth justice cases only.
  const as = (c, caseId) => c.post('/api/v1/hearings', { case_id: caseId, court: 'X Youth Court', hearing_date: '2024-05-10', hearing_type: 'trial' });
  assert.equal((await as(social, ehCase.id)).status, 403);
  assert.equal((await as(parentworker, caseN.id)).status, 403);
  const notYj = await as(manager, ehCase.id);
  assert.ok([400, 403].includes(notYj.status), notYj.text);
  assert.equal((await as(south, caseN.id)).status, 403);
  assert.equal((await south.get(`/api/v1/hearings/${h.body.id}`)).status, 403);
  assert.equal((await south.get(`/api/v1/hearings?case_id=${caseN.id}`)).status, 403);
  // Changed with its version; closed with a reason, kept.
  const ch = await officer.patch(`/api/v1/hearings/${next.id}`, { version: 1, court: 'Bradford Youth Court' });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.body.court, 'Bradford Youth Court');
  const cl = await officer.post(`/api/v1/hearings/${next.id}/close`, { version: 2, reason: 'Entered in error' });
  assert.equal(cl.status, 200, cl.text);
  const after = await officer.get(`/api/v1/hearings?case_id=${caseN.id}`);
  assert.deepEqual(after.body.items.map((x) => x.id), [h.body.id]);
});

test('reports for court: due dates and their rules; the due list shows those due and overdue, not submitted ones', async () => {
  const hearing = await created(officer, '/api/v1/hearings', {
    case_id: caseN.id, court: 'Leeds Youth Court', hearing_date: ukDay(-3), hearing_type: 'plea',
    hearing_outcome: 'convicted', next_hearing_date: ukDay(10),
  });
  const psr = await officer.post('/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'pre_sentence', hearing_id: hearing.id, author_id: officer2.user.id,
    requested_on: ukDay(-3), due_date: ukDay(7),
  });
  assert.equal(psr.status, 201, psr.text);
  assert.equal(psr.body.author_name, 'Test officer2');
  assert.equal(psr.body.hearing_court, 'Leeds Youth Court');
  const late = await created(officer, '/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'bail', requested_on: ukDay(-4), due_date: ukDay(-1),
  });
  const done = await created(officer, '/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'stand_down', requested_on: ukDay(-2), due_date: ukDay(-2), submitted_on: ukDay(-2),
  });
  const far = await created(officer, '/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'pre_sentence', requested_on: ukDay(-1), due_date: ukDay(60), author_id: social.user.id,
  });
  const otherTeam = await created(south, '/api/v1/court-reports', {
    case_id: caseS.id, report_type: 'pre_sentence', requested_on: ukDay(-1), due_date: ukDay(2),
  });
  const start = srv.auditHead();
  const mine = await officer.get('/api/v1/court-reports/due');
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.body.items.map((x) => x.id), [late.id, psr.body.id], 'soonest first; not submitted; within 28 days');
  assert.equal(mine.body.items[0].overdue, true);
  assert.equal(mine.body.items[1].overdue, false);
  assert.equal(mine.body.items[1].given_name, 'Kai');
  assert.equal(mine.body.items[1].report_type, 'pre_sentence');
  assert.equal(srv.audit({ action: 'list', record_type: 'court_report', person_id: kid.id }, start).length, 2);
  const overdue = await officer.get('/api/v1/court-reports/due?overdue=true');
  assert.deepEqual(overdue.body.items.map((x) => x.id), [late.id]);
  const year = await officer.get('/api/v1/court-reports/due?within=366');
  assert.deepEqual(year.body.items.map((x) => x.id), [late.id, psr.body.id, far.id]);
  assert.ok(!year.body.items.some((x) => x.id === done.id || x.id === otherTeam.id));
  // The author of a report on another team's case sees it as theirs.
  const author = await social.get('/api/v1/court-reports/due?within=366');
  assert.deepEqual(author.body.items.map((x) => x.id), [far.id]);
  const team = await officer2.get('/api/v1/court-reports/due?scope=team');
  assert.deepEqual(team.body.items.map((x) => x.id), [late.id, psr.body.id]);
  // Submitted: off the list.
  const sub = await officer.patch(`/api/v1/court-reports/${late.id}`, { version: 1, submitted_on: ukDay(0) });
  assert.equal(sub.status, 200, sub.text);
  assert.deepEqual((await officer.get('/api/v1/court-reports/due')).body.items.map((x) => x.id), [psr.body.id]);
  // Every bad parameter named in one 400.
  const q = await officer.get('/api/v1/court-reports/due?scope=everyone&within=999&overdue=maybe&limit=0');
  assert.equal(q.status, 400, q.text);
  assert.deepEqual(q.body.errors.map((x) => x.field).sort(), ['limit', 'overdue', 'scope', 'within']);
  assert.equal((await admin.get('/api/v1/court-reports/due')).status, 403);
  // Every wrong field of a report at once, nothing stored.
  const southHearing = await created(south, '/api/v1/hearings', {
    case_id: caseS.id, court: 'Wakefield Youth Court', hearing_date: '2024-05-01', hearing_type: 'trial',
  });
  const before = srv.auditHead();
  const bad = await officer.post('/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'psr', requested_on: ukDay(2), due_date: '2024-01-01', submitted_on: ukDay(3),
    author_id: analyst.user.id, hearing_id: 999999,
  });
  assert.equal(bad.status, 400, bad.text);
  const m = Object.fromEntries(bad.body.errors.map((x) => [x.field, x.message]));
  assert.deepEqual(Object.keys(m).sort(), ['author_id', 'hearing_id', 'report_type', 'requested_on', 'submitted_on']);
  const order = await officer.post('/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'bail', requested_on: '2024-05-02', due_date: '2024-05-01', submitted_on: '2024-04-30',
  });
  assert.equal(order.status, 400, order.text);
  assert.deepEqual(order.body.errors.map((x) => x.field).sort(), ['due_date', 'submitted_on']);
  assert.equal(order.body.errors.find((x) => x.field === 'due_date').message,
    'The date the report is due must be the same as or after the date it was requested');
  const wrongChild = await officer.post('/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'bail', requested_on: '2024-05-02', due_date: '2024-05-03', hearing_id: southHearing.id,
  });
  assert.equal(wrongChild.status, 400, wrongChild.text);
  // Another team's hearing is answered as one that does not exist: the
  // officer may not read it, so is not told whose it is (session 24).
  assert.equal(wrongChild.body.error.message, 'Select a hearing from the list: this hearing does not exist');
  assert.equal(wrongChild.body.error.message, m.hearing_id);
  assert.deepEqual(srv.changesSince(before), []);
});

test('a closed case\'s reports are not due', async () => {
  const k = await createdPerson(officer, { given_name: 'Cole', family_name: 'Done' });
  const c = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: k.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-04-01', reason: 'Court',
  });
  const rep = await created(officer, '/api/v1/court-reports', { case_id: c.id, report_type: 'bail', requested_on: ukDay(-1), due_date: ukDay(1) });
  assert.ok((await officer.get('/api/v1/court-reports/due')).body.items.some((x) => x.id === rep.id));
  const cl = await officer.post(`/api/v1/cases/${c.id}/close`, { version: c.version, reason: 'Order completed' });
  assert.equal(cl.status, 200, cl.text);
  assert.ok(!(await officer.get('/api/v1/court-reports/due')).body.items.some((x) => x.id === rep.id));
});

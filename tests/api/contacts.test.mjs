// /api/v1/contacts: dated contacts on a case with who attended and the
// follow-up tasks raised, written in one transaction; listing, correcting,
// marking entered in error; scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, created, createdPerson, ukDay } from './lib.mjs';

let srv, officer, officer2, south, manager, parentworker, admin;
let north, kid, mum, southKid, caseN, caseS, closedCase, stranger, gone;

const visit = (extra = {}) => ({
  case_id: caseN.id, contact_date: '2024-05-02T10:30:00Z', contact_type: 'home_visit',
  joint: false, summary: 'Saw the young person at home with mum.', ...extra,
});

before(async () => {
  srv = await Server.start({ users: [...USERS, ['gone', 'yjs_officer', 'youth_justice', 'YJ North']] });
  [officer, officer2, south, manager, parentworker, admin] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'parentworker', 'admin']);
  gone = (await srv.login('gone')).user;
  north = officer.user.team_id;
  kid = await createdPerson(officer, { given_name: 'Tyler', family_name: 'Reed' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Dawn', family_name: 'Reed' });
  southKid = await createdPerson(south, { given_name: 'Sol', family_name: 'Hart' });
  stranger = await created(south, '/api/v1/people', { given_name: 'Una', family_name: 'Known' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: north, worker_id: officer.user.id, start_date: '2024-04-01', reason: 'Referral order',
  });
  caseS = await created(south, '/api/v1/cases', {
    service: 'youth_justice', person_id: southKid.id, team_id: south.user.team_id, worker_id: south.user.id, start_date: '2024-04-01', reason: 'Referral order',
  });
  const other = await createdPerson(officer, { given_name: 'Ended', family_name: 'Case' });
  closedCase = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: other.id, team_id: north, start_date: '2024-01-01' });
  const cl = await officer.post(`/api/v1/cases/${closedCase.id}/close`, { version: closedCase.version, reason: 'Order completed' });
  assert.equal(cl.status, 200, cl.text);
  const d = await admin.post(`/api/v1/users/${gone.id}/disable`, { version: (await admin.get(`/api/v1/users/${gone.id}`)).body.version });
  assert.equal(d.status, 200, d.text);
});
after(async () => { await srv.stop(); });

test('record a joint visit with attendees and follow-up tasks in one go', async () => {
  const r = await officer.post('/api/v1/contacts', visit({
    joint: true,
    attendees: { people: [kid.id, mum.id], practitioners: [officer.user.id, parentworker.user.id] },
    tasks: [
      { title: 'Call school about attendance', due_date: '2024-05-09', details: 'Ask for the last 4 weeks' },
      { title: 'Book parenting session', due_date: '2030-06-01', owner_id: officer2.user.id },
    ],
  }));
  assert.equal(r.status, 201, r.text);
  const c = r.body;
  assert.equal(c.version, 1);
  assert.equal(c.case_id, caseN.id);
  assert.equal(c.person_id, kid.id);
  assert.equal(c.contact_type, 'home_visit');
  assert.equal(c.contact_date, '2024-05-02T10:30:00Z');
  assert.equal(c.joint, true);
  assert.equal(c.created_by, officer.user.id);
  assert.equal(c.created_by_name, 'Test officer');
  assert.deepEqual(c.attendees, {
    people: [{ id: kid.id, given_name: 'Tyler', family_name: 'Reed' }, { id: mum.id, given_name: 'Dawn', family_name: 'Reed' }],
    practitioners: [{ id: officer.user.id, full_name: 'Test officer' }, { id: parentworker.user.id, full_name: 'Test parentworker' }],
  });
  assert.equal(c.tasks.length, 2);
  const [t1, t2] = c.tasks;
  assert.equal(t1.title, 'Call school about attendance');
  assert.equal(t1.details, 'Ask for the last 4 weeks');
  assert.equal(t1.case_id, caseN.id);
  assert.equal(t1.contact_id, c.id);
  assert.equal(t1.team_id, north);
  assert.equal(t1.owner_id, officer.user.id, 'owner defaults to the recorder');
  assert.equal(t1.status, 'open');
  assert.equal(t1.overdue, true);
  assert.equal(t2.owner_id, officer2.user.id);
  assert.equal(t2.owner_name, 'Test officer2');
  assert.equal(t2.overdue, false);
  // The writes are audited: the contact and each task, about the child.
  assert.equal(srv.audit({ action: 'create', record_type: 'contact', record_id: c.id, person_id: kid.id }).length, 1);
  assert.equal(srv.audit({ action: 'create', record_type: 'task', record_id: (id) => id === t1.id || id === t2.id, person_id: kid.id }).length, 2);

  const g = await officer.get(`/api/v1/contacts/${c.id}`);
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(g.body.attendees, c.attendees);
  assert.deepEqual(g.body.tasks.map((t) => t.id), [t1.id, t2.id]);
  assert.equal(g.body.summary, 'Saw the young person at home with mum.');
  assert.equal(srv.audit({ action: 'read', record_type: 'contact', record_id: c.id, person_id: kid.id }).length, 1);
  // The follow-ups are ordinary tasks of the case.
  const tl = await officer.get(`/api/v1/tasks?case_id=${caseN.id}`);
  assert.equal(tl.status, 200, tl.text);
  assert.deepEqual(tl.body.items.filter((t) => t.contact_id === c.id).map((t) => t.id), [t1.id, t2.id]);
});

test('a plain date, no attendees and no tasks is fine', async () => {
  const r = await officer.post('/api/v1/contacts', visit({ contact_date: '2024-05-03', contact_type: 'phone', summary: 'Phoned mum.' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.contact_date, '2024-05-03');
  assert.equal(r.body.joint, false);
  assert.deepEqual(r.body.attendees, { people: [], practitioners: [] });
  assert.deepEqual(r.body.tasks, []);
});

test('each invalid part is refused naming the field, and nothing is stored', async () => {
  const future = ukDay(3);
  const cases = [
    [{ summary: undefined }, 'summary'],
    [{ summary: '   ' }, 'summary'],
    [{ summary: 'x'.repeat(10001) }, 'summary'],
    [{ contact_type: 'carrier_pigeon' }, 'contact_type'],
    [{ contact_date: '2024-02-30' }, 'contact_date'],
    [{ contact_date: future }, 'contact_date'],
    [{ joint: 'yes' }, 'joint'],
    [{ case_id: undefined }, 'case_id'],
    [{ case_id: 999999 }, 'case_id'],
    [{ colour: 'blue' }, 'colour'],
    [{ attendees: [kid.id] }, 'attendees'],
    [{ attendees: { people: [kid.id], pets: [] } }, 'attendees'],
    [{ attendees: { people: [kid.id, 999999] } }, 'attendees.people[1]'],
    [{ attendees: { people: [kid.id, kid.id] } }, 'attendees.people[1]'],
    [{ attendees: { people: ['Dawn'] } }, 'attendees.people[0]'],
    [{ attendees: { practitioners: [officer.user.id, 999999] } }, 'attendees.practitioners[1]'],
    [{ attendees: { practitioners: [gone.id] } }, 'attendees.practitioners[0]'],
    [{ tasks: { title: 'x' } }, 'tasks'],
    [{ tasks: ['call'] }, 'tasks[0]'],
    [{ tasks: [{ title: 'Call', due_date: '2024-13-01' }] }, 'tasks[0].due_date'],
    [{ tasks: [{ title: 'Call', due_date: '2024-06-01' }, { due_date: '2024-06-01' }] }, 'tasks[1].title'],
    [{ tasks: [{ title: 'Call', due_date: '2024-06-01', owner_id: admin.user.id }] }, 'tasks[0].owner_id'],
    [{ tasks: [{ title: 'Call', due_date: '2024-06-01', owner_id: gone.id }] }, 'tasks[0].owner_id'],
    [{ tasks: [{ title: 'Call', due_date: '2024-06-01', case_id: caseS.id }] }, 'tasks[0].case_id'],
  ];
  const before = srv.auditHead();
  for (const [extra, field] of cases) {
    const r = await officer.post('/api/v1/contacts', visit({ summary: 'Should not be stored', ...extra }));
    assert.equal(r.status, 400, `${JSON.stringify(extra).slice(0, 80)}: ${r.status} ${r.text.slice(0, 200)}`);
    assert.equal(r.body.error.code, 'validation');
    assert.equal(r.body.error.field, field, `${JSON.stringify(extra).slice(0, 80)}: ${r.body.error.message}`);
  }
  // A closed case takes no new contacts.
  const cl = await officer.post('/api/v1/contacts', visit({ case_id: closedCase.id }));
  assert.equal(cl.status, 400, cl.text);
  assert.equal(cl.body.error.field, 'case_id');
  assert.deepEqual(srv.changesSince(before), [], 'no contact, task or attendee stored');
  const l = await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200`);
  assert.equal(l.body.items.filter((c) => c.summary === 'Should not be stored').length, 0);
});

test('a contact with one bad follow-up task stores nothing at all', async () => {
  const tasksBefore = (await officer.get(`/api/v1/tasks?case_id=${caseN.id}&limit=200`)).body.items.length;
  const listBefore = (await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200`)).body.items.length;
  const attendeesBefore = srv.auditHead();
  const r = await officer.post('/api/v1/contacts', visit({
    summary: 'Atomic visit',
    attendees: { people: [kid.id, mum.id], practitioners: [officer.user.id] },
    tasks: [
      { title: 'Good task', due_date: '2024-06-01' },
      { title: 'Good task too', due_date: '2024-06-02', owner_id: officer2.user.id },
      { title: 'Bad task', due_date: 'next Tuesday' },
    ],
  }));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'tasks[2].due_date');
  const tl = await officer.get(`/api/v1/tasks?case_id=${caseN.id}&limit=200`);
  assert.equal(tl.body.items.length, tasksBefore);
  assert.equal(tl.body.items.filter((t) => t.title.startsWith('Good task')).length, 0);
  const l = await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200`);
  assert.equal(l.body.items.length, listBefore);
  const withClosed = await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200&include_closed=1`);
  assert.equal(withClosed.body.items.filter((x) => x.summary === 'Atomic visit').length, 0);
  assert.deepEqual(srv.changesSince(attendeesBefore), []);
  assert.equal(srv.audit({ action: 'create', record_type: 'task', record_id: 0 }).length, 0);
});

test('a case lists its contacts newest first, with paging, each audited', async () => {
  const kid2 = await createdPerson(officer, { given_name: 'Lister' });
  const c2 = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid2.id, team_id: north, start_date: '2024-01-01' });
  const dates = ['2024-03-01', '2024-03-05T09:00:00Z', '2024-02-10', '2024-03-03'];
  const ids = {};
  for (const d of dates) ids[d] = (await created(officer, '/api/v1/contacts', visit({ case_id: c2.id, contact_date: d, summary: `On ${d}` }))).id;
  const p1 = await officer.get(`/api/v1/contacts?case_id=${c2.id}&limit=3`);
  assert.equal(p1.status, 200, p1.text);
  assert.deepEqual(p1.body.items.map((c) => c.contact_date), ['2024-03-05T09:00:00Z', '2024-03-03', '2024-03-01']);
  assert.equal(p1.body.has_more, true);
  assert.equal(p1.body.items[0].joint, false);
  assert.deepEqual(p1.body.items[0].attendees, { people: [], practitioners: [] });
  const p2 = await officer.get(`/api/v1/contacts?case_id=${c2.id}&limit=3&offset=3`);
  assert.deepEqual(p2.body.items.map((c) => c.id), [ids['2024-02-10']]);
  assert.equal(p2.body.has_more, false);
  assert.equal(srv.audit({ action: 'list', record_type: 'contact', person_id: kid2.id }).length, 4);
  const bad = await officer.get('/api/v1/contacts');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'case_id');
  const bad2 = await officer.get(`/api/v1/contacts?case_id=${c2.id}&limit=0`);
  assert.equal(bad2.status, 400);
  assert.equal(bad2.body.error.field, 'limit');
});

// Several contacts on one day: the latest time of day first, one with no
// time after them (session 26: they came in the order they were typed).
test('contacts on the same day are listed latest time first', async () => {
  const kid3 = await createdPerson(officer, { given_name: 'Sameday' });
  const c3 = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid3.id, team_id: north, start_date: '2024-01-01' });
  for (const t of ['11:15', '15:30', null, '14:15'])
    await created(officer, '/api/v1/contacts', visit({ case_id: c3.id, contact_date: '2024-03-07', ...(t ? { contact_time: t } : {}), summary: `At ${t}` }));
  const r = await officer.get(`/api/v1/contacts?case_id=${c3.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((c) => c.contact_time ?? null), ['15:30', '14:15', '11:15', null]);
});

test('correct a contact: fields change, attendees are replaced, history kept; stale version is 409', async () => {
  const c = await created(officer, '/api/v1/contacts', visit({
    summary: 'First draft', attendees: { people: [kid.id], practitioners: [officer.user.id] },
  }));
  const r = await officer.patch(`/api/v1/contacts/${c.id}`, {
    version: 1, summary: 'Corrected', contact_type: 'office_visit', joint: true,
    attendees: { people: [kid.id, mum.id], practitioners: [parentworker.user.id] },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.summary, 'Corrected');
  assert.equal(r.body.contact_type, 'office_visit');
  assert.equal(r.body.joint, true);
  assert.equal(r.body.contact_date, c.contact_date);
  assert.deepEqual(r.body.attendees.people.map((p) => p.id), [kid.id, mum.id]);
  assert.deepEqual(r.body.attendees.practitioners.map((p) => p.id), [parentworker.user.id]);
  // Old attendees are marked removed, not deleted; the old version is in history.
  // (The rows kept, marked removed, and the history: tests/store/history.test.mjs.)
  assert.deepEqual(srv.changes({ record_type: 'contact', record_id: c.id }), ['create', 'update']);

  // Without attendees the attendees stay as they are.
  const r2 = await officer.patch(`/api/v1/contacts/${c.id}`, { version: 2, summary: 'Again' });
  assert.equal(r2.status, 200, r2.text);
  assert.deepEqual(r2.body.attendees, r.body.attendees);

  const stale = await officer.patch(`/api/v1/contacts/${c.id}`, { version: 2, summary: 'Lost update', attendees: { people: [] } });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.field, 'version');
  const g = await officer.get(`/api/v1/contacts/${c.id}`);
  assert.equal(g.body.summary, 'Again');
  assert.equal(g.body.version, 3);
  assert.equal(g.body.attendees.people.length, 2);

  for (const [body, field] of [
    [{ version: 3, case_id: caseS.id }, 'case_id'],
    [{ version: 3, tasks: [{ title: 'x', due_date: '2024-06-01' }] }, 'tasks'],
    [{ version: 3, attendees: { people: [stranger.id] } }, 'attendees.people[0]'],
    [{ summary: 'no version' }, 'version'],
  ]) {
    const b = await officer.patch(`/api/v1/contacts/${c.id}`, body);
    assert.ok([400, 403].includes(b.status), b.text);
    assert.equal(b.body.error.field, field, b.text);
  }
  assert.equal((await officer.get(`/api/v1/contacts/${c.id}`)).body.version, 3);
});

test('mark a contact entered in error: kept, hidden from the list unless asked for', async () => {
  const c = await created(officer, '/api/v1/contacts', visit({ summary: 'Wrong child', contact_date: '2024-05-20' }));
  const noReason = await officer.post(`/api/v1/contacts/${c.id}/close`, { version: 1 });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  const r = await officer.post(`/api/v1/contacts/${c.id}/close`, { version: 1, reason: 'Entered on the wrong case' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.closed_reason, 'Entered on the wrong case');
  assert.ok(r.body.closed_at);
  const l = await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200`);
  assert.ok(!l.body.items.some((x) => x.id === c.id));
  const all = await officer.get(`/api/v1/contacts?case_id=${caseN.id}&limit=200&include_closed=1`);
  assert.ok(all.body.items.some((x) => x.id === c.id && x.closed_reason === 'Entered on the wrong case'));
  const p = await officer.patch(`/api/v1/contacts/${c.id}`, { version: 2, summary: 'x' });
  assert.equal(p.status, 409, p.text);
  const kept = await officer.get(`/api/v1/contacts/${c.id}`);
  assert.equal(kept.status, 200, 'closed, not deleted');
  assert.equal(kept.body.closed_reason, 'Entered on the wrong case');
});

test('scope: another team cannot see or add to a case\'s contacts; break glass is flagged', async () => {
  const c = await created(officer, '/api/v1/contacts', visit({ summary: 'North only' }));
  const g = await south.get(`/api/v1/contacts/${c.id}`);
  assert.equal(g.status, 403, g.text);
  const l = await south.get(`/api/v1/contacts?case_id=${caseN.id}`);
  assert.equal(l.status, 403, l.text);
  assert.equal(l.body.error.field, 'case_id');
  const before = srv.auditHead();
  const p = await south.post('/api/v1/contacts', visit({ summary: 'Not mine' }));
  assert.equal(p.status, 403, p.text);
  assert.equal(p.body.error.field, 'case_id');
  const u = await south.patch(`/api/v1/contacts/${c.id}`, { version: 1, summary: 'Not mine' });
  assert.equal(u.status, 403, u.text);
  const cl = await south.post(`/api/v1/contacts/${c.id}/close`, { version: 1, reason: 'Not mine either' });
  assert.equal(cl.status, 403, cl.text);
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal((await officer.get(`/api/v1/contacts/${c.id}`)).body.summary, 'North only');
  // Attendees must be people the recorder may see: one they may not is
  // answered as one who is not on Spire (session 26).
  const a = await officer.post('/api/v1/contacts', visit({ summary: 'Stranger', attendees: { people: [stranger.id] } }));
  assert.equal(a.status, 400, a.text);
  assert.equal(a.body.error.field, 'attendees.people[0]');
  assert.equal(a.body.error.message, 'Select people from the list: one of them is not on Spire');
  assert.deepEqual(srv.changesSince(before), []);
  // Denials of the case are audited.
  assert.ok(srv.audit({ action: 'denied', record_type: 'case', record_id: caseN.id, username: 'officer_south' }).length >= 2);
  // Break glass: a written reason opens the record, flagged in the audit.
  const bg = await south.get(`/api/v1/contacts/${c.id}`, { 'X-Break-Glass-Reason': 'Police called about this child at night' });
  assert.equal(bg.status, 200, bg.text);
  assert.equal(srv.audit({ action: 'read', record_type: 'contact', record_id: c.id, break_glass: true }).length, 1);
  // Roles that open no case records.
  assert.equal((await admin.get(`/api/v1/contacts/${c.id}`)).status, 403);
  assert.equal((await admin.post('/api/v1/contacts', visit())).status, 403);
  // The manager of the service may record; follow-ups default to them (they are in the team).
  const m = await manager.post('/api/v1/contacts', visit({ summary: 'Manager visit', tasks: [{ title: 'Review', due_date: '2030-01-01' }] }));
  assert.equal(m.status, 201, m.text);
  assert.equal(m.body.tasks[0].owner_id, manager.user.id);
  // A colleague in the team may record on the case too; with owner defaulting to them.
  const o2 = await officer2.post('/api/v1/contacts', visit({ summary: 'Cover visit', tasks: [{ title: 'Hand back', due_date: '2030-01-01' }] }));
  assert.equal(o2.status, 201, o2.text);
  assert.equal(o2.body.tasks[0].owner_id, officer2.user.id);
});

// Session 27 (s27-api): loose ends in the API found by an attack and a
// walk. A change that changes nothing stores nothing, for every resource.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, daleFamilyWithOrder, ukDay } from './lib.mjs';

let srv, officer;
before(async () => {
  srv = await Server.start();
  [officer] = await srv.loginAll(['officer']);
});
after(async () => { await srv.stop(); });

test('a PATCH that changes nothing keeps the version and writes no change, for every resource', async () => {
  const d = await daleFamilyWithOrder(officer);
  const contact = await created(officer, '/api/v1/contacts', {
    case_id: d.yjCase.id, contact_date: ukDay(-3), contact_type: 'home_visit', summary: 'Visit',
    attendees: { people: [d.kid.id, d.mum.id], practitioners: [officer.user.id] },
  });
  const task = await created(officer, '/api/v1/tasks', { case_id: d.yjCase.id, title: 'Send the leaflet', due_date: '2099-01-01' });
  const fam = (await officer.get(`/api/v1/families/${d.fam.id}`)).body;
  const mum = fam.members.find((m) => m.person_id === d.mum.id);
  // Each record, and a body that sets some of its fields to what they hold.
  const same = {
    people: [d.kid, { given_name: 'Kit', date_of_birth: d.kid.date_of_birth }],
    cases: [d.yjCase, { reason: 'Referral order' }],
    families: [d.fam, { name: 'Dale family', key_worker_id: null }],
    'family-members': [mum, { in_household: true, parental_responsibility: true, child_id: d.kid.id }],
    outcomes: [d.outcome, { outcome_type: 'referral_order', offence_ids: d.outcome.offence_ids }],
    contacts: [contact, { summary: 'Visit', attendees: { people: [d.mum.id, d.kid.id], practitioners: [officer.user.id] } }],
    tasks: [task, { title: 'Send the leaflet', due_date: '2099-01-01' }],
  };
  for (const [path, [rec, fields]] of Object.entries(same)) {
    const url = `/api/v1/${path}/${rec.id}`;
    // A family member is read with its family.
    const read = async () => (path === 'family-members'
      ? (await officer.get(`/api/v1/families/${d.fam.id}`)).body.members.find((m) => m.id === rec.id)
      : (await officer.get(url)).body);
    const before = await read();
    const mark = srv.auditHead();
    for (const body of [{ version: before.version }, { version: before.version, ...fields }]) {
      const r = await officer.patch(url, body);
      assert.equal(r.status, 200, `${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.version, before.version, `${path} ${JSON.stringify(body)}`);
      assert.equal(r.body.updated_at, before.updated_at ?? null, path);
    }
    assert.deepEqual(srv.changesSince(mark), [], path);
    // A stale version is still a conflict.
    const stale = await officer.patch(url, { version: before.version + 5 });
    assert.equal(stale.status, 409, `${path}: ${stale.text}`);
    assert.equal(stale.body.error.field, 'version', path);
    assert.equal((await read()).version, before.version, path);
  }
  // A real change is still a change, and its audit rows with it.
  let r = await officer.patch(`/api/v1/contacts/${contact.id}`, { version: 1, attendees: { people: [d.kid.id], practitioners: [officer.user.id] } });
  assert.equal(r.body.version, 2, r.text);
  assert.deepEqual(r.body.attendees.people.map((p) => p.id), [d.kid.id]);
  r = await officer.patch(`/api/v1/families/${d.fam.id}`, { version: 1, key_worker_id: officer.user.id });
  assert.equal(r.body.version, 2, r.text);
  r = await officer.patch(`/api/v1/family-members/${mum.id}`, { version: mum.version, in_household: false });
  assert.equal(r.body.version, mum.version + 1, r.text);
  assert.equal(r.body.in_household, false);
  r = await officer.post(`/api/v1/tasks/${task.id}/done`, { version: 1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'done');
});

test('an account or team PATCH that changes nothing keeps the version and writes no change', async () => {
  const admin = await srv.login('admin');
  const u = (await admin.get(`/api/v1/users/${officer.user.id}`)).body;
  const t = (await admin.get('/api/v1/teams')).body.items.find((x) => x.id === u.team_id);
  const mark = srv.auditHead();
  for (const [url, cur, same] of [[`/api/v1/users/${u.id}`, u, { full_name: u.full_name, role: u.role, team_id: u.team_id }],
    [`/api/v1/teams/${t.id}`, t, { name: t.name }]]) {
    for (const body of [{ version: cur.version }, { version: cur.version, ...same }]) {
      const r = await admin.patch(url, body);
      assert.equal(r.status, 200, `${url} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.version, cur.version, url);
    }
    assert.equal((await admin.patch(url, { version: cur.version + 5 })).status, 409, url);
  }
  assert.deepEqual(srv.changesSince(mark), []);
  const r = await admin.patch(`/api/v1/teams/${t.id}`, { version: t.version, name: `${t.name} Hub` });
  assert.equal(r.body.version, t.version + 1, r.text);
  assert.deepEqual(srv.changesSince(mark), [`update team ${t.id}`]);
});

// A close or reopen without a reason is refused in the words of the
// record and its action, not "closing the record"; nothing changes.
test('a reason left out is asked for in the words of the record and its action', async () => {
  const own = await Server.start(); // its own Dale family
  try {
    const [officer] = await own.loginAll(['officer']);
    const d = await daleFamilyWithOrder(officer);
    const alert = await created(officer, '/api/v1/alerts', { person_id: d.kid.id, alert_type: 'risk_to_workers', start_date: '2024-01-10' });
    const task = await created(officer, '/api/v1/tasks', { case_id: d.yjCase.id, title: 'Ring school', due_date: '2099-01-01' });
    const cases = [
      [`/api/v1/cases/${d.yjCase.id}/close`, d.yjCase.version, 'Enter the reason for closing the case'],
      [`/api/v1/alerts/${alert.id}/end`, alert.version, 'Enter the reason for ending the alert'],
      [`/api/v1/tasks/${task.id}/close`, task.version, 'Enter the reason for closing the task'],
      [`/api/v1/people/${d.kid.id}/close`, d.kid.version, 'Enter the reason for closing the person’s record'],
    ];
    for (const [path, version, message] of cases) {
      const mark = own.auditHead();
      const r = await officer.post(path, { version, reason: '  ', colour: 'red' });
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.equal(said(r, 'reason'), message, path);
      assert.match(said(r, 'colour'), /^Only a reason can be given when /, path);
      assert.deepEqual(own.changesSince(mark), [], `${path}: nothing changed`);
    }
    const closed = await officer.post(`/api/v1/cases/${d.yjCase.id}/close`, { version: d.yjCase.version, reason: 'Order completed' });
    assert.equal(closed.status, 200, closed.text);
    const r = await officer.post(`/api/v1/cases/${d.yjCase.id}/reopen`, { version: closed.body.version });
    assert.equal(r.status, 400, r.text);
    assert.equal(said(r, 'reason'), 'Enter the reason for reopening the case');
  } finally {
    await own.stop();
  }
});

// The message a 400 gives for field.
function said(r, field) {
  return r.body.errors.find((x) => x.field === field)?.message;
}

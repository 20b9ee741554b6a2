// Attacks on the parent pathway (issue 9): other teams' records, victims,
// break glass, stale versions, bad and forged input. Each probe asserts
// what came back and that nothing was stored or opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay as day, parentingFixture, PWORKER_S } from './lib.mjs';

const GLASS = { 'X-Break-Glass-Reason': 'Police asked about the family this morning' };

let srv, officer, south, manager, pw, pwS, pwP;
let kid, mum, dad, yjCase, outcome, support, pcase, session;

before(async () => {
  srv = await Server.start(parentingFixture(PWORKER_S));
  [officer, south, manager, pw, pwS, pwP] = await srv.loginAll(
    ['officer', 'officer_south', 'manager', 'parentworker', 'pworker_s', 'pworker_p']);
  kid = await createdPerson(officer, { given_name: 'Ari', family_name: 'Vale' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Jo', family_name: 'Vale', date_of_birth: '1985-01-01' });
  dad = await created(officer, '/api/v1/people', { given_name: 'Sam', family_name: 'Vale', date_of_birth: '1984-01-01' });
  const fam = await created(officer, '/api/v1/families', { name: 'Vale family' });
  const add = (b) => created(officer, `/api/v1/families/${fam.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true });
  await add({ person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true });
  yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-40),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-41), description: 'Assault', category: 'violence_against_person', gravity: 3,
  });
  // Dad is the victim of the child's offence.
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: dad.id });
  outcome = await created(officer, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-30), start_date: day(-30), offence_ids: [off.id],
  });
  support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  pcase = (await pw.get(`/api/v1/cases/${support.case_id}`)).body;
  session = await created(pw, '/api/v1/parent-sessions', {
    case_id: pcase.id, session_date: day(-10), status: 'held', session_type: 'one_to_one', topic: 'parents_health', notes: 'Spoke about her depression',
  });
});
after(async () => { await srv.stop(); });

test('another team\'s parent worker neither reads nor changes her sessions, by id, by list or by a reason', async () => {
  const mark = srv.auditHead();
  for (const headers of [{}, GLASS]) {
    for (const path of [`/api/v1/parent-sessions/${session.id}`, `/api/v1/parent-sessions?case_id=${pcase.id}`,
      `/api/v1/cases/${pcase.id}`, `/api/v1/contacts?case_id=${pcase.id}`, `/api/v1/contacts/${session.contact_id}`]) {
      const r = await pwS.get(path, headers);
      assert.equal(r.status, 403, `${path}: ${r.text}`);
      assert.ok(!r.text.includes('depression'));
    }
    const w = await pwS.request('PATCH', `/api/v1/parent-sessions/${session.id}`, { version: session.version, notes: 'x' }, headers);
    assert.equal(w.status, 403, w.text);
    const c = await pwS.request('POST', '/api/v1/parent-sessions', {
      case_id: pcase.id, session_date: day(-1), status: 'held', session_type: 'one_to_one', topic: 'other',
    }, headers);
    assert.equal(c.status, 403, c.text);
  }
  assert.deepEqual(srv.changesSince(mark), [], 'nothing written');
  assert.equal(srv.audit({ break_glass: true }, mark).length, 0, 'no break-glass read');
});

test('a victim is never a parent here: not to meet, not taken on, whoever asks', async () => {
  for (const c of [pw, pwP]) {
    const meet = (await c.get('/api/v1/parenting/to-meet')).body.items;
    assert.ok(!meet.some((p) => p.person_id === dad.id), JSON.stringify(meet));
    const mark = srv.auditHead();
    const r = await c.post('/api/v1/parent-supports', { person_id: dad.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(0), start_date: day(0) });
    assert.ok([400, 403].includes(r.status), r.text);
    assert.deepEqual(srv.changesSince(mark), []);
  }
  // Nor do his supports appear listed by person to a parent worker.
  const list = await pwP.get(`/api/v1/parent-supports?person_id=${dad.id}`);
  assert.equal(list.status, 403, list.text);
});

test('a stale version changes nothing, and a held session keeps exactly one contact', async () => {
  const cur = (await pw.get(`/api/v1/parent-sessions/${session.id}`)).body;
  const ok = await pw.patch(`/api/v1/parent-sessions/${session.id}`, { version: cur.version, duration_minutes: 45 });
  assert.equal(ok.status, 200, ok.text);
  const mark = srv.auditHead();
  const stale = await pw.patch(`/api/v1/parent-sessions/${session.id}`, { version: cur.version, status: 'cancelled' });
  assert.equal(stale.status, 409, stale.text);
  assert.deepEqual(srv.changesSince(mark), []);
  const contacts = (await pw.get(`/api/v1/contacts?case_id=${pcase.id}`)).body.items;
  assert.equal(contacts.length, 1, JSON.stringify(contacts));
  assert.equal(contacts[0].id, ok.body.contact_id);
});

test('forged and bad input: server-set fields, another case, bad values, all named at once, nothing stored', async () => {
  const mark = srv.auditHead();
  // The contact a session stands as is Spire's to set.
  let r = await pw.post('/api/v1/parent-sessions', {
    case_id: pcase.id, session_date: day(-2), status: 'held', session_type: 'one_to_one', topic: 'other', contact_id: 1,
  });
  assert.equal(r.status, 400, r.text);
  assert.ok(r.body.errors.some((x) => x.field === 'contact_id'), r.text);
  // A session on the child's youth justice case is not the parent's.
  r = await pw.post('/api/v1/parent-sessions', {
    case_id: yjCase.id, session_date: day(-2), status: 'held', session_type: 'one_to_one', topic: 'other',
  });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'case_id');
  // Every wrong field named in one reply.
  r = await pw.post('/api/v1/parent-sessions', {
    case_id: pcase.id, session_date: '2024-02-30', status: 'done', session_type: 'one_to_one', topic: 'other', duration_minutes: -5,
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['duration_minutes', 'session_date', 'status']);
  // Confidentiality cannot be given or taken by a client.
  r = await pw.post('/api/v1/form-responses', {
    form_id: 'parent-self-assessment', case_id: pcase.id, completed_by: 'parent', authored: day(-1), status: 'in-progress',
    answers: {}, confidential_to: null, confidential_share: null,
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['confidential_share', 'confidential_to']);
  // A session cannot be moved to another parent's case.
  const cur = (await pw.get(`/api/v1/parent-sessions/${session.id}`)).body;
  r = await pw.patch(`/api/v1/parent-sessions/${session.id}`, { version: cur.version, case_id: yjCase.id });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'case_id');
  assert.deepEqual(srv.changesSince(mark), [], 'nothing stored');
});

test('the child\'s officer and manager see that support is in place, not the parent\'s sessions, even by a reason', async () => {
  for (const c of [officer, manager]) {
    const rows = await c.get(`/api/v1/parent-supports?child_case_id=${yjCase.id}`);
    assert.equal(rows.status, 200, rows.text);
    assert.deepEqual(rows.body.items.map((x) => x.id), [support.id]);
    for (const path of [`/api/v1/parent-sessions/${session.id}`, `/api/v1/parent-sessions?case_id=${pcase.id}`,
      `/api/v1/parent-supports?case_id=${pcase.id}`]) {
      const r = await c.get(path, GLASS);
      assert.equal(r.status, 403, `${c.user.username} ${path}: ${r.text}`);
    }
  }
});

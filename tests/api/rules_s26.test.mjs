// Rules left open before session 26 (helper RULES), each test FAILS while
// the fault it names is present. Runs on SQLite, and on PostgreSQL with
// SPIRE_TEST_PG set.
//
// 1. A contact marked as entered in error cancels the follow-up tasks raised
//    at it that are still open (audited, each a close of the task); a done
//    one stays done and cannot be marked as not done again.
// 2. A contact that took place ("Attended") on a child's case says whether
//    the child was seen: 400 naming child_seen otherwise, on create and on
//    change; not on a parent's own parenting case.
// 3. Support the parent agreed to has a start date ("Parents worked with"
//    counts it from then): 400 naming start_date otherwise.
// 4. The due lists' "The next year" is the calendar year ahead (within=12m,
//    to the same day next year), not 366 days.
// 5. A person aged 18 or over cannot be recorded as the family's child
//    (relationship "child", member type "child"): 400 naming each field,
//    unless they are the child of a case (an order runs past 18).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, dobForAge, ukDay as day, ukMonths as months, parentingFixture } from './lib.mjs';

// The date of birth of someone who is `years` old today (their birthday;
// 29 February's kept on 28 February in a common year).
const bornYearsAgo = (years) => dobForAge(years, 0);

let srv, officer, parentworker, pworkerP;
let kid, mum, gran, caseN, fam;

before(async () => {
  srv = await Server.start(parentingFixture());
  [officer, parentworker, pworkerP] = await srv.loginAll(['officer', 'parentworker', 'pworker_p']);
  kid = await createdPerson(officer, { given_name: 'Mia', family_name: 'Rowe', date_of_birth: bornYearsAgo(15) });
  mum = await created(officer, '/api/v1/people', { given_name: 'Lisa', family_name: 'Rowe', date_of_birth: '1985-03-04' });
  gran = await created(officer, '/api/v1/people', { given_name: 'June', family_name: 'Rowe', date_of_birth: '1960-07-08' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-200),
  });
  fam = await created(officer, '/api/v1/families', { name: 'Rowe family' });
  const add = (b) => created(officer, `/api/v1/families/${fam.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  await add({ person_id: gran.id, member_type: 'adult', relationship: 'grandmother', child_id: kid.id, in_household: true });
});
after(async () => { await srv.stop(); });

const contactsOf = async (caseId) => (await officer.get(`/api/v1/contacts?case_id=${caseId}&include_closed=true&limit=200`)).body.items;

test('1. a contact marked as entered in error cancels its open follow-up tasks, audited; a done one stays done', async () => {
  const r = await officer.post('/api/v1/contacts', {
    case_id: caseN.id, contact_date: `${day(-1)}T10:00:00Z`, contact_type: 'phone', summary: 'Called about school.',
    tasks: [
      { title: 'Call the school', due_date: day(5) },
      { title: 'Send the letter', due_date: day(7) },
    ],
  });
  assert.equal(r.status, 201, r.text);
  const [call, letter] = r.body.tasks;
  const done = await officer.post(`/api/v1/tasks/${letter.id}/done`, { version: letter.version });
  assert.equal(done.status, 200, done.text);
  const mark = srv.auditHead();
  const cl = await officer.post(`/api/v1/contacts/${r.body.id}/close`, { version: r.body.version, reason: 'Entered in error: the wrong child' });
  assert.equal(cl.status, 200, cl.text);
  // The open task is cancelled with the contact, saying why.
  const t = (await officer.get(`/api/v1/tasks/${call.id}`)).body;
  assert.equal(t.status, 'cancelled', JSON.stringify(t));
  assert.ok(t.closed_at, 'closed');
  assert.match(t.closed_reason, /contact it followed up was marked as entered in error/);
  assert.equal(t.version, call.version + 1, 'a new version; the open one in the history');
  // The done one stays done: that work was done.
  const d = (await officer.get(`/api/v1/tasks/${letter.id}`)).body;
  assert.equal(d.status, 'done');
  assert.equal(d.closed_at, null);
  // Each cancelled task is in the audit trail, about the child, with the close.
  const rows = srv.audit({ action: 'close' }, mark);
  assert.deepEqual(rows.map((x) => `${x.record_type} ${x.record_id} ${x.person_id}`).sort(),
    [`contact ${r.body.id} ${kid.id}`, `task ${call.id} ${kid.id}`].sort());
  // Nothing of the contact is left on the owner's open tasks.
  const mine = (await officer.get('/api/v1/tasks?mine=true&status=open&limit=200')).body.items;
  assert.ok(!mine.some((x) => x.id === call.id || x.id === letter.id), JSON.stringify(mine));
  // A done follow-up of a contact entered in error is not made open again
  // (a contact is never reopened), and nothing changes.
  const before2 = srv.auditHead();
  const reopen = await officer.post(`/api/v1/tasks/${letter.id}/reopen`, { version: d.version });
  assert.equal(reopen.status, 409, reopen.text);
  assert.equal(reopen.body.error.field, 'contact_id');
  assert.match(reopen.body.error.message, /entered in error/);
  assert.equal((await officer.get(`/api/v1/tasks/${letter.id}`)).body.status, 'done');
  assert.deepEqual(srv.changesSince(before2), []);
  // A contact with no open follow-ups still closes (nothing else changes).
  const plain = await created(officer, '/api/v1/contacts', {
    case_id: caseN.id, contact_date: `${day(-1)}T11:00:00Z`, contact_type: 'phone', summary: 'Left a message.',
  });
  const m2 = srv.auditHead();
  const cl2 = await officer.post(`/api/v1/contacts/${plain.id}/close`, { version: plain.version, reason: 'Entered in error: twice' });
  assert.equal(cl2.status, 200, cl2.text);
  assert.deepEqual(srv.changesSince(m2).map((x) => x.split(' ').slice(0, 2).join(' ')), ['close contact']);
});

test('2. a contact that took place on a child\'s case says whether the child was seen', async () => {
  const visit = (extra) => ({
    case_id: caseN.id, contact_date: `${day(-2)}T10:00:00Z`, contact_type: 'home_visit', summary: 'Home visit.', ...extra,
  });
  const count = (await contactsOf(caseN.id)).length;
  const mark = srv.auditHead();
  for (const extra of [{ outcome: 'attended' }, { outcome: 'attended', child_seen: null }]) {
    const r = await officer.post('/api/v1/contacts', visit(extra));
    assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((x) => x.field), ['child_seen']);
    assert.equal(r.body.errors[0].message, 'Select whether the child was seen');
  }
  // With the other errors of the contact, each named once.
  const both = await officer.post('/api/v1/contacts', visit({ outcome: 'attended', contact_time: '25:00' }));
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.body.errors.map((x) => x.field).sort(), ['child_seen', 'contact_time']);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await contactsOf(caseN.id)).length, count, 'nothing stored');
  // Answered either way, or a contact that did not take place, or no
  // outcome recorded: stored.
  const seen = await officer.post('/api/v1/contacts', visit({ outcome: 'attended', child_seen: true, attendees: { people: [kid.id], practitioners: [] } }));
  assert.equal(seen.status, 201, seen.text);
  const notSeen = await officer.post('/api/v1/contacts', visit({ outcome: 'attended', child_seen: false }));
  assert.equal(notSeen.status, 201, notSeen.text);
  const dna = await officer.post('/api/v1/contacts', visit({ outcome: 'did_not_attend' }));
  assert.equal(dna.status, 201, dna.text);
  const none = await officer.post('/api/v1/contacts', visit({}));
  assert.equal(none.status, 201, none.text);
  // A change that makes it "Attended" without the answer, or takes the
  // answer away, is refused; nothing changes.
  const m2 = srv.auditHead();
  const ch = await officer.patch(`/api/v1/contacts/${dna.body.id}`, { version: dna.body.version, outcome: 'attended' });
  assert.equal(ch.status, 400, ch.text);
  assert.equal(ch.body.error.field, 'child_seen');
  const away = await officer.patch(`/api/v1/contacts/${notSeen.body.id}`, { version: notSeen.body.version, child_seen: null });
  assert.equal(away.status, 400, away.text);
  assert.equal(away.body.error.field, 'child_seen');
  assert.deepEqual(srv.changesSince(m2), []);
  const ok = await officer.patch(`/api/v1/contacts/${dna.body.id}`, { version: dna.body.version, outcome: 'attended', child_seen: false });
  assert.equal(ok.status, 200, ok.text);
});

test('3. support the parent agreed to has a start date; a parent\'s own case does not ask whether the child was seen', async () => {
  const count = async () => (await parentworker.get(`/api/v1/parent-supports?person_id=${mum.id}&include_closed=true`)).body.items.length;
  const n = await count();
  const mark = srv.auditHead();
  const r = await parentworker.post('/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseN.id, agreement: 'agreed', agreement_date: day(-3),
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field), ['start_date']);
  assert.equal(r.body.errors[0].message, 'Enter the date the support started');
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal(await count(), n, 'nothing stored');
  // Declined (no start date), then agreed later: the change needs one too.
  const g = await created(parentworker, '/api/v1/parent-supports', {
    person_id: gran.id, child_case_id: caseN.id, agreement: 'declined', agreement_date: day(-3),
  });
  const m2 = srv.auditHead();
  const later = await parentworker.patch(`/api/v1/parent-supports/${g.id}`, { version: g.version, agreement: 'agreed' });
  assert.equal(later.status, 400, later.text);
  assert.equal(later.body.error.field, 'start_date');
  assert.deepEqual(srv.changesSince(m2), []);
  const agreed = await parentworker.patch(`/api/v1/parent-supports/${g.id}`, { version: g.version, agreement: 'agreed', start_date: day(-1) });
  assert.equal(agreed.status, 200, agreed.text);
  // With the start date: stored, active, on the parent's parenting case.
  const s = await created(parentworker, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: caseN.id, agreement: 'agreed', agreement_date: day(-3), start_date: day(-2),
  });
  assert.equal(s.support_status, 'active');
  assert.ok(s.case_id);
  // On the parent's own parenting case "the child" is not there to be
  // seen: a contact that took place is recorded without the answer.
  const c = await pworkerP.post('/api/v1/contacts', {
    case_id: s.case_id, contact_date: `${day(-1)}T10:00:00Z`, contact_type: 'office_visit', summary: 'Met Lisa.', outcome: 'attended',
  });
  assert.equal(c.status, 201, c.text);
});

test('4. the due lists look a calendar year ahead with within=12m, not 366 days', async () => {
  const year = months(12);
  // The task due the day after the calendar year ahead (366 days, or 367
  // across a 29 February) is outside it.
  const inside = await created(officer, '/api/v1/tasks', { case_id: caseN.id, title: 'Annual review letter', due_date: year });
  const next = new Date(`${year}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const beyond = await created(officer, '/api/v1/tasks', { case_id: caseN.id, title: 'After the year', due_date: next.toISOString().slice(0, 10) });
  const r = await officer.get('/api/v1/due?within=12m&limit=200');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.until, year);
  const ids = r.body.items.map((x) => x.record_id);
  assert.ok(ids.includes(inside.id), 'due on the same day next year: in');
  assert.ok(!ids.includes(beyond.id), 'due after it: out');
  // Whole months, up to 12; days as before (0 to 366).
  const three = await officer.get('/api/v1/due?within=3m');
  assert.equal(three.status, 200, three.text);
  assert.equal(three.body.until, months(3));
  assert.equal((await officer.get('/api/v1/due?within=28')).body.until, day(28));
  for (const w of ['13m', '0m', 'm', '12mm', '367', '-1']) {
    const bad = await officer.get(`/api/v1/due?within=${w}`);
    assert.equal(bad.status, 400, `${w}: ${bad.text}`);
    assert.equal(bad.body.error.field, 'within');
    assert.match(bad.body.error.message, /^Enter a number of days from 0 to 366, or of calendar months from 1m to 12m$/);
  }
  // Every due list takes the window the same way.
  for (const path of ['/api/v1/court-reports/due', '/api/v1/outcomes/due']) {
    assert.equal((await officer.get(`${path}?within=12m`)).status, 200, path);
    const bad = await officer.get(`${path}?within=13m`);
    assert.equal(bad.status, 400, `${path}: ${bad.text}`);
    assert.equal(bad.body.error.field, 'within');
  }
  const report = await created(officer, '/api/v1/court-reports', {
    case_id: caseN.id, report_type: 'pre_sentence', requested_on: day(-1), due_date: year,
  });
  const reports = await officer.get('/api/v1/court-reports/due?within=12m');
  assert.ok(reports.body.items.some((x) => x.id === report.id), reports.text);
});

test('5. a person aged 18 or over is not recorded as the family\'s child', async () => {
  const adult = await created(officer, '/api/v1/people', { given_name: 'Sam', family_name: 'Rowe', date_of_birth: bornYearsAgo(18) });
  const young = await created(officer, '/api/v1/people', { given_name: 'Ben', family_name: 'Rowe', date_of_birth: day(-(17 * 365)) });
  const f = await created(officer, '/api/v1/families', { name: 'Rowe (Sam)' });
  const members = async () => (await officer.get(`/api/v1/families/${f.id}`)).body.members.length;
  const n = await members();
  const mark = srv.auditHead();
  const both = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: adult.id, member_type: 'child', relationship: 'child' });
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.body.errors.map((x) => x.field).sort(), ['member_type', 'relationship']);
  const rel = both.body.errors.find((x) => x.field === 'relationship').message;
  assert.equal(rel, 'Select their relationship to the child: a person aged 18 or over cannot be recorded as the child');
  const type = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: adult.id, member_type: 'child', relationship: 'sibling' });
  assert.equal(type.status, 400, type.text);
  assert.deepEqual(type.body.errors.map((x) => x.field), ['member_type']);
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal(await members(), n);
  // Under 18 (the day before the 18th birthday at most): the child.
  const child = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: young.id, member_type: 'child', relationship: 'child' });
  assert.equal(child.status, 201, child.text);
  // An adult is an adult sibling, cousin...: what someone is to the child,
  // at any age.
  const sib = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: adult.id, member_type: 'adult', relationship: 'sibling', child_id: young.id });
  assert.equal(sib.status, 201, sib.text);
  // Nor made the child by a change; nothing changes.
  const m2 = srv.auditHead();
  const ch = await officer.patch(`/api/v1/family-members/${sib.body.id}`, { version: sib.body.version, member_type: 'child' });
  assert.equal(ch.status, 400, ch.text);
  assert.equal(ch.body.error.field, 'member_type');
  assert.deepEqual(srv.changesSince(m2), []);
  // The child of a case is that service's child at any age (an order runs
  // past the 18th birthday): recorded as the child of their family.
  const older = await createdPerson(officer, { given_name: 'Ray', family_name: 'Rowe', date_of_birth: bornYearsAgo(19) });
  await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: older.id, team_id: officer.user.team_id, start_date: day(-400),
  });
  const g = await created(officer, '/api/v1/families', { name: 'Rowe (Ray)' });
  const own = await officer.post(`/api/v1/families/${g.id}/members`, { person_id: older.id, member_type: 'child', relationship: 'child' });
  assert.equal(own.status, 201, own.text);
  // Someone without a date of birth is not refused (their age is unknown).
  const unknown = await created(officer, '/api/v1/people', { given_name: 'Alex', family_name: 'Rowe' });
  const u = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: unknown.id, member_type: 'child', relationship: 'child' });
  assert.equal(u.status, 201, u.text);
});

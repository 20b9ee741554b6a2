// Session 27 (fixsup): a parent's support recorded by the parenting team was
// read trimmed by a parent worker of the child's youth justice team (in scope
// through the child's case only), but that worker could change it (PATCH
// answered 200 with the whole record, notes and agreement included, with or
// without a reason), overwrite its notes and review date, and close it. A
// user who sees a support trimmed may not change, close or reopen it (403,
// audited "denied", nothing stored), as for the parent's sessions; and the
// answer to every write is shaped as a read of the record by that user would
// be (records.c, the resources' `withhold` hook). Runs on SQLite, and on
// PostgreSQL with SPIRE_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, daleFamilyWithOrder, ukDay as day, parentingFixture, PWORKER_S } from './lib.mjs';

const GLASS = { 'X-Break-Glass-Reason': 'Police asked about the family this morning' };
const DISCLOSURE = 'Mo disclosed that she is afraid of her partner';

let srv, officer, manager, pw, pwS, pwP;
let kid, mo, fam, yjCase;

before(async () => {
  srv = await Server.start(parentingFixture(PWORKER_S));
  [officer, manager, pw, pwS, pwP] = await srv.loginAll(
    ['officer', 'manager', 'parentworker', 'pworker_s', 'pworker_p']);
  ({ kid, mum: mo, fam, yjCase } = await daleFamilyWithOrder(officer));
});
after(async () => { await srv.stop(); });

// Another adult of Kit's family, for a support of their own.
async function relative(given, relationship, dob, extra = {}) {
  const p = await created(officer, '/api/v1/people', { given_name: given, family_name: 'Dale', date_of_birth: dob });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: p.id, member_type: 'adult', relationship, child_id: kid.id, in_household: true, ...extra,
  });
  return p;
}

// Kit's mother's support, recorded and held by the parenting team.
const support = async () => created(pwP, '/api/v1/parent-supports', {
  person_id: mo.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-5),
  start_date: day(-5), notes: DISCLOSURE,
});

// What the user's write answered, and that nothing was stored and the refusal audited.
async function refused(who, send, id, what) {
  const mark = srv.auditHead();
  const r = await send();
  assert.equal(r.status, 403, `${what}: ${r.text}`);
  assert.doesNotMatch(r.text, /afraid|agreement|case_id|Parenting Team|pworker/i, what);
  assert.match(r.body.error.message, /Ask the parent worker who holds it, or a manager of the parenting service$/, what);
  assert.deepEqual(srv.changesSince(mark), [], `${what}: nothing stored`);
  assert.ok(srv.audit({ action: 'denied', record_type: 'parent_support', record_id: id, user_id: who.user.id }, mark).length >= 1,
    `${what}: denied audited`);
}

test('a parent worker who sees a support trimmed may not change, close or reopen it, with or without a reason', async () => {
  const s = await support();
  assert.ok(s.case_id, JSON.stringify(s));
  // The read: trimmed, as decided in session 24.
  const got = await pw.get(`/api/v1/parent-supports/${s.id}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.body.withheld, true);
  assert.doesNotMatch(got.text, /afraid/);
  // Every write: refused, telling nothing more.
  const path = `/api/v1/parent-supports/${s.id}`;
  await refused(pw, () => pw.patch(path, { version: s.version }), s.id, 'PATCH {version}');
  await refused(pw, () => pw.patch(path, { version: s.version }, GLASS), s.id, 'PATCH {version} with a reason');
  await refused(pw, () => pw.patch(path, { version: s.version, notes: 'overwritten' }), s.id, 'PATCH notes');
  await refused(pw, () => pw.patch(path, { version: s.version, next_review_date: day(30) }), s.id, 'PATCH next_review_date');
  await refused(pw, () => pw.post(`${path}/close`, { version: s.version, reason: 'Not needed' }), s.id, 'close');
  await refused(pw, () => pw.post(`${path}/close`, { version: s.version, reason: 'Not needed' }, GLASS), s.id, 'close with a reason');
  const whole = (await pwP.get(path)).body;
  assert.equal(whole.notes, DISCLOSURE);
  assert.equal(whole.version, s.version);
  assert.equal(whole.closed_at, null);
  // Closed by the parenting team: not reopened by the outsider either.
  const closed = await pwP.post(`${path}/close`, { version: s.version, reason: 'Support ended' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.notes, DISCLOSURE, 'the holder\'s answer is whole');
  await refused(pw, () => pw.post(`${path}/reopen`, { version: closed.body.version, reason: 'Closed in error' }), s.id, 'reopen');
  const still = (await pwP.get(path)).body;
  assert.notEqual(still.closed_at, null);
  // The parenting team still changes its own support, and its answers are whole.
  const re = await pwP.post(`${path}/reopen`, { version: still.version, reason: 'Closed in error' });
  assert.equal(re.status, 200, re.text);
  assert.equal(re.body.notes, DISCLOSURE);
  const u = await pwP.patch(path, { version: re.body.version, next_review_date: day(20) });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.notes, DISCLOSURE);
  assert.ok(!u.body.withheld);
  // A parent worker in YJ South stays refused throughout.
  for (const r of [await pwS.get(path), await pwS.patch(path, { version: u.body.version, notes: 'x' }),
    await pwS.post(`${path}/close`, { version: u.body.version, reason: 'x' })]) {
    assert.equal(r.status, 403, r.text);
    assert.doesNotMatch(r.text, /afraid/);
  }
});

test('a declined support the parenting team recorded (no parenting case yet) is not the child\'s team\'s parent worker\'s to change', async () => {
  const gran = await relative('Bea', 'grandmother', '1958-01-01');
  const s = await created(pwP, '/api/v1/parent-supports', {
    person_id: gran.id, child_case_id: yjCase.id, agreement: 'declined', agreement_date: day(-2), notes: 'Bea is afraid of the school',
  });
  assert.equal(s.case_id, null);
  const got = await pw.get(`/api/v1/parent-supports/${s.id}`);
  assert.equal(got.body.withheld, true);
  const path = `/api/v1/parent-supports/${s.id}`;
  await refused(pw, () => pw.patch(path, { version: s.version, agreement: 'agreed', start_date: day(-1) }), s.id, 'PATCH agreed');
  await refused(pw, () => pw.post(`${path}/close`, { version: s.version, reason: 'Entered in error' }), s.id, 'close');
  // The parenting team still asks again.
  const u = await pwP.patch(path, { version: s.version, agreement: 'agreed', agreement_date: day(0), start_date: day(0) });
  assert.equal(u.status, 200, u.text);
  assert.ok(u.body.case_id);
});

test('a support the youth justice parent worker recorded and holds stays theirs to change, answered whole', async () => {
  const dad = await relative('Lou', 'father', '1982-01-01', { parental_responsibility: true });
  const s = await created(pw, '/api/v1/parent-supports', {
    person_id: dad.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-3), start_date: day(-3), notes: 'Works shifts',
  });
  assert.ok(s.case_id);
  const u = await pw.patch(`/api/v1/parent-supports/${s.id}`, { version: s.version, notes: 'Works nights' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.notes, 'Works nights');
  assert.ok(!u.body.withheld);
  // One they recorded as declined, on no parenting case yet: theirs to read whole and ask again.
  const uncle = await relative('Cal', 'uncle', '1986-01-01');
  const d = await created(pw, '/api/v1/parent-supports', {
    person_id: uncle.id, child_case_id: yjCase.id, agreement: 'declined', agreement_date: day(-2), notes: 'Not now',
  });
  assert.equal(d.case_id, null);
  assert.equal((await pw.get(`/api/v1/parent-supports/${d.id}`)).body.notes, 'Not now');
  const a = await pw.patch(`/api/v1/parent-supports/${d.id}`, { version: d.version, agreement: 'agreed', agreement_date: day(0), start_date: day(0) });
  assert.equal(a.status, 200, a.text);
  assert.ok(a.body.case_id);
  assert.equal(a.body.notes, 'Not now');
});

test('the answer to a write is shaped as a read by the same user: a task on a victim\'s case does not name them', async () => {
  const south = await srv.login('officer_south');
  const north = officer.user.team_id;
  const child = await createdPerson(south, { given_name: 'Sid', family_name: 'Fixsup', date_of_birth: '2009-01-01' });
  const yj = (person) => created(south, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: person.id, team_id: south.user.team_id,
    worker_id: south.user.id, start_date: day(-30),
  });
  const childCase = await yj(child);
  const off = await created(south, '/api/v1/offences', {
    case_id: childCase.id, offence_date: day(-29), description: 'Theft', category: 'theft', gravity: 2,
  });
  const victim = await createdPerson(south, { given_name: 'Tessa', family_name: 'Writevictim', date_of_birth: '2008-01-01' });
  const victimCase = await yj(victim);
  await created(south, '/api/v1/victims', { offence_id: off.id, victim_id: victim.id });
  const t = await created(manager, '/api/v1/tasks', { case_id: victimCase.id, title: 'Send the leaflet', due_date: day(30), team_id: north });
  const read = await pw.get(`/api/v1/tasks/${t.id}`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body.person_id, null);
  const w = await pw.patch(`/api/v1/tasks/${t.id}`, { version: t.version, title: 'Send the leaflet again' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.title, 'Send the leaflet again');
  assert.equal(w.body.person_id, null, 'the write answers as the read does');
  assert.doesNotMatch(w.text, /Tessa|Writevictim/);
});

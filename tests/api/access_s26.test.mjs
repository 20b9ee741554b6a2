// Access faults of session 26 (helper ACCESS), each test FAILS while the
// fault it names is present. Runs on SQLite, and on PostgreSQL with
// SPIRE_TEST_STORE=postgresql.
//
// 1. A parent's preferences for a mentor hang from the person, yet they are
//    the parent's own support: a reason given for the parent opens neither
//    them (by id, by ?person_id=) nor the matching view that reads them.
// 2. A merge preview hides, to those outside the parenting service, the
//    parent's place on a parenting team's group registers (and contacts of
//    their parenting case), as it hides their parenting case.
// 3. Every field naming a person by id (a contact's attendees, a victim
//    record's victim_id) answers a person the user may not use exactly as
//    one who does not exist, and audits the attempt as denied.
// 5. A merge's youth-justice-manager rule, and a child's own membership
//    rules, are checked again in the write's transaction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, mergeBody, ukDay as day, parentingFixture } from './lib.mjs';

const GLASS = { 'X-Break-Glass-Reason': 'Police asked about the family this morning' };
const OWN = /^This is a parent’s own support, which only the parenting service reads: a reason does not open it/;
const REASON = 'The same person: same name, date of birth and address';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

let srv, officer, officer2, south, manager, managerEh, social, hub, pw, pwP, managerP;

before(async () => {
  srv = await Server.start(parentingFixture(['manager_p', 'manager', 'parenting', 'Parenting Team']));
  [officer, officer2, south, manager, managerEh, social, hub, pw, pwP, managerP] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'manager_eh', 'social', 'hub', 'parentworker', 'pworker_p', 'manager_p']);
});
after(async () => { await srv.stop(); });

const yjCase = (c, person, extra = {}) => ({
  service: 'youth_justice', reason: 'Referral order', person_id: person.id, team_id: c.user.team_id,
  worker_id: c.user.id, start_date: day(-20), ...extra,
});

test('1. a reason given for a parent opens neither their preferences nor the matching view; those in scope read them', async () => {
  const mum = await created(pwP, '/api/v1/people', { given_name: 'Noor', family_name: 'Prefers', date_of_birth: '1985-04-04' });
  const pref = await created(pwP, '/api/v1/parent-preferences', { person_id: mum.id, languages: ['Urdu'], cultural_background: 'Pakistani Muslim', culture_matters: true });
  const paths = [
    `/api/v1/parent-preferences/${pref.id}`, `/api/v1/parent-preferences?person_id=${mum.id}`,
    `/api/v1/people/${mum.id}/mentor-matches`,
  ];
  // An early help manager, a social worker and a hub worker, none with
  // their own relation to the parent.
  for (const who of [managerEh, social, hub]) {
    // The reason still opens the person's own record, flagged.
    const p = await who.get(`/api/v1/people/${mum.id}`, GLASS);
    assert.equal(p.status, 200, p.text);
    for (const path of paths) {
      const mark = srv.auditHead();
      const r = await who.get(path, GLASS);
      const what = `${who.user.username} ${path}`;
      assert.equal(r.status, 403, `${what}: ${r.text.slice(0, 300)}`);
      assert.match(r.body.error.message, OWN, what);
      assert.doesNotMatch(r.text, /Urdu|Pakistani/, what);
      const rows = srv.audit({}, mark);
      assert.ok(rows.some((x) => x.action === 'denied' && x.person_id === mum.id), `${what}: denied about the parent`);
      assert.ok(!rows.some((x) => x.break_glass), `${what}: no break-glass read`);
    }
  }
  // The parent worker and the parenting service's manager read them.
  for (const who of [pwP, managerP]) {
    for (const path of paths) {
      const r = await who.get(path);
      assert.equal(r.status, 200, `${who.user.username} ${path}: ${r.text.slice(0, 300)}`);
    }
  }
});

test('3. a contact\'s attendee and a victim record\'s victim_id the user may not use answer as one who does not exist, audited denied', async () => {
  const kid = await createdPerson(officer, { given_name: 'Ash', family_name: 'Named' });
  const c = await created(officer, '/api/v1/cases', yjCase(officer, kid));
  const hidden = await created(south, '/api/v1/people', { given_name: 'Hal', family_name: 'Hidden', date_of_birth: '1979-07-07' });
  const missing = hidden.id + 100000;
  const contact = (id) => ({
    case_id: c.id, contact_date: day(-1), contact_type: 'home_visit', summary: 'Visit',
    attendees: { people: [kid.id, id], practitioners: [officer.user.id] },
  });
  const off = await created(officer, '/api/v1/offences', { case_id: c.id, offence_date: day(-30), description: 'Theft', category: 'theft', gravity: 2 });
  const victim = (id) => ({ offence_id: off.id, victim_id: id });
  for (const [path, body] of [['/api/v1/contacts', contact], ['/api/v1/victims', victim]]) {
    const none = await officer.post(path, body(missing));
    assert.equal(none.status, 400, none.text);
    const mark = srv.auditHead();
    const r = await officer.post(path, body(hidden.id));
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.deepEqual(r.body, none.body, path);
    assert.ok(srv.audit({ action: 'denied' }, mark).some((x) => x.person_id === hidden.id), `${path}: denied about them`);
    assert.deepEqual(srv.changesSince(mark), [], `${path}: nothing stored`);
  }
});

// Kit Dale's family, his youth justice case and order (officer's), and his
// mother's parent support (parentworker's, on a parenting case held by the
// Parenting Team).
async function supportedMum(tag) {
  const kid = await createdPerson(officer, { given_name: 'Kit', family_name: `Dale${tag}` });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Mo', family_name: `Dale${tag}`, date_of_birth: '1983-05-05' });
  const fam = await created(officer, '/api/v1/families', { name: `Dale${tag} family` });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  const yj = await created(officer, '/api/v1/cases', yjCase(officer, kid, { start_date: day(-40) }));
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yj.id, agreement: 'agreed', agreement_date: day(-5), start_date: day(-5),
  });
  return { kid, mum, fam, yj, support };
}

test('2. a merge preview folds a parent\'s place on a parenting team\'s registers and their parenting case\'s contacts into the sealed line for those outside the parenting service', async () => {
  const { mum, support } = await supportedMum('Preview');
  const group = await created(pwP, '/api/v1/peer-groups', { team_id: pwP.user.team_id, name: 'Thursday Circle' });
  const session = await created(pwP, '/api/v1/peer-group-sessions', { group_id: group.id, session_date: day(-2), topic: 'Routines' });
  await created(pwP, '/api/v1/peer-group-attendance', { session_id: session.id, person_id: mum.id, attended: true });
  await created(pwP, '/api/v1/contacts', {
    case_id: support.case_id, contact_date: day(-1), contact_type: 'home_visit', summary: 'Parenting visit',
    attendees: { people: [mum.id], practitioners: [pwP.user.id] },
  });
  const kept = await created(officer, '/api/v1/people', { given_name: 'Mo', family_name: 'Dayle', date_of_birth: '1983-05-05', allow_duplicate: true });
  const pv = await manager.get(`/api/v1/people/merges/preview?kept_id=${kept.id}&merged_id=${mum.id}`);
  assert.equal(pv.status, 200, pv.text);
  const tables = pv.body.moves.map((m) => m.table);
  assert.ok(!tables.includes('peer_group_attendance'), JSON.stringify(pv.body.moves));
  assert.ok(!tables.includes('contact_attendees'), JSON.stringify(pv.body.moves));
  assert.ok(tables.includes('sealed'), JSON.stringify(pv.body.moves));
  assert.equal(pv.body.total, pv.body.moves.reduce((n, m) => n + (m.count ?? 0), 0));
  // The merge made on that preview goes through (its total is the one
  // counted again in the transaction).
  const m = await manager.post('/api/v1/people/merges', await mergeBody(manager, kept.id, mum.id, REASON));
  assert.equal(m.status, 201, m.text);
});

test('5a. a merge by a manager who may not change youth justice records is refused when one of the two comes to hold them as it is made (checked again in its transaction)', async () => {
  const slipped = [];
  for (const delay of [0, 1, 2, 3, 5, 8, 12, 20]) {
    // Both in the parenting manager's scope, neither holding youth
    // justice records; officer may open a case for the kept one.
    const { mum } = await supportedMum(`Race${delay}`);
    const dup = await created(pwP, '/api/v1/people', { given_name: 'Mo', family_name: `Dail${delay}`, date_of_birth: '1983-05-05' });
    const body = await mergeBody(managerP, mum.id, dup.id, REASON);
    assert.equal(body.moves_total, 0, JSON.stringify(body));
    const mark = srv.auditHead();
    const opening = officer2.post('/api/v1/cases', yjCase(officer2, mum));
    await sleep(delay);
    const [m, c] = await Promise.all([managerP.post('/api/v1/people/merges', body), opening]);
    if (m.status === 201 && c.status === 201) {
      // Which was written first: the case before the merge slipped in.
      const rows = srv.audit({}, mark);
      const caseRow = rows.find((x) => x.action === 'create' && x.record_type === 'case');
      const mergeRow = rows.find((x) => x.action === 'merge');
      if (caseRow.seq < mergeRow.seq) slipped.push(`delay ${delay}`);
    } else if (m.status === 409) {
      assert.ok(['kept_id', 'merged_id', 'moves_total'].includes(m.body.error.field), m.text);
    } else if (m.status !== 201) {
      assert.equal(m.status, 403, m.text);
    }
  }
  assert.deepEqual(slipped, []);
});

test('5b. a membership recorded against a child and the child\'s own made an adult\'s at once are not both stored (checked again in the write\'s transaction)', async () => {
  const both = [];
  for (const delay of [0, 1, 2, 3, 5, 8, 12, 20]) {
    const kid = await createdPerson(officer, { given_name: 'Rik', family_name: `Race${delay}` });
    const mum = await created(officer, '/api/v1/people', { given_name: 'Rae', family_name: `Race${delay}`, date_of_birth: '1980-02-02' });
    const fam = await created(officer, '/api/v1/families', { name: `Race${delay} family` });
    const km = await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
    const adding = officer2.post(`/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
    await sleep(delay);
    const [a, p] = await Promise.all([adding, officer.patch(`/api/v1/family-members/${km.id}`, { version: km.version, member_type: 'adult', relationship: 'sibling' })]);
    if (a.status === 201 && p.status === 200) both.push(`delay ${delay}`);
    for (const r of [a, p]) {
      if (r.status >= 300) assert.ok([400, 409].includes(r.status) && ['child_id', 'member_type'].includes(r.body.error.field), r.text);
    }
  }
  assert.deepEqual(both, []);
});

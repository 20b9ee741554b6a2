// Access and roles (issue 7, section 1): who may open which case, youth
// justice records only by youth justice roles (not under 10, convictions
// with an offence, probable duplicates), victims only for youth justice
// roles, search that is not a directory of everyone, and "X only while Y
// is open" rules that hold under concurrent writes. The write-scope and
// break-glass relations are in access_matrix.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, south, manager, managerEh, parentworker, social, hub;
let north, kid, kase, offence;

const REASON = { 'X-Break-Glass-Reason': 'Police request about an incident tonight' };
const openCase = (c, person, extra = {}) => created(c, '/api/v1/cases', {
  service: 'youth_justice', person_id: person, team_id: c.user.team_id, worker_id: c.user.id,
  start_date: '2024-03-01', reason: 'Referred by the youth court', ...extra,
});
const theft = (caseId, extra = {}) => ({
  case_id: caseId, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2, ...extra,
});

before(async () => {
  srv = await Server.start();
  [officer, south, manager, managerEh, parentworker, social, hub] = await srv.loginAll(
    ['officer', 'officer_south', 'manager', 'manager_eh', 'parentworker', 'social', 'hub']);
  north = officer.user.team_id;
  kid = await createdPerson(officer, { given_name: 'Kian', family_name: 'Access', date_of_birth: '2009-02-10' });
  kase = await openCase(officer, kid.id);
  offence = await created(officer, '/api/v1/offences', theft(kase.id));
});
after(async () => { await srv.stop(); });

test('opening a case needs a service the role works in and a reason', async () => {
  const p = await createdPerson(officer, { given_name: 'Opal', family_name: 'Access', date_of_birth: '2010-01-01' });
  const body = { person_id: p.id, team_id: north, start_date: '2024-03-01', reason: 'Referred by the police' };
  const ehOwn = await createdPerson(managerEh, { given_name: 'Eli', family_name: 'Access', date_of_birth: '2010-01-01' });
  const before = srv.auditHead();
  const refused = [
    [officer, { ...body }, 400, 'service'], // no service: nothing is assumed
    [officer, { ...body, service: 'space_cadets' }, 400, 'service'],
    [officer, { ...body, service: 'youth_justice', reason: undefined }, 400, 'reason'],
    [officer, { ...body, service: 'youth_justice', reason: '   ' }, 400, 'reason'],
    [officer, { ...body, service: 'early_help' }, 403, 'service'], // not an officer's service
    // A parent worker in a youth justice team does not open youth justice cases.
    [parentworker, { ...body, service: 'youth_justice' }, 403, 'service'],
    // Not the service they manage (a child of their own: one outside their
    // scope is answered as someone who does not exist, session 25).
    [managerEh, { ...body, person_id: ehOwn.id, service: 'youth_justice' }, 403, 'service'],
    [managerEh, { ...body, service: 'youth_justice' }, 400, 'person_id'],
    // Social workers work in early help too, but the team must be of the service.
    [social, { ...body, service: 'childrens_social_care', team_id: social.user.team_id }, 400, 'team_id'],
  ];
  for (const [c, b, status, field] of refused) {
    const r = await c.post('/api/v1/cases', b);
    assert.equal(r.status, status, `${c.user.username} ${JSON.stringify(b)}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
  }
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  const ok = await openCase(officer, p.id);
  assert.equal(ok.service_code, 'youth_justice');
  // The services say which ones the user opens cases in, for the form.
  const svc = await parentworker.get('/api/v1/services');
  assert.deepEqual(svc.body.items.filter((x) => x.opens_cases).map((x) => x.code).sort(), ['early_help', 'parenting']);
  const mgr = await manager.get('/api/v1/services');
  assert.deepEqual(mgr.body.items.filter((x) => x.opens_cases).map((x) => x.code), ['youth_justice']);
});

test('youth justice records are recorded only by youth justice roles, on youth justice cases', async () => {
  const before = srv.auditHead();
  // The parent worker can change the case (their team's), but not record an offence.
  assert.equal((await parentworker.get(`/api/v1/cases/${kase.id}`)).status, 200);
  let r = await parentworker.post('/api/v1/offences', theft(kase.id));
  assert.equal(r.status, 403, r.text);
  r = await parentworker.post('/api/v1/outcomes', { case_id: kase.id, outcome_type: 'youth_caution', outcome_date: '2024-03-10', offence_ids: [offence.id] });
  assert.equal(r.status, 403, r.text);
  r = await parentworker.patch(`/api/v1/offences/${offence.id}`, { version: offence.version, gravity: 5 });
  assert.equal(r.status, 403, r.text);
  r = await parentworker.post(`/api/v1/offences/${offence.id}/close`, { version: offence.version, reason: 'Entered in error' });
  assert.equal(r.status, 403, r.text);
  // An early help case carries no youth justice records, whoever asks.
  const ehKid = await createdPerson(social, { given_name: 'Eli', family_name: 'Access', date_of_birth: '2009-05-05' });
  const ehCase = await created(social, '/api/v1/cases', {
    service: 'early_help', person_id: ehKid.id, team_id: social.user.team_id, start_date: '2024-03-01', reason: 'Family support',
  });
  r = await managerEh.post('/api/v1/offences', theft(ehCase.id));
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(srv.changesSince(before), [`create person ${ehKid.id}`, `create case ${ehCase.id}`], 'no offence or outcome stored');
  const o = await officer.get(`/api/v1/offences/${offence.id}`);
  assert.equal(o.body.version, offence.version, 'unchanged');
});

test('no offence is recorded for a child under 10 on the offence date', async () => {
  const young = await createdPerson(officer, { given_name: 'Tiny', family_name: 'Access', date_of_birth: '2015-06-15' });
  const c = await openCase(officer, young.id, { start_date: '2024-07-01' });
  const before = srv.auditHead();
  for (const d of ['2024-07-02', '2025-06-14']) {
    const r = await officer.post('/api/v1/offences', theft(c.id, { offence_date: d }));
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'offence_date');
    assert.match(r.body.error.message, /under 10/);
  }
  assert.deepEqual(srv.changesSince(before), []);
  // Born on 29 February: 10 on 1 March in a common year.
  const leap = await createdPerson(officer, { given_name: 'Leap', family_name: 'Access', date_of_birth: '2012-02-29' });
  const lc = await openCase(officer, leap.id, { start_date: '2022-01-01' });
  assert.equal((await officer.post('/api/v1/offences', theft(lc.id, { offence_date: '2022-02-28' }))).status, 400);
  await created(officer, '/api/v1/offences', theft(lc.id, { offence_date: '2022-03-01' }));
  // On the 10th birthday it is recorded.
  const old = await createdPerson(officer, { given_name: 'Ten', family_name: 'Access', date_of_birth: '2013-04-01' });
  const oc = await openCase(officer, old.id, { start_date: '2023-01-01' });
  await created(officer, '/api/v1/offences', theft(oc.id, { offence_date: '2023-04-01' }));
  // Changing the date to before it is refused too.
  const off = await created(officer, '/api/v1/offences', theft(oc.id, { offence_date: '2023-05-01' }));
  const r = await officer.patch(`/api/v1/offences/${off.id}`, { version: 1, offence_date: '2023-03-31' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'offence_date');

  // Outcomes: only prevention work for a child under 10.
  const outcomes = srv.auditHead();
  for (const type of ['youth_caution', 'community_resolution', 'diversion']) {
    const x = await officer.post('/api/v1/outcomes', { case_id: c.id, outcome_type: type, outcome_date: '2024-08-01' });
    assert.equal(x.status, 400, `${type}: ${x.text}`);
    assert.equal(x.body.error.field, 'outcome_date', x.text);
  }
  assert.deepEqual(srv.changesSince(outcomes), []);
  await created(officer, '/api/v1/outcomes', { case_id: c.id, outcome_type: 'prevention', outcome_date: '2024-08-01' });
  // (An offence stored before the rule cannot lead to an outcome once the
  // child is older: no request can store one now, so that is arranged in
  // the file, tests/store/legacy_rows.test.mjs.)
});

test('a caution or sentence needs an offence; the same outcome twice is a probable duplicate', async () => {
  const p = await createdPerson(officer, { given_name: 'Dupe', family_name: 'Access', date_of_birth: '2008-08-08' });
  const c = await openCase(officer, p.id);
  const o1 = await created(officer, '/api/v1/offences', theft(c.id));
  const o2 = await created(officer, '/api/v1/offences', theft(c.id, { description: 'Second theft' }));
  const caution = { case_id: c.id, outcome_type: 'youth_caution', outcome_date: '2024-03-10' };
  const before = srv.auditHead();
  for (const b of [caution, { ...caution, offence_ids: [] }, { ...caution, outcome_type: 'referral_order', start_date: '2024-03-10' }]) {
    const r = await officer.post('/api/v1/outcomes', b);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'offence_ids');
  }
  assert.deepEqual(srv.changesSince(before), []);
  // Prevention and diversion are not convictions: no offence needed.
  await created(officer, '/api/v1/outcomes', { case_id: c.id, outcome_type: 'prevention', outcome_date: '2024-03-10' });
  const first = await created(officer, '/api/v1/outcomes', { ...caution, offence_ids: [o1.id, o2.id] });
  // Same type, day and offences (in any order): 409 naming the first.
  const again = await officer.post('/api/v1/outcomes', { ...caution, offence_ids: [o2.id, o1.id] });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.error.code, 'possible_duplicate');
  assert.deepEqual(again.body.error.duplicates, [first.id]);
  // The same shape as every error reply: "errors" holds the error too.
  assert.deepEqual(again.body.errors, [again.body.error], again.text);
  assert.deepEqual(srv.changesSince(before).map((x) => x.split(' ').slice(0, 2).join(' ')), ['create outcome', 'create outcome']);
  // The confirmation is true or false, on a new outcome and on a change.
  const notBool = await officer.post('/api/v1/outcomes', { ...caution, offence_ids: [o1.id, o2.id], allow_duplicate: 'yes' });
  assert.equal(notBool.status, 400, notBool.text);
  assert.equal(notBool.body.error.field, 'allow_duplicate');
  const notBoolChange = await officer.patch(`/api/v1/outcomes/${first.id}`, { version: first.version, allow_duplicate: 1 });
  assert.equal(notBoolChange.status, 400, notBoolChange.text);
  assert.equal(notBoolChange.body.error.field, 'allow_duplicate');
  assert.deepEqual(srv.changesSince(before).map((x) => x.split(' ').slice(0, 2).join(' ')), ['create outcome', 'create outcome']);
  // Other offences, or another day: not a duplicate.
  await created(officer, '/api/v1/outcomes', { ...caution, offence_ids: [o1.id] });
  await created(officer, '/api/v1/outcomes', { ...caution, outcome_date: '2024-03-11', offence_ids: [o1.id, o2.id] });
  // Confirmed: recorded.
  await created(officer, '/api/v1/outcomes', { ...caution, offence_ids: [o1.id, o2.id], allow_duplicate: true });
  // A sentence cannot lose its last offence.
  const r = await officer.patch(`/api/v1/outcomes/${first.id}`, { version: 1, offence_ids: [] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'offence_ids');
});

test('victims are served only to youth justice roles in scope', async () => {
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vera', family_name: 'Victimson', date_of_birth: '1980-01-01' });
  const v = await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id, consent_to_contact: true });
  // The officer sees the victim on the offence and opens the victim record.
  assert.deepEqual((await officer.get(`/api/v1/offences/${offence.id}`)).body.victims.map((x) => x.victim_id), [victim.id]);
  assert.equal((await officer.get(`/api/v1/victims/${v.id}`)).status, 200);
  assert.equal((await officer.get(`/api/v1/people/${victim.id}`)).status, 200);
  // The parent worker of the same team does not: not on the offence, not by
  // the victim routes, not the victim's person record, even breaking glass.
  const seen = await parentworker.get(`/api/v1/offences/${offence.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual(seen.body.victims, []);
  for (const [m, path, body] of [
    ['GET', `/api/v1/victims/${v.id}`], ['GET', `/api/v1/victims?case_id=${kase.id}`],
    ['PATCH', `/api/v1/victims/${v.id}`, { version: 1, rj_offered: true }],
    ['POST', `/api/v1/victims/${v.id}/close`, { version: 1, reason: 'Entered in error' }],
    ['POST', '/api/v1/victims', { offence_id: offence.id, victim_id: kid.id }],
  ]) {
    const r = await parentworker.request(m, path, body);
    assert.equal(r.status, 403, `${m} ${path}: ${r.text}`);
  }
  // Refused as any record outside the caseload is (the answer does not say
  // who is a victim), and a reason does not open it.
  const plain = await parentworker.get(`/api/v1/people/${victim.id}`);
  const stranger = await parentworker.get(`/api/v1/people/${(await createdPerson(south, { given_name: 'Stan', family_name: 'Access' })).id}`);
  assert.equal(plain.status, 403);
  assert.deepEqual(plain.body, stranger.body);
  // A reason is refused exactly as no reason is (status, code, field and
  // message), so that it does not tell who is a victim; audited as denied.
  const denied = { action: 'denied', person_id: victim.id, user_id: parentworker.user.id };
  const deniedBefore = srv.audit(denied).length;
  const glass = await parentworker.get(`/api/v1/people/${victim.id}`, REASON);
  assert.equal(glass.status, 403, glass.text);
  assert.deepEqual(glass.body, plain.body);
  assert.equal(srv.audit(denied).length, deniedBefore + 1);
  assert.equal((await parentworker.get(`/api/v1/consents?person_id=${victim.id}`)).status, 403);
  // Unchanged.
  const after = await officer.get(`/api/v1/victims/${v.id}`);
  assert.equal(after.body.version, 1);
  assert.equal(after.body.closed_at, null);
  // Nor in a duplicate check outside the caseload; the officer's team sees it.
  const dupBody = { given_name: 'Vera', family_name: 'Victimson', date_of_birth: '1980-01-01' };
  for (const c of [parentworker, south]) {
    const d = await c.post('/api/v1/people/duplicates', dupBody);
    assert.equal(d.status, 200, d.text);
    assert.deepEqual(d.body.items, [], c.user.username);
  }
  assert.deepEqual((await officer.post('/api/v1/people/duplicates', dupBody)).body.items.map((x) => x.id), [victim.id]);
  // An officer of another team breaks glass to read it, flagged.
  assert.equal((await south.get(`/api/v1/people/${victim.id}`)).status, 403);
  assert.equal((await south.get(`/api/v1/people/${victim.id}`, REASON)).status, 200);
});

test('search is not a directory: outside the caseload only for a specific query, capped, never victims', async () => {
  // 25 people with one name and date of birth, held by the south team.
  for (let i = 0; i < 25; i += 1) {
    await created(south, '/api/v1/people', { given_name: 'Searchy', family_name: 'Samename', date_of_birth: '2009-09-09', allow_duplicate: true });
  }
  const mine = await createdPerson(officer, { given_name: 'Searchy', family_name: 'Northone', date_of_birth: '2009-09-09' });
  const victim = await created(south, '/api/v1/people', { given_name: 'Searchy', family_name: 'Victimname', date_of_birth: '1990-01-01' });
  const southCase = await openCase(south, (await createdPerson(south, { given_name: 'Sid', family_name: 'Access' })).id);
  const southOffence = await created(south, '/api/v1/offences', theft(southCase.id));
  await created(south, '/api/v1/victims', { offence_id: southOffence.id, victim_id: victim.id });

  // One letter, or one name: only the officer's own caseload, and a signal.
  for (const q of ['s', 'Searchy', 'Samename']) {
    const r = await officer.get(`/api/v1/people?q=${q}&limit=200`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.every((x) => x.in_scope), `${q}: only in scope`);
    assert.equal(r.body.refine_search, true, q);
  }
  assert.deepEqual((await officer.get('/api/v1/people?q=Searchy')).body.items.map((x) => x.id), [mine.id]);
  // "In your caseload" is the user's own allocated people, not the team's:
  // made by the team with no case, then with a case of the manager's, then
  // allocated to the officer.
  const caseload = async () => (await officer.get('/api/v1/people?q=Searchy%20Northone')).body.items.map((x) => [x.id, x.in_scope, x.in_caseload]);
  assert.deepEqual(await caseload(), [[mine.id, true, false]]);
  const mineCase = await openCase(manager, mine.id, { team_id: officer.user.team_id, worker_id: null });
  assert.deepEqual(await caseload(), [[mine.id, true, false]]);
  const reall = await officer.get(`/api/v1/cases/${mineCase.id}`);
  assert.equal((await manager.patch(`/api/v1/cases/${mineCase.id}`, { version: reall.body.version, worker_id: officer.user.id })).status, 200);
  assert.deepEqual(await caseload(), [[mine.id, true, true]]);
  // A date of birth alone is not specific either.
  const dob = await officer.get('/api/v1/people?date_of_birth=2009-09-09&limit=200');
  assert.deepEqual(dob.body.items.map((x) => x.id), [mine.id]);
  // Full name and date of birth: outside matches, at most 20, name and date only.
  const full = await officer.get('/api/v1/people?q=Searchy%20Samename&date_of_birth=2009-09-09&limit=200');
  assert.equal(full.body.items.length, 20);
  assert.equal(full.body.refine_search, true);
  assert.ok(full.body.items.every((x) => x.in_scope === false && !('postcode' in x)));
  // An identifier finds one person outside.
  const withId = await created(south, '/api/v1/people', { given_name: 'Idris', family_name: 'Access', local_id: 'ACC-12345' });
  const byId = await officer.get('/api/v1/people?identifier=ACC-12345');
  assert.deepEqual(byId.body.items.map((x) => x.id), [withId.id]);
  // A victim outside the caseload is never listed, however specific.
  const vq = await officer.get('/api/v1/people?q=Searchy%20Victimname&date_of_birth=1990-01-01');
  assert.deepEqual(vq.body.items, []);
  // The team that holds the case sees the victim; a hub worker sees nobody.
  const own = await south.get('/api/v1/people?q=Victimname');
  assert.deepEqual(own.body.items.map((x) => x.id), [victim.id]);
  const h = await hub.get('/api/v1/people?q=s&limit=200');
  assert.deepEqual(h.body.items, []);
  assert.equal(h.body.refine_search, true);
  // Paging works on what may be shown.
  const p1 = await south.get('/api/v1/people?q=Samename&limit=20');
  const p2 = await south.get('/api/v1/people?q=Samename&limit=20&offset=20');
  assert.equal(p1.body.items.length, 20);
  assert.equal(p1.body.has_more, true);
  assert.equal(p2.body.items.length, 5);
  assert.equal(p2.body.has_more, false);
});

test('a person closed while a case is opened for them: never a closed person with an open case', async () => {
  const pairs = 20;
  const people = [];
  for (let i = 0; i < pairs; i += 1) people.push(await createdPerson(officer, { given_name: `Racer${i}`, family_name: 'Access', date_of_birth: '2008-01-01' }));
  await Promise.all(people.flatMap((p) => [
    officer.post(`/api/v1/people/${p.id}/close`, { version: 1, reason: 'Moved out of the area' }),
    officer.post('/api/v1/cases', {
      service: 'youth_justice', person_id: p.id, team_id: north, start_date: '2024-03-01', reason: 'Referred by the police',
    }),
  ]));
  const ended = await Promise.all(people.map(async (p) => {
    const r = await officer.get(`/api/v1/people/${p.id}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  }));
  const bad = ended.filter((p) => p.closed_at && p.cases.some((c) => c.status === 'open'));
  assert.equal(bad.length, 0, 'a closed person has an open case');
  // Every person ended one way or the other.
  assert.equal(ended.filter((p) => p.closed_at || p.cases.length > 0).length, pairs);
});

test('a case closed while a contact is recorded on it: no contact on a closed case', async () => {
  const pairs = 20;
  const cases = [];
  for (let i = 0; i < pairs; i += 1) {
    const p = await createdPerson(officer, { given_name: `Contact${i}`, family_name: 'Access', date_of_birth: '2008-01-01' });
    cases.push(await openCase(officer, p.id));
  }
  const results = await Promise.all(cases.flatMap((c) => [
    officer.post(`/api/v1/cases/${c.id}/close`, { version: 1, reason: 'Work finished' }),
    officer.post('/api/v1/contacts', { case_id: c.id, contact_date: '2024-03-02', contact_type: 'home_visit', summary: 'Visit' }),
  ]));
  for (const r of results) assert.ok([200, 201, 400, 409].includes(r.status), r.text);
  // In the order the writer committed them (the audit chain's sequence).
  const seqOf = (action, type, id) => srv.audit({ action, record_type: type, record_id: id }).map((x) => x.seq);
  let bad = 0;
  cases.forEach((c, i) => {
    const contact = results[2 * i + 1];
    if (contact.status !== 201) return;
    const [made] = seqOf('create', 'contact', contact.body.id);
    const [closed] = seqOf('close', 'case', c.id);
    if (closed !== undefined && made > closed) bad += 1;
  });
  assert.equal(bad, 0, 'a contact was added to a closed case');
});

test('a victim is never shown to other roles as a contact attendee or a family member', async () => {
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vita', family_name: 'Attendee', date_of_birth: '1975-05-05' });
  const sister = await created(officer, '/api/v1/people', { given_name: 'Sally', family_name: 'Access', date_of_birth: '2011-05-05' });
  // The sister joins the child's family before she is recorded as a victim.
  const fam = await created(officer, '/api/v1/families', { name: 'Access family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: sister.id, member_type: 'child', relationship: 'sibling' });
  const contact = await created(officer, '/api/v1/contacts', {
    case_id: kase.id, contact_date: '2024-03-05', contact_type: 'meeting', summary: 'Restorative meeting',
    attendees: { people: [kid.id, victim.id] },
  });
  for (const id of [victim.id, sister.id]) await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: id });
  const ids = (list) => list.map((x) => x.id);
  // The youth justice officer sees everyone.
  assert.deepEqual(ids((await officer.get(`/api/v1/contacts/${contact.id}`)).body.attendees.people), [kid.id, victim.id]);
  // The parent worker of the team sees the contact, not the victim.
  const one = await parentworker.get(`/api/v1/contacts/${contact.id}`);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(ids(one.body.attendees.people), [kid.id]);
  assert.doesNotMatch(one.text, /Attendee/);
  const list = await parentworker.get(`/api/v1/contacts?case_id=${kase.id}`);
  assert.equal(list.status, 200, list.text);
  assert.doesNotMatch(list.text, /Vita|Attendee/);
  // Changing the attendees they see leaves the hidden one in place.
  const changed = await parentworker.patch(`/api/v1/contacts/${contact.id}`, { version: contact.version, attendees: { people: [] } });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(ids(changed.body.attendees.people), []);
  assert.deepEqual(ids((await officer.get(`/api/v1/contacts/${contact.id}`)).body.attendees.people), [victim.id]);
  // Nor as a member of a family, on the family or on the child's record.
  const members = (f) => f.members.map((m) => m.person_id);
  assert.ok(members((await officer.get(`/api/v1/families/${fam.id}`)).body).includes(sister.id));
  const pf = await parentworker.get(`/api/v1/families/${fam.id}`);
  assert.equal(pf.status, 200, pf.text);
  assert.deepEqual(members(pf.body), [kid.id]);
  const child = await parentworker.get(`/api/v1/people/${kid.id}`);
  assert.equal(child.status, 200, child.text);
  assert.doesNotMatch(child.text, /Sally/);
});

test('a victim of the child\'s offences is not added to the child\'s family', async () => {
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vic', family_name: 'Member', date_of_birth: '1970-07-07' });
  await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id });
  const fam = await created(officer, '/api/v1/families', { name: 'Member family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const before = srv.auditHead();
  const r = await officer.post(`/api/v1/families/${fam.id}/members`, { person_id: victim.id, member_type: 'adult', relationship: 'parent', child_id: kid.id });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'person_id');
  assert.match(r.body.error.message, /victim/);
  // Nor the child to a family the victim is in.
  const theirs = await created(officer, '/api/v1/families', { name: 'Victim family' });
  await created(officer, `/api/v1/families/${theirs.id}/members`, { person_id: victim.id, member_type: 'adult', relationship: 'parent' });
  const r2 = await officer.post(`/api/v1/families/${theirs.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  assert.equal(r2.status, 400, r2.text);
  assert.equal(r2.body.error.field, 'person_id');
  assert.deepEqual(srv.changesSince(before).map((x) => x.split(' ').slice(0, 2).join(' ')), ['create family', 'create family_member'], 'only the victim joined their own family');
});

test('a new date of birth cannot put an offence or outcome before the child\'s 10th birthday', async () => {
  const p = await createdPerson(officer, { given_name: 'Dob', family_name: 'Access', date_of_birth: '2010-01-01' });
  const c = await openCase(officer, p.id);
  await created(officer, '/api/v1/offences', theft(c.id, { offence_date: '2024-03-01' }));
  for (const dob of ['2014-03-02', '2015-01-01']) {
    const r = await officer.patch(`/api/v1/people/${p.id}`, { version: 1, date_of_birth: dob });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'date_of_birth');
    assert.match(r.body.error.message, /under 10/);
  }
  assert.equal((await officer.get(`/api/v1/people/${p.id}`)).body.date_of_birth, '2010-01-01', 'unchanged');
  // On the 10th birthday it is allowed.
  const ok = await officer.patch(`/api/v1/people/${p.id}`, { version: 1, date_of_birth: '2014-03-01' });
  assert.equal(ok.status, 200, ok.text);
  // An outcome counts too (prevention work does not).
  const q = await createdPerson(officer, { given_name: 'Dobby', family_name: 'Access', date_of_birth: '2010-01-01' });
  const qc = await openCase(officer, q.id);
  await created(officer, '/api/v1/outcomes', { case_id: qc.id, outcome_type: 'prevention', outcome_date: '2024-03-10' });
  await created(officer, '/api/v1/outcomes', { case_id: qc.id, outcome_type: 'community_resolution', outcome_date: '2024-03-10' });
  const r = await officer.patch(`/api/v1/people/${q.id}`, { version: 1, date_of_birth: '2015-01-01' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'date_of_birth');
});

test('a change that makes an outcome a probable duplicate is refused as a new one is', async () => {
  const p = await createdPerson(officer, { given_name: 'Redupe', family_name: 'Access', date_of_birth: '2008-08-08' });
  const c = await openCase(officer, p.id);
  const o1 = await created(officer, '/api/v1/offences', theft(c.id));
  const caution = { case_id: c.id, outcome_type: 'youth_caution', outcome_date: '2024-03-10', offence_ids: [o1.id] };
  const first = await created(officer, '/api/v1/outcomes', caution);
  const second = await created(officer, '/api/v1/outcomes', { ...caution, outcome_date: '2024-03-11' });
  // Moving the second to the first's day: 409 naming the first, unchanged.
  const r = await officer.patch(`/api/v1/outcomes/${second.id}`, { version: second.version, outcome_date: '2024-03-10' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'possible_duplicate');
  assert.deepEqual(r.body.error.duplicates, [first.id]);
  assert.equal((await officer.get(`/api/v1/outcomes/${second.id}`)).body.outcome_date, '2024-03-11');
  // Not a duplicate of itself; confirmed, it is changed.
  const self = await officer.patch(`/api/v1/outcomes/${first.id}`, { version: first.version, outcome_date: '2024-03-10' });
  assert.equal(self.status, 200, self.text);
  const ok = await officer.patch(`/api/v1/outcomes/${second.id}`, { version: second.version, outcome_date: '2024-03-10', allow_duplicate: true });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.outcome_date, '2024-03-10');
});

test('the last open offence of a caution or sentence is not closed', async () => {
  const p = await createdPerson(officer, { given_name: 'Closer', family_name: 'Access', date_of_birth: '2008-08-08' });
  const c = await openCase(officer, p.id);
  const o1 = await created(officer, '/api/v1/offences', theft(c.id));
  const o2 = await created(officer, '/api/v1/offences', theft(c.id, { description: 'Second theft' }));
  const o3 = await created(officer, '/api/v1/offences', theft(c.id, { description: 'Third theft' }));
  const only = await created(officer, '/api/v1/outcomes', { case_id: c.id, outcome_type: 'youth_caution', outcome_date: '2024-03-10', offence_ids: [o1.id] });
  await created(officer, '/api/v1/outcomes', { case_id: c.id, outcome_type: 'referral_order', outcome_date: '2024-03-12', start_date: '2024-03-12', offence_ids: [o2.id, o3.id] });
  const r = await officer.post(`/api/v1/offences/${o1.id}/close`, { version: o1.version, reason: 'Entered in error' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'outcome_ids');
  // Said for practitioners: the outcome is described, not numbered.
  assert.match(r.body.error.message, /^An outcome was given for this offence only/);
  assert.equal((await officer.get(`/api/v1/offences/${o1.id}`)).body.closed_at, null);
  // An order with another open offence keeps it; then its last is refused.
  const ok = await officer.post(`/api/v1/offences/${o2.id}/close`, { version: o2.version, reason: 'Entered in error' });
  assert.equal(ok.status, 200, ok.text);
  const last = await officer.post(`/api/v1/offences/${o3.id}/close`, { version: o3.version, reason: 'Entered in error' });
  assert.equal(last.status, 409, last.text);
  // Once the outcome is closed, the offence can be.
  await officer.post(`/api/v1/outcomes/${only.id}/close`, { version: only.version, reason: 'Entered in error' });
  const after = await officer.post(`/api/v1/offences/${o1.id}/close`, { version: o1.version, reason: 'Entered in error' });
  assert.equal(after.status, 200, after.text);
});

test('a task on a victim\'s own case does not name them to other roles', async () => {
  // South's child offended against a person south also works with.
  const child = await createdPerson(south, { given_name: 'Sid', family_name: 'Access', date_of_birth: '2009-01-01' });
  const childCase = await openCase(south, child.id);
  const off = await created(south, '/api/v1/offences', theft(childCase.id));
  const victim = await createdPerson(south, { given_name: 'Tessa', family_name: 'Taskvictim', date_of_birth: '2008-01-01' });
  const victimCase = await openCase(south, victim.id);
  await created(south, '/api/v1/victims', { offence_id: off.id, victim_id: victim.id });
  // The manager gives the parent worker's team a task on the victim's case.
  const t = await created(manager, '/api/v1/tasks', { case_id: victimCase.id, title: 'Send the leaflet', due_date: '2099-01-01', team_id: north });
  assert.match((await manager.get(`/api/v1/tasks/${t.id}`)).body.child_name, /Tessa/);
  const one = await parentworker.get(`/api/v1/tasks/${t.id}`);
  assert.equal(one.status, 200, one.text);
  assert.doesNotMatch(one.text, /Tessa|Taskvictim/);
  assert.equal(one.body.child_name, 'a person you cannot see');
  const list = await parentworker.get('/api/v1/tasks?team=1&limit=200');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.some((x) => x.id === t.id), list.text);
  assert.doesNotMatch(list.text, /Tessa|Taskvictim/);
});

// Peer support and referrals out (issue 9 §1, docs/parenting.md "Peer support
// and referrals"): peer support groups held by a team, their dated sessions
// and the register of who attended; the register of peer mentors; a parent's
// stated preferences and the matching view built on them alone; referrals
// out from the parent support case, with the parent's consent and a status
// that moves forward with the date of each change. Youth justice officers
// never see a parent's referrals; victims are never on this pathway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, dobForAge, ukDay } from './lib.mjs';

const PARENTING = [['parenting', 'Parenting North'], ['parenting', 'Parenting West']];
const PEER_USERS = [
  ['pwork', 'parent_worker', 'parenting', 'Parenting North'],
  ['pwork2', 'parent_worker', 'parenting', 'Parenting North'],
  ['pwork_west', 'parent_worker', 'parenting', 'Parenting West'],
  ['manager_p', 'manager', 'parenting', 'Parenting North'],
];

let srv, pw, pw2, pwWest, managerP, officer, manager, social;
let mum, dad, kid, parentCase, yjKid, yjCase, victim, offence;
let group, mentors;

const future = (days = 3) => ukDay(days);
const errorFields = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();

const referral = (extra = {}) => ({
  case_id: parentCase.id, destination: 'peer_mentor', consent_given: true, consent_date: '2025-05-01',
  referred_on: '2025-05-02', ...extra,
});

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, ...PARENTING], users: [...USERS, ...PEER_USERS] });
  [pw, pw2, pwWest, managerP, officer, manager, social] = await srv.loginAll(
    ['pwork', 'pwork2', 'pwork_west', 'manager_p', 'officer', 'manager', 'social']);
  mum = await createdPerson(pw, { given_name: 'Harpreet', family_name: 'Kaur', date_of_birth: '1984-02-03', ethnicity: 'asian_indian' });
  dad = await createdPerson(pw, { given_name: 'Adam', family_name: 'Nowak', date_of_birth: '1980-07-07' });
  kid = await createdPerson(pw, { given_name: 'Jas', family_name: 'Kaur', date_of_birth: dobForAge(16, 270) });
  const fam = await created(pw, '/api/v1/families', { name: 'Kaur family' });
  await created(pw, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  await created(pw, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id });
  parentCase = await created(pw, '/api/v1/cases', {
    service: 'parenting', person_id: mum.id, team_id: pw.user.team_id, worker_id: pw.user.id,
    start_date: '2025-04-01', reason: 'Parent of a child open to the youth justice service',
  });
  await created(pw, '/api/v1/cases', {
    service: 'parenting', person_id: dad.id, team_id: pw.user.team_id, worker_id: pw.user.id,
    start_date: '2025-04-01', reason: 'Parent support',
  });
  // A youth justice child with an offence and its victim.
  yjKid = await createdPerson(officer, { given_name: 'Dion', family_name: 'Reeve', date_of_birth: dobForAge(17, 330) });
  yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: yjKid.id, team_id: officer.user.team_id, worker_id: officer.user.id,
    start_date: '2025-01-10', reason: 'Referred by the youth court',
  });
  offence = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: '2025-01-05', description: 'Robbery', category: 'robbery', gravity: 5,
  });
  victim = await createdPerson(officer, { given_name: 'Vera', family_name: 'Victim', date_of_birth: '1979-09-09' });
  await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id, consent_to_contact: false });
  group = await created(pw, '/api/v1/peer-groups', {
    team_id: pw.user.team_id, name: 'Friendship Group', meets: 'Monthly, first Tuesday, 10am', venue: 'Foleshill Family Hub',
  });
  const mentor = (name, extra) => created(pw, '/api/v1/peer-mentors', {
    team_id: pw.user.team_id, name, organisation: 'Kitchen Table Talks', available: true, ...extra,
  });
  mentors = {
    amrit: await mentor('Amrit Sandhu', { languages: ['Punjabi', 'English'], gender: 'woman', faith: 'Sikh', cultural_background: 'Punjabi Sikh, born in Coventry' }),
    bilal: await mentor('Bilal Hussain', { languages: ['Urdu', 'Punjabi'], gender: 'man', faith: 'Muslim', cultural_background: 'Pakistani' }),
    ewa: await mentor('Ewa Kowalska', { languages: ['Polish'], gender: 'woman', faith: 'Catholic', cultural_background: 'Polish' }),
    gone: await mentor('Gurdeep Away', { languages: ['Punjabi'], gender: 'woman', faith: 'Sikh', available: false }),
  };
});
after(async () => { await srv.stop(); });

test('groups, dated sessions and the register of who attended', async () => {
  assert.equal(group.team_id, pw.user.team_id);
  assert.equal(group.team_name, 'Parenting North');
  const session = await created(pw, '/api/v1/peer-group-sessions', { group_id: group.id, session_date: '2025-06-03', topic: 'Routines at home' });
  const line = await created(pw, '/api/v1/peer-group-attendance', { session_id: session.id, person_id: mum.id, attended: true });
  assert.equal(line.given_name, 'Harpreet');
  await created(pw2, '/api/v1/peer-group-attendance', { session_id: session.id, person_id: dad.id, attended: false, notes: 'Working' });
  const sessions = await pw2.get(`/api/v1/peer-group-sessions?group_id=${group.id}`);
  assert.equal(sessions.status, 200, sessions.text);
  const s = sessions.body.items.find((x) => x.id === session.id);
  assert.equal(s.attended_count, 1);
  assert.equal(s.register_count, 2);
  const reg = await pw.get(`/api/v1/peer-group-attendance?session_id=${session.id}`);
  assert.deepEqual(reg.body.items.map((x) => [x.person_id, x.attended]), [[mum.id, true], [dad.id, false]]);
  assert.equal(srv.audit({ action: 'create', record_type: 'peer_group_attendance', record_id: line.id, person_id: mum.id }).length, 1);
  // Once a session; not attended before the day; changed by version.
  const before = srv.auditHead();
  const dup = await pw.post('/api/v1/peer-group-attendance', { session_id: session.id, person_id: mum.id, attended: false });
  assert.equal(dup.status, 400, dup.text);
  assert.equal(dup.body.error.field, 'person_id');
  const later = await created(pw, '/api/v1/peer-group-sessions', { group_id: group.id, session_date: future(10), topic: 'Planned' });
  const early = await pw.post('/api/v1/peer-group-attendance', { session_id: later.id, person_id: mum.id, attended: true });
  assert.equal(early.status, 400, early.text);
  assert.equal(early.body.error.field, 'attended');
  assert.deepEqual(srv.changesSince(before), [`create peer_group_session ${later.id}`]);
  const changed = await pw.patch(`/api/v1/peer-group-attendance/${line.id}`, { version: 1, attended: false });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.attended, false);
  // Another team's worker does not open the group (audited), and cannot
  // add to its register.
  const other = await pwWest.get(`/api/v1/peer-groups/${group.id}`);
  assert.equal(other.status, 403);
  assert.equal(srv.audit({ action: 'denied', record_type: 'peer_group', record_id: group.id, username: 'pwork_west' }).length, 1);
  const add = await pwWest.post('/api/v1/peer-group-attendance', { session_id: session.id, person_id: mum.id, attended: true });
  // The parent outside their scope is answered as someone who does not
  // exist (session 25), named with the other wrong fields; the session's
  // refusal is audited.
  assert.equal(add.status, 400, add.text);
  assert.equal(add.body.error.field, 'person_id');
  assert.equal(srv.audit({ action: 'denied', record_type: 'peer_group_session', record_id: session.id, username: 'pwork_west' }).length, 1);
  // A group of another team is not the worker's to create.
  const notMine = await pw.post('/api/v1/peer-groups', { team_id: pwWest.user.team_id, name: 'West group' });
  assert.equal(notMine.status, 403, notMine.text);
  assert.equal(notMine.body.error.field, 'team_id');
  // The manager of the service sees every team's groups.
  assert.equal((await managerP.get(`/api/v1/peer-groups?team_id=${pw.user.team_id}`)).body.items.length, 1);
});

test('recording a parent on a register needs write scope over the parent; break glass does not stand in', async () => {
  const session = await created(pw, '/api/v1/peer-group-sessions', { group_id: group.id, session_date: '2025-07-01' });
  const stranger = await createdPerson(social, { given_name: 'Stella', family_name: 'Elsewhere', date_of_birth: '1990-01-01' });
  const before = srv.auditHead();
  const reason = { 'X-Break-Glass-Reason': 'Checking who came to the group' };
  for (const h of [undefined, reason]) {
    const r = await pw.request('POST', '/api/v1/peer-group-attendance', { session_id: session.id, person_id: stranger.id, attended: true }, h);
    // Answered as someone who does not exist (session 25).
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'person_id');
    assert.match(r.body.error.message, /this person does not exist/);
  }
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal(srv.audit({ action: 'denied', record_type: 'person', record_id: stranger.id, username: 'pwork' }, before).length, 2);
});

test('the register of peer mentors: languages as a list, held by a team', async () => {
  const m = mentors.amrit;
  assert.deepEqual(m.languages, ['Punjabi', 'English']);
  assert.equal(m.gender, 'woman');
  assert.equal(m.organisation, 'Kitchen Table Talks');
  assert.equal(m.available, true);
  const list = await pw2.get(`/api/v1/peer-mentors?team_id=${pw.user.team_id}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((x) => x.name), ['Amrit Sandhu', 'Bilal Hussain', 'Ewa Kowalska', 'Gurdeep Away']);
  const r = await pw.patch(`/api/v1/peer-mentors/${mentors.ewa.id}`, { version: 1, languages: ['Polish', 'Russian'] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.languages, ['Polish', 'Russian']);
  assert.equal((await pwWest.get(`/api/v1/peer-mentors?team_id=${pw.user.team_id}`)).status, 403);
  // The UI's field list says what each list is filtered by.
  const d = (await pw.get('/api/v1/resources')).body.items;
  const filter = (name) => d.find((x) => x.name === name).list_filter;
  assert.deepEqual(filter('peer_mentor'), { field: 'team_id', about: 'team' });
  assert.deepEqual(filter('peer_group_session'), { field: 'group_id', about: 'peer_group' });
  assert.deepEqual(filter('parent_referral'), { field: 'case_id', about: 'case' });
  assert.deepEqual(d.find((x) => x.name === 'peer_mentor').fields.find((f) => f.name === 'languages').type, 'list');
  assert.equal((await officer.get('/api/v1/resources')).body.items.some((x) => x.name === 'parent_referral'), false);
});

test('preferences, one set a parent; the matching view ranks on them, language first', async () => {
  const none = await pw.get(`/api/v1/people/${mum.id}/mentor-matches`);
  assert.equal(none.status, 200, none.text);
  assert.equal(none.body.preferences, null);
  // Without preferences: every available mentor, in the register's order.
  assert.deepEqual(none.body.items.map((x) => x.mentor.name), ['Amrit Sandhu', 'Bilal Hussain', 'Ewa Kowalska']);
  assert.ok(none.body.items.every((x) => x.criteria.length === 0));
  const pref = await created(pw, '/api/v1/parent-preferences', {
    person_id: mum.id, languages: ['punjabi'], language_matters: true, interpreter_needed: false,
    mentor_gender: 'woman', gender_matters: true, faith: 'Sikh', faith_matters: false,
  });
  assert.deepEqual(pref.languages, ['punjabi']);
  const again = await pw.post('/api/v1/parent-preferences', { person_id: mum.id, languages: ['Urdu'] });
  assert.equal(again.status, 400, again.text);
  assert.equal(again.body.error.field, 'person_id');
  const r = await pw.get(`/api/v1/people/${mum.id}/mentor-matches`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.preferences.id, pref.id);
  const names = r.body.items.map((x) => x.mentor.name);
  // Amrit meets all three; Bilal speaks Punjabi (language first) though a
  // man; Ewa speaks none of the parent's languages; Gurdeep is not available.
  assert.deepEqual(names, ['Amrit Sandhu', 'Bilal Hussain', 'Ewa Kowalska']);
  const crit = (i) => Object.fromEntries(r.body.items[i].criteria.map((c) => [c.name, [c.met, c.matters]]));
  assert.deepEqual(crit(0), { language: [true, true], gender: [true, true], faith: [true, false] });
  assert.deepEqual(crit(1), { language: [true, true], gender: [false, true], faith: [false, false] });
  assert.deepEqual(crit(2), { language: [false, true], gender: [true, true], faith: [false, false] });
  assert.deepEqual(r.body.items[0].criteria.find((c) => c.name === 'language').shared, ['punjabi']);
  assert.equal(srv.audit({ action: 'read', record_type: 'parent_preferences', record_id: pref.id, person_id: mum.id, username: 'pwork' }).length, 1);
  // The parent's stated preferences win: a change reorders the list.
  const polish = await pw.patch(`/api/v1/parent-preferences/${pref.id}`, { version: 1, languages: ['Polish'], faith: null });
  assert.equal(polish.status, 200, polish.text);
  const r2 = await pw.get(`/api/v1/people/${mum.id}/mentor-matches`);
  assert.deepEqual(r2.body.items.map((x) => x.mentor.name), ['Ewa Kowalska', 'Amrit Sandhu', 'Bilal Hussain']);
  // Another team's worker sees their own team's register (none here).
  const west = await pwWest.get(`/api/v1/people/${mum.id}/mentor-matches`);
  assert.equal(west.status, 403, west.text);
});

test('the matching view infers nothing from ethnicity: changing it changes nothing', async () => {
  const first = await pw.get(`/api/v1/people/${dad.id}/mentor-matches`);
  await created(pw, '/api/v1/parent-preferences', { person_id: dad.id, languages: ['Polish'], cultural_background: 'Polish' });
  const before = await pw.get(`/api/v1/people/${dad.id}/mentor-matches`);
  assert.equal(before.status, 200, before.text);
  assert.notDeepEqual(before.body.items.map((x) => x.mentor.id), first.body.items.map((x) => x.mentor.id));
  for (const ethnicity of ['asian_pakistani', 'white_british', 'black_african', null]) {
    const p = (await pw.get(`/api/v1/people/${dad.id}`)).body;
    const u = await pw.patch(`/api/v1/people/${dad.id}`, { version: p.version, ethnicity });
    assert.equal(u.status, 200, u.text);
    const after = await pw.get(`/api/v1/people/${dad.id}/mentor-matches`);
    assert.deepEqual(after.body.items, before.body.items, `ethnicity ${ethnicity}`);
  }
});

test('referrals out: only with the parent\'s consent, from the parent support case, status moving forward with its date', async () => {
  const r = await created(pw, '/api/v1/parent-referrals', referral({ mentor_id: mentors.amrit.id, child_id: kid.id }));
  assert.equal(r.person_id, mum.id, 'the parent comes from the case');
  assert.equal(r.status, 'sent');
  assert.equal(r.status_date, '2025-05-02', 'sent on the day it was referred');
  assert.equal(r.mentor_name, 'Amrit Sandhu');
  assert.equal(r.consent_given, true);
  assert.equal(srv.audit({ action: 'create', record_type: 'parent_referral', record_id: r.id, person_id: mum.id }).length, 1);
  let v = r.version;
  for (const [status, date] of [['accepted', '2025-05-09'], ['started', '2025-05-20'], ['completed', '2025-09-01']]) {
    const u = await pw2.patch(`/api/v1/parent-referrals/${r.id}`, { version: v, status, status_date: date });
    assert.equal(u.status, 200, u.text);
    assert.equal(u.body.status, status);
    assert.equal(u.body.status_date, date);
    v = u.body.version;
  }
  // Each earlier status stays in the trail of changes.
  assert.equal(srv.changes({ record_type: 'parent_referral', record_id: r.id }).filter((a) => a === 'update').length, 3);
  const list = await pw.get(`/api/v1/parent-referrals?case_id=${parentCase.id}`);
  assert.deepEqual(list.body.items.map((x) => [x.id, x.status, x.status_date]), [[r.id, 'completed', '2025-09-01']]);

  const before = srv.auditHead();
  const second = await created(pw, '/api/v1/parent-referrals', referral({ destination: 'third_sector', agency: 'Coventry Refugee and Migrant Centre' }));
  for (const [body, field] of [
    [{ status: 'accepted', status_date: '2025-05-10' }, null],
    [{ status: 'sent', status_date: '2025-05-11' }, 'status'], // not back
    [{ status: 'completed', status_date: '2025-05-12' }, null], // a forward jump
    [{ status: 'declined', status_date: '2025-05-11' }, 'status'], // completed ends it
  ]) {
    const cur = (await pw.get(`/api/v1/parent-referrals/${second.id}`)).body;
    const u = await pw.patch(`/api/v1/parent-referrals/${second.id}`, { version: cur.version, ...body });
    if (field) {
      assert.equal(u.status, 400, `${JSON.stringify(body)}: ${u.text}`);
      assert.equal(u.body.error.field, field);
    } else assert.equal(u.status, 200, u.text);
  }
  const third = await created(pw, '/api/v1/parent-referrals', referral({ destination: 'early_help' }));
  const noDate = await pw.patch(`/api/v1/parent-referrals/${third.id}`, { version: 1, status: 'declined' });
  assert.equal(noDate.status, 400, noDate.text);
  assert.equal(noDate.body.error.field, 'status_date');
  const backDate = await pw.patch(`/api/v1/parent-referrals/${third.id}`, { version: 1, status: 'declined', status_date: '2025-05-01' });
  assert.equal(backDate.status, 400, backDate.text);
  assert.equal(backDate.body.error.field, 'status_date');
  // The same day as the last change is a date of its own.
  const sameDay = await pw.patch(`/api/v1/parent-referrals/${third.id}`, { version: 1, status: 'accepted', status_date: '2025-05-02' });
  assert.equal(sameDay.status, 200, sameDay.text);
  assert.deepEqual(srv.changesSince(before).filter((c) => !c.startsWith('create')), [`update parent_referral ${second.id}`, `update parent_referral ${second.id}`, `update parent_referral ${third.id}`]);
});

test('bad referrals are refused naming every wrong field at once, and nothing is stored', async () => {
  const before = srv.auditHead();
  const n = (await pw.get(`/api/v1/parent-referrals?case_id=${parentCase.id}`)).body.items.length;
  for (const [body, fields] of [
    [referral({ consent_given: false }), ['consent_given']],
    [referral({ consent_given: undefined, consent_date: undefined }), ['consent_date', 'consent_given']],
    [referral({ destination: 'anywhere', referred_on: '2/5/2025', notes: 7 }), ['destination', 'notes', 'referred_on']],
    [referral({ destination: 'third_sector', consent_date: '2025-06-01' }), ['agency', 'consent_date']],
    [referral({ destination: 'early_help', mentor_id: mentors.amrit.id, group_id: group.id }), ['group_id', 'mentor_id']],
    [referral({ mentor_id: mentors.gone.id, child_id: mum.id }), ['child_id', 'mentor_id']],
    [referral({ mentor_id: 999999, referred_on: future(), status: 'finished' }), ['mentor_id', 'referred_on', 'status']],
    [referral({ case_id: undefined, colour: 'red' }), ['case_id', 'colour']],
    [referral({ case_id: yjCase.id }), ['case_id']],
    [referral({ status_date: '2025-04-01' }), ['status_date']],
  ]) {
    const r = await pw.post('/api/v1/parent-referrals', body);
    assert.ok(r.status === 400 || r.status === 403, `${JSON.stringify(body)}: ${r.text}`);
    if (r.status === 400) assert.deepEqual(errorFields(r), fields, `${JSON.stringify(body)}: ${r.text}`);
    else assert.deepEqual([r.body.error.field], fields, r.text);
  }
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal((await pw.get(`/api/v1/parent-referrals?case_id=${parentCase.id}`)).body.items.length, n);
});

test('bad input on every other peer route: 400 naming every wrong field, nothing stored', async () => {
  const session = await created(pw, '/api/v1/peer-group-sessions', { group_id: group.id, session_date: '2025-08-05' });
  const before = srv.auditHead();
  const cases = [
    ['/api/v1/peer-groups', { team_id: 'x', name: '', description: 5 }, ['description', 'name', 'team_id']],
    ['/api/v1/peer-groups', { team_id: pw.user.team_id, name: 'A'.repeat(121), meets: 'line\nbreak' }, ['meets', 'name']],
    ['/api/v1/peer-group-sessions', { group_id: group.id, session_date: '2025-13-01', topic: 9 }, ['session_date', 'topic']],
    ['/api/v1/peer-group-sessions', { session_date: 'soon' }, ['group_id', 'session_date']],
    ['/api/v1/peer-group-attendance', { session_id: session.id, person_id: 'me', attended: 'yes' }, ['attended', 'person_id']],
    ['/api/v1/peer-group-attendance', { session_id: 999999, person_id: mum.id }, ['attended', 'session_id']],
    ['/api/v1/peer-mentors', { team_id: pw.user.team_id, name: 'M', languages: 'Punjabi', gender: 'female', available: 'yes' }, ['available', 'gender', 'languages']],
    ['/api/v1/peer-mentors', { team_id: pw.user.team_id, name: ' ', languages: ['Punjabi', '  '], available: true, faith: 3 }, ['faith', 'languages', 'name']],
    ['/api/v1/parent-preferences', { person_id: kid.id, languages: [1], mentor_gender: 'any', faith_matters: 'a lot' }, ['faith_matters', 'languages', 'mentor_gender']],
    ['/api/v1/parent-preferences', { languages: ['Urdu'], interpreter_needed: 'no' }, ['interpreter_needed', 'person_id']],
  ];
  for (const [path, body, fields] of cases) {
    const r = await pw.post(path, body);
    assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(errorFields(r), fields, `${path} ${JSON.stringify(body)}: ${r.text}`);
  }
  // Changes too.
  for (const [path, body, fields] of [
    [`/api/v1/peer-groups/${group.id}`, { version: group.version, name: '', venue: 4 }, ['name', 'venue']],
    [`/api/v1/peer-mentors/${mentors.bilal.id}`, { version: 1, available: null, gender: 'x' }, ['available', 'gender']],
    [`/api/v1/peer-group-sessions/${session.id}`, { version: 1, session_date: null, group_id: group.id + 1 }, ['group_id', 'session_date']],
  ]) {
    const r = await pw.patch(path, body);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.deepEqual(errorFields(r), fields, `${path}: ${r.text}`);
  }
  assert.deepEqual(srv.changesSince(before), []);
});

test('a youth justice officer is refused the parent\'s referrals, preferences and registers (403, audited)', async () => {
  const r = await created(pw, '/api/v1/parent-referrals', referral({ destination: 'family_hub' }));
  const before = srv.auditHead();
  const reason = { 'X-Break-Glass-Reason': 'Preparing the court report today' };
  for (const [method, path, body] of [
    ['GET', `/api/v1/parent-referrals?case_id=${parentCase.id}`],
    ['GET', `/api/v1/parent-referrals/${r.id}`],
    ['POST', '/api/v1/parent-referrals', referral()],
    ['GET', `/api/v1/parent-preferences?person_id=${mum.id}`],
    ['GET', `/api/v1/people/${mum.id}/mentor-matches`],
    ['GET', `/api/v1/peer-groups?team_id=${pw.user.team_id}`],
  ]) {
    for (const h of [undefined, reason]) {
      const x = await officer.request(method, path, body, h);
      assert.equal(x.status, 403, `${method} ${path}: ${x.text}`);
    }
  }
  assert.equal(srv.audit({ action: 'denied', record_type: 'parent_referral', record_id: r.id, username: 'officer' }, before).length, 2);
  assert.equal(srv.audit({ action: 'denied', username: 'officer' }, before).length, 12);
  assert.deepEqual(srv.changesSince(before), []);
});

test('victims are never matchable nor on a register, refused as any record outside the caseload', async () => {
  // The youth justice manager sees the victim (youth justice business) and
  // may keep a group of their own team; still not on this pathway.
  const yjGroup = await created(manager, '/api/v1/peer-groups', { team_id: officer.user.team_id, name: 'Dads Group' });
  const session = await created(manager, '/api/v1/peer-group-sessions', { group_id: yjGroup.id, session_date: '2025-06-10' });
  await created(manager, '/api/v1/peer-group-attendance', { session_id: session.id, person_id: yjKid.id, attended: true });
  const before = srv.auditHead();
  const onRegister = await manager.post('/api/v1/peer-group-attendance', { session_id: session.id, person_id: victim.id, attended: true });
  // As anyone outside the caseload: as someone who does not exist (session 25).
  assert.equal(onRegister.status, 400, onRegister.text);
  assert.equal(onRegister.body.error.field, 'person_id');
  assert.equal(onRegister.body.error.message, 'Select a person who is on Spire: this person does not exist');
  const pref = await manager.post('/api/v1/parent-preferences', { person_id: victim.id, languages: ['English'] });
  assert.equal(pref.status, 400, pref.text);
  const match = await manager.get(`/api/v1/people/${victim.id}/mentor-matches`);
  assert.equal(match.status, 403, match.text);
  // The same refusal as for someone outside the caseload altogether.
  const outside = await pw.get(`/api/v1/people/${victim.id}/mentor-matches`);
  assert.equal(outside.status, 403);
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal(srv.audit({ action: 'denied', record_type: 'person', record_id: victim.id, username: 'manager' }, before).length, 3);
});

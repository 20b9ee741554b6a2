// Every validation error of a request comes back together, rule-level
// (cross-field and domain) errors with the field errors, a rule whose own
// field is in error skipped rather than named twice; 403/404/409 are
// answered alone and only when nothing is a 400 (docs/dates-names-
// identifiers.md, "Errors"). And every message a practitioner can see is
// written for them: no code names ("end_reason", "yjs_officer"), no
// "YYYY", a sentence starting with a capital letter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, created, createdPerson, KPI_NOT_KNOWN } from './lib.mjs';

let srv, officer, south, admin, manager, parentworker;
let kid, kase, offence, order, family, closedKid, formsDir, caseless;

const FUTURE = '2099-01-01';
const fields = (r) => r.body.errors.map((e) => e.field);
// Every message of a reply, checked for practitioners.
const seen = [];
function forPeople(r, what) {
  assert.ok(r.body && Array.isArray(r.body.errors), `${what}: ${r.text}`);
  assert.deepEqual(r.body.error, r.body.errors[0], what);
  for (const e of r.body.errors) {
    seen.push(e.message);
    assert.match(e.message, /^[A-Z]/, `${what}: ${e.field}: ${e.message}`);
    assert.doesNotMatch(e.message, /[A-Za-z]+_[A-Za-z]+/, `${what}: ${e.field}: ${e.message}`);
    assert.doesNotMatch(e.message, /YYYY|ISO 8601|\bid \d|JSON object|constraint/, `${what}: ${e.field}: ${e.message}`);
  }
}

before(async () => {
  // The forms of Spire and a form that exists only in the tests, with a
  // question of each type.
  formsDir = mkdtempSync(join(tmpdir(), 'spire-messages-forms-'));
  for (const f of readdirSync('forms')) copyFileSync(join('forms', f), join(formsDir, f));
  copyFileSync('tests/forms/wellbeing-check.json', join(formsDir, 'wellbeing-check.json'));
  srv = await Server.start({ env: { SPIRE_FORMS_DIR: formsDir } });
  [officer, south, admin, manager, parentworker] = await srv.loginAll(['officer', 'officer_south', 'admin', 'manager', 'parentworker']);
  kid = await createdPerson(officer, { given_name: 'Mia', family_name: 'Gather', date_of_birth: '2008-02-02' });
  closedKid = await createdPerson(officer, { given_name: 'Cal', family_name: 'Closed', date_of_birth: '2008-03-03' });
  // A child with no open youth justice case, for the new cases below (a
  // child has one open at a time: kid's is kase).
  caseless = await createdPerson(officer, { given_name: 'Nia', family_name: 'Openshaw', date_of_birth: '2008-06-06' });
  kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-05',
  });
  offence = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  order = await created(officer, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'referral_order', outcome_date: '2024-04-10', start_date: '2024-04-12',
    planned_end_date: '2025-04-11', offence_ids: [offence.id],
  });
  family = await created(officer, '/api/v1/families', { name: 'Gather family' });
  const r = await officer.post(`/api/v1/people/${closedKid.id}/close`, { version: closedKid.version, reason: 'Moved away' });
  assert.equal(r.status, 200, r.text);
});
after(async () => { await srv.stop(); rmSync(formsDir, { recursive: true, force: true }); });

// [who, method, path, body, the fields named, the fields not named]
const CASES = () => [
  // Opening a case: the service, the reason, the worker, the dates.
  ['officer', 'POST', '/api/v1/cases', {
    service: '', person_id: caseless.id, team_id: officer.user.team_id, worker_id: south.user.id,
    start_date: '2024-01-01', end_date: '2023-01-01', reason: ' ', colour: 'red',
  }, ['service', 'colour', 'reason', 'worker_id', 'end_date'], []],
  // A rule on an invalid field is skipped: end before a start that is not a date.
  ['officer', 'POST', '/api/v1/cases', {
    service: 'youth_justice', person_id: caseless.id, team_id: officer.user.team_id, start_date: 'soon',
    end_date: '2000-01-01', reason: '',
  }, ['start_date', 'reason'], ['end_date']],
  // A person: a field, the date of birth rule, allow_duplicate.
  ['officer', 'POST', '/api/v1/people', {
    given_name: 'Ann', family_name: '', date_of_birth: FUTURE, sex: 'robot', allow_duplicate: 'yes',
  }, ['allow_duplicate', 'family_name', 'sex', 'date_of_birth'], []],
  ['officer', 'PATCH', `/api/v1/people/${'KID'}`, { date_of_birth: FUTURE, nhs_number: '123', colour_code: 1 },
    ['date_of_birth', 'nhs_number', 'colour_code', 'version'], []],
  // An offence: fields and the date order; a date in the future is named,
  // and the order rule that reads it is skipped.
  ['officer', 'POST', '/api/v1/offences', {
    case_id: 'CASE', offence_date: '2024-03-01', arrest_date: '2024-01-01', description: 'x', category: 'nope', gravity: 9,
  }, ['category', 'gravity', 'arrest_date'], []],
  ['officer', 'POST', '/api/v1/offences', {
    case_id: 'CASE', offence_date: FUTURE, arrest_date: '2024-01-01', description: 'x', category: 'theft', gravity: 9,
  }, ['offence_date', 'gravity'], ['arrest_date']],
  // An outcome: shape rules, dates, the offences listed.
  ['officer', 'POST', '/api/v1/outcomes', {
    case_id: 'CASE', outcome_type: 'referral_order', outcome_date: FUTURE, end_date: '2024-05-01',
    release_date: '2024-05-01', offence_ids: [99999999, 'x'], allow_duplicate: 3,
  }, ['outcome_date', 'allow_duplicate', 'end_reason', 'release_date', 'offence_ids[0]', 'offence_ids[1]'], []],
  ['officer', 'POST', '/api/v1/outcomes', {
    case_id: 'CASE', outcome_type: 'referral_order', outcome_date: '2024-04-10', end_reason: 'completed',
    transferred_to: 'Leeds', yro_requirements: ['supervision'], transferred_from: 'York',
  }, ['end_date', 'transferred_to', 'yro_requirements', 'transferred_from', 'offence_ids'], []],
  ['officer', 'PATCH', '/api/v1/outcomes/ORDER', { end_reason: 'completed', offence_ids: [] },
    ['version', 'end_date', 'offence_ids'], []],
  // A victim: the child as their own victim, restorative justice, dates.
  ['officer', 'POST', '/api/v1/victims', {
    offence_id: 'OFFENCE', victim_id: 'KID', rj_taken_part: true, rj_offered: false, contacted_on: FUTURE,
  }, ['victim_id', 'rj_taken_part', 'contacted_on'], []],
  // A KPI snapshot: funnel, hours, a release point on a non-custody outcome.
  ['officer', 'POST', '/api/v1/kpi-snapshots', {
    ...KPI_NOT_KNOWN, outcome_id: 'ORDER', point: 'release', measured_on: FUTURE, ete_hours_offered: 2, ete_hours_attended: 5,
    mental_health_need: false, mental_health_offered: true,
  }, ['point', 'measured_on', 'ete_hours_attended', 'ete_hours_offered', 'mental_health_offered', 'mental_health_need'], []],
  // A contact: fields, the date rule, attendees and follow-up tasks.
  ['officer', 'POST', '/api/v1/contacts', {
    case_id: 'CASE', contact_date: FUTURE, contact_type: 'nope', summary: 'Met',
    attendees: { people: [99999999, 'x'] }, tasks: [{ title: '', due_date: '2024-01-01' }],
  }, ['contact_type', 'contact_date', 'attendees.people[0]', 'attendees.people[1]', 'tasks[0].title'], []],
  // A task: fields and its owner.
  ['officer', 'POST', '/api/v1/tasks', { title: '', due_date: 'x', owner_id: 'SOUTH' },
    ['title', 'due_date', 'owner_id'], []],
  // A consent: for a closed record, a date in the future.
  ['officer', 'POST', '/api/v1/consents', {
    person_id: 'CLOSED', agency: '', purpose: 'x', lawful_basis: 'consent', given_on: FUTURE,
  }, ['agency', 'person_id', 'given_on'], []],
  // A family member: fields and the child rule.
  ['officer', 'POST', '/api/v1/families/FAMILY/members', { person_id: 'KID', member_type: 'pet', relationship: 'child', child_id: 'KID' },
    ['member_type', 'child_id'], []],
  // An account and a team.
  ['admin', 'POST', '/api/v1/users', { username: 'A', full_name: '', role: 'yjs', colour: 1, team_id: 'x' },
    ['colour', 'username', 'full_name', 'role', 'team_id', 'password'], []],
  ['admin', 'POST', '/api/v1/teams', { colour: 1, name: '' }, ['colour', 'name', 'service_id'], []],
  // Closing and reopening.
  ['officer', 'POST', '/api/v1/cases/CASE/close', { colour: 1, reason: '' }, ['version', 'colour', 'reason'], []],
  ['officer', 'POST', '/api/v1/people/CLOSED/reopen', { reason: 3 }, ['version', 'reason'], []],
];

function resolve(v) {
  const ids = { KID: kid.id, CASE: kase.id, OFFENCE: offence.id, ORDER: order.id, FAMILY: family.id, CLOSED: closedKid.id, SOUTH: south.user.id };
  if (typeof v === 'string') return v.replace(/\b(KID|CASE|OFFENCE|ORDER|FAMILY|CLOSED|SOUTH)\b/g, (m) => String(ids[m]));
  if (Array.isArray(v)) return v.map(resolve);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && ids[x] ? ids[x] : resolve(x)]));
  }
  return v;
}

test('every validation error of a request comes back together, rule-level ones too; nothing is stored', async () => {
  const clients = { officer, admin };
  // Every stored change writes its audit row in the same transaction.
  const before = srv.auditHead();
  for (const [who, method, path0, body0, want, notWanted] of CASES()) {
    const path = resolve(path0.replace('KID', 'KID'));
    const body = resolve(body0);
    const r = await clients[who].request(method, path, body);
    const what = `${method} ${path} ${JSON.stringify(body)}`;
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.deepEqual([...fields(r)].sort(), [...want].sort(), `${what}: ${r.text}`);
    for (const f of notWanted) assert.ok(!fields(r).includes(f), `${what}: ${f} is skipped: ${r.text}`);
    forPeople(r, what);
  }
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
});

test('403, 404 and 409 are answered alone, and only when nothing is a 400', async () => {
  const hidden = await createdPerson(south, { given_name: 'Out', family_name: 'Ofscope' });
  const body = {
    service: 'youth_justice', person_id: hidden.id, team_id: officer.user.team_id, start_date: '2024-01-01', reason: 'Referred',
  };
  // The child is outside the officer's caseload: answered as a child who
  // does not exist (session 25), and no rule that reads the hidden child
  // (its date of birth) is run.
  let r = await officer.post('/api/v1/cases', { ...body, start_date: '1990-01-01', end_date: 'soon' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r).sort(), ['end_date', 'person_id']);
  forPeople(r, 'case for a hidden child');
  // Another team's case: 403, on its own.
  const mine = { ...body, person_id: (await createdPerson(officer, { given_name: 'In', family_name: 'Scope' })).id, team_id: south.user.team_id };
  r = await officer.post('/api/v1/cases', mine);
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(fields(r), ['team_id']);
  forPeople(r, 'case for another team');
  // With a bad field too: the 400 list, without the refusal.
  r = await officer.post('/api/v1/cases', { ...mine, end_date: 'soon' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['end_date']);
  // A closed family refuses a new member (409) unless a field is wrong.
  const f = await created(officer, '/api/v1/families', { name: 'Closed family' });
  r = await officer.post(`/api/v1/families/${f.id}/close`, { version: f.version, reason: 'Recorded twice' });
  assert.equal(r.status, 200, r.text);
  r = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(fields(r), ['family_id']);
  forPeople(r, 'member of a closed family');
  r = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: kid.id, member_type: 'pet', relationship: 'child' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['member_type']);
  // A stale version is a 409 once the change is otherwise valid.
  const p = await createdPerson(officer, {});
  r = await officer.patch(`/api/v1/people/${p.id}`, { version: p.version + 5, preferred_name: 'P' });
  assert.equal(r.status, 409, r.text);
  forPeople(r, 'stale version');
  r = await officer.patch(`/api/v1/people/${p.id}`, { version: p.version + 5, date_of_birth: FUTURE });
  assert.equal(r.status, 400, r.text);
  // 404s and refusals are for people too.
  for (const [c, method, path, b] of [
    [officer, 'GET', '/api/v1/people/99999999'],
    [officer, 'GET', '/api/v1/nowhere'],
    [parentworker, 'POST', `/api/v1/offences/${offence.id}/close`, { version: 1, reason: 'x' }],
    [south, 'GET', `/api/v1/people/${kid.id}`],
    [south, 'PATCH', `/api/v1/people/${kid.id}`, { version: 1, preferred_name: 'x' }],
  ]) {
    r = await c.request(method, path, b);
    assert.ok(r.status === 404 || r.status === 403, `${path}: ${r.text}`);
    forPeople(r, path);
  }
});

test('messages of query parameters, sign-in, roles and conflicts are for people too', async () => {
  const probes = [
    [officer, 'GET', '/api/v1/people?q=smith&date_of_birth=2021-13-45'],
    [officer, 'GET', '/api/v1/people?include_closed=maybe&q=a'],
    [officer, 'GET', '/api/v1/cases?status=sleeping'],
    [officer, 'GET', '/api/v1/cases?limit=0'],
    [officer, 'GET', '/api/v1/cases?person_id=x'],
    [officer, 'GET', '/api/v1/tasks'],
    [officer, 'GET', '/api/v1/offences'],
    [officer, 'GET', '/api/v1/outcomes/due?scope=everyone'],
    [officer, 'GET', '/api/v1/outcomes/due?within=x'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants?from=2021-13-01&to=2022-03-31'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants?from=2022-04-01&to=2021-03-31'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31&by=shoe'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31&interval=week'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants?from=2021-04-01&to=2022-03-31&as_of=x'],
    [manager, 'GET', '/api/v1/measures/first-time-entrants/children?from=2021-04-01&to=2022-03-31&by=sex&group=robot'],
    [officer, 'POST', '/api/v1/users', { username: 'abc' }],
    [officer, 'POST', '/api/v1/teams', { name: 'T', service_code: 'youth_justice' }],
    [officer, 'POST', '/api/v1/people', '[1,2]'],
    [officer, 'POST', '/api/v1/people', '{"given_name": '],
    [srv.anon, 'GET', '/api/v1/people?q=a'],
    [srv.anon, 'POST', '/api/v1/session', { username: '', password: '' }],
    [srv.anon, 'POST', '/api/v1/session', { username: 'officer', password: 'wrong password here' }],
    [officer, 'POST', `/api/v1/people/${kid.id}/close`, { version: 99, reason: 'x' }],
    [officer, 'POST', `/api/v1/people/${kid.id}/close`, { version: kid.version, reason: 'x' }],
  ];
  for (const [c, method, path, body] of probes) {
    const r = await c.request(method, path, body);
    assert.ok(r.status >= 400 && r.status < 500, `${method} ${path}: ${r.status} ${r.text}`);
    forPeople(r, `${method} ${path}`);
  }
});

// A response to the test form about the case, completed.
const wellbeing = (answers, extra = {}) => ({
  form_id: 'wellbeing-check', case_id: kase.id, completed_by: 'jointly', authored: '2024-05-01',
  status: 'completed', answers, ...extra,
});

test('the forms engine: every error of a response comes back together, in words for people', async () => {
  const good = { sleep: 'well', in_school: true, days_missed: 2 };
  const before = srv.auditHead();
  // [body, the fields named]
  const bad = [
    // An answer of each type that is not of its type.
    [wellbeing({ ...good, sleep: 'badly' }), ['sleep']],
    [wellbeing({ ...good, in_school: 'yes' }), ['in_school']],
    [wellbeing({ ...good, days_missed: 'two' }), ['days_missed']],
    [wellbeing({ sleep: 'well', in_school: false, left_school_on: '2024-02-30' }), ['left_school_on']],
    [wellbeing({ ...good, notes: 'x'.repeat(100001) }), ['notes']],
    [wellbeing({ ...good, notes: 'bell\u0007' }), ['notes']],
    // A question the form does not have, a group, two answers to one.
    [wellbeing({ ...good, colour_code: 'red' }), ['colour_code']],
    [wellbeing({ ...good, mood: 'fine' }), ['mood']],
    [wellbeing({ ...good, sleep: ['well', 'poorly'] }), ['sleep']],
    // An answer to a question that does not apply; required ones missing.
    [wellbeing({ sleep: 'well', in_school: false, days_missed: 3 }), ['days_missed']],
    [wellbeing({}), ['sleep', 'in_school']],
    [wellbeing([1, 2]), ['answers']],
    // No subject, with a bad answer too; two subjects.
    [wellbeing({ ...good, sleep: 'badly' }, { case_id: undefined }), ['person_id', 'sleep']],
    [wellbeing(good, { person_id: kid.id }), ['person_id']],
    // A form Spire does not hold, or not in that version.
    [wellbeing(good, { form_id: 'no-such-form' }), ['form_id']],
    [wellbeing(good, { form_version: 99 }), ['form_version']],
    // Fields Spire sets, and record fields, with a bad answer.
    [wellbeing({ ...good, in_school: 2 }, { subject_type: 'case', supersedes_id: 1, completed_by: 'robot' }),
      ['subject_type', 'supersedes_id', 'completed_by', 'in_school']],
  ];
  for (const [body, want] of bad) {
    const r = await officer.post('/api/v1/form-responses', body);
    const what = `POST /api/v1/form-responses ${JSON.stringify(body).slice(0, 200)}`;
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.deepEqual([...fields(r)].sort(), [...want].sort(), `${what}: ${r.text}`);
    forPeople(r, what);
  }
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');

  // A draft changed with a stale version; a completed response changed;
  // a correction with what a correction cannot change, and without its
  // reason; a stale correction.
  const draft = await created(officer, '/api/v1/form-responses', wellbeing({ sleep: 'well' }, { status: 'in-progress' }));
  let r = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version + 3, completed_by: 'child' });
  assert.equal(r.status, 409, r.text);
  forPeople(r, 'stale draft');
  r = await officer.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version + 3, answers: { sleep: 'badly' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['sleep']);
  forPeople(r, 'stale draft with a bad answer');
  const done = await created(officer, '/api/v1/form-responses', wellbeing(good));
  r = await officer.patch(`/api/v1/form-responses/${done.id}`, { version: done.version, answers: { ...good, sleep: 'poorly' } });
  assert.equal(r.status, 409, r.text);
  forPeople(r, 'completed response changed');
  r = await officer.post(`/api/v1/form-responses/${done.id}/correct`, { version: done.version, form_id: 'x', case_id: 1 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['answers', 'case_id', 'form_id', 'reason']);
  forPeople(r, 'correction with the wrong fields');
  // No reason and a wrong answer, of a stale version: the 400s together.
  r = await officer.post(`/api/v1/form-responses/${done.id}/correct`, { version: done.version + 4, answers: { ...good, sleep: 'x' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['reason', 'sleep']);
  forPeople(r, 'correction without a reason and with a wrong answer');
  r = await officer.post(`/api/v1/form-responses/${done.id}/correct`, { version: done.version + 4, reason: 'Typo', answers: good });
  assert.equal(r.status, 409, r.text);
  forPeople(r, 'stale correction');
  r = await officer.post('/api/v1/form-responses', '[1]');
  assert.equal(r.status, 400, r.text);
  forPeople(r, 'a body that is not an object');

  // Definitions and lists.
  for (const path of [
    '/api/v1/forms/definition?id=no-such-form',
    '/api/v1/forms/definition?id=wellbeing-check&version=7',
    '/api/v1/forms/definition?id=',
    '/api/v1/forms/definition?id=wellbeing-check&version=one',
    '/api/v1/form-responses?form_id=no-such-form&case_id=' + kase.id,
    '/api/v1/form-responses?form_id=wellbeing-check',
    `/api/v1/form-responses?case_id=${kase.id}&person_id=${kid.id}`,
    '/api/v1/form-responses/99999999',
  ]) {
    r = await officer.get(path);
    assert.ok(r.status >= 400 && r.status < 500, `${path}: ${r.status} ${r.text}`);
    forPeople(r, path);
  }
});

test('an assessment\'s rules come back together with its field errors', async () => {
  const before = srv.auditHead();
  const base = { case_id: kase.id, assessment_type: 'assetplus', stage: 'start', assessment_date: '2024-04-20' };
  // AssetPlus without its judgements, a section of the prevention and
  // diversion assessment, a release assessment of a court order and a date
  // in the future: all named in one reply.
  let r = await officer.post('/api/v1/assessments', {
    ...base, stage: 'release', outcome_id: order.id, assessment_date: FUTURE, circumstances: 'Lives with gran',
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['assessment_date', 'circumstances', 'likelihood_of_reoffending',
    'outcome_id', 'risk_of_serious_harm', 'safety_wellbeing']);
  forPeople(r, 'AssetPlus with everything wrong');
  // A section is named as the form names it, not by its code.
  r = await officer.post('/api/v1/assessments', { ...base, likelihood_of_reoffending: 'low',
    risk_of_serious_harm: 'low', safety_wellbeing: 'low', childs_plan: 'Football on Tuesdays' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.body.errors.find((x) => x.field === 'childs_plan').message, /^Remove ‘The child’s plan’: /, r.text);
  // A judgement that is not one is named once, for its value.
  r = await officer.post('/api/v1/assessments', { ...base, likelihood_of_reoffending: 'huge', assessment_date: 'soon' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['assessment_date', 'likelihood_of_reoffending', 'risk_of_serious_harm',
    'safety_wellbeing']);
  forPeople(r, 'AssetPlus with a bad judgement');
  // A case that is not there is a 400 of its own field, with the rest.
  r = await officer.post('/api/v1/assessments', { ...base, case_id: 99999999 });
  assert.equal(r.status, 400, r.text);
  assert.ok(fields(r).includes('case_id') && fields(r).includes('safety_wellbeing'), r.text);
  forPeople(r, 'AssetPlus for no case');
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  assert.ok(seen.length > 100, `${seen.length} messages looked at`);
});

test('form responses: the future date, the subjects and a missing subject come with the other errors', async () => {
  const before = srv.auditHead();
  const msg = (r, field) => r.body.errors.find((e) => e.field === field)?.message;
  let r = await officer.post('/api/v1/form-responses', {
    form_id: 'prevention-diversion', person_id: kid.id, case_id: kase.id, completed_by: 'robot',
    authored: FUTURE, status: 'x', answers: { nope: 1 },
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['authored', 'completed_by', 'nope', 'person_id', 'status'], r.text);
  forPeople(r, 'a response with every field wrong');
  assert.equal(msg(r, 'completed_by'), 'Select who completed the form');
  assert.equal(msg(r, 'authored'), 'The date the form was completed must be today or in the past');
  assert.equal(msg(r, 'person_id'), 'Select only one of a child, a family or a case for the form to be about');
  // A subject that does not exist is named with the rest; one outside
  // the caseload is refused alone, only when nothing else is wrong.
  r = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'badly', in_school: true, days_missed: 1 }, { case_id: 99999999, authored: FUTURE }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['authored', 'case_id', 'sleep'], r.text);
  forPeople(r, 'a response about a case that does not exist');
  r = await south.post('/api/v1/form-responses', wellbeing({ sleep: 'badly', in_school: true, days_missed: 1 }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['sleep']);
  r = await south.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: true, days_missed: 1 }));
  assert.equal(r.status, 403, r.text);
  r = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well' }, { completed_by: 'robot', case_id: undefined }));
  assert.equal(msg(r, 'completed_by'), 'Select who completed the form');
  assert.equal(msg(r, 'person_id'), 'Select who the form is about: a child, a family or a case');
  r = await officer.post('/api/v1/form-responses', wellbeing([1]));
  assert.equal(msg(r, 'answers'), 'Enter the answers to the form\'s questions');
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');

  // A correction: every error together.
  const done = await created(officer, '/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: true, days_missed: 1 }));
  const afterDone = srv.auditHead();
  r = await officer.post(`/api/v1/form-responses/${done.id}/correct`,
    { reason: '', answers: { zzz: 1, sleep: 5 }, completed_by: 'cat', authored: FUTURE });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['authored', 'completed_by', 'in_school', 'reason', 'sleep', 'version', 'zzz'], r.text);
  forPeople(r, 'a correction with every field wrong');
  // A draft saved with a future date and a wrong answer.
  const draft = await created(officer, '/api/v1/form-responses', wellbeing({ sleep: 'well' }, { status: 'in-progress' }));
  r = await officer.patch(`/api/v1/form-responses/${draft.id}`,
    { version: draft.version, authored: FUTURE, completed_by: 'cat', answers: { sleep: 'x' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([...fields(r)].sort(), ['authored', 'completed_by', 'sleep'], r.text);
  forPeople(r, 'a draft with every field wrong');
  // An answer outside the question's minValue and maxValue.
  r = await officer.post('/api/v1/form-responses', wellbeing({ sleep: 'well', in_school: true, days_missed: 40 }));
  assert.equal(r.status, 400, r.text);
  assert.equal(msg(r, 'days_missed'), 'Enter a whole number from 0 to 31 for \u2018How many school days has the child missed this month?\u2019');
  forPeople(r, 'an answer above its maxValue');
  assert.deepEqual(srv.changesSince(afterDone), [`create form_response ${draft.id}`], 'nothing more stored');
});

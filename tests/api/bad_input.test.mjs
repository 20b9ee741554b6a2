// Bad input on every endpoint that takes a JSON body, generated from the
// route table (`spire routes`): malformed JSON, bodies that are not objects,
// empty objects, unknown fields and bad versions must each get a 4xx with a
// JSON error (naming the field where there is one), never a 5xx or a 2xx,
// and must leave stored data exactly as it was. A route with a record kind
// this file cannot make a fixture for fails the test until someone teaches
// fixtures() to make one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, spire, child, created, createdPerson, KPI_NOT_KNOWN, PARENTING_TEAM } from './lib.mjs';

let srv, routes, officer, manager, admin, parentworker, pwork;
const ids = {};
// Peer support and referrals out (docs/parenting.md) are not the youth
// justice officer's: a parent worker of a parenting team keeps them.
const PEER_KINDS = new Set(['peer-groups', 'peer-group-sessions', 'peer-group-attendance', 'peer-mentors',
  'parent-preferences', 'parent-referrals']);

// What a refused request must leave as it was: the audit trail records no
// change after the mark (every stored insert, update or close writes its
// audit row in the same transaction), and every fixture record reads back
// the same through the API.
async function fingerprint() {
  const records = {};
  for (const [kind, id] of Object.entries(ids)) {
    if (!hasRoute('GET', `/api/v1/${kind}/{id}`)) continue;
    const who = kind === 'board-meetings' ? manager : (kind === 'users' ? admin : (PEER_KINDS.has(kind) ? pwork : (kind.startsWith('parent-') ? parentworker : officer)));
    const r = await who.get(`/api/v1/${kind}/${id}`);
    records[kind] = r.status === 200 ? r.body : r.status;
  }
  return { mark: srv.auditHead(), records };
}

// assertUnchanged(start, message): nothing stored since fingerprint() gave start.
async function assertUnchanged(start, message) {
  assert.deepEqual(srv.changesSince(start.mark), [], message);
  assert.deepEqual((await fingerprint()).records, start.records, message);
}

const hasRoute = (method, pattern) => routes.some((r) => r.method === method && r.pattern === pattern);

// One record of every kind a route's {id} can name, held by officer.
async function fixtures() {
  const me = officer.user;
  ids.people = (await createdPerson(officer)).id;
  ids.cases = (await created(officer, '/api/v1/cases', {
    service: 'youth_justice', person_id: ids.people, team_id: me.team_id, worker_id: me.id, start_date: '2024-01-15', reason: 'Fixture',
  })).id;
  ids.families = (await created(officer, '/api/v1/families', { name: 'Bad input family' })).id;
  ids['family-members'] = (await created(officer, `/api/v1/families/${ids.families}/members`, {
    person_id: ids.people, member_type: 'child', relationship: 'child',
  })).id;
  ids.contacts = (await created(officer, '/api/v1/contacts', {
    case_id: ids.cases, contact_date: '2024-02-01', contact_type: 'home_visit', summary: 'Fixture visit',
  })).id;
  ids.tasks = (await created(officer, '/api/v1/tasks', {
    case_id: ids.cases, title: 'Fixture task', due_date: '2030-01-01', owner_id: me.id, team_id: me.team_id,
  })).id;
  ids.alerts = (await created(officer, '/api/v1/alerts', {
    person_id: ids.people, alert_type: 'risk_to_workers', start_date: '2024-01-10',
  })).id;
  ids.consents = (await created(officer, '/api/v1/consents', {
    person_id: ids.people, agency: 'School', purpose: 'Fixture sharing', lawful_basis: 'consent', given_on: '2024-01-10',
  })).id;
  ids.users = me.id;
  ids.teams = me.team_id;
  if (hasRoute('POST', '/api/v1/offences')) {
    ids.offences = (await created(officer, '/api/v1/offences', {
      case_id: ids.cases, offence_date: '2024-01-05', description: 'Fixture theft', category: 'theft', gravity: 2,
    })).id;
    ids.outcomes = (await created(officer, '/api/v1/outcomes', {
      case_id: ids.cases, outcome_type: 'referral_order', outcome_date: '2024-01-20', start_date: '2024-01-22',
      planned_end_date: '2024-10-22', offence_ids: [ids.offences],
    })).id;
    ids.assessments = (await created(officer, '/api/v1/assessments', {
      case_id: ids.cases, outcome_id: ids.outcomes, assessment_type: 'assetplus', stage: 'start',
      assessment_date: '2024-02-01', likelihood_of_reoffending: 'low', risk_of_serious_harm: 'low', safety_wellbeing: 'medium',
    })).id;
    ids['kpi-snapshots'] = (await created(officer, '/api/v1/kpi-snapshots', {
      ...KPI_NOT_KNOWN, outcome_id: ids.outcomes, point: 'start', measured_on: '2024-01-22',
    })).id;
    const victim = await createdPerson(officer, { given_name: 'Fixture', family_name: 'Victim' });
    ids.victims = (await created(officer, '/api/v1/victims', { offence_id: ids.offences, victim_id: victim.id })).id;
    if (hasRoute('POST', '/api/v1/hearings')) {
      ids.hearings = (await created(officer, '/api/v1/hearings', {
        case_id: ids.cases, court: 'Fixture Youth Court', hearing_date: '2024-01-19', hearing_type: 'sentence', hearing_outcome: 'sentenced',
      })).id;
      ids['court-reports'] = (await created(officer, '/api/v1/court-reports', {
        case_id: ids.cases, report_type: 'pre_sentence', hearing_id: ids.hearings, requested_on: '2024-01-05', due_date: '2024-01-18',
      })).id;
    }
  }
  if (hasRoute('POST', '/api/v1/parent-supports')) {
    // A parent of the fixture child, supported by the team's parent worker.
    const mum = await created(officer, '/api/v1/people', { given_name: 'Fixture', family_name: 'Parent' });
    await created(officer, `/api/v1/families/${ids.families}/members`, {
      person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: ids.people, parental_responsibility: true,
    });
    const support = await created(parentworker, '/api/v1/parent-supports', {
      person_id: mum.id, child_case_id: ids.cases, agreement: 'agreed', agreement_date: '2024-02-01', start_date: '2024-02-01',
    });
    ids['parent-supports'] = support.id;
    ids['parent-sessions'] = (await created(parentworker, '/api/v1/parent-sessions', {
      case_id: support.case_id, session_date: '2024-02-05', status: 'held', session_type: 'one_to_one',
    })).id;
    ids['parent-plan-items'] = (await created(parentworker, '/api/v1/parent-plan-items', {
      case_id: support.case_id, goal: 'Fixture goal', status: 'not_started',
    })).id;
  }
  if (hasRoute('POST', '/api/v1/form-responses')) {
    ids['form-responses'] = (await created(officer, '/api/v1/form-responses', {
      form_id: 'prevention-diversion', case_id: ids.cases, completed_by: 'practitioner', authored: '2024-02-01',
      status: 'in-progress', answers: { circumstances: 'Fixture' },
    })).id;
  }
  if (hasRoute('POST', '/api/v1/peer-groups')) {
    const team = pwork.user.team_id;
    const parent = await createdPerson(pwork, { given_name: 'Fixture', family_name: 'Parent', date_of_birth: '1985-01-01' });
    ids['peer-groups'] = (await created(pwork, '/api/v1/peer-groups', { team_id: team, name: 'Fixture group' })).id;
    ids['peer-group-sessions'] = (await created(pwork, '/api/v1/peer-group-sessions', { group_id: ids['peer-groups'], session_date: '2024-02-06' })).id;
    ids['peer-group-attendance'] = (await created(pwork, '/api/v1/peer-group-attendance', { session_id: ids['peer-group-sessions'], person_id: parent.id, attended: true })).id;
    ids['peer-mentors'] = (await created(pwork, '/api/v1/peer-mentors', { team_id: team, name: 'Fixture mentor', languages: ['Urdu'], available: true })).id;
    ids['parent-preferences'] = (await created(pwork, '/api/v1/parent-preferences', { person_id: parent.id, languages: ['Urdu'] })).id;
    const parentCase = await created(pwork, '/api/v1/cases', {
      service: 'parenting', person_id: parent.id, team_id: team, worker_id: pwork.user.id, start_date: '2024-01-15', reason: 'Fixture',
    });
    ids['parent-referrals'] = (await created(pwork, '/api/v1/parent-referrals', {
      case_id: parentCase.id, destination: 'early_help', consent_given: true, consent_date: '2024-02-01', referred_on: '2024-02-01',
    })).id;
  }
  if (hasRoute('POST', '/api/v1/steps-decisions')) {
    const answers = { stage: 'start', assessment: 'early_help' };
    for (const b of ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
      'family_life', 'accommodation_money', 'parental_health']) { answers[`${b}_practitioner`] = 3; answers[`${b}_family`] = 4; }
    const scoring = await created(officer, '/api/v1/form-responses', {
      form_id: 'steps-to-change', family_id: ids.families, completed_by: 'jointly', authored: '2024-02-01', status: 'completed', answers,
    });
    ids['steps-decisions'] = (await created(officer, '/api/v1/steps-decisions', {
      family_id: ids.families, form_response_id: scoring.id, blocks: ['safety'], decision: 'continue', reason: 'Fixture', decision_date: '2024-02-02',
    })).id;
  }
  if (hasRoute('POST', '/api/v1/family-plans')) {
    ids['family-plans'] = (await created(officer, '/api/v1/family-plans', {
      family_id: ids.families, wants_to_change: 'Fixture: school every day', agreed_on: '2024-01-20',
    })).id;
    ids['family-plan-actions'] = (await created(officer, '/api/v1/family-plan-actions', {
      plan_id: ids['family-plans'], action: 'Fixture walk to school', owner_type: 'agency', owner_agency: 'School',
    })).id;
    ids['family-plan-reviews'] = (await created(officer, '/api/v1/family-plan-reviews', {
      plan_id: ids['family-plans'], review_date: '2024-02-20', family_words: 'Better', practitioner_words: 'Better',
    })).id;
  }
  if (hasRoute('POST', '/api/v1/board-meetings')) {
    ids['board-meetings'] = (await created(manager, '/api/v1/board-meetings', {
      meeting_date: '2024-03-01', title: 'Fixture board',
    })).id;
  }
}

// The client to call a route as: an officer where officers may, else a
// manager, else an admin; null for public routes (no sign-in).
function callerFor(route) {
  if (route.public) return srv.anon;
  if (route.roles.includes('yjs_officer')) return officer;
  if (route.roles.includes('parent_worker')) return PEER_KINDS.has(route.pattern.split('/')[3]) ? pwork : parentworker;
  if (route.roles.includes('manager')) return manager;
  if (route.roles.includes('admin')) return admin;
  return null;
}

function pathFor(route) {
  return route.pattern.replace(/\/api\/v1\/([a-z-]+)\/\{id\}/, (whole, kind) => {
    if (!ids[kind]) throw new Error(`no fixture for /${kind}/{id}: teach fixtures() in bad_input.test.mjs to make one`);
    return `/api/v1/${kind}/${ids[kind]}`;
  });
}

// The bodies every JSON route must refuse. `field` is the field the error
// must name, when one is expected.
function badBodies(route) {
  const bodies = [
    { name: 'malformed JSON', raw: '{"a": ' },
    { name: 'an array', raw: '[1, 2]' },
    { name: 'a string', raw: '"text"' },
    { name: 'a number', raw: '42' },
    { name: 'duplicate keys', raw: '{"version": 1, "version": 2}' },
  ];
  if (route.pattern === '/api/v1/session') return bodies;
  const idRoute = route.pattern.includes('{id}') && !route.pattern.endsWith('/members');
  if (idRoute) {
    bodies.push({ name: 'no version', body: {}, field: true });
    bodies.push({ name: 'a version that is text', body: { version: 'one' }, field: 'version' });
    bodies.push({ name: 'a negative version', body: { version: -3 }, field: 'version' });
    bodies.push({ name: 'a stale version', body: { version: 999, reason: 'Stale', notes: 'x' } });
  } else {
    bodies.push({ name: 'an empty object', body: {}, field: true });
  }
  bodies.push({ name: 'an unknown field', body: { version: 1, zz_not_a_field: 'x' }, field: true });
  return bodies;
}

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM],
    users: [...USERS, ['pwork', 'parent_worker', 'parenting', 'Parenting Team']] });
  [officer, manager, admin, parentworker, pwork] = await srv.loginAll(['officer', 'manager', 'admin', 'parentworker', 'pwork']);
  routes = JSON.parse(spire(['routes']));
  await fixtures();
});
after(async () => { await srv.stop(); });

test('every JSON route refuses bad bodies with a 4xx naming the field, and stores nothing', async (t) => {
  const jsonRoutes = routes.filter((r) => r.json);
  assert.ok(jsonRoutes.length >= 20, `only ${jsonRoutes.length} JSON routes`);
  const start = await fingerprint();
  let checked = 0;
  for (const route of jsonRoutes) {
    const c = callerFor(route);
    if (!c) continue;
    const path = pathFor(route);
    for (const b of badBodies(route)) {
      const what = `${route.method} ${route.pattern} with ${b.name}`;
      const payload = b.raw ?? JSON.stringify(b.body);
      const r = await c.request(route.method, path, payload);
      assert.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status} ${r.text}`);
      assert.ok(r.body && r.body.error && r.body.error.code && r.body.error.message, `${what}: ${r.text}`);
      if (r.status === 400 && b.field === true) {
        assert.ok(r.body.error.field, `${what}: the error names no field: ${r.text}`);
      } else if (r.status === 400 && b.field) {
        assert.equal(r.body.error.field, b.field, `${what}: ${r.text}`);
      }
      checked++;
    }
  }
  await assertUnchanged(start, 'a refused request changed stored data');
  assert.ok(checked > 100, `only ${checked} bad requests were sent`);
  t.diagnostic(`${checked} bad requests on ${jsonRoutes.length} JSON routes`);
});

test('a body that is not JSON is refused in words for the person who sent it', async () => {
  const start = await fingerprint();
  for (const [raw, words] of [
    ['{"given_name": "A", "given_name": "B"}', /a field was sent twice/],
    [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), /not in a form Spire reads \(UTF-8\)/],
    ['{"given\\u0000name": "A"}', /a character that cannot be kept/],
    ['{"version": 99999999999999999999999}', /a number was too large/],
    ['{"given_name": ', /it was cut short/],
    ['{given_name: 1}', /not in the form Spire expects/],
  ]) {
    const r = await officer.request('POST', '/api/v1/people', raw);
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.error.message, words);
    assert.doesNotMatch(r.body.error.message, /near|JSON_ALLOW_NUL|decode byte|too big integer|object key|line \d/);
  }
  await assertUnchanged(start, 'a refused body changed stored data');
});

test('a bad value in a real field is refused naming that field, and stores nothing', async () => {
  const start = await fingerprint();
  const cases = [
    ['POST', '/api/v1/people', child({ date_of_birth: '2012-02-30' }), 'date_of_birth'],
    ['POST', '/api/v1/people', child({ nhs_number: '1234567890' }), 'nhs_number'],
    ['POST', '/api/v1/people', child({ given_name: 7 }), 'given_name'],
    // A NUL inside a value is that field's hidden character, named.
    ['POST', '/api/v1/people', child({ given_name: 'A\u0000B' }), 'given_name'],
    ['POST', '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: ids.people, team_id: 'north', start_date: '2024-01-01' }, 'team_id'],
    ['POST', '/api/v1/contacts', { case_id: ids.cases, contact_date: 'yesterday', contact_type: 'phone', summary: 'x' }, 'contact_date'],
    ['POST', '/api/v1/tasks', { case_id: ids.cases, title: '', due_date: '2030-01-01' }, 'title'],
    ['POST', '/api/v1/consents', { person_id: ids.people, agency: 'School', purpose: 'x', lawful_basis: 'whim', given_on: '2024-01-10' }, 'lawful_basis'],
  ];
  if (ids.offences) {
    cases.push(['POST', '/api/v1/offences', { case_id: ids.cases, offence_date: '2024-01-05', description: 'x', category: 'theft', gravity: 9 }, 'gravity']);
    cases.push(['POST', '/api/v1/outcomes', { case_id: ids.cases, outcome_type: 'a_stern_word', outcome_date: '2024-01-20' }, 'outcome_type']);
  }
  if (ids.hearings) {
    cases.push(['POST', '/api/v1/hearings', { case_id: ids.cases, court: 'Leeds Youth Court', hearing_date: '2024-02-30', hearing_type: 'trial' }, 'hearing_date']);
    cases.push(['POST', '/api/v1/court-reports', { case_id: ids.cases, report_type: 'pre_sentence', requested_on: '2024-02-01', due_date: '2024-01-01' }, 'due_date']);
    cases.push(['POST', '/api/v1/contacts', { case_id: ids.cases, contact_date: '2024-02-01', contact_type: 'phone', summary: 'x', duration_minutes: 0 }, 'duration_minutes']);
  }
  if (ids['family-plans']) {
    cases.push(['POST', '/api/v1/family-plan-actions', { plan_id: ids['family-plans'], action: 'x', owner_type: 'neighbour' }, 'owner_type']);
    cases.push(['POST', '/api/v1/family-plan-reviews', { plan_id: ids['family-plans'], review_date: '2024-02-30', family_words: 'a', practitioner_words: 'b' }, 'review_date']);
  }
  for (const [method, path, body, field] of cases) {
    const r = await officer.request(method, path, JSON.stringify(body));
    assert.equal(r.status, 400, `${method} ${path}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${method} ${path}: ${r.text}`);
  }
  await assertUnchanged(start);
});

test('the board pack names every bad query parameter at once', async () => {
  // docs/measures.md, "The board pack": a malformed or not yet begun
  // quarter and an unknown format, in one 400.
  for (const [query, fields] of [
    ['quarter=2025-Q1&format=pdf', ['format', 'quarter']],
    ['quarter=2099%2F00%20Q1', ['quarter']],
    ['quarter=2024%2F26%20Q1', ['quarter']],
    ['quarter=2024%2F25%20Q5&format=csv', ['format', 'quarter']],
  ]) {
    const r = await manager.get(`/api/v1/board-pack?${query}`);
    assert.equal(r.status, 400, `${query}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((x) => x.field).sort(), fields, `${query}: ${r.text}`);
  }
});

// Who viewed a record, its export, and merging people (issue 10): every
// wrong query parameter or body field named in one 400, nothing stored.
test('who-viewed and merge requests name every wrong parameter and field at once', async () => {
  const start = await fingerprint();
  const errorFields = (r) => (r.body?.errors ?? []).map((x) => x.field).sort();
  for (const path of ['/api/v1/audit/summary', '/api/v1/audit/export']) {
    const r = await manager.get(`${path}?person_id=none&user_id=-4&from=2026-13-01&to=31/12/2026`);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.deepEqual(errorFields(r), ['from', 'person_id', 'to', 'user_id'], path);
  }
  const p = await manager.get('/api/v1/people/merges/preview?kept_id=0&merged_id=two');
  assert.equal(p.status, 400, p.text);
  assert.deepEqual(errorFields(p), ['kept_id', 'merged_id']);
  const m = await manager.post('/api/v1/people/merges', { kept_id: '1', merged_id: null, reason: 'short', extra: true });
  assert.equal(m.status, 400, m.text);
  assert.deepEqual(errorFields(m), ['extra', 'kept_id', 'kept_version', 'merged_id', 'merged_version', 'moves_total', 'reason']);
  const u = await manager.post('/api/v1/people/merges/1/undo', { reason: '', version: 3 });
  assert.equal(u.status, 400, u.text);
  assert.deepEqual(errorFields(u), ['reason', 'version']);
  await assertUnchanged(start);
});

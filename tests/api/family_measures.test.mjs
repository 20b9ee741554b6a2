// The whole-family measures (docs/measures.md, "Whole-family measures"):
// small hand-worked histories recorded through the API (families, youth
// justice cases, parent support, referrals to peer mentors), then every
// figure, period and breakdown checked against the counts worked by hand
// below; breakdowns that make no sense refused naming `by`; suppression for
// analysts and for managers of other services; the people behind each
// figure listed for managers in scope, each one audited; CSV and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, spire, spireFail, created, createdPerson, parentingFixture, PMANAGER } from './lib.mjs';

let srv, officer, manager, managerEh, analyst, parentworker, pworker, pmanager, southOfficer, southWorker;
const P = {}; // people by name
const K = {}; // youth justice cases by child's name
const S = {}; // supports by "parent:child"
const R = {}; // referrals
let teamNorth, teamSouth, teamParenting;

// Financial year 2023/24, by quarter.
const YEAR = 'from=2023-04-01&to=2024-03-31';
const get = (c, name, extra = '') => c.get(`/api/v1/measures/${name}?${YEAR}${extra}`);

async function person(c, name, ethnicity, sex, dob) {
  P[name] = await createdPerson(c, { given_name: name, family_name: 'Family', date_of_birth: dob, sex, ethnicity });
  return P[name];
}

async function yjCase(c, child, teamId, start) {
  K[child] = await created(c, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: P[child].id, team_id: teamId, start_date: start,
    worker_id: c.user.id,
  });
  return K[child];
}

// family(name, children, adults): adults are [name, relationship, [children], parental_responsibility].
async function family(name, children, adults, c = officer) {
  const fam = await created(c, '/api/v1/families', { name });
  for (const ch of children) {
    await created(c, `/api/v1/families/${fam.id}/members`, { person_id: P[ch].id, member_type: 'child', relationship: 'child', in_household: true });
  }
  for (const [a, rel, kids, pr] of adults) {
    for (const ch of kids) {
      await created(c, `/api/v1/families/${fam.id}/members`, {
        person_id: P[a].id, member_type: 'adult', relationship: rel, child_id: P[ch].id, parental_responsibility: pr, in_household: true,
      });
    }
  }
}

async function support(parent, child, agreement, start, end, by = parentworker) {
  const body = { person_id: P[parent].id, child_case_id: K[child].id, agreement, agreement_date: start };
  if (agreement === 'agreed') body.start_date = start;
  if (end) Object.assign(body, { end_date: end, end_reason: 'completed' });
  S[`${parent}:${child}`] = await created(by, '/api/v1/parent-supports', body);
  return S[`${parent}:${child}`];
}

async function referral(key, parent, caseId, referredOn, extra = {}) {
  R[key] = await created(pworker, '/api/v1/parent-referrals', {
    case_id: caseId, destination: 'peer_mentor', consent_given: true, consent_date: referredOn, referred_on: referredOn, ...extra,
  });
  assert.equal(R[key].person_id, P[parent].id);
  return R[key];
}

async function endCase(child, end) {
  const k = (await officer.get(`/api/v1/cases/${K[child].id}`)).body;
  const r = await manager.patch(`/api/v1/cases/${k.id}`, { version: k.version, end_date: end });
  assert.equal(r.status, 200, r.text);
  const c = await manager.post(`/api/v1/cases/${k.id}/close`, { version: r.body.version, reason: 'Order completed' });
  assert.equal(c.status, 200, c.text);
}

before(async () => {
  srv = await Server.start(parentingFixture(PMANAGER, ['pworker_south', 'parent_worker', 'youth_justice', 'YJ South']));
  [officer, manager, managerEh, analyst, parentworker, pworker, pmanager, southOfficer, southWorker] = await srv.loginAll(
    ['officer', 'manager', 'manager_eh', 'analyst', 'parentworker', 'pworker_p', 'pmanager', 'officer_south', 'pworker_south']);
  const teams = (await manager.get('/api/v1/teams')).body.items;
  const team = (n) => teams.find((t) => t.name === n).id;
  [teamNorth, teamSouth, teamParenting] = [team('YJ North'), team('YJ South'), team('Parenting Team')];

  // Children and their youth justice cases.
  await person(officer, 'Kay', 'white_british', 'female', '2008-05-01');
  await person(officer, 'Kit', 'mixed_white_black_african', 'male', '2010-01-01');
  await person(officer, 'Kamran', 'asian_pakistani', 'male', '2007-02-02');
  await person(southOfficer, 'Kyle', 'white_british', 'male', '2009-09-09');
  await person(officer, 'Kurt', 'white_british', 'male', '2008-08-08');
  await yjCase(officer, 'Kay', teamNorth, '2023-01-10');
  await yjCase(officer, 'Kit', teamNorth, '2023-06-15');
  await yjCase(officer, 'Kamran', teamNorth, '2023-06-01');
  await yjCase(southOfficer, 'Kyle', teamSouth, '2023-10-01');
  await yjCase(officer, 'Kurt', teamNorth, '2022-01-01');
  // Parents and carers.
  await person(officer, 'Mona', 'black_african', 'female', '1985-01-01');
  await person(officer, 'Fred', 'white_british', 'male', '1983-01-01');
  await person(officer, 'Maya', 'asian_pakistani', 'female', '1986-01-01');
  await person(officer, 'Dev', 'asian_pakistani', 'male', '1984-01-01');
  await person(southOfficer, 'Gwen', 'white_irish', 'female', '1960-01-01');
  await person(officer, 'Alex', 'white_british', 'female', '1990-01-01');
  await family('Family A', ['Kay', 'Kit'], [['Mona', 'mother', ['Kay', 'Kit'], true], ['Fred', 'father', ['Kay'], true], ['Alex', 'aunt', ['Kay'], false]]);
  await family('Family B', ['Kamran'], [['Maya', 'mother', ['Kamran'], true], ['Dev', 'father', ['Kamran'], true]]);
  await family('Family C', ['Kyle'], [['Gwen', 'grandmother', ['Kyle'], false]], southOfficer);

  // Parent support: Mona around Kay from 1 May 2023 and Kit from 1 July;
  // Fred around Kay until 15 April 2023; Maya declined; Dev agreed around
  // Kamran from 1 November 2023 (after Kamran's case ended on 30
  // September); Gwen around Kyle from 1 February 2024; Alex's support was
  // entered in error.
  await support('Mona', 'Kay', 'agreed', '2023-05-01');
  await support('Mona', 'Kit', 'agreed', '2023-07-01');
  await support('Fred', 'Kay', 'agreed', '2022-06-01', '2023-04-15');
  await support('Maya', 'Kamran', 'declined', '2023-06-10');
  await support('Dev', 'Kamran', 'agreed', '2023-11-01');
  await support('Gwen', 'Kyle', 'agreed', '2024-02-01', null, southWorker);
  const alex = await support('Alex', 'Kay', 'agreed', '2023-06-01');
  const gone = await parentworker.post(`/api/v1/parent-supports/${alex.id}/close`, { version: alex.version, reason: 'Entered in error' });
  assert.equal(gone.status, 200, gone.text);
  await endCase('Kamran', '2023-09-30');
  await endCase('Kurt', '2023-03-01');

  // Referrals to peer mentoring (and one elsewhere), on the parenting cases.
  await person(pworker, 'Nell', null, 'female', '1988-01-01');
  const nellCase = await created(pworker, '/api/v1/cases', {
    service: 'parenting', person_id: P.Nell.id, team_id: teamParenting, worker_id: pworker.user.id,
    start_date: '2023-08-01', reason: 'Parent support',
  });
  const caseOf = (k) => S[k].case_id;
  await referral('mona', 'Mona', caseOf('Mona:Kay'), '2023-06-01', { child_id: P.Kay.id });
  await referral('fred', 'Fred', caseOf('Fred:Kay'), '2023-07-01', { child_id: P.Kay.id });
  await referral('fredEarlier', 'Fred', caseOf('Fred:Kay'), '2023-03-20');
  await referral('gwen', 'Gwen', caseOf('Gwen:Kyle'), '2024-03-01', { child_id: P.Kyle.id });
  await referral('nell', 'Nell', nellCase.id, '2023-09-01');
  await referral('devElsewhere', 'Dev', caseOf('Dev:Kamran'), '2023-12-01', { destination: 'third_sector', agency: 'Family Matters' });
});
after(async () => { await srv.stop(); });

const cells = (r, key = 'periods') => r.body[key].map((x) => [x[key === 'periods' ? 'period' : 'group'], x.numerator, x.denominator, x.value]);

test('the list names the whole-family measures, their section and who is behind them', async () => {
  const r = await pmanager.get('/api/v1/measures');
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.body.items.map((m) => [m.name, m]));
  for (const [name, people, type] of [['parents-worked-with', 'parents', 'count'], ['parent-engagement', 'children', 'percentage'],
    ['peer-mentoring-referrals', 'parents', 'percentage']]) {
    assert.equal(by[name].section, 'whole_family', name);
    assert.equal(by[name].people, people, name);
    assert.equal(by[name].value_type, type, name);
    assert.equal(by[name].rule_version, '1', name);
  }
  assert.equal(by['first-time-entrants'].section, 'youth_justice');
});

test('parents worked with: each parent once, active at any time in each period', async () => {
  const r = await get(pmanager, 'parents-worked-with');
  assert.equal(r.status, 200, r.text);
  // Mona (twice, counted once), Fred (until 15 April), Dev, Gwen; not Maya
  // (declined) nor Alex (entered in error).
  assert.equal(r.body.numerator, 4);
  assert.equal(r.body.denominator, null);
  assert.equal(r.body.value, 4);
  assert.equal(r.body.value_type, 'count');
  assert.deepEqual(r.body.suppressed, []);
  assert.deepEqual(cells(r), [['2023/24 Q1', 2, null, 2], ['2023/24 Q2', 1, null, 1], ['2023/24 Q3', 2, null, 2], ['2023/24 Q4', 3, null, 3]]);
  const eth = await get(pmanager, 'parents-worked-with', '&by=ethnicity');
  assert.deepEqual(cells(eth, 'groups').filter((g) => g[1]), [['white', 2, null, 2], ['black', 1, null, 1], ['asian', 1, null, 1]]);
  const sex = await get(pmanager, 'parents-worked-with', '&by=sex');
  assert.deepEqual(cells(sex, 'groups').filter((g) => g[1]), [['female', 2, null, 2], ['male', 2, null, 2]]);
  const team = await get(pmanager, 'parents-worked-with', '&by=team');
  assert.deepEqual(team.body.groups.filter((g) => g.numerator).map((g) => [g.group, g.team_id, g.numerator]), [['Parenting Team', teamParenting, 4]]);
  // One day: only those active on it.
  const day = await pmanager.get('/api/v1/measures/parents-worked-with?from=2023-04-16&to=2023-04-30');
  assert.equal(day.body.numerator, 0, 'Fred ended on 15 April, Mona started on 1 May');
  const day2 = await pmanager.get('/api/v1/measures/parents-worked-with?from=2023-04-15&to=2023-04-15');
  assert.equal(day2.body.numerator, 1);
});

test('parent engagement: children open to the YJS with a parent in support while their case was open', async () => {
  const r = await get(manager, 'parent-engagement');
  assert.equal(r.status, 200, r.text);
  // Kay, Kit, Kamran, Kyle open in the year (not Kurt, ended March 2023);
  // Kay, Kit and Kyle with a parent engaged; Dev's support began after
  // Kamran's case ended.
  assert.deepEqual([r.body.numerator, r.body.denominator, r.body.value], [3, 4, 75]);
  assert.deepEqual(cells(r), [['2023/24 Q1', 1, 3, 33.33], ['2023/24 Q2', 2, 3, 66.67], ['2023/24 Q3', 2, 3, 66.67], ['2023/24 Q4', 3, 3, 100]]);
  const eth = await get(manager, 'parent-engagement', '&by=ethnicity');
  assert.deepEqual(eth.body.groups.map((g) => [g.group, g.numerator, g.denominator, g.value, g.rri]), [
    ['white', 2, 2, 100, 1], ['black', 0, 0, null, null], ['asian', 0, 1, 0, 0], ['mixed', 1, 1, 100, 1],
    ['other', 0, 0, null, null], ['not_recorded', 0, 0, null, null]]);
  const age = await get(manager, 'parent-engagement', '&by=age');
  assert.deepEqual(cells(age, 'groups').filter((g) => g[2]), [['10-14', 3, 3, 100], ['15-17', 0, 1, 0]]);
  const sex = await get(manager, 'parent-engagement', '&by=sex');
  assert.deepEqual(cells(sex, 'groups').filter((g) => g[2]), [['female', 1, 1, 100], ['male', 2, 3, 66.67]]);
  const team = await get(manager, 'parent-engagement', '&by=team');
  assert.deepEqual(team.body.groups.filter((g) => g.denominator).map((g) => [g.group, g.numerator, g.denominator]),
    [['YJ North', 2, 3], ['YJ South', 1, 1]]);
});

test('referrals to peer mentoring, from or with a child from an ethnic minority background', async () => {
  const r = await get(pmanager, 'peer-mentoring-referrals');
  assert.equal(r.status, 200, r.text);
  // Mona (Black African), Fred (White British, with Kay: White British),
  // Gwen (White Irish: a minority, as the national statistics count),
  // Nell (not recorded); not Fred's referral before the year, nor Dev's
  // to a third-sector agency.
  assert.deepEqual([r.body.numerator, r.body.denominator, r.body.value], [2, 4, 50]);
  assert.deepEqual(r.body.extras, { parent_ethnic_minority: 2, child_ethnic_minority: 0, ethnicity_not_recorded: 1 });
  assert.deepEqual(cells(r), [['2023/24 Q1', 1, 1, 100], ['2023/24 Q2', 0, 2, 0], ['2023/24 Q3', 0, 0, null], ['2023/24 Q4', 1, 1, 100]]);
  const eth = await get(pmanager, 'peer-mentoring-referrals', '&by=ethnicity');
  assert.deepEqual(cells(eth, 'groups').filter((g) => g[2]), [['white', 1, 2, 50], ['black', 1, 1, 100], ['not_recorded', 0, 1, 0]]);
  const sex = await get(pmanager, 'peer-mentoring-referrals', '&by=sex');
  assert.deepEqual(cells(sex, 'groups').filter((g) => g[2]), [['female', 2, 3, 66.67], ['male', 0, 1, 0]]);
  const team = await get(pmanager, 'peer-mentoring-referrals', '&by=team');
  assert.deepEqual(team.body.groups.filter((g) => g.denominator).map((g) => [g.group, g.numerator, g.denominator]), [['Parenting Team', 2, 4]]);
});

test('a child with an ethnic minority background counts the referral of a White British parent', async () => {
  // Fred is Kit's father too now, and is referred with Kit.
  const fams = (await officer.get(`/api/v1/families?person_id=${P.Kit.id}`)).body.items;
  await created(officer, `/api/v1/families/${fams[0].id}/members`, {
    person_id: P.Fred.id, member_type: 'adult', relationship: 'father', child_id: P.Kit.id, parental_responsibility: true,
  });
  const r0 = await pmanager.get('/api/v1/measures/peer-mentoring-referrals?from=2024-04-01&to=2024-04-30');
  assert.deepEqual([r0.body.numerator, r0.body.denominator], [0, 0]);
  const k = await referral('fredKit', 'Fred', S['Fred:Kay'].case_id, '2024-04-02', { child_id: P.Kit.id });
  const r = await pmanager.get('/api/v1/measures/peer-mentoring-referrals?from=2024-04-01&to=2024-04-30');
  assert.deepEqual([r.body.numerator, r.body.denominator], [1, 1]);
  assert.deepEqual(r.body.extras, { parent_ethnic_minority: 0, child_ethnic_minority: 1, ethnicity_not_recorded: 0 });
  const c = await pworker.post(`/api/v1/parent-referrals/${k.id}/close`, { version: k.version, reason: 'Entered in error' });
  assert.equal(c.status, 200, c.text);
  const r2 = await pmanager.get('/api/v1/measures/peer-mentoring-referrals?from=2024-04-01&to=2024-04-30');
  assert.deepEqual([r2.body.numerator, r2.body.denominator], [0, 0], 'a closed referral no longer counts');
});

test('a breakdown that makes no sense is refused naming by; bad parameters as for every measure', async () => {
  for (const name of ['parents-worked-with', 'peer-mentoring-referrals']) {
    const r = await get(pmanager, name, '&by=age');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'by');
    assert.match(r.body.error.message, /cannot be broken down by age/);
    const k = await pmanager.get(`/api/v1/measures/${name}/children?${YEAR}&by=age`);
    assert.equal(k.status, 400, k.text);
    assert.equal(k.body.error.field, 'by');
  }
  const bad = await get(pmanager, 'parents-worked-with', '&by=colour');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'by');
});

test('suppression: analysts and managers of other services get counts from 1 to 4 withheld', async () => {
  for (const [c, name, suppressed] of [
    [analyst, 'parents-worked-with', true], [analyst, 'parent-engagement', true], [analyst, 'peer-mentoring-referrals', true],
    [managerEh, 'parents-worked-with', true], [managerEh, 'parent-engagement', true],
    [manager, 'parents-worked-with', true], [manager, 'peer-mentoring-referrals', true], [manager, 'parent-engagement', false],
    [pmanager, 'parents-worked-with', false], [pmanager, 'parent-engagement', false], [pmanager, 'peer-mentoring-referrals', false],
  ]) {
    const r = await get(c, name, '&by=ethnicity');
    assert.equal(r.status, 200, r.text);
    const label = `${c.user.username} ${name}`;
    if (suppressed) {
      assert.equal(r.body.numerator, null, label);
      assert.ok(r.body.suppressed.includes('numerator'), label);
      assert.equal(r.body.value, null, label);
      assert.ok(r.body.periods.every((p) => p.numerator === null || p.numerator === 0 || p.numerator >= 5), label);
      assert.ok(r.body.groups.every((g) => g.numerator === null || g.numerator === 0), label);
    } else {
      assert.ok(r.body.numerator >= 1 && r.body.numerator < 5, label);
      assert.deepEqual(r.body.suppressed, [], label);
    }
  }
  const csv = await pmanager.get(`/api/v1/measures/parents-worked-with?${YEAR}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^\uFEFF?measure,rule_version,period/);
  assert.match(csv.text, /parents-worked-with,1,whole,2023-04-01,2024-03-31,,all,,,,,numerator,no\r\n/, 'CSV is always suppressed');
});

test('the people behind each figure: managers in scope, each one audited; others only counted', async () => {
  const list = async (c, name, extra = '') => c.get(`/api/v1/measures/${name}/children?${YEAR}${extra}`);
  let mark = srv.auditHead();
  const pw = await list(pmanager, 'parents-worked-with');
  assert.equal(pw.status, 200, pw.text);
  assert.equal(pw.body.people, 'parents');
  const names = pw.body.items.map((x) => x.given_name).sort();
  assert.deepEqual(names, ['Dev', 'Fred', 'Gwen', 'Mona']);
  assert.equal(pw.body.total, 4);
  assert.equal(pw.body.outside_your_service, 0);
  const audited = srv.audit({ action: 'list', record_type: 'person' }, mark).map((a) => a.person_id).sort((a, b) => a - b);
  assert.deepEqual(audited, ['Dev', 'Fred', 'Gwen', 'Mona'].map((n) => P[n].id).sort((a, b) => a - b));
  // A group of a breakdown.
  const white = await list(pmanager, 'parents-worked-with', '&by=ethnicity&group=white');
  assert.deepEqual(white.body.items.map((x) => x.given_name).sort(), ['Fred', 'Gwen']);
  // The youth justice manager does not hold the parents' cases.
  mark = srv.auditHead();
  const yj = await list(manager, 'parents-worked-with');
  assert.equal(yj.status, 200, yj.text);
  assert.deepEqual(yj.body.items, []);
  // Four parents: the figure is withheld from this manager, so is how many
  // are outside their service (it would answer the withheld count).
  assert.equal(yj.body.outside_your_service, null);
  assert.deepEqual(yj.body.suppressed, ['outside_your_service']);
  assert.deepEqual(srv.audit({ action: 'list', record_type: 'person' }, mark), []);
  // The children behind engagement: the youth justice manager's, counted or not.
  mark = srv.auditHead();
  const ch = await list(manager, 'parent-engagement');
  assert.equal(ch.body.people, 'children');
  assert.deepEqual(ch.body.items.map((x) => [x.given_name, x.counted, x.in_denominator]).sort(),
    [['Kamran', false, true], ['Kay', true, true], ['Kit', true, true], ['Kyle', true, true]]);
  assert.equal(srv.audit({ action: 'list', record_type: 'person' }, mark).length, 4);
  const counted = await list(manager, 'parent-engagement', '&counted=true');
  assert.equal(counted.body.total, 3);
  const pm = await list(pmanager, 'parent-engagement');
  assert.deepEqual([pm.body.items.length, pm.body.outside_your_service], [0, 4]);
  // Referrals: the parents referred.
  const ref = await list(pmanager, 'peer-mentoring-referrals', '&counted=true');
  assert.deepEqual(ref.body.items.map((x) => x.given_name).sort(), ['Gwen', 'Mona']);
  // Analysts and practitioners never see people.
  assert.equal((await list(analyst, 'parents-worked-with')).status, 403);
  assert.equal((await list(pworker, 'parents-worked-with')).status, 403);
});

test('spire report: the whole-family measures in the board pack; a refused breakdown', async () => {
  const text = spire(['report', '--db', srv.db, '--measure', 'parent-engagement', '--from', '2023-04-01', '--to', '2024-03-31', '--no-suppress']);
  assert.match(text, /Children with a parent engaged in support \(rule 1\)/);
  assert.match(text, /whole period\s+3\s+4\s+75\.00/);
  const bad = spireFail(['report', '--db', srv.db, '--measure', 'parents-worked-with', '--from', '2023-04-01', '--to', '2024-03-31', '--by', 'age']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--by: This measure cannot be broken down by age/);
  const all = JSON.parse(spire(['report', '--db', srv.db, '--measure', 'all', '--from', '2023-04-01', '--to', '2024-03-31', '--by', 'age', '--format', 'json']));
  const names = all.measures.map((m) => m.measure);
  assert.ok(names.includes('parent-engagement') && !names.includes('parents-worked-with'), names.join(' '));
});

// ---- The measures read from form responses ----

const DOMAINS = ['mental_health', 'physical_health', 'substance_use', 'offending', 'domestic_abuse', 'housing', 'money',
  'relationship', 'safety', 'understanding_needs', 'confidence', 'support_network', 'language', 'culture_faith'];
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance', 'family_life',
  'accommodation_money', 'parental_health'];

async function form(c, body) {
  return created(c, '/api/v1/form-responses', { completed_by: 'practitioner', status: 'completed', ...body });
}

// selfAssessment(caseId, date, needs): every domain "none" and no help,
// except needs {domain: [level, help]}.
function selfAssessment(caseId, authored, needs = {}) {
  const answers = {};
  for (const d of DOMAINS) {
    const [level, help] = needs[d] || ['none', false];
    answers[`${d}_need`] = level;
    answers[`${d}_help`] = help;
  }
  return form(pworker, { form_id: 'parent-self-assessment', case_id: caseId, completed_by: 'parent', authored, answers });
}

function steps(c, familyId, authored, stage, practitioner, fam) {
  const answers = { stage, assessment: 'early_help' };
  for (const b of BLOCKS) Object.assign(answers, { [`${b}_practitioner`]: practitioner, [`${b}_family`]: fam });
  return form(c, { form_id: 'steps-to-change', family_id: familyId, completed_by: 'jointly', authored, answers });
}

function confidence(caseId, authored, when, answer) {
  const answers = { when };
  for (const q of ['conf_handle', 'conf_boundaries', 'conf_talk', 'conf_help', 'wb_calm', 'wb_cope', 'wb_support']) answers[q] = answer;
  return form(pworker, { form_id: 'parenting-confidence', case_id: caseId, completed_by: 'parent', authored, answers });
}

test('needs found by the parent self-assessment: each parent\'s latest, by domain and level', async () => {
  const mona = S['Mona:Kay'].case_id, fred = S['Fred:Kay'].case_id;
  await selfAssessment(mona, '2023-05-10');
  await selfAssessment(mona, '2023-12-01', { mental_health: ['high', true], housing: ['some', false] });
  await selfAssessment(fred, '2023-06-01', { money: ['some', false] });
  await selfAssessment(fred, '2023-03-01', { money: ['high', true], housing: ['high', true] }); // before the year
  const r = await get(pmanager, 'self-assessment-needs');
  assert.equal(r.status, 200, r.text);
  // Mona's latest (1 December) and Fred's in the year: 28 domains
  // answered, 3 needs.
  assert.deepEqual([r.body.numerator, r.body.denominator], [3, 28]);
  assert.deepEqual(r.body.extras, { no_need: 25, some_need: 2, high_need: 1, would_like_help: 1 });
  assert.deepEqual(cells(r).map((c) => c.slice(0, 3)), [['2023/24 Q1', 1, 14], ['2023/24 Q2', 0, 0], ['2023/24 Q3', 2, 14], ['2023/24 Q4', 0, 0]]);
  const by = await get(pmanager, 'self-assessment-needs', '&by=domain');
  assert.equal(by.status, 200, by.text);
  assert.deepEqual(by.body.groups.map((g) => g.group), DOMAINS);
  const g = Object.fromEntries(by.body.groups.map((x) => [x.group, [x.numerator, x.denominator, x.extras.no_need, x.extras.some_need, x.extras.high_need, x.extras.would_like_help]]));
  assert.deepEqual(g.mental_health, [1, 2, 1, 0, 1, 1]);
  assert.deepEqual(g.housing, [1, 2, 1, 1, 0, 0]);
  assert.deepEqual(g.money, [1, 2, 1, 1, 0, 0]);
  assert.deepEqual(g.language, [0, 2, 2, 0, 0, 0]);
  // The parents behind a domain's figure.
  const mark = srv.auditHead();
  const list = await pmanager.get(`/api/v1/measures/self-assessment-needs/children?${YEAR}&by=domain&group=mental_health&counted=true`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((x) => x.given_name), ['Mona']);
  assert.equal(srv.audit({ action: 'list', record_type: 'person', person_id: P.Mona.id }, mark).length, 1);
  const bad = await pmanager.get(`/api/v1/measures/self-assessment-needs/children?${YEAR}&by=domain&group=weather`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'group');
  // Analysts: small counts withheld.
  const an = await get(analyst, 'self-assessment-needs', '&by=domain');
  assert.equal(an.body.numerator, null);
  assert.equal(an.body.groups.find((x) => x.group === 'mental_health').extras.high_need, null);
});

test('Steps to Change: distance travelled by block, families improved, step-ups', async () => {
  const famA = (await officer.get(`/api/v1/families?person_id=${P.Kay.id}`)).body.items[0].id;
  const famB = (await officer.get(`/api/v1/families?person_id=${P.Kamran.id}`)).body.items[0].id;
  // Family A: 3 -> 5 (practitioner), 4 -> 4 (family): improved.
  await steps(officer, famA, '2023-05-01', 'start', 3, 4);
  // A review in Q2 (3 -> 4): Q2's latest as of its end; the year's is January's.
  await steps(officer, famA, '2023-08-01', 'review', 4, 4);
  await steps(officer, famA, '2024-01-10', 'review', 5, 4);
  // Family B: 5 -> 4 and 5 -> 5: not improved; stepped up to social
  // care in the year, and a decision to continue that is not a step-up.
  await steps(officer, famB, '2023-06-01', 'start', 5, 5);
  const endB = await steps(officer, famB, '2023-09-01', 'end', 4, 5);
  const decide = (decision, date) => created(officer, '/api/v1/steps-decisions', {
    family_id: famB, form_response_id: endB.id, blocks: ['mental_health'], decision, reason: 'Mood stays low at home', decision_date: date,
  });
  await decide('step_up_social_care', '2023-09-05');
  await decide('continue', '2023-09-06');
  await decide('step_up_targeted_early_help', '2024-04-02'); // after the year
  const r = await get(pmanager, 'steps-to-change');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.numerator, r.body.denominator, r.body.value], [1, 2, 50]);
  assert.deepEqual(r.body.extras, { practitioner_change: 0.5, blocks_scored_practitioner: 18, family_change: 0, blocks_scored_family: 18, step_ups: 1 });
  assert.equal(r.body.periods[1].extras.step_ups, 1, 'in 2023/24 Q2');
  // Each quarter counts the families whose latest scoring as of the
  // quarter's end is in it: A (August) and B (September) in Q2.
  assert.deepEqual(cells(r).map((c) => c.slice(0, 3)), [['2023/24 Q1', 0, 0], ['2023/24 Q2', 1, 2], ['2023/24 Q3', 0, 0], ['2023/24 Q4', 1, 1]]);
  // The same quarter, as the board pack asks for it (its year ending with
  // the quarter) and as the year's trend shows it: the same figures
  // (session 24: 12 in the board pack, 6 in the trend).
  const pack = await pmanager.get('/api/v1/measures/steps-to-change?from=2022-10-01&to=2023-09-30&interval=quarter');
  assert.equal(pack.status, 200, pack.text);
  const q2 = (x) => x.body.periods.find((p) => p.period === '2023/24 Q2');
  assert.deepEqual([q2(pack).numerator, q2(pack).denominator, q2(pack).extras], [q2(r).numerator, q2(r).denominator, q2(r).extras]);
  assert.deepEqual([q2(r).numerator, q2(r).denominator], [1, 2]);
  const by = await get(pmanager, 'steps-to-change', '&by=block');
  assert.equal(by.status, 200, by.text);
  assert.deepEqual(by.body.groups.map((g) => g.group), [...BLOCKS, 'overall']);
  const pw = by.body.groups.find((g) => g.group === 'physical_wellbeing');
  assert.deepEqual([pw.extras.practitioner_change, pw.extras.family_change, pw.extras.blocks_scored_practitioner], [0.5, 0, 2]);
  const overall = by.body.groups.find((g) => g.group === 'overall');
  assert.deepEqual([overall.numerator, overall.denominator], [1, 2]);
  for (const b of ['ethnicity', 'sex', 'team', 'age']) {
    const x = await get(pmanager, 'steps-to-change', `&by=${b}`);
    assert.equal(x.status, 400, `${b}: ${x.text}`);
    assert.equal(x.body.error.field, 'by');
  }
  // About families: no people list.
  assert.equal((await pmanager.get(`/api/v1/measures/steps-to-change/children?${YEAR}`)).status, 404);
  // spire report writes the mean changes as numbers, not as withheld.
  const text = spire(['report', '--db', srv.db, '--measure', 'steps-to-change', '--from', '2023-04-01', '--to', '2024-03-31', '--no-suppress']);
  assert.match(text, /practitioner_change: 0\.50\n/);
  assert.match(text, /step_ups: 1\n/);
});

test('pre/post questionnaires: change per scored group and the share improved', async () => {
  const mona = S['Mona:Kay'].case_id, fred = S['Fred:Kay'].case_id;
  await confidence(mona, '2023-05-05', 'pre', 'disagree');
  await confidence(mona, '2023-11-05', 'post', 'agree');
  await confidence(fred, '2023-06-05', 'pre', 'agree');
  await confidence(fred, '2023-08-05', 'post', 'strongly_disagree');
  const r = await get(pmanager, 'pre-post-change');
  assert.equal(r.status, 200, r.text);
  // Mona +2 in both groups; Fred -3 in both.
  assert.deepEqual([r.body.numerator, r.body.denominator, r.body.value], [2, 4, 50]);
  assert.deepEqual(r.body.extras, { mean_change: -0.5, worse: 2 });
  const by = await get(pmanager, 'pre-post-change', '&by=group');
  assert.deepEqual(by.body.groups.map((g) => [g.group, g.numerator, g.denominator, g.extras.mean_change]),
    [['confidence', 1, 2, -0.5], ['wellbeing', 1, 2, -0.5]]);
  const eth = await get(pmanager, 'pre-post-change', '&by=ethnicity');
  assert.deepEqual(eth.body.groups.filter((g) => g.denominator).map((g) => [g.group, g.numerator, g.denominator]), [['white', 0, 2], ['black', 2, 2]]);
  const list = await pmanager.get(`/api/v1/measures/pre-post-change/children?${YEAR}&counted=true`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((x) => x.given_name), ['Mona', 'Mona']);
  const an = await get(analyst, 'pre-post-change');
  assert.deepEqual([an.body.numerator, an.body.extras.mean_change], [null, null]);
  // A pair about a family counts, and names no one in the list.
  const famA = (await officer.get(`/api/v1/families?person_id=${P.Kay.id}`)).body.items[0].id;
  const answers = (when, a) => ({ when, conf_handle: a, conf_boundaries: a, conf_talk: a, conf_help: a, wb_calm: a, wb_cope: a, wb_support: a });
  await form(officer, { form_id: 'parenting-confidence', family_id: famA, completed_by: 'jointly', authored: '2023-07-01', answers: answers('pre', 'neither') });
  await form(officer, { form_id: 'parenting-confidence', family_id: famA, completed_by: 'jointly', authored: '2023-10-01', answers: answers('post', 'agree') });
  const withFamily = await get(pmanager, 'pre-post-change');
  assert.deepEqual([withFamily.body.numerator, withFamily.body.denominator], [4, 6]);
  const again = await pmanager.get(`/api/v1/measures/pre-post-change/children?${YEAR}&counted=true`);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.body.items.map((x) => x.given_name), ['Mona', 'Mona']);
  assert.equal(again.body.outside_your_service, 0);
});

test('parents seen at the start, review and end of interventions (the parent worker\'s definition of seen)', async () => {
  // Kay's intervention: start 2 May, a review on 1 August, end 31 October
  // 2023. Her parents here: Mona and Fred (parental responsibility), Alex
  // (in the household).
  const o = await created(officer, '/api/v1/outcomes', {
    case_id: K.Kay.id, outcome_type: 'prevention', outcome_date: '2023-05-02', start_date: '2023-05-02',
    end_date: '2023-10-31', end_reason: 'completed',
  });
  await created(officer, '/api/v1/assessments', {
    case_id: K.Kay.id, outcome_id: o.id, assessment_type: 'prevention_diversion', stage: 'review', assessment_date: '2023-08-01',
  });
  const contact = (date, who) => created(officer, '/api/v1/contacts', {
    case_id: K.Kay.id, contact_date: `${date}T10:00:00Z`, contact_type: 'home_visit', summary: 'Visit',
    attendees: { people: who.map((n) => P[n].id) },
  });
  await contact('2023-05-03', ['Mona', 'Fred']); // the start
  await contact('2023-07-25', ['Mona', 'Alex']); // the review
  await contact('2023-11-10', ['Mona']); // the end
  await contact('2023-12-20', ['Fred']); // too late for the end
  const r = await get(manager, 'parents-seen');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.numerator, r.body.denominator, r.body.value], [5, 9, 55.56]);
  assert.deepEqual(r.body.points, {
    start: { numerator: 2, denominator: 3, value: 66.67 },
    review: { numerator: 2, denominator: 3, value: 66.67 },
    end: { numerator: 1, denominator: 3, value: 33.33 },
  });
  assert.deepEqual(cells(r).map((c) => c.slice(0, 3)), [['2023/24 Q1', 2, 3], ['2023/24 Q2', 2, 3], ['2023/24 Q3', 1, 3], ['2023/24 Q4', 0, 0]]);
  const sex = await get(manager, 'parents-seen', '&by=sex');
  assert.deepEqual(cells(sex, 'groups').filter((g) => g[2]).map((g) => g.slice(0, 3)), [['female', 4, 6], ['male', 1, 3]]);
  // The parents behind it, for the youth justice manager (the child's case).
  const missed = await manager.get(`/api/v1/measures/parents-seen/children?${YEAR}`);
  assert.deepEqual(missed.body.items.filter((x) => !x.counted).map((x) => `${x.given_name} ${x.date}`).sort(),
    ['Alex 2023-05-02', 'Alex 2023-10-31', 'Fred 2023-08-01', 'Fred 2023-10-31']);
  // The same people under a path that says they are parents; a measure
  // about children has no /parents.
  const parents = await manager.get(`/api/v1/measures/parents-seen/parents?${YEAR}`);
  assert.equal(parents.status, 200, parents.text);
  assert.equal(parents.body.people, 'parents');
  assert.deepEqual(parents.body.items, missed.body.items);
  assert.equal((await manager.get(`/api/v1/measures/parent-engagement/parents?${YEAR}`)).status, 404);
  assert.equal((await manager.get(`/api/v1/measures/first-time-entrants/parents?${YEAR}`)).status, 404);
  const an = await get(analyst, 'parents-seen');
  assert.deepEqual(an.body.points.end, { numerator: null, denominator: null, value: null });
  assert.equal((await get(pmanager, 'parents-seen', '&by=age')).status, 400);
});

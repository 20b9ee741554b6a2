// Attacks of session 22 on what had not been attacked: changes sent with
// an old version to every kind of record (and a merge made against a
// person changed since the manager looked), the parenting views' children
// and the audit rows of the people they show, a family plan's versions,
// the parent portal (whose family, and after the membership ends), and the
// measures' children lists and CSV against suppression. Each
// FINDING-n test FAILS while the fault it names is present; the other
// tests record what was tried and held. Runs on SQLite, and on PostgreSQL
// with SPIRE_TEST_STORE=postgresql.
//
// The fixture (as attack_s21's): a child (Kit) on a youth justice case in
// YJ North; his mother Mo is an adult member of the Dale family, with
// parent support from the parent worker of the Parenting Team, so her
// parenting case is sealed from the child's officer (docs/access.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, created, createdPerson, daleFamilyWithOrder, ukDay as day, parentingFixture } from './lib.mjs';

const NEW_PW = 'harbour pencil thistle 41';
const REASON = 'The same child: same name, date of birth and school';

let srv, officer, south, manager, pw, social, admin;
let kid, mum, fam, yjCase, outcome, support, pcase;

before(async () => {
  srv = await Server.start(parentingFixture());
  [officer, south, manager, pw, social, admin] = await srv.loginAll(['officer', 'officer_south', 'manager', 'pworker_p', 'social', 'admin']);
  ({ kid, mum, fam, yjCase, outcome } = await daleFamilyWithOrder(officer));
  support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  pcase = (await pw.get(`/api/v1/cases/${support.case_id}`)).body;
});
after(async () => { await srv.stop(); });

// Every person id an answer names (person_id, child_id, victim_id, or the
// id of an object carrying names), anywhere in it.
function peopleIn(v, out = new Set()) {
  if (Array.isArray(v)) { for (const x of v) peopleIn(x, out); return out; }
  if (v && typeof v === 'object') {
    for (const k of ['person_id', 'child_id', 'victim_id', 'owner_person_id']) if (Number.isInteger(v[k]) && v[k] > 0) out.add(v[k]);
    for (const x of Object.values(v)) if (x && typeof x === 'object') peopleIn(x, out);
  }
  return out;
}

// ------------------------------------------- audit of the parenting views

test('FINDING-1 [MEDIUM, fixed] GET /api/v1/parenting/parents, /home, /misses and /seen?case_id= name the child of each support or point (child_id, child_given_name, child_family_name) with no audit row about the child, to the parent worker of another team and to the child\'s own officer: the router\'s shown walk looks for given_name, family_name or child_name, and child_given_name is none of them (docs/audit.md: anyone named in any list is audited)', async () => {
  const pwy = await srv.login('parentworker');
  const missing = [];
  for (const [who, c, path] of [['pworker_p', pw, '/api/v1/parenting/parents'], ['pworker_p', pw, '/api/v1/parenting/home'],
    ['parentworker', pwy, '/api/v1/parenting/misses'], ['parentworker', pwy, `/api/v1/parenting/seen?case_id=${yjCase.id}`],
    ['officer', officer, `/api/v1/parenting/seen?case_id=${yjCase.id}`]]) {
    const mark = srv.auditHead();
    const r = await c.get(path);
    assert.equal(r.status, 200, `${who} ${path}: ${r.text}`);
    assert.ok(r.text.includes('"child_given_name":"Kit"'), `${who} ${path}: baseline: the child is named: ${r.text.slice(0, 300)}`);
    const shown = peopleIn(r.body);
    assert.ok(shown.has(kid.id) && shown.has(mum.id), `${path}: ${[...shown]}`);
    const audited = new Set(srv.audit({ username: who }, mark).map((x) => x.person_id));
    assert.ok(audited.has(mum.id), `${who} ${path}: the mother is audited`);
    if (!audited.has(kid.id)) missing.push(`${who} ${path}: Kit (person ${kid.id}) named, rows only about ${[...audited]}`);
  }
  assert.deepEqual(missing, [], 'children named with no audit row about them');
});

// ------------------------------------------------ merges and old versions

test('FINDING-2 [MEDIUM, fixed] POST /api/v1/people/merges carries no version: a merge previewed on one person is made after the duplicate was changed into another (new name and date of birth, a case added), moving what the preview never showed; neither the preview nor the merge carries a version (the body refuses one: 400 unknown field), so the manager cannot say what they saw', async () => {
  const officer2 = await srv.login('officer2');
  const a = await createdPerson(officer, { given_name: 'Jory', family_name: 'Penn', date_of_birth: '2010-02-02' });
  const b = await createdPerson(officer, { given_name: 'Jory', family_name: 'Pen', date_of_birth: '2010-02-02', allow_duplicate: true });
  const pv = await manager.get(`/api/v1/people/merges/preview?kept_id=${a.id}&merged_id=${b.id}`);
  assert.equal(pv.status, 200, pv.text);
  assert.equal(pv.body.total, 0, 'baseline: nothing to move');
  // Meanwhile a colleague finds that b is another child, corrects the record and opens his case.
  const cur = (await officer2.get(`/api/v1/people/${b.id}`)).body;
  const fix = await officer2.patch(`/api/v1/people/${b.id}`, { version: cur.version, given_name: 'Joel', date_of_birth: '2011-09-09' });
  assert.equal(fix.status, 200, fix.text);
  await created(officer2, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: b.id, team_id: officer2.user.team_id, worker_id: officer2.user.id, start_date: day(-3),
  });
  const mark = srv.auditHead();
  // As the merge page sends it (web/js/views/merge.js): ids and reason.
  const m = await manager.post('/api/v1/people/merges', { kept_id: a.id, merged_id: b.id, reason: REASON });
  const now = await officer2.get(`/api/v1/people/${b.id}`);
  assert.ok(m.status !== 201 && !now.body.closed_at,
    `the merge was made on a person changed since the preview (${pv.body.merged.given_name} born ${pv.body.merged.date_of_birth} -> ${now.body.given_name} born ${now.body.date_of_birth}, a case added): ${m.status}, ${srv.changesSince(mark).length} changes`);
});

// stale(c, path, field, closeVerb): change field at the version read
// (200), then again at that old version (must be 409, nothing stored),
// then close at the old version (409, still open). What happened, as text.
async function stale(c, path, field, closeVerb, read = async () => (await c.get(path)).body) {
  const v0 = (await read()).version;
  const first = await c.patch(path, { version: v0, [field]: 'First change, stored' });
  if (first.status !== 200) return `${path}: first change ${first.status} ${first.text.slice(0, 160)}`;
  const second = await c.patch(path, { version: v0, [field]: 'Second change, from an old page' });
  const now = await read();
  const bad = [];
  if (now.version !== v0 + 1) bad.push(`version ${now.version} after one change from ${v0}`);
  if (second.status !== 409) bad.push(`stale PATCH ${second.status}`);
  if (now[field] !== 'First change, stored') bad.push(`${field} is now ${JSON.stringify(now[field])}`);
  if (second.status === 409 && !second.body.errors?.some((x) => x.field === 'version')) bad.push(`409 not naming version: ${second.text.slice(0, 120)}`);
  if (closeVerb) {
    const cl = await c.post(`${path}/${closeVerb}`, { version: v0, reason: 'Closed from a page read before the change' });
    const after = await read();
    if (cl.status !== 409) bad.push(`stale ${closeVerb} ${cl.status}`);
    if (after.closed_at) bad.push('closed by a stale version');
  }
  return bad.length ? `${path}: ${bad.join('; ')}` : null;
}

test('held: a change or a close sent with an old version is refused (409 naming version) and stores nothing, on people, families, members, cases, tasks, consents, contacts, family plans and actions, parent supports and users; two changes at one version at once: one stored', async () => {
  const k = await createdPerson(officer, { given_name: 'Vers', family_name: 'Ion' });
  const f = await created(officer, '/api/v1/families', { name: 'Ion family' });
  const mem = await created(officer, `/api/v1/families/${f.id}/members`, { person_id: k.id, member_type: 'child', relationship: 'child' });
  const c = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral order', person_id: k.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-5) });
  const t = await created(officer, '/api/v1/tasks', { case_id: c.id, title: 'Ring school', due_date: day(3) });
  const con = await created(officer, '/api/v1/consents', { person_id: k.id, agency: 'School', purpose: 'Sharing attendance', lawful_basis: 'consent', given_on: day(-2) });
  const ct = await created(officer, '/api/v1/contacts', { case_id: c.id, contact_date: `${day(-1)}T10:00`, contact_type: 'home_visit', summary: 'Seen at home' });
  const ek = await createdPerson(social, { given_name: 'Plan', family_name: 'Wood' });
  const ef = await created(social, '/api/v1/families', { name: 'Wood family' });
  await created(social, `/api/v1/families/${ef.id}/members`, { person_id: ek.id, member_type: 'child', relationship: 'child' });
  const plan = await created(social, '/api/v1/family-plans', { family_id: ef.id, wants_to_change: 'Mornings', agreed_on: day(-10), next_review_date: day(10) });
  const act = await created(social, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Walk to school', owner_type: 'agency', owner_agency: 'School' });
  const out = [];
  out.push(await stale(officer, `/api/v1/people/${k.id}`, 'first_language'));
  out.push(await stale(officer, `/api/v1/families/${f.id}`, 'notes', 'close'));
  out.push(await stale(officer, `/api/v1/family-members/${mem.id}`, 'notes', 'close',
    async () => (await officer.get(`/api/v1/families/${f.id}`)).body.members.find((m) => m.id === mem.id) || { closed_at: 'gone' }));
  out.push(await stale(officer, `/api/v1/cases/${c.id}`, 'reason'));
  out.push(await stale(officer, `/api/v1/tasks/${t.id}`, 'title', 'close'));
  out.push(await stale(officer, `/api/v1/consents/${con.id}`, 'purpose', 'withdraw'));
  out.push(await stale(officer, `/api/v1/contacts/${ct.id}`, 'summary', 'close'));
  out.push(await stale(social, `/api/v1/family-plans/${plan.id}`, 'wants_to_change', 'close'));
  out.push(await stale(social, `/api/v1/family-plan-actions/${act.id}`, 'notes', 'close'));
  out.push(await stale(pw, `/api/v1/parent-supports/${support.id}`, 'notes'));
  out.push(await stale(admin, `/api/v1/users/${south.user.id}`, 'full_name'));
  assert.deepEqual(out.filter(Boolean), []);
  // Two changes at one version at once, on three kinds: one is stored.
  for (const [cl, path, field] of [[officer, `/api/v1/consents/${con.id}`, 'purpose'], [social, `/api/v1/family-plans/${plan.id}`, 'wants_to_change'], [officer, `/api/v1/cases/${c.id}`, 'reason']]) {
    const v = (await cl.get(path)).body.version;
    const rs = await Promise.all(['Race one', 'Race two', 'Race three'].map((x) => cl.patch(path, { version: v, [field]: x })));
    const won = rs.filter((r) => r.status === 200);
    assert.equal(won.length, 1, `${path}: ${rs.map((r) => r.status)}`);
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409, 409], path);
    const now = (await cl.get(path)).body;
    assert.equal(now[field], won[0].body[field], path);
    assert.equal(now.version, v + 1, path);
  }
});

// ------------------------------------------------------- the parent portal

test('FINDING-3 [HIGH, fixed] GET /api/v1/my-family shows a parent the oldest family she is any adult member of: a family friend on another family\'s wider network (not in its household, no parental responsibility) reads that family\'s child, its One Family, One Plan and its scores instead of her own family', async () => {
  // The Ash family (the older) has Nia on its wider network, as a friend.
  const ace = await createdPerson(officer, { given_name: 'Ace', family_name: 'Ash' });
  const ash = await created(officer, '/api/v1/families', { name: 'Ash family' });
  await created(officer, `/api/v1/families/${ash.id}/members`, { person_id: ace.id, member_type: 'child', relationship: 'child', in_household: true });
  const nia = await created(officer, '/api/v1/people', { given_name: 'Nia', family_name: 'Birch', date_of_birth: '1985-07-07' });
  await created(officer, `/api/v1/families/${ash.id}/members`, {
    person_id: nia.id, member_type: 'adult', relationship: 'friend', child_id: ace.id, in_household: false, wider_network: true, parental_responsibility: false,
  });
  await created(officer, '/api/v1/family-plans', { family_id: ash.id, wants_to_change: 'Ace to stop carrying a knife', agreed_on: day(-5), next_review_date: day(20) });
  // Nia's own family, with her own child, and her parent account.
  const bo = await createdPerson(officer, { given_name: 'Bo', family_name: 'Birch' });
  const birch = await created(officer, '/api/v1/families', { name: 'Birch family' });
  await created(officer, `/api/v1/families/${birch.id}/members`, { person_id: bo.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${birch.id}/members`, {
    person_id: nia.id, member_type: 'adult', relationship: 'mother', child_id: bo.id, parental_responsibility: true, in_household: true,
  });
  await srv.makeParent(officer, 'nia.birch', nia, NEW_PW);
  const parent = await srv.login('nia.birch', NEW_PW);
  const r = await parent.get('/api/v1/my-family');
  assert.equal(r.status, 200, r.text);
  assert.ok(!r.text.includes('Ace') && !r.text.includes('knife') && r.body.family.id !== ash.id,
    `a family friend reads another family's page: ${r.body.family?.name}, members ${r.body.members?.map((m) => m.given_name)}, plan ${JSON.stringify(r.body.plan?.wants_to_change)}`);
  assert.equal(r.body.family.id, birch.id, 'her own family');
});

// ---------------------------------------------------------------- measures

test('FINDING-4 [MEDIUM, fixed] GET /api/v1/measures/{name}/children to a manager of another service (early help), who gets the figure suppressed (numerator null, "suppressed": ["numerator"]), answers the withheld count as outside_your_service: one child, recoverable exactly (docs/measures.md: such a manager gets the figures suppressed like an analyst)', async () => {
  const meh = await srv.login('manager_eh');
  const q = `from=${day(-365)}&to=${day(0)}`;
  const leaks = [];
  for (const name of ['first-time-entrants', 'disposals', 'offence-outcomes']) {
    const f = await meh.get(`/api/v1/measures/${name}?${q}`);
    assert.equal(f.status, 200, f.text);
    assert.equal(f.body.numerator, null, `${name}: baseline: withheld from this manager`);
    assert.ok(f.body.suppressed.includes('numerator'), name);
    const c = await meh.get(`/api/v1/measures/${name}/children?${q}`);
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.body.items, [], `${name}: no child of another service listed`);
    if (Number.isInteger(c.body.outside_your_service) && c.body.outside_your_service > 0 && c.body.outside_your_service < 5) {
      leaks.push(`${name}: numerator withheld, outside_your_service ${c.body.outside_your_service}`);
    }
  }
  assert.deepEqual(leaks, [], 'withheld counts answered exactly by the children list');
});

test('FINDING-5 [MEDIUM, fixed] GET /api/v1/family-plans/{id} (and its /versions) writes a "shown" audit row about an unrelated person whose id is the plan\'s id: the plan carries the family\'s name as family_name, so the router\'s shown walk takes the plan for a person (docs/audit.md: the trail says who saw whom; a subject access request for that person would list the read)', async () => {
  const ek = await createdPerson(social, { given_name: 'Hist', family_name: 'Ory' });
  const ef = await created(social, '/api/v1/families', { name: 'Ory family' });
  await created(social, `/api/v1/families/${ef.id}/members`, { person_id: ek.id, member_type: 'child', relationship: 'child' });
  let plan = await created(social, '/api/v1/family-plans', { family_id: ef.id, wants_to_change: 'Calm mornings', agreed_on: day(-10), next_review_date: day(10) });
  if (plan.id === ek.id) { // keep the two ids apart
    await social.post(`/api/v1/family-plans/${plan.id}/close`, { version: plan.version, reason: 'Entered twice by mistake' });
    plan = await created(social, '/api/v1/family-plans', { family_id: ef.id, wants_to_change: 'Calm mornings', agreed_on: day(-10), next_review_date: day(10) });
  }
  const wrong = [];
  for (const path of [`/api/v1/family-plans/${plan.id}`, `/api/v1/family-plans/${plan.id}/versions`]) {
    const mark = srv.auditHead();
    const r = await social.get(path);
    assert.equal(r.status, 200, r.text);
    const named = peopleIn(r.body);
    const rows = srv.audit({ username: 'social' }, mark).filter((x) => x.person_id);
    for (const x of rows) if (x.person_id !== ek.id && !named.has(x.person_id)) wrong.push(`${path}: ${x.action} about person ${x.person_id} (plan ${plan.id}; ${x.person_id === plan.id ? 'the plan\'s id' : 'another id'})`);
  }
  assert.deepEqual(wrong, [], 'audit rows about people the answer does not show');
});

test('held: the children behind every figure: a youth justice manager\'s lists audit every person they name; another service\'s manager gets no child of youth justice; an analyst gets 403; the CSV keeps the count withheld from the analyst and from the manager', async () => {
  const [meh, analyst] = await srv.loginAll(['manager_eh', 'analyst']);
  const q = `from=${day(-365)}&to=${day(0)}`;
  const names = (await manager.get('/api/v1/measures')).body.items.map((m) => m.name);
  assert.ok(names.length >= 20, names.join());
  const missing = [];
  let listed = 0;
  for (const name of names) {
    for (const kind of ['children', 'parents']) {
      for (const [who, c] of [['manager', manager], ['manager_eh', meh]]) {
        const mark = srv.auditHead();
        const r = await c.get(`/api/v1/measures/${name}/${kind}?${q}&limit=200`);
        if (r.status === 404) continue;
        assert.equal(r.status, 200, `${who} ${name}/${kind}: ${r.text.slice(0, 200)}`);
        const shown = peopleIn(r.body);
        if (who === 'manager_eh') assert.deepEqual([...shown], [], `${name}/${kind}: youth justice people listed to early help`);
        listed += shown.size;
        const audited = new Set(srv.audit({ username: who }, mark).map((x) => x.person_id));
        for (const id of shown) if (!audited.has(id)) missing.push(`${who} ${name}/${kind}: person ${id}`);
      }
      const a = await analyst.get(`/api/v1/measures/${name}/${kind}?${q}`);
      assert.ok([403, 404].includes(a.status), `analyst ${name}/${kind}: ${a.status}`);
    }
  }
  assert.ok(listed >= 5, `${listed} people listed in all`);
  assert.deepEqual(missing, []);
  for (const c of [manager, analyst]) {
    const csv = await c.get(`/api/v1/measures/first-time-entrants?${q}&format=csv`);
    assert.equal(csv.status, 200, csv.text);
    const whole = csv.text.split('\r\n').find((l) => l.includes(',whole,'));
    assert.match(whole, /,all,,\d+,,,numerator,/, whole);
  }
});

test('held: a family plan\'s versions (and its actions\') are refused, audited as denied, to another team, another service, an admin, an analyst and a parent; nothing of the plan in the refusal', async () => {
  const ek = await createdPerson(social, { given_name: 'Vee', family_name: 'Sion' });
  const ef = await created(social, '/api/v1/families', { name: 'Sion family' });
  await created(social, `/api/v1/families/${ef.id}/members`, { person_id: ek.id, member_type: 'child', relationship: 'child' });
  const plan = await created(social, '/api/v1/family-plans', { family_id: ef.id, wants_to_change: 'Secret wish', agreed_on: day(-10), next_review_date: day(10) });
  const act = await created(social, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Secret action', owner_type: 'agency', owner_agency: 'School' });
  assert.equal((await social.patch(`/api/v1/family-plans/${plan.id}`, { version: plan.version, wants_to_change: 'Secret wish, changed' })).status, 200);
  const own = await social.get(`/api/v1/family-plans/${plan.id}/versions`);
  assert.deepEqual(own.body.items.map((x) => x.record.wants_to_change), ['Secret wish, changed', 'Secret wish']);
  const [analyst, parent, pwy] = await srv.loginAll(['analyst', 'parent', 'parentworker']);
  for (const [who, c] of [['officer_south', south], ['officer', officer], ['pworker_p', pw], ['admin', admin], ['analyst', analyst], ['parent', parent], ['parentworker', pwy]]) {
    for (const path of [`/api/v1/family-plans/${plan.id}/versions`, `/api/v1/family-plan-actions/${act.id}/versions`, `/api/v1/family-plans/${plan.id}/versions?x=1`]) {
      const mark = srv.auditHead();
      const r = await c.get(path);
      assert.equal(r.status, 403, `${who} ${path}: ${r.status}`);
      assert.ok(!r.text.includes('Secret') && !r.text.includes('Sion'), r.text);
      assert.equal(srv.audit({ username: who, action: 'denied' }, mark).length, 1, `${who} ${path}: denial not audited`);
    }
  }
});

test('held: a parent\'s own page ends with her membership: after the family member record is closed, 404; the child\'s plan, scores and history are refused to the parent account by their own routes', async () => {
  const p = await created(officer, '/api/v1/people', { given_name: 'Una', family_name: 'Dale', date_of_birth: '1981-01-01' });
  const mem = await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: p.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id, in_household: true });
  await srv.makeParent(officer, 'una.dale', p, NEW_PW);
  const parent = await srv.login('una.dale', NEW_PW);
  const mine = await parent.get('/api/v1/my-family');
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.family.id, fam.id);
  for (const path of [`/api/v1/families/${fam.id}`, `/api/v1/families/${fam.id}/steps-to-change`, `/api/v1/people/${kid.id}`, `/api/v1/form-responses?family_id=${fam.id}`,
    `/api/v1/families?person_id=${kid.id}`, `/api/v1/people/${p.id}/merges`, '/api/v1/due', '/api/v1/parenting/parents', `/api/v1/measures/parents-seen/parents?from=${day(-365)}&to=${day(0)}`]) {
    const r = await parent.get(path);
    assert.ok([403, 404].includes(r.status), `${path}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  const cl = await officer.post(`/api/v1/family-members/${mem.id}/close`, { version: mem.version, reason: 'Moved away, no longer in the family' });
  assert.equal(cl.status, 200, cl.text);
  const after = await parent.get('/api/v1/my-family');
  assert.equal(after.status, 404, after.text.slice(0, 300));
  assert.ok(!after.text.includes('Kit'), after.text);
});

test('held: form responses: a draft changed at an old version is refused (409), nothing stored; four corrections of one completed response at once make one correction, and the response is superseded once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  for (const f of readdirSync('forms')) copyFileSync(join('forms', f), join(dir, f));
  copyFileSync('tests/forms/wellbeing-check.json', join(dir, 'wellbeing-check.json'));
  const s2 = await Server.start({ env: { SPIRE_FORMS_DIR: dir } });
  try {
    const o = await s2.login('officer');
    const k = await createdPerson(o, { given_name: 'Fay', family_name: 'Orm' });
    const c = await created(o, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: k.id, team_id: o.user.team_id, worker_id: o.user.id, start_date: day(-10) });
    const body = (answers, extra = {}) => ({ form_id: 'wellbeing-check', case_id: c.id, completed_by: 'jointly', authored: day(-1), status: 'completed', answers, ...extra });
    const draft = await created(o, '/api/v1/form-responses', body({ in_school: true }, { status: 'in-progress' }));
    assert.equal((await o.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version, completed_by: 'child' })).status, 200);
    const mark = s2.auditHead();
    const st = await o.patch(`/api/v1/form-responses/${draft.id}`, { version: draft.version, completed_by: 'practitioner', status: 'completed', answers: { in_school: false, sleep: 'well' } });
    assert.equal(st.status, 409, st.text);
    const cl = await o.post(`/api/v1/form-responses/${draft.id}/close`, { version: draft.version, reason: 'Started on the wrong child' });
    assert.equal(cl.status, 409, cl.text);
    assert.deepEqual(s2.changesSince(mark), []);
    const now = (await o.get(`/api/v1/form-responses/${draft.id}`)).body;
    assert.equal(now.completed_by, 'child');
    assert.equal(now.status, 'in-progress');
    // Corrections racing.
    const done = await created(o, '/api/v1/form-responses', body({ sleep: 'well', in_school: false }));
    const rs = await Promise.all([0, 1, 2, 3].map((i) => o.post(`/api/v1/form-responses/${done.id}/correct`, {
      version: done.version, reason: `Correction number ${i}`, answers: { sleep: 'well', in_school: true, days_missed: i },
    })));
    const made = rs.filter((r) => r.status === 201);
    assert.equal(made.length, 1, rs.map((r) => `${r.status} ${r.text.slice(0, 100)}`).join(' / '));
    assert.ok(rs.every((r) => [201, 409].includes(r.status)), rs.map((r) => r.status).join());
    const old = (await o.get(`/api/v1/form-responses/${done.id}`)).body;
    assert.equal(old.superseded_by, made[0].body.id);
    const list = await o.get(`/api/v1/form-responses?case_id=${c.id}&form_id=wellbeing-check`);
    assert.deepEqual(list.body.items.filter((x) => x.status === 'completed').map((x) => x.id), [made[0].body.id]);
  } finally { await s2.stop(); rmSync(dir, { recursive: true, force: true }); }
});

test('held: GET /api/v1/cases?person_id= of the mother never lists her sealed parenting case to the child\'s officer or manager, also with a reason; another team\'s officer gets none of the child\'s cases, also with a reason', async () => {
  for (const c of [officer, manager]) {
    for (const h of [{}, { 'X-Break-Glass-Reason': 'Police asked about the family this morning' }]) {
      const r = await c.get(`/api/v1/cases?person_id=${mum.id}`, h);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.items.filter((x) => x.id === pcase.id), [], r.text.slice(0, 300));
      assert.ok(!r.text.includes('Parenting Team'), r.text.slice(0, 300));
      const k = await c.get(`/api/v1/cases?person_id=${kid.id}`, h);
      assert.deepEqual(k.body.items.map((x) => x.id), [yjCase.id]);
    }
  }
  for (const h of [{}, { 'X-Break-Glass-Reason': 'Police asked about the family this morning' }]) {
    const r = await south.get(`/api/v1/cases?person_id=${kid.id}`, h);
    assert.ok(r.status === 403 || (r.status === 200 && r.body.items.length === 0), `${r.status} ${r.text.slice(0, 200)}`);
  }
});

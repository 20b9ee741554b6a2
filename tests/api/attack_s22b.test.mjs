// Attacks of session 22 (afternoon) on what changed today and had not been
// attacked: a case's worker change moving the old worker's open tasks, the
// due list's and workload's ?limit=, KPI snapshots' answers, a merge's
// versions from its preview, Steps to Change about a family, the parent's
// own page, search's in_caseload and the measures' children lists. Each
// FINDING-n test FAILS while the fault it names is present; the other
// tests record what was tried and held. Runs on SQLite, and on PostgreSQL
// with SPIRE_TEST_STORE=postgresql.
//
// The fixture (as attack_s22's): a child (Kit) on a youth justice case in
// YJ North; his mother Mo is an adult member of the Dale family, with
// parent support from the parent worker of the Parenting Team, so her
// parenting case is sealed from the child's officer (docs/access.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, KPI_NOT_KNOWN, KPI_ANSWERS, mergeBody } from './lib.mjs';

const day = (n) => new Date(Date.now() + n * 86400000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const NEW_PW = 'harbour pencil thistle 41';

let srv, officer, officer2, south, manager, pw, social, admin;
let kid, mum, fam, yjCase, outcome, support;

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, ['parenting', 'Parenting Team']],
    users: [...USERS, ['pworker_p', 'parent_worker', 'parenting', 'Parenting Team']],
  });
  [officer, officer2, south, manager, pw, social, admin] = await srv.loginAll(['officer', 'officer2', 'officer_south', 'manager', 'pworker_p', 'social', 'admin']);
  kid = await createdPerson(officer, { given_name: 'Kit', family_name: 'Dale' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Mo', family_name: 'Dale', date_of_birth: '1983-05-05' });
  fam = await created(officer, '/api/v1/families', { name: 'Dale family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-40),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-41), description: 'Assault', category: 'violence_against_person', gravity: 3,
  });
  outcome = await created(officer, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-30), start_date: day(-30), offence_ids: [off.id],
  });
  support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
});
after(async () => { await srv.stop(); });

async function newCase(given) {
  const p = await createdPerson(officer, { given_name: given, family_name: 'Moves' });
  return created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: p.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-10),
  });
}
const owner = async (t) => (await manager.get(`/api/v1/tasks/${t.id}`)).body.owner_id;

// ---------------------------------------------------- a case's open tasks

test('FINDING-1 [MEDIUM] PATCH /api/v1/cases/{id} moving a case to another team with nobody on it (worker_id null), or with "open_tasks": "keep", leaves the old worker\'s open tasks with them: the worker, who can no longer read the case (403), still reads each task (200), may change and close it, and their due list and their old team\'s workload name the other team\'s child with the task (docs/access.md: a task is held by its case\'s team; docs/team-week.md: a case\'s open tasks go with it)', async () => {
  const meh = [];
  for (const [given, body] of [['Beta', { worker_id: null }], ['Gamma', { worker_id: null, open_tasks: 'keep' }], ['Delta', { open_tasks: 'keep' }]]) {
    const c = await newCase(given);
    const t = await created(officer, '/api/v1/tasks', { case_id: c.id, title: `Visit ${given} at home`, due_date: day(-2), owner_id: officer.user.id });
    const mv = await manager.patch(`/api/v1/cases/${c.id}`, { version: c.version, team_id: south.user.team_id, worker_id: south.user.id, ...body });
    assert.equal(mv.status, 200, mv.text);
    assert.equal(mv.body.team_id, south.user.team_id, 'baseline: the case is YJ South\'s now');
    assert.equal((await officer.get(`/api/v1/cases/${c.id}`)).status, 403, 'baseline: the old worker no longer reads the case');
    const where = `${given} (${JSON.stringify(body)}: open_tasks ${JSON.stringify(mv.body.open_tasks)})`;
    const rt = await officer.get(`/api/v1/tasks/${t.id}`);
    if (rt.status === 200) meh.push(`${where}: the old worker reads the task of YJ South's case`);
    const due = await officer.get('/api/v1/due?overdue=true&limit=200');
    if (due.text.includes(`Visit ${given}`) || due.text.includes(`"given_name":"${given}"`)) meh.push(`${where}: the old worker's due list names YJ South's child`);
    const wl = await manager.get(`/api/v1/teams/${manager.user.team_id}/workload`);
    if (wl.text.includes(`Visit ${given}`) || wl.text.includes(`"given_name":"${given}"`)) meh.push(`${where}: YJ North's workload lists YJ South's task and child`);
    if (rt.status === 200) {
      const ch = await officer.patch(`/api/v1/tasks/${t.id}`, { version: rt.body.version, title: 'Changed by the worker of another team' });
      if (ch.status === 200) meh.push(`${where}: the old worker changes the task of YJ South's case`);
    }
  }
  assert.deepEqual(meh, [], 'a case moved to another team leaves its tasks with a worker outside it');
});

test('held: a worker change: to another team\'s worker without the team, 400 naming worker_id, tasks stay; at an old version, 409, tasks stay; two at once, one wins and the tasks go to the winner; open_tasks of a wrong type without a worker change, 400 naming it', async () => {
  const c = await newCase('Alpha');
  const t = await created(officer, '/api/v1/tasks', { case_id: c.id, title: 'Ring school', due_date: day(3), owner_id: officer.user.id });
  const r1 = await manager.patch(`/api/v1/cases/${c.id}`, { version: c.version, worker_id: south.user.id });
  assert.equal(r1.status, 400, r1.text);
  assert.equal(r1.body.error.field, 'worker_id');
  assert.equal(await owner(t), officer.user.id);
  assert.equal((await manager.patch(`/api/v1/cases/${c.id}`, { version: c.version, reason: 'Referral order, reviewed' })).status, 200);
  const r2 = await manager.patch(`/api/v1/cases/${c.id}`, { version: c.version, worker_id: officer2.user.id });
  assert.equal(r2.status, 409, r2.text);
  assert.equal(await owner(t), officer.user.id);
  const v = (await manager.get(`/api/v1/cases/${c.id}`)).body.version;
  const pwy = await srv.login('parentworker');
  const rs = await Promise.all([officer2, pwy].map((x) => manager.patch(`/api/v1/cases/${c.id}`, { version: v, worker_id: x.user.id })));
  assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409]);
  const now = (await manager.get(`/api/v1/cases/${c.id}`)).body;
  assert.equal(await owner(t), now.worker_id);
  const ob = await manager.patch(`/api/v1/cases/${c.id}`, { version: now.version, open_tasks: 5, start_date: 'soon' });
  assert.equal(ob.status, 400, ob.text);
  assert.deepEqual(ob.body.errors.map((x) => x.field).sort(), ['open_tasks', 'start_date']);
  assert.equal((await manager.get(`/api/v1/cases/${c.id}`)).body.version, now.version);
});

test.skip('probe: limits', async () => {
  const out = [];
  for (const q of ['limit=0', 'limit=-1', 'limit=abc', 'limit=100000', 'limit=201', 'limit=1.5', 'limit=', 'offset=-1']) {
    const a = await manager.get(`/api/v1/due?scope=team&${q}`);
    const b = await manager.get(`/api/v1/teams/${manager.user.team_id}/workload?${q}`);
    out.push(`${q}: due ${a.status} ${a.status === 400 ? a.text.slice(0, 80) : a.body?.limit}; workload ${b.status} ${b.status === 400 ? b.text.slice(0, 80) : b.body?.overdue_limit}`);
  }
  console.log(out.join('\n'));
});

test.skip('probe: kpi', async () => {
  const blank = await officer.post('/api/v1/kpi-snapshots', { outcome_id: outcome.id, point: 'release', measured_on: 'soon' });
  console.log('kpi blank+bad', blank.status, blank.body?.errors?.map((e) => e.field).join());
  const one = await officer.post('/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: outcome.id, point: 'start', measured_on: day(-5), looked_after: 'maybe', accommodation: undefined });
  console.log('kpi bad+missing', one.status, one.body?.errors?.map((e) => e.field).join());
  const k = await officer.post('/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: outcome.id, point: 'start', measured_on: day(-5) });
  console.log('kpi ok', k.status);
  if (k.status === 201) {
    const p = await officer.patch(`/api/v1/kpi-snapshots/${k.body.id}`, { version: k.body.version, looked_after: 'x', accommodation: 'castle', measured_on: 'x' });
    console.log('kpi patch bad', p.status, p.body?.errors?.map((e) => e.field).join());
    const s = await south.get(`/api/v1/kpi-snapshots/${k.body.id}`);
    console.log('kpi south', s.status);
    const l = await south.get(`/api/v1/kpi-snapshots?person_id=${kid.id}`);
    console.log('kpi south list', l.status, l.text.slice(0, 100));
  }
});

test.skip('probe: merges', async () => {
  const a = await createdPerson(officer, { given_name: 'Jory', family_name: 'Penn', date_of_birth: '2010-02-02' });
  const b = await createdPerson(officer, { given_name: 'Jory', family_name: 'Pen', date_of_birth: '2010-02-02' });
  const body = await mergeBody(manager, a.id, b.id, 'The same child: same name and school');
  for (const bad of [{ kept_version: 'x', merged_version: -1, moves_total: 'lots', reason: '' }, { kept_version: null, merged_version: null, moves_total: null },
    { kept_version: 1.5 }, { moves_total: -1 }, { kept_version: undefined, merged_version: undefined, moves_total: undefined }]) {
    const r = await manager.post('/api/v1/people/merges', { ...body, ...bad });
    console.log('merge bad', JSON.stringify(bad), r.status, r.body?.errors?.map((e) => e.field).join() ?? r.text.slice(0, 100));
  }
  const r = await manager.post('/api/v1/people/merges', { ...body, moves_total: body.moves_total + 1 });
  console.log('merge moves +1', r.status, r.text.slice(0, 150));
  const s = await south.post('/api/v1/people/merges', body);
  console.log('merge south', s.status);
  const o = await officer.get(`/api/v1/people/merges/preview?kept_id=${a.id}&merged_id=${kid.id}`);
  console.log('preview officer', o.status);
  const sp = await manager.get(`/api/v1/people/merges/preview?kept_id=${a.id}&merged_id=${mum.id}`);
  console.log('preview manager with mum (sealed parenting case)', sp.status, sp.text.slice(0, 400));
});

test.skip('probe: steps to change', async () => {
  const base = { form_id: 'steps-to-change', completed_by: 'jointly', authored: day(-1), status: 'in-progress', answers: {} };
  for (const [who, c, extra] of [['south', south, { family_id: fam.id }], ['social', social, { family_id: fam.id }], ['pworker_p', pw, { family_id: fam.id }],
    ['officer', officer, { family_id: fam.id, case_id: yjCase.id }], ['officer', officer, { family_id: 999999 }], ['officer', officer, { family_id: 'x', completed_by: 'child' }],
    ['officer', officer, { family_id: fam.id, person_id: kid.id }]]) {
    const r = await c.post('/api/v1/form-responses', { ...base, ...extra });
    console.log('stc', who, JSON.stringify(extra), r.status, r.text.slice(0, 200));
  }
});

test('probe: my-family young parent', async () => {
  const gm = await createdPerson(officer, { given_name: 'Gran', family_name: 'Yew' });
  const yp = await created(officer, '/api/v1/people', { given_name: 'Yara', family_name: 'Yew', date_of_birth: '2007-07-07' });
  const sib = await createdPerson(officer, { given_name: 'Sibling', family_name: 'Yew' });
  const old = await created(officer, '/api/v1/families', { name: 'Yew family (Gran)' });
  await created(officer, `/api/v1/families/${old.id}/members`, { person_id: sib.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${old.id}/members`, { person_id: gm.id, member_type: 'adult', relationship: 'mother', child_id: sib.id, parental_responsibility: true, in_household: true });
  await created(officer, '/api/v1/family-plans', { family_id: old.id, wants_to_change: 'Gran wants Sibling home by nine', agreed_on: day(-5), next_review_date: day(20) });
  const baby = await createdPerson(officer, { given_name: 'Babe', family_name: 'Yew' });
  const mine = await created(officer, '/api/v1/families', { name: 'Yara family' });
  await created(officer, `/api/v1/families/${mine.id}/members`, { person_id: baby.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${mine.id}/members`, { person_id: yp.id, member_type: 'adult', relationship: 'mother', child_id: baby.id, parental_responsibility: true, in_household: true });
  await srv.makeParent(officer, 'yara.yew', yp, NEW_PW);
  const p = await srv.login('yara.yew', NEW_PW);
  const r0 = await p.get('/api/v1/my-family');
  console.log('my-family before', r0.status, r0.body?.family?.name);
  const m = await officer.post(`/api/v1/families/${old.id}/members`, { person_id: yp.id, member_type: 'child', relationship: 'child', in_household: true });
  console.log('add as child after account', m.status, m.text.slice(0, 200));
  const m2 = await officer.post(`/api/v1/families/${old.id}/members`, { person_id: yp.id, member_type: 'adult', relationship: 'sister', child_id: sib.id, in_household: true });
  console.log('add as adult sister in household', m2.status, m2.text.slice(0, 200));
  const r = await p.get('/api/v1/my-family');
  console.log('my-family young parent', r.status, r.text.slice(0, 200), r.body?.family?.name, r.body?.members?.map((x) => x.given_name).join(), JSON.stringify(r.body?.plan?.wants_to_change));
  // a parent's page after her own family closes
  const fams = await p.get('/api/v1/my-family?family_id=' + old.id);
  console.log('my-family ?family_id', fams.status, fams.body?.family?.name);
});

test.skip('probe: search in_caseload', async () => {
  for (const [who, c] of [['officer', officer], ['pworker_p', pw], ['manager', manager], ['south', south]]) {
    const r = await c.get('/api/v1/people?q=Mo%20Dale&date_of_birth=1983-05-05');
    console.log('search', who, r.status, JSON.stringify(r.body?.items?.map((x) => [x.id, x.in_scope, x.in_caseload, Object.keys(x).length])));
  }
});

test.skip('probe: measures children', async () => {
  const meh = await srv.login('manager_eh');
  const q = `from=${day(-365)}&to=${day(0)}`;
  const names = (await manager.get('/api/v1/measures')).body.items.map((m) => m.name);
  for (const name of names) {
    for (const kind of ['children', 'parents']) {
      const f = await meh.get(`/api/v1/measures/${name}?${q}`);
      const c = await meh.get(`/api/v1/measures/${name}/${kind}?${q}`);
      if (c.status === 404) continue;
      if (c.body && 'outside_your_service' in c.body) console.log('m', name, kind, JSON.stringify({ n: f.body?.numerator, d: f.body?.denominator, s: f.body?.suppressed, o: c.body.outside_your_service, items: c.body.items?.length }));
    }
  }
});

test('probe: parenting items in a youth justice team', async () => {
  const pwy = await srv.login('parentworker');
  const snap = async (tag) => {
    const d = await manager.get('/api/v1/due?scope=team&overdue=true&limit=200');
    const d2 = await officer2.get('/api/v1/due?scope=team&within=90&limit=200');
    const w = await manager.get(`/api/v1/teams/${manager.user.team_id}/workload`);
    const cl = await manager.get(`/api/v1/teams/${manager.user.team_id}/caseload?limit=200`);
    const pwrow = w.body.workers.find((x) => x.worker_id === pwy.user.id);
    const wp = await pw.get(`/api/v1/teams/${pw.user.team_id}/workload`);
    const dp = await pw.get('/api/v1/due?scope=team&within=90&limit=200');
    console.log(tag, JSON.stringify({ due_total: d.body.total, due_over: d.body.overdue_total, dueDad: d.text.includes('Dad'), off2: [d2.body.total, d2.text.includes('Dad')],
      wl_total: w.body.overdue_total, wlDad: w.text.includes('Dad'), pwrow, clDad: cl.text.includes('Dad'), cl_total: cl.body.total,
      pteam: [wp.status, wp.body?.overdue_total, wp.text.includes('Dad'), dp.status, dp.body?.total, dp.text.includes('Dad')] }));
  };
  await snap('before');
  const dad = await created(officer, '/api/v1/people', { given_name: 'Dad', family_name: 'Dale', date_of_birth: '1980-03-03' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true, in_household: true });
  const s = await pwy.post('/api/v1/parent-supports', { person_id: dad.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20), next_review_date: day(-3) });
  console.log('support', s.status, s.text.slice(0, 300));
  if (s.status !== 201) return;
  const pc = await pwy.get(`/api/v1/cases/${s.body.case_id}`);
  console.log('pcase team', pc.body.team_id, pc.body.team_name, pc.body.worker_id);
  for (const b of [{ session_date: day(-4), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' }]) {
    const r = await pwy.post('/api/v1/parent-sessions', { case_id: s.body.case_id, ...b });
    console.log('session', r.status, r.text.slice(0, 150));
  }
  const pi = await pwy.post('/api/v1/parent-plan-items', { case_id: s.body.case_id, goal: 'Dad secret goal', status: 'not_started', due_date: day(-2) });
  console.log('plan item', pi.status, pi.text.slice(0, 150));
  const t = await pwy.post('/api/v1/tasks', { case_id: s.body.case_id, title: 'Dad secret task', due_date: day(-2) });
  console.log('task', t.status, t.text.slice(0, 150));
  await snap('after');
  const pwd = await pwy.get('/api/v1/due?scope=team&overdue=true&limit=200');
  console.log('pwy due team', pwd.body.total, pwd.text.includes('Dad'));
});

test('probe: board pack during writes', async () => {
  const analyst = await srv.login('analyst');
  const writes = async () => {
    const out = [];
    for (let i = 0; i < 15; i += 1) {
      const p = await officer.post('/api/v1/people', { given_name: `Pack${i}`, family_name: 'Racer', date_of_birth: '2010-01-01', allow_duplicate: true });
      out.push(p.status);
      if (p.status === 201) {
        const c = await officer.post('/api/v1/cases', { service: 'youth_justice', reason: 'Referral order', person_id: p.body.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-5) });
        out.push(c.status);
      }
    }
    return out;
  };
  const packs = async () => {
    const out = [];
    for (let i = 0; i < 4; i += 1) { const r = await analyst.get('/api/v1/board-pack'); out.push(`${r.status}${r.status !== 200 ? r.text.slice(0, 120) : ''}`); }
    return out;
  };
  const [w, p1, p2] = await Promise.all([writes(), packs(), packs()]);
  console.log('writes', w.join(','));
  console.log('packs', p1.join(','), p2.join(','));
  console.log('alive', (await manager.get('/api/v1/due')).status);
});

test('probe: merges racing', async () => {
  const manager2 = await srv.login('manager');
  for (let round = 0; round < 3; round += 1) {
    const a = await createdPerson(officer, { given_name: 'Rae', family_name: `Cer${round}`, date_of_birth: '2010-02-02' });
    const b = await createdPerson(officer, { given_name: 'Rae', family_name: `Cerr${round}`, date_of_birth: '2010-02-02' });
    const c = await createdPerson(officer, { given_name: 'Rae', family_name: `Cerrr${round}`, date_of_birth: '2010-02-02' });
    await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral order', person_id: b.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-5) });
    const ab = await mergeBody(manager, a.id, b.id, 'The same child: same name and school');
    const ba = await mergeBody(manager2, b.id, a.id, 'The same child: same name and school');
    const cb = await mergeBody(manager2, c.id, b.id, 'The same child: same name and school');
    const rs = await Promise.all([manager.post('/api/v1/people/merges', ab), manager2.post('/api/v1/people/merges', ba), manager2.post('/api/v1/people/merges', cb)]);
    const people = await Promise.all([a, b, c].map(async (x) => (await manager.get(`/api/v1/people/${x.id}`)).body));
    const cases = (await manager.get(`/api/v1/cases?person_id=${a.id}`)).body?.items?.length;
    console.log('merge race', round, rs.map((r) => `${r.status} ${r.status !== 201 ? r.text.slice(0, 90) : ''}`).join(' | '), people.map((p) => `${p.id}:${p.closed_at ? 'closed' : 'open'}:${p.merged_into ?? ''}`).join(' '), 'cases of a', cases);
  }
});

test('probe: yj parent worker reads the parenting team', async () => {
  const pwy = await srv.login('parentworker');
  const dad = await created(officer, '/api/v1/people', { given_name: 'Dadd', family_name: 'Dale', date_of_birth: '1980-03-03' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true, in_household: true });
  const team = pw.user.team_id;
  for (const [tag, c] of [['pwy', pwy], ['officer', officer], ['manager', manager]]) {
    const w = await c.get(`/api/v1/teams/${team}/workload`);
    const cl = await c.get(`/api/v1/teams/${team}/caseload?limit=200`);
    console.log(tag, 'before', w.status, cl.status, w.text.includes('Mo'), cl.text.includes('"Mo"'));
  }
  const s = await pwy.post('/api/v1/parent-supports', { person_id: dad.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20), next_review_date: day(-3) });
  await created(pw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(-4), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' });
  console.log('support', s.status);
  for (const [tag, c] of [['pwy', pwy], ['officer', officer], ['manager', manager]]) {
    const w = await c.get(`/api/v1/teams/${team}/workload`);
    const cl = await c.get(`/api/v1/teams/${team}/caseload?limit=200`);
    const d = await c.get('/api/v1/due?scope=team&within=90&limit=200');
    console.log(tag, 'after', w.status, cl.status, w.text.includes('"Mo"'), cl.text.includes('"Mo"'), d.text.includes('"Mo"'), w.text.slice(0, 300));
  }
  const mc = await pwy.get(`/api/v1/cases/${support.case_id}`);
  console.log('pwy reads Mo case', mc.status);
});

test('FINDING-2 [MEDIUM] GET /api/v1/measures/{name}/children?by=sex&group=male to a manager of another service answers outside_your_service: 5 for a count the figure withholds by secondary suppression (first-time entrants, disposals and offence outcomes of 1 girl, 5 boys and 1 child of sex not known: the manager\'s ?by=sex withholds all three and its total, the 5 withheld to protect the 1s); with the 7 of the figure without a breakdown, the girl and the child of sex not known are one each. The FINDING-4 fix of attack_s22 withholds only counts under 5 (its commit: a withheld figure\'s count outside the reader\'s service is withheld too; docs/measures.md: such a manager gets the figures suppressed like an analyst)', async () => {
  const meh = await srv.login('manager_eh');
  for (const [i, sex] of ['male', 'male', 'male', 'male', 'male', 'female'].entries()) {
    const p = await created(officer, '/api/v1/people', { given_name: `Grp${i}`, family_name: 'Kid', date_of_birth: '2010-01-01', sex, ethnicity: 'white_british' });
    const k = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: p.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-60) });
    const o = await created(officer, '/api/v1/offences', { case_id: k.id, offence_date: day(-50), description: 'Theft', category: 'violence_against_person', gravity: 3 });
    await created(officer, '/api/v1/outcomes', { case_id: k.id, outcome_type: 'youth_caution', outcome_date: day(-40), offence_ids: [o.id] });
  }
  const q = `from=${day(-365)}&to=${day(0)}&by=sex`;
  const leaks = [];
  for (const name of ['first-time-entrants', 'disposals', 'offence-outcomes']) {
    const mg = Object.fromEntries((await manager.get(`/api/v1/measures/${name}?${q}`)).body.groups.map((g) => [g.group, g.numerator]));
    assert.deepEqual([mg.female, mg.male, mg.not_known], [1, 5, 1], `${name}: baseline: the youth justice manager sees 1, 5 and 1 (Kit's sex not known)`);
    const f = await meh.get(`/api/v1/measures/${name}?${q}`);
    assert.equal(f.status, 200, f.text);
    assert.equal(f.body.numerator, null, `${name}: baseline: the total is withheld from this manager`);
    const whole = await meh.get(`/api/v1/measures/${name}/children?${q.replace('&by=sex', '')}`);
    assert.deepEqual(whole.body.items, [], 'no child of another service listed');
    const f0 = await meh.get(`/api/v1/measures/${name}?${q.replace('&by=sex', '')}`);
    if (f0.body.numerator === null && Number.isInteger(whole.body.outside_your_service)) leaks.push(`${name}: total withheld, the list says ${whole.body.outside_your_service}`);
    for (const g of f.body.groups) {
      if (g.numerator !== null) continue;
      const c = await meh.get(`/api/v1/measures/${name}/children?${q}&group=${g.group}`);
      assert.equal(c.status, 200, c.text);
      if (Number.isInteger(c.body.outside_your_service)) leaks.push(`${name} ${g.group}: withheld, the list says ${c.body.outside_your_service}`);
    }
  }
  assert.deepEqual(leaks, [], 'counts withheld from the figure answered by the children lists');
});

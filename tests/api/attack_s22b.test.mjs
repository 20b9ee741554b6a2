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

test.skip('probe: my-family young parent', async () => {
  const gm = await createdPerson(officer, { given_name: 'Gran', family_name: 'Yew' });
  const yp = await created(officer, '/api/v1/people', { given_name: 'Yara', family_name: 'Yew', date_of_birth: '2007-07-07' });
  const sib = await createdPerson(officer, { given_name: 'Sibling', family_name: 'Yew' });
  const old = await created(officer, '/api/v1/families', { name: 'Yew family (Gran)' });
  await created(officer, `/api/v1/families/${old.id}/members`, { person_id: sib.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${old.id}/members`, { person_id: yp.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${old.id}/members`, { person_id: gm.id, member_type: 'adult', relationship: 'mother', child_id: sib.id, parental_responsibility: true, in_household: true });
  const baby = await createdPerson(officer, { given_name: 'Babe', family_name: 'Yew' });
  const mine = await created(officer, '/api/v1/families', { name: 'Yara family' });
  await created(officer, `/api/v1/families/${mine.id}/members`, { person_id: baby.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${mine.id}/members`, { person_id: yp.id, member_type: 'adult', relationship: 'mother', child_id: baby.id, parental_responsibility: true, in_household: true });
  const inv = await srv.makeParent(officer, 'yara.yew', yp, NEW_PW).catch((e) => e);
  console.log('makeParent', String(inv).slice(0, 100));
  const p = await srv.login('yara.yew', NEW_PW);
  const r = await p.get('/api/v1/my-family');
  console.log('my-family young parent', r.status, r.body?.family?.name, r.body?.members?.map((m) => m.given_name).join());
  // adult with in_household but no PR, e.g. a lodger, in an older family
  const lod = await created(officer, '/api/v1/people', { given_name: 'Lodge', family_name: 'Er', date_of_birth: '1970-01-01' });
  const lf = await created(officer, '/api/v1/families', { name: 'Host family' });
  const hk = await createdPerson(officer, { given_name: 'Hostkid', family_name: 'Er' });
  await created(officer, `/api/v1/families/${lf.id}/members`, { person_id: hk.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${lf.id}/members`, { person_id: lod.id, member_type: 'adult', relationship: 'other', child_id: hk.id, in_household: false, parental_responsibility: false });
  await srv.makeParent(officer, 'lodge.er', lod, NEW_PW).catch((e) => console.log('mk', String(e).slice(0, 200)));
  const lp = await srv.login('lodge.er', NEW_PW).catch(() => null);
  if (lp) { const x = await lp.get('/api/v1/my-family'); console.log('no-PR not-household', x.status, x.text.slice(0, 150)); }
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

// Access and disclosure faults of session 23 (helper FIXA), each test
// FAILS while the fault it names is present. Runs on SQLite, and on
// PostgreSQL with SPIRE_TEST_STORE=postgresql.
//
// 1. Who may re-allocate work (docs/access.md, "Who may re-allocate
//    work"): a practitioner hands on only what they hold; a manager may
//    re-allocate; a colleague may not take a case, task or key worker role.
// 2. A withheld small count beside groups (or periods) of 0 has a 0
//    withheld beside it, so the zeros do not say where the children are.
// 3. A refused read of a family, or a refused merge (preview), is audited
//    about the people it was about: the family's members, both people.
// 4. A young mother recorded as a child in her own mother's family reaches
//    the parent portal for her own family, and only that.
// (5., a change to the services table, is tests/store/services_summary.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay as day } from './lib.mjs';


let srv, officer, officer2, manager, admin, south, hub, analyst, managerEh;

before(async () => {
  srv = await Server.start();
  [officer, officer2, manager, admin, south, hub, analyst, managerEh] = await srv.loginAll(['officer', 'officer2', 'manager', 'admin', 'officer_south', 'hub', 'analyst', 'manager_eh']);
});
after(async () => { await srv.stop(); });

async function caseOf(worker, given) {
  const p = await createdPerson(officer2, { given_name: given, family_name: 'Realloc' });
  return created(officer2, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: p.id, team_id: officer2.user.team_id,
    worker_id: worker, start_date: day(-10),
  });
}

test('1. a youth justice officer cannot take a colleague\'s case, hand it away, or take an unallocated one; the worker and a manager can', async () => {
  const c = await caseOf(officer2.user.id, 'Taken');
  const head = srv.auditHead();
  for (const worker_id of [officer.user.id, null]) {
    const r = await officer.patch(`/api/v1/cases/${c.id}`, { version: c.version, worker_id });
    assert.equal(r.status, 403, `${worker_id}: ${r.text}`);
    assert.equal(r.body.error.field, 'worker_id');
    assert.equal(r.body.error.message, 'You can only re-allocate a case you hold. Ask a manager of the team to re-allocate it');
  }
  assert.deepEqual(srv.changesSince(head), []);
  const denied = srv.audit({ action: 'denied', record_type: 'case', record_id: c.id }, head);
  assert.equal(denied.length, 2);
  assert.equal(denied[0].person_id, c.person_id);
  assert.equal((await officer.get(`/api/v1/cases/${c.id}`)).body.worker_id, officer2.user.id);
  // An unallocated case of the team is allocated by a manager.
  const u = await caseOf(null, 'Waiting');
  let r = await officer.patch(`/api/v1/cases/${u.id}`, { version: u.version, worker_id: officer.user.id });
  assert.equal(r.status, 403, r.text);
  r = await manager.patch(`/api/v1/cases/${u.id}`, { version: u.version, worker_id: officer.user.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.worker_id, officer.user.id);
  // The worker hands it on; other changes by a colleague stay allowed.
  r = await officer2.patch(`/api/v1/cases/${c.id}`, { version: c.version, worker_id: officer.user.id });
  assert.equal(r.status, 200, r.text);
  r = await officer2.patch(`/api/v1/cases/${c.id}`, { version: r.body.version, reason: 'Referral order, panel met' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.worker_id, officer.user.id);
  // Admins hold no case work.
  assert.equal((await admin.patch(`/api/v1/cases/${c.id}`, { version: r.body.version, worker_id: officer2.user.id })).status, 403);
});

test('1. a task is passed on by its owner or a manager, not taken by a colleague', async () => {
  const c = await caseOf(officer2.user.id, 'Tasked');
  const t = await created(officer2, '/api/v1/tasks', { case_id: c.id, title: 'Visit', due_date: day(5), owner_id: officer2.user.id });
  const head = srv.auditHead();
  let r = await officer.patch(`/api/v1/tasks/${t.id}`, { version: t.version, owner_id: officer.user.id });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.body.error.field, 'owner_id');
  assert.equal(r.body.error.message, 'You can only pass on a task that is yours. Ask its owner or a manager to pass it on');
  assert.deepEqual(srv.changesSince(head), []);
  // A colleague may still change what the task says.
  r = await officer.patch(`/api/v1/tasks/${t.id}`, { version: t.version, title: 'Home visit' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.owner_id, officer2.user.id);
  r = await officer2.patch(`/api/v1/tasks/${t.id}`, { version: r.body.version, owner_id: officer.user.id });
  assert.equal(r.status, 200, r.text);
  r = await manager.patch(`/api/v1/tasks/${t.id}`, { version: r.body.version, owner_id: officer2.user.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.owner_id, officer2.user.id);
});

test('1. a family\'s key worker is changed by the key worker or a manager; a family with none may be given one by its workers', async () => {
  const f = await created(officer2, '/api/v1/families', { name: 'Keyed family' });
  let r = await officer.patch(`/api/v1/families/${f.id}`, { version: f.version, key_worker_id: officer2.user.id });
  assert.equal(r.status, 200, r.text);
  const head = srv.auditHead();
  for (const key_worker_id of [officer.user.id, null]) {
    const x = await officer.patch(`/api/v1/families/${f.id}`, { version: r.body.version, key_worker_id });
    assert.equal(x.status, 403, x.text);
    assert.equal(x.body.error.field, 'key_worker_id');
    assert.equal(x.body.error.message, "Only the family's key worker or a manager can change who the key worker is");
  }
  assert.deepEqual(srv.changesSince(head), []);
  r = await officer2.patch(`/api/v1/families/${f.id}`, { version: r.body.version, key_worker_id: officer.user.id });
  assert.equal(r.status, 200, r.text);
  r = await manager.patch(`/api/v1/families/${f.id}`, { version: r.body.version, key_worker_id: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.key_worker_id, null);
});

test('3. a refused read of a family is audited about each of its members, so "who tried to look at this child" finds it', async () => {
  const kid = await createdPerson(officer, { given_name: 'Fenn', family_name: 'Denied' });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Fay', family_name: 'Denied', date_of_birth: '1985-02-02' });
  const fam = await created(officer, '/api/v1/families', { name: 'Denied family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  for (const [method, path] of [['GET', `/api/v1/families/${fam.id}`], ['POST', `/api/v1/families/${fam.id}/close`]]) {
    const head = srv.auditHead();
    const r = method === 'GET' ? await south.get(path) : await south.post(path, { version: fam.version, reason: 'Not needed now' });
    assert.equal(r.status, 403, `${path}: ${r.text}`);
    const rows = srv.audit({ action: 'denied' }, head);
    assert.deepEqual(rows.map((x) => `${x.record_type} ${x.record_id} ${x.person_id}`).sort(),
      [`family ${fam.id} ${kid.id}`, `family ${fam.id} ${mum.id}`].sort(), path);
    assert.ok(rows.every((x) => x.detail === `${method} ${path.replace(`/families/${fam.id}`, '/families/{id}')}`), JSON.stringify(rows));
  }
  // A family named in a body (a family plan's family) is audited the same way.
  const head = srv.auditHead();
  const r = await south.post('/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Calmer mornings', agreed_on: day(-1) });
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(srv.audit({ action: 'denied' }, head).map((x) => x.person_id).sort(), [kid.id, mum.id].sort());
  // Who viewed the child shows the attempt.
  const who = await manager.get(`/api/v1/audit?person_id=${kid.id}`);
  assert.equal(who.status, 200, who.text);
  assert.ok(who.body.items.some((x) => x.action === 'denied' && x.user_id === south.user.id && x.record_type === 'family'), who.text);
});

test('3. a refused merge preview is audited about both people', async () => {
  const kept = await createdPerson(officer, { given_name: 'Kept', family_name: 'Pair' });
  const away = await created(hub, '/api/v1/people', { given_name: 'Away', family_name: 'Pair', date_of_birth: '1990-03-03' });
  const q = `/api/v1/people/merges/preview?kept_id=${kept.id}&merged_id=${away.id}`;
  for (const [who, c] of [['manager', manager], ['officer', officer]]) {
    const head = srv.auditHead();
    const r = await c.get(q);
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    const rows = srv.audit({ action: 'denied' }, head);
    assert.deepEqual(rows.map((x) => `${x.record_type} ${x.record_id} ${x.person_id}`).sort(),
      [`person ${kept.id} ${kept.id}`, `person ${away.id} ${away.id}`].sort(), who);
  }
  // And the merge itself.
  const head = srv.auditHead();
  const r = await manager.post('/api/v1/people/merges', { kept_id: kept.id, merged_id: away.id, reason: 'Same person twice', kept_version: 1, merged_version: 1, moves_total: 0 });
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(srv.audit({ action: 'denied' }, head).map((x) => x.person_id).sort(), [kept.id, away.id].sort());
});

test('4. a young mother recorded as a child in her own mother\'s family is invited as a parent and reaches her own family\'s page, never her mother\'s', async () => {
  const gran = await created(officer, '/api/v1/people', { given_name: 'Gwen', family_name: 'Young', date_of_birth: '1980-04-04' });
  const mia = await created(officer, '/api/v1/people', { given_name: 'Mia', family_name: 'Young', date_of_birth: day(-17 * 365 - 40) });
  const baby = await created(officer, '/api/v1/people', { given_name: 'Bo', family_name: 'Young', date_of_birth: day(-200) });
  const granFam = await created(officer, '/api/v1/families', { name: 'Gwen Young family' });
  await created(officer, `/api/v1/families/${granFam.id}/members`, { person_id: mia.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${granFam.id}/members`, { person_id: gran.id, member_type: 'adult', relationship: 'mother', child_id: mia.id, parental_responsibility: true, in_household: true });
  const own = await created(officer, '/api/v1/families', { name: 'Mia Young family' });
  await created(officer, `/api/v1/families/${own.id}/members`, { person_id: baby.id, member_type: 'child', relationship: 'child', in_household: true });
  const miaMember = await created(officer, `/api/v1/families/${own.id}/members`, { person_id: mia.id, member_type: 'adult', relationship: 'mother', child_id: baby.id, parental_responsibility: true, in_household: true });
  const inv = await officer.post(`/api/v1/people/${mia.id}/parent-account`, {});
  assert.equal(inv.status, 201, inv.text);
  const red = await srv.anon.post('/api/v1/parent-invitations/redeem', { code: inv.body.code, username: 'mia.young', password: 'lantern copper meadow 72' });
  assert.equal(red.status, 200, red.text);
  const miaLogin = await srv.login('mia.young', 'lantern copper meadow 72');
  const r = await miaLogin.get('/api/v1/my-family');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.family, { id: own.id, name: 'Mia Young family' });
  assert.deepEqual(r.body.members.map((m) => `${m.given_name} ${m.relationship}`).sort(), ['Bo child', 'Mia mother']);
  assert.ok(!r.text.includes('Gwen'), 'her mother\'s family is not shown');
  // Her mother's family stays closed to her account.
  assert.equal((await miaLogin.get(`/api/v1/families/${granFam.id}`)).status, 403);
  // Without parental responsibility in a family of her own she is the child
  // of a family only: refused, as before.
  const up = await officer.patch(`/api/v1/family-members/${miaMember.id}`, { version: miaMember.version, parental_responsibility: false });
  assert.equal(up.status, 200, up.text);
  const no = await miaLogin.get('/api/v1/my-family');
  assert.equal(no.status, 403, no.text);
  assert.equal(no.body.error.message, 'This page is for a parent or carer in the family');
  // Nor is a child with no parental responsibility anywhere invited.
  const sib = await created(officer, '/api/v1/people', { given_name: 'Sam', family_name: 'Young', date_of_birth: day(-17 * 365 - 80) });
  await created(officer, `/api/v1/families/${granFam.id}/members`, { person_id: sib.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${own.id}/members`, { person_id: sib.id, member_type: 'adult', relationship: 'aunt', child_id: baby.id, in_household: true });
  const k = await officer.post(`/api/v1/people/${sib.id}/parent-account`, {});
  assert.equal(k.status, 409, k.text);
  assert.match(k.body.error.message, /recorded as a child in a family/);
});

test('2. a breakdown with one small group and zeros beside it withholds a zero too, in the API and the pack; the children list does not answer the zero', async () => {
  // 2025/26: three boys given a youth caution in May, nobody else.
  for (let i = 0; i < 3; i++) {
    const p = await created(manager, '/api/v1/people', { given_name: `Lone${i}`, family_name: 'Group', date_of_birth: '2008-06-01', sex: 'male', ethnicity: 'white_british' });
    const k = await created(manager, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: p.id, team_id: manager.user.team_id, start_date: '2025-01-01' });
    const off = await created(manager, '/api/v1/offences', { case_id: k.id, offence_date: '2025-04-01', description: 'Theft', category: 'theft', gravity: 2 });
    await created(manager, '/api/v1/outcomes', { case_id: k.id, outcome_type: 'youth_caution', outcome_date: '2025-05-01', offence_ids: [off.id] });
  }
  const q = '/api/v1/measures/disposals?from=2025-04-01&to=2026-03-31';
  const m = (await manager.get(`${q}&by=sex`)).body;
  assert.equal(m.numerator, 3, 'the youth justice manager sees every figure');
  assert.ok(m.groups.filter((g) => g.group !== 'male').every((g) => g.numerator === 0));
  for (const by of ['sex', 'ethnicity', 'age']) {
    const r = await analyst.get(`${q}&by=${by}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.numerator, null);
    const hidden = r.body.groups.filter((g) => g.numerator === null);
    assert.ok(hidden.length >= 2, `${by}: the small group is not the only one withheld: ${JSON.stringify(r.body.groups.map((g) => [g.group, g.numerator]))}`);
    assert.ok(hidden.some((g) => g.suppressed.includes('numerator')));
  }
  // The quarters too: May's 3 beside three quarters of 0.
  const y = (await analyst.get(q)).body;
  assert.ok(y.periods.filter((p) => p.numerator === null).length >= 2, JSON.stringify(y.periods.map((p) => p.numerator)));
  // The same rule in the board pack (and so its workbook).
  const pack = (await analyst.get(`/api/v1/board-pack?quarter=${encodeURIComponent('2025/26 Q4')}`)).body;
  const d = pack.measures.find((x) => x.measure === 'disposals' || x.name === 'disposals');
  assert.ok(d, Object.keys(pack.measures[0]).join());
  assert.ok(d.periods.filter((p) => p.numerator === null).length !== 1, JSON.stringify(d.periods.map((p) => p.numerator)));
  // A manager of another service gets the figure suppressed: the children
  // list does not answer a group's 0 either.
  for (const group of ['male', 'female']) {
    const c = await managerEh.get(`/api/v1/measures/disposals/children?from=2025-04-01&to=2026-03-31&by=sex&group=${group}`);
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.body.items, []);
    assert.equal(c.body.outside_your_service, null, group);
    assert.deepEqual(c.body.suppressed, ['outside_your_service']);
  }
});

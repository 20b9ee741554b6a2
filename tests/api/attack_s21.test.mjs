// Attacks on what s21 added: a person's page and family list showing other
// families only as families_elsewhere, the parent-account status route and
// replaced invitations, the due list's subjects (dates of birth, a family's
// first child) and totals, forms refused on a case of the wrong kind, the
// name search folded in C, and the framing front's reads (pipelined, split,
// half-closed and oversized heads). Each FINDING-n test FAILS while the
// fault it names is present; the other tests record what was tried and
// held. Runs on SQLite, and on PostgreSQL with SPIRE_TEST_STORE=postgresql
// (where the last test also cuts the server's connection).
//
// The fixture (as attack_s20b's): a child (Kit) on a youth justice case in
// YJ North; his mother Mo is an adult member of the Dale family, with parent
// support from the parent worker of the Parenting Team, so her parenting
// case is sealed from the child's officer (docs/access.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { Server, USERS, TEAMS, PG, created, createdPerson, spire, daleFamilyWithOrder, ukDay as day, parentingFixture } from './lib.mjs';

const NEW_PW = 'harbour pencil thistle 41';

let srv, officer, south, manager, pw, social;
let kid, mum, fam, yjCase, outcome, pcase;

const invite = (c, p) => c.post(`/api/v1/people/${p.id}/parent-account`, {});
const redeem = (body) => srv.anon.post('/api/v1/parent-invitations/redeem', body);

// raw(bytes, {chunks, gap, halfClose}): what the server answers to these
// bytes on one connection (written whole, or in `chunks` pieces `gap` ms
// apart; with halfClose the client ends its side after writing): the whole
// text read until the server closes or 3 s pass with nothing more.
function raw(data, { chunks = 1, gap = 0, halfClose = false, idle = 3000 } = {}) {
  return new Promise((ok, fail) => {
    const s = net.connect({ host: '127.0.0.1', port: srv.port, allowHalfOpen: true });
    let out = '';
    let timer = null;
    const done = () => { clearTimeout(timer); s.destroy(); ok(out); };
    const arm = () => { clearTimeout(timer); timer = setTimeout(done, idle); };
    s.on('data', (d) => { out += d.toString('latin1'); arm(); });
    s.on('end', done);
    s.on('error', (e) => (out ? done() : fail(e)));
    s.on('connect', async () => {
      const buf = Buffer.from(data, 'latin1');
      const size = Math.ceil(buf.length / chunks);
      for (let i = 0; i < buf.length; i += size) {
        s.write(buf.subarray(i, i + size));
        if (gap) await new Promise((r) => setTimeout(r, gap));
      }
      if (halfClose) s.end();
      arm();
    });
  });
}
const statuses = (text) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

before(async () => {
  srv = await Server.start(parentingFixture());
  [officer, south, manager, pw, social] = await srv.loginAll(['officer', 'officer_south', 'manager', 'pworker_p', 'social']);
  ({ kid, mum, fam, yjCase, outcome } = await daleFamilyWithOrder(officer));
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  pcase = (await pw.get(`/api/v1/cases/${support.case_id}`)).body;
});
after(async () => { await srv.stop(); });

// ------------------------------------------- parent-account status, codes

test('held: GET /people/{id}/parent-account never carries the code; the replaced code is refused and the new one works; the status read is audited', async () => {
  const p = await created(officer, '/api/v1/people', { given_name: 'Rena', family_name: 'Dale', date_of_birth: '1980-03-03' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: p.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id });
  const first = await created(officer, `/api/v1/people/${p.id}/parent-account`, {});
  const second = await created(officer, `/api/v1/people/${p.id}/parent-account`, {});
  assert.notEqual(first.code, second.code);
  assert.equal(second.replaced?.id, first.id, JSON.stringify(second));
  const mark = srv.auditHead();
  const st = await officer.get(`/api/v1/people/${p.id}/parent-account`);
  assert.equal(st.status, 200, st.text);
  assert.equal(st.body.pending.id, second.id);
  assert.equal(st.body.account, null);
  for (const c of [first.code, second.code]) {
    assert.ok(!st.text.includes(c) && !st.text.includes(c.replace(/-/g, '')), 'a code in the status');
  }
  assert.ok(srv.audit({ username: 'officer', person_id: p.id }, mark).some((r) => r.action === 'read' && r.record_type === 'parent_invitation'));
  // The first code, in every spelling, is spent.
  for (const code of [first.code, first.code.toLowerCase(), first.code.replace(/-/g, ' ')]) {
    const r = await redeem({ code, username: 'rena.dale', password: NEW_PW });
    assert.equal(r.status, 400, `${code}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((x) => x.field), ['code']);
  }
  const ok = await redeem({ code: second.code, username: 'rena.dale', password: NEW_PW });
  assert.equal(ok.status, 200, ok.text);
  const after2 = await officer.get(`/api/v1/people/${p.id}/parent-account`);
  assert.deepEqual(after2.body.account, { username: 'rena.dale', disabled: false });
  assert.equal(after2.body.pending, null);
});

test('held: the parent-account status is refused to another team (also with a reason it gives nothing of the code), to a parent, an admin and an analyst', async () => {
  const inv = await created(officer, `/api/v1/people/${mum.id}/parent-account`, {});
  const [admin, analyst, parent] = await srv.loginAll(['admin', 'analyst', 'parent']);
  const mark = srv.auditHead();
  for (const [name, c] of [['south', south], ['admin', admin], ['analyst', analyst], ['parent', parent]]) {
    const r = await c.get(`/api/v1/people/${mum.id}/parent-account`);
    assert.equal(r.status, 403, `${name}: ${r.text}`);
  }
  const glass = await south.get(`/api/v1/people/${mum.id}/parent-account`, { 'X-Break-Glass-Reason': 'Police asked about the mother today' });
  assert.ok(!glass.text.includes(inv.code), glass.text);
  assert.deepEqual(srv.changesSince(mark), []);
});

// ------------------------------------------------- a person's families

test('held: GET /api/v1/families?person_id= of a person the reader may not read is refused (403, audited denied), naming no team that holds her families', async () => {
  const sol = await createdPerson(south, { given_name: 'Sable', family_name: 'Rook' });
  const famS = await created(south, '/api/v1/families', { name: 'Rook family' });
  await created(south, `/api/v1/families/${famS.id}/members`, { person_id: sol.id, member_type: 'child', relationship: 'child' });
  assert.equal((await officer.get(`/api/v1/people/${sol.id}`)).status, 403, 'baseline: her page is refused');
  const mark = srv.auditHead();
  const l = await officer.get(`/api/v1/families?person_id=${sol.id}`);
  assert.ok(!l.text.includes('Rook') && !l.text.includes(sol.date_of_birth) && !l.text.includes('YJ South'), l.text);
  assert.equal(l.status, 403, `the families of a person the officer may not read: ${l.status} ${l.text.slice(0, 300)}`);
  assert.equal(srv.audit({ action: 'denied' }, mark).length, 1);
});

test('held: GET /api/v1/families?person_id= audits every member it shows; bad ids are refused naming person_id', async () => {
  const mark = srv.auditHead();
  const l = await officer.get(`/api/v1/families?person_id=${kid.id}`);
  assert.equal(l.status, 200, l.text);
  const shown = new Set(l.body.items.flatMap((f) => (f.members || []).map((m) => m.person_id)));
  const audited = new Set(srv.audit({ username: 'officer' }, mark).map((r) => r.person_id));
  for (const id of shown) assert.ok(audited.has(id), `person ${id} listed with no audit row`);
  for (const bad of ['abc', '-1', '1e3', '', '99999999999999999999']) {
    const r = await officer.get(`/api/v1/families?person_id=${bad}`);
    assert.ok([400, 404].includes(r.status) || (r.status === 200 && r.body.items.length === 0), `${bad}: ${r.status} ${r.text.slice(0, 200)}`);
    if (r.status === 400) assert.ok(r.body.errors.some((x) => x.field === 'person_id'), r.text);
  }
});

test('held: the mother\'s page, after her parent worker is named on her sealed case, still lists no parenting case to the child\'s officer, also with a reason', async () => {
  for (const h of [{}, { 'X-Break-Glass-Reason': 'Court asked for the family background' }]) {
    const m = await officer.get(`/api/v1/people/${mum.id}`, h);
    assert.equal(m.status, 200, m.text);
    assert.deepEqual(m.body.cases.filter((c) => c.id === pcase.id), [], JSON.stringify(m.body.cases));
    assert.ok(!m.text.includes('Parenting Team'), 'the parenting team named');
  }
});

// -------------------------------------------------------------- due list

test('held: the due list names a family plan\'s first child and audits him as shown; its counts agree with the items', async () => {
  const c = await createdPerson(social, { given_name: 'Wren', family_name: 'Hale' });
  const f = await created(social, '/api/v1/families', { name: 'Hale family' });
  await created(social, `/api/v1/families/${f.id}/members`, { person_id: c.id, member_type: 'child', relationship: 'child' });
  const plan = await social.post('/api/v1/family-plans', { family_id: f.id, wants_to_change: 'Mornings', agreed_on: day(-10), next_review_date: day(-1) });
  assert.equal(plan.status, 201, plan.text);
  const mark = srv.auditHead();
  const d = await social.get('/api/v1/due?scope=mine&limit=200');
  assert.equal(d.status, 200, d.text);
  const it = d.body.items.find((x) => x.record === 'family_plan' && x.record_id === plan.body.id);
  assert.ok(it, JSON.stringify(d.body.items));
  assert.equal(it.subject, 'family');
  assert.equal(it.child_id, c.id);
  assert.equal(it.child_date_of_birth, c.date_of_birth);
  assert.ok(srv.audit({ username: 'social', person_id: c.id }, mark).length >= 1, 'the child shown is audited');
  assert.equal(d.body.total, d.body.items.length);
  assert.equal(d.body.overdue_total, d.body.items.filter((x) => x.overdue).length);
  assert.equal(d.body.due_total + d.body.overdue_total, d.body.total);
  // Nothing of it on another team's list.
  const other = await officer.get('/api/v1/due?scope=team&limit=200');
  assert.ok(!other.text.includes('Wren') && !other.text.includes('Hale family'), other.text.slice(0, 300));
});

test('held: the child\'s officer\'s due lists (mine and team) show nothing of the mother\'s sealed parenting case or its dates of birth', async () => {
  await created(pw, '/api/v1/tasks', { case_id: pcase.id, title: 'Ring Mo', due_date: day(-1) });
  for (const c of [officer, manager]) {
    for (const scope of ['mine', 'team']) {
      const d = await c.get(`/api/v1/due?scope=${scope}&limit=200`);
      assert.equal(d.status, 200, d.text);
      assert.ok(!d.body.items.some((x) => x.person_id === mum.id || x.case_id === pcase.id), JSON.stringify(d.body.items));
      assert.ok(!d.text.includes('1983-05-05') && !d.text.includes('Ring Mo'), d.text.slice(0, 300));
    }
  }
});

test('FINDING-1 [LOW] GET /api/v1/due (and /tasks, every list with API_Q_PAGING): a bad limit hides a bad offset (limit=x&offset=x names only limit; offset=x alone is a 400 naming offset), so not every wrong field is named at once', async () => {
  const alone = await officer.get('/api/v1/due?offset=x');
  assert.equal(alone.status, 400, 'baseline: offset=x alone is refused');
  assert.deepEqual(alone.body.errors.map((x) => x.field), ['offset']);
  for (const path of ['/api/v1/due?scope=everyone&within=9999&limit=-1&offset=x', '/api/v1/tasks?limit=x&offset=x']) {
    const r = await officer.get(path);
    assert.equal(r.status, 400, r.text);
    assert.ok(r.body.errors.some((x) => x.field === 'offset'), `${path}: ${JSON.stringify(r.body.errors.map((x) => x.field))}`);
  }
});

// ----------------------------------------------------------------- forms

test('FINDING-2 [LOW] POST /api/v1/form-responses: a form of the wrong kind for the case is named only when every other field is right (the check runs when e->code == 0): a response with another wrong field is answered without form_id, then refused again for the form', async () => {
  const body = { form_id: 'prevention-diversion', case_id: pcase.id, completed_by: 'nobody', authored: 'not-a-date', status: 'completed', answers: {} };
  const mark = srv.auditHead();
  const r = await pw.post('/api/v1/form-responses', body);
  assert.equal(r.status, 400, r.text);
  const fields = r.body.errors.map((x) => x.field);
  assert.ok(fields.includes('authored'), r.text);
  assert.ok(fields.includes('form_id'), `the wrong form for a parenting case is not named with the other errors: ${JSON.stringify(fields)}`);
  assert.deepEqual(srv.changesSince(mark), []);
});

test('held: a form of the wrong kind is refused naming form_id (also by its explicit version), and the form check tells another team nothing of the case', async () => {
  const mark = srv.auditHead();
  for (const extra of [{}, { form_version: 1 }]) {
    const r = await pw.post('/api/v1/form-responses', { form_id: 'prevention-diversion', case_id: pcase.id, completed_by: 'practitioner', authored: day(0), status: 'in-progress', answers: {}, ...extra });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.body.errors.some((x) => x.field === 'form_id'), r.text);
  }
  const o = await officer.post('/api/v1/form-responses', { form_id: 'prevention-diversion', case_id: pcase.id, completed_by: 'practitioner', authored: day(0), status: 'in-progress', answers: {} });
  assert.ok([403, 404].includes(o.status) || (o.status === 400 && !o.text.includes('Parenting')), `${o.status} ${o.text}`);
  assert.deepEqual(srv.changesSince(mark), []);
});

// ---------------------------------------------------------- name search

test('held: the folded name search finds Ł, ß and capitals both ways, and refuses or ignores bad UTF-8 and huge queries without a 500', async () => {
  const p = await created(officer, '/api/v1/people', { given_name: 'Łucja', family_name: 'Straßer', date_of_birth: '1990-01-01' });
  for (const q of ['lucja', 'ŁUCJA', 'strasser', 'STRAẞER', 'Straßer']) {
    const r = await officer.get(`/api/v1/people?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    assert.ok(r.body.items.some((x) => x.id === p.id), `${q} did not find her`);
  }
  for (const q of ['%FF%FE', '%C0%80', '%ED%A0%80', 'a'.repeat(4000), '%E2%80%AE', '%CC%81%CC%81', '*', '"', 'NEAR(a', '%25%00']) {
    const r = await officer.get(`/api/v1/people?q=${q}`);
    assert.ok([200, 400, 414, 431].includes(r.status), `${q.slice(0, 20)}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  assert.equal((await officer.get('/api/v1/session')).status, 200, 'the server is up');
});

// ----------------------------------------------------------- the front

test('held: the front answers pipelined requests in order, a head split byte by byte, and a request whose client half-closes after sending', async () => {
  const req = 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n';
  const two = await raw(req + req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
  assert.deepEqual(statuses(two).length, 2, two.slice(0, 400));
  const slow = await raw(req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'), { chunks: 40, gap: 15 });
  assert.equal(statuses(slow).length, 1, slow.slice(0, 200));
  const half = await raw(req, { halfClose: true });
  assert.equal(statuses(half).length, 1, `a half-closed request went unanswered: ${half.slice(0, 200)}`);
  // A body split across writes, with the next request pipelined behind it.
  const body = JSON.stringify({ username: 'nobody', password: 'x'.repeat(2000) });
  const post = `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const mixed = await raw(post + req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'), { chunks: 7, gap: 5 });
  assert.equal(statuses(mixed).length, 2, mixed.slice(0, 400));
});

test('held: heads at and past the limit, and up to 60 KiB, are answered (200 or 431/414) and the server stays up', async () => {
  for (const size of [16 * 1024 - 200, 16 * 1024, 16 * 1024 + 1, 48 * 1024, 51 * 1024, 52 * 1024, 53 * 1024, 60 * 1024]) {
    const pad = 'a'.repeat(Math.max(0, size - 80));
    const r = await raw(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Pad: ${pad}\r\nConnection: close\r\n\r\n`);
    const st = statuses(r);
    assert.equal(st.length, 1, `${size}: ${r.slice(0, 200)}`);
    assert.ok([200, 401, 400, 431].includes(st[0]), `${size}: ${st[0]}`);
    const q = await raw(`GET /api/v1/session?x=${pad} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok([200, 401, 400, 414, 431].includes(statuses(q)[0]), `${size} line: ${q.slice(0, 200)}`);
  }
  // Many small fields near the limit, and a head that never ends.
  const many = Array.from({ length: 99 }, (_, i) => `X-F${i}: ${'b'.repeat(150)}`).join('\r\n');
  const m = await raw(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\n${many}\r\nConnection: close\r\n\r\n`);
  assert.ok([200, 401, 431].includes(statuses(m)[0]), m.slice(0, 200));
  const endless = await raw(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-A: ${'c'.repeat(70 * 1024)}`, { idle: 2000 });
  assert.ok(statuses(endless).length <= 1);
  assert.equal((await officer.get('/api/v1/session')).status, 200, 'the server is up');
});

// ------------------------------------------------------------ PostgreSQL

test('held: PostgreSQL: a connection cut under the server is made again at the next request (503 at most once), the audit trail unbroken', { skip: !PG && 'SQLite run' }, async () => {
  const u = new URL(srv.db);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const cut = () => execFileSync('psql', ['-qAtX', '-d', u.toString(), '-c',
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`]).toString().trim();
  assert.ok(Number(cut()) >= 1, 'no connection was cut');
  const got = [];
  for (let i = 0; i < 3; i++) got.push((await officer.get(`/api/v1/people/${kid.id}`)).status);
  assert.ok(got.filter((s) => s === 503).length <= 1 && got.at(-1) === 200, JSON.stringify(got));
  cut();
  const w = await officer.patch(`/api/v1/people/${mum.id}`, { version: (await officer.get(`/api/v1/people/${mum.id}`)).body.version, first_language: 'Welsh' });
  assert.equal(w.status, 200, w.text);
  const rows = srv.audit({ username: 'officer', person_id: mum.id }).filter((r) => r.action === 'update');
  assert.ok(rows.length >= 1);
});

// ------------------------------------------------ victims and the due list

test('FINDING-3 [MEDIUM] GET /api/v1/due: a family plan\'s review names the family\'s first child even when that child is a victim the reader may not see: the parent worker (not youth justice) gets the victim\'s name and date of birth, which the family\'s own page leaves out', async () => {
  const pwYj = await srv.login('parentworker'); // a parent worker sitting in YJ North
  const kid4 = await createdPerson(officer, { given_name: 'Ned', family_name: 'Quill' });
  const c4 = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral', person_id: kid4.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-20),
  });
  const off = await created(officer, '/api/v1/offences', { case_id: c4.id, offence_date: day(-21), description: 'Robbery', category: 'robbery', gravity: 4 });
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vesper', family_name: 'Quill', date_of_birth: '2012-12-12' });
  await created(officer, '/api/v1/victims', { offence_id: off.id, victim_id: victim.id, consent_to_contact: false });
  // The victim is the first child member of another child's family (Pip's).
  const pip = await createdPerson(officer, { given_name: 'Pip', family_name: 'Lark' });
  const f = await created(officer, '/api/v1/families', { name: 'Lark family' });
  await created(officer, `/api/v1/families/${f.id}/members`, { person_id: victim.id, member_type: 'child', relationship: 'sibling', in_household: true });
  await created(officer, `/api/v1/families/${f.id}/members`, { person_id: pip.id, member_type: 'child', relationship: 'child', in_household: true });
  const page = await pwYj.get(`/api/v1/families/${f.id}`);
  assert.equal(page.status, 200, page.text);
  assert.ok(!page.text.includes('Vesper'), 'baseline: the family page leaves the victim out for the parent worker');
  assert.equal((await pwYj.get(`/api/v1/people/${victim.id}`)).status, 403, 'baseline: her record is refused');
  const plan = await pwYj.post('/api/v1/family-plans', { family_id: f.id, wants_to_change: 'Calmer evenings', agreed_on: day(-10), next_review_date: day(-1) });
  assert.equal(plan.status, 201, plan.text);
  for (const scope of ['mine', 'team']) {
    const d = await pwYj.get(`/api/v1/due?scope=${scope}&limit=200`);
    assert.equal(d.status, 200, d.text);
    const it = d.body.items.find((x) => x.record === 'family_plan' && x.record_id === plan.body.id);
    assert.ok(it, `${scope}: the plan's review is listed`);
    assert.ok(!d.text.includes('Vesper') && !d.text.includes('2012-12-12') && it.child_id !== victim.id,
      `${scope}: the victim is named on the parent worker's due list: ${JSON.stringify(it)}`);
  }
});

// --------------------------------------------------------- My parents

test('held: "My parents" lists Mo once with Kit, and every child named on it is a child of a support the worker holds (audited as the support listed)', async () => {
  const mark = srv.auditHead();
  const r = await pw.get('/api/v1/parenting/parents');
  assert.equal(r.status, 200, r.text);
  const rows = (r.body.items || r.body.parents || []).filter((x) => x.person_id === mum.id);
  assert.equal(rows.length, 1, r.text.slice(0, 400));
  assert.deepEqual(rows[0].children.map((c) => c.child_case_id), [yjCase.id]);
  assert.ok(srv.audit({ username: 'pworker_p', person_id: mum.id }, mark).some((x) => x.record_type === 'parent_support'));
  // The other team's worker, and the child's officer, get no such list.
  for (const c of [officer, south]) assert.ok([403].includes((await c.get('/api/v1/parenting/parents')).status));
});

// ------------------------------------- two servers on one database (SQLite)

test('held: two servers on one SQLite file, reading and writing in turn (each reusing its records tip while the file is unchanged), keep one audit chain that verifies, no number twice', { skip: PG && 'SQLite only' }, async () => {
  const s2 = await Server.start({ db: srv.db });
  try {
    const o2 = await s2.login('officer');
    const mark = srv.auditHead();
    for (let i = 0; i < 6; i++) {
      await officer.get(`/api/v1/people/${kid.id}`);
      await o2.get(`/api/v1/people/${kid.id}`);
      if (i % 2) {
        const c = await o2.get(`/api/v1/people/${mum.id}`);
        assert.equal((await o2.patch(`/api/v1/people/${mum.id}`, { version: c.body.version, first_language: `L${i}` })).status, 200);
      }
      await Promise.all([officer.get(`/api/v1/people/${mum.id}`), o2.get(`/api/v1/people/${kid.id}`)]);
    }
    const rows = srv.audit({}, mark);
    const seqs = rows.map((r) => r.seq);
    assert.equal(new Set(seqs).size, seqs.length, 'an audit number twice');
    assert.ok(rows.length >= 30, `${rows.length} rows`);
    spire(['audit', 'verify', '--db', srv.db]);
  } finally { await s2.stop(); }
});

// --------------------------------------------- framing: chunked bodies

test('held: the front frames chunked bodies as libmicrohttpd does: a chunked POST with an extension, then a pipelined GET, gets two answers; an overflowing chunk size, both lengths, or a smuggled request in a trailer get one answer and the server stays up', async () => {
  const body = JSON.stringify({ username: 'nobody', password: 'not the password' });
  const get = 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
  const head = 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  const hex = body.length.toString(16);
  const good = await raw(`${head}${hex};ext=1\r\n${body}\r\n0\r\n\r\n${get}`, { chunks: 5, gap: 5 });
  assert.deepEqual(statuses(good).length, 2, good.slice(0, 500));
  for (const [name, data] of [
    ['overflow', `${head}fffffffffffffffffff1\r\n${body}\r\n0\r\n\r\n${get}`],
    ['both lengths', head.replace('\r\n\r\n', `\r\nContent-Length: ${body.length}\r\n\r\n`) + `${hex}\r\n${body}\r\n0\r\n\r\n${get}`],
    ['negative', `${head}-1\r\n${body}\r\n0\r\n\r\n${get}`],
    ['bare LF', `${head}${hex}\n${body}\n0\n\n${get}`],
    ['a trailer (refused, 400)', `${head}${hex}\r\n${body}\r\n0\r\nX-Trailer: 1\r\n\r\n${get}`],
    ['a request in a trailer', `${head}${hex}\r\n${body}\r\n0\r\n${get}`],
  ]) {
    const r = await raw(data, { idle: 1500 });
    const st = statuses(r);
    assert.ok(st.length <= 1 || st[0] === 400, `${name}: ${st} ${r.slice(0, 300)}`);
    assert.ok(!st.length || st[0] >= 400, `${name}: ${st}`);
  }
  assert.equal((await officer.get('/api/v1/session')).status, 200, 'the server is up');
});

// ------------------------------------ who issued a code, shown to whom

test('FINDING-4 [LOW] GET /api/v1/people/{id}/parent-account (and the answer to a second code) names the parent worker who issued the mother\'s pending code (created_by_name) to the child\'s officer, from whom her parenting support and its worker are sealed (the mother\'s page lists no parenting case to him)', async () => {
  const p = mum; // her support is held by the parent worker
  const inv = await pw.post(`/api/v1/people/${p.id}/parent-account`, {});
  assert.equal(inv.status, 201, inv.text);
  const pwName = pw.user.full_name;
  assert.ok(pwName, JSON.stringify(pw.user));
  const page = await officer.get(`/api/v1/people/${p.id}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(pwName), 'baseline: the page does not name the parent worker');
  const st = await officer.get(`/api/v1/people/${p.id}/parent-account`);
  assert.equal(st.status, 200, st.text);
  const again = await officer.post(`/api/v1/people/${p.id}/parent-account`, {});
  assert.equal(again.status, 201, again.text);
  assert.ok(!st.text.includes(pwName) && !again.text.includes(pwName),
    `the sealed support's worker is named to the child's officer: ${st.text.slice(0, 300)} / ${JSON.stringify(again.body.replaced)}`);
});

test('held: PostgreSQL: connections cut again and again while writes and reads are in flight: afterwards every request is answered (no connection left stuck in a lost transaction), every write answered 201 is stored with its audit row, and the trail verifies', { skip: !PG && 'SQLite run' }, async () => {
  const { execFile } = await import('node:child_process');
  const u = new URL(srv.db);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const cut = () => new Promise((ok) => execFile('psql', ['-qAtX', '-d', u.toString(), '-c',
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`], () => ok()));
  const made = [];
  const work = async (i) => {
    const r = await officer.post('/api/v1/people', { given_name: `Cut${i}`, family_name: 'Storm', date_of_birth: '1990-02-02' });
    if (r.status === 201) made.push(r.body.id);
    else assert.ok([500, 503].includes(r.status), `${i}: ${r.status} ${r.text.slice(0, 200)}`);
    await officer.get(`/api/v1/people/${kid.id}`);
  };
  const jobs = [];
  for (let i = 0; i < 24; i++) {
    jobs.push(work(i));
    if (i % 4 === 0) jobs.push(cut());
    await new Promise((r) => setTimeout(r, 15));
  }
  await Promise.all(jobs);
  assert.match(srv.stderr, /connection to PostgreSQL was lost and has been made again/, 'no connection was cut');
  // Afterwards: every request answered again (a second try at most).
  const after = [];
  for (let i = 0; i < 8; i++) after.push((await officer.get(`/api/v1/people/${mum.id}`)).status);
  assert.deepEqual(after.slice(2), [200, 200, 200, 200, 200, 200], `stuck after the cuts: ${after}`);
  const w = await officer.post('/api/v1/people', { given_name: 'After', family_name: 'Storm', date_of_birth: '1990-03-03' });
  assert.equal(w.status, 201, w.text);
  for (const id of made) {
    assert.equal((await officer.get(`/api/v1/people/${id}`)).status, 200, `person ${id} answered 201 but not stored`);
    assert.ok(srv.changes({ record_type: 'person', record_id: id }).includes('create'), `person ${id} with no create row`);
  }
  spire(['audit', 'verify', '--db', srv.db]);
});

// ------------------------------------------------- more of the same routes

test('held: six codes issued at once for one person leave one that works: of the six redeemed in turn, one makes the account', async () => {
  const p = await created(officer, '/api/v1/people', { given_name: 'Six', family_name: 'Dale', date_of_birth: '1979-06-06' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: p.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id });
  const rs = await Promise.all(Array.from({ length: 6 }, () => invite(officer, p)));
  assert.ok(rs.every((r) => r.status === 201), rs.map((r) => r.status).join());
  const st = await officer.get(`/api/v1/people/${p.id}/parent-account`);
  const ok = [];
  for (const [i, r] of rs.entries()) {
    const x = await redeem({ code: r.body.code, username: `six.dale${i}`, password: NEW_PW });
    if (x.status === 200) ok.push(r.body.id);
  }
  assert.deepEqual(ok, [st.body.pending.id], `codes that worked: ${ok}`);
});

test('held: a team name with quotes, a backslash and an astral character comes back whole in families_elsewhere (the page written as JSON text)', async () => {
  const EVIL = 'YJ "West" \\ </script> 😀';
  const s = await Server.start({
    teams: [...TEAMS, ['youth_justice', EVIL]],
    users: [...USERS, ['officer_w', 'yjs_officer', 'youth_justice', EVIL]],
  });
  try {
    const [o, w, m] = await s.loginAll(['officer', 'officer_w', 'manager']);
    const k1 = await createdPerson(o, { given_name: 'Ann', family_name: 'Tern' });
    const mumT = await created(o, '/api/v1/people', { given_name: 'Bea', family_name: 'Tern', date_of_birth: '1984-04-04' });
    const f1 = await created(o, '/api/v1/families', { name: 'Tern family' });
    await created(o, `/api/v1/families/${f1.id}/members`, { person_id: k1.id, member_type: 'child', relationship: 'child' });
    await created(o, `/api/v1/families/${f1.id}/members`, { person_id: mumT.id, member_type: 'adult', relationship: 'mother', child_id: k1.id });
    const k2 = await createdPerson(w, { given_name: 'Cal', family_name: 'Tern' });
    const f2 = await created(w, '/api/v1/families', { name: 'West Tern family' });
    await created(w, `/api/v1/families/${f2.id}/members`, { person_id: k2.id, member_type: 'child', relationship: 'child' });
    const add = await m.post(`/api/v1/families/${f2.id}/members`, { person_id: mumT.id, member_type: 'adult', relationship: 'mother', child_id: k2.id });
    assert.equal(add.status, 201, add.text);
    for (const path of [`/api/v1/people/${mumT.id}`, `/api/v1/families?person_id=${mumT.id}`]) {
      const r = await o.get(path);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body, `not JSON: ${r.text.slice(0, 300)}`);
      assert.deepEqual(r.body.families_elsewhere, [{ team_name: EVIL }]);
    }
  } finally { await s.stop(); }
});

test('held: a hundred connections holding half a head each do not stop the next request being answered', async () => {
  const socks = [];
  try {
    for (let i = 0; i < 100; i++) {
      const s = net.connect({ host: '127.0.0.1', port: srv.port });
      s.on('error', () => {});
      s.write('GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      socks.push(s);
    }
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    const r = await officer.get(`/api/v1/people/${kid.id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(Date.now() - t < 10000, `${Date.now() - t} ms`);
  } finally { for (const s of socks) s.destroy(); }
});

test('held: GET /api/v1/families?person_id= with a reason, from another team, flags the audit row of every member it shows as break-glass', async () => {
  const mark = srv.auditHead();
  const r = await south.get(`/api/v1/families?person_id=${mum.id}`, { 'X-Break-Glass-Reason': 'Police asked about the family this morning' });
  assert.equal(r.status, 200, r.text);
  const shown = new Set(r.body.items.flatMap((f) => (f.members || []).map((m) => m.person_id)));
  assert.ok(shown.has(kid.id), r.text.slice(0, 300));
  const rows = srv.audit({ username: 'officer_south' }, mark);
  for (const id of shown) {
    const mine = rows.filter((x) => x.person_id === id);
    assert.ok(mine.length >= 1 && mine.every((x) => x.break_glass), `person ${id}: ${JSON.stringify(mine)}`);
  }
});

test('held: bodies around the 52 KiB connection pool and far past it (with a 14 KiB head) are answered 400 (the unknown field) or 413, nothing stored, and the server stays up', async () => {
  const mark = srv.auditHead();
  const big = 'h'.repeat(14 * 1024);
  for (const size of [40 * 1024, 51 * 1024, 52 * 1024, 53 * 1024, 200 * 1024, 2 * 1024 * 1024]) {
    const r = await officer.post('/api/v1/people', { given_name: 'Pool', family_name: 'Edge', date_of_birth: '1990-01-01', pad: 'p'.repeat(size) }, { 'X-Pad': big });
    assert.ok([400, 413].includes(r.status), `${size}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await officer.get('/api/v1/session')).status, 200, 'the server is up');
});

// Resources described once: a resource added with a data file alone
// (tests/resources/school_attendance_note.json: no C handler, service or
// store file) is served through the API with the generic handlers: create,
// list, get, update with a version conflict, close, reopen, bad input
// naming every field, another team's record refused, every read and write
// audited (read back through the audit API). Also GET /api/v1/resources
// (the UI's field lists) and `spire resource check|list`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Server, BIN, created, createdPerson, spire, spireFail } from './lib.mjs';

const DIR = resolve('tests/resources');
const PATH = '/api/v1/school-attendance-notes';
let srv, officer, officer2, south, manager, admin, parent;
let kid, kase, southCase;

const note = (extra = {}) => ({
  case_id: kase.id, noted_on: '2024-05-02', school: 'Northfield Academy',
  attendance: 'part_time', sessions_missed: 14, note: 'On a reduced timetable since Easter', ...extra,
});

before(async () => {
  srv = await Server.start({ env: { SPIRE_RESOURCES_DIR: DIR } });
  [officer, officer2, south, manager, admin, parent] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'admin', 'parent']);
  kid = await createdPerson(officer, { given_name: 'Rhys', family_name: 'Owen' });
  kase = await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-03-01' });
  const southKid = await createdPerson(south, { given_name: 'Sol', family_name: 'Hart' });
  southCase = await created(south, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: southKid.id, team_id: south.user.team_id, worker_id: south.user.id, start_date: '2024-03-01' });
});
after(async () => { await srv.stop(); });

// The audit rows about the child, newest first, as a manager reads them.
async function auditRows() {
  const r = await manager.get(`/api/v1/audit?person_id=${kid.id}&limit=200`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((i) => i.record_type === 'school_attendance_note');
}

test('the resource is described to the UI: fields, labels, vocabulary, filter, close verb', async () => {
  const r = await officer.get('/api/v1/resources');
  assert.equal(r.status, 200, r.text);
  const d = r.body.items.find((i) => i.name === 'school_attendance_note');
  assert.ok(d, JSON.stringify(r.body));
  assert.equal(d.path, PATH);
  assert.equal(d.label, 'School attendance note');
  assert.equal(d.close_verb, 'close');
  assert.equal(d.reopen, true);
  assert.deepEqual(d.list_filter, { field: 'case_id', about: 'case' });
  const file = JSON.parse(readFileSync(join(DIR, 'school_attendance_note.json'), 'utf8'));
  // Every field of the file, after the case it is about; never person_id (Spire sets it).
  assert.deepEqual(d.fields.map((f) => f.name), ['case_id', ...file.fields.map((f) => f.name)]);
  for (const f of file.fields) {
    const got = d.fields.find((x) => x.name === f.name);
    assert.equal(got.label, f.label);
    assert.equal(got.required, !!f.required);
    if (f.max_length) assert.equal(got.max_length, f.max_length);
    // The file's values, each with its words, in its order; none retired (the vocabulary's shape).
    if (f.values) assert.deepEqual(got.values, f.values.map((v) => ({ ...v, retired: false })));
    if (f.type === 'int') { assert.equal(got.min, f.min); assert.equal(got.max, f.max); }
  }
  // Consents, written in C, are described the same way.
  const c = r.body.items.find((i) => i.name === 'consent');
  assert.equal(c.close_verb, 'withdraw');
  assert.deepEqual(c.list_filter, { field: 'person_id', about: 'person' });
  assert.ok(c.fields.some((f) => f.name === 'lawful_basis' && f.values.some((v) => v.code === 'public_task')));
  // Roles that open no records see none of them; an admin is signed in and sees only what it may use.
  const a = await admin.get('/api/v1/resources');
  assert.equal(a.status, 200);
  assert.deepEqual(a.body.items, []);
  assert.equal((await srv.anon.get('/api/v1/resources')).status, 401);
});

test('the route rows are derived from the file: spire routes lists them', () => {
  const out = spire(['routes'], undefined);
  assert.ok(!out.includes('school-attendance-notes'), 'without the directory there are no such rows');
  const routes = JSON.parse(
    spireWithEnv(['routes'], { SPIRE_RESOURCES_DIR: DIR }));
  const mine = routes.filter((r) => r.pattern.startsWith(PATH)).map((r) => `${r.method} ${r.pattern}`);
  assert.deepEqual(mine, [
    `GET ${PATH}`, `POST ${PATH}`, `GET ${PATH}/{id}`, `PATCH ${PATH}/{id}`,
    `POST ${PATH}/{id}/close`, `POST ${PATH}/{id}/reopen`,
  ]);
  const list = routes.find((r) => r.pattern === PATH && r.method === 'GET');
  assert.deepEqual(list.query, ['case_id', 'limit', 'offset']);
});

test('create, get, list: stored about the case\'s child, each read and write audited', async () => {
  const n = await created(officer, PATH, note());
  assert.equal(n.version, 1);
  assert.equal(n.case_id, kase.id);
  assert.equal(n.person_id, kid.id);
  assert.equal(n.school, 'Northfield Academy');
  assert.equal(n.attendance, 'part_time');
  assert.equal(n.sessions_missed, 14);
  assert.equal(n.recorded_by_name, 'Test officer');
  assert.equal(n.closed_at, null);
  const g = await officer2.get(`${PATH}/${n.id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.note, 'On a reduced timetable since Easter');
  const l = await officer.get(`${PATH}?case_id=${kase.id}`);
  assert.equal(l.status, 200, l.text);
  assert.deepEqual(l.body.items.map((i) => i.id), [n.id]);
  assert.equal(l.body.has_more, false);
  const rows = await auditRows();
  const mineOf = (action, user) => rows.filter((r) => r.action === action && r.username === user && r.record_id === n.id);
  assert.equal(mineOf('create', 'officer').length, 1);
  assert.equal(mineOf('read', 'officer2').length, 1);
  assert.equal(mineOf('list', 'officer').length, 1);
  // The list filter is required, and the address takes no other choice.
  const none = await officer.get(PATH);
  assert.equal(none.status, 400);
  assert.equal(none.body.error.field, 'case_id');
  assert.equal(none.body.error.message, 'Choose whose school attendance notes to show');
  assert.equal((await officer.get(`${PATH}?person_id=${kid.id}`)).status, 400);
});

test('bad input is refused naming every field, and nothing is stored', async () => {
  const before = (await officer.get(`${PATH}?case_id=${kase.id}&limit=200`)).body.items.length;
  const r = await officer.post(PATH, {
    case_id: kase.id, noted_on: '2024-02-30', school: 'x'.repeat(121), attendance: 'sometimes',
    sessions_missed: 401, note: 'y'.repeat(501),
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(),
    ['attendance', 'note', 'noted_on', 'school', 'sessions_missed']);
  for (const e of r.body.errors) assert.ok(e.message && !/[{}_]/.test(e.message), e.message);
  const missing = await officer.post(PATH, {});
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.errors.map((e) => e.field).sort(), ['attendance', 'case_id', 'noted_on', 'school']);
  const server = await officer.post(PATH, note({ person_id: kid.id }));
  assert.equal(server.status, 400);
  assert.equal(server.body.error.field, 'person_id');
  const unknownCase = await officer.post(PATH, note({ case_id: 999999 }));
  assert.equal(unknownCase.status, 400);
  assert.equal(unknownCase.body.error.field, 'case_id');
  const after = (await officer.get(`${PATH}?case_id=${kase.id}&limit=200`)).body.items.length;
  assert.equal(after, before);
});

test('update with the version: a stale version is a conflict and changes nothing', async () => {
  const n = await created(officer, PATH, note({ school: 'Eastgate School' }));
  const u = await officer.patch(`${PATH}/${n.id}`, { version: 1, attendance: 'full', sessions_missed: 0 });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.version, 2);
  assert.equal(u.body.attendance, 'full');
  assert.equal(u.body.school, 'Eastgate School');
  const stale = await officer2.patch(`${PATH}/${n.id}`, { version: 1, attendance: 'excluded' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal((await officer.get(`${PATH}/${n.id}`)).body.attendance, 'full');
  const immutable = await officer.patch(`${PATH}/${n.id}`, { version: 2, case_id: southCase.id });
  assert.equal(immutable.status, 400);
  assert.equal(immutable.body.error.field, 'case_id');
  const bad = await officer.patch(`${PATH}/${n.id}`, { version: 2, sessions_missed: -1 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'sessions_missed');
  assert.ok((await auditRows()).some((r) => r.action === 'update' && r.record_id === n.id));
});

test('close with a reason, then reopen; a closed record cannot be changed', async () => {
  const n = await created(officer, PATH, note({ school: 'Westway' }));
  const noReason = await officer.post(`${PATH}/${n.id}/close`, { version: 1 });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  const c = await officer.post(`${PATH}/${n.id}/close`, { version: 1, reason: 'Recorded against the wrong school' });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.closed_reason, 'Recorded against the wrong school');
  assert.ok(c.body.closed_at);
  const l = await officer.get(`${PATH}?case_id=${kase.id}&limit=200`);
  assert.equal(l.body.items.at(-1).id, n.id, 'closed records come last');
  const change = await officer.patch(`${PATH}/${n.id}`, { version: 2, school: 'Other' });
  assert.equal(change.status, 409);
  const ro = await officer.post(`${PATH}/${n.id}/reopen`, { version: 2, reason: 'It was the right school after all' });
  assert.equal(ro.status, 200, ro.text);
  assert.equal(ro.body.closed_at, null);
  assert.equal(ro.body.version, 3);
  const again = await officer.post(`${PATH}/${n.id}/reopen`, { version: 3, reason: 'Once more for luck' });
  assert.equal(again.status, 409);
  const rows = await auditRows();
  assert.ok(rows.some((r) => r.action === 'close' && r.record_id === n.id));
  assert.ok(rows.some((r) => r.action === 'reopen' && r.record_id === n.id && r.reason === 'It was the right school after all'));
});

test('another team\'s record: refused (403), audited as denied; break glass reads it; roles without records are refused', async () => {
  const n = await created(officer, PATH, note({ school: 'Hidden High' }));
  for (const [method, path, body] of [
    ['GET', `${PATH}/${n.id}`],
    ['PATCH', `${PATH}/${n.id}`, { version: 1, school: 'Changed' }],
    ['POST', `${PATH}/${n.id}/close`, { version: 1, reason: 'Not mine to close' }],
    ['GET', `${PATH}?case_id=${kase.id}`],
  ]) {
    const r = await south.request(method, path, body);
    assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
  }
  const create = await south.post(PATH, note());
  assert.equal(create.status, 403);
  assert.equal(create.body.error.field, 'case_id');
  assert.equal((await officer.get(`${PATH}/${n.id}`)).body.school, 'Hidden High');
  const denied = (await auditRows()).filter((r) => r.action === 'denied' && r.username === 'officer_south');
  // One about the record for each refused read, change and close.
  assert.equal(denied.filter((r) => r.record_id === n.id && r.person_id === kid.id).length, 3, JSON.stringify(denied));
  const glass = await south.get(`${PATH}/${n.id}`, { 'X-Break-Glass-Reason': 'Police request about an incident tonight' });
  assert.equal(glass.status, 200, glass.text);
  assert.equal((await admin.get(`${PATH}/${n.id}`)).status, 403);
  assert.equal((await parent.get(`${PATH}/${n.id}`)).status, 403);
  assert.equal((await officer.get(`${PATH}/999999`)).status, 404);
  assert.equal((await officer.get(`${PATH}/${southCase.id}x`)).status, 404);
  const m = await officer.request('DELETE', `${PATH}/${n.id}`);
  assert.equal(m.status, 405);
  assert.match(m.headers.get('allow'), /GET.*PATCH/);
});

test('spire resource check and list; a bad file stops the server with a clear message', async () => {
  assert.match(spire(['resource', 'check', join(DIR, 'school_attendance_note.json')]), /is valid/);
  const dir = mkdtempSync(join(tmpdir(), 'spire-res-'));
  const bad = join(dir, 'bad.json');
  const base = JSON.parse(readFileSync(join(DIR, 'school_attendance_note.json'), 'utf8'));
  for (const [doc, field, words] of [
    [{ ...base, about: 'family' }, 'about', /person.*case/],
    [{ ...base, fields: [{ name: 'x', label: 'X', type: 'colour' }] }, 'type', /line, text, date/],
    [{ ...base, fields: [{ name: 'id', label: 'X', type: 'line' }] }, 'name', /keeps for itself/],
    [{ ...base, fields: [{ name: 'a', label: 'A', type: 'enum' }] }, 'values', /values/],
    [{ ...base, path: 'People' }, 'path', /lower-case/],
    [{ ...base, colour: 'red' }, 'colour', /does not know/],
    // Names Spire or SQL keeps are refused before deployment, not at start-up.
    [{ ...base, fields: [{ name: 'when', label: 'When', type: 'line' }] }, 'name', /"when" is a word SQL keeps/],
    [{ ...base, name: 'person' }, 'name', /already has a resource called "person"/],
    [{ ...base, path: 'people' }, 'path', /already answers \/api\/v1\/people/],
    [{ ...base, name: 'user' }, 'name', /already has a kind of record called "user"/],
  ]) {
    writeFileSync(bad, JSON.stringify(doc));
    const r = spireFail(['resource', 'check', bad]);
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.includes(`${field}:`) && words.test(r.stderr), r.stderr);
  }
  // Help on every action; a folder or file that is not there is said so, once.
  for (const action of ['check', 'list']) assert.match(spire(['resource', action, '--help']), /usage: spire resource check FILE/);
  let gone = spireFail(['resource', 'list', '--resources', join(dir, 'nowhere')]);
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /there is no folder .*nowhere/);
  gone = spireFail(['resource', 'check', join(dir, 'nowhere.json')]);
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /^spire: Cannot read \S*nowhere\.json: No such file or directory\n$/);
  writeFileSync(bad, '{"name":');
  assert.match(spireFail(['resource', 'check', bad]).stderr, /The resource description \S*bad\.json is not valid JSON: line 1/);
  const listed = spireWithEnv(['resource', 'list', '--resources', DIR], {});
  assert.match(listed, /^consent\t\/api\/v1\/consents\tperson/m);
  assert.match(listed, /^school_attendance_note\t\/api\/v1\/school-attendance-notes\tcase\tSchool attendance note/m);
  // The server refuses to start on a bad file, naming it.
  writeFileSync(bad, JSON.stringify({ ...base, about: 'family' }));
  await assert.rejects(Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }), /bad\.json.*about/s);
  // A name or path another resource has, or a path Spire already
  // answers, is refused at start-up too.
  writeFileSync(bad, JSON.stringify({ ...base, path: 'people' }));
  await assert.rejects(Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }), /bad\.json: Spire already answers \/api\/v1\/people/);
  writeFileSync(bad, JSON.stringify({ ...base, name: 'consent' }));
  await assert.rejects(Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }), /bad\.json: Spire already has a resource called "consent"/);
  // A kind of record Spire has (a team is not a resource) keeps its name.
  writeFileSync(bad, JSON.stringify({ ...base, name: 'team', path: 'team-notes' }));
  await assert.rejects(Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }), /already has a kind of record called "team"/);
  writeFileSync(bad, JSON.stringify({ ...base, path: 'audit' }));
  await assert.rejects(Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }), /\/api\/v1\/audit: Spire answers it already/);
});

function spireWithEnv(args, env) {
  return spawnSyncOut(args, env);
}

import { spawnSync } from 'node:child_process';
function spawnSyncOut(args, env) {
  const r = spawnSync(BIN, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`spire ${args.join(' ')}: ${r.status} ${r.stderr}`);
  return r.stdout;
}

test('a resource about a person: listed by person_id, the person\'s relation, its own close verb, no reopen', async () => {
  const P = '/api/v1/interpreter-needs';
  const n = await created(officer, P, { person_id: kid.id, language: 'Polish', british_sign_language: false, since: '2023-09-01' });
  assert.equal(n.person_id, kid.id);
  assert.equal(n.british_sign_language, false);
  const l = await officer2.get(`${P}?person_id=${kid.id}`);
  assert.equal(l.status, 200, l.text);
  assert.deepEqual(l.body.items.map((i) => i.language), ['Polish']);
  assert.equal((await officer.get(`${P}?case_id=${kase.id}`)).status, 400);
  const fixed = await officer.patch(`${P}/${n.id}`, { version: 1, language: 'Czech' });
  assert.equal(fixed.status, 400);
  assert.equal(fixed.body.error.field, 'language');
  assert.equal((await south.get(`${P}/${n.id}`)).status, 403);
  // A person outside the user's scope answers as one who does not exist
  // (docs/access.md, "Records named in a request"; session 26).
  const hid = await south.post(P, { person_id: kid.id, language: 'Welsh' });
  assert.equal(hid.status, 400, hid.text);
  assert.equal(hid.body.error.field, 'person_id');
  assert.equal(hid.body.error.message, 'Select a person who is on Spire: this person does not exist');
  const end = await officer.post(`${P}/${n.id}/end`, { version: 1, reason: 'No longer needs an interpreter' });
  assert.equal(end.status, 200, end.text);
  assert.equal((await officer.post(`${P}/${n.id}/close`, { version: 2, reason: 'x'.repeat(12) })).status, 404);
  assert.equal((await officer.post(`${P}/${n.id}/reopen`, { version: 2, reason: 'x'.repeat(12) })).status, 404);
  const d = (await officer.get('/api/v1/resources')).body.items.find((i) => i.name === 'interpreter_need');
  assert.deepEqual(d.list_filter, { field: 'person_id', about: 'person' });
  assert.equal(d.reopen, false);
  assert.deepEqual(d.fields.map((f) => [f.name, f.type, f.immutable]),
    [['person_id', 'id', true], ['language', 'line', true], ['british_sign_language', 'bool', false], ['since', 'date', false]]);
  const rows = await manager.get(`/api/v1/audit?person_id=${kid.id}&limit=200`);
  assert.ok(rows.body.items.some((r) => r.record_type === 'interpreter_need' && r.action === 'close' && r.record_id === n.id));
});

test('a file resource\'s field may carry `when`: described, refused when it does not apply, required when it does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-res-when-'));
  const doc = {
    name: 'exclusion_note', path: 'exclusion-notes', label: 'Exclusion note', plural: 'Exclusion notes', about: 'case',
    close_verb: 'close', reopen: true,
    fields: [
      { name: 'attendance', label: 'Attendance', type: 'enum', required: true,
        values: [{ code: 'full', label: 'Full time' }, { code: 'excluded', label: 'Excluded' }] },
      { name: 'excluded_until', label: 'Excluded until', type: 'date', when: { field: 'attendance', values: ['excluded'], required: true } },
    ],
  };
  writeFileSync(join(dir, 'exclusion_note.json'), JSON.stringify(doc));
  assert.match(spire(['resource', 'check', join(dir, 'exclusion_note.json')]), /is valid/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...doc, name: 'bad_note', path: 'bad-notes',
    fields: [doc.fields[0], { ...doc.fields[1], when: { field: 'attendance', values: ['sometimes'] } }] }));
  assert.match(spireFail(['resource', 'check', bad]).stderr, /when:/);
  const w = await Server.start({ env: { SPIRE_RESOURCES_DIR: dir } }).catch((e) => e);
  // The bad file stops the server: check it, then serve without it.
  assert.ok(w instanceof Error && /bad\.json/.test(String(w)), String(w));
  writeFileSync(bad, JSON.stringify(doc).replace('exclusion_note', 'other_note').replace('exclusion-notes', 'other-notes'));
  const s2 = await Server.start({ env: { SPIRE_RESOURCES_DIR: dir } });
  try {
    const off = await s2.login('officer');
    const d = (await off.get('/api/v1/resources')).body.items.find((x) => x.name === 'exclusion_note');
    assert.deepEqual(d.fields.find((f) => f.name === 'excluded_until').when, { field: 'attendance', values: ['excluded'], required: true });
    const kid = await createdPerson(off, { given_name: 'Ria', family_name: 'Cole', date_of_birth: '2011-01-01' });
    const kase = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referral', person_id: kid.id, team_id: off.user.team_id, start_date: '2026-01-05' });
    const mark = s2.auditHead();
    const r1 = await off.post('/api/v1/exclusion-notes', { case_id: kase.id, attendance: 'full', excluded_until: '2026-03-01' });
    assert.equal(r1.status, 400, r1.text);
    assert.deepEqual(r1.body.errors.map((x) => x.field), ['excluded_until']);
    assert.match(r1.body.errors[0].message, /^Leave the excluded until empty/);
    const r2 = await off.post('/api/v1/exclusion-notes', { case_id: kase.id, attendance: 'excluded' });
    assert.equal(r2.status, 400, r2.text);
    assert.deepEqual(r2.body.errors.map((x) => [x.field, x.message]), [['excluded_until', 'Enter the excluded until']]);
    assert.deepEqual(s2.changesSince(mark), [], 'nothing stored');
    const ok = await off.post('/api/v1/exclusion-notes', { case_id: kase.id, attendance: 'excluded', excluded_until: '2026-03-01' });
    assert.equal(ok.status, 201, ok.text);
  } finally {
    await s2.stop();
  }
});

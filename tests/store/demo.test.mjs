// spire demo: deterministic synthetic data, an intact audit chain, refusal
// of a database that already holds people, and demo sign-ins that work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, spire, spireFail, sql, makeDb, ukToday } from './lib.mjs';

let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'spire-demo-')); });
after(() => { if (!process.env.KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true }); });

const PEOPLE = 'select given_name,family_name,date_of_birth from people order by id';

test('the same seed and size give the same people; another seed differs', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.db`));
  const out = spire(['demo', '--db', a, '--children', '20']);
  assert.match(out, /20 children/);
  assert.match(out, /demo\.officer\s+yjs_officer\s+YJS North/);
  spire(['demo', '--db', b, '--children', '20', '--seed', '1']);
  spire(['demo', '--db', c, '--children', '20', '--seed', '7']);
  const pa = sql(a, PEOPLE);
  assert.ok(pa.split('\n').length > 40, 'families around 20 children');
  assert.equal(sql(b, PEOPLE), pa);
  assert.notEqual(sql(c, PEOPLE), pa);
  for (const t of ['cases', 'contacts', 'tasks', 'consents', 'family_members']) {
    const q = `select count(*) from ${t}`;
    assert.equal(sql(b, q), sql(a, q), t);
  }
  const q = 'select person_id, team_id, worker_id, start_date, reason from cases order by id';
  assert.equal(sql(b, q), sql(a, q));
});

test('the data is valid and shaped like the service: ages, postcodes, NHS numbers', () => {
  const db = join(dir, 'a.db');
  assert.equal(sql(db, `select count(*) from parent_supports s where s.case_id is not null and s.person_id not in
    (select person_id from family_members where member_type = 'adult')`), '0');
  // Every case is about a child of a family, but a parent support case
  // (service parenting), which is about a parent or carer in one.
  assert.equal(sql(db, 'select count(*) from cases c join services s on s.id = c.service_id where s.code <> \'parenting\''
    + ' and c.person_id not in (select person_id from family_members where relationship = \'child\')'), '0');
  assert.equal(sql(db, 'select count(*) from cases c join services s on s.id = c.service_id where s.code = \'parenting\''
    + ' and c.person_id not in (select person_id from family_members)'), '0');
  const yj = sql(db, `select p.date_of_birth from cases c join people p on p.id = c.person_id
    join services s on s.id = c.service_id where s.code = 'youth_justice'`).split('\n');
  for (const dob of yj) {
    const age = (new Date('2026-11-01') - new Date(dob)) / (365.25 * 864e5);
    assert.ok(age >= 10 && age < 18, `youth justice child born ${dob}`);
  }
  // Victims are recorded without an address (yj.c); their rows now come
  // among the children's, not after them all where trim() hid them.
  for (const pc of sql(db, 'select postcode from people where postcode is not null').split('\n'))
    assert.match(pc, /^CV[1-6] [0-9][ABD-HJLNP-UW-Z]{2}$/);
  for (const n of sql(db, 'select nhs_number from people where nhs_number is not null').split('\n')) {
    const d = [...n].map(Number);
    const check = (11 - (d.slice(0, 9).reduce((s, x, i) => s + x * (10 - i), 0) % 11)) % 11;
    assert.equal(d[9], check, n);
  }
  assert.equal(sql(db, 'select count(*) from users'), '40');
  assert.equal(sql(db, 'select count(*) from teams'), '11');
  // The demo's dates follow the day it is loaded for: overdue as of today.
  assert.ok(Number(sql(db, `select count(*) from tasks where status = 'open' and due_date < '${ukToday()}'`)) > 0, 'some tasks overdue');
  assert.ok(Number(sql(db, 'select count(*) from contacts where joint = 1')) > 0, 'some joint visits');
});

test('the audit chain verifies and records one demo_load', () => {
  const db = join(dir, 'a.db');
  assert.match(spire(['audit', 'verify', '--db', db]), /intact: 1 rows/);
  // The day the demo was loaded for (its dates follow it), as a date.
  assert.match(sql(db, 'select action, detail from audit'), /^demo_load\|seed=1 children=20 today=\d{4}-\d{2}-\d{2}$/);
});

test('a second run on the same database is refused and changes nothing', () => {
  const db = join(dir, 'a.db');
  const before = sql(db, 'select count(*) from people');
  const r = spireFail(['demo', '--db', db, '--children', '5']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already holds \d+ people/);
  assert.equal(sql(db, 'select count(*) from people'), before);
  assert.match(spire(['audit', 'verify', '--db', db]), /intact: 1 rows/);
});

test('bad arguments exit 2; a weak password is refused before anything is stored', () => {
  for (const args of [['--children', '0'], ['--children', 'ten'], ['--seed', '-1'], ['extra']]) {
    const r = spireFail(['demo', '--db', join(dir, 'x.db'), ...args]);
    assert.equal(r.status, 2, args.join(' '));
  }
  assert.equal(spireFail(['demo', '--children', '5']).status, 2);
  const weak = join(dir, 'weak.db');
  const r = spireFail(['demo', '--db', weak, '--children', '5', '--password', 'password1234']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /password/);
  if (existsSync(weak)) assert.equal(sql(weak, 'select count(*) from people'), '0');
  assert.match(spire(['demo', '--signins']), /demo\.parent\s+parent/);
  // make demo's rerun names the database it serves in the command that
  // lists every account (session 25: it said FILE, and on the first run
  // the temporary file the data was loaded into).
  assert.match(spire(['demo', '--signins', '--db', 'var/demo.db']), /user list --db var\/demo\.db' shows them all/);
});

test('demo sign-ins work and the officer sees their caseload', async () => {
  const srv = await Server.start({ db: join(dir, 'b.db') });
  try {
    const officer = await srv.login('demo.officer', 'spire-demo-password');
    assert.equal(officer.user.role, 'yjs_officer');
    const admin = await srv.login('demo.admin', 'spire-demo-password');
    const users = await admin.get('/api/v1/users?limit=200');
    assert.equal(users.body.items.length, 40);
    // The first child is allocated to demo.officer.
    const p = await officer.get('/api/v1/people/1');
    assert.equal(p.status, 200, p.text);
    const manager = await srv.login('demo.manager', 'spire-demo-password');
    const a = await manager.get('/api/v1/audit?person_id=1');
    assert.equal(a.status, 200);
    assert.equal(a.body.items[0].username, 'demo.officer');
    const parent = await srv.login('demo.parent', 'spire-demo-password');
    assert.equal(parent.user.role, 'parent');
  } finally {
    await srv.stop();
  }
});

test('demo data holds its prevention and diversion sections as form responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-demo-'));
  try {
    const db = makeDb(dir, { users: [], teams: [] });
    spire(['demo', '--db', db, '--children', '60', '--seed', '7']);
    const sqlOn = (text) => sql(db, text);
    const linked = Number(sqlOn("SELECT count(*) FROM yj_assessments a JOIN form_responses r ON r.id = a.form_response_id WHERE a.assessment_type = 'prevention_diversion'"));
    assert.ok(linked > 0, 'some demo assessments have sections');
    assert.equal(Number(sqlOn("SELECT count(*) FROM yj_assessments WHERE COALESCE(childs_plan, exit_plan) IS NOT NULL")), 0);
    // Every demo response is completed, of a form Spire ships (the
    // whole-family forms too: docs/parenting.md).
    assert.equal(Number(sqlOn("SELECT count(*) FROM form_responses WHERE status <> 'completed'")), 0);
    assert.equal(Number(sqlOn("SELECT count(*) FROM form_responses WHERE form_id NOT IN ('prevention-diversion',"
      + " 'steps-to-change', 'parent-self-assessment', 'parenting-confidence')")), 0);
    // Steps to Change scorings of early help families (docs/parenting.md),
    // about families, at the start and after it.
    assert.ok(Number(sqlOn("SELECT count(*) FROM form_responses WHERE form_id = 'steps-to-change' AND subject_type = 'family'")) > 0);
    assert.equal(Number(sqlOn("SELECT count(*) FROM form_responses WHERE form_id = 'steps-to-change' AND family_id IS NULL")), 0);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

// Shared harness for the API tests: builds a fresh database with the real
// CLI, starts the real server (the binary in SPIRE_BIN, ASan build in
// `make test`) on a free loopback port, and gives tests a small client.
// The store is SQLite (a file in the test's temp dir), or PostgreSQL when
// SPIRE_TEST_STORE=postgresql: then each database is a new database in the
// cluster SPIRE_TEST_PG names (a libpq URL, scripts/pg-cluster.sh), with its
// audit key in the test's temp dir, dropped when its server stops.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import {
  appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export const BIN = resolve(process.env.SPIRE_BIN || 'build/asan/spire');
export const PASSWORD = 'Tr0ub4dor&3-horse';
// libfaketime (Debian's faketime package), for Server.start({faketime}).
export const FAKETIME_LIB = ['x86_64-linux-gnu', 'aarch64-linux-gnu', '']
  .map((arch) => `/usr/lib/${arch}${arch ? '/' : ''}faketime/libfaketimeMT.so.1`)
  .find((p) => existsSync(p)) || 'libfaketimeMT.so.1';

// The audit trail a suite reads grows with every request it makes: room
// well past node's 1 MB default.
const OUT_MAX = 256 * 1024 * 1024;

// PG: the suite runs on PostgreSQL (SPIRE_TEST_STORE=postgresql), not on
// SQLite files (the default).
export const PG = process.env.SPIRE_TEST_STORE === 'postgresql';
if (PG && !process.env.SPIRE_TEST_PG) {
  throw new Error('SPIRE_TEST_STORE=postgresql needs SPIRE_TEST_PG, the URL of a cluster to make databases in');
}

// The audit key file of each PostgreSQL database this process made (its
// URL -> the key's path): a URL has no file beside it for the key.
const KEYS = new Map();
let dbSerial = 0;

// newDb(dir, name): where a new, empty database goes: the SQLite file
// dir/name.db, or on PostgreSQL the URL of a database with a name unique
// to this process (made by `spire init`, which creates missing
// databases), its audit key at dir/name.audit-key. spire() and
// Server.start pass that key to every command naming the URL.
export function newDb(dir, name = 'spire') {
  if (!PG) return join(dir, `${name}.db`);
  dbSerial += 1;
  const u = new URL(process.env.SPIRE_TEST_PG);
  const db = `spire_t${process.pid}_${dbSerial}_${Math.random().toString(36).slice(2, 8)}`;
  u.pathname = `/${db}`;
  const url = u.toString();
  KEYS.set(url, join(dir, `${name}.audit-key`));
  return url;
}

// keyEnv(args): the environment for a spire command with these
// arguments: the audit key of the PostgreSQL database it names, if any.
function keyEnv(args, env = process.env) {
  const db = args.find((a) => KEYS.has(a));
  return db ? { ...env, SPIRE_AUDIT_KEY_FILE: KEYS.get(db) } : env;
}

// dropDb(db): drop a PostgreSQL database newDb made (nothing for a
// SQLite file, which goes with its temp dir). It runs in the background:
// DROP DATABASE waits for a checkpoint (about 0.4 s), and nothing waits
// for it; the cluster is thrown away after the run anyway.
function dropDb(db) {
  if (!KEYS.has(db)) return;
  KEYS.delete(db);
  const u = new URL(db);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const p = spawn('psql', ['-qX', '-d', u.toString(), '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`],
    { stdio: 'ignore' });
  p.on('error', () => {});
}

export function spire(args, input) {
  return execFileSync(BIN, args, {
    input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: OUT_MAX, env: keyEnv(args),
  });
}

// spireFail: run and expect a non-zero exit; returns {status, stderr}.
export function spireFail(args, input) {
  try {
    execFileSync(BIN, args, {
      input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: OUT_MAX, env: keyEnv(args),
    });
  } catch (e) {
    return { status: e.status, stderr: String(e.stderr) };
  }
  throw new Error(`expected spire ${args.join(' ')} to fail`);
}

// The audit trail as an operator reads it (`spire audit head|list`), so
// that the tests see only what Spire's users and operators can.
// auditHead(db): the last row's seq (0 when the trail is empty): the
// larger of the two chains' heads ("SEQ:MAC,SEQ:MAC", the records' chain
// and the access log, which number their rows in one sequence).
export function auditHead(db) {
  const out = spire(['audit', 'head', '--db', db]).trim();
  return Math.max(0, ...out.split(',').map((h) => Number(h.split(':')[0]) || 0));
}

// Actions that record a look or a refusal rather than a change.
const LOOKS = new Set(['read', 'list', 'search', 'shown', 'duplicate_check', 'denied', 'audit_view', 'audit_export',
  'merge_preview', 'break_glass',
  'login', 'login_failed', 'login_throttled', 'logout', 'redeem_failed', 'redeem_throttled']);

// auditRows(db, after, match): the audit rows with seq > after, oldest
// first, as objects (`spire audit list`), keeping those whose fields equal
// match's (a function in match is called with the field's value instead).
export function auditRows(db, after = 0, match = {}) {
  const out = spire(['audit', 'list', '--db', db, '--after', String(after)]);
  const rows = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return rows.filter((r) => Object.entries(match).every(([k, v]) =>
    (typeof v === 'function' ? v(r[k]) : r[k] === v)));
}

// The standard fixture: two youth justice teams, an early help team, and one
// user per role. Names: <role>, <role>2 (same team as <role>), and
// <role>_south (other team, same service) where useful.
export const TEAMS = [
  ['youth_justice', 'YJ North'],
  ['youth_justice', 'YJ South'],
  ['early_help', 'Early Help East'],
];
export const USERS = [
  ['admin', 'admin', null, null],
  ['manager', 'manager', 'youth_justice', 'YJ North'],
  ['manager_eh', 'manager', 'early_help', 'Early Help East'],
  ['officer', 'yjs_officer', 'youth_justice', 'YJ North'],
  ['officer2', 'yjs_officer', 'youth_justice', 'YJ North'],
  ['officer_south', 'yjs_officer', 'youth_justice', 'YJ South'],
  ['parentworker', 'parent_worker', 'youth_justice', 'YJ North'],
  ['fgc', 'fgc_coordinator', 'early_help', 'Early Help East'],
  ['social', 'social_worker', 'early_help', 'Early Help East'],
  ['hub', 'hub_worker', 'early_help', 'Early Help East'],
  ['analyst', 'analyst', null, null],
  ['parent', 'parent', null, null],
];

// The parenting fixture: the standard one with a Parenting Team and a
// parent worker in it (pworker_p), then the users given, such as
// PWORKER_S (a parent worker in a youth justice team, YJ South) and
// PMANAGER (the Parenting Team's manager):
// Server.start(parentingFixture(PWORKER_S)).
export const PARENTING_TEAM = ['parenting', 'Parenting Team'];
export const PWORKER_P = ['pworker_p', 'parent_worker', 'parenting', 'Parenting Team'];
export const PWORKER_S = ['pworker_s', 'parent_worker', 'youth_justice', 'YJ South'];
export const PMANAGER = ['pmanager', 'manager', 'parenting', 'Parenting Team'];
export function parentingFixture(...users) {
  return { teams: [...TEAMS, PARENTING_TEAM], users: [...USERS, PWORKER_P, ...users] };
}

// Parent accounts cannot be made at the command line (nor by an admin):
// a practitioner invites the parent from their record and the parent
// redeems the code (docs/parenting.md "Parent accounts"). makeDb leaves
// the fixture's parent accounts here, by database, and Server.start makes
// them that way once the server is up: each tied to a person of its own
// ("Fixture Parent"), which a casework user of the fixture records.
const PENDING_PARENTS = new Map();
const CASEWORK_ROLES = ['yjs_officer', 'parent_worker', 'fgc_coordinator', 'social_worker', 'hub_worker'];

// makeDb(dir, {users, teams}): a new database (newDb(dir)) with the
// standard fixture; its path or URL.
export function makeDb(dir, { users = USERS, teams = TEAMS } = {}) {
  const db = newDb(dir);
  const tpl = templateFor(users, teams);
  if (existsSync(tpl)) copyTemplate(tpl, db);
  else saveTemplate(tpl, buildDb(db, users, teams));
  const parents = users.filter(([, role]) => role === 'parent').map(([username]) => username);
  if (parents.length) {
    const worker = users.find(([, role]) => CASEWORK_ROLES.includes(role));
    if (!worker) throw new Error('a fixture with a parent account needs a practitioner to invite them');
    PENDING_PARENTS.set(db, { worker: worker[0], parents });
  }
  return db;
}

// Fixture templates. Making a fixture's database with the CLI (init, then
// a process per team and per user, each user's password hashed at full
// cost) took seconds of CPU per server under the sanitizers, most of the
// suites' time; the first server of a fixture makes it so and keeps a copy
// (a template), and the others start from a copy of that: the same files
// (SQLite: the database, its access log and audit key) or a database
// made with PostgreSQL's CREATE DATABASE ... TEMPLATE, and the same audit
// key. A template is keyed by the binary (path, size, time) and the
// fixture, so a rebuilt binary makes new ones. They live in
// SPIRE_TEST_TEMPLATES (scripts/run-tests.sh makes one directory for a
// whole run and removes it), or else in a directory of this process's.
let ownTemplates = null;
function templatesDir() {
  if (process.env.SPIRE_TEST_TEMPLATES) return process.env.SPIRE_TEST_TEMPLATES;
  if (!ownTemplates) {
    ownTemplates = mkdtempSync(join(tmpdir(), 'spire-templates-'));
    process.on('exit', () => {
      for (const t of readdirSync(ownTemplates)) {
        const name = join(ownTemplates, t, 'database');
        if (PG && existsSync(name)) {
          try { psql(`DROP DATABASE IF EXISTS "${readFileSync(name, 'utf8')}"`); } catch { /* the cluster is gone */ }
        }
      }
      rmSync(ownTemplates, { recursive: true, force: true });
    });
  }
  return ownTemplates;
}

function templateFor(users, teams) {
  const bin = statSync(BIN);
  const key = JSON.stringify([BIN, bin.size, bin.mtimeMs, PG ? process.env.SPIRE_TEST_PG : 'file', users, teams]);
  return join(templatesDir(), createHash('sha256').update(key).digest('hex').slice(0, 24));
}

function buildDb(db, users, teams) {
  spire(['init', '--db', db]);
  for (const [service, name] of teams) spire(['team', 'add', '--db', db, '--service', service, '--name', name]);
  for (const [username, role, service, team] of users) {
    if (role === 'parent') continue;
    const args = ['user', 'add', '--db', db, '--username', username, '--role', role, '--name', `Test ${username}`];
    if (team) args.push('--team', team, '--service', service);
    spire(args, PASSWORD + '\n');
  }
  return db;
}

// The files of a database file db: db itself and those named after it
// (its access log, audit key, write-ahead log).
function storeFiles(db) {
  const dir = dirname(db);
  const base = basename(db);
  return readdirSync(dir).filter((f) => f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}-`));
}

// saveTemplate(tpl, db): keep db, just made, as the template tpl. Made in
// a directory of its own and renamed into place, so that another test
// file making the same template at once never sees half of one; the
// loser's copy is dropped.
function saveTemplate(tpl, db) {
  const tmp = mkdtempSync(`${tpl}.tmp-`);
  if (PG) {
    const name = `spire_tpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    psql(`CREATE DATABASE "${name}" TEMPLATE "${new URL(db).pathname.slice(1)}"`);
    copyFileSync(KEYS.get(db), join(tmp, 'audit-key'));
    writeFileSync(join(tmp, 'database'), name);
  } else {
    for (const f of storeFiles(db)) copyFileSync(join(dirname(db), f), join(tmp, f.replace(basename(db), 'template')));
  }
  try {
    renameSync(tmp, tpl);
  } catch {
    if (PG) psql(`DROP DATABASE IF EXISTS "${readFileSync(join(tmp, 'database'), 'utf8')}"`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

// copyTemplate(tpl, db): make db, a new database newDb named, as a copy
// of the template tpl.
function copyTemplate(tpl, db) {
  if (PG) {
    psql(`CREATE DATABASE "${new URL(db).pathname.slice(1)}" TEMPLATE "${readFileSync(join(tpl, 'database'), 'utf8')}"`);
    copyFileSync(join(tpl, 'audit-key'), KEYS.get(db));
    return;
  }
  for (const f of readdirSync(tpl)) copyFileSync(join(tpl, f), join(dirname(db), f.replace('template', basename(db))));
}

// psql(sql): run sql in the test cluster's postgres database.
function psql(sql) {
  const u = new URL(process.env.SPIRE_TEST_PG);
  u.pathname = '/postgres';
  execFileSync('psql', ['-qX', '-v', 'ON_ERROR_STOP=1', '-d', u.toString(), '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

export class Client {
  constructor(base, token = null, csrf = null) { this.base = base; this.token = token; this.csrf = csrf; this.user = null; }
  async request(method, path, body, headers = {}) {
    const h = { ...headers };
    if (this.token && !('Authorization' in h)) h.Authorization = `Bearer ${this.token}`;
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
      else { payload = JSON.stringify(body); }
      if (!('Content-Type' in h)) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, body: json, text };
  }
  get(p, h) { return this.request('GET', p, undefined, h); }
  post(p, b, h) { return this.request('POST', p, b ?? {}, h); }
  patch(p, b, h) { return this.request('PATCH', p, b, h); }
  put(p, b, h) { return this.request('PUT', p, b, h); }
  delete(p, h) { return this.request('DELETE', p, undefined, h); }
}

export class Server {
  // start({users, teams, args, env, faketime}): a fresh database and a
  // running server. faketime: 'YYYY-MM-DD hh:mm:ss' (UTC) runs the server
  // under faketime(1), its clock starting there, to test what "today" is.
  static async start(opts = {}) {
    const s = new Server();
    s.dir = mkdtempSync(join(tmpdir(), 'spire-test-'));
    s.db = opts.db || makeDb(s.dir, opts);
    s.ownDb = !opts.db; // a database given is the test's to keep or drop
    const args = ['serve', '--db', s.db, '--listen', '127.0.0.1:0', '--web', resolve('web'), ...(opts.args || [])];
    let env = { ...keyEnv([s.db]), ...(opts.env || {}) };
    if (opts.faketime) {
      // libfaketime as faketime(1) loads it, but preloaded into the server
      // itself so that stop() signals the server; the time is read in TZ.
      // It comes ahead of the ASan runtime, which must then not insist on
      // coming first.
      env = {
        ...env, TZ: 'UTC', FAKETIME: `@${opts.faketime}`, LD_PRELOAD: FAKETIME_LIB,
        ASAN_OPTIONS: [env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':'),
      };
    }
    s.proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    s.stderr = '';
    // SPIRE_TEST_SERVER_LOG: a file to gather every server's stderr in
    // (store errors behind a 500), for finding what fails on a store.
    s.proc.stderr.on('data', (d) => {
      s.stderr += d;
      if (process.env.SPIRE_TEST_SERVER_LOG) appendFileSync(process.env.SPIRE_TEST_SERVER_LOG, d);
    });
    s.port = await new Promise((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error('server did not start: ' + s.stderr)), 20000);
      s.proc.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on http:\/\/[^:]+:(\d+)\//);
        if (m) { clearTimeout(timer); ok(Number(m[1])); }
      });
      s.proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${s.stderr}`)); });
    });
    s.base = `http://127.0.0.1:${s.port}`;
    s.anon = new Client(s.base);
    const pending = PENDING_PARENTS.get(s.db);
    if (pending) {
      PENDING_PARENTS.delete(s.db);
      const worker = await s.login(pending.worker);
      for (const username of pending.parents) await s.makeParent(worker, username);
    }
    return s;
  }
  // makeParent(worker, username, person, password): the parent account
  // username, made as a parent's is: worker invites them from their
  // record (a new "Fixture Parent" unless person is given) and the parent
  // redeems the code with password (PASSWORD unless given). The
  // redemption's answer (the parent signed in).
  async makeParent(worker, username, person = null, password = PASSWORD) {
    const p = person || await created(worker, '/api/v1/people', { given_name: 'Fixture', family_name: 'Parent', date_of_birth: '1980-01-01' });
    const inv = await created(worker, `/api/v1/people/${p.id}/parent-account`, {});
    const r = await this.anon.post('/api/v1/parent-invitations/redeem', { code: inv.code, username, password });
    if (r.status !== 200) throw new Error(`redeem for ${username}: ${r.status} ${r.text}`);
    return r;
  }
  // auditHead(): the trail's last seq; audit(match, after): its rows
  // after seq `after` that match (see auditRows); changesSince(after):
  // the rows after it that record a change (create, update, close, ...),
  // which every stored change writes in the same transaction.
  auditHead() { return auditHead(this.db); }
  audit(match = {}, after = 0) { return auditRows(this.db, after, match); }
  changesSince(after) {
    return auditRows(this.db, after).filter((r) => !LOOKS.has(r.action))
      .map((r) => `${r.action} ${r.record_type} ${r.record_id}`);
  }
  // changes(match, after): the actions of the change rows that match.
  changes(match = {}, after = 0) {
    return auditRows(this.db, after, match).filter((r) => !LOOKS.has(r.action)).map((r) => r.action);
  }
  async login(username, password = PASSWORD) {
    const c = new Client(this.base);
    const r = await c.post('/api/v1/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    c.token = r.body.token; c.csrf = r.body.csrf_token; c.user = r.body.user;
    return c;
  }
  // loginAll(usernames): a signed-in Client for each, in the same order.
  loginAll(usernames, password = PASSWORD) {
    return Promise.all(usernames.map((u) => this.login(u, password)));
  }
  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((ok) => this.proc.on('exit', (code, sig) => ok({ code, sig })));
      this.proc.kill('SIGTERM');
      const { code } = await exited;
      // A sanitizer report or a crash on shutdown fails the test.
      if (code !== 0) throw new Error(`server exited with ${code}: ${this.stderr}`);
    }
    if (!process.env.KEEP_TEST_DB) {
      if (this.ownDb) dropDb(this.db);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

// Dates relative to today, so that the suite passes whatever the date
// (docs/testing.md "At another date"): "today" is the UK civil date
// (Europe/London), as the server reads it. Each is 'YYYY-MM-DD'.
// ukToday(); ukDay(n): n days from today (n < 0: before); ukMonths(n):
// n calendar months from today (the month's last day when it is shorter);
// dobForAge(age, days): the date of birth of someone aged `age` today
// whose birthday was `days` days ago (0: it is today), so `age` for the
// next 365 - days days.
export function ukToday() {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
function shifted(iso, { years = 0, months = 0, days = 0 }) {
  const [y, m, d] = iso.split('-').map(Number);
  const mon = new Date(Date.UTC(y + years, m - 1 + months, 1));
  const last = new Date(Date.UTC(mon.getUTCFullYear(), mon.getUTCMonth() + 1, 0)).getUTCDate();
  mon.setUTCDate(Math.min(d, last) + days);
  return mon.toISOString().slice(0, 10);
}
export const ukDay = (n = 0) => shifted(ukToday(), { days: n });
export const ukMonths = (n) => shifted(ukToday(), { months: n });
export const dobForAge = (age, days = 0) => shifted(ukToday(), { years: -age, days: -days });
// ukLong(iso): the date as the pages show it, '2 January 2010'.
export const ukLong = (iso) => new Date(`${iso}T12:00:00Z`)
  .toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

// A minimal valid child: aged 17 today, their birthday 1 to 9 days ago.
let serial = 0;
export function child(extra = {}) {
  serial += 1;
  return { given_name: `Child${serial}`, family_name: 'Tester', date_of_birth: dobForAge(17, (serial % 9) + 1), ...extra };
}

// created(c, path, body): POST body to path as c, expecting 201 Created;
// the new record.
export async function created(c, path, body) {
  const r = await c.post(path, body);
  assert.equal(r.status, 201, `${c.user?.username ?? 'anonymous'} POST ${path}: ${r.text}`);
  return r.body;
}

// createdPerson(c, extra): a person created by c, child() with extra over
// it; the new record.
export function createdPerson(c, extra) {
  return created(c, '/api/v1/people', child(extra));
}

// Every answer a new KPI snapshot must give (docs/forms.md: FF_ANSWER):
// each "not known" (null), to spread before the answers a test sets.
export const KPI_ANSWERS = [
  'accommodation', 'accommodation_suitable', 'ete_provision', 'ete_suitable', 'ete_attending', 'send_identified',
  'learning_plan', 'mental_health_need', 'mental_health_offered', 'mental_health_attending', 'substance_misuse_need',
  'substance_misuse_offered', 'substance_misuse_attending', 'early_help', 'child_in_need', 'child_protection', 'looked_after',
];
export const KPI_NOT_KNOWN = Object.fromEntries(KPI_ANSWERS.map((k) => [k, null]));

// The body of a merge as the merge page sends it: the two records'
// versions and the count of what moves, as c's preview showed them; when
// the preview is refused (a merge to be refused too), versions 1 and 0.
export async function mergeBody(c, keptId, mergedId, reason, headers) {
  const pv = await c.get(`/api/v1/people/merges/preview?kept_id=${keptId}&merged_id=${mergedId}`, headers);
  const seen = pv.status === 200
    ? { kept_version: pv.body.kept.version, merged_version: pv.body.merged.version, moves_total: pv.body.total }
    : { kept_version: 1, merged_version: 1, moves_total: 0 };
  return { kept_id: keptId, merged_id: mergedId, reason, ...seen };
}

// The attack tests' family: Kit Dale (a child) and his mother Mo (parental
// responsibility, in the household) in the Dale family, his youth justice
// case held by officer's team (40 days ago) and a referral order on an
// assault (30 days ago). UK civil dates relative to today.
export async function daleFamilyWithOrder(officer) {
  const day = ukDay;
  const kid = await createdPerson(officer, { given_name: 'Kit', family_name: 'Dale' });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Mo', family_name: 'Dale', date_of_birth: '1983-05-05' });
  const fam = await created(officer, '/api/v1/families', { name: 'Dale family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const yjCase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-40),
  });
  const off = await created(officer, '/api/v1/offences', {
    case_id: yjCase.id, offence_date: day(-41), description: 'Assault', category: 'violence_against_person', gravity: 3,
  });
  const outcome = await created(officer, '/api/v1/outcomes', {
    case_id: yjCase.id, outcome_type: 'referral_order', outcome_date: day(-30), start_date: day(-30), offence_ids: [off.id],
  });
  return { kid, mum, fam, yjCase, outcome };
}

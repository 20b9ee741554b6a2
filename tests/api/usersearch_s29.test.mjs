// Session 29: the Users search (GET /api/v1/users?q=) lower-cased only
// A-Z (C tolower and SQL LOWER, ASCII-only on SQLite, the database's
// collation on PostgreSQL), so "zoë" did not find ZOË and the stores could
// answer differently. It now folds names and usernames as the people
// search does (core/names.h name_fold: every script's capitals, accents
// dropped, Ł -> l, ß -> ss, spaces, hyphens and apostrophes ignored), in C,
// the same on both stores (this file runs on each), with the other
// filters, paging and the audit of each account shown still right, and
// LIKE's own characters (% _ !) taken as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created } from './lib.mjs';

let srv, admin, officer;
const ids = {};
before(async () => {
  srv = await Server.start();
  [admin, officer] = await srv.loginAll(['admin', 'officer']);
  const teams = Object.fromEntries((await admin.get('/api/v1/teams')).body.items.map((t) => [t.name, t.id]));
  const make = async (username, full_name, role = 'analyst', team = null) => {
    const u = await created(admin, '/api/v1/users', {
      username, full_name, role, password: 'a-Long-unusual-pass-9', ...(team ? { team_id: teams[team] } : {}),
    });
    ids[username] = u.id;
  };
  await make('zoe.astrom', 'ZOË ÅSTRÖM');
  await make('owain.g', 'owain glyndŵr');
  await make('sian.llyr', 'SIÂN LLŶR', 'yjs_officer', 'YJ South');
  await make('dafydd', 'Dafydd ap Gwŷn');
  await make('sean.obriain', 'Seán Ó Briain');
  await make('siobhan', 'Siobhán Ní Dhubhghaill', 'social_worker', 'Early Help East');
  await make('lukasz', 'Łukasz Żółć');
  await make('alexandros', 'ΑΛΈΞΑΝΔΡΟΣ Παπαδόπουλος');
  await make('jurgen', 'Jürgen Straße');
  await make('pct', 'Ann 100% Lee');
  await make('pct2', 'Ann 1000 Lee');
  await make('under', 'Bo_b Smith');
  await make('under2', 'Boab Smith');
  await make('bang', 'Cy! Jones');
  await make('bang2', 'Cy Jones');
  // Seven accounts matching "caoimhe ní" in capitals and accents of every
  // kind, and two that do not, sorting among them.
  for (const [n, name] of [
    ['caoimhe1', 'Caoimhe Ní Bhriain'], ['caoimhe2', 'CAOIMHE NÍ CHATHÁIN'], ['caoimhe3', 'caoimhe ni dhonnchadha'],
    ['caoimhe4', 'Caoimhe Nolan'], ['caoimhe5', 'Caoimhe Ní Fhlannagáin'], ['caoimhe6', 'CAOİMHE Nİ GHRÍOFA'],
    ['caoimhe7', 'Caoimhe Ní Mhurchú'], ['caoimhe8', 'Caoimhe Nash'], ['caoimhe9', 'Caoimhe Ní Shé'],
  ]) await make(n, name, 'yjs_officer', n === 'caoimhe5' ? 'YJ South' : 'YJ North');
});
after(async () => { await srv.stop(); });

async function found(client, query) {
  const r = await client.get(`/api/v1/users?limit=200&${query}`);
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.body.items.map((u) => u.username).sort();
}

test('names in capitals and accents are found by plain lower-case words, and the reverse', async () => {
  for (const [q, want] of [
    ['zoë', ['zoe.astrom']], ['zoe', ['zoe.astrom']], ['åström', ['zoe.astrom']], ['Zoe Ast', ['zoe.astrom']],
    ['ZOE.ASTROM', ['zoe.astrom']],
    ['GLYNDŴR', ['owain.g']], ['GLYNDWR', ['owain.g']], ['OWAIN', ['owain.g']],
    ['łukasz', ['lukasz']], ['ŻÓŁĆ', ['lukasz']], ['zolc', ['lukasz']],
    ['αλέξ', ['alexandros']], ['αλεξ', ['alexandros']], ['ΠΑΠΑΔΌΠΟΥΛΟΣ', ['alexandros']],
    ['strasse', ['jurgen']], ['STRAẞE', ['jurgen']], ['jurgen', ['jurgen']],
    // Each word on its own, in any order (session 29's walk: "keane tom"
    // did not find Tom Keane); every word must be found.
    ['Astrom Zoe', ['zoe.astrom']], ['  åström   zoë ', ['zoe.astrom']], ['zoe glyndwr', []],
  ]) assert.deepEqual(await found(admin, `q=${encodeURIComponent(q)}`), want, q);
});

test('Welsh and Irish names are found with or without their accents and apostrophes', async () => {
  for (const [q, want] of [
    ['siân', ['sian.llyr']], ['sian', ['sian.llyr']], ['Sian Llyr', ['sian.llyr']], ['llŷr', ['sian.llyr']],
    ['GWYN', ['dafydd']], ['ap gwŷn', ['dafydd']],
    ['sean', ['sean.obriain']], ['SEÁN', ['sean.obriain']], ['Ó Briain', ['sean.obriain']],
    ["O'Briain", ['sean.obriain']], ['obriain', ['sean.obriain']],
    ['SIOBHAN', ['siobhan']], ['ní dhubh', ['siobhan']], ['NI DHUBHGHAILL', ['siobhan']],
    ['llyr sian', ['sian.llyr']], ['briain seán', ['sean.obriain']],
  ]) assert.deepEqual(await found(admin, `q=${encodeURIComponent(q)}`), want, q);
});

test("LIKE's own characters are taken as they are", async () => {
  for (const [q, want] of [
    ['100%', ['pct']], ['100', ['pct', 'pct2']], ['o_b', ['under']], ['bo%b', []], ['y!', ['bang']], ['!', ['bang']],
    ['%', ['pct']],
  ]) assert.deepEqual(await found(admin, `q=${encodeURIComponent(q)}`), want, q);
});

test('a search pages across its matches, with the other filters, and each account shown is audited', async () => {
  const want = ['caoimhe1', 'caoimhe2', 'caoimhe3', 'caoimhe5', 'caoimhe6', 'caoimhe7', 'caoimhe9'];
  const q = encodeURIComponent('caoimhe ní');
  const all = (await admin.get(`/api/v1/users?q=${q}&limit=200`)).body.items;
  assert.deepEqual(all.map((u) => u.username).sort(), want);
  const seen = [];
  for (let offset = 0; offset < 8; offset += 3) {
    const mark = srv.auditHead();
    const r = await admin.get(`/api/v1/users?q=${q}&limit=3&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.has_more, offset + 3 < want.length, `offset ${offset}`);
    assert.equal(r.body.items.length, Math.min(3, want.length - offset));
    seen.push(...r.body.items.map((u) => u.id));
    // Each account shown is audited as a list read, and only those.
    assert.deepEqual(srv.audit({ username: 'admin', record_type: 'user' }, mark).map((x) => [x.action, x.record_id]),
      r.body.items.map((u) => ['list', u.id]));
  }
  assert.deepEqual(seen, all.map((u) => u.id), 'the pages are the whole list in its order');
  // The other filters still apply with the words.
  assert.deepEqual(await found(admin, `q=${q}&role=yjs_officer&team_id=${all.find((u) => u.username === 'caoimhe5').team_id}`), ['caoimhe5']);
  const m = all.find((u) => u.username === 'caoimhe7');
  assert.equal((await admin.post(`/api/v1/users/${m.id}/disable`, { version: m.version })).status, 200);
  assert.deepEqual(await found(admin, `q=${q}&disabled=1`), ['caoimhe7']);
  assert.deepEqual(await found(admin, `q=${q}&enabled=1`), want.filter((u) => u !== 'caoimhe7'));
  assert.deepEqual(await found(admin, `q=${q}&role=analyst`), []);
  // A colleague finds only the active accounts of their own service.
  assert.deepEqual(await found(officer, `q=${q}`), want.filter((u) => u !== 'caoimhe7'));
  assert.deepEqual(await found(officer, 'q=SIAN'), ['sian.llyr']);
  assert.deepEqual(await found(officer, 'q=siobhan'), []);
  const p = await officer.get(`/api/v1/users?q=${q}&limit=2&offset=5`);
  assert.deepEqual([p.body.items.length, p.body.has_more], [1, false]);
});

test('the search is up to 100 characters in any script, not 100 bytes', async () => {
  let r = await admin.get(`/api/v1/users?q=${encodeURIComponent('λ'.repeat(100))}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items, []);
  r = await admin.get(`/api/v1/users?q=${encodeURIComponent('λ'.repeat(101))}`);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'q');
  assert.equal(r.body.error.message, 'Enter 100 characters or fewer to search for');
  // Spaces and apostrophes alone are no words: every account, as with none.
  assert.equal((await admin.get(`/api/v1/users?q=${encodeURIComponent(" ' ")}&limit=200`)).body.items.length,
    (await admin.get('/api/v1/users?limit=200')).body.items.length);
});

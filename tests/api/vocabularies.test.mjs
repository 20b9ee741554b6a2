// /api/v1/vocabularies: the registry's vocabularies (codes with the words
// people see), for any signed-in user, one by ?name=; the API's own
// validation takes the same codes and speaks the same words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

let srv, officer, parent, kid;

before(async () => {
  srv = await Server.start();
  [officer, parent] = await srv.loginAll(['officer', 'parent']);
  kid = await createdPerson(officer, { given_name: 'Rhys', family_name: 'Owen' });
  await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-03-01' });
});
after(async () => { await srv.stop(); });

test('signing in is needed', async () => {
  const r = await srv.anon.get('/api/v1/vocabularies');
  assert.equal(r.status, 401, r.text);
  const one = await srv.anon.get('/api/v1/vocabularies?name=sex');
  assert.equal(one.status, 401, one.text);
});

test('every signed-in user gets every vocabulary: unique names, codes with labels, in order', async () => {
  for (const c of [officer, parent]) {
    const r = await c.get('/api/v1/vocabularies');
    assert.equal(r.status, 200, r.text);
    const { items } = r.body;
    assert.ok(items.length > 0);
    const names = items.map((v) => v.name);
    assert.equal(new Set(names).size, names.length, 'names are unique');
    for (const v of items) {
      assert.match(v.name, /^[a-z_]+$/);
      assert.ok(v.label, `${v.name} has a label`);
      assert.ok(v.terms.length > 0, `${v.name} has terms`);
      const codes = v.terms.map((t) => t.code);
      assert.equal(new Set(codes).size, codes.length, `${v.name}: codes are unique`);
      for (const t of v.terms) {
        assert.match(t.code, /^[a-z0-9_-]+$/);
        assert.ok(t.label && t.label !== t.code, `${v.name}.${t.code} has words for people`);
        assert.equal(typeof t.retired, 'boolean');
      }
    }
    assert.ok(names.includes('lawful_bases') && names.includes('outcome_types') && names.includes('ethnicity'));
  }
});

test('?name= picks one vocabulary; an unknown or repeated name is a 400 naming it', async () => {
  const all = (await officer.get('/api/v1/vocabularies')).body.items;
  for (const v of all) {
    const r = await officer.get(`/api/v1/vocabularies?name=${v.name}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.items, [v]);
  }
  for (const q of ['?name=nothing_like_this', '?name=', '?name=sex&name=send']) {
    const r = await officer.get(`/api/v1/vocabularies${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.body.error.field, 'name', q);
  }
  const bogus = await officer.get('/api/v1/vocabularies?nme=sex');
  assert.equal(bogus.status, 400);
});

test('the API accepts exactly the served codes, and its message lists their labels', async () => {
  const [bases] = (await officer.get('/api/v1/vocabularies?name=lawful_bases')).body.items;
  const body = (lawful_basis) => ({ person_id: kid.id, agency: 'Northfield Academy', purpose: 'Attendance', lawful_basis, given_on: '2024-04-02' });
  for (const t of bases.terms.filter((x) => !x.retired)) {
    const r = await officer.post('/api/v1/consents', body(t.code));
    assert.equal(r.status, 201, `${t.code}: ${r.text}`);
  }
  const list = async () => (await officer.get(`/api/v1/consents?person_id=${kid.id}&limit=200`)).body.items;
  const before = await list();
  const bad = await officer.post('/api/v1/consents', body('because'));
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.body.error.field, 'lawful_basis');
  const words = bases.terms.map((t) => t.label.toLowerCase());
  const listed = words.slice(0, -1).join(', ') + ' or ' + words[words.length - 1];
  assert.equal(bad.body.error.message, `Select the lawful basis: ${listed}`);
  assert.deepEqual(await list(), before, 'nothing is stored');
});

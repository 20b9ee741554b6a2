// Session 28 (attack F1): a youth justice manager read a parent's support
// trimmed (GET /parent-supports/{id}: no agreement, reviews or parenting
// case), but the parents lists built beside it - GET /parenting/parents and
// the home page's `parents` - gave the same support with its agreement,
// agreement date, next review and the id of the sealed parenting case. Every
// list row of a support is now trimmed as a read of it is, and marked
// withheld; the parenting team still sees it whole.
// Runs on SQLite, and on PostgreSQL with SPIRE_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, daleFamilyWithOrder, ukDay as day } from './lib.mjs';

const WITHHELD = ['agreement', 'agreement_date', 'next_review_date', 'case_id', 'next_session_date',
  'last_session_date', 'created_by', 'notes'];

let srv, manager, pwP, kid, mo, yjCase, sup;

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, ['parenting', 'Parenting Team']],
    users: [...USERS, ['pworker_p', 'parent_worker', 'parenting', 'Parenting Team']],
  });
  const [officer] = await srv.loginAll(['officer']);
  [manager, pwP] = await srv.loginAll(['manager', 'pworker_p']);
  ({ kid, mum: mo, yjCase } = await daleFamilyWithOrder(officer));
  sup = await created(pwP, '/api/v1/parent-supports', {
    person_id: mo.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-5),
    start_date: day(-5), next_review_date: day(20), notes: 'Mo is afraid of her partner',
  });
  assert.ok(sup.case_id, JSON.stringify(sup));
});
after(async () => { await srv.stop(); });

// The row of parents about Mo, from a list answer.
const moRow = (rows) => rows.find((r) => r.person_id === mo.id);

test('a youth justice manager\'s parents lists show a support no more than their read of it does', async () => {
  const read = await manager.get(`/api/v1/parent-supports/${sup.id}`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body.withheld, true);
  for (const k of WITHHELD) assert.ok(!(k in read.body), `the read withholds ${k}`);

  const mark = srv.auditHead();
  const list = await manager.get('/api/v1/parenting/parents');
  assert.equal(list.status, 200, list.text);
  const home = await manager.get('/api/v1/parenting/home');
  assert.equal(home.status, 200, home.text);
  for (const [what, rows] of [['parents', list.body.items], ['home', home.body.parents]]) {
    const row = moRow(rows);
    assert.ok(row, `${what}: Mo is listed`);
    assert.equal(row.withheld, true, what);
    for (const k of WITHHELD) assert.ok(!(k in row), `${what}: the row withholds ${k}: ${JSON.stringify(row)}`);
    for (const c of row.children) {
      assert.equal(c.next_review_date, undefined, `${what}: the child's entry withholds the review`);
      assert.equal(c.withheld, true);
    }
    // What any reader of the support sees is still there.
    assert.equal(row.support_status, read.body.support_status);
    assert.equal(row.given_name, 'Mo');
    assert.equal(row.children[0].child_id, kid.id);
    assert.doesNotMatch(JSON.stringify(row), /afraid|agreed/);
  }
  // Each list audited the support it showed, about the parent.
  assert.equal(srv.audit({ action: 'list', record_type: 'parent_support', record_id: sup.id, person_id: mo.id }, mark).length, 2);
});

test('the parenting team still sees its own supports whole in the same lists', async () => {
  const list = await pwP.get('/api/v1/parenting/parents');
  assert.equal(list.status, 200, list.text);
  const row = moRow(list.body.items);
  assert.ok(row);
  assert.equal(row.withheld, undefined);
  assert.equal(row.agreement, 'agreed');
  assert.equal(row.next_review_date, day(20));
  assert.equal(row.case_id, sup.case_id);
  assert.equal(row.children[0].next_review_date, day(20));
  assert.ok(!('created_by' in row));
});

// Attack F4: a reason sent when marking a task done or not done was told
// "Nothing else can be changed", which reads as if something else was
// changed; a reason is simply not needed. Nothing is stored.
test('marking a task done or not done with a reason says no reason is needed, and stores nothing', async () => {
  const t = await created(pwP, '/api/v1/tasks', { title: 'Ring Mo about the group', due_date: day(3) });
  let r = await pwP.post(`/api/v1/tasks/${t.id}/done`, { version: t.version, reason: 'Rang her' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'reason');
  assert.equal(r.body.error.message, 'No reason is needed to mark a task done');
  const done = await pwP.post(`/api/v1/tasks/${t.id}/done`, { version: t.version });
  assert.equal(done.status, 200, done.text);
  const mark = srv.auditHead();
  r = await pwP.post(`/api/v1/tasks/${t.id}/reopen`, { version: done.body.version, reason: 'again please' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'reason');
  assert.equal(r.body.error.message, 'No reason is needed to mark a task as not done');
  assert.deepEqual(srv.changesSince(mark), []);
  assert.equal((await pwP.get(`/api/v1/tasks/${t.id}`)).body.status, 'done');
});

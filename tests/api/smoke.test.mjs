import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, child } from './lib.mjs';

let srv, officer;
before(async () => { srv = await Server.start(); officer = await srv.login('officer'); });
after(async () => { await srv.stop(); });

test('an officer creates and reads a person; the read is audited', async () => {
  const r = await officer.post('/api/v1/people', child({ nhs_number: '943 476 5919' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.nhs_number, '9434765919');
  assert.equal(r.body.version, 1);
  const g = await officer.get(`/api/v1/people/${r.body.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.headers.get('cache-control'), 'no-store');
});

test('a bad NHS number is refused with the field named and nothing stored', async () => {
  const r = await officer.post('/api/v1/people', child({ given_name: 'Nobody', nhs_number: '1234567890' }));
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'nhs_number');
  const s = await officer.get('/api/v1/people?q=Nobody');
  assert.equal(s.body.items.length, 0);
});

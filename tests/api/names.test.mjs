// People's names and identifiers as practitioners type them: possible
// duplicates found across Unicode case, accents, apostrophe and hyphen
// forms and spacing; identifiers stored, searched and duplicate-checked in
// one normalised form; names searched without their accents; control
// characters refused in every free-text name; every field error of a
// request returned together. (Migration 6 normalising rows already stored:
// tests/store/migrations.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './lib.mjs';

let srv, officer, admin;
before(async () => {
  srv = await Server.start();
  [officer, admin] = await srv.loginAll(['officer', 'admin']);
});
after(async () => { await srv.stop(); });

const person = (given, family, extra = {}) => ({ given_name: given, family_name: family, ...extra });

async function possibleDuplicate(body, of) {
  const r = await officer.post('/api/v1/people', body);
  assert.equal(r.status, 409, `${JSON.stringify(body)}: ${r.text}`);
  assert.equal(r.body.error.code, 'possible_duplicate', r.text);
  assert.ok(r.body.error.duplicates.some((d) => d.id === of.id), `${JSON.stringify(body)} should match ${of.id}: ${r.text}`);
  assert.deepEqual(r.body.errors, [r.body.error], r.text);
}

async function create(body) {
  const r = await officer.post('/api/v1/people', body);
  assert.equal(r.status, 201, `${JSON.stringify(body)}: ${r.text}`);
  return r.body;
}

test('names match across case, accents, apostrophes, hyphens and spaces', async () => {
  const zoe = await create(person('Zoë', 'Åström', { date_of_birth: '2012-01-01' }));
  assert.equal(zoe.given_name, 'Zoë', 'shown as typed');
  assert.equal(zoe.name_key, undefined, 'the folded key is not shown');
  const before = srv.auditHead();
  await possibleDuplicate(person('ZOË', 'ÅSTRÖM', { date_of_birth: '2012-01-01' }), zoe);
  await possibleDuplicate(person('zoe', 'astrom', { date_of_birth: '2012-01-01' }), zoe);
  // Decomposed (NFD) accents, as some keyboards and pastes give them.
  await possibleDuplicate(person('Zoe\u0308', 'A\u030Astro\u0308m', { date_of_birth: '2012-01-01' }), zoe);
  await possibleDuplicate(person('  Zoë ', ' Åström  ', { date_of_birth: '2012-01-01' }), zoe);

  const oneill = await create(person('Zoë', "O'Neill", { date_of_birth: '2013-02-02' }));
  await possibleDuplicate(person('Zoe', 'ONeill', { date_of_birth: '2013-02-02' }), oneill);
  await possibleDuplicate(person('ZOE', 'O\u2019NEILL', { date_of_birth: '2013-02-02' }), oneill);
  await possibleDuplicate(person('Zoe', 'O Neill', { date_of_birth: '2013-02-02' }), oneill);

  const mary = await create(person('Mary-Ann', 'Smith\u2010Jones', { date_of_birth: '2014-03-03' }));
  await possibleDuplicate(person('Mary Ann', 'Smith-Jones', { date_of_birth: '2014-03-03' }), mary);
  await possibleDuplicate(person('MARYANN', 'smith \u2013 jones', { date_of_birth: '2014-03-03' }), mary);
  assert.deepEqual(srv.changesSince(before), [`create person ${oneill.id}`, `create person ${mary.id}`],
    'only the two new people stored');

  // Another date of birth, or another name, is someone else (a name a
  // letter away is a possible duplicate: tests/api/fixb_s23.test.mjs).
  await create(person('Zoë', 'Åström', { date_of_birth: '2012-01-02' }));
  await create(person('Zoë', 'Åberg', { date_of_birth: '2012-01-01' }));
  // The check endpoint says the same.
  const d = await officer.post('/api/v1/people/duplicates', person('ZOE', 'ASTROM', { date_of_birth: '2012-01-01' }));
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.body.items.map((x) => x.id), [zoe.id]);
});

test('identifiers are stored once normalised, and match however they are typed', async () => {
  const p = await create(person('Ida', 'Normal', {
    nhs_number: '943-476 5919', upn: 'c801 1234 56789', pnc_id: '1998/123456e', local_id: 'cv-0001 23',
  }));
  assert.equal(p.nhs_number, '9434765919');
  assert.equal(p.upn, 'C801123456789');
  assert.equal(p.pnc_id, '98/123456E');
  assert.equal(p.local_id, 'CV000123');
  const stored = (await officer.get(`/api/v1/people/${p.id}`)).body;
  assert.equal(`${stored.nhs_number} ${stored.upn} ${stored.pnc_id} ${stored.local_id}`,
    '9434765919 C801123456789 98/123456E CV000123');
  // Duplicate checks compare the normalised forms.
  for (const id of [{ nhs_number: '943 476 5919' }, { upn: 'C801-1234-56789' }, { pnc_id: '98/123456E' }, { pnc_id: '98 / 123456 e' }, { local_id: 'CV 000123' }]) {
    await possibleDuplicate(person('Someone', 'Else', id), p);
  }
  // And so does search.
  for (const q of ['943 476 5919', 'c801123456789', '1998/123456e', '98/123456E', 'cv-000123']) {
    const r = await officer.get(`/api/v1/people?identifier=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.items.map((x) => x.id), [p.id], `identifier=${q}`);
  }
  // Updates normalise too.
  const u = await officer.patch(`/api/v1/people/${p.id}`, { version: p.version, local_id: 'cv 000-124' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.local_id, 'CV000124');
});

test('search finds accented names from unaccented and upper-case queries', async () => {
  const p = await create(person('Renée', 'Łukasiewicz-Brontë', { date_of_birth: '2011-06-06' }));
  for (const q of ['renee', 'RENÉE', 'bronte', 'Renee Bronte']) {
    const r = await officer.get(`/api/v1/people?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.some((x) => x.id === p.id), `q=${q}: ${r.text}`);
  }
});

test('every field error comes back together, each with a practitioner\'s message', async () => {
  const before = srv.auditHead();
  const r = await officer.post('/api/v1/people', {
    given_name: '  ', family_name: 'Smith\u0007', date_of_birth: '2011-02-30', postcode: 'nowhere', nhs_number: '123', sex: 'x',
  });
  assert.equal(r.status, 400, r.text);
  const fields = r.body.errors.map((x) => x.field);
  assert.deepEqual(fields.slice().sort(), ['date_of_birth', 'family_name', 'given_name', 'nhs_number', 'postcode', 'sex'], r.text);
  assert.deepEqual(r.body.error, r.body.errors[0], 'error is the first of errors');
  for (const x of r.body.errors) {
    assert.equal(x.code, 'validation');
    assert.doesNotMatch(x.message, /YYYY|ISO|_/, `${x.field}: ${x.message}`);
  }
  const msg = Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
  assert.equal(msg.given_name, 'Enter the first name');
  assert.match(msg.date_of_birth, /^Date of birth must be a real date/);
  assert.match(msg.nhs_number, /NHS number/);
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  // A date of birth in the future is named with the other errors.
  const future = await officer.post('/api/v1/people', { given_name: '', family_name: 'Later', date_of_birth: '2099-01-01' });
  assert.equal(future.status, 400, future.text);
  assert.deepEqual(future.body.errors.map((x) => x.field), ['given_name', 'date_of_birth'], future.text);
  // Missing required fields are each named too.
  const empty = await officer.post('/api/v1/people', {});
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(empty.body.errors.map((x) => x.field).sort(), ['family_name', 'given_name']);
  // Each follow-up task of a contact is named with its own errors.
  const kid = await create(person('Tess', 'Tasks', { date_of_birth: '2010-01-01' }));
  const kase = (await officer.post('/api/v1/cases', { service: 'youth_justice', person_id: kid.id, team_id: officer.user.team_id, start_date: '2024-01-02', reason: 'Referred by the youth court' })).body;
  const tasksBefore = srv.auditHead();
  const c = await officer.post('/api/v1/contacts', {
    case_id: kase.id, contact_date: '2024-05-02', contact_type: 'home_visit', joint: false, summary: 'Seen.',
    tasks: [{ title: 'Call school', due_date: '2024-02-30' }, { title: 'Fine', due_date: '2024-06-01' }, { due_date: '2024-06-01', title: 'Line\nbreak' }],
  });
  assert.equal(c.status, 400, c.text);
  assert.deepEqual(c.body.errors.map((x) => x.field), ['tasks[0].due_date', 'tasks[2].title'], c.text);
  assert.deepEqual(srv.changesSince(tasksBefore), [], 'no task or contact stored');
  assert.deepEqual((await officer.get(`/api/v1/tasks?case_id=${kase.id}`)).body.items, [], 'no task stored');
  assert.deepEqual((await officer.get(`/api/v1/contacts?case_id=${kase.id}&include_closed=1`)).body.items, [], 'no contact stored');
});

test('control characters are refused in names: people, families, tasks, teams, users', async () => {
  const bad = ['Ann\tMarie', 'Ann\nMarie', 'Ann\u0085', 'Ann\u202Eeiram', 'Ann\u2028', 'Ann\u007F',
    // Format characters (Unicode category Cf) and no-break spaces.
    'A\u200Bb', 'A\u200Db', 'A\u2060b', '\uFEFFAnn', 'Ann\u00AD', 'Mary\u00A0Ann', 'Mary\u202FAnn'];
  for (const name of bad) {
    for (const [c, path, body, field] of [
      [officer, '/api/v1/people', person(name, 'Smith'), 'given_name'],
      [officer, '/api/v1/people', person('Ann', name), 'family_name'],
      [officer, '/api/v1/people', person('Ann', 'Smith', { preferred_name: name }), 'preferred_name'],
      [officer, '/api/v1/families', { name }, 'name'],
      [officer, '/api/v1/tasks', { title: name, due_date: '2030-01-01' }, 'title'],
      [admin, '/api/v1/teams', { name, service_code: 'youth_justice' }, 'name'],
      [admin, '/api/v1/users', { username: 'ctl', full_name: name, role: 'analyst', password: 'a-Long-unusual-pass-9' }, 'full_name'],
    ]) {
      const r = await c.post(path, body);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.error.field, field, `${path} ${JSON.stringify(body)}: ${r.text}`);
    }
  }
  const r = await officer.post('/api/v1/people', person('A\u200Bb', 'Smith'));
  assert.equal(r.body.error.message, 'First name must not include line breaks, tabs or other hidden characters', r.text);
  // Notes keep their line breaks.
  const p = await create(person('Ann', 'Lines', { address: '1 High Street\nLeeds' }));
  assert.equal(p.address, '1 High Street\nLeeds');
});


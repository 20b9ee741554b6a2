// "Today" is the UK civil date (Europe/London) everywhere: "not in the
// future" (dates of birth, contacts, cases...), overdue tasks. The server
// runs under faketime at instants where the UK date and the UTC date
// differ (23:30 UTC in summer is already tomorrow in London), at a winter
// noon (UK = UTC), and the night the clocks go back. Impossible dates get
// a practitioner's message naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson } from './lib.mjs';

// The body that opens a youth justice case for person on start.
const openCase = (officer, person, start) => ({
  service: 'youth_justice', person_id: person, team_id: officer.user.team_id, worker_id: officer.user.id,
  start_date: start, reason: 'Referred by the youth court',
});

// A server whose clock starts at utc, with a case to record contacts on.
async function at(utc) {
  const srv = await Server.start({ faketime: utc });
  try {
    const officer = await srv.login('officer');
    const kid = await createdPerson(officer, { date_of_birth: '2010-03-04' });
    const kase = await created(officer, '/api/v1/cases', openCase(officer, kid.id, '2024-01-02'));
    return { srv, officer, kid, kase };
  } catch (err) {
    await srv.stop();
    throw err;
  }
}

const contact = (kase, date) => ({ case_id: kase.id, contact_date: date, contact_type: 'home_visit', joint: false, summary: 'Seen at home.' });

function refused(r, field) {
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, field, r.text);
  assert.match(r.body.error.message, /today or in the past/, r.text);
  assert.ok(r.body.errors.some((x) => x.field === field), r.text);
}

test('23:30 UTC on 1 July is 2 July in London: its dates are today, 3 July is the future', async () => {
  const { srv, officer, kase } = await at('2026-07-01 23:30:00');
  try {
    // Date of birth: today is fine (a newborn), tomorrow is refused.
    const born = await officer.post('/api/v1/people', { given_name: 'New', family_name: 'Born', date_of_birth: '2026-07-02' });
    assert.equal(born.status, 201, born.text);
    const before = srv.auditHead();
    refused(await officer.post('/api/v1/people', { given_name: 'Not', family_name: 'Yet', date_of_birth: '2026-07-03' }), 'date_of_birth');
    assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
    // The possible-duplicates check refuses it the same way.
    refused(await officer.post('/api/v1/people/duplicates', { given_name: 'Not', family_name: 'Yet', date_of_birth: '2026-07-03' }), 'date_of_birth');
    // And on a correction.
    refused(await officer.patch(`/api/v1/people/${born.body.id}`, { version: born.body.version, date_of_birth: '2026-07-03' }), 'date_of_birth');

    const today = await officer.post('/api/v1/contacts', contact(kase, '2026-07-02'));
    assert.equal(today.status, 201, today.text);
    // 00:15 London time on 2 July, written as UTC the evening before.
    const lateUtc = await officer.post('/api/v1/contacts', contact(kase, '2026-07-01T23:15:00Z'));
    assert.equal(lateUtc.status, 201, lateUtc.text);
    refused(await officer.post('/api/v1/contacts', contact(kase, '2026-07-03')), 'contact_date');
    // 23:30 UTC on 2 July is 00:30 on 3 July in London: the future.
    refused(await officer.post('/api/v1/contacts', contact(kase, '2026-07-02T23:30:00Z')), 'contact_date');

    // A task due on 1 July is overdue: it is 2 July in London.
    const t = await created(officer, '/api/v1/tasks', { title: 'Due yesterday (UK)', due_date: '2026-07-01' });
    assert.equal(t.overdue, true, JSON.stringify(t));
    const d = await created(officer, '/api/v1/tasks', { title: 'Due today (UK)', due_date: '2026-07-02' });
    assert.equal(d.overdue, false, JSON.stringify(d));
  } finally {
    await srv.stop();
  }
});

test('at noon in winter London is UTC: tomorrow is the future, not "within 24 hours"', async () => {
  const { srv, officer, kase } = await at('2026-01-10 12:00:00');
  try {
    const ok = await officer.post('/api/v1/contacts', contact(kase, '2026-01-10'));
    assert.equal(ok.status, 201, ok.text);
    refused(await officer.post('/api/v1/contacts', contact(kase, '2026-01-11')), 'contact_date');
    refused(await officer.post('/api/v1/contacts', contact(kase, '2026-01-11T00:01:00Z')), 'contact_date');
    refused(await officer.post('/api/v1/people', { given_name: 'Not', family_name: 'Born', date_of_birth: '2026-01-11' }), 'date_of_birth');
    const c = await officer.post('/api/v1/cases', openCase(officer, (await createdPerson(officer)).id, '2026-01-11'));
    refused(c, 'start_date');
  } finally {
    await srv.stop();
  }
});

test('the night the clocks go back: 23:30 UTC on 24 October is 25 October in London', async () => {
  const { srv, officer, kase } = await at('2026-10-24 23:30:00');
  try {
    const ok = await officer.post('/api/v1/contacts', contact(kase, '2026-10-25'));
    assert.equal(ok.status, 201, ok.text);
    refused(await officer.post('/api/v1/contacts', contact(kase, '2026-10-26')), 'contact_date');
    const t = await created(officer, '/api/v1/tasks', { title: 'Due Saturday', due_date: '2026-10-24' });
    assert.equal(t.overdue, true, JSON.stringify(t));
  } finally {
    await srv.stop();
  }
});

test('impossible dates in every date field are refused with a practitioner\'s message', async () => {
  const srv = await Server.start();
  try {
    const officer = await srv.login('officer');
    const kid = await createdPerson(officer);
    const kase = await created(officer, '/api/v1/cases', openCase(officer, kid.id, '2024-01-02'));
    const cases = [
      ['/api/v1/people', { given_name: 'A', family_name: 'B', date_of_birth: '2011-02-29' }, 'date_of_birth', /Date of birth must be a real date/],
      ['/api/v1/people', { given_name: 'A', family_name: 'B', date_of_birth: '2011-13-01' }, 'date_of_birth', /Date of birth must be a real date/],
      ['/api/v1/people', { given_name: 'A', family_name: 'B', date_of_birth: '31/01/2011' }, 'date_of_birth', /Date of birth must be a real date/],
      ['/api/v1/cases', openCase(officer, kid.id, '2024-04-31'), 'start_date', /Start date must be a real date/],
      ['/api/v1/tasks', { title: 'x', due_date: '2025-02-30' }, 'due_date', /Due date must be a real date/],
      ['/api/v1/contacts', contact(kase, '2024-06-31T10:00:00Z'), 'contact_date', /Date of the contact must be a real date/],
    ];
    for (const [path, body, field, message] of cases) {
      const r = await officer.post(path, body);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.error.field, field, r.text);
      assert.match(r.body.error.message, message, r.text);
      assert.doesNotMatch(r.body.error.message, /YYYY|ISO/, r.text);
    }
    // A search by an impossible date of birth is a 400 too, not an empty list.
    const s = await officer.get('/api/v1/people?date_of_birth=2011-02-30');
    assert.equal(s.status, 400, s.text);
    assert.equal(s.body.error.field, 'date_of_birth');
  } finally {
    await srv.stop();
  }
});

// spire demo data people believe (session 23's walk): one rule a test, each
// read straight from a generated database, each failing on the generator
// before the rule was kept. Counts in the comments are the walker's, from
// `spire demo --seed 1 --children 1000`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spire, sql } from './lib.mjs';

const TODAY = '2026-12-02';
let dir, db, made;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spire-demo-plausible-'));
  db = join(dir, 'demo.db');
  made = spire(['demo', '--db', db, '--seed', '1', '--children', '600', '--today', TODAY]);
});
after(() => { if (!process.env.KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true }); });

// Rows of a query, each split on '|'.
function rows(q) {
  const out = sql(db, q);
  return out ? out.split('\n').map((l) => l.split('|')) : [];
}

// Whole years from date a to date b (both 'YYYY-MM-DD' SQL expressions).
const YEARS = (a, b) => `((cast(strftime('%Y', ${b}) as integer) - cast(strftime('%Y', ${a}) as integer))
  - (strftime('%m-%d', ${b}) < strftime('%m-%d', ${a})))`;

// The family's child: the one the family was made around.
const FAMILY_CHILD = `(select p.date_of_birth from family_members m join people p on p.id = m.person_id
  where m.family_id = k.family_id and m.relationship = 'child' limit 1)`;

test('no family has two members with the same full name (292 of 1001 had)', () => {
  const same = rows(`select m.family_id, p.given_name || ' ' || p.family_name, count(*)
    from family_members m join people p on p.id = m.person_id
    group by 1, 2 having count(*) > 1`);
  assert.deepEqual(same, []);
});

test('tasks are of the case\'s service and the child\'s age (171 youth justice tasks elsewhere, 54 for under-4s)', () => {
  const wrongService = rows(`select t.id, s.code, t.title from tasks t join cases k on k.id = t.case_id
    join services s on s.id = k.service_id
    where s.code <> 'youth_justice' and (t.title like '%reparation%' or t.title like '%referral order%')`);
  assert.deepEqual(wrongService, []);
  const selfAssessment = rows(`select t.id, s.code from tasks t join cases k on k.id = t.case_id
    join services s on s.id = k.service_id
    where s.code not in ('youth_justice', 'parenting') and t.title like '%parent self-assessment%'`);
  assert.deepEqual(selfAssessment, []);
  const tooYoung = rows(`select t.id, t.title, ${FAMILY_CHILD}, t.due_date from tasks t join cases k on k.id = t.case_id
    where (t.title like '%school%' and ${YEARS(FAMILY_CHILD, 't.due_date')} < 4)
       or ((t.title like '%reparation%' or t.title like '%referral order%') and ${YEARS(FAMILY_CHILD, 't.due_date')} < 10)`);
  assert.deepEqual(tooYoung, []);
  assert.ok(Number(sql(db, "select count(*) from tasks where title like '%reparation%'")) > 10, 'youth justice cases have reparation tasks');
});

test('no task is work a due item tracks: an AssetPlus assessment is a due item, gone when it is recorded (reviewers, session 23: a task stayed overdue)', () => {
  assert.deepEqual(rows("select id, title from tasks where title like '%AssetPlus%' or title like '%assessment%' and title not like '%self-assessment%'"), []);
});

test('no youth justice case starts before the child is 10 (60 did, 16 with court orders)', () => {
  const early = rows(`select k.id, p.date_of_birth, k.start_date from cases k join services s on s.id = k.service_id
    join people p on p.id = k.person_id
    where s.code = 'youth_justice' and k.start_date < date(p.date_of_birth, '+10 years')`);
  assert.deepEqual(early, []);
  const young = rows(`select o.id from yj_outcomes o join people p on p.id = o.person_id
    where o.outcome_date < date(p.date_of_birth, '+10 years')
    union all select f.id from yj_offences f join people p on p.id = f.person_id
    where f.offence_date < date(p.date_of_birth, '+10 years')`);
  assert.deepEqual(young, []);
});

test('an outcome comes after every offence it disposes of, and offences do not pile up on 10th birthdays', () => {
  const before = rows(`select o.id, o.outcome_type, o.outcome_date, f.offence_date, f.arrest_date
    from yj_outcome_offences l join yj_outcomes o on o.id = l.outcome_id join yj_offences f on f.id = l.offence_id
    where l.removed_at is null and (f.offence_date >= o.outcome_date or f.arrest_date > o.outcome_date)`);
  assert.deepEqual(before, []);
  const all = Number(sql(db, 'select count(*) from yj_offences'));
  const onBirthday = Number(sql(db, `select count(*) from yj_offences f join people p on p.id = f.person_id
    where f.offence_date between date(p.date_of_birth, '+10 years') and date(p.date_of_birth, '+10 years', '+7 days')`));
  assert.ok(all > 100, `${all} offences`);
  assert.ok(onBirthday * 100 < all, `${onBirthday} of ${all} offences in the week after a 10th birthday`);
});

test('generations: parents 15 or more years older than their children, grandmothers than the parents', () => {
  const parents = rows(`select a.family_id, a.relationship, pa.date_of_birth, c.relationship, pc.date_of_birth
    from family_members a join people pa on pa.id = a.person_id
    join family_members c on c.family_id = a.family_id and c.relationship in ('child', 'sibling', 'half_sibling')
    join people pc on pc.id = c.person_id
    where a.relationship in ('mother', 'father', 'step_father') and ${YEARS('pa.date_of_birth', 'pc.date_of_birth')} < 15`);
  assert.deepEqual(parents, []);
  const grandmothers = rows(`select a.family_id, pa.date_of_birth, c.relationship, pc.date_of_birth
    from family_members a join people pa on pa.id = a.person_id
    join family_members c on c.family_id = a.family_id and c.relationship in ('mother', 'father')
    join people pc on pc.id = c.person_id
    where a.relationship = 'grandmother' and ${YEARS('pa.date_of_birth', 'pc.date_of_birth')} < 15`);
  assert.deepEqual(grandmothers, []);
});

test('a family plan speaks of the child as the child\'s sex says (a girl was "my son … him")', () => {
  const wrong = rows(`select fp.id, p.sex, fp.wants_to_change from family_plans fp
    join family_members m on m.family_id = fp.family_id and m.relationship = 'child'
    join people p on p.id = m.person_id
    where (p.sex = 'female' and (fp.wants_to_change like '%my son%' or fp.wants_to_change like '% him %'))
       or (p.sex = 'male' and (fp.wants_to_change like '%my daughter%' or fp.wants_to_change like '% her %'))`);
  assert.deepEqual(wrong, []);
  const carers = rows(`select fp.id, p.sex, fp.strengths from family_plans fp
    join family_members m on m.family_id = fp.family_id and m.in_household = 1 and m.relationship in ('mother', 'father')
    join people p on p.id = m.person_id
    where not exists (select 1 from family_members x where x.family_id = fp.family_id and x.relationship = 'mother' and x.in_household = 1)
      and fp.strengths like 'Mum %'`);
  assert.deepEqual(carers, []);
});

test('every contact was made by a worker who attended it (465 home visits had none)', () => {
  const none = rows(`select c.id, c.contact_type, substr(c.summary, 1, 40) from contacts c
    where not exists (select 1 from contact_attendees a where a.contact_id = c.id and a.user_id is not null and a.removed_at is null)`);
  assert.deepEqual(none, []);
});

test('demo contacts read as entered in the web UI: a date, a 24-hour time, what happened', () => {
  const odd = rows(`select id, contact_date, contact_time, outcome from contacts
    where length(contact_date) <> 10 or contact_time is null or contact_time not glob '[0-2][0-9]:[0-5][0-9]'
       or outcome is null`);
  assert.deepEqual(odd.slice(0, 5), []);
  const outcomes = rows('select outcome, count(*) from contacts group by 1').map((r) => r[0]);
  assert.ok(outcomes.includes('attended') && outcomes.includes('did_not_attend'), outcomes.join());
  const seen = rows(`select id from contacts where outcome <> 'attended' and child_seen = 1`);
  assert.deepEqual(seen, []);
});

test('family plan reviews are due around today, not overdue for years', () => {
  const far = rows(`select fp.id, fp.agreed_on, fp.next_review_date from family_plans fp
    where fp.next_review_date < date('${TODAY}', '-28 days') or fp.next_review_date > date('${TODAY}', '+91 days')`);
  assert.deepEqual(far, []);
  // Each plan's latest review: the earlier ones were followed by the next
  // (session 28: a plan is reviewed every six weeks, each review kept).
  const reviews = rows(`select r.id, r.review_date, r.next_review_date from family_plan_reviews r
    where r.review_date > '${TODAY}' or (r.next_review_date < date('${TODAY}', '-28 days')
      and r.review_date = (select max(x.review_date) from family_plan_reviews x where x.plan_id = r.plan_id))`);
  assert.deepEqual(reviews, []);
  assert.ok(Number(sql(db, 'select count(*) from family_plan_reviews')) > 5, 'plans have been reviewed');
});

test('youth justice children are mostly older teenagers: few outcomes for under-12s (a third were)', () => {
  const [all, under12] = rows(`select count(*), sum(${YEARS('p.date_of_birth', 'o.outcome_date')} < 12)
    from yj_outcomes o join people p on p.id = o.person_id`)[0].map(Number);
  assert.ok(all > 100, `${all} outcomes`);
  assert.ok(under12 * 10 < all, `${under12} of ${all} outcomes for children under 12`);
  const [cases, older] = rows(`select count(*), sum(${YEARS('p.date_of_birth', 'k.start_date')} >= 14)
    from cases k join services s on s.id = k.service_id join people p on p.id = k.person_id
    where s.code = 'youth_justice'`)[0].map(Number);
  assert.ok(older * 2 > cases, `${older} of ${cases} youth justice cases for children of 14 or more`);
});

test('children\'s social care has a reunification team of social workers holding the return-home cases', () => {
  const team = rows(`select t.id, s.code from teams t join services s on s.id = t.service_id where t.name = 'Reunification Team'`);
  assert.equal(team.length, 1);
  assert.equal(team[0][1], 'childrens_social_care');
  const workers = rows(`select username, role from users where team_id = ${team[0][0]} order by username`);
  assert.deepEqual(workers, [['demo.reunification', 'social_worker'], ['owen.kerr', 'social_worker']]);
  const held = rows(`select k.team_id = ${team[0][0]}, count(*) from cases k where k.reason like 'Reunification%' group by 1`);
  assert.deepEqual(held.map((r) => r[0]), ['1'], 'every reunification case is the team\'s');
  assert.ok(Number(held[0][1]) > 3, `${held[0][1]} reunification cases`);
});

test('Family Hub Foleshill runs a group of its own, with a year of sessions', () => {
  const groups = rows(`select g.name, count(x.id) from peer_groups g join teams t on t.id = g.team_id
    left join peer_group_sessions x on x.group_id = g.id where t.name = 'Family Hub Foleshill' group by g.id`);
  assert.equal(groups.length, 1);
  assert.equal(groups[0][0], 'Stay and Play');
  assert.ok(Number(groups[0][1]) >= 50, `${groups[0][1]} sessions`);
});

test('a child under 13 does not give their own consent: the parent or carer does; the Probation Service only from 17 (a 7-year-old consented to Probation)', () => {
  const own = rows(`select c.id, p.date_of_birth, c.given_on, c.agency from consents c join people p on p.id = c.person_id
    where c.given_by = p.given_name || ' ' || p.family_name and ${YEARS('p.date_of_birth', 'c.given_on')} < 13`);
  assert.deepEqual(own, []);
  const probation = rows(`select c.id, p.date_of_birth, c.given_on from consents c join people p on p.id = c.person_id
    where c.agency = 'Probation Service' and ${YEARS('p.date_of_birth', 'c.given_on')} < 17`);
  assert.deepEqual(probation, []);
  assert.ok(Number(sql(db, 'select count(*) from consents c join people p on p.id = c.person_id where c.given_by = p.given_name || \' \' || p.family_name')) > 10,
    'older children still give their own consent');
});

test('spire demo prints the counts the lists show: every parent support, however it was made (14 printed, 58 listed)', () => {
  const printed = Number(made.match(/parents: (\d+) supported/)[1]);
  assert.equal(printed, Number(sql(db, 'select count(*) from parent_supports')));
  assert.equal(Number(made.match(/(\d+) consents,/)[1]), Number(sql(db, 'select count(*) from consents')));
});

// Session 25's walk: custody, contacts around it, working days, tasks
// tied to an order. Each fails on the generator before the rule was kept.

const CUSTODY = "('detention_training_order', 'custodial_sentence', 'remand_youth_detention')";

test('custody is the last resort: 12 or more, persistent under 15, for a grave offence (a 12-year-old got a DTO for one common assault)', () => {
  // The outcomes before each custodial one, bar remands, all and in the year before.
  const prior = (o, window) => `(select count(*) from yj_outcomes x where x.case_id in (select id from cases where person_id = ${o}.person_id)
    and x.outcome_type not like 'remand%' and x.outcome_date < ${o}.outcome_date ${window ? `and x.outcome_date >= date(${o}.outcome_date, '-365 days')` : ''})`;
  const gravest = (o) => `(select max(f.gravity) from yj_outcome_offences l join yj_offences f on f.id = l.offence_id
    where l.outcome_id = ${o}.id and l.removed_at is null)`;
  const custody = rows(`select o.id, o.outcome_type, ${YEARS('p.date_of_birth', 'o.outcome_date')}, ${gravest('o')}, ${prior('o', 0)}, ${prior('o', 1)}
    from yj_outcomes o join people p on p.id = o.person_id where o.outcome_type in ${CUSTODY}`).map((r) => [r[0], r[1], ...r.slice(2).map(Number)]);
  assert.ok(custody.length > 5, `${custody.length} custodial outcomes`);
  const wrong = custody.filter(([, type, age, gravity, before, inYear]) => age < 12 || (age < 15 && inYear < 3)
    || !(gravity >= 5 || (gravity >= 4 && before >= 3)) || (type === 'custodial_sentence' && gravity < 6));
  assert.deepEqual(wrong, []);
});

// The days each child of a youth justice case was held: [case, from, to) to today.
const HELD = `(select o.case_id, o.start_date as held_from,
    coalesce(o.release_date, o.end_date, '9999-12-31') as held_to from yj_outcomes o
    where o.outcome_type in ${CUSTODY} and o.start_date is not null)`;

test('a child in custody is seen at the secure establishment, not at home, and seen at home again on release (home visits in custody, none after)', () => {
  const atHome = rows(`select c.id, c.contact_date, c.contact_type, c.location from contacts c join ${HELD} h on h.case_id = c.case_id
    where c.contact_date >= h.held_from and c.contact_date < h.held_to
      and (c.contact_type in ('home_visit', 'office_visit') or c.location in ('The family home', 'The team''s office', 'School'))`);
  assert.deepEqual(atHome.slice(0, 5), []);
  const held = Number(sql(db, `select count(*) from contacts c join ${HELD} h on h.case_id = c.case_id
    where c.contact_date >= h.held_from and c.contact_date < h.held_to and c.child_seen = 1`));
  assert.ok(held > 3, `${held} contacts with a child in custody`);
  // Released before today, on a case open then: a contact in the fortnight after.
  const unseen = rows(`select h.case_id, h.held_to from ${HELD} h join cases k on k.id = h.case_id
    where h.held_to < '${TODAY}' and h.held_to >= k.start_date and (k.end_date is null or k.end_date > h.held_to)
      and not exists (select 1 from ${HELD} x where x.case_id = h.case_id and x.held_from <= h.held_to and x.held_to > h.held_to)
      and not exists (select 1 from contacts c where c.case_id = h.case_id and c.child_seen = 1
        and c.contact_date between h.held_to and date(h.held_to, '+14 days'))`);
  assert.deepEqual(unseen, []);
});

// England and Wales bank holidays (gov.uk), over the years the demo's dates span.
const BANK_HOLIDAYS = `('2021-01-01','2021-04-02','2021-04-05','2021-05-03','2021-05-31','2021-08-30','2021-12-27','2021-12-28',
  '2022-01-03','2022-04-15','2022-04-18','2022-05-02','2022-06-02','2022-06-03','2022-08-29','2022-09-19','2022-12-26','2022-12-27',
  '2023-01-02','2023-04-07','2023-04-10','2023-05-01','2023-05-08','2023-05-29','2023-08-28','2023-12-25','2023-12-26',
  '2024-01-01','2024-03-29','2024-04-01','2024-05-06','2024-05-27','2024-08-26','2024-12-25','2024-12-26',
  '2025-01-01','2025-04-18','2025-04-21','2025-05-05','2025-05-26','2025-08-25','2025-12-25','2025-12-26',
  '2026-01-01','2026-04-03','2026-04-06','2026-05-04','2026-05-25','2026-08-31','2026-12-25','2026-12-28',
  '2027-01-01','2027-03-26','2027-03-29','2027-05-03','2027-05-31','2027-08-30','2027-12-27','2027-12-28')`;
const NOT_WORKING = (d) => `(${d} is not null and (strftime('%w', ${d}) in ('0', '6') or ${d} in ${BANK_HOLIDAYS}))`;

test('meetings, hearings, reviews and due dates fall on working days (a board met on a Sunday, a plan review was due on Christmas Day)', () => {
  const dates = [
    ['yj_board_meetings', 'meeting_date'],
    ['yj_hearings', 'hearing_date'], ['yj_hearings', 'next_hearing_date'],
    ['yj_court_reports', 'due_date'], ['yj_court_reports', 'requested_on'], ['yj_court_reports', 'submitted_on'],
    ['yj_outcomes', "case when outcome_type in ('referral_order', 'youth_rehabilitation_order', 'reparation_order', 'fine', 'discharge', 'detention_training_order', 'custodial_sentence', 'remand_local_authority', 'remand_youth_detention') then outcome_date end"],
    ['yj_assessments', "case when stage = 'review' then assessment_date end"],
    ['family_plans', 'agreed_on'], ['family_plans', 'next_review_date'],
    ['family_plan_reviews', 'review_date'], ['family_plan_reviews', 'next_review_date'],
    ['family_plan_actions', 'due_date'],
    ['tasks', 'due_date'],
    ['parent_supports', 'next_review_date'],
    ['parent_sessions', 'session_date'], ['parent_sessions', 'contract_review_date'],
  ];
  const wrong = [];
  for (const [table, col] of dates) {
    const n = Number(sql(db, `select count(*) from ${table} where ${NOT_WORKING(`(${col})`)}`));
    const all = Number(sql(db, `select count(*) from ${table} where (${col}) is not null`));
    assert.ok(all > 0, `${table}.${col}: none to check`);
    if (n) wrong.push(`${table}.${col}: ${n} of ${all}`);
  }
  assert.deepEqual(wrong, []);
});

test('a task tied to an order falls within it (a referral order panel report was due after the order ended)', () => {
  const within = (type) => `exists (select 1 from yj_outcomes o where o.case_id = t.case_id ${type ? `and o.outcome_type = '${type}'` : ''}
    and o.start_date <= t.due_date and t.due_date <= coalesce(o.end_date, o.planned_end_date))`;
  const panel = rows(`select t.id, t.due_date from tasks t where t.title like '%referral order panel%' and not ${within('referral_order')}`);
  assert.deepEqual(panel, []);
  const reparation = rows(`select t.id, t.due_date from tasks t where t.title like '%reparation%' and not ${within(null)}`);
  assert.deepEqual(reparation, []);
  assert.ok(Number(sql(db, "select count(*) from tasks where title like '%referral order panel%'")) > 3, 'panel reports to check');
});

// Session 26: the demo answers what the product now asks. A contact that
// took place on a child's case says whether the child was seen ("Last
// seen" is read from it); support a parent agreed to has a start date.
test('attended contacts on a child\'s case say whether the child was seen; agreed support has a start date', () => {
  const unanswered = rows(`select ct.id from contacts ct join cases c on c.id = ct.case_id
    join services s on s.id = c.service_id
    where ct.outcome = 'attended' and ct.child_seen is null and s.code <> 'parenting'`);
  assert.deepEqual(unanswered.slice(0, 5), []);
  const unstarted = rows(`select id from parent_supports where agreement = 'agreed' and start_date is null`);
  assert.deepEqual(unstarted.slice(0, 5), []);
});

// Session 27's walk: brothers and sisters, words for a child's age, open
// orders seen regularly, consents that fit. Each fails on the generator
// before the rule was kept.

// The children of one family: the one it was made around and their
// brothers and sisters (half-siblings too: the generator keeps them to one
// mother).
const KIDS = "('child', 'sibling', 'half_sibling')";

test('brothers and sisters are twins or born ten months or more apart (some were born four months apart)', () => {
  const close = rows(`select a.family_id, pa.date_of_birth, pb.date_of_birth from family_members a
    join family_members b on b.family_id = a.family_id and b.id > a.id and b.relationship in ${KIDS}
    join people pa on pa.id = a.person_id join people pb on pb.id = b.person_id
    where a.relationship in ${KIDS} and pa.date_of_birth <> pb.date_of_birth
      and abs(julianday(pa.date_of_birth) - julianday(pb.date_of_birth)) < 300`);
  assert.deepEqual(close.slice(0, 5), []);
  const [pairs, twins] = rows(`select count(*), sum(pa.date_of_birth = pb.date_of_birth) from family_members a
    join family_members b on b.family_id = a.family_id and b.id > a.id and b.relationship in ${KIDS}
    join people pa on pa.id = a.person_id join people pb on pb.id = b.person_id
    where a.relationship in ${KIDS}`)[0].map(Number);
  assert.ok(pairs > 500 && twins * 100 < pairs * 4, `${twins} twins in ${pairs} pairs`);
});

test('a contact with a child under 4 says nothing of school (a newborn\'s home visit reviewed school attendance)', () => {
  const school = rows(`select c.id, p.date_of_birth, c.contact_date, c.summary, c.location from contacts c
    join cases k on k.id = c.case_id join family_members m on m.family_id = k.family_id and m.relationship = 'child'
    join people p on p.id = m.person_id
    where ${YEARS('p.date_of_birth', 'c.contact_date')} < 4
      and (c.summary like '%school%' or c.location = 'School' or c.summary like '%victim%' or c.summary like 'Home visit. Talked with%')`);
  assert.deepEqual(school.slice(0, 5), []);
  const early = Number(sql(db, `select count(*) from contacts c join cases k on k.id = c.case_id
    join family_members m on m.family_id = k.family_id and m.relationship = 'child' join people p on p.id = m.person_id
    where ${YEARS('p.date_of_birth', 'c.contact_date')} < 4 and (c.summary like '%health visitor%' or c.summary like '%play%')`));
  assert.ok(early > 20, `${early} early years contacts`);
  const victim = rows(`select c.id from contacts c join cases k on k.id = c.case_id join services s on s.id = k.service_id
    where s.code <> 'youth_justice' and c.summary like '%victim awareness%'`);
  assert.deepEqual(victim.slice(0, 5), []);
});

test('children on open youth justice orders are seen regularly, bar a few who stopped coming (most unseen for months)', () => {
  // The open cases of the two court teams, open for six weeks or more.
  const open = `(select k.id from cases k join teams t on t.id = k.team_id
    where k.end_date is null and t.name in ('YJS North', 'YJS South') and k.start_date <= date('${TODAY}', '-42 days'))`;
  const cases = Number(sql(db, `select count(*) from ${open}`));
  assert.ok(cases > 40, `${cases} open cases`);
  // No gap of more than five weeks between contacts on an open case, nor
  // from the last to today (a visit a month in custody, else every
  // fortnight or more often).
  const gaps = rows(`select case_id, contact_date, next from (select c.case_id, c.contact_date,
      coalesce(lead(c.contact_date) over (partition by c.case_id order by c.contact_date), '${TODAY}') as next
      from contacts c where c.case_id in ${open}) where julianday(next) - julianday(contact_date) > 35`);
  assert.deepEqual(gaps.slice(0, 5), []);
  const untried = rows(`select o.id from ${open} o where not exists (select 1 from contacts c where c.case_id = o.id)`);
  assert.deepEqual(untried, []);
  // Seen in the last four weeks, but for a few: "Last seen" shows them.
  const unseen = Number(sql(db, `select count(*) from ${open} o where not exists (select 1 from contacts c
    where c.case_id = o.id and c.child_seen = 1 and c.contact_date >= date('${TODAY}', '-28 days'))`));
  assert.ok(unseen >= 1 && unseen * 100 <= cases * 15, `${unseen} of ${cases} not seen in four weeks`);
});

test('consents share what fits with whom fits, given by a parent with parental responsibility for a young child (a 9-year-old\'s emotional health referral went to the police)', () => {
  const police = rows(`select c.id, c.purpose, ${YEARS('p.date_of_birth', 'c.given_on')} from consents c join people p on p.id = c.person_id
    where c.agency like '%Police%' and (${YEARS('p.date_of_birth', 'c.given_on')} < 10 or c.purpose like '%health%' or c.purpose like '%attendance%'
      or not (c.purpose like '%safeguarding%' or exists (select 1 from cases k join services s on s.id = k.service_id
        where k.person_id = c.person_id and s.code = 'youth_justice')))`);
  assert.deepEqual(police.slice(0, 5), []);
  const health = rows(`select c.id, c.agency from consents c where c.purpose like '%health%'
    and c.agency not in ('Coventry and Warwickshire Partnership NHS Trust', 'School', 'Family Hub')`);
  assert.deepEqual(health.slice(0, 5), []);
  const school = rows(`select c.id, c.agency, c.purpose from consents c join people p on p.id = c.person_id
    where ${YEARS('p.date_of_birth', 'c.given_on')} < 4 and (c.agency = 'School' or c.purpose like '%attendance%')`);
  assert.deepEqual(school.slice(0, 5), []);
  // Given for a child under 13 by a family member with parental responsibility.
  const noPr = rows(`select c.id, c.given_by from consents c join people p on p.id = c.person_id
    where c.shares is null and ${YEARS('p.date_of_birth', 'c.given_on')} < 13
      and not exists (select 1 from family_members m join people a on a.id = m.person_id
        join family_members k on k.family_id = m.family_id and k.person_id = c.person_id
        where m.parental_responsibility = 1 and c.given_by = a.given_name || ' ' || a.family_name)`);
  assert.deepEqual(noPr.slice(0, 5), []);
});

// The running interventions on open cases (session 27's second walk).
const RUNNING = `(select o.*, p.date_of_birth as born from yj_outcomes o join cases k on k.id = o.case_id
  join people p on p.id = o.person_id
  where o.start_date is not null and o.end_date is null and o.closed_at is null and k.end_date is null)`;

test('long overdue work has been done: a running order\'s start work, transition plan and tasks overdue by weeks, not months (start KPI data overdue for 17 months)', () => {
  const LONG = `date('${TODAY}', '-61 days')`;
  const start = rows(`select o.id, o.outcome_type, o.start_date from ${RUNNING} o
    where date(o.start_date, '+28 days') < ${LONG}
      and (not exists (select 1 from yj_assessments a where a.outcome_id = o.id and a.stage = 'start' and a.closed_at is null)
        or not exists (select 1 from yj_kpi_snapshots s where s.outcome_id = o.id and s.point = 'start'))`);
  assert.deepEqual(start.slice(0, 5), []);
  // The transition plan: 28 days before the planned end, or three months
  // before an 18th birthday the order runs over (yj_due.c).
  const transition = rows(`select o.id, o.outcome_type, o.planned_end_date, o.born from ${RUNNING} o
    where o.outcome_type not in ('prevention', 'diversion', 'community_resolution', 'outcome_22', 'youth_caution',
        'youth_conditional_caution', 'fine', 'discharge', 'remand_local_authority', 'remand_youth_detention')
      and o.transition_plan_date is null
      and (date(o.planned_end_date, '-28 days') < ${LONG}
        or (date(o.born, '+18 years') > o.start_date and date(o.born, '+18 years') <= o.planned_end_date
          and date(o.born, '+18 years', '-3 months') < ${LONG}))`);
  assert.deepEqual(transition.slice(0, 5), []);
  const tasks = rows(`select t.id, t.title, t.due_date from tasks t where t.done_at is null and t.due_date < ${LONG}`);
  assert.deepEqual(tasks.slice(0, 5), []);
  // Some are still outstanding: the lists have overdue work to show.
  assert.ok(Number(sql(db, `select count(*) from tasks where done_at is null and due_date < '${TODAY}'`)) > 10);
});

test('parents are met within weeks of the intervention\'s start: none still to meet after two months (parents to meet went back 18 months)', () => {
  // The product's list (store parent_tables.c, TO_MEET_SQL): the adults with
  // parental responsibility or in the household of a child whose
  // intervention runs, with no support row for that child yet.
  const toMeet = rows(`select p.id, c.person_id, min(o.start_date) from cases c
    join services sv on sv.id = c.service_id and sv.code = 'youth_justice'
    join yj_outcomes o on o.case_id = c.id and o.start_date is not null and o.end_date is null and o.closed_at is null
    join family_members fc on fc.person_id = c.person_id and fc.closed_at is null
    join family_members fm on fm.family_id = fc.family_id and fm.closed_at is null and fm.member_type = 'adult'
      and (fm.parental_responsibility = 1 or fm.in_household = 1) and (fm.child_id is null or fm.child_id = c.person_id)
    join people p on p.id = fm.person_id and p.closed_at is null
    where c.status = 'open' and c.closed_at is null
      and not exists (select 1 from yj_victims v where v.victim_id = p.id and v.closed_at is null)
      and not exists (select 1 from parent_supports s where s.person_id = p.id and s.child_id = c.person_id and s.closed_at is null)
    group by p.id, c.person_id`);
  const old = toMeet.filter((r) => r[2] < '2026-10-03');
  assert.deepEqual(old.slice(0, 5), []);
  assert.ok(toMeet.length > 0, 'some parents of recent starts are still to meet');
});

test('one visit is one contact, up to the day before the demo\'s date (two "Met the family" visits at 11:15, one per parent; contacts dated today)', () => {
  const twice = rows(`select case_id, contact_date, contact_time, count(*) from contacts
    group by 1, 2, 3 having count(*) > 1`);
  assert.deepEqual(twice.slice(0, 5), []);
  // A family met at a point of the intervention: the parents at one visit.
  const perParent = rows(`select case_id, contact_date, count(*) from contacts where summary like 'Met the family at the %'
    group by 1, 2 having count(*) > 1`);
  assert.deepEqual(perParent.slice(0, 5), []);
  assert.deepEqual(rows(`select id, contact_date, substr(summary, 1, 40) from contacts where contact_date >= '${TODAY}'`).slice(0, 5), []);
});

test('a parent\'s support and sessions come after the parenting case holding them starts (a session a week before its case)', () => {
  const sessions = rows(`select s.id, s.session_date, k.start_date from parent_sessions s join cases k on k.id = s.case_id
    where s.session_date < k.start_date`);
  assert.deepEqual(sessions.slice(0, 5), []);
  const supports = rows(`select s.id, s.agreement_date, s.start_date, k.start_date from parent_supports s join cases k on k.id = s.case_id
    where s.agreement_date < k.start_date or s.start_date < k.start_date`);
  assert.deepEqual(supports.slice(0, 5), []);
  const contacts = rows(`select c.id, c.contact_date, k.start_date from contacts c join cases k on k.id = c.case_id
    where c.contact_date < k.start_date`);
  assert.deepEqual(contacts.slice(0, 5), []);
});

// Session 28's walk: cases seen as often as their work asks, reasons that
// fit the outcome and the child's age, a family plan and scores kept up
// while the case is open, words that fit the family. Each fails on the
// generator before the rule was kept.

// An open case of another service than youth justice made with its
// family (not a parent's support case opened around a child's order).
const OPEN_OTHER = `(select k.id, k.start_date from cases k join services s on s.id = k.service_id
  where k.end_date is null and s.code <> 'youth_justice' and k.reason not like 'Parent support around%'
    and k.start_date <= date('${TODAY}', '-42 days'))`;

test('open cases of every service are visited as their work asks (Family Hub cases open with no contact for a year)', () => {
  const stale = rows(`select o.id, o.start_date, (select max(c.contact_date) from contacts c where c.case_id = o.id) as last
    from ${OPEN_OTHER} o where last is null or last < date('${TODAY}', '-42 days')`);
  assert.deepEqual(stale.slice(0, 5), []);
  assert.ok(Number(sql(db, `select count(*) from ${OPEN_OTHER}`)) > 100, 'open cases to check');
});

test('a closed case has its contacts over its life (closed cases of a year or more with one to five contacts)', () => {
  const thin = rows(`select k.id, k.start_date, k.end_date, (select count(*) from contacts c where c.case_id = k.id) as n
    from cases k where k.end_date is not null and julianday(k.end_date) - julianday(k.start_date) >= 90
      and k.reason not like 'Parent support around%'
      and n * 42 < julianday(k.end_date) - julianday(k.start_date)`);
  assert.deepEqual(thin.slice(0, 5), []);
});

test('a youth justice case holds what its reason names, with the support it names (a bail supervision case held a community resolution)', () => {
  const FIRST = `(select o.outcome_type || ':' || (o.start_date is not null) from yj_outcomes o where o.case_id = k.id order by o.outcome_date, o.id limit 1)`;
  const fits = [
    ['Referral Order%', ['referral_order:1']],
    ['Youth Rehabilitation Order', ['youth_rehabilitation_order:1']],
    ['Youth Conditional Caution', ['youth_conditional_caution:1']],
    ['Youth Caution', ['youth_caution:0', 'youth_caution:1']],
    ['Enhanced Community Resolution', ['community_resolution:1']],
    ['Community Resolution (police only)%', ['community_resolution:1']],
    ['Detention and Training Order%', ['detention_training_order:1']],
    ['Bail supervision', ['referral_order:1', 'youth_rehabilitation_order:1', 'fine:0', 'discharge:0']],
    ['Prevention:%', ['prevention:1']],
    ['Diversion: police no further action', ['diversion:1']],
    ['Outcome 22%', ['outcome_22:1']],
  ];
  const all = rows(`select k.id, k.reason, ${FIRST} from cases k join services s on s.id = k.service_id
    where s.code = 'youth_justice' and ${FIRST} is not null`);
  assert.ok(all.length > 100, `${all.length} youth justice cases`);
  const wrong = all.filter(([, reason, first]) => {
    const rule = fits.find(([like]) => (like.endsWith('%') ? reason.startsWith(like.slice(0, -1)) : reason === like));
    return !rule || !rule[1].includes(first);
  });
  assert.deepEqual(wrong.slice(0, 5), []);
});

test('a youth justice child with no intervention running is not seen weekly (a community resolution with no intervention had weekly visits)', () => {
  // Intervention days, with the fortnight before one starts.
  const RUNS = (d) => `exists (select 1 from yj_outcomes o where o.case_id = c.case_id and o.start_date is not null
    and ${d} >= date(o.start_date, '-14 days') and ${d} <= coalesce(o.end_date, o.planned_end_date, '9999-12-31'))`;
  const weekly = rows(`select case_id, contact_date, next from (select c.case_id, c.contact_date, c.summary,
      lead(c.contact_date) over (partition by c.case_id order by c.contact_date) as next
      from contacts c join cases k on k.id = c.case_id join services s on s.id = k.service_id where s.code = 'youth_justice') c
    where next is not null and julianday(next) - julianday(contact_date) < 14 and c.summary not like '%release%'
      and not ${RUNS('c.contact_date')} and not ${RUNS('c.next')}`);
  assert.deepEqual(weekly.slice(0, 5), []);
});

test('a case\'s reason fits the child\'s age when it opens (a perinatal reason on an 8-year-old\'s case)', () => {
  const AGE = YEARS(FAMILY_CHILD, 'k.start_date');
  const wrong = rows(`select k.id, k.reason, ${AGE} from cases k
    where ((k.reason like 'Perinatal%' or k.reason like 'Start for Life%') and ${AGE} > 1)
       or (k.reason like 'Speech and language: early years' and ${AGE} > 4)
       or (k.reason like 'School attendance%' and ${AGE} < 5)
       or (k.reason = 'Parenting Order' and ${AGE} < 10)`);
  assert.deepEqual(wrong.slice(0, 5), []);
});

// The families with a case open.
const OPEN_FAMILY = `(select family_id from cases where end_date is null and family_id is not null)`;

test('an open family\'s plan is reviewed every six weeks with actions in hand, and its scores are recent (one review, actions 16 months old, scores a year old)', () => {
  const plans = rows(`select fp.id, fp.agreed_on, (select count(*) from family_plan_reviews r where r.plan_id = fp.id) as n,
      (select max(a.due_date) from family_plan_actions a where a.plan_id = fp.id) as due
    from family_plans fp where fp.family_id in ${OPEN_FAMILY} and fp.agreed_on <= date('${TODAY}', '-84 days')`);
  assert.ok(plans.length > 5, `${plans.length} plans`);
  const stale = plans.filter(([, agreed, n, due]) => Number(n) < Math.floor((Date.parse(TODAY) - Date.parse(agreed)) / (42 * 864e5)) - 1
    || due < new Date(Date.parse(TODAY) - 84 * 864e5).toISOString().slice(0, 10));
  assert.deepEqual(stale.slice(0, 5), []);
  const scores = rows(`select family_id, max(authored), sum(document like '%"code":"end"%') from form_responses
    where family_id in ${OPEN_FAMILY} and subject_type = 'family' group by family_id
    having max(authored) < date('${TODAY}', '-120 days') or sum(document like '%"code":"end"%') > 0`);
  assert.deepEqual(scores.slice(0, 5), []);
  assert.ok(Number(sql(db, `select count(distinct family_id) from form_responses where family_id in ${OPEN_FAMILY}`)) > 20, 'families scored');
});

test('no peer mentor shares a name with a member of staff (the FGC coordinator and a mentor were both Grace Mensah)', () => {
  assert.deepEqual(rows('select m.name from peer_mentors m join users u on u.full_name = m.name'), []);
});

test('a family plan speaks of school only when a child of the family is of school age (school in families whose only child is a baby)', () => {
  // The family's children (under 18) on a day.
  const SCHOOL_AGE = (fam, d) => `exists (select 1 from family_members m join people p on p.id = m.person_id
    where m.family_id = ${fam} and m.relationship in ${KIDS} and ${YEARS('p.date_of_birth', d)} between 4 and 17)`;
  const SCHOOL = (t) => `(${t} like '%school%' or ${t} like '%attendance%')`;
  const plans = rows(`select fp.id, fp.wants_to_change from family_plans fp
    where not ${SCHOOL_AGE('fp.family_id', 'fp.agreed_on')} and (${SCHOOL('fp.wants_to_change')} or ${SCHOOL('fp.strengths')})`);
  const actions = rows(`select a.id, a.action from family_plan_actions a join family_plans fp on fp.id = a.plan_id
    where not ${SCHOOL_AGE('fp.family_id', 'fp.agreed_on')} and (${SCHOOL('a.action')} or a.owner_agency = 'School')`);
  const reviews = rows(`select r.id, r.family_words from family_plan_reviews r join family_plans fp on fp.id = r.plan_id
    where not ${SCHOOL_AGE('fp.family_id', 'r.review_date')} and (${SCHOOL('r.family_words')} or ${SCHOOL('r.practitioner_words')})`);
  assert.deepEqual([...plans, ...actions, ...reviews].slice(0, 5), []);
});

// Session 28's second walk: youth justice cases that close when their work
// is done, parent support as often as the pathway asks, and words on a
// parent's case about the parent. Each fails on the generator before the
// rule was kept.

// The last day of a youth justice case's work: an outcome given, an
// intervention's end (or planned end), a release from custody.
const LAST_WORK = `(select max(d) from (select o.outcome_date as d from yj_outcomes o where o.case_id = k.id
    union all select coalesce(o.end_date, o.planned_end_date) from yj_outcomes o where o.case_id = k.id and o.start_date is not null
    union all select o.release_date from yj_outcomes o where o.case_id = k.id))`;

test('a youth justice case closes a few weeks after its last intervention ends, with a closing visit (66 of 138 open cases had nothing running: a caution that ended fifteen months before)', () => {
  // Open: an intervention runs (or is about to start), a court date is
  // pending, or the last work ended in the last seven weeks.
  const idle = rows(`select k.id, k.reason, ${LAST_WORK} as last from cases k join services s on s.id = k.service_id
    where s.code = 'youth_justice' and k.end_date is null
      and not exists (select 1 from yj_outcomes o where o.case_id = k.id and o.start_date is not null and o.end_date is null)
      and not exists (select 1 from yj_hearings h where h.case_id = k.id and h.next_hearing_date >= '${TODAY}')
      and (last is null or last < date('${TODAY}', '-49 days'))`);
  assert.deepEqual(idle.slice(0, 5), []);
  // Closed: within seven weeks of the last work, with a closing visit on
  // its last day.
  const late = rows(`select k.id, k.reason, k.end_date, ${LAST_WORK} as last from cases k join services s on s.id = k.service_id
    where s.code = 'youth_justice' and k.end_date is not null and k.end_date > date(last, '+49 days')`);
  assert.deepEqual(late.slice(0, 5), []);
  const unvisited = rows(`select k.id, k.end_date from cases k join services s on s.id = k.service_id
    where s.code = 'youth_justice' and k.end_date is not null
      and not exists (select 1 from contacts c where c.case_id = k.id and c.contact_date = k.end_date
        and c.summary like 'Closing visit%' and c.outcome = 'attended')`);
  assert.deepEqual(unvisited.slice(0, 5), []);
  const [open, wound] = rows(`select sum(k.end_date is null), sum(k.closure_reason = 'Intervention completed')
    from cases k join services s on s.id = k.service_id where s.code = 'youth_justice'`)[0].map(Number);
  assert.ok(open > 40 && wound > 20, `${open} open, ${wound} closed when the intervention was over`);
});

test('a parent\'s support case has sessions and contacts about fortnightly while it runs (support cases with a contact a month, or none)', () => {
  // Its life to its end or today, from six weeks on.
  const LIFE = `(julianday(coalesce(k.end_date, '${TODAY}')) - julianday(k.start_date))`;
  const sparse = rows(`select k.id, k.start_date, k.end_date, ${LIFE} as life,
      (select count(*) from parent_sessions x where x.case_id = k.id and x.session_date < '${TODAY}') as sessions,
      (select count(*) from contacts c where c.case_id = k.id) as contacts
    from cases k where k.reason like 'Parent support around%' and life >= 42
      and (sessions * 21 < life - 14 or contacts * 21 < life - 14)`);
  assert.deepEqual(sparse.slice(0, 5), []);
  const stale = rows(`select k.id, (select max(c.contact_date) from contacts c where c.case_id = k.id) as last
    from cases k where k.reason like 'Parent support around%' and k.end_date is null and k.start_date <= date('${TODAY}', '-42 days')
      and (last is null or last < date('${TODAY}', '-42 days'))`);
  assert.deepEqual(stale.slice(0, 5), []);
  assert.ok(Number(sql(db, "select count(*) from cases where reason like 'Parent support around%'")) > 30, 'support cases to check');
});

test('contacts on a Parenting Team case are about the parent\'s own support, not the child\'s day ("Talked with Amelia about school" on her mother\'s case)', () => {
  // The case's person is the parent; the family's children by given name.
  const aboutChild = rows(`select c.id, p.given_name, c.summary from contacts c join cases k on k.id = c.case_id
    join services s on s.id = k.service_id and s.code = 'parenting' join people parent on parent.id = k.person_id
    join family_members m on m.family_id = k.family_id and m.relationship in ${KIDS} join people p on p.id = m.person_id
    where p.given_name <> parent.given_name and c.summary like '%' || p.given_name || '%'`)
    .filter(([, name, summary]) => new RegExp(`(^|[^\\p{L}])${name}($|[^\\p{L}])`, 'u').test(summary));
  assert.deepEqual(aboutChild.slice(0, 5), []);
  const childWords = rows(`select c.id, c.summary from contacts c join cases k on k.id = c.case_id
    join services s on s.id = k.service_id and s.code = 'parenting'
    where c.summary like '%school%' or c.summary like '%play with%' or c.summary like '%victim%' or c.child_seen = 1`);
  assert.deepEqual(childWords.slice(0, 5), []);
  const [attended, named] = rows(`select count(*), sum(c.summary like '%' || parent.given_name || '%') from contacts c
    join cases k on k.id = c.case_id join services s on s.id = k.service_id and s.code = 'parenting'
    join people parent on parent.id = k.person_id
    where c.outcome = 'attended' and c.summary not in ('Parenting session.', 'Behaviour contract session with the parent and child.')`)[0].map(Number);
  assert.ok(attended > 50 && named === attended, `${named} of ${attended} contacts name the parent`);
});

// Session 29's walk: records dated outside the life of their case, parents
// referred long after their child's case, tasks of cases closed years ago
// due today. Counts are from `spire demo --seed 1 --children 600`.

// Every dated record of a case, as (kind, case id, day): none before the
// case opened or after it closed. Offences, the outcomes and hearings of a
// court and the pre-sentence report it asks for come before a case opened
// for them, and are left out.
const CASE_RECORDS = `
  select 'contact' as kind, case_id, contact_date as day from contacts
  union all select 'task due', case_id, due_date from tasks
  union all select 'task done', case_id, substr(done_at, 1, 10) from tasks where done_at is not null
  union all select 'intervention start', case_id, start_date from yj_outcomes where start_date is not null
  union all select 'intervention end', case_id, end_date from yj_outcomes where end_date is not null
  union all select 'assessment', case_id, assessment_date from yj_assessments
  union all select 'kpi', case_id, measured_on from yj_kpi_snapshots
  union all select 'victim contacted', case_id, contacted_on from yj_victims where contacted_on is not null
  union all select 'form', case_id, authored from form_responses where case_id is not null
  union all select 'support', case_id, start_date from parent_supports where case_id is not null and start_date is not null
  union all select 'support around', child_case_id, start_date from parent_supports where start_date is not null
  union all select 'parent session', case_id, session_date from parent_sessions where status <> 'planned'
  union all select 'plan item', case_id, due_date from parent_plan_items
  union all select 'referral', case_id, referred_on from parent_referrals
  union all select 'referral consent', case_id, consent_date from parent_referrals`;

test('no record of a case is dated before it opened or after it closed (a reparation order began after its case closed; 57 assessments, 58 KPI snapshots and 130 tasks after, 109 victims contacted before, 33 parent supports begun outside the child\'s case)', () => {
  const outside = rows(`select r.kind, count(*), min(r.case_id) from (${CASE_RECORDS}) r join cases k on k.id = r.case_id
    where r.day < k.start_date or r.day > k.end_date group by r.kind order by r.kind`);
  assert.deepEqual(outside, []);
  // A consent to share is given when the family's first case opens.
  const consents = rows(`select c.id, c.given_on from consents c join family_members m on m.person_id = c.person_id and m.relationship = 'child'
    where c.given_on < (select min(k.start_date) from cases k where k.family_id = m.family_id)`);
  assert.deepEqual(consents.slice(0, 5), []);
  // Nothing done after today.
  assert.deepEqual(rows(`select id, done_at from tasks where done_at >= '${TODAY}'`).slice(0, 5), []);
});

test('a parent is referred on while the child\'s case is open or recently closed (31 of 66 referred months or years after the child\'s case closed)', () => {
  const late = rows(`select r.id, r.referred_on, k.end_date from parent_referrals r
    join cases k on k.person_id = r.child_id join services s on s.id = k.service_id and s.code = 'youth_justice'
    where k.start_date = (select max(x.start_date) from cases x where x.person_id = r.child_id and x.service_id = k.service_id and x.start_date <= r.referred_on)
      and r.referred_on > date(k.end_date, '+28 days')`);
  assert.deepEqual(late.slice(0, 5), []);
  assert.ok(Number(sql(db, "select count(*) from parent_referrals where destination = 'peer_mentor'")) >= 10, 'referrals to check');
});

test('a closed case\'s tasks were done by the day it closed; tasks around today are on open cases (all 133 tasks of closed cases due, and done, around today, some of them in the future)', () => {
  const closed = rows(`select t.id, t.status, t.due_date, t.done_at, k.end_date from tasks t join cases k on k.id = t.case_id
    where k.end_date is not null and (t.status <> 'done' or t.due_date > k.end_date or substr(t.done_at, 1, 10) > k.end_date)`);
  assert.deepEqual(closed.slice(0, 5), []);
  const [open, onClosed] = rows(`select sum(k.end_date is null), sum(k.end_date is not null) from tasks t join cases k on k.id = t.case_id
    where t.due_date >= date('${TODAY}', '-14 days')`)[0].map(Number);
  assert.ok(open > 50 && onClosed * 20 < open, `${onClosed} of the tasks due around today on closed cases, ${open} on open ones`);
});

test('a peer group meets on its own day, its register of the parents it is for, referred by then (140 mothers at the Dads\' Group; every group on Tuesdays)', () => {
  const WEEKDAY = { Monday: '1', Tuesday: '2', Wednesday: '3', Thursday: '4', Friday: '5' };
  for (const [name, meets, day, first] of rows(`select g.name, g.meets, strftime('%w', s.session_date), strftime('%d', s.session_date) + 0
    from peer_group_sessions s join peer_groups g on g.id = s.group_id`)) {
    const want = Object.keys(WEEKDAY).find((d) => meets.includes(d));
    assert.equal(day, WEEKDAY[want], `${name} (${meets}) met on weekday ${day}`);
    if (meets.includes('first')) assert.ok(Number(first) <= 7, `${name} (${meets}) met on the ${first}th`);
  }
  assert.equal(Number(sql(db, `select count(*) from peer_group_sessions where ${NOT_WORKING('session_date')}`)), 0);
  const mothers = rows(`select p.id, p.sex from peer_group_attendance a join peer_group_sessions s on s.id = a.session_id
    join peer_groups g on g.id = s.group_id join people p on p.id = a.person_id where g.name like 'Dads%' and p.sex <> 'male'`);
  assert.deepEqual(mothers.slice(0, 5), []);
  const early = rows(`select a.person_id, s.session_date from peer_group_attendance a join peer_group_sessions s on s.id = a.session_id
    where s.session_date < (select min(r.referred_on) from parent_referrals r where r.person_id = a.person_id)`);
  assert.deepEqual(early.slice(0, 5), []);
  assert.ok(Number(sql(db, 'select count(*) from peer_group_attendance')) > 10, 'registers to check');
});

test('a remand is followed by the sentence at a later hearing, not the next day (10 sentenced the day after a remand to a hearing four weeks on)', () => {
  const soon = rows(`select r.id, r.outcome_date, o.outcome_type, o.outcome_date from yj_outcomes r
    join yj_outcome_offences lr on lr.outcome_id = r.id and lr.removed_at is null
    join yj_outcome_offences lo on lo.offence_id = lr.offence_id and lo.outcome_id <> r.id and lo.removed_at is null
    join yj_outcomes o on o.id = lo.outcome_id
    where r.outcome_type like 'remand%' and o.outcome_date > r.outcome_date and o.outcome_date < date(r.outcome_date, '+28 days')`);
  assert.deepEqual(soon.slice(0, 5), []);
});

test('a support that has ended had its goals due by then, none still in progress (14 goals in progress, or due, after their support ended)', () => {
  const open = rows(`select i.id, i.status, i.due_date, a.end_date from parent_plan_items i
    join parent_supports a on a.case_id = i.case_id and a.person_id = i.person_id
    where a.end_date is not null and (i.status in ('in_progress', 'not_started') or i.due_date > a.end_date)`);
  assert.deepEqual(open.slice(0, 5), []);
});

test('a grandmother bringing a child up is of an age to (10 main carers of 76 to 83)', () => {
  const old = rows(`select m.family_id, p.date_of_birth from family_members m join people p on p.id = m.person_id
    where m.relationship = 'grandmother' and m.in_household = 1 and ${YEARS('p.date_of_birth', `'${TODAY}'`)} > 75`);
  assert.deepEqual(old.slice(0, 5), []);
});

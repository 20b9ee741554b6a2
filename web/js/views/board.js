// board.js - management board meetings (KPI 7): the list (managers and
// analysts), a meeting with each partner agency's attendance, seniority
// and whether it contributed disproportionality data, and recording,
// changing and closing meetings (youth justice managers). No personal data.
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, link, table, tag, setTitle, formatDate, summaryList, backLink, buttonLink, actions,
  takeFlash, setFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { fetchPage, pager, section, explainConflict } from './common.js';
import { yjClose } from './offences.js';
import { AGENCIES, label, formPage } from './yj_common.js';

const ATTENDANCE = [
  ['invited', 'Invited, did not attend'],
  ['attended', 'Attended'],
  ['senior', 'Attended at the seniority the terms of reference require'],
];

const keeps = (ctx) => ctx.user.role === 'manager';

function attendanceCount(m) {
  const statutory = AGENCIES.filter((a) => a[2]).map((a) => a[0]);
  const rows = (m.attendance || []).filter((a) => statutory.includes(a.agency));
  return `${rows.filter((a) => a.senior).length} of ${statutory.length}`;
}

export async function boardList(ctx) {
  const title = 'Management board meetings';
  setTitle(title);
  const list = await section(async () => {
    const r = await fetchPage(ctx, 'offset', '/board-meetings', {});
    if (!r.items.length && !r.offset) return p('No board meetings have been recorded.');
    return [table({
      caption: 'Meetings, newest first',
      head: ['Meeting', 'Date', 'Agencies attending', 'Statutory partners at the right seniority', 'Disproportionality data from'],
      rows: r.items.map((m) => [
        link(m.title, `#/board/${m.id}`),
        h('span', { class: 'spire-nowrap' }, formatDate(m.meeting_date)),
        String((m.attendance || []).filter((a) => a.attended).length),
        attendanceCount(m),
        (m.attendance || []).filter((a) => a.disproportionality_data).map((a) => label(AGENCIES, a.agency)).join(', ') || 'None',
      ]),
    }), pager(ctx, 'offset', r, 'meetings')];
  });
  if (ctx.stale()) return;
  mount(ctx.root, takeFlash(), ...heading(title, 'Youth justice'),
    p('KPI 7 counts the statutory partners (children’s social care, police, probation, health and education) represented at the right seniority.'),
    keeps(ctx) ? actions(buttonLink('Record a meeting', '#/board/new')) : null,
    h('div', {}, list));
}

function boardFields() {
  return [
    { name: 'title', label: 'Meeting', errorLabel: 'Meeting name', width: 30, hint: 'For example, Quarterly management board' },
    { name: 'meeting_date', label: 'Date of the meeting', type: 'date' },
    { section: 'Attendance by partner agency' },
    ...AGENCIES.flatMap(([code, name, statutory]) => [
      { name: `att_${code}`, label: name, type: 'select', options: ATTENDANCE, placeholder: 'Not invited', hint: statutory ? 'Statutory partner' : null },
      { name: `dd_${code}`, label: `${name} contributed data on disproportionality`, type: 'checkbox' },
    ]),
    { name: 'notes', label: 'Notes (optional)', errorLabel: 'Notes', type: 'textarea', rows: 4 },
  ];
}

function boardValues(m) {
  const v = { title: m.title, meeting_date: m.meeting_date, notes: m.notes };
  for (const a of m.attendance || []) {
    v[`att_${a.agency}`] = a.senior ? 'senior' : a.attended ? 'attended' : 'invited';
    v[`dd_${a.agency}`] = !!a.disproportionality_data;
  }
  return v;
}

function boardBody(v) {
  const attendance = [];
  for (const [code] of AGENCIES) {
    const att = v[`att_${code}`];
    if (!att && !v[`dd_${code}`]) continue;
    attendance.push({
      agency: code, invited: !!att, attended: att === 'attended' || att === 'senior', senior: att === 'senior',
      disproportionality_data: !!v[`dd_${code}`],
    });
  }
  return { title: v.title, meeting_date: v.meeting_date, notes: v.notes || null, attendance };
}

// The API names attendance rows by index; name the agency's field.
function fieldOf(err, body) {
  const m = /^attendance\[(\d+)\](?:\.(\w+))?/.exec(err.field || '');
  if (!m) return err;
  const row = body.attendance[Number(m[1])];
  if (row) err.field = `${m[2] === 'disproportionality_data' ? 'dd' : 'att'}_${row.agency}`;
  return err;
}

async function send(promise, body) {
  try {
    return await promise;
  } catch (err) {
    throw explainConflict(fieldOf(err, body));
  }
}

export async function boardRecord(ctx) {
  const title = 'Record a board meeting';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save meeting',
    fields: boardFields(),
    onSubmit: async (v) => {
      const body = boardBody(v);
      if (!body.notes) delete body.notes;
      const m = await send(api.post('/board-meetings', body), body);
      setFlash(`${m.title} has been recorded.`);
      ctx.go(`/board/${m.id}`);
    },
  });
  formPage(ctx, { title, back: '#/board', summary, form });
}

export async function boardEdit(ctx) {
  const id = ctx.params[0];
  const m = await api.get(`/board-meetings/${id}`);
  if (ctx.stale()) return;
  const title = `Change ${m.title}`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: boardValues(m),
    fields: boardFields(),
    onSubmit: async (v) => {
      const body = boardBody(v);
      await send(api.patch(`/board-meetings/${id}`, { version: m.version, ...body }), body);
      setFlash('The meeting has been changed.');
      ctx.go(`/board/${id}`);
    },
  });
  formPage(ctx, { title, back: `#/board/${id}`, summary, form });
}

export async function boardPage(ctx) {
  const id = ctx.params[0];
  const m = await api.get(`/board-meetings/${id}`);
  if (ctx.stale()) return;
  setTitle(m.title);
  const open = !m.closed_at;
  const yes = (b) => (b ? tag('Yes', 'green') : tag('No', 'grey'));
  mount(ctx.root, backLink('#/board', 'Back to board meetings'), takeFlash(),
    ...heading(m.title, 'Management board meeting'),
    m.closed_at ? h('div', {}, tag('Closed'), p(`Closed on ${formatDate(m.closed_at)}: ${m.closed_reason || ''}`)) : null,
    summaryList([
      ['Date', formatDate(m.meeting_date)],
      ['Statutory partners at the right seniority', attendanceCount(m)],
      ['Notes', m.notes],
    ]),
    open && keeps(ctx) ? actions(buttonLink('Change the meeting', `#/board/${id}/edit`, true),
      buttonLink('Close as entered in error', `#/board/${id}/close`, true)) : null,
    h2('Attendance'),
    (m.attendance || []).length ? table({
      caption: 'Partner agencies invited', captionClass: 'govuk-table__caption--s',
      head: ['Agency', 'Statutory partner', 'Attended', 'At the right seniority', 'Contributed disproportionality data'],
      rows: m.attendance.map((a) => [label(AGENCIES, a.agency), AGENCIES.find((x) => x[0] === a.agency)?.[2] ? 'Yes' : 'No',
        yes(a.attended), yes(a.senior), yes(a.disproportionality_data)]),
    }) : p('No attendance has been recorded.'));
}

export async function boardClose(ctx) {
  const id = ctx.params[0];
  const m = await api.get(`/board-meetings/${id}`);
  if (ctx.stale()) return;
  yjClose(ctx, {
    title: `Close ${m.title}`, back: `#/board/${id}`, what: 'meeting',
    rows: [['Meeting', m.title], ['Date', formatDate(m.meeting_date)]],
    path: `/board-meetings/${id}`, rec: m, done: '/board',
  });
}

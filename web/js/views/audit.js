// audit.js - "who viewed this record", for managers of the service (and
// admins, as metadata): at a glance, one row per person per UK day with
// what they opened and how often, break-glass views first, filtered by who
// and when (GET /audit/summary), with the raw trail one click away and
// exportable as CSV (GET /audit/export). The raw trail is read a page at
// a time. Pages are read by cursor
// (the API's next_cursor, passed back as `before`), so opening a page -
// which is itself audited - never pushes a row onto the next one. The
// route keeps the cursor of every page so far (#/people/1/viewed?pages=
// 812,760), which gives Previous without counting rows.
import * as api from '../api.js';
import {
  mount, h, heading, p, table, tag, setTitle, backLink, formatDate, humanise, roleLabel, pagination, link, actions, h2, counted,
} from '../ui.js';
import { Form } from '../form.js';

const SIZE = 50;

// The cursors of the pages before this one, from the route: whole numbers.
function cursors(ctx) {
  const raw = ctx.query.get('pages') || '';
  const list = raw.split(',').map(Number);
  return raw && list.every((n) => Number.isInteger(n) && n > 0) ? list : [];
}

function pagesHref(ctx, list) {
  const q = new URLSearchParams(ctx.query);
  if (list.length) q.set('pages', list.join(',')); else q.delete('pages');
  const s = q.toString();
  return `#${ctx.path}${s ? '?' + s : ''}`;
}

// The filters the route carries (?user_id&from&to), as the API takes them.
function filters(ctx) {
  const f = {};
  for (const k of ['user_id', 'from', 'to']) if (ctx.query.get(k)) f[k] = ctx.query.get(k);
  return f;
}

// "Who viewed this record" at a glance.
export async function whoViewed(ctx) {
  const id = ctx.params[0];
  const f = filters(ctx);
  const [person, users] = await Promise.all([
    api.get(`/people/${id}`).catch(() => null),
    ctx.user.role === 'manager' ? api.get('/users?limit=200').catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
  ]);
  let r = null;
  let failed = null;
  try {
    r = await api.get('/audit/summary' + api.qs({ person_id: id, ...f }));
  } catch (err) {
    if (err.status !== 400) throw err;
    failed = err;
  }
  if (ctx.stale()) return;
  const name = person ? `${person.given_name} ${person.family_name}` : `person ${id}`;
  const title = `Who viewed ${name}’s record`;
  setTitle(title, !!failed);
  // Who to filter by: colleagues of the service, and anyone else (a
  // break-glass viewer from another service) who viewed the record.
  const who = new Map(users.items.map((u) => [String(u.id), `${u.full_name} (${roleLabel(u.role)})`]));
  for (const g of r ? r.items : []) {
    if (g.user_id && !who.has(String(g.user_id))) who.set(String(g.user_id), `${g.name}${g.role_label ? ` (${g.role_label})` : ''}`);
  }
  const summary = h('div');
  const form = new Form({
    title,
    summarySlot: summary,
    submitText: 'Show',
    values: f,
    fields: [
      who.size ? { name: 'user_id', label: 'Who', type: 'select', placeholder: 'Anyone', options: [...who.entries()] } : null,
      { name: 'from', label: 'From', type: 'date', legendSize: 's' },
      { name: 'to', label: 'To', type: 'date', legendSize: 's' },
    ].filter(Boolean),
    onSubmit: async (v) => {
      const q = { user_id: v.user_id, from: v.from, to: v.to };
      // Asked first, so that a wrong date is shown here, with the others.
      await api.get('/audit/summary' + api.qs({ person_id: id, ...q }));
      ctx.go(`/people/${id}/viewed${api.qs(q)}`);
    },
  });
  const rawQs = api.qs({ person_id: id, ...(failed ? {} : f) });
  const items = r ? r.items : [];
  mount(ctx.root, backLink(`#/people/${id}`),
    summary,
    ...heading(title),
    p('Each row is one person on one day: what they opened on this record and how many times. Views with a reason (break glass) come first.'),
    h('details', { class: 'govuk-details', open: failed || Object.keys(f).length ? true : null },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Filter by who and when')),
      h('div', { class: 'govuk-details__text' }, form.el)),
    r && r.partial ? p(`Only the newest ${r.max_rows} entries are summarised here. Narrow the dates, or see every entry.`) : null,
    items.length ? table({
      caption: `${items.length} ${items.length === 1 ? 'row' : 'rows'}: one per person per day`,
      captionClass: 'govuk-table__caption--s',
      head: ['Day', 'Who', 'What they opened', 'Times', 'Reason given'],
      rows: items.map((g) => [
        h('span', { class: 'spire-nowrap' }, formatDate(g.day)),
        h('span', {}, g.name, g.role_label ? ` (${g.role_label})` : '', g.break_glass ? [' ', tag('Break glass', 'red')] : null),
        h('ul', { class: 'govuk-list' }, g.opened.map((o) => h('li', {}, `${o.what}${o.count > 1 ? ` (${o.count} times)` : ''}`))),
        String(g.views),
        g.reasons.join('; '),
      ]),
    }) : (r ? p(Object.keys(f).length ? 'No one viewed this record in the days chosen.' : 'No one has viewed this record yet.') : null),
    h2('Every entry'),
    actions(
      link('See every entry, newest first', `#/people/${id}/viewed/all`),
      h('a', { class: 'govuk-link', href: `/api/v1/audit/export${rawQs}`, download: '' }, 'Download every entry as a spreadsheet (CSV)')));
  if (failed) form.showErrors(failed.list());
}

// The raw trail, a page at a time.
export async function whoViewedAll(ctx) {
  const id = ctx.params[0];
  const trail = cursors(ctx);
  const before = trail.at(-1);
  const [r, person] = await Promise.all([
    api.get('/audit' + api.qs({ person_id: id, limit: SIZE, ...(before ? { before } : {}) })),
    api.get(`/people/${id}`).catch(() => null),
  ]);
  if (ctx.stale()) return;
  const name = person ? `${person.given_name} ${person.family_name}` : `person ${id}`;
  const title = `Every entry about ${name}’s record`;
  setTitle(title);
  const from = trail.length * SIZE + 1;
  const paged = trail.length > 0 || r.has_more;
  mount(ctx.root, backLink(`#/people/${id}/viewed`),
    ...heading(title),
    p('Every time someone opens, lists, changes or is refused this record, it is recorded here. Views with a reason (break glass) are marked.'),
    r.items.length ? table({
      caption: paged ? `Entries ${from} to ${from + r.items.length - 1}, newest first` : `${counted(r.items.length, 'entry', 'entries')}, newest first`,
      captionClass: 'govuk-table__caption--s',
      head: ['When', 'Who', 'What', 'Record', 'From', 'Reason'],
      rows: r.items.map((a) => [
        h('span', { class: 'spire-nowrap' }, formatDate(a.at)),
        `${a.full_name || a.username || 'Unknown'}${a.role ? ` (${roleLabel(a.role)})` : ''}`,
        h('span', {}, humanise(a.action), a.break_glass ? [' ', tag('Break glass')] : null),
        `${humanise(a.record_type)} ${a.record_id ?? ''}`,
        a.ip,
        a.reason,
      ]),
    }) : p(trail.length ? 'There are no more entries.' : 'No one has viewed this record yet.'),
    paged ? pagination({
      label: 'entries',
      prev: trail.length ? pagesHref(ctx, trail.slice(0, -1)) : null,
      next: r.next_cursor ? pagesHref(ctx, [...trail, r.next_cursor]) : null,
    }) : null);
}

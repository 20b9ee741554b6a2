// audit.js - "who viewed this record": the audit trail of one person, for
// managers of the service, a page at a time. Pages are read by cursor
// (the API's next_cursor, passed back as `before`), so opening a page -
// which is itself audited - never pushes a row onto the next one. The
// route keeps the cursor of every page so far (#/people/1/viewed?pages=
// 812,760), which gives Previous without counting rows.
import * as api from '../api.js';
import { mount, h, heading, p, table, tag, setTitle, backLink, formatDate, humanise, roleLabel, pagination } from '../ui.js';

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

export async function whoViewed(ctx) {
  const id = ctx.params[0];
  const trail = cursors(ctx);
  const before = trail.at(-1);
  const [r, person] = await Promise.all([
    api.get('/audit' + api.qs({ person_id: id, limit: SIZE, ...(before ? { before } : {}) })),
    api.get(`/people/${id}`).catch(() => null),
  ]);
  if (ctx.stale()) return;
  const name = person ? `${person.given_name} ${person.family_name}` : `person ${id}`;
  const title = `Who viewed ${name}’s record`;
  setTitle(title);
  const from = trail.length * SIZE + 1;
  const paged = trail.length > 0 || r.has_more;
  mount(ctx.root, backLink(`#/people/${id}`),
    ...heading(title),
    p('Every time someone opens, lists, changes or is refused this record, it is recorded here. Views with a reason (break glass) are marked.'),
    r.items.length ? table({
      caption: paged ? `Entries ${from} to ${from + r.items.length - 1}, newest first` : `${r.items.length} entries, newest first`,
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

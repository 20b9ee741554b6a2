// audit.js - "who viewed this record": the audit trail of one person, for
// managers of the service, a page at a time.
import * as api from '../api.js';
import { mount, h, heading, p, table, tag, setTitle, backLink, formatDate, humanise } from '../ui.js';
import { fetchPage, pager } from './common.js';

export async function whoViewed(ctx) {
  const id = ctx.params[0];
  const [r, person] = await Promise.all([
    fetchPage(ctx, 'offset', '/audit', { person_id: id }, { size: 50 }),
    api.get(`/people/${id}`).catch(() => null),
  ]);
  if (ctx.stale()) return;
  const name = person ? `${person.given_name} ${person.family_name}` : `person ${id}`;
  const title = `Who viewed ${name}’s record`;
  setTitle(title);
  mount(ctx.root, backLink(`#/people/${id}`),
    ...heading(title),
    p('Every time someone opens, lists, changes or is refused this record, it is recorded here. Views with a reason (break glass) are marked.'),
    r.items.length ? table({
      caption: r.offset || r.has_more ? `Entries ${r.offset + 1} to ${r.offset + r.items.length}, newest first` : `${r.items.length} entries, newest first`,
      captionClass: 'govuk-table__caption--s',
      head: ['When', 'Who', 'What', 'Record', 'From', 'Reason'],
      rows: r.items.map((a) => [
        h('span', { class: 'spire-nowrap' }, formatDate(a.at)),
        `${a.full_name || a.username || 'Unknown'}${a.role ? ` (${humanise(a.role)})` : ''}`,
        h('span', {}, humanise(a.action), a.break_glass ? [' ', tag('Break glass')] : null),
        `${humanise(a.record_type)} ${a.record_id ?? ''}`,
        a.ip,
        a.reason,
      ]),
    }) : p(r.offset ? 'There are no more entries.' : 'No one has viewed this record yet.'),
    pager(ctx, 'offset', r, 'entries'));
}

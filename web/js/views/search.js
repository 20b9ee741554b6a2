// search.js - find a person by name, date of birth or identifier, closed
// records too if asked. The query and the page of results live in the hash
// (#/search?q=...&offset=25) so Back returns to the results.
import * as api from '../api.js';
import { mount, h, heading, p, link, table, tag, setTitle, formatDate, personName, buttonLink } from '../ui.js';
import { Form } from '../form.js';
import { fetchPage, pager } from './common.js';

export async function search(ctx) {
  const title = 'Find a person';
  setTitle(title);
  const q = {
    q: ctx.query.get('q') || '',
    date_of_birth: ctx.query.get('date_of_birth') || '',
    identifier: ctx.query.get('identifier') || '',
    include_closed: ctx.query.get('include_closed') === '1',
  };
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Search', values: q,
    fields: [
      { name: 'q', label: 'Name', hint: 'First name, last name or the start of either. An id typed here is looked up as an identifier', width: 20 },
      { name: 'date_of_birth', label: 'Date of birth', type: 'date', example: 'child_birth' },
      { name: 'identifier', label: 'Identifier', hint: 'Local id, UPN, NHS number or PNC id', width: 20 },
      { name: 'include_closed', label: 'Include closed records', type: 'checkbox', hint: 'Records closed or entered in error' },
    ],
    onSubmit: async (v) => {
      // A name has no digits: an id typed in the Name box is an identifier.
      if (/\d/.test(v.q || '') && !v.identifier) {
        v.identifier = v.q.trim();
        v.q = '';
      }
      if (!v.q && !v.date_of_birth && !v.identifier) {
        return form.showErrors([{ field: 'q', message: 'Enter a name, a date of birth or an identifier' }]);
      }
      ctx.go('/search' + api.qs({ ...v, include_closed: v.include_closed ? 1 : '' }));
    },
  });
  let results = null;
  if (q.q || q.date_of_birth || q.identifier) {
    try {
      const r = await fetchPage(ctx, 'offset', '/people', { ...q, include_closed: q.include_closed ? 1 : '' });
      results = [resultsTable(r), pager(ctx, 'offset', r, 'people')];
    } catch (err) {
      if (err.status === 400) {
        form.showErrors(err.list ? err.list() : [{ field: err.field, message: err.message }]);
      } else throw err;
    }
  }
  if (ctx.stale()) return;
  mount(ctx.root, summary, ...heading(title), form.el, results,
    p('If the person is not on Spire, you can add them.'), buttonLink('Add a person', '#/people/new', true));
}

// Shown when people outside the user's caseload matched but were held back:
// they are found only by full name and date of birth, or an identifier.
function refine(r) {
  return r.refine_search
    ? h('div', { class: 'govuk-inset-text', id: 'refine-search' },
      'Some people outside your caseload may match. To find them, refine your search: enter their full name and date of birth, or an identifier.')
    : null;
}

function resultsTable(r) {
  if (!r.items.length && !r.offset) return [h('h2', { class: 'govuk-heading-m' }, 'No matching people'), refine(r) || p('Check the spelling or search by date of birth.')];
  return h('div', {}, refine(r),
    table({
      caption: r.offset || r.has_more ? 'People found' : `${r.items.length} ${r.items.length === 1 ? 'person' : 'people'} found`,
      head: ['Name', 'Date of birth', 'Postcode', 'Access'],
      rows: r.items.map((x) => [
        h('span', {}, link(personName(x), `#/people/${x.id}`), x.closed_at ? [' ', tag('Closed')] : null),
        formatDate(x.date_of_birth),
        x.postcode,
        x.in_scope === false ? tag('Outside your team', 'grey') : x.in_caseload ? tag('In your caseload', 'green') : tag('In your team’s work', 'blue'),
      ]),
    }),
    r.has_more ? p('More people match: see the next page, or add a date of birth to narrow the search.') : null);
}

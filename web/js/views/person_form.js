// person_form.js - add a person (with the possible-duplicate warning and
// "create anyway") and edit a person's details.
import * as api from '../api.js';
import { mount, h, heading, p, link, table, setTitle, formatDate, personName, backLink, button, warning, setFlash } from '../ui.js';
import { Form } from '../form.js';
import { PERSON_FIELDS } from './people_fields.js';
import { loadPerson, accessFor } from './access.js';
import { explainConflict } from './common.js';

// duplicatePanel(dups, onCreateAnyway, {onUse, note}): the matches and a
// way on: open one, use one (onUse), or create a new record anyway. A match
// for which note(d) gives words is not offered for use: the words say why.
export function duplicatePanel(dups, onCreateAnyway, { anywayText = 'Create a new record anyway', onUse, note = () => null } = {}) {
  return h('div', { class: 'govuk-!-margin-bottom-6', id: 'duplicates' },
    h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, 'This person may already be on Spire'),
    warning('Check these records before you create a new one. Duplicate records put children at risk.'),
    table({
      caption: `${dups.length} possible ${dups.length === 1 ? 'match' : 'matches'}`,
      captionClass: 'govuk-table__caption--s',
      head: ['Name', 'Date of birth', 'Postcode', ...(onUse ? ['Action'] : [])],
      rows: dups.map((d) => [
        link(personName(d), `#/people/${d.id}`),
        formatDate(d.date_of_birth),
        d.postcode,
        ...(onUse && note(d) ? [h('p', { class: 'govuk-body govuk-!-margin-bottom-0 app-already-member' }, note(d))] : []),
        ...(onUse && !note(d) ? [h('button', {
          class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button',
          on: { click: () => onUse(d) },
        }, 'Use this person', h('span', { class: 'govuk-visually-hidden' }, `: ${personName(d)}`))] : []),
      ]),
    }),
    button(anywayText, { secondary: true, onClick: onCreateAnyway, id: 'create-anyway' }));
}

export async function personCreate(ctx) {
  const title = 'Add a person';
  setTitle(title);
  const summary = h('div');
  const dupSlot = h('div');
  const send = async (allowDuplicate) => {
    const body = form.body();
    if (allowDuplicate) body.allow_duplicate = true;
    try {
      const rec = await api.post('/people', body);
      setFlash(`${personName(rec)} has been added.`);
      ctx.go(`/people/${rec.id}`);
    } catch (err) {
      if (err.status === 409 && err.code === 'possible_duplicate') {
        const panel = duplicatePanel(err.error.duplicates || [], () => send(true).catch((e2) => form.showErrors(e2.list ? e2.list() : [{ field: e2.field, message: e2.message }])));
        dupSlot.replaceChildren(panel);
        panel.querySelector('h2').focus();
        return;
      }
      throw err;
    }
  };
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save person',
    fields: PERSON_FIELDS,
    onSubmit: async () => {
      dupSlot.replaceChildren();
      await send(false);
    },
  });
  mount(ctx.root, backLink('#/search', 'Back to search'),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), dupSlot, form.el)));
}

export async function personEdit(ctx) {
  const id = ctx.params[0];
  const person = await loadPerson(ctx, id);
  if (!person || ctx.stale()) return;
  const title = `Edit ${personName(person)}`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', values: person,
    fields: PERSON_FIELDS,
    onSubmit: async () => {
      const body = form.body({ changedOnly: true });
      if (Object.keys(body).length) {
        body.version = person.version;
        let rec;
        try {
          rec = await api.patch(`/people/${id}`, body, accessFor(id));
        } catch (err) {
          throw explainConflict(err);
        }
        // Say it was saved, as adding a person does (walker, session 23).
        setFlash(`${personName(rec && rec.given_name ? rec : person)}’s details have been changed.`);
      } else {
        setFlash('Nothing was changed.');
      }
      ctx.go(`/people/${id}`);
    },
  });
  mount(ctx.root, backLink(`#/people/${id}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el,
      p(link('Cancel', `#/people/${id}`)))));
}

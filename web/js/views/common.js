// common.js - pieces several views share: loading lists that may fail on
// their own, task tables, the status of a task.
import * as api from '../api.js';
import { h, p, link, table, tag, formatDate, personName, today } from '../ui.js';

// section(loader): run loader; on an API error show the message in place
// of the section rather than failing the whole page.
export async function section(loader) {
  try {
    return await loader();
  } catch (err) {
    if (err && err.status !== undefined) return p(`This could not be loaded: ${err.message}`, 'govuk-body govuk-error-message');
    throw err;
  }
}

export function taskStatus(t) {
  if (t.done_at || t.status === 'done') return tag('Done');
  if (t.status === 'cancelled') return tag('Cancelled', 'grey');
  if (t.overdue || (t.due_date && t.due_date < today())) return tag('Overdue');
  return tag('Due', 'blue');
}

function childOf(t) {
  const name = t.child_name || personName(t);
  if (!name) return null;
  return t.person_id ? link(name, `#/people/${t.person_id}`) : name;
}

// taskTable({caption, items, onDone}): tasks with, optionally, a "mark as
// done" button each.
export function taskTable({ caption, items, onDone, showOwner = false }) {
  if (!items.length) return [h('h2', { class: 'govuk-heading-m' }, caption), p('There are no tasks to show.')];
  const head = ['Task', 'Child', 'Due', ...(showOwner ? ['Owner'] : []), 'Status', ...(onDone ? ['Action'] : [])];
  return table({
    caption, head,
    rows: items.map((t) => [
      t.case_id ? link(t.title, `#/cases/${t.case_id}`) : t.title,
      childOf(t),
      h('span', { class: 'spire-nowrap' }, formatDate(t.due_date)),
      ...(showOwner ? [t.owner_name || ''] : []),
      taskStatus(t),
      ...(onDone ? [t.status !== 'open' ? '' : h('button', {
        class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button',
        on: { click: () => onDone(t) },
      }, 'Mark as done', h('span', { class: 'govuk-visually-hidden' }, `: ${t.title}`))] : []),
    ]),
  });
}

export async function markDone(t) {
  await api.post(`/tasks/${t.id}/done`, { version: t.version });
}

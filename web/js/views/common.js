// common.js - pieces several views share: loading lists that may fail on
// their own, paging through the API's lists, task tables, the status of a
// task, family members' names, the answer to an edit that lost a race.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import { h, p, link, table, tag, formatDate, personName, today, pagination, setFlash } from '../ui.js';
import { dueTag } from './yj_common.js';

export const PAGE_SIZE = 25;

// pageOffset(ctx, key): where the list named key starts, from the route's
// query (#/tasks?mine=25): a whole number, 0 when absent or not valid.
export function pageOffset(ctx, key) {
  const n = Number(ctx.query.get(key));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

// pageHref(ctx, key, offset): this route with the list's offset changed
// and every other query value (filters, other lists' offsets) kept.
export function pageHref(ctx, key, offset) {
  const q = new URLSearchParams(ctx.query);
  if (offset > 0) q.set(key, String(offset)); else q.delete(key);
  const s = q.toString();
  return `#${ctx.path}${s ? '?' + s : ''}`;
}

// fetchPage(ctx, key, path, params, {size, access}): one page of an API
// list, at the offset the route names for key.
export function fetchPage(ctx, key, path, params = {}, { size = PAGE_SIZE, access } = {}) {
  return api.get(path + api.qs({ ...params, limit: size, offset: pageOffset(ctx, key) }), access);
}

// pager(ctx, key, page, noun): "Showing 26 to 50 noun" and Previous/Next
// links for an API page {items, limit, offset, has_more}; nothing when the
// whole list fits on one page.
export function pager(ctx, key, page, noun) {
  const { offset = 0, limit = PAGE_SIZE, has_more: more } = page;
  if (!offset && !more) return null;
  const n = page.items.length;
  return h('div', { class: 'spire-pager' },
    // "of 6,312" when the API counts the whole list (page.total).
    p(n ? `Showing ${noun} ${offset + 1} to ${offset + n}${Number.isInteger(page.total) ? ` of ${page.total.toLocaleString('en-GB')}` : ''}`
      : `There are no more ${noun}.`, 'govuk-body-s'),
    pagination({
      label: noun,
      prev: offset > 0 ? pageHref(ctx, key, Math.max(0, offset - limit)) : null,
      next: more ? pageHref(ctx, key, offset + limit) : null,
    }));
}

// explainConflict(err): a 409 (a stale version, an already closed record,
// a record it belongs to still closed), told as a problem with the whole
// page rather than one field, in the API's words except for a stale
// version.
export function explainConflict(err) {
  if (err && err.status === 409) {
    if (err.field === 'version') {
      err.message = 'Someone else changed this record while you were working on it, or it is already closed. Reload the page to see the latest version, then try again.';
    }
    err.field = null;
  }
  return err;
}

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

// workerStatus(r): what a manager needs to know of a case's or a
// workload's worker (the API's worker_disabled and worker_moved_to,
// docs/team-week.md "A worker disabled or moved"): "Account disabled", or
// "Moved to YJ South" when an admin moved them and they kept their cases.
export function workerStatus(r) {
  if (!r || !r.worker_id) return null;
  if (r.worker_disabled) return tag('Account disabled', 'red');
  if (r.worker_moved_to) return tag(`Moved to ${r.worker_moved_to}`, 'yellow');
  return null;
}

export function taskStatus(t) {
  if (t.done_at || t.status === 'done') return tag('Done');
  if (t.status === 'cancelled') return tag('Cancelled', 'grey');
  if (t.overdue || (t.due_date && t.due_date < today())) return tag('Overdue');
  // The same words as every due list: "Due today", "Due soon", "Due".
  return t.due_date ? dueTag(t) : tag('Due', 'blue');
}

function childOf(t) {
  const name = t.child_name || personName(t);
  if (!name) return null;
  return t.person_id ? link(name, `#/people/${t.person_id}`) : name;
}

// taskTable({caption, items, onDone, onUndo}): tasks with, optionally, a
// "mark as done" button on each open one and a "mark as not done" button
// on each done one (a task marked done by mistake).
export function taskTable({ caption, items, onDone, onUndo, showOwner = false }) {
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
      ...(onDone ? [taskAction(t, onDone, onUndo)] : []),
    ]),
  });
}

function taskButton(text, t, fn) {
  return h('button', {
    class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button',
    on: { click: () => fn(t) },
  }, text, h('span', { class: 'govuk-visually-hidden' }, `: ${t.title}`));
}

// What can be done to task t from a list: mark it done while open, undo
// that once done; nothing when cancelled.
function taskAction(t, onDone, onUndo) {
  if (t.status === 'open') return taskButton('Mark as done', t, onDone);
  if (t.status === 'done' && onUndo && !t.closed_at) return taskButton('Mark as not done', t, onUndo);
  return '';
}

// memberPerson(m): a family member's name and date of birth, whether the
// API nests them ("person") or not.
export function memberPerson(m) {
  return m.person || m;
}

// relationshipOf(m, members): m's relationship said of the child it is
// recorded against ("Sibling of Kyle Turner"), so a list of a family's
// members says whose relative each is; "Child" for a child of the family
// recorded against no one.
export function relationshipOf(m, members) {
  const rel = vocab.label('family_relationships', m.relationship);
  const child = m.child_id ? (members || []).find((x) => String(x.person_id) === String(m.child_id)) : null;
  const name = child ? personName(memberPerson(child)) : '';
  return name ? `${rel} of ${name}` : rel;
}

// familyWith(f, selfId): who else is in family f, so that two families of
// one name can be told apart ("with Lee Bennett and Ava Bennett", "with
// Lee Bennett and 3 others"); '' when no one else is recorded.
export function familyWith(f, selfId) {
  const others = (f.members || []).filter((m) => String(m.person_id) !== String(selfId))
    .map((m) => personName(memberPerson(m))).filter(Boolean);
  if (!others.length) return '';
  if (others.length <= 2) return `with ${others.join(' and ')}`;
  return `with ${others[0]} and ${others.length - 1} others`;
}

// doneAndReload(ctx, t, reload): mark task t done, say so (or why not) in
// a banner with an "Undo" button, and draw the page again.
export async function doneAndReload(ctx, t, reload) {
  try {
    const rec = await api.post(`/tasks/${t.id}/done`, { version: t.version });
    const undo = h('button', {
      class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button',
      on: { click: () => undoAndReload(ctx, { ...t, ...rec }, reload) },
    }, 'Undo', h('span', { class: 'govuk-visually-hidden' }, `: mark “${t.title}” as not done`));
    setFlash(`“${t.title}” is marked as done.`, true, undo);
  } catch (err) {
    if (!err || err.status === undefined || err.status === 401) throw err;
    setFlash(`“${t.title}” could not be marked as done: ${explainConflict(err).message}`, false);
  }
  if (!ctx.stale()) await reload();
}

// undoAndReload(ctx, t, reload): mark done task t as not done (it was
// marked done by mistake), sending the version read; say so (or why not,
// a stale version told plainly) and draw the page again.
export async function undoAndReload(ctx, t, reload) {
  try {
    await api.post(`/tasks/${t.id}/reopen`, { version: t.version });
    setFlash(`“${t.title}” is not done: it is open again.`);
  } catch (err) {
    if (!err || err.status === undefined || err.status === 401) throw err;
    setFlash(`“${t.title}” could not be marked as not done: ${explainConflict(err).message}`, false);
  }
  if (!ctx.stale()) await reload();
}

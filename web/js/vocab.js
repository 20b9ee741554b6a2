// vocab.js - the vocabularies (codes and the words people see), as the
// API serves them (GET /api/v1/vocabularies, from src/core/vocab*.c): the
// one place the screens take their choices and labels from. Loaded once
// after sign-in, before any view draws; not for layout.
//
// options(name) and labels(name) hand out live objects that load() fills,
// so that a view module may keep them in constants at import time.
import * as api from './api.js';
import { humanise } from './ui.js';

const OPTIONS = new Map(); // name -> [[code, label, group, hint], ...] (current terms)
const NAMES = new WeakMap(); // an options() array -> its vocabulary's name
const LABELS = new Map(); // name -> {code: label} (retired terms too)
let loading = null;

// options(name): the vocabulary's current terms, in order, as
// [code, label, group, hint] (group: an outcome's kind, a board agency's
// "statutory"), ready for radios, selects and checkboxes.
export function options(name) {
  if (!OPTIONS.has(name)) {
    const list = [];
    OPTIONS.set(name, list);
    NAMES.set(list, name);
  }
  return OPTIONS.get(name);
}

// withHeld(list, value): list, plus the retired terms value (a code or a
// list of codes) holds when list is an options() array, so that editing
// an old record neither hides nor silently drops what it holds.
export function withHeld(list, value) {
  const name = list && NAMES.get(list);
  if (!name) return list;
  const held = (Array.isArray(value) ? value : [value])
    .filter((v) => v !== null && v !== undefined && v !== '' && !list.some(([k]) => String(k) === String(v)));
  return held.length ? [...list, ...held.map((v) => [v, label(name, v)])] : list;
}

// labels(name): {code: label} for every term, retired ones included, so
// that old records stay readable.
export function labels(name) {
  if (!LABELS.has(name)) LABELS.set(name, {});
  return LABELS.get(name);
}

// label(name, code): the words for code, '' for none, the code made
// readable when the vocabulary does not hold it.
export function label(name, code) {
  if (code === null || code === undefined || code === '') return '';
  return labels(name)[code] || humanise(code);
}

// load(): fetch the vocabularies once (a failed fetch is tried again on
// the next call); resolves when options() and labels() are filled.
export function load() {
  if (!loading) {
    loading = api.get('/vocabularies').then((r) => {
      for (const v of r.items) {
        const opts = options(v.name);
        opts.splice(0, opts.length, ...v.terms.filter((t) => !t.retired)
          .map((t) => [t.code, t.label, t.group || null, t.hint || null]));
        const map = labels(v.name);
        for (const t of v.terms) map[t.code] = t.label;
      }
    }, (err) => {
      loading = null;
      throw err;
    });
  }
  return loading;
}

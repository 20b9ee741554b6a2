// ui.js - building DOM safely (text nodes only, never innerHTML with data)
// and the GOV.UK Frontend components the views share: headings, summary
// lists, tables, tags, buttons and the error summary. Forms are in form.js.

// h(tag, attrs, ...children): an element. attrs: class, text, on (events),
// dataset, and any attribute (true -> present, false/null -> absent).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// setTitle(text): the document title names the page first (WCAG 2.4.2).
export function setTitle(text, hasError = false) {
  document.title = `${hasError ? 'Error: ' : ''}${text} – Spire`;
}

export function heading(text, caption) {
  return [
    caption ? h('span', { class: 'govuk-caption-l', text: caption }) : null,
    h('h1', { class: 'govuk-heading-l', text }),
  ];
}

export const p = (text, cls = 'govuk-body') => h('p', { class: cls }, text);
export const h2 = (text) => h('h2', { class: 'govuk-heading-m', text });
export const h3 = (text) => h('h3', { class: 'govuk-heading-s', text });

export function link(text, href, cls = 'govuk-link') {
  return h('a', { class: cls, href }, text);
}

// counted(n, one, many): a count with its noun, singular for 1 ("1 parent
// not seen", "2 parents not seen"); many defaults to one + 's'. Every count
// written before a noun goes through it.
export function counted(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function backLink(href, text = 'Back') {
  return h('a', { class: 'govuk-back-link', href }, text);
}

// buttonLink: a link styled as a button (for navigation).
export function buttonLink(text, href, secondary = false) {
  return h('a', {
    class: `govuk-button${secondary ? ' govuk-button--secondary' : ''}`,
    href, role: 'button', draggable: 'false', 'data-module': 'govuk-button',
  }, text);
}

export function button(text, { secondary = false, warning = false, type = 'button', onClick, id } = {}) {
  let cls = 'govuk-button';
  if (secondary) cls += ' govuk-button--secondary';
  if (warning) cls += ' govuk-button--warning';
  return h('button', { class: cls, type, id, 'data-module': 'govuk-button', on: onClick ? { click: onClick } : null }, text);
}

export function actions(...children) {
  return h('div', { class: 'govuk-button-group spire-actions' }, ...children);
}

// moreActions(label, [[text, href]...]): a page's secondary actions as a
// list of links under a small heading (GOV.UK: one main button, the rest
// as links), so a phone shows one button, not a stack of them.
export function moreActions(label, items) {
  const list = items.filter(Boolean);
  if (!list.length) return null;
  return h('nav', { class: 'spire-more-actions', 'aria-label': label },
    h('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-2' }, label),
    h('ul', { class: 'govuk-list spire-action-links' },
      list.map(([text, href]) => h('li', {}, h('a', { class: 'govuk-link', href }, text)))));
}

const TAG_COLOURS = {
  open: 'green', active: 'green', closed: 'grey', done: 'green', overdue: 'red',
  due: 'yellow', disabled: 'grey', enabled: 'green', break_glass: 'red', withdrawn: 'grey',
};

// tag(text, colour): a GOV.UK tag; colour from the status by default.
export function tag(text, colour) {
  const c = colour || TAG_COLOURS[String(text).toLowerCase().replace(/ /g, '_')];
  return h('strong', { class: `govuk-tag${c ? ' govuk-tag--' + c : ''}` }, humanise(text));
}

// summaryList(rows): rows of [key, value]; empty values read "Not recorded".
export function summaryList(rows, { noBorder = false } = {}) {
  return h('dl', { class: `govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}` },
    rows.filter(Boolean).map(([k, v]) => h('div', { class: 'govuk-summary-list__row' },
      h('dt', { class: 'govuk-summary-list__key' }, k),
      h('dd', { class: 'govuk-summary-list__value' }, blank(v) ? notRecorded() : v))));
}

function notRecorded() {
  return h('span', { class: 'govuk-hint govuk-!-margin-0' }, 'Not recorded');
}

function blank(v) {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

// table({caption, head, rows, captionSize}): a GOV.UK table; cells may be
// nodes or text.
// The table sits in a region that scrolls sideways on its own when it is
// wider than a phone's screen, so the page itself never does; the region
// can be reached and scrolled with the keyboard.
// compact: a wide table (the manager's caseload) in 16px type with
// narrower cells, so that its columns fit a laptop's width.
// A wide table scrolls inside its own region (GOV.UK's pattern: a
// focusable region named by the caption), and says so when it does: a
// line above it ("Scroll the table sideways to see all of it") and a
// shadow at the edge that hides more, shown only while the table is wider
// than its box (at phone width), so nothing is cut off without a sign.
let tableSerial = 0;
export function table({ caption, head, rows, captionClass = 'govuk-table__caption--m', compact = false }) {
  tableSerial += 1;
  const cueId = `spire-scroll-cue-${tableSerial}`;
  const cue = h('p', { class: 'govuk-body-s spire-table-scroll__cue', id: cueId, hidden: true },
    'Scroll the table sideways to see all of it');
  const region = h('div', { class: 'spire-table-scroll', tabindex: '0', role: 'region', 'aria-label': typeof caption === 'string' ? caption : 'Table' },
    tableOnly({ caption, head, rows, captionClass, compact }));
  const check = () => {
    const wide = region.scrollWidth > region.clientWidth + 1;
    cue.hidden = !wide;
    region.classList.toggle('spire-table-scroll--wide', wide);
    if (wide) region.setAttribute('aria-describedby', cueId); else region.removeAttribute('aria-describedby');
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(check).observe(region);
  return h('div', { class: 'spire-table-wrap' }, cue, region);
}

function tableOnly({ caption, head, rows, captionClass, compact }) {
  return h('table', { class: compact ? 'govuk-table spire-table--compact' : 'govuk-table' },
    caption ? h('caption', { class: `govuk-table__caption ${captionClass}` }, caption) : null,
    h('thead', { class: 'govuk-table__head' },
      h('tr', { class: 'govuk-table__row' },
        head.map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t)))),
    h('tbody', { class: 'govuk-table__body' },
      rows.map((r) => h('tr', { class: 'govuk-table__row' },
        r.map((c, i) => i === 0
          ? h('th', { scope: 'row', class: 'govuk-table__header' }, blank(c) ? '–' : c)
          : h('td', { class: 'govuk-table__cell' }, blank(c) ? '–' : c))))));
}

export function inset(...children) {
  return h('div', { class: 'govuk-inset-text' }, ...children);
}

export function warning(text) {
  return h('div', { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'govuk-warning-text__text' },
      h('span', { class: 'govuk-visually-hidden' }, 'Warning'), text));
}

// banner(title, text, success): a notification banner.
export function banner(heading, text, success = true) {
  return h('div', {
    class: `govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`,
    role: success ? 'alert' : 'region', 'aria-labelledby': 'banner-title',
    'data-module': 'govuk-notification-banner',
  },
  h('div', { class: 'govuk-notification-banner__header' },
    h('h2', { class: 'govuk-notification-banner__title', id: 'banner-title' }, success ? 'Success' : 'Important')),
  h('div', { class: 'govuk-notification-banner__content' },
    h('p', { class: 'govuk-notification-banner__heading' }, heading),
    text ? h('p', { class: 'govuk-body' }, text) : null));
}

// Flash: one banner message for the next page drawn, after an action that
// navigates (a record closed, a user added).
let flash = null;

// setFlash(text, success): the message, and whether it reports success
// (false: something the user should know did not happen).
// extra: a node shown under the message (an "Undo" button).
export function setFlash(text, success = true, extra = null) {
  flash = { text, success, extra };
}

// takeFlash(): the pending message as a notification banner (or null), once.
export function takeFlash() {
  const f = flash;
  flash = null;
  return f ? banner(f.text, f.extra, f.success) : null;
}

// pagination({prev, next, label}): the GOV.UK pagination component with
// "Previous" and "Next" links; either href may be null. label names the
// list it pages (a page may have several).
export function pagination({ prev, next, label }) {
  const arrow = (dir) => svg('svg', {
    class: `govuk-pagination__icon govuk-pagination__icon--${dir}`, xmlns: SVG_NS, height: '13', width: '15',
    'aria-hidden': 'true', focusable: 'false', viewBox: '0 0 15 13',
  }, svg('path', {
    d: dir === 'prev'
      ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z'
      : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
  }));
  const item = (dir, href, text) => h('div', { class: `govuk-pagination__${dir}` },
    h('a', { class: 'govuk-link govuk-pagination__link', href, rel: dir },
      dir === 'prev' ? arrow(dir) : null,
      h('span', { class: 'govuk-pagination__link-title' }, text, h('span', { class: 'govuk-visually-hidden' }, ' page')),
      dir === 'next' ? arrow(dir) : null));
  return h('nav', { class: 'govuk-pagination', 'aria-label': label ? `Pages of ${label}` : 'Pagination' },
    prev ? item('prev', prev, 'Previous') : null,
    next ? item('next', next, 'Next') : null);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (k !== 'xmlns') el.setAttribute(k, v);
  append(el, children);
  return el;
}

// errorSummary(errors): errors are {href, text}; links focus their field
// without touching the hash route.
export function errorSummary(errors) {
  const box = h('div', { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary', tabindex: '-1' },
    h('div', { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title', text: 'There is a problem' }),
      h('div', { class: 'govuk-error-summary__body' },
        h('ul', { class: 'govuk-list govuk-error-summary__list' },
          errors.map((e) => h('li', {}, e.href
            ? h('a', { href: e.href, on: { click: focusTarget } }, e.text)
            : e.text))))));
  return box;
}

function focusTarget(ev) {
  ev.preventDefault();
  const id = ev.currentTarget.getAttribute('href').slice(1);
  const el = document.getElementById(id);
  if (!el) return;
  const group = el.closest('.govuk-form-group');
  const legend = group && group.querySelector('legend');
  (legend || group || el).scrollIntoView();
  el.focus({ preventScroll: true });
}

// humanise("step_father") -> "Step father".
// The labels people read for the roles; src/service/roles.c ROLE_LABELS
// says the same (tests/unit/test_roles.c checks they agree).
export const ROLE_LABELS = {
  admin: 'Administrator',
  manager: 'Manager',
  yjs_officer: 'Youth justice officer',
  parent_worker: 'Parent worker',
  fgc_coordinator: 'FGC coordinator',
  social_worker: 'Social worker',
  hub_worker: 'Family hub worker',
  analyst: 'Analyst',
  parent: 'Parent or carer',
};

// roleLabel("yjs_officer") -> "Youth justice officer".
export const roleLabel = (role) => ROLE_LABELS[role] || humanise(role);

// The field's abbreviations keep their capitals in words made from codes
// ("rj_offered" -> "RJ offered"): restorative justice, education, training
// and employment, special educational needs and disabilities, education,
// health and care plan, out-of-court disposal, key performance indicator.
const ABBREVIATIONS = ['rj', 'ete', 'send', 'ehcp', 'oocd', 'kpi', 'yjb', 'fgc'];

export function humanise(s) {
  if (s === null || s === undefined) return '';
  const t = String(s).split('_')
    .map((w) => (ABBREVIATIONS.includes(w) ? w.toUpperCase() : w)).join(' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

// formatDate("2009-05-27") -> "27 May 2009"; datetimes keep the time.
// { short: true }: the month cut short as GOV.UK's style guide allows
// where space is tight, in a table ("3 Dec 2026", "14 Sept 2026").
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
export function formatDate(iso, { short = false } = {}) {
  if (!iso) return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  // An instant (with Z or an offset) is shown as the UK clock read it
  // then, BST or GMT: 23:30Z on 2 July is 00:30 on 3 July.
  if (m[4] && /(Z|[+-]\d{2}:?\d{2})$/.test(iso) && !Number.isNaN(Date.parse(iso))) {
    const p = Object.fromEntries(UK_TIME.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    m = [null, p.year, p.month, p.day, p.hour === '24' ? '00' : p.hour, p.minute];
  }
  const d = `${Number(m[3])} ${(short ? SHORT_MONTHS : MONTHS)[Number(m[2]) - 1]} ${m[1]}`;
  return m[4] ? `${d} at ${m[4]}:${m[5]}` : d;
}
const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

// personName(x): a person's name; x may be a person, or a case or family
// member that nests one as "child" or "person".
export function personName(x) {
  const p = x && !x.given_name && !x.family_name ? (x.child || x.person || x) : x;
  if (!p) return '';
  const given = p.given_name || '';
  const pref = p.preferred_name && p.preferred_name !== given ? ` (${p.preferred_name})` : '';
  return `${given} ${p.family_name || ''}`.trim() + pref;
}

// ukDate(ms): the UK civil date (Europe/London) at ms since the epoch, as
// "YYYY-MM-DD", whatever time zone the browser is in; today(): now. The
// server decides "future", "overdue" and ages on the same date.
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
export function ukDate(ms) {
  const parts = Object.fromEntries(UK_DATE.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function today() {
  return ukDate(Date.now());
}

// dateHint(kind): a date input's "For example, 27 3 2007" hint, with a
// date that makes sense today (GOV.UK date input pattern), not a fixed
// year that grows stale: 'past' a recent day (two weeks ago), 'future' a
// day two weeks on, 'child_birth' a child's (aged 14), 'adult_birth' an
// adult's (aged 40), 'year_start' the financial year's first day.
const DAY_MS = 24 * 60 * 60 * 1000;
export function dateHint(kind = 'past') {
  const now = today();
  const year = Number(now.slice(0, 4));
  let iso;
  if (kind === 'future') iso = ukDate(Date.now() + 14 * DAY_MS);
  else if (kind === 'child_birth') iso = `${year - 14}-03-27`;
  else if (kind === 'adult_birth') iso = `${year - 40}-02-14`;
  else if (kind === 'year_start') iso = `${Number(now.slice(5, 7)) >= 4 ? year : year - 1}-04-01`;
  else iso = ukDate(Date.now() - 14 * DAY_MS);
  const [y, m, d] = iso.split('-').map(Number);
  return `For example, ${d} ${m} ${y}`;
}

// mount(el, ...children): replace el's children; children may be nested
// arrays, and null/false are skipped.
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

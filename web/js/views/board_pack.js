// board_pack.js - the board pack for a quarter (docs/measures.md, "The
// board pack"), for managers and analysts: every measure for the chosen
// quarter and the three before it, as the management board reads it on
// paper - a contents table, then each measure with its rule, a table and a
// chart - laid out to print (or "print to PDF") cleanly, with the same
// pack as an XLSX workbook to download. The figures arrive suppressed:
// "[c]" is a count withheld so that no child can be identified.
import * as api from '../api.js';
import { mount, h, heading, p, h2, table, setTitle, formatDate, inset, today, actions, humanise } from '../ui.js';
import { Form } from '../form.js';
import { lineChart, describe } from '../chart.js';

const SUPPRESSED = () => h('span', {}, '[c]', h('span', { class: 'govuk-visually-hidden' }, ' (withheld)'));
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// The financial quarters that have begun, newest first: [value, words].
function quarters(n = 12) {
  const now = today();
  let y = Number(now.slice(0, 4));
  const m = Number(now.slice(5, 7));
  let fy = m >= 4 ? y : y - 1;
  let q = Math.floor(((m + 8) % 12) / 3) + 1;
  const out = [];
  for (let i = 0; i < n; i++) {
    const sm = ((3 + 3 * (q - 1)) % 12), sy = sm < 3 ? fy + 1 : fy;
    const em = (sm + 2) % 12;
    y = em < sm ? sy + 1 : sy;
    const value = `${fy}/${String((fy + 1) % 100).padStart(2, '0')} Q${q}`;
    out.push([value, `${value} (${MONTH[sm]} to ${MONTH[em]} ${y})`]);
    if (--q === 0) { q = 4; fy -= 1; }
  }
  return out;
}

function number(v) {
  return v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

// A percentage to one decimal place, from its counts when the cell has
// them (the API's value is rounded to two places; rounding that again
// could show 94.0% for 326 of 347, which is 93.9%).
function valueText(m, v, c = {}) {
  if (typeof v !== 'number') return '';
  if (m.value_type === 'percentage') {
    const exact = typeof c.numerator === 'number' && typeof c.denominator === 'number' && c.denominator > 0
      ? (100 * c.numerator) / c.denominator : v;
    return `${(Math.round(exact * 10) / 10).toFixed(1)}%`;
  }
  // A rate says what it is per: a quarter's is the quarter's own ("in the
  // quarter (not annualised)"), the year's a year's (the API's
  // rate_label, docs/measures.md "Annualised rates"), so the two are
  // never read as the same kind of figure side by side.
  if (m.value_type === 'rate') return `${v.toFixed(2)} ${c.rate_label || `per ${Number(m.rate_per).toLocaleString('en-GB')}`}`;
  return number(v);
}

// A count or figure: "[c]" when withheld, "–" when there is none.
function cell(c, key, m) {
  const v = c[key];
  const hidden = (c.suppressed || []).length > 0;
  if (v === null || v === undefined) {
    if ((c.suppressed || []).includes(key) || (key === 'value' && hidden)) return SUPPRESSED();
    return '–';
  }
  return h('span', { class: 'spire-figure' }, key === 'value' ? valueText(m, v, c) : number(v));
}

// An extra count of a period or the year (c): "[c]" when c withholds it
// (its `suppressed` names the extra, as the workbook reads it).
function extraCell(c, key, m) {
  const v = (c.extras || {})[key];
  if ((v === null || v === undefined) && (c.suppressed || []).includes(key)) return SUPPRESSED();
  return cell(c.extras || {}, key, m);
}

// A reoffending figure is provisional while any child of its cohort is
// still in the follow-up (12 months to reoffend, 6 more for the court):
// it can only rise, so it is never read as final (docs/measures.md).
const provisional = (c) => c.status === 'provisional';
const provisionalTag = () => h('strong', { class: 'govuk-tag govuk-tag--blue' }, 'Provisional');
const periodName = (pd) => [
  ...(pd.incomplete ? [`${pd.period} (so far) `, h('strong', { class: 'govuk-tag govuk-tag--yellow' }, 'Incomplete')] : [pd.period]),
  ...(provisional(pd) ? [' ', provisionalTag()] : []),
];

function measureSection(m) {
  const fmt = (v) => (m.value_type === 'percentage' ? `${Math.round(v * 10) / 10}%` : number(Math.round(v * 100) / 100));
  const points = m.periods.map((pd) => ({
    label: `${pd.period}${pd.incomplete ? ' (so far)' : ''}`,
    value: typeof pd.value === 'number' ? pd.value : null,
    missing: pd.value === null && (pd.suppressed || []).length ? '[c]' : null,
    incomplete: !!pd.incomplete,
  }));
  const extras = m.extras ? Object.keys(m.extras) : [];
  // Each extra under the label its rule gives it (a board member reads
  // "In a suitable arrangement, attending or not", not "Suitable").
  const words = (k) => (m.extra_labels || {})[k] || humanise(k);
  return h('section', { class: 'spire-pack__measure' },
    h2(m.title),
    m.label ? inset(m.label) : null,
    provisional(m) || m.periods.some(provisional)
      ? inset('Figures marked Provisional are not final: some children in the cohort are still in their follow-up period (12 months to reoffend and 6 more for a court or caution), so these figures can only rise.')
      : null,
    p(m.rule, 'govuk-body-s'),
    table({
      caption: `${m.title}: each quarter and the year`, captionClass: 'govuk-table__caption--s',
      head: ['Period', 'Counted', 'Out of', 'Figure', ...extras.map(words)],
      rows: [...m.periods.map((pd) => [periodName(pd), cell(pd, 'numerator', m), cell(pd, 'denominator', m), cell(pd, 'value', m),
        ...extras.map((k) => extraCell(pd, k, m))]),
      [h('strong', {}, 'The year', ...(provisional(m) ? [' ', provisionalTag()] : [])), cell(m, 'numerator', m), cell(m, 'denominator', m), cell(m, 'value', m), ...extras.map((k) => extraCell(m, k, m))]],
    }),
    points.some((x) => typeof x.value === 'number')
      ? h('div', { class: 'spire-chart-box' }, lineChart({ title: `${m.title} by quarter`, desc: describe(points, fmt), points, format: fmt }))
      : null);
}

// #/board-pack?quarter=2025/26 Q2 (default: the last quarter over).
export async function boardPack(ctx) {
  const chosen = ctx.query.get('quarter') || '';
  const pack = await api.get('/board-pack' + api.qs({ quarter: chosen }));
  if (ctx.stale()) return;
  const title = `Board pack: ${pack.quarter}`;
  setTitle(title);
  const form = new Form({
    title, summarySlot: h('div'), submitText: 'Show this quarter',
    values: { quarter: pack.quarter },
    fields: [{
      name: 'quarter', label: 'Quarter', type: 'select',
      options: quarters().some(([v]) => v === pack.quarter) ? quarters() : [[pack.quarter, pack.quarter], ...quarters()],
    }],
    onSubmit: async (v) => {
      if (!v.quarter) return form.showErrors([{ field: 'quarter', message: 'Choose a quarter' }]);
      ctx.go('/board-pack' + api.qs({ quarter: v.quarter }));
    },
  });
  form.button.classList.add('govuk-button--secondary');
  const xlsx = '/api/v1/board-pack' + api.qs({ quarter: pack.quarter, format: 'xlsx' });
  const printButton = h('button', { type: 'button', class: 'govuk-button', 'data-module': 'govuk-button' }, 'Print or save as PDF');
  printButton.addEventListener('click', () => window.print());
  const contents = table({
    caption: 'Contents', captionClass: 'govuk-table__caption--m',
    head: ['Measure', `${pack.quarter} (the quarter alone)`, 'The year'],
    rows: pack.measures.map((m) => {
      const last = m.periods[m.periods.length - 1] || {};
      // A provisional figure (a reoffending cohort still in its
      // follow-up: a quarter just over has had no time to reoffend) is
      // marked here too, never left to read as final.
      const marked = (c) => [cell(c, 'value', m), ...(provisional(c) ? [' ', provisionalTag()] : [])];
      return [m.title, h('span', {}, ...marked(last)), h('span', {}, ...marked(m))];
    }),
  });
  mount(ctx.root, form.summarySlot,
    ...heading(title, `${formatDate(pack.from)} to ${formatDate(pack.to)}`),
    p(`Every figure is computed from Spire’s records for the quarter and the three before it (from ${formatDate(pack.year_from)}); made on ${formatDate(pack.generated_on)}.`),
    p(`[c] means withheld. ${pack.suppression}`, 'govuk-body-s'),
    pack.incomplete ? inset('This quarter is not over yet, so its figures are incomplete and will change.') : null,
    h('div', { class: 'spire-no-print' }, form.el,
      actions(printButton, h('a', { class: 'govuk-link', href: xlsx, download: `board-pack-${pack.quarter.replace(/[/ ]/g, '-')}.xlsx` }, 'Download the pack as a spreadsheet (XLSX)'))),
    contents,
    ...pack.measures.map(measureSection));
}

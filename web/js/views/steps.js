// steps.js - Steps to Change on a family (docs/parenting.md, "Steps to
// Change and the parent self-assessment"): the distance travelled per
// building block, the practitioner's and the family's scores at the start
// and the latest scoring, as an accessible SVG chart (role="img", its
// title and description, every bar labelled with its figure and its
// rater by shape as well as colour) with the same figures in a table
// beside it; the blocks that stay low or got worse; the scorings and the
// decisions taken.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, h2 as h2Of, p, link, table, tag, heading, backLink, buttonLink, setTitle, formatDate, takeFlash, warning,
  actions, setFlash, today, counted,
} from '../ui.js';
import { Form } from '../form.js';
import { formPage } from './yj_common.js';

const NS = 'http://www.w3.org/2000/svg';
let serial = 0;

function el(name, attrs = {}, ...children) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// A block's flags as people read them: it stays low or got worse (two
// scorings or more), or it was low at the only scoring there is.
const flagsOf = (b) => [b.stays_low ? 'Stays low' : null, b.worse ? 'Got worse' : null, b.low_at_start ? 'Low at start' : null]
  .filter(Boolean);
const isFlagged = (b) => flagsOf(b).length > 0;

// A scoring's stage as the form words it (forms/steps-to-change.json).
const STAGES = { start: 'at the start', review: 'at a review', end: 'at the end' };
const stageWords = (code, none) => (code ? STAGES[code] || code : none);

const fig = (v) => (v === null || v === undefined ? 'not scored' : String(v));
const change = (v) => (v === null || v === undefined ? '–' : v > 0 ? `+${v}` : String(v));

// The four bars of a block, in order, with what tells them apart besides
// colour: the rater's shape marker and the text of the bar's label.
const SERIES = [
  { rater: 'practitioner', when: 'first', cls: 'spire-steps__bar--p-first', name: 'Practitioner, start', mark: '○' },
  { rater: 'practitioner', when: 'latest', cls: 'spire-steps__bar--p-latest', name: 'Practitioner, latest', mark: '●' },
  { rater: 'family', when: 'first', cls: 'spire-steps__bar--f-first', name: 'Family, start', mark: '□' },
  { rater: 'family', when: 'latest', cls: 'spire-steps__bar--f-latest', name: 'Family, latest', mark: '■' },
];

// stepsChart(d, words): the SVG of a distance-travelled answer
// (GET /api/v1/families/{id}/steps-to-change). Each block's name is drawn
// whole on its own line above its four bars, and the key on two lines, so
// that nothing runs past the drawing's box at any width: the SVG scales
// to its box (web/app.css .spire-chart), from a phone to a wide screen.
// words (optional): {title, desc, names} for another reader (the parent's
// own page, my_family.js): its title, its description and the four bars'
// names in SERIES order; it draws no flags.
export function stepsChart(d, words = null) {
  serial += 1;
  const series = words ? SERIES.map((s, i) => ({ ...s, name: words.names[i] })) : SERIES;
  const flagsShown = !words;
  const blocks = d.blocks;
  const L = 12, R = 64, W = 700, keyH = 48, nameH = 22, barH = 11, gap = 3;
  const rowH = nameH + SERIES.length * (barH + gap) + 14;
  const T = keyH + 10;
  const H = T + blocks.length * rowH + 30;
  const iw = W - L - R;
  const x = (v) => L + (v / 10) * iw;
  const tid = `steps-title-${serial}`, did = `steps-desc-${serial}`;
  const better = blocks.filter((b) => (b.practitioner.change ?? 0) > 0 || (b.family.change ?? 0) > 0).length;
  const flagged = blocks.filter(isFlagged).map((b) => `${b.text} (${flagsOf(b).join(', ').toLowerCase()})`);
  const svg = el('svg', {
    class: 'spire-chart spire-steps', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${tid} ${did}`,
    xmlns: NS, focusable: 'false',
  }, el('title', { id: tid }, words ? words.title : 'Steps to Change: scores at the start and the latest, by building block'),
  el('desc', { id: did }, words ? words.desc : `${blocks.length} building blocks scored from 1 to 10 by the practitioner and by the family. ` +
    `Overall the practitioner's mean went from ${fig(d.overall.practitioner.first)} to ${fig(d.overall.practitioner.latest)} ` +
    `and the family's from ${fig(d.overall.family.first)} to ${fig(d.overall.family.latest)}. ` +
    `${counted(better, 'block')} improved for at least one of them. ` +
    (flagged.length ? `Flagged: ${flagged.join('; ')}. ` : 'No block is flagged. ') + 'The same figures are in the table.'));
  // The key: two raters by two times, each a swatch like its bar.
  series.forEach((s, i) => {
    const kx = L + (i % 2) * 300, ky = 8 + Math.floor(i / 2) * 22;
    svg.appendChild(el('rect', { class: `spire-steps__key ${s.cls}`, x: kx, y: ky, width: 22, height: barH }));
    svg.appendChild(el('text', { class: 'spire-chart__label', x: kx + 30, y: ky + 10 }, `${s.mark} ${s.name}`));
  });
  for (let v = 0; v <= 10; v += 2) {
    svg.appendChild(el('line', { class: v === 0 ? 'spire-chart__axis' : 'spire-chart__grid', x1: x(v), x2: x(v), y1: T - 4, y2: H - 30 }));
    svg.appendChild(el('text', { class: 'spire-chart__label', x: x(v), y: H - 10, 'text-anchor': 'middle' }, String(v)));
  }
  blocks.forEach((b, bi) => {
    const top = T + bi * rowH;
    const name = el('text', { class: 'spire-chart__label spire-steps__block', x: L, y: top + 15 }, b.text);
    svg.appendChild(name);
    series.forEach((s, si) => {
      const v = b[s.rater][s.when];
      const y = top + nameH + si * (barH + gap);
      const label = `${b.text}, ${s.name}: ${fig(v)}`;
      if (v === null || v === undefined) {
        svg.appendChild(el('text', { class: 'spire-chart__label spire-steps__value', x: L + 4, y: y + 10 }, `${s.mark} not scored`, el('title', {}, label)));
        return;
      }
      svg.appendChild(el('rect', { class: `spire-steps__bar ${s.cls}`, x: L, y, width: Math.max(1, x(v) - L), height: barH },
        el('title', {}, label)));
      svg.appendChild(el('text', { class: 'spire-chart__label spire-steps__value', x: x(v) + 4, y: y + 10 }, `${s.mark} ${v}`));
    });
    if (flagsShown && isFlagged(b)) {
      svg.appendChild(el('text', { class: 'spire-chart__missing', x: W - 18, y: top + nameH + 2 * (barH + gap) + 4, 'text-anchor': 'middle' }, '!',
        el('title', {}, `${b.text}: ${flagsOf(b).join(' and ').toLowerCase()}`)));
    }
  });
  return svg;
}

// stepsTable(d): the same figures as a table.
export function stepsTable(d) {
  return table({
    caption: 'Distance travelled by building block',
    head: ['Building block', 'Practitioner: start', 'Practitioner: latest', 'Change', 'Family: start', 'Family: latest', 'Change', 'Flag'],
    rows: [...d.blocks, { text: 'Overall (mean of the blocks)', ...d.overall }].map((b) => [
      b.text, fig(b.practitioner.first), fig(b.practitioner.latest), change(b.practitioner.change),
      fig(b.family.first), fig(b.family.latest), change(b.family.change),
      isFlagged(b) ? flagsOf(b).flatMap((t, i) => (i ? [' ', tag(t, 'red')] : [tag(t, 'red')])) : 'None',
    ]),
  });
}

// renderStepsToChange(root, familyId): the family's Steps to Change into
// root (the family page's <div id="steps-to-change">).
// opts: access (the break-glass opts of the family's page, access.js) and
// heading (false on the Steps to Change page, whose h1 says it already:
// one heading a section).
export async function renderStepsToChange(root, familyId, { access, heading: withHeading = true } = {}) {
  const [d, decisions] = await Promise.all([
    api.get(`/families/${familyId}/steps-to-change`, access),
    api.get('/steps-decisions' + api.qs({ family_id: familyId }), access),
  ]);
  const h2 = (text) => (withHeading ? h2Of(text) : null);
  const start = buttonLink('Record a Steps to Change scoring', `#/families/${familyId}/forms/steps-to-change/new`, true);
  if (!d.scorings.length) {
    mount(root, h2('Steps to Change'), p('The family has not been scored yet.'), start);
    return;
  }
  const flagged = d.blocks.filter(isFlagged);
  mount(root, h2('Steps to Change'),
    p(`From ${formatDate(d.first.authored)} (${stageWords(d.first.stage, 'first scoring')}) to ${formatDate(d.latest.authored)} (${stageWords(d.latest.stage, 'latest scoring')}). ` +
      (d.scorings.length > 1 ? `A block stays low when both scores are ${d.low} or less.`
        : `Scored once so far: a block is low at start when a score is ${d.low} or less.`)),
    flagged.length ? warning(`${flagged.length} building block${flagged.length === 1 ? '' : 's'} need a decision: ${flagged.map((b) => b.text).join('; ')}`) : null,
    h('div', { class: 'spire-chart-box spire-steps-box' }, stepsChart(d)),
    stepsTable(d),
    table({
      caption: 'Scorings', head: ['Date', 'Stage'],
      rows: d.scorings.map((s) => [link(formatDate(s.authored), `#/form-responses/${s.id}`), s.stage ? stageWords(s.stage).replace(/^a/, 'A') : 'Not given']),
    }),
    decisions.items.length ? table({
      caption: 'Decisions', head: ['Date', 'Decision', 'Blocks', 'Reason'],
      rows: decisions.items.map((x) => [formatDate(x.decision_date), vocab.label('steps_decisions', x.decision),
        (x.blocks || []).map((c) => (d.blocks.find((b) => b.block === c) || { text: c }).text).join('; '), x.reason]),
    }) : p('No decision has been recorded.'),
    actions(start, buttonLink('Record a decision', `#/families/${familyId}/steps-to-change/decision`, true)));
}

// #/families/ID/steps-to-change/decision: the decision taken on the
// latest scoring (step up, continue, step down, close), for the blocks it
// is about (the flagged ones first), with the reason.
export async function stepsDecision(ctx) {
  const id = Number(ctx.params[0]);
  const [f, d] = await Promise.all([api.get(`/families/${id}`), api.get(`/families/${id}/steps-to-change`)]);
  if (ctx.stale()) return;
  const back = `#/families/${id}/steps-to-change`;
  const title = 'Record a Steps to Change decision';
  setTitle(title);
  if (!d.latest) {
    mount(ctx.root, backLink(back), ...heading(title, f.name), p('Score the family first: a decision is taken on a scoring.'));
    return;
  }
  const flagged = d.blocks.filter(isFlagged);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save decision',
    values: { blocks: flagged.map((b) => b.block), decision_date: today() },
    fields: [
      { name: 'decision', label: 'Decision', type: 'radios', options: vocab.options('steps_decisions') },
      { name: 'blocks', label: 'Building blocks it is about', type: 'checkboxes', hint: 'The flagged blocks are ticked',
        options: d.blocks.map((b) => [b.block, b.text]) },
      { name: 'reason', label: 'Reason', type: 'textarea', rows: 4, hint: 'For example, why the family is stepped up to children’s social care' },
      { name: 'decision_date', label: 'Date of the decision', type: 'date' },
    ],
    onSubmit: async () => {
      await api.post('/steps-decisions', { family_id: id, form_response_id: d.latest.id, ...form.body() });
      setFlash('The decision has been recorded.');
      ctx.go(`/families/${id}/steps-to-change`);
    },
  });
  formPage(ctx, {
    title, caption: f.name, back, summary, form,
    intro: p(`On the scoring of ${formatDate(d.latest.authored)} (${stageWords(d.latest.stage, 'latest')}).`),
  });
}

// #/families/ID/steps-to-change
export async function stepsView(ctx) {
  const id = Number(ctx.params[0]);
  const f = await api.get(`/families/${id}`);
  if (ctx.stale()) return;
  setTitle('Steps to Change');
  const section = h('div', { id: 'steps-to-change' });
  mount(ctx.root, backLink(`#/families/${id}`, 'Back to the family'), takeFlash(), ...heading('Steps to Change', f.name || 'The family'), section);
  await renderStepsToChange(section, id, { heading: false });
}

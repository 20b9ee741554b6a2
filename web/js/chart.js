// chart.js - a trend line drawn as accessible SVG: role="img" named by
// its <title> and described by its <desc>, always shown beside a table of
// the same figures (the table is the accessible source; the chart is a
// picture of it). Built with createElementNS; every look is a class in
// app.css because the CSP forbids inline styles. No chart library.
import { counted } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
let serial = 0;

function el(tag, attrs = {}, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten.
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// lineChart({title, desc, points: [{label, value, missing}], format}):
// an <svg> trend line. value null is a gap (missing: the text shown at
// that point, such as "[c]" for a suppressed figure). format(value) writes
// a value for the axis and the points' tooltips.
export function lineChart({ title, desc, points, format = String }) {
  serial += 1;
  const W = 660, H = 300, L = 84, R = 16, T = 16, B = 64;
  const iw = W - L - R, ih = H - T - B;
  const values = points.map((p) => p.value).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const top = niceMax(Math.max(0, ...values));
  const x = (i) => L + (points.length === 1 ? iw / 2 : (i * iw) / (points.length - 1));
  const y = (v) => T + ih - (v / top) * ih;
  const tid = `chart-title-${serial}`, did = `chart-desc-${serial}`;
  const svg = el('svg', {
    class: 'spire-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${tid} ${did}`,
    xmlns: NS, focusable: 'false',
  }, el('title', { id: tid }, title), el('desc', { id: did }, desc));
  // Grid and y labels: 0, 1/4 ... top.
  for (let k = 0; k <= 4; k += 1) {
    const v = (top * k) / 4;
    svg.appendChild(el('line', { class: k === 0 ? 'spire-chart__axis' : 'spire-chart__grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    svg.appendChild(el('text', { class: 'spire-chart__label', x: L - 8, y: y(v) + 5, 'text-anchor': 'end' }, format(v)));
  }
  // x labels: at most about 12, evenly.
  const step = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    if (i % step !== 0 && i !== points.length - 1) return;
    svg.appendChild(el('text', {
      class: 'spire-chart__label', x: x(i), y: H - B + 20, 'text-anchor': 'end',
      transform: `rotate(-35 ${x(i)} ${H - B + 20})`,
    }, p.label));
  });
  // The line, broken where a value is missing.
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (typeof p.value !== 'number') { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
    pen = true;
  });
  if (d) svg.appendChild(el('path', { class: 'spire-chart__line', d: d.trim() }));
  points.forEach((p, i) => {
    if (typeof p.value === 'number') {
      // A period not over yet (p.incomplete): a hollow point, so said.
      svg.appendChild(el('circle', {
        class: `spire-chart__point${p.incomplete ? ' spire-chart__point--incomplete' : ''}`, cx: x(i), cy: y(p.value), r: p.incomplete ? 5 : 4,
      }, el('title', {}, `${p.label}: ${format(p.value)}${p.incomplete ? ' (incomplete: the period is not over)' : ''}`)));
    } else if (p.missing) {
      svg.appendChild(el('text', { class: 'spire-chart__missing', x: x(i), y: y(0) - 8, 'text-anchor': 'middle' }, p.missing));
    }
  });
  return svg;
}

// describe(points, format): a sentence for <desc>: the range, the first
// and last figures, the highest and lowest.
export function describe(points, format = String) {
  const known = points.filter((p) => typeof p.value === 'number');
  if (!points.length) return 'No periods to show.';
  if (!known.length) return `No figures can be shown for the ${counted(points.length, 'period')} from ${points[0].label} to ${points[points.length - 1].label}.`;
  const hi = known.reduce((a, b) => (b.value > a.value ? b : a));
  const lo = known.reduce((a, b) => (b.value < a.value ? b : a));
  const gaps = points.length - known.length;
  return `${counted(points.length, 'period')} from ${points[0].label} to ${points[points.length - 1].label}. ` +
    `First ${format(known[0].value)} (${known[0].label}), latest ${format(known[known.length - 1].value)} (${known[known.length - 1].label}); ` +
    `highest ${format(hi.value)} (${hi.label}), lowest ${format(lo.value)} (${lo.label}).` +
    (gaps ? ` ${gaps} ${gaps === 1 ? 'period is' : 'periods are'} not shown because the counts are too small or unknown.` : '') +
    ' The same figures are in the table.';
}

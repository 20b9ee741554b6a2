// yj_case.js - the "Youth justice" section of a youth justice case's page:
// the child's offences, outcomes and interventions (with what is due on
// each), assessments and court work (hearings and reports for court), a
// page at a time, and the ways to record them (court work through the
// generic record pages, resources.js).
// Victims and KPI data are on the offence and intervention pages. Not
// shown on any family view.
import * as vocab from '../vocab.js';
import { h, p, link, table, tag, formatDate, moreActions, today } from '../ui.js';
import { section, fetchPage, pager } from './common.js';
import {
  OFFENCE_CATEGORIES, ASSESSMENT_TYPES, STAGES, LEVELS, label, outcomeLabel, kindTag, dueList, recordsYouthJustice,
} from './yj_common.js';

// yjCaseSection(ctx, c, access, open): the section, as nodes.
export async function yjCaseSection(ctx, c, access, open) {
  const id = c.id;
  const [offences, outcomes, assessments, hearings, reports] = await Promise.all([
    section(async () => {
      const r = await fetchPage(ctx, 'offences', '/offences', { case_id: id }, { access });
      if (!r.items.length && !r.offset) return [h('h3', { class: 'govuk-heading-s' }, 'Offences'), p('No offences have been recorded.')];
      return [table({
        caption: 'Offences', captionClass: 'govuk-table__caption--s',
        head: ['Offence', 'Date', 'Category', 'Gravity', 'Co-accused', 'Weapon'],
        rows: r.items.map((o) => [
          link(o.description, `#/offences/${o.id}`),
          h('span', { class: 'spire-nowrap' }, formatDate(o.offence_date)),
          label(OFFENCE_CATEGORIES, o.category),
          String(o.gravity),
          o.co_accused ? 'Yes' : 'No',
          o.weapon ? 'Yes' : 'No',
        ]),
      }), pager(ctx, 'offences', r, 'offences')];
    }),
    section(async () => {
      const r = await fetchPage(ctx, 'outcomes', '/outcomes', { case_id: id }, { access });
      if (!r.items.length && !r.offset) return [h('h3', { class: 'govuk-heading-s' }, 'Outcomes and interventions'), p('No outcomes have been recorded.')];
      return [table({
        caption: 'Outcomes and interventions', captionClass: 'govuk-table__caption--s',
        head: ['Outcome', 'Kind', 'Given on', 'Intervention', 'What is due'],
        rows: r.items.map((o) => [
          link(outcomeLabel(o.outcome_type), `#/outcomes/${o.id}`),
          kindTag(o.kind),
          h('span', { class: 'spire-nowrap' }, formatDate(o.outcome_date)),
          interventionText(o),
          o.start_date ? dueList(o.due, open ? o : null) : '',
        ]),
      }), pager(ctx, 'outcomes', r, 'outcomes')];
    }),
    section(async () => {
      const r = await fetchPage(ctx, 'assessments', '/assessments', { case_id: id }, { access });
      if (!r.items.length && !r.offset) return [h('h3', { class: 'govuk-heading-s' }, 'Assessments'), p('No assessments have been recorded.')];
      return [table({
        caption: 'Assessments', captionClass: 'govuk-table__caption--s',
        head: ['Assessment', 'Stage', 'Date', 'Risk of serious harm', 'Safety and wellbeing'],
        rows: r.items.map((a) => [
          link(label(ASSESSMENT_TYPES, a.assessment_type), `#/assessments/${a.id}`),
          label(STAGES, a.stage),
          h('span', { class: 'spire-nowrap' }, formatDate(a.assessment_date)),
          label(LEVELS, a.risk_of_serious_harm),
          label(LEVELS, a.safety_wellbeing),
        ]),
      }), pager(ctx, 'assessments', r, 'assessments')];
    }),
    section(() => hearingTable(ctx, id, access)),
    section(() => courtReportTable(ctx, id, access)),
  ]);
  return h('section', { 'aria-labelledby': 'yj-heading', class: 'govuk-!-margin-top-6' },
    h('h2', { class: 'govuk-heading-m', id: 'yj-heading' }, 'Youth justice'),
    // Links, not six buttons in a row (the case's one button is "Record a contact").
    open && recordsYouthJustice(ctx.user, c) ? moreActions('Record for the youth justice case', [
      ['Record an offence', `#/cases/${id}/offences/new`],
      ['Record an outcome', `#/cases/${id}/outcomes/new`],
      ['Record an AssetPlus assessment', `#/cases/${id}/assessments/new?type=assetplus`],
      ['Record a prevention and diversion assessment', `#/cases/${id}/assessments/new?type=prevention_diversion`],
      ['Record a court hearing', `#/cases/${id}/r/hearings/new`],
      ['Record a report for court', `#/cases/${id}/r/court-reports/new`],
    ]) : null,
    h('div', {}, offences), h('div', {}, outcomes), h('div', {}, assessments),
    h('div', { id: 'court-work' }, hearings, reports));
}

const none = (what, text) => [h('h3', { class: 'govuk-heading-s' }, what), p(text)];
const nowrap = (d) => h('span', { class: 'spire-nowrap' }, formatDate(d));

// The case's hearings, the latest first: court, date, type, outcome and
// the next hearing (docs/youth-justice-model.md section 11).
async function hearingTable(ctx, id, access) {
  const r = await fetchPage(ctx, 'hearings', '/hearings', { case_id: id }, { access });
  if (!r.items.length && !r.offset) return none('Court hearings', 'No hearings have been recorded.');
  return [table({
    caption: 'Court hearings', captionClass: 'govuk-table__caption--s',
    head: ['Date', 'Court', 'Hearing', 'Outcome', 'Next hearing'],
    rows: r.items.map((x) => [
      link([nowrap(x.hearing_date), h('span', { class: 'govuk-visually-hidden' }, `: hearing at ${x.court}`)], `#/r/hearings/${x.id}`),
      x.court,
      vocab.label('hearing_types', x.hearing_type),
      x.hearing_outcome ? vocab.label('hearing_outcomes', x.hearing_outcome) : (x.hearing_date > today() ? tag('To come', 'blue') : 'Not recorded'),
      x.next_hearing_date ? nowrap(x.next_hearing_date) : '',
    ]),
  }), pager(ctx, 'hearings', r, 'hearings')];
}

// The case's reports for court with the date each is due: overdue ones
// tagged, submitted ones dated.
async function courtReportTable(ctx, id, access) {
  const r = await fetchPage(ctx, 'reports', '/court-reports', { case_id: id }, { access });
  if (!r.items.length && !r.offset) return none('Reports for court', 'No reports for court have been requested.');
  const now = today();
  return [table({
    caption: 'Reports for court', captionClass: 'govuk-table__caption--s',
    head: ['Report', 'Requested', 'Due', 'Written by', 'Submitted'],
    rows: r.items.map((x) => [
      link(vocab.label('court_report_types', x.report_type), `#/r/court-reports/${x.id}`),
      nowrap(x.requested_on),
      h('span', {}, nowrap(x.due_date), !x.submitted_on && x.due_date < now ? [' ', tag('Overdue', 'red')] : null),
      x.author_name || '',
      x.submitted_on ? nowrap(x.submitted_on) : tag('Not yet', 'grey'),
    ]),
  }), pager(ctx, 'reports', r, 'reports for court')];
}

// interventionText(o): when the service worked with the child on it.
export function interventionText(o) {
  if (!o.start_date) return 'No YJS intervention';
  const from = `From ${formatDate(o.start_date)}`;
  if (o.end_date) return h('span', {}, `${from} to ${formatDate(o.end_date)} `, tag(o.end_reason === 'completed' ? 'Completed' : 'Ended', o.end_reason === 'completed' ? 'green' : 'grey'));
  return h('span', {}, o.planned_end_date ? `${from}, planned to end ${formatDate(o.planned_end_date)} ` : `${from} `, tag('Active', 'green'));
}

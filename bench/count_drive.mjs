// count_drive.mjs - bench/count.sh's client: with the benchmark manager's
// token (COUNT_TOKEN) sends COUNT_REQUESTS requests of COUNT_WORKLOAD one after
// another (keep-alive), ids taken in turn from COUNT_IDS. Exits non-zero
// on any answer that is not a success. Not a test.
const base = process.env.COUNT_BASE;
const ids = process.env.COUNT_IDS.split('\n').filter(Boolean);
const n = Number(process.env.COUNT_REQUESTS);
const workload = process.env.COUNT_WORKLOAD;
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment',
  'guidance', 'family_life', 'accommodation_money', 'parental_health'];

const token = process.env.COUNT_TOKEN;
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

// Today in the UK: a contact dated before its case started is refused.
const ukToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

function request(i) {
  const id = ids[i % ids.length];
  if (workload === 'w1') return [`/api/v1/people/${id}`, { headers }];
  if (workload === 'w3') {
    return ['/api/v1/contacts', { method: 'POST', headers, body: JSON.stringify({
      case_id: Number(id), contact_date: ukToday, contact_type: 'phone',
      summary: `Counted contact ${i}: spoke with the young person about the plan.` }) }];
  }
  const answers = { stage: 'review', assessment: 'early_help',
    family_life_note: `Counted scoring ${i}: routines are settling.` };
  BLOCKS.forEach((b, k) => {
    answers[`${b}_practitioner`] = ((k + 1) % 10) + 1;
    answers[`${b}_family`] = ((k + 4) % 10) + 1;
  });
  return ['/api/v1/form-responses', { method: 'POST', headers, body: JSON.stringify({
    form_id: 'steps-to-change', family_id: Number(id), completed_by: 'jointly',
    authored: '2026-01-15', status: 'completed', answers }) }];
}

for (let i = 0; i < n; i++) {
  const [path, init] = request(i);
  const r = await fetch(base + path, init);
  const text = await r.text();
  if (!r.ok) {
    console.error(`count: ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    process.exit(1);
  }
}

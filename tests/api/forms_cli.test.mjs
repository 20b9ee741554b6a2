// `spire form check FILE...` and `spire form list` (docs/forms.md): a
// definition's problems are each named with the linkId concerned and the
// exit status is non-zero; the server refuses to start on a bad forms
// directory rather than serve a form it cannot check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, spire, makeDb } from './lib.mjs';

const run = (args, env = {}) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env } });
const good = () => JSON.parse(readFileSync('tests/forms/wellbeing-check.json', 'utf8'));

function withFile(doc, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'spire-form-'));
  const path = join(dir, 'form.json');
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  try { return fn(path, dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('form check: the shipped and test definitions are valid (exit 0)', () => {
  for (const f of ['forms/prevention-diversion.json', 'tests/forms/wellbeing-check.json']) {
    const r = run(['form', 'check', f]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /is valid/);
  }
});

// Each broken definition: what is changed, and the problem line expected.
const BROKEN = [
  ['an unknown item type', (d) => { d.item[2].type = 'slider'; }, /notes: Item 'notes' has the unknown type 'slider'/],
  ['a dangling enableWhen', (d) => { d.item[1].item[1].enableWhen[0].question = 'at_school'; },
    /days_missed\.enableWhen: .*'at_school', which is not in the form/],
  ['a duplicate linkId', (d) => { d.item[2].linkId = 'sleep'; }, /sleep: The linkId 'sleep' is used by more than one item/],
  ['an unknown enableWhen operator', (d) => { d.item[1].item[1].enableWhen[0].operator = 'is'; },
    /days_missed\.enableWhen: .*operator 'is'/],
  ['answerOption on a non-choice', (d) => { d.item[2].answerOption = [{ valueString: 'a' }]; },
    /notes\.answerOption: Item 'notes' has answerOption but is not a choice/],
  ['maxLength on a number', (d) => { d.item[1].item[1].maxLength = 3; }, /days_missed\.maxLength: /],
  ['a version that is not a whole number', (d) => { d.version = '1.0'; }, /version: The form's version must be a whole number/],
  ['a flag naming a missing item', (d) => { d.extension[0].extension[1].valueString = 'mod'; },
    /mod: The flag 'low-wellbeing' names the item 'mod', which is not in the form/],
  ['not a Questionnaire', (d) => { d.resourceType = 'Patient'; }, /resourceType: The resourceType must be 'Questionnaire'/],
];

for (const [what, change, want] of BROKEN) {
  test(`form check: ${what} is reported and the exit status is 1`, () => {
    const d = good();
    change(d);
    withFile(d, (path) => {
      const r = run(['form', 'check', path]);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, want);
      assert.ok(r.stderr.split('\n').every((l) => !l || l.startsWith(`${path}: `)), r.stderr);
    });
  });
}

test('form check: every problem of a file is listed, one a line', () => {
  const d = good();
  d.item[2].type = 'slider';
  d.item[1].item[1].enableWhen[0].question = 'nowhere';
  d.item[0].item[1].linkId = 'sleep';
  withFile(d, (path) => {
    const r = run(['form', 'check', path]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').length, 3, r.stderr);
  });
});

test('form check: not JSON, a missing file, no file', () => {
  withFile('{"resourceType": "Questionnaire",', (path) => {
    const r = run(['form', 'check', path]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /is not valid JSON: line 1/);
  });
  const missing = run(['form', 'check', '/nonexistent/form.json']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /Cannot read/);
  const none = run(['form', 'check']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /usage: spire form/);
  assert.equal(run(['form', 'frobnicate']).status, 2);
});

test('form list: the forms of a directory, by id and version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  try {
    copyFileSync('forms/prevention-diversion.json', join(dir, 'prevention-diversion.json'));
    copyFileSync('tests/forms/wellbeing-check.json', join(dir, 'wellbeing-check.json'));
    const v2 = good();
    v2.version = '2';
    writeFileSync(join(dir, 'wellbeing-check.v2.json'), JSON.stringify(v2));
    const r = run(['form', 'list', '--forms', dir]);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join('@')).sort();
    assert.deepEqual(rows, ['prevention-diversion@1', 'wellbeing-check@1', 'wellbeing-check@2']);
    const env = run(['form', 'list'], { SPIRE_FORMS_DIR: dir });
    assert.equal(env.stdout, r.stdout, 'SPIRE_FORMS_DIR is the default');
    // The same id and version twice is refused.
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(good()));
    const dup = run(['form', 'list', '--forms', dir]);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /the form 'wellbeing-check' version 1 a second time/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the server does not start with a form it cannot check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-forms-'));
  try {
    const db = makeDb(dir, { users: [], teams: [] });
    const d = good();
    d.item[2].type = 'slider';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(d));
    const r = run(['serve', '--db', db, '--listen', '127.0.0.1:0'], { SPIRE_FORMS_DIR: dir });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /bad\.json: Item 'notes' has the unknown type 'slider'/);
    assert.ok(spire(['form', 'list', '--forms', 'forms']).includes('prevention-diversion'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

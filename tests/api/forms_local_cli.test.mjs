// `spire form check` on Spire's local extensions of the whole-family
// pathway (docs/forms.md): support-proposal, confidential-to-subject,
// scale-anchors, distance-travelled and distance-block, pre-post. The
// shipped forms that use them are valid; each bad use is refused, naming
// the linkId (or the extension) and exiting 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './lib.mjs';

const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });
const load = (id) => JSON.parse(readFileSync(`forms/${id}.json`, 'utf8'));
const E = 'https://spire.example/fhir/StructureDefinition/';
const ext = (x, url) => x.extension.find((e) => e.url === E + url);
const sub = (x, url) => x.extension.find((e) => e.url === url);

function check(doc) {
  const dir = mkdtempSync(join(tmpdir(), 'spire-form-'));
  const path = join(dir, 'form.json');
  writeFileSync(path, JSON.stringify(doc));
  try { return run(['form', 'check', path]); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('form check: the forms using the local extensions are valid', () => {
  for (const id of ['parent-self-assessment', 'steps-to-change', 'parenting-confidence']) {
    const r = run(['form', 'check', `forms/${id}.json`]);
    assert.equal(r.status, 0, r.stderr);
  }
});

const psaGroup = (d) => d.item.find((i) => i.linkId === 'mental_health');
const block = (d) => d.item.find((i) => i.linkId === 'health').item[0];
const BROKEN = [
  ['parent-self-assessment', 'a proposal on a question', (d) => {
    const g = psaGroup(d); g.item[0].extension = [g.extension[0]];
  }, /mental_health_need: Item 'mental_health_need': a support proposal goes on a group/],
  ['parent-self-assessment', 'a proposal whose condition names no question', (d) => {
    sub(ext(psaGroup(d), 'support-proposal'), 'when').extension[0].valueString = 'mood';
  }, /mental_health: .*names 'mood', which is not a question/],
  ['parent-self-assessment', 'a proposal without an action', (d) => {
    const x = ext(psaGroup(d), 'support-proposal'); x.extension = x.extension.filter((e) => e.url !== 'action');
  }, /mental_health: .*needs the action proposed/],
  ['parent-self-assessment', 'a proposal without a condition', (d) => {
    const x = ext(psaGroup(d), 'support-proposal'); x.extension = x.extension.filter((e) => e.url !== 'when');
  }, /mental_health: .*at least one condition/],
  ['parent-self-assessment', 'a proposal with a bad domain code', (d) => {
    sub(ext(psaGroup(d), 'support-proposal'), 'domain').valueCode = 'Mental Health';
  }, /mental_health: .*domain as a valueCode/],
  ['parent-self-assessment', 'a proposal condition with an unknown operator', (d) => {
    sub(ext(psaGroup(d), 'support-proposal'), 'when').extension[1].valueCode = 'is';
  }, /mental_health: .*needs an operator/],
  ['parent-self-assessment', 'confidential to an unknown share', (d) => {
    ext(d, 'confidential-to-subject').valueCode = 'everything';
  }, /extension: confidential-to-subject needs a valueCode of the consent_shares vocabulary/],
  ['steps-to-change', 'scale anchors on a text item', (d) => {
    block(d).item[2].extension = [ext(block(d).item[0], 'scale-anchors')];
  }, /physical_wellbeing_note: Item 'physical_wellbeing_note': scale anchors go on an integer item/],
  ['steps-to-change', 'scale anchors without a high descriptor', (d) => {
    const x = ext(block(d).item[0], 'scale-anchors'); x.extension = [x.extension[0]];
  }, /physical_wellbeing_practitioner: .*'high' descriptor/],
  ['steps-to-change', 'a scale of 40 points', (d) => {
    block(d).item[0].extension.find((e) => e.url.endsWith('/maxValue')).valueInteger = 40;
  }, /physical_wellbeing_practitioner: .*a scale runs over 2 to 20 points/],
  ['steps-to-change', 'a block naming a score that is not a scale', (d) => {
    sub(ext(block(d), 'distance-block'), 'family').valueString = 'physical_wellbeing_note';
  }, /physical_wellbeing: Group 'physical_wellbeing': the block's 'family' score must name a scale item/],
  ['steps-to-change', 'a distance rule whose stage is not a stage question', (d) => {
    sub(ext(d, 'distance-travelled'), 'stage').valueString = 'assessment';
  }, /assessment: The distance-travelled rule's stage must name a choice question .* start, review and end/],
  ['steps-to-change', 'blocks without the distance rule', (d) => {
    d.extension = [];
  }, /extension: A distance-block needs the form's distance-travelled rule/],
  ['steps-to-change', 'a low threshold that is not a whole number', (d) => {
    sub(ext(d, 'distance-travelled'), 'low').valueInteger = 'three';
  }, /extension: distance-travelled's low threshold is a valueInteger/],
  ['parenting-confidence', 'a pre/post group that is not scored', (d) => {
    sub(ext(d, 'pre-post'), 'group').valueString = 'timing';
  }, /timing: The pre-post rule names the group 'timing', which is not a scored group/],
  ['parenting-confidence', 'a pre/post stage without pre and post', (d) => {
    d.item[0].item[0].answerOption[1].valueCoding.code = 'after';
  }, /when: The pre-post rule's stage must name a choice question .* pre and post/],
];

for (const [id, what, change, want] of BROKEN) {
  test(`form check: ${what} is refused`, () => {
    const d = load(id);
    change(d);
    const r = check(d);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, want);
  });
}

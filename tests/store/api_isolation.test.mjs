// The API tests observe Spire only as its users and operators can (the HTTP
// API and the spire CLI), never by opening the database file, so that they
// run unchanged on any backend; tests whose subject is the file live here in
// tests/store. The same rule is in scripts/lint.sh; this makes `make test`
// hold to it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = /sqlite|\bsql\(|from '\.\.\/store\/|(readFileSync|openSync|createReadStream)\([^)]*\.db\b/;

test('no file under tests/api opens the database file or runs sqlite3', () => {
  const dir = 'tests/api';
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
  assert.ok(files.length > 20, `only ${files.length} API test files`);
  const found = [];
  for (const f of files) {
    readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
      if (FORBIDDEN.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, [], 'tests/api must observe through the API and the CLI only');
});

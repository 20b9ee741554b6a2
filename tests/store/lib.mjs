// Shared harness for the store-level tests: tests whose subject is the
// database file itself (the audit chain catching an edited row, a full
// disk, migrations, backups, the demo generator's output). They use the
// API tests' harness (tests/api/lib.mjs) and may also open the file with
// the sqlite3 CLI, which the API tests may not (scripts/lint.sh).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export * from '../api/lib.mjs';

// sql(db, text): run SQL on the database file db with the sqlite3 CLI,
// waiting up to 5 s for a running server's write lock (reads go on beside
// it in WAL mode); the output, trimmed.
// The access log (FILE.access) is attached as `access`, as Spire attaches
// it; TRAIL is the whole audit trail, both chains (docs/audit.md).
export const TRAIL = '(SELECT * FROM main.audit UNION ALL SELECT * FROM access.audit)';
export function sql(db, text) {
  const attach = existsSync(`${db}.access`) ? ['-cmd', `ATTACH '${db}.access' AS access`] : [];
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', ...attach, db, text], { encoding: 'utf8' }).trim();
}

// count(db, table, where): the number of rows in table matching where.
export function count(db, table, where = '1') {
  return Number(sql(db, `SELECT count(*) FROM ${table} WHERE ${where}`));
}

// The one-time copy from DATA_DIR to PostgreSQL: an earlier console's audit.db (its own schema, no
// subjects) arrives whole, a second run adds nothing, and the command says so.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_DB_FILE, openPostgresAuditStore, openSqliteAuditStore } from '../audit/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { copyDataDirToPostgres } from './copy-store';

const RECORDS = 1234;
let postgres: TestPostgres;
let dataDir: string;
beforeAll(async () => {
  postgres = await startTestPostgres();
  dataDir = mkdtempSync(join(tmpdir(), 'store-copy-'));
  // audit.db as consoles before the Kysely migrations wrote it.
  const legacy = new Database(join(dataDir, AUDIT_DB_FILE));
  legacy.exec(`CREATE TABLE audit_record (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, user_name TEXT NOT NULL, target TEXT NOT NULL,
    task_id TEXT NOT NULL, task_name TEXT, status_before TEXT, reason TEXT, action TEXT NOT NULL, batch_id TEXT,
    outcome TEXT NOT NULL, status_after TEXT, error_code TEXT, upstream_error_code TEXT, upstream_request_id TEXT,
    request_id TEXT NOT NULL, finished_at TEXT) STRICT`);
  legacy.pragma('user_version = 1');
  const insert = legacy.prepare(
    `INSERT INTO audit_record (id, at, user_name, target, task_id, task_name, status_before, reason, action, batch_id, outcome, status_after, request_id, finished_at)
     VALUES (?, ?, ?, 'east', ?, ?, 'INCRMIGEATING', ?, ?, ?, ?, ?, ?, ?)`,
  );
  legacy.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const batch = i % 10 === 0 ? `batch-${i}` : null;
      insert.run(`rec-${i}`, at, i % 3 ? 'alice' : 'bob', `task-${i % 40}`, `orders ${i}`, i % 2 ? 'wrong target' : null, batch ? 'batch-stop' : 'stop', batch, i % 7 ? 'accepted' : 'refused', i % 7 ? 'TERMINATING' : null, `req-${i}`, at);
    }
  })();
  legacy.close();
});
afterAll(async () => {
  await postgres.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const everything = { offset: 0, limit: 200 };
async function allRecords(store: ReturnType<typeof openSqliteAuditStore>) {
  const records = [];
  for await (const page of store.exportAll()) records.push(...page);
  return records;
}

describe('npm run store:copy', () => {
  it('copies every audit record as it was, then adds nothing on a second run', async () => {
    const url = postgres.createDatabase('copy_direct');
    expect(await copyDataDirToPostgres(dataDir, url)).toEqual({ audit: { read: RECORDS, added: RECORDS, alreadyThere: 0 } });
    expect(await copyDataDirToPostgres(dataDir, url)).toEqual({ audit: { read: RECORDS, added: 0, alreadyThere: RECORDS } });

    const source = openSqliteAuditStore(dataDir);
    const target = openPostgresAuditStore(url);
    try {
      const [before, after] = await Promise.all([allRecords(source), allRecords(target)]);
      expect(after).toHaveLength(RECORDS);
      expect(after).toEqual(before); // same ids, times, users, outcomes, in the same order
      // The Activity page's view (newest first, filters) reads the same on both.
      expect(await target.list({ ...everything, user: 'bob' })).toEqual(await source.list({ ...everything, user: 'bob' }));
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('as a command: prints what it copied, never the password, and refuses a folder that does not exist', async () => {
    const url = postgres.createDatabase('copy_cli').replace('postgres@', 'postgres:not-a-real-secret@');
    const run = (args: string[]) => promisify(execFile)('npx', ['tsx', 'src/server/admin/copy-store-cli.ts', ...args], { cwd: process.cwd() });
    const { stdout } = await run(['--from', dataDir, '--to', url]);
    expect(stdout).toContain(`audit records: ${RECORDS} read, ${RECORDS} added, 0 already there`);
    expect(stdout).not.toContain('not-a-real-secret');
    const missing = await run(['--from', join(dataDir, 'nope'), '--to', url]).catch((error: { code: number; stderr: string }) => error);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^store:copy failed: DATA_DIR .*nope does not exist/) });
  });
});

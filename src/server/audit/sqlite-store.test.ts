import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditAttempt } from './testing/attempts';
import { AUDIT_DB_FILE, openSqliteAuditStore } from './sqlite-store';
import type { AuditStore } from './store';

let dir: string;
let clock: number;
const now = () => new Date(clock);
const stores: AuditStore[] = [];
const open = (dataDir = dir) => {
  const store = openSqliteAuditStore(dataDir, { now });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-store-'));
  clock = Date.parse('2025-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const attempt = auditAttempt;
const page = { offset: 0, limit: 50 };

describe('SQLite audit store', () => {
  it('keeps records across reopening, in a WAL database with its schema version set, and creates DATA_DIR', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = openSqliteAuditStore(dataDir, { now });
    const [record] = await first.begin([attempt()]);
    await first.close();
    await first.close(); // idempotent
    await expect(first.list(page)).rejects.toThrow(/closed/);

    const raw = new Database(join(dataDir, AUDIT_DB_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();

    const again = open(dataDir);
    expect((await again.list(page)).records).toEqual([record]);
  });

  it("takes over an earlier console's audit.db in place: every record kept, new ones with a subject", async () => {
    // The file exactly as consoles before the Kysely migrations wrote it (schema version 1).
    const legacy = new Database(join(dir, AUDIT_DB_FILE));
    legacy.exec(LEGACY_SCHEMA);
    legacy.pragma('user_version = 1');
    const insert = legacy.prepare(
      `INSERT INTO audit_record (id, at, user_name, target, task_id, task_name, status_before, reason, action, batch_id, outcome, request_id)
       VALUES (?, ?, 'alice', 'east', ?, 'orders', 'INCRMIGEATING', NULL, 'stop', NULL, 'accepted', ?)`,
    );
    for (let i = 0; i < 25; i++) insert.run(`old-${i}`, `2025-02-01T10:00:${String(i).padStart(2, '0')}.000Z`, `task-${i}`, `req-${i}`);
    legacy.close();

    const store = open();
    const before = await store.list({ offset: 0, limit: 200 });
    expect(before.count).toBe(25);
    expect(before.records[0]).toMatchObject({ id: 'old-24', user: 'alice', user_subject: null, task_name: 'orders', outcome: 'accepted' });
    const [fresh] = await store.begin([attempt({ subject: 'https://idp.example|alice' })]);
    expect(fresh).toMatchObject({ user: 'alice', user_subject: 'https://idp.example|alice' });
    expect((await store.list({ offset: 0, limit: 200 })).count).toBe(26);
    await store.close();
    // Still schema version 1 to an earlier console, which keeps working with the file.
    const raw = new Database(join(dir, AUDIT_DB_FILE), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
  });

  it('refuses a database written by a newer console, naming the file', async () => {
    const raw = new Database(join(dir, AUDIT_DB_FILE));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteAuditStore(dir)).toThrow(/audit\.db cannot be opened: its schema version 99 is newer/);
  });

  it('says which folder it cannot use', () => {
    const file = join(dir, 'a-file');
    new Database(file).close();
    expect(() => openSqliteAuditStore(file)).toThrow(/a-file.*cannot be opened/);
  });

  it('works in memory for unit tests', async () => {
    const store = open(':memory:');
    await store.begin([attempt()]);
    expect((await store.list(page)).count).toBe(1);
  });
});

/** audit.db's schema as every console before the Kysely migrations created it. */
const LEGACY_SCHEMA = `CREATE TABLE audit_record (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, user_name TEXT NOT NULL, target TEXT NOT NULL,
  task_id TEXT NOT NULL, task_name TEXT, status_before TEXT, reason TEXT, action TEXT NOT NULL, batch_id TEXT,
  outcome TEXT NOT NULL, status_after TEXT, error_code TEXT, upstream_error_code TEXT, upstream_request_id TEXT,
  request_id TEXT NOT NULL, finished_at TEXT
) STRICT;
CREATE INDEX audit_record_task ON audit_record (task_id, at);
CREATE INDEX audit_record_user ON audit_record (user_name, at);
CREATE INDEX audit_record_at ON audit_record (at);`;
